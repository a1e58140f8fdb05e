"""`geo extract --jobs N`: the articles read in N processes print byte for byte what one
process prints, in the same order, with the same errors; the rate is said on stderr."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from geo.errors import InputError
from tests.bad_articles import write_bad_articles

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "data" / "draft_corpus"
RATE = re.compile(r"^geo: read (\d+) articles in \d+\.\d\d s \((\d+) articles/s, "
                  r"(\d+) process(?:es)?\)$")


def geo_process(*args: str, env: dict[str, str] | None = None,
                ) -> subprocess.CompletedProcess[bytes]:
    """``geo ARGS`` in a fresh interpreter, killed after 120 s (a hang is a failure)."""
    return subprocess.run([sys.executable, "-m", "geo", *args], capture_output=True,
                          timeout=120, cwd=ROOT, env={**os.environ, **(env or {})})


def articles() -> list[str]:
    """Sixteen articles: the four seeds by stem and twelve real news articles (six
    languages) by path, so that two processes share them in several chunks."""
    seeds = [p.stem for p in sorted((ROOT / "seeds").glob("*.txt"))]
    news = [str(p) for p in sorted(CORPUS.glob("*.txt"))[:12]]
    assert len(seeds) == 4 and len(news) == 12
    return seeds + news


def rate_lines(stderr: bytes) -> list[re.Match[str]]:
    return [m for line in stderr.decode().splitlines() if (m := RATE.match(line))]


def without_rate(stderr: bytes) -> list[str]:
    return [line for line in stderr.decode().splitlines() if not RATE.match(line)]


@pytest.mark.parametrize("mode", [[], ["--format", "json"], ["--suggest"]],
                         ids=["table", "json", "suggest"])
def test_two_jobs_print_byte_for_byte_what_one_job_prints(mode):
    names = articles()
    one = geo_process("extract", "-w", str(ROOT), "--jobs", "1", *mode, *names)
    two = geo_process("extract", "-w", str(ROOT), "--jobs", "2", *mode, *names)
    assert one.returncode == 0, one.stderr.decode()
    assert two.returncode == 0, two.stderr.decode()
    assert len(one.stdout) > 1000
    assert two.stdout == one.stdout
    if not mode:  # every article, in the order given
        heads = [line.split(" ")[0] for line in one.stdout.decode().split("\n\n")]
        assert heads == [Path(n).stem for n in names]
    assert without_rate(two.stderr) == without_rate(one.stderr) == []
    (rate_one,), (rate_two,) = rate_lines(one.stderr), rate_lines(two.stderr)
    assert rate_one.group(1) == rate_two.group(1) == "16"
    assert (rate_one.group(3), rate_two.group(3)) == ("1", "2")
    assert int(rate_two.group(2)) > 0


def test_errors_are_the_same_with_two_jobs(tmp_path):
    bad = tmp_path / "bad"
    good = write_bad_articles(bad)["good"]
    names = [str(bad / "latin1.txt"), str(bad / "empty.txt"), str(good),
             str(bad / "binary.txt"), "no-such-stem", str(tmp_path), *articles()[:4]]
    one = geo_process("extract", "-w", str(ROOT), "--format", "json", "-j", "1", *names)
    two = geo_process("extract", "-w", str(ROOT), "--format", "json", "-j", "2", *names)
    assert one.returncode == two.returncode == 2
    assert two.stdout == one.stdout
    assert b'"article": "good"' in one.stdout
    assert without_rate(two.stderr) == without_rate(one.stderr) == [
        f"geo: error: {bad / 'latin1.txt'}: not UTF-8 text: byte 0xe2 at offset 4",
        f"geo: error: {bad / 'empty.txt'}: the article is empty",
        f"geo: error: {bad / 'binary.txt'}: the article is binary, not text (it holds NUL "
        "bytes)",
        f"geo: error: no-such-stem: no such file, and no article 'no-such-stem' in "
        f"{ROOT / 'seeds'}",
        f"geo: error: {tmp_path}: is a folder, not an article",
        "geo: error: 5 of 10 articles could not be read",
    ]
    assert [m.group(1) for m in rate_lines(two.stderr)] == ["10"]


def test_every_core_and_the_rate_only_for_several_articles(runner, repo_root):
    stems = articles()[:4]
    every = geo_process("extract", "-w", str(ROOT), "--jobs", "0", *stems)
    assert every.returncode == 0, every.stderr.decode()
    (rate,) = rate_lines(every.stderr)
    assert int(rate.group(3)) == min(os.cpu_count() or 1, len(stems))
    single = runner("extract", "-w", str(repo_root), "--jobs", "2", stems[0], expect=0)
    assert "articles/s" not in single.stderr and "articles/s" not in single.stdout
    assert single.stdout.startswith(stems[0])
    negative = runner("extract", "--jobs", "-1", stems[0], expect=2)
    assert "Invalid value for '-j' / '--jobs': -1 is not in the range x>=0" in negative.stderr


def test_a_dead_worker_process_is_one_line_and_exit_1(tmp_path):
    """A process killed while it reads (out of memory, say) fails the run cleanly."""
    (tmp_path / "killer.py").write_text(
        "import os\n\ndef die(*args):\n    os._exit(3)\n", encoding="utf-8")
    probe = ("import sys, killer, geo.extract.articles as a\n"
             "a._extract_in_worker = killer.die\n"
             "from geo.cli import main\nmain(sys.argv[1:])\n")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path), str(ROOT)])}
    result = subprocess.run([sys.executable, "-c", probe, "extract", "-w", str(ROOT),
                             "-j", "2", *articles()[:4]], capture_output=True, text=True,
                            timeout=120, cwd=ROOT, env=env)
    assert result.returncode == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("geo: error: a process reading articles ended unexpectedly")


def test_library_order_and_progress_with_two_processes(repo_root):
    from geo.extract import extract_articles, workspace_extractor

    extractor, _cat, _problems = workspace_extractor(repo_root)
    names = [*articles()[:4], "no-such-stem", *articles()[:2]]
    ticks: list[int] = []
    one = extract_articles(names, repo_root, extractor, jobs=1)
    two = extract_articles(names, repo_root, extractor, jobs=2,
                           done=lambda: ticks.append(len(ticks)))
    assert (one.jobs, two.jobs, len(ticks)) == (1, 2, len(names))
    assert [r.stem for r in two.results] == [r.stem for r in one.results] == [
        Path(n).stem for n in names if n != "no-such-stem"]
    assert [r.mentions for r in two.results] == [r.mentions for r in one.results]
    assert [str(e) for e in two.failures] == [str(e) for e in one.failures]
    assert all(isinstance(e, InputError) for e in two.failures)
    assert two.articles == len(names) and two.rate > 0
    with pytest.raises(InputError, match="at least 1"):
        extract_articles(names, repo_root, extractor, jobs=0)


def test_mentions_cross_processes_unchanged(catalog):
    """A mention pickled (as ``--jobs`` sends it) comes back equal, field for field."""
    import pickle

    from geo.extract import Mention, extract_mentions

    found = extract_mentions("Liquid Telecom opened a PoP in Nairobi, Kenya, and in Foo.",
                             catalog)
    assert len(found) >= 3
    back = pickle.loads(pickle.dumps(found))
    assert back == found
    assert [m.to_dict() for m in back] == [m.to_dict() for m in found]
    assert all(type(m) is Mention for m in back)
    bare = Mention("Foo", 0, 3, "city", None, None, None, None, "unresolved")
    assert pickle.loads(pickle.dumps(bare)).to_dict() == bare.to_dict()
