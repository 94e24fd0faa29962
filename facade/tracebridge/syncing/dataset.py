"""A Parquet dataset folder as a sync target, partitioned Hive-style by source and day:

    <folder>/traces/source=respan/day=2026-11-26/part-000007.parquet
    <folder>/spans/...   <folder>/scores/...   <folder>/_tracebridge_sync.json

Spark, Trino, DuckDB (`read_parquet('<folder>/traces/**/*.parquet', hive_partitioning=true)`)
and Polars read it as three tables. A row's day is the UTC day it started (a score's, the day
of what it scores), so a row stays in its partition when it changes.

Pages are gathered and written in steps of `flush_rows` rows: each touched partition is
rewritten with the new and changed rows merged in, under a hidden name; then the state file,
which names each partition's current generation, is replaced in one rename (the commit); then
the new files take their names and the old ones go. A run killed at any step leaves either the
old generation or the new one: opening the dataset finishes a committed step and removes what
an uncommitted one left.
"""

from __future__ import annotations

import json
import os
import re
from datetime import datetime
from pathlib import Path
from typing import Any

from .._optional import require
from ..errors import ConfigError
from ..export.arrow_rows import column, table_of
from ..schema import TABLES
from ..schema.write import arrow_schema
from . import sql
from .batch import SUBJECT_KIND, SUBJECT_TABLES, Batch, Counts, counts_by_table, score_key
from .lock import TargetLock
from .state import STATE_COLUMNS, State

STATE_FILE = "_tracebridge_sync.json"
LOCK_FILE = ".tracebridge-sync.lock"
# The only files a dataset ever writes in a partition (a generation, final or staged): it
# removes nothing else, so a user's own file beside them is never touched.
OWN_FILE = re.compile(r"(part-\d{6}\.parquet|\.part-\d{6}\.parquet\.tmp)")
NO_DAY = "__HIVE_DEFAULT_PARTITION__"  # what Hive writes for a partition value that is null
Row = dict[str, Any]


def _day(moment: Any) -> str:
    return moment.date().isoformat() if isinstance(moment, datetime) else NO_DAY


class DatasetTarget:
    """A folder of Parquet files (see the module's docstring)."""

    kind = "dataset"

    def __init__(self, folder: str | os.PathLike[str], *, flush_rows: int = 50_000):
        self.folder = Path(os.fspath(folder))
        self.flush_rows = flush_rows
        self._pending: list[tuple[Batch, State]] = []
        self._buffered = 0
        self._state: dict[str, Any] = {}
        self._lock: TargetLock | None = None

    def __repr__(self) -> str:
        return f"DatasetTarget({str(self.folder)!r})"

    # -- the state file ----------------------------------------------------------------------

    def open(self) -> None:
        require("pyarrow.parquet", "parquet")
        if self.folder.exists() and not self.folder.is_dir():
            raise ConfigError(f"{str(self.folder)!r} is a file, not a folder for a dataset")
        self.folder.mkdir(parents=True, exist_ok=True)
        self._lock = TargetLock(self.folder / LOCK_FILE, repr(str(self.folder)))
        self._lock.acquire()
        try:
            self._state = read_state(self.folder / STATE_FILE)
            self._recover()
        except BaseException:
            self.close()
            raise

    def close(self) -> None:
        self._pending.clear()
        self._buffered = 0
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def load_state(self, query: str) -> State | None:
        found = self._state["sources"].get(query)
        return State.from_row(tuple(found[name] for name in STATE_COLUMNS)) if found else None

    def save_state(self, state: State) -> None:
        self._remember(state)
        self._commit({})

    def _remember(self, state: State) -> None:
        values = dict(zip(STATE_COLUMNS, state.row(), strict=True))
        for name in ("watermark", "last_run"):
            if isinstance(values[name], datetime):
                values[name] = values[name].isoformat()
        self._state["sources"][state.query] = values

    def _commit(self, written: dict[str, int]) -> None:
        """Name the new generation of each written partition in the state file (one rename:
        the commit), then put the new files in place and remove the old."""
        self._state["partitions"].update(written)
        path = self.folder / STATE_FILE
        part = path.with_name(f".{STATE_FILE}.part")
        part.write_text(json.dumps(self._state, indent=1, sort_keys=True))
        os.replace(part, path)
        for partition in written:
            self._settle(partition)

    def _recover(self) -> None:
        """Finish a committed step and remove what an uncommitted one left behind (its own
        files only: a folder that then holds nothing else goes too)."""
        known = self._state["partitions"]
        for table in TABLES:
            for folder in (self.folder / table).glob("source=*/day=*"):
                partition = str(folder.relative_to(self.folder))
                if partition in known:
                    self._settle(partition)
                    continue
                for file in folder.iterdir():
                    if OWN_FILE.fullmatch(file.name):
                        file.unlink()
                if not any(folder.iterdir()):
                    folder.rmdir()

    def _settle(self, partition: str) -> None:
        generation = self._state["partitions"][partition]
        folder = self.folder / partition
        final = folder / _file(generation)
        staged = folder / f".{_file(generation)}.tmp"
        if staged.exists():
            os.replace(staged, final)
        for file in folder.iterdir():
            if file != final and OWN_FILE.fullmatch(file.name):
                file.unlink()

    # -- writing -----------------------------------------------------------------------------

    def apply(self, batch: Batch, state: State) -> dict[str, Counts]:
        """Gather a page; write when `flush_rows` rows are gathered."""
        self._pending.append((batch, state))
        self._buffered += len(batch)
        if self._buffered >= self.flush_rows:
            return self.finish(state)
        return counts_by_table()

    def finish(self, state: State) -> dict[str, Counts]:
        """Write what is gathered, with the state of its last page."""
        if not self._pending:
            return counts_by_table()
        merged = Batch()
        for batch, _ in self._pending:
            for table in TABLES:
                merged.extend((table, row) for row in batch.rows(table))
        last = self._pending[-1][1]
        self._pending.clear()
        self._buffered = 0
        counts, written = self._write(merged)
        if written:
            self._remember(last)
            self._commit(written)
        return counts

    def _write(self, batch: Batch) -> tuple[dict[str, Counts], dict[str, int]]:
        pa = require("pyarrow", "parquet")
        counts = counts_by_table()
        generation = self._state["generation"] + 1
        written: dict[str, int] = {}
        days: dict[tuple[Any, Any], str] = {}
        affected: set[tuple[Any, ...]] = set()
        for table in SUBJECT_TABLES:
            for (source, day), rows in _by_partition(batch.rows(table), days).items():
                partition = f"{table}/source={source}/day={day}"
                old = self._read(partition, pa)
                stored = (
                    dict(
                        zip(
                            old.column("source_id").to_pylist(),
                            old.column("raw").to_pylist(),
                            strict=True,
                        )
                    )
                    if old is not None
                    else {}
                )
                changed = [row for row in rows if stored.get(row["source_id"], None) != row["raw"]]
                fresh = sum(1 for row in changed if row["source_id"] not in stored)
                counts[table].add(Counts(fresh, len(changed) - fresh, len(rows) - len(changed)))
                if not changed:
                    continue
                affected.update((source, SUBJECT_KIND[table], row["source_id"]) for row in changed)
                replaced = {row["source_id"] for row in changed}
                self._stage(partition, table, old, "source_id", replaced, changed, generation, pa)
                written[partition] = generation
        scores = batch.rows("scores")
        for row in scores:
            days.setdefault((row["source"], row["subject_id"]), NO_DAY)
        by_partition: dict[str, list[Row]] = {}
        for row in scores:
            if (row["source"], row["subject_kind"], row["subject_id"]) in affected:
                day = days[(row["source"], row["subject_id"])]
                by_partition.setdefault(f"scores/source={row['source']}/day={day}", []).append(row)
            else:
                counts["scores"].unchanged += 1
        for partition, rows in by_partition.items():
            old = self._read(partition, pa)
            subjects = {row["subject_id"] for row in rows}
            before = {}
            if old is not None:
                for kept in old.filter(
                    _compute().is_in(
                        old.column("subject_id"), _values(pa, old, "subject_id", subjects)
                    )
                ).to_pylist():
                    kept["source"] = rows[0]["source"]
                    before[score_key(kept)] = kept
            for row in rows:
                was = before.get(score_key(row))
                if was is None:
                    counts["scores"].new += 1
                elif any(was.get(name) != row.get(name) for name in sql.SCORE_VALUES):
                    counts["scores"].updated += 1
                else:
                    counts["scores"].unchanged += 1
            self._stage(partition, "scores", old, "subject_id", subjects, rows, generation, pa)
            written[partition] = generation
        if written:
            self._state["generation"] = generation
        return counts, written

    def _read(self, partition: str, pa: Any) -> Any:
        generation = self._state["partitions"].get(partition)
        if generation is None:
            return None
        parquet = require("pyarrow.parquet", "parquet")
        # ParquetFile, not read_table: that goes through pyarrow.dataset, which imports pandas
        return parquet.ParquetFile(self.folder / partition / _file(generation)).read()

    def _stage(
        self, partition: str, table: str, old: Any, key: str, replaced: set[Any],
        rows: list[Row], generation: int, pa: Any,
    ) -> None:  # fmt: skip
        """The partition's next file, under a hidden name: the old rows but the replaced,
        then the new and changed ones."""
        parquet = require("pyarrow.parquet", "parquet")
        schema = _file_schema(table, pa)
        new = table_of(pa, rows, arrow_schema(table, pa)).select(schema.names)
        parts = [new]
        if old is not None:
            keep = _compute().invert(
                _compute().is_in(old.column(key), _values(pa, old, key, replaced))
            )
            parts.insert(0, old.filter(keep).cast(schema))
        folder = self.folder / partition
        folder.mkdir(parents=True, exist_ok=True)
        parquet.write_table(pa.concat_tables(parts), folder / f".{_file(generation)}.tmp")


def read_state(path: Path) -> dict[str, Any]:
    """The dataset's state file (a new one when there is none); a damaged one is a
    ConfigError naming it, never a guess that would rewrite the partitions it names."""
    if not path.exists():
        return {"generation": 0, "sources": {}, "partitions": {}}
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
        if not (
            isinstance(state, dict)
            and isinstance(state.get("generation"), int)
            and isinstance(state.get("sources"), dict)
            and isinstance(state.get("partitions"), dict)
        ):
            raise ValueError("it is not the object a sync writes")
        for found in state["sources"].values():
            State.from_row(tuple(found[name] for name in STATE_COLUMNS))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ConfigError(
            f"the dataset's sync state {str(path)!r} is damaged ({type(exc).__name__}: "
            f"{str(exc)[:200]}); restore it from a backup, or sync into a new folder"
        ) from None
    return state


def _file(generation: int) -> str:
    return f"part-{generation:06d}.parquet"


def _file_schema(table: str, pa: Any) -> Any:
    """A table's columns in its files: all but `source`, which the folder names."""
    schema = arrow_schema(table, pa)
    return schema.remove(schema.get_field_index("source"))


def _by_partition(
    rows: list[Row], days: dict[tuple[Any, Any], str]
) -> dict[tuple[str, str], list[Row]]:
    grouped: dict[tuple[str, str], list[Row]] = {}
    for row in rows:
        day = _day(row.get("start_time"))
        days[(row["source"], row["source_id"])] = day
        grouped.setdefault((row["source"], day), []).append(row)
    return grouped


class DatasetQuery:
    """SQL over a dataset folder: DuckDB in memory, with the tables and views over its files."""

    def __init__(self, folder: str | os.PathLike[str]):
        self.folder = Path(os.fspath(folder))
        self._connection: Any = None

    def open(self) -> None:
        duckdb = require("duckdb", "duckdb")
        if not (self.folder / STATE_FILE).is_file():
            raise ConfigError(
                f"{str(self.folder)!r} is not a dataset tracebridge synced (it has no "
                f"{STATE_FILE}): run `tracebridge sync --to {self.folder}` first"
            )
        # a damaged state is named, not read as empty; only the generations it names are
        # read (never a step's files that were not committed, nor a user's own)
        partitions = read_state(self.folder / STATE_FILE)["partitions"]
        self._connection = connection = duckdb.connect()
        connection.execute("SET TimeZone = 'UTC'")
        for table in TABLES:
            files = sorted(
                str(self.folder / partition / _file(generation))
                for partition, generation in partitions.items()
                if partition.startswith(f"{table}/")
                and (self.folder / partition / _file(generation)).is_file()
            )
            if files:
                listed = ", ".join("'" + file.replace("'", "''") + "'" for file in files)
                names = ", ".join(name for name, _ in TABLES[table])
                connection.execute(
                    f"CREATE VIEW {table} AS SELECT {names} FROM read_parquet([{listed}], "
                    "hive_partitioning = true)"
                )
            else:
                from .sql import DUCKDB, create_tables

                connection.execute(create_tables(DUCKDB)[list(TABLES).index(table)])
        for statement in sql.create_views():
            connection.execute(statement)

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()

    def query(self, statement: str) -> tuple[list[str], list[tuple[Any, ...]]]:
        from .database import duckdb_query

        return duckdb_query(self._connection, statement)


def _values(pa: Any, table: Any, name: str, values: set[Any]) -> Any:
    """The values as an array of the table's column type, to look them up in it (built
    without `pa.array`, which imports pandas: see `export.arrow_rows`)."""
    return column(pa, sorted(values), table.column(name).type)


def _compute() -> Any:
    """pyarrow.compute, imported here: `pa.compute` is there only when something else
    imported it first (pandas or pyarrow.dataset did, before the exports stopped loading them)."""
    return require("pyarrow.compute", "parquet")
