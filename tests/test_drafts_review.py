"""The review flow: drafts/ validated by `geo check`, drawn by `geo build --drafts`, and
moved into data/ by `geo accept` (text kept byte for byte, one atomic set).

Fixture: tests/data/drafts/ (a fictional test article and its hand-written draft) laid over
a copy of the shipped workspace.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

import geo.atomic
from geo.accept import accept, parse_draft, read_draft
from geo.catalog import load_catalog
from geo.errors import InputError
from geo.workspace import Workspace

FIXTURE = Path(__file__).resolve().parent / "data" / "drafts"
STEM = "900_test_tyrrhenian_link"
DRAFT = f"drafts/{STEM}.toml"
DRAFTED = {  # id -> data file kind
    "acme-networks": "organisations", "bluefin-telecom": "organisations",
    "lisbon": "sites", "tyrrhenian-landing-marseille": "sites", "acme-pop-nairobi": "sites",
    "tyrrhenian-link": "routes", "acme-bluefin-memorandum": "agreements",
}
REPORT = (f"{DRAFT}: would add 2 organisations, 3 sites, 1 route, 1 agreement; "
          "1 incomplete entry (not read: bluefin-pop-porto); "
          "proposes alias 'Liquid' for liquid-telecom")


@pytest.fixture
def ws(workspace: Path) -> Path:
    """The shipped workspace with the fixture's article and draft."""
    for sub in ("seeds", "drafts"):
        shutil.copytree(FIXTURE / sub, workspace / sub, dirs_exist_ok=True)
    return workspace


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file of the workspace but maps/, by relative path."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and "maps" not in p.relative_to(root).parts}


def chunks(text: str) -> tuple[str, dict[str, str]]:
    """An independent cut of the fixture's layout: the header, and each entry's text (its
    comment lines to its last line, no final line feed) by id. Entries there are separated
    by a blank line followed by a comment line, which nothing inside an entry is."""
    head, *rest = text.rstrip("\n").split("\n\n# ")
    out = {}
    for chunk in rest:
        chunk = "# " + chunk
        out[re.search(r'^(?:# )?id = "([^"]+)"', chunk, re.M).group(1)] = chunk
    return head, out


def draft_text(ws: Path) -> str:
    return (ws / DRAFT).read_text(encoding="utf-8")


# ------------------------------------------------------------------ loading and check


def test_catalog_loads_drafts_only_when_asked(ws):
    plain = load_catalog(ws)
    assert plain.draft_of == {} and plain.drafts == []
    assert not set(DRAFTED) & set(plain.files)
    cat = load_catalog(ws, drafts=True)
    assert cat.draft_of == dict.fromkeys(DRAFTED, STEM)
    assert cat.drafts == [STEM]
    for eid, kind in DRAFTED.items():
        assert eid in cat.by_kind(kind) and cat.files[eid] == DRAFT
    assert "bluefin-pop-porto" not in cat.files  # commented out: not read
    # references into data/ and within the draft resolve
    assert cat.site_position("acme-pop-nairobi") == cat.site_position("eadc-nairobi")
    assert cat.tenants("eadc-nairobi")[-1] == "acme-networks"
    assert load_catalog(ws, drafts=[STEM]).draft_of == cat.draft_of


def test_check_reports_what_each_draft_would_add(ws, runner):
    result = runner("check", "-w", str(ws))
    assert result.exit_code == 0, result.output
    lines = result.stderr.splitlines()
    assert lines[0] == "geo: the workspace is valid: every quote found, every reference resolved"
    assert lines[1] == REPORT
    assert [line for line in lines if line.startswith("drafts/")] == [REPORT]


def test_check_without_drafts_prints_what_it_printed(workspace, runner):
    result = runner("check", "-w", str(workspace))
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[0].startswith("geo: the workspace is valid")
    assert "drafts/" not in result.stderr and "would add" not in result.stderr
    (workspace / "drafts").mkdir()  # an empty drafts/ adds nothing either
    assert runner("check", "-w", str(workspace)).stderr == result.stderr


def test_a_broken_draft_is_named_in_the_problem_lines(ws, runner):
    text = draft_text(ws)
    text = text.replace("lat = 38.71667", "lat = 98.71667")
    text = text.replace('quote = "The 700 km system', 'quote = "The 7000 km system')
    (ws / DRAFT).write_text(text, encoding="utf-8")
    result = runner("check", "-w", str(ws))
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert f"{DRAFT}: lisbon: lat: input should be less than or equal to 90 (got 98.71667)" \
        in lines
    assert (f"{DRAFT}: tyrrhenian-link: figures[0].sources[0].quote: quote not found in "
            f"article {STEM}: 'The 7000 km system is expected to be ready for service in "
            "2027.'") in lines
    # the invalid Lisbon is reported once, not again by those that refer to it
    assert sum("lisbon" in line for line in lines) == 1
    assert lines[-1] == "geo: error: 2 problems in the workspace"
    # the map without drafts does not read them
    assert runner("build", "-w", str(ws)).exit_code == 0
    refused = runner("build", "-w", str(ws), "--drafts")
    assert refused.exit_code == 2 and f"{DRAFT}: lisbon: lat:" in refused.stderr


@pytest.mark.parametrize(("edit", "line"), [
    (lambda t: t + "\n[[site]\n", f"{DRAFT}: -: -: not valid TOML: "),
    (lambda t: t.replace('id = "lisbon"', 'id = "rome"').replace('"lisbon"', '"rome"'),
     f"{DRAFT}: rome: id: duplicate id (first defined in data/sites.toml)"),
    (lambda t: t + '\n[[sites]]\nid = "x"\n',
     f"{DRAFT}: -: sites: unknown table; a draft holds [[organisation]], [[site]], "
     "[[route]], [[corridor]], [[agreement]] tables"),
    (lambda t: t.replace('"Acme Networks"\nkind', '"Acme Networks"\naliases = ["Liquid '
                         'Intelligent Technologies"]\nkind'),
     f"{DRAFT}: acme-networks: aliases[0]: 'Liquid Intelligent Technologies' is also an "
     "alias of 'liquid-telecom'"),
])
def test_draft_problems_name_the_draft(ws, edit, line, runner):
    (ws / DRAFT).write_text(edit(draft_text(ws)), encoding="utf-8")
    result = runner("check", "-w", str(ws))
    assert result.exit_code == 2
    assert any(got.startswith(line) for got in result.stderr.splitlines()), result.stderr


def test_data_may_not_refer_to_a_drafted_entity(ws, runner):
    orgs = ws / "data/organisations.toml"
    orgs.write_text(orgs.read_text(encoding="utf-8").replace(
        'headquarters = "rome"', 'headquarters = "lisbon"'), encoding="utf-8")
    result = runner("check", "-w", str(ws))
    assert result.exit_code == 2
    assert ("data/organisations.toml: sparkle: headquarters: unknown site 'lisbon' "
            f"in data/ (only {DRAFT} drafts it)") in result.stderr.splitlines()


def test_drafts_loaded_together_may_refer_to_each_other(ws, runner):
    other = ws / "drafts/901_other.toml"
    other.write_text('[[site]]\nid = "bluefin-hq"\nname = "Bluefin head office"\n'
                     'kind = "headquarters"\nhost = "lisbon"\noperator = "bluefin-telecom"\n\n'
                     '[[site.sources]]\nreference = "test:1"\nnote = "Test data."\n',
                     encoding="utf-8")
    assert load_catalog(ws, drafts=True).draft_of["bluefin-hq"] == "901_other"
    result = runner("check", "-w", str(ws))
    assert result.exit_code == 0, result.output
    assert "drafts/901_other.toml: would add 1 site" in result.stderr.splitlines()
    # accepting it before the draft it needs is refused, saying where that is
    refused = runner("accept", "-w", str(ws), "901_other")
    assert refused.exit_code == 2
    assert refused.stderr == (
        "geo: error: drafts/901_other.toml: bluefin-hq would refer to what data/ does not "
        f"hold and is not being accepted: 'lisbon' (drafted in {DRAFT}; needed by "
        f"bluefin-hq); 'bluefin-telecom' (drafted in {DRAFT}; needed by bluefin-hq); "
        f"accept first, or complete: 'lisbon' (drafted in {DRAFT}), 'bluefin-telecom' "
        f"(drafted in {DRAFT})\n")


# ------------------------------------------------------------------ build --drafts


def features(ws: Path, layer: str) -> dict[str, dict]:
    data = json.loads((ws / "maps" / f"{layer}.geojson").read_text(encoding="utf-8"))
    return {f["properties"]["id"]: f["properties"] for f in data["features"]}


def test_build_with_drafts_draws_them_and_writes_them_to_the_layer_files(ws, runner):
    result = runner("build", "-w", str(ws), "--drafts")
    assert result.exit_code == 0, result.output
    assert ("geo: drafts: 7 drafted entities from 1 draft drawn as unreviewed, in the map "
            "and the layer files") in result.stderr.splitlines()
    assert result.stdout.splitlines()[-1] == (
        "28 sites, 4 routes, 1 corridor, 10 organisations, 5 agreements")
    routes, sites = features(ws, "routes"), features(ws, "sites")
    assert "tyrrhenian-link" in routes and "acme-pop-nairobi" in sites
    if "draft" in routes["tyrrhenian-link"]:  # helper G's column
        assert routes["tyrrhenian-link"]["draft"] == STEM
        assert not routes["trans-caspian-cable"]["draft"]
    else:
        assert load_catalog(ws, drafts=True).draft_of["tyrrhenian-link"] == STEM
    plain = runner("build", "-w", str(ws))
    assert plain.exit_code == 0, plain.output
    assert "geo: drafts:" not in plain.stderr
    assert "tyrrhenian-link" not in features(ws, "routes")
    assert "Tyrrhenian" not in (ws / "maps/connectivity.html").read_text(encoding="utf-8")


def test_build_help_says_drafts_reach_the_layer_files(runner):
    text = " ".join(runner("build", "--help").output.split())
    assert "--drafts" in text and "The layer files written (maps/<layer>.geojson) then " \
        "include them too" in text


# ------------------------------------------------------------------ accept


def test_accept_refuses_an_entry_whose_references_stay_in_the_draft(ws, runner):
    before = snapshot(ws)
    result = runner("accept", "-w", str(ws), STEM, "tyrrhenian-link")
    assert result.exit_code == 2
    assert result.stderr == (
        f"geo: error: {DRAFT}: tyrrhenian-link would refer to what data/ does not hold and "
        "is not being accepted: 'acme-networks' (drafted here; needed by tyrrhenian-link); "
        "'bluefin-telecom' (drafted here; needed by tyrrhenian-link); "
        "'tyrrhenian-landing-marseille' (drafted here; needed by tyrrhenian-link); accept "
        f"them together: geo accept -w {ws} {STEM} tyrrhenian-link acme-networks "
        "bluefin-telecom tyrrhenian-landing-marseille lisbon\n")
    assert snapshot(ws) == before


def test_accept_ids_moves_their_text_and_keeps_the_rest(ws, runner):
    original = draft_text(ws)
    head, blocks = chunks(original)
    data_before = {kind: (ws / f"data/{kind}.toml").read_text(encoding="utf-8")
                   for kind in ("organisations", "sites", "routes", "agreements")}
    ids = ["tyrrhenian-link", "acme-networks", "bluefin-telecom",
           "tyrrhenian-landing-marseille", "lisbon"]
    result = runner("accept", "-w", str(ws), STEM, *ids)
    assert result.exit_code == 0, result.output
    assert result.stdout == ("data/organisations.toml: added acme-networks, bluefin-telecom\n"
                             "data/sites.toml: added lisbon, tyrrhenian-landing-marseille\n"
                             "data/routes.toml: added tyrrhenian-link\n")
    assert result.stderr == (f"geo: accepted 5 entries from {DRAFT}; it still holds 2 "
                             "complete entries (acme-pop-nairobi, acme-bluefin-memorandum) "
                             "and 1 incomplete entry (bluefin-pop-porto)\n")
    for kind, moved in (("organisations", ["acme-networks", "bluefin-telecom"]),
                        ("sites", ["lisbon", "tyrrhenian-landing-marseille"]),
                        ("routes", ["tyrrhenian-link"])):
        after = (ws / f"data/{kind}.toml").read_text(encoding="utf-8")
        # the data file's own text, comments and order untouched, the blocks after it
        assert after == data_before[kind] + "\n" + "\n\n".join(blocks[i] for i in moved) \
            + "\n"
    assert (ws / "data/agreements.toml").read_text(encoding="utf-8") == \
        data_before["agreements"]
    # the draft lost exactly those blocks
    left = [b for i, b in blocks.items() if i not in ids]
    assert draft_text(ws) == "\n\n".join([head, *left]) + "\n"
    assert "# route: \"a new submarine cable" in (ws / "data/routes.toml").read_text(
        encoding="utf-8")  # its comment line moved with it
    check = runner("check", "-w", str(ws))
    assert check.exit_code == 0, check.output
    assert (f"{DRAFT}: would add 1 site, 1 agreement; 1 incomplete entry (not read: "
            "bluefin-pop-porto); proposes alias 'Liquid' for liquid-telecom") \
        in check.stderr.splitlines()
    assert load_catalog(ws).routes["tyrrhenian-link"].figures[0].value == 700


def test_accept_all_leaves_the_incomplete_entry_then_refuses_it(ws, runner):
    head, blocks = chunks(draft_text(ws))
    result = runner("accept", "-w", str(ws), STEM)
    assert result.exit_code == 0, result.output
    assert result.stderr == (f"geo: accepted 7 entries from {DRAFT}; it still holds 1 "
                             "incomplete entry (bluefin-pop-porto)\n")
    assert draft_text(ws) == head + "\n\n" + blocks["bluefin-pop-porto"] + "\n"
    cat = load_catalog(ws)
    assert set(DRAFTED) <= set(cat.files)
    # the proposed alias is reported, never applied
    assert cat.organisations["liquid-telecom"].aliases == ["Liquid Intelligent Technologies"]
    again = runner("accept", "-w", str(ws), STEM)
    assert again.exit_code == 2
    assert again.stderr == (f"geo: error: {DRAFT}: no complete entry to accept (incomplete: "
                            "bluefin-pop-porto)\n")


def test_a_draft_left_without_entries_is_deleted(ws, runner):
    _head, blocks = chunks(draft_text(ws))
    (ws / DRAFT).write_text(draft_text(ws).replace(blocks["bluefin-pop-porto"] + "\n\n", ""),
                            encoding="utf-8")
    (ws / "data/agreements.toml").unlink()  # a missing data file is created
    result = runner("accept", "-w", str(ws), STEM)
    assert result.exit_code == 0, result.output
    assert result.stderr == (f"geo: accepted 7 entries from {DRAFT} and removed it: no entry "
                             "left to review\n")
    assert "data/agreements.toml: added acme-bluefin-memorandum (new file)" \
        in result.stdout.splitlines()
    assert not (ws / DRAFT).exists() and (ws / "drafts").is_dir()
    agreements = (ws / "data/agreements.toml").read_text(encoding="utf-8")
    assert agreements.startswith("# geo catalogue: agreements.")
    assert agreements.endswith("\n\n" + blocks["acme-bluefin-memorandum"] + "\n")
    assert [p.name for p in (ws / "data").iterdir() if p.name.startswith(".")] == []
    check = runner("check", "-w", str(ws))
    assert check.exit_code == 0, check.output
    assert "drafts/" not in check.stderr


@pytest.mark.parametrize(("args", "message"), [
    (["nope"], f"drafts/nope.toml: no such draft (drafts: {STEM})"),
    (["../data/sites"], "'../data/sites': not a draft's stem (the name of a file in drafts/ "
                        "without .toml)"),
    ([STEM, "no-such-id"], f"{DRAFT}: no entry 'no-such-id' in this draft (it holds: "
                           "acme-networks, bluefin-telecom, lisbon, tyrrhenian-landing-"
                           "marseille, acme-pop-nairobi, bluefin-pop-porto, tyrrhenian-link, "
                           "acme-bluefin-memorandum)"),
    ([STEM, "rome"], f"{DRAFT}: 'rome' is already in data/sites.toml, not in this draft"),
    ([STEM, "lisbon", "bluefin-pop-porto"],
     f"{DRAFT}: 'bluefin-pop-porto' is incomplete and not read (the text gives no place the "
     "gazetteer knows for it: add lon, lat and precision, or a host); complete it and "
     "remove its '# ' prefixes and the 'incomplete' line first"),
])
def test_accept_refusals_are_one_line_and_write_nothing(ws, args, message, runner):
    before = snapshot(ws)
    result = runner("accept", "-w", str(ws), *args)
    assert result.exit_code == 2, result.output
    assert result.stderr == f"geo: error: {message}\n"
    assert snapshot(ws) == before


def test_accept_refuses_an_id_data_already_holds(ws, runner):
    sites = ws / "data/sites.toml"
    _head, blocks = chunks(draft_text(ws))
    sites.write_text(sites.read_text(encoding="utf-8") + "\n" + blocks["lisbon"] + "\n",
                     encoding="utf-8")
    before = snapshot(ws)
    result = runner("accept", "-w", str(ws), STEM, "lisbon")
    assert result.exit_code == 2
    assert result.stderr == (f"geo: error: {DRAFT}: 'lisbon' is already in data/sites.toml; "
                             "remove the draft's entry, or give it another id\n")
    assert snapshot(ws) == before


def test_accept_refuses_what_does_not_validate_but_not_for_the_others(ws, runner):
    text = draft_text(ws).replace('quote = "The 700 km system', 'quote = "The 7000 km system')
    (ws / DRAFT).write_text(text, encoding="utf-8")
    before = snapshot(ws)
    refused = runner("accept", "-w", str(ws), STEM)
    assert refused.exit_code == 2
    assert refused.stderr.splitlines() == [
        f"{DRAFT}: tyrrhenian-link: figures[0].sources[0].quote: quote not found in article "
        f"{STEM}: 'The 7000 km system is expected to be ready for service in 2027.'",
        "geo: error: 1 problem in the workspace; nothing written"]
    assert snapshot(ws) == before
    ok = runner("accept", "-w", str(ws), STEM, "lisbon")  # another entry of the same draft
    assert ok.exit_code == 0, ok.output


def test_a_failed_write_leaves_every_file_as_it_was(ws, monkeypatch, runner):
    before = snapshot(ws)
    real_fsync = geo.atomic._fsync

    def failing(path: Path) -> None:
        if path.name.startswith(f".{STEM}.toml."):  # the draft, written last
            raise OSError(28, "No space left on device")
        real_fsync(path)

    monkeypatch.setattr(geo.atomic, "_fsync", failing)
    result = runner("accept", "-w", str(ws), STEM)
    assert result.exit_code == 2
    assert result.stderr == (f"geo: error: {ws / DRAFT}: cannot write: No space left on "
                             "device\n")
    assert snapshot(ws) == before  # no data file replaced, no temporary file left


def test_a_killed_accept_is_completed_by_the_next(ws, runner):
    env = {**os.environ, geo.atomic.CRASH_AFTER_RENAMES_ENV: "1"}
    killed = subprocess.run([sys.executable, "-m", "geo", "accept", "-w", str(ws), STEM],
                            env=env, capture_output=True, text=True, timeout=20)
    assert killed.returncode in (-signal.SIGKILL, 137), killed.stderr
    # data/organisations.toml replaced, the rest not yet: check says so
    check = runner("check", "-w", str(ws))
    assert check.exit_code == 2
    assert ("data/.geo-build.journal: -: -: an accept was interrupted while it replaced data "
            "files: data/ and drafts/ may mix two states until the next accept completes it"
            ) in check.stderr.splitlines()
    done = runner("accept", "-w", str(ws), STEM)
    assert done.exit_code == 2  # the killed accept, completed first, took every entry
    notice, error = done.stderr.splitlines()
    assert notice.startswith(f"geo: warning: {ws / 'data'}: completed the interrupted "
                             "accept of ")
    assert error == f"geo: error: {DRAFT}: no complete entry to accept (incomplete: " \
        "bluefin-pop-porto)"
    assert set(DRAFTED) <= set(load_catalog(ws).files)
    assert [p.name for p in (ws / "data").iterdir() if p.name.startswith(".")] == []
    assert runner("check", "-w", str(ws)).exit_code == 0


# ------------------------------------------------------------------ the draft as text


def test_entries_that_cannot_be_told_apart_as_text_are_refused(ws, runner):
    text = draft_text(ws).replace(
        'name = "Lisbon"', 'name = "Lisbon"\nnotes = """\n[[site]]\nnot a header"""')
    (ws / DRAFT).write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=r"cannot tell this \[\[site\]\] entry apart"):
        read_draft(Workspace.at(ws), ws / DRAFT)
    before = snapshot(ws)
    result = runner("accept", "-w", str(ws), STEM, "lisbon")
    assert result.exit_code == 2 and "cannot tell this [[site]] entry apart" in result.stderr
    assert snapshot(ws) == before


def test_parse_draft_keeps_leading_comments_and_leaves_stray_paragraphs():
    text = ("# header\n\n# for a\n[[site]]\nid = \"a\"\n\n[[site.sources]]\nreference = \"r\"\n"
            "\n# a stray note\n\n# for b\n[[route]]\nid = \"b\"\n")
    draft = parse_draft(text)
    assert [draft.block(e) for e in draft.entries] == [
        "# for a\n[[site]]\nid = \"a\"\n\n[[site.sources]]\nreference = \"r\"\n",
        "# for b\n[[route]]\nid = \"b\"\n"]
    assert draft.without(draft.entries[:1]) == "# header\n\n# a stray note\n\n# for b\n" \
        "[[route]]\nid = \"b\"\n"
    assert draft.without(draft.entries[1:]) == "# header\n\n# for a\n[[site]]\nid = \"a\"\n" \
        "\n[[site.sources]]\nreference = \"r\"\n\n# a stray note\n"


def test_library_does_not_import_click():
    code = ("import sys, geo.accept, geo.catalog, geo.build; "
            "sys.exit('click' in sys.modules)")
    assert subprocess.run([sys.executable, "-c", code], timeout=20).returncode == 0


def test_accept_as_a_library_call(ws):
    result = accept(ws, STEM, ["lisbon"])
    assert result.added == {ws / "data/sites.toml": ["lisbon"]}
    assert result.left_incomplete == ["bluefin-pop-porto"] and not result.draft_removed


def test_the_readme_accept_example_is_what_the_command_prints(workspace, monkeypatch, runner):
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme.split("### `geo accept STEM [ID...]`", 1)[1].split("\n### ", 1)[0]
    console = re.search(r"```console\n(.+?)\n```", section, re.S).group(1)
    review = workspace.parent / "review"
    workspace.rename(review)
    for sub in ("seeds", "drafts"):
        shutil.copytree(FIXTURE / sub, review / sub, dirs_exist_ok=True)
    monkeypatch.chdir(review.parent)
    runs = re.findall(r"^\$ geo (.+)\n((?:(?!\$ ).*\n?)*)", console, re.M)
    assert len(runs) == 5
    for args, expected in runs:
        result = runner(*args.split())
        assert result.output == expected.rstrip("\n") + "\n", args
