"""``dipkg`` command line: thin wrappers over the library, one module per command."""
from __future__ import annotations

import importlib

from kg.cli.app import app

__all__ = ["app", "main"]

# Each module registers its commands on ``app`` when imported.
_COMMANDS = ("build", "query", "export", "viz", "serve", "validate", "stats", "evaluate")
for _name in _COMMANDS:
    try:
        importlib.import_module(f"kg.cli.{_name}")
    except ModuleNotFoundError as exc:  # a command module not written yet
        if exc.name != f"kg.cli.{_name}":
            raise


def main() -> None:
    """Entry point of the ``dipkg`` console script."""
    app()
