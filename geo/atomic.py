"""Atomic file output: write to a temporary file beside the target, then rename.

A failed or interrupted run never truncates an earlier output, because the target is only
replaced (``os.replace``, atomic on POSIX and Windows) once the new content is complete and
flushed to disk (``os.fsync``), so a crash cannot leave an empty file in its place either.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path

from geo.errors import OutputError


@contextlib.contextmanager
def atomic_path(target: str | os.PathLike[str], suffix: str | None = None) -> Iterator[Path]:
    """Yield a temporary path in the target's folder; rename it onto ``target`` on success.

    The temporary file keeps the target's suffix (GDAL picks drivers by extension). On any
    exception the temporary file is removed and the target is left untouched.
    """
    target = Path(target)
    folder = target.parent if str(target.parent) else Path(".")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError) as exc:
        # mkdir says only "File exists" when the folder (or one above it) is a file
        raise OutputError(f"{folder}: cannot create the output folder: a file is in the "
                          "way (it or a folder above it is a file)") from exc
    except OSError as exc:
        raise OutputError(f"{folder}: cannot create the output folder: {exc.strerror}") from exc
    keep = suffix if suffix is not None else target.suffix
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp" + keep, dir=folder)
    os.close(fd)
    tmp = Path(tmp_name)
    tmp.unlink()  # writers such as GDAL want to create the file themselves
    try:
        yield tmp
        if not tmp.exists():
            raise OutputError(f"{target}: nothing was written")
        _fsync(tmp)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def _fsync(path: Path) -> None:
    """Flush ``path``'s data to disk, so that after a crash (power loss, kernel panic) the
    rename cannot have replaced the target with a file whose data never reached the disk."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_text_atomic(target: str | os.PathLike[str], text: str) -> Path:
    """Write ``text`` (UTF-8) to ``target`` atomically and return the target path."""
    with atomic_path(target) as tmp:
        tmp.write_text(text, encoding="utf-8", newline="\n")
    return Path(target)


def write_texts_atomic(texts: Mapping[Path, str]) -> list[Path]:
    """Write several files (path -> UTF-8 text) as one set: every text is written to its
    temporary file first, and only when all are written are the targets replaced, so a run
    that fails while writing leaves every earlier file untouched (a map and its layer files
    never come from two different runs). Returns the targets in the order given."""
    targets = [Path(t) for t in texts]
    with contextlib.ExitStack() as stack:
        staged = [(stack.enter_context(atomic_path(t)), t) for t in targets]
        for (tmp, target), text in zip(staged, texts.values(), strict=True):
            try:
                tmp.write_text(text, encoding="utf-8", newline="\n")
            except OSError as exc:
                raise OutputError(f"{target}: cannot write: {exc.strerror or exc}") from exc
    return targets
