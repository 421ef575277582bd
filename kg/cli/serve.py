"""``dipkg serve``: a read-only SPARQL 1.1 endpoint over a graph."""
from __future__ import annotations

from pathlib import Path

import typer

from kg.cli.app import app, fail


@app.command()
def serve(
    graph: Path = typer.Argument(..., help="Store directory or RDF file (.trig .ttl .nq ...)."),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (loopback by default)."),
    port: int = typer.Option(7878, "--port", min=0, max=65535, help="TCP port (0: any free port)."),
    timeout: float = typer.Option(10.0, "--timeout", min=0.01, help="Seconds a query may run (then 503)."),
    limit: int = typer.Option(10_000, "--limit", min=1, help="Most rows/triples per answer (longer: truncated)."),
) -> None:
    """Serve GRAPH at http://HOST:PORT/sparql (SPARQL 1.1 Protocol, read-only).

    GET or POST queries; results as JSON, XML, CSV or TSV (Turtle for CONSTRUCT);
    updates are refused; longer answers are truncated (header X-Dipkg-Truncated).
    The store is opened once, read-only. Stop with Ctrl-C.

    Example:

    \b
        dipkg serve out/store --port 7878 &
        curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * { ?s ?p ?o } LIMIT 5' \\
             http://127.0.0.1:7878/sparql
    """
    from kg.errors import DipkgError
    from kg.serve import serve as serve_graph

    try:
        serve_graph(graph, host=host, port=port, timeout=timeout, max_results=limit,
                    on_ready=lambda url: typer.echo(f"SPARQL endpoint at {url} (Ctrl-C to stop)"))
    except DipkgError as exc:
        fail(str(exc))
