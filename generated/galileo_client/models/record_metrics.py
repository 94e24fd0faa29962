from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from typing_extensions import Self

from ..types import UNSET, Unset

T = TypeVar("T", bound="RecordMetrics")


@_attrs_define
class RecordMetrics:
    """Metric name to value; the documented ones are the service's own measurements, any other key is a scorer's output (a
    number, true/false or a label), named as the scorer is and listed by available_columns as `metrics/<name>`.

        Attributes:
            duration_ns (int | None | Unset):
            num_input_tokens (int | None | Unset):
            num_output_tokens (int | None | Unset):
            num_total_tokens (int | None | Unset):
            time_to_first_token_ns (int | None | Unset):
            num_image_input_tokens (int | None | Unset):
            num_audio_input_tokens (int | None | Unset):
            num_audio_output_tokens (int | None | Unset):
            num_image_output_tokens (int | None | Unset):
            cost (float | None | Unset): Listed by available_columns as `metrics/cost`.
    """

    duration_ns: int | None | Unset = UNSET
    num_input_tokens: int | None | Unset = UNSET
    num_output_tokens: int | None | Unset = UNSET
    num_total_tokens: int | None | Unset = UNSET
    time_to_first_token_ns: int | None | Unset = UNSET
    num_image_input_tokens: int | None | Unset = UNSET
    num_audio_input_tokens: int | None | Unset = UNSET
    num_audio_output_tokens: int | None | Unset = UNSET
    num_image_output_tokens: int | None | Unset = UNSET
    cost: float | None | Unset = UNSET
    additional_properties: dict[str, bool | float | None | str] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        duration_ns: int | None | Unset
        if isinstance(self.duration_ns, Unset):
            duration_ns = UNSET
        else:
            duration_ns = self.duration_ns

        num_input_tokens: int | None | Unset
        if isinstance(self.num_input_tokens, Unset):
            num_input_tokens = UNSET
        else:
            num_input_tokens = self.num_input_tokens

        num_output_tokens: int | None | Unset
        if isinstance(self.num_output_tokens, Unset):
            num_output_tokens = UNSET
        else:
            num_output_tokens = self.num_output_tokens

        num_total_tokens: int | None | Unset
        if isinstance(self.num_total_tokens, Unset):
            num_total_tokens = UNSET
        else:
            num_total_tokens = self.num_total_tokens

        time_to_first_token_ns: int | None | Unset
        if isinstance(self.time_to_first_token_ns, Unset):
            time_to_first_token_ns = UNSET
        else:
            time_to_first_token_ns = self.time_to_first_token_ns

        num_image_input_tokens: int | None | Unset
        if isinstance(self.num_image_input_tokens, Unset):
            num_image_input_tokens = UNSET
        else:
            num_image_input_tokens = self.num_image_input_tokens

        num_audio_input_tokens: int | None | Unset
        if isinstance(self.num_audio_input_tokens, Unset):
            num_audio_input_tokens = UNSET
        else:
            num_audio_input_tokens = self.num_audio_input_tokens

        num_audio_output_tokens: int | None | Unset
        if isinstance(self.num_audio_output_tokens, Unset):
            num_audio_output_tokens = UNSET
        else:
            num_audio_output_tokens = self.num_audio_output_tokens

        num_image_output_tokens: int | None | Unset
        if isinstance(self.num_image_output_tokens, Unset):
            num_image_output_tokens = UNSET
        else:
            num_image_output_tokens = self.num_image_output_tokens

        cost: float | None | Unset
        if isinstance(self.cost, Unset):
            cost = UNSET
        else:
            cost = self.cost

        field_dict: dict[str, Any] = {}
        for prop_name, prop in self.additional_properties.items():
            field_dict[prop_name] = prop

        field_dict.update({})
        if duration_ns is not UNSET:
            field_dict["duration_ns"] = duration_ns
        if num_input_tokens is not UNSET:
            field_dict["num_input_tokens"] = num_input_tokens
        if num_output_tokens is not UNSET:
            field_dict["num_output_tokens"] = num_output_tokens
        if num_total_tokens is not UNSET:
            field_dict["num_total_tokens"] = num_total_tokens
        if time_to_first_token_ns is not UNSET:
            field_dict["time_to_first_token_ns"] = time_to_first_token_ns
        if num_image_input_tokens is not UNSET:
            field_dict["num_image_input_tokens"] = num_image_input_tokens
        if num_audio_input_tokens is not UNSET:
            field_dict["num_audio_input_tokens"] = num_audio_input_tokens
        if num_audio_output_tokens is not UNSET:
            field_dict["num_audio_output_tokens"] = num_audio_output_tokens
        if num_image_output_tokens is not UNSET:
            field_dict["num_image_output_tokens"] = num_image_output_tokens
        if cost is not UNSET:
            field_dict["cost"] = cost

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_duration_ns(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        duration_ns = _parse_duration_ns(d.pop("duration_ns", UNSET))

        def _parse_num_input_tokens(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        num_input_tokens = _parse_num_input_tokens(d.pop("num_input_tokens", UNSET))

        def _parse_num_output_tokens(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        num_output_tokens = _parse_num_output_tokens(d.pop("num_output_tokens", UNSET))

        def _parse_num_total_tokens(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        num_total_tokens = _parse_num_total_tokens(d.pop("num_total_tokens", UNSET))

        def _parse_time_to_first_token_ns(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        time_to_first_token_ns = _parse_time_to_first_token_ns(d.pop("time_to_first_token_ns", UNSET))

        def _parse_num_image_input_tokens(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        num_image_input_tokens = _parse_num_image_input_tokens(d.pop("num_image_input_tokens", UNSET))

        def _parse_num_audio_input_tokens(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        num_audio_input_tokens = _parse_num_audio_input_tokens(d.pop("num_audio_input_tokens", UNSET))

        def _parse_num_audio_output_tokens(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        num_audio_output_tokens = _parse_num_audio_output_tokens(d.pop("num_audio_output_tokens", UNSET))

        def _parse_num_image_output_tokens(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        num_image_output_tokens = _parse_num_image_output_tokens(d.pop("num_image_output_tokens", UNSET))

        def _parse_cost(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        cost = _parse_cost(d.pop("cost", UNSET))

        record_metrics = cls(
            duration_ns=duration_ns,
            num_input_tokens=num_input_tokens,
            num_output_tokens=num_output_tokens,
            num_total_tokens=num_total_tokens,
            time_to_first_token_ns=time_to_first_token_ns,
            num_image_input_tokens=num_image_input_tokens,
            num_audio_input_tokens=num_audio_input_tokens,
            num_audio_output_tokens=num_audio_output_tokens,
            num_image_output_tokens=num_image_output_tokens,
            cost=cost,
        )

        additional_properties = {}
        for prop_name, prop_dict in d.items():

            def _parse_additional_property(data: object) -> bool | float | None | str:
                if data is None:
                    return data
                return cast(bool | float | None | str, data)

            additional_property = _parse_additional_property(prop_dict)

            additional_properties[prop_name] = additional_property

        record_metrics.additional_properties = additional_properties
        return record_metrics

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> bool | float | None | str:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: bool | float | None | str) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
