"""`tracebridge galileo ...`: the service's streamed export to a file, records searched and
listed or written to any format, and the projects a key can see."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from ..errors import ConfigError
from .common import (
    ApiKeyOption,
    Bar,
    BaseUrlOption,
    ColumnsOption,
    DebugOption,
    EmulatorOption,
    FlattenOption,
    ForceOption,
    FormatOption,
    GalileoRateLimitOption,
    JsonOption,
    LimitOption,
    PageSizeOption,
    QuietOption,
    ResumeOption,
    SortOption,
    StrictOption,
    check_output,
    columns_of,
    export_to_file,
    keep_key,
    print_rows,
    session,
    wrote,
)

app = typer.Typer(
    help="Galileo: streamed exports, records, projects, log streams, experiments.",
    no_args_is_help=True,
)


@app.callback()
def _keys(api_key: ApiKeyOption = None) -> None:
    """Galileo: the key comes from --api-key, else the environment, else the profile."""
    keep_key("galileo", api_key)


ProjectOption = Annotated[
    str | None,
    typer.Option("--project", envvar="GALILEO_PROJECT_ID", help="The project's id (a UUID)."),
]
ExperimentOption = Annotated[
    str | None, typer.Option("--experiment", help="An experiment's id (a UUID).")
]
LogStreamOption = Annotated[
    str | None, typer.Option("--log-stream", help="A log stream's id (a UUID).")
]
MetricsTestingOption = Annotated[
    str | None, typer.Option("--metrics-testing", help="A metrics testing run's id (a UUID).")
]
WhereOption = Annotated[
    str | None,
    typer.Option(
        "--where",
        "-w",
        help='A filter on Galileo columns, e.g. "name = refund or metrics/duration_ns > 1e9".',
    ),
]
RootTypeOption = Annotated[
    str, typer.Option("--root-type", help="What to export: trace, span or session.")
]
EXPORT_SUFFIXES = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv"}
RECORD_COLUMNS = ("type", "id", "name", "created_at")


def _export_format(output: str, format: str | None) -> str:
    if format is not None:
        return format
    suffix = Path(output).suffix.lower()
    if suffix not in EXPORT_SUFFIXES:
        raise ConfigError(
            f"cannot tell the export format of {output!r}; use .jsonl or .csv, or --format "
            "(jsonl, jsonl_flat, csv)"
        )
    return EXPORT_SUFFIXES[suffix]


def _run(experiment: str | None, log_stream: str | None, metrics: str | None) -> dict[str, Any]:
    return {"experiment_id": experiment, "log_stream_id": log_stream, "metrics_testing_id": metrics}


@app.command("export")
def export_records(
    output: Annotated[str, typer.Option("--output", "-o", help="The file to write.")],
    project: ProjectOption = None,
    experiment: ExperimentOption = None,
    log_stream: LogStreamOption = None,
    metrics_testing: MetricsTestingOption = None,
    root_type: RootTypeOption = "trace",
    where: WhereOption = None,
    strict: StrictOption = True,
    sort: SortOption = None,
    format: Annotated[
        str | None,
        typer.Option("--format", "-f", help="jsonl, jsonl_flat or csv (default: the suffix)."),
    ] = None,
    columns: ColumnsOption = None,
    redact: Annotated[
        bool, typer.Option("--redact/--no-redact", help="Let the service redact PII.")
    ] = True,
    file_name: Annotated[
        str | None,
        typer.Option("--file-name", help="The name the service gives the export (its file_name)."),
    ] = None,
    code_metric_metadata: Annotated[
        bool,
        typer.Option("--include-code-metric-metadata", help="Ask for code metrics' metadata too."),
    ] = False,
    force: ForceOption = False,
    as_json: JsonOption = False,
    base_url: BaseUrlOption = None,
    rate_limit: GalileoRateLimitOption = 0,
    emulator: EmulatorOption = False,
    quiet: QuietOption = False,
    debug: DebugOption = False,
) -> None:
    """Stream Galileo's own export of a run's records to a file (JSONL or CSV)."""
    with session(emulator=emulator, quiet=quiet, debug=debug) as s:
        check_output(output, as_json)
        export_format = _export_format(output, format)
        with (
            s.galileo(project, base_url, rate_limit) as gl,
            Bar(f"{root_type}s", quiet=quiet) as bar,
        ):
            result = gl.export_records(
                root_type, to=output, where=where, sort=sort, export_format=export_format,
                column_ids=columns_of(columns), redact=redact, progress=bar, strict=strict,
                overwrite=force, file_name=file_name,
                include_code_metric_metadata=code_metric_metadata,
                **_run(experiment, log_stream, metrics_testing),
            )  # fmt: skip
        wrote(s, result, as_json=as_json)


@app.command()
def records(
    project: ProjectOption = None,
    experiment: ExperimentOption = None,
    log_stream: LogStreamOption = None,
    metrics_testing: MetricsTestingOption = None,
    root_type: RootTypeOption = "trace",
    where: WhereOption = None,
    strict: StrictOption = True,
    sort: SortOption = None,
    limit: LimitOption = None,
    output: Annotated[
        str | None,
        typer.Option("--output", "-o", help="Write to this file (csv, jsonl, parquet, xlsx)."),
    ] = None,
    format: FormatOption = None,
    columns: ColumnsOption = None,
    flatten: FlattenOption = True,
    resume: ResumeOption = False,
    force: ForceOption = False,
    page_size: PageSizeOption = 100,
    as_json: JsonOption = False,
    base_url: BaseUrlOption = None,
    rate_limit: GalileoRateLimitOption = 0,
    emulator: EmulatorOption = False,
    quiet: QuietOption = False,
    debug: DebugOption = False,
) -> None:
    """Search a run's records (filters may use and, or, not): list them, or write a file."""
    with (
        session(emulator=emulator, quiet=quiet, debug=debug) as s,
        s.galileo(project, base_url, rate_limit) as gl,
    ):
        pager = gl.records(
            root_type, where=where, sort=sort, max_items=limit, page_size=page_size, strict=strict,
            **_run(experiment, log_stream, metrics_testing),
        )  # fmt: skip
        if output is None:
            print_rows(pager.rows(), RECORD_COLUMNS, as_json=as_json, title="Galileo records")
            return
        export_to_file(
            s, pager, f"{root_type}s", output=output, format=format, columns=columns,
            flatten=flatten, resume=resume, force=force, as_json=as_json,
        )  # fmt: skip


@app.command()
def projects(
    as_json: JsonOption = False,
    base_url: BaseUrlOption = None,
    rate_limit: GalileoRateLimitOption = 0,
    emulator: EmulatorOption = False,
    quiet: QuietOption = False,
    debug: DebugOption = False,
) -> None:
    """List the projects the key can see."""
    with (
        session(emulator=emulator, quiet=quiet, debug=debug) as s,
        s.galileo(None, base_url, rate_limit) as gl,
    ):
        rows = [project.to_dict() for project in gl.projects()]
        print_rows(rows, ("id", "name", "created_at"), as_json=as_json, title="Galileo projects")


def _project_listing(method: str, what: str, flag: str) -> Any:
    """A command listing a project's log streams or experiments, whose ids go to `flag`."""

    def command(
        project: ProjectOption = None,
        as_json: JsonOption = False,
        base_url: BaseUrlOption = None,
        rate_limit: GalileoRateLimitOption = 0,
        emulator: EmulatorOption = False,
        quiet: QuietOption = False,
        debug: DebugOption = False,
    ) -> None:
        with (
            session(emulator=emulator, quiet=quiet, debug=debug) as s,
            s.galileo(project, base_url, rate_limit) as gl,
        ):
            rows = [item.to_dict() for item in getattr(gl, method)()]
            columns = ("id", "name", "created_at")
            print_rows(rows, columns, as_json=as_json, title=f"Galileo {what}")

    command.__doc__ = f"List a project's {what} (their ids go to {flag})."
    return command


app.command("log-streams")(_project_listing("log_streams", "log streams", "--log-stream"))
app.command("experiments")(_project_listing("experiments", "experiments", "--experiment"))
