"""Segment geometry and lengths of routes and corridors: the only place they are computed.

The layers (:mod:`geo.layers`), hence the layer files, the export and the map, and
``geo measure`` (:mod:`geo.measure`) all read :func:`route_geometry` /
:func:`corridor_geometry`, so they draw and measure the same line.

A segment is drawn through its waypoints (site positions, following ``host``, or explicit
``[lon, lat]``), leg by leg:

- a leg between two *sites* of a **schematic submarine** segment is routed over the sea
  (:func:`geo.sea.sea_path`: the geodesic where it crosses no land, else a path over water);
- every other leg is the geodesic between its ends: terrestrial and unspecified segments,
  surveyed routes (``schematic = false``), and legs to or from an explicit ``[lon, lat]``
  waypoint, which is kept where its author put it.

Lengths are geodesic on the WGS84 ellipsoid (``pyproj.Geod``, Karney 2013) along the drawn
positions, in metres, per segment, per medium (:data:`geo.names.MEDIA`), per route and per
corridor (the sum of its routes). A segment's ``routing`` is ``"sea"`` where at least one of
its legs was routed over the sea, else ``"geodesic"``; a route's or a corridor's is ``"sea"``
where any of its segments' is.

A route's published length (its first ``length`` figure) and the ratio measured/published,
with :func:`length_flags`, are here too, so that the layers and ``geo measure`` flag alike.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from geo.geodesy import path_length_m
from geo.names import MEDIA
from geo.text import waypoint_label

if TYPE_CHECKING:
    from geo.catalog import Catalog

Position = tuple[float, float]
#: route id -> ``[(medium, [(lon, lat), ...]), ...]``: each segment's drawn positions.
SegmentLines = dict[str, list[tuple[str, list[Position]]]]

#: What a segment's, route's or corridor's ``routing`` may be.
ROUTINGS = ("geodesic", "sea")
#: Measured / published ratios outside this range are flagged (:func:`length_flags`).
RATIO_RANGE = (0.7, 1.3)


# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class SegmentGeometry:
    """One segment as drawn: its medium, waypoint labels (site ids or ``"lon,lat"``), the
    drawn positions (``(lon, lat)`` degrees, longitudes within [-180, 180]; a leg between
    longitudes 179 and -179 is the short one), ``routing`` and geodesic ``length_m``."""

    medium: str
    labels: tuple[str, ...]
    positions: tuple[Position, ...]
    routing: str
    length_m: float
    notes: str | None = None
    #: index in ``positions`` of each waypoint (default: every position is one)
    stops: tuple[int, ...] = ()

    @property
    def legs(self) -> list[tuple[Position, ...]]:
        """The drawn positions from each waypoint to the next."""
        stops = self.stops or tuple(range(len(self.positions)))
        return [self.positions[a:b + 1] for a, b in itertools.pairwise(stops)]

    @property
    def from_(self) -> str:
        return self.labels[0]

    @property
    def to(self) -> str:
        return self.labels[-1]

    @property
    def via(self) -> tuple[str, ...]:
        return self.labels[1:-1]

    def record(self) -> dict[str, Any]:
        """The segment as the routes layer lists it: ``from``, ``to``, ``medium``,
        ``routing``, ``length_m`` (metres), ``notes``."""
        return {"from": self.from_, "to": self.to, "medium": self.medium,
                "routing": self.routing, "length_m": self.length_m, "notes": self.notes}


def _by_medium(segments: Sequence[SegmentGeometry]) -> dict[str, float]:
    out = dict.fromkeys(MEDIA, 0.0)
    for seg in segments:
        out[seg.medium] = out.get(seg.medium, 0.0) + seg.length_m
    return out


def _chain(parts: Sequence[Sequence[Position]]) -> list[list[Position]]:
    """Runs of positions joined into one line where a run starts where the previous ends."""
    lines: list[list[Position]] = []
    for part in parts:
        if lines and tuple(lines[-1][-1]) == tuple(part[0]):
            lines[-1].extend(part[1:])
        else:
            lines.append(list(part))
    return lines


def _routing(segments: Sequence[SegmentGeometry]) -> str:
    return "sea" if any(s.routing == "sea" for s in segments) else "geodesic"


def length_ratio(length_m: float, published_m: float | None) -> float | None:
    """Measured over published length, ``None`` without a (positive) published length."""
    if published_m is None or published_m <= 0:
        return None
    return length_m / published_m


class ComparedToPublished:
    """``ratio`` and ``flags`` of something measured (``length_m``) that may have a published
    length (``published_m``), both in metres: a route as drawn, a measurement."""

    length_m: float
    published_m: float | None

    @property
    def ratio(self) -> float | None:
        """Measured over published length, ``None`` without a (positive) published length."""
        return length_ratio(self.length_m, self.published_m)

    @property
    def flags(self) -> list[str]:
        """``measured>published`` and ``ratio<0.7`` / ``ratio>1.3`` where they apply."""
        return length_flags(self.ratio)


def length_flags(ratio: float | None) -> list[str]:
    """``measured>published`` and ``ratio<0.7`` / ``ratio>1.3`` where they apply (empty
    without a ratio)."""
    if ratio is None:
        return []
    out = []
    if ratio > 1.0:
        out.append("measured>published")
    if ratio < RATIO_RANGE[0]:
        out.append(f"ratio<{RATIO_RANGE[0]}")
    elif ratio > RATIO_RANGE[1]:
        out.append(f"ratio>{RATIO_RANGE[1]}")
    return out


def published_length(route: Any) -> tuple[float | None, str | None]:
    """A route's published length in metres and as written (``"6000 km"``): its first
    ``length`` figure; ``(None, None)`` without one."""
    for fig in getattr(route, "figures", ()):
        if fig.quantity == "length":
            factor = 1000.0 if fig.unit == "km" else 1.0
            return fig.value * factor, f"{fig.value:g} {fig.unit}"
    return None, None


@dataclass(frozen=True)
class RouteGeometry(ComparedToPublished):
    """A route as drawn: its segments in order, and what follows from them."""

    id: str
    schematic: bool
    segments: tuple[SegmentGeometry, ...]
    published_m: float | None = None
    published_text: str | None = None

    @property
    def length_m(self) -> float:
        """Geodesic length of the drawn line, metres (the sum of its segments)."""
        return sum(s.length_m for s in self.segments)

    @property
    def by_medium_m(self) -> dict[str, float]:
        """Metres per medium, every medium of :data:`MEDIA` present."""
        return _by_medium(self.segments)

    @property
    def lines(self) -> list[list[Position]]:
        """The drawn positions, segments chained where one starts where the previous ends."""
        return _chain([s.positions for s in self.segments])

    @property
    def routing(self) -> str:
        return _routing(self.segments)


@dataclass(frozen=True)
class CorridorGeometry:
    """A corridor as drawn: its routes' geometries in chain order."""

    id: str
    routes: tuple[RouteGeometry, ...]

    @property
    def segments(self) -> tuple[SegmentGeometry, ...]:
        return tuple(s for r in self.routes for s in r.segments)

    @property
    def length_m(self) -> float:
        return sum(r.length_m for r in self.routes)

    @property
    def by_medium_m(self) -> dict[str, float]:
        return _by_medium(self.segments)

    @property
    def lines(self) -> list[list[Position]]:
        """Each route's lines, in chain order (not joined across routes)."""
        return [line for r in self.routes for line in r.lines]

    @property
    def schematic(self) -> bool:
        """A chain with any schematic route is a drawn line, not a surveyed one."""
        return any(r.schematic for r in self.routes)

    @property
    def routing(self) -> str:
        return _routing(self.segments)


# --------------------------------------------------------------------------- geometry


def draw_segment(positions: Sequence[Position], medium: str, schematic: bool,
                 explicit: Sequence[bool] | None = None
                 ) -> tuple[list[Position], str, tuple[int, ...]]:
    """The drawn positions of one segment through ``positions`` (``(lon, lat)`` degrees), its
    routing (``"geodesic"`` or ``"sea"``) and the index of each waypoint in the drawn
    positions. ``explicit[i]`` says that waypoint ``i`` is an explicit ``[lon, lat]`` (legs
    touching it are not routed); default: none is."""
    pos = [(float(lon), float(lat)) for lon, lat in positions]
    if not (schematic and medium == "submarine") or len(pos) < 2:
        return pos, "geodesic", tuple(range(len(pos)))
    from geo.sea import sea_path  # the land and the network load only when needed

    marks = list(explicit) if explicit is not None else [False] * len(pos)
    out: list[Position] = [pos[0]]
    stops = [0]
    routed = False
    for i, (a, b) in enumerate(itertools.pairwise(pos)):
        if marks[i] or marks[i + 1]:
            out.append(b)
        else:
            leg = sea_path(a, b)
            routed = routed or leg.routed
            out.extend(leg.positions[1:])
        stops.append(len(out) - 1)
    return out, ("sea" if routed else "geodesic"), tuple(stops)


def _segment(cat: Catalog, seg: Any, schematic: bool) -> SegmentGeometry:
    waypoints = list(seg.waypoints)
    positions = [cat.waypoint_position(w) for w in waypoints]
    drawn, routing, stops = draw_segment(positions, seg.medium, schematic,
                                         [not isinstance(w, str) for w in waypoints])
    return SegmentGeometry(seg.medium, tuple(waypoint_label(w) for w in waypoints),
                           tuple(drawn), routing, path_length_m(drawn), seg.notes, stops)


def route_geometry(cat: Catalog, route_id: str) -> RouteGeometry:
    """The drawn segments of a catalogue route, with lengths and its published length.

    Raises ``KeyError`` for an id that is not a route of ``cat``."""
    route = cat.routes[route_id]
    schematic = bool(route.schematic)
    published_m, text = published_length(route)
    return RouteGeometry(route.id, schematic,
                         tuple(_segment(cat, seg, schematic) for seg in route.segments),
                         published_m, text)


def corridor_geometry(cat: Catalog, corridor_id: str,
                      routes: dict[str, RouteGeometry] | None = None) -> CorridorGeometry:
    """The drawn routes of a corridor, in chain order (``routes``: geometries already
    computed, by route id, reused)."""
    corridor = cat.corridors[corridor_id]
    done = routes if routes is not None else {}
    return CorridorGeometry(corridor.id, tuple(
        done[rid] if rid in done else route_geometry(cat, rid) for rid in corridor.routes))


def route_geometries(cat: Catalog) -> dict[str, RouteGeometry]:
    """:func:`route_geometry` of every route, by id, in catalogue order."""
    return {rid: route_geometry(cat, rid) for rid in cat.routes}


def segment_lines(cat: Catalog) -> SegmentLines:
    """Each route's segments as ``(medium, [(lon, lat), ...])``, as drawn: what the map
    draws segment by segment, in each segment's medium."""
    return {rid: [(s.medium, list(s.positions)) for s in geom.segments]
            for rid, geom in route_geometries(cat).items()}


def path_geometry(positions: Sequence[Position], labels: Sequence[str], medium: str
                  ) -> tuple[SegmentGeometry, ...]:
    """The path through places (``geo measure --between``) as the map would draw it, one
    segment per leg: legs of a ``submarine`` path are routed over the sea as a schematic
    submarine segment's are; others are geodesics."""
    out = []
    for (a, b), (la, lb) in zip(itertools.pairwise(positions), itertools.pairwise(labels),
                                strict=True):
        drawn, routing, stops = draw_segment([a, b], medium, schematic=True)
        out.append(SegmentGeometry(medium, (la, lb), tuple(drawn), routing,
                                   path_length_m(drawn), stops=stops))
    return tuple(out)


# --------------------------------------------------------------------------- checks


@dataclass(frozen=True)
class Crossing:
    """A segment that runs over land (submarine) or over the sea (terrestrial) for longer
    than the checks allow: the route, the segment's index, and the runs (metres)."""

    route_id: str
    segment: int
    medium: str
    routing: str
    runs: tuple[Any, ...]

    def message(self) -> str:
        what = "land" if self.medium == "submarine" else "open sea"
        total_km = sum(r.length_m for r in self.runs) / 1000.0
        longest = max(self.runs, key=lambda r: r.length_m)
        drawn = "routed over the sea" if self.routing == "sea" else "drawn as a geodesic"
        return (f"{self.medium} segment ({drawn}) crosses {what} for {total_km:,.0f} km "
                f"in {len(self.runs)} stretch{'es' if len(self.runs) != 1 else ''}, the "
                f"longest {longest.length_m / 1000.0:,.0f} km near "
                f"{longest.lon:.2f},{longest.lat:.2f}")


def route_crossings(geometry: RouteGeometry) -> list[Crossing]:
    """Submarine segments that cross land, terrestrial ones that cross open sea, beyond
    the tolerances of :func:`geo.land.crossings` (Natural Earth 1:50m land; 10 km inside a
    leg, 50 km at either end of a leg: every waypoint is a landing or a node that may lie
    inland, or on a shore)."""
    out = []
    for i, seg in enumerate(geometry.segments):
        if seg.medium not in ("submarine", "terrestrial"):
            continue
        from geo.land import crossings

        runs = [run for leg in seg.legs
                for run in crossings(leg, over_land=seg.medium == "submarine")]
        if runs:
            out.append(Crossing(geometry.id, i, seg.medium, seg.routing, tuple(runs)))
    return out
