"""geo's disk cache: results that take long to compute from shipped data, kept between runs.

What is kept (each by its own module): the gazetteer's index (:mod:`geo.gazetteer`, about
5 MB) and the decoded land polygons (:mod:`geo.land`, about 1 MB).

**Where.** :func:`cache_dir`: ``$GEO_CACHE_DIR`` if set, else the platform's user cache
folder (``$XDG_CACHE_HOME/geo`` or ``~/.cache/geo``; ``~/Library/Caches/geo`` on macOS;
``%LOCALAPPDATA%\\geo\\Cache`` on Windows). Deleting it is always safe.

**Which file.** A :class:`Store` names its files ``<kind>-<key>.marshal``, where the key is a
digest of everything the kept result was computed from (:func:`digest`: versions, source
files, data files), so a change of any of them reads another file and the result is computed
anew; the newest few files of other keys (other versions of geo, say) are kept, older ones
removed.

**What is in a file.** A :mod:`marshal` dump of ``(magic, key, checksum, payload)``: the magic
names the kind of content, the key repeats the file name's (a renamed or foreign file is
refused), the payload is the :mod:`marshal` dump of the value and the checksum its BLAKE2b
digest (a file damaged in a way that still reads is refused too). The folder is the user's
own: like any cache of Python objects, it is trusted not to hold files crafted by others.
Files are written atomically (:func:`geo.atomic.atomic_path`: a reader never sees half of
one).

**Never an error.** A cache that cannot be read (no home folder, no file, a file truncated,
damaged, foreign or too large) gives ``None``, and the caller computes the result; one that
cannot be written is passed over. Both are logged at debug level only.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import marshal
import os
import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

__all__ = ["Store", "cache_dir", "digest", "package_dir"]

_log = logging.getLogger(__name__)

T = TypeVar("T")

#: Environment variable naming geo's cache folder (else the platform's, see :func:`cache_dir`).
CACHE_DIR_ENV = "GEO_CACHE_DIR"


def cache_dir() -> Path:
    """The folder of geo's caches: ``$GEO_CACHE_DIR`` if set, else the platform's user
    cache folder (``$XDG_CACHE_HOME/geo``, else ``~/.cache/geo``; ``~/Library/Caches/geo``
    on macOS; ``%LOCALAPPDATA%\\geo\\Cache`` on Windows). It need not exist yet.
    Raises :class:`RuntimeError` if there is no home folder to put it in."""
    own = os.environ.get(CACHE_DIR_ENV)
    if own:
        return Path(own)
    if sys.platform == "win32":
        local = os.environ.get("LOCALAPPDATA")
        return (Path(local) if local else Path.home() / "AppData" / "Local") / "geo" / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "geo"
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg and os.path.isabs(xdg) else Path.home() / ".cache") / "geo"


def package_dir(name: str) -> Path | None:
    """Where an installed package is, without importing it (``None`` if it is not)."""
    import importlib.util

    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def digest(facts: object, contents: Iterable[Path | bytes] = (),
           stamps: Iterable[Path] = ()) -> str:
    """A key for a :class:`Store`: a digest (BLAKE2b, 24 hex digits) of ``facts`` (its
    ``repr``: versions, options), of each of ``contents`` (a file's bytes, read whole, or
    bytes given) and of the name, size and modification time of each of ``stamps`` (large
    data files of other packages, which an upgrade rewrites; one that is missing counts as
    such). Raises :class:`OSError` if a file of ``contents`` cannot be read."""
    hasher = hashlib.blake2b(digest_size=12)
    hasher.update(repr(facts).encode())
    for item in contents:
        hasher.update(item if isinstance(item, bytes) else Path(item).read_bytes())
    for path in stamps:
        try:
            st = Path(path).stat()
        except OSError:
            hasher.update(f"{Path(path).name}: none".encode())
            continue
        hasher.update(f"{Path(path).name}: {st.st_size} {st.st_mtime_ns}".encode())
    return hasher.hexdigest()


@dataclass(frozen=True)
class Store:
    """One kind of cached result: files ``<kind>-<key>.marshal`` in :func:`cache_dir`.

    ``magic`` is the first member of every file (what it holds); files larger than
    ``max_bytes`` are not read; besides the file just written, the newest ``keep_others``
    files of this kind are kept and older ones removed."""

    kind: str
    magic: str
    max_bytes: int
    keep_others: int = 2

    def path(self, key: str) -> Path:
        """The file of ``key``. Raises :class:`RuntimeError` if there is no home folder for
        the cache."""
        return cache_dir() / f"{self.kind}-{key}.marshal"

    def load(self, key: str, decode: Callable[[Any], T]) -> T | None:
        """``decode`` of the value kept for ``key``, or ``None`` when there is none: no
        cache folder, no file, or one unreadable, truncated, damaged, of another key or
        kind, or one whose value ``decode`` refuses (by raising any exception). Never
        raises."""
        from geo.errors import InputError
        from geo.files import read_bytes

        try:
            path = self.path(key)
        except (OSError, RuntimeError) as exc:
            _log.debug("%s cache: none (%s)", self.kind, exc)
            return None
        try:
            blob = read_bytes(path, self.max_bytes, f"{self.kind} cache")
        except (InputError, OSError) as exc:
            if path.exists() or path.is_symlink():
                _log.debug("%s cache: %s", self.kind, exc)
            return None
        try:
            magic, found_key, checksum, payload = marshal.loads(blob)
            if magic != self.magic or found_key != key:
                raise ValueError("another cache's file")
            if checksum != _checksum(payload):
                raise ValueError("damaged: its checksum does not match")
            return decode(marshal.loads(payload))
        except Exception as exc:  # any damage: computed anew, never an error
            _log.debug("%s cache: %s: %s; computed anew", self.kind, path, exc)
            return None

    def encode(self, key: str, value: Any) -> bytes:
        """The bytes of the file that keeps ``value`` for ``key``. Raises
        :class:`ValueError` for a value :mod:`marshal` cannot write."""
        payload = marshal.dumps(value)
        return marshal.dumps((self.magic, key, _checksum(payload), payload))

    def save(self, key: str, value: Any) -> Path | None:
        """Keep ``value`` (anything :mod:`marshal` writes) for ``key``, atomically, and
        remove this kind's files but the newest :attr:`keep_others` of other keys; return
        the file, or ``None`` when it cannot be written (passed over, logged at debug
        level), also for a value :mod:`marshal` cannot write."""
        from geo.atomic import atomic_path
        from geo.errors import OutputError

        try:
            blob = self.encode(key, value)
        except ValueError as exc:
            _log.debug("%s cache: not written: %s", self.kind, exc)
            return None
        try:
            path = self.path(key)
            with atomic_path(path) as tmp:
                tmp.write_bytes(blob)
        except (OSError, RuntimeError, OutputError) as exc:
            _log.debug("%s cache: not written: %s", self.kind, exc)
            return None
        with contextlib.suppress(OSError):
            mine = re.compile(rf"{re.escape(self.kind)}-[0-9A-Za-z_]+\.marshal")
            others = sorted((p for p in path.parent.glob(f"{self.kind}-*.marshal")
                             if p.name != path.name and mine.fullmatch(p.name)),
                            key=lambda p: p.stat().st_mtime, reverse=True)
            for old in others[self.keep_others:]:
                old.unlink()
        return path


def _checksum(payload: bytes) -> bytes:
    """The digest a file keeps of its payload (BLAKE2b, 16 bytes)."""
    return hashlib.blake2b(payload, digest_size=16).digest()
