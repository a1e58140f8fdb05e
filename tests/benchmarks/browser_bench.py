"""What the browser benchmarks share (``from browser_bench import ...``: a benchmark is run
as a script, its folder first on ``sys.path``): the sizes asked for, one Chromium for every
size, timings' median and 90th percentile."""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from tests.browser.harness import CHROMIUM, CHROMIUM_ARGS


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def p90(values: list[float]) -> float:
    return sorted(values)[int(0.9 * (len(values) - 1))] if values else float("nan")


#: Pause after each mouse move (ms), and whether a tooltip shows, for the hover timings.
MOVE_GAP_MS = 40
TOOLTIP_SHOWN = "() => !!document.querySelector('.leaflet-tooltip')"


def hover(page: Any, points: list[list[float]], reset_js: str, times_js: str
          ) -> tuple[list[float], int]:
    """Move the mouse over ``points`` (screen pixels) one by one, from a corner; return the
    page's hover times (``times_js`` reads them, ``reset_js`` empties them first) and how many
    moves showed a tooltip."""
    page.mouse.move(2, 2)
    page.wait_for_timeout(MOVE_GAP_MS)
    page.evaluate(reset_js)
    tipped = 0
    for x, y in points:
        page.mouse.move(x, y)
        page.wait_for_timeout(MOVE_GAP_MS)
        tipped += page.evaluate(TOOLTIP_SHOWN)
    return page.evaluate(times_js), tipped


def chosen_sizes(parser: argparse.ArgumentParser, text: str, known: Mapping[str, Any]
                 ) -> list[str]:
    """The sizes of ``--sizes`` (comma-separated), each one of ``known``, else a usage error."""
    sizes = [s.strip().lower() for s in text.split(",") if s.strip()]
    unknown = [s for s in sizes if s not in known]
    if unknown:
        parser.error(f"unknown size {unknown[0]!r}; expected one of: " + ", ".join(known))
    return sizes


def run_sizes(sizes: list[str], prefix: str,
              run: Callable[[Any, str, Path], None],
              warm_up: Callable[[Any, Path], None] | None = None) -> None:
    """``run(browser, label, folder)`` for each size in one Chromium and one scratch folder
    (removed after), each size's time and the total printed; skipped without Chromium."""
    if not CHROMIUM.exists():
        print(f"skipped: {CHROMIUM} is missing")
        return
    from playwright.sync_api import sync_playwright

    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]
    started = time.perf_counter()
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            try:
                if warm_up is not None:
                    warm_up(browser, folder)
                for label in sizes:
                    t0 = time.perf_counter()
                    run(browser, label, folder)
                    print(f"  ({label} took {time.perf_counter() - t0:.0f} s)")
            finally:
                browser.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print(f"\ntotal {time.perf_counter() - started:.0f} s")
