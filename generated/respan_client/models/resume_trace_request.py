from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from typing_extensions import Self

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.resume_trace_request_metadata import ResumeTraceRequestMetadata
    from ..models.resume_trace_request_metrics import ResumeTraceRequestMetrics


T = TypeVar("T", bound="ResumeTraceRequest")


@_attrs_define
class ResumeTraceRequest:
    """
    Attributes:
        input_ (Any):
        output (Any):
        metrics (ResumeTraceRequestMetrics | Unset):
        metadata (ResumeTraceRequestMetadata | Unset):
    """

    input_: Any
    output: Any
    metrics: ResumeTraceRequestMetrics | Unset = UNSET
    metadata: ResumeTraceRequestMetadata | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        input_ = self.input_

        output = self.output

        metrics: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metrics, Unset):
            metrics = self.metrics.to_dict()

        metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "input": input_,
                "output": output,
            }
        )
        if metrics is not UNSET:
            field_dict["metrics"] = metrics
        if metadata is not UNSET:
            field_dict["metadata"] = metadata

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.resume_trace_request_metadata import ResumeTraceRequestMetadata
        from ..models.resume_trace_request_metrics import ResumeTraceRequestMetrics

        d = dict(src_dict)
        input_ = d.pop("input")

        output = d.pop("output")

        _metrics = d.pop("metrics", UNSET)
        metrics: ResumeTraceRequestMetrics | Unset
        if isinstance(_metrics, Unset):
            metrics = UNSET
        else:
            metrics = ResumeTraceRequestMetrics.from_dict(_metrics)

        _metadata = d.pop("metadata", UNSET)
        metadata: ResumeTraceRequestMetadata | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = ResumeTraceRequestMetadata.from_dict(_metadata)

        resume_trace_request = cls(
            input_=input_,
            output=output,
            metrics=metrics,
            metadata=metadata,
        )

        resume_trace_request.additional_properties = d
        return resume_trace_request

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
