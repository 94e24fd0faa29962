from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from typing_extensions import Self

if TYPE_CHECKING:
    from ..models.filter_condition import FilterCondition
    from ..models.plain_range import PlainRange


T = TypeVar("T", bound="Filters")


@_attrs_define
class Filters:
    """The standard Respan filter format: `{"<field>": {"operator": .., "value": [..]}}`, keys
    ANDed. Custom metadata is `metadata__<key>`, scores `scores__<evaluator_id>`. Unknown keys
    are rejected by some endpoints and silently dropped by others: check names before sending.

    """

    additional_properties: dict[str, bool | FilterCondition | float | list[FilterCondition] | PlainRange | str] = (
        _attrs_field(init=False, factory=dict)
    )

    def to_dict(self) -> dict[str, Any]:
        from ..models.filter_condition import FilterCondition
        from ..models.plain_range import PlainRange

        field_dict: dict[str, Any] = {}
        for prop_name, prop in self.additional_properties.items():
            if isinstance(prop, FilterCondition):
                field_dict[prop_name] = prop.to_dict()
            elif isinstance(prop, list):
                field_dict[prop_name] = []
                for componentsschemas_filter_clause_type_1_item_data in prop:
                    componentsschemas_filter_clause_type_1_item = (
                        componentsschemas_filter_clause_type_1_item_data.to_dict()
                    )
                    field_dict[prop_name].append(componentsschemas_filter_clause_type_1_item)

            elif isinstance(prop, PlainRange):
                field_dict[prop_name] = prop.to_dict()
            else:
                field_dict[prop_name] = prop

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.filter_condition import FilterCondition
        from ..models.plain_range import PlainRange

        d = dict(src_dict)
        filters = cls()

        additional_properties = {}
        for prop_name, prop_dict in d.items():

            def _parse_additional_property(
                data: object,
            ) -> bool | FilterCondition | float | list[FilterCondition] | PlainRange | str:
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_filter_clause_type_0 = FilterCondition.from_dict(data)

                    return componentsschemas_filter_clause_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, list):
                        raise TypeError()
                    componentsschemas_filter_clause_type_1 = []
                    _componentsschemas_filter_clause_type_1 = data
                    for componentsschemas_filter_clause_type_1_item_data in _componentsschemas_filter_clause_type_1:
                        componentsschemas_filter_clause_type_1_item = FilterCondition.from_dict(
                            componentsschemas_filter_clause_type_1_item_data
                        )

                        componentsschemas_filter_clause_type_1.append(componentsschemas_filter_clause_type_1_item)

                    return componentsschemas_filter_clause_type_1
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_filter_clause_type_2 = PlainRange.from_dict(data)

                    return componentsschemas_filter_clause_type_2
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                return cast(bool | FilterCondition | float | list[FilterCondition] | PlainRange | str, data)

            additional_property = _parse_additional_property(prop_dict)

            additional_properties[prop_name] = additional_property

        filters.additional_properties = additional_properties
        return filters

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> bool | FilterCondition | float | list[FilterCondition] | PlainRange | str:
        return self.additional_properties[key]

    def __setitem__(
        self, key: str, value: bool | FilterCondition | float | list[FilterCondition] | PlainRange | str
    ) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
