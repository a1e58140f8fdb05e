"""Options and error handling shared by the commands (rio-style ``*_opt`` names)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

import click

from geo.errors import CatalogError, GeoError, InputError

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


def handle_errors(fn: F) -> F:
    """Turn library errors into exits: bad input 2, failures 1; catalogue problems listed."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except CatalogError as exc:
            report_problems(exc.problems)
            n = len(exc.problems)
            raise GeoClickError(f"{n} problem{'s' if n != 1 else ''} in the workspace; "
                                "nothing written", 2) from None
        except InputError as exc:
            raise GeoClickError(str(exc), 2) from None
        except GeoError as exc:
            raise GeoClickError(str(exc), 1) from None

    return wrapper  # type: ignore[return-value]
