"""Shared fixtures: the shipped workspace and throw-away copies of it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def repo_root() -> Path:
    """The repository, itself the shipped workspace (seeds/ + data/)."""
    return ROOT


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """A copy of the shipped workspace (seeds/ and data/) that a test may corrupt."""
    dest = tmp_path / "ws"
    dest.mkdir()
    shutil.copytree(ROOT / "seeds", dest / "seeds")
    shutil.copytree(ROOT / "data", dest / "data")
    return dest


@pytest.fixture(scope="session")
def catalog():
    """The shipped catalogue, loaded once."""
    from geo.catalog import load_catalog

    return load_catalog(ROOT)
