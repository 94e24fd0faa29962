from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from typing_extensions import Self

if TYPE_CHECKING:
    from ..models.and_node import AndNode
    from ..models.filter_leaf import FilterLeaf
    from ..models.not_node import NotNode


T = TypeVar("T", bound="OrNode")


@_attrs_define
class OrNode:
    """
    Attributes:
        or_ (list[AndNode | FilterLeaf | NotNode | OrNode]):
    """

    or_: list[AndNode | FilterLeaf | NotNode | OrNode]

    def to_dict(self) -> dict[str, Any]:
        from ..models.and_node import AndNode
        from ..models.filter_leaf import FilterLeaf

        or_ = []
        for or_item_data in self.or_:
            or_item: dict[str, Any]
            if (
                isinstance(or_item_data, FilterLeaf)
                or isinstance(or_item_data, AndNode)
                or isinstance(or_item_data, OrNode)
            ):
                or_item = or_item_data.to_dict()
            else:
                or_item = or_item_data.to_dict()

            or_.append(or_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "or": or_,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.and_node import AndNode
        from ..models.filter_leaf import FilterLeaf
        from ..models.not_node import NotNode

        d = dict(src_dict)
        or_ = []
        _or_ = d.pop("or")
        for or_item_data in _or_:

            def _parse_or_item(data: object) -> AndNode | FilterLeaf | NotNode | OrNode:
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_filter_tree_type_0 = FilterLeaf.from_dict(data)

                    return componentsschemas_filter_tree_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_filter_tree_type_1 = AndNode.from_dict(data)

                    return componentsschemas_filter_tree_type_1
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_filter_tree_type_2 = OrNode.from_dict(data)

                    return componentsschemas_filter_tree_type_2
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_filter_tree_type_3 = NotNode.from_dict(data)

                return componentsschemas_filter_tree_type_3

            or_item = _parse_or_item(or_item_data)

            or_.append(or_item)

        or_node = cls(
            or_=or_,
        )

        return or_node
