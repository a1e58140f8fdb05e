"""The README's pictures of the map, one per screen: docs/map.png (a laptop, a PoP's popup
with its quoted source), docs/map-phone.png (a phone: the Trans-Caspian cable's popup after
a tap and the picker), docs/map-tablet.png (a tablet: the menu open on the filters).

Written to docs/ when GEO_UPDATE_SCREENSHOT=1, else to a temporary folder (the pictures are
still taken and checked). The basemap tiles are stand-ins drawn from the country outlines
(the tests have no network)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import (
    DESKTOP,
    MAP_IDLE,
    PHONE,
    ROOT,
    TABLET,
    Size,
    choose,
    open_map,
)
from tests.browser.test_map_responsive import DRAWN_AT, PANEL_SETTLED, assert_popup_clear

pytestmark = pytest.mark.browser

#: true once the open popup has faded in (Leaflet's 0.2 s opacity transition)
POPUP_SHOWN = """() => {
  const popup = document.querySelector('.leaflet-popup');
  return !!popup && getComputedStyle(popup).opacity === '1';
}"""


def _target(tmp_path: Path, name: str) -> Path:
    update = os.environ.get("GEO_UPDATE_SCREENSHOT") == "1"
    return ROOT / "docs" / name if update else tmp_path / name


def _check(path: Path, size: Size) -> None:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    scale = width // size.width
    assert (width, height) == (size.width * scale, size.height * scale)


def test_desktop_screenshot(browser: Any, shipped_maps: dict[str, Path], tmp_path: Path
                            ) -> None:
    target = _target(tmp_path, "map.png")
    loaded = open_map(browser, shipped_maps["online"], online=True, size=DESKTOP)
    page = loaded.page
    try:
        # a PoP inside a data centre: its popup shows precision, host and a quoted source
        box = page.locator("path.geo-id-ctg-pop-nairobi").bounding_box()
        page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        choose(page, "ctg-pop-nairobi")
        page.mouse.move(5, DESKTOP.height // 2)
        page.wait_for_function(POPUP_SHOWN)
        assert_popup_clear(page, "ctg-pop-nairobi")
        page.screenshot(path=str(target))
        assert loaded.problems() == []
    finally:
        loaded.close()
    _check(target, DESKTOP)


def test_phone_screenshot(browser: Any, shipped_maps: dict[str, Path], tmp_path: Path) -> None:
    target = _target(tmp_path, "map-phone.png")
    loaded = open_map(browser, shipped_maps["online"], online=True, size=PHONE)
    page = loaded.page
    try:
        page.evaluate("(id) => window.geoMap.frame(id)", "trans-caspian-cable")
        at = page.evaluate(DRAWN_AT, "trans-caspian-cable")
        page.touchscreen.tap(at["x"], at["y"])
        choose(page, "trans-caspian-cable", touch=True)
        page.wait_for_function(MAP_IDLE)
        page.wait_for_function(POPUP_SHOWN)
        assert_popup_clear(page, "trans-caspian-cable")
        page.screenshot(path=str(target))
        assert loaded.problems() == []
    finally:
        loaded.close()
    _check(target, PHONE)


def test_tablet_screenshot(browser: Any, shipped_maps: dict[str, Path], tmp_path: Path
                           ) -> None:
    target = _target(tmp_path, "map-tablet.png")
    loaded = open_map(browser, shipped_maps["online"], online=True, size=TABLET)
    page = loaded.page
    try:
        page.locator(".geo-menu-button").tap()
        page.wait_for_function(PANEL_SETTLED)
        page.locator(".geo-filters > summary").tap()
        page.locator(".geo-filter-org").select_option("azertelecom")
        page.locator(".geo-filters").scroll_into_view_if_needed()
        page.wait_for_function(PANEL_SETTLED)
        page.screenshot(path=str(target))
        assert loaded.problems() == []
    finally:
        loaded.close()
    _check(target, TABLET)
