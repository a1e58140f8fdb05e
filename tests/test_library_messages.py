"""Library errors say what is wrong, never which command-line option to use: the library
never imports click, and the CLI adds the option that gave a faulty value (geo.cli.options)."""

from __future__ import annotations

import ast
import re

import pytest

from geo.errors import InputError, OutputExistsError
from geo.export import check_output
from geo.webmap.build import tile_provider
from tests.conftest import ROOT

OPTION = re.compile(r"(?<![\w-])--[a-z][a-z-]+")
ERRORS = {"GeoError", "InputError", "OutputError", "OutputExistsError", "CatalogError",
          "MissingFieldError"}


def _library_raises():
    for path in sorted((ROOT / "geo").rglob("*.py")):
        if "cli" in path.relative_to(ROOT / "geo").parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call)):
                continue
            func = node.exc.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            if name not in ERRORS:
                continue
            for part in ast.walk(node.exc):
                if isinstance(part, ast.Constant) and isinstance(part.value, str):
                    yield f"{path.relative_to(ROOT)}:{node.lineno}", part.value


def test_the_sweep_sees_the_library_s_messages():
    assert sum(1 for _ in _library_raises()) > 100


def test_no_library_message_names_an_option():
    naming = [f"{where}: {text!r}" for where, text in _library_raises() if OPTION.search(text)]
    assert not naming


def test_the_library_says_which_parameter_the_cli_names_the_option(runner, tmp_path):
    with pytest.raises(InputError) as caught:
        tile_provider("Nope.Nope")
    assert caught.value.parameter == "tiles" and "--" not in str(caught.value)
    existing = tmp_path / "sites.csv"
    existing.write_text("x\n", encoding="utf-8")
    with pytest.raises(OutputExistsError, match=r"sites\.csv: already exists$"):
        check_output(existing)
    result = runner("export", "-w", ROOT, "--layer", "sites", "-o", existing, expect=2)
    assert result.stderr.strip() == (f"geo: error: {existing}: already exists; add "
                                     "--overwrite to replace it")
