"""``python -m geo``: the same as the ``geo`` command."""

from geo.cli import run

if __name__ == "__main__":  # pragma: no cover - exercised through the console script
    run()
