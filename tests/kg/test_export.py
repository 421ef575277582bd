"""Exports round-trip: RDF re-parses isomorphic; GraphML/GEXF/Cytoscape/CSV read back exactly."""
from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest
from rdflib import Dataset, Graph
from rdflib.compare import graph_diff, isomorphic, to_isomorphic
from typer.testing import CliRunner

from kg.errors import InputError
from kg.export import FORMATS, export, format_for, to_cytoscape, union_graph
from kg.network import to_networkx

FIXTURE = Path(__file__).resolve().parents[1] / "data" / "fixture.trig"
ID = "https://w3id.org/dipkg/id/"
RDFLIB_FORMAT = {"trig": "trig", "nq": "nquads", "jsonld": "json-ld", "ttl": "turtle", "nt": "nt", "xml": "xml"}


@pytest.fixture(scope="module", params=["memory", "oxigraph"])
def ds(request):
    return request.getfixturevalue(request.param)


def graphs(d: Dataset) -> dict[str, Graph]:
    return {str(g.identifier): g for g in d.graphs() if len(g)}


def assert_isomorphic(a: Graph, b: Graph) -> None:
    if not isomorphic(a, b):
        _, only_a, only_b = graph_diff(to_isomorphic(a), to_isomorphic(b))
        pytest.fail(f"not isomorphic:\nonly written: {sorted(only_a)[:5]}\nonly read: {sorted(only_b)[:5]}")


@pytest.mark.parametrize("fmt", ["trig", "nq", "jsonld"])
def test_quad_formats_keep_every_named_graph(ds, fmt, tmp_path):
    path = export(ds, tmp_path / f"g.{fmt}")
    back = Dataset()
    back.parse(path, format=RDFLIB_FORMAT[fmt])
    want, got = graphs(ds), graphs(back)
    assert sorted(got) == sorted(want)
    assert f"{ID}graph/fixture-call-2020" in got
    for name in want:
        assert_isomorphic(Graph() + want[name], Graph() + got[name])


@pytest.mark.parametrize("fmt", ["ttl", "nt", "xml"])
def test_triple_formats_write_the_union(ds, fmt, tmp_path):
    path = export(ds, tmp_path / f"g.{fmt}")
    back = Graph()
    back.parse(path, format=RDFLIB_FORMAT[fmt])
    union = union_graph(ds)
    assert len(union) == len(list(ds.quads((None, None, None, None))))  # no triple in two graphs here
    assert_isomorphic(union, back)


def test_decimal_lexical_forms_survive_turtle(tmp_path):
    from rdflib import Literal, URIRef
    from rdflib.namespace import XSD

    d = Dataset()
    d.add((URIRef("urn:a"), URIRef("urn:p"), Literal("1", datatype=XSD.decimal)))
    back = Graph()
    back.parse(export(d, tmp_path / "d.ttl"), format="turtle")
    assert list(back.objects())[0] == Literal("1", datatype=XSD.decimal)


def expected_edges(ds) -> set[tuple[str, str]]:
    return {(u, v) for u, v in to_networkx(ds).edges()}


def test_graphml_reads_back(ds, tmp_path):
    g = nx.read_graphml(export(ds, tmp_path / "n.graphml"))
    proj = to_networkx(ds)
    assert set(g.nodes) == set(proj.nodes) and len(g) == 13
    assert set(g.edges()) == expected_edges(ds) and g.number_of_edges() == 8
    e = g.edges[f"{ID}country/RUS", f"{ID}armedgroup/libyan-national-army"]
    assert (e["type"], e["count"], e["sign"], e["documents"]) == ("SUPPORT", 1, 1, "fixture-call-2020")
    assert g.nodes[f"{ID}country/FRA"] == {"label": "France", "type": "Country", "iso3": "FRA", "country": "FRA"}
    assert g.nodes[f"{ID}person/khalifa-haftar"]["country"] == "LBY"


def test_gexf_reads_back(ds, tmp_path):
    g = nx.read_gexf(export(ds, tmp_path / "n.gexf"))
    assert set(g.nodes) == set(to_networkx(ds).nodes)
    assert set(g.edges()) == expected_edges(ds)
    e = g.edges[f"{ID}person/khalifa-haftar", f"{ID}government/government-of-national-accord"]
    assert (e["event_type"], e["sign"], e["quad"]) == ("ASSAULT", -1, 4)
    assert g.nodes[f"{ID}igo/united-nations"]["label"] == "United Nations"


def test_cytoscape_json_reads_back(ds, tmp_path):
    data = json.loads(export(ds, tmp_path / "n.cyjs").read_text(encoding="utf-8"))
    assert data == json.loads(json.dumps(to_cytoscape(ds)))
    names = sorted(n["data"]["name"] for n in data["elements"]["nodes"])
    assert names[:3] == ["Emmanuel Macron", "France", "Government of National Accord"]
    assert len({e["data"]["id"] for e in data["elements"]["edges"]}) == 8
    g = nx.cytoscape_graph(data)
    assert set(g.nodes) == set(to_networkx(ds).nodes)
    assert {(u, v) for u, v in g.edges()} == expected_edges(ds)


def test_csv_is_the_event_table(ds, tmp_path):
    df = pd.read_csv(export(ds, tmp_path / "events.csv"))
    assert len(df) == 8
    rows = sorted(zip(df["type"], df["actor_label"], df["recipient_label"]))
    assert rows == [
        ("ACCUSE", "Emmanuel Macron", "Turkey"),
        ("AGREE", "Vladimir Putin", "Emmanuel Macron"),
        ("ASSAULT", "Khalifa Haftar", "Government of National Accord"),
        ("CONSULT", "Emmanuel Macron", "Vladimir Putin"),
        ("CONSULT", "Recep Tayyip Erdogan", "Vladimir Putin"),
        ("SUPPORT", "France", "Libyan National Army"),
        ("SUPPORT", "Russia", "Libyan National Army"),
        ("SUPPORT", "Turkey", "Government of National Accord"),
    ]
    assert df.loc[0, "topics"] == "Libya; Syria; Ukraine"


def test_format_from_suffix_and_errors(memory, tmp_path):
    assert format_for("a.trig") == "trig" and format_for("a.rdf") == "xml"
    with pytest.raises(InputError, match="cannot tell the format of"):
        export(memory, tmp_path / "a.pdf")
    with pytest.raises(InputError, match="unknown export format 'pdf'"):
        export(memory, tmp_path / "a.ttl", format="pdf")
    assert set(FORMATS) == {"ttl", "nt", "nq", "trig", "jsonld", "xml", "graphml", "gexf", "csv", "cytoscape"}


def test_cli_export(tmp_path):
    from kg.cli import app

    runner = CliRunner()
    out = tmp_path / "net.graphml"
    res = runner.invoke(app, ["export", str(FIXTURE), "--format", "graphml", "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert nx.read_graphml(out).number_of_edges() == 8
    res = runner.invoke(app, ["export", str(FIXTURE), "-o", str(tmp_path / "x.pdf")])
    assert res.exit_code == 1
    assert "dipkg: error: cannot tell the format of" in res.output
    assert "Traceback" not in res.output
    assert "Example" in runner.invoke(app, ["export", "--help"]).output


@pytest.mark.parametrize("fmt", ["trig", "nq", "jsonld"])
def test_export_of_a_file_path_is_isomorphic_to_the_file(fmt, tmp_path):
    original = Dataset()
    original.parse(FIXTURE, format="trig")
    back = Dataset()
    back.parse(export(FIXTURE, tmp_path / f"f.{fmt}"), format=RDFLIB_FORMAT[fmt])
    want, got = graphs(original), graphs(back)
    assert sorted(got) == sorted(want)
    for name in want:
        assert_isomorphic(Graph() + want[name], Graph() + got[name])
