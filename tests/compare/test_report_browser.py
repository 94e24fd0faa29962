"""The HTML report in a real browser (the system's Chromium, driven by Playwright): it draws
every chart with no console error and no request beyond the file itself, and its screenshot
is not blank; the PNG charts decode to their documented size. Outside CI these skip when
Chromium or Playwright is missing; CI (TRACEBRIDGE_REQUIRE_BROWSER=1) installs both."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

import tracebridge
from tracebridge import Respan
from tracebridge.emulator import Emulator, Running, planted, serve
from tracebridge.reporting import Report, charts

pytest.importorskip("altair")
pytest.importorskip("vl_convert")
Image = pytest.importorskip("PIL.Image")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
REQUIRED = os.environ.get("TRACEBRIDGE_REQUIRE_BROWSER") == "1"


@pytest.fixture(scope="module")
def served() -> Iterator[Running]:
    with serve(Emulator(seed=3)) as running:
        yield running


@pytest.fixture(scope="module")
def written(served: Running, tmp_path_factory: pytest.TempPathFactory) -> tuple[Report, Path, Path]:
    folder = tmp_path_factory.mktemp("report")
    with Respan(served.respan_key, base_url=served.base_url, rate_limit=None) as client:
        built = tracebridge.report(
            planted.RESPAN_IDS["candidate"], compare=planted.RESPAN_IDS["baseline"],
            client=client, path=folder / "report.html", png=folder / "png",
        )  # fmt: skip
    return built, folder / "report.html", folder / "png"


def _browser():  # type: ignore[no-untyped-def]
    if CHROMIUM is None:
        if REQUIRED:
            pytest.fail("Chromium is not installed (.ci/run installs Debian's chromium)")
        pytest.skip("Chromium is not installed")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        if REQUIRED:
            raise
        pytest.skip("playwright is not installed")
    return sync_playwright, CHROMIUM


def test_the_report_opens_offline_and_draws_every_chart(
    written: tuple[Report, Path, Path], tmp_path: Path
) -> None:
    sync_playwright, chromium = _browser()
    built, html, _ = written
    console: list[str] = []
    requests: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"],
        )  # fmt: skip
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.on("console", lambda m: console.append(f"{m.type}: {m.text}"))
            page.on("pageerror", lambda e: console.append(f"pageerror: {e}"))
            page.on("request", lambda r: requests.append(r.url))
            page.goto(html.as_uri())
            page.wait_for_function(
                f"document.querySelectorAll('.chart svg.marks').length === {len(built.charts)}",
                timeout=30_000,
            )
            bars = page.eval_on_selector_all(".chart svg path", "paths => paths.length")
            shot = tmp_path / "shot.png"
            page.screenshot(path=str(shot), full_page=True)
        finally:
            browser.close()
    assert [c for c in console if c.startswith(("error", "pageerror", "warning"))] == []
    assert requests == [html.as_uri()], "the report fetched something"
    assert len(built.charts) >= 10 and bars > 100
    with Image.open(shot) as image:
        assert image.width == 1280 and image.height > 3000
        colours = image.convert("RGB").getcolors(maxcolors=1_000_000)
        assert colours is not None and len(colours) > 50, "the screenshot is blank"


def test_the_pngs_decode_at_their_size(written: tuple[Report, Path, Path]) -> None:
    built, _, folder = written
    files = sorted(folder.glob("*.png"))
    assert [f.stem for f in files] == sorted(chart.name for chart in built.charts)
    for file in files:
        with Image.open(file) as image:
            image.load()  # decodes every pixel
            assert image.size == (charts.WIDTH, charts.HEIGHT), file.name
            assert len(image.convert("RGB").getcolors(maxcolors=100_000) or []) > 10, file.name
