"""What `import tracebridge` and the command line load: nothing heavy, nothing optional.

The clients load the generated models on first use; pyarrow, pandas, polars, xlsxwriter
and the emulator's server load only when a feature needs them, so a slim install works."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = ("pyarrow", "pandas", "polars", "xlsxwriter", "starlette", "uvicorn", "typer")


def loaded_after(code: str) -> list[str]:
    probe = f"{code}\nimport sys, json\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return list(json.loads(out.stdout.splitlines()[-1]))


def test_import_tracebridge_loads_nothing_heavy_and_no_models() -> None:
    loaded = loaded_after("import tracebridge")
    assert [name for name in HEAVY if name in loaded] == []
    assert "respan_client.models" not in loaded and "galileo_client.models" not in loaded


def test_the_clients_load_on_first_use_and_still_nothing_heavy() -> None:
    loaded = loaded_after(
        "import tracebridge\nassert tracebridge.Respan.__module__ == 'tracebridge.respan'"
    )
    assert "respan_client.models" in loaded
    assert [name for name in HEAVY if name in loaded] == []


def test_the_lazy_names_are_the_real_ones() -> None:
    import tracebridge
    from tracebridge.galileo import AsyncGalileo, Galileo
    from tracebridge.pagination import AsyncPager, Pager
    from tracebridge.respan import AsyncRespan, Respan

    assert (tracebridge.Respan, tracebridge.AsyncRespan) == (Respan, AsyncRespan)
    assert (tracebridge.Galileo, tracebridge.AsyncGalileo) == (Galileo, AsyncGalileo)
    assert (tracebridge.Pager, tracebridge.AsyncPager) == (Pager, AsyncPager)
    assert set(tracebridge.__all__) <= set(dir(tracebridge))
    with pytest.raises(AttributeError, match="no attribute 'Nope'"):
        tracebridge.Nope  # noqa: B018


def test_the_command_line_loads_no_emulator_and_no_models() -> None:
    loaded = loaded_after("import tracebridge.cli")
    assert "starlette" not in loaded and "uvicorn" not in loaded and "pyarrow" not in loaded
    assert "respan_client.models" not in loaded
