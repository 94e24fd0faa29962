"""Contains all the data models used in inputs/outputs.

Each model's module is imported when its name is first used (`from .models import Trace`
loads trace.py and what it needs, not every model): importing the client stays cheap.
"""

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .and_node import AndNode
    from .available_columns_request import AvailableColumnsRequest
    from .available_columns_response import AvailableColumnsResponse
    from .boolean_operator import BooleanOperator
    from .collection_operator import CollectionOperator
    from .column_info import ColumnInfo
    from .date_operator import DateOperator
    from .experiment import Experiment
    from .experiment_aggregate_metrics_type_0 import ExperimentAggregateMetricsType0
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
    from .log_records_fully_annotated_filter import LogRecordsFullyAnnotatedFilter
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
    from .project_created_by_user_type_0 import ProjectCreatedByUserType0
    from .record_fields import RecordFields
    from .record_fields_annotation_aggregates_type_0 import RecordFieldsAnnotationAggregatesType0
    from .record_fields_annotation_agreement_type_0 import RecordFieldsAnnotationAgreementType0
    from .record_fields_annotations_type_0 import RecordFieldsAnnotationsType0
    from .record_fields_dataset_metadata_type_0 import RecordFieldsDatasetMetadataType0
    from .record_fields_feedback_rating_info_type_0 import RecordFieldsFeedbackRatingInfoType0
    from .record_fields_files_type_0 import RecordFieldsFilesType0
    from .record_fields_metric_info_type_0 import RecordFieldsMetricInfoType0
    from .record_fields_user_metadata_type_0 import RecordFieldsUserMetadataType0
    from .record_metrics import RecordMetrics
    from .root_type import RootType
    from .session_record import SessionRecord
    from .sort_clause import SortClause
    from .span_record import SpanRecord
    from .span_record_events_type_0_item import SpanRecordEventsType0Item
    from .span_record_tools_type_0_item import SpanRecordToolsType0Item
    from .span_type import SpanType
    from .text_operator import TextOperator
    from .trace_record import TraceRecord
    from .validation_error_item import ValidationErrorItem
    from .validation_error_item_ctx import ValidationErrorItemCtx

_MODULES = {
    "AndNode": ".and_node",
    "AvailableColumnsRequest": ".available_columns_request",
    "AvailableColumnsResponse": ".available_columns_response",
    "BooleanOperator": ".boolean_operator",
    "CollectionOperator": ".collection_operator",
    "ColumnInfo": ".column_info",
    "DateOperator": ".date_operator",
    "Experiment": ".experiment",
    "ExperimentAggregateMetricsType0": ".experiment_aggregate_metrics_type_0",
    "ExportFormat": ".export_format",
    "FilterLeaf": ".filter_leaf",
    "HTTPError": ".http_error",
    "HTTPValidationError": ".http_validation_error",
    "IdOperator": ".id_operator",
    "LogRecord": ".log_record",
    "LogRecordsBooleanFilter": ".log_records_boolean_filter",
    "LogRecordsCollectionFilter": ".log_records_collection_filter",
    "LogRecordsCountRequest": ".log_records_count_request",
    "LogRecordsCountResponse": ".log_records_count_response",
    "LogRecordsDateFilter": ".log_records_date_filter",
    "LogRecordsExportRequest": ".log_records_export_request",
    "LogRecordsFullyAnnotatedFilter": ".log_records_fully_annotated_filter",
    "LogRecordsIDFilter": ".log_records_id_filter",
    "LogRecordsNumberFilter": ".log_records_number_filter",
    "LogRecordsQueryRequest": ".log_records_query_request",
    "LogRecordsQueryResponse": ".log_records_query_response",
    "LogRecordsTextFilter": ".log_records_text_filter",
    "LogStream": ".log_stream",
    "NotNode": ".not_node",
    "NumberOperator": ".number_operator",
    "OrNode": ".or_node",
    "Project": ".project",
    "ProjectCreatedByUserType0": ".project_created_by_user_type_0",
    "RecordFields": ".record_fields",
    "RecordFieldsAnnotationAggregatesType0": ".record_fields_annotation_aggregates_type_0",
    "RecordFieldsAnnotationAgreementType0": ".record_fields_annotation_agreement_type_0",
    "RecordFieldsAnnotationsType0": ".record_fields_annotations_type_0",
    "RecordFieldsDatasetMetadataType0": ".record_fields_dataset_metadata_type_0",
    "RecordFieldsFeedbackRatingInfoType0": ".record_fields_feedback_rating_info_type_0",
    "RecordFieldsFilesType0": ".record_fields_files_type_0",
    "RecordFieldsMetricInfoType0": ".record_fields_metric_info_type_0",
    "RecordFieldsUserMetadataType0": ".record_fields_user_metadata_type_0",
    "RecordMetrics": ".record_metrics",
    "RootType": ".root_type",
    "SessionRecord": ".session_record",
    "SortClause": ".sort_clause",
    "SpanRecord": ".span_record",
    "SpanRecordEventsType0Item": ".span_record_events_type_0_item",
    "SpanRecordToolsType0Item": ".span_record_tools_type_0_item",
    "SpanType": ".span_type",
    "TextOperator": ".text_operator",
    "TraceRecord": ".trace_record",
    "ValidationErrorItem": ".validation_error_item",
    "ValidationErrorItemCtx": ".validation_error_item_ctx",
}


def __getattr__(name: str) -> Any:
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_MODULES})


__all__ = (
    "AndNode",
    "AvailableColumnsRequest",
    "AvailableColumnsResponse",
    "BooleanOperator",
    "CollectionOperator",
    "ColumnInfo",
    "DateOperator",
    "Experiment",
    "ExperimentAggregateMetricsType0",
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
    "LogRecordsFullyAnnotatedFilter",
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
    "ProjectCreatedByUserType0",
    "RecordFields",
    "RecordFieldsAnnotationAggregatesType0",
    "RecordFieldsAnnotationAgreementType0",
    "RecordFieldsAnnotationsType0",
    "RecordFieldsDatasetMetadataType0",
    "RecordFieldsFeedbackRatingInfoType0",
    "RecordFieldsFilesType0",
    "RecordFieldsMetricInfoType0",
    "RecordFieldsUserMetadataType0",
    "RecordMetrics",
    "RootType",
    "SessionRecord",
    "SortClause",
    "SpanRecord",
    "SpanRecordEventsType0Item",
    "SpanRecordToolsType0Item",
    "SpanType",
    "TextOperator",
    "TraceRecord",
    "ValidationErrorItem",
    "ValidationErrorItemCtx",
)
