"""The actor network on the fixture: projection, alliances, blocs, centrality (exact answers)."""
from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

from kg.network import alliance_graph, blocs, centrality, to_dataframe, to_networkx

FIXTURE = Path(__file__).resolve().parents[1] / "data" / "fixture.trig"
ID = "https://w3id.org/dipkg/id/"
MACRON, PUTIN, ERDOGAN, HAFTAR = (ID + f"person/{p}" for p in (
    "emmanuel-macron", "vladimir-putin", "recep-tayyip-erdogan", "khalifa-haftar"))  # fmt: skip
FRA, RUS, TUR = (ID + f"country/{c}" for c in ("FRA", "RUS", "TUR"))
LNA, GNA = ID + "armedgroup/libyan-national-army", ID + "government/government-of-national-accord"


@pytest.fixture(scope="module", params=["memory", "oxigraph"])
def ds(request):
    return request.getfixturevalue(request.param)


def test_projection_nodes_and_edges(ds):
    g = to_networkx(ds)
    assert isinstance(g, nx.MultiDiGraph)
    assert g.number_of_nodes() == 13  # every actor, also those without events (UN, Libya...)
    assert sorted((u, v, k) for u, v, k in g.edges(keys=True)) == sorted([
        (MACRON, PUTIN, "CONSULT"), (MACRON, TUR, "ACCUSE"), (PUTIN, MACRON, "AGREE"),
        (ERDOGAN, PUTIN, "CONSULT"), (RUS, LNA, "SUPPORT"), (FRA, LNA, "SUPPORT"),
        (TUR, GNA, "SUPPORT"), (HAFTAR, GNA, "ASSAULT"),
    ])  # fmt: skip
    assert g.nodes[MACRON] == {"label": "Emmanuel Macron", "type": "Person", "country": "FRA"}
    assert g.nodes[LNA]["type"] == "ArmedGroup" and g.nodes[LNA]["country"] == "LBY"
    assert g.nodes[ID + "igo/united-nations"]["type"] == "IGO"


def test_edge_attributes(ds):
    g = to_networkx(ds)
    consult = g.edges[MACRON, PUTIN, "CONSULT"]
    assert consult["count"] == 1 and consult["weight"] == 1
    assert consult["sign"] == 1 and consult["quad"] == 1 and consult["reciprocal"] is True
    assert consult["dates"] == ["2020-06-26"] and consult["first_date"] == "2020-06-26"
    assert consult["documents"] == ["fixture-call-2020"]
    assert consult["events"] == [ID + "event/fixture-call-2020-1"]
    accuse = g.edges[MACRON, TUR, "ACCUSE"]
    assert (accuse["sign"], accuse["quad"], accuse["reciprocal"]) == (-1, 3, False)
    assault = g.edges[HAFTAR, GNA, "ASSAULT"]
    assert assault["sign"] == -1 and assault["dates"] == [] and "first_date" not in assault


def test_repeated_events_are_counted(memory):
    from rdflib import Dataset, Literal, URIRef
    from rdflib.namespace import RDF, XSD

    from kg.ontology import DIP

    d = Dataset()
    for t in memory.default_context:
        d.default_context.add(t)
    g = d.graph(URIRef(ID + "graph/extra"))
    for i, date in enumerate(["2022-01-05", "2021-03"]):
        e = URIRef(ID + f"event/extra-{i}")
        g.add((e, RDF.type, DIP.Event))
        g.add((e, DIP.eventType, DIP.SUPPORT))
        g.add((e, DIP.actor, URIRef(RUS)))
        g.add((e, DIP.recipient, URIRef(LNA)))
        g.add((e, DIP.date, Literal(date, datatype=XSD.date if len(date) == 10 else XSD.gYearMonth)))
    edge = to_networkx(d).edges[RUS, LNA, "SUPPORT"]
    assert edge["count"] == 2 and edge["dates"] == ["2021-03", "2022-01-05"]
    assert (edge["first_date"], edge["last_date"]) == ("2021-03", "2022-01-05")


def test_to_dataframe(ds):
    df = to_dataframe(ds)
    assert len(df) == 8
    assert df["date"].tolist()[:4] == ["2020-06-26", "2020-06-26", "2020-06-26", "2021-12-03"]
    first = df.iloc[0]
    assert (first["type"], first["actor_label"], first["recipient_label"]) == ("CONSULT", "Emmanuel Macron", "Vladimir Putin")
    assert (first["reported_by"], first["mode"], first["confidence"]) == ("a presidential source", "phone", 0.9)
    assert (first["char_start"], first["char_end"], first["document"]) == (120, 222, "fixture-call-2020")
    assert sorted(df["sign"].tolist()) == [-1, -1, 1, 1, 1, 1, 1, 1]


def test_alliance_graph_is_signed(ds):
    a = alliance_graph(ds)
    signs = {frozenset((u, v)): d["sign"] for u, v, d in a.edges(data=True)}
    assert signs == {
        frozenset((RUS, LNA)): 1, frozenset((FRA, LNA)): 1, frozenset((TUR, GNA)): 1,
        frozenset((PUTIN, MACRON)): 1, frozenset((HAFTAR, LNA)): 1,  # AGREE; leaderOf
        frozenset((HAFTAR, GNA)): -1, frozenset((MACRON, TUR)): -1,
    }  # fmt: skip
    assert a.edges[HAFTAR, LNA]["types"] == ["leaderOf"]
    assert ERDOGAN not in a  # a phone call is neither alliance nor hostility


def test_blocs_structural_balance(ds):
    found = blocs(ds, labels=True)
    assert found == [
        {"France", "Russia", "Libyan National Army", "Khalifa Haftar"},
        {"Emmanuel Macron", "Vladimir Putin"},
        {"Government of National Accord", "Turkey"},
    ]
    iris = blocs(ds)
    lna_bloc = next(b for b in iris if LNA in b)
    assert {RUS, FRA} <= lna_bloc and TUR not in lna_bloc
    assert next(b for b in iris if GNA in b) == {GNA, TUR}


def test_blocs_move_an_actor_with_enemies_inside_its_positive_component():
    g = nx.Graph()
    for u, v, w in [("a", "b", 2), ("b", "c", 1), ("a", "c", -3), ("c", "d", 2)]:
        g.add_edge(u, v, weight=w)
    assert blocs(g) == [{"a", "b"}, {"c", "d"}]  # frustration 1 (b-c) instead of 3 (a-c)


def test_centrality(ds):
    df = centrality(ds)
    assert len(df) == 13
    top = df.iloc[0]
    assert (top["label"], top["degree"], top["events"]) == ("Emmanuel Macron", 2, 3)
    putin = df.set_index("label").loc["Vladimir Putin"]
    assert (putin["degree"], putin["events"], putin["out_events"], putin["in_events"]) == (2, 3, 3, 2)
    macron = df.set_index("label").loc["Emmanuel Macron"]
    assert (macron["out_events"], macron["in_events"]) == (2, 2)
    assert df.set_index("label").loc["United Nations", "degree"] == 0
    assert df["betweenness"].max() == df.set_index("label").loc["Emmanuel Macron", "betweenness"]
    same = centrality(to_networkx(ds))
    assert same.equals(df)


def test_alliance_weights_follow_plover_scores(ds):
    a = alliance_graph(ds)
    assert a.edges[HAFTAR, GNA]["weight"] == -9.0  # ASSAULT
    assert a.edges[RUS, LNA]["weight"] == 5.0  # SUPPORT
    assert a.edges[PUTIN, MACRON]["weight"] == 2.5  # AGREE
    assert a.edges[HAFTAR, LNA]["weight"] == 10.0  # leaderOf
    assert a.edges[MACRON, TUR]["weight"] == -3.0  # ACCUSE


def test_blocs_a_strong_hostility_outweighs_a_weak_positive_chain():
    g = nx.Graph()
    for u, v, w in [("x", "y", 5.0), ("y", "z", 2.5), ("z", "w", 5.0), ("w", "x", -9.0)]:
        g.add_edge(u, v, weight=w)
    # one positive component, but cutting the weak y-z tie (2.5) beats keeping x-w hostile inside (9)
    assert blocs(g) == [{"w", "z"}, {"x", "y"}]
