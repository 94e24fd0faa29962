"""A service's own export body, taken as it arrives: copied to a file, or read as rows.

Galileo's export_records answers with the whole file (JSON lines or CSV), up to a gigabyte,
so nothing here holds more than one chunk: `FileSink` writes each chunk as it comes (to a
temporary name beside the target, renamed when the body ended whole) and counts bytes and
rows, and refuses a body that is not an export (JSON lines must start with an object);
`RowDecoder` turns chunks into rows, dicts from JSON lines or from CSV with its header. A
body that stops mid-line is an error, never a shorter file.
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Protocol

from ..errors import ConfigError, UnexpectedResponseError, excerpt
from .output import Output

Row = dict[str, Any]


class StreamProgress(Protocol):
    """What a streamed export reports: a start, then bytes and rows as they arrive."""

    def started(self, total: int | None, done: int) -> None: ...

    def advanced(self, rows: int) -> None: ...

    def received(self, size: int) -> None: ...


@dataclass(frozen=True)
class StreamResult:
    """What a streamed export wrote."""

    path: Path | None  # None when written to a file object
    format: str
    bytes: int
    rows: int


class CutShort(UnexpectedResponseError):
    """The body ended in the middle of a record: the answer was cut short."""

    def __init__(self, size: int):
        super().__init__(
            f"the export ended in the middle of a record after {size:,} bytes",
            status=200,
            excerpt="",
        )


class RowCounter:
    """Counts complete records in a body of JSON lines or CSV, chunk by chunk; a newline
    inside a quoted CSV field is not a record's end."""

    def __init__(self, format: str):
        self.csv = format == "csv"
        self.lines = 0
        self.quoted = False
        self.last = b""

    def feed(self, chunk: bytes) -> int:
        if not chunk:
            return 0
        if self.csv:
            new = 0
            for index, piece in enumerate(chunk.split(b'"')):
                if index:
                    self.quoted = not self.quoted
                if not self.quoted:
                    new += piece.count(b"\n")
        else:
            new = chunk.count(b"\n")
        self.lines += new
        self.last = chunk[-1:]
        return new

    @property
    def rows(self) -> int:
        return max(0, self.lines - 1) if self.csv else self.lines

    def check_whole(self, size: int) -> None:
        if size and (self.last != b"\n" or self.quoted):
            raise CutShort(size)


class FileSink:
    """Chunks to a path (a temporary name, renamed when whole: see `output`) or to an open
    binary file. `open()` starts each attempt, `complete()` checks the body ended whole,
    `publish()` puts it in place; `close()` releases the target whatever happened."""

    def __init__(
        self,
        to: str | os.PathLike[str] | IO[bytes],
        format: str,
        progress: StreamProgress | None = None,
        *,
        overwrite: bool = False,
    ):
        self.format = format
        self.progress = progress
        self.output: Output | None = None
        self.part: Path | None = None
        self.file: IO[bytes] | None = None
        if isinstance(to, (str, os.PathLike)):
            self.output = Output(to, overwrite=overwrite)
            self.target: Path | None = self.output.path
        else:
            if isinstance(to, io.TextIOBase) or not hasattr(to, "write"):
                raise ConfigError(
                    "to= takes a path or a file opened for binary writing (open(path, 'wb')), "
                    f"not {type(to).__name__}"
                )
            if "b" not in getattr(to, "mode", "b"):
                raise ConfigError(f"to= must be opened in binary mode ('wb'), not {to.mode!r}")
            self.target = None
            self.file = to
        self.restartable = self.output is not None  # a file object cannot be taken back
        self.size = 0
        self.counter = RowCounter(format)
        self.first = FirstRecord(format)
        self._reported = False
        self._locked = False

    def open(self) -> None:
        """Start an attempt: a fresh temporary file (for a path) and fresh counts. Nothing
        is created before the request is about to be sent."""
        self.size = 0
        self.counter = RowCounter(self.format)
        self.first = FirstRecord(self.format)
        if self.output is not None:
            if not self._locked:
                self.output.lock()
                self._locked = True
                self.part = self.output.work.part
            assert self.part is not None
            self.file = self.part.open("wb")
        if self.progress is not None and not self._reported:
            self.progress.started(None, 0)  # once: a retried attempt continues the same bar
            self._reported = True

    def feed(self, chunk: bytes) -> None:
        assert self.file is not None
        self.first.feed(chunk)
        self.file.write(chunk)
        self.size += len(chunk)
        rows = self.counter.feed(chunk)
        if self.progress is not None:
            self.progress.received(len(chunk))
            if rows:
                self.progress.advanced(rows)

    def complete(self) -> None:
        """The body ended: raise CutShort unless it ended on a record's end."""
        self.counter.check_whole(self.size)
        self.first.check(self.size)
        if self.part is not None and self.file is not None:
            self.file.close()
            self.file = None

    def publish(self) -> StreamResult:
        if self.output is not None and self.part is not None:
            self.output.publish(self.part)
        elif self.file is not None:
            self.file.flush()
        return StreamResult(self.target, self.format, self.size, self.counter.rows)

    def abort(self) -> None:
        """After a failed attempt: nothing under the target name, nothing half-written."""
        if self.part is not None:
            if self.file is not None:
                self.file.close()
                self.file = None
            self.part.unlink(missing_ok=True)

    def close(self) -> None:
        """After the last attempt, whatever its end: the target is released."""
        self.abort()
        if self.output is not None and self._locked:
            self.output.release()
            self._locked = False


class FirstRecord:
    """Checks that a JSON-lines body starts with a JSON object: a login page or another
    answer that is not an export is refused rather than saved."""

    LIMIT = 1 << 20  # a first line longer than this is not checked further

    def __init__(self, format: str):
        self.active = format != "csv"
        self.head = b""

    def feed(self, chunk: bytes) -> None:
        if not self.active:
            return
        self.head += chunk
        end = self.head.find(b"\n")
        if end >= 0:
            self._verify(self.head[:end])
        elif len(self.head) > self.LIMIT:
            self.active = False

    def _verify(self, line: bytes) -> None:
        self.active = False
        try:
            record = json.loads(line)
        except ValueError:
            record = None
        if not isinstance(record, dict):
            raise UnexpectedResponseError(
                "the answer is not an export of JSON lines",
                status=200,
                excerpt=excerpt(line[:400].decode("utf-8", "replace")),
            )

    def check(self, size: int) -> None:
        if self.active and size:
            self._verify(self.head)


def _not_rows(what: str, sample: bytes) -> UnexpectedResponseError:
    shown = excerpt(sample[:400].decode("utf-8", "replace"))
    return UnexpectedResponseError(f"the export holds {what}", status=200, excerpt=shown)


class ShortExport(UnexpectedResponseError):
    """The export's body ended cleanly with fewer records than the service counted for the
    same request just before: records are missing (a body cut at a record's end, a proxy
    that dropped lines), so it is never kept as complete."""

    def __init__(self, count: int, rows: int):
        self.count, self.rows = count, rows
        if rows == 0:
            message = f"the export was empty, but the service counts {count:,} records for it"
        else:
            message = f"the export held {rows:,} records, but the service counts {count:,} for it"
        super().__init__(message, status=200, excerpt="")


class EmptyExport(ShortExport):
    """The export's body was empty although the service counts records for it."""

    def __init__(self, count: int):
        super().__init__(count, 0)


def check_count(count: int | None, rows: int) -> None:
    """Raise ShortExport when a body held fewer records than were counted before it was
    asked for (records that arrive or change meanwhile can only add to it)."""
    if count is not None and rows < count:
        raise EmptyExport(count) if rows == 0 else ShortExport(count, rows)


class RowDecoder:
    """Chunks to rows: each JSON line as a dict, or each CSV record keyed by the header."""

    def __init__(self, format: str):
        self.format = format
        self.pending = b""
        self.counter = RowCounter(format)
        self.header: list[str] | None = None
        self.size = 0

    def feed(self, chunk: bytes) -> Iterator[Row]:
        self.size += len(chunk)
        self.counter.feed(chunk)
        data = self.pending + chunk
        cut = self._last_record_end(data)
        if cut < 0:
            self.pending = data
            return iter(())
        self.pending = data[cut + 1 :]
        return self._rows(data[: cut + 1])

    def finish(self) -> Iterator[Row]:
        self.counter.check_whole(self.size)
        return iter(())

    def _last_record_end(self, data: bytes) -> int:
        """Where the last complete record ends (a newline outside quotes for CSV)."""
        if self.format != "csv":
            return data.rfind(b"\n")
        quoted, end, offset = False, -1, 0
        for index, piece in enumerate(data.split(b'"')):
            if index:
                quoted = not quoted
            if not quoted and (newline := piece.rfind(b"\n")) >= 0:
                end = offset + newline
            offset += len(piece) + 1
        return end

    def _rows(self, block: bytes) -> Iterator[Row]:
        try:
            text = block.decode("utf-8")
        except UnicodeDecodeError:
            raise _not_rows("bytes that are not UTF-8", block) from None
        if self.format != "csv":
            # Lines end at "\n" only: str.splitlines would also cut at U+2028, U+0085 or
            # \x1c-\x1e, which JSON carries unescaped inside strings.
            for line in text.split("\n"):
                if line.strip():
                    try:
                        row = json.loads(line)
                    except ValueError:
                        row = None
                    if not isinstance(row, dict):
                        raise _not_rows("a line that is not a JSON object", line.encode())
                    yield row
            return
        for record in csv.reader(io.StringIO(text, newline="")):
            if self.header is None:
                self.header = record
            else:
                yield dict(zip(self.header, record, strict=False))
