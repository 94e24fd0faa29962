from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from typing_extensions import Self

if TYPE_CHECKING:
    from ..models.filter_leaf import FilterLeaf
    from ..models.not_node import NotNode
    from ..models.or_node import OrNode


T = TypeVar("T", bound="AndNode")


@_attrs_define
class AndNode:
    """
    Attributes:
        and_ (list[AndNode | FilterLeaf | NotNode | OrNode]):
    """

    and_: list[AndNode | FilterLeaf | NotNode | OrNode]

    def to_dict(self) -> dict[str, Any]:
        from ..models.filter_leaf import FilterLeaf
        from ..models.or_node import OrNode

        and_ = []
        for and_item_data in self.and_:
            and_item: dict[str, Any]
            if (
                isinstance(and_item_data, FilterLeaf)
                or isinstance(and_item_data, AndNode)
                or isinstance(and_item_data, OrNode)
            ):
                and_item = and_item_data.to_dict()
            else:
                and_item = and_item_data.to_dict()

            and_.append(and_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "and": and_,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.filter_leaf import FilterLeaf
        from ..models.not_node import NotNode
        from ..models.or_node import OrNode

        d = dict(src_dict)
        and_ = []
        _and_ = d.pop("and")
        for and_item_data in _and_:

            def _parse_and_item(data: object) -> AndNode | FilterLeaf | NotNode | OrNode:
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

            and_item = _parse_and_item(and_item_data)

            and_.append(and_item)

        and_node = cls(
            and_=and_,
        )

        return and_node
