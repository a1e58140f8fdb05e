"""Drafting an article again never replaces a draft a reviewer edited (geo.draft.run: the
checksum line geo.draft_toml.stamped writes), unless --overwrite says so."""

from __future__ import annotations

from pathlib import Path

import pytest

from geo.draft_toml import as_written, stamped

PARAGRAPH = ("NTT and Telstra signed an agreement in Singapore to build a new submarine cable "
             "linking Sydney to Singapore via Jakarta. Telstra will also open a new point of "
             "presence in Equinix's SG3 data centre in Singapore.\n")
STEM = "ntt-telstra"
DRAFT = f"drafts/{STEM}.toml"


@pytest.fixture
def ws(tmp_path: Path, runner) -> Path:
    root = tmp_path / "ws"
    runner("init", str(root), expect=0)
    article = tmp_path / f"{STEM}.txt"
    article.write_text(PARAGRAPH, encoding="utf-8")
    runner("draft", str(article), "-w", str(root), expect=0)
    return root


def test_checksum_tells_an_edited_text_apart() -> None:
    text = stamped("# header\n\n[[site]]\nid = \"a\"\n")
    assert as_written(text) is True
    assert stamped(text) == text
    assert as_written(text.replace('"a"', '"b"')) is False
    assert as_written(text + "\n") is False
    assert as_written("[[site]]\n") is None


def test_an_unedited_draft_is_drafted_again(ws: Path, runner) -> None:
    before = (ws / DRAFT).read_text(encoding="utf-8")
    assert as_written(before) is True
    (ws / DRAFT).write_text(stamped(before.replace("Drafted by", "Written by")),
                            encoding="utf-8")  # as if an earlier geo wrote other text
    runner("draft", STEM, "-w", str(ws), expect=0)
    assert (ws / DRAFT).read_text(encoding="utf-8") == before


@pytest.mark.parametrize("edit, why", [
    (lambda t: t.replace('kind = "unspecified"', 'kind = "operator"', 1),
     "was edited since geo wrote it"),
    (lambda t: "\n".join(line for line in t.split("\n")
                         if not line.startswith("# geo draft checksum")),
     "holds no geo draft checksum line (written by hand or by an earlier geo, or the line "
     "was removed), so it may hold a reviewer's edits"),
])
def test_an_edited_draft_is_kept_unless_overwrite(ws: Path, runner, edit, why) -> None:
    original = (ws / DRAFT).read_text(encoding="utf-8")
    edited = edit(original)
    assert edited != original
    (ws / DRAFT).write_text(edited, encoding="utf-8")
    result = runner("draft", STEM, "-w", str(ws))
    assert result.exit_code == 2
    assert result.stderr == (f"geo: error: {DRAFT}: {why}; not replaced, nothing drafted; "
                             "add --overwrite to replace it\n")
    assert (ws / DRAFT).read_text(encoding="utf-8") == edited
    runner("draft", STEM, "-w", str(ws), "--overwrite", expect=0)
    assert (ws / DRAFT).read_text(encoding="utf-8") == original


def test_accepting_part_of_a_draft_is_no_edit(ws: Path, runner) -> None:
    runner("accept", "-w", str(ws), STEM, "ntt", expect=0)
    left = (ws / DRAFT).read_text(encoding="utf-8")
    assert "\nid = \"ntt\"\n" not in left
    assert as_written(left) is True
    runner("draft", STEM, "-w", str(ws), expect=0)
    # edited, then partly accepted: still edited
    text = (ws / DRAFT).read_text(encoding="utf-8")
    (ws / DRAFT).write_text(text.replace('kind = "unspecified"', 'kind = "operator"', 1),
                            encoding="utf-8")
    runner("accept", "-w", str(ws), STEM, "telstra", expect=0)
    assert as_written((ws / DRAFT).read_text(encoding="utf-8")) is False
    assert runner("draft", STEM, "-w", str(ws)).exit_code == 2


def test_help_says_an_edited_draft_is_kept(runner) -> None:
    said = " ".join(runner("draft", "--help", expect=0).stdout.split())
    assert "--overwrite Replace a draft of the same article even when it was edited" in said
    assert "an edited draft, or one without that line, is kept" in said
