"""``dipkg query`` and ``dipkg queries``: SPARQL over a graph, named or ad hoc."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Optional

import typer

from kg.cli.app import app, fail
from kg.errors import DipkgError

FORMATS = ("table", "csv", "tsv", "json", "md")


def _params(items: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            fail(f"bad --param {item!r}: use NAME=VALUE, e.g. --param actor='Vladimir Putin'")
        out[key.strip()] = value
    return out


def _markdown(df: Any) -> str:
    def cell(v: Any) -> str:
        return "" if v is None or v != v else str(v).replace("|", "\\|").replace("\n", " ")

    lines = ["| " + " | ".join(df.columns) + " |", "|" + "---|" * len(df.columns)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in df.itertuples(index=False)]
    return "\n".join(lines)


def render(result: Any, fmt: str) -> str:
    """Text for a query result (DataFrame, bool or Graph) in ``fmt``."""
    import pandas as pd

    if isinstance(result, bool):
        return json.dumps({"boolean": result}) if fmt == "json" else str(result).lower()
    if not isinstance(result, pd.DataFrame):  # CONSTRUCT / DESCRIBE
        return result.serialize(format="json-ld" if fmt == "json" else "turtle").rstrip()
    if fmt == "csv":
        return result.to_csv(index=False).rstrip("\n")
    if fmt == "tsv":
        return result.to_csv(index=False, sep="\t").rstrip("\n")
    if fmt == "json":
        return result.to_json(orient="records", force_ascii=False, indent=2)
    if fmt == "md":
        return _markdown(result)
    if result.empty:
        return "(no results) columns: " + ", ".join(result.columns)
    with pd.option_context("display.max_colwidth", 60, "display.width", 200):
        return result.to_string(index=False, na_rep="")


@app.command()
def query(
    graph: Path = typer.Argument(..., help="Store folder or RDF file (e.g. out/graph.trig)."),
    name: Optional[str] = typer.Argument(None, help="Named query (see `dipkg queries`)."),
    sparql: Optional[str] = typer.Option(None, "--query", "-q", help="SPARQL query text."),
    file: Optional[Path] = typer.Option(None, "--file", "-f", help="File with a SPARQL query (.rq)."),
    param: list[str] = typer.Option([], "--param", "-p", help="Parameter NAME=VALUE (repeatable)."),
    fmt: str = typer.Option("table", "--format", help="Output: table, csv, tsv, json or md."),
) -> None:
    """Run a named query, a SPARQL string (-q) or a .rq file (-f) on GRAPH.

    Parameters are bound as RDF terms, never pasted into the query. An actor
    parameter takes an IRI, a local id (country/FRA) or a label.

    Example:

        dipkg query out/graph.trig contacts --param actor="Vladimir Putin" --format md
    """
    from kg.query import run_query

    if fmt not in FORMATS:
        fail(f"unknown --format {fmt!r}; use one of {', '.join(FORMATS)}")
    if sum(x is not None for x in (name, sparql, file)) != 1:
        fail("give exactly one of: a query NAME, -q SPARQL or -f FILE.rq (see `dipkg queries`)")
    if file is not None:
        try:
            sparql = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            fail(f"cannot read query file {str(file)!r}: {exc.__class__.__name__}; give a UTF-8 .rq file")
    try:
        result = run_query(graph, name, sparql=sparql, params=_params(param))
        typer.echo(render(result, fmt))
    except DipkgError as exc:
        fail(str(exc))


@app.command()
def queries() -> None:
    """List the named queries with their parameters and descriptions.

    Example:

        dipkg queries
    """
    from kg.query import list_queries

    for info in list_queries():
        params = " ".join(
            f"[{p.name}=...]" if p.optional else f"{p.name}=..." for p in info.parameters
        )
        typer.echo(f"{info.name} {params}".rstrip())
        typer.echo(f"    {info.description}")
        for p in info.parameters:
            typer.echo(f"    --param {p.name}: ({p.kind}{', optional' if p.optional else ''}) {p.description}")
