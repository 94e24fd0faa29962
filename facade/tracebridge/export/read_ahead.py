"""A streamed answer's body read on a thread of its own, a bounded way ahead of its reader.

Rows taken from a body as it arrives are turned into a file (flattened, typed, written) on
the reading thread; while that runs nobody reads the socket, the service's send buffer fills
and it waits, so the download and the conversion took turns instead of overlapping. Here a
daemon thread does the reading (the socket's reads let the interpreter run the conversion
meanwhile) and hands chunks over through a queue of at most `depth` chunks, so memory stays
bounded however slow the reader. What the reading raises is raised to the reader, in order,
after the chunks before it.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from typing import Any

import httpx

DEPTH = 64  # chunks (httpx hands over what one read of the socket gave: up to 64 KiB)
_END = object()


class _Failed:
    def __init__(self, error: BaseException):
        self.error = error


class ReadAhead:
    """The chunks of the body `open_response()` answers with, `check` run on the response
    first; iterate once, and `close()` when done (or abandoned)."""

    def __init__(
        self,
        open_response: Callable[[], AbstractContextManager[httpx.Response]],
        check: Callable[[httpx.Response], None],
        depth: int | None = None,
    ):
        self._chunks: queue.Queue[Any] = queue.Queue(maxsize=depth or DEPTH)
        self._stop = threading.Event()
        self._thread = threading.Thread(
            target=self._read, args=(open_response, check), name="tracebridge-read-ahead",
            daemon=True,
        )  # fmt: skip
        self._thread.start()

    def _read(
        self,
        open_response: Callable[[], AbstractContextManager[httpx.Response]],
        check: Callable[[httpx.Response], None],
    ) -> None:
        try:
            with open_response() as response:
                check(response)
                for chunk in response.iter_bytes():
                    if not self._put(chunk):
                        return  # the reader left: stop reading, close the response
        except BaseException as error:  # handed to the reader, raised there
            self._put(_Failed(error))
            return
        self._put(_END)

    def _put(self, item: Any) -> bool:
        """Queue an item, waiting while the queue is full; False once the reader has left."""
        while not self._stop.is_set():
            try:
                self._chunks.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def __iter__(self) -> Iterator[bytes]:
        while True:
            item = self._chunks.get()
            if item is _END:
                return
            if isinstance(item, _Failed):
                raise item.error
            yield item

    def close(self) -> None:
        """Stop the reading thread (it ends at its next chunk, closing the response)."""
        self._stop.set()
        while True:  # free a put that is waiting, so the thread sees the stop at once
            try:
                self._chunks.get_nowait()
            except queue.Empty:
                break
