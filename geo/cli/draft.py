"""``geo draft``: the catalogue entries articles support, each with its quote, as drafts."""

from __future__ import annotations

import os

import click

from geo.cli.options import handle_errors, workspace_opt


@click.command("draft")
@click.argument("articles", nargs=-1, required=True, metavar="ARTICLE...")
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=1, show_default=True,
              help="Draft in this many processes; 0: one per core.")
@click.option("--format", "fmt", type=click.Choice(["toml", "json"]), default="toml",
              show_default=True,
              help="toml: write drafts/<stem>.toml and say what each holds; json: also "
                   "print the drafted entries as JSON on stdout.")
@click.option("--overwrite", is_flag=True,
              help="Replace a draft of the same article even when it was edited since geo "
                   "wrote it (by default such a draft is kept and nothing is drafted).")
@workspace_opt
@handle_errors
def command(articles: tuple[str, ...], jobs: int, fmt: str, overwrite: bool,
            workspace: str) -> None:
    """Draft the catalogue entries each ARTICLE supports, into drafts/<stem>.toml.

    ARTICLE is a text file anywhere (copied into seeds/ byte for byte, with a drafted
    metadata file beside it; an existing different file of that name is never
    overwritten) or the stem of an article in seeds/. Each draft holds organisations,
    sites (data centres, PoPs, landing stations, and the cities that place them), routes
    (with their figures) and agreements, in the catalogue's own format, every entry and
    field quoting the sentence that states it. Entries the catalogue already holds are
    reused, not drafted again; entries the text leaves incomplete are written commented
    out with the reason. Review a draft, then move it into data/ with `geo accept`.

    Drafting an article again replaces its draft only while the draft is as geo last wrote
    it (a checksum line in it says so; `geo accept` keeps it): an edited draft, or one
    without that line, is kept and the run stops with exit 2 naming it, unless
    --overwrite is given.

    \b
    Example:
      geo draft ~/news/ntt-telstra.txt
      geo check
      geo build --drafts
      geo accept ntt-telstra
    """
    from geo.draft.run import draft_articles, run_json

    run = draft_articles(list(articles), workspace, jobs=jobs or os.cpu_count() or 1,
                         overwrite=overwrite)
    for notice in run.notices:  # an interrupted accept completed first
        click.echo(f"geo: warning: {notice}", err=True)
    for draft in run.drafts:
        where = os.path.relpath(draft.path) if draft.path else "-"
        taken = " (copied into seeds/)" if draft.intake.copied else ""
        click.echo(f"geo: {draft.stem}{taken}: {draft.summary()} -> {where}",
                   err=True)
    if len(run.drafts) > 1:
        click.echo(f"geo: drafted {len(run.drafts)} articles in {run.seconds:.1f} s "
                   f"({run.rate:.0f} articles/s)", err=True)
    if fmt == "json":
        click.echo(run_json(run))
