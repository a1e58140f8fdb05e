"""A readable inventory of the catalogue: one flat row per entity."""

from __future__ import annotations

from typing import Any

from geo.catalog import Catalog
from geo.errors import InputError
from geo.schema import KINDS


def inventory(cat: Catalog, kind: str | None = None) -> list[dict[str, Any]]:
    """Rows ``kind``, ``id``, ``name``, ``type``, ``status``, ``where``, ``articles``,
    ``references`` for every entity (or those of one data-file ``kind``).

    ``where`` is ``lon, lat (precision)`` for sites, the segment count for routes, the
    route chain for corridors, parties and date for agreements, country and head office for
    organisations (``no head office`` where none is given).
    """
    if kind is not None and kind not in KINDS:
        raise InputError(f"unknown kind {kind!r}; expected one of: {', '.join(KINDS)}")
    rows = []
    for k, entity in cat.entities():
        if kind is not None and k != kind:
            continue
        status = getattr(entity, "status", "")
        if k == "sites":
            lon, lat = cat.site_position(entity.id)
            where = f"{lon:.4f}, {lat:.4f} ({cat.site_precision(entity.id)})"
            if entity.host:
                where += f" in {entity.host}"
        elif k == "routes":
            n = len(entity.segments)
            media = sorted({s.medium for s in entity.segments})
            where = f"{n} segment{'s' if n != 1 else ''}, {'/'.join(media)}"
            if entity.schematic:
                where += ", schematic"
        elif k == "corridors":
            where = " > ".join(entity.routes)
        elif k == "agreements":
            where = f"{' + '.join(entity.parties)}, {entity.date or 'undated'}"
        else:
            # country and head office only where a source gives them
            where = ", ".join([*([entity.country] if entity.country else []),
                               f"HQ {entity.headquarters}" if entity.headquarters
                               else "no head office"])
        rows.append({
            "kind": k.rstrip("s"),
            "id": entity.id,
            "name": entity.name,
            "type": getattr(entity, "kind", "corridor"),
            "status": status,
            "where": where,
            "articles": sum(1 for s in entity.sources if s.is_article),
            "references": sum(1 for s in entity.sources if not s.is_article),
        })
    return rows
