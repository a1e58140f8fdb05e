"""``geo check``: validate a workspace."""

from __future__ import annotations

import click

from geo.catalog import check_workspace
from geo.cli.options import GeoClickError, handle_errors, report_problems, workspace_opt


@click.command("check")
@workspace_opt
@handle_errors
def command(workspace: str) -> None:
    """Validate the workspace: schema, unique ids, references, dates, coordinates,
    and every quote found in its article.

    Prints one line per problem, FILE: ENTITY_ID: FIELD: what is wrong, and exits 2
    if there is any; exits 0 when all holds.

    \b
    Example:
      geo check
      geo check -w my-workspace
    """
    problems = check_workspace(workspace)
    if problems:
        report_problems(problems)
        n = len(problems)
        raise GeoClickError(f"{n} problem{'s' if n != 1 else ''} in the workspace", 2)
    click.echo("geo: the workspace is valid: every quote found, every reference resolved",
               err=True)
