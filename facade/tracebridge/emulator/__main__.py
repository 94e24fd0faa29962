"""python -m tracebridge.emulator: serve the emulator in the foreground."""

from __future__ import annotations

import argparse
import contextlib
import socket
import sys

from . import Emulator, Sizes, run
from .data import GALILEO_LOG_STREAM_ID, GALILEO_PROJECT_ID, SEED_TRACE_EXPERIMENT


def main(argv: list[str] | None = None) -> int:
    defaults = Sizes()
    parser = argparse.ArgumentParser(prog="python -m tracebridge.emulator", description=__doc__)
    parser.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)"
    )
    parser.add_argument(
        "--port", type=int, default=8765, help="port (default: 8765; 0 for any free port)"
    )
    parser.add_argument("--seed", type=int, default=0, help="data seed (default: 0)")
    parser.add_argument("--experiments", type=int, default=defaults.experiments)
    parser.add_argument("--traces", type=int, default=defaults.traces, help="traces per experiment")
    parser.add_argument("--dataset-spans", type=int, default=defaults.dataset_spans)
    parser.add_argument("--org-spans", type=int, default=defaults.org_spans)
    parser.add_argument("--org-traces", type=int, default=defaults.org_traces)
    parser.add_argument("--galileo-traces", type=int, default=defaults.galileo_traces)
    parser.add_argument("--latency", type=float, default=0.0, help="seconds added to each request")
    parser.add_argument(
        "--rate-limit", type=int, default=None, help="requests per minute per service"
    )
    args = parser.parse_args(argv)
    sizes = Sizes(
        experiments=args.experiments,
        traces=args.traces,
        dataset_spans=args.dataset_spans,
        org_spans=args.org_spans,
        org_traces=args.org_traces,
        galileo_traces=args.galileo_traces,
    )
    emulator = Emulator(seed=args.seed, sizes=sizes)
    emulator.controls.latency = args.latency
    emulator.controls.rate_limit = args.rate_limit

    def announce(url: str) -> None:
        print(f"tracebridge emulator on {url}")
        print(f"  RESPAN_API_KEY={emulator.respan_key}   RESPAN_BASE_URL={url}")
        print(f"  GALILEO_API_KEY={emulator.galileo_key}   GALILEO_API_URL={url}")
        print(f"  try: Respan experiment {SEED_TRACE_EXPERIMENT}")
        print(f"       Galileo project {GALILEO_PROJECT_ID}, log stream {GALILEO_LOG_STREAM_ID}")
        print("  knobs: /_emulator/config, /_emulator/faults, /_emulator/requests (Ctrl-C stops)")
        sys.stdout.flush()

    if (problem := _cannot_listen(args.host, args.port)) is not None:
        print(f"error: cannot listen on {args.host}:{args.port}: {problem}", file=sys.stderr)
        return 2
    with contextlib.suppress(KeyboardInterrupt):
        run(emulator, host=args.host, port=args.port, announce=announce)
    return 0


def _cannot_listen(host: str, port: int) -> str | None:
    """Why the address cannot be listened on (in use, not ours), or None: found before the
    server starts, so the answer is one line rather than a server's traceback."""
    try:
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind((host, port))
    except OSError as exc:
        return exc.strerror or str(exc)
    return None


if __name__ == "__main__":
    sys.exit(main())
