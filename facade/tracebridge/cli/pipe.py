"""Standard output into a pipe that the reader closed (`tracebridge ... | head -1`): the
command ends quietly, with the exit code it would have had (a gate's 6 included), instead of
a BrokenPipeError turned into exit 1, or Python's own complaint at exit.

Text written after the pipe closed goes nowhere (it is a table's last lines, or a summary),
so the command still reaches its verdict. Bytes (an export to `-`) stop the export: fetching
every page for a reader that left is wasted work; that ends with exit 0, as the reader asked
for no more.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from typing import Any


def _silence(stream: Any) -> None:
    """Point the stream's descriptor at /dev/null: the interpreter's last flush at exit
    then succeeds instead of printing 'Exception ignored ... BrokenPipeError'."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(devnull, stream.fileno())
        finally:
            os.close(devnull)


class ClosedPipe(BaseException):
    """Standard output's reader went away during a binary export. Like KeyboardInterrupt,
    not an Exception: the export's cleanup lets it through instead of calling it a failed
    write, and the command line ends quietly on it."""


class _Bytes:
    """sys.stdout.buffer: a closed pipe stops the export (ClosedPipe)."""

    def __init__(self, raw: Any, owner: QuietPipe):
        self._raw, self._owner = raw, owner

    def write(self, data: Any) -> int:
        try:
            return int(self._raw.write(data))
        except BrokenPipeError:
            self._owner.broke()
            raise ClosedPipe() from None

    def flush(self) -> None:
        try:
            self._raw.flush()
        except BrokenPipeError:
            self._owner.broke()
            raise ClosedPipe() from None

    def __getattr__(self, name: str) -> Any:
        return getattr(self._raw, name)


class QuietPipe:
    """A text stream that drops what is written once its pipe is closed."""

    def __init__(self, stream: Any):
        self.stream = stream
        self.broken = False

    def broke(self) -> None:
        if not self.broken:
            self.broken = True
            _silence(self.stream)

    def write(self, text: str) -> int:
        if self.broken:
            return len(text)
        try:
            return int(self.stream.write(text))
        except BrokenPipeError:
            self.broke()
            return len(text)

    def flush(self) -> None:
        if self.broken:
            return
        try:
            self.stream.flush()
        except BrokenPipeError:
            self.broke()

    @property
    def buffer(self) -> Any:
        return _Bytes(self.stream.buffer, self)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)


@contextlib.contextmanager
def quiet_on_closed_pipe() -> Iterator[QuietPipe]:
    """sys.stdout guarded for the command's run (see the module's docstring)."""
    guard = QuietPipe(sys.stdout)
    sys.stdout = guard
    try:
        yield guard
    finally:
        with contextlib.suppress(BrokenPipeError):
            guard.flush()
        if sys.stdout is guard:
            sys.stdout = guard.stream
