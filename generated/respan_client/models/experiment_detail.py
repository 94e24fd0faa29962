from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from typing_extensions import Self

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.workflow_step import WorkflowStep


T = TypeVar("T", bound="ExperimentDetail")


@_attrs_define
class ExperimentDetail:
    """
    Attributes:
        id (str):
        name (str):
        status (str):
        created_at (datetime.datetime):
        description (None | str | Unset):
        dataset (None | str | Unset):
        dataset_id (None | str | Unset):
        dataset_name (None | str | Unset):
        workflow_count (int | None | Unset):
        progress (float | None | Unset): Percent done.
        started_at (datetime.datetime | None | Unset):
        completed_at (datetime.datetime | None | Unset):
        tags (list[Any] | None | Unset): Tag objects; their shape is not documented, so any JSON is read.
        workflow (list[WorkflowStep] | Unset):
        evaluator_ids (list[str] | Unset):
        evaluator_slugs (list[str] | Unset):
        evaluator_workflow_ids (list[str] | Unset):
        batch_size (int | None | Unset):
        concurrency (int | None | Unset):
        enable_tracing (bool | Unset):
        error_message (None | str | Unset):
    """

    id: str
    name: str
    status: str
    created_at: datetime.datetime
    description: None | str | Unset = UNSET
    dataset: None | str | Unset = UNSET
    dataset_id: None | str | Unset = UNSET
    dataset_name: None | str | Unset = UNSET
    workflow_count: int | None | Unset = UNSET
    progress: float | None | Unset = UNSET
    started_at: datetime.datetime | None | Unset = UNSET
    completed_at: datetime.datetime | None | Unset = UNSET
    tags: list[Any] | None | Unset = UNSET
    workflow: list[WorkflowStep] | Unset = UNSET
    evaluator_ids: list[str] | Unset = UNSET
    evaluator_slugs: list[str] | Unset = UNSET
    evaluator_workflow_ids: list[str] | Unset = UNSET
    batch_size: int | None | Unset = UNSET
    concurrency: int | None | Unset = UNSET
    enable_tracing: bool | Unset = UNSET
    error_message: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        status = self.status

        created_at = self.created_at.isoformat()

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        dataset: None | str | Unset
        if isinstance(self.dataset, Unset):
            dataset = UNSET
        else:
            dataset = self.dataset

        dataset_id: None | str | Unset
        if isinstance(self.dataset_id, Unset):
            dataset_id = UNSET
        else:
            dataset_id = self.dataset_id

        dataset_name: None | str | Unset
        if isinstance(self.dataset_name, Unset):
            dataset_name = UNSET
        else:
            dataset_name = self.dataset_name

        workflow_count: int | None | Unset
        if isinstance(self.workflow_count, Unset):
            workflow_count = UNSET
        else:
            workflow_count = self.workflow_count

        progress: float | None | Unset
        if isinstance(self.progress, Unset):
            progress = UNSET
        else:
            progress = self.progress

        started_at: None | str | Unset
        if isinstance(self.started_at, Unset):
            started_at = UNSET
        elif isinstance(self.started_at, datetime.datetime):
            started_at = self.started_at.isoformat()
        else:
            started_at = self.started_at

        completed_at: None | str | Unset
        if isinstance(self.completed_at, Unset):
            completed_at = UNSET
        elif isinstance(self.completed_at, datetime.datetime):
            completed_at = self.completed_at.isoformat()
        else:
            completed_at = self.completed_at

        tags: list[Any] | None | Unset
        if isinstance(self.tags, Unset):
            tags = UNSET
        elif isinstance(self.tags, list):
            tags = self.tags

        else:
            tags = self.tags

        workflow: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.workflow, Unset):
            workflow = []
            for workflow_item_data in self.workflow:
                workflow_item = workflow_item_data.to_dict()
                workflow.append(workflow_item)

        evaluator_ids: list[str] | Unset = UNSET
        if not isinstance(self.evaluator_ids, Unset):
            evaluator_ids = self.evaluator_ids

        evaluator_slugs: list[str] | Unset = UNSET
        if not isinstance(self.evaluator_slugs, Unset):
            evaluator_slugs = self.evaluator_slugs

        evaluator_workflow_ids: list[str] | Unset = UNSET
        if not isinstance(self.evaluator_workflow_ids, Unset):
            evaluator_workflow_ids = self.evaluator_workflow_ids

        batch_size: int | None | Unset
        if isinstance(self.batch_size, Unset):
            batch_size = UNSET
        else:
            batch_size = self.batch_size

        concurrency: int | None | Unset
        if isinstance(self.concurrency, Unset):
            concurrency = UNSET
        else:
            concurrency = self.concurrency

        enable_tracing = self.enable_tracing

        error_message: None | str | Unset
        if isinstance(self.error_message, Unset):
            error_message = UNSET
        else:
            error_message = self.error_message

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "status": status,
                "created_at": created_at,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if dataset is not UNSET:
            field_dict["dataset"] = dataset
        if dataset_id is not UNSET:
            field_dict["dataset_id"] = dataset_id
        if dataset_name is not UNSET:
            field_dict["dataset_name"] = dataset_name
        if workflow_count is not UNSET:
            field_dict["workflow_count"] = workflow_count
        if progress is not UNSET:
            field_dict["progress"] = progress
        if started_at is not UNSET:
            field_dict["started_at"] = started_at
        if completed_at is not UNSET:
            field_dict["completed_at"] = completed_at
        if tags is not UNSET:
            field_dict["tags"] = tags
        if workflow is not UNSET:
            field_dict["workflow"] = workflow
        if evaluator_ids is not UNSET:
            field_dict["evaluator_ids"] = evaluator_ids
        if evaluator_slugs is not UNSET:
            field_dict["evaluator_slugs"] = evaluator_slugs
        if evaluator_workflow_ids is not UNSET:
            field_dict["evaluator_workflow_ids"] = evaluator_workflow_ids
        if batch_size is not UNSET:
            field_dict["batch_size"] = batch_size
        if concurrency is not UNSET:
            field_dict["concurrency"] = concurrency
        if enable_tracing is not UNSET:
            field_dict["enable_tracing"] = enable_tracing
        if error_message is not UNSET:
            field_dict["error_message"] = error_message

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.workflow_step import WorkflowStep

        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name")

        status = d.pop("status")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        def _parse_dataset(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        dataset = _parse_dataset(d.pop("dataset", UNSET))

        def _parse_dataset_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        dataset_id = _parse_dataset_id(d.pop("dataset_id", UNSET))

        def _parse_dataset_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        dataset_name = _parse_dataset_name(d.pop("dataset_name", UNSET))

        def _parse_workflow_count(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        workflow_count = _parse_workflow_count(d.pop("workflow_count", UNSET))

        def _parse_progress(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        progress = _parse_progress(d.pop("progress", UNSET))

        def _parse_started_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                started_at_type_0 = datetime.datetime.fromisoformat(data)

                return started_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        started_at = _parse_started_at(d.pop("started_at", UNSET))

        def _parse_completed_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                completed_at_type_0 = datetime.datetime.fromisoformat(data)

                return completed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        completed_at = _parse_completed_at(d.pop("completed_at", UNSET))

        def _parse_tags(data: object) -> list[Any] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                tags_type_0 = cast(list[Any], data)

                return tags_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[Any] | None | Unset, data)

        tags = _parse_tags(d.pop("tags", UNSET))

        _workflow = d.pop("workflow", UNSET)
        workflow: list[WorkflowStep] | Unset = UNSET
        if _workflow is not UNSET:
            workflow = []
            for workflow_item_data in _workflow:
                workflow_item = WorkflowStep.from_dict(workflow_item_data)

                workflow.append(workflow_item)

        evaluator_ids = cast(list[str], d.pop("evaluator_ids", UNSET))

        evaluator_slugs = cast(list[str], d.pop("evaluator_slugs", UNSET))

        evaluator_workflow_ids = cast(list[str], d.pop("evaluator_workflow_ids", UNSET))

        def _parse_batch_size(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        batch_size = _parse_batch_size(d.pop("batch_size", UNSET))

        def _parse_concurrency(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        concurrency = _parse_concurrency(d.pop("concurrency", UNSET))

        enable_tracing = d.pop("enable_tracing", UNSET)

        def _parse_error_message(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        error_message = _parse_error_message(d.pop("error_message", UNSET))

        experiment_detail = cls(
            id=id,
            name=name,
            status=status,
            created_at=created_at,
            description=description,
            dataset=dataset,
            dataset_id=dataset_id,
            dataset_name=dataset_name,
            workflow_count=workflow_count,
            progress=progress,
            started_at=started_at,
            completed_at=completed_at,
            tags=tags,
            workflow=workflow,
            evaluator_ids=evaluator_ids,
            evaluator_slugs=evaluator_slugs,
            evaluator_workflow_ids=evaluator_workflow_ids,
            batch_size=batch_size,
            concurrency=concurrency,
            enable_tracing=enable_tracing,
            error_message=error_message,
        )

        experiment_detail.additional_properties = d
        return experiment_detail

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
