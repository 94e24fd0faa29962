"""What every command shares: options, the embedded emulator, errors as exit codes, progress
bars on stderr, and printing rows as a table or JSON.

Exit codes: 0 done; 2 bad usage or input (checked before any request: an unknown field, a
bad filter text, a missing key or extra); 3 the service answered with an error (401, 404,
422, ...) or an answer it does not document; 4 the service (or a sync's database server)
could not be reached or did not answer in time; 130 interrupted (an export keeps its work:
`--resume` continues it);
6 a `compare --fail-if` condition held; 1 anything else. Errors are one line on stderr;
`--debug` adds the traceback and logs.
"""

from __future__ import annotations

import contextlib
import json
import logging
import re
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text

from ..errors import (
    APIConnectionError,
    APIError,
    APITimeoutError,
    ConfigError,
    FilterError,
    IncompleteListingError,
    MissingDependencyError,
    TargetConnectionError,
    TracebridgeError,
    UnexpectedResponseError,
)
from .pipe import ClosedPipe, quiet_on_closed_pipe

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_API, EXIT_UNREACHABLE, EXIT_INTERRUPTED = 0, 1, 2, 3, 4, 130
EXIT_DIFFERS = 5  # `doctor`: the service and the spec differ
EXIT_REGRESSED = 6  # `compare --fail-if`: a condition held (a CI gate stops the release)

# Piped or redirected output is read by programs: tables are not wrapped to 80 columns there
# (an id split over two lines is no id); a terminal gets tables that fit it.
stdout = Console(soft_wrap=True, width=None if sys.stdout.isatty() else 10_000)
stderr = Console(stderr=True, soft_wrap=True)

EmulatorOption = Annotated[
    bool,
    typer.Option("--emulator", help="Run against an embedded emulator (no key or network needed)."),
]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bars or notes.")]
DebugOption = Annotated[
    bool, typer.Option("--debug", help="Show tracebacks and request logs (never keys).")
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
WhereOption = Annotated[
    str | None,
    typer.Option("--where", "-w", help='A filter, e.g. "status = success and total_cost > 0.01".'),
]
StrictOption = Annotated[
    bool,
    typer.Option(
        "--strict/--no-strict",
        help="Refuse filter fields the endpoint does not document (--no-strict sends them).",
    ),
]
SortOption = Annotated[
    str | None, typer.Option("--sort", help="A field to sort by; prefix - for descending.")
]
LimitOption = Annotated[int | None, typer.Option("--limit", min=0, help="At most this many rows.")]
OutputOption = Annotated[
    str,
    typer.Option("--output", "-o", help="The file to write; its suffix picks the format."),
]
FormatOption = Annotated[
    str | None,
    typer.Option(
        "--format", "-f", help="csv, jsonl, parquet or xlsx, when the suffix does not say."
    ),
]
ListOutputOption = Annotated[
    str | None,
    typer.Option(
        "--output",
        "-o",
        help="Write the rows to this file instead of a table (- for standard output); "
        "the suffix or --format picks the format.",
    ),
]
ListFormatOption = Annotated[
    str | None,
    typer.Option(
        "--format",
        "-f",
        help="csv, jsonl, parquet or xlsx; without -o the rows go to standard output.",
    ),
]
ColumnsOption = Annotated[
    str | None,
    typer.Option("--columns", help="Comma-separated columns to keep, in order (e.g. id,scores)."),
]
SchemaOption = Annotated[
    str,
    typer.Option(
        "--schema",
        help="native (the service's rows) or common: spans, traces and scores tables shared "
        "by both services, into the folder -o names (or one .xlsx; --format otlp: OTLP/JSON).",
    ),
]
ResumeOption = Annotated[
    bool, typer.Option("--resume", help="Continue an interrupted export from its checkpoint.")
]
ForceOption = Annotated[
    bool,
    typer.Option(
        "--force", help="Replace a file already at the output path (and discard old work files)."
    ),
]
FlattenOption = Annotated[
    bool,
    typer.Option("--flatten/--no-flatten", help="Spread nested objects into dotted columns."),
]
PageSizeOption = Annotated[int, typer.Option("--page-size", help="Rows per request.")]
ConcurrencyOption = Annotated[
    int | None,
    typer.Option(
        "--concurrency",
        min=1,
        max=32,
        help="Pages fetched ahead at once (default: 1 under a rate limit of 120/min or less, "
        "where fetching ahead only waits; else 4).",
    ),
]


def concurrency_for(given: int | None, rate_limit: int) -> int:
    """The pages to fetch at once: what was asked, else as many as the rate limit can use.
    At 120 requests a minute or fewer, requests leave one at a time whatever the concurrency,
    so more only holds pages in memory and makes Ctrl-C wait for them."""
    if given is not None:
        return given
    return 1 if 0 < rate_limit <= 120 else 4


RateLimitOption = Annotated[
    int,
    typer.Option("--rate-limit", min=0, help="Requests per minute at most (0: no limit)."),
]
GalileoRateLimitOption = Annotated[
    int,
    typer.Option(
        "--rate-limit",
        min=0,
        help="Requests per minute at most (default 0: Galileo documents none).",
    ),
]
BaseUrlOption = Annotated[
    str | None, typer.Option("--base-url", help="The service's URL (else from the environment).")
]


# Keys given with `tracebridge respan --api-key ...` / `tracebridge galileo --api-key ...`.
GIVEN_KEYS: dict[str, str] = {}
ApiKeyOption = Annotated[
    str | None,
    typer.Option(
        "--api-key",
        help="The key, over the environment and the profile (a key on the command line can "
        "show in the process list: prefer the environment).",
        show_default=False,
    ),
]


def keep_key(service: str, api_key: str | None) -> None:
    """Keep a key given on the command line for the clients this run makes (and forget one
    an earlier run in the same process gave)."""
    if api_key is None:
        GIVEN_KEYS.pop(service, None)
    else:
        GIVEN_KEYS[service] = api_key


@dataclass(frozen=True)
class Session:
    """How a command reaches the service: the embedded emulator's URL and keys, or None
    (the clients then read their environment)."""

    base_url: str | None
    respan_key: str | None
    galileo_key: str | None
    quiet: bool

    def respan(self, base_url: str | None = None, rate_limit: int = 60) -> Any:
        from ..respan import Respan

        if self.base_url is not None:  # the emulator has no rate limit unless asked
            _not_both(base_url)
            return Respan(self.respan_key, base_url=self.base_url, rate_limit=None)
        return Respan(GIVEN_KEYS.get("respan"), base_url=base_url, rate_limit=rate_limit or None)

    def galileo(
        self, project_id: str | None = None, base_url: str | None = None, rate_limit: int = 0
    ) -> Any:
        from ..galileo import Galileo

        if self.base_url is not None:
            _not_both(base_url)
            return Galileo(self.galileo_key, base_url=self.base_url, project_id=project_id)
        return Galileo(
            GIVEN_KEYS.get("galileo"), base_url=base_url, project_id=project_id,
            rate_limit=rate_limit or None,
        )  # fmt: skip

    def note(self, message: str) -> None:
        if not self.quiet:
            stderr.print(message, highlight=False)


def _not_both(base_url: str | None) -> None:
    if base_url is not None:
        raise ConfigError(
            f"--emulator and --base-url {base_url} cannot go together: --emulator serves its own"
        )


# Python spellings in messages, and what a shell user types instead.
CLI_SPELLINGS = (
    ("overwrite=True", "--force"),
    ("resume=True", "--resume"),
    (
        "log_stream_id, experiment_id, metrics_testing_id",
        "--log-stream, --experiment, --metrics-testing",
    ),
    ("project_id=... here or to the client", "--project (or GALILEO_PROJECT_ID)"),
    ("pass format=", "pass --format"),
    ("log_stream_id must", "--log-stream must"),
    ("metrics_testing_id must", "--metrics-testing must"),
    ("project_id must", "--project must"),
    ("pass api_key=... or set", "set"),
)


def _cli_spelling(text: str) -> str:
    """A message's Python advice in the command line's words."""
    for python, flag in CLI_SPELLINGS:
        text = text.replace(f"{python} ({flag})", flag).replace(python, flag)
    return text


def _first_line(error: BaseException) -> str:
    text = str(error).strip() or type(error).__name__
    return text.splitlines()[0]


# What a terminal would take as a command, not text: C0 and C1 controls (escape sequences,
# OSC hyperlinks, window titles; a line break, which would forge a line of its own) and the
# bidi overrides that reorder what is shown.
_NOT_TEXT = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def for_terminal(text: str) -> str:
    """Text a service chose (an experiment's or evaluator's name) as one line a terminal
    shows as text: every control character is written out as its escape, never obeyed."""
    return _NOT_TEXT.sub(lambda found: f"\\u{ord(found.group()):04x}", text)


def _exit_code(error: BaseException) -> int:
    if isinstance(error, (ConfigError, FilterError, MissingDependencyError)):
        return EXIT_USAGE
    if isinstance(error, (APITimeoutError, APIConnectionError, TargetConnectionError)):
        return EXIT_UNREACHABLE
    if isinstance(error, (APIError, UnexpectedResponseError, IncompleteListingError)):
        return EXIT_API
    return EXIT_FAILED


@contextlib.contextmanager
def session(*, emulator: bool, quiet: bool, debug: bool) -> Iterator[Session]:
    """Run a command: logging for --debug, the embedded emulator for --emulator, and every
    error turned into one line on stderr and its exit code."""
    with contextlib.ExitStack() as logs:
        if debug:
            logs.enter_context(_debug_logging())
        logs.enter_context(quiet_on_closed_pipe())
        with _errors_as_exit_codes(debug):
            yield logs.enter_context(_connected(emulator, quiet))


@contextlib.contextmanager
def _debug_logging() -> Iterator[None]:
    """The library's and httpx's logs on stderr for the command's run, and only for it (a
    handler left behind would write to a stream that is gone by the next run in-process)."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    loggers = [logging.getLogger(name) for name in ("tracebridge", "httpx")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.addHandler(handler)
        logger.setLevel(logging.DEBUG)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.removeHandler(handler)
            logger.setLevel(level)


@contextlib.contextmanager
def _connected(emulator: bool, quiet: bool) -> Iterator[Session]:
    with contextlib.ExitStack() as stack:
        if emulator:
            running = stack.enter_context(_embedded())
            yield Session(running.base_url, running.respan_key, running.galileo_key, quiet)
        else:
            yield Session(None, None, None, quiet)


@contextlib.contextmanager
def _errors_as_exit_codes(debug: bool) -> Iterator[None]:
    try:
        yield
    except KeyboardInterrupt as interrupt:
        notes = [_cli_spelling(note) for note in getattr(interrupt, "__notes__", ())]
        stderr.print(Text("interrupted" + "".join(f"; {note}" for note in notes)), highlight=False)
        raise typer.Exit(EXIT_INTERRUPTED) from None
    except (typer.Exit, typer.Abort, SystemExit):
        raise
    except ClosedPipe:  # the reader of standard output left: it asked for no more
        raise typer.Exit(EXIT_OK) from None
    except Exception as error:
        if debug:
            stderr.print_exception()
        if isinstance(error, (TracebridgeError, OSError)):
            line = _first_line(error).replace("strict=False", "--no-strict")  # CLI spelling
            line = _cli_spelling(line)
        else:  # a defect of ours: one line, and where to see more
            line = f"internal error ({type(error).__name__}); run again with --debug to see it"
        stderr.print(Text(f"error: {for_terminal(line)}"), highlight=False)
        for note in getattr(error, "__notes__", ()):
            note = _cli_spelling(note)
            stderr.print(Text(f"hint: {note}"), highlight=False)
        raise typer.Exit(_exit_code(error)) from None


@contextlib.contextmanager
def _embedded() -> Iterator[Any]:
    from .._optional import require

    require("uvicorn", "emulator")
    from ..emulator import serve

    with serve() as running:
        yield running


def columns_of(text: str | None) -> list[str] | None:
    if text is None:
        return None
    names = [name.strip() for name in text.split(",") if name.strip()]
    if not names:
        raise ConfigError("--columns needs at least one column name")
    return names


class Bar:
    """A progress bar on stderr for an export: rows (of the total when known), pages or
    bytes, rate and time left. Off when stderr is not a terminal, or with --quiet."""

    def __init__(self, label: str, *, quiet: bool):
        self.label = label
        self.enabled = not quiet and stderr.is_terminal
        self.progress = Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("rows"),
            TextColumn("{task.fields[extra]}"),
            _RateColumn(),
            TimeElapsedColumn(),
            TimeRemainingColumn(),
            console=stderr,
            disable=not self.enabled,
            transient=False,
        )
        self.task: Any = None
        self.pages = 0
        self.bytes = 0

    def __enter__(self) -> Bar:
        self.progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.progress.stop()

    def started(self, total: int | None, done: int) -> None:
        self.task = self.progress.add_task(self.label, total=total, completed=done, extra="")

    def advanced(self, rows: int) -> None:
        self.pages += 1
        extra = f"{_size(self.bytes)}" if self.bytes else f"{self.pages} pages"
        self.progress.update(self.task, advance=rows, extra=extra)

    def received(self, size: int) -> None:
        self.bytes += size
        self.progress.update(self.task, extra=_size(self.bytes))


class _RateColumn(TextColumn):
    def __init__(self) -> None:
        super().__init__("")

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text("" if not speed else f"{speed:,.0f} rows/s")


def _size(count: int) -> str:
    size = float(count)
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:,.1f} {unit}" if unit != "B" else f"{count} B"
        size /= 1024
    return f"{count} B"


def print_rows(
    rows: Iterable[Mapping[str, Any]],
    columns: Sequence[str],
    *,
    as_json: bool,
    title: str,
    chosen: Sequence[str] | None = None,
) -> int:
    """Rows to stdout: a table of the named columns, or (--json) a JSON array of whole rows;
    `chosen` (--columns) replaces the table's columns and keeps only those in the JSON."""
    kept = list(rows)
    if chosen:
        columns = chosen
        kept = [{name: row.get(name) for name in chosen} for row in kept]
    if as_json:
        sys.stdout.write(json.dumps(kept, ensure_ascii=False, indent=2) + "\n")
        return len(kept)
    table = Table(title=title, title_justify="left")
    for name in columns:
        table.add_column(name, overflow="fold")
    for row in kept:
        table.add_row(*(_cell(row.get(name)) for name in columns))
    stdout.print(table)
    return len(kept)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def wrote(session: Session, result: Any, *, as_json: bool = False) -> None:
    """Say what an export wrote: a line on stderr, or (--json) an object on stdout."""
    path = str(result.path) if result.path is not None else "-"
    summary = {"path": path, "format": result.format, "rows": result.rows}
    for name in ("pages", "bytes", "resumed"):
        if hasattr(result, name):
            summary[name] = getattr(result, name)
    if as_json:
        sys.stdout.write(json.dumps(summary) + "\n")
        return
    extra = f", {_size(result.bytes)}" if hasattr(result, "bytes") else ""
    resumed = " (resumed)" if getattr(result, "resumed", False) else ""
    if isinstance(result.rows, dict):  # the common schema's tables
        tables = ", ".join(f"{count:,} {table}" for table, count in result.rows.items())
        session.note(f"wrote {tables} ({result.format}) to {path}")
        return
    rows = "1 row" if result.rows == 1 else f"{result.rows:,} rows"
    where = "standard output" if path == "-" else path
    session.note(f"wrote {rows}{extra} to {where}{resumed}")


def export_to_file(
    session: Session,
    pager: Any,
    label: str,
    *,
    output: str,
    format: str | None,
    columns: str | None,
    flatten: bool,
    resume: bool,
    force: bool,
    as_json: bool,
    schema: str = "native",
) -> None:
    """Export a pager with a progress bar and say what was written (--schema common: the
    common schema's tables, see `tracebridge.schema`)."""
    check_output(output, as_json)
    common = common_schema(schema, output, format)
    with Bar(label, quiet=session.quiet) as bar:
        if common:
            options: dict[str, Any] = {"schema": "common", "overwrite": force, "progress": bar}
            if columns is not None:
                options["columns"] = columns_of(columns)
            if resume:
                options["resume"] = True
            if not flatten:
                options["flatten"] = False
            result = pager.to_file(output, format=format, **options)
        else:
            result = pager.to_file(
                output, format=format or _default_format(output), columns=columns_of(columns),
                flatten=flatten, resume=resume, overwrite=force, progress=bar,
            )  # fmt: skip
    wrote(session, result, as_json=as_json)


def common_schema(schema: str, output: str, format: str | None) -> bool:
    """Whether --schema asks for the common schema, checked with -o and --format."""
    if schema not in ("native", "common"):
        raise ConfigError(f"--schema is native or common, not {schema!r}")
    if schema == "native":
        if format == "otlp":
            raise ConfigError("--format otlp writes the common schema: add --schema common")
        return False
    if output == "-":
        raise ConfigError(
            "--schema common writes a file per table: give -o a folder (or an .xlsx file, or "
            "a file with --format otlp), not -"
        )
    return True


def show_rows(
    session: Session,
    rows: Any,
    table: Sequence[str],
    *,
    title: str,
    output: str | None,
    format: str | None,
    columns: str | None,
    as_json: bool,
    force: bool,
    flatten: bool = True,
    resume: bool = False,
    first_columns: Any = None,
    schema: str = "native",
) -> None:
    """What every listing does with its rows: a table (or --json) on standard output, or,
    with -o or --format, a file in that format (-o - or no -o: standard output). `rows` is a
    pager (exported as a pager is, with a progress bar) or any iterable of dicts (whose
    columns start with `first_columns`' fields, a RowSchema, in order); `schema` is
    --schema (native or common)."""
    chosen = columns_of(columns)
    if schema != "native" and output is None:
        raise ConfigError("--schema common writes files: give -o a folder (or an .xlsx file)")
    if output is None and format is None:
        source = rows.rows() if hasattr(rows, "to_file") else rows
        print_rows(source, table, as_json=as_json, title=title, chosen=chosen)
        return
    output = "-" if output is None else output
    if hasattr(rows, "to_file"):
        export_to_file(
            session, rows, title, output=output, format=format, columns=columns,
            flatten=flatten, resume=resume, force=force, as_json=as_json, schema=schema,
        )  # fmt: skip
        return
    if schema != "native":
        raise ConfigError(f"--schema {schema} is for records, traces and spans")
    if resume:
        raise ConfigError("--resume continues an export of pages; this listing is one answer")
    from ..export import write_rows

    check_output(output, as_json)
    result = write_rows(
        rows, output, format=format or _default_format(output), columns=chosen,
        flatten=flatten, overwrite=force, schema=first_columns,
    )  # fmt: skip
    wrote(session, result, as_json=as_json)


def _default_format(output: str) -> str | None:
    """Standard output has no suffix: JSON lines unless --format says otherwise."""
    return "jsonl" if output == "-" else None


def check_output(output: str, as_json: bool) -> None:
    """`-o -` writes the file to standard output, where a --json summary cannot also go."""
    if output == "-" and as_json:
        raise ConfigError("-o - writes the file to standard output; leave out --json")
