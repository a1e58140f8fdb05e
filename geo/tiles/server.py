"""A small local web server for maps with tiled context layers (``geo serve``).

A map whose context layers are PMTiles archives (:mod:`geo.tiles`) reads them by HTTP
range requests, which a page opened from ``file://`` cannot make. :func:`make_server`
serves one folder (the workspace's ``maps/``) on 127.0.0.1 only, with the standard library's
``http.server``:

- ``Range: bytes=A-B``, ``bytes=A-`` and ``bytes=-N`` answer 206 Partial Content with the
  bytes asked for and ``Content-Range: bytes A-B/SIZE``; a range that starts past the end
  of the file, or ends before it starts, answers 416 Range Not Satisfiable with
  ``Content-Range: bytes */SIZE``; several ranges at once, or another unit, are ignored
  (the whole file, 200), as RFC 9110 allows;
- every file answer says ``Accept-Ranges: bytes``;
- only regular files inside the folder are served (no folder listing; a symbolic link that
  leads out of the folder is 404); ``.pmtiles`` is ``application/octet-stream``.
"""

from __future__ import annotations

import errno
import http.server
import os
import re
import shutil
import threading
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any, ClassVar

from geo.errors import InputError

#: The only address served: this machine.
HOST = "127.0.0.1"
#: The default port.
DEFAULT_PORT = 8000
_RANGE = re.compile(r"^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$", re.IGNORECASE)


def parse_range(header: str, size: int) -> tuple[int, int] | str | None:
    """The byte range ``(first, last)`` (inclusive) that a ``Range`` header asks of a file
    of ``size`` bytes; ``None`` when the header is to be ignored (another unit, several
    ranges, not a range); ``"unsatisfiable"`` for a range the file cannot give."""
    match = _RANGE.match(header)
    if not match or "," in header:
        return None
    first_text, last_text = match.groups()
    if not first_text and not last_text:
        return None
    if not first_text:  # the last N bytes
        suffix = int(last_text)
        if suffix == 0 or size == 0:
            return "unsatisfiable"
        return max(0, size - suffix), size - 1
    first = int(first_text)
    last = int(last_text) if last_text else size - 1
    if first >= size or last < first:
        return "unsatisfiable"
    return first, min(last, size - 1)


class RangeRequestHandler(http.server.SimpleHTTPRequestHandler):
    """``SimpleHTTPRequestHandler`` with byte ranges, no folder listing, and nothing served
    from outside its folder."""

    extensions_map: ClassVar[dict[str, str]] = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".pmtiles": "application/octet-stream", ".geojson": "application/geo+json"}
    #: set by :func:`make_server`: called with each request line, or None (quiet)
    log: Callable[[str], None] | None = None

    def log_message(self, format: str, *args: Any) -> None:
        if self.log is not None:
            self.log(format % args)

    def list_directory(self, path: str | os.PathLike[str]) -> None:
        self.send_error(404, "File not found")
        return None

    def _inside(self, path: str) -> bool:
        root = Path(self.directory).resolve()
        try:
            Path(path).resolve().relative_to(root)
        except ValueError:
            return False
        return True

    def send_head(self) -> Any:
        self._remaining: int | None = None
        path = self.translate_path(self.path)
        if not self._inside(path):
            self.send_error(404, "File not found")
            return None
        if os.path.isdir(path):
            return super().send_head()  # index.html, a redirect, or 404 (no listing)
        if not os.path.isfile(path):
            self.send_error(404, "File not found")
            return None
        try:
            f = open(path, "rb")  # noqa: SIM115 (returned to http.server, which closes it)
        except OSError:
            self.send_error(404, "File not found")
            return None
        try:
            size = os.fstat(f.fileno()).st_size
            wanted = parse_range(self.headers.get("Range", ""), size)
            if wanted == "unsatisfiable":
                f.close()
                self.send_response(416)
                self.send_header("Content-Range", f"bytes */{size}")
                self.send_header("Content-Length", "0")
                self.send_header("Accept-Ranges", "bytes")
                self.end_headers()
                return None
            ctype = self.guess_type(path)
            if wanted is None:
                self.send_response(200)
                first, length = 0, size
            else:
                first, last = wanted  # type: ignore[misc]
                length = last - first + 1
                self.send_response(206)
                self.send_header("Content-Range", f"bytes {first}-{last}/{size}")
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(length))
            self.send_header("Accept-Ranges", "bytes")
            self.send_header("Cache-Control", "no-cache")
            self.end_headers()
            f.seek(first)
            self._remaining = length
            return f
        except BaseException:
            f.close()
            raise

    def copyfile(self, source: Any, outputfile: Any) -> None:
        remaining = self._remaining
        if remaining is None:
            shutil.copyfileobj(source, outputfile)
            return
        while remaining > 0:
            chunk = source.read(min(remaining, 1 << 20))
            if not chunk:
                break
            outputfile.write(chunk)
            remaining -= len(chunk)


class MapServer(http.server.ThreadingHTTPServer):
    """The server of :func:`make_server`; :attr:`url` is its address (``http://127.0.0.1:PORT/``)."""

    daemon_threads = True
    folder: Path

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.server_address[1]}/"


def make_server(folder: str | os.PathLike[str], port: int = DEFAULT_PORT,
                log: Callable[[str], None] | None = None) -> MapServer:
    """A server of ``folder`` on 127.0.0.1:``port`` (0: any free port), not started: call
    ``serve_forever()`` (and ``shutdown()`` from another thread), or use :func:`serving`.
    ``log`` receives one line per request (default: none).

    Raises :class:`InputError` when ``folder`` is not a folder, the port is out of range,
    or the port cannot be listened on (in use, or not allowed).
    """
    root = Path(folder)
    if not root.is_dir():
        what = "does not exist" if not root.exists() else "is not a folder"
        raise InputError(f"{root}: {what}; expected the folder of a map (e.g. maps/)")
    if not 0 <= port <= 65535:
        raise InputError(f"port {port}: expected 0 to 65535", parameter="port")
    handler = type("Handler", (RangeRequestHandler,), {"log": staticmethod(log) if log
                                                        else None})
    try:
        server = MapServer((HOST, port), partial(handler, directory=str(root)))
    except OSError as exc:
        reason = os.strerror(exc.errno) if exc.errno else str(exc)
        if exc.errno == errno.EADDRINUSE:
            reason += "; choose another port"
        raise InputError(f"cannot listen on {HOST}:{port}: {reason}",
                         parameter="port") from None
    server.folder = root
    return server


def map_pages(folder: str | os.PathLike[str]) -> list[str]:
    """The file names of the HTML pages directly in ``folder`` (sorted)."""
    return sorted(p.name for p in Path(folder).glob("*.html") if p.is_file())


class serving:
    """``with serving(folder, port) as server:`` runs :func:`make_server`'s server in a
    thread for the block (tests, scripts), and stops it after."""

    def __init__(self, folder: str | os.PathLike[str], port: int = 0):
        self.server = make_server(folder, port)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> MapServer:
        self.thread.start()
        return self.server

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=10)
