from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from typing_extensions import Self

if TYPE_CHECKING:
    from ..models.log_records_boolean_filter import LogRecordsBooleanFilter
    from ..models.log_records_collection_filter import LogRecordsCollectionFilter
    from ..models.log_records_date_filter import LogRecordsDateFilter
    from ..models.log_records_fully_annotated_filter import LogRecordsFullyAnnotatedFilter
    from ..models.log_records_id_filter import LogRecordsIDFilter
    from ..models.log_records_number_filter import LogRecordsNumberFilter
    from ..models.log_records_text_filter import LogRecordsTextFilter


T = TypeVar("T", bound="FilterLeaf")


@_attrs_define
class FilterLeaf:
    """
    Attributes:
        filter_ (LogRecordsBooleanFilter | LogRecordsCollectionFilter | LogRecordsDateFilter |
            LogRecordsFullyAnnotatedFilter | LogRecordsIDFilter | LogRecordsNumberFilter | LogRecordsTextFilter): One
            filter; `type` says which kind (see available_columns' `filter_type`). `type` may
            be left out (galileo's own models default it per kind), so members are tried in turn.
    """

    filter_: (
        LogRecordsBooleanFilter
        | LogRecordsCollectionFilter
        | LogRecordsDateFilter
        | LogRecordsFullyAnnotatedFilter
        | LogRecordsIDFilter
        | LogRecordsNumberFilter
        | LogRecordsTextFilter
    )

    def to_dict(self) -> dict[str, Any]:
        from ..models.log_records_boolean_filter import LogRecordsBooleanFilter
        from ..models.log_records_collection_filter import LogRecordsCollectionFilter
        from ..models.log_records_date_filter import LogRecordsDateFilter
        from ..models.log_records_id_filter import LogRecordsIDFilter
        from ..models.log_records_number_filter import LogRecordsNumberFilter
        from ..models.log_records_text_filter import LogRecordsTextFilter

        filter_: dict[str, Any]
        if (
            isinstance(self.filter_, LogRecordsIDFilter)
            or isinstance(self.filter_, LogRecordsDateFilter)
            or isinstance(self.filter_, LogRecordsNumberFilter)
            or isinstance(self.filter_, LogRecordsBooleanFilter)
            or isinstance(self.filter_, LogRecordsCollectionFilter)
            or isinstance(self.filter_, LogRecordsTextFilter)
        ):
            filter_ = self.filter_.to_dict()
        else:
            filter_ = self.filter_.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "filter": filter_,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.log_records_boolean_filter import LogRecordsBooleanFilter
        from ..models.log_records_collection_filter import LogRecordsCollectionFilter
        from ..models.log_records_date_filter import LogRecordsDateFilter
        from ..models.log_records_fully_annotated_filter import LogRecordsFullyAnnotatedFilter
        from ..models.log_records_id_filter import LogRecordsIDFilter
        from ..models.log_records_number_filter import LogRecordsNumberFilter
        from ..models.log_records_text_filter import LogRecordsTextFilter

        d = dict(src_dict)

        def _parse_filter_(
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

        filter_ = _parse_filter_(d.pop("filter"))

        filter_leaf = cls(
            filter_=filter_,
        )

        return filter_leaf
