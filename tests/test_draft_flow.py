"""From an article to the map with no hand edit (issue #12's example): ``geo draft`` the
NTT–Telstra paragraph, ``geo check``, ``geo accept``, ``geo check``, ``geo build``; and the
whole labelled corpus drafted at once, every quote found by ``geo check``."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from geo.catalog import load_catalog
from tests.draft_eval import CORPUS

ROOT = Path(__file__).resolve().parents[1]
PARAGRAPH = ("NTT and Telstra signed an agreement in Singapore to build a new submarine cable "
             "linking Sydney to Singapore via Jakarta. The 6,000 km system is expected to be "
             "ready for service in 2027. Telstra will also open a new point of presence in "
             "Equinix's SG3 data centre in Singapore.")


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    dest = tmp_path / "ws"
    shutil.copytree(ROOT / "seeds", dest / "seeds")
    shutil.copytree(ROOT / "data", dest / "data")
    return dest


def _readme_example() -> dict[str, list[str]]:
    """The README's `geo draft` example: command -> the lines it prints."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = text.split("### `geo draft ARTICLE...`", 1)[1].split("```console\n", 1)[1]
    out: dict[str, list[str]] = {}
    for line in block.split("\n```", 1)[0].splitlines():
        if line.startswith("$ "):
            command = line[2:]
            out[command] = []
        else:
            out[command].append(line)
    return out


def test_the_paragraph_reaches_the_map_with_no_hand_edit(runner, ws: Path,
                                                          monkeypatch: pytest.MonkeyPatch
                                                          ) -> None:
    """Run as the README shows it, in the workspace, and print what the README says."""
    example = _readme_example()
    (ws / "news").mkdir()
    article = ws / "news" / "ntt-telstra.txt"
    article.write_text(PARAGRAPH, encoding="utf-8")
    monkeypatch.chdir(ws)
    printed = {}
    for command in example:
        result = runner(*command.split()[1:], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        printed[command] = (result.stdout + result.stderr).splitlines()
        if command == "geo check":
            data_before = {p.name: p.read_bytes() for p in (ws / "data").glob("*.toml")}
    for command, lines in example.items():
        assert sorted(printed[command]) == sorted(lines), command
    assert (ws / "seeds" / "ntt-telstra.txt").read_bytes() == article.read_bytes()
    for name, raw in data_before.items():  # appended to, never rewritten
        assert (ws / "data" / name).read_bytes().startswith(raw)
    assert "valid" in runner("check", "-w", str(ws), expect=0).stderr

    cat = load_catalog(ws)
    new = {eid for eid in (e.id for _k, e in cat.entities())
           if any(s.article == "ntt-telstra" for s in cat.get(eid).sources)}
    orgs = {cat.organisations[i].name for i in new if i in cat.organisations}
    assert orgs == {"NTT", "Telstra", "Equinix"}
    sg3 = next(s for s in cat.sites.values() if s.name == "SG3")
    assert (sg3.kind, sg3.operator) == ("data-centre", "equinix")
    pop = next(s for s in cat.sites.values() if s.kind == "pop" and s.id in new)
    assert (pop.host, pop.operator, pop.status) == ("sg3", "telstra", "planned")
    route = next(r for r in cat.routes.values() if r.id in new)
    assert (route.kind, route.status) == ("submarine-cable", "planned")
    assert [cat.sites[w].name for w in route.segments[0].waypoints] == \
        ["Sydney", "Jakarta", "Singapore"]
    assert {(f.quantity, f.value) for f in route.figures} == \
        {("length", 6000.0), ("ready-for-service", 2027.0)}
    agreement = next(a for a in cat.agreements.values() if a.id in new)
    assert sorted(agreement.parties) == ["ntt", "telstra"]
    assert cat.sites[agreement.venue].name == "Singapore" and agreement.date is None
    assert route.id in agreement.subjects

    runner("build", "-w", str(ws), expect=0)
    layers = {name: json.loads((ws / "maps" / f"{name}.geojson").read_text(encoding="utf-8"))
              for name in ("sites", "routes", "agreements")}
    drawn = {f["properties"]["id"] for layer in layers.values() for f in layer["features"]}
    assert {"sg3", pop.id, route.id, agreement.id} <= drawn
    page = (ws / "maps" / "connectivity.html").read_text(encoding="utf-8")
    assert "Telstra point of presence" in page or pop.name in page


def test_the_whole_corpus_drafts_and_every_quote_is_found(runner, ws: Path
                                                          ) -> None:
    articles = sorted(str(p) for p in CORPUS.glob("*.txt"))
    assert len(articles) >= 30
    said = runner("draft", *articles, "-w", str(ws), "--jobs", "2", expect=0).stderr
    assert f"drafted {len(articles)} articles" in said
    assert len(list((ws / "drafts").glob("*.toml"))) == len(articles)
    # geo check reads every draft with data/: schema, references, every quote in its article
    result = runner("check", "-w", ws, catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    assert result.stderr.count("would add") == len(articles)


@pytest.mark.parametrize("payload", [
    "<script>alert(1)</script> Acme Networks signed a memorandum with Beta Telecom in Paris.",
    "\u202eAcme Networks\u202c will open a data centre in Lagos.",
    "Acme\x00 Networks",
    "\ufeff" + "A" * 50_000,
])
def test_hostile_articles_draft_inertly_or_are_refused(runner, ws: Path,
                                                       tmp_path: Path, payload: str) -> None:
    article = tmp_path / "hostile.txt"
    article.write_text(payload, encoding="utf-8")
    result = runner("draft", article, "-w", ws)
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.exit_code in (0, 2), result.output
    if result.exit_code == 2:
        assert result.stderr.startswith("geo: error: ") and "hostile" in result.stderr
        return
    checked = runner("check", "-w", ws)
    assert checked.exit_code == 0, checked.stderr
    built = runner("build", "-w", ws, "--drafts", "--offline")
    assert built.exit_code == 0, built.stderr


def test_a_venue_written_commented_out_is_no_reference(runner, ws: Path, tmp_path: Path):
    """A deal signed at a building the gazetteer cannot place: the building is drafted
    commented out, so the agreement names no venue rather than an id no entry has (article
    658 of the corpus gave `venue: unknown site` in `geo check`)."""
    article = tmp_path / "venue.txt"
    article.write_text("Em janeiro de 2015, a Xentric Telecom, a Vorbel Energia e a Fundação "
                       "Parque Tecnológico Verdelho assinaram um acordo de cooperação.\n",
                       encoding="utf-8")
    runner("draft", str(article), "-w", str(ws), expect=0)
    draft = (ws / "drafts" / "venue.toml").read_text(encoding="utf-8")
    assert "venue = " not in draft, draft
    assert "valid" in runner("check", "-w", str(ws), expect=0).stderr
