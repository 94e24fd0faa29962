from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from typing_extensions import Self

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.page_current_filters import PageCurrentFilters
    from ..models.span import Span


T = TypeVar("T", bound="SpanList")


@_attrs_define
class SpanList:
    """
    Attributes:
        count (int): Total number of matches (on organization spans, the size of this page).
        results (list[Span]):
        next_ (None | str | Unset): Absolute URL of the next page, or null on the last.
        previous (None | str | Unset):
        current_filters (PageCurrentFilters | Unset): The filters the service applied, normalized.
    """

    count: int
    results: list[Span]
    next_: None | str | Unset = UNSET
    previous: None | str | Unset = UNSET
    current_filters: PageCurrentFilters | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        count = self.count

        results = []
        for results_item_data in self.results:
            results_item = results_item_data.to_dict()
            results.append(results_item)

        next_: None | str | Unset
        if isinstance(self.next_, Unset):
            next_ = UNSET
        else:
            next_ = self.next_

        previous: None | str | Unset
        if isinstance(self.previous, Unset):
            previous = UNSET
        else:
            previous = self.previous

        current_filters: dict[str, Any] | Unset = UNSET
        if not isinstance(self.current_filters, Unset):
            current_filters = self.current_filters.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "count": count,
                "results": results,
            }
        )
        if next_ is not UNSET:
            field_dict["next"] = next_
        if previous is not UNSET:
            field_dict["previous"] = previous
        if current_filters is not UNSET:
            field_dict["current_filters"] = current_filters

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.page_current_filters import PageCurrentFilters
        from ..models.span import Span

        d = dict(src_dict)
        count = d.pop("count")

        results = []
        _results = d.pop("results")
        for results_item_data in _results:
            results_item = Span.from_dict(results_item_data)

            results.append(results_item)

        def _parse_next_(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        next_ = _parse_next_(d.pop("next", UNSET))

        def _parse_previous(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        previous = _parse_previous(d.pop("previous", UNSET))

        _current_filters = d.pop("current_filters", UNSET)
        current_filters: PageCurrentFilters | Unset
        if isinstance(_current_filters, Unset):
            current_filters = UNSET
        else:
            current_filters = PageCurrentFilters.from_dict(_current_filters)

        span_list = cls(
            count=count,
            results=results,
            next_=next_,
            previous=previous,
            current_filters=current_filters,
        )

        span_list.additional_properties = d
        return span_list

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
