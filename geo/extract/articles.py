"""Articles as files: find one by path or by stem in ``seeds/``, read it (bounded, UTF-8)
and extract its mentions; an :class:`Extractor` over a workspace's catalogue."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from geo.catalog import read_article_text
from geo.errors import InputError
from geo.extract.extractor import Extractor
from geo.extract.mention import Mention

if TYPE_CHECKING:
    from geo.catalog import Catalog


@dataclass
class ArticleMentions:
    """The mentions found in one article. ``stem`` names the article (its file stem);
    ``in_seeds`` says whether it is an article of the workspace's ``seeds/``."""

    stem: str
    path: Path
    text: str
    mentions: list[Mention]
    in_seeds: bool = False


def resolve_article(arg: str, seeds: Path) -> Path:
    """An ARTICLE argument as a file: a path, else a stem (or file name) in ``seeds``.

    Raises :class:`InputError` naming ``arg`` when neither exists.
    """
    path = Path(arg)
    if path.is_file():
        return path
    for candidate in (seeds / arg, seeds / f"{arg}.txt"):
        if candidate.is_file():
            return candidate
    if path.is_dir():
        raise InputError(f"{arg}: is a folder, not an article")
    raise InputError(f"{arg}: no such file, and no article {arg!r} in {seeds}")


def read_article(path: Path) -> str:
    """An article's text; :class:`InputError` naming the file if it is empty, binary, not
    UTF-8 or unreadable."""
    try:
        return read_article_text(path)
    except OSError as exc:
        raise InputError(f"{path}: cannot read the article: {exc.strerror}") from None
    except ValueError as exc:
        raise InputError(f"{path}: {exc}") from None


def extract_article(extractor: Extractor, path: Path, seeds: Path | None = None,
                    ) -> ArticleMentions:
    """Read one article and extract its mentions (:class:`InputError` if unreadable)."""
    text = read_article(path)
    in_seeds = False
    if seeds is not None:
        try:
            in_seeds = path.resolve().parent == seeds.resolve() and path.suffix == ".txt"
        except OSError:
            in_seeds = False
    return ArticleMentions(path.stem, path, text, extractor.extract(text), in_seeds)


def workspace_extractor(root: str | os.PathLike[str]) -> tuple[Extractor, Catalog, list]:
    """An :class:`Extractor` over the workspace's catalogue, whatever of it validates.

    Returns ``(extractor, catalogue, problems)``: the catalogue may be partial when there
    are problems (``geo check`` lists them); the extractor then knows fewer names.
    """
    from geo.catalog import read_workspace
    from geo.workspace import Workspace

    cat, problems = read_workspace(Workspace.at(root))
    return Extractor(cat), cat, problems
