from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from typing_extensions import Self

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.annotation_user import AnnotationUser
    from ..models.score_value import ScoreValue
    from ..models.scores_type_0 import ScoresType0
    from ..models.span_metadata_type_0 import SpanMetadataType0


T = TypeVar("T", bound="Span")


@_attrs_define
class Span:
    """One span (log) row, in a dataset or in the organization's span list.

    Attributes:
        id (None | str | Unset):
        unique_id (None | str | Unset):
        organization_id (None | str | Unset):
        environment (None | str | Unset):
        timestamp (datetime.datetime | None | Unset): Filtered as `created_at` too (seed 003).
        start_time (datetime.datetime | None | Unset):
        prompt_tokens (int | None | Unset):
        completion_tokens (int | None | Unset):
        total_request_tokens (int | None | Unset):
        cost (float | None | Unset):
        model (None | str | Unset):
        latency (float | None | Unset): Seconds.
        status_code (int | None | Unset):
        status (None | str | Unset):
        prompt (Any | Unset):
        completion (Any | Unset):
        input_ (Any | Unset):
        output (Any | Unset):
        dataset_id (None | str | Unset):
        annotation_status (None | str | Unset):
        annotation_completed_by (AnnotationUser | None | Unset):
        scores (list[Any | ScoreValue] | None | ScoresType0 | Unset): Keyed by evaluator id or slug; some older rows
            carry a list.
        metadata (None | SpanMetadataType0 | Unset): Custom metadata, filterable as `metadata__<key>`.
        custom_identifier (None | str | Unset):
        log_type (None | str | Unset):
    """

    id: None | str | Unset = UNSET
    unique_id: None | str | Unset = UNSET
    organization_id: None | str | Unset = UNSET
    environment: None | str | Unset = UNSET
    timestamp: datetime.datetime | None | Unset = UNSET
    start_time: datetime.datetime | None | Unset = UNSET
    prompt_tokens: int | None | Unset = UNSET
    completion_tokens: int | None | Unset = UNSET
    total_request_tokens: int | None | Unset = UNSET
    cost: float | None | Unset = UNSET
    model: None | str | Unset = UNSET
    latency: float | None | Unset = UNSET
    status_code: int | None | Unset = UNSET
    status: None | str | Unset = UNSET
    prompt: Any | Unset = UNSET
    completion: Any | Unset = UNSET
    input_: Any | Unset = UNSET
    output: Any | Unset = UNSET
    dataset_id: None | str | Unset = UNSET
    annotation_status: None | str | Unset = UNSET
    annotation_completed_by: AnnotationUser | None | Unset = UNSET
    scores: list[Any | ScoreValue] | None | ScoresType0 | Unset = UNSET
    metadata: None | SpanMetadataType0 | Unset = UNSET
    custom_identifier: None | str | Unset = UNSET
    log_type: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.annotation_user import AnnotationUser
        from ..models.score_value import ScoreValue
        from ..models.scores_type_0 import ScoresType0
        from ..models.span_metadata_type_0 import SpanMetadataType0

        id: None | str | Unset
        if isinstance(self.id, Unset):
            id = UNSET
        else:
            id = self.id

        unique_id: None | str | Unset
        if isinstance(self.unique_id, Unset):
            unique_id = UNSET
        else:
            unique_id = self.unique_id

        organization_id: None | str | Unset
        if isinstance(self.organization_id, Unset):
            organization_id = UNSET
        else:
            organization_id = self.organization_id

        environment: None | str | Unset
        if isinstance(self.environment, Unset):
            environment = UNSET
        else:
            environment = self.environment

        timestamp: None | str | Unset
        if isinstance(self.timestamp, Unset):
            timestamp = UNSET
        elif isinstance(self.timestamp, datetime.datetime):
            timestamp = self.timestamp.isoformat()
        else:
            timestamp = self.timestamp

        start_time: None | str | Unset
        if isinstance(self.start_time, Unset):
            start_time = UNSET
        elif isinstance(self.start_time, datetime.datetime):
            start_time = self.start_time.isoformat()
        else:
            start_time = self.start_time

        prompt_tokens: int | None | Unset
        if isinstance(self.prompt_tokens, Unset):
            prompt_tokens = UNSET
        else:
            prompt_tokens = self.prompt_tokens

        completion_tokens: int | None | Unset
        if isinstance(self.completion_tokens, Unset):
            completion_tokens = UNSET
        else:
            completion_tokens = self.completion_tokens

        total_request_tokens: int | None | Unset
        if isinstance(self.total_request_tokens, Unset):
            total_request_tokens = UNSET
        else:
            total_request_tokens = self.total_request_tokens

        cost: float | None | Unset
        if isinstance(self.cost, Unset):
            cost = UNSET
        else:
            cost = self.cost

        model: None | str | Unset
        if isinstance(self.model, Unset):
            model = UNSET
        else:
            model = self.model

        latency: float | None | Unset
        if isinstance(self.latency, Unset):
            latency = UNSET
        else:
            latency = self.latency

        status_code: int | None | Unset
        if isinstance(self.status_code, Unset):
            status_code = UNSET
        else:
            status_code = self.status_code

        status: None | str | Unset
        if isinstance(self.status, Unset):
            status = UNSET
        else:
            status = self.status

        prompt = self.prompt

        completion = self.completion

        input_ = self.input_

        output = self.output

        dataset_id: None | str | Unset
        if isinstance(self.dataset_id, Unset):
            dataset_id = UNSET
        else:
            dataset_id = self.dataset_id

        annotation_status: None | str | Unset
        if isinstance(self.annotation_status, Unset):
            annotation_status = UNSET
        else:
            annotation_status = self.annotation_status

        annotation_completed_by: dict[str, Any] | None | Unset
        if isinstance(self.annotation_completed_by, Unset):
            annotation_completed_by = UNSET
        elif isinstance(self.annotation_completed_by, AnnotationUser):
            annotation_completed_by = self.annotation_completed_by.to_dict()
        else:
            annotation_completed_by = self.annotation_completed_by

        scores: dict[str, Any] | list[Any | dict[str, Any]] | None | Unset
        if isinstance(self.scores, Unset):
            scores = UNSET
        elif isinstance(self.scores, ScoresType0):
            scores = self.scores.to_dict()
        elif isinstance(self.scores, list):
            scores = []
            for scores_type_1_item_data in self.scores:
                scores_type_1_item: Any | dict[str, Any]
                if isinstance(scores_type_1_item_data, ScoreValue):
                    scores_type_1_item = scores_type_1_item_data.to_dict()
                else:
                    scores_type_1_item = scores_type_1_item_data
                scores.append(scores_type_1_item)

        else:
            scores = self.scores

        metadata: dict[str, Any] | None | Unset
        if isinstance(self.metadata, Unset):
            metadata = UNSET
        elif isinstance(self.metadata, SpanMetadataType0):
            metadata = self.metadata.to_dict()
        else:
            metadata = self.metadata

        custom_identifier: None | str | Unset
        if isinstance(self.custom_identifier, Unset):
            custom_identifier = UNSET
        else:
            custom_identifier = self.custom_identifier

        log_type: None | str | Unset
        if isinstance(self.log_type, Unset):
            log_type = UNSET
        else:
            log_type = self.log_type

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if id is not UNSET:
            field_dict["id"] = id
        if unique_id is not UNSET:
            field_dict["unique_id"] = unique_id
        if organization_id is not UNSET:
            field_dict["organization_id"] = organization_id
        if environment is not UNSET:
            field_dict["environment"] = environment
        if timestamp is not UNSET:
            field_dict["timestamp"] = timestamp
        if start_time is not UNSET:
            field_dict["start_time"] = start_time
        if prompt_tokens is not UNSET:
            field_dict["prompt_tokens"] = prompt_tokens
        if completion_tokens is not UNSET:
            field_dict["completion_tokens"] = completion_tokens
        if total_request_tokens is not UNSET:
            field_dict["total_request_tokens"] = total_request_tokens
        if cost is not UNSET:
            field_dict["cost"] = cost
        if model is not UNSET:
            field_dict["model"] = model
        if latency is not UNSET:
            field_dict["latency"] = latency
        if status_code is not UNSET:
            field_dict["status_code"] = status_code
        if status is not UNSET:
            field_dict["status"] = status
        if prompt is not UNSET:
            field_dict["prompt"] = prompt
        if completion is not UNSET:
            field_dict["completion"] = completion
        if input_ is not UNSET:
            field_dict["input"] = input_
        if output is not UNSET:
            field_dict["output"] = output
        if dataset_id is not UNSET:
            field_dict["dataset_id"] = dataset_id
        if annotation_status is not UNSET:
            field_dict["annotation_status"] = annotation_status
        if annotation_completed_by is not UNSET:
            field_dict["annotation_completed_by"] = annotation_completed_by
        if scores is not UNSET:
            field_dict["scores"] = scores
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if custom_identifier is not UNSET:
            field_dict["custom_identifier"] = custom_identifier
        if log_type is not UNSET:
            field_dict["log_type"] = log_type

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.annotation_user import AnnotationUser
        from ..models.score_value import ScoreValue
        from ..models.scores_type_0 import ScoresType0
        from ..models.span_metadata_type_0 import SpanMetadataType0

        d = dict(src_dict)

        def _parse_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        id = _parse_id(d.pop("id", UNSET))

        def _parse_unique_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        unique_id = _parse_unique_id(d.pop("unique_id", UNSET))

        def _parse_organization_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        organization_id = _parse_organization_id(d.pop("organization_id", UNSET))

        def _parse_environment(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        environment = _parse_environment(d.pop("environment", UNSET))

        def _parse_timestamp(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                timestamp_type_0 = datetime.datetime.fromisoformat(data)

                return timestamp_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        timestamp = _parse_timestamp(d.pop("timestamp", UNSET))

        def _parse_start_time(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                start_time_type_0 = datetime.datetime.fromisoformat(data)

                return start_time_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        start_time = _parse_start_time(d.pop("start_time", UNSET))

        def _parse_prompt_tokens(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        prompt_tokens = _parse_prompt_tokens(d.pop("prompt_tokens", UNSET))

        def _parse_completion_tokens(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        completion_tokens = _parse_completion_tokens(d.pop("completion_tokens", UNSET))

        def _parse_total_request_tokens(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        total_request_tokens = _parse_total_request_tokens(d.pop("total_request_tokens", UNSET))

        def _parse_cost(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        cost = _parse_cost(d.pop("cost", UNSET))

        def _parse_model(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        model = _parse_model(d.pop("model", UNSET))

        def _parse_latency(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        latency = _parse_latency(d.pop("latency", UNSET))

        def _parse_status_code(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        status_code = _parse_status_code(d.pop("status_code", UNSET))

        def _parse_status(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        status = _parse_status(d.pop("status", UNSET))

        prompt = d.pop("prompt", UNSET)

        completion = d.pop("completion", UNSET)

        input_ = d.pop("input", UNSET)

        output = d.pop("output", UNSET)

        def _parse_dataset_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        dataset_id = _parse_dataset_id(d.pop("dataset_id", UNSET))

        def _parse_annotation_status(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        annotation_status = _parse_annotation_status(d.pop("annotation_status", UNSET))

        def _parse_annotation_completed_by(data: object) -> AnnotationUser | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                annotation_completed_by_type_0 = AnnotationUser.from_dict(data)

                return annotation_completed_by_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AnnotationUser | None | Unset, data)

        annotation_completed_by = _parse_annotation_completed_by(d.pop("annotation_completed_by", UNSET))

        def _parse_scores(data: object) -> list[Any | ScoreValue] | None | ScoresType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_scores_type_0 = ScoresType0.from_dict(data)

                return componentsschemas_scores_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, list):
                    raise TypeError()
                scores_type_1 = []
                _scores_type_1 = data
                for scores_type_1_item_data in _scores_type_1:

                    def _parse_scores_type_1_item(data: object) -> Any | ScoreValue:
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            componentsschemas_score_type_0 = ScoreValue.from_dict(data)

                            return componentsschemas_score_type_0
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        return cast(Any | ScoreValue, data)

                    scores_type_1_item = _parse_scores_type_1_item(scores_type_1_item_data)

                    scores_type_1.append(scores_type_1_item)

                return scores_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[Any | ScoreValue] | None | ScoresType0 | Unset, data)

        scores = _parse_scores(d.pop("scores", UNSET))

        def _parse_metadata(data: object) -> None | SpanMetadataType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                metadata_type_0 = SpanMetadataType0.from_dict(data)

                return metadata_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SpanMetadataType0 | Unset, data)

        metadata = _parse_metadata(d.pop("metadata", UNSET))

        def _parse_custom_identifier(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        custom_identifier = _parse_custom_identifier(d.pop("custom_identifier", UNSET))

        def _parse_log_type(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        log_type = _parse_log_type(d.pop("log_type", UNSET))

        span = cls(
            id=id,
            unique_id=unique_id,
            organization_id=organization_id,
            environment=environment,
            timestamp=timestamp,
            start_time=start_time,
            prompt_tokens=prompt_tokens,
            completion_tokens=completion_tokens,
            total_request_tokens=total_request_tokens,
            cost=cost,
            model=model,
            latency=latency,
            status_code=status_code,
            status=status,
            prompt=prompt,
            completion=completion,
            input_=input_,
            output=output,
            dataset_id=dataset_id,
            annotation_status=annotation_status,
            annotation_completed_by=annotation_completed_by,
            scores=scores,
            metadata=metadata,
            custom_identifier=custom_identifier,
            log_type=log_type,
        )

        span.additional_properties = d
        return span

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
