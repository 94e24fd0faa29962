from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from typing_extensions import Self

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.workflow_step import WorkflowStep


T = TypeVar("T", bound="ExperimentCreate")


@_attrs_define
class ExperimentCreate:
    """Give `evaluator_ids` or `evaluator_workflow_ids`, not both.

    Attributes:
        dataset_id (str):
        workflow (list[WorkflowStep]):
        name (str | Unset):
        description (str | Unset):
        evaluator_ids (list[str] | Unset):
        evaluator_workflow_ids (list[str] | Unset):
        evaluator_slugs (list[str] | Unset):
        experiment_id (str | Unset): Reuse this id instead of a generated one.
        span_workflow_name (str | Unset):
        enable_tracing (bool | Unset):
        batch_size (int | Unset):
        concurrency (int | Unset):
        generation_method (str | Unset):
    """

    dataset_id: str
    workflow: list[WorkflowStep]
    name: str | Unset = UNSET
    description: str | Unset = UNSET
    evaluator_ids: list[str] | Unset = UNSET
    evaluator_workflow_ids: list[str] | Unset = UNSET
    evaluator_slugs: list[str] | Unset = UNSET
    experiment_id: str | Unset = UNSET
    span_workflow_name: str | Unset = UNSET
    enable_tracing: bool | Unset = UNSET
    batch_size: int | Unset = UNSET
    concurrency: int | Unset = UNSET
    generation_method: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        dataset_id = self.dataset_id

        workflow = []
        for workflow_item_data in self.workflow:
            workflow_item = workflow_item_data.to_dict()
            workflow.append(workflow_item)

        name = self.name

        description = self.description

        evaluator_ids: list[str] | Unset = UNSET
        if not isinstance(self.evaluator_ids, Unset):
            evaluator_ids = self.evaluator_ids

        evaluator_workflow_ids: list[str] | Unset = UNSET
        if not isinstance(self.evaluator_workflow_ids, Unset):
            evaluator_workflow_ids = self.evaluator_workflow_ids

        evaluator_slugs: list[str] | Unset = UNSET
        if not isinstance(self.evaluator_slugs, Unset):
            evaluator_slugs = self.evaluator_slugs

        experiment_id = self.experiment_id

        span_workflow_name = self.span_workflow_name

        enable_tracing = self.enable_tracing

        batch_size = self.batch_size

        concurrency = self.concurrency

        generation_method = self.generation_method

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "dataset_id": dataset_id,
                "workflow": workflow,
            }
        )
        if name is not UNSET:
            field_dict["name"] = name
        if description is not UNSET:
            field_dict["description"] = description
        if evaluator_ids is not UNSET:
            field_dict["evaluator_ids"] = evaluator_ids
        if evaluator_workflow_ids is not UNSET:
            field_dict["evaluator_workflow_ids"] = evaluator_workflow_ids
        if evaluator_slugs is not UNSET:
            field_dict["evaluator_slugs"] = evaluator_slugs
        if experiment_id is not UNSET:
            field_dict["experiment_id"] = experiment_id
        if span_workflow_name is not UNSET:
            field_dict["span_workflow_name"] = span_workflow_name
        if enable_tracing is not UNSET:
            field_dict["enable_tracing"] = enable_tracing
        if batch_size is not UNSET:
            field_dict["batch_size"] = batch_size
        if concurrency is not UNSET:
            field_dict["concurrency"] = concurrency
        if generation_method is not UNSET:
            field_dict["generation_method"] = generation_method

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.workflow_step import WorkflowStep

        d = dict(src_dict)
        dataset_id = d.pop("dataset_id")

        workflow = []
        _workflow = d.pop("workflow")
        for workflow_item_data in _workflow:
            workflow_item = WorkflowStep.from_dict(workflow_item_data)

            workflow.append(workflow_item)

        name = d.pop("name", UNSET)

        description = d.pop("description", UNSET)

        evaluator_ids = cast(list[str], d.pop("evaluator_ids", UNSET))

        evaluator_workflow_ids = cast(list[str], d.pop("evaluator_workflow_ids", UNSET))

        evaluator_slugs = cast(list[str], d.pop("evaluator_slugs", UNSET))

        experiment_id = d.pop("experiment_id", UNSET)

        span_workflow_name = d.pop("span_workflow_name", UNSET)

        enable_tracing = d.pop("enable_tracing", UNSET)

        batch_size = d.pop("batch_size", UNSET)

        concurrency = d.pop("concurrency", UNSET)

        generation_method = d.pop("generation_method", UNSET)

        experiment_create = cls(
            dataset_id=dataset_id,
            workflow=workflow,
            name=name,
            description=description,
            evaluator_ids=evaluator_ids,
            evaluator_workflow_ids=evaluator_workflow_ids,
            evaluator_slugs=evaluator_slugs,
            experiment_id=experiment_id,
            span_workflow_name=span_workflow_name,
            enable_tracing=enable_tracing,
            batch_size=batch_size,
            concurrency=concurrency,
            generation_method=generation_method,
        )

        experiment_create.additional_properties = d
        return experiment_create

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
