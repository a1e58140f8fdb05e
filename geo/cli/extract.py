"""``geo extract``: the places and organisations articles mention, and what the catalogue
lacks."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from geo.cli.options import GeoClickError, handle_errors, indent_opt, workspace_opt
from geo.cli.table import format_table
from geo.errors import InputError

#: Read this many articles or more at a terminal and a progress bar shows on stderr.
PROGRESS_FROM = 5


def _stderr_is_terminal() -> bool:
    return sys.stderr.isatty()


def _fmt(value: float | None) -> str:
    return "" if value is None else f"{value:.5f}"


@click.command("extract")
@click.argument("articles", nargs=-1, metavar="[ARTICLE]...")
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=1, show_default=True,
              help="Read the articles in this many processes; 0: one per core.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True, help="Output: aligned tables per article, or one JSON list.")
@click.option("--suggest", is_flag=True,
              help="Print draft catalogue entries (TOML) for the cities and countries the "
                   "catalogue lacks, instead of the mentions.")
@indent_opt
@workspace_opt
@handle_errors
def command(articles: tuple[str, ...], jobs: int, fmt: str, suggest: bool,
            indent: int | None, workspace: str) -> None:
    """Find the places and organisations each ARTICLE mentions.

    ARTICLE is a file, or the stem of an article in the workspace's seeds/; with none,
    every article in seeds/ is read. For each mention: the exact text, its character
    offsets, its kind (city, country, region, island, sea, site, organisation, route,
    corridor), what it resolves to (a catalogue id, else a GeoNames id or a region:,
    island: or sea: id, else none) and why. Then the coverage: what the catalogue holds,
    and the places it lacks.

    Articles that cannot be read (empty, binary, not UTF-8) are reported on stderr, the
    others are still read, and the exit code is 2.

    With --jobs N the articles are read in N processes (0: one per core); the output is
    the same, in the same order. For several articles, the rate (articles per second) is
    said on stderr.

    \b
    Example:
      geo extract 000_47e597b5552f65ef
      geo extract --format json --indent 2 seeds/*.txt
      geo extract --jobs 0 ~/news/*.txt > mentions.txt
      geo extract --suggest my-article >> data/sites.toml   # seeds/my-article.txt
    """
    from geo.extract import (
        extract_articles,
        suggest_entries,
        workspace_extractor,
    )

    root = Path(workspace)
    seeds = root / "seeds"
    if not articles:
        if not seeds.is_dir():
            raise InputError(f"{workspace}: no seeds/ folder; name the ARTICLE files to read")
        articles = tuple(str(p) for p in sorted(seeds.glob("*.txt")))
        if not articles:
            raise InputError(f"{seeds}: no articles (*.txt) to read")

    extractor, cat, problems = workspace_extractor(root)
    if not (root / "data").is_dir():
        click.echo(f"geo: warning: no catalogue (no data/ folder in {workspace}); "
                   "matching GeoNames places only", err=True)
    elif problems:
        n = len(problems)
        click.echo(f"geo: warning: the catalogue has {n} problem{'s' if n != 1 else ''} "
                   "(`geo check` lists them); matching against what loads", err=True)

    processes = jobs or os.cpu_count() or 1
    if len(articles) >= PROGRESS_FROM and _stderr_is_terminal():
        with click.progressbar(length=len(articles), label="reading articles",
                               file=sys.stderr) as bar:
            run = extract_articles(articles, root, extractor, jobs=processes,
                                   done=lambda: bar.update(1))
    else:
        run = extract_articles(articles, root, extractor, jobs=processes)
    if len(articles) > 1:
        click.echo(f"geo: read {run.articles} articles in {run.seconds:.2f} s "
                   f"({run.rate:.0f} articles/s, {run.jobs} "
                   f"process{'es' if run.jobs != 1 else ''})", err=True)
    results = run.results
    failures = [str(exc) for exc in run.failures]
    for message in failures:
        click.echo(f"geo: error: {message}", err=True)

    if suggest:
        text = suggest_entries(results, cat, extractor.gazetteer)
        if text:
            click.echo(text, nl=False)
        else:
            click.echo("geo: the catalogue holds every city and country these articles "
                       "mention (by name, or by a site placed there)", err=True)
    elif fmt == "json":
        rows = []
        for result in results:
            for m in result.mentions:
                rows.append({"article": result.stem, **m.to_dict()})
        click.echo(json.dumps(rows, ensure_ascii=False, sort_keys=True, indent=indent))
    else:
        click.echo("\n\n".join(_table(result, cat) for result in results))

    if failures:
        n = len(failures)
        raise GeoClickError(f"{n} of {len(articles)} article{'s' if len(articles) != 1 else ''}"
                            " could not be read", 2)


def _table(result, cat) -> str:
    from geo.extract import coverage

    rows = [{
        "text": m.text, "start": m.start, "end": m.end, "kind": m.kind, "id": m.id or "-",
        "lon": _fmt(m.lon), "lat": _fmt(m.lat), "reason": m.reason,
    } for m in result.mentions]
    out = [f"{result.stem} ({result.path})"]
    if rows:
        out.append(format_table(rows, ["text", "start", "end", "kind", "id", "lon", "lat",
                                       "reason"], right=["start", "end", "lon", "lat"]))
    else:
        out.append("no mentions found")
    cov = coverage(result.mentions, cat)

    def names(ms) -> str:
        return ", ".join(f"{m.name or m.text} ({m.id})" if m.id else m.text for m in ms)

    out.append(f"in the catalogue: {len(cov.mapped)}"
               + (f": {names(cov.mapped)}" if cov.mapped else ""))
    if cov.covered:
        out.append(f"placed by catalogue sites there: {names(cov.covered)}")
    out.append(f"cities and countries the catalogue lacks: {len(cov.lacking)}"
               + (f": {names(cov.lacking)}" if cov.lacking else ""))
    if cov.regions:
        out.append(f"regions (not catalogued): {names(cov.regions)}")
    if cov.unresolved:
        out.append(f"unresolved: {len(cov.unresolved)}: {names(cov.unresolved)}")
    return "\n".join(out)
