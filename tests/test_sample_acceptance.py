"""The sample article end to end, through the graph: the acceptance of issues 3 and 4."""
from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import RDF, RDFS, SKOS, Namespace, URIRef

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "articles" / "00_euronews_macron-putin-libya-2020-06-26.txt"
DIP = Namespace("https://w3id.org/dipkg/ontology#")
ID = Namespace("https://w3id.org/dipkg/id/")

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def sample(nlp):
    from kg.build import build_graph
    from pipelines.extract import extract
    from pipelines.read import read_inputs

    return build_graph(extract(read_inputs([SAMPLE]), nlp=nlp))


def _label(ds, node) -> str:
    return str(ds.value(node, RDFS.label))


def _actors(ds) -> dict[str, URIRef]:
    return {_label(ds, a): a for a in ds.subjects(RDF.type, DIP.Actor) if (a, RDFS.label, None) in ds}


def _graph(ds, context):
    """The named graph of a quad's context (an identifier or a Graph, by rdflib version)."""
    return ds.graph(getattr(context, "identifier", context))


def _events(ds) -> list[tuple[str, frozenset[str], frozenset[str], str | None]]:
    rows = []
    for event, _, _, graph in ds.quads((None, RDF.type, DIP.Event, None)):
        g = _graph(ds, graph)
        kind = str(g.value(event, DIP.eventType)).rsplit("#", 1)[-1]
        actors = frozenset(_label(ds, a) for a in g.objects(event, DIP.actor))
        recipients = frozenset(_label(ds, r) for r in g.objects(event, DIP.recipient))
        date = g.value(event, DIP.date)
        rows.append((kind, actors, recipients, None if date is None else str(date)))
    return rows


def test_one_node_per_actor_and_no_noise(sample):
    actors = _actors(sample)
    expected = {
        "Emmanuel Macron", "Vladimir Putin", "France", "Russia", "Turkey", "Libya", "Syria", "Ukraine",
        "Khalifa Haftar", "Libyan National Army", "Government of National Accord", "United Nations",
        "Muammar Gaddafi",
    }
    assert expected <= set(actors)
    noise = {"Michel Euler", "Button", "AP", "AFP", "Euronews", "Germany", "Italy", "Portugal", "Israel", "Hamas"}
    assert not noise & set(actors), noise & set(actors)
    assert len(actors) == len(set(actors.values()))


def test_macron_surface_forms_roles_and_leadership(sample):
    macron, putin = ID["person/emmanuel-macron"], ID["person/vladimir-putin"]
    alt = {str(x).lower() for x in sample.objects(macron, SKOS.altLabel)}
    assert "macon" in alt
    assert any("french leader" in x for x in alt)
    for person, iso in ((macron, "FRA"), (putin, "RUS")):
        assert str(sample.value(person, DIP.role)) == "President"
        assert sample.value(person, DIP.country) == ID[f"country/{iso}"]
    assert (ID["person/khalifa-haftar"], DIP.leaderOf, ID["armedgroup/libyan-national-army"]) in sample


def _has(events, kind, actors, recipients=(), date=None, *, alt=()):
    for k, a, r, d in events:
        if (k == kind or k in alt) and set(actors) <= a and set(recipients) <= r and (date is None or d == date):
            return True
    return False


def test_sample_events(sample):
    events = _events(sample)
    consults = [e for e in events if e[0] == "CONSULT" and e[1] == {"Emmanuel Macron", "Vladimir Putin"} and e[3] == "2020-06-26"]
    assert len(consults) == 1, sorted(events)
    assert _has(events, "ACCUSE", {"Emmanuel Macron"}, {"Turkey"})
    for backer in ("Russia", "France"):
        assert _has(events, "SUPPORT", {backer}, {"Libyan National Army"}, alt=("AID",)), backer
    assert _has(events, "ASSAULT", {"Khalifa Haftar"}, {"Government of National Accord"}) or _has(
        events, "ASSAULT", {"Libyan National Army"}, {"Government of National Accord"}
    )
    assert _has(events, "SUPPORT", {"Turkey"}, {"Government of National Accord"}, alt=("AID",))
    assert _has(events, "AGREE", {"Vladimir Putin"}, {"Emmanuel Macron"})


def test_consult_mode_and_no_event_from_related_headlines(sample):
    for event, _, _, graph in sample.quads((None, DIP.eventType, DIP.CONSULT, None)):
        g = _graph(sample, graph)
        if str(g.value(event, DIP.date)) == "2020-06-26":
            assert str(g.value(event, DIP.mode)) == "phone"
    for _, _, evidence, _ in sample.quads((None, DIP.evidence, None, None)):
        assert "sanctions against foreign interference" not in str(evidence)
        assert "Rafah" not in str(evidence)
