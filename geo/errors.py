"""Exceptions of the geo library.

One base class, :class:`GeoError`; each subclass also derives from the matching built-in so
that callers who do not know geo can still catch ``ValueError`` or ``OSError``. The CLI maps
:class:`InputError` (bad input: exit 2) and any other :class:`GeoError` (failure: exit 1).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


class GeoError(Exception):
    """Base class of every error geo raises on purpose."""


class InputError(GeoError, ValueError):
    """The input (a workspace, a file, an option value) is not what geo can use.

    ``parameter`` names the library parameter whose value is at fault (``"tiles"``), so that a
    front end can name its own option for it; library messages never name command-line
    options. A front end names it before the message (``--tiles: unknown provider...``),
    or after it where :attr:`names_parameter_after` is true: for messages that begin with
    the file they are about (``cables.geojson: id field 'x' is not a field of the file
    (given by --id-field)``).
    """

    #: whether a front end names the parameter's option after the message, not before it
    names_parameter_after = False

    def __init__(self, *args: object, parameter: str | None = None):
        super().__init__(*args)
        self.parameter = parameter


class OutputExistsError(InputError):
    """An output file exists and replacing it was not asked for."""


class OutputError(GeoError, OSError):
    """An output could not be written; earlier outputs are left as they were."""


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with a workspace, located as ``FILE: ENTITY_ID: FIELD: message``.

    ``file`` is relative to the workspace root (POSIX separators); ``entity_id`` and
    ``field`` are ``"-"`` where the problem is with the file as a whole.
    """

    file: str
    entity_id: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.entity_id}: {self.field}: {self.message}"


class CatalogError(InputError):
    """The workspace's catalogue or articles do not validate; ``problems`` lists all."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems: list[Problem] = list(problems)
        n = len(self.problems)
        head = f"{n} problem{'s' if n != 1 else ''} in the workspace"
        super().__init__(head + "".join(f"\n{p}" for p in self.problems))
