"""Headless Chromium (Debian's /usr/bin/chromium) through Playwright; network blocked.

Skipped when the browser is missing, unless GEO_REQUIRE_BROWSER=1 (then the tests fail).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]


@pytest.fixture(scope="package")
def browser():
    """One Chromium for this folder, closed at its end (one Playwright session at a time)."""
    if not CHROMIUM.exists():
        if os.environ.get("GEO_REQUIRE_BROWSER") == "1":
            pytest.fail(f"{CHROMIUM} is missing and GEO_REQUIRE_BROWSER=1")
        pytest.skip(f"{CHROMIUM} is missing")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        yield chromium
        chromium.close()


class Watched:
    """A page with its page errors and dialogs recorded; every request but the page's own
    aborted and recorded in ``blocked``."""

    def __init__(self, context):
        self.context = context
        self.page = context.new_page()
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.blocked: list[str] = []
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        self.page.on("dialog", self._dialog)
        self.page.route("**/*", self._route)

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def _route(self, route) -> None:
        # the page itself only: a self-contained map reads no other file either
        request = route.request
        if request.url.startswith("file:") and request.is_navigation_request():
            route.continue_()
        else:
            self.blocked.append(route.request.url)
            route.abort()


@pytest.fixture
def watched(browser):
    context = browser.new_context(viewport={"width": 1024, "height": 768})
    yield Watched(context)
    context.close()
