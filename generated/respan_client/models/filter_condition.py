from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from typing_extensions import Self

from ..models.filter_operator import FilterOperator
from ..types import UNSET, Unset

T = TypeVar("T", bound="FilterCondition")


@_attrs_define
class FilterCondition:
    """One condition of the standard filter format; without `operator`, equals.

    Attributes:
        value (Any): A list of values; a scalar is accepted too.
        operator (FilterOperator | Unset): Operators of the standard filter format. `""` (or `is`, or no operator) is
            equals;
            `isnull` takes `[true]`; `empty` / `not_empty` (also spelt `notEmpty`) take `[""]`.
    """

    value: Any
    operator: FilterOperator | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        value = self.value

        operator: str | Unset = UNSET
        if not isinstance(self.operator, Unset):
            operator = self.operator.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "value": value,
            }
        )
        if operator is not UNSET:
            field_dict["operator"] = operator

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        value = d.pop("value")

        _operator = d.pop("operator", UNSET)
        operator: FilterOperator | Unset
        if isinstance(_operator, Unset):
            operator = UNSET
        else:
            operator = FilterOperator(_operator)

        filter_condition = cls(
            value=value,
            operator=operator,
        )

        filter_condition.additional_properties = d
        return filter_condition

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
