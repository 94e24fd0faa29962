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
    from ..models.sort_clause import SortClause


T = TypeVar("T", bound="LogRecordsQueryRequest")


@_attrs_define
class LogRecordsQueryRequest:
    """Exactly one of `log_stream_id`, `experiment_id`, `metrics_testing_id`.

    Attributes:
        starting_token (int | Unset): Offset of the first record (default: 0). Default: 0.
        limit (int | Unset): Records per page (default: 100). Default: 100.
        previous_last_row_id (None | str | Unset): The `last_row_id` of the previous page, with `starting_token`.
        log_stream_id (None | Unset | UUID):
        experiment_id (None | Unset | UUID):
        metrics_testing_id (None | Unset | UUID):
        filters (list[LogRecordsBooleanFilter | LogRecordsCollectionFilter | LogRecordsDateFilter |
            LogRecordsFullyAnnotatedFilter | LogRecordsIDFilter | LogRecordsNumberFilter | LogRecordsTextFilter] | Unset):
            ANDed.
        filter_tree (AndNode | FilterLeaf | NotNode | OrNode | Unset): A boolean tree of filters.
        sort (SortClause | Unset):
        truncate_fields (bool | Unset): Truncate long input and output fields (default: false). Default: False.
        include_counts (bool | Unset): Default: false. Default: False.
        include_code_metric_metadata (bool | Unset): Default: false. Default: False.
    """

    starting_token: int | Unset = 0
    limit: int | Unset = 100
    previous_last_row_id: None | str | Unset = UNSET
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
    sort: SortClause | Unset = UNSET
    truncate_fields: bool | Unset = False
    include_counts: bool | Unset = False
    include_code_metric_metadata: bool | Unset = False
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

        starting_token = self.starting_token

        limit = self.limit

        previous_last_row_id: None | str | Unset
        if isinstance(self.previous_last_row_id, Unset):
            previous_last_row_id = UNSET
        else:
            previous_last_row_id = self.previous_last_row_id

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

        sort: dict[str, Any] | Unset = UNSET
        if not isinstance(self.sort, Unset):
            sort = self.sort.to_dict()

        truncate_fields = self.truncate_fields

        include_counts = self.include_counts

        include_code_metric_metadata = self.include_code_metric_metadata

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if starting_token is not UNSET:
            field_dict["starting_token"] = starting_token
        if limit is not UNSET:
            field_dict["limit"] = limit
        if previous_last_row_id is not UNSET:
            field_dict["previous_last_row_id"] = previous_last_row_id
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
        if sort is not UNSET:
            field_dict["sort"] = sort
        if truncate_fields is not UNSET:
            field_dict["truncate_fields"] = truncate_fields
        if include_counts is not UNSET:
            field_dict["include_counts"] = include_counts
        if include_code_metric_metadata is not UNSET:
            field_dict["include_code_metric_metadata"] = include_code_metric_metadata

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
        from ..models.sort_clause import SortClause

        d = dict(src_dict)
        starting_token = d.pop("starting_token", UNSET)

        limit = d.pop("limit", UNSET)

        def _parse_previous_last_row_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        previous_last_row_id = _parse_previous_last_row_id(d.pop("previous_last_row_id", UNSET))

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

        _sort = d.pop("sort", UNSET)
        sort: SortClause | Unset
        if isinstance(_sort, Unset):
            sort = UNSET
        else:
            sort = SortClause.from_dict(_sort)

        truncate_fields = d.pop("truncate_fields", UNSET)

        include_counts = d.pop("include_counts", UNSET)

        include_code_metric_metadata = d.pop("include_code_metric_metadata", UNSET)

        log_records_query_request = cls(
            starting_token=starting_token,
            limit=limit,
            previous_last_row_id=previous_last_row_id,
            log_stream_id=log_stream_id,
            experiment_id=experiment_id,
            metrics_testing_id=metrics_testing_id,
            filters=filters,
            filter_tree=filter_tree,
            sort=sort,
            truncate_fields=truncate_fields,
            include_counts=include_counts,
            include_code_metric_metadata=include_code_metric_metadata,
        )

        log_records_query_request.additional_properties = d
        return log_records_query_request

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
