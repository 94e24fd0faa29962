"""A real PostgreSQL server for the sync tests, started by the tests in a temporary folder
(CI installs the server from Debian's packages; `.ci/run` sets TRACEBRIDGE_REQUIRE_POSTGRES so
that there it may not skip)."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest


def _server_bin() -> Path | None:
    found = shutil.which("initdb")
    if found:
        return Path(found).parent
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), reverse=True)
    return Path(versions[0]).parent if versions else None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _start(binaries: Path, data: Path, run_as: list[str]) -> int:
    """Start the server on a free port; the port it listens on. A port another process took
    between our look and the server's bind (several test processes start servers at once)
    is tried again with another; a server that still does not start says why."""
    for _ in range(3):
        port = _free_port()
        options = f"-p {port} -k {data} -c listen_addresses=127.0.0.1 -c fsync=off"
        started = subprocess.run(
            [*run_as, str(binaries / "pg_ctl"), "-D", str(data), "-o", options, "-w", "-t", "120",
             "-l", str(data / "server.log"), "start"],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        if started.returncode == 0:
            return port
    log = data / "server.log"
    told = log.read_text(errors="replace")[-2000:] if log.exists() else ""
    raise RuntimeError(f"PostgreSQL did not start:\n{started.stdout}{started.stderr}\n{told}")


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """The URL of a PostgreSQL server of our own (no database named: tests make theirs)."""
    binaries = _server_bin()
    required = os.environ.get("TRACEBRIDGE_REQUIRE_POSTGRES") == "1"
    if binaries is None:
        if required:
            pytest.fail("no PostgreSQL server (initdb) is installed")
        pytest.skip("no PostgreSQL server (initdb) is installed here; CI installs one")
    # a folder of its own in the system's temporary folder: pytest's is closed to other users
    home = Path(tempfile.mkdtemp(prefix="tracebridge-pg-"))
    data = home / "data"
    data.mkdir()
    run_as: list[str] = []
    if os.geteuid() == 0:  # the server refuses to run as root: as the postgres user
        shutil.chown(home, "postgres")
        shutil.chown(data, "postgres")
        run_as = ["runuser", "-u", "postgres", "--"]
    subprocess.run(
        [*run_as, str(binaries / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres"],
        check=True,
        capture_output=True,
    )
    port = _start(binaries, data, run_as)
    try:
        yield f"postgresql://postgres@127.0.0.1:{port}"
    finally:
        subprocess.run(
            [*run_as, str(binaries / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
            capture_output=True,
        )
        shutil.rmtree(home, ignore_errors=True)


@pytest.fixture
def postgres_url(postgres_server: str) -> str:
    """A new empty database on the test server."""
    psycopg = pytest.importorskip("psycopg")
    name = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(f"{postgres_server}/postgres", autocommit=True) as connection:
        connection.execute(f"CREATE DATABASE {name}")
    return f"{postgres_server}/{name}"


TARGETS = ["duckdb", "postgres", "dataset"]


@pytest.fixture(params=TARGETS)
def target(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Where to sync, as the command line names it: each test runs on every target."""
    if request.param == "duckdb":
        return str(tmp_path / "copy.duckdb")
    if request.param == "postgres":
        return str(request.getfixturevalue("postgres_url"))
    return str(tmp_path / "dataset")
