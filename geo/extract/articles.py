"""Articles as files: find one by path or by stem in ``seeds/``, read it (bounded, UTF-8)
and extract its mentions; an :class:`Extractor` over a workspace's catalogue; many articles
at once, in parallel processes (:func:`extract_articles`)."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geo.catalog import read_article_text
from geo.errors import GeoError, InputError
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


@dataclass
class ExtractRun:
    """What :func:`extract_articles` found. ``results`` are the articles read and
    ``failures`` those that could not be, each in the order the articles were given;
    ``seconds`` is the wall time of the whole run (processes started included) and ``jobs``
    the number of processes that read the articles."""

    results: list[ArticleMentions] = field(default_factory=list)
    failures: list[InputError] = field(default_factory=list)
    seconds: float = 0.0
    jobs: int = 1

    @property
    def articles(self) -> int:
        """How many articles the run went through, read or not."""
        return len(self.results) + len(self.failures)

    @property
    def rate(self) -> float:
        """Articles gone through per second of wall time (0 when no time was measured)."""
        return self.articles / self.seconds if self.seconds > 0 else 0.0


# -- one worker process's state: the extractor it was given -------------------------------
_WORKER: dict[str, Any] = {}


def _init_worker(extractor: Extractor) -> None:
    _WORKER["extractor"] = extractor


def _extract_in_worker(arg: str, seeds: str) -> ArticleMentions | str:
    """One article in a worker process: its mentions, or the message of the
    :class:`InputError` that kept it from being read (a plain string crosses processes
    unchanged)."""
    try:
        return extract_article(_WORKER["extractor"], resolve_article(arg, Path(seeds)),
                               Path(seeds))
    except InputError as exc:
        return str(exc)


def extract_articles(articles: Sequence[str], root: str | os.PathLike[str],
                     extractor: Extractor, *, jobs: int = 1,
                     done: Callable[[], None] | None = None) -> ExtractRun:
    """Extract the mentions of each article (a path, or a stem of ``root``'s ``seeds/``)
    with ``extractor``: in this process, or, when ``jobs`` > 1 and there are several
    articles, in up to ``jobs`` processes, each given a copy of ``extractor`` when it starts
    (inherited where processes fork, else pickled once per process). Results and failures
    come in the order of ``articles``, the same whatever ``jobs``.

    An article that cannot be found or read is a failure (its :class:`InputError`), not an
    exception: the others are still read. ``done`` is called once per article, in order,
    as each is finished. Raises :class:`InputError` when ``jobs`` < 1 and
    :class:`GeoError` when a worker process dies.
    """
    if jobs < 1:
        raise InputError(f"the number of processes must be at least 1 (got {jobs})",
                         parameter="jobs")
    seeds = Path(root) / "seeds"
    workers = min(jobs, len(articles))
    run = ExtractRun(jobs=max(workers, 1))
    started = time.perf_counter()

    def keep(outcome: ArticleMentions | InputError | str) -> None:
        if isinstance(outcome, ArticleMentions):
            run.results.append(outcome)
        else:
            run.failures.append(outcome if isinstance(outcome, InputError)
                                else InputError(outcome))
        if done is not None:
            done()

    if workers > 1:
        from concurrent.futures import ProcessPoolExecutor
        from concurrent.futures.process import BrokenProcessPool

        # chunks of a few articles: fewer round trips, yet every process kept busy
        chunk = max(1, min(8, len(articles) // (workers * 4)))
        try:
            with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker,
                                     initargs=(extractor,)) as pool:
                for outcome in pool.map(_extract_in_worker, articles,
                                        [str(seeds)] * len(articles), chunksize=chunk):
                    keep(outcome)
        except BrokenProcessPool as exc:
            raise GeoError(f"a process reading articles ended unexpectedly ({exc})") from None
    else:
        for arg in articles:
            try:
                keep(extract_article(extractor, resolve_article(arg, seeds), seeds))
            except InputError as exc:
                keep(exc)
    run.seconds = time.perf_counter() - started
    return run
