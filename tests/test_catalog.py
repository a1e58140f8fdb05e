"""The shipped catalogue: swept whole, and corrupted copies that `geo check` must catch."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from geo.catalog import check_workspace, load_catalog
from geo.errors import CatalogError, InputError, Problem
from geo.schema import KINDS
from geo.text import fold

SEED_STEMS = {
    "000_47e597b5552f65ef", "001_449d01391f08646e",
    "002_54025ae74b54dfe0", "003_d06190fa1f8b4eda",
}


# ------------------------------------------------------------------ the shipped workspace


def test_shipped_workspace_is_clean(repo_root, runner):
    assert check_workspace(repo_root) == []
    result = runner("check", "-w", str(repo_root), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "valid" in result.stderr


def test_seeds_are_the_shared_articles_byte_for_byte(repo_root):
    shared = repo_root.parent / "shared" / "seeds"
    if not shared.is_dir():
        pytest.skip("../shared/seeds is not beside this checkout")
    for path in shared.glob("*.txt"):
        assert (repo_root / "seeds" / path.name).read_bytes() == path.read_bytes()


def test_every_entity_is_sourced_and_every_quote_found(catalog):
    """Sweep: each entity has a source; each quote is in its article (after folding)."""
    assert set(catalog.articles) == SEED_STEMS
    folded = {stem: fold(a.text) for stem, a in catalog.articles.items()}
    quotes = 0
    for _kind, entity in catalog.entities():
        assert entity.sources, entity.id
        for src in entity.sources:
            if src.is_article:
                assert fold(src.quote) in folded[src.article], (entity.id, src.quote)
                quotes += 1
            else:
                assert src.reference and src.note, entity.id
    assert quotes >= 30


def test_catalogue_covers_what_the_articles_place_on_a_map(catalog):
    orgs = {"liquid-telecom", "china-telecom-global", "china-telecom", "zte", "azertelecom",
            "kazakhtelecom", "neqsol-holding", "sparkle"}
    assert orgs <= set(catalog.organisations)
    for org in catalog.organisations.values():
        assert org.country and (org.headquarters is None or org.headquarters in catalog.sites)
    # "zimbabwéen" is a nationality, not a head office: the article names none
    assert catalog.organisations["liquid-telecom"].headquarters is None
    assert catalog.organisations["china-telecom-global"].parent == "china-telecom"
    assert catalog.organisations["azertelecom"].parent == "neqsol-holding"
    pop = catalog.sites["ctg-pop-nairobi"]
    assert (pop.host, pop.operator, pop.status) == ("eadc-nairobi", "china-telecom-global",
                                                    "operational")
    assert catalog.tenants("eadc-nairobi") == ["china-telecom-global"]
    for city in ("johannesburg", "cape-town"):
        assert catalog.sites[f"ctg-pop-{city}"].status == "planned"
        assert catalog.sites[f"liquid-dc-{city}"].operator == "liquid-telecom"
    assert catalog.routes["trans-caspian-cable"].segments[0].medium == "submarine"
    assert catalog.corridors["digital-silk-way"].routes[0] == "trans-caspian-cable"
    dates = {a.id: a.date for a in catalog.agreements.values()}
    assert dates == {
        "liquid-telecom-ctg-partnership": "2018-05",
        "zte-ctg-strategic-cooperation": None,
        "azertelecom-kazakhtelecom-memorandum": "2022-09",
        "sparkle-azertelecom-mou": "2022",
    }
    assert catalog.agreements["azertelecom-kazakhtelecom-memorandum"].venue == (
        "digital-bridge-2022")


def test_positions_never_claim_more_precision_than_their_sources(catalog):
    """A point the articles place only in a country is not claimed to city precision."""
    for site in catalog.sites.values():
        if site.host is not None:
            continue
        assert site.precision in ("city", "country"), site.id  # no address is known
        lon, lat = catalog.site_position(site.id)
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        refs = [s.reference for s in site.sources if not s.is_article]
        assert any(r.startswith("geonames:") for r in refs), site.id
    for sid in ("tcc-landing-kazakhstan", "tcc-landing-azerbaijan", "ctg-philippines-project",
                "sparkle-backbone-turkey", "zimbabwe"):
        assert catalog.site_precision(sid) == "country"
    for route in catalog.routes.values():
        assert route.schematic, route.id


def test_article_metadata(catalog):
    meta = {stem: a.meta for stem, a in catalog.articles.items()}
    assert meta["000_47e597b5552f65ef"].language == "fr"
    assert meta["000_47e597b5552f65ef"].date == "2018-05"
    assert meta["000_47e597b5552f65ef"].publisher == "Agence Ecofin"
    assert meta["002_54025ae74b54dfe0"].date == "2022-09-30"
    assert meta["001_449d01391f08646e"].date is None
    assert catalog.articles["000_47e597b5552f65ef"].label == "Agence Ecofin, 2018-05 (untitled)"


# ------------------------------------------------------------------ corrupted copies


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture drift: {old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


CORRUPTIONS = [
    pytest.param(
        lambda ws: edit(ws / "data/sites.toml", "au East Africa Data Center", "au West Africa DC"),
        ["data/sites.toml: eadc-nairobi: sources[0].quote: quote not found in article "
         "000_47e597b5552f65ef: 'China Telecom Global a déjà établi un Point de Présence "
         "(PoP) au We...'"],
        id="quote-not-in-article"),
    pytest.param(
        lambda ws: edit(ws / "data/organisations.toml", 'headquarters = "rome"',
                        'headquarters = "roma"'),
        ["data/organisations.toml: sparkle: headquarters: unknown site 'roma'"],
        id="dangling-reference"),
    pytest.param(
        lambda ws: edit(ws / "data/routes.toml", 'id = "dsw-azerbaijan-turkey"',
                        'id = "trans-caspian-cable"'),
        ["data/corridors.toml: digital-silk-way: routes[1]: unknown route "
         "'dsw-azerbaijan-turkey'",
         "data/routes.toml: trans-caspian-cable: id: duplicate id (first defined in "
         "data/routes.toml)"],
        id="duplicate-id"),
    pytest.param(
        lambda ws: edit(ws / "data/sites.toml", "lat = -1.28333", "lat = 95"),
        ["data/sites.toml: eadc-nairobi: lat: input should be less than or equal to 90 "
         "(got 95.0)"],
        id="latitude-95"),
    pytest.param(
        lambda ws: edit(ws / "data/agreements.toml", 'date = "2018-05"', 'date = "2018-13"'),
        ["data/agreements.toml: liquid-telecom-ctg-partnership: date: month 13 out of range "
         "in '2018-13'"],
        id="bad-date"),
    pytest.param(
        lambda ws: edit(ws / "data/sites.toml", 'lon = 4.88969', 'longitude = 4.88969'),
        ["data/sites.toml: amsterdam: longitude: unknown field"],
        id="misspelt-field"),
    pytest.param(
        lambda ws: edit(ws / "data/corridors.toml", 'routes = ["', 'routes = [oops"'),
        ["data/corridors.toml: -: -: not valid TOML: Invalid value (at line 9, column 11)"],
        id="broken-file"),
    pytest.param(
        lambda ws: (ws / "data/agreements.toml").write_text("", encoding="utf-8"),
        ["data/agreements.toml: -: -: the file is empty (delete it, or keep at least a "
         "comment)"],
        id="empty-file"),
    pytest.param(
        lambda ws: (ws / "seeds/001_449d01391f08646e.txt").write_bytes(
            "ZTE signs a deal in Montréal".encode("latin-1")),
        ["seeds/001_449d01391f08646e.txt: 001_449d01391f08646e: -: not UTF-8 text: "
         "byte 0xe9 at offset 25"],
        id="non-utf8-article"),
    pytest.param(
        lambda ws: (ws / "seeds/002_54025ae74b54dfe0.txt").write_text("  \n", encoding="utf-8"),
        ["seeds/002_54025ae74b54dfe0.txt: 002_54025ae74b54dfe0: -: the article is empty"],
        id="empty-article"),
    pytest.param(
        lambda ws: (ws / "seeds/003_d06190fa1f8b4eda.toml").unlink(),
        ['seeds/003_d06190fa1f8b4eda.txt: 003_d06190fa1f8b4eda: -: no metadata: add '
         '003_d06190fa1f8b4eda.toml beside it (language = "..")'],
        id="article-without-metadata"),
    pytest.param(
        lambda ws: edit(ws / "data/sites.toml", 'host = "eadc-nairobi"',
                        'host = "ctg-pop-nairobi"'),
        ["data/sites.toml: ctg-pop-nairobi: host: host cycle through 'ctg-pop-nairobi'"],
        id="host-cycle"),
    pytest.param(
        lambda ws: edit(ws / "data/sites.toml", 'name = "East Africa Data Centre (EADC)"',
                        'name = "   "'),
        ["data/sites.toml: eadc-nairobi: name: blank: give some text (white space and "
         "zero-width characters alone are not a value)"],
        id="blank-name"),
    pytest.param(
        # a blank quote folds to "", which every article "contains"
        lambda ws: edit(ws / "data/sites.toml", "quote = \"China Telecom Global a déjà",
                        "quote = \" \"\nnote = \"China Telecom Global a déjà"),
        ["data/sites.toml: eadc-nairobi: sources[0].quote: blank: give some text (white "
         "space and zero-width characters alone are not a value)"],
        id="blank-quote"),
    pytest.param(
        lambda ws: edit(ws / "data/organisations.toml", 'parent = "china-telecom"',
                        'parent = "china-telecom-global"'),
        ["data/organisations.toml: china-telecom-global: parent: parent cycle through "
         "'china-telecom-global'"],
        id="own-parent"),
    pytest.param(
        lambda ws: edit(ws / "data/organisations.toml", 'id = "china-telecom"\n',
                        'id = "china-telecom"\nparent = "china-telecom-global"\n'),
        ["data/organisations.toml: china-telecom-global: parent: parent cycle through "
         "'china-telecom-global'",
         "data/organisations.toml: china-telecom: parent: parent cycle through 'china-telecom'"],
        id="parent-cycle"),
    pytest.param(
        lambda ws: edit(ws / "data/sites.toml", 'host = "eadc-nairobi"',
                        'host = "eadc-nairobi"\nprecision = "site"'),
        ["data/sites.toml: ctg-pop-nairobi: -: a hosted site takes its precision from 'host': "
         "drop precision"],
        id="hosted-site-with-precision"),
    pytest.param(
        lambda ws: edit(ws / "data/sites.toml", 'host = "eadc-nairobi"',
                        'host = "eadc-nairobi"\nstart_date = "2020"\nend_date = "2019-05"'),
        ["data/sites.toml: ctg-pop-nairobi: end_date: '2019-05' is before start_date '2020'"],
        id="end-before-start"),
    pytest.param(
        lambda ws: edit(ws / "data/routes.toml", 'waypoints = ["frankfurt", "paris"]',
                        'waypoints = ["frankfurt", [2.35, 48.85, 35.0]]'),
        ["data/routes.toml: sparkle-backbone: segments[2].waypoints: waypoint 1: a position is "
         "[lon, lat], two numbers (WGS84 degrees); got [2.35, 48.85, 35.0]"],
        id="waypoint-with-three-numbers"),
    pytest.param(
        lambda ws: edit(ws / "data/routes.toml", 'waypoints = ["frankfurt", "paris"]',
                        'waypoints = ["frankfurt", ["2.35", "48.85"]]'),
        ["data/routes.toml: sparkle-backbone: segments[2].waypoints: waypoint 1: a position is "
         "[lon, lat], two numbers (WGS84 degrees); got ['2.35', '48.85']"],
        id="waypoint-with-text"),
    pytest.param(
        lambda ws: edit(ws / "data/routes.toml", 'waypoints = ["frankfurt", "paris"]',
                        'waypoints = ["frankfurt", "frankfurt", "paris"]'),
        ["data/routes.toml: sparkle-backbone: segments[2].waypoints: waypoint 1 repeats "
         "waypoint 0 (a leg of no length)"],
        id="repeated-waypoint"),
    pytest.param(
        lambda ws: edit(ws / "data/sites.toml", 'aliases = ["EADC", "East Africa Data Center"]',
                        'aliases = ["EADC", "eadc"]'),
        ["data/sites.toml: eadc-nairobi: aliases: alias 1 'eadc' repeats the name or another "
         "alias"],
        id="repeated-alias"),
    pytest.param(
        lambda ws: edit(ws / "data/corridors.toml", '"dsw-azerbaijan-turkey", "sparkle-backbone"',
                        '"dsw-azerbaijan-turkey", "trans-caspian-cable"'),
        ["data/corridors.toml: digital-silk-way: routes[2]: route 'trans-caspian-cable' is "
         "already in the chain"],
        id="route-twice-in-a-corridor"),
    pytest.param(
        lambda ws: edit(ws / "data/sites.toml", 'aliases = ["EADC", "East Africa Data Center"]',
                        'aliases = ["EADC", "China Telecom Global"]'),
        ["data/sites.toml: eadc-nairobi: aliases[1]: 'China Telecom Global' is also the name "
         "of 'china-telecom-global'"],
        id="alias-names-another-entity"),
    pytest.param(
        lambda ws: edit(ws / "data/sites.toml", 'aliases = ["EADC", "East Africa Data Center"]',
                        'aliases = ["ctg", "East Africa Data Center"]'),
        ["data/sites.toml: eadc-nairobi: aliases[0]: 'ctg' is also an alias of "
         "'china-telecom-global'"],
        id="alias-shared-by-two-entities"),
    pytest.param(
        lambda ws: edit(ws / "data/routes.toml", '[[route.segments]]\nmedium = "submarine"',
                        '[[route.figures]]\nquantity = "length"\nvalue = 380\nunit = "Tbps"\n'
                        '[[route.figures.sources]]\nreference = "test"\n\n'
                        '[[route.segments]]\nmedium = "submarine"'),
        ["data/routes.toml: trans-caspian-cable: figures[0]: a length is given in m or km, "
         "not Tbps"],
        id="length-in-tbps"),
    pytest.param(
        lambda ws: edit(ws / "data/routes.toml", 'operators = ["azertelecom", "kazakhtelecom"]',
                        'operators = ["azertelecom", "kazakhtelecom", "azertelecom"]'),
        ["data/routes.toml: trans-caspian-cable: operators[2]: 'azertelecom' is listed twice"],
        id="operator-twice"),
    pytest.param(
        lambda ws: edit(ws / "data/sites.toml", 'host = "eadc-nairobi"',
                        'host = "eadc-nairobi"\ncountry = "TZ"'),
        ["data/sites.toml: ctg-pop-nairobi: country: 'TZ', but its host 'eadc-nairobi' is in "
         "'KE'"],
        id="hosted-site-in-another-country"),
]


@pytest.mark.parametrize(("corrupt", "expected"), CORRUPTIONS)
def test_check_reports_each_corruption_exactly(workspace, corrupt, expected, runner):
    corrupt(workspace)
    result = runner("check", "-w", str(workspace))
    assert result.exit_code == 2, result.output
    lines = result.stderr.splitlines()
    assert lines[:-1] == expected
    n = len(expected)
    assert lines[-1] == f"geo: error: {n} problem{'s' if n > 1 else ''} in the workspace"
    assert result.stdout == ""


def test_check_reports_all_problems_not_only_the_first(workspace):
    for corrupt, _expected in (p.values for p in CORRUPTIONS[:4]):
        corrupt(workspace)
    problems = check_workspace(workspace)
    assert len(problems) == 4
    assert all(isinstance(p, Problem) for p in problems)
    with pytest.raises(CatalogError) as info:
        load_catalog(workspace)
    assert isinstance(info.value, ValueError)  # callers that know only built-ins can catch it
    assert len(info.value.problems) == 4


def test_an_invalid_entity_is_not_reported_again_as_dangling(workspace):
    edit(workspace / "data/routes.toml", 'medium = "submarine"', 'medium = "airborne"')
    problems = [str(p) for p in check_workspace(workspace)]
    assert len(problems) == 1, problems
    assert problems[0].startswith("data/routes.toml: trans-caspian-cable: segments[0].medium: ")


@pytest.mark.parametrize("folder", ["data", "seeds"])
def test_missing_folder_is_said_plainly(workspace, folder, runner):
    import shutil

    shutil.rmtree(workspace / folder)
    result = runner("check", "-w", str(workspace))
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == (
        f"{folder}/: -: -: no {folder}/ folder in workspace {workspace} "
        "(start one with `geo init DIR`)")


def test_build_refuses_an_invalid_workspace(workspace, runner):
    edit(workspace / "data/sites.toml", "lat = -1.28333", "lat = 95")
    result = runner("build", "-w", str(workspace))
    assert result.exit_code == 2
    assert "eadc-nairobi: lat:" in result.stderr
    assert "nothing written" in result.stderr


# ------------------------------------------------------------------ init, list, entry points


def test_init_makes_a_workspace_that_check_accepts(tmp_path, runner):
    result = runner("init", str(tmp_path / "new"), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    for folder in ("seeds", "data", "maps"):
        assert (tmp_path / "new" / folder).is_dir()
    for kind in KINDS:
        assert (tmp_path / "new" / "data" / f"{kind}.toml").is_file()
    assert check_workspace(tmp_path / "new") == []
    assert runner("check", "-w", str(tmp_path / "new")).exit_code == 0
    again = runner("init", str(tmp_path / "new"))
    assert again.exit_code == 2
    assert "already exists; not overwriting" in again.stderr


def test_init_writes_every_file_atomically(tmp_path, monkeypatch):
    import geo.workspace
    from geo.atomic import write_text_atomic

    written = []

    def spy(target, text):
        written.append(Path(target).relative_to(tmp_path / "new").as_posix())
        return write_text_atomic(target, text)

    monkeypatch.setattr(geo.workspace, "write_text_atomic", spy)
    geo.workspace.init_workspace(tmp_path / "new")
    files = sorted(p.relative_to(tmp_path / "new").as_posix()
                   for p in (tmp_path / "new").rglob("*") if p.is_file())
    assert sorted(written) == files == sorted(["seeds/README.md",
                                               *(f"data/{k}.toml" for k in KINDS)])


def test_a_user_adds_an_article_and_an_entity(tmp_path, runner):
    ws = tmp_path / "w"
    runner("init", str(ws), catch_exceptions=False)
    (ws / "seeds" / "note.txt").write_text("Acme opened a data centre in Lisbon.\n",
                                           encoding="utf-8")
    (ws / "seeds" / "note.toml").write_text('language = "en"\n', encoding="utf-8")
    with open(ws / "data" / "sites.toml", "a", encoding="utf-8") as f:
        f.write('\n[[site]]\nid = "acme-lisbon"\nname = "Acme Lisbon"\nkind = "data-centre"\n'
                'lon = -9.13\nlat = 38.72\nprecision = "city"\n\n[[site.sources]]\n'
                'article = "note"\nquote = "Acme opened a data\\n centre in Lisbon."\n')
    result = runner("check", "-w", str(ws))
    assert result.exit_code == 0, result.stderr
    listed = runner("list", "sites", "-w", str(ws), catch_exceptions=False)
    assert "acme-lisbon" in listed.stdout and "-9.1300, 38.7200 (city)" in listed.stdout


def test_list_table_and_json(repo_root, runner):
    result = runner("list", "-w", str(repo_root), catch_exceptions=False)
    assert result.exit_code == 0
    header = result.stdout.splitlines()[0].split()
    assert header == ["KIND", "ID", "NAME", "TYPE", "STATUS", "WHERE", "ARTICLES", "REFERENCES"]
    row = next(line for line in result.stdout.splitlines() if " trans-caspian-cable " in line)
    assert re.search(r"submarine, schematic\s+2\s+0$", row)
    js = runner("list", "routes", "--format", "json", "-w", str(repo_root), catch_exceptions=False)
    import json

    rows = json.loads(js.stdout)
    assert [r["id"] for r in rows] == ["trans-caspian-cable", "dsw-azerbaijan-turkey",
                                       "sparkle-backbone"]
    bad = runner("list", "cables", "-w", str(repo_root))
    assert bad.exit_code == 2


def test_inventory_rejects_unknown_kind(catalog):
    from geo.inventory import inventory

    with pytest.raises(InputError, match="unknown kind 'cables'"):
        inventory(catalog, "cables")


def test_python_dash_m_geo(repo_root):
    import subprocess

    out = subprocess.run([sys.executable, "-m", "geo", "--version"], capture_output=True,
                         text=True, check=True)
    assert out.stdout.strip() == "geo, version 0.1.0"


# ------------------------------------------------------------------ warnings


def test_a_corridor_that_does_not_chain_is_a_warning(workspace, runner):
    from geo.catalog_checks import catalog_warnings
    from geo.geodesy import path_length_m

    edit(workspace / "data/corridors.toml",
         'routes = ["trans-caspian-cable", "dsw-azerbaijan-turkey", "sparkle-backbone"]',
         'routes = ["trans-caspian-cable", "sparkle-backbone"]')
    cat = load_catalog(workspace)  # still valid: a gap may be real
    end = cat.site_position("tcc-landing-azerbaijan")
    start = cat.site_position("sparkle-backbone-turkey")
    gap_km = path_length_m([end, start]) / 1000
    expected = ("data/corridors.toml: digital-silk-way: routes[1]: route 'sparkle-backbone' "
                f"does not start where 'trans-caspian-cable' ends: a gap of {gap_km:,.1f} km "
                "in the chain")
    assert [str(w) for w in catalog_warnings(cat)] == [expected]
    result = runner("check", "-w", str(workspace))
    assert result.exit_code == 0, result.output
    assert f"warning: {expected}\n" in result.stderr


def test_the_shipped_corridors_chain(catalog):
    from geo.catalog_checks import catalog_warnings

    assert catalog_warnings(catalog) == []


# ------------------------------------------------------------------ tenants


def test_tenants_of_every_host_in_one_pass(workspace):
    extra = "".join(
        f'\n[[site]]\nid = "{sid}"\nname = "{sid}"\nkind = "pop"\nhost = "eadc-nairobi"\n'
        f'operator = "{op}"\n[[site.sources]]\nreference = "test"\n'
        for sid, op in (("zte-pop", "zte"), ("ctg-pop-2", "china-telecom-global")))
    with (workspace / "data/sites.toml").open("a", encoding="utf-8") as f:
        f.write(extra)
    cat = load_catalog(workspace)
    by_host = cat.tenants_by_host()
    # each operator once, in file order; only hosts that have tenants
    assert by_host["eadc-nairobi"] == ["china-telecom-global", "zte"]
    hosts = {s.host for s in cat.sites.values() if s.host and s.operator}
    assert set(by_host) == hosts
    for site_id in cat.sites:
        assert cat.tenants(site_id) == by_host.get(site_id, [])


def test_a_byte_order_mark_is_not_part_of_the_article(workspace):
    from geo.catalog import read_article_text

    path = workspace / "seeds" / "001_449d01391f08646e.txt"
    text = path.read_text(encoding="utf-8")
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert read_article_text(path) == text
    assert check_workspace(workspace) == []


def test_an_alias_differing_only_by_accents_still_names_another_entity(workspace):
    """The alias rule compares names as search and extract do (geo.text.name_key)."""
    edit(workspace / "data/organisations.toml", 'name = "AzerTelecom"\n',
         'name = "AzerTelecom"\naliases = ["Spárkle"]\n')
    problems = [str(p) for p in check_workspace(workspace)]
    assert problems == ["data/organisations.toml: azertelecom: aliases[0]: 'Spárkle' is also "
                        "the name of 'sparkle'"]
