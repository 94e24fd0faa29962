from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from typing_extensions import Self

if TYPE_CHECKING:
    from ..models.score_value import ScoreValue


T = TypeVar("T", bound="ScoresType0")


@_attrs_define
class ScoresType0:
    """Keyed by evaluator id or slug; filterable as `scores__<evaluator_id>`."""

    additional_properties: dict[str, Any | ScoreValue] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.score_value import ScoreValue

        field_dict: dict[str, Any] = {}
        for prop_name, prop in self.additional_properties.items():
            if isinstance(prop, ScoreValue):
                field_dict[prop_name] = prop.to_dict()
            else:
                field_dict[prop_name] = prop

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.score_value import ScoreValue

        d = dict(src_dict)
        scores_type_0 = cls()

        additional_properties = {}
        for prop_name, prop_dict in d.items():

            def _parse_additional_property(data: object) -> Any | ScoreValue:
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_score_type_0 = ScoreValue.from_dict(data)

                    return componentsschemas_score_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                return cast(Any | ScoreValue, data)

            additional_property = _parse_additional_property(prop_dict)

            additional_properties[prop_name] = additional_property

        scores_type_0.additional_properties = additional_properties
        return scores_type_0

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any | ScoreValue:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any | ScoreValue) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
