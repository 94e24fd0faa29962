"""Contains all the data models used in inputs/outputs"""

from .annotation_user import AnnotationUser
from .dataset_span_filter_request import DatasetSpanFilterRequest
from .dataset_span_filter_request_export_format import DatasetSpanFilterRequestExportFormat
from .dataset_span_list import DatasetSpanList
from .dataset_span_list_filter_options import DatasetSpanListFilterOptions
from .dataset_span_list_filters_data import DatasetSpanListFiltersData
from .error_detail import ErrorDetail
from .error_detail_errors import ErrorDetailErrors
from .experiment import Experiment
from .experiment_create import ExperimentCreate
from .experiment_detail import ExperimentDetail
from .experiment_list import ExperimentList
from .experiment_update import ExperimentUpdate
from .experiments_summary import ExperimentsSummary
from .export_message import ExportMessage
from .filter_condition import FilterCondition
from .filter_operator import FilterOperator
from .filter_request import FilterRequest
from .filters import Filters
from .histogram_bin import HistogramBin
from .histogram_stats import HistogramStats
from .list_filter import ListFilter
from .list_filter_operator import ListFilterOperator
from .list_filter_request import ListFilterRequest
from .log_filter_request import LogFilterRequest
from .log_filter_request_operator import LogFilterRequestOperator
from .page import Page
from .page_current_filters import PageCurrentFilters
from .plain_range import PlainRange
from .rate_limit_error import RateLimitError
from .resume_trace_request import ResumeTraceRequest
from .resume_trace_request_metadata import ResumeTraceRequestMetadata
from .resume_trace_request_metrics import ResumeTraceRequestMetrics
from .resume_trace_response import ResumeTraceResponse
from .score_histogram import ScoreHistogram
from .score_value import ScoreValue
from .scores_type_0 import ScoresType0
from .span import Span
from .span_list import SpanList
from .span_metadata_type_0 import SpanMetadataType0
from .span_tree_node import SpanTreeNode
from .span_tree_node_children_type_0_item import SpanTreeNodeChildrenType0Item
from .trace import Trace
from .trace_detail import TraceDetail
from .trace_fields import TraceFields
from .trace_fields_metadata_type_0 import TraceFieldsMetadataType0
from .trace_list import TraceList
from .trace_summary import TraceSummary
from .trace_summary_scores import TraceSummaryScores
from .truthy_flag import TruthyFlag
from .workflow_step import WorkflowStep
from .workflow_step_config import WorkflowStepConfig

__all__ = (
    "AnnotationUser",
    "DatasetSpanFilterRequest",
    "DatasetSpanFilterRequestExportFormat",
    "DatasetSpanList",
    "DatasetSpanListFilterOptions",
    "DatasetSpanListFiltersData",
    "ErrorDetail",
    "ErrorDetailErrors",
    "Experiment",
    "ExperimentCreate",
    "ExperimentDetail",
    "ExperimentList",
    "ExperimentUpdate",
    "ExperimentsSummary",
    "ExportMessage",
    "FilterCondition",
    "FilterOperator",
    "FilterRequest",
    "Filters",
    "HistogramBin",
    "HistogramStats",
    "ListFilter",
    "ListFilterOperator",
    "ListFilterRequest",
    "LogFilterRequest",
    "LogFilterRequestOperator",
    "Page",
    "PageCurrentFilters",
    "PlainRange",
    "RateLimitError",
    "ResumeTraceRequest",
    "ResumeTraceRequestMetadata",
    "ResumeTraceRequestMetrics",
    "ResumeTraceResponse",
    "ScoreHistogram",
    "ScoreValue",
    "ScoresType0",
    "Span",
    "SpanList",
    "SpanMetadataType0",
    "SpanTreeNode",
    "SpanTreeNodeChildrenType0Item",
    "Trace",
    "TraceDetail",
    "TraceFields",
    "TraceFieldsMetadataType0",
    "TraceList",
    "TraceSummary",
    "TraceSummaryScores",
    "TruthyFlag",
    "WorkflowStep",
    "WorkflowStepConfig",
)
