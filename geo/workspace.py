"""A workspace: a folder with ``seeds/`` (articles), ``data/`` (the catalogue) and,
optionally, ``drafts/`` (entries drafted from articles, waiting for review).

geo reads a workspace and writes into its ``maps/`` folder; only an accepted draft entry
is ever written into ``data/`` (:mod:`geo.accept`). :func:`init_workspace` starts an empty
one that ``geo check`` accepts.
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
DRAFTS = "drafts"
MAPS = "maps"
#: The workspace file that lists context layers (read by :mod:`geo.context_config`).
CONFIG_FILE = "geo.toml"


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
    def drafts(self) -> Path:
        return self.root / DRAFTS

    @property
    def maps(self) -> Path:
        return self.root / MAPS

    def data_file(self, kind: str) -> Path:
        """The TOML file holding entities of ``kind`` (``sites``, ``routes``...)."""
        return self.data / f"{kind}.toml"

    def draft_file(self, stem: str) -> Path:
        """The draft of the article ``stem``: ``drafts/<stem>.toml``."""
        return self.drafts / f"{stem}.toml"

    def draft_files(self) -> list[Path]:
        """The drafts (``drafts/*.toml``, by name; hidden files, such as the temporary
        files of a write under way, left out); none when there is no ``drafts/`` folder."""
        if not self.drafts.is_dir():
            return []
        return sorted(p for p in self.drafts.glob("*.toml") if not p.name.startswith("."))

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

def data_file_header(kind: str) -> str:
    """The comment lines a new data file of ``kind`` starts with (as ``geo init`` writes
    them)."""
    table, _model = KINDS[kind]
    return _HEADER.format(kind=kind, table=table)


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
        for kind in KINDS:
            write_text_atomic(ws.data_file(kind), data_file_header(kind))
    except OutputError:
        raise
    except OSError as exc:
        where = f" ({exc.filename})" if exc.filename else ""
        raise OutputError(f"{root}: cannot create the workspace: {exc.strerror or exc}{where}"
                          ) from exc
    return ws
