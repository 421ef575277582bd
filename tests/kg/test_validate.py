"""SHACL validation, ``dipkg validate`` and ``dipkg stats``."""
from __future__ import annotations

import json
from decimal import Decimal

import pytest
from rdflib import Literal
from rdflib.namespace import PROV, RDF, XSD
from typer.testing import CliRunner

from kg.build import actor_iri, build_graph, event_iri, graph_iri, write_trig
from kg.cli.app import app
from kg.ontology import DIP
from kg.records import Actor, Document, Event, Extraction, Mention
from kg.stats import graph_summary
from kg.store import close_dataset
from kg.validate import validate

TEXT = "Uruguay and Paraguay signed a river accord. Uruguay urged calm."


def records() -> list[Extraction]:
    ury = Actor(id="country/URY", type="Country", label="Uruguay", iso3="URY")
    pry = Actor(id="country/PRY", type="Country", label="Paraguay", iso3="PRY")
    signed = Event(type="SUPPORT", actors=["country/URY", "country/PRY"], reciprocal=True, date="2022-11",
                   evidence=TEXT[:43], char_start=0, char_end=43, confidence=0.9)  # fmt: skip
    urged = Event(type="REQUEST", actors=["country/URY"], recipients=[], evidence=TEXT[44:], char_start=44,
                  char_end=len(TEXT), confidence=0.55)  # fmt: skip
    doc = Document(id="river", text=TEXT, date="2022-11-30", title="River accord")
    return [Extraction(document=doc, actors=[ury, pry], events=[signed, urged],
                       mentions=[Mention("country/URY", 0, 7, "Uruguay"), Mention("country/PRY", 12, 20, "Paraguay")])]  # fmt: skip


def test_built_graph_conforms():
    report = validate(build_graph(records()))
    assert report.conforms and report.violations == [] and str(report) == "conforms: yes"


def test_event_lacking_type_and_document_is_reported():
    ds = build_graph(records())
    e = event_iri("river", records()[0].events[0])
    g = ds.graph(graph_iri("river"))
    g.remove((e, DIP.eventType, None))
    g.remove((e, PROV.wasDerivedFrom, None))
    report = validate(ds)
    assert not report.conforms
    short = "dipid:event/" + str(e).rsplit("/", 1)[1]
    assert [(v.focus, v.path, v.graph) for v in report.violations] == [
        (short, "dip:eventType", "dipid:graph/river"),
        (short, "prov:wasDerivedFrom", "dipid:graph/river"),
    ]
    assert "exactly one dip:eventType from the PLOVER scheme" in str(report)


@pytest.mark.parametrize(
    ("mutate", "path", "needle"),
    [
        (lambda g, e: g.set((e, DIP.confidence, Literal(Decimal("1.5"), datatype=XSD.decimal))), "dip:confidence", "[0, 1]"),
        (lambda g, e: g.set((e, DIP.eventType, DIP.CAMEO04)), "dip:eventType", "PLOVER"),
        (lambda g, e: g.remove((e, DIP.evidence, None)), "dip:evidence", "evidence"),
        (lambda g, e: g.remove((e, DIP.actor, None)), "dip:actor", "at least one dip:actor"),
        (lambda g, e: g.set((e, DIP.date, Literal("2022-11-xx"))), "dip:date", "xsd:gYear"),
    ],
)
def test_event_violations_name_path_and_reason(mutate, path, needle):
    ds = build_graph(records())
    e = event_iri("river", records()[0].events[0])
    mutate(ds.graph(graph_iri("river")), e)
    report = validate(ds)
    assert not report.conforms
    assert any(v.path == path and needle in v.message for v in report.violations), str(report)


def test_actor_and_mention_violations():
    ds = build_graph(records())
    ds.default_context.remove((actor_iri("country/PRY"), DIP.iso3, None))
    g = ds.graph(graph_iri("river"))
    mention = next(iter(g.subjects(RDF.type, DIP.Mention)))
    g.remove((mention, DIP.charEnd, None))
    found = {(v.focus, v.path) for v in validate(ds).violations}
    assert ("dipid:country/PRY", "dip:iso3") in found
    assert any(path == "dip:charEnd" and focus.startswith("dipid:mention/") for focus, path in found)


def test_graph_summary_counts():
    s = graph_summary(build_graph(records()))
    assert {k: s[k] for k in ("documents", "actors", "actors by type", "events", "events by type", "mentions",
                              "same-event links", "named graphs")} == {  # fmt: skip
        "documents": 1, "actors": 2, "actors by type": {"Country": 2}, "events": 2,
        "events by type": {"REQUEST": 1, "SUPPORT": 1}, "mentions": 2, "same-event links": 0, "named graphs": 1,
    }  # fmt: skip
    assert s["triples"] > 400  # the ontology is part of every dataset


def test_cli_validate_and_stats_on_file_and_store(tmp_path):
    runner = CliRunner()
    ds = build_graph(records(), store=tmp_path / "store")
    write_trig(ds, tmp_path / "graph.trig")
    close_dataset(ds)
    for target in (tmp_path / "graph.trig", tmp_path / "store"):
        result = runner.invoke(app, ["validate", str(target)])
        assert result.exit_code == 0 and result.output.strip().endswith("conforms"), result.output
        stats = runner.invoke(app, ["stats", str(target), "--json"])
        assert stats.exit_code == 0 and json.loads(stats.output)["events by type"] == {"REQUEST": 1, "SUPPORT": 1}
    text = runner.invoke(app, ["stats", str(tmp_path / "graph.trig")]).output
    assert "events by type:\n  REQUEST: 1\n  SUPPORT: 1" in text


def test_cli_validate_fails_with_readable_lines(tmp_path):
    ds = build_graph(records())
    g = ds.graph(graph_iri("river"))
    g.remove((event_iri("river", records()[0].events[1]), DIP.eventType, None))
    write_trig(ds, tmp_path / "bad.trig")
    result = CliRunner().invoke(app, ["validate", str(tmp_path / "bad.trig")])
    assert result.exit_code == 1
    assert "Violation: dipid:event/" in result.output and "dip:eventType: an event needs" in result.output
    assert "does not conform: 1 violation(s)" in result.output


def test_cli_errors_are_one_line(tmp_path):
    result = CliRunner().invoke(app, ["validate", str(tmp_path / "missing.trig")])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "dipkg: error:" in result.output and "missing.trig" in result.output
