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
