"""``geo init DIR``: start an empty workspace."""

from __future__ import annotations

import click

from geo.cli.options import handle_errors


@click.command("init")
@click.argument("directory", type=click.Path(file_okay=False, path_type=str))
@handle_errors
def command(directory: str) -> None:
    """Start an empty workspace in DIRECTORY (seeds/, data/, maps/).

    Refuses to overwrite a folder that already holds seeds/ or data/.

    \b
    Example:
      geo init my-workspace
      cp article.txt my-workspace/seeds/ && geo check -w my-workspace
    """
    from geo.workspace import init_workspace  # the schema: not for --help

    ws = init_workspace(directory)
    click.echo(f"geo: empty workspace in {ws.root}: add articles to {ws.seeds}/ "
               f"and entities to {ws.data}/", err=True)
