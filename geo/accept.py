"""Review drafts: what each would add, and moving reviewed entries into ``data/``.

A draft (``drafts/<stem>.toml``, :mod:`geo.draft.writer`'s layout) is a run of entries, each a
top-level ``[[organisation]]``, ``[[site]]``, ``[[route]]``, ``[[corridor]]`` or
``[[agreement]]`` table with its sub-tables, possibly preceded by ``# ...`` comment lines.
An entry that cannot be accepted as it is stands commented out, every line prefixed ``# ``,
after a line ``# incomplete, not read until completed: REASON``. A comment line
``# proposed alias for ID: "NAME"`` proposes an alias for an entity; it is reported, never
applied.

:func:`geo.draft_toml.parse_draft` tells a draft's entries apart **as text**
(:class:`~geo.draft_toml.DraftText`), so that :func:`accept` moves an entry by moving its
lines: its block (comment lines, table, sub-tables) is appended at the end of the data file of
its kind, whose existing text, order and comments stay byte for byte as they were (the entry
takes the file's line ending, CRLF or LF), and the same lines are removed from the draft.
Each move is checked by parsing: the data file must read as before plus the entry, the
draft as before minus it. The whole read-check-write runs with the
locks of ``data/`` and ``drafts/`` held (:func:`geo.atomic.locked_folders`), so two accepts
at once take turns, the second reading what the first wrote. Before anything is written,
``data/`` as it would be must validate on its own (every reference of an accepted entry
resolves in ``data/`` after the move); the data files and the draft are then written as one
set (:func:`geo.atomic.write_file_set`), and a draft left with no entry (only comments) is
deleted.
Nothing else in geo writes into ``data/``.

:func:`draft_reports` says, per draft of a loaded catalogue, what accepting it would add.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from geo.atomic import complete_interrupted, locked_folders, write_file_set
from geo.catalog import Catalog, read_workspace
from geo.catalog_checks import entity_references
from geo.draft_toml import (
    DraftEntry,
    DraftText,
    as_written,
    decode_utf8,
    parse_draft,
    parse_toml_or_none,
    read_draft,
    stamped,
)
from geo.errors import CatalogError, GeoError, InputError, OutputError, Problem
from geo.files import MAX_TOML_BYTES, read_bytes
from geo.schema import KINDS
from geo.text import name_key, shown
from geo.workspace import Workspace, data_file_header

# --------------------------------------------------------------------------- reports


@dataclass(frozen=True)
class DraftReport:
    """What accepting a whole draft would do: entities added per kind, incomplete entries
    (not read), and the aliases it proposes (never applied)."""

    file: str
    added: dict[str, int]
    incomplete: list[str]
    proposals: list[str]

    def __str__(self) -> str:
        """``drafts/<stem>.toml: would add 3 organisations, 1 route; 1 incomplete entry
        (not read: ID); proposes alias 'Liquid' for liquid-telecom``."""
        counts = [f"{n} {kind if n != 1 else kind[:-1]}" for kind, n in self.added.items()
                  if n]
        parts = ["would add " + (", ".join(counts) if counts else "nothing")]
        if self.incomplete:
            n = len(self.incomplete)
            parts.append(f"{n} incomplete {'entry' if n == 1 else 'entries'} (not read: "
                         + ", ".join(self.incomplete) + ")")
        parts += self.proposals
        return f"{self.file}: " + "; ".join(parts)


def draft_reports(cat: Catalog) -> list[DraftReport]:
    """One :class:`DraftReport` per draft of ``cat`` (loaded with its drafts), by name."""
    ws = cat.workspace
    out = []
    for stem in cat.drafts:
        path = ws.draft_file(stem)
        added = {kind: sum(1 for eid in entities if cat.draft_of.get(eid) == stem)
                 for kind in KINDS for entities in [cat.by_kind(kind)]}
        try:
            draft = parse_draft(decode_utf8(path, ws.relative(path),
                                        read_bytes(path, MAX_TOML_BYTES, "draft")))
        except InputError:
            draft = DraftText([], [])  # reported by the catalogue already
        incomplete = [e.entity_id or f"line {e.start + 1}" for e in draft.incomplete]
        proposals = [_proposal(cat, eid, name) for eid, name in draft.proposals]
        out.append(DraftReport(ws.relative(path), added, incomplete, proposals))
    return out


def _proposal(cat: Catalog, entity_id: str, name: str) -> str:
    text = f"proposes alias {name!r} for {entity_id}"
    entity = cat.get(entity_id)
    if entity is None:
        return text + " (no such entity)"
    if name_key(name) in {name_key(n) for n in (entity.name, *entity.aliases)}:
        return text + " (already its name or an alias)"
    for _kind, other in cat.entities():
        if other.id != entity_id and name_key(name) in {name_key(n) for n in
                                                        (other.name, *other.aliases)}:
            return text + f" (already names {other.id})"
    return text


# --------------------------------------------------------------------------- accept


class MissingReferencesError(InputError):
    """Accepting the entries named would leave ``data/`` referring to ids it does not hold.

    ``missing`` maps each such id to where it is (``"drafted here"``, ``"incomplete
    here"``, ``"drafted in drafts/<stem>.toml"``); ``together`` are the ids to accept
    with them from the same draft (the entries named, and every complete entry of the
    draft they need, directly or not), empty when the draft alone cannot complete them."""

    def __init__(self, message: str, stem: str, missing: dict[str, str],
                 together: list[str]):
        super().__init__(message)
        self.stem = stem
        self.missing = missing
        self.together = together


@dataclass(frozen=True)
class AcceptResult:
    """What :func:`accept` did: the entries moved, by data file (in the order appended),
    the data files it created, and what is left of the draft."""

    stem: str
    draft: Path
    added: dict[Path, list[str]]
    created: list[Path]
    #: ids (or ``line N``) of the entries the draft still holds, complete and incomplete
    left_complete: list[str]
    left_incomplete: list[str]
    draft_removed: bool
    #: what was found and mended first (an interrupted accept completed), one line each
    notices: list[str] = field(default_factory=list)

    @property
    def count(self) -> int:
        return sum(len(ids) for ids in self.added.values())


def _draft_path(ws: Workspace, stem: str) -> Path:
    """``drafts/<stem>.toml``; :class:`InputError` when there is no such draft."""
    name = stem.removesuffix(".toml")
    if name.startswith(f"{ws.drafts.name}/"):
        name = name[len(ws.drafts.name) + 1:]
    if not name or name.startswith(".") or "/" in name or "\\" in name or "\0" in name:
        raise InputError(f"{stem!r}: not a draft's stem (the name of a file in "
                         f"{ws.relative(ws.drafts)}/ without .toml)")
    path = ws.draft_file(name)
    if path not in ws.draft_files():
        stems = [p.name.removesuffix(".toml") for p in ws.draft_files()]
        holds = (f"drafts: {', '.join(stems)}" if stems else
                 f"{ws.relative(ws.drafts)}/ holds no draft" if ws.drafts.is_dir()
                 else f"there is no {ws.relative(ws.drafts)}/ folder")
        raise InputError(f"{ws.relative(path)}: no such draft ({holds})")
    return path


def _select(rel: str, draft: DraftText, ids: Sequence[str], cat: Catalog,
            ) -> list[DraftEntry]:
    """The complete entries to accept: those named, else all; :class:`InputError` for an
    unknown id, an incomplete entry, or an id ``data/`` already holds."""
    def in_data(entity_id: str) -> str | None:
        file = cat.files.get(entity_id)
        return file if file is not None and entity_id not in cat.draft_of else None

    if not ids:
        chosen = draft.complete
        if not chosen:
            left = ", ".join(e.entity_id or f"line {e.start + 1}" for e in draft.incomplete)
            raise InputError(f"{rel}: no complete entry to accept"
                             + (f" (incomplete: {left})" if left else ""))
    else:
        chosen = []
        for entity_id in dict.fromkeys(ids):
            entry = draft.entry(entity_id)
            if entry is None:
                where = in_data(entity_id)
                if where is not None:
                    raise InputError(f"{rel}: {entity_id!r} is already in {where}, not "
                                     "in this draft")
                known = ", ".join(shown(e.entity_id) for e in draft.entries if e.entity_id)
                raise InputError(f"{rel}: no entry {entity_id!r} in this draft"
                                 + (f" (it holds: {known})" if known else ""))
            if entry.incomplete is not None:
                raise InputError(f"{rel}: {entity_id!r} is incomplete and not read "
                                 f"({shown(entry.incomplete)}); complete it and remove its "
                                 "'# ' prefixes and the 'incomplete' line first")
            chosen.append(entry)
        chosen.sort(key=lambda e: e.start)  # in the draft's order, as they are appended
    for entry in chosen:
        where = in_data(entry.entity_id or "")
        if where is not None:
            raise InputError(f"{rel}: {entry.entity_id!r} is already in {where}; remove "
                             "the draft's entry, or give it another id")
    return chosen


def _missing_references(rel: str, stem: str, cat: Catalog, draft: DraftText,
                        chosen: list[DraftEntry]) -> None:
    """Refuse entries that refer to ids ``data/`` would not hold after the move."""
    in_data = {eid for eid in cat.files if eid not in cat.draft_of}
    complete_here = {e.entity_id for e in draft.complete if e.entity_id}

    def needs(entity_ids: Iterable[str]) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for eid in entity_ids:
            entity = cat.get(eid)
            if entity is None:
                continue
            for _field, value, _kinds in entity_references(entity):
                out.setdefault(value, []).append(eid)
        return out

    chosen_ids = [e.entity_id for e in chosen if e.entity_id]
    missing = {ref: by for ref, by in needs(chosen_ids).items()
               if ref not in in_data and ref not in chosen_ids}
    if not missing:
        return
    # the closure: what accepting them together would take from this draft
    together = list(chosen_ids)
    frontier = [ref for ref in missing if ref in complete_here]
    while frontier:
        together += frontier
        frontier = [ref for ref in needs(frontier) if ref in complete_here
                    and ref not in together and ref not in frontier]
        frontier = list(dict.fromkeys(frontier))
    unresolved = [ref for ref in needs(together) if ref not in in_data and ref not in together]

    def where(ref: str) -> str:
        entry = draft.entry(ref)
        if entry is not None:
            return "drafted here" if entry.incomplete is None else "incomplete here"
        if ref in cat.draft_of:
            return f"drafted in {cat.files[ref]}"
        return "unknown"

    places = {ref: where(ref) for ref in dict.fromkeys([*missing, *unresolved])}
    shown = "; ".join(f"{ref!r} ({places[ref]}; needed by {', '.join(dict.fromkeys(by))})"
                      for ref, by in missing.items())
    named = (", ".join(chosen_ids) if len(chosen_ids) <= 3
             else f"{len(chosen_ids)} entries accepted")
    message = (f"{rel}: {named} would refer to what data/ does not hold and is not being "
               f"accepted: {shown}")
    if unresolved:
        message += "; accept first, or complete: " + ", ".join(
            f"{ref!r} ({places[ref]})" for ref in unresolved)
    raise MissingReferencesError(message, stem, places, [] if unresolved else together)


def _data_texts(ws: Workspace, draft: DraftText, chosen: list[DraftEntry],
                ) -> tuple[dict[Path, str], dict[Path, list[str]], list[Path]]:
    """The data files as they are to be written: each as it is, plus the chosen entries'
    blocks of its kind at the end (a new file starts with the header ``geo init`` writes)."""
    texts: dict[Path, str] = {}
    added: dict[Path, list[str]] = {}
    created: list[Path] = []
    for kind in KINDS:
        mine = [e for e in chosen if e.kind == kind]
        if not mine:
            continue
        path = ws.data_file(kind)
        if path.exists() or path.is_symlink():
            text = decode_utf8(path, ws.relative(path), read_bytes(path, MAX_TOML_BYTES,
                                                               "data file"))
        else:
            text = data_file_header(kind)
            created.append(path)
        # the entries in the file's own line ending (a draft saved with CRLF, a data file
        # with LF, or the other way round: never a file of mixed endings)
        ending = _line_ending(text)
        if text and not text.endswith("\n"):
            text += ending
        if text.strip():
            text += ending  # a blank line between the last entry and the first added
        text += ending.join(_with_line_ending(draft.block(e), ending) for e in mine)
        texts[path] = text
        added[path] = [e.entity_id or "" for e in mine]
    return texts, added, created


def _line_ending(text: str) -> str:
    """The line ending of ``text``: that of its first line (CRLF or LF); LF when it has no
    line break."""
    first = text.find("\n")
    return "\r\n" if first > 0 and text[first - 1] == "\r" else "\n"


def _with_line_ending(text: str, ending: str) -> str:
    """``text`` with each line ending (CRLF or LF) written as ``ending``."""
    return ending.join(line.removesuffix("\r") for line in text.split("\n"))


def _verify_moves(ws: Workspace, document: Mapping[str, Any], draft: DraftText,
                  chosen: list[DraftEntry], texts: Mapping[Path, str], created: list[Path],
                  draft_text: str) -> None:
    """Check by parsing that each data file reads as before plus the entries moved, and the
    draft as before minus them; :class:`GeoError` otherwise (nothing is written)."""
    for path, text in texts.items():
        kind = next(k for k in KINDS if ws.data_file(k) == path)
        table = KINDS[kind][0]
        before: list[Any] = []
        if path not in created:
            old = parse_toml_or_none(decode_utf8(path, ws.relative(path),
                                       read_bytes(path, MAX_TOML_BYTES, "data file")))
            before = list((old or {}).get(table, []))
        moved = [(parse_toml_or_none(draft.block(e)) or {}).get(e.table or "", [None])[0]
                 for e in chosen if e.kind == kind]
        after = parse_toml_or_none(text)
        if after is None or after.get(table) != before + moved:
            raise GeoError(f"{ws.relative(path)}: the entries would not read back as "
                           "written once appended; nothing written")
    remaining = parse_toml_or_none(draft_text) if draft_text.strip() else {}
    chosen_items = {(e.table, e.entity_id) for e in chosen}
    expected = {table: [item for item in items
                        if (table, item.get("id")) not in chosen_items]
                for table, items in document.items()}
    expected = {table: items for table, items in expected.items() if items}
    if remaining != expected:
        raise GeoError("the draft would not read back as before less the accepted "
                       "entries; nothing written")


def recover(root: str | os.PathLike[str]) -> list[str]:
    """Complete an accept that was killed while it replaced its files (its journal in
    ``data/``: :func:`geo.atomic.complete_interrupted`), so that ``data/`` and ``drafts/``
    hold one state again; return what was done, one line each (none when nothing was
    pending). :func:`accept` does this first."""
    ws = Workspace.at(root)
    # geo.atomic names every set it completes a build's
    return complete_interrupted([ws.data, ws.drafts])


def accept(root: str | os.PathLike[str], stem: str, ids: Sequence[str] = ()) -> AcceptResult:
    """Move the complete entries ``ids`` (all of them when none is named) of the draft
    ``drafts/<stem>.toml`` into ``data/``, as the module docstring describes.

    Raises :class:`InputError` for an unknown draft or id, an incomplete entry, an id
    ``data/`` already holds, or a draft whose entries cannot be told apart as text;
    :class:`MissingReferencesError` when ``data/`` would not hold what an accepted entry
    refers to; :class:`CatalogError` when ``data/`` (or an accepted entry) does not
    validate; :class:`OutputError` when a file cannot be written. Nothing is written then.
    """
    ws = Workspace.at(root)
    _draft_path(ws, stem)  # an unknown draft: refused before any folder is locked
    # read, check and write under the locks of data/ and drafts/: two accepts at once
    # take turns, the second reading what the first wrote
    with locked_folders([ws.data, ws.drafts]):
        return _accept_locked(ws, stem, ids)


def _accept_locked(ws: Workspace, stem: str, ids: Sequence[str]) -> AcceptResult:
    """:func:`accept`, its folders locked."""
    notices = recover(ws.root)  # an accept that was killed
    path = _draft_path(ws, stem)  # again: another accept may have emptied it meanwhile
    stem = path.name.removesuffix(".toml")
    rel = ws.relative(path)
    cat, problems = read_workspace(ws, drafts=True)
    drafts_folder = ws.relative(ws.drafts) + "/"
    own = [p for p in problems if p.file == rel]
    curated = [p for p in problems if not p.file.startswith(drafts_folder)
               and p.file != ws.relative(ws.drafts)]
    file_level = [p for p in own if p.entity_id == "-"]
    if file_level:
        raise CatalogError(sorted(file_level))
    draft, document = read_draft(ws, path)
    chosen = _select(rel, draft, ids, cat)
    # the problems of the entries left in the draft do not stop the others
    others = {e.entity_id for e in draft.entries if e not in chosen and e.entity_id}
    blocking = curated + [p for p in own if p.entity_id not in others]
    if blocking:
        raise CatalogError(sorted(blocking, key=lambda p: p.file))
    unread = [e.entity_id or f"line {e.start + 1}" for e in chosen
              if cat.draft_of.get(e.entity_id or "") != stem]
    if unread:  # pragma: no cover - each has a problem above
        raise InputError(f"{rel}: {', '.join(unread)}: does not validate")
    _missing_references(rel, stem, cat, draft, chosen)
    texts, added, created = _data_texts(ws, draft, chosen)
    draft_text = draft.without(chosen)
    if as_written("".join(draft.lines)):  # accepting is no edit: geo draft may replace it
        draft_text = stamped(draft_text)
    _verify_moves(ws, document, draft, chosen, texts, created, draft_text)
    _after, after_problems = read_workspace(ws, texts=texts)
    if after_problems:
        raise CatalogError(sorted(after_problems, key=lambda p: p.file))
    left = [e for e in draft.entries if e not in chosen]
    written = write_file_set({**texts, path: draft_text}, run="accept")
    removed = False
    if not left:
        try:
            path.unlink()
        except OSError as exc:
            raise OutputError(f"{rel}: accepted, but the emptied draft could not be removed: "
                              f"{exc.strerror or exc}") from exc
        removed = True
    label = [shown(e.entity_id) if e.entity_id else f"line {e.start + 1}" for e in left]
    return AcceptResult(
        stem=stem, draft=path, added=added, created=created,
        left_complete=[lab for lab, e in zip(label, left, strict=True) if e.incomplete is None],
        left_incomplete=[lab for lab, e in zip(label, left, strict=True)
                         if e.incomplete is not None],
        draft_removed=removed, notices=[*notices, *written.notices],
    )


__all__ = ["AcceptResult", "DraftEntry", "DraftReport", "DraftText", "MissingReferencesError",
           "Problem", "accept", "draft_reports", "parse_draft", "read_draft", "recover"]
