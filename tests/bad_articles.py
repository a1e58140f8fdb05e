"""Articles geo cannot read, beside one it can: what the extract tests feed it."""

from __future__ import annotations

from pathlib import Path


def write_bad_articles(folder: Path) -> dict[str, Path]:
    """Write into ``folder`` (made) a Latin-1, an empty and a binary article and a good one;
    return their paths by name (``latin1``, ``empty``, ``binary``, ``good``)."""
    folder.mkdir()
    paths = {name: folder / f"{name}.txt" for name in ("latin1", "empty", "binary", "good")}
    paths["latin1"].write_bytes("Le câble arrive à Nairobi.".encode("latin-1"))
    paths["empty"].write_bytes(b"  \n")
    paths["binary"].write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    paths["good"].write_text("The cable lands in Mombasa, Kenya.", encoding="utf-8")
    return paths
