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
from ..errors import ConfigError, ExportWriteError, TargetConnectionError
from ..export.arrow_rows import table_of
from ..schema import TABLES, columns
from ..schema.write import arrow_schema
from . import sql
from .batch import SUBJECT_TABLES, Batch, Counts, counts_by_table
from .state import STATE_COLUMNS, STATE_TABLE, State

DEFAULT_DATABASE = "tracebridge.duckdb"
SYNC_LOCK_KEY = 0x7472_6163_6562_7267  # pg_try_advisory_lock's key for syncs ("tracebrg")


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
        self._lock()
        try:
            self._connection = self._connect()
            self._hold()
            with self._transaction():
                for statement in [*sql.create_tables(self.dialect), *sql.create_views()]:
                    self._execute(statement)
        except BaseException:
            self.close()
            raise

    def _lock(self) -> None:  # noqa: B027 - a hook: most targets need none
        """Before connecting: a lock this process takes for the whole sync (see `lock`)."""

    def _hold(self) -> None:  # noqa: B027 - a hook: most targets need none
        """Once connected: a lock the database holds for the whole sync."""

    def _unlock(self) -> None:  # noqa: B027 - a hook: most targets need none
        """After closing: release what `_lock` took."""

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None
        self._unlock()

    def __enter__(self) -> DatabaseTarget:
        self.open()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def load_state(self, query: str) -> State | None:
        found = self._execute(
            f"SELECT {', '.join(STATE_COLUMNS)} FROM {STATE_TABLE} WHERE query = %s", (query,)
        )
        if not found:
            return None
        try:
            return State.from_row(found[0])
        except (ValueError, TypeError, KeyError) as exc:
            raise ConfigError(
                f"the sync state of {found[0][2]!r} in {STATE_TABLE} of {self!r} is damaged "
                f"({type(exc).__name__}: {str(exc)[:200]}); delete that row to sync the source "
                "again from its beginning"
            ) from None

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
        self._file_lock: Any = None

    def __repr__(self) -> str:
        return f"DuckDBTarget({self.path!r})"

    def _lock(self) -> None:
        """DuckDB refuses a second process itself; this lock also refuses a second sync of
        the same file in this process. It lives in the temporary folder, named by the
        database's real path, so nothing is left beside the user's file."""
        import hashlib
        import tempfile
        from pathlib import Path

        from .lock import TargetLock

        real = os.path.realpath(self.path)
        digest = hashlib.sha256(real.encode()).hexdigest()[:24]
        folder = Path(tempfile.gettempdir()) / f"tracebridge-locks-{os.getuid()}"
        folder.mkdir(mode=0o700, exist_ok=True)
        self._file_lock = TargetLock(folder / f"{digest}.lock", repr(self.path))
        self._file_lock.acquire()

    def _unlock(self) -> None:
        if self._file_lock is not None:
            self._file_lock.release()
            self._file_lock = None

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

    def __init__(self, url: str, *, read_only: bool = False):
        super().__init__()
        self.url = url
        self.read_only = read_only

    def __repr__(self) -> str:
        return f"PostgresTarget({redact_url(self.url)!r})"

    def open(self) -> None:
        if self.read_only:  # for queries: no tables made, no lock taken
            self._connection = self._connect()
        else:
            super().open()

    def _hold(self) -> None:
        """A session-level advisory lock: one sync per database at a time, released when
        the connection closes (even when the process is killed)."""
        ((held,),) = self._execute("SELECT pg_try_advisory_lock(%s)", (SYNC_LOCK_KEY,))
        if not held:
            raise ConfigError(
                f"another sync is writing {redact_url(self.url)} now; wait for it to end"
            )

    def _connect(self) -> Any:
        psycopg = require("psycopg", "postgres")
        try:
            connection = psycopg.connect(self.url, autocommit=True)
        except (psycopg.Error, ValueError) as exc:  # ValueError: psycopg's own URL parsing
            message = scrubbed(first_line(exc), self.url)
            where = redact_url(self.url)
            if _refused(message):  # the server said no: the URL (user, password, db) is wrong
                raise ConfigError(f"cannot connect to {where}: {message}") from None
            raise TargetConnectionError(f"cannot reach {where}: {message}") from None
        connection.execute("SET TimeZone = 'UTC'")
        return connection

    def _execute(self, statement: str, parameters: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        psycopg = require("psycopg", "postgres")
        try:
            cursor = self._connection.execute(statement, parameters or None)
        except psycopg.Error as exc:
            where = redact_url(self.url)
            message = scrubbed(first_line(exc), self.url)
            if isinstance(exc, psycopg.OperationalError):  # the connection went away
                raise TargetConnectionError(f"lost {where}: {message}") from None
            raise ExportWriteError(f"could not write to {where}: {message}") from None
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
        """One statement, in a read-only transaction that is rolled back, sent as a prepared
        statement (which holds one statement only: no `COMMIT; DELETE ...` after it)."""
        psycopg = require("psycopg", "postgres")
        try:
            self._connection.execute("BEGIN READ ONLY")
            try:
                cursor = self._connection.execute(statement, prepare=True)
                names = [column.name for column in cursor.description or ()]
                rows = cursor.fetchall() if cursor.description else []
            finally:
                self._connection.execute("ROLLBACK")
        except psycopg.Error as exc:
            raise ConfigError(f"the query failed: {first_line(exc)}") from None
        return names, rows


READ_STATEMENTS = ("SELECT", "EXPLAIN")


def duckdb_query(connection: Any, statement: str) -> tuple[list[str], list[tuple[Any, ...]]]:
    """One statement on a DuckDB connection: its column names and rows; a failure is a
    ConfigError naming it in one line. Only one statement that reads (SELECT, EXPLAIN) is
    run: a query never changes the copy (a deleted row would not come back, as the
    watermark has passed it) nor writes a file elsewhere (COPY ... TO)."""
    duckdb = require("duckdb", "duckdb")
    try:
        statements = connection.extract_statements(statement)
    except duckdb.Error as exc:
        raise ConfigError(f"the query failed: {first_line(exc)}") from None
    if len(statements) != 1:
        raise ConfigError(f"give one SQL statement, not {len(statements)}")
    kind = statements[0].type.name
    if kind not in READ_STATEMENTS:
        raise ConfigError(
            f"tracebridge sql only reads: a {kind} statement is refused (the copy changes "
            "only by `tracebridge sync`)"
        )
    try:
        cursor = connection.execute(statement)
    except duckdb.Error as exc:
        raise ConfigError(f"the query failed: {first_line(exc)}") from None
    if not cursor.description:
        return [], []
    return [column[0] for column in cursor.description], cursor.fetchall()


REFUSALS = ("authentication failed", "does not exist", "no password supplied", "invalid",
            "permission denied", "not permitted", "no pg_hba.conf entry")  # fmt: skip


def _refused(message: str) -> bool:
    """Whether a connection failure is the server's answer to what was given (exit 2),
    rather than a server that could not be reached (exit 4)."""
    lowered = message.lower()
    return any(word in lowered for word in REFUSALS)


def first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


# The connection parameters that carry a secret (libpq's keywords), in a URL's query or a
# key=value connection string.
SECRET_PARAMETERS = frozenset({"password", "sslpassword", "sslkey", "passfile"})


def redact_url(url: str) -> str:
    """A connection URL without its password, in any form libpq takes one: `user:pw@host`,
    `?password=...` (and `sslpassword`), or a `key=value` connection string."""
    import re
    from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

    if "://" not in url:  # a key=value connection string
        return re.sub(
            r"(?i)\b(" + "|".join(SECRET_PARAMETERS) + r")\s*=\s*('(?:[^'\\]|\\.)*'|\S*)",
            lambda found: f"{found.group(1)}=***",
            url,
        )
    try:
        parts = urlsplit(url)
        password, username, _ = parts.password, parts.username, parts.port
    except ValueError:  # a port that is not a number...: nothing of it is shown
        return "postgresql://***"
    netloc = parts.netloc
    if password is not None or "@" in netloc:
        host = netloc.rsplit("@", 1)[1]
        user = f"{username}:***" if password is not None else (username or "")
        netloc = f"{user}@{host}" if user else host
    query = parts.query
    if query:
        pairs = parse_qsl(query, keep_blank_values=True)
        if any(key.lower() in SECRET_PARAMETERS for key, _ in pairs):
            hidden = [(k, "***" if k.lower() in SECRET_PARAMETERS else v) for k, v in pairs]
            query = urlencode(hidden, safe="*")
    return urlunsplit(parts._replace(netloc=netloc, query=query))


def secrets_of(url: str) -> list[str]:
    """The secret values a connection URL or string carries (to scrub from messages)."""
    from urllib.parse import parse_qsl, unquote, urlsplit

    found: list[str] = []
    try:
        parts = urlsplit(url)
        if parts.password:
            found += [parts.password, unquote(parts.password)]
        found += [
            value
            for key, value in parse_qsl(parts.query, keep_blank_values=True)
            if key.lower() in SECRET_PARAMETERS and value
        ]
        for pair in parts.query.split("&"):  # as written too, percent-encoded
            key, _, value = pair.partition("=")
            if unquote(key).lower() in SECRET_PARAMETERS and value:
                found.append(value)
    except ValueError:
        pass
    return sorted({secret for secret in found if secret}, key=len, reverse=True)


def scrubbed(text: str, url: str) -> str:
    """`text` with the URL shown redacted and every secret it carries replaced."""
    text = text.replace(url, redact_url(url))
    for secret in secrets_of(url):
        text = text.replace(secret, "***")
    return text
