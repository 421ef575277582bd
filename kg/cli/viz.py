"""``dipkg viz``: an interactive HTML page or a static PNG of the graph."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from kg.cli.app import app, fail


@app.command()
def viz(
    graph: Path = typer.Argument(..., help="Store directory or RDF file (.trig .ttl .nq ...)."),
    output: Path = typer.Option(..., "--output", "-o", help="graph.html (interactive page) or graph.png (picture)."),
    title: Optional[str] = typer.Option(None, "--title", help="Title of the page or picture."),
    timeline: bool = typer.Option(False, "--timeline", help="With a .png output: draw the timeline of events instead."),
) -> None:
    """Draw GRAPH as one self-contained HTML page (works offline) or a PNG.

    The page shows actors (shape and colour by type) linked by events (colour by
    PLOVER type), tooltips with evidence and source, filters by event type and
    date, and a timeline of events.

    Example:

        dipkg viz out/graph.trig -o graph.html && dipkg viz out/store -o timeline.png --timeline
    """
    from kg.errors import DipkgError
    from kg.store import open_dataset
    from kg.viz import write_html, write_png, write_timeline

    suffix = output.suffix.lower()
    if suffix not in (".html", ".htm", ".png"):
        fail(f"output {str(output)!r} must end in .html or .png, e.g. -o graph.html")
    if timeline and suffix != ".png":
        fail("--timeline draws a PNG: use -o timeline.png (the HTML page always includes the timeline)")
    try:
        dataset = open_dataset(graph, read_only=graph.is_dir())
        try:
            if suffix == ".png":
                (write_timeline if timeline else write_png)(dataset, output, title=title)
            else:
                write_html(dataset, output, title=title)
        finally:
            dataset.close()  # read-only store: nothing to flush
    except DipkgError as exc:
        fail(str(exc))
    typer.echo(f"wrote {output}")
