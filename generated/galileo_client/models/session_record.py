from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from typing_extensions import Self

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.record_fields_annotation_aggregates_type_0 import RecordFieldsAnnotationAggregatesType0
    from ..models.record_fields_annotation_agreement_type_0 import RecordFieldsAnnotationAgreementType0
    from ..models.record_fields_annotations_type_0 import RecordFieldsAnnotationsType0
    from ..models.record_fields_dataset_metadata_type_0 import RecordFieldsDatasetMetadataType0
    from ..models.record_fields_feedback_rating_info_type_0 import RecordFieldsFeedbackRatingInfoType0
    from ..models.record_fields_files_type_0 import RecordFieldsFilesType0
    from ..models.record_fields_metric_info_type_0 import RecordFieldsMetricInfoType0
    from ..models.record_fields_user_metadata_type_0 import RecordFieldsUserMetadataType0
    from ..models.record_metrics import RecordMetrics


T = TypeVar("T", bound="SessionRecord")


@_attrs_define
class SessionRecord:
    """
    Attributes:
        id (str):
        type_ (Literal['session']):
        project_id (None | str | Unset):
        run_id (None | str | Unset):
        name (None | str | Unset):
        input_ (Any | Unset):
        output (Any | Unset):
        redacted_input (Any | Unset): `input` with sensitive data redacted.
        redacted_output (Any | Unset): `output` with sensitive data redacted.
        metrics (None | RecordMetrics | Unset): Filterable and sortable as `metrics/<name>` number columns.
        created_at (datetime.datetime | None | Unset):
        updated_at (datetime.datetime | None | Unset):
        tags (list[str] | None | Unset):
        user_metadata (None | RecordFieldsUserMetadataType0 | Unset): Filterable as `user_metadata/<key>` text columns.
        session_id (None | str | Unset):
        trace_id (None | str | Unset):
        parent_id (None | str | Unset):
        status_code (int | None | Unset):
        external_id (None | str | Unset):
        dataset_input (None | str | Unset):
        dataset_output (None | str | Unset):
        dataset_metadata (None | RecordFieldsDatasetMetadataType0 | Unset):
        has_children (bool | None | Unset):
        metrics_batch_id (None | str | Unset):
        session_batch_id (None | str | Unset):
        feedback_rating_info (None | RecordFieldsFeedbackRatingInfoType0 | Unset):
        annotations (None | RecordFieldsAnnotationsType0 | Unset):
        file_ids (list[str] | None | Unset):
        file_modalities (list[str] | None | Unset):
        annotation_aggregates (None | RecordFieldsAnnotationAggregatesType0 | Unset):
        annotation_agreement (None | RecordFieldsAnnotationAgreementType0 | Unset):
        overall_annotation_agreement (float | None | Unset):
        annotation_queue_ids (list[str] | None | Unset):
        fully_annotated (bool | None | Unset):
        progress_message (None | str | Unset):
        error_message (None | str | Unset):
        metric_info (None | RecordFieldsMetricInfoType0 | Unset):
        files (None | RecordFieldsFilesType0 | Unset):
        is_complete (bool | None | Unset):
        previous_session_id (None | str | Unset):
        num_traces (int | None | Unset):
    """

    id: str
    type_: Literal["session"]
    project_id: None | str | Unset = UNSET
    run_id: None | str | Unset = UNSET
    name: None | str | Unset = UNSET
    input_: Any | Unset = UNSET
    output: Any | Unset = UNSET
    redacted_input: Any | Unset = UNSET
    redacted_output: Any | Unset = UNSET
    metrics: None | RecordMetrics | Unset = UNSET
    created_at: datetime.datetime | None | Unset = UNSET
    updated_at: datetime.datetime | None | Unset = UNSET
    tags: list[str] | None | Unset = UNSET
    user_metadata: None | RecordFieldsUserMetadataType0 | Unset = UNSET
    session_id: None | str | Unset = UNSET
    trace_id: None | str | Unset = UNSET
    parent_id: None | str | Unset = UNSET
    status_code: int | None | Unset = UNSET
    external_id: None | str | Unset = UNSET
    dataset_input: None | str | Unset = UNSET
    dataset_output: None | str | Unset = UNSET
    dataset_metadata: None | RecordFieldsDatasetMetadataType0 | Unset = UNSET
    has_children: bool | None | Unset = UNSET
    metrics_batch_id: None | str | Unset = UNSET
    session_batch_id: None | str | Unset = UNSET
    feedback_rating_info: None | RecordFieldsFeedbackRatingInfoType0 | Unset = UNSET
    annotations: None | RecordFieldsAnnotationsType0 | Unset = UNSET
    file_ids: list[str] | None | Unset = UNSET
    file_modalities: list[str] | None | Unset = UNSET
    annotation_aggregates: None | RecordFieldsAnnotationAggregatesType0 | Unset = UNSET
    annotation_agreement: None | RecordFieldsAnnotationAgreementType0 | Unset = UNSET
    overall_annotation_agreement: float | None | Unset = UNSET
    annotation_queue_ids: list[str] | None | Unset = UNSET
    fully_annotated: bool | None | Unset = UNSET
    progress_message: None | str | Unset = UNSET
    error_message: None | str | Unset = UNSET
    metric_info: None | RecordFieldsMetricInfoType0 | Unset = UNSET
    files: None | RecordFieldsFilesType0 | Unset = UNSET
    is_complete: bool | None | Unset = UNSET
    previous_session_id: None | str | Unset = UNSET
    num_traces: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.record_fields_annotation_aggregates_type_0 import RecordFieldsAnnotationAggregatesType0
        from ..models.record_fields_annotation_agreement_type_0 import RecordFieldsAnnotationAgreementType0
        from ..models.record_fields_annotations_type_0 import RecordFieldsAnnotationsType0
        from ..models.record_fields_dataset_metadata_type_0 import RecordFieldsDatasetMetadataType0
        from ..models.record_fields_feedback_rating_info_type_0 import RecordFieldsFeedbackRatingInfoType0
        from ..models.record_fields_files_type_0 import RecordFieldsFilesType0
        from ..models.record_fields_metric_info_type_0 import RecordFieldsMetricInfoType0
        from ..models.record_fields_user_metadata_type_0 import RecordFieldsUserMetadataType0
        from ..models.record_metrics import RecordMetrics

        id = self.id

        type_ = self.type_

        project_id: None | str | Unset
        if isinstance(self.project_id, Unset):
            project_id = UNSET
        else:
            project_id = self.project_id

        run_id: None | str | Unset
        if isinstance(self.run_id, Unset):
            run_id = UNSET
        else:
            run_id = self.run_id

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        input_ = self.input_

        output = self.output

        redacted_input = self.redacted_input

        redacted_output = self.redacted_output

        metrics: dict[str, Any] | None | Unset
        if isinstance(self.metrics, Unset):
            metrics = UNSET
        elif isinstance(self.metrics, RecordMetrics):
            metrics = self.metrics.to_dict()
        else:
            metrics = self.metrics

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

        tags: list[str] | None | Unset
        if isinstance(self.tags, Unset):
            tags = UNSET
        elif isinstance(self.tags, list):
            tags = self.tags

        else:
            tags = self.tags

        user_metadata: dict[str, Any] | None | Unset
        if isinstance(self.user_metadata, Unset):
            user_metadata = UNSET
        elif isinstance(self.user_metadata, RecordFieldsUserMetadataType0):
            user_metadata = self.user_metadata.to_dict()
        else:
            user_metadata = self.user_metadata

        session_id: None | str | Unset
        if isinstance(self.session_id, Unset):
            session_id = UNSET
        else:
            session_id = self.session_id

        trace_id: None | str | Unset
        if isinstance(self.trace_id, Unset):
            trace_id = UNSET
        else:
            trace_id = self.trace_id

        parent_id: None | str | Unset
        if isinstance(self.parent_id, Unset):
            parent_id = UNSET
        else:
            parent_id = self.parent_id

        status_code: int | None | Unset
        if isinstance(self.status_code, Unset):
            status_code = UNSET
        else:
            status_code = self.status_code

        external_id: None | str | Unset
        if isinstance(self.external_id, Unset):
            external_id = UNSET
        else:
            external_id = self.external_id

        dataset_input: None | str | Unset
        if isinstance(self.dataset_input, Unset):
            dataset_input = UNSET
        else:
            dataset_input = self.dataset_input

        dataset_output: None | str | Unset
        if isinstance(self.dataset_output, Unset):
            dataset_output = UNSET
        else:
            dataset_output = self.dataset_output

        dataset_metadata: dict[str, Any] | None | Unset
        if isinstance(self.dataset_metadata, Unset):
            dataset_metadata = UNSET
        elif isinstance(self.dataset_metadata, RecordFieldsDatasetMetadataType0):
            dataset_metadata = self.dataset_metadata.to_dict()
        else:
            dataset_metadata = self.dataset_metadata

        has_children: bool | None | Unset
        if isinstance(self.has_children, Unset):
            has_children = UNSET
        else:
            has_children = self.has_children

        metrics_batch_id: None | str | Unset
        if isinstance(self.metrics_batch_id, Unset):
            metrics_batch_id = UNSET
        else:
            metrics_batch_id = self.metrics_batch_id

        session_batch_id: None | str | Unset
        if isinstance(self.session_batch_id, Unset):
            session_batch_id = UNSET
        else:
            session_batch_id = self.session_batch_id

        feedback_rating_info: dict[str, Any] | None | Unset
        if isinstance(self.feedback_rating_info, Unset):
            feedback_rating_info = UNSET
        elif isinstance(self.feedback_rating_info, RecordFieldsFeedbackRatingInfoType0):
            feedback_rating_info = self.feedback_rating_info.to_dict()
        else:
            feedback_rating_info = self.feedback_rating_info

        annotations: dict[str, Any] | None | Unset
        if isinstance(self.annotations, Unset):
            annotations = UNSET
        elif isinstance(self.annotations, RecordFieldsAnnotationsType0):
            annotations = self.annotations.to_dict()
        else:
            annotations = self.annotations

        file_ids: list[str] | None | Unset
        if isinstance(self.file_ids, Unset):
            file_ids = UNSET
        elif isinstance(self.file_ids, list):
            file_ids = self.file_ids

        else:
            file_ids = self.file_ids

        file_modalities: list[str] | None | Unset
        if isinstance(self.file_modalities, Unset):
            file_modalities = UNSET
        elif isinstance(self.file_modalities, list):
            file_modalities = self.file_modalities

        else:
            file_modalities = self.file_modalities

        annotation_aggregates: dict[str, Any] | None | Unset
        if isinstance(self.annotation_aggregates, Unset):
            annotation_aggregates = UNSET
        elif isinstance(self.annotation_aggregates, RecordFieldsAnnotationAggregatesType0):
            annotation_aggregates = self.annotation_aggregates.to_dict()
        else:
            annotation_aggregates = self.annotation_aggregates

        annotation_agreement: dict[str, Any] | None | Unset
        if isinstance(self.annotation_agreement, Unset):
            annotation_agreement = UNSET
        elif isinstance(self.annotation_agreement, RecordFieldsAnnotationAgreementType0):
            annotation_agreement = self.annotation_agreement.to_dict()
        else:
            annotation_agreement = self.annotation_agreement

        overall_annotation_agreement: float | None | Unset
        if isinstance(self.overall_annotation_agreement, Unset):
            overall_annotation_agreement = UNSET
        else:
            overall_annotation_agreement = self.overall_annotation_agreement

        annotation_queue_ids: list[str] | None | Unset
        if isinstance(self.annotation_queue_ids, Unset):
            annotation_queue_ids = UNSET
        elif isinstance(self.annotation_queue_ids, list):
            annotation_queue_ids = self.annotation_queue_ids

        else:
            annotation_queue_ids = self.annotation_queue_ids

        fully_annotated: bool | None | Unset
        if isinstance(self.fully_annotated, Unset):
            fully_annotated = UNSET
        else:
            fully_annotated = self.fully_annotated

        progress_message: None | str | Unset
        if isinstance(self.progress_message, Unset):
            progress_message = UNSET
        else:
            progress_message = self.progress_message

        error_message: None | str | Unset
        if isinstance(self.error_message, Unset):
            error_message = UNSET
        else:
            error_message = self.error_message

        metric_info: dict[str, Any] | None | Unset
        if isinstance(self.metric_info, Unset):
            metric_info = UNSET
        elif isinstance(self.metric_info, RecordFieldsMetricInfoType0):
            metric_info = self.metric_info.to_dict()
        else:
            metric_info = self.metric_info

        files: dict[str, Any] | None | Unset
        if isinstance(self.files, Unset):
            files = UNSET
        elif isinstance(self.files, RecordFieldsFilesType0):
            files = self.files.to_dict()
        else:
            files = self.files

        is_complete: bool | None | Unset
        if isinstance(self.is_complete, Unset):
            is_complete = UNSET
        else:
            is_complete = self.is_complete

        previous_session_id: None | str | Unset
        if isinstance(self.previous_session_id, Unset):
            previous_session_id = UNSET
        else:
            previous_session_id = self.previous_session_id

        num_traces: int | None | Unset
        if isinstance(self.num_traces, Unset):
            num_traces = UNSET
        else:
            num_traces = self.num_traces

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "type": type_,
            }
        )
        if project_id is not UNSET:
            field_dict["project_id"] = project_id
        if run_id is not UNSET:
            field_dict["run_id"] = run_id
        if name is not UNSET:
            field_dict["name"] = name
        if input_ is not UNSET:
            field_dict["input"] = input_
        if output is not UNSET:
            field_dict["output"] = output
        if redacted_input is not UNSET:
            field_dict["redacted_input"] = redacted_input
        if redacted_output is not UNSET:
            field_dict["redacted_output"] = redacted_output
        if metrics is not UNSET:
            field_dict["metrics"] = metrics
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if updated_at is not UNSET:
            field_dict["updated_at"] = updated_at
        if tags is not UNSET:
            field_dict["tags"] = tags
        if user_metadata is not UNSET:
            field_dict["user_metadata"] = user_metadata
        if session_id is not UNSET:
            field_dict["session_id"] = session_id
        if trace_id is not UNSET:
            field_dict["trace_id"] = trace_id
        if parent_id is not UNSET:
            field_dict["parent_id"] = parent_id
        if status_code is not UNSET:
            field_dict["status_code"] = status_code
        if external_id is not UNSET:
            field_dict["external_id"] = external_id
        if dataset_input is not UNSET:
            field_dict["dataset_input"] = dataset_input
        if dataset_output is not UNSET:
            field_dict["dataset_output"] = dataset_output
        if dataset_metadata is not UNSET:
            field_dict["dataset_metadata"] = dataset_metadata
        if has_children is not UNSET:
            field_dict["has_children"] = has_children
        if metrics_batch_id is not UNSET:
            field_dict["metrics_batch_id"] = metrics_batch_id
        if session_batch_id is not UNSET:
            field_dict["session_batch_id"] = session_batch_id
        if feedback_rating_info is not UNSET:
            field_dict["feedback_rating_info"] = feedback_rating_info
        if annotations is not UNSET:
            field_dict["annotations"] = annotations
        if file_ids is not UNSET:
            field_dict["file_ids"] = file_ids
        if file_modalities is not UNSET:
            field_dict["file_modalities"] = file_modalities
        if annotation_aggregates is not UNSET:
            field_dict["annotation_aggregates"] = annotation_aggregates
        if annotation_agreement is not UNSET:
            field_dict["annotation_agreement"] = annotation_agreement
        if overall_annotation_agreement is not UNSET:
            field_dict["overall_annotation_agreement"] = overall_annotation_agreement
        if annotation_queue_ids is not UNSET:
            field_dict["annotation_queue_ids"] = annotation_queue_ids
        if fully_annotated is not UNSET:
            field_dict["fully_annotated"] = fully_annotated
        if progress_message is not UNSET:
            field_dict["progress_message"] = progress_message
        if error_message is not UNSET:
            field_dict["error_message"] = error_message
        if metric_info is not UNSET:
            field_dict["metric_info"] = metric_info
        if files is not UNSET:
            field_dict["files"] = files
        if is_complete is not UNSET:
            field_dict["is_complete"] = is_complete
        if previous_session_id is not UNSET:
            field_dict["previous_session_id"] = previous_session_id
        if num_traces is not UNSET:
            field_dict["num_traces"] = num_traces

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.record_fields_annotation_aggregates_type_0 import RecordFieldsAnnotationAggregatesType0
        from ..models.record_fields_annotation_agreement_type_0 import RecordFieldsAnnotationAgreementType0
        from ..models.record_fields_annotations_type_0 import RecordFieldsAnnotationsType0
        from ..models.record_fields_dataset_metadata_type_0 import RecordFieldsDatasetMetadataType0
        from ..models.record_fields_feedback_rating_info_type_0 import RecordFieldsFeedbackRatingInfoType0
        from ..models.record_fields_files_type_0 import RecordFieldsFilesType0
        from ..models.record_fields_metric_info_type_0 import RecordFieldsMetricInfoType0
        from ..models.record_fields_user_metadata_type_0 import RecordFieldsUserMetadataType0
        from ..models.record_metrics import RecordMetrics

        d = dict(src_dict)
        id = d.pop("id")

        type_ = cast(Literal["session"], d.pop("type"))
        if type_ != "session":
            raise ValueError(f"type must match const 'session', got '{type_}'")

        def _parse_project_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        project_id = _parse_project_id(d.pop("project_id", UNSET))

        def _parse_run_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        run_id = _parse_run_id(d.pop("run_id", UNSET))

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

        input_ = d.pop("input", UNSET)

        output = d.pop("output", UNSET)

        redacted_input = d.pop("redacted_input", UNSET)

        redacted_output = d.pop("redacted_output", UNSET)

        def _parse_metrics(data: object) -> None | RecordMetrics | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                metrics_type_0 = RecordMetrics.from_dict(data)

                return metrics_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | RecordMetrics | Unset, data)

        metrics = _parse_metrics(d.pop("metrics", UNSET))

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

        def _parse_tags(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                tags_type_0 = cast(list[str], data)

                return tags_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        tags = _parse_tags(d.pop("tags", UNSET))

        def _parse_user_metadata(data: object) -> None | RecordFieldsUserMetadataType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                user_metadata_type_0 = RecordFieldsUserMetadataType0.from_dict(data)

                return user_metadata_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | RecordFieldsUserMetadataType0 | Unset, data)

        user_metadata = _parse_user_metadata(d.pop("user_metadata", UNSET))

        def _parse_session_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        session_id = _parse_session_id(d.pop("session_id", UNSET))

        def _parse_trace_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        trace_id = _parse_trace_id(d.pop("trace_id", UNSET))

        def _parse_parent_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        parent_id = _parse_parent_id(d.pop("parent_id", UNSET))

        def _parse_status_code(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        status_code = _parse_status_code(d.pop("status_code", UNSET))

        def _parse_external_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        external_id = _parse_external_id(d.pop("external_id", UNSET))

        def _parse_dataset_input(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        dataset_input = _parse_dataset_input(d.pop("dataset_input", UNSET))

        def _parse_dataset_output(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        dataset_output = _parse_dataset_output(d.pop("dataset_output", UNSET))

        def _parse_dataset_metadata(data: object) -> None | RecordFieldsDatasetMetadataType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                dataset_metadata_type_0 = RecordFieldsDatasetMetadataType0.from_dict(data)

                return dataset_metadata_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | RecordFieldsDatasetMetadataType0 | Unset, data)

        dataset_metadata = _parse_dataset_metadata(d.pop("dataset_metadata", UNSET))

        def _parse_has_children(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        has_children = _parse_has_children(d.pop("has_children", UNSET))

        def _parse_metrics_batch_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        metrics_batch_id = _parse_metrics_batch_id(d.pop("metrics_batch_id", UNSET))

        def _parse_session_batch_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        session_batch_id = _parse_session_batch_id(d.pop("session_batch_id", UNSET))

        def _parse_feedback_rating_info(data: object) -> None | RecordFieldsFeedbackRatingInfoType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                feedback_rating_info_type_0 = RecordFieldsFeedbackRatingInfoType0.from_dict(data)

                return feedback_rating_info_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | RecordFieldsFeedbackRatingInfoType0 | Unset, data)

        feedback_rating_info = _parse_feedback_rating_info(d.pop("feedback_rating_info", UNSET))

        def _parse_annotations(data: object) -> None | RecordFieldsAnnotationsType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                annotations_type_0 = RecordFieldsAnnotationsType0.from_dict(data)

                return annotations_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | RecordFieldsAnnotationsType0 | Unset, data)

        annotations = _parse_annotations(d.pop("annotations", UNSET))

        def _parse_file_ids(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                file_ids_type_0 = cast(list[str], data)

                return file_ids_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        file_ids = _parse_file_ids(d.pop("file_ids", UNSET))

        def _parse_file_modalities(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                file_modalities_type_0 = cast(list[str], data)

                return file_modalities_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        file_modalities = _parse_file_modalities(d.pop("file_modalities", UNSET))

        def _parse_annotation_aggregates(data: object) -> None | RecordFieldsAnnotationAggregatesType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                annotation_aggregates_type_0 = RecordFieldsAnnotationAggregatesType0.from_dict(data)

                return annotation_aggregates_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | RecordFieldsAnnotationAggregatesType0 | Unset, data)

        annotation_aggregates = _parse_annotation_aggregates(d.pop("annotation_aggregates", UNSET))

        def _parse_annotation_agreement(data: object) -> None | RecordFieldsAnnotationAgreementType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                annotation_agreement_type_0 = RecordFieldsAnnotationAgreementType0.from_dict(data)

                return annotation_agreement_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | RecordFieldsAnnotationAgreementType0 | Unset, data)

        annotation_agreement = _parse_annotation_agreement(d.pop("annotation_agreement", UNSET))

        def _parse_overall_annotation_agreement(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        overall_annotation_agreement = _parse_overall_annotation_agreement(d.pop("overall_annotation_agreement", UNSET))

        def _parse_annotation_queue_ids(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                annotation_queue_ids_type_0 = cast(list[str], data)

                return annotation_queue_ids_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        annotation_queue_ids = _parse_annotation_queue_ids(d.pop("annotation_queue_ids", UNSET))

        def _parse_fully_annotated(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        fully_annotated = _parse_fully_annotated(d.pop("fully_annotated", UNSET))

        def _parse_progress_message(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        progress_message = _parse_progress_message(d.pop("progress_message", UNSET))

        def _parse_error_message(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        error_message = _parse_error_message(d.pop("error_message", UNSET))

        def _parse_metric_info(data: object) -> None | RecordFieldsMetricInfoType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                metric_info_type_0 = RecordFieldsMetricInfoType0.from_dict(data)

                return metric_info_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | RecordFieldsMetricInfoType0 | Unset, data)

        metric_info = _parse_metric_info(d.pop("metric_info", UNSET))

        def _parse_files(data: object) -> None | RecordFieldsFilesType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                files_type_0 = RecordFieldsFilesType0.from_dict(data)

                return files_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | RecordFieldsFilesType0 | Unset, data)

        files = _parse_files(d.pop("files", UNSET))

        def _parse_is_complete(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        is_complete = _parse_is_complete(d.pop("is_complete", UNSET))

        def _parse_previous_session_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        previous_session_id = _parse_previous_session_id(d.pop("previous_session_id", UNSET))

        def _parse_num_traces(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        num_traces = _parse_num_traces(d.pop("num_traces", UNSET))

        session_record = cls(
            id=id,
            type_=type_,
            project_id=project_id,
            run_id=run_id,
            name=name,
            input_=input_,
            output=output,
            redacted_input=redacted_input,
            redacted_output=redacted_output,
            metrics=metrics,
            created_at=created_at,
            updated_at=updated_at,
            tags=tags,
            user_metadata=user_metadata,
            session_id=session_id,
            trace_id=trace_id,
            parent_id=parent_id,
            status_code=status_code,
            external_id=external_id,
            dataset_input=dataset_input,
            dataset_output=dataset_output,
            dataset_metadata=dataset_metadata,
            has_children=has_children,
            metrics_batch_id=metrics_batch_id,
            session_batch_id=session_batch_id,
            feedback_rating_info=feedback_rating_info,
            annotations=annotations,
            file_ids=file_ids,
            file_modalities=file_modalities,
            annotation_aggregates=annotation_aggregates,
            annotation_agreement=annotation_agreement,
            overall_annotation_agreement=overall_annotation_agreement,
            annotation_queue_ids=annotation_queue_ids,
            fully_annotated=fully_annotated,
            progress_message=progress_message,
            error_message=error_message,
            metric_info=metric_info,
            files=files,
            is_complete=is_complete,
            previous_session_id=previous_session_id,
            num_traces=num_traces,
        )

        session_record.additional_properties = d
        return session_record

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
