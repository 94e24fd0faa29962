"""One sync at a time per target: an exclusive lock on a file beside (or inside) it, held for
the whole run, so two syncs into one target never both write (the second is refused at once,
before any request, instead of the last writer silently winning)."""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

from ..errors import ConfigError


class TargetLock:
    """An exclusive, non-blocking lock on `path` (created when missing, left in place: a
    lock file removed on release could be locked by two runs at once)."""

    def __init__(self, path: Path, target: str):
        self.path = path
        self.target = target
        self._handle: int | None = None

    def acquire(self) -> None:
        if self._handle is not None:
            return
        try:
            handle = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise ConfigError(f"cannot lock {self.target}: {exc.strerror or exc}") from None
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(handle)
            raise ConfigError(
                f"another sync is writing {self.target} now; wait for it to end"
            ) from None
        self._handle = handle

    def release(self) -> None:
        if self._handle is not None:
            os.close(self._handle)
            self._handle = None
