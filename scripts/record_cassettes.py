#!/usr/bin/env python3
"""Record the VCR cassettes that tests/replay replays offline.

    python scripts/record_cassettes.py           record from a fresh emulator on 127.0.0.1
    python scripts/record_cassettes.py --real    record from the real services; needs
        RESPAN_API_KEY and GALILEO_API_KEY, and the ids to use: RESPAN_EXPERIMENT_ID,
        RESPAN_DATASET_ID, GALILEO_PROJECT_ID, GALILEO_LOG_STREAM_ID
        (RESPAN_BASE_URL / GALILEO_API_URL override the hosts)

Hosts are rewritten to placeholders and every credential (auth headers of any case,
cookies, api_key-style query values) is removed before a cassette is written; volatile
headers (Date, Server) go too, so recording the emulator twice gives the same files.
Scenarios that need a knob only the emulator has (a forced 429) are skipped with --real.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.replay.scenarios import CASSETTES, MANIFEST, SCENARIOS, Scrubber, Target, recorder  # noqa: E402

EMULATOR_SIZES = {"experiments": 4, "traces": 60, "dataset_spans": 40, "galileo_traces": 25}
REAL_ENV = ("RESPAN_API_KEY", "GALILEO_API_KEY", "RESPAN_EXPERIMENT_ID", "RESPAN_DATASET_ID",
            "GALILEO_PROJECT_ID", "GALILEO_LOG_STREAM_ID")  # fmt: skip


@contextmanager
def emulator_target() -> Iterator[tuple[Target, object]]:
    from tracebridge.emulator import Emulator, Fault, Sizes, serve
    from tracebridge.emulator.data import (
        GALILEO_LOG_STREAM_ID,
        GALILEO_PROJECT_ID,
        SEED_DATASET,
        SEED_TRACE_EXPERIMENT,
    )

    emulator = Emulator(seed=0, sizes=Sizes(**EMULATOR_SIZES))
    with serve(emulator) as running:
        target = Target(
            respan_url=running.base_url,
            galileo_url=running.base_url,
            respan_key=running.respan_key,
            galileo_key=running.galileo_key,
            experiment_id=SEED_TRACE_EXPERIMENT,
            dataset_id=SEED_DATASET,
            project_id=GALILEO_PROJECT_ID,
            log_stream_id=GALILEO_LOG_STREAM_ID,
        )
        yield target, lambda: emulator.inject(Fault("status", status=429, retry_after=30))


def real_target() -> Target:
    missing = [name for name in REAL_ENV if not os.environ.get(name)]
    if missing:
        raise SystemExit(f"--real needs these environment variables: {', '.join(missing)}")
    respan_url = (
        os.environ.get("RESPAN_BASE_URL", "https://api.respan.ai").rstrip("/").removesuffix("/api")
    )
    galileo_url = os.environ.get("GALILEO_API_URL", "https://api.galileo.ai").rstrip("/")
    return Target(
        respan_url=respan_url,
        galileo_url=galileo_url,
        respan_key=os.environ["RESPAN_API_KEY"],
        galileo_key=os.environ["GALILEO_API_KEY"],
        experiment_id=os.environ["RESPAN_EXPERIMENT_ID"],
        dataset_id=os.environ["RESPAN_DATASET_ID"],
        project_id=os.environ["GALILEO_PROJECT_ID"],
        log_stream_id=os.environ["GALILEO_LOG_STREAM_ID"],
    )


def record(target: Target, force_429: object | None, out: Path) -> dict[str, object]:
    out.mkdir(parents=True, exist_ok=True)
    vcr = recorder(Scrubber(target.respan_url, target.galileo_url))
    observed: dict[str, object] = {}
    for scenario in SCENARIOS:
        if scenario.emulator_only and force_429 is None:
            print(f"skip   {scenario.name} (needs the emulator)")
            continue
        if scenario.emulator_only:
            force_429()  # type: ignore[operator]
        path = out / f"{scenario.name}.yaml"
        path.unlink(missing_ok=True)
        with vcr.use_cassette(str(path), record_mode="all"):
            observed[scenario.name] = scenario.run(target)
        print(f"wrote  {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
    return observed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--real", action="store_true", help="record from the real services")
    parser.add_argument("--out", type=Path, default=CASSETTES, help="folder for the cassettes")
    args = parser.parse_args(argv)
    if args.real:
        target = real_target()
        observed = record(target, None, args.out)
    else:
        with emulator_target() as (target, force_429):
            observed = record(target, force_429, args.out)
    manifest = {
        "source": "real" if args.real else "emulator",
        "ids": target.ids(),
        "observed": observed,
    }
    manifest_path = args.out / MANIFEST.name
    manifest_path.write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    print(f"wrote  {manifest_path.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
