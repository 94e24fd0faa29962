"""The emulator's data: deterministic, generated on demand, documented examples included.

A row is a pure function of (seed, collection, index), so a collection of a million rows
costs nothing until rows are read, and two emulators with the same seed serve the same
bytes. Each collection keeps its rows in the service's default order (newest first, or by
id for dataset spans): rows inserted while a client pages go to the head, the seed pages'
example objects sit verbatim at the tail (they are the oldest).
"""

from __future__ import annotations

import copy
import itertools
import json
import random
import threading
import uuid
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from . import planted

Row = dict[str, Any]

# Generated rows are dated back from here; inserted rows are dated at the real clock.
EPOCH = datetime(2025, 6, 1, tzinfo=UTC)

RESPAN_KEY = "emulator-respan-key"
GALILEO_KEY = "emulator-galileo-key"

# The documented objects of the seed pages, verbatim.
SEED_EXPERIMENT: Row = {
    "id": "exp_9f8b7c6d5a4e3f21",
    "name": "gpt-4o-mini quality run",
    "status": "running",
    "created_at": "2024-01-15T09:30:00Z",
    "description": "Evaluation of GPT-4o-mini model performance on customer support queries.",
    "dataset": "ds_7a6b5c4d3e2f1g0h",
    "dataset_id": "ds_7a6b5c4d3e2f1g0h",
    "dataset_name": "Support QA Dataset",
    "workflow_count": 3,
    "progress": 45,
    "started_at": "2024-01-15T10:00:00Z",
    "completed_at": "2024-01-15T12:00:00Z",
    "tags": [{}],
}
SEED_TRACE_EXPERIMENT = "exp_123"
SEED_TRACE: Row = {
    "id": "trace_789abc",
    "trace_unique_id": "trace_789abc",
    "root_span_unique_id": "span_root_123",
    "environment": "production",
    "customer_identifier": "customer_42",
    "name": "User Query Processing",
    "input": '{"query": "What is the weather today?"}',
    "output": '{"response": "The weather today is sunny with a high of 75°F."}',
    "expected_output": '{"response": "The weather today is sunny with a high of 75°F."}',
    "status": "success",
    "comparison_key": "query_20240115_0930",
    "start_time": "2024-01-15T09:30:00Z",
    "end_time": "2024-01-15T09:30:01Z",
    "duration": 1.1,
    "span_count": 3,
    "llm_call_count": 1,
    "total_cost": 0.0012,
    "total_tokens": 45,
    "total_prompt_tokens": 30,
    "total_completion_tokens": 15,
    "error_count": 0,
    "scores": {},
}
SEED_DATASET = "dataset_67890"
SEED_SPAN: Row = {
    "unique_id": "log_12345",
    "dataset_id": "dataset_67890",
    "input": "...",
    "output": "...",
    "metadata": {"user_id": "user123", "session_id": "session456"},
    "model": "gpt-4",
    "timestamp": "2024-01-15T10:30:00Z",
    "annotation_status": "pending",
    # Seed 003 shows `"scores": []`; respan-api 0.1.47 types scores as an object and refuses
    # a list. The spec takes both; the emulator serves the form both readings parse.
    "scores": {},
}

GALILEO_PROJECT_ID = "0f8b2c2e-7d1a-4c38-9a51-3e7c1d2b9a10"
GALILEO_PROJECT_NAME = "support-bot"
GALILEO_USER: Row = {"id": "4a1f0c2e-9b8d-4e6f-a5c3-2d1e0f9a8b7c", "email": "emulator@example.com"}
GALILEO_LOG_STREAM_ID = "5b7a8a9e-3c1d-4f2e-8b6a-9d0c1e2f3a4b"
GALILEO_EXPERIMENT_ID = "7c9e6679-7425-40de-944b-e07fc1f90ae7"

ENVIRONMENTS = ("production", "production", "staging", "development")
MODELS = ("gpt-4o", "gpt-4o-mini", "claude-sonnet-4", "gpt-4")
TOPICS = ("refund", "shipping", "login", "billing", "weather", "returns")
EVALUATORS = (
    ("ev_relevance", "answer_relevance", "Answer relevance", "numerical"),
    ("ev_faithful", "faithfulness", "Faithfulness", "boolean"),
)
SPAN_KINDS = ("llm", "tool", "retriever")


def iso(moment: datetime) -> str:
    """ISO 8601 in UTC with a Z, microseconds only when there are some."""
    text = moment.astimezone(UTC).isoformat()
    return text.replace("+00:00", "Z")


def _rng(seed: int, namespace: str, index: int) -> random.Random:
    return random.Random((zlib.crc32(namespace.encode()) << 40) ^ (seed << 24) ^ index)


def _uuid(seed: int, namespace: str, index: int) -> str:
    return str(uuid.UUID(int=_rng(seed, "uuid:" + namespace, index).getrandbits(128), version=4))


_serials = itertools.count(1)
ROW_CACHE = 25_000  # generated rows kept per collection (tens of MB at most)


def _row_id(row: Row) -> str:
    return str(row.get("id") or row.get("unique_id"))


class Collection:
    """Rows in default order: inserted (newest first), generated, then documented examples.

    `version` changes whenever the rows do, so cached query results can tell they are stale;
    `serial` tells collections apart for as long as the process lives.
    """

    def __init__(self, size: int, make_row: Callable[[int], Row], tail: list[Row] | None = None):
        self._size = size
        self._make_row = make_row
        self._tail = [copy.deepcopy(row) for row in tail or []]
        self._head: list[Row] = []
        self._overrides: dict[str, Row] = {}
        self._made: dict[int, Row] = {}  # recently generated rows, oldest first
        self._lock = threading.Lock()
        self.serial = next(_serials)
        self.version = 0

    def __len__(self) -> int:
        return len(self._head) + self._size + len(self._tail)

    def __getitem__(self, index: int) -> Row:
        head = len(self._head)
        if index < 0:
            index += len(self)
        if index < head:
            row = self._head[index]
        elif index < head + self._size:
            row = self._generated(index - head)
        else:
            row = self._tail[index - head - self._size]
        if self._overrides:
            return self._overrides.get(_row_id(row), row)
        return row

    def _generated(self, number: int) -> Row:
        """A generated row; the last ROW_CACHE are kept, since a query that filters or
        sorts reads every row once and its pages then read them again."""
        row = self._made.get(number)
        if row is None:
            row = self._make_row(number)
            with self._lock:
                self._made[number] = row
                if len(self._made) > ROW_CACHE:
                    del self._made[next(iter(self._made))]
        return row

    def __iter__(self) -> Iterator[Row]:
        for index in range(len(self)):
            yield self[index]

    def slice(self, start: int, stop: int) -> list[Row]:
        return [self[index] for index in range(start, min(stop, len(self)))]

    def insert_newest(self, rows: list[Row]) -> None:
        """Put rows at the head, the last given first (it is the newest)."""
        with self._lock:
            self._head[:0] = list(reversed(rows))
            self.version += 1

    def override(self, row: Row) -> None:
        """Replace the row with the same id (a resumed trace, say)."""
        with self._lock:
            self._overrides[_row_id(row)] = row
            self.version += 1

    @property
    def inserted(self) -> int:
        return len(self._head)


@dataclass
class Sizes:
    """How much data to generate. Every number is per container."""

    experiments: int = 6
    traces: int = 250  # per Respan experiment
    dataset_spans: int = 120  # per dataset
    org_spans: int = 300
    org_traces: int = 150
    galileo_traces: int = 200  # per Galileo log stream or experiment; 3 spans each
    planted: bool = True  # the experiments planted for compare (see `planted`)


@dataclass
class Dataset:
    """All data of one emulator: Respan's and Galileo's."""

    seed: int = 0
    sizes: Sizes = field(default_factory=Sizes)

    def __post_init__(self) -> None:
        self._insert_counter = itertools.count(1)
        self._clock_lock = threading.Lock()
        self._last_insert = EPOCH
        self.experiments: list[Row] = [self._experiment(i) for i in range(self.sizes.experiments)]
        self.experiments.append(copy.deepcopy(SEED_EXPERIMENT))
        self.experiment_traces: dict[str, Collection] = {}
        for experiment in self.experiments:
            experiment_id = experiment["id"]
            size = 0 if experiment_id == SEED_EXPERIMENT["id"] else self.sizes.traces
            tail = [SEED_TRACE] if experiment_id == SEED_TRACE_EXPERIMENT else []
            self.experiment_traces[experiment_id] = Collection(
                size, self._trace_maker(experiment_id), tail
            )
        if self.sizes.planted:
            self._plant_respan()
        self.datasets: dict[str, Collection] = {
            dataset_id: Collection(
                self.sizes.dataset_spans,
                self._span_maker(dataset_id),
                [SEED_SPAN] if dataset_id == SEED_DATASET else [],
            )
            for dataset_id in (SEED_DATASET, "ds_7a6b5c4d3e2f1g0h", "_saved_logs")
        }
        self.org_spans = Collection(self.sizes.org_spans, self._span_maker(None))
        self.org_traces = Collection(self.sizes.org_traces, self._trace_maker(None))
        self.galileo_projects: list[Row] = [
            {
                "id": GALILEO_PROJECT_ID,
                "name": GALILEO_PROJECT_NAME,
                "created_at": "2025-03-01T12:00:00Z",
                "updated_at": "2025-03-01T12:00:00Z",
                "type": "gen_ai",
                # what galileo's ProjectDB adds (the SDK's /projects answers)
                "created_by": GALILEO_USER["id"],
                "created_by_user": GALILEO_USER,
                "runs": [],
            }
        ]
        self.galileo_log_streams: list[Row] = [
            {
                "id": GALILEO_LOG_STREAM_ID,
                "name": "production",
                "project_id": GALILEO_PROJECT_ID,
                "created_at": "2025-03-01T12:05:00Z",
                "updated_at": "2025-03-01T12:05:00Z",
            }
        ]
        self.galileo_experiments: list[Row] = [
            {
                "id": GALILEO_EXPERIMENT_ID,
                "name": "prompt v2 vs v1",
                "project_id": GALILEO_PROJECT_ID,
                "created_at": "2025-03-04T08:00:00Z",
                "updated_at": "2025-03-04T09:00:00Z",
                "task_type": 16,  # galileo's TaskType of a prompt experiment
            }
        ]
        self.galileo_runs: dict[str, GalileoRun] = {
            run_id: GalileoRun(self.seed, run_id, self.sizes.galileo_traces)
            for run_id in (GALILEO_LOG_STREAM_ID, GALILEO_EXPERIMENT_ID)
        }
        if self.sizes.planted:
            for variant, run_id in planted.GALILEO_IDS.items():
                experiment = planted.galileo_experiment(variant, GALILEO_PROJECT_ID)
                self.galileo_experiments.append(experiment)
                self.galileo_runs[run_id] = PlantedRun(self.seed, run_id, variant)

    def _plant_respan(self) -> None:
        """The planted baseline, candidate and rerun (see `planted`), dated after the seed
        page's experiment and before the generated ones, so listed (newest first) between
        them: the generated experiments stay first, the seed page's example last."""
        created = EPOCH - timedelta(days=30)
        before_seed = len(self.experiments) - 1
        for offset, variant in enumerate(planted.VARIANTS):
            begun = created + timedelta(hours=offset)
            experiment = planted.respan_experiment(variant, begun, iso)
            self.experiments.insert(before_seed, experiment)
            rows = [
                planted.respan_trace(
                    variant, position, item, _rng(self.seed, "planted", item), begun, iso
                )
                for position, item in enumerate(planted.items(variant))
            ]
            rows.reverse()  # newest first, as every collection keeps its rows
            self.experiment_traces[experiment["id"]] = Collection(len(rows), rows.__getitem__)

    # -- Respan -------------------------------------------------------------------------

    def _experiment(self, index: int) -> Row:
        rng = _rng(self.seed, "experiment", index)
        created = EPOCH - timedelta(days=1 + index)
        status = (
            "running"
            if index == 0
            else rng.choice(("completed", "completed", "failed", "cancelled"))
        )
        dataset_id = "ds_7a6b5c4d3e2f1g0h" if index % 2 else SEED_DATASET
        experiment_id = SEED_TRACE_EXPERIMENT if index == 0 else f"exp_{index:04d}"
        return {
            "id": experiment_id,
            "name": f"{rng.choice(MODELS)} {rng.choice(TOPICS)} run {index}",
            "status": status,
            "created_at": iso(created),
            "description": f"Generated experiment {index}.",
            "dataset": dataset_id,
            "dataset_id": dataset_id,
            "dataset_name": "Support QA Dataset",
            "workflow_count": 1 + index % 3,
            "progress": 40 if status == "running" else 100,
            "started_at": iso(created + timedelta(minutes=5)),
            "completed_at": None if status == "running" else iso(created + timedelta(hours=2)),
            "tags": [{"name": "generated"}],  # tag objects, as respan-api types them
            "workflow": [{"type": "prompt", "config": {"model": rng.choice(MODELS)}}],
            "evaluator_ids": [evaluator[0] for evaluator in EVALUATORS],
            "evaluator_slugs": [evaluator[1] for evaluator in EVALUATORS],
            "batch_size": 10,
            "concurrency": 4,
            "enable_tracing": True,
            "error_message": "Model quota exhausted." if status == "failed" else None,
        }

    def _trace_maker(self, experiment_id: str | None) -> Callable[[int], Row]:
        namespace = f"trace:{experiment_id or 'org'}"
        prefix = experiment_id.removeprefix("exp_") if experiment_id else "org"

        def make(index: int) -> Row:
            rng = _rng(self.seed, namespace, index)
            start = EPOCH - timedelta(seconds=index + 1)
            duration = round(rng.uniform(0.2, 9.0), 3)
            errors = 1 if rng.random() < 0.1 else 0
            prompt_tokens = rng.randint(20, 900)
            completion_tokens = rng.randint(5, 400)
            topic = TOPICS[index % len(TOPICS)]
            trace_id = f"tr_{prefix}_{index:07d}"
            return {
                "id": trace_id,
                "trace_unique_id": trace_id,
                "root_span_unique_id": f"sp_{prefix}_{index:07d}_0",
                "environment": ENVIRONMENTS[index % len(ENVIRONMENTS)],
                "customer_identifier": f"customer_{rng.randint(1, 40)}",
                "name": f"{topic} question",
                "input": json.dumps({"query": f"Question {index} about {topic}?"}),
                "output": json.dumps({"response": f"Answer {index} about {topic}."}),
                "expected_output": {"response": f"Answer {index} about {topic}."}
                if index % 5 == 0
                else json.dumps({"response": f"Answer {index} about {topic}."}),
                "status": "error" if errors else "success",
                "comparison_key": f"{topic}_{index % 17:02d}",
                "start_time": iso(start),
                "end_time": iso(start + timedelta(seconds=duration)),
                "duration": duration,
                "span_count": 1 + index % 4,
                "llm_call_count": 1 + index % 2,
                "total_cost": round((prompt_tokens * 2.5 + completion_tokens * 10) / 1e6, 8),
                "total_tokens": prompt_tokens + completion_tokens,
                "total_prompt_tokens": prompt_tokens,
                "total_completion_tokens": completion_tokens,
                "error_count": errors,
                "metadata": {"user_id": f"u{index % 7}", "topic": topic},
                "scores": _scores(rng, index),
            }

        return make

    def _span_maker(self, dataset_id: str | None) -> Callable[[int], Row]:
        namespace = f"span:{dataset_id or 'org'}"

        def make(index: int) -> Row:
            rng = _rng(self.seed, namespace, index)
            prompt_tokens = rng.randint(10, 800)
            completion_tokens = rng.randint(5, 300)
            failed = rng.random() < 0.08
            # Dataset spans sort by unique_id by default, organization spans newest first:
            # both orders are the index order.
            moment = EPOCH - timedelta(seconds=index + 1)
            unique_id = f"log_{index:08d}" if dataset_id else f"log_org_{index:08d}"
            topic = TOPICS[index % len(TOPICS)]
            row: Row = {
                "id": unique_id,
                "unique_id": unique_id,
                "organization_id": "org_emulator",
                "environment": ENVIRONMENTS[index % len(ENVIRONMENTS)],
                "timestamp": iso(moment),
                "start_time": iso(moment - timedelta(seconds=1)),
                "prompt_tokens": prompt_tokens,
                "completion_tokens": completion_tokens,
                "total_request_tokens": prompt_tokens + completion_tokens,
                "cost": round((prompt_tokens * 2.5 + completion_tokens * 10) / 1e6, 8),
                "model": MODELS[index % len(MODELS)],
                "latency": round(rng.uniform(0.1, 6.0), 3),
                "status_code": 500 if failed else 200,
                "status": "error" if failed else "success",
                "prompt": f"Tell me about {topic}.",
                "completion": f"Here is what I know about {topic}.",
                "input": json.dumps({"messages": [{"role": "user", "content": topic}]}),
                "output": json.dumps({"role": "assistant", "content": f"About {topic}."}),
                "annotation_status": ("pending", "completed")[index % 2],
                "annotation_completed_by": {
                    "first_name": "Ada",
                    "last_name": "Lovelace",
                    "email": "ada@example.com",
                }
                if index % 2
                else None,
                "scores": _scores(rng, index),
                "metadata": {"user_id": f"user{index % 9}", "session_id": f"session{index % 13}"},
                "custom_identifier": f"cid_{index % 11}",
                "log_type": ("chat", "completion", "tool")[index % 3],
            }
            if dataset_id:
                row["dataset_id"] = dataset_id
            return row

        return make

    def new_trace(self, experiment_id: str | None) -> Row:
        """A trace dated now (after any frozen window), for inserting while a client pages."""
        number = next(self._insert_counter)
        row = self._trace_maker(experiment_id)(10_000_000 + number)
        moment = self.now_for_insert()
        row["id"] = row["trace_unique_id"] = f"tr_new_{number:07d}"
        row["start_time"] = iso(moment)
        row["end_time"] = iso(moment + timedelta(seconds=row["duration"]))
        return row

    def now_for_insert(self) -> datetime:
        with self._clock_lock:
            moment = max(datetime.now(UTC), self._last_insert + timedelta(microseconds=1))
            self._last_insert = moment
            return moment


def _scores(rng: random.Random, index: int) -> Row:
    scores: Row = {}
    for evaluator_id, slug, name, value_type in EVALUATORS:
        score: Row = {
            "evaluator_id": evaluator_id,
            "evaluator_slug": slug,
            "evaluator_name": name,
            "score_value_type": value_type,
        }
        if value_type == "numerical":
            score["numerical_value"] = round(rng.random(), 3)
        else:
            score["boolean_value"] = index % 3 != 0
        scores[slug] = score
    return scores


def _span_input(kind: str, question: str) -> Any:
    """A span's input in the shape galileo's models give its kind: messages for an LLM."""
    return [{"role": "user", "content": question}] if kind == "llm" else question


def _span_output(kind: str, answer: str, index: int) -> Any:
    """An LLM answers with a message, a retriever with documents, a tool with text."""
    if kind == "llm":
        return {"role": "assistant", "content": answer}
    if kind == "retriever":
        return [{"content": f"retriever result {index}", "metadata": {"source": "faq.md"}}]
    return f"{kind} result {index}"


class GalileoRun:
    """The records of one Galileo log stream or experiment: sessions of traces of spans.

    Trace t belongs to session t // 4 and has spans 3t, 3t+1, 3t+2 (an llm call, a tool
    call, a retrieval). Every kind is ordered newest first, then by id descending.
    """

    TRACES_PER_SESSION = 4

    def __init__(self, seed: int, run_id: str, traces: int):
        self.seed = seed
        self.run_id = run_id
        self.traces = Collection(traces, self._trace)
        self.spans = Collection(traces * len(SPAN_KINDS), self._span)
        sessions = -(-traces // self.TRACES_PER_SESSION)
        self.sessions = Collection(sessions, self._session)

    def of_kind(self, kind: str) -> Collection:
        return {"trace": self.traces, "span": self.spans, "session": self.sessions}[kind]

    def _moment(self, trace_index: int) -> datetime:
        return EPOCH - timedelta(seconds=10 * (trace_index + 1))

    def _ids(self, kind: str, index: int) -> str:
        return _uuid(self.seed, f"{self.run_id}:{kind}", index)

    def _common(self, kind: str, index: int, moment: datetime) -> Row:
        """The fields every record carries (galileo 2.7.0's Extended*Record models)."""
        return {
            "type": kind,
            "id": self._ids(kind if kind in ("trace", "session") else "span", index),
            "project_id": GALILEO_PROJECT_ID,
            "run_id": self.run_id,
            "created_at": iso(moment),
            "updated_at": iso(moment + timedelta(seconds=2)),
            "status_code": 500 if index % 17 == 16 else 200,
            "has_children": kind in ("trace", "session"),
            "is_complete": True,
            "fully_annotated": index % 5 == 0,
        }

    def _trace(self, index: int) -> Row:
        rng = _rng(self.seed, f"{self.run_id}:trace", index)
        topic = TOPICS[index % len(TOPICS)]
        row = self._common("trace", index, self._moment(index))
        session_index = index // self.TRACES_PER_SESSION
        contact = f" Reach me at user{index}@example.com." if index % 10 == 0 else ""
        row.update(
            {
                "name": f"{topic} question",
                "input": f"Can you help with {topic} (case {index})?{contact}",
                "output": f"Here is the {topic} answer for case {index}.",
                "metrics": {
                    "duration_ns": rng.randint(200_000_000, 8_000_000_000),
                    "cost": round(rng.uniform(0.0001, 0.02), 6),
                    "num_input_tokens": rng.randint(20, 900),
                    "num_output_tokens": rng.randint(5, 400),
                    # a scorer's output: not in the documented catalog (available_columns)
                    "correctness": round(rng.uniform(0, 1), 3),
                },
                "tags": ["prod", topic] if index % 2 else [topic],
                "user_metadata": {"tenant": ("acme", "globex", "initech")[index % 3]},
                "dataset_metadata": {"split": ("train", "test")[index % 2]},
                "session_id": self._ids("session", session_index),
                "trace_id": row["id"],
                "parent_id": self._ids("session", session_index),
                "num_spans": len(SPAN_KINDS),
            }
        )
        return row

    def _span(self, index: int) -> Row:
        trace_index, position = divmod(index, len(SPAN_KINDS))
        trace = self._trace(trace_index)
        rng = _rng(self.seed, f"{self.run_id}:span", index)
        kind = SPAN_KINDS[position]
        moment = self._moment(trace_index) - timedelta(milliseconds=position)
        row = self._common(kind, index, moment)
        row.update(
            {
                "name": {
                    "llm": "chat completion",
                    "tool": "tool lookup",
                    "retriever": "search docs",
                }[kind],
                "input": _span_input(kind, trace["input"]),
                "output": _span_output(kind, trace["output"], index),
                "metrics": {"duration_ns": rng.randint(10_000_000, 3_000_000_000)},
                "tags": trace["tags"],
                "user_metadata": trace["user_metadata"],
                "dataset_metadata": trace["dataset_metadata"],
                "session_id": trace["session_id"],
                "trace_id": trace["id"],
                "parent_id": trace["id"],
                "step_number": position,
            }
        )
        if kind == "llm":  # the trace's one model call: its cost and tokens
            measured = ("cost", "num_input_tokens", "num_output_tokens")
            row["metrics"].update({key: trace["metrics"][key] for key in measured})
            row["model"] = ("gpt-4o", "gpt-4o-mini", "claude-3-5-sonnet")[trace_index % 3]
            row["temperature"] = (0.0, 0.7)[trace_index % 2]
            row["finish_reason"] = "stop"
        return row

    NEW = 10_000_000  # indexes of records inserted while the emulator runs start here

    def insert_traces(self, count: int, moment: datetime) -> list[Row]:
        """`count` traces dated `moment`, each with its three spans, put at the head."""
        start = self.NEW + self.traces.inserted
        traces, spans = [], []
        for index in range(start, start + count):
            trace = self._dated(self._trace(index), moment)
            traces.append(trace)
            for position in range(len(SPAN_KINDS)):
                span = self._span(index * len(SPAN_KINDS) + position)
                span.update({"trace_id": trace["id"], "parent_id": trace["id"]})
                spans.append(self._dated(span, moment - timedelta(microseconds=position)))
        self.traces.insert_newest(traces)
        self.spans.insert_newest(list(reversed(spans)))
        return traces

    def rescore(self, kind: str, record_id: str, correctness: float, moment: datetime) -> Row:
        """A scorer's new verdict on a record: its metric changes and `updated_at` moves."""
        collection = self.of_kind(kind)
        for row in collection:
            if row["id"] == record_id:
                changed = copy.deepcopy(row)
                changed["metrics"]["correctness"] = correctness
                changed["updated_at"] = iso(moment)
                collection.override(changed)
                return changed
        raise KeyError(f"no {kind} record {record_id!r}")

    @staticmethod
    def _dated(row: Row, moment: datetime) -> Row:
        row["created_at"] = row["updated_at"] = iso(moment)
        return row

    def _session(self, index: int) -> Row:
        first_trace = self._trace(index * self.TRACES_PER_SESSION)
        row = self._common("session", index, self._moment(index * self.TRACES_PER_SESSION))
        row.update(
            {
                "name": f"session {index}",
                "input": first_trace["input"],
                "output": first_trace["output"],
                "metrics": {"duration_ns": first_trace["metrics"]["duration_ns"]},
                "tags": first_trace["tags"],
                "user_metadata": first_trace["user_metadata"],
                "dataset_metadata": first_trace["dataset_metadata"],
                "session_id": row["id"],
                "trace_id": None,
                "parent_id": None,
                "num_traces": self.TRACES_PER_SESSION,
            }
        )
        return row


class PlantedRun(GalileoRun):
    """A planted Galileo experiment (see `planted`): a trace per dataset item it ran."""

    def __init__(self, seed: int, run_id: str, variant: str):
        self.variant = variant
        self.item_of = planted.items(variant)
        super().__init__(seed, run_id, len(self.item_of))

    def _trace(self, index: int) -> Row:
        row = super()._trace(index)
        item = self.item_of[index] if index < len(self.item_of) else index
        row.update(
            planted.galileo_trace_fields(self.variant, item, _rng(self.seed, "planted", item))
        )
        return row
