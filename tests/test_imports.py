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


def test_compare_and_the_report_module_load_no_charting_until_a_chart_is_made() -> None:
    """compare is plain Python; Altair and vl-convert (the `report` extra) load only when
    a report is built."""
    loaded = loaded_after(
        "import tracebridge\n"
        "from tracebridge import compare, report\n"
        "import tracebridge.comparing.stats, tracebridge.comparing.summary"
    )
    charting = ("altair", "vl_convert", "numpy", "scipy", *HEAVY)
    assert [name for name in charting if name in loaded] == []


def generated(loaded: list[str]) -> list[str]:
    """The generated modules loaded beyond the packages, their facts and the models' index."""
    cheap = {"respan_client", "galileo_client"}
    cheap |= {f"{package}.{name}" for package in cheap for name in ("api_facts", "models")}
    return [name for name in loaded if name.split(".")[0] in {"respan_client", "galileo_client"}
            and name not in cheap]  # fmt: skip


def test_the_clients_import_no_operation_model_or_attrs_until_called() -> None:
    loaded = loaded_after("from tracebridge import Respan, Galileo, AsyncRespan, AsyncGalileo")
    assert generated(loaded) == []
    assert "attrs" not in loaded and "asyncio" not in loaded
    assert [name for name in HEAVY if name in loaded] == []


def test_a_call_loads_its_own_operation_and_models_only() -> None:
    loaded = generated(
        loaded_after(
            "import tracebridge\n"
            "rs = tracebridge.Respan('k', base_url='http://127.0.0.1:9', max_retries=0)\n"
            "try: next(iter(rs.experiments.traces('exp_1')))\n"
            "except tracebridge.APIConnectionError: pass"
        )
    )
    assert "respan_client.api.experiment_traces.filter_experiment_traces" in loaded
    assert "respan_client.models.trace" in loaded
    assert not [name for name in loaded if name.startswith("galileo_client")]
    assert "respan_client.api.experiments.create_experiment" not in loaded
    assert "respan_client.models.experiment_detail" not in loaded


@pytest.mark.parametrize("package", ["respan_client", "galileo_client"])
def test_the_generated_models_index_names_every_model(package: str) -> None:
    import importlib

    models = importlib.import_module(f"{package}.models")
    for name in models.__all__:
        assert getattr(models, name).__name__ == name
    assert set(models.__all__) <= set(dir(models))
    with pytest.raises(AttributeError, match="no attribute 'Nope'"):
        models.Nope  # noqa: B018
    client = importlib.import_module(package)
    assert client.AuthenticatedClient.__module__ == f"{package}.client"


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
