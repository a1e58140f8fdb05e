"""geo serve: a real server thread on 127.0.0.1 (port 0) answering byte ranges (206 with
Content-Range, 416 for ranges the file cannot give), serving nothing outside its folder;
and the command's errors and its Ctrl-C stop."""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from geo.tiles.server import HOST, make_server, parse_range, serving

BODY = bytes(range(256)) * 4  # 1,024 bytes


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "maps"
    (root / "connectivity.tiles").mkdir(parents=True)
    (root / "connectivity.tiles" / "cables.pmtiles").write_bytes(BODY)
    (root / "connectivity.html").write_text("<!DOCTYPE html><p>map</p>", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("not for the web", encoding="utf-8")
    return root


def _get(server, path: str, headers: dict[str, str] | None = None, method: str = "GET"):
    conn = http.client.HTTPConnection(HOST, server.server_address[1], timeout=10)
    try:
        conn.request(method, path, headers=headers or {})
        response = conn.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        conn.close()


@pytest.mark.parametrize(("header", "first", "last"), [
    ("bytes=0-126", 0, 126),
    ("bytes=1000-", 1000, 1023),
    ("bytes=-24", 1000, 1023),
    ("bytes=1000-5000", 1000, 1023),   # an end past the file ends at its last byte
    ("bytes=5-5", 5, 5),
])
def test_range_is_206_with_content_range(folder, header, first, last):
    with serving(folder) as server:
        status, headers, body = _get(server, "/connectivity.tiles/cables.pmtiles",
                                     {"Range": header})
    assert status == 206
    assert headers["Content-Range"] == f"bytes {first}-{last}/{len(BODY)}"
    assert headers["Content-Length"] == str(last - first + 1)
    assert headers["Accept-Ranges"] == "bytes"
    assert body == BODY[first:last + 1]


@pytest.mark.parametrize("header", ["bytes=1024-", "bytes=2000-3000", "bytes=10-5",
                                    "bytes=-0"])
def test_unsatisfiable_range_is_416(folder, header):
    with serving(folder) as server:
        status, headers, body = _get(server, "/connectivity.tiles/cables.pmtiles",
                                     {"Range": header})
    assert status == 416
    assert headers["Content-Range"] == f"bytes */{len(BODY)}"
    assert body == b""


@pytest.mark.parametrize("header", ["", "items=0-5", "bytes=0-1,5-6", "bytes=abc"])
def test_other_range_headers_get_the_whole_file(folder, header):
    with serving(folder) as server:
        status, headers, body = _get(server, "/connectivity.tiles/cables.pmtiles",
                                     {"Range": header} if header else {})
    assert status == 200 and body == BODY
    assert headers["Accept-Ranges"] == "bytes"
    assert headers["Content-Type"] == "application/octet-stream"


def test_head_answers_the_range_without_body(folder):
    with serving(folder) as server:
        status, headers, body = _get(server, "/connectivity.tiles/cables.pmtiles",
                                     {"Range": "bytes=0-9"}, method="HEAD")
    assert status == 206 and headers["Content-Length"] == "10" and body == b""


def test_nothing_outside_the_folder_and_no_listing(folder):
    (folder / "link.txt").symlink_to(folder.parent / "secret.txt")
    with serving(folder) as server:
        assert _get(server, "/connectivity.html")[0] == 200
        assert _get(server, "/../secret.txt")[0] == 404
        assert _get(server, "/%2e%2e/secret.txt")[0] == 404
        assert _get(server, "/link.txt")[0] == 404
        status, _headers, body = _get(server, "/connectivity.tiles/")
        assert status == 404 and b"cables.pmtiles" not in body


def test_server_listens_on_loopback_only(folder):
    with serving(folder) as server:
        assert server.server_address[0] == "127.0.0.1"
        assert server.url == f"http://127.0.0.1:{server.server_address[1]}/"


def test_parse_range_edges():
    assert parse_range("bytes=0-0", 0) == "unsatisfiable"
    assert parse_range("bytes=-5", 3) == (0, 2)
    assert parse_range("bytes=-", 10) is None


def test_serve_errors_are_one_line_and_exit_2(runner, tmp_path):
    result = runner("serve", tmp_path / "nope", expect=2)
    assert result.stderr == (f"geo: error: {tmp_path / 'nope'}: does not exist; expected the "
                             "folder of a map (e.g. maps/)\n")
    result = runner("serve", tmp_path, "--port", "70000", expect=2)
    assert result.stderr == "geo: error: --port: port 70000: expected 0 to 65535\n"
    with socket.socket() as taken:
        taken.bind((HOST, 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = runner("serve", tmp_path, "--port", str(port), expect=2)
    assert result.stderr == (f"geo: error: --port: cannot listen on 127.0.0.1:{port}: Address "
                             "already in use; choose another port\n")


def test_make_server_refuses_a_file(folder):
    with pytest.raises(ValueError, match="is not a folder"):
        make_server(folder / "connectivity.html", 0)


def test_serve_prints_the_map_address_and_stops_on_ctrl_c(folder):
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    # a test run started in the background of a non-interactive shell ignores SIGINT, and
    # a child inherits that: the server is given the default Ctrl-C a terminal gives it
    proc = subprocess.Popen([sys.executable, "-m", "geo", "serve", str(folder), "--port", "0"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        line = proc.stdout.readline().decode()
        assert line.startswith("http://127.0.0.1:") and line.endswith("/connectivity.html\n")
        port = int(line.split(":")[2].split("/")[0])
        conn = http.client.HTTPConnection(HOST, port, timeout=10)
        conn.request("GET", "/connectivity.tiles/cables.pmtiles", headers={"Range": "bytes=0-3"})
        response = conn.getresponse()
        assert (response.status, response.read()) == (206, BODY[:4])
        conn.close()
        time.sleep(0.2)
        proc.send_signal(signal.SIGINT)
        _out, err = proc.communicate(timeout=20)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 0
    assert err.decode().splitlines() == [
        f"geo: serving {folder} at http://127.0.0.1:{port}/ (Ctrl-C stops)", "geo: stopped"]
