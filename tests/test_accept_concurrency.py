"""`geo accept` runs at the same time take turns: each reads data/ and drafts/ with their
locks held (geo.atomic.locked_folders), so no run writes over what another just accepted."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import geo.atomic
from geo.catalog import load_catalog

#: a process that accepts one draft, its reads slowed so that two runs' reads and writes
#: would interleave if nothing held them apart
SLOW_ACCEPT = textwrap.dedent("""
    import sys, time
    import geo.accept
    read = geo.accept.read_workspace
    def slow(*args, **kwargs):
        out = read(*args, **kwargs)
        time.sleep(0.4)
        return out
    geo.accept.read_workspace = slow
    result = geo.accept.accept(sys.argv[1], sys.argv[2])
    print(result.count)
""")

NAMES = {"alpha": "Alpha Networks", "beta": "Beta Telecom", "gamma": "Gamma Cables"}


def _workspace(root: Path) -> Path:
    """A workspace with one article and one draft (one organisation) per name."""
    for sub in ("seeds", "data", "drafts"):
        (root / sub).mkdir(parents=True)
    for stem, name in NAMES.items():
        sentence = f"{name} opened an office."
        (root / "seeds" / f"{stem}.txt").write_text(sentence + "\n", encoding="utf-8")
        (root / "seeds" / f"{stem}.toml").write_text('language = "en"\n', encoding="utf-8")
        (root / "drafts" / f"{stem}.toml").write_text(
            f'[[organisation]]\nid = "{stem}"\nname = "{name}"\nkind = "operator"\n\n'
            f'[[organisation.sources]]\narticle = "{stem}"\nquote = "{sentence}"\n',
            encoding="utf-8")
    return root


@pytest.mark.parametrize("attempt", [1, 2])
def test_accepts_at_the_same_time_keep_every_entry(tmp_path: Path, attempt: int) -> None:
    ws = _workspace(tmp_path / f"ws{attempt}")
    runs = [subprocess.Popen([sys.executable, "-c", SLOW_ACCEPT, str(ws), stem],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for stem in NAMES]
    outcomes = []
    for run in runs:
        try:
            out, err = run.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            run.kill()
            run.communicate()
            raise
        outcomes.append((run.returncode, out, err))
    assert outcomes == [(0, "1\n", "")] * len(NAMES)
    assert sorted(load_catalog(ws).files) == sorted(NAMES)
    assert list((ws / "drafts").iterdir()) == []
    leftovers = [p.name for p in (ws / "data").iterdir() if p.name.startswith(".")]
    assert leftovers == []


def test_a_set_written_inside_locked_folders_uses_the_locks_held(tmp_path: Path) -> None:
    folder = tmp_path / "out"
    with geo.atomic.locked_folders([folder, tmp_path / "other"]):
        assert (folder / geo.atomic.LOCK_NAME).exists()
        written = geo.atomic.write_file_set({folder / "a.txt": "a\n"})  # no wait on itself
        assert written.paths == [folder / "a.txt"]
        assert (folder / geo.atomic.LOCK_NAME).exists()  # still held
    assert (folder / "a.txt").read_text() == "a\n"
    assert not (folder / geo.atomic.LOCK_NAME).exists()  # let go


def test_an_accept_between_a_drafts_read_and_its_write_is_not_drafted_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # `geo draft alpha` run again while `geo accept alpha` moves alpha's entries into data/:
    # the draft run read data/ before the accept wrote. Its entries are made again from what
    # the accept wrote, under the locks, so no id is both in data/ and in the new draft.
    import geo.draft.run
    from geo.accept import accept
    from geo.catalog import read_workspace
    from geo.workspace import Workspace

    ws = tmp_path / "ws"
    for sub in ("seeds", "data"):
        (ws / sub).mkdir(parents=True)
    article = tmp_path / "alpha.txt"
    article.write_text("Alpha Networks opened a data centre in Nairobi, Kenya, in March 2024.\n",
                       encoding="utf-8")
    geo.draft.run.draft_articles([str(article)], ws)
    read = geo.draft.run._catalogue_with_other_drafts
    accepted: list[int] = []

    def read_then_accept(*args, **kwargs):
        catalog = read(*args, **kwargs)
        if not accepted:  # another process's accept, after this run read the catalogue
            accepted.append(accept(ws, "alpha").count)
        return catalog

    monkeypatch.setattr(geo.draft.run, "_catalogue_with_other_drafts", read_then_accept)
    geo.draft.run.draft_articles(["alpha"], ws)
    assert accepted == [3]
    catalog, problems = read_workspace(Workspace(ws), drafts=True)
    assert [p for p in problems if "duplicate id" in p.message] == []
    assert sorted(catalog.files) == ["alpha-networks", "alpha-networks-data-centre", "nairobi"]
    assert all(f.startswith("data/") for f in catalog.files.values())


def test_a_draft_run_creates_no_data_folder(tmp_path: Path) -> None:
    # the run locks data/ to write only when there is one: a workspace without it stays so
    # (geo check says it is missing), and a dangling link named data is no obstacle
    import geo.draft.run

    for ws, dangling in ((tmp_path / "ws", False), (tmp_path / "linked", True)):
        (ws / "seeds").mkdir(parents=True)
        if dangling:
            (ws / "data").symlink_to(tmp_path / "nowhere")
        (ws / "seeds" / "alpha.txt").write_text(
            "Alpha Networks opened a data centre in Nairobi, Kenya, in March 2024.\n",
            encoding="utf-8")
        geo.draft.run.draft_articles(["alpha"], ws)
        assert (ws / "drafts" / "alpha.toml").is_file()
        assert not (ws / "data").is_dir()
