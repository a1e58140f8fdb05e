"""A workspace with routes across the antimeridian, for the web map's tests: the shipped
workspace plus Tokyo - Los Angeles, Suva (Fiji) - Apia (Samoa), and Guam - Honolulu - Los
Angeles in two segments (the second one starting past 180° once the first is drawn).

:func:`pacific_workspace` writes it into a folder; :data:`ROUTE_ENDS` names each route's
end sites.
"""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

#: site id -> (name, country, lon, lat), WGS84 degrees
SITES = {
    "tokyo": ("Tokyo", "JP", 139.69, 35.69),
    "los-angeles": ("Los Angeles", "US", -118.24, 34.05),
    "suva": ("Suva", "FJ", 178.44, -18.14),
    "apia": ("Apia", "WS", -171.76, -13.83),
    "guam": ("Hagåtña", "GU", 144.75, 13.48),
    "honolulu": ("Honolulu", "US", -157.86, 21.31),
}
#: route id -> (name, its segments' waypoints)
ROUTES = {
    "tokyo-la": ("Tokyo to Los Angeles (test cable)", [["tokyo", "los-angeles"]]),
    "suva-apia": ("Suva to Apia (test cable)", [["suva", "apia"]]),
    "guam-honolulu-la": ("Guam to Honolulu and Los Angeles (test cable)",
                         [["guam", "honolulu"], ["honolulu", "los-angeles"]]),
}
#: route id -> its first and last site
ROUTE_ENDS = {rid: (segments[0][0], segments[-1][-1]) for rid, (_n, segments) in ROUTES.items()}


def _sites_toml() -> str:
    return "".join(f"""
[[site]]
id = "{sid}"
name = "{name}"
kind = "city"
country = "{country}"
lon = {lon}
lat = {lat}
precision = "city"

[[site.sources]]
reference = "test:{sid}"
note = "Position of {name} (a test site)."
""" for sid, (name, country, lon, lat) in SITES.items())


def _routes_toml() -> str:
    out = []
    for rid, (name, segments) in ROUTES.items():
        out.append(f"""
[[route]]
id = "{rid}"
name = "{name}"
kind = "submarine-cable"
status = "planned"
schematic = false
""")
        for waypoints in segments:
            out.append(f"""
[[route.segments]]
medium = "submarine"
waypoints = {waypoints!r}
""".replace("'", '"'))
        out.append(f"""
[[route.sources]]
reference = "test:{rid}"
note = "A test route across the antimeridian."
""")
    return "".join(out)


def pacific_workspace(dest: Path) -> Path:
    """The shipped workspace with the routes across the antimeridian appended, at ``dest``."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copytree(ROOT / "seeds", dest / "seeds")
    shutil.copytree(ROOT / "data", dest / "data")
    with (dest / "data" / "sites.toml").open("a", encoding="utf-8") as out:
        out.write(_sites_toml())
    with (dest / "data" / "routes.toml").open("a", encoding="utf-8") as out:
        out.write(_routes_toml())
    return dest
