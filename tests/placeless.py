"""A workspace for the tests of entities without a place: the shipped workspace plus the test
article of ``tests/data/placeless`` (NTT, Telstra and Equinix, named without head office or
country; a venue-only agreement; an agreement with neither; a cable with published figures).

:func:`placeless_workspace` copies it into a folder; :data:`DRAFTED` names the entities the
tests mark as drafted (``Catalog.draft_of``) and the draft file stem they come from.
"""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PLACELESS = Path(__file__).resolve().parent / "data" / "placeless"
STEM = "010_ntt_telstra"
#: entity id -> draft stem, for the tests of drafted entities on the map and in the layers
DRAFTED = {"equinix-sg3": STEM, "sydney-jakarta-singapore-cable": STEM,
           "ntt-telstra-cable-contract": STEM, "kazakhtelecom": STEM}


def placeless_workspace(dest: Path) -> Path:
    """The shipped workspace with the placeless test entities appended, at ``dest``."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copytree(ROOT / "seeds", dest / "seeds")
    shutil.copytree(ROOT / "data", dest / "data")
    for path in (PLACELESS / "seeds").iterdir():
        shutil.copy(path, dest / "seeds" / path.name)
    for path in (PLACELESS / "data").glob("*.toml"):
        with (dest / "data" / path.name).open("a", encoding="utf-8") as out:
            out.write(path.read_text(encoding="utf-8"))
    return dest


def load_with_drafts(root: Path, drafted: dict[str, str] | None = None):
    """The workspace's catalogue with ``drafted`` (default :data:`DRAFTED`) as its
    ``draft_of`` (as if those entities were read from ``drafts/``)."""
    from geo.catalog import load_catalog

    cat = load_catalog(root)
    cat.draft_of = dict(DRAFTED if drafted is None else drafted)
    return cat
