"""Request bodies built by galileo 2.7.0's own models (`galileo.resources.models`), exactly
as its `to_dict()` printed them: LogRecordsExportRequest, LogRecordsQueryRequest and
LogRecordsAvailableColumnsRequest with every filter kind (text, number, date, id,
collection, boolean, fully_annotated), a filter tree, a sort, and the newer fields
(file_name, include_code_metric_metadata, previous_last_row_id, start_time/end_time).

Made once with the vendor package installed in a throwaway environment (never a dependency
of tracebridge); kept here as data so the tests need nothing but our own clients.
"""

from typing import Any

EXPORT_RECORDS: list[dict[str, Any]] = [
    {
        "root_type": "trace",
        "column_ids": ["id", "input", "metrics/duration_ns"],
        "export_format": "csv",
        "redact": False,
        "file_name": "q3-traces",
        "export_computed_metrics_only": False,
        "log_stream_id": "6f1c0a3e-8d2b-4c59-9e7a-0b3d5f2a1c44",
        "filters": [
            {
                "column_id": "input",
                "operator": "contains",
                "value": "refund",
                "case_sensitive": False,
                "type": "text",
            },
            {
                "column_id": "metrics/duration_ns",
                "operator": "between",
                "value": [1000000, 5000000000],
                "type": "number",
            },
            {
                "column_id": "created_at",
                "operator": "gte",
                "value": "2025-01-01T00:00:00+00:00",
                "type": "date",
            },
            {"column_id": "session_id", "value": ["a1b2"], "operator": "one_of", "type": "id"},
            {
                "column_id": "tags",
                "operator": "contains",
                "value": "prod",
                "case_sensitive": True,
                "type": "collection",
            },
            {"column_id": "has_children", "value": True, "operator": "eq", "type": "boolean"},
            {"column_id": "fully_annotated", "type": "fully_annotated", "user_ids": ["u1"]},
        ],
        "sort": {"column_id": "updated_at", "ascending": False, "sort_type": "column"},
        "include_code_metric_metadata": True,
    },
    {
        "root_type": "span",
        "redact": True,
        "export_computed_metrics_only": False,
        "experiment_id": "0e9d8c7b-6a5f-4e3d-8c2b-1a0f9e8d7c6b",
        "include_code_metric_metadata": False,
    },
]

SEARCH: list[dict[str, Any]] = [
    {
        "starting_token": 200,
        "limit": 100,
        "previous_last_row_id": "b7c1",
        "log_stream_id": "6f1c0a3e-8d2b-4c59-9e7a-0b3d5f2a1c44",
        "filters": [
            {
                "column_id": "input",
                "operator": "contains",
                "value": "refund",
                "case_sensitive": False,
                "type": "text",
            },
            {
                "column_id": "metrics/duration_ns",
                "operator": "between",
                "value": [1000000, 5000000000],
                "type": "number",
            },
            {
                "column_id": "created_at",
                "operator": "gte",
                "value": "2025-01-01T00:00:00+00:00",
                "type": "date",
            },
        ],
        "filter_tree": {
            "and": [
                {
                    "filter": {
                        "column_id": "input",
                        "operator": "contains",
                        "value": "refund",
                        "case_sensitive": False,
                        "type": "text",
                    }
                },
                {
                    "not": {
                        "filter": {
                            "column_id": "has_children",
                            "value": True,
                            "operator": "eq",
                            "type": "boolean",
                        }
                    }
                },
            ]
        },
        "sort": {"column_id": "created_at", "ascending": True, "sort_type": "column"},
        "truncate_fields": True,
        "include_counts": True,
        "include_code_metric_metadata": True,
    }
]

AVAILABLE_COLUMNS: list[dict[str, Any]] = [
    {
        "experiment_id": "0e9d8c7b-6a5f-4e3d-8c2b-1a0f9e8d7c6b",
        "start_time": "2025-01-01T00:00:00+00:00",
        "end_time": "2025-02-01T00:00:00+00:00",
    }
]
