"""Popup and tooltip content of the map's features: escaped HTML built from layer rows.

Every value is passed through :func:`geo.webmap.safe.esc`; the only markup is this module's.
Lengths are metres in the rows and shown in kilometres; latencies are one-way milliseconds
(fibre, ``geo.geodesy.FIBRE_INDEX``).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import urlsplit

from geo.geodesy import FIBRE_INDEX
from geo.names import LAYERS
from geo.webmap.citations import Citation, web_address
from geo.webmap.safe import esc

#: site precision -> what the map says about the position
PRECISION_TEXT = {
    "site": "position known to the building (site)",
    "district": "position known to the district",
    "city": "position known to the city",
    "country": "position known only to the country: the point stands for it",
}

LAYER_NOUN = {layer.name: layer.singular for layer in LAYERS}


def _present(value: Any) -> bool:
    if value is None:
        return False
    if isinstance(value, float) and math.isnan(value):
        return False
    if isinstance(value, str | list | tuple | dict):
        return len(value) > 0
    try:  # numpy arrays from GeoDataFrame list columns
        return len(value) > 0  # type: ignore[arg-type]
    except TypeError:
        return True


def _list(value: Any) -> list[Any]:
    return list(value) if _present(value) and not isinstance(value, str) else (
        [value] if _present(value) else [])


def format_km(length_m: float) -> str:
    """Kilometres, grouped with thin spaces: 1 234 km; one decimal below 100 km."""
    km = length_m / 1000.0
    if km < 100:
        return f"{km:.1f} km"
    return f"{km:,.0f}".replace(",", "\u202f") + " km"


def format_ms(latency_ms: float) -> str:
    return f"{latency_ms:.2f} ms" if latency_ms < 10 else f"{latency_ms:.1f} ms"


#: kinds whose plain spelling would read wrong
_KIND_WORDS = {"pop": "Point of presence (PoP)", "data-centre": "Data centre"}


def kind_label(kind: Any) -> str:
    """``submarine-cable`` -> ``Submarine cable``; ``pop`` -> ``Point of presence (PoP)``."""
    text = str(kind)
    if text in _KIND_WORDS:
        return _KIND_WORDS[text]
    text = text.replace("-", " ")
    return text[:1].upper() + text[1:]


def _named(ids: Iterable[Any], names: Mapping[str, str]) -> str:
    return ", ".join(esc(names.get(str(i), str(i))) for i in ids)


def _row(label: str, value_html: str) -> str:
    return f'<tr><th scope="row">{esc(label)}</th><td>{value_html}</td></tr>'


def _citation_html(src: Mapping[str, Any], citation: Citation | None) -> str:
    """The ``<cite>`` of a quoted source: the article's title (or its first words when it
    has none), publisher, date (or "undated"), a link when its metadata gives a web address,
    and the file it is kept in."""
    stem = src.get("article")
    bits = []
    if citation is not None:
        if citation.title:
            bits.append(f'<span class="geo-src-title">{esc(citation.title)}</span>')
        elif citation.opening:
            bits.append(f'<span class="geo-src-title geo-src-untitled">{esc(citation.opening)}'
                        '</span> <span class="geo-note">(untitled: its first words)</span>')
        publisher, date = citation.publisher, citation.date
        url = citation.url
    else:
        title = str(src.get("title") or stem or "article")
        bits.append(f'<span class="geo-src-title">{esc(title)}</span>')
        publisher, date, url = src.get("publisher"), src.get("date"), None
        # an untitled article's label already names its publisher and date
        publisher = publisher if _present(publisher) and str(publisher) not in title else None
        if _present(date) and str(date) in title:
            date = ""
    if _present(publisher):
        bits.append(f'<span class="geo-src-publisher">{esc(publisher)}</span>')
    if _present(date):
        bits.append(f'<span class="geo-src-date">{esc(date)}</span>')
    elif date is None:
        bits.append('<span class="geo-src-date geo-undated">undated</span>')
    address = web_address(url)
    if address is not None:
        host = urlsplit(address).hostname or address
        bits.append(f'<a class="geo-src-link" href="{esc(address)}" target="_blank" '
                    f'rel="noopener noreferrer">{esc(host)}</a>')
    if _present(stem):
        bits.append(f'<code class="geo-src-file">seeds/{esc(stem)}.txt</code>')
    return f'<cite>{" · ".join(bits)}</cite>'


def _source_items(sources: Any, citations: Mapping[str, Citation] | None = None) -> list[str]:
    """One ``<li>`` per source: the quote and its article's citation, or the reference."""
    items = []
    for src in _list(sources):
        src = dict(src)
        if _present(src.get("quote")):
            citation = (citations or {}).get(str(src.get("article")))
            items.append(
                '<li class="geo-src geo-src-article">'
                f'<blockquote class="geo-quote">\u201c{esc(src["quote"])}\u201d</blockquote>'
                f"{_citation_html(src, citation)}</li>"
            )
        else:
            note = f' \u2014 {esc(src["note"])}' if _present(src.get("note")) else ""
            items.append(
                '<li class="geo-src geo-src-reference"><span class="geo-ref-label">Reference'
                f'</span> <code>{esc(src.get("reference") or "")}</code>{note}</li>'
            )
    return items


def _sources_html(sources: Any, citations: Mapping[str, Citation] | None = None) -> str:
    items = _source_items(sources, citations)
    if not items:
        return ""
    return f'<div class="geo-sources"><h4>Sources</h4><ol>{"".join(items)}</ol></div>'


def _length_rows(row: Mapping[str, Any]) -> list[str]:
    rows = []
    length_m = row.get("length_m")
    if _present(length_m):
        schematic = bool(row.get("schematic")) if _present(row.get("schematic")) else False
        text = esc(format_km(float(length_m)))
        if schematic:
            text += ' <span class="geo-note">(schematic: length of the drawn line)</span>'
        if row.get("routing") == "sea":
            text += ' <span class="geo-note geo-routed">(routed over the sea)</span>'
        rows.append(_row("Measured length", text))
        ratio, flags = row.get("length_ratio"), _list(row.get("length_flags"))
        if _present(ratio) and _present(row.get("published_length_m")):
            rows.append(_row("Measured / published", esc(
                f"{float(ratio):.3f} (published {format_km(float(row['published_length_m']))})"
                + (f" [{', '.join(map(str, flags))}]" if flags else ""))))
        parts = []
        for key, label in (("submarine_m", "submarine"), ("terrestrial_m", "terrestrial"),
                           ("unspecified_m", "medium not stated")):
            value = row.get(key)
            if _present(value) and float(value) > 0:
                parts.append(f"{esc(format_km(float(value)))} {esc(label)}")
        if len(parts) > 1:
            rows.append(_row("Of which", ", ".join(parts)))
    latency = row.get("latency_ms")
    if _present(latency):
        rows.append(_row("One-way latency",
                         f"{esc(format_ms(float(latency)))} "
                         f'<span class="geo-note">(fibre, n = {FIBRE_INDEX}, '
                         "over the measured length)</span>"))
    return rows


#: figure quantity -> its label in a popup, in the order popups list them
FIGURE_LABELS = {"length": "Length", "capacity": "Capacity", "fibre-pairs": "Fibre pairs",
                 "ready-for-service": "Ready for service"}


def _number(value: float) -> str:
    """A published number as written: whole numbers without decimals, thousands grouped
    with thin spaces (``6 000``); others as Python writes the float (``1.5``)."""
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", "\u202f")
    return repr(float(value))


def figure_text(figure: Mapping[str, Any]) -> str:
    """A published figure as text: ``6 000 km``, ``144 Tbps``, ``8`` (fibre pairs), ``2027``
    (ready for service: the year as it is, never grouped)."""
    quantity, value, unit = figure.get("quantity"), figure.get("value"), figure.get("unit")
    if not _present(value):
        return ""
    if quantity == "ready-for-service":
        return str(int(value)) if float(value).is_integer() else str(value)
    if quantity == "fibre-pairs":
        return _number(value)
    return f"{_number(value)} {unit}" if _present(unit) else _number(value)


def _figures_html(figures: Any, citations: Mapping[str, Citation] | None = None) -> str:
    """The published figures of a route, each with its own quotes (length, capacity, fibre
    pairs, ready for service), in that order."""
    rank = {q: i for i, q in enumerate(FIGURE_LABELS)}
    shown = sorted((dict(f) for f in _list(figures)),
                   key=lambda f: rank.get(str(f.get("quantity")), len(rank)))
    items = []
    for fig in shown:
        quantity = str(fig.get("quantity"))
        label = FIGURE_LABELS.get(quantity, kind_label(quantity))
        year = (f' <span class="geo-note">(stated for {esc(fig["year"])})</span>'
                if _present(fig.get("year")) else "")
        quotes = "".join(_source_items(fig.get("sources"), citations))
        items.append(f'<li class="geo-figure geo-figure-{esc(quantity)}">'
                     f'<span class="geo-figure-label">{esc(label)}</span> '
                     f'<b class="geo-figure-value">{esc(figure_text(fig))}</b>{year}'
                     + (f'<ol class="geo-figure-sources">{quotes}</ol>' if quotes else "")
                     + "</li>")
    if not items:
        return ""
    return (f'<div class="geo-figures"><h4>Published figures</h4>'
            f'<ul>{"".join(items)}</ul></div>')


def draft_badge_html(stem: Any) -> str:
    """The badge of a drafted entity: not reviewed, and the draft file it comes from."""
    if not _present(stem):
        return ""
    return ('<p class="geo-draft-badge" role="note">Unreviewed draft '
            f'(<code>drafts/{esc(stem)}.toml</code>)</p>')


def _dates(row: Mapping[str, Any]) -> str | None:
    start, end = row.get("start_date"), row.get("end_date")
    if _present(start) and _present(end):
        return f"{start} – {end}"
    if _present(start):
        return f"from {start}"
    if _present(end):
        return f"until {end}"
    return None


#: the column holding an entity's own date (when it started, when it was signed), per layer
OWN_DATE = {"sites": "start_date", "routes": "start_date", "agreements": "date"}


def popup_html(layer: str, row: Mapping[str, Any], names: Mapping[str, str],
               citations: Mapping[str, Citation] | None = None) -> str:
    """The popup of one feature of ``layer`` as escaped HTML.

    ``names`` maps entity ids to display names (operators, parties, hosts...);
    ``citations`` (article stem -> :class:`~geo.webmap.citations.Citation`) says how each
    quoted article is cited (without it, by the title the source record carries).
    """
    kind = row.get("kind")
    status = row.get("status")
    sub = [esc(kind_label(kind)) if _present(kind) else esc(LAYER_NOUN[layer].capitalize())]
    if _present(status):
        sub.append(f'<span class="geo-status geo-status-{esc(status)}">{esc(status)}</span>')
    if _present(row.get("first_reported")):
        sub.append(f'<span class="geo-first-reported">first reported '
                   f'{esc(row["first_reported"])}</span>')
    elif not _present(row.get(OWN_DATE.get(layer, ""))):
        sub.append('<span class="geo-undated">undated: no source article gives a date'
                   "</span>")
    rows: list[str] = []
    aliases = _list(row.get("aliases"))
    if aliases:
        rows.append(_row("Also called", esc(", ".join(str(a) for a in aliases))))
    if layer == "sites":
        if _present(row.get("precision")):
            prec = str(row["precision"])
            rows.append(_row("Position", esc(PRECISION_TEXT.get(prec, prec))))
        for key, label in (("operator", "Operator"), ("host", "Inside")):
            if _present(row.get(key)):
                rows.append(_row(label, _named([row[key]], names)))
        tenants = _list(row.get("tenants"))
        if tenants:
            rows.append(_row("Tenants", _named(tenants, names)))
        if _present(row.get("country")):
            rows.append(_row("Country", esc(row["country"])))
        dates = _dates(row)
        if dates:
            rows.append(_row("Dates", esc(dates)))
    elif layer in ("routes", "corridors"):
        operators = _list(row.get("operators"))
        if operators:
            rows.append(_row("Operators", _named(operators, names)))
        if layer == "corridors" and _list(row.get("routes")):
            rows.append(_row("Routes", _named(_list(row.get("routes")), names)))
        if _present(row.get("start_date")):
            rows.append(_row("Since", esc(row["start_date"])))
        rows.extend(_length_rows(row))
    elif layer == "organisations":
        for key, label in (("headquarters", "Head office"), ("parent", "Part of")):
            if _present(row.get(key)):
                rows.append(_row(label, _named([row[key]], names)))
        if _present(row.get("country")):
            rows.append(_row("Country", esc(row["country"])))
    elif layer == "agreements":
        rows.append(_row("Parties", _named(_list(row.get("parties")), names)))
        rows.append(_row("Date", esc(row["date"]) if _present(row.get("date"))
                         else '<span class="geo-note">not known</span>'))
        if _present(row.get("venue")):
            rows.append(_row("Signed at", _named([row["venue"]], names)))
            geom = row.get("geometry")
            if getattr(geom, "geom_type", None) == "Point":
                rows.append(_row("Drawn", '<span class="geo-note">at its venue: fewer than '
                                 "two parties have a known head office</span>"))
        if _list(row.get("subjects")):
            rows.append(_row("About", _named(_list(row.get("subjects")), names)))
    notes = (f'<p class="geo-notes">{esc(row["notes"])}</p>'
             if _present(row.get("notes")) else "")
    table = f'<table class="geo-facts">{"".join(rows)}</table>' if rows else ""
    figures = _figures_html(row.get("figures"), citations) if layer == "routes" else ""
    return (
        f'<div class="geo-popup" data-id="{esc(row.get("id"))}">'
        f'<h3 class="geo-popup-title">{esc(row.get("name"))}</h3>'
        f'<div class="geo-kind">{" · ".join(sub)}</div>'
        f"{draft_badge_html(row.get('draft'))}"
        f"{table}{notes}{figures}{_sources_html(row.get('sources'), citations)}</div>"
    )


def tooltip_html(row: Mapping[str, Any]) -> str:
    """The hover tooltip: the feature's name, escaped."""
    return esc(row.get("name"))
