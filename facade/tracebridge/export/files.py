"""Where an export keeps its work beside the target, and how a file appears only whole.

For `out/traces.parquet` the work files are hidden beside it, so they sit on the same file
system (a rename is atomic there) and a resumed run finds them:

    out/.traces.parquet.rows.jsonl     the rows fetched so far (the file itself, for JSONL)
    out/.traces.parquet.ids            their ids, for dropping repeats after a resume
    out/.traces.parquet.checkpoint     what was asked and how far the walk got
    out/.traces.parquet.part           the final file while it is written
    out/.traces.parquet.lock           held while an export of the target runs

The target name only ever holds a complete file: the last step is a rename.
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import ConfigError

FORMATS = {
    ".csv": "csv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".parquet": "parquet",
    ".pq": "parquet",
    ".xlsx": "xlsx",
}
FORMAT_NAMES = ("csv", "jsonl", "parquet", "xlsx")


def format_for(path: Path, format: str | None) -> str:
    """The format asked for, else the one the suffix names; ConfigError if neither does."""
    if format is not None:
        name = format.lower().lstrip(".")
        name = {"ndjson": "jsonl", "pq": "parquet"}.get(name, name)
        if name not in FORMAT_NAMES:
            raise ConfigError(f"unknown format {format!r}; known: {', '.join(FORMAT_NAMES)}")
        named = FORMATS.get(path.suffix.lower())
        if named is not None and named != name:
            raise ConfigError(
                f"{str(path)!r} names {named} by its suffix but the format asked for is {name}; "
                "make them agree (or use a suffix that names no format)"
            )
        return name
    try:
        return FORMATS[path.suffix.lower()]
    except KeyError:
        raise ConfigError(
            f"cannot tell the format of {str(path)!r} from its suffix; use one of "
            f"{', '.join(FORMATS)} or pass format= ({', '.join(FORMAT_NAMES)})"
        ) from None


@dataclass(frozen=True)
class WorkFiles:
    target: Path

    def _beside(self, suffix: str) -> Path:
        return self.target.with_name(f".{self.target.name}.{suffix}")

    @property
    def rows(self) -> Path:
        return self._beside("rows.jsonl")

    @property
    def ids(self) -> Path:
        return self._beside("ids")

    @property
    def checkpoint(self) -> Path:
        return self._beside("checkpoint")

    @property
    def part(self) -> Path:
        return self._beside("part")

    @property
    def lock(self) -> Path:
        return self._beside("lock")

    @property
    def batches(self) -> Path:
        """A folder of the pages as Arrow batches (Parquet exports; see `typed`)."""
        return self._beside("batches")

    def leftovers(self) -> list[Path]:
        """The work files an earlier run left (the lock aside)."""
        return [p for p in (self.part, self.rows, self.ids, self.checkpoint) if p.exists()]

    def load_checkpoint(self) -> dict[str, Any] | None:
        try:
            text = self.checkpoint.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        try:
            state = json.loads(text)
        except ValueError:
            state = None
        if not isinstance(state, dict):
            raise ConfigError(
                f"the checkpoint {str(self.checkpoint)!r} is damaged; pass overwrite=True "
                "(--force) to discard it and start over"
            )
        return state

    def save_checkpoint(self, state: dict[str, Any]) -> None:
        """Write the checkpoint whole or not at all (a temporary name, then a rename)."""
        temporary = self._beside("checkpoint.tmp")
        temporary.write_text(json.dumps(state, separators=(",", ":")), encoding="utf-8")
        os.replace(temporary, self.checkpoint)

    def remove(self, *, keep_progress: bool = False) -> None:
        """Remove the work files (all, or only the unfinished final file)."""
        names = [self.part] if keep_progress else [self.part, self.rows, self.ids, self.checkpoint]
        for path in names:
            path.unlink(missing_ok=True)
        if not keep_progress:
            shutil.rmtree(self.batches, ignore_errors=True)


def truncate(path: Path, size: int) -> None:
    """Cut a work file back to what its checkpoint counted (a killed run may have written
    more after its last checkpoint)."""
    with path.open("r+b") as file:
        file.truncate(size)
