"""The one Chromium set-up of the browser tests: Debian's /usr/bin/chromium driven by
Playwright's Python API (``executable_path``, no browser download).

Both browser folders (tests/browser/, tests/browser_context/) declare their ``browser``
fixture as ``yield from chromium()``. Skipped when the browser or Playwright is missing,
unless GEO_REQUIRE_BROWSER=1 (CI), then failing.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu",
                 "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync"]
REQUIRE = os.environ.get("GEO_REQUIRE_BROWSER") == "1"


def _unavailable(reason: str) -> None:
    if REQUIRE:
        pytest.fail(f"{reason} and GEO_REQUIRE_BROWSER=1")
    pytest.skip(reason)


def chromium() -> Iterator[Any]:
    """Launch headless chromium, yield it, close it: the body of a package-scoped
    ``browser`` fixture (Playwright's sync API runs one instance per thread, so each test
    folder closes its own before the next starts one)."""
    if not CHROMIUM.exists():
        _unavailable(f"{CHROMIUM} is missing (install Debian's chromium to run browser tests)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("playwright is not installed")
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
