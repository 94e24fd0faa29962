"""The emulator as one ASGI application serving both services and its own control plane.

Respan lives under `/api/`, Galileo under `/v2/`, the knobs under `/_emulator/`:

    GET  /_emulator/health                      {"status": "ok"}
    GET  /_emulator/config   POST (partial)      latency, rate_limit, rate_window,
                                                 rate_limit_header, max_body_bytes
    POST /_emulator/faults   {"faults": [...]}   queue faults (control.Fault); DELETE clears
    POST /_emulator/insert   {"experiment_id", "count"}          insert traces now
    POST /_emulator/insertions {"experiment_id", "rows", "path"} insert on each matching request
    GET  /_emulator/requests                     the request log; DELETE clears it
    GET  /_emulator/exports                      the e-mailed exports Respan was asked for
    POST /_emulator/reset                        knobs and logs back to their defaults
"""

from __future__ import annotations

import copy
import json
from dataclasses import fields
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from .control import CONTROL_PREFIX, ControlMiddleware, Controls, Fault, Insertion
from .data import GALILEO_KEY, RESPAN_KEY, Dataset, Row, Sizes
from .galileo import GalileoService
from .query import QueryCache
from .respan import RespanService

GALILEO_KEY_HEADERS = ("galileo-api-key", "splunk-ao-api-key")
_SETTABLE = ("latency", "rate_limit", "rate_window", "rate_limit_header", "max_body_bytes")


class Emulator:
    """Both services over one deterministic data set, with knobs for tests and benchmarks."""

    def __init__(
        self,
        *,
        seed: int = 0,
        sizes: Sizes | None = None,
        respan_key: str = RESPAN_KEY,
        galileo_key: str = GALILEO_KEY,
    ):
        self.respan_key = respan_key
        self.galileo_key = galileo_key
        self.data = Dataset(seed=seed, sizes=sizes or Sizes())
        self.controls = Controls()
        cache = QueryCache()
        self.respan = RespanService(
            self.data,
            respan_key,
            cache,
            self.controls.exports,
            lambda: self.controls.max_body_bytes,
        )
        self.galileo = GalileoService(self.data, galileo_key, cache, GALILEO_KEY_HEADERS)
        routes = [*self.respan.routes(), *self.galileo.routes(), *self._control_routes()]
        app = Starlette(routes=routes)
        app.router.redirect_slashes = False
        self.app = ControlMiddleware(app, self.controls, self._apply_insertion)

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        await self.app(scope, receive, send)

    # -- the Python side of the knobs -------------------------------------------------------

    def insert_traces(self, experiment_id: str, count: int = 1) -> list[Row]:
        """Insert traces at the head of an experiment (dated now) and return them."""
        if experiment_id not in self.data.experiment_traces:
            raise KeyError(f"no experiment {experiment_id!r}")
        rows = [self.data.new_trace(experiment_id) for _ in range(count)]
        self.data.experiment_traces[experiment_id].insert_newest(rows)
        return rows

    def rescore_trace(self, experiment_id: str, log_id: str, slug: str, value: float) -> Row:
        """An evaluator's new numeric verdict on a trace (its start_time stays)."""
        traces = self.data.experiment_traces[experiment_id]
        for row in traces:
            if row["id"] == log_id:
                changed = copy.deepcopy(row)
                score = changed.setdefault("scores", {}).setdefault(slug, {})
                score.update({"numerical_value": value, "score_value_type": "numerical"})
                traces.override(changed)
                return changed
        raise KeyError(f"no trace {log_id!r} in {experiment_id!r}")

    def insert_records(self, run_id: str, count: int = 1) -> list[Row]:
        """Insert Galileo traces (with their spans) into a log stream or experiment, now."""
        return self.data.galileo_runs[run_id].insert_traces(count, self.data.now_for_insert())

    def rescore_record(self, run_id: str, kind: str, record_id: str, value: float) -> Row:
        """A Galileo scorer's new `correctness` of a record; its updated_at becomes now."""
        run = self.data.galileo_runs[run_id]
        return run.rescore(kind, record_id, value, self.data.now_for_insert())

    def _apply_insertion(self, insertion: Insertion) -> None:
        self.insert_traces(insertion.experiment_id, insertion.rows)

    def inject(self, *faults: Fault) -> None:
        self.controls.inject(*faults)

    # -- the HTTP side ----------------------------------------------------------------------

    def _control_routes(self) -> list[Route]:
        p = CONTROL_PREFIX
        return [
            Route(f"{p}/health", self._health, methods=["GET"]),
            Route(f"{p}/config", self._config, methods=["GET", "POST"]),
            Route(f"{p}/faults", self._faults, methods=["POST", "DELETE"]),
            Route(f"{p}/insert", self._insert, methods=["POST"]),
            Route(f"{p}/insertions", self._insertions, methods=["POST"]),
            Route(f"{p}/requests", self._requests, methods=["GET", "DELETE"]),
            Route(f"{p}/exports", self._exports, methods=["GET"]),
            Route(f"{p}/reset", self._reset, methods=["POST"]),
        ]

    async def _health(self, request: Request) -> Response:
        return JSONResponse({"status": "ok"})

    async def _config(self, request: Request) -> Response:
        if request.method == "POST":
            body = await _json(request)
            unknown = set(body) - set(_SETTABLE)
            if unknown:
                return JSONResponse(
                    {"detail": f"unknown settings: {sorted(unknown)}"}, status_code=400
                )
            for name, value in body.items():
                setattr(self.controls, name, value)
        return JSONResponse(self.controls.settings())

    async def _faults(self, request: Request) -> Response:
        if request.method == "DELETE":
            with self.controls.lock:
                self.controls.faults.clear()
            return JSONResponse(self.controls.settings())
        body = await _json(request)
        allowed = {field.name for field in fields(Fault)}
        try:
            faults = [
                Fault(**{k: v for k, v in spec.items() if k in allowed}) for spec in body["faults"]
            ]
        except (KeyError, TypeError, ValueError) as exc:
            return JSONResponse({"detail": f"bad faults: {exc}"}, status_code=400)
        self.controls.inject(*faults)
        return JSONResponse(self.controls.settings())

    async def _insert(self, request: Request) -> Response:
        body = await _json(request)
        try:
            rows = self.insert_traces(body["experiment_id"], int(body.get("count", 1)))
        except KeyError as exc:
            return JSONResponse({"detail": str(exc)}, status_code=404)
        return JSONResponse({"ids": [row["id"] for row in rows]})

    async def _insertions(self, request: Request) -> Response:
        body = await _json(request)
        allowed = {field.name for field in fields(Insertion)}
        try:
            insertion = Insertion(**{k: v for k, v in body.items() if k in allowed})
        except TypeError as exc:
            return JSONResponse({"detail": str(exc)}, status_code=400)
        with self.controls.lock:
            self.controls.insertions.append(insertion)
        return JSONResponse(self.controls.settings())

    async def _requests(self, request: Request) -> Response:
        if request.method == "DELETE":
            self.controls.requests.clear()
        return JSONResponse(self.controls.request_log())

    async def _exports(self, request: Request) -> Response:
        return JSONResponse(self.controls.exports)

    async def _reset(self, request: Request) -> Response:
        self.controls.reset()
        return JSONResponse(self.controls.settings())


async def _json(request: Request) -> dict[str, Any]:
    raw = await request.body()
    value = json.loads(raw) if raw.strip() else {}
    return value if isinstance(value, dict) else {}
