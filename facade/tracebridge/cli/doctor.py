"""`tracebridge doctor`: does the service your key reaches agree with tracebridge's specs?

Read-only and rate-limit-friendly (about twenty requests per service). Exit 0 when
everything agrees, 5 when the service and the spec differ; the usual codes otherwise.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from ..errors import ConfigError
from .common import (
    EXIT_DIFFERS,
    DebugOption,
    EmulatorOption,
    ForceOption,
    JsonOption,
    QuietOption,
    RateLimitOption,
    session,
    stdout,
)

ServiceArgument = Annotated[
    str | None,
    typer.Argument(help="respan or galileo (default: each with a key in the environment)."),
]


def doctor(
    service: ServiceArgument = None,
    report: Annotated[
        Path | None,
        typer.Option(
            "--report", help="Write a scrubbed report (no key, no values) to attach to a bug."
        ),
    ] = None,
    record: Annotated[
        Path | None,
        typer.Option("--record", help="Write the answers as scrubbed cassettes into this folder."),
    ] = None,
    include_values: Annotated[
        bool, typer.Option("--include-values", help="Put a sample value beside each difference.")
    ] = False,
    experiment: Annotated[
        str | None, typer.Option("--experiment", help="A Respan experiment to read.")
    ] = None,
    dataset: Annotated[
        str | None, typer.Option("--dataset", help="A Respan dataset to read.")
    ] = None,
    project: Annotated[
        str | None,
        typer.Option("--project", envvar="GALILEO_PROJECT_ID", help="A Galileo project."),
    ] = None,
    log_stream: Annotated[
        str | None, typer.Option("--log-stream", help="A Galileo log stream.")
    ] = None,
    as_json: JsonOption = False,
    rate_limit: RateLimitOption = 60,
    emulator: EmulatorOption = False,
    quiet: QuietOption = False,
    debug: DebugOption = False,
    force: ForceOption = False,
) -> None:
    """Check the live services against tracebridge's specs, read-only, with your own key."""
    from ..doctor import doctor as run_doctor
    from ..doctor.record import cassette_paths

    with session(emulator=emulator, quiet=quiet, debug=debug) as s:
        # what would be written is checked before any request, as an export's target is
        there = [report] if report is not None and report.exists() else []
        if record is not None:
            there += [path for path in cassette_paths(record, service) if path.exists()]
        if there and not force:
            raise ConfigError(
                f"{str(there[0])!r} exists; pass --force to replace "
                + ("it" if len(there) == 1 else f"it and {len(there) - 1} more")
            )
        found = run_doctor(
            service,
            respan_key=s.respan_key, respan_base_url=s.base_url,
            galileo_key=s.galileo_key, galileo_base_url=s.base_url,
            experiment_id=experiment, dataset_id=dataset, project_id=project,
            log_stream_id=log_stream, include_values=include_values, record=record,
            rate_limit=None if emulator or not rate_limit else rate_limit,
        )  # fmt: skip
        if report is not None:
            _write(report, found.to_json())
            s.note(f"wrote the report to {report}")
        if record is not None:
            s.note(f"wrote the answers as cassettes into {record}")
        if as_json:
            typer.echo(found.to_json())
        else:
            _table(found)
    if not found.agrees:
        raise typer.Exit(EXIT_DIFFERS)


def _write(path: Path, text: str) -> None:
    partial = path.with_name(f".{path.name}.part")
    partial.write_text(text + "\n", encoding="utf-8")
    partial.replace(path)


def _table(found: object) -> None:
    from ..doctor import Report

    assert isinstance(found, Report)
    for service in found.services:
        table = Table(title=f"{service.service} at {service.base_url}", title_justify="left")
        for column in ("check", "status", "finding"):
            table.add_column(column)
        for check in service.checks:
            status = "" if check.status is None else str(check.status)
            lines = [
                f"{path or '(answer)'}: {kind} (spec {expected}, seen {seen}) x{count}"
                for path, kind, expected, seen, count in check.summary()
            ] + check.problems
            finding = (
                Text("\n".join(lines), style="red") if lines else Text("agrees", style="green")
            )
            if not lines and check.notes:
                finding = Text("; ".join(check.notes), style="green")
            table.add_row(check.name, status, finding)
        stdout.print(table)
        if service.rate_limit_headers:
            shown = ", ".join(f"{k}: {v}" for k, v in sorted(service.rate_limit_headers.items()))
            stdout.print(f"rate-limit headers seen: {shown}", highlight=False)
    verdict = (
        "everything agrees with the spec" if found.agrees else "the service differs from the spec"
    )
    stdout.print(Text(verdict, style="green" if found.agrees else "red"))
