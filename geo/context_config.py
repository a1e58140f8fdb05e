"""The context layers a workspace lists in its ``geo.toml`` (``[[context]]`` tables): the
file read and checked (:func:`context_specs_from_config`: one :class:`~geo.context.ContextSpec`
per table, each path a regular file inside the workspace unless allowed otherwise), and the
layers read in order (:func:`context_layers_from_config`). :mod:`geo.context` reads each file.
"""

from __future__ import annotations

import glob
import math
import os
import sys
from pathlib import Path
from typing import Any

from geo.context import SIMPLIFY_DEG, ContextLayer, ContextSpec, one_line
from geo.errors import InputError
from geo.files import MAX_TOML_BYTES, decode_utf8, parse_nested, read_bytes, regular_file
from geo.text import shown, text_problem
from geo.workspace import CONFIG_FILE

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

_SPEC_KEYS = {"path", "name", "label_field", "popup_fields", "licence", "simplify_deg"}


class OutsideWorkspaceError(InputError):
    """A ``geo.toml`` context path resolves outside the workspace, and that was not allowed."""


def _config_value(value: object) -> str:
    """A ``geo.toml`` value for a message: its repr, cut at 60 characters."""
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _read_config(config: Path) -> dict[str, Any]:
    """The table of ``geo.toml`` (a regular file of at most :data:`MAX_TOML_BYTES`)."""
    raw = read_bytes(config, MAX_TOML_BYTES, "workspace configuration")
    text = decode_utf8(raw, f"{config}: cannot read")
    try:
        return parse_nested(tomllib.loads, text, str(config))
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"{config}: cannot read: {one_line(exc)}") from None


def _config_path(root: Path, given: str, where: str, allow_outside_workspace: bool) -> Path:
    """The file a ``[[context]] path`` names (relative to ``root``), checked: a regular file,
    inside the workspace (symbolic links followed) unless ``allow_outside_workspace``."""
    problem = text_problem(given)
    if problem is not None:
        raise InputError(f"{where}: path: {problem}")
    path = Path(given)
    if not path.is_absolute():
        path = root / path
    if not allow_outside_workspace:
        try:
            resolved, home = path.resolve(), root.resolve()
        except (OSError, RuntimeError) as exc:  # a symbolic link loop
            raise InputError(f"{where}: path: {given!r}: cannot resolve: "
                             f"{one_line(exc)}") from None
        if not resolved.is_relative_to(home):
            raise OutsideWorkspaceError(
                f"{where}: path: {given!r} is outside the workspace ({resolved}): its rows "
                "would be embedded in the map; copy the file into the workspace, or allow "
                "context files outside it explicitly")
    try:
        found = regular_file(path, "context file")
    except InputError as exc:
        raise InputError(f"{where}: path: {given!r}: "
                         f"{str(exc).removeprefix(f'{path}: ')}") from None
    if not allow_outside_workspace:
        _reads_nothing_outside(found, home, given, where)
    return found


#: What starts a GDAL virtual vector file (OGR VRT), whatever its name: it reads other files.
_VRT_MARK = b"<ogrvrtdatasource"


def _reads_nothing_outside(path: Path, home: Path, given: str, where: str) -> None:
    """Refuse a context file through which GDAL would read files outside ``home``: a GDAL
    virtual file (it names other files to read), or a file beside it that GDAL opens with
    it (a shapefile's ``.dbf``, a CSV's ``.prj``...) leading outside by a symbolic link."""
    allow = ("; copy the files into the workspace, or allow context files outside it "
             "explicitly")
    try:   # without blocking, should a FIFO have been swapped in since the check
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        try:
            head = os.read(fd, 4096)
        finally:
            os.close(fd)
    except OSError:
        head = b""   # unreadable: the reader says so
    if _VRT_MARK in head.lstrip().lower():
        raise OutsideWorkspaceError(
            f"{where}: path: {given!r} is a GDAL virtual file, which reads the files it names "
            f"wherever they are{allow}")
    escaped = glob.escape(path.stem), glob.escape(path.name)
    for sibling in (*path.parent.glob(f"{escaped[0]}.*"), *path.parent.glob(f"{escaped[1]}-*")):
        try:
            resolved = sibling.resolve()
        except (OSError, RuntimeError):
            continue   # a loop or unreadable: GDAL reports it
        if sibling != path and not resolved.is_relative_to(home):
            raise OutsideWorkspaceError(
                f"{where}: path: {given!r}: {sibling.name}, which is read with it, is outside "
                f"the workspace ({resolved}){allow}")


def context_specs_from_config(workspace: str | os.PathLike[str], *,
                              allow_outside_workspace: bool = False) -> list[ContextSpec]:
    """The ``[[context]]`` tables of ``geo.toml`` at the workspace root (none if absent).

    Example::

        [[context]]
        path = "context/cables.geojson"      # relative to the workspace
        label_field = "name"                 # optional; guessed otherwise
        popup_fields = ["owners", "rfs"]     # optional; guessed otherwise
        licence = "CC BY-SA 4.0"             # optional; else <file>.licence.txt
        name = "Submarine cables"            # optional; the file stem otherwise
        simplify_deg = 0.001                 # optional tolerance in degrees

    A ``path`` must name a regular file inside the workspace folder (symbolic links
    followed): the file's rows are embedded in the map, which is made to be shared, so a
    ``geo.toml`` someone else wrote must not pull in ``../secret.csv`` or ``/etc/...``.
    ``allow_outside_workspace`` lifts that rule.

    Raises :class:`~geo.errors.InputError` whose message starts with the path of
    ``geo.toml`` (``WORKSPACE/geo.toml: context[N]: field: message``);
    :class:`OutsideWorkspaceError` for a path outside the workspace.
    """
    root = Path(workspace)
    config = root / CONFIG_FILE
    if not config.exists() and not config.is_symlink():
        return []
    data = _read_config(config)
    for key in data:
        if key != "context":
            raise InputError(f"{config}: {shown(key)}: unknown table "
                             f"(geo.toml holds [[context]] tables)")
    tables = data.get("context", [])
    if not isinstance(tables, list):
        raise InputError(f"{config}: context: expected [[context]] tables")
    specs = []
    for n, table in enumerate(tables):
        where = f"{config}: context[{n}]"
        if not isinstance(table, dict):
            raise InputError(f"{where}: expected a table")
        unknown = sorted(set(table) - _SPEC_KEYS)
        if unknown:
            raise InputError(f"{where}: {shown(unknown[0])}: unknown key "
                             f"(expected one of {', '.join(sorted(_SPEC_KEYS))})")
        for key in ("path", "name", "label_field", "licence"):
            if key in table and not isinstance(table[key], str):
                raise InputError(f"{where}: {key}: expected text, not "
                                 f"{_config_value(table[key])}")
        if "path" not in table or not table["path"].strip():
            raise InputError(f"{where}: path: missing")
        for key in ("name", "licence"):
            problem = text_problem(table.get(key, ""), allow_blank=True)
            if problem is not None:
                raise InputError(f"{where}: {key}: {problem}")
        popup = table.get("popup_fields")
        if popup is not None and not (isinstance(popup, list)
                                      and all(isinstance(p, str) for p in popup)):
            raise InputError(f"{where}: popup_fields: expected a list of field names")
        tol = table.get("simplify_deg", SIMPLIFY_DEG)
        if (isinstance(tol, bool) or not isinstance(tol, (int, float))
                or not 0 <= tol < math.inf):
            raise InputError(f"{where}: simplify_deg: expected degrees >= 0, not "
                             f"{_config_value(tol)}")
        path = _config_path(root, table["path"], where, allow_outside_workspace)
        specs.append(ContextSpec(
            path=path, name=table.get("name"), label_field=table.get("label_field"),
            popup_fields=tuple(popup) if popup is not None else None,
            licence=table.get("licence"), simplify_deg=float(tol)))
    return specs


def context_layers_from_config(workspace: str | os.PathLike[str], *,
                               allow_outside_workspace: bool = False) -> list[ContextLayer]:
    """Read every context layer that the workspace's ``geo.toml`` lists, in order.

    An error reading one of them (its file, or a field ``geo.toml`` names that the file
    lacks) is an :class:`~geo.errors.InputError` starting ``WORKSPACE/geo.toml: context[N]:``.
    """
    layers = []
    config = Path(workspace) / CONFIG_FILE
    specs = context_specs_from_config(workspace, allow_outside_workspace=allow_outside_workspace)
    for n, spec in enumerate(specs):
        try:
            layers.append(spec.read())
        except InputError as exc:
            raise InputError(f"{config}: context[{n}]: {exc}") from None
    return layers
