"""Atomic file output: write to a temporary file beside the target, then rename.

A failed or interrupted run never truncates an earlier output, because the target is only
replaced (``os.replace``, atomic on POSIX and Windows) once the new content is complete and
flushed to disk (``os.fsync``), so a crash cannot leave an empty file in its place either.

**Symbolic links are written through.** A target that is a symbolic link stays a link: the
file it points to (followed to the end of a chain of links) is the one replaced, atomically,
by a temporary file written in that file's folder; a dangling link's target is created. A
loop of links is refused. Every writer here (and so every output of geo: exports, the map,
the layer files) follows this rule, see :func:`output_path`.

**Sets of files** (:func:`write_file_set`, :func:`write_texts_atomic`: ``geo build``'s layer
files and map) are written as one set:

1. every output folder is locked (``fcntl.flock`` on ``<folder>/.geo-build.lock``) for the
   whole write phase, so two runs writing one folder take turns; a run waits at most
   :data:`LOCK_TIMEOUT_S` seconds. The holder removes the lock file before it lets go, so
   a run that then gets the lock of the removed file sees that the name no longer leads to
   it, and locks afresh. A run that must read what it rewrites (``geo accept`` reads
   ``data/`` and ``drafts/``, ``geo draft`` checks the drafts it replaces) takes the same
   locks before it reads, with :func:`locked_folders`, and writes its set inside that
   block, so no other run writes in between. On platforms without :mod:`fcntl` (Windows)
   there is no locking: concurrent runs there can still mix their files;
2. a journal left in a folder by an interrupted run (``.geo-build.journal``) is rolled
   forward: its temporary files that still exist are renamed onto their targets, so the
   folder holds one run's set again, and a notice says so;
3. geo's temporary files for this set's file names (``.<name>.*.tmp*``) that no journal
   lists are left from a run killed while it wrote them; they are removed, with a notice.
   A set spanning folders is journalled in one of them, so the journals of the folder
   above and of its other folders are read too (an accept's journal in ``data/`` lists
   its draft's temporary file in ``drafts/``): a temporary file one lists is kept for
   the run that completes that set;
4. every text is written to its temporary file and flushed to disk;
5. the journal, listing each (temporary file, target) pair and the files the set removes,
   is written atomically beside the first target; then the targets are replaced one by
   one; then the files to remove are removed (and their folder, when left empty); then the
   journal is removed.

Besides texts, a set may hold files too big to hold in memory (``streams``: each written
by a function given the open temporary file, under the lock, at step 4) and remove files
that an earlier set wrote and this one no longer has (``prune``: a folder and a file name
ending, listed under the lock after steps 2 and 3). A pruned folder is not locked itself:
it must be one that only runs writing one of the set's locked folders write (as a map's
tile folder is written only by builds of that map).

A run killed at any point thus leaves either the earlier set (before step 5's journal) or a
journal that the next run completes; never a mix that nobody notices.

Test hook: when the environment variable :data:`CRASH_AFTER_RENAMES_ENV`
(``GEO_TEST_CRASH_AFTER_RENAMES``) holds a number N, the process kills itself (SIGKILL,
else ``os._exit``) right after the N-th rename of a set, to test step 2. Never set it
otherwise.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import os
import signal
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from geo.errors import GeoError, OutputError

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no locking (see the module docstring)
    fcntl = None  # type: ignore[assignment]

#: Lock file of an output folder (kept between runs).
LOCK_NAME = ".geo-build.lock"
#: Journal of a set of renames under way in an output folder.
JOURNAL_NAME = ".geo-build.journal"
#: Longest wait, in seconds, for another run to release an output folder's lock.
LOCK_TIMEOUT_S = 60.0
#: Test hook: kill the process after this many renames of a set (see the module docstring).
CRASH_AFTER_RENAMES_ENV = "GEO_TEST_CRASH_AFTER_RENAMES"

_log = logging.getLogger(__name__)


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)


def output_path(target: str | os.PathLike[str]) -> Path:
    """The file a write to ``target`` replaces: ``target`` itself, or, when it is a
    symbolic link, the file at the end of its chain of links (which need not exist yet).

    Raises :class:`OutputError` for a loop of links.
    """
    target = Path(target)
    if not target.is_symlink():
        return target
    real = Path(os.path.realpath(target))
    if real.is_symlink():  # realpath gives up on a loop and returns a link
        raise OutputError(f"{target}: is a loop of symbolic links; cannot write through it")
    return real


def _make_folder(folder: Path) -> Path:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError) as exc:
        # mkdir says only "File exists" when the folder (or one above it) is a file
        raise OutputError(f"{folder}: cannot create the output folder: a file is in the "
                          "way (it or a folder above it is a file)") from exc
    except OSError as exc:
        raise OutputError(f"{folder}: cannot create the output folder: {_reason(exc)}"
                          ) from exc
    return folder


def _folder_of(path: Path) -> Path:
    return path.parent if str(path.parent) else Path(".")


def _temp_path(real: Path, shown: Path, suffix: str | None = None) -> Path:
    """A fresh, free temporary path beside ``real`` (``.<name>.<random>.tmp<suffix>``)."""
    folder = _folder_of(real)
    keep = suffix if suffix is not None else real.suffix
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{real.name}.", suffix=".tmp" + keep,
                                        dir=folder)
    except OSError as exc:
        raise OutputError(f"{shown}: cannot write into {folder}: {_reason(exc)}") from exc
    os.close(fd)
    return Path(tmp_name)


@contextlib.contextmanager
def atomic_path(target: str | os.PathLike[str], suffix: str | None = None) -> Iterator[Path]:
    """Yield a temporary path in the target's folder; rename it onto ``target`` on success.

    The temporary file keeps the target's suffix (GDAL picks drivers by extension). On any
    exception the temporary file is removed and the target is left untouched. A symbolic
    link is written through (see :func:`output_path`). Raises :class:`OutputError` when the
    folder or the file cannot be written.
    """
    target = Path(target)
    real = output_path(target)
    _make_folder(_folder_of(real))
    tmp = _temp_path(real, target, suffix)
    tmp.unlink()  # writers such as GDAL want to create the file themselves
    try:
        yield tmp
        if not tmp.exists():
            raise OutputError(f"{target}: nothing was written")
        try:
            _fsync(tmp)
            os.replace(tmp, real)
        except OSError as exc:
            raise OutputError(f"{target}: cannot write: {_reason(exc)}") from exc
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


def _fsync_folder(folder: Path) -> None:
    """Flush a folder's entries (renames, removals) to disk; a no-op where folders cannot
    be opened (Windows)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)


def write_text_atomic(target: str | os.PathLike[str], text: str) -> Path:
    """Write ``text`` (UTF-8) to ``target`` atomically and return the target path."""
    with atomic_path(target) as tmp:
        try:
            tmp.write_text(text, encoding="utf-8", newline="\n")
        except OSError as exc:
            raise OutputError(f"{target}: cannot write: {_reason(exc)}") from exc
    return Path(target)


# ------------------------------------------------------------------ sets of files


@dataclass(frozen=True)
class WrittenSet:
    """What :func:`write_file_set` wrote: the targets (as given, in order) and notices
    about what it found and mended first (an interrupted run completed, stale temporary
    files removed), one line each, for the caller to show as warnings."""

    paths: list[Path]
    notices: list[str] = field(default_factory=list)
    #: the targets of ``streams``, in the order given
    streamed: list[Path] = field(default_factory=list)
    #: the files ``prune`` removed
    removed: list[Path] = field(default_factory=list)


def _lock_folder(folder: Path, deadline: float) -> tuple[int, Path]:
    """Take ``folder``'s lock (waiting until ``deadline``, a :func:`time.monotonic` time);
    return the locked file's descriptor and path."""
    lock = folder / LOCK_NAME
    while True:
        try:
            fd = os.open(lock, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o644)
        except OSError as exc:
            raise OutputError(f"{folder}: cannot write into this folder: {_reason(exc)}"
                              ) from exc
        try:
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        raise GeoError(
                            f"{folder}: another geo build has been writing into this folder "
                            f"for {LOCK_TIMEOUT_S:g} s (it holds {lock}); try again when it "
                            "has finished") from None
                    time.sleep(0.05)
                except OSError as exc:
                    raise OutputError(f"{lock}: cannot lock: {_reason(exc)}") from exc
            # the holder before us may have removed the file we waited on: lock the one
            # the name now leads to
            try:
                now = os.stat(lock, follow_symlinks=False)
            except FileNotFoundError:
                now = None
            held = os.fstat(fd)
        except BaseException:
            os.close(fd)
            raise
        if now is not None and (now.st_dev, now.st_ino) == (held.st_dev, held.st_ino):
            return fd, lock
        os.close(fd)


#: the folders whose lock this thread holds (resolved paths): a block that needs one of
#: them again (a set written inside :func:`locked_folders`) uses the lock held, for a second
#: ``flock`` of the same file would wait on this very thread
_held = threading.local()


def _held_folders() -> set[Path]:
    if not hasattr(_held, "folders"):
        _held.folders = set()
    return _held.folders


@contextlib.contextmanager
def _locked(folders: Sequence[Path]) -> Iterator[None]:
    """Hold the exclusive lock of each folder (in the order given) for the block; a folder
    whose lock this thread already holds is used as it is."""
    if fcntl is None:  # pragma: no cover - see the module docstring
        yield
        return
    deadline = time.monotonic() + LOCK_TIMEOUT_S
    already = _held_folders()
    held: list[tuple[int, Path, Path]] = []
    try:
        for folder in folders:
            key = folder.resolve()
            if key in already:
                continue
            fd, lock = _lock_folder(folder, deadline)
            held.append((fd, lock, key))
            already.add(key)
        yield
    finally:
        for fd, lock, key in reversed(held):
            already.discard(key)
            with contextlib.suppress(OSError):
                lock.unlink()  # while still held: see the module docstring
            os.close(fd)  # closing the file releases its lock


@contextlib.contextmanager
def locked_folders(folders: Iterable[str | os.PathLike[str]]) -> Iterator[None]:
    """Hold the lock of each of ``folders`` (created when missing) for the block, so that
    a run can read what it is about to rewrite and write it back (``geo accept``: read
    ``data/`` and ``drafts/``, then write both) with no other run writing in between.

    The locks are taken in the order of the folders' resolved paths, the order
    :func:`write_file_set` takes them in, so two runs never wait on each other in a
    circle. Inside the block, :func:`write_file_set` and :func:`complete_interrupted` use
    the locks held instead of taking them again. Raises :class:`OutputError` when a folder
    cannot be created or locked, :class:`GeoError` when another run holds a lock for longer
    than :data:`LOCK_TIMEOUT_S` seconds.
    """
    made: dict[Path, Path] = {}
    for folder in folders:
        made.setdefault(_make_folder(Path(folder)).resolve(), Path(folder))
    with _locked([made[key] for key in sorted(made)]):
        yield


def _is_temp_of(tmp: Path, target: Path) -> bool:
    """Whether ``tmp`` is named as geo names a temporary file of ``target`` beside it."""
    head = f".{target.name}."
    return (tmp.parent == target.parent and tmp.name.startswith(head)
            and ".tmp" in tmp.name[len(head):])


def _roll_forward(folder: Path) -> list[str]:
    """Complete the set of renames an interrupted run left journalled in ``folder``."""
    journal = folder / JOURNAL_NAME
    if not journal.is_file() or journal.is_symlink():
        return []
    try:
        record = json.loads(journal.read_text(encoding="utf-8"))
        started = str(record["started"])
        run = str(record.get("run", "build"))  # the operation that wrote the set
        pairs = [(os.path.normpath(folder / tmp), os.path.normpath(folder / target))
                 for tmp, target in record["pairs"]]
        removals = [Path(os.path.normpath(folder / str(name)))
                    for name in record.get("remove", [])]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        with contextlib.suppress(OSError):
            journal.unlink()
        return [f"{folder}: removed an unreadable journal of an interrupted build ({exc})"]
    done = 0
    for tmp_name, target_name in pairs:
        tmp, target = Path(tmp_name), Path(target_name)
        if not _is_temp_of(tmp, target) or not tmp.is_file() or tmp.is_symlink():
            continue
        try:
            os.replace(tmp, target)
        except OSError as exc:
            raise OutputError(f"{target}: cannot complete the interrupted {run} of "
                              f"{started}: {_reason(exc)}") from exc
        done += 1
    removed = _remove_files(removals)
    _fsync_folder(folder)
    journal.unlink()
    _fsync_folder(folder)
    gone = (f"; removed {removed} file{'s' if removed != 1 else ''} it no longer had"
            if removed else "")
    return [f"{folder}: completed the interrupted {run} of {started}: {done} of its "
            f"{len(pairs)} files had not yet replaced the earlier ones (a mixed set)"
            + gone]


def _remove_files(paths: Sequence[Path]) -> int:
    """Remove the regular files ``paths`` (never a folder or a link), then each of their
    folders that is left empty; the number of files removed."""
    removed = 0
    for path in paths:
        if path.is_file() and not path.is_symlink():
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
                removed += 1
    for folder in dict.fromkeys(_folder_of(p) for p in paths):
        with contextlib.suppress(OSError):
            folder.rmdir()  # only when empty
        _fsync_folder(_folder_of(folder))
    return removed


def _to_prune(prune: Mapping[str | os.PathLike[str], str], keep: set[Path]) -> list[Path]:
    """The regular files (not links) of each folder of ``prune`` whose name ends with
    its ending, other than the resolved paths ``keep``."""
    found: list[Path] = []
    for folder_name, ending in prune.items():
        folder = Path(folder_name)
        if not folder.is_dir() or folder.is_symlink():
            continue
        with os.scandir(folder) as entries:
            for entry in sorted(entries, key=lambda e: e.name):
                path = folder / entry.name
                if (entry.name.endswith(ending) and entry.is_file(follow_symlinks=False)
                        and folder.resolve() / entry.name not in keep):
                    found.append(path)
    return found


def _journalled(folder: Path) -> set[Path]:
    """The temporary files (resolved paths) that a journal near ``folder`` lists: a set
    of files in several folders is journalled in one of them (an accept's in ``data/``,
    its draft's temporary file in ``drafts/``), so the journals of ``folder``, of the
    folder above it and of that folder's other folders are read."""
    folder = folder.resolve()
    near = [folder, folder.parent]
    with contextlib.suppress(OSError), os.scandir(folder.parent) as entries:
        near += [Path(e.path) for e in entries if e.is_dir(follow_symlinks=False)]
    listed: set[Path] = set()
    for place in dict.fromkeys(near):
        journal = place / JOURNAL_NAME
        try:
            if journal.is_symlink() or not journal.is_file():
                continue
            record = json.loads(journal.read_text(encoding="utf-8"))
            listed.update(Path(os.path.normpath(place / str(tmp)))
                          for tmp, _target in record["pairs"])
        except (OSError, ValueError, KeyError, TypeError):
            continue
    return listed


def _remove_stale(folder: Path, names: set[str]) -> list[str]:
    """Remove geo's temporary files of ``names`` in ``folder`` (none is in use: the folder
    is locked and its journal rolled forward), but none that a journal lists: that of a
    set another folder's journal has yet to complete (:func:`_journalled`)."""
    removed = 0
    keep: set[Path] | None = None
    with os.scandir(folder) as entries:
        for entry in entries:
            if not entry.is_file(follow_symlinks=False):
                continue
            path = Path(entry.path)
            if any(_is_temp_of(path, folder / name) for name in names):
                if keep is None:
                    keep = _journalled(folder)
                if folder.resolve() / path.name in keep:
                    continue
                with contextlib.suppress(OSError):
                    path.unlink()
                    removed += 1
    if not removed:
        return []
    return [f"{folder}: removed {removed} temporary file{'s' if removed != 1 else ''} "
            "left by an interrupted build"]


def _crash_hook(renamed: int) -> None:
    """The test hook of the module docstring."""
    if os.environ.get(CRASH_AFTER_RENAMES_ENV) != str(renamed):
        return
    if hasattr(signal, "SIGKILL"):
        os.kill(os.getpid(), signal.SIGKILL)
    os._exit(137)  # pragma: no cover - no SIGKILL (Windows)


def _write_journal(folder: Path, pairs: list[tuple[Path, Path]], run: str,
                   remove: Sequence[Path] = ()) -> Path:
    journal = folder / JOURNAL_NAME
    record: dict[str, object] = {
        "run": run,
        "started": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "pairs": [[os.path.relpath(tmp, folder), os.path.relpath(target, folder)]
                  for tmp, target in pairs],
    }
    if remove:
        record["remove"] = [os.path.relpath(path, folder) for path in remove]
    write_text_atomic(journal, json.dumps(record, ensure_ascii=False, indent=1) + "\n")
    _fsync_folder(folder)
    return journal


def write_file_set(texts: Mapping[str | os.PathLike[str], str], run: str = "build", *,
                   streams: Mapping[str | os.PathLike[str], Callable[[BinaryIO], object]]
                   | None = None,
                   prune: Mapping[str | os.PathLike[str], str] | None = None) -> WrittenSet:
    """Write several files (path -> UTF-8 text) as one set, as the module docstring
    describes: locked, journalled, and completing or cleaning up after an interrupted run
    first (``run`` names the operation in the journal: ``build``, ``accept``, ``draft``, so
    the run that completes it says what it completed). A run that fails while writing
    leaves every earlier file untouched (a map and its layer files never come from two
    different runs).

    ``streams`` adds files too big to hold in memory (path -> a function that writes the
    content to the open binary temporary file it is given); they replace their targets
    before the texts do. ``prune`` (folder -> file name ending, e.g. ``".pmtiles"``)
    removes, with the set, the folder's files of that ending that are not in the set, and
    the folder when it is left empty.

    Raises :class:`OutputError` when a file or folder cannot be written, and
    :class:`GeoError` when another run holds a folder's lock for longer than
    :data:`LOCK_TIMEOUT_S` seconds.
    """
    streams = streams or {}
    prune = prune or {}
    text_targets = [Path(t) for t in texts]
    # streamed files first: a map is renamed after the files it reads
    targets = [*(Path(t) for t in streams), *text_targets]
    if not targets:
        return WrittenSet([])
    writers: list[Callable[[Path], None]] = [
        *(_stream_writer(write) for write in streams.values()),
        *(_text_writer(text) for text in texts.values())]
    reals = [output_path(t) for t in targets]
    seen: dict[Path, Path] = {}
    for target, real in zip(targets, reals, strict=True):
        key = _folder_of(real).resolve() / real.name
        if key in seen:
            raise OutputError(f"{target}: the same file as {seen[key]} in one set")
        seen[key] = target
    folders: dict[Path, Path] = {}  # resolved -> as given, in the order of first use
    for real in reals:
        folder = _make_folder(_folder_of(real))
        folders.setdefault(folder.resolve(), folder)
    journal_folder = _folder_of(reals[len(streams)] if text_targets else reals[0])
    notices: list[str] = []
    with _locked([folders[key] for key in sorted(folders)]):
        for folder in folders.values():
            notices += _roll_forward(folder)
        for key, folder in folders.items():
            names = {r.name for r in reals if _folder_of(r).resolve() == key}
            if folder == journal_folder:
                names.add(JOURNAL_NAME)
            notices += _remove_stale(folder, names)
        removals = _to_prune(prune, set(seen))
        staged: list[tuple[Path, Path]] = []
        try:
            for target, real, write in zip(targets, reals, writers, strict=True):
                tmp = _temp_path(real, target)
                staged.append((tmp, real))
                try:
                    tmp.unlink()  # written anew: the umask's mode, not mkstemp's 0600
                    write(tmp)
                    _fsync(tmp)
                except OSError as exc:
                    raise OutputError(f"{target}: cannot write: {_reason(exc)}") from exc
            journal = _write_journal(journal_folder, staged, run, removals)
        except BaseException:
            for tmp, _real in staged:
                with contextlib.suppress(OSError):
                    tmp.unlink()
            raise
        for renamed, ((tmp, real), target) in enumerate(zip(staged, targets, strict=True),
                                                        start=1):
            try:
                os.replace(tmp, real)
            except OSError as exc:
                raise OutputError(f"{target}: cannot write: {_reason(exc)}; the next build "
                                  "completes the set") from exc
            _crash_hook(renamed)
        for folder in folders.values():
            _fsync_folder(folder)
        _remove_files(removals)
        journal.unlink()
        _fsync_folder(journal_folder)
    return WrittenSet(text_targets, notices, streamed=targets[:len(streams)],
                      removed=removals)


def _text_writer(text: str) -> Callable[[Path], None]:
    def write(tmp: Path) -> None:
        tmp.write_text(text, encoding="utf-8", newline="\n")
    return write


def _stream_writer(write_to: Callable[[BinaryIO], object]) -> Callable[[Path], None]:
    def write(tmp: Path) -> None:
        with open(tmp, "xb") as out:
            write_to(out)
    return write


def complete_interrupted(folders: Sequence[str | os.PathLike[str]]) -> list[str]:
    """Complete the set of renames an interrupted run left journalled in any of ``folders``
    (step 2 above; folders without a journal are not locked), before they are read; return
    the notices, one line each."""
    # locked in the order of their resolved paths, as :func:`locked_folders` locks them,
    # so two runs never wait on each other's second lock
    pending = sorted((Path(f) for f in folders if (Path(f) / JOURNAL_NAME).is_file()),
                     key=lambda folder: folder.resolve())
    if not pending:
        return []
    notices: list[str] = []
    with _locked(pending):
        for folder in pending:
            notices += _roll_forward(folder)
    return notices


def write_texts_atomic(texts: Mapping[Path, str]) -> list[Path]:
    """Write several files (path -> UTF-8 text) as one set (:func:`write_file_set`) and
    return the targets in the order given; its notices are logged as warnings."""
    written = write_file_set(texts)
    for notice in written.notices:
        _log.warning("warning: %s", notice)
    return written.paths
