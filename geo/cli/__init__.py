"""The ``geo`` command: a thin click layer over the library.

Commands live one per module in this package and are loaded lazily, so ``geo --help`` and
``geo check`` do not pay for importing folium or the gazetteer.
"""

from __future__ import annotations

import gc
import importlib
import os
from typing import Any

import click

from geo import __version__

#: command name -> module under geo.cli holding a click command of the same name
COMMANDS = {
    "init": "init",
    "check": "check",
    "list": "listing",
    "build": "build",
    "export": "export",
    "measure": "measure",
    "extract": "extract",
    "draft": "draft",
    "accept": "accept",
    "figure": "figure",
    "serve": "serve",
}


class LazyGroup(click.Group):
    """A group whose commands are imported only when used."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        """Run the command line, tuning the process first: a command runs before it imports
        its libraries (numpy, pandas, folium...), and only a running command,
        not an import of this module, touches the process's settings."""
        # numpy's OpenBLAS starts a thread per core when numpy is imported, and they spin:
        # 0.13 s of CPU per command on a 2-core machine (as much as the import itself), for
        # geo, which does no linear algebra. One thread unless the user chose otherwise;
        # children (extract --jobs) inherit it.
        os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
        # A command imports ~900 modules and frees little: at the default threshold (700
        # allocations) the collector ran ~250 times in `geo build`, 0.12 s of its 1.7 s,
        # rescanning the same long-lived objects; at 100,000 it runs about once (0.03 s)
        # and still collects cyclic garbage. The library leaves the collector alone.
        gc.set_threshold(100_000, *gc.get_threshold()[1:])
        return super().main(*args, **kwargs)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [name for name in COMMANDS if self._load(name) is not None]

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        return self._load(cmd_name)

    @staticmethod
    def _load(name: str) -> click.Command | None:
        module_name = COMMANDS.get(name)
        if module_name is None:
            return None
        try:
            module = importlib.import_module(f"geo.cli.{module_name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"geo.cli.{module_name}":
                return None  # command not built yet
            raise
        return module.command


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("-v", "--verbose", count=True, help="More diagnostics on stderr (repeatable).")
@click.option("-q", "--quiet", count=True, help="Fewer diagnostics on stderr (repeatable).")
@click.version_option(__version__, prog_name="geo")
@click.pass_context
def main(ctx: click.Context, verbose: int, quiet: int) -> None:
    """Turn news about telecom infrastructure into a cited, checkable map.

    A workspace holds articles in seeds/ and the catalogue in data/; geo writes
    into maps/. Commands work on the current folder unless -w/--workspace names another.

    \b
    Example:
      geo init my-workspace
      geo check -w my-workspace
      geo build
    """
    import logging  # not for --help, which answers before this runs

    level = logging.WARNING - 10 * verbose + 10 * quiet
    logging.basicConfig(level=max(logging.DEBUG, min(logging.CRITICAL, level)),
                        format="geo: %(message)s")
    ctx.ensure_object(dict)


def run() -> None:
    """The ``geo`` console script and ``python -m geo``: :func:`main`, then a quick exit.

    Once the command has run, its output is flushed and the interpreter's exit handlers
    (``atexit``: logging, temporary folders, worker pools) have run, the process ends
    without tearing its ~900 modules and their objects down one by one, which cost every
    command 0.14 s (issue 16). Where another thread is still running, the process exits as
    usual (the interpreter waits for it). Tests call :func:`main`, which exits as usual.
    """
    import atexit
    import contextlib
    import sys
    import threading

    try:
        main()
        code: Any = 0
    except SystemExit as exc:
        code = exc.code
    if code is None:
        code = 0
    elif not isinstance(code, int):  # sys.exit("message"), as the interpreter prints it
        if sys.stderr is not None:
            print(code, file=sys.stderr)
        code = 1
    run_exit_handlers = getattr(atexit, "_run_exitfuncs", None)  # CPython's
    if threading.active_count() > 1 or run_exit_handlers is None:
        sys.exit(code)
    try:
        if sys.stdout is not None:  # None: started with stdout closed
            sys.stdout.flush()
    except BrokenPipeError:
        from geo.cli.options import EXIT_BROKEN_PIPE

        code = code or EXIT_BROKEN_PIPE
    except (OSError, ValueError) as exc:
        if sys.stderr is not None:
            print(f"geo: error: cannot write to stdout: "
                  f"{getattr(exc, 'strerror', None) or exc}", file=sys.stderr)
        code = code or 2
    run_exit_handlers()
    for stream in (sys.stdout, sys.stderr):  # what the exit handlers wrote
        with contextlib.suppress(OSError, ValueError, AttributeError):
            stream.flush()
    os._exit(code & 0xFF)
