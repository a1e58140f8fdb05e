"""Options and error handling shared by the commands (rio-style ``*_opt`` names)."""

from __future__ import annotations

import errno
import functools
import os
import sys
from collections.abc import Callable
from typing import Any, NoReturn, TypeVar

import click

from geo.errors import CatalogError, GeoError, InputError, OutputError, OutputExistsError

F = TypeVar("F", bound=Callable[..., Any])

workspace_opt = click.option(
    "-w", "--workspace",
    type=click.Path(file_okay=False, path_type=str),
    default=".", show_default=True,
    help="Workspace folder (holds seeds/ and data/; outputs go to its maps/).",
)

precision_opt = click.option(
    "--precision", type=int, default=6, show_default=True,
    help="Decimal places of coordinates; -1 keeps them as they are (0 is a real value).",
)
indent_opt = click.option("--indent", type=click.IntRange(min=0), default=None,
                          help="Indent JSON output by N spaces.")
compact_opt = click.option("--compact/--not-compact", default=False,
                           help="Use compact separators (',', ':') in JSON output.")


class GeoClickError(click.ClickException):
    """One line on stderr, ``geo: error: MESSAGE``, and the given exit code."""

    def __init__(self, message: str, exit_code: int):
        super().__init__(message)
        self.exit_code = exit_code

    def show(self, file: Any = None) -> None:
        click.echo(f"geo: error: {self.format_message()}", err=True)


def report_problems(problems: list[Any]) -> None:
    """Print one ``FILE: ENTITY_ID: FIELD: message`` line per problem on stderr."""
    for problem in problems:
        click.echo(str(problem), err=True)


#: Exit status after a closed pipe on stdout (``geo export | head -c1``): what a process
#: killed by SIGPIPE reports to the shell (128 + 13), quietly, as other tools do.
EXIT_BROKEN_PIPE = 141


def stdout_failed(exc: OSError) -> NoReturn:
    """End the command after a failed write to stdout: quietly with
    :data:`EXIT_BROKEN_PIPE` for a closed pipe, else exit 2 with one line (``geo export >
    /dev/full``: "cannot write to stdout: No space left on device")."""
    # What is left in stdout's buffer goes nowhere: the interpreter's own flush at exit
    # would otherwise fail again and print "Exception ignored ..." on stderr.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass  # not a real file (a test runner's buffer): nothing will flush it later
    if isinstance(exc, BrokenPipeError) or exc.errno == errno.EPIPE:
        sys.exit(EXIT_BROKEN_PIPE)
    raise GeoClickError(f"cannot write to stdout: {exc.strerror or exc}", 2)


#: Errors only a write gives; every file geo writes goes through geo.atomic, which turns them
#: into OutputError, so one that reaches handle_errors as such is a write to stdout.
_WRITE_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EPIPE})


def _is_stdout_failure(exc: OSError) -> bool:
    """Whether ``exc`` (escaped from a command) is a failed write to stdout."""
    if isinstance(exc, BrokenPipeError) or exc.errno in _WRITE_ERRNOS:
        return True
    tb, frame = exc.__traceback__, None
    while tb is not None:
        frame, tb = tb.tb_frame, tb.tb_next
    if (frame is not None and frame.f_code.co_name == "echo"
            and frame.f_globals.get("__name__") == "click.utils"):
        return not frame.f_locals.get("err")  # click.echo to stdout (EIO...)
    try:  # a failed small write stays in stdout's buffer: flushing fails again
        sys.stdout.flush()
    except OSError:
        return True
    except ValueError:  # closed
        return False
    return False


def _option_of(parameter: str) -> str | None:
    """The running command's option (``--tiles``) for the library parameter ``parameter``."""
    ctx = click.get_current_context(silent=True)
    for param in ctx.command.params if ctx is not None else ():
        if param.name == parameter and isinstance(param, click.Option):
            return max(param.opts, key=len)
    return None


def with_option(exc: Exception) -> str:
    """The library's message, with the option that gave the faulty value where there is one
    (library messages name no options)."""
    message = str(exc)
    if isinstance(exc, OutputExistsError) and (flag := _option_of("overwrite")):
        return f"{message}; add {flag} to replace it"
    parameter = getattr(exc, "parameter", None)
    if parameter and (flag := _option_of(parameter)):
        if getattr(exc, "names_parameter_after", False):
            return f"{message} (given by {flag})"
        return f"{flag}: {message}"
    return message


def handle_errors(fn: F) -> F:
    """Turn library errors into exits: bad input and outputs that cannot be written 2,
    other failures 1; catalogue problems listed. A failed write to stdout is one line and
    exit 2, a closed pipe a quiet :data:`EXIT_BROKEN_PIPE` (see :func:`stdout_failed`)."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            result = fn(*args, **kwargs)
            sys.stdout.flush()
            return result
        except CatalogError as exc:
            report_problems(exc.problems)
            n = len(exc.problems)
            raise GeoClickError(f"{n} problem{'s' if n != 1 else ''} in the workspace; "
                                "nothing written", 2) from None
        except (InputError, OutputError) as exc:
            # an output geo cannot write is a path (or a disk) the user gave it
            raise GeoClickError(with_option(exc), 2) from None
        except GeoError as exc:
            raise GeoClickError(str(exc), 1) from None
        except OSError as exc:
            if not _is_stdout_failure(exc):
                raise
            stdout_failed(exc)

    return wrapper  # type: ignore[return-value]
