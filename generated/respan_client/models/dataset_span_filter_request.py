from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from typing_extensions import Self

from ..models.dataset_span_filter_request_export_format import DatasetSpanFilterRequestExportFormat
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.filters import Filters


T = TypeVar("T", bound="DatasetSpanFilterRequest")


@_attrs_define
class DatasetSpanFilterRequest:
    """
    Attributes:
        filters (Filters | Unset): The standard Respan filter format: `{"<field>": {"operator": .., "value": [..]}}`,
            keys
            ANDed. Custom metadata is `metadata__<key>`, scores `scores__<evaluator_id>`. Unknown keys
            are rejected by some endpoints and silently dropped by others: check names before sending.
        is_exporting (bool | Unset): Start the e-mailed export instead of listing (default: false). Default: False.
        export_format (DatasetSpanFilterRequestExportFormat | Unset): The export's file format, with `is_exporting`.
        name (str | Unset): The export's name, with `is_exporting`.
        page (int | Unset): Older form of the `page` query parameter.
        page_size (int | Unset): Older form of the `page_size` query parameter.
    """

    filters: Filters | Unset = UNSET
    is_exporting: bool | Unset = False
    export_format: DatasetSpanFilterRequestExportFormat | Unset = UNSET
    name: str | Unset = UNSET
    page: int | Unset = UNSET
    page_size: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        filters: dict[str, Any] | Unset = UNSET
        if not isinstance(self.filters, Unset):
            filters = self.filters.to_dict()

        is_exporting = self.is_exporting

        export_format: str | Unset = UNSET
        if not isinstance(self.export_format, Unset):
            export_format = self.export_format.value

        name = self.name

        page = self.page

        page_size = self.page_size

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if filters is not UNSET:
            field_dict["filters"] = filters
        if is_exporting is not UNSET:
            field_dict["is_exporting"] = is_exporting
        if export_format is not UNSET:
            field_dict["export_format"] = export_format
        if name is not UNSET:
            field_dict["name"] = name
        if page is not UNSET:
            field_dict["page"] = page
        if page_size is not UNSET:
            field_dict["page_size"] = page_size

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.filters import Filters

        d = dict(src_dict)
        _filters = d.pop("filters", UNSET)
        filters: Filters | Unset
        if isinstance(_filters, Unset):
            filters = UNSET
        else:
            filters = Filters.from_dict(_filters)

        is_exporting = d.pop("is_exporting", UNSET)

        _export_format = d.pop("export_format", UNSET)
        export_format: DatasetSpanFilterRequestExportFormat | Unset
        if isinstance(_export_format, Unset):
            export_format = UNSET
        else:
            export_format = DatasetSpanFilterRequestExportFormat(_export_format)

        name = d.pop("name", UNSET)

        page = d.pop("page", UNSET)

        page_size = d.pop("page_size", UNSET)

        dataset_span_filter_request = cls(
            filters=filters,
            is_exporting=is_exporting,
            export_format=export_format,
            name=name,
            page=page,
            page_size=page_size,
        )

        dataset_span_filter_request.additional_properties = d
        return dataset_span_filter_request

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
