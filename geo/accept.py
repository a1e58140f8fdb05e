"""Review drafts: what each would add, and moving reviewed entries into ``data/``.

A draft (``drafts/<stem>.toml``, :mod:`geo.draft.writer`'s layout) is a run of entries, each a
top-level ``[[organisation]]``, ``[[site]]``, ``[[route]]``, ``[[corridor]]`` or
``[[agreement]]`` table with its sub-tables, possibly preceded by ``# ...`` comment lines.
An entry that cannot be accepted as it is stands commented out, every line prefixed ``# ``,
after a line ``# incomplete, not read until completed: REASON``. A comment line
``# proposed alias for ID: "NAME"`` proposes an alias for an entity; it is reported, never
applied.

:func:`parse_draft` tells a draft's entries apart **as text** (:class:`DraftText`), so that
:func:`accept` moves an entry by moving its lines: its block (comment lines, table, sub-tables)
is appended at the end of the data file of its kind, whose existing text, order and comments
stay byte for byte as they were, and the same lines are removed from the draft. Each move is
checked by parsing: the data file must read as before plus the entry, the draft as before
minus it. Before anything is written, ``data/`` as it would be must validate on its own (every
reference of an accepted entry resolves in ``data/`` after the move); the data files and the
draft are then written as one set (:func:`geo.atomic.write_file_set`), and a draft left with
no entry (only comments) is deleted. Nothing else in geo writes into ``data/``.

:func:`draft_reports` says, per draft of a loaded catalogue, what accepting it would add.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from geo.atomic import complete_interrupted, write_file_set
from geo.catalog import TABLE_KINDS, Catalog, read_workspace
from geo.catalog_checks import entity_references
from geo.errors import CatalogError, GeoError, InputError, OutputError, Problem
from geo.files import MAX_TOML_BYTES, parse_nested, read_bytes
from geo.schema import ID_PATTERN, KINDS
from geo.text import name_key, shown
from geo.workspace import Workspace, data_file_header

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

_TABLES = "|".join(TABLE_KINDS)
#: a top-level entry's table header: ``[[site]]`` (a trailing comment allowed)
_HEADER_RE = re.compile(rf"^[ \t]*\[\[[ \t]*({_TABLES})[ \t]*\]\][ \t]*(?:#.*)?\r?$")
#: the same, commented out (inside an incomplete entry)
_COMMENTED_HEADER_RE = re.compile(rf"^[ \t]*#[ \t]?\[\[[ \t]*({_TABLES})[ \t]*\]\]")
#: a commented-out sub-table header (``# [[site.sources]]``): the entry's own keys end there
_COMMENTED_SUBTABLE_RE = re.compile(r"^[ \t]*#[ \t]?\[")
_COMMENTED_ID_RE = re.compile(r"^[ \t]*#[ \t]?(id[ \t]*=.*?)\r?$")
_INCOMPLETE_RE = re.compile(r"^[ \t]*#[ \t]*incomplete, not read until completed:[ \t]*(.*?)"
                            r"[ \t]*\r?$")
_PROPOSAL_RE = re.compile(r"^[ \t]*#[ \t]*proposed alias for[ \t]+([a-z0-9]+(?:-[a-z0-9]+)*)"
                          r"[ \t]*:[ \t]*(\".*\"|'.*')[ \t]*\r?$")


def _is_blank(line: str) -> bool:
    return not line.strip()


def _is_comment(line: str) -> bool:
    return line.lstrip().startswith("#")


def _lines(text: str) -> list[str]:
    """``text`` cut after each line feed (only: TOML ends lines there, not at U+2028 or a
    form feed), each line with its end, so that joining them gives ``text`` back."""
    return [part for part in re.split(r"(?<=\n)", text) if part]


def _toml_value(text: str) -> Any:
    """The value of one TOML ``key = value`` line's value text, else ``None``."""
    try:
        return tomllib.loads(f"v = {text}")["v"]
    except (tomllib.TOMLDecodeError, RecursionError):
        return None


# --------------------------------------------------------------------------- draft text


@dataclass(frozen=True)
class DraftEntry:
    """One entry of a draft, as lines ``start`` to ``end`` (inclusive, from 0) of its text.

    ``table`` is ``site``, ``route``...; ``entity_id`` its ``id`` (``None`` when an
    incomplete entry's cannot be read); ``incomplete`` the reason when it is commented out.
    """

    table: str | None
    entity_id: str | None
    start: int
    end: int
    incomplete: str | None = None

    @property
    def kind(self) -> str | None:
        """The data file kind (``sites``...) of its table."""
        return TABLE_KINDS.get(self.table) if self.table else None


@dataclass(frozen=True)
class DraftText:
    """A draft's text cut into its entries (see :func:`parse_draft`)."""

    lines: list[str]
    entries: list[DraftEntry]
    #: ``# proposed alias for ID: "NAME"`` lines: ``(id, name)`` in text order
    proposals: list[tuple[str, str]] = field(default_factory=list)

    @property
    def complete(self) -> list[DraftEntry]:
        return [e for e in self.entries if e.incomplete is None]

    @property
    def incomplete(self) -> list[DraftEntry]:
        return [e for e in self.entries if e.incomplete is not None]

    def entry(self, entity_id: str) -> DraftEntry | None:
        return next((e for e in self.entries if e.entity_id == entity_id), None)

    def block(self, entry: DraftEntry) -> str:
        """The entry's lines as text, ending in a line feed."""
        text = "".join(self.lines[entry.start:entry.end + 1])
        return text if text.endswith("\n") else text + "\n"

    def without(self, entries: Iterable[DraftEntry]) -> str:
        """The draft's text with the lines of ``entries`` removed, each with the blank
        lines that separated it from what follows; blank lines left at the start or the end
        of the text are dropped too."""
        drop: set[int] = set()
        n = len(self.lines)
        for entry in entries:
            drop.update(range(entry.start, entry.end + 1))
            after = entry.end + 1
            while after < n and _is_blank(self.lines[after]):
                drop.add(after)
                after += 1
        kept = [line for i, line in enumerate(self.lines) if i not in drop]
        while kept and _is_blank(kept[-1]):
            kept.pop()
        while kept and _is_blank(kept[0]):
            kept.pop(0)
        if kept and not kept[-1].endswith("\n"):
            kept[-1] += "\n"
        return "".join(kept)


def parse_draft(text: str) -> DraftText:
    """Cut a draft's text into its entries (complete and incomplete) and proposals.

    An entry starts at its table header (``[[site]]``), or, commented out, at its
    ``# incomplete, not read until completed:`` line, together with the comment lines right
    above it (no blank line between). A complete entry runs to the next entry's start, less
    trailing blank lines and trailing comment paragraphs (comment lines after a blank line,
    which belong to no entry); an incomplete one runs to the end of its comment lines.
    This says nothing about whether the text is valid TOML: :func:`read_draft` checks that the
    cut agrees with the parsed document.
    """
    lines = _lines(text)
    n = len(lines)
    anchors: list[tuple[int, str | None, str | None]] = []  # (line, table, reason)
    for i, line in enumerate(lines):
        header = _HEADER_RE.match(line)
        if header:
            anchors.append((i, header.group(1), None))
            continue
        marker = _INCOMPLETE_RE.match(line)
        if marker:
            anchors.append((i, None, marker.group(1) or "no reason given"))
    # where each anchored entry's own lines end (before the next entry's comments)
    body_ends: list[int] = []
    for i, _table, reason in anchors:
        if reason is None:
            body_ends.append(i)
        else:
            j = i + 1
            while j < n and _is_comment(lines[j]) and not _INCOMPLETE_RE.match(lines[j]):
                j += 1
            body_ends.append(j - 1)
    starts: list[int] = []
    for k, (i, _table, _reason) in enumerate(anchors):
        floor = body_ends[k - 1] if k else -1
        start = i
        while start - 1 > floor and _is_comment(lines[start - 1]) \
                and not _INCOMPLETE_RE.match(lines[start - 1]):
            start -= 1
        starts.append(start)
    entries = []
    for k, (i, table, reason) in enumerate(anchors):
        if reason is not None:
            end = body_ends[k]
            table, entity_id = _commented_entry(lines[i + 1:end + 1])
        else:
            end = (starts[k + 1] if k + 1 < len(anchors) else n) - 1
            end = _trim_tail(lines, i, end)
            entity_id = None  # read from the parsed document by read_draft
        entries.append(DraftEntry(table, entity_id, starts[k], end, reason))
    proposals = []
    for line in lines:
        m = _PROPOSAL_RE.match(line)
        if m:
            name = _toml_value(m.group(2))
            proposals.append((m.group(1), name if isinstance(name, str) else m.group(2)[1:-1]))
    return DraftText(lines, entries, proposals)


def _trim_tail(lines: list[str], header: int, end: int) -> int:
    """The last line of a complete entry whose header is at ``header`` and whose span runs
    to ``end``: trailing blank lines and comment paragraphs after a blank line left out."""
    while True:
        while end > header and _is_blank(lines[end]):
            end -= 1
        j = end
        while j > header and _is_comment(lines[j]):
            j -= 1
        if j < end and j > header and _is_blank(lines[j]):
            end = j  # a comment paragraph of its own: not part of the entry
            continue
        return end


def _commented_entry(body: list[str]) -> tuple[str | None, str | None]:
    """The table and ``id`` of a commented-out entry (its lines after the marker)."""
    table = entity_id = None
    for line in body:
        if table is None:
            header = _COMMENTED_HEADER_RE.match(line)
            if header:
                table = header.group(1)
            continue
        if _COMMENTED_SUBTABLE_RE.match(line):
            break
        m = _COMMENTED_ID_RE.match(line)
        if m:
            value = _toml_value(m.group(1).split("=", 1)[1].strip())
            entity_id = value if isinstance(value, str) and re.match(ID_PATTERN, value) \
                else None
            break
    return table, entity_id


def _decode(path: Path, rel: str, raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{rel}: not UTF-8 text: byte 0x{raw[exc.start]:02x} at offset "
                         f"{exc.start}") from None


def read_draft(ws: Workspace, path: Path) -> tuple[DraftText, dict[str, Any]]:
    """A draft's text cut into entries (:func:`parse_draft`), with its parsed tables, the
    ids of its complete entries filled in from them.

    Raises :class:`InputError` naming the draft when it cannot be read or parsed, or when
    its entries cannot be told apart as text (a table header inside a multi-line string, or
    tables written out of the catalogue's layout): each complete entry's lines must parse,
    on their own, to exactly that entry.
    """
    rel = ws.relative(path)
    try:
        text = _decode(path, rel, read_bytes(path, MAX_TOML_BYTES, "draft"))
    except InputError as exc:
        raise InputError(str(exc).replace(f"{path}: ", f"{rel}: ", 1)) from None
    try:
        document = parse_nested(tomllib.loads, text, rel)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"{rel}: not valid TOML: {exc}") from None
    draft = parse_draft(text)
    seen = {table: 0 for table in TABLE_KINDS}
    entries = []
    for entry in draft.entries:
        if entry.incomplete is not None:
            entries.append(entry)
            continue
        assert entry.table is not None
        items = document.get(entry.table)
        index = seen[entry.table]
        seen[entry.table] += 1
        own = _parse_block(draft.block(entry))
        if not isinstance(items, list) or index >= len(items) \
                or own != {entry.table: [items[index]]}:
            raise InputError(f"{rel}: line {entry.start + 1}: cannot tell this "
                             f"[[{entry.table}]] entry apart from the text around it (a table "
                             "header inside a multi-line string, or a table out of place); "
                             "write each entry as one block: its table, then its sub-tables")
        raw_id = items[index].get("id") if isinstance(items[index], dict) else None
        entries.append(DraftEntry(entry.table, raw_id if isinstance(raw_id, str) else None,
                                  entry.start, entry.end))
    for table, count in seen.items():
        items = document.get(table, [])
        if isinstance(items, list) and len(items) != count:
            raise InputError(f"{rel}: [[{table}]]: {len(items)} entries parse, but "
                             f"{count} begin on a line of their own; write each entry's "
                             f"table header [[{table}]] on a line of its own")
    return DraftText(draft.lines, entries, draft.proposals), document


def _parse_block(text: str) -> dict[str, Any] | None:
    try:
        return tomllib.loads(text)
    except (tomllib.TOMLDecodeError, RecursionError):
        return None


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
            draft = parse_draft(_decode(path, ws.relative(path),
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
            text = _decode(path, ws.relative(path), read_bytes(path, MAX_TOML_BYTES,
                                                               "data file"))
        else:
            text = data_file_header(kind)
            created.append(path)
        if text and not text.endswith("\n"):
            text += "\n"
        if text.strip():
            text += "\n"  # a blank line between the last entry and the first added
        text += "\n".join(draft.block(e) for e in mine)
        texts[path] = text
        added[path] = [e.entity_id or "" for e in mine]
    return texts, added, created


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
            old = _parse_block(_decode(path, ws.relative(path),
                                       read_bytes(path, MAX_TOML_BYTES, "data file")))
            before = list((old or {}).get(table, []))
        moved = [(_parse_block(draft.block(e)) or {}).get(e.table or "", [None])[0]
                 for e in chosen if e.kind == kind]
        after = _parse_block(text)
        if after is None or after.get(table) != before + moved:
            raise GeoError(f"{ws.relative(path)}: the entries would not read back as "
                           "written once appended; nothing written")
    remaining = _parse_block(draft_text) if draft_text.strip() else {}
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
    notices = recover(ws.root)  # an accept that was killed
    path = _draft_path(ws, stem)
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
