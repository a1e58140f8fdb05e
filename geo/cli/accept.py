"""``geo accept STEM [ID...]``: move reviewed entries of a draft into data/."""

from __future__ import annotations

import shlex

import click

from geo.cli.options import GeoClickError, handle_errors, workspace_opt


@click.command("accept")
@click.argument("stem")
@click.argument("ids", nargs=-1, metavar="[ID]...")
@workspace_opt
@handle_errors
def command(stem: str, ids: tuple[str, ...], workspace: str) -> None:
    """Move reviewed entries of the draft drafts/STEM.toml into data/: the entries
    named by ID, or every complete one when no ID is given.

    Each entry's text (its comment lines, table and sub-tables) is appended at the end of
    the data file of its kind (data/organisations.toml, sites.toml, routes.toml,
    corridors.toml, agreements.toml; created if missing), whose text, order and comments
    stay as they were, and removed from the draft; a draft left with no entry is
    deleted. Nothing is written unless data/ would then validate on its own: an entry
    that refers to a drafted entry not being accepted is refused, naming the ids to
    accept with it. Incomplete (commented-out) entries are refused. The data files and
    the draft are written as one set: a failed or killed run leaves them as they were
    (or is completed by the next accept).

    Prints one line per data file written (stdout) and what is left of the draft
    (stderr). Exit 2 for an unknown draft or id, an id already in data/, an incomplete
    entry, or a problem in what would be accepted.

    \b
    Example:
      geo draft news/ntt-telstra.txt     # writes drafts/ntt-telstra.toml
      geo check                          # what each draft would add
      geo accept ntt-telstra             # every complete entry
      geo accept ntt-telstra ntt telstra sg3 equinix
    """
    from geo.accept import MissingReferencesError, accept, recover
    from geo.workspace import Workspace

    for notice in recover(workspace):  # an accept that was killed, completed first
        click.echo(f"geo: warning: {notice}", err=True)
    try:
        result = accept(workspace, stem, ids)
    except MissingReferencesError as exc:
        if not exc.together:
            raise
        where = f" -w {shlex.quote(workspace)}" if workspace != "." else ""
        command_line = shlex.join(["geo", "accept", exc.stem, *exc.together])
        if where:
            command_line = command_line.replace("geo accept", f"geo accept{where}", 1)
        raise GeoClickError(f"{exc}; accept them together: {command_line}", 2) from None
    ws = Workspace.at(workspace)
    for notice in result.notices:  # stale temporary files removed
        click.echo(f"geo: warning: {notice}", err=True)
    for path, added in result.added.items():
        new = " (new file)" if path in result.created else ""
        click.echo(f"{ws.relative(path)}: added {', '.join(added)}{new}")
    n = result.count
    head = (f"geo: accepted {n} entr{'y' if n == 1 else 'ies'} from "
            f"{ws.relative(result.draft)}")
    if result.draft_removed:
        click.echo(f"{head} and removed it: no entry left to review", err=True)
        return
    left = []
    if result.left_complete:
        k = len(result.left_complete)
        left.append(f"{k} complete entr{'y' if k == 1 else 'ies'} "
                    f"({', '.join(result.left_complete)})")
    if result.left_incomplete:
        k = len(result.left_incomplete)
        left.append(f"{k} incomplete entr{'y' if k == 1 else 'ies'} "
                    f"({', '.join(result.left_incomplete)})")
    click.echo(f"{head}; it still holds {' and '.join(left)}", err=True)
