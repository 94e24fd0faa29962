from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from typing_extensions import Self

from ..models.log_filter_request_operator import LogFilterRequestOperator
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.filters import Filters


T = TypeVar("T", bound="LogFilterRequest")


@_attrs_define
class LogFilterRequest:
    """
    Attributes:
        filters (Filters | Unset): The standard Respan filter format: `{"<field>": {"operator": .., "value": [..]}}`,
            keys
            ANDed. Custom metadata is `metadata__<key>`, scores `scores__<evaluator_id>`. Unknown keys
            are rejected by some endpoints and silently dropped by others: check names before sending.
        operator (LogFilterRequestOperator | Unset): How the filter keys combine (default: AND). OR is [inferred].
            Default: LogFilterRequestOperator.AND.
    """

    filters: Filters | Unset = UNSET
    operator: LogFilterRequestOperator | Unset = LogFilterRequestOperator.AND
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        filters: dict[str, Any] | Unset = UNSET
        if not isinstance(self.filters, Unset):
            filters = self.filters.to_dict()

        operator: str | Unset = UNSET
        if not isinstance(self.operator, Unset):
            operator = self.operator.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if filters is not UNSET:
            field_dict["filters"] = filters
        if operator is not UNSET:
            field_dict["operator"] = operator

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

        _operator = d.pop("operator", UNSET)
        operator: LogFilterRequestOperator | Unset
        if isinstance(_operator, Unset):
            operator = UNSET
        else:
            operator = LogFilterRequestOperator(_operator)

        log_filter_request = cls(
            filters=filters,
            operator=operator,
        )

        log_filter_request.additional_properties = d
        return log_filter_request

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
