"""``geo serve [MAP_DIR]``: serve a map folder on this machine, with range requests."""

from __future__ import annotations

from urllib.parse import quote

import click

from geo.cli.options import handle_errors


@click.command("serve")
@click.argument("map_dir", required=False, default="maps",
                type=click.Path(file_okay=False, path_type=str))
@click.option("--port", type=int, default=8000, show_default=True,
              help="Port on 127.0.0.1 (0: any free port).")
@handle_errors
def command(map_dir: str, port: int) -> None:
    """Serve MAP_DIR (default: maps/) at http://127.0.0.1:PORT/ until Ctrl-C.

    Maps whose big context layers are vector tiles (maps/<map>.tiles/*.pmtiles) read them
    by HTTP range requests, which a page opened as a file cannot make: open such a map
    from here. Only this machine can connect; nothing outside MAP_DIR is served.

    \b
    Example:
      geo build --context big-cables.gpkg
      geo serve            # then open http://127.0.0.1:8000/connectivity.html
    """
    from geo.tiles.server import make_server, map_pages

    server = make_server(map_dir, port)
    pages = map_pages(map_dir)
    click.echo(f"geo: serving {map_dir} at {server.url} (Ctrl-C stops)", err=True)
    for page in pages:
        click.echo(server.url + quote(page))
    if not pages:
        click.echo(server.url)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        click.echo("geo: stopped", err=True)
    finally:
        server.server_close()
