"""``dipkg stats``: counts of documents, actors, events, graphs and triples."""
from __future__ import annotations

import json
from pathlib import Path

import typer

from kg.cli.app import app, on_graph


@app.command()
def stats(
    graph: Path = typer.Argument(..., help="A store directory or an RDF file (.trig .ttl .nq .nt .jsonld .rdf)."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object instead of lines."),
) -> None:
    """Summarize GRAPH: documents, actors and events by type, named graphs, triples.

    Example:

        dipkg stats out/graph.trig
    """
    from kg.stats import format_summary, graph_summary

    summary = on_graph(graph, graph_summary)
    typer.echo(json.dumps(summary, sort_keys=False) if as_json else format_summary(summary))
