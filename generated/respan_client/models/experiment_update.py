from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from typing_extensions import Self

from ..types import UNSET, Unset

T = TypeVar("T", bound="ExperimentUpdate")


@_attrs_define
class ExperimentUpdate:
    """The fields to change. [inferred from the create body]

    Attributes:
        name (str | Unset):
        description (str | Unset):
        tags (list[Any] | Unset):
        evaluator_ids (list[str] | Unset):
        evaluator_slugs (list[str] | Unset):
    """

    name: str | Unset = UNSET
    description: str | Unset = UNSET
    tags: list[Any] | Unset = UNSET
    evaluator_ids: list[str] | Unset = UNSET
    evaluator_slugs: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        description = self.description

        tags: list[Any] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = self.tags

        evaluator_ids: list[str] | Unset = UNSET
        if not isinstance(self.evaluator_ids, Unset):
            evaluator_ids = self.evaluator_ids

        evaluator_slugs: list[str] | Unset = UNSET
        if not isinstance(self.evaluator_slugs, Unset):
            evaluator_slugs = self.evaluator_slugs

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if name is not UNSET:
            field_dict["name"] = name
        if description is not UNSET:
            field_dict["description"] = description
        if tags is not UNSET:
            field_dict["tags"] = tags
        if evaluator_ids is not UNSET:
            field_dict["evaluator_ids"] = evaluator_ids
        if evaluator_slugs is not UNSET:
            field_dict["evaluator_slugs"] = evaluator_slugs

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        name = d.pop("name", UNSET)

        description = d.pop("description", UNSET)

        tags = cast(list[Any], d.pop("tags", UNSET))

        evaluator_ids = cast(list[str], d.pop("evaluator_ids", UNSET))

        evaluator_slugs = cast(list[str], d.pop("evaluator_slugs", UNSET))

        experiment_update = cls(
            name=name,
            description=description,
            tags=tags,
            evaluator_ids=evaluator_ids,
            evaluator_slugs=evaluator_slugs,
        )

        experiment_update.additional_properties = d
        return experiment_update

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
