"""Write catalogue entries as TOML in the catalogue's own layout (TOML 1.0).

An entry is a dict of the catalogue's fields: scalars (text, numbers, booleans), lists of
scalars or of ``[lon, lat]`` pairs (inline arrays), and lists of tables (``sources``,
``segments``, ``figures``: written as ``[[site.sources]]`` after the entry's own keys).
Comments (``# ...`` lines) may precede an entry; an entry that cannot be accepted as it is
(a required fact the text does not give) is written commented out, with its reason, so a
reviewer sees it and can complete it.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from geo.text import toml_string


def toml_value(value: Any) -> str:
    """A scalar or an inline array as TOML."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"not a finite number: {value!r}")
        return repr(value)
    if isinstance(value, str):
        return toml_string(value)
    if isinstance(value, Sequence):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    raise TypeError(f"cannot write {type(value).__name__} as TOML")


def _is_tables(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, Mapping)
                                                         for v in value)


def _table(path: str, entry: Mapping[str, Any]) -> list[str]:
    lines = [f"[[{path}]]"]
    nested = []
    for key, value in entry.items():
        if value is None:
            continue
        if _is_tables(value):
            nested.append((key, value))
        else:
            lines.append(f"{key} = {toml_value(value)}")
    for key, tables in nested:
        for table in tables:
            lines.append("")
            lines.extend(_table(f"{path}.{key}", table))
    return lines


@dataclass
class Block:
    """One entry to write: its table name (``site``, ``route``...), its fields, the comment
    lines before it, and, when it cannot be accepted as it is, why (then it is commented
    out)."""

    table: str
    entry: dict[str, Any]
    comments: list[str] = field(default_factory=list)
    incomplete: str | None = None

    @property
    def id(self) -> str:
        return str(self.entry.get("id", ""))


def block_text(block: Block) -> str:
    """``block`` as TOML text (ending in a newline)."""
    body = _table(block.table, block.entry)
    lines = [f"# {c}" if c else "#" for c in block.comments]
    if block.incomplete:
        lines.append(f"# incomplete, not read until completed: {block.incomplete}")
        lines.extend(f"# {line}" if line else "#" for line in body)
    else:
        lines.extend(body)
    return "\n".join(lines) + "\n"


def document(blocks: Iterable[Block], header: Sequence[str] = ()) -> str:
    """Blocks as one TOML document, a blank line between them, ``header`` comments first."""
    parts = ["\n".join(f"# {h}" if h else "#" for h in header) + "\n"] if header else []
    parts += [block_text(b) for b in blocks]
    return "\n".join(parts)
