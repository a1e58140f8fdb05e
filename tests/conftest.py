"""Shared fixtures: the shipped workspace and throw-away copies of it, and the CLI."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"


_OWN_CACHE: list[str] = []


def pytest_configure(config: pytest.Config) -> None:
    """geo's caches (the gazetteer's index) go to one folder of this run, shared with the
    geo processes tests start, never to the user's own cache folder."""
    if "GEO_CACHE_DIR" not in os.environ:
        _OWN_CACHE.append(tempfile.mkdtemp(prefix="geo-test-cache-"))
        os.environ["GEO_CACHE_DIR"] = _OWN_CACHE[0]


def pytest_unconfigure(config: pytest.Config) -> None:
    for folder in _OWN_CACHE:
        shutil.rmtree(folder, ignore_errors=True)


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


class GeoRunner:
    """``geo ARGS`` run in this process by click's ``CliRunner``; see :func:`runner`."""

    def __call__(self, *args: str | os.PathLike[str], input: str | bytes | None = None,
                 expect: int | None = None, catch_exceptions: bool | None = None):
        """Run ``geo`` with ``args`` (paths become text) and return click's ``Result``
        (``exit_code``, ``stdout`` and ``stderr`` apart). ``input``: what stdin holds.
        ``expect``: the exit code, asserted with the output in the message. An exception
        geo lets escape propagates (a traceback, not exit 1) when ``expect`` is 0, else it
        is caught into the result; ``catch_exceptions`` says otherwise."""
        from click.testing import CliRunner

        from geo.cli import main

        if catch_exceptions is None:
            catch_exceptions = expect != 0
        result = CliRunner().invoke(main, [os.fspath(a) for a in args], input=input,
                                    catch_exceptions=catch_exceptions)
        if expect is not None:
            assert result.exit_code == expect, (result.exit_code, result.stdout,
                                                result.stderr, result.exception)
        return result


@pytest.fixture(scope="session")
def runner() -> GeoRunner:
    """The CLI: ``runner("check", "-w", workspace)`` runs ``geo check -w WORKSPACE`` (it
    keeps no state, so one serves every test, module-scoped fixtures included)."""
    return GeoRunner()
