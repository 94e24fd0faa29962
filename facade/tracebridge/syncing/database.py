"""The two database targets, DuckDB (a file, the default) and PostgreSQL (a connection URL):
the same tables, views and upsert (see `sql`), each page applied in one transaction with the
source's state, so a sync killed at any point leaves whole pages and the state that goes
with them."""

from __future__ import annotations

import contextlib
import os
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Mapping
from datetime import datetime
from typing import Any

from .._optional import require
from ..errors import ConfigError, ExportWriteError
from ..export.arrow_rows import table_of
from ..schema import TABLES, columns
from ..schema.write import arrow_schema
from . import sql
from .batch import SUBJECT_TABLES, Batch, Counts, counts_by_table
from .state import STATE_COLUMNS, STATE_TABLE, State

DEFAULT_DATABASE = "tracebridge.duckdb"


class DatabaseTarget(ABC):
    """What both databases share; subclasses connect, stage a page and run statements."""

    dialect: sql.Dialect
    kind = "database"

    def __init__(self) -> None:
        self._connection: Any = None

    # -- what each database does its own way ------------------------------------------------

    @abstractmethod
    def _connect(self) -> Any: ...

    @abstractmethod
    def _execute(
        self, statement: str, parameters: tuple[Any, ...] = ()
    ) -> list[tuple[Any, ...]]: ...

    @abstractmethod
    def _transaction(self) -> contextlib.AbstractContextManager[None]: ...

    @abstractmethod
    def _stage(self, batch: Batch) -> None: ...

    def _unstage(self) -> None:
        for table in TABLES:
            self._execute(f"DROP TABLE {sql.staged(table)}")

    # -- the shared part ---------------------------------------------------------------------

    def open(self) -> None:
        self._connection = self._connect()
        with self._transaction():
            for statement in [*sql.create_tables(self.dialect), *sql.create_views()]:
                self._execute(statement)

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def __enter__(self) -> DatabaseTarget:
        self.open()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def load_state(self, query: str) -> State | None:
        found = self._execute(
            f"SELECT {', '.join(STATE_COLUMNS)} FROM {STATE_TABLE} WHERE query = %s", (query,)
        )
        return State.from_row(found[0]) if found else None

    def save_state(self, state: State) -> None:
        with self._transaction():
            self._write_state(state)

    def _write_state(self, state: State) -> None:
        delete, insert = sql.save_state()
        self._execute(delete, (state.query,))
        self._execute(insert, state.row())

    def apply(self, batch: Batch, state: State) -> dict[str, Counts]:
        """Upsert a page's rows and, when any row was written, the state with them."""
        if not len(batch):
            return counts_by_table()
        with self._transaction():
            self._stage(batch)
            sizes = {table: len(rows) for table, rows in batch.tables.items()}
            return self._upsert(lambda: state, sizes)

    def _upsert(
        self, state: Callable[[], State], sizes: dict[str, int], bounded: bool = False
    ) -> dict[str, Counts]:
        """Apply the staged tables (inside a transaction), of `sizes` rows each; `state()`
        is written with them when any row was. `bounded`: the staged rows' start never
        changes (see `sql.classify`)."""
        counts = counts_by_table()
        replaced = written = 0
        for table in SUBJECT_TABLES:
            bounds = self._bounds(table) if bounded else None
            self._execute(
                f"CREATE TEMP TABLE {sql.changed(table)} AS {sql.classify(table, bounds)}"
            )
            ((new, changed),) = self._execute(
                f"SELECT count(*) FILTER (WHERE is_new), count(*) FILTER (WHERE NOT is_new) "
                f"FROM {sql.changed(table)}"
            )
            counts[table] = Counts(int(new), int(changed), sizes[table] - int(new) - int(changed))
            written += counts[table].written
            replaced += int(changed)
        if written:
            for name, new in ((sql.FRESH, True), (sql.REPLACED, False)):
                self._execute(f"CREATE TEMP TABLE {name} AS {sql.subjects(new)}")
            ((fresh,),) = self._execute(sql.count_fresh_scores())
            new_scores, changed_scores = int(fresh), 0
            if replaced:
                ((new, changed),) = self._execute(sql.count_replaced_scores())
                new_scores, changed_scores = new_scores + int(new), int(changed)
            counts["scores"] = Counts(
                new_scores, changed_scores, sizes["scores"] - new_scores - changed_scores
            )
            for table in SUBJECT_TABLES:
                for statement in sql.replace_subjects(table, replaced=bool(replaced)):
                    self._execute(statement)
            for statement in sql.replace_scores(replaced=bool(replaced)):
                self._execute(statement)
            self._write_state(state())
            for name in (sql.FRESH, sql.REPLACED):
                self._execute(f"DROP TABLE {name}")
        else:
            counts["scores"] = Counts(unchanged=sizes["scores"])
        for table in SUBJECT_TABLES:
            self._execute(f"DROP TABLE {sql.changed(table)}")
        self._unstage()
        return counts

    def _bounds(self, table: str) -> tuple[str, str] | None:
        """The staged rows' first and last start as literals; None when one has no start."""
        ((first, last, missing),) = self._execute(
            f"SELECT min(start_time), max(start_time), count(*) FILTER (WHERE start_time IS NULL) "
            f"FROM {sql.staged(table)}"
        )
        if first is None or missing:
            return None
        return f"TIMESTAMPTZ '{first.isoformat()}'", f"TIMESTAMPTZ '{last.isoformat()}'"

    @abstractmethod
    def query(self, statement: str) -> tuple[list[str], list[tuple[Any, ...]]]:
        """Run one SQL statement; its column names and rows."""


class DuckDBTarget(DatabaseTarget):
    """A DuckDB database file (created when missing); pages are staged as Arrow tables."""

    dialect = sql.DUCKDB

    def __init__(
        self,
        path: str | os.PathLike[str] = DEFAULT_DATABASE,
        *,
        read_only: bool = False,
        memory_limit: str = "128MB",
    ):
        super().__init__()
        self.path = os.fspath(path)
        self.read_only = read_only
        self.memory_limit = memory_limit
        self._registered = False  # the staged tables are a page's Arrow tables, registered

    def __repr__(self) -> str:
        return f"DuckDBTarget({self.path!r})"

    def _connect(self) -> Any:
        duckdb = require("duckdb", "duckdb")
        if self.read_only and not os.path.exists(self.path):
            raise ConfigError(f"no database at {self.path!r}: run `tracebridge sync` first")
        try:
            connection = duckdb.connect(self.path, read_only=self.read_only)
        except duckdb.IOException as exc:
            raise ConfigError(f"cannot open {self.path!r}: {exc}") from None
        connection.execute("SET TimeZone = 'UTC'")
        # a small bounded cache: memory stays flat however large the database grows (it spills)
        connection.execute(f"SET memory_limit = '{self.memory_limit}'")
        return connection

    def open(self) -> None:
        if self.read_only:
            self._connection = self._connect()
        else:
            super().open()

    def _execute(self, statement: str, parameters: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        duckdb = require("duckdb", "duckdb")
        try:
            cursor = self._connection.execute(statement.replace("%s", "?"), parameters)
        except duckdb.Error as exc:
            raise ExportWriteError(f"could not write to {self.path!r}: {first_line(exc)}") from None
        return cursor.fetchall() if cursor.description else []

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        self._connection.begin()
        try:
            yield
        except BaseException:
            self._connection.rollback()
            raise
        self._connection.commit()

    def _stage(self, batch: Batch) -> None:
        """The page's rows as Arrow tables, which DuckDB reads in place as the staged
        tables."""
        pa = require("pyarrow", "duckdb")
        for table in TABLES:
            arrow = table_of(pa, batch.rows(table), arrow_schema(table, pa))
            self._connection.register(sql.staged(table), arrow)
        self._registered = True

    def _unstage(self) -> None:
        if self._registered:
            for table in TABLES:
                self._connection.unregister(sql.staged(table))
            self._registered = False
        else:
            super()._unstage()

    def query(self, statement: str) -> tuple[list[str], list[tuple[Any, ...]]]:
        return duckdb_query(self._connection, statement)

    def apply_records(
        self,
        path: str,
        context: Mapping[str, Any],
        checkpoint: Callable[[datetime | None], State],
    ) -> tuple[dict[str, Counts], datetime | None]:
        """Upsert a file of Galileo records, mapped by DuckDB itself (`galileo_sql`), with
        `checkpoint(last position)` as the state; the counts and that position."""
        from .galileo_sql import stage_records

        with self._transaction():
            stage_records(self._execute, path, context)
            sizes = {}
            for table in TABLES:
                ((sizes[table],),) = self._execute(f"SELECT count(*) FROM {sql.staged(table)}")
            ((last,),) = self._execute(
                f"SELECT max(start_time) FROM (SELECT start_time FROM {sql.staged('traces')} "
                f"UNION ALL SELECT start_time FROM {sql.staged('spans')})"
            )
            return self._upsert(lambda: checkpoint(last), sizes, bounded=True), last


class PostgresTarget(DatabaseTarget):
    """A PostgreSQL database by URL; pages are staged with COPY into temporary tables."""

    dialect = sql.POSTGRES

    def __init__(self, url: str):
        super().__init__()
        self.url = url

    def __repr__(self) -> str:
        return f"PostgresTarget({redact_url(self.url)!r})"

    def _connect(self) -> Any:
        psycopg = require("psycopg", "postgres")
        try:
            connection = psycopg.connect(self.url, autocommit=True)
        except psycopg.OperationalError as exc:
            message = str(exc).replace(self.url, redact_url(self.url))
            raise ConfigError(
                f"cannot connect to {redact_url(self.url)}: {message.strip()}"
            ) from None
        connection.execute("SET TimeZone = 'UTC'")
        return connection

    def _execute(self, statement: str, parameters: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        psycopg = require("psycopg", "postgres")
        try:
            cursor = self._connection.execute(statement, parameters or None)
        except psycopg.Error as exc:
            where = redact_url(self.url)
            raise ExportWriteError(f"could not write to {where}: {first_line(exc)}") from None
        return cursor.fetchall() if cursor.description else []

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        with self._connection.transaction():
            yield

    def _stage(self, batch: Batch) -> None:
        for table in TABLES:
            names = columns(table)
            self._execute(f"CREATE TEMP TABLE {sql.staged(table)} (LIKE {table})")
            with (
                self._connection.cursor() as cursor,
                cursor.copy(f"COPY {sql.staged(table)} ({', '.join(names)}) FROM STDIN") as copy,
            ):
                for row in batch.rows(table):
                    copy.write_row(tuple(row.get(name) for name in names))

    def query(self, statement: str) -> tuple[list[str], list[tuple[Any, ...]]]:
        psycopg = require("psycopg", "postgres")
        try:
            cursor = self._connection.execute(statement)
        except psycopg.Error as exc:
            raise ConfigError(f"the query failed: {first_line(exc)}") from None
        if not cursor.description:
            return [], []
        return [column.name for column in cursor.description], cursor.fetchall()


def duckdb_query(connection: Any, statement: str) -> tuple[list[str], list[tuple[Any, ...]]]:
    """One statement on a DuckDB connection: its column names and rows; a failure is a
    ConfigError naming it in one line."""
    duckdb = require("duckdb", "duckdb")
    try:
        cursor = connection.execute(statement)
    except duckdb.Error as exc:
        raise ConfigError(f"the query failed: {first_line(exc)}") from None
    if not cursor.description:
        return [], []
    return [column[0] for column in cursor.description], cursor.fetchall()


def first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


def redact_url(url: str) -> str:
    """A connection URL without its password (for messages and reprs)."""
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    if parts.port:
        host = f"{host}:{parts.port}"
    netloc = f"{parts.username}:***@{host}" if parts.username else f"***@{host}"
    return urlunsplit(parts._replace(netloc=netloc))
