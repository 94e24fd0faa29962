"""Bugs mutmut cannot make, made by hand: does the suite notice them?

    .venv/bin/python scripts/hand_mutants.py                 # every mutant, the default tests
    .venv/bin/python scripts/hand_mutants.py --only 3,7      # some of them
    .venv/bin/python scripts/hand_mutants.py --list          # what each mutant changes

scripts/mutation.py runs mutmut, which makes its mutants itself but only of a few kinds: an
operator or comparison swapped, a number, string or boolean changed, an argument or a value
dropped or set to None. The bugs below are of the kinds it never makes: a statement removed
(a lock, a truncation, a redaction), a condition replaced by a constant, a value replaced by
another plausible one (a page one position late, the interval's tails halved, a key of
another variable, the file written straight into the target). Each is one edit of the
facade's source wherever its text occurs, made in place, tested with pytest stopping at the
first failure, and undone whatever happens. CI does not run this (minutes per missed mutant);
tests/test_hand_mutants.py checks that each still finds the code it changes.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FACADE = ROOT / "facade" / "tracebridge"
DEFAULT_TESTS = [
    "tests/facade", "tests/export", "tests/schema", "tests/reliability", "tests/cli", "tests/sync",
    "tests/compare",
]  # fmt: skip


@dataclass(frozen=True)
class Mutant:
    what: str
    file: str
    old: str
    new: str
    tests: tuple[str, ...] = ()  # the tests that should catch it (default: DEFAULT_TESTS)


MUTANTS = [
    Mutant("pages one position late", "pagination.py",
           "return PageRequest(self._start + index * step, self._page_size)",
           "return PageRequest(self._start + index * step + 1, self._page_size)"),
    Mutant("Galileo pages overlap by one row", "galileo.py",
           '"limit": request.size}', '"limit": request.size + 1}'),
    Mutant("repeats dropped without being counted", "pagination.py",
           "paging.repeated += 1", "pass"),
    Mutant("a walk short of the count is accepted", "pagination.py",
           "if whole and self._total is not None and gate.emitted < self._total:",
           "if False:"),
    Mutant("a page of repeats is not asked again", "pagination.py",
           "if gate.only_repeats(result.rows, kept):  # a stale or duplicated page: ask again",
           "if False:"),
    Mutant("an unsafe POST is retried", "transport.py",
           'return condition is None or not _holds(request, condition)',
           "return True"),
    Mutant("the bucket refills past its burst", "transport.py",
           "self._tokens = min(float(self.burst), ", "self._tokens = min(float(self.burst + 1), "),
    Mutant("the stream's retries are not counted with the transport's", "transport.py",
           "budget = request.extensions.get(BUDGET_EXTENSION) or RetryBudget()",
           "budget = RetryBudget()"),
    Mutant("no frozen window for experiment traces", "respan.py",
           'window = {"end_time": datetime.now(UTC)}', "window = {}"),
    Mutant("<= sent as <", "filters/respan.py", '("le", False): "lte",', '("le", False): "lt",'),
    Mutant("!= sent as =", "filters/respan.py", '("ne", False): "not",', '("ne", False): "",'),
    Mutant("the final file written straight into the target", "export/pipeline.py",
           "WRITERS[self.format](self.files.part, self._kept_rows(), columns, self.seen)\n"
           "                self.output.publish(self.files.part)",
           "WRITERS[self.format](self.target, self._kept_rows(), columns, self.seen)"),
    Mutant("no lock on the target", "export/output.py",
           "fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)", "pass"),
    Mutant("an existing file is replaced without asking", "export/output.py",
           "        if self.path.exists():\n            raise ConfigError(",
           "        if False:\n            raise ConfigError("),
    Mutant("a resumed work file is not cut back to its checkpoint", "export/pipeline.py",
           "            truncate(path, self.state[size])", "            pass"),
    Mutant("a dotted key overwrites a nested one", "export/flatten.py",
           "flat[own] = value  # a dotted key", "flat[name] = value  # a dotted key"),
    Mutant("an echoed key is not redacted", "errors.py",
           "text = text.replace(secret, REDACTED)", "pass"),
    Mutant("dot-segment ids are sent", "respan.py",
           'if value in (".", "..") or len(value) > MAX_ID_CHARS:', "if False:"),
    Mutant("a login page is saved as an export", "export/stream.py",
           "if not isinstance(record, dict):\n            raise", "if False:\n            raise"),
    Mutant("a short export is accepted whatever the count", "export/stream.py",
           "    if count is not None and rows < count:",
           "    if count is not None and rows < 0:"),
    Mutant("a redirect is taken for the export", "_http.py",
           "if response.status_code != 200:", "if response.status_code >= 400:"),
    Mutant("Galileo records come unredacted by default", "galileo.py",
           "read = _read_redacted if redact else _read_records", "read = _read_records"),
    Mutant("JSON lines keep the order the service sent", "export/pipeline.py",
           "flat = self.schema.arranged(flat, self._column_key)", "pass"),
    Mutant("a documented field is spread like a map", "respan.py",
           "        kept_whole(fields),\n        origin,", "        frozenset(),\n        origin,"),
    Mutant("the client ignores max_retries", "core.py",
           "policy = RetryPolicy(max_retries=settings.max_retries)", "policy = RetryPolicy()"),
    Mutant("a Respan trace's cost is not mapped", "schema/respan.py",
           '"cost_usd": number(row.get("total_cost")),', '"cost_usd": None,'),
    Mutant("unmapped fields leave no trace in metadata", "schema/values.py",
           "if value is not None and key not in taken", "if False"),
    Mutant("Galileo scorer metrics are not scores", "schema/galileo.py",
           "if name in MEASUREMENTS or value is None:", "if True:"),
    Mutant("an OTLP span points at itself as parent", "schema/otlp.py",
           'parent = span_hex(source, row["parent_span_id"])', "parent = span_hex(source, own)"),
    # sync (tests/sync)
    Mutant("the sync's lower bound forgets the lookback window", "syncing/run.py",
           "return state.watermark - lookback", "return state.watermark"),
    Mutant("an upsert takes a stored row for unchanged by its id alone", "syncing/sql.py",
           "OR CAST(o.raw AS text) IS DISTINCT FROM CAST(s.raw AS text)", "OR FALSE"),
    Mutant("a changed subject's old scores stay beside the new", "syncing/sql.py",
           "return [delete, insert] if replaced else [insert]\n\n\ndef save_state",
           "return [insert]\n\n\ndef save_state"),
    Mutant("the SQL mapping takes the service's measurements for scores", "syncing/galileo_sql.py",
           'scorer = f"json_type(e.v) <> \'NULL\' AND e.k NOT IN ({_names(MEASUREMENTS)})"',
           'scorer = "json_type(e.v) <> \'NULL\'"'),
    Mutant("the interval cuts its tails at half the level", "comparing/stats.py",
           "out[name] = (quantile(found, tail), quantile(found, 1 - tail))",
           "out[name] = (quantile(found, tail / 2), quantile(found, 1 - tail / 2))"),
    Mutant("the signed-rank test forgets the tie correction", "comparing/stats.py",
           "variance = n * (n + 1) * (2 * n + 1) / 24 - ties / 48",
           "variance = n * (n + 1) * (2 * n + 1) / 24"),
    Mutant("an item run twice keeps one key for both runs", "comparing/items.py",
           'key = base if seen[base] == 1 else f"{base}#{seen[base]}"', "key = base"),
    Mutant("a key spelled k#2 at the source takes the place of the second k",
           "comparing/items.py", "while key in taken:", "while False:"),
    Mutant("cost, latency and tokens are better higher", "comparing/analysis.py",
           "LOWER_IS_BETTER = frozenset(name for name, _ in USAGE)",
           "LOWER_IS_BETTER = frozenset()"),
    Mutant("the gate passes a metric a pair cannot measure", "comparing/gate.py",
           "holds = value is None or OPERATORS[condition.op](value, condition.number)",
           "holds = value is not None and OPERATORS[condition.op](value, condition.number)"),
    Mutant("the aligned rows leave out the other side's unaligned items", "comparing/__init__.py",
           "for b in compared.only_other:", "for b in compared.only_other[:0]:"),
    Mutant("null bits in the wrong order in an Arrow column", "export/arrow_rows.py",
           'number.to_bytes((len(flags) + 7) // 8, "little")',
           'number.to_bytes((len(flags) + 7) // 8, "big")'),
    Mutant("non-ASCII text measured in characters, not bytes", "export/arrow_rows.py",
           'data, lengths = b"".join(encoded), map(len, encoded)',
           'data, lengths = b"".join(encoded), map(len, texts)'),
    Mutant("-0.0 written as 0.0", "export/arrow_rows.py",
           "[0.0 if v is None else v for v in values] if nulls else values",
           "[v or 0.0 for v in values]"),
    Mutant("rows that hold every column are read a column off", "export/arrow_rows.py",
           "zip(names, zip(*cells, strict=True), strict=True)",
           "zip(names[1:] + names[:1], zip(*cells, strict=True), strict=True)"),
    Mutant("a page's nulls are not a kind", "export/flatten.py",
           "if kind_type is _Absent:", "if kind_type is _Absent or kind_type is type(None):"),
    # the breakages issue 36 named, each caught by a test of what a user sees
    Mutant("the gate's <= behaves as <", "comparing/gate.py",
           '"<=": operator.le,', '"<=": operator.lt,', ("tests/compare",)),
    Mutant("a second --fail-if that holds exits 0", "cli/compare.py",
           "held = [v for v in verdicts if v.holds]", "held = [v for v in verdicts[:1] if v.holds]",
           ("tests/compare",)),
    Mutant("the report paints regressions green, improvements red", "reporting/page.py",
           'return "better" if better else "worse"', 'return "worse" if better else "better"',
           ("tests/compare",)),
    Mutant("the report's service text no longer escaped", "reporting/page.py",
           'return html.escape("" if value is None else str(value))',
           'return "" if value is None else str(value)', ("tests/compare",)),
    Mutant("doctor exits 0 when the service differs from the spec", "cli/doctor.py",
           "if not found.agrees:\n        raise typer.Exit(EXIT_DIFFERS)",
           "if False:\n        raise typer.Exit(EXIT_DIFFERS)", ("tests/doctor",)),
    Mutant("doctor's read-only guard lets an unsafe operation through", "doctor/probe.py",
           'if operation is None or not operation["safe_to_repeat"] or not safe_to_retry(request):',
           "if operation is None:", ("tests/doctor",)),
    Mutant("sync --full resumes a half-finished walk", "syncing/run.py",
           "if pending is not None and not full:", "if pending is not None:", ("tests/sync",)),
    Mutant("the dataset's state file written in place", "syncing/dataset.py",
           'part = path.with_name(f".{STATE_FILE}.part")', "part = path", ("tests/sync",)),
    Mutant("a time with another UTC offset relabelled UTC", "export/flatten.py",
           "    return moment.astimezone(UTC)", "    return moment.replace(tzinfo=UTC)",
           ("tests/schema",)),
    Mutant("integers past 64 bits kept", "schema/values.py",
           "return value if INT64_MIN <= value <= INT64_MAX else None", "return value",
           ("tests/schema",)),
    Mutant("the OTLP file written in place", "schema/write.py",
           'part = target.with_name(f".{target.name}.part")', "part = target",
           ("tests/schema",)),
    Mutant("the bootstrap divides by every item, those without a value too", "comparing/stats.py",
           "taken = size if has is None else (sum(pick(has)) if size > 1 else has[0])",
           "taken = size", ("tests/compare",)),
    Mutant("--since 7d points into the future", "cli/sync.py",
           "return datetime.now(UTC) - duration(text)", "return datetime.now(UTC) + duration(text)",
           ("tests/sync",)),
    Mutant("sql -o replaces a file already there", "cli/sync.py",
           "write_rows(records, output, columns=names, flatten=False)",
           "write_rows(records, output, columns=names, flatten=False, overwrite=True)",
           ("tests/sync",)),
]  # fmt: skip


def run_tests(tests: list[str]) -> bool:
    """True when the tests pass (the mutant is missed)."""
    command = [sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", *tests]
    # This copy's packages first, so a copy of the repository (a git worktree) can be
    # mutated while the editable install points elsewhere.
    paths = [str(ROOT / "facade"), str(ROOT / "generated"), os.environ.get("PYTHONPATH", "")]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in paths if p)}
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    return result.returncode == 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="comma-separated mutant numbers (from 1)")
    parser.add_argument("--list", action="store_true", help="list the mutants and stop")
    parser.add_argument("--tests", nargs="*", help="pytest arguments (default: each mutant's own"
                        " tests, else the usual folders)")  # fmt: skip
    args = parser.parse_args(argv)
    chosen = range(1, len(MUTANTS) + 1)
    if args.only:
        chosen = [int(n) for n in args.only.split(",")]  # type: ignore[assignment]
    if args.list:
        for number in chosen:
            print(f"{number:2}. {MUTANTS[number - 1].what} ({MUTANTS[number - 1].file})")
        return 0
    missed: list[int] = []
    for number in chosen:
        mutant = MUTANTS[number - 1]
        path = FACADE / mutant.file
        original = path.read_text(encoding="utf-8")
        if not original.count(mutant.old):
            print(f"{number:2}. {mutant.what}: the code it mutates has changed; fix the mutant")
            return 2
        started = time.monotonic()
        try:
            path.write_text(original.replace(mutant.old, mutant.new), encoding="utf-8")
            survived = run_tests(args.tests or list(mutant.tests) or DEFAULT_TESTS)
        finally:
            path.write_text(original, encoding="utf-8")
        verdict = "MISSED" if survived else "caught"
        print(f"{number:2}. {verdict}  {mutant.what} ({time.monotonic() - started:.0f} s)")
        sys.stdout.flush()
        if survived:
            missed.append(number)
    caught = len(list(chosen)) - len(missed)
    print(f"score: {caught}/{len(list(chosen))} caught" + (f"; missed {missed}" if missed else ""))
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
