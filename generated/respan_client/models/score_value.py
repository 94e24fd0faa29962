from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from typing_extensions import Self

from ..types import UNSET, Unset

T = TypeVar("T", bound="ScoreValue")


@_attrs_define
class ScoreValue:
    """One evaluator's score on a trace or span; one of the `*_value` fields is set.

    Attributes:
        evaluator_id (None | str | Unset):
        evaluator_slug (None | str | Unset):
        evaluator_name (None | str | Unset):
        score_value_type (None | str | Unset): One of numerical, boolean, percentage, single_select, multi_select, text,
            json, comment, categorical.
        numerical_value (float | None | Unset):
        string_value (None | str | Unset):
        boolean_value (bool | None | Unset):
        categorical_value (list[str] | None | Unset):
        json_value (Any | Unset):
        avg_score (float | None | Unset):
        true_count (int | None | Unset):
        false_count (int | None | Unset):
        explanation (None | str | Unset):
        evaluator_family_id (None | str | Unset):
    """

    evaluator_id: None | str | Unset = UNSET
    evaluator_slug: None | str | Unset = UNSET
    evaluator_name: None | str | Unset = UNSET
    score_value_type: None | str | Unset = UNSET
    numerical_value: float | None | Unset = UNSET
    string_value: None | str | Unset = UNSET
    boolean_value: bool | None | Unset = UNSET
    categorical_value: list[str] | None | Unset = UNSET
    json_value: Any | Unset = UNSET
    avg_score: float | None | Unset = UNSET
    true_count: int | None | Unset = UNSET
    false_count: int | None | Unset = UNSET
    explanation: None | str | Unset = UNSET
    evaluator_family_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        evaluator_id: None | str | Unset
        if isinstance(self.evaluator_id, Unset):
            evaluator_id = UNSET
        else:
            evaluator_id = self.evaluator_id

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

        score_value_type: None | str | Unset
        if isinstance(self.score_value_type, Unset):
            score_value_type = UNSET
        else:
            score_value_type = self.score_value_type

        numerical_value: float | None | Unset
        if isinstance(self.numerical_value, Unset):
            numerical_value = UNSET
        else:
            numerical_value = self.numerical_value

        string_value: None | str | Unset
        if isinstance(self.string_value, Unset):
            string_value = UNSET
        else:
            string_value = self.string_value

        boolean_value: bool | None | Unset
        if isinstance(self.boolean_value, Unset):
            boolean_value = UNSET
        else:
            boolean_value = self.boolean_value

        categorical_value: list[str] | None | Unset
        if isinstance(self.categorical_value, Unset):
            categorical_value = UNSET
        elif isinstance(self.categorical_value, list):
            categorical_value = self.categorical_value

        else:
            categorical_value = self.categorical_value

        json_value = self.json_value

        avg_score: float | None | Unset
        if isinstance(self.avg_score, Unset):
            avg_score = UNSET
        else:
            avg_score = self.avg_score

        true_count: int | None | Unset
        if isinstance(self.true_count, Unset):
            true_count = UNSET
        else:
            true_count = self.true_count

        false_count: int | None | Unset
        if isinstance(self.false_count, Unset):
            false_count = UNSET
        else:
            false_count = self.false_count

        explanation: None | str | Unset
        if isinstance(self.explanation, Unset):
            explanation = UNSET
        else:
            explanation = self.explanation

        evaluator_family_id: None | str | Unset
        if isinstance(self.evaluator_family_id, Unset):
            evaluator_family_id = UNSET
        else:
            evaluator_family_id = self.evaluator_family_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if evaluator_id is not UNSET:
            field_dict["evaluator_id"] = evaluator_id
        if evaluator_slug is not UNSET:
            field_dict["evaluator_slug"] = evaluator_slug
        if evaluator_name is not UNSET:
            field_dict["evaluator_name"] = evaluator_name
        if score_value_type is not UNSET:
            field_dict["score_value_type"] = score_value_type
        if numerical_value is not UNSET:
            field_dict["numerical_value"] = numerical_value
        if string_value is not UNSET:
            field_dict["string_value"] = string_value
        if boolean_value is not UNSET:
            field_dict["boolean_value"] = boolean_value
        if categorical_value is not UNSET:
            field_dict["categorical_value"] = categorical_value
        if json_value is not UNSET:
            field_dict["json_value"] = json_value
        if avg_score is not UNSET:
            field_dict["avg_score"] = avg_score
        if true_count is not UNSET:
            field_dict["true_count"] = true_count
        if false_count is not UNSET:
            field_dict["false_count"] = false_count
        if explanation is not UNSET:
            field_dict["explanation"] = explanation
        if evaluator_family_id is not UNSET:
            field_dict["evaluator_family_id"] = evaluator_family_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_evaluator_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        evaluator_id = _parse_evaluator_id(d.pop("evaluator_id", UNSET))

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

        def _parse_score_value_type(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        score_value_type = _parse_score_value_type(d.pop("score_value_type", UNSET))

        def _parse_numerical_value(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        numerical_value = _parse_numerical_value(d.pop("numerical_value", UNSET))

        def _parse_string_value(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        string_value = _parse_string_value(d.pop("string_value", UNSET))

        def _parse_boolean_value(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        boolean_value = _parse_boolean_value(d.pop("boolean_value", UNSET))

        def _parse_categorical_value(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                categorical_value_type_0 = cast(list[str], data)

                return categorical_value_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        categorical_value = _parse_categorical_value(d.pop("categorical_value", UNSET))

        json_value = d.pop("json_value", UNSET)

        def _parse_avg_score(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        avg_score = _parse_avg_score(d.pop("avg_score", UNSET))

        def _parse_true_count(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        true_count = _parse_true_count(d.pop("true_count", UNSET))

        def _parse_false_count(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        false_count = _parse_false_count(d.pop("false_count", UNSET))

        def _parse_explanation(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        explanation = _parse_explanation(d.pop("explanation", UNSET))

        def _parse_evaluator_family_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        evaluator_family_id = _parse_evaluator_family_id(d.pop("evaluator_family_id", UNSET))

        score_value = cls(
            evaluator_id=evaluator_id,
            evaluator_slug=evaluator_slug,
            evaluator_name=evaluator_name,
            score_value_type=score_value_type,
            numerical_value=numerical_value,
            string_value=string_value,
            boolean_value=boolean_value,
            categorical_value=categorical_value,
            json_value=json_value,
            avg_score=avg_score,
            true_count=true_count,
            false_count=false_count,
            explanation=explanation,
            evaluator_family_id=evaluator_family_id,
        )

        score_value.additional_properties = d
        return score_value

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
