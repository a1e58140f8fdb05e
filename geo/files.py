"""Bounded reads of the files users name: regular files only, up to a stated size.

Every file geo reads on a user's behalf (articles, catalogue and metadata TOML, ``geo.toml``,
context layers, ``geo measure --file``) goes through :func:`read_bytes` or
:func:`regular_file`, so that a FIFO or a device (``/dev/zero``) is refused at once instead of
blocking or filling memory, a dangling symbolic link is named as such, and a file larger than
the limit for its kind is refused with its size. Parsers that recurse (``tomllib``, ``json``)
are wrapped by :func:`parse_nested` so that input nested deeper than they can follow is an
:class:`InputError`, not a ``RecursionError``. Bytes that should be UTF-8 text are decoded by
:func:`decode_utf8`, which names the file, the first bad byte and its offset.
"""

from __future__ import annotations

import glob
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import IO, TypeVar

from geo.errors import InputError

T = TypeVar("T")

MIB = 1024 * 1024
#: An article (news text): the longest real articles are under 200 KiB.
MAX_ARTICLE_BYTES = 4 * MIB
#: A catalogue TOML file, an article's metadata sidecar, ``geo.toml``.
MAX_TOML_BYTES = 16 * MIB
#: A GeoJSON text read whole into memory (``geo measure --file``, standard input).
MAX_JSON_BYTES = 1024 * MIB
#: The byte-order mark some Windows editors write at the start of a UTF-8 file.
UTF8_BOM = b"\xef\xbb\xbf"


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _a(noun: str) -> str:
    """``noun`` with its indefinite article: "a file", "an article"."""
    return f"{'an' if noun[:1] in 'aeiou' else 'a'} {noun}"


def regular_file(path: str | os.PathLike[str], what: str = "file") -> Path:
    """``path`` as a :class:`Path` when it names a regular file (symbolic links followed).

    Raises :class:`InputError` naming the path when it does not exist, is a dangling
    symbolic link, or is a folder, FIFO, device or socket (reading those would block, never
    end, or read something that is not a file's content).
    """
    path = Path(path)
    try:
        st = path.stat()
    except FileNotFoundError:
        if path.is_symlink():
            raise InputError(f"{path}: the {what} is a symbolic link to a missing file "
                             f"({os.readlink(path)})") from None
        raise InputError(f"{path}: no such {what}") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read the {what}: {exc.strerror or exc}") from None
    if not stat.S_ISREG(st.st_mode):
        raise InputError(f"{path}: the {what} is {_kind(st.st_mode)}, not a regular file")
    return path


def dataset_siblings_ok(path: str | os.PathLike[str]) -> Path:
    """``path`` (a vector file GDAL will open) when none of the files GDAL may open beside it
    is a FIFO, device or socket: ``<stem>.*`` (a shapefile's ``.dbf``, ``.shx``, ``.prj``,
    ``.cpg``; a CSV's ``.csvt``, ``.prj``) and ``<name>-*`` (a GeoPackage's ``-wal`` and
    ``-shm``). GDAL would block on such a file; raises :class:`InputError` naming it.
    """
    path = Path(path)
    escaped = glob.escape(path.stem), glob.escape(path.name)
    for sibling in (*path.parent.glob(f"{escaped[0]}.*"), *path.parent.glob(f"{escaped[1]}-*")):
        if sibling == path:
            continue
        try:
            mode = sibling.stat().st_mode
        except OSError:   # dangling or unreadable: GDAL reports it, without blocking
            continue
        if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
            raise InputError(f"{sibling}: {_kind(mode)}, not a regular file, beside "
                             f"{path.name} (GDAL may read it with {path.name})")
    return path


def read_bytes(path: str | os.PathLike[str], limit: int, what: str = "file") -> bytes:
    """The bytes of the regular file ``path``, refused when larger than ``limit`` bytes.

    The file is opened without blocking (``O_NONBLOCK``), so a FIFO swapped in after the
    check cannot hang the read. Raises :class:`InputError` naming the path.
    """
    path = regular_file(path, what)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise InputError(f"{path}: cannot read the {what}: {exc.strerror or exc}") from None
    with os.fdopen(fd, "rb") as fh:
        st = os.fstat(fh.fileno())
        if not stat.S_ISREG(st.st_mode):
            raise InputError(f"{path}: the {what} is {_kind(st.st_mode)}, not a regular file")
        if st.st_size > limit:
            raise InputError(f"{path}: the {what} is {st.st_size:,} bytes; geo reads at most "
                             f"{limit:,} bytes of {_a(what)}")
        try:
            data = fh.read(limit + 1)
        except OSError as exc:
            raise InputError(f"{path}: cannot read the {what}: {exc.strerror or exc}") from None
    if len(data) > limit:  # grew while being read
        raise InputError(f"{path}: the {what} is over {limit:,} bytes; geo reads at most "
                         f"{limit:,} bytes of {_a(what)}")
    return data


def read_stream(stream: IO[bytes], limit: int, source: str, what: str = "input") -> bytes:
    """At most ``limit`` bytes of ``stream`` (standard input); more is refused."""
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise InputError(f"{source}: the {what} is over {limit:,} bytes; geo reads at most "
                         f"{limit:,} bytes")
    return data


def parse_nested(parse: Callable[[str], T], text: str, source: str) -> T:
    """``parse(text)``, with a ``RecursionError`` (arrays or tables nested thousands deep)
    turned into an :class:`InputError` naming ``source``."""
    try:
        return parse(text)
    except RecursionError:
        raise InputError(f"{source}: nested too deeply to read (arrays or tables inside "
                         "each other more than about a thousand levels deep)") from None


def decode_utf8(raw: bytes, source: str, *, drop_bom: bool = False,
                parenthesised: bool = False) -> str:
    """``raw`` decoded as UTF-8 text, else an :class:`InputError` naming ``source`` (the
    file's path, or its path and what was being done: ``"geo.toml: cannot read"``), the first
    byte that is not UTF-8 and its offset in ``raw`` (bytes from its start):
    ``SOURCE: not UTF-8 text: byte 0xff at offset 5``, or with ``parenthesised``
    ``SOURCE: not UTF-8 text (byte 0xff at offset 5)``.

    ``drop_bom``: a leading byte-order mark (:data:`UTF8_BOM`) is not part of the text
    (offsets still count it). The bytes are decoded without a copy (large files pass here).
    """
    start = len(UTF8_BOM) if drop_bom and raw.startswith(UTF8_BOM) else 0
    try:
        return str(memoryview(raw)[start:], "utf-8")
    except UnicodeDecodeError as exc:
        offset = start + exc.start
        bad = f"byte 0x{raw[offset]:02x} at offset {offset}"
        detail = f" ({bad})" if parenthesised else f": {bad}"
        raise InputError(f"{source}: not UTF-8 text{detail}") from None
