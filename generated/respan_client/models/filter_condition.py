from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from typing_extensions import Self

from ..models.filter_operator import FilterOperator

T = TypeVar("T", bound="FilterCondition")


@_attrs_define
class FilterCondition:
    """One condition of the standard filter format.

    Attributes:
        operator (FilterOperator): Operators of the standard filter format. `""` is equals; `isnull` takes `[true]`;
            `empty` / `not_empty` take `[""]`.
        value (Any): A list of values; a scalar is accepted too.
    """

    operator: FilterOperator
    value: Any
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        operator = self.operator.value

        value = self.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "operator": operator,
                "value": value,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        operator = FilterOperator(d.pop("operator"))

        value = d.pop("value")

        filter_condition = cls(
            operator=operator,
            value=value,
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
