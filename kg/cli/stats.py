"""``dipkg stats``: counts of documents, actors, events, graphs and triples."""
from __future__ import annotations

import json
from pathlib import Path

import typer

from kg.cli.app import app, fail
from kg.errors import DipkgError


@app.command()
def stats(
    graph: Path = typer.Argument(..., help="A store directory or an RDF file (.trig .ttl .nq .nt .jsonld .rdf)."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object instead of lines."),
) -> None:
    """Summarize GRAPH: documents, actors and events by type, named graphs, triples.

    Example:

        dipkg stats out/graph.trig
    """
    from kg.stats import graph_summary
    from kg.store import close_dataset, open_dataset

    try:
        ds = open_dataset(graph)
        try:
            summary = graph_summary(ds)
        finally:
            close_dataset(ds)
    except DipkgError as exc:
        fail(str(exc))
    if as_json:
        typer.echo(json.dumps(summary, sort_keys=False))
        return
    for key, value in summary.items():
        if isinstance(value, dict):
            typer.echo(f"{key}:")
            for k, v in sorted(value.items(), key=lambda kv: (-kv[1], kv[0])):
                typer.echo(f"  {k}: {v}")
        else:
            typer.echo(f"{key}: {value}")
