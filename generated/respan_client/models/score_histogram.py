from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from typing_extensions import Self

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.histogram_bin import HistogramBin
    from ..models.histogram_stats import HistogramStats


T = TypeVar("T", bound="ScoreHistogram")


@_attrs_define
class ScoreHistogram:
    """
    Attributes:
        evaluator_id (str):
        bins (list[HistogramBin]):
        stats (HistogramStats):
        evaluator_slug (None | str | Unset):
        evaluator_name (None | str | Unset):
    """

    evaluator_id: str
    bins: list[HistogramBin]
    stats: HistogramStats
    evaluator_slug: None | str | Unset = UNSET
    evaluator_name: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        evaluator_id = self.evaluator_id

        bins = []
        for bins_item_data in self.bins:
            bins_item = bins_item_data.to_dict()
            bins.append(bins_item)

        stats = self.stats.to_dict()

        evaluator_slug: None | str | Unset
        if isinstance(self.evaluator_slug, Unset):
            evaluator_slug = UNSET
        else:
            evaluator_slug = self.evaluator_slug

        evaluator_name: None | str | Unset
        if isinstance(self.evaluator_name, Unset):
            evaluator_name = UNSET
        else:
            evaluator_name = self.evaluator_name

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "evaluator_id": evaluator_id,
                "bins": bins,
                "stats": stats,
            }
        )
        if evaluator_slug is not UNSET:
            field_dict["evaluator_slug"] = evaluator_slug
        if evaluator_name is not UNSET:
            field_dict["evaluator_name"] = evaluator_name

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.histogram_bin import HistogramBin
        from ..models.histogram_stats import HistogramStats

        d = dict(src_dict)
        evaluator_id = d.pop("evaluator_id")

        bins = []
        _bins = d.pop("bins")
        for bins_item_data in _bins:
            bins_item = HistogramBin.from_dict(bins_item_data)

            bins.append(bins_item)

        stats = HistogramStats.from_dict(d.pop("stats"))

        def _parse_evaluator_slug(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        evaluator_slug = _parse_evaluator_slug(d.pop("evaluator_slug", UNSET))

        def _parse_evaluator_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        evaluator_name = _parse_evaluator_name(d.pop("evaluator_name", UNSET))

        score_histogram = cls(
            evaluator_id=evaluator_id,
            bins=bins,
            stats=stats,
            evaluator_slug=evaluator_slug,
            evaluator_name=evaluator_name,
        )

        score_histogram.additional_properties = d
        return score_histogram

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
