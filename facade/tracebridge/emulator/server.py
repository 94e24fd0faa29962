"""Running the emulator: in a background thread (`serve`) or in the foreground (`run`)."""

from __future__ import annotations

import contextlib
import logging
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import uvicorn

from .app import Emulator
from .data import Sizes

LOOPBACK = "127.0.0.1"


@dataclass(frozen=True)
class Running:
    """A running emulator: where it listens, the keys it accepts, and its knobs."""

    base_url: str
    respan_key: str
    galileo_key: str
    emulator: Emulator

    @property
    def respan_url(self) -> str:
        return self.base_url

    @property
    def galileo_url(self) -> str:
        return self.base_url

    def __repr__(self) -> str:  # the keys are the emulator's own, but keep the habit
        return f"Running(base_url={self.base_url!r})"


def _bind(host: str, port: int) -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(2048)
    return sock


def _server(emulator: Emulator, log_level: str) -> uvicorn.Server:
    config = uvicorn.Config(
        emulator,
        log_level=log_level,
        access_log=False,
        lifespan="off",
        timeout_keep_alive=30,
    )
    return uvicorn.Server(config)


@contextlib.contextmanager
def serve(
    emulator: Emulator | None = None,
    *,
    port: int = 0,
    seed: int = 0,
    sizes: Sizes | None = None,
    log_level: str = "warning",
) -> Iterator[Running]:
    """Serve an emulator on 127.0.0.1 (a free port by default) while the block runs.

    with serve() as running:
        client = Respan(api_key=running.respan_key, base_url=running.base_url)
    """
    emulator = emulator or Emulator(seed=seed, sizes=sizes)
    sock = _bind(LOOPBACK, port)
    server = _server(emulator, log_level)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    # Injected connection resets are errors by design: keep them out of test output.
    logging.getLogger("uvicorn.error").setLevel(logging.CRITICAL)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            sock.close()
            raise RuntimeError("the emulator did not start")
        time.sleep(0.01)
    host, bound_port = sock.getsockname()[:2]
    try:
        yield Running(
            f"http://{host}:{bound_port}", emulator.respan_key, emulator.galileo_key, emulator
        )
    finally:
        emulator.controls.reset()  # ends answers held by `slow` faults, so shutdown is prompt
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


def run(
    emulator: Emulator,
    *,
    host: str = LOOPBACK,
    port: int = 8765,
    log_level: str = "warning",
    announce: Callable[[str], None] | None = None,
) -> None:
    """Serve in the foreground until interrupted; `announce` gets the URL once the server
    answers (so whoever reads it can use it, or interrupt it, at once)."""
    sock = _bind(host, port)
    bound_host, bound_port = sock.getsockname()[:2]
    server = _server(emulator, log_level)
    if announce is not None:
        url = f"http://{bound_host}:{bound_port}"

        def when_started() -> None:
            while not server.started and not server.should_exit:
                time.sleep(0.01)
            if server.started:
                announce(url)

        threading.Thread(target=when_started, name="emulator-announce", daemon=True).start()
    try:
        server.run(sockets=[sock])
    finally:
        sock.close()
