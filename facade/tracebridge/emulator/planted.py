"""Experiments planted for `compare` and `report`: a baseline, a candidate that differs from
it in known ways, and a rerun equal to it, on each service.

What differs between baseline and candidate (the tests and the README rely on it):
- `answer_relevance` (numeric): every aligned item shifted up by RELEVANCE_SHIFT, plus noise
  of standard deviation 0.03;
- `correctness` (numeric): equal, except the REGRESSED items, which lose 0.45;
- `faithfulness` (boolean): equal, except the REGRESSED items, true in the baseline and false
  in the candidate;
- `tone` (categorical, Respan only): equal, except items whose index ends in 3, which become
  "friendly";
- cost 25% higher, latency 20% lower, 40 more output tokens per item;
- items BASE_ONLY ran only in the baseline, NEW_ONLY items only in the candidate.
The rerun has the baseline's scores, cost, latency and tokens, under other trace ids.
"""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

Row = dict[str, Any]

ITEMS = 120
RELEVANCE_SHIFT = 0.08
REGRESSION = 0.45
REGRESSED = (7, 19, 33, 58, 71, 102)
BASE_ONLY = tuple(range(115, 120))
NEW_ONLY = (900, 901, 902)
TONES = ("neutral", "friendly", "curt")
VARIANTS = ("baseline", "candidate", "rerun")

RESPAN_IDS = {"baseline": "exp_cmp_base", "candidate": "exp_cmp_new", "rerun": "exp_cmp_rerun"}
RESPAN_DATASET = "ds_7a6b5c4d3e2f1g0h"  # a dataset the emulator serves
GALILEO_IDS = {
    "baseline": "5d1f3a0e-6c1b-4e57-9a2f-0b7d4c1e8a01",
    "candidate": "5d1f3a0e-6c1b-4e57-9a2f-0b7d4c1e8a02",
    "rerun": "5d1f3a0e-6c1b-4e57-9a2f-0b7d4c1e8a03",
}
NAMES = {"baseline": "support bot prompt v1", "candidate": "support bot prompt v2",
         "rerun": "support bot prompt v1 (rerun)"}  # fmt: skip


def items(variant: str) -> list[int]:
    """The dataset items a variant ran, in order."""
    if variant == "candidate":
        return [i for i in range(ITEMS) if i not in BASE_ONLY] + list(NEW_ONLY)
    return list(range(ITEMS))


def measures(rng: Any, variant: str, item: int) -> dict[str, Any]:
    """An item's planted scores and usage in a variant. `rng` is the item's own generator,
    the same for every variant, so the variants differ only where planted."""
    relevance = round(rng.uniform(0.2, 0.8), 3)
    correctness = round(rng.uniform(0.5, 1.0), 3)
    faithful = item in REGRESSED or rng.random() < 0.85
    tone = TONES[rng.randrange(len(TONES))]
    latency = round(rng.uniform(0.5, 3.0), 3)
    prompt_tokens = rng.randint(50, 600)
    completion_tokens = rng.randint(20, 300)
    noise = rng.gauss(0, 0.03)
    if variant == "candidate":
        relevance = round(relevance + RELEVANCE_SHIFT + noise, 3)
        if item in REGRESSED:
            correctness = round(correctness - REGRESSION, 3)
            faithful = False
        if item % 10 == 3:
            tone = "friendly"
        latency = round(latency * 0.8, 3)
        completion_tokens += 40
    cost = (prompt_tokens * 2.5 + completion_tokens * 10) / 1e6
    if variant == "candidate":
        cost *= 1.25
    return {
        "answer_relevance": relevance,
        "correctness": correctness,
        "faithfulness": faithful,
        "tone": tone,
        "latency": latency,
        "prompt_tokens": prompt_tokens,
        "completion_tokens": completion_tokens,
        "cost": round(cost, 8),
    }


def question(item: int) -> str:
    return f"FAQ {item}: how do I change my delivery address after ordering?"


def answer(variant: str, item: int) -> str:
    if variant == "candidate":
        return f"(v2) For order {item}, open Orders, pick the order and edit its address."
    return f"For order {item}, contact support to change the address."


def respan_experiment(variant: str, created: Any, iso: Any) -> Row:
    return {
        "id": RESPAN_IDS[variant],
        "name": NAMES[variant],
        "status": "completed",
        "created_at": iso(created),
        "description": f"Planted for compare: the {variant}.",
        "dataset": RESPAN_DATASET,
        "dataset_id": RESPAN_DATASET,
        "dataset_name": "Support QA Dataset",
        "workflow_count": 1,
        "progress": 100,
        "started_at": iso(created + timedelta(minutes=1)),
        "completed_at": iso(created + timedelta(minutes=30)),
        "tags": [{"name": "planted"}],
        "workflow": [{"type": "prompt", "config": {"model": "gpt-4o-mini"}}],
        "evaluator_ids": ["ev_relevance", "ev_correct", "ev_faithful", "ev_tone"],
        "evaluator_slugs": ["answer_relevance", "correctness", "faithfulness", "tone"],
        "batch_size": 10,
        "concurrency": 4,
        "enable_tracing": True,
        "error_message": None,
    }


def respan_trace(variant: str, position: int, item: int, rng: Any, start: Any, iso: Any) -> Row:
    """The trace of one item in one variant (`start`: when the experiment began)."""
    value = measures(rng, variant, item)
    prefix = RESPAN_IDS[variant].removeprefix("exp_")
    trace_id = f"tr_{prefix}_{item:04d}"
    begun = start + timedelta(seconds=position)
    total = value["prompt_tokens"] + value["completion_tokens"]
    return {
        "id": trace_id,
        "trace_unique_id": trace_id,
        "root_span_unique_id": f"sp_{prefix}_{item:04d}_0",
        "environment": "test",
        "customer_identifier": "planted",
        "name": "faq answer",
        "input": json.dumps({"query": question(item)}),
        "output": json.dumps({"response": answer(variant, item)}),
        "expected_output": json.dumps({"response": answer("baseline", item)}),
        "status": "success",
        "comparison_key": f"faq_{item:03d}",
        "start_time": iso(begun),
        "end_time": iso(begun + timedelta(seconds=value["latency"])),
        "duration": value["latency"],
        "span_count": 1,
        "llm_call_count": 1,
        "total_cost": value["cost"],
        "total_tokens": total,
        "total_prompt_tokens": value["prompt_tokens"],
        "total_completion_tokens": value["completion_tokens"],
        "error_count": 0,
        "metadata": {"item": item},
        "scores": {
            "answer_relevance": _score(
                "ev_relevance",
                "answer_relevance",
                "Answer relevance",
                "numerical",
                numerical_value=value["answer_relevance"],
            ),
            "correctness": _score(
                "ev_correct",
                "correctness",
                "Correctness",
                "numerical",
                numerical_value=value["correctness"],
            ),
            "faithfulness": _score(
                "ev_faithful",
                "faithfulness",
                "Faithfulness",
                "boolean",
                boolean_value=value["faithfulness"],
            ),
            "tone": _score(
                "ev_tone", "tone", "Tone", "categorical", categorical_value=[value["tone"]]
            ),
        },
    }


def _score(evaluator_id: str, slug: str, name: str, kind: str, **value: Any) -> Row:
    return {
        "evaluator_id": evaluator_id,
        "evaluator_slug": slug,
        "evaluator_name": name,
        "score_value_type": kind,
        **value,
    }


def galileo_experiment(variant: str, project_id: str) -> Row:
    return {
        "id": GALILEO_IDS[variant],
        "name": NAMES[variant],
        "project_id": project_id,
        "created_at": "2025-03-05T08:00:00Z",
        "updated_at": "2025-03-05T09:00:00Z",
        "task_type": 16,
    }


def galileo_trace_fields(variant: str, item: int, rng: Any) -> Row:
    """What a planted Galileo trace record says beyond the common fields: the dataset row it
    ran (`dataset_input`, `dataset_output`), its output and its metrics."""
    value = measures(rng, variant, item)
    return {
        "name": "faq answer",
        "input": question(item),
        "output": answer(variant, item),
        "dataset_input": question(item),
        "dataset_output": answer("baseline", item),
        "dataset_metadata": {"item": str(item)},
        "metrics": {
            "duration_ns": int(value["latency"] * 1e9),
            "cost": value["cost"],
            "num_input_tokens": value["prompt_tokens"],
            "num_output_tokens": value["completion_tokens"],
            "answer_relevance": value["answer_relevance"],
            "correctness": value["correctness"],
            "faithfulness": value["faithfulness"],
        },
        "tags": ["planted"],
        "user_metadata": {"variant": variant},
    }
