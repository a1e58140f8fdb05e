"""Timing of a command in a new process, shared by the benchmarks that start processes
(``from timing import run_process``: a benchmark is run as a script, its folder first on
``sys.path``)."""

from __future__ import annotations

import resource
import subprocess
import time
from pathlib import Path


def run_process(cmd: list[str], env: dict[str, str], cwd: Path | None = None
                ) -> tuple[float, float]:
    """Wall and CPU time (user + system) of ``cmd`` as a new process (s); its output is
    discarded and a failure raises :class:`subprocess.CalledProcessError`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   env=env, cwd=cwd)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
