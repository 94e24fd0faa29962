"""`tracebridge doctor`: check the live services against our specs with the user's own key.

    from tracebridge.doctor import doctor
    report = doctor("respan")          # RESPAN_API_KEY, as for the clients
    print(report.agrees, report.differences())

A small, read-only, rate-limit-friendly set of requests (listings of one row, one item of
each kind, counts, columns; never a create, update, delete or e-mailed export), each answer
held against its schema in the spec; then the paging signals and what an endpoint does with
a filter key it does not know. The report holds field names, types and counts, never a key
and no row value unless `include_values=True`; `record=DIR` keeps the answers as scrubbed
cassettes in the test suite's format.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..errors import ConfigError
from ..galileo import Galileo
from ..respan import Respan
from . import galileo_plan, respan_plan
from .probe import Check, Prober
from .record import write_cassette
from .report import Report, ServiceReport
from .schema import Difference, Spec

SERVICES = ("respan", "galileo")

__all__ = ["Check", "Difference", "Report", "ServiceReport", "doctor"]


def doctor(
    services: str | Sequence[str] | None = None,
    *,
    respan_key: str | None = None,
    respan_base_url: str | None = None,
    galileo_key: str | None = None,
    galileo_base_url: str | None = None,
    experiment_id: str | None = None,
    dataset_id: str | None = None,
    project_id: str | None = None,
    log_stream_id: str | None = None,
    galileo_experiment_id: str | None = None,
    include_values: bool = False,
    record: str | Path | None = None,
    rate_limit: int | None = 60,
) -> Report:
    """Check one service, or both (those with a key configured when none is named).
    `rate_limit` caps Respan's requests per minute (its documented limit; None: no cap)."""
    asked = [services] if isinstance(services, str) else list(services or ())
    for name in asked:
        if name not in SERVICES:
            raise ConfigError(f"doctor checks respan or galileo, not {name!r}")
    reports: list[ServiceReport] = []
    for name in asked or SERVICES:
        try:
            if name == "respan":
                client: Respan | Galileo = Respan(
                    respan_key, base_url=respan_base_url, rate_limit=rate_limit
                )
            else:
                client = Galileo(galileo_key, base_url=galileo_base_url, project_id=project_id)
        except ConfigError:
            if asked:
                raise
            continue  # no key for this service: check the other
        with client:
            package = "respan_client" if name == "respan" else "galileo_client"
            prober = Prober(name, client._http, Spec.of(package), include_values)
            if isinstance(client, Respan):
                respan_plan.run(prober, experiment_id, dataset_id)
            else:
                galileo_plan.run(prober, project_id, log_stream_id, galileo_experiment_id)
            if record is not None:
                write_cassette(Path(record), name, prober.exchanges)
            found = ServiceReport(name, client.settings.base_url, prober.checks)
            found.rate_limit_headers, found.sent = prober.rate_limit_headers, prober.sent
            reports.append(found)
    if not reports:
        raise ConfigError("no key for either service: set RESPAN_API_KEY or GALILEO_API_KEY")
    return Report(reports, include_values)
