"""A draft file (``drafts/<stem>.toml``) told apart **as text**, entry by entry, so that
:mod:`geo.accept` can move an entry by moving its lines.

The layout is :mod:`geo.draft.writer`'s: a run of entries, each a top-level
``[[organisation]]``, ``[[site]]``, ``[[route]]``, ``[[corridor]]`` or ``[[agreement]]``
table with its sub-tables, possibly preceded by ``# ...`` comment lines; an entry that cannot
be accepted as it is stands commented out after ``# incomplete, not read until completed:
REASON``; ``# proposed alias for ID: "NAME"`` proposes an alias. :func:`parse_draft` cuts the
text into :class:`DraftEntry` blocks (:class:`DraftText`); :func:`read_draft` also parses the
TOML and checks that each complete entry's lines parse, on their own, to that entry.

**Checksum.** ``geo draft`` stamps each draft it writes with a comment line
``# geo draft checksum (sha256 of this file without this line): HEX``
(:func:`stamped`), so that a later ``geo draft`` of the same article can tell a draft as geo
wrote it (which it may replace) from one a reviewer has edited (which it must not):
:func:`as_written`. ``geo accept`` re-stamps a draft it removes entries from only when the
draft was as geo wrote it, so accepting is no edit, but an edit before it stays one.
"""

from __future__ import annotations

import hashlib
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from geo.catalog import TABLE_KINDS
from geo.errors import InputError
from geo.files import MAX_TOML_BYTES, parse_nested, read_bytes
from geo.files import decode_utf8 as decode_utf8_bytes
from geo.schema import ID_PATTERN
from geo.workspace import Workspace

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


#: the checksum line (see the module docstring), its hex digest in group 1
CHECKSUM_RE = re.compile(r"^# geo draft checksum \(sha256 of this file without this line\): "
                         r"([0-9a-f]{64})\n", re.MULTILINE)


def checksum_line(text: str) -> str:
    """The checksum line for a draft whose text, without that line, is ``text``."""
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return f"# geo draft checksum (sha256 of this file without this line): {digest}\n"


def stamped(text: str) -> str:
    """``text`` with its checksum line: the one it holds is replaced in place, else one is
    put first."""
    found = CHECKSUM_RE.search(text)
    if found is None:
        return checksum_line(text) + text
    rest = text[:found.start()] + text[found.end():]
    return text[:found.start()] + checksum_line(rest) + text[found.end():]


def as_written(text: str) -> bool | None:
    """Whether ``text`` is a draft as ``geo draft`` (or ``geo accept``) last wrote it:
    ``True`` when it holds one checksum line and the rest of it hashes to that line,
    ``False`` when it holds a checksum line that does not match (it was edited) or more
    than one, ``None`` when it holds none (written by hand, or by an earlier geo)."""
    found = list(CHECKSUM_RE.finditer(text))
    if not found:
        return None
    if len(found) > 1:
        return False
    rest = text[:found[0].start()] + text[found[0].end():]
    return checksum_line(rest) == found[0].group(0)


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
            # fullmatch: "$" alone would let an id end with a newline
            entity_id = value if isinstance(value, str) and re.fullmatch(
                ID_PATTERN.removesuffix("$"), value) else None
            break
    return table, entity_id


def decode_utf8(path: Path, rel: str, raw: bytes) -> str:
    """``raw`` as UTF-8 text; else an :class:`InputError` naming the file ``rel`` (its path
    in the workspace), the byte and its offset."""
    return decode_utf8_bytes(raw, rel)


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
        text = decode_utf8(path, rel, read_bytes(path, MAX_TOML_BYTES, "draft"))
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
        own = parse_toml_or_none(draft.block(entry))
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


def parse_toml_or_none(text: str) -> dict[str, Any] | None:
    """``text`` parsed as TOML, or ``None`` when it is not valid TOML (or nests too deep)."""
    try:
        return tomllib.loads(text)
    except (tomllib.TOMLDecodeError, RecursionError):
        return None
