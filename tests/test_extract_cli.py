"""`geo extract` and the `geo check` warnings, through the CLI."""

from __future__ import annotations

import json
import sys

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from pathlib import Path

from geo.catalog import check_workspace
from geo.text import fold
from tests.bad_articles import write_bad_articles

DATA = Path(__file__).parent / "data" / "extract"
A0 = "000_47e597b5552f65ef"
A1 = "001_449d01391f08646e"
FIELDS = {"article", "text", "start", "end", "kind", "id", "name", "lon", "lat"}


def test_json_by_stem_and_by_path(repo_root, runner):
    by_stem = runner("extract", "--format", "json", "-w", str(repo_root), A0)
    assert by_stem.exit_code == 0, by_stem.stderr
    rows = json.loads(by_stem.stdout)
    assert rows and all(set(r) >= FIELDS for r in rows)
    text = (repo_root / "seeds" / f"{A0}.txt").read_text(encoding="utf-8")
    for r in rows:
        assert r["article"] == A0
        assert text[r["start"]:r["end"]] == r["text"]
    assert {"text": "Cap", "kind": "city", "id": "geonames:3369157"}.items() <= next(
        r for r in rows if r["text"] == "Cap").items()
    by_path = runner("extract", "--format", "json", "-w", str(repo_root),
                     str(repo_root / "seeds" / f"{A0}.txt"))
    assert json.loads(by_path.stdout) == rows


def test_json_indent_and_every_seed_by_default(repo_root, runner):
    result = runner("extract", "--format", "json", "--indent", "2", "-w", str(repo_root))
    assert result.exit_code == 0
    assert result.stdout.startswith("[\n  {")
    rows = json.loads(result.stdout)
    assert {r["article"] for r in rows} == {p.stem for p in (repo_root / "seeds").glob("*.txt")}


def test_table_shows_mentions_and_coverage(repo_root, runner):
    result = runner("extract", "-w", str(repo_root), A1)
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert out.splitlines()[0].startswith(A1)
    assert out.splitlines()[1].split()[:5] == ["TEXT", "START", "END", "KIND", "ID"]
    assert "in the catalogue: " in out and "hong-kong" in out
    # The Philippines are not named in the catalogue, but CTG's project there stands for them.
    assert "placed by catalogue sites there: Philippines (geonames:1694008)" in out
    assert "cities and countries the catalogue lacks: 0" in out


def test_coverage_counts_sites_placed_in_a_city_or_country(catalog):
    from geo.extract import covered_by, extract_mentions

    text = "Liquid Telecom sells in Nairobi and Mombasa, Kenya, and in Lagos, Nigeria."
    got = {m.text: covered_by(catalog, m) for m in extract_mentions(text, catalog)
           if m.kind in ("city", "country")}
    assert got == {"Nairobi": "eadc-nairobi", "Mombasa": None, "Kenya": "eadc-nairobi",
                   "Lagos": None, "Nigeria": None}


def test_bad_files_are_named_and_the_rest_still_read(workspace, runner):
    bad = workspace / "bad"
    good = write_bad_articles(bad)["good"]
    result = runner("extract", "--format", "json", "-w", str(workspace), str(bad / "latin1.txt"),
                    str(bad / "empty.txt"), str(good), str(bad / "binary.txt"), "no-such-stem")
    assert result.exit_code == 2
    err = result.stderr
    assert f"{bad / 'latin1.txt'}: not UTF-8 text" in err
    assert f"{bad / 'empty.txt'}: the article is empty" in err
    assert f"{bad / 'binary.txt'}: the article is binary" in err
    assert "no-such-stem: no such file" in err
    assert "4 of 5 articles could not be read" in err
    rows = json.loads(result.stdout)
    assert {r["text"] for r in rows} == {"Mombasa", "Kenya"}
    assert {r["article"] for r in rows} == {"good"}


def _without_african_sites(ws: Path) -> None:
    """Drop Liquid Telecom's African sites (and what refers to them) from a workspace copy,
    so that the seed articles name cities and countries the catalogue lacks."""
    import re

    sites = (ws / "data" / "sites.toml").read_text(encoding="utf-8")
    blocks = re.split(r"\n(?=\[\[site\]\]\n)", sites)
    gone = ("eadc-nairobi", "ctg-pop-", "liquid-dc-", "ctg-philippines-project")
    keep = [b for b in blocks if not any(f'id = "{g}' in b for g in gone)]
    (ws / "data" / "sites.toml").write_text("\n".join(keep), encoding="utf-8")
    agreements = (ws / "data" / "agreements.toml").read_text(encoding="utf-8")
    agreements = re.sub(r"subjects = \[[^\]]*ctg-[^\]]*\]\n", "", agreements)
    (ws / "data" / "agreements.toml").write_text(agreements, encoding="utf-8")
    assert check_workspace(ws) == []


def test_suggest_drafts_entries_that_check_accepts(workspace, runner):
    _without_african_sites(workspace)
    result = runner("extract", "--suggest", "-w", str(workspace))
    assert result.exit_code == 0, result.stderr
    draft = tomllib.loads(result.stdout)["site"]
    by_name = {s["name"]: s for s in draft}
    assert {"Nairobi", "Johannesburg", "Cape Town", "Philippines"} <= set(by_name)
    cape = by_name["Cape Town"]
    assert cape["kind"] == "city" and cape["precision"] == "city" and cape["country"] == "ZA"
    assert {"reference": "geonames:3369157"}.items() <= cape["sources"][-1].items()
    assert "au Cap" in cape["sources"][0]["quote"]
    assert by_name["Philippines"]["precision"] == "country"
    # Nairobi is named twice in one article: one source, quoting its first sentence.
    assert len([s for s in by_name["Nairobi"]["sources"] if "article" in s]) == 1
    seeds = {p.stem: fold(p.read_text(encoding="utf-8"))
             for p in (workspace / "seeds").glob("*.txt")}
    for site in draft:
        for src in site["sources"]:
            if "quote" in src:
                assert fold(src["quote"]) in seeds[src["article"]]
    # Pasted as they are, the drafts pass `geo check`, and the warnings go away.
    with open(workspace / "data" / "sites.toml", "a", encoding="utf-8") as fh:
        fh.write("\n" + result.stdout)
    assert check_workspace(workspace) == []
    checked = runner("check", "-w", str(workspace), catch_exceptions=False)
    assert checked.exit_code == 0 and "warning:" not in checked.stderr
    again = runner("extract", "--suggest", "-w", str(workspace))
    assert again.exit_code == 0 and again.stdout == ""
    assert "holds every city and country" in again.stderr


def test_suggest_avoids_taken_ids_and_escapes_quotes(workspace, runner):
    # An article outside seeds/ whose sentence holds quotes and a backslash.
    article = workspace / "outside.txt"
    article.write_text('He said "we land in Mombasa \\ Kenya" today.', encoding="utf-8")
    result = runner("extract", "--suggest", "-w", str(workspace), str(article))
    assert result.exit_code == 0, result.stderr
    draft = tomllib.loads(result.stdout)["site"]
    mombasa = next(s for s in draft if s["name"] == "Mombasa")
    assert mombasa["sources"][0]["quote"] == 'He said "we land in Mombasa \\ Kenya" today.'
    assert "# not in seeds/: outside" in result.stdout
    # The catalogue already has an entity "london" (England): London, Canada gets another id.
    other = workspace / "ontario.txt"
    other.write_text("A new data centre opens in London, Canada.", encoding="utf-8")
    result = runner("extract", "--suggest", "-w", str(workspace), str(other))
    assert result.exit_code == 0, result.stderr
    ids = {s["name"]: s["id"] for s in tomllib.loads(result.stdout)["site"]}
    assert ids == {"London": "london-ca", "Canada": "canada"}


def test_check_warns_without_failing(workspace, runner):
    (workspace / "seeds" / "mombasa.txt").write_text(
        "Safaricom opened a data centre in Mombasa, Kenya. Astana and Hong Kong too. "
        "MainOne is in Lagos, Nigeria.",
        encoding="utf-8")
    (workspace / "seeds" / "mombasa.toml").write_text('language = "en"\n', encoding="utf-8")
    result = runner("check", "-w", str(workspace), catch_exceptions=False)
    assert result.exit_code == 0
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert ("warning: seeds/mombasa.txt: mentions city Mombasa (geonames:186301) as "
            "'Mombasa' at offset 34; the catalogue lacks it") in "\n".join(warnings)
    assert any("seeds/mombasa.txt: mentions country Nigeria" in w for w in warnings)
    # Places the catalogue holds, by name or by a site placed there, are not warned about.
    assert not any("Hong Kong" in w or "Astana" in w or "Kenya" in w for w in warnings)


def test_check_keeps_problem_output_unchanged(workspace, runner):
    sites = workspace / "data" / "sites.toml"
    sites.write_text(sites.read_text(encoding="utf-8").replace(
        'quote = "Le fournisseur de connectivité zimbabwéen, Liquid Telecom"',
        'quote = "not in the article"'), encoding="utf-8")
    result = runner("check", "-w", str(workspace))
    assert result.exit_code == 2
    assert "quote not found" in result.stderr
    assert "warning:" not in result.stderr  # warnings only for a valid workspace


def test_progress_bar_only_at_a_terminal(repo_root, monkeypatch, runner):
    import geo.cli.extract as cli

    stems = [p.stem for p in sorted((repo_root / "seeds").glob("*.txt"))]
    args = ["--format", "json", "-w", str(repo_root), *stems, *stems]
    assert len(stems) * 2 >= cli.PROGRESS_FROM
    calls = []
    real = cli.click.progressbar

    def spy(*a, **k):
        calls.append(k.get("label"))
        return real(*a, **k)

    monkeypatch.setattr(cli.click, "progressbar", spy)
    assert runner("extract", *args).exit_code == 0
    assert calls == []  # not a terminal: no bar
    monkeypatch.setattr(cli, "_stderr_is_terminal", lambda: True)
    result = runner("extract", *args)
    assert calls == ["reading articles"]
    assert len(json.loads(result.stdout)) > 0  # the bar is on stderr, never on stdout
    assert runner("extract", "--format", "json", "-w", str(repo_root), A0).exit_code == 0
    assert calls == ["reading articles"]  # one article: no bar


def test_outside_a_workspace(tmp_path, runner):
    article = tmp_path / "a.txt"
    article.write_text("The cable lands in Mombasa, Kenya.", encoding="utf-8")
    result = runner("extract", "--format", "json", "-w", str(tmp_path), str(article))
    assert result.exit_code == 0
    assert "no catalogue" in result.stderr
    assert [r["id"] for r in json.loads(result.stdout)] == ["geonames:186301",
                                                            "geonames:192950"]
    nothing = runner("extract", "-w", str(tmp_path))
    assert nothing.exit_code == 2 and "no seeds/ folder" in nothing.stderr
