"""A service's own export body, taken as it arrives: copied to a file, or read as rows.

Galileo's export_records answers with the whole file (JSON lines or CSV), up to a gigabyte,
so nothing here holds more than one chunk: `FileSink` writes each chunk as it comes (to a
temporary name beside the target, renamed when the body ended whole) and counts bytes and
rows; `RowDecoder` turns chunks into rows, dicts from JSON lines or from CSV with its
header. A body that stops mid-line is an error, never a shorter file.
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

from ..errors import UnexpectedResponseError
from .files import WorkFiles, writable_target

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
    """Chunks to a path (a temporary name, renamed when whole) or to an open binary file."""

    def __init__(
        self,
        to: str | os.PathLike[str] | IO[bytes],
        format: str,
        progress: StreamProgress | None = None,
    ):
        self.format = format
        self.progress = progress
        if isinstance(to, (str, os.PathLike)):
            self.target: Path | None = writable_target(to)
            self.part: Path | None = WorkFiles(self.target).part
            self.file: IO[bytes] | None = None
        else:
            if not hasattr(to, "write"):
                raise TypeError(f"to= takes a path or a binary file, not {type(to).__name__}")
            self.target = self.part = None
            self.file = to
        self.restartable = self.part is not None  # a file object cannot be taken back
        self.size = 0
        self.counter = RowCounter(format)
        self._reported = False

    def open(self) -> None:
        """Start an attempt: a fresh temporary file (for a path) and fresh counts. Nothing
        is created before the request is about to be sent."""
        self.size = 0
        self.counter = RowCounter(self.format)
        if self.part is not None:
            self.file = self.part.open("wb")
        if self.progress is not None and not self._reported:
            self.progress.started(None, 0)  # once: a retried attempt continues the same bar
            self._reported = True

    def feed(self, chunk: bytes) -> None:
        assert self.file is not None
        self.file.write(chunk)
        self.size += len(chunk)
        rows = self.counter.feed(chunk)
        if self.progress is not None:
            self.progress.received(len(chunk))
            if rows:
                self.progress.advanced(rows)

    def finish(self) -> StreamResult:
        self.counter.check_whole(self.size)
        if self.part is not None and self.target is not None and self.file is not None:
            self.file.close()
            os.replace(self.part, self.target)
        elif self.file is not None:
            self.file.flush()
        return StreamResult(self.target, self.format, self.size, self.counter.rows)

    def abort(self) -> None:
        """After a failure: nothing under the target name, nothing left half-written."""
        if self.part is not None and self.file is not None:
            self.file.close()
            self.file = None
            self.part.unlink(missing_ok=True)


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
        text = block.decode("utf-8")
        if self.format != "csv":
            for line in text.splitlines():
                if line.strip():
                    yield json.loads(line)
            return
        for record in csv.reader(io.StringIO(text, newline="")):
            if self.header is None:
                self.header = record
            else:
                yield dict(zip(self.header, record, strict=False))
