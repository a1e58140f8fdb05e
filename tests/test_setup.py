"""The set-up the README promises: CI runs its test command verbatim, with the newest
releases of the dependencies, and the seeds are the shared articles byte for byte even where
``../shared/seeds`` is not beside the checkout."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: ``sha256sum`` of ../shared/seeds/*.txt, recorded when the seeds were copied
SHARED_SUMS = ROOT / "tests" / "data" / "shared-seeds.sha256"


def _readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Two commands", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.+?)\n```", section)


def test_ci_runs_the_readme_test_command_verbatim_with_the_newest_releases():
    build_cmd, test_cmd = _readme_commands()
    assert build_cmd.startswith("python -m pip install") and build_cmd.endswith("geo build")
    assert "pip install -q --upgrade -e '.[test]'" in test_cmd
    assert "chromium" in test_cmd and test_cmd.endswith("python -m pytest")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert test_cmd in ci.splitlines()
    assert "GEO_REQUIRE_BROWSER=1" in ci


def test_seeds_match_the_recorded_shared_articles():
    """Runs everywhere (tests/test_catalog.py compares with ../shared/seeds itself where
    that folder is beside the checkout, and says so when it skips)."""
    recorded = dict(reversed(line.split("  ", 1))
                    for line in SHARED_SUMS.read_text(encoding="utf-8").splitlines())
    seeds = {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
             for p in sorted((ROOT / "seeds").glob("*.txt"))}
    assert seeds == recorded
