from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from typing_extensions import Self

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.scores_type_0 import ScoresType0
    from ..models.trace_fields_metadata_type_0 import TraceFieldsMetadataType0


T = TypeVar("T", bound="TraceFields")


@_attrs_define
class TraceFields:
    """The fields of a trace row, none required (span-tree nodes share them).

    Attributes:
        id (str | Unset): The `log_id` of the per-trace routes.
        trace_unique_id (None | str | Unset):
        root_span_unique_id (None | str | Unset):
        environment (None | str | Unset):
        customer_identifier (None | str | Unset):
        name (None | str | Unset):
        input_ (Any | Unset): Often a JSON string.
        output (Any | Unset): Often a JSON string.
        expected_output (Any | Unset): A JSON value or a JSON string.
        status (None | str | Unset):
        comparison_key (None | str | Unset):
        start_time (datetime.datetime | None | Unset): Filtered and sorted as `timestamp` too (seed 001).
        end_time (datetime.datetime | None | Unset):
        duration (float | None | Unset): Seconds.
        span_count (int | None | Unset):
        llm_call_count (int | None | Unset):
        total_cost (float | None | Unset): Filtered and sorted as `cost` too (seeds 000, 001).
        total_tokens (int | None | Unset):
        total_prompt_tokens (int | None | Unset):
        total_completion_tokens (int | None | Unset):
        error_count (int | None | Unset):
        metadata (None | TraceFieldsMetadataType0 | Unset): Custom metadata, filterable as `metadata__<key>`.
        scores (None | ScoresType0 | Unset): Keyed by evaluator id or slug; filterable as `scores__<evaluator_id>`.
    """

    id: str | Unset = UNSET
    trace_unique_id: None | str | Unset = UNSET
    root_span_unique_id: None | str | Unset = UNSET
    environment: None | str | Unset = UNSET
    customer_identifier: None | str | Unset = UNSET
    name: None | str | Unset = UNSET
    input_: Any | Unset = UNSET
    output: Any | Unset = UNSET
    expected_output: Any | Unset = UNSET
    status: None | str | Unset = UNSET
    comparison_key: None | str | Unset = UNSET
    start_time: datetime.datetime | None | Unset = UNSET
    end_time: datetime.datetime | None | Unset = UNSET
    duration: float | None | Unset = UNSET
    span_count: int | None | Unset = UNSET
    llm_call_count: int | None | Unset = UNSET
    total_cost: float | None | Unset = UNSET
    total_tokens: int | None | Unset = UNSET
    total_prompt_tokens: int | None | Unset = UNSET
    total_completion_tokens: int | None | Unset = UNSET
    error_count: int | None | Unset = UNSET
    metadata: None | TraceFieldsMetadataType0 | Unset = UNSET
    scores: None | ScoresType0 | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.scores_type_0 import ScoresType0
        from ..models.trace_fields_metadata_type_0 import TraceFieldsMetadataType0

        id = self.id

        trace_unique_id: None | str | Unset
        if isinstance(self.trace_unique_id, Unset):
            trace_unique_id = UNSET
        else:
            trace_unique_id = self.trace_unique_id

        root_span_unique_id: None | str | Unset
        if isinstance(self.root_span_unique_id, Unset):
            root_span_unique_id = UNSET
        else:
            root_span_unique_id = self.root_span_unique_id

        environment: None | str | Unset
        if isinstance(self.environment, Unset):
            environment = UNSET
        else:
            environment = self.environment

        customer_identifier: None | str | Unset
        if isinstance(self.customer_identifier, Unset):
            customer_identifier = UNSET
        else:
            customer_identifier = self.customer_identifier

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        input_ = self.input_

        output = self.output

        expected_output = self.expected_output

        status: None | str | Unset
        if isinstance(self.status, Unset):
            status = UNSET
        else:
            status = self.status

        comparison_key: None | str | Unset
        if isinstance(self.comparison_key, Unset):
            comparison_key = UNSET
        else:
            comparison_key = self.comparison_key

        start_time: None | str | Unset
        if isinstance(self.start_time, Unset):
            start_time = UNSET
        elif isinstance(self.start_time, datetime.datetime):
            start_time = self.start_time.isoformat()
        else:
            start_time = self.start_time

        end_time: None | str | Unset
        if isinstance(self.end_time, Unset):
            end_time = UNSET
        elif isinstance(self.end_time, datetime.datetime):
            end_time = self.end_time.isoformat()
        else:
            end_time = self.end_time

        duration: float | None | Unset
        if isinstance(self.duration, Unset):
            duration = UNSET
        else:
            duration = self.duration

        span_count: int | None | Unset
        if isinstance(self.span_count, Unset):
            span_count = UNSET
        else:
            span_count = self.span_count

        llm_call_count: int | None | Unset
        if isinstance(self.llm_call_count, Unset):
            llm_call_count = UNSET
        else:
            llm_call_count = self.llm_call_count

        total_cost: float | None | Unset
        if isinstance(self.total_cost, Unset):
            total_cost = UNSET
        else:
            total_cost = self.total_cost

        total_tokens: int | None | Unset
        if isinstance(self.total_tokens, Unset):
            total_tokens = UNSET
        else:
            total_tokens = self.total_tokens

        total_prompt_tokens: int | None | Unset
        if isinstance(self.total_prompt_tokens, Unset):
            total_prompt_tokens = UNSET
        else:
            total_prompt_tokens = self.total_prompt_tokens

        total_completion_tokens: int | None | Unset
        if isinstance(self.total_completion_tokens, Unset):
            total_completion_tokens = UNSET
        else:
            total_completion_tokens = self.total_completion_tokens

        error_count: int | None | Unset
        if isinstance(self.error_count, Unset):
            error_count = UNSET
        else:
            error_count = self.error_count

        metadata: dict[str, Any] | None | Unset
        if isinstance(self.metadata, Unset):
            metadata = UNSET
        elif isinstance(self.metadata, TraceFieldsMetadataType0):
            metadata = self.metadata.to_dict()
        else:
            metadata = self.metadata

        scores: dict[str, Any] | None | Unset
        if isinstance(self.scores, Unset):
            scores = UNSET
        elif isinstance(self.scores, ScoresType0):
            scores = self.scores.to_dict()
        else:
            scores = self.scores

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if id is not UNSET:
            field_dict["id"] = id
        if trace_unique_id is not UNSET:
            field_dict["trace_unique_id"] = trace_unique_id
        if root_span_unique_id is not UNSET:
            field_dict["root_span_unique_id"] = root_span_unique_id
        if environment is not UNSET:
            field_dict["environment"] = environment
        if customer_identifier is not UNSET:
            field_dict["customer_identifier"] = customer_identifier
        if name is not UNSET:
            field_dict["name"] = name
        if input_ is not UNSET:
            field_dict["input"] = input_
        if output is not UNSET:
            field_dict["output"] = output
        if expected_output is not UNSET:
            field_dict["expected_output"] = expected_output
        if status is not UNSET:
            field_dict["status"] = status
        if comparison_key is not UNSET:
            field_dict["comparison_key"] = comparison_key
        if start_time is not UNSET:
            field_dict["start_time"] = start_time
        if end_time is not UNSET:
            field_dict["end_time"] = end_time
        if duration is not UNSET:
            field_dict["duration"] = duration
        if span_count is not UNSET:
            field_dict["span_count"] = span_count
        if llm_call_count is not UNSET:
            field_dict["llm_call_count"] = llm_call_count
        if total_cost is not UNSET:
            field_dict["total_cost"] = total_cost
        if total_tokens is not UNSET:
            field_dict["total_tokens"] = total_tokens
        if total_prompt_tokens is not UNSET:
            field_dict["total_prompt_tokens"] = total_prompt_tokens
        if total_completion_tokens is not UNSET:
            field_dict["total_completion_tokens"] = total_completion_tokens
        if error_count is not UNSET:
            field_dict["error_count"] = error_count
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if scores is not UNSET:
            field_dict["scores"] = scores

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.scores_type_0 import ScoresType0
        from ..models.trace_fields_metadata_type_0 import TraceFieldsMetadataType0

        d = dict(src_dict)
        id = d.pop("id", UNSET)

        def _parse_trace_unique_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        trace_unique_id = _parse_trace_unique_id(d.pop("trace_unique_id", UNSET))

        def _parse_root_span_unique_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        root_span_unique_id = _parse_root_span_unique_id(d.pop("root_span_unique_id", UNSET))

        def _parse_environment(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        environment = _parse_environment(d.pop("environment", UNSET))

        def _parse_customer_identifier(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        customer_identifier = _parse_customer_identifier(d.pop("customer_identifier", UNSET))

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

        input_ = d.pop("input", UNSET)

        output = d.pop("output", UNSET)

        expected_output = d.pop("expected_output", UNSET)

        def _parse_status(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        status = _parse_status(d.pop("status", UNSET))

        def _parse_comparison_key(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        comparison_key = _parse_comparison_key(d.pop("comparison_key", UNSET))

        def _parse_start_time(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                start_time_type_0 = datetime.datetime.fromisoformat(data)

                return start_time_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        start_time = _parse_start_time(d.pop("start_time", UNSET))

        def _parse_end_time(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                end_time_type_0 = datetime.datetime.fromisoformat(data)

                return end_time_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        end_time = _parse_end_time(d.pop("end_time", UNSET))

        def _parse_duration(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        duration = _parse_duration(d.pop("duration", UNSET))

        def _parse_span_count(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        span_count = _parse_span_count(d.pop("span_count", UNSET))

        def _parse_llm_call_count(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        llm_call_count = _parse_llm_call_count(d.pop("llm_call_count", UNSET))

        def _parse_total_cost(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        total_cost = _parse_total_cost(d.pop("total_cost", UNSET))

        def _parse_total_tokens(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        total_tokens = _parse_total_tokens(d.pop("total_tokens", UNSET))

        def _parse_total_prompt_tokens(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        total_prompt_tokens = _parse_total_prompt_tokens(d.pop("total_prompt_tokens", UNSET))

        def _parse_total_completion_tokens(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        total_completion_tokens = _parse_total_completion_tokens(d.pop("total_completion_tokens", UNSET))

        def _parse_error_count(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        error_count = _parse_error_count(d.pop("error_count", UNSET))

        def _parse_metadata(data: object) -> None | TraceFieldsMetadataType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                metadata_type_0 = TraceFieldsMetadataType0.from_dict(data)

                return metadata_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TraceFieldsMetadataType0 | Unset, data)

        metadata = _parse_metadata(d.pop("metadata", UNSET))

        def _parse_scores(data: object) -> None | ScoresType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_scores_type_0 = ScoresType0.from_dict(data)

                return componentsschemas_scores_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ScoresType0 | Unset, data)

        scores = _parse_scores(d.pop("scores", UNSET))

        trace_fields = cls(
            id=id,
            trace_unique_id=trace_unique_id,
            root_span_unique_id=root_span_unique_id,
            environment=environment,
            customer_identifier=customer_identifier,
            name=name,
            input_=input_,
            output=output,
            expected_output=expected_output,
            status=status,
            comparison_key=comparison_key,
            start_time=start_time,
            end_time=end_time,
            duration=duration,
            span_count=span_count,
            llm_call_count=llm_call_count,
            total_cost=total_cost,
            total_tokens=total_tokens,
            total_prompt_tokens=total_prompt_tokens,
            total_completion_tokens=total_completion_tokens,
            error_count=error_count,
            metadata=metadata,
            scores=scores,
        )

        trace_fields.additional_properties = d
        return trace_fields

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
