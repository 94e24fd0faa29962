"""An export's body cut into files of whole lines while it arrives, so a database can take
each file while the next is still downloading (`ChunkWriter` is the binary file the export
writes to)."""

from __future__ import annotations

import os
import queue
from collections.abc import Callable
from typing import IO, Any

Chunk = tuple[str, int]  # a file of whole lines, and how many


class ChunkWriter:
    """A write-only binary file that starts a new file after every `rows` lines and hands
    each finished one to `ready` (with its number of lines)."""

    mode = "wb"

    def __init__(self, folder: str, rows: int, ready: Callable[[Chunk], None]):
        self.folder, self.rows, self.ready = folder, rows, ready
        self._index = 0
        self._file: IO[bytes] | None = None
        self._lines = 0  # lines in the current file

    def _current(self) -> IO[bytes]:
        if self._file is None:
            self._index += 1
            self._file = open(self._path(), "wb")  # noqa: SIM115 - closed by _hand_over
        return self._file

    def _path(self) -> str:
        return os.path.join(self.folder, f"chunk-{self._index}.jsonl")

    def write(self, data: bytes) -> int:
        view, start = bytes(data), 0
        while start < len(view):
            wanted = self.rows - self._lines
            end = start - 1
            for _ in range(wanted):
                end = view.find(b"\n", end + 1)
                if end < 0:
                    break
            if end < 0:  # the rest fits in the current file
                self._lines += view.count(b"\n", start)
                self._current().write(view[start:])
                break
            self._current().write(view[start : end + 1])
            self._lines = self.rows
            self._hand_over()
            start = end + 1
        return len(data)

    def flush(self) -> None:
        if self._file is not None:
            self._file.flush()

    def finish(self) -> None:
        """The body is whole: hand over what the last file holds."""
        if self._file is not None and self._file.tell():
            self._hand_over(partial=True)
        elif self._file is not None:
            self._file.close()
            os.unlink(self._path())
            self._file = None

    def _hand_over(self, partial: bool = False) -> None:
        assert self._file is not None
        self._file.close()
        self._file = None
        lines = self._lines
        if partial and not _ends_with_newline(self._path()):
            lines += 1
        self._lines = 0
        self.ready((self._path(), lines))


def _ends_with_newline(path: str) -> bool:
    with open(path, "rb") as file:
        file.seek(-1, os.SEEK_END)
        return file.read(1) == b"\n"


class Handoff:
    """Chunks from a download thread to the thread that applies them: at most `depth`
    waiting (the download waits beyond that), then the end or the download's error."""

    def __init__(self, depth: int = 2):
        self._queue: queue.Queue[Any] = queue.Queue(maxsize=depth)

    def put(self, chunk: Chunk) -> None:
        self._queue.put(("chunk", chunk))

    def end(self, error: BaseException | None = None) -> None:
        self._queue.put(("error", error) if error is not None else ("end", None))

    def get(self) -> Chunk | None:
        """The next chunk; None at the end; the download's error raised here."""
        kind, value = self._queue.get()
        if kind == "error":
            raise value
        return value if kind == "chunk" else None
