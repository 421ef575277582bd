"""``dipkg`` command line: thin wrappers over the library, one module per command.

Importing a command module registers its commands on :data:`kg.cli.app.app`.
"""
from __future__ import annotations

from kg.cli import build, evaluate, export, query, serve, stats, validate, viz  # noqa: F401
from kg.cli.app import app

__all__ = ["app", "main"]


def main() -> None:
    """Entry point of the ``dipkg`` console script."""
    app()
