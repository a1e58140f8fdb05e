"""Browser fixtures: one headless Debian chromium for this folder (the set-up is
:mod:`tests.browser.harness`), maps built from workspaces, and pages that load them with
every request accounted for.

Both maps carry their own code (no CDN); the online map's basemap tiles are drawn locally
from geo's country outlines (tests/browser/tiles.py), or refused (``tiles=False``) to see
the map without network. Pages open at one of :data:`SIZES` (a phone and a tablet with a
touch screen, a laptop with a mouse).
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.browser.harness import chromium

ROOT = Path(__file__).resolve().parents[2]
VIEWPORT = {"width": 1280, "height": 800}


@dataclass(frozen=True)
class Size:
    """A screen the map is read on: CSS pixels, and whether it is touched or pointed at."""

    name: str
    width: int
    height: int
    touch: bool

    @property
    def viewport(self) -> dict[str, int]:
        return {"width": self.width, "height": self.height}


PHONE = Size("phone", 390, 844, True)
TABLET = Size("tablet", 768, 1024, True)
DESKTOP = Size("desktop", VIEWPORT["width"], VIEWPORT["height"], False)
SIZES = (PHONE, TABLET, DESKTOP)

#: tile addresses: ArcGIS ``tile/z/y/x`` and the usual ``z/x/y.png``
TILE_ZYX = re.compile(r"/tile/(?P<z>\d+)/(?P<y>\d+)/(?P<x>\d+)")
TILE_ZXY = re.compile(r"/(?P<z>\d+)/(?P<x>\d+)/(?P<y>\d+)(?:@2x)?\.png")


@pytest.fixture(scope="package")
def browser() -> Iterator[Any]:
    """One headless chromium for this folder's tests."""
    yield from chromium()


@dataclass
class Loaded:
    """A page with its map loaded, and everything that went wrong while loading it."""

    page: Any
    context: Any = None
    errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    served: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        return self.errors + self.failed + self.blocked + self.dialogs

    def close(self) -> None:
        """Close the page (and the browser context opened for it)."""
        self.page.close()
        if self.context is not None:
            self.context.close()


def open_map(browser: Any, path: Path | str, *, online: bool, size: Size = DESKTOP,
             tiles: bool = True, init_script: str | None = None) -> Loaded:
    """Load ``path`` (a file, or its ``file://`` URL with a fragment) in a new page of
    ``size``. Offline: every request but the page's own is aborted and recorded (a
    self-contained file reads no other file either). Online: tiles are drawn locally (or,
    with ``tiles=False``, refused as if there were no network, and recorded in
    ``blocked``); anything else is aborted and recorded. ``init_script`` runs in the page
    before any of its own."""
    from tests.browser.tiles import tile_png

    context = None
    if size.touch:
        context = browser.new_context(viewport=size.viewport, has_touch=True, is_mobile=True)
        page = context.new_page()
    else:
        page = browser.new_page(viewport=size.viewport)
    loaded = Loaded(page, context)
    page.on("pageerror", lambda exc: loaded.errors.append(f"pageerror: {exc}"))
    page.on("console", lambda msg: loaded.errors.append(f"console: {msg.text}")
            if msg.type == "error" else None)

    def on_failed(req: Any) -> None:
        # Leaflet cancels the loading of tiles that leave the view when the map moves
        # (net::ERR_ABORTED); requests the page could not make are recorded in `blocked`
        if req.failure == "net::ERR_ABORTED" and (TILE_ZYX.search(req.url)
                                                  or TILE_ZXY.search(req.url)):
            return
        loaded.failed.append(f"failed: {req.url} {req.failure}")

    page.on("requestfailed", on_failed)

    def on_dialog(dialog: Any) -> None:
        loaded.dialogs.append(f"dialog: {dialog.type} {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)

    page_url = path if isinstance(path, str) else path.resolve().as_uri()
    document = page_url.split("#")[0]

    def handle(route: Any) -> None:
        url = route.request.url
        if url == document:
            route.continue_()
            return
        if online and tiles:
            tile = TILE_ZYX.search(url) or TILE_ZXY.search(url)
            if tile:
                loaded.served.append(url)
                route.fulfill(status=200, body=tile_png(int(tile["z"]), int(tile["x"]),
                                                        int(tile["y"])),
                              content_type="image/png")
                return
        loaded.blocked.append(f"blocked: {url}")
        route.abort()

    page.route("**/*", handle)
    if init_script is not None:
        page.add_init_script(init_script)
    page.goto(page_url, wait_until="load")
    page.wait_for_selector(".geo-legend", state="attached")
    if online:
        # every tile in view loaded or failed (drawn on the fly here: slow on a busy machine)
        page.wait_for_function(TILES_SETTLED, timeout=120_000)
    return loaded


#: true once the basemap tiles in view have all loaded or failed (Leaflet's isLoading)
TILES_SETTLED = """() => {
  const tiles = window.geoMap && window.geoMap.tiles;
  return !!window.geoMap && (!tiles || !tiles.isLoading());
}"""

#: true once the map neither pans nor zooms (autoPan and zoom animations have ended)
MAP_IDLE = """() => {
  const map = window.geoMap.map;
  return !map._animatingZoom && !(map._panAnim && map._panAnim._inProgress);
}"""


def close_popups(page: Any) -> None:
    """Close the open popup and wait until it has faded out (for 0.2 s it still takes
    clicks and is found in the page)."""
    page.evaluate("() => { window.geoMap.map.closePopup(); }")
    page.wait_for_function("() => !document.querySelector('.leaflet-popup')")


def choose(page: Any, entity_id: str, *, touch: bool = False) -> None:
    """After a click or tap on the map: open ``entity_id``'s popup, through the picker when
    the pointer reached several features (the picker lists them; the entity is chosen)."""
    page.wait_for_function("""(id) => !!document.querySelector(
        `.leaflet-popup .geo-picker, .leaflet-popup .geo-popup[data-id='${id}']`)""",
                           arg=entity_id)
    if page.locator(".leaflet-popup .geo-picker").count():
        item = page.locator(f".geo-picker-item[data-id='{entity_id}']")
        assert item.count() == 1, page.locator(".geo-picker").inner_text()
        if touch:
            item.tap()
        else:
            item.click()
    page.locator(f".leaflet-popup .geo-popup[data-id='{entity_id}']").wait_for()
    page.wait_for_function(MAP_IDLE)


@pytest.fixture(scope="session")
def shipped_maps(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The shipped workspace built twice: ``online`` (default) and ``offline``."""
    from geo.build import build

    ws = tmp_path_factory.mktemp("shipped")
    shutil.copytree(ROOT / "seeds", ws / "seeds")
    shutil.copytree(ROOT / "data", ws / "data")
    online = build(ws).map_path
    offline = build(ws, ws / "maps" / "offline.html", offline=True).map_path
    return {"online": online, "offline": offline}
