"""The map's labels: which marks get one (in priority order), where each may go (at its
marker, or along its longest line), placed by :mod:`geo.figure.labels` and drawn on a
halo."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from matplotlib.colors import to_rgba
from matplotlib.patches import FancyBboxPatch

from geo.figure.artists import gid
from geo.figure.canvas import Canvas
from geo.figure.labels import Anchor, Box, LabelRequest, place_labels
from geo.figure.marks import Mark
from geo.figure.text import PX, font, label_lines, text_width
from geo.figure.theme import LABEL_PX, Theme

#: Label priority: entities the figure is framed on, then corridors and routes, then the
#: facilities, head offices, PoPs, and places last (cities and countries: orientation).
_SITE_PRIORITY = {"pop": 5, "city": 6, "country": 6, "headquarters": 6}


def _label_priority(mark: Mark, focus: set[str]) -> int:
    if mark.id in focus:
        return 0
    if mark.layer == "corridors":
        return 1
    if mark.layer == "routes":
        return 2
    if mark.layer == "sites":
        return _SITE_PRIORITY.get(mark.kind or "", 3)
    if mark.layer == "organisations":
        return 4
    return 99  # agreements: their arcs speak through the legend


def _line_anchors(mark: Mark, to_pt: Any) -> tuple[Anchor, ...]:
    """Points along the longest drawn part of a line mark (figure points), middle first."""
    parts = [np.asarray([to_pt(x, y) for x, y in part]) for _k, ps in mark.xy_pieces
             for part in ps]
    if not parts:
        return ()
    lengths = [float(np.hypot(*np.diff(p, axis=0).T).sum()) for p in parts]
    part = parts[int(np.argmax(lengths))]
    steps = np.hypot(*np.diff(part, axis=0).T)
    along = np.concatenate([[0.0], np.cumsum(steps)])
    total = along[-1]
    anchors = []
    for fraction in (0.5, 0.38, 0.62, 0.25, 0.75, 0.12, 0.88):
        d = fraction * total
        i = int(np.clip(np.searchsorted(along, d) - 1, 0, len(part) - 2))
        t = 0.0 if steps[i] == 0 else (d - along[i]) / steps[i]
        x, y = part[i] + t * (part[i + 1] - part[i])
        anchors.append(Anchor(float(x), float(y), line=True))
    return tuple(anchors)


def draw_labels(canvas: Canvas, visible: Sequence[Mark], to_pt: Any, map_box: Box,
                 panels: Sequence[Box], point_boxes: Sequence[tuple[str, Box]],
                 focus: set[str], theme: Theme) -> list[Mark]:
    """Place and draw the labels; return the marks labelled, in priority order."""
    fp = font(LABEL_PX)
    size = fp.get_size_in_points()
    pad = 2.0 * PX
    candidates = sorted((m for m in visible if _label_priority(m, focus) < 99),
                        key=lambda m: _label_priority(m, focus))
    requests, by_key, texts = [], {}, {}
    for mark in candidates:
        lines = label_lines(mark.name)
        width = max(text_width(line, fp) for line in lines) + 2.0 * pad
        height = len(lines) * size * 1.2 + 2.0 * pad
        beside: frozenset[str] = frozenset()
        if mark.xy is not None:
            x, y = to_pt(*mark.xy)
            # the markers drawn here: this one and those of entities at the same place
            here = [(key, box) for key, box in point_boxes
                    if abs((box.x0 + box.x1) / 2.0 - x) < 1.0 and box.y0 - 1.0 <= y <= box.y1]
            radius = max(((b.x1 - b.x0) / 2.0 for _k, b in here), default=3.0)
            beside = frozenset(key for key, _b in here)
            anchors: tuple[Anchor, ...] = (Anchor(x, y, radius),)
        else:
            anchors = _line_anchors(mark, to_pt)
        if not anchors:
            continue
        requests.append(LabelRequest(mark.id, width, height, anchors, beside))
        by_key[mark.id] = mark
        texts[mark.id] = lines
    placed, _left_out = place_labels(requests, map_box, panels, point_boxes)
    for item in placed:
        box = item.box
        anchor_x = item.request.anchors[0].x
        canvas.artist(FancyBboxPatch((box.x0, box.y0), box.x1 - box.x0, box.y1 - box.y0,
                                     boxstyle=f"round,pad=0,rounding_size={2.0 * PX}",
                                     facecolor=to_rgba(theme.halo, 0.78), edgecolor="none",
                                     zorder=21, gid=gid("label-box", item.request.key)))
        lines = texts[item.request.key]
        if box.x1 <= anchor_x + 0.01:
            ha, x = "right", box.x1 - pad
        elif box.x0 >= anchor_x - 0.01:
            ha, x = "left", box.x0 + pad
        else:
            ha, x = "center", (box.x0 + box.x1) / 2.0
        y = box.y1 - pad
        for n, line in enumerate(lines):
            canvas.text(x, y - size * 0.95, line, fp, theme.text,
                        gid("label", item.request.key, *([str(n + 1)] if n else [])), ha=ha,
                        zorder=22)
            y -= size * 1.2
    return [by_key[p.request.key] for p in placed]
