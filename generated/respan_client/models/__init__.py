"""Contains all the data models used in inputs/outputs.

Each model's module is imported when its name is first used (`from .models import Trace`
loads trace.py and what it needs, not every model): importing the client stays cheap.
"""

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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

_MODULES = {
    "AnnotationUser": ".annotation_user",
    "DatasetSpanFilterRequest": ".dataset_span_filter_request",
    "DatasetSpanFilterRequestExportFormat": ".dataset_span_filter_request_export_format",
    "DatasetSpanList": ".dataset_span_list",
    "DatasetSpanListFilterOptions": ".dataset_span_list_filter_options",
    "DatasetSpanListFiltersData": ".dataset_span_list_filters_data",
    "ErrorDetail": ".error_detail",
    "ErrorDetailErrors": ".error_detail_errors",
    "Experiment": ".experiment",
    "ExperimentCreate": ".experiment_create",
    "ExperimentDetail": ".experiment_detail",
    "ExperimentList": ".experiment_list",
    "ExperimentUpdate": ".experiment_update",
    "ExperimentsSummary": ".experiments_summary",
    "ExportMessage": ".export_message",
    "FilterCondition": ".filter_condition",
    "FilterOperator": ".filter_operator",
    "FilterRequest": ".filter_request",
    "Filters": ".filters",
    "HistogramBin": ".histogram_bin",
    "HistogramStats": ".histogram_stats",
    "ListFilter": ".list_filter",
    "ListFilterOperator": ".list_filter_operator",
    "ListFilterRequest": ".list_filter_request",
    "LogFilterRequest": ".log_filter_request",
    "LogFilterRequestOperator": ".log_filter_request_operator",
    "Page": ".page",
    "PageCurrentFilters": ".page_current_filters",
    "PlainRange": ".plain_range",
    "RateLimitError": ".rate_limit_error",
    "ResumeTraceRequest": ".resume_trace_request",
    "ResumeTraceRequestMetadata": ".resume_trace_request_metadata",
    "ResumeTraceRequestMetrics": ".resume_trace_request_metrics",
    "ResumeTraceResponse": ".resume_trace_response",
    "ScoreHistogram": ".score_histogram",
    "ScoreValue": ".score_value",
    "ScoresType0": ".scores_type_0",
    "Span": ".span",
    "SpanList": ".span_list",
    "SpanMetadataType0": ".span_metadata_type_0",
    "SpanTreeNode": ".span_tree_node",
    "SpanTreeNodeChildrenType0Item": ".span_tree_node_children_type_0_item",
    "Trace": ".trace",
    "TraceDetail": ".trace_detail",
    "TraceFields": ".trace_fields",
    "TraceFieldsMetadataType0": ".trace_fields_metadata_type_0",
    "TraceList": ".trace_list",
    "TraceSummary": ".trace_summary",
    "TraceSummaryScores": ".trace_summary_scores",
    "TruthyFlag": ".truthy_flag",
    "WorkflowStep": ".workflow_step",
    "WorkflowStepConfig": ".workflow_step_config",
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
