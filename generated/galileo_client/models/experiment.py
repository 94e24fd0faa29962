from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from typing_extensions import Self

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.experiment_aggregate_metrics_type_0 import ExperimentAggregateMetricsType0


T = TypeVar("T", bound="Experiment")


@_attrs_define
class Experiment:
    """
    Attributes:
        id (str):
        name (str):
        project_id (None | str | Unset):
        created_at (datetime.datetime | None | Unset):
        updated_at (datetime.datetime | None | Unset):
        task_type (int | None | Unset): galileo's TaskType (an integer code).
        status (Any | Unset): galileo's ExperimentStatus (any JSON).
        dataset (Any | Unset): The dataset the experiment ran on (any JSON).
        aggregate_metrics (ExperimentAggregateMetricsType0 | None | Unset):
        tags (Any | Unset): Tags (any JSON).
    """

    id: str
    name: str
    project_id: None | str | Unset = UNSET
    created_at: datetime.datetime | None | Unset = UNSET
    updated_at: datetime.datetime | None | Unset = UNSET
    task_type: int | None | Unset = UNSET
    status: Any | Unset = UNSET
    dataset: Any | Unset = UNSET
    aggregate_metrics: ExperimentAggregateMetricsType0 | None | Unset = UNSET
    tags: Any | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.experiment_aggregate_metrics_type_0 import ExperimentAggregateMetricsType0

        id = self.id

        name = self.name

        project_id: None | str | Unset
        if isinstance(self.project_id, Unset):
            project_id = UNSET
        else:
            project_id = self.project_id

        created_at: None | str | Unset
        if isinstance(self.created_at, Unset):
            created_at = UNSET
        elif isinstance(self.created_at, datetime.datetime):
            created_at = self.created_at.isoformat()
        else:
            created_at = self.created_at

        updated_at: None | str | Unset
        if isinstance(self.updated_at, Unset):
            updated_at = UNSET
        elif isinstance(self.updated_at, datetime.datetime):
            updated_at = self.updated_at.isoformat()
        else:
            updated_at = self.updated_at

        task_type: int | None | Unset
        if isinstance(self.task_type, Unset):
            task_type = UNSET
        else:
            task_type = self.task_type

        status = self.status

        dataset = self.dataset

        aggregate_metrics: dict[str, Any] | None | Unset
        if isinstance(self.aggregate_metrics, Unset):
            aggregate_metrics = UNSET
        elif isinstance(self.aggregate_metrics, ExperimentAggregateMetricsType0):
            aggregate_metrics = self.aggregate_metrics.to_dict()
        else:
            aggregate_metrics = self.aggregate_metrics

        tags = self.tags

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
            }
        )
        if project_id is not UNSET:
            field_dict["project_id"] = project_id
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if updated_at is not UNSET:
            field_dict["updated_at"] = updated_at
        if task_type is not UNSET:
            field_dict["task_type"] = task_type
        if status is not UNSET:
            field_dict["status"] = status
        if dataset is not UNSET:
            field_dict["dataset"] = dataset
        if aggregate_metrics is not UNSET:
            field_dict["aggregate_metrics"] = aggregate_metrics
        if tags is not UNSET:
            field_dict["tags"] = tags

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.experiment_aggregate_metrics_type_0 import ExperimentAggregateMetricsType0

        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name")

        def _parse_project_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        project_id = _parse_project_id(d.pop("project_id", UNSET))

        def _parse_created_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                created_at_type_0 = datetime.datetime.fromisoformat(data)

                return created_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        created_at = _parse_created_at(d.pop("created_at", UNSET))

        def _parse_updated_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                updated_at_type_0 = datetime.datetime.fromisoformat(data)

                return updated_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        updated_at = _parse_updated_at(d.pop("updated_at", UNSET))

        def _parse_task_type(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        task_type = _parse_task_type(d.pop("task_type", UNSET))

        status = d.pop("status", UNSET)

        dataset = d.pop("dataset", UNSET)

        def _parse_aggregate_metrics(data: object) -> ExperimentAggregateMetricsType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                aggregate_metrics_type_0 = ExperimentAggregateMetricsType0.from_dict(data)

                return aggregate_metrics_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ExperimentAggregateMetricsType0 | None | Unset, data)

        aggregate_metrics = _parse_aggregate_metrics(d.pop("aggregate_metrics", UNSET))

        tags = d.pop("tags", UNSET)

        experiment = cls(
            id=id,
            name=name,
            project_id=project_id,
            created_at=created_at,
            updated_at=updated_at,
            task_type=task_type,
            status=status,
            dataset=dataset,
            aggregate_metrics=aggregate_metrics,
            tags=tags,
        )

        experiment.additional_properties = d
        return experiment

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
