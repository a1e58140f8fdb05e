"""`geo --help` and each command's --help answer without loading the heavy libraries."""

import subprocess
import sys

HEAVY = ("geopandas", "folium", "pyproj", "shapely", "pandas", "numpy", "pyogrio")

PROBE = """
import sys
from click.testing import CliRunner
from geo.cli import main
for args in (["--help"], ["export", "--help"], ["measure", "--help"], ["build", "--help"],
             ["extract", "--help"], ["check", "--help"], ["list", "--help"]):
    assert CliRunner().invoke(main, args).exit_code == 0, args
print(" ".join(sorted(m for m in {HEAVY} if m in sys.modules)))
"""


def test_help_does_not_import_heavy_libraries():
    out = subprocess.run([sys.executable, "-c", PROBE.replace("{HEAVY}", repr(HEAVY))],
                         capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
