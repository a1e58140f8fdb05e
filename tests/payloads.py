"""A workspace in which every text field holds Jinja template payloads.

:func:`jinja_workspace` copies the HTML/JS payload workspace (tests/data/webmap/xss) and puts
:func:`payload` into every name, alias, note, source note and reference, article title and
publisher, and every quote (the article then says it too, so quotes are still found); it adds
``geo.toml`` context layers (GeoJSON, CSV and KML) whose layer names, licences, ``.licence.txt``
sidecar, file name, feature ids, labels and popup values hold it as well.

If any of this text were evaluated as a template, ``{{7*7}}`` would show as ``49``,
``{% endif %}`` would stop the build, and the ``os.popen`` call would create ``marker``.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

try:
    import tomllib
except ImportError:  # Python 3.10
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]
XSS = ROOT / "tests" / "data" / "webmap" / "xss"

#: TOML keys of free text in the catalogue and the articles' metadata
TEXT_KEYS = ("name", "notes", "note", "reference", "title", "publisher")
_BASIC = r'"((?:[^"\\]|\\.)*)"'
_TEXT_LINE = re.compile(rf"^({'|'.join(TEXT_KEYS)}) = {_BASIC}$", re.MULTILINE)
_ALIASES_LINE = re.compile(r"^aliases = \[(.*)\]$", re.MULTILINE)
_QUOTE_LINE = re.compile(rf"^quote = {_BASIC}$", re.MULTILINE)
#: a context layer's file name holds the payloads that a file name can (no "/")
FILE_STEM = "ctx {{7*7}} {% endif %} {# c #}"


def payload(marker: Path) -> str:
    """Jinja payloads: an expression, a statement that cannot parse alone, a comment, and a
    call that would create ``marker`` (no double quote or backslash: TOML-safe as it is)."""
    return (f"{{{{ lipsum.__globals__.os.popen('touch {marker}').read() }}}} "
            "{{7*7}} {% endif %} {# hidden #} {%raw%}")


def _toml_text(raw: str) -> str:
    return tomllib.loads(f'x = "{raw}"')["x"]


def _poison_toml(text: str, jinja: str) -> tuple[str, list[str]]:
    """``text`` with ``jinja`` appended to every free-text value; also the quotes (as text)
    that were changed, so the article can be made to say them."""
    quotes: list[str] = []
    text = _TEXT_LINE.sub(lambda m: f'{m[1]} = "{m[2]} {jinja}"', text)
    text = _ALIASES_LINE.sub(
        lambda m: "aliases = [" + re.sub(_BASIC, lambda a: f'"{a[1]} {jinja}"', m[1]) + "]",
        text)

    def quote(m: re.Match[str]) -> str:
        quotes.append(_toml_text(m[1]))
        return f'quote = "{m[1]} {jinja}"'

    return _QUOTE_LINE.sub(quote, text), quotes


def jinja_workspace(dest: Path, marker: Path) -> Path:
    """Write the payload workspace into ``dest`` (created) and return it."""
    jinja = payload(marker)
    shutil.copytree(XSS, dest)
    quoted: list[str] = []
    for path in sorted([*(dest / "data").glob("*.toml"), *(dest / "seeds").glob("*.toml")]):
        text, quotes = _poison_toml(path.read_text(encoding="utf-8"), jinja)
        path.write_text(text, encoding="utf-8")
        quoted += quotes
    article = dest / "seeds" / "evil.txt"
    body = article.read_text(encoding="utf-8")
    for quote in dict.fromkeys(quoted):
        assert quote in body, quote
        body = body.replace(quote, f"{quote} {jinja}")
    article.write_text(body, encoding="utf-8")
    _context_files(dest, jinja)
    return dest


def _context_files(dest: Path, jinja: str) -> None:
    folder = dest / "context"
    folder.mkdir()
    lines = {"type": "FeatureCollection", "features": [{
        "type": "Feature", "id": f"line {jinja}",
        "properties": {"name": f"Kilo cable {jinja}", "owner": f"Lima {jinja}"},
        "geometry": {"type": "LineString", "coordinates": [[10.0, 50.0], [20.0, 45.0]]}}]}
    (folder / f"{FILE_STEM}.geojson").write_text(json.dumps(lines), encoding="utf-8")
    (folder / f"{FILE_STEM}.geojson.licence.txt").write_text(f"Mike licence {jinja}\n",
                                                               encoding="utf-8")
    (folder / "points.csv").write_text(
        f'id,name,lon,lat,note\n"pt {jinja}","November {jinja}",15,47,"Oscar {jinja}"\n',
        encoding="utf-8")
    (folder / "places.kml").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<kml xmlns="http://www.opengis.net/kml/2.2"><Document><name>kml</name>'
        f"<Placemark><name>Papa {jinja}</name><description>Quebec {jinja}</description>"
        "<Point><coordinates>12,48,0</coordinates></Point></Placemark>"
        "</Document></kml>\n", encoding="utf-8")
    (dest / "geo.toml").write_text(
        "[[context]]\n"
        f'path = "context/{FILE_STEM}.geojson"\n'
        f'name = "Romeo layer {jinja}"\n'
        "[[context]]\n"
        'path = "context/points.csv"\n'
        f'licence = "Sierra licence {jinja}"\n'
        "[[context]]\n"
        'path = "context/places.kml"\n', encoding="utf-8")
