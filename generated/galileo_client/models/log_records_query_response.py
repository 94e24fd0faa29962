from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from typing_extensions import Self

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.log_record import LogRecord
    from ..models.session_record import SessionRecord
    from ..models.span_record import SpanRecord
    from ..models.trace_record import TraceRecord


T = TypeVar("T", bound="LogRecordsQueryResponse")


@_attrs_define
class LogRecordsQueryResponse:
    """
    Attributes:
        records (list[LogRecord | SessionRecord | SpanRecord | TraceRecord] | Unset):
        starting_token (int | Unset):
        limit (int | Unset):
        paginated (bool | Unset):
        next_starting_token (int | None | Unset): Offset of the next page; null on the last.
        last_row_id (None | str | Unset):
    """

    records: list[LogRecord | SessionRecord | SpanRecord | TraceRecord] | Unset = UNSET
    starting_token: int | Unset = UNSET
    limit: int | Unset = UNSET
    paginated: bool | Unset = UNSET
    next_starting_token: int | None | Unset = UNSET
    last_row_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.session_record import SessionRecord
        from ..models.span_record import SpanRecord
        from ..models.trace_record import TraceRecord

        records: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.records, Unset):
            records = []
            for records_item_data in self.records:
                records_item: dict[str, Any]
                if (
                    isinstance(records_item_data, TraceRecord)
                    or isinstance(records_item_data, SpanRecord)
                    or isinstance(records_item_data, SessionRecord)
                ):
                    records_item = records_item_data.to_dict()
                else:
                    records_item = records_item_data.to_dict()

                records.append(records_item)

        starting_token = self.starting_token

        limit = self.limit

        paginated = self.paginated

        next_starting_token: int | None | Unset
        if isinstance(self.next_starting_token, Unset):
            next_starting_token = UNSET
        else:
            next_starting_token = self.next_starting_token

        last_row_id: None | str | Unset
        if isinstance(self.last_row_id, Unset):
            last_row_id = UNSET
        else:
            last_row_id = self.last_row_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if records is not UNSET:
            field_dict["records"] = records
        if starting_token is not UNSET:
            field_dict["starting_token"] = starting_token
        if limit is not UNSET:
            field_dict["limit"] = limit
        if paginated is not UNSET:
            field_dict["paginated"] = paginated
        if next_starting_token is not UNSET:
            field_dict["next_starting_token"] = next_starting_token
        if last_row_id is not UNSET:
            field_dict["last_row_id"] = last_row_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.log_record import LogRecord
        from ..models.session_record import SessionRecord
        from ..models.span_record import SpanRecord
        from ..models.trace_record import TraceRecord

        d = dict(src_dict)
        _records = d.pop("records", UNSET)
        records: list[LogRecord | SessionRecord | SpanRecord | TraceRecord] | Unset = UNSET
        if _records is not UNSET:
            records = []
            for records_item_data in _records:

                def _parse_records_item(data: object) -> LogRecord | SessionRecord | SpanRecord | TraceRecord:
                    try:
                        if not isinstance(data, dict):
                            raise TypeError()
                        componentsschemas_any_record_type_0 = TraceRecord.from_dict(data)

                        return componentsschemas_any_record_type_0
                    except (TypeError, ValueError, AttributeError, KeyError):
                        pass
                    try:
                        if not isinstance(data, dict):
                            raise TypeError()
                        componentsschemas_any_record_type_1 = SpanRecord.from_dict(data)

                        return componentsschemas_any_record_type_1
                    except (TypeError, ValueError, AttributeError, KeyError):
                        pass
                    try:
                        if not isinstance(data, dict):
                            raise TypeError()
                        componentsschemas_any_record_type_2 = SessionRecord.from_dict(data)

                        return componentsschemas_any_record_type_2
                    except (TypeError, ValueError, AttributeError, KeyError):
                        pass
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_any_record_type_3 = LogRecord.from_dict(data)

                    return componentsschemas_any_record_type_3

                records_item = _parse_records_item(records_item_data)

                records.append(records_item)

        starting_token = d.pop("starting_token", UNSET)

        limit = d.pop("limit", UNSET)

        paginated = d.pop("paginated", UNSET)

        def _parse_next_starting_token(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        next_starting_token = _parse_next_starting_token(d.pop("next_starting_token", UNSET))

        def _parse_last_row_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        last_row_id = _parse_last_row_id(d.pop("last_row_id", UNSET))

        log_records_query_response = cls(
            records=records,
            starting_token=starting_token,
            limit=limit,
            paginated=paginated,
            next_starting_token=next_starting_token,
            last_row_id=last_row_id,
        )

        log_records_query_response.additional_properties = d
        return log_records_query_response

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
