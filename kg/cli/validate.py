"""``dipkg validate``: check a graph against the core SHACL shapes."""
from __future__ import annotations

from pathlib import Path

import typer

from kg.cli.app import app, fail, on_graph


@app.command()
def validate(
    graph: Path = typer.Argument(..., help="A store directory or an RDF file (.trig .ttl .nq .nt .jsonld .rdf)."),
) -> None:
    """Validate GRAPH against the core SHACL shapes (ONTOLOGY.md).

    Prints one line per violation (node, property, message) and exits 1 when
    the graph does not conform.

    Example:

        dipkg validate out/graph.trig
    """
    from kg.validate import validate as run_validation

    report = on_graph(graph, run_validation)
    if report.conforms:
        typer.echo(f"{graph}: conforms")
        return
    for violation in report.violations:
        typer.echo(str(violation))
    fail(f"{graph} does not conform: {len(report.violations)} violation(s)")
