from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from typing_extensions import Self

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.trace_summary_scores import TraceSummaryScores


T = TypeVar("T", bound="TraceSummary")


@_attrs_define
class TraceSummary:
    """
    Attributes:
        number_of_requests (int):
        total_cost (float):
        total_tokens (int):
        scores (TraceSummaryScores): Aggregates per evaluator.
        total_prompt_tokens (int | None | Unset):
        total_completion_tokens (int | None | Unset):
        avg_latency (float | None | Unset):
        avg_tps (float | None | Unset):
        avg_ttft (float | None | Unset):
    """

    number_of_requests: int
    total_cost: float
    total_tokens: int
    scores: TraceSummaryScores
    total_prompt_tokens: int | None | Unset = UNSET
    total_completion_tokens: int | None | Unset = UNSET
    avg_latency: float | None | Unset = UNSET
    avg_tps: float | None | Unset = UNSET
    avg_ttft: float | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        number_of_requests = self.number_of_requests

        total_cost = self.total_cost

        total_tokens = self.total_tokens

        scores = self.scores.to_dict()

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

        avg_latency: float | None | Unset
        if isinstance(self.avg_latency, Unset):
            avg_latency = UNSET
        else:
            avg_latency = self.avg_latency

        avg_tps: float | None | Unset
        if isinstance(self.avg_tps, Unset):
            avg_tps = UNSET
        else:
            avg_tps = self.avg_tps

        avg_ttft: float | None | Unset
        if isinstance(self.avg_ttft, Unset):
            avg_ttft = UNSET
        else:
            avg_ttft = self.avg_ttft

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "number_of_requests": number_of_requests,
                "total_cost": total_cost,
                "total_tokens": total_tokens,
                "scores": scores,
            }
        )
        if total_prompt_tokens is not UNSET:
            field_dict["total_prompt_tokens"] = total_prompt_tokens
        if total_completion_tokens is not UNSET:
            field_dict["total_completion_tokens"] = total_completion_tokens
        if avg_latency is not UNSET:
            field_dict["avg_latency"] = avg_latency
        if avg_tps is not UNSET:
            field_dict["avg_tps"] = avg_tps
        if avg_ttft is not UNSET:
            field_dict["avg_ttft"] = avg_ttft

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.trace_summary_scores import TraceSummaryScores

        d = dict(src_dict)
        number_of_requests = d.pop("number_of_requests")

        total_cost = d.pop("total_cost")

        total_tokens = d.pop("total_tokens")

        scores = TraceSummaryScores.from_dict(d.pop("scores"))

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

        def _parse_avg_latency(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        avg_latency = _parse_avg_latency(d.pop("avg_latency", UNSET))

        def _parse_avg_tps(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        avg_tps = _parse_avg_tps(d.pop("avg_tps", UNSET))

        def _parse_avg_ttft(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        avg_ttft = _parse_avg_ttft(d.pop("avg_ttft", UNSET))

        trace_summary = cls(
            number_of_requests=number_of_requests,
            total_cost=total_cost,
            total_tokens=total_tokens,
            scores=scores,
            total_prompt_tokens=total_prompt_tokens,
            total_completion_tokens=total_completion_tokens,
            avg_latency=avg_latency,
            avg_tps=avg_tps,
            avg_ttft=avg_ttft,
        )

        trace_summary.additional_properties = d
        return trace_summary

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
