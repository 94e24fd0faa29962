from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from typing_extensions import Self

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.and_node import AndNode
    from ..models.filter_leaf import FilterLeaf
    from ..models.log_records_boolean_filter import LogRecordsBooleanFilter
    from ..models.log_records_collection_filter import LogRecordsCollectionFilter
    from ..models.log_records_date_filter import LogRecordsDateFilter
    from ..models.log_records_fully_annotated_filter import LogRecordsFullyAnnotatedFilter
    from ..models.log_records_id_filter import LogRecordsIDFilter
    from ..models.log_records_number_filter import LogRecordsNumberFilter
    from ..models.log_records_text_filter import LogRecordsTextFilter
    from ..models.not_node import NotNode
    from ..models.or_node import OrNode


T = TypeVar("T", bound="LogRecordsCountRequest")


@_attrs_define
class LogRecordsCountRequest:
    """Exactly one of `log_stream_id`, `experiment_id`, `metrics_testing_id`.

    Attributes:
        log_stream_id (None | Unset | UUID):
        experiment_id (None | Unset | UUID):
        metrics_testing_id (None | Unset | UUID):
        filters (list[LogRecordsBooleanFilter | LogRecordsCollectionFilter | LogRecordsDateFilter |
            LogRecordsFullyAnnotatedFilter | LogRecordsIDFilter | LogRecordsNumberFilter | LogRecordsTextFilter] | Unset):
        filter_tree (AndNode | FilterLeaf | NotNode | OrNode | Unset): A boolean tree of filters.
    """

    log_stream_id: None | Unset | UUID = UNSET
    experiment_id: None | Unset | UUID = UNSET
    metrics_testing_id: None | Unset | UUID = UNSET
    filters: (
        list[
            LogRecordsBooleanFilter
            | LogRecordsCollectionFilter
            | LogRecordsDateFilter
            | LogRecordsFullyAnnotatedFilter
            | LogRecordsIDFilter
            | LogRecordsNumberFilter
            | LogRecordsTextFilter
        ]
        | Unset
    ) = UNSET
    filter_tree: AndNode | FilterLeaf | NotNode | OrNode | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.and_node import AndNode
        from ..models.filter_leaf import FilterLeaf
        from ..models.log_records_boolean_filter import LogRecordsBooleanFilter
        from ..models.log_records_collection_filter import LogRecordsCollectionFilter
        from ..models.log_records_date_filter import LogRecordsDateFilter
        from ..models.log_records_id_filter import LogRecordsIDFilter
        from ..models.log_records_number_filter import LogRecordsNumberFilter
        from ..models.log_records_text_filter import LogRecordsTextFilter
        from ..models.or_node import OrNode

        log_stream_id: None | str | Unset
        if isinstance(self.log_stream_id, Unset):
            log_stream_id = UNSET
        elif isinstance(self.log_stream_id, UUID):
            log_stream_id = str(self.log_stream_id)
        else:
            log_stream_id = self.log_stream_id

        experiment_id: None | str | Unset
        if isinstance(self.experiment_id, Unset):
            experiment_id = UNSET
        elif isinstance(self.experiment_id, UUID):
            experiment_id = str(self.experiment_id)
        else:
            experiment_id = self.experiment_id

        metrics_testing_id: None | str | Unset
        if isinstance(self.metrics_testing_id, Unset):
            metrics_testing_id = UNSET
        elif isinstance(self.metrics_testing_id, UUID):
            metrics_testing_id = str(self.metrics_testing_id)
        else:
            metrics_testing_id = self.metrics_testing_id

        filters: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.filters, Unset):
            filters = []
            for filters_item_data in self.filters:
                filters_item: dict[str, Any]
                if (
                    isinstance(filters_item_data, LogRecordsIDFilter)
                    or isinstance(filters_item_data, LogRecordsDateFilter)
                    or isinstance(filters_item_data, LogRecordsNumberFilter)
                    or isinstance(filters_item_data, LogRecordsBooleanFilter)
                    or isinstance(filters_item_data, LogRecordsCollectionFilter)
                    or isinstance(filters_item_data, LogRecordsTextFilter)
                ):
                    filters_item = filters_item_data.to_dict()
                else:
                    filters_item = filters_item_data.to_dict()

                filters.append(filters_item)

        filter_tree: dict[str, Any] | Unset
        if isinstance(self.filter_tree, Unset):
            filter_tree = UNSET
        elif (
            isinstance(self.filter_tree, FilterLeaf)
            or isinstance(self.filter_tree, AndNode)
            or isinstance(self.filter_tree, OrNode)
        ):
            filter_tree = self.filter_tree.to_dict()
        else:
            filter_tree = self.filter_tree.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if log_stream_id is not UNSET:
            field_dict["log_stream_id"] = log_stream_id
        if experiment_id is not UNSET:
            field_dict["experiment_id"] = experiment_id
        if metrics_testing_id is not UNSET:
            field_dict["metrics_testing_id"] = metrics_testing_id
        if filters is not UNSET:
            field_dict["filters"] = filters
        if filter_tree is not UNSET:
            field_dict["filter_tree"] = filter_tree

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.and_node import AndNode
        from ..models.filter_leaf import FilterLeaf
        from ..models.log_records_boolean_filter import LogRecordsBooleanFilter
        from ..models.log_records_collection_filter import LogRecordsCollectionFilter
        from ..models.log_records_date_filter import LogRecordsDateFilter
        from ..models.log_records_fully_annotated_filter import LogRecordsFullyAnnotatedFilter
        from ..models.log_records_id_filter import LogRecordsIDFilter
        from ..models.log_records_number_filter import LogRecordsNumberFilter
        from ..models.log_records_text_filter import LogRecordsTextFilter
        from ..models.not_node import NotNode
        from ..models.or_node import OrNode

        d = dict(src_dict)

        def _parse_log_stream_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                log_stream_id_type_0 = UUID(data)

                return log_stream_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        log_stream_id = _parse_log_stream_id(d.pop("log_stream_id", UNSET))

        def _parse_experiment_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                experiment_id_type_0 = UUID(data)

                return experiment_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        experiment_id = _parse_experiment_id(d.pop("experiment_id", UNSET))

        def _parse_metrics_testing_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                metrics_testing_id_type_0 = UUID(data)

                return metrics_testing_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        metrics_testing_id = _parse_metrics_testing_id(d.pop("metrics_testing_id", UNSET))

        _filters = d.pop("filters", UNSET)
        filters: (
            list[
                LogRecordsBooleanFilter
                | LogRecordsCollectionFilter
                | LogRecordsDateFilter
                | LogRecordsFullyAnnotatedFilter
                | LogRecordsIDFilter
                | LogRecordsNumberFilter
                | LogRecordsTextFilter
            ]
            | Unset
        ) = UNSET
        if _filters is not UNSET:
            filters = []
            for filters_item_data in _filters:

                def _parse_filters_item(
                    data: object,
                ) -> (
                    LogRecordsBooleanFilter
                    | LogRecordsCollectionFilter
                    | LogRecordsDateFilter
                    | LogRecordsFullyAnnotatedFilter
                    | LogRecordsIDFilter
                    | LogRecordsNumberFilter
                    | LogRecordsTextFilter
                ):
                    try:
                        if not isinstance(data, dict):
                            raise TypeError()
                        componentsschemas_log_records_filter_type_0 = LogRecordsIDFilter.from_dict(data)

                        return componentsschemas_log_records_filter_type_0
                    except (TypeError, ValueError, AttributeError, KeyError):
                        pass
                    try:
                        if not isinstance(data, dict):
                            raise TypeError()
                        componentsschemas_log_records_filter_type_1 = LogRecordsDateFilter.from_dict(data)

                        return componentsschemas_log_records_filter_type_1
                    except (TypeError, ValueError, AttributeError, KeyError):
                        pass
                    try:
                        if not isinstance(data, dict):
                            raise TypeError()
                        componentsschemas_log_records_filter_type_2 = LogRecordsNumberFilter.from_dict(data)

                        return componentsschemas_log_records_filter_type_2
                    except (TypeError, ValueError, AttributeError, KeyError):
                        pass
                    try:
                        if not isinstance(data, dict):
                            raise TypeError()
                        componentsschemas_log_records_filter_type_3 = LogRecordsBooleanFilter.from_dict(data)

                        return componentsschemas_log_records_filter_type_3
                    except (TypeError, ValueError, AttributeError, KeyError):
                        pass
                    try:
                        if not isinstance(data, dict):
                            raise TypeError()
                        componentsschemas_log_records_filter_type_4 = LogRecordsCollectionFilter.from_dict(data)

                        return componentsschemas_log_records_filter_type_4
                    except (TypeError, ValueError, AttributeError, KeyError):
                        pass
                    try:
                        if not isinstance(data, dict):
                            raise TypeError()
                        componentsschemas_log_records_filter_type_5 = LogRecordsTextFilter.from_dict(data)

                        return componentsschemas_log_records_filter_type_5
                    except (TypeError, ValueError, AttributeError, KeyError):
                        pass
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_log_records_filter_type_6 = LogRecordsFullyAnnotatedFilter.from_dict(data)

                    return componentsschemas_log_records_filter_type_6

                filters_item = _parse_filters_item(filters_item_data)

                filters.append(filters_item)

        def _parse_filter_tree(data: object) -> AndNode | FilterLeaf | NotNode | OrNode | Unset:
            if isinstance(data, Unset):
                return data
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

        filter_tree = _parse_filter_tree(d.pop("filter_tree", UNSET))

        log_records_count_request = cls(
            log_stream_id=log_stream_id,
            experiment_id=experiment_id,
            metrics_testing_id=metrics_testing_id,
            filters=filters,
            filter_tree=filter_tree,
        )

        log_records_count_request.additional_properties = d
        return log_records_count_request

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
