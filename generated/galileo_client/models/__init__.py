"""Contains all the data models used in inputs/outputs"""

from .and_node import AndNode
from .available_columns_request import AvailableColumnsRequest
from .available_columns_response import AvailableColumnsResponse
from .boolean_operator import BooleanOperator
from .collection_operator import CollectionOperator
from .column_info import ColumnInfo
from .date_operator import DateOperator
from .experiment import Experiment
from .export_format import ExportFormat
from .filter_leaf import FilterLeaf
from .http_error import HTTPError
from .http_validation_error import HTTPValidationError
from .id_operator import IdOperator
from .log_record import LogRecord
from .log_records_boolean_filter import LogRecordsBooleanFilter
from .log_records_collection_filter import LogRecordsCollectionFilter
from .log_records_count_request import LogRecordsCountRequest
from .log_records_count_response import LogRecordsCountResponse
from .log_records_date_filter import LogRecordsDateFilter
from .log_records_export_request import LogRecordsExportRequest
from .log_records_id_filter import LogRecordsIDFilter
from .log_records_number_filter import LogRecordsNumberFilter
from .log_records_query_request import LogRecordsQueryRequest
from .log_records_query_response import LogRecordsQueryResponse
from .log_records_text_filter import LogRecordsTextFilter
from .log_stream import LogStream
from .not_node import NotNode
from .number_operator import NumberOperator
from .or_node import OrNode
from .project import Project
from .record_fields import RecordFields
from .record_fields_metrics_type_0 import RecordFieldsMetricsType0
from .record_fields_user_metadata_type_0 import RecordFieldsUserMetadataType0
from .root_type import RootType
from .session_record import SessionRecord
from .sort_clause import SortClause
from .span_record import SpanRecord
from .span_type import SpanType
from .text_operator import TextOperator
from .trace_record import TraceRecord
from .validation_error_item import ValidationErrorItem
from .validation_error_item_ctx import ValidationErrorItemCtx

__all__ = (
    "AndNode",
    "AvailableColumnsRequest",
    "AvailableColumnsResponse",
    "BooleanOperator",
    "CollectionOperator",
    "ColumnInfo",
    "DateOperator",
    "Experiment",
    "ExportFormat",
    "FilterLeaf",
    "HTTPError",
    "HTTPValidationError",
    "IdOperator",
    "LogRecord",
    "LogRecordsBooleanFilter",
    "LogRecordsCollectionFilter",
    "LogRecordsCountRequest",
    "LogRecordsCountResponse",
    "LogRecordsDateFilter",
    "LogRecordsExportRequest",
    "LogRecordsIDFilter",
    "LogRecordsNumberFilter",
    "LogRecordsQueryRequest",
    "LogRecordsQueryResponse",
    "LogRecordsTextFilter",
    "LogStream",
    "NotNode",
    "NumberOperator",
    "OrNode",
    "Project",
    "RecordFields",
    "RecordFieldsMetricsType0",
    "RecordFieldsUserMetadataType0",
    "RootType",
    "SessionRecord",
    "SortClause",
    "SpanRecord",
    "SpanType",
    "TextOperator",
    "TraceRecord",
    "ValidationErrorItem",
    "ValidationErrorItemCtx",
)
