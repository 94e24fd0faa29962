from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from typing_extensions import Self

if TYPE_CHECKING:
    from ..models.and_node import AndNode
    from ..models.filter_leaf import FilterLeaf
    from ..models.or_node import OrNode


T = TypeVar("T", bound="NotNode")


@_attrs_define
class NotNode:
    """
    Attributes:
        not_ (AndNode | FilterLeaf | NotNode | OrNode): A boolean tree of filters.
    """

    not_: AndNode | FilterLeaf | NotNode | OrNode

    def to_dict(self) -> dict[str, Any]:
        from ..models.and_node import AndNode
        from ..models.filter_leaf import FilterLeaf
        from ..models.or_node import OrNode

        not_: dict[str, Any]
        if isinstance(self.not_, FilterLeaf) or isinstance(self.not_, AndNode) or isinstance(self.not_, OrNode):
            not_ = self.not_.to_dict()
        else:
            not_ = self.not_.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "not": not_,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.and_node import AndNode
        from ..models.filter_leaf import FilterLeaf
        from ..models.or_node import OrNode

        d = dict(src_dict)

        def _parse_not_(data: object) -> AndNode | FilterLeaf | NotNode | OrNode:
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

        not_ = _parse_not_(d.pop("not"))

        not_node = cls(
            not_=not_,
        )

        return not_node
