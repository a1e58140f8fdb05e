"""What a figure is asked to be: :class:`FigureOptions` and the checks of every value.

Light on purpose (no numpy, no matplotlib), so that the command line can name the formats and
themes without loading them. Every check raises :class:`~geo.errors.InputError` with a
message that says what is wrong without naming a command-line flag (the CLI adds it).

Units: widths in CSS pixels (96 per inch; an SVG ``width`` of 1200 px is 900 pt); bounding
boxes in WGS84 degrees, ``west, south, east, north``; a west edge east of the east edge
(``170,-50,-170,10``) is a box across the antimeridian.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from pathlib import Path

from geo.errors import InputError
from geo.names import LAYER_NAMES
from geo.text import text_problem

#: What ``geo figure`` writes.
FORMATS = ("svg", "png", "pdf")
#: Colour schemes: ``light`` (screens), ``dark`` (screens, dark pages), ``print`` (paper:
#: white sea, grey land, black text).
THEMES = ("light", "dark", "print")
#: Pixel densities of a PNG: 1x (``width`` pixels wide) or 2x (twice as many, same layout).
SCALES = (1, 2)
#: Default width of the figure, CSS pixels.
DEFAULT_WIDTH_PX = 1200
#: Narrowest and widest figure, CSS pixels (the legend and the source line need room; a
#: PNG of more than 16,000 pixels a side is more than any page needs).
MIN_WIDTH_PX = 480
MAX_WIDTH_PX = 8000
#: The title when none is given (the web map's).
DEFAULT_TITLE = "Telecom connectivity"
#: Longest title, subtitle or notes, in characters.
MAX_TEXT_CHARS = 2000
#: Largest number of ``extent_ids``.
MAX_EXTENT_IDS = 1000


@dataclass(frozen=True)
class FigureOptions:
    """Options of one figure (see ``geo figure --help``).

    ``format`` ``None`` is SVG (:func:`format_for` takes it from an output's suffix);
    ``title`` ``None`` is :data:`DEFAULT_TITLE`; ``subtitle`` ``None`` counts what the
    figure draws (``25 sites · 3 routes ...``), ``""`` is none; ``layers`` ``None`` is every
    catalogue layer; ``extent_ids`` (catalogue ids) and ``bbox`` (degrees) exclude each
    other, and without either the figure frames everything it draws; ``locator`` ``None``
    adds the locator inset to regional maps only.
    """

    format: str | None = None
    extent_ids: tuple[str, ...] = ()
    bbox: tuple[float, float, float, float] | None = None
    title: str | None = None
    subtitle: str | None = None
    notes: str | None = None
    layers: tuple[str, ...] | None = None
    width_px: int = DEFAULT_WIDTH_PX
    scale: int = 1
    theme: str = "light"
    locator: bool | None = None

    def checked(self) -> FigureOptions:
        """These options, checked, with ``layers`` in :data:`LAYER_NAMES` order.

        Raises :class:`InputError` for the first value that is not usable.
        """
        fmt = self.format if self.format is not None else "svg"
        if fmt not in FORMATS:
            raise InputError(f"unknown format {self.format!r}; expected one of: "
                             + ", ".join(FORMATS))
        if self.theme not in THEMES:
            raise InputError(f"unknown theme {self.theme!r}; expected one of: "
                             + ", ".join(THEMES))
        if isinstance(self.scale, bool) or self.scale not in SCALES:
            raise InputError(f"scale {self.scale!r}: expected 1 or 2")
        if (isinstance(self.width_px, bool) or not isinstance(self.width_px, int)
                or not MIN_WIDTH_PX <= self.width_px <= MAX_WIDTH_PX):
            raise InputError(f"width {self.width_px!r}: expected a whole number of pixels "
                             f"from {MIN_WIDTH_PX} to {MAX_WIDTH_PX}")
        for what, text in (("title", self.title), ("subtitle", self.subtitle),
                           ("notes", self.notes)):
            if text is None:
                continue
            problem = text_problem(text, allow_blank=True)
            if problem is not None:
                raise InputError(f"{what}: {problem}")
            if len(text) > MAX_TEXT_CHARS:
                raise InputError(f"{what}: {len(text):,} characters; at most "
                                 f"{MAX_TEXT_CHARS:,}")
        if self.extent_ids and self.bbox is not None:
            raise InputError("an extent is given both as ids and as a bounding box: give one")
        if len(self.extent_ids) > MAX_EXTENT_IDS:
            raise InputError(f"{len(self.extent_ids):,} extent ids; at most {MAX_EXTENT_IDS:,}")
        if self.bbox is not None:
            check_bbox(self.bbox, ",".join(f"{v:g}" for v in self.bbox))
        return replace(self, format=fmt, layers=check_layers(self.layers))


def check_layers(layers: tuple[str, ...] | list[str] | None) -> tuple[str, ...]:
    """The named catalogue layers in :data:`LAYER_NAMES` order, each once (all if
    ``None``); an unknown name raises :class:`InputError` listing the valid ones."""
    if layers is None:
        return LAYER_NAMES
    for name in layers:
        if name not in LAYER_NAMES:
            raise InputError(f"unknown layer {name!r}; expected one of: "
                             + ", ".join(LAYER_NAMES))
    if not layers:
        raise InputError("no layer named; expected one or more of: " + ", ".join(LAYER_NAMES))
    return tuple(n for n in LAYER_NAMES if n in layers)


def parse_bbox(text: str) -> tuple[float, float, float, float]:
    """``"W,S,E,N"`` (WGS84 degrees) as four floats, checked (see :func:`check_bbox`)."""
    parts = [p.strip() for p in text.split(",")]
    values: list[float] = []
    if len(parts) == 4:
        for part in parts:
            try:
                values.append(float(part))
            except ValueError:
                break
    if len(values) != 4:
        raise InputError(f"bounding box {text!r}: expected four numbers W,S,E,N (degrees: "
                         "west, south, east, north), e.g. 20,35,60,55")
    bbox = (values[0], values[1], values[2], values[3])
    check_bbox(bbox, text)
    return bbox


def check_bbox(bbox: tuple[float, float, float, float], shown_as: str) -> None:
    """Refuse a bounding box that is not ``west, south, east, north`` in degrees: values
    that are not finite, longitudes outside [-180, 180], latitudes outside [-90, 90], a
    south edge not below the north edge, or west and east on the same meridian. A west
    edge east of the east edge is a box across the antimeridian, and allowed."""
    west, south, east, north = bbox
    where = f"bounding box {shown_as!r}"
    for name, value, limit in (("west", west, 180.0), ("south", south, 90.0),
                               ("east", east, 180.0), ("north", north, 90.0)):
        if not math.isfinite(value):
            raise InputError(f"{where}: {name} is {value!r}, not a number of degrees")
        if abs(value) > limit:
            kind = "longitude" if limit == 180.0 else "latitude"
            raise InputError(f"{where}: {name} {value:g} is not a {kind} "
                             f"(-{limit:g} to {limit:g})")
    if south >= north:
        raise InputError(f"{where}: south {south:g} is not below north {north:g}")
    if (west - east) % 360.0 == 0.0 and not (west == -180.0 and east == 180.0):
        raise InputError(f"{where}: west and east are the same meridian ({west:g}); "
                         "-180,S,180,N is the whole width of the world")


def format_for(output: str | Path | None, fmt: str | None) -> str:
    """The format of the figure written to ``output``: ``fmt`` when given (it must agree
    with a ``.svg``, ``.png`` or ``.pdf`` suffix), else the suffix's, else ``svg`` when no
    output is named. Raises :class:`InputError` for an unknown format, an output that is a
    folder, a suffix that names another format, or an output whose suffix says no format
    when ``fmt`` is not given."""
    if fmt is not None and fmt not in FORMATS:
        raise InputError(f"unknown format {fmt!r}; expected one of: " + ", ".join(FORMATS))
    if output is None:
        return fmt or "svg"
    if Path(output).is_dir():
        raise InputError(f"{output}: is a folder; name the figure's file")
    suffix = Path(output).suffix.lower().lstrip(".")
    if suffix in FORMATS:
        if fmt is not None and fmt != suffix:
            raise InputError(f"{output}: a .{suffix} file holds {suffix}, not {fmt}; name a "
                             "file with a matching suffix")
        return suffix
    if fmt is None:
        raise InputError(f"{output}: cannot tell the format from the file's suffix; name a "
                         ".svg, .png or .pdf file, or name the format")
    return fmt


def alt_text_path(output: str | Path) -> Path:
    """Where the alt text of the figure at ``output`` goes: beside it, ``<stem>.alt.txt``
    (``docs/figure.png`` -> ``docs/figure.alt.txt``)."""
    path = Path(output)
    return path.with_name(path.stem + ".alt.txt")
