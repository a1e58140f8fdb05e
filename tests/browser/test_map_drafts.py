"""The map of a workspace with entities the articles give no place (organisations without a
head office, an agreement drawn at its venue, one drawn nowhere) and drafted entries, in a
real browser: it loads cleanly, the venue pin opens its popup, drafted features carry the
"unreviewed" style and their popups the badge."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from geo.build import segment_lines
from geo.layers import build_layers
from geo.webmap import render_map
from geo.webmap.styles import DRAFT_COLOR, DRAFT_HALO_DASH
from tests.browser.conftest import Loaded, open_map
from tests.placeless import STEM, load_with_drafts, placeless_workspace

pytestmark = pytest.mark.browser

BADGE = f"Unreviewed draft (drafts/{STEM}.toml)"


@pytest.fixture(scope="module")
def drafts_map(tmp_path_factory: pytest.TempPathFactory) -> Path:
    ws = placeless_workspace(tmp_path_factory.mktemp("drafts-map") / "ws")
    cat = load_with_drafts(ws)
    path = ws / "maps" / "drafts.html"
    path.parent.mkdir()
    path.write_text(render_map(build_layers(cat), offline=True,
                               segment_lines=segment_lines(cat)), encoding="utf-8")
    return path


@pytest.fixture
def loaded(browser: Any, drafts_map: Path) -> Iterator[Loaded]:
    result = open_map(browser, drafts_map, online=False)
    yield result
    result.close()


def popup_text(page: Any) -> str:
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    return popup.inner_text()


def test_loads_and_draws_only_what_has_a_place(loaded: Loaded, drafts_map: Path) -> None:
    page = loaded.page
    assert loaded.problems() == []
    # counted from the catalogue: the shipped one may change
    layers = build_layers(load_with_drafts(drafts_map.parents[1]))
    placed = {k: int(f.geometry.notna().sum()) for k, f in layers.items()}
    unplaced = {k: len(f) - placed[k] for k, f in layers.items()}
    control = page.locator(".geo-layers").inner_text()
    assert (f"Organisations ({placed['organisations']}; {unplaced['organisations']} more "
            "without a place)") in control
    assert (f"Agreements ({placed['agreements']}; {unplaced['agreements']} more without a "
            "place)") in control
    title = page.locator(".geo-title").inner_text()
    assert (f"{placed['organisations']} organisations" in title
            and f"{placed['agreements']} agreements" in title)
    for undrawn in ("ntt", "telstra", "equinix", "ntt-telstra-stake"):
        assert page.locator(f".geo-id-{undrawn}").count() == 0, undrawn
    legend = page.locator(".geo-legend").inner_text()
    assert "Unreviewed draft" in legend and "Agreement at its venue" in legend
    assert "Exchange" not in legend  # no exchange is drawn


def test_the_venue_pin_opens_its_popup(loaded: Loaded) -> None:
    page = loaded.page
    pin = page.locator(".geo-venue-icon.geo-id-ntt-telstra-cable-contract")
    assert pin.count() == 1
    pin.click()
    text = popup_text(page)
    assert "NTT - Telstra cable agreement" in text
    row = page.locator(".leaflet-popup-content tr", has_text="Signed at").inner_text()
    assert row.split() == ["Signed", "at", "Singapore"]
    assert BADGE in text
    assert loaded.problems() == []


def test_drafted_features_carry_the_unreviewed_style(loaded: Loaded) -> None:
    page = loaded.page
    assert page.locator("path.geo-id-equinix-sg3.geo-draft").count() == 1
    assert page.locator("path.geo-id-eadc-nairobi.geo-draft").count() == 0
    halo = page.eval_on_selector(
        "path.geo-draft-of-equinix-sg3",
        "e => [e.getAttribute('stroke'), e.getAttribute('stroke-dasharray'),"
        " getComputedStyle(e).pointerEvents]")
    assert halo == [DRAFT_COLOR, DRAFT_HALO_DASH, "none"]  # the marker keeps its clicks
    line = page.eval_on_selector_all(
        "path.geo-draft-of-sydney-jakarta-singapore-cable",
        "els => els.map(e => [e.getAttribute('stroke'), e.getAttribute('stroke-dasharray')])")
    assert line and all(stroke == DRAFT_COLOR and dash for stroke, dash in line)
    outline = page.eval_on_selector(".geo-diamond-icon.geo-id-kazakhtelecom.geo-draft",
                                    "e => getComputedStyle(e).outlineStyle")
    assert outline == "dashed"
    assert page.locator(".geo-diamond-icon.geo-id-sparkle.geo-draft").count() == 0


def test_drafted_popups_show_the_badge_above_the_quotes(loaded: Loaded) -> None:
    page = loaded.page
    page.locator(".geo-search-input").fill("Equinix SG3")
    page.keyboard.press("Enter")
    text = popup_text(page)
    assert text.startswith("Equinix SG3")
    assert BADGE in text and "first reported 2023-04-05" in text
    badge = page.locator(".leaflet-popup-content .geo-draft-badge").bounding_box()
    quote = page.locator(".leaflet-popup-content .geo-quote").first.bounding_box()
    assert badge is not None and quote is not None and badge["y"] < quote["y"]
    page.locator(".geo-search-input").fill("East Africa Data")
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.querySelector('.leaflet-popup-content')"
                           ".innerText.startsWith('East Africa')")
    assert "Unreviewed draft" not in popup_text(page)
    assert loaded.problems() == []


def test_desktop_screenshot(loaded: Loaded, tmp_path: Path) -> None:
    target = tmp_path / "drafts.png"
    loaded.page.screenshot(path=str(target))
    assert target.stat().st_size > 10_000
