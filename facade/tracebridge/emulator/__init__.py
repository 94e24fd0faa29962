"""An emulator of Respan and Galileo: an ASGI app served on 127.0.0.1, for offline work,
tests, cassette recording and benchmarks. Needs the `emulator` extra.

    from tracebridge.emulator import serve

    with serve() as running:        # a free loopback port, in a background thread
        running.base_url, running.respan_key, running.galileo_key
        running.emulator.controls   # latency, rate limit, faults, request log

`python -m tracebridge.emulator --port 8765` serves it in the foreground.
"""

from .._optional import require

require("starlette", "emulator")
require("uvicorn", "emulator")

from .app import Emulator  # noqa: E402
from .control import Fault, Insertion  # noqa: E402
from .data import GALILEO_KEY, RESPAN_KEY, Sizes  # noqa: E402
from .server import Running, run, serve  # noqa: E402

__all__ = [
    "GALILEO_KEY",
    "RESPAN_KEY",
    "Emulator",
    "Fault",
    "Insertion",
    "Running",
    "Sizes",
    "run",
    "serve",
]
