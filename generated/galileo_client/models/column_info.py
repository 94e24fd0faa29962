from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from typing_extensions import Self

from ..types import UNSET, Unset

T = TypeVar("T", bound="ColumnInfo")


@_attrs_define
class ColumnInfo:
    """
    Attributes:
        id (str):
        label (None | str | Unset):
        category (None | str | Unset):
        data_type (None | str | Unset):
        filter_type (None | str | Unset): The filter `type` that fits this column (id, date, number, boolean,
            collection, text).
        filterable (bool | Unset):
        sortable (bool | Unset):
        description (None | str | Unset):
        group_label (None | str | Unset):
        data_unit (None | str | Unset):
        multi_valued (bool | Unset):
        allowed_values (list[Any] | None | Unset):
        is_empty (bool | Unset):
        applicable_types (list[str] | Unset):
        is_optional (bool | Unset):
        roll_up_method (None | str | Unset):
        metric_key_alias (None | str | Unset):
        scorer_config (Any | Unset): The scorer's configuration (any JSON).
        scorer_id (None | str | Unset):
        insight_type (None | str | Unset):
        threshold (Any | Unset): The metric's threshold (any JSON).
        label_color (Any | Unset): How the UI colours the label (any JSON).
    """

    id: str
    label: None | str | Unset = UNSET
    category: None | str | Unset = UNSET
    data_type: None | str | Unset = UNSET
    filter_type: None | str | Unset = UNSET
    filterable: bool | Unset = UNSET
    sortable: bool | Unset = UNSET
    description: None | str | Unset = UNSET
    group_label: None | str | Unset = UNSET
    data_unit: None | str | Unset = UNSET
    multi_valued: bool | Unset = UNSET
    allowed_values: list[Any] | None | Unset = UNSET
    is_empty: bool | Unset = UNSET
    applicable_types: list[str] | Unset = UNSET
    is_optional: bool | Unset = UNSET
    roll_up_method: None | str | Unset = UNSET
    metric_key_alias: None | str | Unset = UNSET
    scorer_config: Any | Unset = UNSET
    scorer_id: None | str | Unset = UNSET
    insight_type: None | str | Unset = UNSET
    threshold: Any | Unset = UNSET
    label_color: Any | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        label: None | str | Unset
        if isinstance(self.label, Unset):
            label = UNSET
        else:
            label = self.label

        category: None | str | Unset
        if isinstance(self.category, Unset):
            category = UNSET
        else:
            category = self.category

        data_type: None | str | Unset
        if isinstance(self.data_type, Unset):
            data_type = UNSET
        else:
            data_type = self.data_type

        filter_type: None | str | Unset
        if isinstance(self.filter_type, Unset):
            filter_type = UNSET
        else:
            filter_type = self.filter_type

        filterable = self.filterable

        sortable = self.sortable

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        group_label: None | str | Unset
        if isinstance(self.group_label, Unset):
            group_label = UNSET
        else:
            group_label = self.group_label

        data_unit: None | str | Unset
        if isinstance(self.data_unit, Unset):
            data_unit = UNSET
        else:
            data_unit = self.data_unit

        multi_valued = self.multi_valued

        allowed_values: list[Any] | None | Unset
        if isinstance(self.allowed_values, Unset):
            allowed_values = UNSET
        elif isinstance(self.allowed_values, list):
            allowed_values = self.allowed_values

        else:
            allowed_values = self.allowed_values

        is_empty = self.is_empty

        applicable_types: list[str] | Unset = UNSET
        if not isinstance(self.applicable_types, Unset):
            applicable_types = self.applicable_types

        is_optional = self.is_optional

        roll_up_method: None | str | Unset
        if isinstance(self.roll_up_method, Unset):
            roll_up_method = UNSET
        else:
            roll_up_method = self.roll_up_method

        metric_key_alias: None | str | Unset
        if isinstance(self.metric_key_alias, Unset):
            metric_key_alias = UNSET
        else:
            metric_key_alias = self.metric_key_alias

        scorer_config = self.scorer_config

        scorer_id: None | str | Unset
        if isinstance(self.scorer_id, Unset):
            scorer_id = UNSET
        else:
            scorer_id = self.scorer_id

        insight_type: None | str | Unset
        if isinstance(self.insight_type, Unset):
            insight_type = UNSET
        else:
            insight_type = self.insight_type

        threshold = self.threshold

        label_color = self.label_color

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
            }
        )
        if label is not UNSET:
            field_dict["label"] = label
        if category is not UNSET:
            field_dict["category"] = category
        if data_type is not UNSET:
            field_dict["data_type"] = data_type
        if filter_type is not UNSET:
            field_dict["filter_type"] = filter_type
        if filterable is not UNSET:
            field_dict["filterable"] = filterable
        if sortable is not UNSET:
            field_dict["sortable"] = sortable
        if description is not UNSET:
            field_dict["description"] = description
        if group_label is not UNSET:
            field_dict["group_label"] = group_label
        if data_unit is not UNSET:
            field_dict["data_unit"] = data_unit
        if multi_valued is not UNSET:
            field_dict["multi_valued"] = multi_valued
        if allowed_values is not UNSET:
            field_dict["allowed_values"] = allowed_values
        if is_empty is not UNSET:
            field_dict["is_empty"] = is_empty
        if applicable_types is not UNSET:
            field_dict["applicable_types"] = applicable_types
        if is_optional is not UNSET:
            field_dict["is_optional"] = is_optional
        if roll_up_method is not UNSET:
            field_dict["roll_up_method"] = roll_up_method
        if metric_key_alias is not UNSET:
            field_dict["metric_key_alias"] = metric_key_alias
        if scorer_config is not UNSET:
            field_dict["scorer_config"] = scorer_config
        if scorer_id is not UNSET:
            field_dict["scorer_id"] = scorer_id
        if insight_type is not UNSET:
            field_dict["insight_type"] = insight_type
        if threshold is not UNSET:
            field_dict["threshold"] = threshold
        if label_color is not UNSET:
            field_dict["label_color"] = label_color

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = d.pop("id")

        def _parse_label(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        label = _parse_label(d.pop("label", UNSET))

        def _parse_category(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        category = _parse_category(d.pop("category", UNSET))

        def _parse_data_type(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        data_type = _parse_data_type(d.pop("data_type", UNSET))

        def _parse_filter_type(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        filter_type = _parse_filter_type(d.pop("filter_type", UNSET))

        filterable = d.pop("filterable", UNSET)

        sortable = d.pop("sortable", UNSET)

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        def _parse_group_label(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        group_label = _parse_group_label(d.pop("group_label", UNSET))

        def _parse_data_unit(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        data_unit = _parse_data_unit(d.pop("data_unit", UNSET))

        multi_valued = d.pop("multi_valued", UNSET)

        def _parse_allowed_values(data: object) -> list[Any] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                allowed_values_type_0 = cast(list[Any], data)

                return allowed_values_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[Any] | None | Unset, data)

        allowed_values = _parse_allowed_values(d.pop("allowed_values", UNSET))

        is_empty = d.pop("is_empty", UNSET)

        applicable_types = cast(list[str], d.pop("applicable_types", UNSET))

        is_optional = d.pop("is_optional", UNSET)

        def _parse_roll_up_method(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        roll_up_method = _parse_roll_up_method(d.pop("roll_up_method", UNSET))

        def _parse_metric_key_alias(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        metric_key_alias = _parse_metric_key_alias(d.pop("metric_key_alias", UNSET))

        scorer_config = d.pop("scorer_config", UNSET)

        def _parse_scorer_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        scorer_id = _parse_scorer_id(d.pop("scorer_id", UNSET))

        def _parse_insight_type(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        insight_type = _parse_insight_type(d.pop("insight_type", UNSET))

        threshold = d.pop("threshold", UNSET)

        label_color = d.pop("label_color", UNSET)

        column_info = cls(
            id=id,
            label=label,
            category=category,
            data_type=data_type,
            filter_type=filter_type,
            filterable=filterable,
            sortable=sortable,
            description=description,
            group_label=group_label,
            data_unit=data_unit,
            multi_valued=multi_valued,
            allowed_values=allowed_values,
            is_empty=is_empty,
            applicable_types=applicable_types,
            is_optional=is_optional,
            roll_up_method=roll_up_method,
            metric_key_alias=metric_key_alias,
            scorer_config=scorer_config,
            scorer_id=scorer_id,
            insight_type=insight_type,
            threshold=threshold,
            label_color=label_color,
        )

        column_info.additional_properties = d
        return column_info

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
