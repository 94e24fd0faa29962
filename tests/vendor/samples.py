"""Answers shaped like the vendors' own response models, one sample per model, every field
the model declares given a value (written by hand from galileo 2.7.0's
`galileo/resources/models/*.py` and respan-api 0.1.47's `respan/*/types/*.py`).

They are the second reading of each answer: our specs must declare every one of these
fields, so none ends in a model's `additional_properties`.
"""

from __future__ import annotations

from typing import Any

ID = "3f6b2a1c-9d8e-4f7a-8b6c-5d4e3f2a1b0c"
PROJECT = "8a7b6c5d-4e3f-4a2b-9c1d-0e9f8a7b6c5d"
RUN = "6f1c0a3e-8d2b-4c59-9e7a-0b3d5f2a1c44"
SESSION = "1d2c3b4a-5e6f-4a7b-8c9d-0e1f2a3b4c5d"
TRACE = "9e8d7c6b-5a4f-4e3d-9c2b-1a0f9e8d7c6b"
WHEN = "2025-06-01T12:00:00+00:00"
LATER = "2025-06-01T12:00:05+00:00"

MESSAGE = {"role": "user", "content": "Where is my refund?"}
REPLY = {"role": "assistant", "content": "It was sent on Monday.", "tool_calls": None}
DOCUMENT = {"content": "Refunds take 5 days.", "metadata": {"source": "faq.md"}}

# galileo: what every Extended*Record declares (ExtendedTraceRecord's order)
_RECORD_COMMON: dict[str, Any] = {
    "id": ID,
    "session_id": SESSION,
    "project_id": PROJECT,
    "run_id": RUN,
    "name": "refund question",
    "created_at": WHEN,
    "user_metadata": {"tenant": "acme"},
    "tags": ["prod"],
    "status_code": 200,
    "external_id": "ext-42",
    "dataset_input": "Where is my refund?",
    "dataset_output": "Sent Monday.",
    "dataset_metadata": {"row": "7"},
    "updated_at": LATER,
    "has_children": True,
    "metrics_batch_id": "mb-1",
    "session_batch_id": "sb-1",
    "feedback_rating_info": {"thumbs": {"count": 1}},
    "annotations": {"q1": {"u1": {"value": "good"}}},
    "file_ids": ["file-1"],
    "file_modalities": ["text"],
    "annotation_aggregates": {"q1": {"count": 1}},
    "annotation_agreement": {"q1": 1.0},
    "overall_annotation_agreement": 0.5,
    "annotation_queue_ids": ["queue-1"],
    "fully_annotated": False,
    "progress_message": "",
    "error_message": "",
    "metric_info": {"correctness": {"status": "success"}},
    "files": {"file-1": {"name": "a.txt"}},
}

GALILEO_TRACE: dict[str, Any] = {
    **_RECORD_COMMON,
    "type": "trace",
    "trace_id": TRACE,
    "input": "Where is my refund?",
    "redacted_input": "Where is my [REDACTED]?",
    "output": "It was sent on Monday.",
    "redacted_output": "It was sent on [REDACTED].",
    "metrics": {"duration_ns": 1_500_000_000},
    "is_complete": True,
    "num_spans": 3,
}

GALILEO_LLM_SPAN: dict[str, Any] = {
    **_RECORD_COMMON,
    "type": "llm",
    "trace_id": TRACE,
    "parent_id": TRACE,
    "input": [MESSAGE],
    "redacted_input": [MESSAGE],
    "output": REPLY,
    "redacted_output": REPLY,
    "metrics": {
        "duration_ns": 900_000_000,
        "num_input_tokens": 12,
        "num_output_tokens": 8,
        "num_total_tokens": 20,
        "time_to_first_token_ns": 200_000_000,
        "num_image_input_tokens": 0,
        "num_audio_input_tokens": 0,
        "num_audio_output_tokens": 0,
        "num_image_output_tokens": 0,
    },
    "is_complete": True,
    "step_number": 1,
    "tools": [{"type": "function", "function": {"name": "lookup"}}],
    "events": [{"type": "message", "content": "thinking"}],
    "model": "gpt-4o",
    "temperature": 0.2,
    "finish_reason": "stop",
}

GALILEO_AGENT_SPAN: dict[str, Any] = {
    **_RECORD_COMMON,
    "type": "agent",
    "trace_id": TRACE,
    "parent_id": TRACE,
    "input": [MESSAGE],
    "redacted_input": None,
    "output": REPLY,
    "redacted_output": None,
    "metrics": {"duration_ns": 2_000_000_000},
    "is_complete": True,
    "step_number": 0,
    "agent_type": "planner",
}

GALILEO_TOOL_SPAN: dict[str, Any] = {
    **_RECORD_COMMON,
    "type": "tool",
    "trace_id": TRACE,
    "parent_id": TRACE,
    "input": '{"order": 7}',
    "redacted_input": None,
    "output": '{"status": "sent"}',
    "redacted_output": None,
    "metrics": {"duration_ns": 30_000_000},
    "is_complete": True,
    "step_number": 2,
    "tool_call_id": "call_1",
}

GALILEO_RETRIEVER_SPAN: dict[str, Any] = {
    **_RECORD_COMMON,
    "type": "retriever",
    "trace_id": TRACE,
    "parent_id": TRACE,
    "input": "refund policy",
    "redacted_input": None,
    "output": [DOCUMENT],
    "redacted_output": None,
    "metrics": {"duration_ns": 40_000_000},
    "is_complete": True,
    "step_number": 3,
}

GALILEO_WORKFLOW_SPAN: dict[str, Any] = {
    **_RECORD_COMMON,
    "type": "workflow",
    "trace_id": TRACE,
    "parent_id": TRACE,
    "input": "Where is my refund?",
    "redacted_input": None,
    "output": [DOCUMENT],
    "redacted_output": None,
    "metrics": {"duration_ns": 1_000_000_000},
    "is_complete": True,
    "step_number": 4,
}

GALILEO_CONTROL_SPAN: dict[str, Any] = {
    **_RECORD_COMMON,
    "type": "control",
    "trace_id": TRACE,
    "parent_id": TRACE,
    "input": "Where is my refund?",
    "redacted_input": None,
    "output": {"passed": True, "reason": "no PII"},
    "redacted_output": None,
    "metrics": {"duration_ns": 5_000_000},
    "is_complete": True,
    "step_number": 5,
    "control_id": 3,
    "agent_name": "support",
    "check_stage": "pre",
    "applies_to": "input",
    "evaluator_name": "pii",
    "selector_path": "$.input",
}

GALILEO_SESSION: dict[str, Any] = {
    **{key: value for key, value in _RECORD_COMMON.items() if key != "session_id"},
    "type": "session",
    "session_id": SESSION,
    "trace_id": None,
    "input": [MESSAGE],
    "redacted_input": None,
    "output": "It was sent on Monday.",
    "redacted_output": None,
    "metrics": {"duration_ns": 3_000_000_000},
    "previous_session_id": None,
    "num_traces": 4,
}

GALILEO_RECORDS = [
    GALILEO_TRACE,
    GALILEO_LLM_SPAN,
    GALILEO_AGENT_SPAN,
    GALILEO_TOOL_SPAN,
    GALILEO_RETRIEVER_SPAN,
    GALILEO_WORKFLOW_SPAN,
    GALILEO_CONTROL_SPAN,
    GALILEO_SESSION,
]

# LogRecordsQueryResponse, with and without `records` (optional in galileo's model)
GALILEO_SEARCH_PAGE: dict[str, Any] = {
    "starting_token": 0,
    "limit": 100,
    "paginated": True,
    "next_starting_token": None,
    "last_row_id": SESSION,
    "records": GALILEO_RECORDS,
}
GALILEO_SEARCH_PAGE_WITHOUT_RECORDS: dict[str, Any] = {
    "starting_token": 0,
    "limit": 100,
    "paginated": False,
    "next_starting_token": None,
    "last_row_id": None,
}

# LogRecordsAvailableColumnsResponse / LogRecordsColumnInfo
GALILEO_COLUMNS: dict[str, Any] = {
    "columns": [
        {
            "id": "metrics/correctness",
            "category": "metric",
            "data_type": "floating_point",
            "label": "Correctness",
            "description": "How correct the answer is.",
            "group_label": "Quality",
            "data_unit": "percentage",
            "multi_valued": False,
            "allowed_values": None,
            "sortable": True,
            "filterable": True,
            "is_empty": False,
            "applicable_types": ["trace", "llm"],
            "is_optional": False,
            "roll_up_method": "average",
            "metric_key_alias": "correctness",
            "scorer_config": {"name": "correctness", "model_name": "gpt-4o"},
            "scorer_id": "scorer-1",
            "insight_type": None,
            "filter_type": "number",
            "threshold": {"inverted": False, "buckets": [0.5, 0.8]},
            "label_color": "positive",
        }
    ]
}

# respan: ScoreValue as the experiment trace models declare it
SCORE = {
    "evaluator_id": "ev_1",
    "evaluator_slug": "accuracy",
    "evaluator_name": "Accuracy",
    "score_value_type": "numerical",
    "numerical_value": 0.9,
    "string_value": None,
    "boolean_value": None,
    "categorical_value": None,
    "json_value": None,
    "avg_score": 0.85,
    "true_count": None,
    "false_count": None,
    "explanation": "Matches the reference.",
}
SUMMARY_SCORE = {**SCORE, "evaluator_family_id": "fam_1"}

# ListExperimentsResponseResultsItem
RESPAN_EXPERIMENT: dict[str, Any] = {
    "id": "exp_1",
    "name": "prompt v2",
    "description": "second prompt",
    "dataset": "ds_1",
    "dataset_id": "ds_1",
    "dataset_name": "support questions",
    "workflow_count": 2,
    "status": "completed",
    "progress": 100.0,
    "created_at": "2025-06-01T12:00:00Z",
    "started_at": "2025-06-01T12:00:01Z",
    "completed_at": "2025-06-01T12:10:00Z",
    "tags": [{"name": "v2", "color": "blue"}],
}
# RetrieveExperimentResponse
RESPAN_EXPERIMENT_DETAIL: dict[str, Any] = {
    **RESPAN_EXPERIMENT,
    "workflow": [{"type": "prompt", "config": {"prompt_id": "p1"}}],
    "evaluator_ids": ["ev_1"],
    "evaluator_slugs": ["accuracy"],
    "evaluator_workflow_ids": [],
    "batch_size": 10,
    "concurrency": 4,
    "enable_tracing": True,
    "error_message": None,
}

_TRACE_FIELDS: dict[str, Any] = {
    "trace_unique_id": "tr_1",
    "root_span_unique_id": "sp_root",
    "environment": "production",
    "customer_identifier": "customer_42",
    "name": "refund question",
    "input": '{"question": "Where is my refund?"}',
    "output": '{"answer": "Sent Monday."}',
    "expected_output": {"answer": "Sent Monday."},
    "status": "success",
    "comparison_key": "row_7",
    "start_time": "2025-06-01T12:00:00Z",
    "end_time": "2025-06-01T12:00:02Z",
    "duration": 2.0,
    "span_count": 3,
    "llm_call_count": 1,
    "total_cost": 0.0012,
    "total_tokens": 120,
    "total_prompt_tokens": 100,
    "total_completion_tokens": 20,
    "error_count": 0,
}
# ListExperimentSpansResponseResultsItem
RESPAN_TRACE: dict[str, Any] = {"id": "log_1", **_TRACE_FIELDS, "scores": {"ev_1": SCORE}}
# The same with scores as plain numbers (typed as any JSON by respan-api for dataset spans)
RESPAN_TRACE_PLAIN_SCORES: dict[str, Any] = {**RESPAN_TRACE, "scores": {"accuracy": 0.9}}
# RetrieveExperimentSpanResponse: span_tree items are trace-shaped
RESPAN_TRACE_DETAIL: dict[str, Any] = {
    **RESPAN_TRACE,
    "span_tree": [
        {
            "id": "sp_root",
            **_TRACE_FIELDS,
            "scores": {"ev_1": SCORE},
            "span_name": "workflow",
            "log_type": "workflow",
            "model": None,
            "children": [{"id": "sp_llm", "span_name": "chat", "log_type": "chat"}],
        }
    ],
}
# ListDatasetLogsResponseCountResultsItem
RESPAN_DATASET_SPAN: dict[str, Any] = {
    "id": "span_1",
    "unique_id": "span_1",
    "organization_id": "org_1",
    "environment": "production",
    "timestamp": "2025-06-01T12:00:00Z",
    "start_time": "2025-06-01T11:59:59Z",
    "prompt_tokens": 100,
    "completion_tokens": 20,
    "total_request_tokens": 120,
    "cost": 0.0012,
    "model": "gpt-4o",
    "latency": 1.2,
    "status_code": 200,
    "status": "success",
    "prompt": "Where is my refund?",
    "completion": "Sent Monday.",
    "input": [{"role": "user", "content": "Where is my refund?"}],
    "output": {"role": "assistant", "content": "Sent Monday."},
    "dataset_id": "ds_1",
    "annotation_status": "completed",
    "annotation_completed_by": {"first_name": "Ada", "last_name": "L", "email": "ada@example.com"},
    "scores": {"accuracy": 0.9, "tone": "polite", "checked": True},
    "metadata": {"tenant": "acme"},
    "custom_identifier": "ticket-7",
    "log_type": "chat",
}


def page(results: list[dict[str, Any]]) -> dict[str, Any]:
    """The paginated envelope every Respan list answer shares."""
    return {"count": len(results), "next": None, "previous": None, "results": results}
