"""Benchmark start-up (issue 16): ``geo --help`` and ``geo build`` on the shipped workspace
against the floors of the libraries they cannot do without, in the same run.

Run on demand (not collected by pytest)::

    python tests/benchmarks/bench_startup.py [-n 9]

Fresh processes, each command once per round in a rotating order (the machine is shared
and noisy), ``-n`` rounds; printed: best wall and CPU (user + system) time of each, and the
ratio to its floor (of the best times; and the median of the per-round wall-time ratios).

- ``geo --help`` against a bare click application of as many commands (with docstrings)
  printing its help. Target: <= 1.2.
- ``geo build`` against the bare ``import geopandas, folium, pyproj``. Target: <= 1.2.
  Between them, to say what remains: the floor plus click and geo's catalogue (its schema,
  which every build validates against), and the floor plus every module ``geo
  build`` imports (``import geo.build``): the rest of a build is its work (routing,
  drawing, writing), not start-up.

``geo`` (the console script, ``geo.cli.run``) ends its process without the interpreter's
teardown of every module and object, which the floor's bare import pays (about 0.14 s here);
the row "usual interpreter exit" runs the same build through ``geo.cli.main`` and
exits as a plain script does, to show that part apart.

Python's bytecode cache is on for geo's own modules (in a temporary folder), as in an
installed copy, even where PYTHONDONTWRITEBYTECODE is set; so is the gazetteer's cache.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

from timing import run_process

ROOT = Path(__file__).resolve().parents[2]
FLOOR = "import geopandas, folium, pyproj"
#: ``geo`` exiting as a plain script does (its arguments after ``-c``).
USUAL_EXIT = "import sys; from geo.cli import main; sys.argv[0] = 'geo'; main()"
#: A bare click application of ten commands, for ``geo --help``.
CLICK_APP = """
import click

@click.group()
@click.option("-v", "--verbose", count=True, help="More diagnostics.")
def main(verbose):
    \"\"\"A bare click application.\"\"\"

for name in ("init", "check", "list", "build", "export", "measure", "extract", "draft",
             "accept", "figure"):
    main.add_command(click.Command(name, help=f"The {name} command, described at length. "
                                              "It does many things, in a few lines of text.",
                                   params=[click.Option(["-w", "--workspace"])]))
main()
"""




def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-n", "--repeats", type=int, default=9)
    args = parser.parse_args()
    py = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        env = dict(os.environ, PYTHONPYCACHEPREFIX=str(folder / "pycache"),
                   GEO_CACHE_DIR=str(folder / "cache"))
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        ws = folder / "ws"
        shutil.copytree(ROOT / "seeds", ws / "seeds")
        shutil.copytree(ROOT / "data", ws / "data")
        # (name, command, floor's name or None, target)
        cmds: list[tuple[str, list[str], str | None, float | None]] = [
            ("bare click app --help", [py, "-c", CLICK_APP, "--help"], None, None),
            ("geo --help", [py, "-m", "geo", "--help"], "bare click app --help", 1.2),
            (FLOOR, [py, "-c", FLOOR], None, None),
            ("  + click, geo.catalog (schema)",
             [py, "-c", FLOOR + ", click; import geo.catalog"], FLOOR, None),
            ("  + every module geo build imports",
             [py, "-c", FLOOR + ", click; import geo.cli.build, geo.build"], FLOOR, None),
            ("  geo build, usual interpreter exit",
             [py, "-c", USUAL_EXIT, "build", "-w", str(ws)], FLOOR, None),
            ("geo build", [py, "-m", "geo", "build", "-w", str(ws)], FLOOR, 1.2),
        ]
        for _name, cmd, _floor, _target in cmds:   # warm-up: bytecode
            run_process(cmd, env)
        walls: dict[str, list[float]] = {c[0]: [] for c in cmds}
        cpus: dict[str, list[float]] = {c[0]: [] for c in cmds}
        for i in range(args.repeats):
            k = i % len(cmds)
            for name, cmd, _floor, _target in cmds[k:] + cmds[:k]:
                wall, cpu = run_process(cmd, env)
                walls[name].append(wall)
                cpus[name].append(cpu)
    print(f"fresh processes, best of {args.repeats} rounds (ratios to the floor above each)")
    for name, _cmd, floor, target in cmds:
        line = f"{name:36s} wall {min(walls[name]):6.3f} s   CPU {min(cpus[name]):6.3f} s"
        if floor is not None:
            paired = statistics.median(w / f for w, f in zip(walls[name], walls[floor],
                                                              strict=True))
            line += (f"   ratio wall {min(walls[name]) / min(walls[floor]):4.2f} (paired median "
                     f"{paired:4.2f}), CPU {min(cpus[name]) / min(cpus[floor]):4.2f}")
        if target is not None:
            line += f"   (target <= {target})"
        print(line)


if __name__ == "__main__":
    main()
