"""Each command loads only what it uses (issue 16): `geo --help` and each command's --help
answer without the heavy libraries, the schema (geo.schema) or the templates (jinja2); a build
does not load folium's plugins it does not draw."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

HEAVY = ("geopandas", "folium", "pyproj", "shapely", "pandas", "numpy", "pyogrio", "geo.schema",
         "jinja2", "branca", "simdjson", "babel")

COMMANDS = ("init", "check", "list", "build", "export", "measure", "extract", "draft",
            "accept", "figure", "serve")

PROBE = """
import sys
from click.testing import CliRunner
from geo.cli import main
for args in [["--help"], *([name, "--help"] for name in {COMMANDS})]:
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, (args, result.output)
print(" ".join(sorted(m for m in {HEAVY} if m in sys.modules)))
"""


def test_help_does_not_import_heavy_libraries():
    probe = PROBE.replace("{HEAVY}", repr(HEAVY)).replace("{COMMANDS}", repr(COMMANDS))
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         check=True, timeout=60)
    assert out.stdout.strip() == ""


def test_every_command_is_listed_in_the_help(runner):
    from geo.cli import COMMANDS as REGISTERED

    assert set(COMMANDS) == set(REGISTERED)
    text = runner("--help", expect=0).stdout
    assert all(f"  {name} " in text for name in COMMANDS)


def test_the_list_command_offers_the_schema_s_kinds_in_its_order():
    from geo.cli.listing import KIND_CHOICES
    from geo.schema import KINDS

    assert tuple(KINDS) == KIND_CHOICES


BUILD_PROBE = """
import sys
from click.testing import CliRunner
from geo.cli import main
result = CliRunner().invoke(main, ["build", "-w", sys.argv[1]])
assert result.exit_code == 0, result.output
print(" ".join(sorted(m for m in sys.modules if m.startswith("folium.plugins"))))
"""


def test_a_build_does_not_load_folium_plugins_it_does_not_draw(workspace):
    out = subprocess.run([sys.executable, "-c", BUILD_PROBE, str(workspace)], capture_output=True,
                         text=True, check=True, timeout=180)
    assert out.stdout.strip() == ""
    assert (workspace / "maps" / "connectivity.html").is_file()


#: the console script's entry point, with an exit handler and, if asked, a thread still
#: running when the command ends
RUN_PROBE = """
import atexit, sys, threading, time
from geo.cli import run
atexit.register(lambda: print("exit handler ran", file=sys.stderr))
if sys.argv[1] == "thread":
    def late():
        time.sleep(0.3)
        print("thread ended", file=sys.stderr)
    threading.Thread(target=late).start()
sys.argv = ["geo", *sys.argv[2:]]
run()
"""


def _run_probe(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", RUN_PROBE, *args], capture_output=True,
                          text=True, timeout=60)


def test_the_console_script_exits_quickly_yet_runs_exit_handlers_and_flushes():
    from geo import __version__

    done = _run_probe("-", "--version")
    assert (done.returncode, done.stdout) == (0, f"geo, version {__version__}\n")
    assert done.stderr == "exit handler ran\n"


def test_the_console_script_keeps_the_command_s_exit_status(tmp_path):
    done = _run_probe("-", "check", "-w", str(tmp_path / "none"))
    assert done.returncode == 2
    assert done.stderr.endswith("exit handler ran\n")
    assert "no data/ folder" in done.stderr


def test_the_console_script_waits_for_a_running_thread():
    done = _run_probe("thread", "--version")
    assert done.returncode == 0
    assert done.stderr == "thread ended\nexit handler ran\n"


def test_python_m_geo_builds_and_exits_zero(workspace):
    done = subprocess.run([sys.executable, "-m", "geo", "build", "-w", str(workspace)],
                          capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    assert (workspace / "maps" / "connectivity.html").stat().st_size > 100_000


@pytest.mark.parametrize(("args", "closed", "status"), [
    (["--version"], "stdout", 0), (["check", "-w", "/nonexistent/ws"], "stderr", 2)])
def test_the_console_script_keeps_its_status_with_a_stream_closed(args, closed, status):
    # a process started with stdout or stderr closed has sys.stdout/sys.stderr None
    done = subprocess.run([sys.executable, "-m", "geo", *args], timeout=60,
                          stdout=subprocess.DEVNULL if closed == "stderr" else None,
                          stderr=subprocess.DEVNULL if closed == "stdout" else None,
                          close_fds=True, pass_fds=(),
                          preexec_fn=lambda: os.close(1 if closed == "stdout" else 2))
    assert done.returncode == status
