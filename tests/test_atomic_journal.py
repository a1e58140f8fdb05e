"""A set of files journalled in one folder and staged in another (an accept: journal in
data/, the draft's temporary file in drafts/) is completed, never half cleaned up, by the
next run that writes either folder: geo draft completes it first, and no run removes a
temporary file a journal lists (geo.atomic._remove_stale)."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import geo.atomic
from geo.catalog import load_catalog

ARTICLE = ("Acme Networks and Bluefin Telecom signed a partnership agreement to build a new "
           "terrestrial fibre route linking Genoa to Milan.\n")
STEM = "route-deal"


def test_a_temporary_file_another_folders_journal_lists_is_kept(tmp_path: Path) -> None:
    data, drafts = tmp_path / "data", tmp_path / "drafts"
    data.mkdir()
    drafts.mkdir()
    staged = drafts / ".x.toml.abc123.tmp.toml"
    staged.write_text("staged\n")
    stale = drafts / ".x.toml.def456.tmp.toml"  # listed by no journal
    stale.write_text("stale\n")
    (data / geo.atomic.JOURNAL_NAME).write_text(json.dumps(
        {"run": "accept", "started": "2024-01-01T00:00:00+00:00",
         "pairs": [["../drafts/.x.toml.abc123.tmp.toml", "../drafts/x.toml"]]}))
    written = geo.atomic.write_file_set({drafts / "x.toml": "new\n"}, run="draft")
    assert staged.read_text() == "staged\n"
    assert not stale.exists()
    assert written.notices == [f"{drafts}: removed 1 temporary file left by an interrupted "
                               "build"]


def test_drafting_after_a_killed_accept_completes_it_first(tmp_path: Path, runner) -> None:
    ws = tmp_path / "ws"
    runner("init", str(ws), expect=0)
    article = tmp_path / f"{STEM}.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    runner("draft", str(article), "-w", str(ws), expect=0)
    draft = (ws / "drafts" / f"{STEM}.toml").read_text(encoding="utf-8")
    ids = sorted(re.findall(r'^id = "([^"]+)"$', draft, re.MULTILINE))
    assert len(ids) == 6
    env = {**os.environ, geo.atomic.CRASH_AFTER_RENAMES_ENV: "1"}
    killed = subprocess.run([sys.executable, "-m", "geo", "accept", "-w", str(ws), STEM],
                            env=env, capture_output=True, text=True, timeout=20)
    assert killed.returncode in (-signal.SIGKILL, 137), killed.stderr
    result = runner("draft", STEM, "-w", str(ws), expect=0)
    notice, said = result.stderr.splitlines()
    assert notice.startswith(f"geo: warning: {ws / 'data'}: completed the interrupted accept "
                             "of ")
    assert said.startswith(f"geo: {STEM}: nothing new; ")
    catalog = load_catalog(ws, drafts=True)
    assert sorted(e.id for _kind, e in catalog.entities()) == ids
    assert not catalog.draft_of  # every entry in data/, none drafted again
    assert [p.name for p in (ws / "drafts").iterdir() if ".tmp" in p.name] == []
    assert runner("check", "-w", str(ws)).exit_code == 0
