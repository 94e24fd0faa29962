from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from typing_extensions import Self

from ..types import UNSET, Unset

T = TypeVar("T", bound="SpanTreeNode")


@_attrs_define
class SpanTreeNode:
    """
    Attributes:
        span_unique_id (None | str | Unset):
        span_name (None | str | Unset):
        log_type (None | str | Unset):
        model (None | str | Unset):
        children (list[SpanTreeNode] | Unset):
    """

    span_unique_id: None | str | Unset = UNSET
    span_name: None | str | Unset = UNSET
    log_type: None | str | Unset = UNSET
    model: None | str | Unset = UNSET
    children: list[SpanTreeNode] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        span_unique_id: None | str | Unset
        if isinstance(self.span_unique_id, Unset):
            span_unique_id = UNSET
        else:
            span_unique_id = self.span_unique_id

        span_name: None | str | Unset
        if isinstance(self.span_name, Unset):
            span_name = UNSET
        else:
            span_name = self.span_name

        log_type: None | str | Unset
        if isinstance(self.log_type, Unset):
            log_type = UNSET
        else:
            log_type = self.log_type

        model: None | str | Unset
        if isinstance(self.model, Unset):
            model = UNSET
        else:
            model = self.model

        children: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.children, Unset):
            children = []
            for children_item_data in self.children:
                children_item = children_item_data.to_dict()
                children.append(children_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if span_unique_id is not UNSET:
            field_dict["span_unique_id"] = span_unique_id
        if span_name is not UNSET:
            field_dict["span_name"] = span_name
        if log_type is not UNSET:
            field_dict["log_type"] = log_type
        if model is not UNSET:
            field_dict["model"] = model
        if children is not UNSET:
            field_dict["children"] = children

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_span_unique_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        span_unique_id = _parse_span_unique_id(d.pop("span_unique_id", UNSET))

        def _parse_span_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        span_name = _parse_span_name(d.pop("span_name", UNSET))

        def _parse_log_type(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        log_type = _parse_log_type(d.pop("log_type", UNSET))

        def _parse_model(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        model = _parse_model(d.pop("model", UNSET))

        _children = d.pop("children", UNSET)
        children: list[SpanTreeNode] | Unset = UNSET
        if _children is not UNSET:
            children = []
            for children_item_data in _children:
                children_item = SpanTreeNode.from_dict(children_item_data)

                children.append(children_item)

        span_tree_node = cls(
            span_unique_id=span_unique_id,
            span_name=span_name,
            log_type=log_type,
            model=model,
            children=children,
        )

        span_tree_node.additional_properties = d
        return span_tree_node

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
