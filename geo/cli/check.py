"""``geo check``: validate a workspace."""

from __future__ import annotations

import click

from geo.cli.options import GeoClickError, handle_errors, report_problems, workspace_opt


@click.command("check")
@workspace_opt
@handle_errors
def command(workspace: str) -> None:
    """Validate the workspace: schema, unique ids, references, dates, coordinates,
    and every quote found in its article; data/ on its own, and every draft of drafts/
    with it.

    Prints one line per problem, FILE: ENTITY_ID: FIELD: what is wrong (FILE is the
    draft, drafts/<stem>.toml, for a drafted entry), and exits 2 if there is any; exits
    0 when all holds. Then one line per draft says what accepting it would add (`geo
    accept`), its incomplete entries and the aliases it proposes (never applied). In a
    valid workspace, each corridor route that does not start where the one before it
    ends gets a `warning:` line on stderr, and so does each submarine segment that crosses
    land, or terrestrial one that crosses open sea, for more than 10 km (50 km next to a
    waypoint; Natural Earth 1:50m land), and each city or country an article
    in seeds/ mentions that the catalogue lacks (`geo extract --suggest` drafts the
    entries); warnings do not change the exit code.

    \b
    Example:
      geo check
      geo check -w my-workspace
    """
    # the catalogue (its schema) loads only when checking, not for `geo --help`
    from geo.catalog import read_workspace
    from geo.catalog_checks import catalog_warnings
    from geo.workspace import Workspace

    cat, problems = read_workspace(Workspace.at(workspace), drafts=True)
    if problems:
        report_problems(sorted(problems, key=lambda p: p.file))
        n = len(problems)
        raise GeoClickError(f"{n} problem{'s' if n != 1 else ''} in the workspace", 2)
    click.echo("geo: the workspace is valid: every quote found, every reference resolved",
               err=True)
    if cat.drafts:
        from geo.accept import draft_reports

        for report in draft_reports(cat):
            click.echo(str(report), err=True)
    for warning in catalog_warnings(cat):
        click.echo(f"warning: {warning}", err=True)
    _warn_missing_places(cat)


def _warn_missing_places(cat) -> None:
    """One ``warning:`` line per city or country an article mentions and the catalogue
    lacks (run on valid workspaces only: a partial catalogue would warn wrongly)."""
    from geo.extract import missing_places

    for stem, m in missing_places(cat):
        click.echo(f"warning: seeds/{stem}.txt: mentions {m.kind} {m.name} ({m.id}) as "
                   f"{m.text!r} at offset {m.start}; the catalogue lacks it "
                   "(`geo extract --suggest` drafts an entry)", err=True)
