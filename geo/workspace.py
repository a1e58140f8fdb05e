"""A workspace: a folder with ``seeds/`` (articles) and ``data/`` (the catalogue).

geo reads a workspace and writes into its ``maps/`` folder. :func:`init_workspace` starts an
empty one that ``geo check`` accepts.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from geo.atomic import write_text_atomic
from geo.errors import InputError, OutputError
from geo.schema import KINDS

SEEDS = "seeds"
DATA = "data"
MAPS = "maps"


@dataclass(frozen=True)
class Workspace:
    """Paths of a workspace rooted at ``root``."""

    root: Path

    @classmethod
    def at(cls, root: str | os.PathLike[str] = ".") -> Workspace:
        return cls(Path(root))

    @property
    def seeds(self) -> Path:
        return self.root / SEEDS

    @property
    def data(self) -> Path:
        return self.root / DATA

    @property
    def maps(self) -> Path:
        return self.root / MAPS

    def data_file(self, kind: str) -> Path:
        """The TOML file holding entities of ``kind`` (``sites``, ``routes``...)."""
        return self.data / f"{kind}.toml"

    def relative(self, path: Path) -> str:
        """``path`` relative to the root, with ``/`` separators (for messages)."""
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()


_HEADER = """\
# geo catalogue: {kind}. One [[{table}]] table per entity; see README.md ("The catalogue").
# Every entity needs `id` (kebab-case), `name` and at least one source:
#   [[{table}.sources]]
#   article = "stem-of-a-file-in-seeds"
#   quote = "an exact excerpt of that article"
"""

_SEEDS_README = """\
Articles, as given: one UTF-8 text file per article (`<stem>.txt`) and beside it its
metadata (`<stem>.toml`: language, and title, publisher, date where the text gives them).
"""


def init_workspace(root: str | os.PathLike[str]) -> Workspace:
    """Create an empty workspace at ``root`` (``seeds/``, ``data/``, ``maps/``).

    Raises :class:`InputError` if ``root`` already holds a ``data/`` or ``seeds/`` folder
    (nothing is overwritten), :class:`OutputError` if the folders cannot be created.
    """
    ws = Workspace.at(root)
    for existing in (ws.data, ws.seeds):
        if existing.exists():
            raise InputError(f"{existing}: already exists; not overwriting a workspace")
    blocker = next((p for p in (ws.root, *ws.root.parents) if p.exists() or p.is_symlink()),
                   None)
    if blocker is not None and not blocker.is_dir():
        what = "is a file" if blocker == ws.root else f"cannot be created: {blocker} is a file"
        raise OutputError(f"{root}: {what}, not a folder; name a folder for the workspace")
    try:
        for folder in (ws.seeds, ws.data, ws.maps):
            folder.mkdir(parents=True, exist_ok=True)
        write_text_atomic(ws.seeds / "README.md", _SEEDS_README)
        for kind, (table, _model) in KINDS.items():
            write_text_atomic(ws.data_file(kind), _HEADER.format(kind=kind, table=table))
    except OutputError:
        raise
    except OSError as exc:
        where = f" ({exc.filename})" if exc.filename else ""
        raise OutputError(f"{root}: cannot create the workspace: {exc.strerror or exc}{where}"
                          ) from exc
    return ws
