"""geo's disk cache (:mod:`geo.cache`) and what is kept in it besides the gazetteer's index
(tests/test_gazetteer_index.py): the land polygons (:func:`geo.land.land_polygons`), which
must be the very polygons a fresh decode gives. Every test here points ``GEO_CACHE_DIR`` at
its own temporary folder.
"""

from __future__ import annotations

import marshal
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import shapely

import geo.land as land
from geo.cache import Store, cache_dir, digest

STORE = Store("thing", "geo test things", max_bytes=1024)


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("GEO_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def refuse(value):
    raise AssertionError(f"decoded {value!r}")


# --------------------------------------------------------------------------- the folder


def test_the_cache_folder_is_geo_cache_dir_else_xdg_else_home(tmp_path, monkeypatch):
    if sys.platform in ("win32", "darwin"):
        pytest.skip("the XDG rule is for other platforms")
    monkeypatch.setenv("GEO_CACHE_DIR", str(tmp_path / "own"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_dir() == tmp_path / "own"
    monkeypatch.delenv("GEO_CACHE_DIR")
    assert cache_dir() == tmp_path / "xdg" / "geo"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/xdg")   # ignored: not absolute
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache_dir() == tmp_path / "home" / ".cache" / "geo"


# --------------------------------------------------------------------------- a store


def test_a_value_saved_loads_back_from_a_file_named_by_kind_and_key(cache):
    value = {"a": (1, 2.5, "é"), "b": [b"\x00\xff"]}
    path = STORE.save("k1", value)
    assert path == cache / "thing-k1.marshal" and path.is_file()
    assert STORE.load("k1", lambda v: v) == value
    assert STORE.load("k2", refuse) is None       # another key: no file


@pytest.mark.parametrize("content", [
    b"",                                                   # empty
    b"not marshal at all",                                 # garbage
    marshal.dumps(("geo test things", "k1", "v"))[:-3],    # truncated
    marshal.dumps(("geo other things", "k1", "v")),        # another kind's content
    marshal.dumps(("geo test things", "k0", "v")),         # another key's content
    marshal.dumps(("geo test things", "k1")),              # wrong shape
    marshal.dumps(("geo test things", "k1", "v")),         # no checksum (an older layout)
    STORE.encode("k1", "value")[:-2] + b"x\x00",           # damaged, still readable
    b"x" * 2000,                                           # larger than max_bytes
])
def test_a_damaged_or_foreign_file_loads_as_nothing(cache, content):
    cache.mkdir(parents=True)
    (cache / "thing-k1.marshal").write_bytes(content)
    assert STORE.load("k1", refuse) is None


def test_a_value_its_decoder_refuses_loads_as_nothing(cache):
    STORE.save("k1", [1, 2])
    assert STORE.load("k1", lambda v: dict(v)) is None      # TypeError inside the decoder
    assert STORE.load("k1", tuple) == (1, 2)


def test_a_folder_instead_of_the_file_loads_as_nothing_and_is_not_written(cache):
    (cache / "thing-k1.marshal").mkdir(parents=True)
    assert STORE.load("k1", refuse) is None
    assert STORE.save("k1", 1) is None
    assert (cache / "thing-k1.marshal").is_dir()


def test_a_cache_folder_that_cannot_be_written_is_passed_over(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("in the way", encoding="utf-8")
    monkeypatch.setenv("GEO_CACHE_DIR", str(blocker / "cache"))
    assert STORE.save("k1", 1) is None
    assert STORE.load("k1", refuse) is None
    assert blocker.read_text(encoding="utf-8") == "in the way"


def test_no_home_folder_means_no_cache_and_no_error(monkeypatch):
    monkeypatch.delenv("GEO_CACHE_DIR", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)

    def no_home(cls=None):
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(Path, "home", classmethod(no_home))
    if sys.platform == "win32":
        monkeypatch.delenv("LOCALAPPDATA", raising=False)
    assert STORE.save("k1", 1) is None
    assert STORE.load("k1", refuse) is None


def test_old_files_of_a_kind_are_removed_but_a_few_and_other_kinds_kept(cache):
    cache.mkdir(parents=True)
    for i in range(5):
        old = cache / f"thing-old{i}.marshal"
        old.write_bytes(b"x")
        os.utime(old, ns=(i * 10**9, i * 10**9))
    (cache / "other-old.marshal").write_bytes(b"x")
    STORE.save("new", 1)
    assert sorted(p.name for p in cache.iterdir()) == [
        "other-old.marshal", "thing-new.marshal", "thing-old3.marshal", "thing-old4.marshal"]


def test_the_digest_follows_facts_contents_and_stamps(tmp_path):
    data = tmp_path / "data.bin"
    data.write_bytes(b"one")
    stamped = tmp_path / "big.dat"
    stamped.write_bytes(b"big")
    key = digest(("v1", 3), [data, b"given"], [stamped])
    assert key == digest(("v1", 3), [data, b"given"], [stamped])
    assert len(key) == 24 and int(key, 16) >= 0
    assert digest(("v2", 3), [data, b"given"], [stamped]) != key
    assert digest(("v1", 3), [data, b"other"], [stamped]) != key
    data.write_bytes(b"two")
    assert digest(("v1", 3), [data, b"given"], [stamped]) != key
    data.write_bytes(b"one")
    os.utime(stamped, ns=(1, 1))        # an upgrade rewrites a data file
    assert digest(("v1", 3), [data, b"given"], [stamped]) != key
    assert digest(("v1", 3), [data, b"given"], [tmp_path / "missing"]) != key
    with pytest.raises(OSError):
        digest("x", [tmp_path / "missing"])


# --------------------------------------------------------------------------- the land


@pytest.fixture(scope="module")
def fresh_land() -> tuple[shapely.Polygon, ...]:
    """The land polygons decoded from the shipped data, as before the cache existed."""
    return land.decode_land()


@pytest.fixture
def land_cache(cache):
    land.land_polygons.cache_clear()
    land._land_index.cache_clear()
    yield cache
    land.land_polygons.cache_clear()
    land._land_index.cache_clear()


def land_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("land-*.marshal")) if folder.is_dir() else []


def assert_same_polygons(a, b) -> None:
    assert len(a) == len(b) > 1000
    assert all(isinstance(p, shapely.Polygon) for p in a)
    assert all(shapely.equals_identical(p, q) for p, q in zip(a, b, strict=True))
    assert [p.wkb for p in a] == [q.wkb for q in b]     # the same coordinates, bit for bit


def cached_land(monkeypatch) -> tuple[shapely.Polygon, ...]:
    """land_polygons() as a new process gets it: from the cache, never decoded."""
    land.land_polygons.cache_clear()
    with monkeypatch.context() as m:
        m.setattr(land, "decode_land", lambda raw=None: pytest.fail("decoded, not read"))
        return land.land_polygons()


def test_the_land_kept_on_first_use_reads_back_to_the_same_polygons(land_cache, fresh_land,
                                                                     monkeypatch):
    first = land.land_polygons()
    raw = (Path(land.__file__).parent / "data" / land.LAND_FILE).read_bytes()
    assert [p.name for p in land_files(land_cache)] == [f"land-{land.land_key(raw)}.marshal"]
    assert_same_polygons(first, fresh_land)
    assert_same_polygons(cached_land(monkeypatch), fresh_land)


def test_cached_land_answers_as_fresh_land(land_cache, fresh_land, monkeypatch):
    land.land_polygons()
    cached_land(monkeypatch)
    # Paris, London, the Caspian, the Gulf of Guinea, near Fiji, the Bering Sea, Siberia,
    # South Africa, Antarctica
    lon = np.array([2.35, -0.13, 51.0, 0.0, 179.9, -179.9, 100.0, 25.0, 150.0])
    lat = np.array([48.85, 51.5, 42.0, 0.0, -16.5, 65.0, 60.0, -30.0, -85.0])
    got = land.on_land(lon, lat)
    assert got.tolist() == [True, True, False, False, False, False, True, True, True]
    with monkeypatch.context() as m:   # the same points against the fresh polygons
        m.setattr(land, "land_polygons", lambda: fresh_land)
        land._land_index.cache_clear()
        assert land.on_land(lon, lat).tolist() == got.tolist()
    land._land_index.cache_clear()


@pytest.mark.parametrize("content", [
    lambda key: b"",
    lambda key: b"garbage",
    lambda key: land.LAND_STORE.encode(key, [b"not wkb"]),
    lambda key: land.LAND_STORE.encode(key, []),
    lambda key: land.LAND_STORE.encode(key, [shapely.Point(1, 2).wkb]),    # not a polygon
    lambda key: land.LAND_STORE.encode(key, [b"x"])[:-1] + b"y",          # checksum wrong
], ids=["empty", "garbage", "not-wkb", "no-polygon", "a-point", "checksum"])
def test_a_damaged_land_cache_is_decoded_anew_and_rewritten(land_cache, fresh_land, content,
                                                           monkeypatch):
    raw = (Path(land.__file__).parent / "data" / land.LAND_FILE).read_bytes()
    key = land.land_key(raw)
    land_cache.mkdir(parents=True)
    path = land_cache / f"land-{key}.marshal"
    path.write_bytes(content(key))
    assert_same_polygons(land.land_polygons(), fresh_land)
    assert marshal.loads(path.read_bytes())[1] == key          # rewritten
    assert_same_polygons(cached_land(monkeypatch), fresh_land)


def test_the_land_key_follows_the_data(monkeypatch):
    raw = (Path(land.__file__).parent / "data" / land.LAND_FILE).read_bytes()
    key = land.land_key(raw)
    assert land.land_key(raw) == key
    assert land.land_key(raw + b" ") != key
    monkeypatch.setattr(shapely, "geos_version_string", "0.0.0-other")
    assert land.land_key(raw) != key


def test_a_new_process_reads_the_land_without_decoding(land_cache):
    land.land_polygons()
    probe = ("import geo.land as land\n"
             "land.decode_land = None\n"           # a decode would fail
             "print(len(land.land_polygons()))")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         timeout=60, env={**os.environ, "GEO_CACHE_DIR": str(land_cache)})
    assert out.returncode == 0, out.stderr
    assert int(out.stdout) == len(land.land_polygons())


# --------------------------------------------------------------------------- the sea network


def test_the_sea_network_is_searoutes_own():
    """geo.sea makes the network without searoute's k-d tree (unused): the same graph."""
    import searoute

    import geo.sea as sea

    sea._network.cache_clear()
    graph, nodes = sea._network()
    ref = searoute.setup_M()
    assert list(graph.nodes) == list(ref.nodes)
    assert list(graph.edges(data=True)) == list(ref.edges(data=True))
    assert graph.restrictions == ref.restrictions and graph.graph == ref.graph
    assert nodes.tolist() == [list(n) for n in ref.nodes]
