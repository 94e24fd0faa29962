"""Where an export's bytes end up, by one rule for every export and stream.

- A regular file (or a name not there yet) is written under a hidden temporary name beside
  it and renamed into place when whole; a file already there is replaced only with
  `overwrite=True` (`--force`) or when resuming, and stays byte for byte as it was until
  that rename. A symbolic link is followed: the file it points to is replaced, the link kept.
- Anything else (`-` for standard output, a device such as /dev/null, a named pipe) is
  written *into*, never renamed over: the whole file is made in a private temporary folder,
  then copied in. Such an export cannot be resumed.
- One export at a time per target: an exclusive lock (`.NAME.lock` beside it) is held from
  the start to the end; a second export of the same target is refused at once.
- Work files left by an interrupted run are never deleted silently: without `resume` or
  `overwrite` the export is refused with a message that says what is there and what to do.

Every problem is a `ConfigError` (before any request) or an `ExportWriteError` (while
writing), both naming the target, never an internal work file.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import shutil
import stat
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from ..errors import ConfigError, ExportWriteError
from .files import WorkFiles

STDOUT = "-"
LONGEST_WORK_SUFFIX = len("..checkpoint.tmp")  # the work files' longest additions to a name


def _stat(path: Path) -> os.stat_result | None:
    try:
        return path.stat()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise ConfigError(f"cannot use {str(path)!r} as the target: {exc.strerror}") from None


def _name_max(folder: Path) -> int:
    try:
        return os.pathconf(folder, "PC_NAME_MAX")
    except (OSError, ValueError):
        return 255


def _check_name(target: Path) -> None:
    """A name the folder can hold with the work files' additions."""
    folder = target.parent if target.parent.is_dir() else Path(".")
    longest = _name_max(folder) - LONGEST_WORK_SUFFIX
    if len(target.name.encode()) > longest:
        raise ConfigError(
            f"the file name {target.name[:40]!r}... is too long ({len(target.name.encode())} "
            f"bytes; at most {longest} here, leaving room for the work files)"
        )


class Output:
    """The target of one export: checked on creation (before any request), locked from
    `lock()` until `release()`, and filled by `publish(path)` or `publish_file(open file)`.
    """

    def __init__(
        self, path: str | os.PathLike[str], *, overwrite: bool = False, resume: bool = False
    ):
        text = os.fspath(path)
        if not isinstance(text, str) or not text:
            raise ConfigError(f"the output path must be a non-empty path, not {path!r}")
        if "\x00" in text:
            raise ConfigError("the output path contains a NUL character")
        self.given = text
        self.overwrite = overwrite
        self.resume = resume
        self.stdout = text == STDOUT
        self._lock_file: int | None = None
        self._scratch: Path | None = None
        self.special = False
        if self.stdout:
            self.path: Path = Path(STDOUT)
            self.special = True
        else:
            given = Path(text).expanduser()
            _check_name(given)
            try:  # a link is followed: its file is replaced, the link itself stays a link
                self.path = given.resolve() if given.is_symlink() else given
            except OSError as exc:
                raise ConfigError(f"cannot use {text!r} as the target: {exc.strerror}") from None
            self.special = self._check()
        if self.special and resume:
            raise ConfigError(
                f"{self.given!r} is not a regular file, so an export to it cannot be resumed"
            )

    # -- checks before any request -------------------------------------------------------------

    def _check(self) -> bool:
        """Check the target; True when it is to be written into rather than renamed over."""
        target = self.path
        info = _stat(target)
        if info is not None and stat.S_ISDIR(info.st_mode):
            raise ConfigError(f"{str(target)!r} is a folder; give a file name")
        if info is not None and not stat.S_ISREG(info.st_mode):
            if not os.access(target, os.W_OK):
                raise ConfigError(f"cannot write to {str(target)!r} (permission denied)")
            return True
        folder = target.parent
        if not folder.is_dir():
            raise ConfigError(f"the folder {str(folder)!r} does not exist")
        _check_name(target)
        if not os.access(folder, os.W_OK | os.X_OK):
            raise ConfigError(f"cannot write in the folder {str(folder)!r} (permission denied)")
        if not WorkFiles(target).checkpoint.exists():  # else the export explains its work
            self.check_existing()
        return False

    def check_existing(self) -> None:
        """Refuse a regular file already at the target, unless replacing it was asked."""
        if self.special or self.overwrite or self.resume:
            return
        if self.path.exists():
            raise ConfigError(
                f"{str(self.path)!r} already exists; pass overwrite=True (--force) to replace it"
            )

    @property
    def work(self) -> WorkFiles:
        """The work files: beside a regular target, in a private folder for a special one."""
        if not self.special:
            return WorkFiles(self.path)
        if self._scratch is None:
            self._scratch = Path(tempfile.mkdtemp(prefix="tracebridge-"))
        return WorkFiles(self._scratch / "export")

    # -- the lock ------------------------------------------------------------------------------

    def lock(self) -> None:
        """Hold the target exclusively; ConfigError at once if another export holds it.

        The lock file is removed on release. A run that opened it just before another
        removed it finds its lock on a file no longer there, and tries again."""
        if self.special:
            return
        lock_path = self.work.lock
        for _ in range(100):
            try:
                handle = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
            except OSError as exc:
                raise ConfigError(
                    f"cannot write beside {str(self.path)!r}: {exc.strerror}"
                ) from None
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(handle)
                raise ConfigError(
                    f"another export is writing {str(self.path)!r} now; wait for it to end"
                ) from None
            try:
                same = os.fstat(handle).st_ino == os.stat(lock_path).st_ino
            except FileNotFoundError:
                same = False
            if same:
                os.ftruncate(handle, 0)
                os.write(handle, f"{os.getpid()}\n".encode())
                self._lock_file = handle
                return
            os.close(handle)
        raise ConfigError(f"could not lock {str(self.path)!r}")  # pragma: no cover

    def release(self) -> None:
        """Drop the lock (and a special target's private folder)."""
        if self._lock_file is not None:
            with contextlib.suppress(FileNotFoundError):
                self.work.lock.unlink()
            os.close(self._lock_file)
            self._lock_file = None
        if self._scratch is not None:
            shutil.rmtree(self._scratch, ignore_errors=True)
            self._scratch = None

    # -- writing -------------------------------------------------------------------------------

    def publish(self, whole: Path) -> None:
        """Put a complete file in place: renamed over a regular target, copied into a
        special one. Until this call the target is as it was."""
        try:
            if not self.special:
                os.replace(whole, self.path)
                return
            with whole.open("rb") as source, self._open_special() as sink:
                shutil.copyfileobj(source, sink, 1 << 20)
        except OSError as exc:
            raise self.write_error(exc) from None

    @contextlib.contextmanager
    def _open_special(self) -> Iterator[IO[bytes]]:
        if self.stdout:
            sink = sys.stdout.buffer
            yield sink
            sink.flush()
            return
        with self.path.open("wb") as sink:
            yield sink

    def write_error(self, exc: BaseException) -> ExportWriteError:
        """An error while writing, told in terms of the target."""
        reason = getattr(exc, "strerror", None) or f"{type(exc).__name__}: {exc}"
        if isinstance(exc, OSError) and exc.errno == errno.ENOSPC:
            reason = "no space left on the device"
        work = WorkFiles(self.path)
        for path in (work.part, work.rows, work.ids, work.checkpoint):  # name the target only
            reason = reason.replace(str(path), "its temporary file")
        if self.special:
            reason = reason.replace(tempfile.gettempdir(), "a temporary folder")
        return ExportWriteError(f"could not write {self.given!r}: {reason}")
