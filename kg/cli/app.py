"""The ``dipkg`` Typer application and the one way commands report user errors."""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, Callable, NoReturn, TypeVar

import typer

from kg import __version__

T = TypeVar("T")

__all__ = ["app", "fail", "on_graph", "warn"]

app = typer.Typer(
    name="dipkg",
    help=(
        "Diplomatic event knowledge graphs from news and official texts.\n\n"
        "Example:\n\n    dipkg build data/articles -o out && dipkg query out/graph.trig who_met_whom"
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def fail(message: str, *, code: int = 1) -> NoReturn:
    """Print one ``dipkg: error: ...`` line on stderr and exit with ``code``."""
    typer.echo(f"dipkg: error: {message}", err=True)
    raise typer.Exit(code)


def warn(message: str) -> None:
    """Print one ``dipkg: ...`` line on stderr (a skipped input, a note)."""
    typer.echo(f"dipkg: {message}", err=True)


def on_graph(path: Path, action: Callable[[Any], T]) -> T:
    """Open the store directory or RDF file ``path``, run ``action(dataset)``, close it.

    A :class:`~kg.errors.DipkgError` (missing file, damaged store...) ends the
    command with one clean line.
    """
    from kg.errors import DipkgError
    from kg.store import close_dataset, open_dataset

    try:
        dataset = open_dataset(path)
        try:
            return action(dataset)
        finally:
            close_dataset(dataset)
    except DipkgError as exc:
        fail(str(exc))


def _version(value: bool) -> None:
    if value:
        typer.echo(f"dipkg {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Log progress details (INFO)."),
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Show the version."),
) -> None:
    """Diplomatic event knowledge graphs from news and official texts.

    Example: dipkg build data/articles -o out
    """
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
