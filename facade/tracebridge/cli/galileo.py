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
    GalileoRateLimitOption,
    JsonOption,
    LimitOption,
    ListFormatOption,
    ListOutputOption,
    PageSizeOption,
    QuietOption,
    ResumeOption,
    SchemaOption,
    SortOption,
    StrictOption,
    check_output,
    columns_of,
    common_schema,
    keep_key,
    session,
    show_rows,
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
RedactOption = Annotated[
    bool,
    typer.Option(
        "--redact/--no-redact",
        help="Inputs and outputs as the service redacts them (its PII redaction).",
    ),
]
RootTypeOption = Annotated[
    str, typer.Option("--root-type", help="What to export: trace, span or session.")
]
RAW_SUFFIXES = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv"}
RECORD_COLUMNS = ("type", "id", "name", "created_at")
LISTED_COLUMNS = ("id", "name", "created_at")  # projects, log streams, experiments


def _raw_format(output: str, format: str | None) -> str:
    """The service's own format for --raw: named, or from the suffix."""
    if format is not None:
        return format
    suffix = Path(output).suffix.lower()
    if suffix not in RAW_SUFFIXES:
        raise ConfigError(
            f"cannot tell the service's export format of {output!r}; use .jsonl or .csv, or "
            "--format (jsonl, jsonl_flat, csv) with --raw"
        )
    return RAW_SUFFIXES[suffix]


def _run(experiment: str | None, log_stream: str | None, metrics: str | None) -> dict[str, Any]:
    return {"experiment_id": experiment, "log_stream_id": log_stream, "metrics_testing_id": metrics}


@app.command("export")
def export_records(
    output: Annotated[
        str, typer.Option("--output", "-o", help="The file to write (- for standard output).")
    ],
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
        typer.Option(
            "--format",
            "-f",
            help="csv, jsonl, parquet or xlsx (default: the suffix); with --raw the "
            "service's jsonl, jsonl_flat or csv.",
        ),
    ] = None,
    columns: ColumnsOption = None,
    flatten: FlattenOption = True,
    schema: SchemaOption = "native",
    raw: Annotated[
        bool,
        typer.Option(
            "--raw",
            help="Write the service's own file byte for byte (its columns, such as "
            "metrics/cost, and its formats) instead of tracebridge's columns.",
        ),
    ] = False,
    redact: RedactOption = True,
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
    """Stream Galileo's own export of a run's records to a file, in tracebridge's columns
    (the same as `records -o`; see docs/columns.md) and any format, or --raw as sent."""
    with session(emulator=emulator, quiet=quiet, debug=debug) as s:
        check_output(output, as_json)
        request: dict[str, Any] = dict(
            where=where, sort=sort, redact=redact, strict=strict, file_name=file_name,
            include_code_metric_metadata=code_metric_metadata,
            **_run(experiment, log_stream, metrics_testing),
        )  # fmt: skip
        with (
            s.galileo(project, base_url, rate_limit) as gl,
            Bar(f"{root_type}s", quiet=quiet) as bar,
        ):
            from ..export import write_rows

            if raw:
                if schema != "native":
                    raise ConfigError("--raw writes the service's own file: leave out --schema")
                result = gl.export_records(
                    root_type, to=output, export_format=_raw_format(output, format),
                    column_ids=columns_of(columns), progress=bar, overwrite=force, **request,
                )  # fmt: skip
            elif common_schema(schema, output, format):
                origin = _common_origin(gl, root_type, experiment, log_stream, metrics_testing)
                rows = gl.export_rows(root_type, export_format="jsonl", **request)
                result = write_rows(
                    rows, output, format=format, schema="common", origin=origin,
                    overwrite=force, progress=bar,
                )  # fmt: skip
            else:
                from ..galileo import record_rows

                rows = gl.export_rows(root_type, export_format="jsonl", **request)
                result = write_rows(
                    rows, output, format=format or ("jsonl" if output == "-" else None),
                    columns=columns_of(columns), flatten=flatten, schema=record_rows(),
                    overwrite=force, progress=bar, chunk_rows=1_000,
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
    output: ListOutputOption = None,
    format: ListFormatOption = None,
    columns: ColumnsOption = None,
    flatten: FlattenOption = True,
    schema: SchemaOption = "native",
    resume: ResumeOption = False,
    force: ForceOption = False,
    page_size: PageSizeOption = 100,
    redact: RedactOption = True,
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
            redact=redact, **_run(experiment, log_stream, metrics_testing),
        )  # fmt: skip
        show_rows(
            s, pager, RECORD_COLUMNS, title=f"Galileo {root_type}s", output=output,
            format=format, columns=columns, as_json=as_json, force=force, flatten=flatten,
            resume=resume, schema=schema,
        )  # fmt: skip


@app.command()
def projects(
    output: ListOutputOption = None,
    format: ListFormatOption = None,
    columns: ColumnsOption = None,
    force: ForceOption = False,
    as_json: JsonOption = False,
    base_url: BaseUrlOption = None,
    rate_limit: GalileoRateLimitOption = 0,
    emulator: EmulatorOption = False,
    quiet: QuietOption = False,
    debug: DebugOption = False,
) -> None:
    """List the projects the key can see: a table, --json, or a file (-o, --format)."""
    with (
        session(emulator=emulator, quiet=quiet, debug=debug) as s,
        s.galileo(None, base_url, rate_limit) as gl,
    ):
        rows, first = _listed(gl.projects())
        show_rows(
            s, rows, LISTED_COLUMNS, title="Galileo projects", output=output, format=format,
            columns=columns, as_json=as_json, force=force, first_columns=first,
        )  # fmt: skip


def _common_origin(
    gl: Any, root_type: str, experiment: str | None, log_stream: str | None, metrics: str | None
) -> Any:
    """What the streamed records are, for the common schema (sessions have no table)."""
    from ..schema import Origin
    from ..schema.galileo import run_context

    if root_type == "session":
        raise ConfigError(
            "--schema common covers traces and spans: sessions have no table there "
            "(use --root-type trace or span)"
        )
    run = _run(experiment, log_stream, metrics)
    return Origin("galileo", "record", run_context(run, gl.project_id, root_type))


def _listed(items: list[Any]) -> tuple[list[dict[str, Any]], Any]:
    """Listed models as rows, and the columns a file of them starts with (the model's
    fields in order, as a pager's export has)."""
    from ..export.flatten import RowSchema, model_fields

    fields = model_fields(type(items[0])) if items else ()
    return [item.to_dict() for item in items], RowSchema(fields, frozenset(_TIMES) & set(fields))


_TIMES = ("created_at", "updated_at")


def _project_listing(method: str, what: str, flag: str) -> Any:
    """A command listing a project's log streams or experiments, whose ids go to `flag`."""

    def command(
        project: ProjectOption = None,
        output: ListOutputOption = None,
        format: ListFormatOption = None,
        columns: ColumnsOption = None,
        force: ForceOption = False,
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
            rows, first = _listed(getattr(gl, method)())
            show_rows(
                s, rows, LISTED_COLUMNS, title=f"Galileo {what}", output=output,
                format=format, columns=columns, as_json=as_json, force=force, first_columns=first,
            )  # fmt: skip

    command.__doc__ = (
        f"List a project's {what} (their ids go to {flag}): a table, --json, or a file "
        "(-o, --format)."
    )
    return command


app.command("log-streams")(_project_listing("log_streams", "log streams", "--log-stream"))
app.command("experiments")(_project_listing("experiments", "experiments", "--experiment"))
