"""``dipkg export``: the graph as RDF or as an actor network file."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from kg.cli.app import app, fail
from kg.errors import DipkgError


@app.command()
def export(
    graph: Path = typer.Argument(..., help="Store folder or RDF file (e.g. out/graph.trig)."),
    output: Path = typer.Option(..., "--output", "-o", help="File to write."),
    fmt: Optional[str] = typer.Option(
        None,
        "--format",
        help="ttl, nt, nq, trig, jsonld, xml (RDF) or graphml, gexf, csv, cytoscape (network); "
        "default: from the file suffix.",
    ),
) -> None:
    """Export GRAPH to a file: RDF (trig/nq/jsonld keep one graph per document;
    ttl/nt/xml write the union) or the actor network (graphml, gexf, cytoscape;
    csv is the event table, one row per actor -> recipient dyad).

    Example:

        dipkg export out/graph.trig --format gexf -o out/network.gexf
    """
    from kg.export import export as do_export

    try:
        path = do_export(graph, output, format=fmt)
    except DipkgError as exc:
        fail(str(exc))
    typer.echo(f"wrote {path}", err=True)
