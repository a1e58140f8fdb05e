"""`geo accept` writes the entries it moves with the data file's own line ending, so a draft
saved with CRLF never leaves a data file of mixed line endings (nor the other way round)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from geo.catalog import load_catalog

SENTENCE = "Alpha Networks opened an office."
ENTRY = ('# organisation "Alpha Networks"\n[[organisation]]\nid = "alpha"\n'
         'name = "Alpha Networks"\nkind = "operator"\n\n[[organisation.sources]]\n'
         f'article = "alpha"\nquote = "{SENTENCE}"\n')


def _endings(raw: bytes) -> set[bytes]:
    """The line endings ``raw`` uses: CRLF and/or a bare LF."""
    return {m.group() for m in re.finditer(rb"\r?\n", raw)}


@pytest.mark.parametrize("draft_ending, data_ending", [("\r\n", "\n"), ("\n", "\r\n"),
                                                       ("\r\n", "\r\n")])
def test_accepted_entries_take_the_data_files_line_ending(tmp_path: Path, runner,
                                                          draft_ending: str,
                                                          data_ending: str) -> None:
    ws = tmp_path / "ws"
    runner("init", str(ws), expect=0)
    (ws / "seeds" / "alpha.txt").write_text(SENTENCE + "\n", encoding="utf-8")
    (ws / "seeds" / "alpha.toml").write_text('language = "en"\n', encoding="utf-8")
    (ws / "drafts").mkdir()
    (ws / "drafts" / "alpha.toml").write_bytes(
        ("# a draft saved by an editor\n\n" + ENTRY).replace("\n", draft_ending).encode())
    data_file = ws / "data" / "organisations.toml"
    data_file.write_bytes(data_file.read_bytes().replace(b"\n", data_ending.encode()))
    before = data_file.read_bytes()
    result = runner("accept", "-w", str(ws), "alpha", expect=0)
    assert result.stdout == "data/organisations.toml: added alpha\n"
    after = data_file.read_bytes()
    assert after.startswith(before)  # its own text byte for byte
    assert _endings(after) == {data_ending.encode()}
    assert after.endswith(ENTRY.replace("\n", data_ending).encode())
    assert [e.id for _kind, e in load_catalog(ws).entities()] == ["alpha"]
