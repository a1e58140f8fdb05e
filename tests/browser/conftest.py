"""Browser fixtures: one headless Debian chromium per session (Playwright's Python API),
maps built from workspaces, and pages that load them with every request accounted for.

Skipped when /usr/bin/chromium is missing, unless GEO_REQUIRE_BROWSER=1 (CI), then failing.
The online map's CDN assets are served from npm packages of the same versions, packed once
into tests/.cache/npm (the npm registry is reachable; nothing else is); its basemap tiles are
drawn locally from geo's country outlines (tests/browser/tiles.py).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tarfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu",
                 "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync"]
REQUIRE = os.environ.get("GEO_REQUIRE_BROWSER") == "1"
ROOT = Path(__file__).resolve().parents[2]
CACHE = ROOT / "tests" / ".cache" / "npm"
VIEWPORT = {"width": 1280, "height": 800}

#: CDN addresses folium emits: jsdelivr's npm/ and gh/ forms, both ``<pkg>@<version>/<path>``.
CDN = re.compile(r"^https://cdn\.jsdelivr\.net/(?:npm|gh/[^/]+)/(?P<pkg>[^@/]+)@"
                 r"(?P<version>[^/]+)/(?P<path>[^?#]+)")
#: tile addresses: ArcGIS ``tile/z/y/x`` and the usual ``z/x/y.png``
TILE_ZYX = re.compile(r"/tile/(?P<z>\d+)/(?P<y>\d+)/(?P<x>\d+)")
TILE_ZXY = re.compile(r"/(?P<z>\d+)/(?P<x>\d+)/(?P<y>\d+)(?:@2x)?\.png")
MIME = {".js": "application/javascript", ".css": "text/css", ".png": "image/png",
        ".svg": "image/svg+xml"}


def _need_browser() -> None:
    if CHROMIUM.exists():
        return
    if REQUIRE:
        pytest.fail(f"{CHROMIUM} is missing and GEO_REQUIRE_BROWSER=1")
    pytest.skip(f"{CHROMIUM} is missing (install Debian's chromium to run browser tests)")


@pytest.fixture(scope="package")
def browser() -> Iterator[Any]:
    """One headless chromium for this folder's tests (package scope: Playwright's sync API
    runs one instance per thread, and other test folders start their own)."""
    _need_browser()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        if REQUIRE:
            pytest.fail("playwright is not installed and GEO_REQUIRE_BROWSER=1")
        pytest.skip("playwright is not installed")
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


def npm_package(pkg: str, version: str) -> Path:
    """The unpacked npm package ``pkg@version`` (``npm pack`` into tests/.cache/npm once)."""
    dest = CACHE / f"{pkg}-{version}"
    if (dest / "package" / "package.json").exists():
        return dest / "package"
    CACHE.mkdir(parents=True, exist_ok=True)
    npm = shutil.which("npm")
    if npm is None:
        raise RuntimeError("npm is not installed")
    out = subprocess.run([npm, "pack", f"{pkg}@{version}", "--pack-destination", str(CACHE),
                          "--silent"], capture_output=True, text=True, timeout=300, check=False)
    if out.returncode != 0:
        raise RuntimeError(f"npm pack {pkg}@{version} failed: {out.stderr.strip()}")
    tgz = CACHE / out.stdout.strip().splitlines()[-1]
    tmp = CACHE / f".{pkg}-{version}.tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    with tarfile.open(tgz) as tar:
        tar.extractall(tmp, filter="data")
    tmp.rename(dest)
    tgz.unlink()
    return dest / "package"


def cdn_file(url: str) -> Path | None:
    """The local file standing for a CDN URL, from the npm package of the same version."""
    m = CDN.match(url)
    if not m:
        return None
    root = npm_package(m["pkg"], m["version"])
    path = root / m["path"]
    if not path.exists() and path.name.endswith(".min.css"):
        # jsdelivr minifies on the fly a .css that the package ships unminified
        path = path.with_name(path.name[: -len(".min.css")] + ".css")
    return path if path.exists() else None


@dataclass
class Loaded:
    """A page with its map loaded, and everything that went wrong while loading it."""

    page: Any
    errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    served: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        return self.errors + self.failed + self.blocked + self.dialogs


def open_map(browser: Any, path: Path, *, online: bool) -> Loaded:
    """Load ``path`` in a new page. Offline: every request but the page's own is aborted and
    recorded (a self-contained file reads no other file either). Online: CDN URLs are served
    from npm packages and tiles drawn locally; anything else is aborted and recorded."""
    from tests.browser.tiles import tile_png

    page = browser.new_page(viewport=VIEWPORT)
    loaded = Loaded(page)
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

    page_url = path.resolve().as_uri()

    def handle(route: Any) -> None:
        url = route.request.url
        if url == page_url:
            route.continue_()
            return
        if online:
            local = cdn_file(url)
            if local is not None:
                loaded.served.append(url)
                route.fulfill(status=200, body=local.read_bytes(),
                              content_type=MIME.get(local.suffix, "application/octet-stream"))
                return
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
    page.goto(page_url, wait_until="load")
    page.wait_for_selector(".geo-legend")
    if online:
        page.wait_for_load_state("networkidle")
    return loaded


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


@pytest.fixture(scope="session")
def cdn_packages(shipped_maps: dict[str, Path]) -> list[Path]:
    """Every npm package the online map's CDN URLs name, packed before any page loads."""
    html_text = shipped_maps["online"].read_text(encoding="utf-8")
    urls = sorted(set(re.findall(r'(?:src|href)="(https://cdn\.jsdelivr\.net/[^"]+)"',
                                 html_text)))
    assert urls, "the online map names no CDN asset"
    roots = []
    for url in urls:
        m = CDN.match(url)
        assert m, f"a CDN URL the tests cannot map to an npm package: {url}"
        try:
            roots.append(npm_package(m["pkg"], m["version"]))
        except (RuntimeError, OSError, subprocess.SubprocessError) as exc:
            if REQUIRE:
                pytest.fail(f"cannot fetch {m['pkg']}@{m['version']} from npm: {exc}")
            pytest.skip(f"cannot fetch {m['pkg']}@{m['version']} from npm: {exc}")
        assert cdn_file(url) is not None, f"{url}: not in the npm package"
    return roots
