"""Named queries give the same exact answers on rdflib memory and on the Oxigraph store."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from rdflib import Graph, Literal, URIRef

from kg.errors import InputError, StoreError
from kg.query import get_query, list_queries, resolve_actor, run_query

FIXTURE = Path(__file__).resolve().parents[1] / "data" / "fixture.trig"
ID = "https://w3id.org/dipkg/id/"
EXPECTED_QUERIES = {
    "actor_ranking", "actor_timeline", "co_occurring_actors", "conflict_alignment", "contacts",
    "document_events", "events_by_source", "who_met_whom", "who_opposes_whom", "who_supports_whom",
}  # fmt: skip
PARAMS = {
    "actor_timeline": {"actor": "Emmanuel Macron"},
    "conflict_alignment": {"side": "Libyan National Army"},
    "contacts": {"actor": "Putin"},
    "document_events": {"document": "fixture-call-2020"},
    "events_by_source": {"source": "the Kremlin"},
}


@pytest.fixture(scope="module")
def oxfile():
    from kg.query import open_graph

    return open_graph(FIXTURE)  # a file: loaded into an in-memory Oxigraph store


@pytest.fixture(scope="module", params=["memory", "oxigraph", "oxfile"])
def ds(request):
    return request.getfixturevalue(request.param)


def labels(df: pd.DataFrame, column: str) -> list:
    return df[column].tolist()


def test_queries_are_listed_with_headers():
    infos = {q.name: q for q in list_queries()}
    assert set(infos) == EXPECTED_QUERIES
    assert all(q.description for q in infos.values())
    actor = get_query("actor_timeline").parameters[0]
    assert (actor.name, actor.kind, actor.optional) == ("actor", "actor", False)
    rec = get_query("who_supports_whom").parameters[0]
    assert (rec.name, rec.kind, rec.optional) == ("recipient", "actor", True)


@pytest.mark.parametrize("name", sorted(EXPECTED_QUERIES))
def test_every_query_same_answers_on_all_backends(name, memory, oxigraph, oxfile):
    a = run_query(memory, name, params=PARAMS.get(name))
    b = run_query(oxigraph, name, params=PARAMS.get(name))
    c = run_query(oxfile, name, params=PARAMS.get(name))
    assert len(a) > 0
    pd.testing.assert_frame_equal(a, b)
    pd.testing.assert_frame_equal(a, c)


def test_who_backs_the_lna(ds):
    df = run_query(ds, "who_supports_whom", params={"recipient": "Libyan National Army"})
    assert sorted(labels(df, "supporterLabel")) == ["France", "Russia"]
    assert set(df["type"]) == {"SUPPORT"}
    assert set(df["document"]) == {"fixture-call-2020"}


def test_who_supports_whom_unfiltered(ds):
    df = run_query(ds, "who_supports_whom")
    pairs = sorted(zip(df["supporterLabel"], df["recipientLabel"]))
    assert pairs == [
        ("France", "Libyan National Army"),
        ("Russia", "Libyan National Army"),
        ("Turkey", "Government of National Accord"),
    ]


def test_whom_putin_talked_to(ds):
    df = run_query(ds, "contacts", params={"actor": "Putin"})
    assert df[["partnerLabel", "date", "mode"]].values.tolist() == [
        ["Emmanuel Macron", "2020-06-26", "phone"],
        ["Recep Tayyip Erdogan", "2021-12-03", "phone"],
    ]


def test_who_met_whom(ds):
    df = run_query(ds, "who_met_whom")
    assert df[["date", "actor1Label", "actor2Label", "mode"]].values.tolist() == [
        ["2020-06-26", "Emmanuel Macron", "Vladimir Putin", "phone"],
        ["2021-12-03", "Recep Tayyip Erdogan", "Vladimir Putin", "phone"],
    ]
    assert df["reciprocal"].tolist() == [True, True]


def test_who_opposes_whom(ds):
    df = run_query(ds, "who_opposes_whom")
    assert df[["actorLabel", "recipientLabel", "type"]].values.tolist() == [
        ["Emmanuel Macron", "Turkey", "ACCUSE"],
        ["Khalifa Haftar", "Government of National Accord", "ASSAULT"],
    ]
    only = run_query(ds, "who_opposes_whom", params={"recipient": "GNA"})
    assert only["actorLabel"].tolist() == ["Khalifa Haftar"]


def test_actor_timeline(ds):
    df = run_query(ds, "actor_timeline", params={"actor": "macron"})
    assert df[["date", "type", "role", "counterpartLabel"]].values.tolist() == [
        ["2020-06-26", "CONSULT", "initiator", "Vladimir Putin"],
        ["2020-06-26", "ACCUSE", "initiator", "Turkey"],
        ["2020-06-26", "AGREE", "recipient", "Vladimir Putin"],
    ]


def test_events_by_source_reported_by_and_publisher(ds):
    df = run_query(ds, "events_by_source", params={"source": "THE KREMLIN"})
    assert df[["type", "actorLabel", "recipientLabel", "document"]].values.tolist() == [
        ["AGREE", "Vladimir Putin", "Emmanuel Macron", "fixture-call-2020"],
        ["CONSULT", "Recep Tayyip Erdogan", "Vladimir Putin", "fixture-call-2021"],
    ]
    pub = run_query(ds, "events_by_source", params={"source": "Example Wire"})
    assert pub[["via", "type", "document"]].values.tolist() == [["publisher", "CONSULT", "fixture-call-2021"]]


def test_document_events_in_text_order(ds):
    df = run_query(ds, "document_events", params={"document": "fixture-call-2020"})
    assert df["type"].tolist() == ["CONSULT", "ACCUSE", "SUPPORT", "SUPPORT", "SUPPORT", "ASSAULT", "AGREE"]
    assert df["start"].tolist() == [120, 300, 400, 400, 400, 507, 600]
    assert df.loc[0, "confidence"] == 0.9
    assert df.loc[0, ["actorLabel", "recipientLabel"]].tolist() == ["Emmanuel Macron", "Vladimir Putin"]
    assert len(run_query(ds, "document_events", params={"document": "no-such-doc"})) == 0


def test_actor_ranking(ds):
    df = run_query(ds, "actor_ranking")
    assert df[["label", "events", "initiated", "received", "documents"]].values.tolist()[:3] == [
        ["Emmanuel Macron", 3, 2, 1, 1],
        ["Vladimir Putin", 3, 3, 0, 2],
        ["Government of National Accord", 2, 0, 2, 1],
    ]
    assert len(df) == 9


def test_conflict_alignment_libya(ds):
    df = run_query(ds, "conflict_alignment", params={"side": "LNA"})
    assert df[["alignment", "backedLabel", "supporterLabel"]].values.tolist() == [
        ["side", "Libyan National Army", "France"],
        ["side", "Libyan National Army", "Russia"],
        ["opponent", "Government of National Accord", "Turkey"],
    ]
    other = run_query(ds, "conflict_alignment", params={"side": "Government of National Accord"})
    assert other[["alignment", "backedLabel", "supporterLabel"]].values.tolist() == [
        ["side", "Government of National Accord", "Turkey"],
        ["opponent", "Libyan National Army", "France"],
        ["opponent", "Libyan National Army", "Russia"],
    ]


def test_co_occurring_actors(ds):
    df = run_query(ds, "co_occurring_actors")
    top = df[df["documents"] == 2][["actor1Label", "actor2Label"]].values.tolist()
    assert top == [["Libya", "Syria"], ["Libya", "Vladimir Putin"], ["Syria", "Vladimir Putin"]]
    assert len(df) == 69  # 12 actors in document one: 66 pairs; + 3 pairs with Erdogan


def test_param_forms_resolve_to_the_same_iri(ds):
    putin = URIRef(ID + "person/vladimir-putin")
    for form in ("Vladimir Putin", "putin", "person/vladimir-putin", str(putin), f"<{putin}>"):
        assert resolve_actor(ds, form) == putin


def test_params_are_bound_not_formatted(ds):
    evil = 'x" } UNION { ?s ?p ?o } #'
    df = run_query(ds, "document_events", params={"document": evil})
    assert len(df) == 0
    with pytest.raises(InputError, match="no actor named"):
        run_query(ds, "contacts", params={"actor": evil})


def test_adhoc_select_ask_construct(ds):
    df = run_query(
        ds,
        sparql="PREFIX dip: <https://w3id.org/dipkg/ontology#> "
        "SELECT ?e ?t WHERE { GRAPH ?g { ?e dip:eventType ?t } } ORDER BY ?e",
        params={"t": "https://w3id.org/dipkg/ontology#ASSAULT"},
    )
    assert df["e"].tolist() == [ID + "event/fixture-call-2020-6"]
    assert run_query(ds, sparql="ASK { GRAPH ?g { ?s ?p ?o } }") is True
    g = run_query(
        ds,
        sparql="PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
        "CONSTRUCT { ?a rdfs:label ?l } WHERE { ?a <https://w3id.org/dipkg/ontology#iso3> ?i ; rdfs:label ?l }",
    )
    assert isinstance(g, Graph) and len(g) == 6
    assert (URIRef(ID + "country/FRA"), None, Literal("France")) in g


def test_query_from_path(tmp_path):
    from kg.store import is_persistent

    df = run_query(FIXTURE, "who_met_whom")
    assert len(df) == 2
    with pytest.raises(StoreError, match="no graph at"):
        run_query(tmp_path / "missing.trig", "who_met_whom")
    bad = tmp_path / "bad.trig"
    bad.write_text("<a> <b> .", encoding="utf-8")
    with pytest.raises(StoreError, match="cannot read .*bad.trig"):
        run_query(bad, "who_met_whom")
    from kg.query import open_graph

    assert is_persistent(open_graph(FIXTURE))  # Oxigraph engine, in memory


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"name": "who_met_hwom"}, "unknown query 'who_met_hwom'"),
        ({"name": "actor_timeline"}, "needs parameter 'actor'"),
        ({"name": "who_met_whom", "params": {"actor": "x"}}, "has no parameter 'actor'"),
        ({"sparql": "SELECT ?x WHERE { ?x ?y }"}, "SPARQL query failed"),
        ({"name": "contacts", "params": {"actor": "Nobody At All"}}, "no actor named 'Nobody At All'"),
        ({}, "give a query name or SPARQL text"),
    ],
)
def test_errors_name_the_bad_value(memory, kwargs, message):
    with pytest.raises(InputError, match=message):
        run_query(memory, **kwargs)


# ---------------------------------------------------------------- CLI


def invoke(*args: str):
    from typer.testing import CliRunner

    from kg.cli import app

    return CliRunner().invoke(app, list(args))


def test_cli_query_named_with_param_csv():
    res = invoke("query", str(FIXTURE), "contacts", "--param", "actor=Vladimir Putin", "--format", "csv")
    assert res.exit_code == 0, res.output
    lines = res.output.strip().splitlines()
    assert lines[0].startswith("date,partnerLabel,mode,")
    assert [line.split(",")[:3] for line in lines[1:]] == [
        ["2020-06-26", "Emmanuel Macron", "phone"],
        ["2021-12-03", "Recep Tayyip Erdogan", "phone"],
    ]


def test_cli_query_formats():
    import json

    out = invoke("query", str(FIXTURE), "who_met_whom", "--format", "json").output
    assert [r["actor2Label"] for r in json.loads(out)] == ["Vladimir Putin", "Vladimir Putin"]
    md = invoke("query", str(FIXTURE), "who_opposes_whom", "--format", "md").output.splitlines()
    assert md[0].startswith("| actorLabel | recipientLabel | type |") and len(md) == 4
    tsv = invoke("query", str(FIXTURE), "actor_ranking", "--format", "tsv").output.splitlines()
    assert tsv[1].split("\t")[:2] == ["Emmanuel Macron", "3"]
    table = invoke("query", str(FIXTURE), "conflict_alignment", "-p", "side=LNA").output
    assert "Turkey" in table and "opponent" in table


def test_cli_query_adhoc_and_file(tmp_path):
    q = "PREFIX dip: <https://w3id.org/dipkg/ontology#> SELECT ?iso WHERE { ?c dip:iso3 ?iso } ORDER BY ?iso"
    res = invoke("query", str(FIXTURE), "-q", q, "--format", "csv")
    assert res.output.split() == ["iso", "FRA", "LBY", "RUS", "SYR", "TUR", "UKR"]
    rq = tmp_path / "ask.rq"
    rq.write_text("ASK { ?s <https://w3id.org/dipkg/ontology#iso3> ?iso }", encoding="utf-8")
    res = invoke("query", str(FIXTURE), "-f", str(rq), "--param", "iso=FRA")
    assert res.exit_code == 0 and res.output.strip() == "true"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nope"], "unknown query 'nope'"),
        (["-q", "SELECT ?x WHERE {"], "SPARQL query failed"),
        (["actor_timeline"], "query 'actor_timeline' needs parameter 'actor'"),
        (["contacts", "--param", "actor"], "bad --param 'actor'"),
        (["-f", "/nonexistent/q.rq"], "cannot read query file"),
        (["who_met_whom", "--format", "xlsx"], "unknown --format 'xlsx'"),
        ([], "give exactly one of"),
    ],
)
def test_cli_query_errors_are_one_line(args, message):
    res = invoke("query", str(FIXTURE), *args)
    assert res.exit_code == 1
    assert f"dipkg: error: {message}" in res.output
    assert "Traceback" not in res.output


def test_cli_queries_lists_all_with_descriptions():
    res = invoke("queries")
    assert res.exit_code == 0
    for info in list_queries():
        assert info.name in res.output and info.description in res.output
    assert "--param side: (actor)" in res.output
    assert "Example" in invoke("query", "--help").output


# ------------------------------------------- on a graph made by kg.build


def test_named_queries_on_a_built_graph():
    from kg.build import build_graph
    from kg.records import Actor, Document, Event, Extraction

    doc = Document(id="b1", text="-" * 100, date="2023-05-02", publisher="Some Wire")
    actors = [
        Actor(id="person/ana-lima", type="Person", label="Ana Lima", country="BRA"),
        Actor(id="person/jon-berg", type="Person", label="Jon Berg", country="NOR"),
        Actor(id="country/BRA", type="Country", label="Brazil", iso3="BRA"),
        Actor(id="country/NOR", type="Country", label="Norway", iso3="NOR"),
        Actor(id="armedgroup/north-front", type="ArmedGroup", label="North Front"),
    ]
    events = [
        Event(type="CONSULT", actors=["person/ana-lima", "person/jon-berg"], reciprocal=True, date="2023-05",
              mode="visit", evidence="s1", char_start=0, char_end=10, reported_by="the ministry"),
        Event(type="AID", actors=["country/NOR"], recipients=["armedgroup/north-front"], evidence="s2",
              char_start=20, char_end=30),
        Event(type="THREATEN", actors=["country/BRA"], recipients=["armedgroup/north-front"], evidence="s3",
              char_start=40, char_end=50),
    ]  # fmt: skip
    ds = build_graph([Extraction(document=doc, actors=actors, events=events)])
    met = run_query(ds, "contacts", params={"actor": "lima"})  # a word of the label
    assert met[["partnerLabel", "date", "mode"]].values.tolist() == [["Jon Berg", "2023-05", "visit"]]
    backers = run_query(ds, "who_supports_whom", params={"recipient": "North Front"})
    assert backers[["supporterLabel", "type"]].values.tolist() == [["Norway", "AID"]]
    side = run_query(ds, "conflict_alignment", params={"side": "Brazil"})
    assert side[["alignment", "backedLabel", "supporterLabel"]].values.tolist() == [
        ["opponent", "North Front", "Norway"]
    ]
    published = run_query(ds, "events_by_source", params={"source": "some wire"})
    assert sorted(published["type"]) == ["AID", "CONSULT", "THREATEN"] and set(published["via"]) == {"publisher"}
    said = run_query(ds, "events_by_source", params={"source": "The Ministry"})
    assert said[["via", "type", "actorLabel", "recipientLabel"]].values.tolist() == [
        ["reportedBy", "CONSULT", "Ana Lima", "Jon Berg"]
    ]
    docs = run_query(ds, "document_events", params={"document": "b1"})
    assert docs["type"].tolist() == ["CONSULT", "AID", "THREATEN"]


def test_named_query_on_a_plain_graph_says_what_to_pass():
    with pytest.raises(InputError, match="needs a dataset"):
        run_query(Graph(), "who_met_whom")
    assert run_query(Graph(), sparql="ASK { ?s ?p ?o }") is False
