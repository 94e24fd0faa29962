from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from typing_extensions import Self

from ..types import UNSET, Unset

T = TypeVar("T", bound="ResumeTraceResponse")


@_attrs_define
class ResumeTraceResponse:
    """
    Attributes:
        id (str):
        status (str):
        trace_unique_id (None | str | Unset):
    """

    id: str
    status: str
    trace_unique_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        status = self.status

        trace_unique_id: None | str | Unset
        if isinstance(self.trace_unique_id, Unset):
            trace_unique_id = UNSET
        else:
            trace_unique_id = self.trace_unique_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "status": status,
            }
        )
        if trace_unique_id is not UNSET:
            field_dict["trace_unique_id"] = trace_unique_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = d.pop("id")

        status = d.pop("status")

        def _parse_trace_unique_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        trace_unique_id = _parse_trace_unique_id(d.pop("trace_unique_id", UNSET))

        resume_trace_response = cls(
            id=id,
            status=status,
            trace_unique_id=trace_unique_id,
        )

        resume_trace_response.additional_properties = d
        return resume_trace_response

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
