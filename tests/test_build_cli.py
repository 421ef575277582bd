"""`dipkg build` end to end: bad inputs are skipped with one line each, the rest is built."""
from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Dataset, Literal, Namespace, URIRef
from rdflib.namespace import RDF
from typer.testing import CliRunner

from kg.cli import app

SCHEMA = Namespace("https://schema.org/")
runner = CliRunner()

ARTICLE = """---
id: talks-1
title: Japan and Canada hold talks
date: 2024-05-08
publisher: Example Wire
---
Japanese Prime Minister Fumio Kishida met Canadian Prime Minister Justin Trudeau in Ottawa on Monday.
The two leaders agreed to deepen cooperation on energy security.
"""


def _error_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith("dipkg:")]


def _articles(graph: Path) -> set[str]:
    ds = Dataset()
    ds.parse(graph, format="trig")
    return {str(ds.value(doc, SCHEMA.identifier)) for doc in ds.subjects(RDF.type, SCHEMA.NewsArticle)}


@pytest.mark.slow
def test_bad_files_are_reported_and_skipped(tmp_path, nlp):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "empty.txt").write_text("", encoding="utf-8")
    (inputs / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    (inputs / "good.md").write_text(ARTICLE, encoding="utf-8")
    result = runner.invoke(app, ["build", str(inputs), "-o", str(tmp_path / "out"), "--quiet"])
    assert result.exit_code == 0, result.output
    errors = _error_lines(result.output)
    assert len(errors) == 2, errors
    assert any("empty.txt" in line and "empty" in line.split("empty.txt", 1)[1] for line in errors)
    assert any("binary.txt" in line for line in errors)
    assert "Traceback" not in result.output
    assert _articles(tmp_path / "out" / "graph.trig") == {"talks-1"}


@pytest.mark.slow
def test_strict_makes_skipped_inputs_an_error(tmp_path, nlp):
    (tmp_path / "empty.txt").write_text("  \n", encoding="utf-8")
    (tmp_path / "good.md").write_text(ARTICLE, encoding="utf-8")
    result = runner.invoke(
        app, ["build", str(tmp_path / "empty.txt"), str(tmp_path / "good.md"), "-o", str(tmp_path / "out"), "--quiet", "--strict"]
    )
    assert result.exit_code == 2
    assert _articles(tmp_path / "out" / "graph.trig") == {"talks-1"}


@pytest.mark.slow
def test_nothing_readable_is_a_failure(tmp_path, nlp):
    result = runner.invoke(app, ["build", str(tmp_path / "missing.txt"), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1
    errors = _error_lines(result.output)
    assert errors[0].startswith("dipkg: ") and "missing.txt" in errors[0]
    assert errors[-1] == "dipkg: error: no document could be read from the inputs (all skipped)"


@pytest.mark.slow
def test_output_that_is_a_file_is_one_error_line(tmp_path, nlp):
    (tmp_path / "good.md").write_text(ARTICLE, encoding="utf-8")
    taken = tmp_path / "taken"
    taken.write_text("not a folder", encoding="utf-8")
    result = runner.invoke(app, ["build", str(tmp_path / "good.md"), "-o", str(taken), "--quiet"])
    assert result.exit_code == 1
    assert _error_lines(result.output) == [
        f"dipkg: error: cannot write {str(taken)!r}: File exists; give a writable folder with -o DIR (and --store DIR)"
    ]
    assert taken.read_text(encoding="utf-8") == "not a folder"


def test_missing_model_names_the_package(tmp_path):
    (tmp_path / "good.md").write_text(ARTICLE, encoding="utf-8")
    result = runner.invoke(app, ["build", str(tmp_path), "-o", str(tmp_path / "out"), "--model", "en_core_web_xx"])
    assert result.exit_code == 1
    assert _error_lines(result.output) == [
        "dipkg: error: spaCy model 'en_core_web_xx' is not installed: run `pip install en-core-web-xx` "
        "or pick an installed one with --model / DIPKG_MODEL"
    ]


@pytest.mark.slow
def test_store_rebuild_is_idempotent_and_incremental(tmp_path, nlp):
    a, b = tmp_path / "a.md", tmp_path / "b.md"
    a.write_text(ARTICLE, encoding="utf-8")
    b.write_text(ARTICLE.replace("talks-1", "talks-2").replace("Ottawa", "Tokyo"), encoding="utf-8")
    store = tmp_path / "store"
    for inputs in ([a], [a], [b]):
        result = runner.invoke(app, ["build", *map(str, inputs), "-o", str(tmp_path / "out1"), "--store", str(store), "--quiet"])
        assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["build", str(a), str(b), "-o", str(tmp_path / "out2"), "--quiet"])
    assert result.exit_code == 0, result.output
    one, two = Dataset(), Dataset()
    one.parse(tmp_path / "out1" / "graph.trig", format="trig")
    two.parse(tmp_path / "out2" / "graph.trig", format="trig")
    assert _articles(tmp_path / "out1" / "graph.trig") == {"talks-1", "talks-2"}
    for name in ("talks-1", "talks-2"):
        iri = URIRef(f"https://w3id.org/dipkg/id/graph/{name}")
        assert _without_run(one.graph(iri)) == _without_run(two.graph(iri)), name
        assert len(_without_run(one.graph(iri))) > 10


def _without_run(graph) -> set:
    """The document graph's triples less the PROV record of the run (its time differs by run)."""
    run = "https://w3id.org/dipkg/id/run/"
    return {t for t in graph if not any(str(x).startswith(run) for x in t)}
