"""`tracebridge respan ...`: list experiments, export traces and dataset spans to files, and
ask for the service's own e-mailed export."""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer

from ..errors import ConfigError
from .common import (
    ApiKeyOption,
    BaseUrlOption,
    ColumnsOption,
    ConcurrencyOption,
    DebugOption,
    EmulatorOption,
    FlattenOption,
    ForceOption,
    FormatOption,
    JsonOption,
    LimitOption,
    ListFormatOption,
    ListOutputOption,
    OutputOption,
    PageSizeOption,
    QuietOption,
    RateLimitOption,
    ResumeOption,
    SchemaOption,
    SortOption,
    StrictOption,
    WhereOption,
    concurrency_for,
    export_to_file,
    keep_key,
    print_rows,
    session,
    show_rows,
)

app = typer.Typer(
    help="Respan: experiments, their traces, summaries and histograms, dataset spans, "
    "organization logs.",
    no_args_is_help=True,
)


@app.callback()
def _keys(api_key: ApiKeyOption = None) -> None:
    """Respan: the key comes from --api-key, else the environment, else the profile."""
    keep_key("respan", api_key)


StartOption = Annotated[
    str | None, typer.Option("--start", help="Only rows from this time (ISO 8601).")
]
EndOption = Annotated[
    str | None,
    typer.Option("--end", help="Only rows before this time (ISO 8601; default: now, fixed)."),
]
DetailOption = Annotated[
    bool, typer.Option("--detail", help="Include each trace's span tree (a JSON column).")
]
ExportPageOption = Annotated[
    int | None, typer.Option("--page", min=1, help="The export's page (the service's default: 1).")
]
ExportPageSizeOption = Annotated[
    int | None,
    typer.Option(
        "--page-size", min=1, max=100, help="Rows per export page (the service's default: 100)."
    ),
]
EXPERIMENT_COLUMNS = ("id", "name", "status", "created_at", "dataset_name", "progress")


@app.command()
def experiments(
    where: WhereOption = None,
    strict: StrictOption = True,
    sort: SortOption = None,
    limit: LimitOption = None,
    output: ListOutputOption = None,
    format: ListFormatOption = None,
    columns: ColumnsOption = None,
    flatten: FlattenOption = True,
    force: ForceOption = False,
    page_size: PageSizeOption = 100,
    as_json: JsonOption = False,
    base_url: BaseUrlOption = None,
    rate_limit: RateLimitOption = 60,
    emulator: EmulatorOption = False,
    quiet: QuietOption = False,
    debug: DebugOption = False,
) -> None:
    """List experiments: a table, --json, or a file (-o, --format)."""
    with (
        session(emulator=emulator, quiet=quiet, debug=debug) as s,
        s.respan(base_url, rate_limit) as rs,
    ):
        pager = rs.experiments.list(
            where, sort=sort, max_items=limit, strict=strict, page_size=page_size
        )
        show_rows(
            s, pager, EXPERIMENT_COLUMNS, title="Respan experiments", output=output,
            format=format, columns=columns, as_json=as_json, force=force, flatten=flatten,
        )  # fmt: skip


@app.command()
def traces(
    output: OutputOption,
    experiment_ids: Annotated[
        list[str] | None,
        typer.Argument(
            help="The experiments, e.g. exp_123 (several: one file with an experiment_id column).",
            show_default=False,
        ),
    ] = None,
    all_experiments: Annotated[
        bool,
        typer.Option(
            "--all-experiments",
            help="Every experiment (those --experiments-where keeps) into one file.",
        ),
    ] = False,
    experiments_where: Annotated[
        str | None,
        typer.Option(
            "--experiments-where",
            help='Which experiments --all-experiments takes, e.g. "status = completed".',
        ),
    ] = None,
    where: WhereOption = None,
    strict: StrictOption = True,
    sort: SortOption = None,
    start: StartOption = None,
    end: EndOption = None,
    detail: DetailOption = False,
    format: FormatOption = None,
    columns: ColumnsOption = None,
    flatten: FlattenOption = True,
    schema: SchemaOption = "native",
    resume: ResumeOption = False,
    force: ForceOption = False,
    limit: LimitOption = None,
    page_size: PageSizeOption = 100,
    concurrency: ConcurrencyOption = None,
    as_json: JsonOption = False,
    base_url: BaseUrlOption = None,
    rate_limit: RateLimitOption = 60,
    emulator: EmulatorOption = False,
    quiet: QuietOption = False,
    debug: DebugOption = False,
) -> None:
    """Export experiments' traces to CSV, JSONL, Parquet or XLSX (several experiments: one
    file, each row with its experiment_id)."""
    with (
        session(emulator=emulator, quiet=quiet, debug=debug) as s,
        s.respan(base_url, rate_limit) as rs,
    ):
        ids = _chosen_experiments(rs, experiment_ids or [], all_experiments, experiments_where)
        options = dict(
            sort=sort, start_time=start, end_time=end, strict=strict, detail=detail,
            page_size=page_size, max_items=limit,
            concurrency=concurrency_for(concurrency, 0 if s.base_url else rate_limit),
        )  # fmt: skip
        if len(ids) == 1 and not all_experiments:
            pager: Any = rs.experiments.traces(ids[0], where, **options)
            label = f"traces of {ids[0]}"
        else:
            pager = rs.experiments.traces_across(ids, where, **options)
            label = f"traces of {len(ids)} experiments"
        export_to_file(
            s, pager, label, output=output, format=format, columns=columns,
            flatten=flatten, resume=resume, force=force, as_json=as_json, schema=schema,
        )  # fmt: skip


def _chosen_experiments(rs: Any, given: list[str], every: bool, where: str | None) -> list[str]:
    """The experiment ids named, or (--all-experiments) those the service lists."""
    if every and given:
        raise ConfigError("name experiments or give --all-experiments, not both")
    if where is not None and not every:
        raise ConfigError("--experiments-where chooses for --all-experiments; add it")
    if not every:
        if not given:
            raise ConfigError("name at least one experiment (e.g. exp_123), or --all-experiments")
        return given
    ids = [row["id"] for row in rs.experiments.list(where, page_size=100).rows()]
    if not ids:
        raise ConfigError(
            "no experiment matches --experiments-where" if where else "there are no experiments"
        )
    return ids


@app.command()
def spans(
    dataset_id: Annotated[str, typer.Argument(help="The dataset, e.g. dataset_67890.")],
    output: OutputOption,
    where: WhereOption = None,
    strict: StrictOption = True,
    sort: SortOption = None,
    format: FormatOption = None,
    columns: ColumnsOption = None,
    flatten: FlattenOption = True,
    schema: SchemaOption = "native",
    resume: ResumeOption = False,
    force: ForceOption = False,
    limit: LimitOption = None,
    page_size: PageSizeOption = 100,
    concurrency: ConcurrencyOption = None,
    as_json: JsonOption = False,
    base_url: BaseUrlOption = None,
    rate_limit: RateLimitOption = 60,
    emulator: EmulatorOption = False,
    quiet: QuietOption = False,
    debug: DebugOption = False,
) -> None:
    """Export a dataset's spans to CSV, JSONL, Parquet or XLSX."""
    with (
        session(emulator=emulator, quiet=quiet, debug=debug) as s,
        s.respan(base_url, rate_limit) as rs,
    ):
        pager = rs.datasets.spans(
            dataset_id, where, sort=sort, page_size=page_size, max_items=limit, strict=strict,
            concurrency=concurrency_for(concurrency, 0 if s.base_url else rate_limit),
        )  # fmt: skip
        export_to_file(
            s, pager, f"spans of {dataset_id}", output=output, format=format, columns=columns,
            flatten=flatten, resume=resume, force=force, as_json=as_json, schema=schema,
        )  # fmt: skip


@app.command()
def summary(
    experiment_id: Annotated[str, typer.Argument(help="The experiment, e.g. exp_123.")],
    where: WhereOption = None,
    strict: StrictOption = True,
    start: StartOption = None,
    end: EndOption = None,
    as_json: JsonOption = False,
    base_url: BaseUrlOption = None,
    rate_limit: RateLimitOption = 60,
    emulator: EmulatorOption = False,
    quiet: QuietOption = False,
    debug: DebugOption = False,
) -> None:
    """Totals over an experiment's traces (requests, cost, tokens, latency, scores)."""
    with (
        session(emulator=emulator, quiet=quiet, debug=debug) as s,
        s.respan(base_url, rate_limit) as rs,
    ):
        found = rs.experiments.summary(
            experiment_id, where, start_time=start, end_time=end, strict=strict
        ).to_dict()
        rows = [{"measure": name, "value": value} for name, value in found.items()]
        if as_json:
            typer.echo(json.dumps(found, ensure_ascii=False, indent=2))
        else:
            print_rows(
                rows, ("measure", "value"), as_json=False, title=f"Summary of {experiment_id}"
            )


@app.command()
def histogram(
    experiment_id: Annotated[str, typer.Argument(help="The experiment, e.g. exp_123.")],
    evaluator_id: Annotated[str, typer.Argument(help="The evaluator, e.g. answer_relevance.")],
    bins: Annotated[int, typer.Option("--bins", min=1, max=50, help="How many bins.")] = 20,
    output: ListOutputOption = None,
    format: ListFormatOption = None,
    columns: ColumnsOption = None,
    force: ForceOption = False,
    as_json: JsonOption = False,
    base_url: BaseUrlOption = None,
    rate_limit: RateLimitOption = 60,
    emulator: EmulatorOption = False,
    quiet: QuietOption = False,
    debug: DebugOption = False,
) -> None:
    """How one evaluator's scores spread over an experiment's traces: the bins as a table,
    --json (with the statistics), or a file (-o, --format)."""
    with (
        session(emulator=emulator, quiet=quiet, debug=debug) as s,
        s.respan(base_url, rate_limit) as rs,
    ):
        found = rs.experiments.histogram(experiment_id, evaluator_id, bins=bins).to_dict()
        if as_json and output is None and format is None and columns is None:
            typer.echo(json.dumps(found, ensure_ascii=False, indent=2))  # with the stats
            return
        show_rows(
            s, found["bins"], ("lower", "upper", "count"),
            title=f"{evaluator_id} on {experiment_id}", output=output, format=format,
            columns=columns, as_json=as_json, force=force,
        )  # fmt: skip


def _org_export(kind: str) -> Any:
    def command(
        output: OutputOption,
        where: WhereOption = None,
        strict: StrictOption = True,
        sort: SortOption = None,
        start: StartOption = None,
        end: EndOption = None,
        format: FormatOption = None,
        columns: ColumnsOption = None,
        flatten: FlattenOption = True,
        schema: SchemaOption = "native",
        resume: ResumeOption = False,
        force: ForceOption = False,
        limit: LimitOption = None,
        page_size: PageSizeOption = 100,
        as_json: JsonOption = False,
        base_url: BaseUrlOption = None,
        rate_limit: RateLimitOption = 60,
        emulator: EmulatorOption = False,
        quiet: QuietOption = False,
        debug: DebugOption = False,
    ) -> None:
        with (
            session(emulator=emulator, quiet=quiet, debug=debug) as s,
            s.respan(base_url, rate_limit) as rs,
        ):
            listing = rs.logs.spans if kind == "spans" else rs.logs.traces
            pager = listing(
                where, sort=sort, start_time=start, end_time=end, strict=strict,
                page_size=page_size, max_items=limit,
            )  # fmt: skip
            export_to_file(
                s, pager, f"organization {kind}", output=output, format=format, columns=columns,
                flatten=flatten, resume=resume, force=force, as_json=as_json, schema=schema,
            )  # fmt: skip

    command.__doc__ = (
        f"Export the organization's {kind} (the logs API; the last hour unless --start/--end)."
    )
    return command


app.command("org-spans")(_org_export("spans"))
app.command("org-traces")(_org_export("traces"))


@app.command("export")
def emailed_export(
    experiment_id: Annotated[str, typer.Argument(help="The experiment, e.g. exp_123.")],
    where: WhereOption = None,
    strict: StrictOption = True,
    sort: SortOption = None,
    page: ExportPageOption = None,
    page_size: ExportPageSizeOption = None,
    start: StartOption = None,
    end: EndOption = None,
    base_url: BaseUrlOption = None,
    rate_limit: RateLimitOption = 60,
    emulator: EmulatorOption = False,
    quiet: QuietOption = False,
    debug: DebugOption = False,
) -> None:
    """Ask Respan for its own export of an experiment's traces, sent by e-mail."""
    with (
        session(emulator=emulator, quiet=quiet, debug=debug) as s,
        s.respan(base_url, rate_limit) as rs,
    ):
        message = rs.experiments.export(
            experiment_id, where, sort=sort, page=page, page_size=page_size, start_time=start,
            end_time=end, strict=strict,
        )  # fmt: skip
        typer.echo(message)
