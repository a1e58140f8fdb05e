"""Labels placed without overlaps: a greedy search over candidate positions.

Everything here is in figure points (1/72 inch, origin at the bottom left), the same for every
output format and pixel density, so an SVG, a PDF and a 2x PNG of one figure carry the same
labels at the same places.

Labels are taken in priority order (the caller's); each tries its candidate positions in turn
— beside a point (right, left, then the four diagonals, above, below; Imhof's order of
preference), or above and below points along a line — and takes the first box that stays
inside the map, clear of the labels already placed, of the markers of other points and of
the panels drawn over the map (scale bar, locator inset). A label with no free position is
left out; the caller reports how many were.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

#: Gap between a point's marker and its label, points.
POINT_GAP = 2.5
#: Gap between a line and a label set beside it, points.
LINE_GAP = 4.0
#: Space kept free between two labels, points.
LABEL_GAP = 2.0


@dataclass(frozen=True)
class Box:
    """An axis-aligned box in figure points."""

    x0: float
    y0: float
    x1: float
    y1: float

    def overlaps(self, other: Box, gap: float = 0.0) -> bool:
        return not (self.x1 + gap <= other.x0 or other.x1 + gap <= self.x0
                    or self.y1 + gap <= other.y0 or other.y1 + gap <= self.y0)

    def inside(self, other: Box, margin: float = 0.0) -> bool:
        return (self.x0 >= other.x0 + margin and self.x1 <= other.x1 - margin
                and self.y0 >= other.y0 + margin and self.y1 <= other.y1 - margin)


@dataclass(frozen=True)
class Anchor:
    """Where a label may go: a point with a marker of ``radius`` points (``line`` false), or
    a point on a line (``line`` true)."""

    x: float
    y: float
    radius: float = 0.0
    line: bool = False


@dataclass(frozen=True)
class LabelRequest:
    """A label of ``width`` × ``height`` points for the entity ``key``, at one of
    ``anchors`` (tried in order). ``beside`` are the keys of markers drawn at the anchor
    itself (its own, and those of entities at the same place): the candidate positions keep
    clear of them already, so they are not obstacles."""

    key: str
    width: float
    height: float
    anchors: tuple[Anchor, ...]
    beside: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Placed:
    """A placed label: its request and its box."""

    request: LabelRequest
    box: Box


def candidates(anchor: Anchor, width: float, height: float) -> list[Box]:
    """The boxes a label may take at ``anchor``, best first."""
    x, y = anchor.x, anchor.y
    if anchor.line:
        g = LINE_GAP
        return [Box(x - width / 2, y + g, x + width / 2, y + g + height),
                Box(x - width / 2, y - g - height, x + width / 2, y - g),
                Box(x + g, y + g, x + g + width, y + g + height),
                Box(x - g - width, y - g - height, x - g, y - g)]
    r = anchor.radius + POINT_GAP
    d = r * 0.7071
    return [
        Box(x + r, y - height / 2, x + r + width, y + height / 2),          # right
        Box(x - r - width, y - height / 2, x - r, y + height / 2),          # left
        Box(x + d, y + d, x + d + width, y + d + height),                   # upper right
        Box(x + d, y - d - height, x + d + width, y - d),                   # lower right
        Box(x - d - width, y + d, x - d, y + d + height),                   # upper left
        Box(x - d - width, y - d - height, x - d, y - d),                   # lower left
        Box(x - width / 2, y + r, x + width / 2, y + r + height),           # above
        Box(x - width / 2, y - r - height, x + width / 2, y - r),           # below
    ]


def place_labels(requests: Iterable[LabelRequest], frame: Box, obstacles: Sequence[Box],
                 markers: Sequence[tuple[str, Box]] = (), margin: float = 3.0
                 ) -> tuple[list[Placed], list[LabelRequest]]:
    """Place ``requests`` greedily, in the order given (see the module docstring).

    ``frame`` is the map (labels stay ``margin`` points inside it); ``obstacles`` are boxes
    no label may touch; ``markers`` are ``(entity key, box)`` of drawn points, which no label
    may cover except that entity's own. Returns the placed labels and those left out.
    """
    placed: list[Placed] = []
    left_out: list[LabelRequest] = []
    for request in requests:
        box = _first_free(request, frame, obstacles, markers, placed, margin)
        if box is None:
            left_out.append(request)
        else:
            placed.append(Placed(request, box))
    return placed, left_out


def _first_free(request: LabelRequest, frame: Box, obstacles: Sequence[Box],
                markers: Sequence[tuple[str, Box]], placed: Sequence[Placed],
                margin: float) -> Box | None:
    for anchor in request.anchors:
        for box in candidates(anchor, request.width, request.height):
            if not box.inside(frame, margin):
                continue
            if any(box.overlaps(o) for o in obstacles):
                continue
            if any(key != request.key and key not in request.beside and box.overlaps(m)
                   for key, m in markers):
                continue
            if any(box.overlaps(p.box, LABEL_GAP) for p in placed):
                continue
            return box
    return None
