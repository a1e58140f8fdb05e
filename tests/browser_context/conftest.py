"""Headless Chromium (Debian's /usr/bin/chromium) through Playwright, set up by
:mod:`tests.browser.harness`; network blocked.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

# CHROMIUM and ARGS stay importable from here (tests/benchmarks/bench_context.py reads them)
from tests.browser.harness import CHROMIUM, chromium
from tests.browser.harness import CHROMIUM_ARGS as ARGS

__all__ = ["ARGS", "CHROMIUM", "Watched"]


@pytest.fixture(scope="package")
def browser() -> Iterator[Any]:
    """One Chromium for this folder, closed at its end (one Playwright session at a time)."""
    yield from chromium()


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
