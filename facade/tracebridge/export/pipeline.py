"""One export of a listing into a file: pages -> flat rows -> a writer, resumable.

    result = export_pager(pager, "traces.parquet", resume=True)

Each page's rows are appended to a work file beside the target and a checkpoint records
how far the walk got (see `files`). JSONL is written as it comes; CSV, Parquet and XLSX
need every column before their first row, so their rows wait in the work file and are
written out when the walk ends. Either way the file appears under the target name only
when whole. A run that stops (an error, Ctrl-C, a killed process) keeps its work files;
the same export with `resume=True` continues after the last checkpoint and the file holds
every row once, as an uninterrupted run would have written it.

Where the file goes (a regular file renamed into place, or `-`, a device or a pipe written
into), the lock that keeps two exports of one target apart, and what is done with work
files an earlier run left: see `output`. Values JSON cannot hold (NaN, Infinity) become
null and lone UTF-16 surrogates become U+FFFD, in every format; `ExportResult.replaced`
counts them and a warning is logged.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from .._optional import require
from ..errors import (
    ConfigError,
    ExportValueError,
    IncompleteListingError,
    TracebridgeError,
)
from .files import WorkFiles, format_for, truncate
from .flatten import Columns, RowSchema, flatten, select
from .output import Output
from .source import (
    AsyncExportable,
    AsyncRowSource,
    Exportable,
    IterableSource,
    RowSource,
)
from .typed import TypedPages
from .values import XLSX_MAX_TEXT, encoded_lines, too_long_for_xlsx
from .writers import NEEDS, WRITERS

log = logging.getLogger("tracebridge.export")

CHECKPOINT_VERSION = 1


class Progress(Protocol):
    """What an export reports as it goes (the command line draws it as a progress bar)."""

    def started(self, total: int | None, done: int) -> None: ...

    def advanced(self, rows: int) -> None: ...


@dataclass(frozen=True)
class ExportResult:
    """What an export wrote."""

    path: Path
    format: str
    rows: int
    pages: int
    resumed: bool = False
    columns: list[str] = field(default_factory=list)
    replaced: int = 0  # values JSON cannot hold, or lone surrogates, written as null / U+FFFD


@dataclass
class ExportOptions:
    """What the caller asked: target and format, columns, flattening, resuming, progress."""

    path: str | os.PathLike[str]
    format: str | None = None
    columns: Sequence[str] | None = None
    flatten: bool = True
    resume: bool = False
    progress: Progress | None = None
    overwrite: bool = False


class Export:
    """The bookkeeping of one export; the sync and async loops feed it pages."""

    def __init__(
        self,
        walk: RowSource | AsyncRowSource,
        options: ExportOptions,
        schema: RowSchema | None = None,
    ):
        self.output = Output(options.path, overwrite=options.overwrite, resume=options.resume)
        self.target = self.output.path
        self.format = format_for(self.target, options.format)
        if self.format in NEEDS:
            require(*NEEDS[self.format])  # a missing extra fails before any request
        self.files: WorkFiles = WorkFiles(self.target)  # the real ones are set by start()
        self.options = options
        listing = walk.listing
        if options.resume and listing is None:
            raise ConfigError(
                f"an export of these rows to {self.output.given!r} cannot be resumed (they are "
                "not one listing the service can page through again); export them afresh"
            )
        self.schema: RowSchema = schema or walk.schema
        self.wanted = None if options.columns is None else list(options.columns)
        self._check_wanted()
        self.seen = Columns(self.schema.datetimes)
        self._column_key = self.schema.column_key()
        self.walk = walk
        self.state: dict[str, Any] = {
            "version": CHECKPOINT_VERSION,
            "identity": listing.identity() if listing is not None else None,
            "format": self.format,
            "flatten": options.flatten,
            "columns": self.wanted,
            "page_size": walk.page_size,
            "window": listing.frozen() if listing is not None else {},
            "position": walk.position,
            "rows": 0,
            "pages": 0,
            "rows_bytes": 0,
            "ids_bytes": 0,
            "replaced": 0,
            "complete": False,
        }
        self.resumed = False
        self.typed: TypedPages | None = None  # Parquet pages typed as they come (fresh runs)
        self._rows_file: Any = None
        self._ids_file: Any = None

    def _check_wanted(self) -> None:
        if self.wanted is None:
            return
        if not self.wanted or not all(isinstance(c, str) and c for c in self.wanted):
            raise ConfigError(f"columns must be a non-empty list of names, not {self.wanted!r}")
        if self.schema.fields:
            unknown = [c for c in self.wanted if c.split(".")[0] not in self.schema.fields]
            if unknown:
                raise ConfigError(
                    f"unknown columns {unknown}; the rows have {', '.join(self.schema.fields)}"
                    " (and dotted columns under their objects, like scores.<name>)"
                )

    # -- starting ------------------------------------------------------------------------------

    def start(self) -> tuple[Any, list[Any]]:
        """Lock the target; the walk to make (resumed where the checkpoint says, None when
        the checkpoint's export had finished) and the recent ids."""
        self.output.lock()
        try:
            self.files = self.output.work
            saved = self._saved()
            shutil.rmtree(self.files.batches, ignore_errors=True)  # never a page of another run
            if saved is None:
                self.files.remove()
                self._open("wb")
                if self.format == "parquet":
                    self.typed = TypedPages(self.files.batches)
                return self.walk, []
            self._adopt(saved)
            if self.state["complete"]:
                return None, []
            self._open("r+b")
        except OSError as exc:
            self.output.release()
            if isinstance(exc, TracebridgeError):
                raise
            raise self.output.write_error(exc) from None
        except BaseException:
            self.output.release()
            raise
        walk = self.walk.resumed(self.state["position"], self.state["rows"])
        return walk, self._recent_ids()

    def _saved(self) -> dict[str, Any] | None:
        """The checkpoint to continue from, or None to start afresh; what an earlier run
        left is kept unless resuming or overwriting says what to do with it."""
        if self.options.overwrite and not self.options.resume:
            return None  # whatever is there is discarded, damaged or not
        saved = self.files.load_checkpoint()
        left = self.files.leftovers()
        if self.options.resume:
            if saved is None and self.target.exists() and not self.options.overwrite:
                raise ConfigError(
                    f"there is no interrupted export of {str(self.target)!r} to resume, and "
                    "the file is already there; pass overwrite=True (--force) to write it again"
                )
            return saved
        # Killed after its last rename (its rows are the target now): only bookkeeping is left.
        published = not self.files.rows.exists() and self.target.exists()
        finished = saved is not None and saved.get("complete") and published
        empty = saved is None and all(p.stat().st_size == 0 for p in left)
        if left and not (finished or empty or self.options.overwrite):
            rows = f"{saved.get('rows', 0):,} rows" if saved else "rows"
            raise ConfigError(
                f"an interrupted export of {str(self.target)!r} left {rows} beside it "
                f"({', '.join(p.name for p in left)}); pass resume=True (--resume) to "
                "continue it, or overwrite=True (--force) to discard it and start over"
            )
        self.output.check_existing()
        return None

    def _adopt(self, saved: dict[str, Any]) -> None:
        """Continue from a checkpoint, if it is for this very export."""
        same = ("version", "identity", "format", "flatten", "columns", "page_size")
        different = [key for key in same if saved.get(key) != self.state[key]]
        if different:
            raise ConfigError(
                f"the checkpoint {str(self.files.checkpoint)!r} is for a different export "
                f"(its {', '.join(different)} differ); pass overwrite=True (--force) to "
                "discard it and start over"
            )
        try:
            if self.walk.listing is not None:
                self.walk.listing.refreeze(saved.get("window", {}))
            self.seen = Columns.from_json(self.schema.datetimes, saved.get("seen", {}))
            counts = [saved[k] for k in ("rows", "pages", "rows_bytes", "ids_bytes", "position")]
        except (KeyError, TypeError, ValueError, AttributeError):
            counts = []
        if not all(isinstance(n, int) and n >= 0 for n in counts) or not counts:
            raise ConfigError(
                f"the checkpoint {str(self.files.checkpoint)!r} is damaged; pass "
                "overwrite=True (--force) to discard it and start over"
            )
        self.state.update(saved)
        self.resumed = True
        if self.state["complete"] and not self.files.rows.exists() and self.target.exists():
            return  # killed after its final rename, while cleaning up: the file is whole
        needed = (self.files.rows,) if self.state["complete"] else (self.files.rows, self.files.ids)
        missing = [p.name for p in needed if not p.exists()]
        if missing:
            raise ConfigError(
                f"the interrupted export of {str(self.target)!r} cannot be resumed: its work "
                f"files {', '.join(missing)} are gone; pass overwrite=True (--force) to start over"
            )
        sizes = ((self.files.rows, "rows_bytes"), (self.files.ids, "ids_bytes"))
        short = [p.name for p, size in sizes[: len(needed)] if p.stat().st_size < self.state[size]]
        if short:  # a disk that lost writes: padding them back would invent bytes
            raise ConfigError(
                f"the interrupted export of {str(self.target)!r} cannot be resumed: its work "
                f"files {', '.join(short)} are shorter than its checkpoint says; pass "
                "overwrite=True (--force) to start over"
            )
        for path, size in sizes[: len(needed)]:
            truncate(path, self.state[size])

    def _open(self, mode: str) -> None:
        for path in (self.files.rows, self.files.ids):
            path.touch()
        self._rows_file = self.files.rows.open(mode)
        self._ids_file = self.files.ids.open(mode)
        self._rows_file.seek(0, os.SEEK_END)
        self._ids_file.seek(0, os.SEEK_END)

    def _recent_ids(self) -> list[Any]:
        with self.files.ids.open("rb") as file:
            tail = deque(file, maxlen=self.walk.recent_capacity)
        return [json.loads(line) for line in tail]

    def report_start(self, total: int | None) -> None:
        if self.options.progress is not None:
            self.options.progress.started(total, self.state["rows"])

    # -- each page -------------------------------------------------------------------------------

    def add(self, position: int, rows: list[dict[str, Any]]) -> None:
        """Append a page's rows and move the checkpoint past it."""
        key = self.walk.row_id
        flats = []
        page = Columns(self.schema.datetimes)  # this page's kinds, taken in below
        for row in rows:
            flat = flatten(row, self.schema.whole) if self.options.flatten else row
            if self.format == "jsonl":
                if self.options.flatten:
                    flat = self.schema.arranged(flat, self._column_key)
                if self.wanted is not None:
                    flat = {name: flat.get(name) for name in select(list(flat), self.wanted)}
            elif self.format == "xlsx" and (column := too_long_for_xlsx(flat)) is not None:
                raise ExportValueError(
                    f"could not write {self.output.given!r}: a value of column {column!r} "
                    f"is longer than the {XLSX_MAX_TEXT:,} characters an XLSX cell holds; "
                    "export to CSV, JSONL or Parquet, or leave the column out (columns=)"
                )
            flats.append(flat)
        values = page.see_rows(flats) if self.format != "jsonl" else {}
        self.seen.merge(page)
        data, replaced = encoded_lines(flats)
        if self.typed is not None:
            if replaced:
                self.typed.give_up()  # the JSON lines hold what was replaced: their path
            else:
                self.typed.add(flats, page, values)
        if replaced:
            log.warning(
                "%d values JSON cannot hold (NaN, Infinity, lone surrogates) written as "
                "null or U+FFFD in %s",
                replaced,
                self.output.given,
            )
        # The ids of the last rows, for a resumed walk to skip what it has; rows from an
        # iterable are never walked again, so they need none.
        resumable = self.walk.listing is not None
        ids = "".join(json.dumps(key(row)) + "\n" for row in rows).encode() if resumable else b""
        try:
            self._rows_file.write(data)
            self._ids_file.write(ids)
            self._rows_file.flush()
            self._ids_file.flush()
        except OSError as exc:  # a full disk: what was checkpointed stays resumable
            raise self.output.write_error(exc) from None
        self.state.update(
            position=position,
            rows=self.state["rows"] + len(rows),
            pages=self.state["pages"] + 1,
            rows_bytes=self._rows_file.tell(),
            ids_bytes=self._ids_file.tell(),
            replaced=self.state["replaced"] + replaced,
            seen=self.seen.to_json(),
        )
        self.files.save_checkpoint(self.state)
        if self.options.progress is not None:
            self.options.progress.advanced(len(rows))

    # -- the end -------------------------------------------------------------------------------

    def stopped(self, error: BaseException) -> None:
        """After a failure: close the work files, keep them for a resume, and say so."""
        self._close()
        final = isinstance(error, (ExportValueError, IncompleteListingError))
        if not self.state["pages"] or self.output.special or final:
            self.files.remove()  # nothing worth resuming, or a resume could not mend it
        elif self.state["rows"]:
            error.add_note(
                f"{self.state['rows']} rows fetched so far are kept beside {str(self.target)!r};"
                " run the same export with resume=True (--resume) to continue"
            )
        self.output.release()

    def abandon(self) -> None:
        self._close()
        self.files.remove()
        self.output.release()

    def _close(self) -> None:
        for file in (self._rows_file, self._ids_file):
            if file is not None:
                file.close()

    def finish(self) -> ExportResult:
        """Write the final file from the rows kept, put it in place, clean up. Until the
        last step the target is as it was; a failure keeps the rows for a resume."""
        self._close()
        self.state["complete"] = True
        columns: list[str] = []
        try:
            self.files.save_checkpoint(self.state)
            if self.format == "jsonl":
                if self.files.rows.exists():  # else: published already by a killed run
                    self.output.publish(self.files.rows)
            else:
                columns = select(self.seen.ordered(self.schema), self.wanted)
                typed = self.typed is not None and self.typed.write(
                    self.files.part, columns, self.seen
                )
                if not typed:
                    WRITERS[self.format](self.files.part, self._kept_rows(), columns, self.seen)
                self.output.publish(self.files.part)
        except BaseException as exc:
            self.files.part.unlink(missing_ok=True)
            if self.output.special:
                self.files.remove()
            self.output.release()
            if isinstance(exc, TracebridgeError) or not isinstance(exc, Exception):
                raise
            error = self.output.write_error(exc)
            if not self.output.special:
                error.add_note(
                    f"the {self.state['rows']} rows are kept beside {str(self.target)!r}; "
                    "run the same export with resume=True (--resume) to write the file again"
                )
            raise error from None
        self.files.remove()
        self.output.release()
        return ExportResult(
            self.target,
            self.format,
            self.state["rows"],
            self.state["pages"],
            self.resumed,
            columns,
            self.state["replaced"],
        )

    def _kept_rows(self) -> Iterator[dict[str, Any]]:
        with self.files.rows.open("rb") as file:
            for line in file:
                yield json.loads(line)


def export_pager(pager: Exportable, options: ExportOptions) -> ExportResult:
    """Walk a `Pager` into a file (see the module's docstring)."""
    job = Export(pager.export_source(), options)
    walk, recent = job.start()
    try:
        if options.progress is not None:
            job.report_start(pager.count if walk is not None else job.state["rows"])
        if walk is not None:
            for position, rows in walk.row_pages(recent):
                job.add(position, rows)
    except BaseException as error:
        job.stopped(error)
        raise
    return job.finish()


async def aexport_pager(pager: AsyncExportable, options: ExportOptions) -> ExportResult:
    """Walk an `AsyncPager` into a file."""
    job = Export(pager.export_source(), options)
    walk, recent = job.start()
    try:
        if options.progress is not None:
            job.report_start(await pager.count if walk is not None else job.state["rows"])
        if walk is not None:
            async for position, rows in walk.row_pages(recent):
                job.add(position, rows)
    except BaseException as error:
        job.stopped(error)
        raise
    return job.finish()


def write_rows(
    rows: Iterable[dict[str, Any]],
    path: str | os.PathLike[str],
    *,
    format: str | None = None,
    columns: Sequence[str] | None = None,
    flatten: bool = True,
    schema: RowSchema | str | None = None,
    overwrite: bool = False,
    progress: Progress | None = None,
    chunk_rows: int = 1_000,
    origin: Any = None,
) -> Any:
    """Write any iterable of rows (say `Galileo.export_rows(...)`) to a file, as a pager's
    export would: flattened, typed, with flat memory, under its name only when whole.
    `schema` names the columns that come first, in order; `progress` hears of every
    `chunk_rows` rows written. `schema="common"` with `origin` (a `schema.Origin` saying
    what the rows are) writes the common schema's tables instead (see `tracebridge.schema`)."""
    if isinstance(schema, str):
        from ..schema import check_common, common_rows, file_stem
        from ..schema.write import write_common, write_otlp

        checked = check_common(schema, origin)
        pairs = common_rows(rows, checked)
        if format == "otlp":
            return write_otlp(pairs, path, source=checked.source, overwrite=overwrite)
        return write_common(
            pairs, path, format=format, stem=file_stem(checked), overwrite=overwrite,
            progress=progress,
        )  # fmt: skip
    options = ExportOptions(path, format, columns, flatten, overwrite=overwrite, progress=progress)
    job = Export(IterableSource(rows, schema, chunk_rows), options)
    walk, _ = job.start()
    try:
        job.report_start(None)
        for position, chunk in walk.row_pages():
            job.add(position, chunk)
    except BaseException:
        job.abandon()  # rows from an iterable cannot be fetched again: nothing to resume
        raise
    return job.finish()


def frame_rows(
    rows: Iterable[dict[str, Any]],
    schema: RowSchema,
    *,
    columns: Sequence[str] | None,
    flat: bool,
    extra: str,
) -> Any:
    """Rows as a pyarrow Table with the same columns and types a Parquet export has."""
    from .arrow import ArrowLayout

    seen = Columns(schema.datetimes)
    kept = []
    for row in rows:
        record = flatten(row, schema.whole) if flat else row
        seen.see(record)
        kept.append(record)
    wanted = None if columns is None else list(columns)
    return ArrowLayout(select(seen.ordered(schema), wanted), seen, extra).table(kept)
