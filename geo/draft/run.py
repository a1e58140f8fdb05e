"""``geo draft`` as a library call: articles in, ``drafts/<stem>.toml`` out.

For each article: bring it into ``seeds/`` (:mod:`geo.draft.intake`), find what it states
(:func:`geo.draft.find_facts`), turn that into catalogue entries against the workspace's
catalogue (:mod:`geo.draft.entries`) and write them, atomically, as ``drafts/<stem>.toml``
(or return them as JSON-ready dicts). Several articles are drafted in parallel processes
(``jobs``), each building the gazetteer once. A set of files an accept (or a draft) left
half replaced when it was killed is completed first (:func:`geo.atomic.complete_interrupted`),
as ``geo accept`` does, so the run reads one state of ``data/`` and ``drafts/``.

**A reviewed draft is never replaced unasked.** Each draft is written with a checksum line
(:func:`geo.draft_toml.stamped`: the SHA-256 of its text without that line). Drafting an
article again replaces its draft only when the draft is still as geo last wrote it (``geo
accept`` keeps the checksum of a draft it takes entries from when the draft was unedited);
a draft that was edited, or that holds no checksum line (written by hand or by an earlier
geo), is refused with :class:`~geo.errors.OutputExistsError` naming it, before any fact is
looked for and again, with ``drafts/`` locked, right before the drafts are written; nothing
is written then. ``overwrite=True`` replaces it all the same.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geo.draft.entries import Drafted, Held, draft_entries
from geo.draft.facts import DraftFacts
from geo.draft.intake import Intake, take_in
from geo.draft.writer import Block, document
from geo.draft_toml import as_written, checksum_line, stamped
from geo.errors import InputError, OutputExistsError
from geo.files import MAX_TOML_BYTES, read_bytes

DRAFTS = "drafts"

if TYPE_CHECKING:
    from geo.catalog import Catalog
    from geo.workspace import Workspace


@dataclass
class ArticleDraft:
    """The outcome for one article."""

    stem: str
    intake: Intake
    drafted: Drafted
    path: Path | None = None  # drafts/<stem>.toml when written

    def summary(self) -> str:
        d = self.drafted
        parts = []
        for table, word in (("organisation", "organisations"), ("site", "sites"),
                            ("route", "routes"), ("agreement", "agreements")):
            n = d.count(table)
            if n:
                parts.append(f"{n} {word if n != 1 else word[:-1]}")
        incomplete = sum(d.count(t, complete=False)
                         for t in ("organisation", "site", "route", "agreement"))
        text = ", ".join(parts) or "nothing new"
        if incomplete:
            text += f"; {incomplete} incomplete (commented out)"
        if d.reused:
            text += f"; {len(set(d.reused.values()))} already in the catalogue"
        return text


@dataclass
class DraftRun:
    drafts: list[ArticleDraft] = field(default_factory=list)
    seconds: float = 0.0
    #: what was found and mended first (an interrupted accept completed), one line each
    notices: list[str] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return len(self.drafts) / self.seconds if self.seconds > 0 else 0.0


def _header(intake: Intake, drafted: Drafted) -> list[str]:
    lines = [f"Drafted by geo draft from seeds/{intake.stem}.txt: review every entry, then",
             f"move it into data/ with: geo accept {intake.stem} [ID...]",
             "Every quote is the sentence of the article that states the entry or field.",
             "Once edited, this draft is not replaced by drafting the article again (the",
             "checksum below tells geo whether it is still as geo wrote it)."]
    for eid, alias in drafted.proposed_aliases:
        lines.append(f'proposed alias for {eid}: "{alias}"')
    # replaced by the text's own checksum (geo.draft_toml.stamped)
    lines.append(checksum_line("").removeprefix("# ").rstrip("\n"))
    return lines


def draft_text(intake: Intake, drafted: Drafted) -> str:
    """The TOML text of ``drafts/<stem>.toml``, stamped with its checksum."""
    return stamped(document(drafted.blocks, _header(intake, drafted)))


def _kept_draft(path: Path) -> str | None:
    """Why the draft ``path`` must not be replaced (it is not as geo last wrote it), or
    ``None`` when it may be (it is, or there is none)."""
    if not (path.exists() or path.is_symlink()):
        return None
    try:
        text = read_bytes(path, MAX_TOML_BYTES, "draft").decode("utf-8")
    except (InputError, UnicodeDecodeError):
        return "is not a draft geo wrote (it cannot be read as one)"
    state = as_written(text)
    if state:
        return None
    if state is False:
        return "was edited since geo wrote it"
    return ("holds no geo draft checksum line (written by hand or by an earlier geo, or the "
            "line was removed), so it may hold a reviewer's edits")


def _refuse_edited(root: Path, stems: Sequence[str]) -> None:
    """:class:`OutputExistsError` naming the drafts of ``stems`` that must not be
    replaced."""
    kept = [(stem, why) for stem in stems
            if (why := _kept_draft(root / DRAFTS / f"{stem}.toml")) is not None]
    if not kept:
        return
    stem, why = kept[0]
    more = (f" (and {len(kept) - 1} other draft{'s' if len(kept) > 2 else ''}: "
            + ", ".join(f"{DRAFTS}/{s}.toml" for s, _w in kept[1:]) + ")"
            if len(kept) > 1 else "")
    raise OutputExistsError(f"{DRAFTS}/{stem}.toml: {why}; not replaced{more}, nothing "
                            "drafted")


def draft_json(draft: ArticleDraft) -> dict[str, Any]:
    """One article's draft as JSON-ready data."""
    def block(b: Block) -> dict[str, Any]:
        return {"table": b.table, "entry": b.entry, "incomplete": b.incomplete}

    return {"article": draft.stem, "path": str(draft.path) if draft.path else None,
            "entries": [block(b) for b in draft.drafted.blocks],
            "reused": draft.drafted.reused,
            "proposed_aliases": [{"id": i, "alias": a}
                                 for i, a in draft.drafted.proposed_aliases]}


# -- one process's state: the gazetteer-backed extractor, built once per process ----------
_STATE: dict[str, Any] = {}


def _init(workspace: str) -> None:
    from geo.catalog import read_workspace
    from geo.extract import Extractor
    from geo.workspace import Workspace

    catalog, _problems = read_workspace(Workspace(Path(workspace)))
    _STATE["extractor"] = Extractor(catalog)


def _facts_of(article: str, workspace: str) -> tuple[Intake, DraftFacts]:
    """Take ``article`` in and find its facts (the costly part, run in worker processes)."""
    from geo.catalog import read_article_text
    from geo.draft import find_facts
    from geo.schema import Article

    if "extractor" not in _STATE:
        _init(workspace)
    seeds = Path(workspace) / "seeds"
    intake = take_in(article, seeds)
    text = read_article_text(intake.path)
    meta = _metadata(seeds / f"{intake.stem}.toml")
    language = meta.language if isinstance(meta, Article) else "en"
    date = meta.date if isinstance(meta, Article) else None
    return intake, find_facts(text, language=language, article_date=date,
                              extractor=_STATE["extractor"])


def _metadata(path: Path) -> Any:
    """The article's metadata, or ``None`` when it does not validate (a draft needs none;
    ``geo check`` says what is wrong with it)."""
    from geo.files import MAX_TOML_BYTES, parse_nested, read_bytes
    from geo.schema import Article, ValidationError

    try:
        import tomllib
    except ImportError:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    try:
        data = parse_nested(tomllib.loads,
                            read_bytes(path, MAX_TOML_BYTES, "metadata file").decode("utf-8"),
                            str(path))
        return Article.model_validate(data)
    except (InputError, UnicodeDecodeError, tomllib.TOMLDecodeError, ValidationError):
        return None


def draft_articles(articles: Sequence[str], workspace: str | os.PathLike[str] = ".", *,
                   jobs: int = 1, write: bool = True, overwrite: bool = False) -> DraftRun:
    """Draft each article; write ``drafts/<stem>.toml`` (when ``write``) and return what was
    drafted. ``jobs`` > 1 drafts in that many processes. Raises :class:`InputError` for an
    article that cannot be read or taken in (naming it), and
    :class:`~geo.errors.OutputExistsError` when a draft to replace is not as geo last wrote
    it, unless ``overwrite`` (see the module docstring)."""
    root = Path(workspace)
    if not root.is_dir():
        raise InputError(f"{root}: no such workspace folder")
    started = time.perf_counter()
    from geo.atomic import complete_interrupted
    from geo.draft.intake import article_stem
    from geo.workspace import Workspace

    # an accept (or a draft) killed while it replaced its files: completed before anything
    # is read, so that data/ and drafts/ hold one state and no id is drafted twice
    ws = Workspace(root)
    notices = complete_interrupted([ws.data, ws.drafts])

    stems = [Path(a).stem if (root / "seeds" / f"{a}.txt").exists() and not Path(a).exists()
             else article_stem(Path(a)) for a in articles]
    dupes = sorted({s for s in stems if stems.count(s) > 1})
    if dupes:
        raise InputError(f"two articles would be drafted as seeds/{dupes[0]}.txt: rename one")
    if write and not overwrite:
        _refuse_edited(root, stems)  # before the costly part
    found: list[tuple[Intake, DraftFacts]]
    if jobs > 1 and len(articles) > 1:
        with ProcessPoolExecutor(max_workers=jobs, initializer=_init,
                                 initargs=(str(root),)) as pool:
            found = list(pool.map(_facts_of, articles, [str(root)] * len(articles),
                                  chunksize=8))
    else:
        _init(str(root))  # this workspace's catalogue as it is now, not an earlier run's
        found = [_facts_of(a, str(root)) for a in articles]
    redrafted = {intake.stem for intake, _f in found}
    read_state = _catalogue_state(ws)
    run = DraftRun(notices=notices)
    outputs = _draft_entries(root, found, _catalogue_with_other_drafts(root, redrafted),
                             run, write)
    if outputs:
        from geo.atomic import locked_folders, write_file_set

        # data/ and drafts/ locked, as geo accept locks them: an accept that wrote while the
        # entries were made (moving entries this run reused or drafted again into data/)
        # has the entries made again from what it wrote, so no id is drafted twice
        # (data/ only when it is there: a draft needs none, and creates none)
        with locked_folders([ws.data, ws.drafts] if ws.data.is_dir() else [ws.drafts]):
            if _catalogue_state(ws) != read_state:
                run.drafts.clear()
                outputs = _draft_entries(
                    root, found, _catalogue_with_other_drafts(root, redrafted), run, write)
            if not overwrite:  # again: a reviewer may have saved one meanwhile
                _refuse_edited(root, [d.stem for d in run.drafts])
            run.notices += write_file_set(outputs, run="draft").notices
    run.seconds = time.perf_counter() - started
    return run


def _draft_entries(root: Path, found: Sequence[tuple[Intake, DraftFacts]], catalog: Catalog,
                   run: DraftRun, write: bool) -> dict[Path, str]:
    """Make each article's entries against ``catalog``, add its draft to ``run``, and return
    the drafts' texts by path (none unless ``write``). One article after the other: each
    reuses what data/, the other drafts and the articles drafted before it in this run hold,
    so no two drafts hold one entity twice."""
    outputs: dict[Path, str] = {}
    held = Held.of(catalog)  # indexed once, then extended with each article's entries
    for intake, facts in found:
        drafted = draft_entries(facts, intake.stem, held=held)
        for block in drafted.blocks:
            if block.incomplete is None:
                held.hold_block(block)
        path = root / DRAFTS / f"{intake.stem}.toml" if write else None
        if path is not None:
            outputs[path] = draft_text(intake, drafted)
        run.drafts.append(ArticleDraft(intake.stem, intake, drafted, path))
    return outputs


def _catalogue_state(ws: Workspace) -> list[tuple[str, int, int, int]]:
    """What the files of ``data/`` and ``drafts/`` are now (name, size, modification time,
    inode): a replaced or rewritten file changes it, as geo's atomic writes replace files."""
    state = []
    for folder in (ws.data, ws.drafts):
        for path in sorted(folder.glob("*.toml")) if folder.is_dir() else ():
            try:
                st = path.stat()
            except OSError:
                continue
            state.append((str(path), st.st_size, st.st_mtime_ns, st.st_ino))
    return state


def _catalogue_with_other_drafts(root: Path, redrafted: set[str]) -> Catalog:
    """``data/`` with the drafts of ``drafts/`` that are not being drafted again (what loads:
    ``geo check`` reports the rest)."""
    from geo.catalog import read_workspace
    from geo.workspace import Workspace

    folder = root / DRAFTS
    others = sorted(p.stem for p in folder.glob("*.toml")) if folder.is_dir() else []
    catalog, _problems = read_workspace(Workspace(root),
                                        [s for s in others if s not in redrafted])
    return catalog


def run_json(run: DraftRun) -> str:
    return json.dumps([draft_json(d) for d in run.drafts], ensure_ascii=False, indent=2)
