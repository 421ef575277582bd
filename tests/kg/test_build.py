"""Records -> RDF: exact triples, stable IRIs, idempotent and incremental builds, cross-document merge.

Records are hand-made (sentences written for these tests); no spaCy model.
"""
from __future__ import annotations

from datetime import datetime, timezone

import pytest
from rdflib import Dataset, Graph, Literal
from rdflib.compare import graph_diff, isomorphic, to_isomorphic
from rdflib.namespace import PROV, RDF, RDFS, SKOS, XSD

from kg.build import (
    actor_iri, add_extraction, build_graph, doc_iri, document_ids, event_iri, graph_iri, needs_update,
    merge_key, remove_document, write_trig,
)  # fmt: skip
from kg.ontology import DIP, SCHEMA
from kg.records import Actor, Document, Event, Extraction, Mention
from kg.store import close_dataset, open_dataset

T = datetime(2024, 5, 1, 12, 0, tzinfo=timezone.utc)

CHL = Actor(id="country/CHL", type="Country", label="Chile", iso3="CHL", alt_labels=["Santiago"])
PER = Actor(id="country/PER", type="Country", label="Peru", iso3="PER")
BOL = Actor(id="country/BOL", type="Country", label="Bolivia", iso3="BOL")
ANA = Actor(id="person/ana-rivas", type="Person", label="Ana Rivas", role="Foreign Minister", country="CHL",
            alt_labels=["Rivas"])  # fmt: skip
OAS = Actor(id="igo/organization-of-american-states", type="IGO", label="Organization of American States",
            alt_labels=["OAS"])  # fmt: skip

TEXT_A = "Chile's foreign minister Ana Rivas telephoned her Peruvian counterpart on Monday. Bolivia protested."
TEXT_B = "Santiago and Lima held talks by phone this month, officials said."
TEXT_C = "The OAS welcomed the conversation between Chile and Peru."


def doc_a(**changes) -> Extraction:
    doc = Document(id="wire-a", text=TEXT_A, title="Rivas calls Lima", date="2023-03-08",
                   url="https://example.org/a", publisher="Example Wire")  # fmt: skip
    ev = Event(type="CONSULT", actors=["person/ana-rivas"], recipients=["country/PER"], date="2023-03-06",
               mode="phone", detail="telephone call", evidence=TEXT_A[:81], char_start=0, char_end=81,
               confidence=0.85, trigger="telephoned", reported_by="the ministry")  # fmt: skip
    protest = Event(type="ACCUSE", actors=["country/BOL"], recipients=[], evidence=TEXT_A[82:], char_start=82,
                    char_end=len(TEXT_A), confidence=0.4, date="2023-03")  # fmt: skip
    ext = Extraction(document=doc, actors=[ANA, PER, BOL, CHL], events=[ev, protest],
                     mentions=[Mention("person/ana-rivas", 25, 34, "Ana Rivas"), Mention("country/BOL", 82, 89, "Bolivia")],
                     extractor="dipkg 0.1.0", model="test-model")  # fmt: skip
    for key, value in changes.items():
        setattr(ext, key, value)
    return ext


def doc_b() -> Extraction:
    doc = Document(id="wire-b", text=TEXT_B, date="2023-03-20", publisher="Other Daily")
    ev = Event(type="CONSULT", actors=["person/ana-rivas", "country/PER"], reciprocal=True, date="2023-03",
               mode="phone", evidence=TEXT_B, char_start=0, char_end=len(TEXT_B), confidence=0.7)  # fmt: skip
    chile = Actor(id="country/CHL", type="Country", label="Chile", iso3="CHL", alt_labels=["Chilean government"])
    return Extraction(document=doc, actors=[ANA, chile, PER], events=[ev])


def doc_c() -> Extraction:
    doc = Document(id="wire-c", text=TEXT_C, date="2023-03-09")
    ev = Event(type="SUPPORT", actors=["igo/organization-of-american-states"], recipients=["country/CHL", "country/PER"],
               date="2023-03-09", evidence=TEXT_C, char_start=0, char_end=len(TEXT_C), confidence=0.6)  # fmt: skip
    return Extraction(document=doc, actors=[OAS, CHL, PER], events=[ev])


@pytest.fixture(params=["memory", "oxigraph"])
def new_store(request, tmp_path):
    """A factory of empty datasets of one backend."""
    opened = []

    def make() -> Dataset:
        ds = open_dataset(None if request.param == "memory" else tmp_path / f"s{len(opened)}", create=True)
        opened.append(ds)
        return ds

    yield make
    for ds in opened:
        close_dataset(ds)


def graphs(ds: Dataset) -> dict:
    """Graph name -> plain Graph of its triples (default graph under None); decimals in one
    lexical form (Oxigraph writes 5.0 as "5", XSD 1.1's canonical form)."""
    from kg.store import _plain

    out: dict = {}
    for s, p, o, g in ds.quads((None, None, None, None)):
        name = getattr(g, "identifier", g)
        name = None if str(name) == "urn:x-rdflib:default" else name
        out.setdefault(name, Graph()).add((s, p, _plain(o)))
    return out


def assert_same_dataset(d1: Dataset, d2: Dataset) -> None:
    g1, g2 = graphs(d1), graphs(d2)
    assert set(g1) == set(g2)
    for name in g1:
        if not isomorphic(g1[name], g2[name]):
            _, only1, only2 = graph_diff(to_isomorphic(g1[name]), to_isomorphic(g2[name]))
            pytest.fail(f"graph {name} differs:\nonly first:\n{only1.serialize(format='nt')}\n"
                        f"only second:\n{only2.serialize(format='nt')}")  # fmt: skip


EXPECTED_EVENT = """
@prefix dip: <https://w3id.org/dipkg/ontology#> .
@prefix dipid: <https://w3id.org/dipkg/id/> .
@prefix sem: <http://semanticweb.cs.vu.nl/2009/11/sem/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<EVENT> a dip:Event, sem:Event ;
    dip:eventType dip:CONSULT ;
    dip:actor <https://w3id.org/dipkg/id/person/ana-rivas> ;
    dip:recipient <https://w3id.org/dipkg/id/country/PER> ;
    dip:reciprocal false ;
    dip:mode "phone" ; dip:detail "telephone call" ;
    dip:date "2023-03-06"^^xsd:date ;
    dip:cameoCode "040" ; dip:quadClass 1 ; dip:goldstein 1.0 ;
    dip:confidence "0.85"^^xsd:decimal ;
    dip:evidence "Chile's foreign minister Ana Rivas telephoned her Peruvian counterpart on Monday." ;
    dip:charStart 0 ; dip:charEnd 81 ;
    dip:reportedBy "the ministry" ; dip:trigger "telephoned" ;
    dip:mergeKey "KEY" ;
    prov:wasDerivedFrom <https://w3id.org/dipkg/id/doc/wire-a> .
"""


def test_event_triples_are_exactly_the_schema(new_store):
    ds = build_graph([doc_a()], store=new_store(), time=T)
    ext = doc_a()
    e = event_iri("wire-a", ext.events[0])
    got = Graph()
    for t in ds.graph(graph_iri("wire-a")).triples((e, None, None)):
        got.add(t)
    text = EXPECTED_EVENT.replace("EVENT", str(e)).replace("KEY", merge_key(ext.events[0]))
    expected = Graph().parse(data=text, format="turtle")
    assert isomorphic(got, expected), got.serialize(format="turtle")


def test_document_mentions_run_and_actors(new_store):
    ds = build_graph([doc_a()], store=new_store(), time=T)
    default, g = ds.default_context, ds.graph(graph_iri("wire-a"))
    d = doc_iri("wire-a")
    assert set(default.predicate_objects(d)) == {
        (RDF.type, SCHEMA.NewsArticle), (SCHEMA.identifier, Literal("wire-a")),
        (SCHEMA.headline, Literal("Rivas calls Lima")), (SCHEMA.datePublished, Literal("2023-03-08", datatype=XSD.date)),
        (SCHEMA.url, actor_iri("x").__class__("https://example.org/a")), (SCHEMA.publisher, Literal("Example Wire")),
        (DIP.contentHash, default.value(d, DIP.contentHash)),
    }  # fmt: skip
    mentions = {(str(g.value(m, DIP.surface)), int(g.value(m, DIP.charStart)), int(g.value(m, DIP.charEnd)),
                 g.value(m, DIP.mentionOf)) for m in g.subjects(RDF.type, DIP.Mention)}  # fmt: skip
    assert mentions == {("Ana Rivas", 25, 34, actor_iri("person/ana-rivas")), ("Bolivia", 82, 89, actor_iri("country/BOL"))}
    assert all((m, PROV.wasDerivedFrom, d) in g for m in g.subjects(RDF.type, DIP.Mention))
    run = g.value(graph_iri("wire-a"), PROV.wasGeneratedBy)
    assert (run, RDF.type, PROV.Activity) in g
    assert g.value(run, DIP.extractorVersion) == Literal("dipkg 0.1.0")
    assert g.value(run, DIP.model) == Literal("test-model")
    assert g.value(run, PROV.startedAtTime) == Literal("2024-05-01T12:00:00Z", datatype=XSD.dateTime)
    ana = actor_iri("person/ana-rivas")
    assert set(default.objects(ana, RDF.type)) == {DIP.Person, DIP.Actor, SCHEMA.Person}
    assert default.value(ana, DIP.country) == actor_iri("country/CHL")
    assert default.value(ana, DIP.role) == Literal("Foreign Minister")
    assert (ana, RDFS.label, None) not in g  # actors are described in the default graph only
    assert default.value(ana, RDFS.label) == Literal("Ana Rivas")
    accuse = ds.graph(graph_iri("wire-a")).value(predicate=DIP.eventType, object=DIP.ACCUSE)
    assert g.value(accuse, DIP.date) == Literal("2023-03", datatype=XSD.gYearMonth)


def test_event_iri_is_stable_and_order_free():
    ev = doc_b().events[0]
    swapped = Event(**{**ev.__dict__, "actors": list(reversed(ev.actors))})
    assert event_iri("wire-b", ev) == event_iri("wire-b", swapped)
    assert event_iri("wire-b", ev) != event_iri("wire-x", ev)
    assert str(event_iri("wire-b", ev)).startswith("https://w3id.org/dipkg/id/event/")


def test_build_twice_is_identical(new_store):
    once = build_graph([doc_a(), doc_b()], store=new_store(), time=T)
    twice = build_graph([doc_a(), doc_b()], store=new_store(), time=T)
    build_graph([doc_a(), doc_b()], store=twice, time=T)
    assert_same_dataset(once, twice)


def test_a_then_b_equals_a_plus_b(new_store):
    together = build_graph([doc_a(), doc_b(), doc_c()], store=new_store(), time=T)
    stepwise = build_graph([doc_a()], store=new_store(), time=T)
    build_graph([doc_b()], store=stepwise, time=T)
    build_graph([doc_c()], store=stepwise, time=T)
    assert_same_dataset(together, stepwise)
    assert document_ids(stepwise) == {"wire-a", "wire-b", "wire-c"}


def test_memory_and_oxigraph_build_the_same_dataset(tmp_path):
    mem = build_graph([doc_a(), doc_b(), doc_c()], time=T)
    oxi = build_graph([doc_a(), doc_b(), doc_c()], store=tmp_path / "s", time=T)
    try:
        assert_same_dataset(mem, oxi)
    finally:
        close_dataset(oxi)


def test_same_call_in_two_documents_is_linked_both_ways(new_store):
    ds = build_graph([doc_a(), doc_b(), doc_c()], store=new_store(), time=T)
    ea, eb = event_iri("wire-a", doc_a().events[0]), event_iri("wire-b", doc_b().events[0])
    links = set(ds.default_context.subject_objects(DIP.sameEventAs))
    assert links == {(ea, eb), (eb, ea)}
    # the same events in the other order, and re-adding a document, give the same links
    other = build_graph([doc_b(), doc_c(), doc_a(), doc_a()], store=new_store(), time=T)
    assert set(other.default_context.subject_objects(DIP.sameEventAs)) == links


def test_links_follow_replacement_and_removal(new_store):
    ds = build_graph([doc_a(), doc_b()], store=new_store(), time=T)
    moved = doc_a()
    moved.events[0].date = "2023-04-02"  # no longer compatible with "2023-03"
    add_extraction(ds, moved, time=T)
    assert set(ds.default_context.subject_objects(DIP.sameEventAs)) == set()
    add_extraction(ds, doc_a(), time=T)
    assert len(set(ds.default_context.subject_objects(DIP.sameEventAs))) == 2
    remove_document(ds, "wire-b")
    assert set(ds.default_context.subject_objects(DIP.sameEventAs)) == set()
    assert document_ids(ds) == {"wire-a"}
    assert len(ds.graph(graph_iri("wire-b"))) == 0


@pytest.mark.parametrize(
    ("other_type", "actors", "recipients", "date", "linked"),
    [
        ("CONSULT", ["country/PER"], ["person/ana-rivas"], "2023-03-06", True),  # direction does not matter for CONSULT
        ("CONSULT", ["person/ana-rivas"], ["country/PER"], "2023", True),  # less precise date
        ("CONSULT", ["person/ana-rivas"], ["country/PER"], "2023-03-07", False),  # another day
        ("CONSULT", ["person/ana-rivas"], ["country/BOL"], "2023-03-06", False),  # other participants
        ("CONSULT", ["person/ana-rivas"], ["country/PER"], None, False),  # no date: never merged
        ("AGREE", ["person/ana-rivas"], ["country/PER"], "2023-03-06", False),  # other type
        ("CONSULT", ["person/ana-rivas"], ["country/PER"], "2024-03-06", False),  # another year (another merge key)
    ],
)
def test_merge_rules(other_type, actors, recipients, date, linked):
    other = Extraction(
        document=Document(id="wire-z", text="Written for this test."),
        events=[Event(type=other_type, actors=actors, recipients=recipients, date=date,
                      evidence="Written for this test.", char_start=0, char_end=22)],  # fmt: skip
    )
    ds = build_graph([doc_a(), other], time=T)
    assert bool(set(ds.default_context.subject_objects(DIP.sameEventAs))) is linked


def test_accusations_in_opposite_directions_are_not_merged():
    def accuse(doc_id, actor, recipient):
        return Extraction(
            document=Document(id=doc_id, text="Written for this test."),
            events=[Event(type="ACCUSE", actors=[actor], recipients=[recipient], date="2023-05-01",
                          evidence="Written for this test.", char_start=0, char_end=22)],  # fmt: skip
        )

    ds = build_graph([accuse("x1", "country/CHL", "country/PER"), accuse("x2", "country/PER", "country/CHL")])
    assert set(ds.default_context.subject_objects(DIP.sameEventAs)) == set()
    build_graph([accuse("x3", "country/CHL", "country/PER")], store=ds)
    assert len(set(ds.default_context.subject_objects(DIP.sameEventAs))) == 2


def test_actor_is_one_node_with_union_of_names(new_store):
    ds = build_graph([doc_a(), doc_b()], store=new_store(), time=T)
    chl = actor_iri("country/CHL")
    default = ds.default_context
    assert list(default.objects(chl, RDFS.label)) == [Literal("Chile")]
    assert set(default.objects(chl, SKOS.altLabel)) == {Literal("Santiago"), Literal("Chilean government")}
    assert default.value(chl, DIP.iso3) == Literal("CHL")
    assert len(set(default.subjects(RDF.type, DIP.Actor))) == 4


def test_undescribed_actor_gets_a_placeholder_then_its_description(new_store):
    ext = Extraction(
        document=Document(id="p1", text="Written for this test."),
        events=[Event(type="REQUEST", actors=["country/ECU"], recipients=["organization/andean-fund"],
                      evidence="Written for this test.", char_start=0, char_end=22)],  # fmt: skip
    )
    ds = build_graph([ext], store=new_store(), time=T)
    default = ds.default_context
    assert default.value(actor_iri("country/ECU"), RDFS.label) == Literal("Ecuador")
    assert default.value(actor_iri("country/ECU"), DIP.iso3) == Literal("ECU")
    assert default.value(actor_iri("organization/andean-fund"), RDFS.label) == Literal("Andean Fund")
    described = Extraction(document=Document(id="p2", text="Another."),
                           actors=[Actor(id="organization/andean-fund", type="Organization", label="Fondo Andino")])
    add_extraction(ds, described, time=T)
    assert list(default.objects(actor_iri("organization/andean-fund"), RDFS.label)) == [Literal("Fondo Andino")]


def test_needs_update_and_replacement(new_store):
    ds = build_graph([doc_a()], store=new_store(), time=T)
    assert needs_update(ds, doc_a().document) is False
    assert needs_update(ds, doc_a().document, extractor="dipkg 0.1.0") is False
    assert needs_update(ds, doc_a().document, extractor="dipkg 0.2.0") is True
    changed = doc_a()
    changed.document.text += " More."
    assert needs_update(ds, changed.document) is True
    changed.events = changed.events[:1]
    add_extraction(ds, changed, time=T)
    g = ds.graph(graph_iri("wire-a"))
    assert len(set(g.subjects(RDF.type, DIP.Event))) == 1
    assert len(list(ds.default_context.objects(doc_iri("wire-a"), DIP.contentHash))) == 1
    assert needs_update(ds, changed.document) is False


def test_duplicate_events_in_one_document_keep_the_most_confident():
    ext = doc_b()
    ext.events = [ext.events[0], Event(**{**ext.events[0].__dict__, "confidence": 0.9})]
    ds = build_graph([ext], time=T)
    g = ds.graph(graph_iri("wire-b"))
    assert [str(c) for c in g.objects(None, DIP.confidence)] == ["0.9"]


def test_write_trig_round_trips(tmp_path, new_store):
    ds = build_graph([doc_a(), doc_b()], store=new_store(), time=T)
    path = write_trig(ds, tmp_path / "out" / "graph.trig")
    back = open_dataset(path)
    assert_same_dataset(ds, back)


def test_actors_named_by_actors_are_described_and_actorless_events_skipped(caplog):
    guard = Actor(id="government/coast-guard-of-chile", type="Government", label="Coast Guard", country="CHL")
    ext = Extraction(
        document=Document(id="g1", text="Written for this test."),
        actors=[guard],
        events=[Event(type="ASSAULT", actors=[], recipients=["government/coast-guard-of-chile"],
                      evidence="Written for this test.", char_start=0, char_end=22)],  # fmt: skip
    )
    ds = build_graph([ext], time=T)
    default = ds.default_context
    assert default.value(actor_iri("country/CHL"), RDFS.label) == Literal("Chile")
    assert default.value(actor_iri("country/CHL"), DIP.iso3) == Literal("CHL")
    assert set(ds.graph(graph_iri("g1")).subjects(RDF.type, DIP.Event)) == set()
    assert "ASSAULT event without actor skipped" in caplog.text


def test_a_happening_reported_many_times_stays_one_connected_cluster_with_bounded_links(new_store):
    import networkx as nx

    from kg.build import MAX_SAME_EVENT_LINKS, build_graph
    from kg.ontology import DIP
    from kg.records import Actor, Document, Event, Extraction

    actors = [Actor(id="country/NOR", type="Country", label="Norway", iso3="NOR"),
              Actor(id="country/KEN", type="Country", label="Kenya", iso3="KEN")]  # fmt: skip
    reports = [
        Extraction(
            document=Document(id=f"report-{i:02d}", text=f"Norway and Kenya held talks ({i}).", date="2023-05-04"),
            actors=actors,
            events=[Event(type="CONSULT", actors=["country/NOR", "country/KEN"], reciprocal=True,
                          date="2023-05-04", evidence="Norway and Kenya held talks.", char_start=0, char_end=28)],
        )
        for i in range(MAX_SAME_EVENT_LINKS + 14)
    ]  # fmt: skip
    ds = build_graph(reports, store=new_store())
    links = list(ds.default_context.subject_objects(DIP.sameEventAs))
    cluster = nx.Graph(links)
    assert cluster.number_of_nodes() == len(reports)
    assert nx.is_connected(cluster)
    # each report links to at most MAX earlier ones: linear, not all n(n-1)/2 pairs
    assert cluster.number_of_edges() == sum(min(i, MAX_SAME_EVENT_LINKS) for i in range(len(reports)))
    assert cluster.number_of_edges() < len(reports) * (len(reports) - 1) // 2
    assert all((b, a) in set(links) for a, b in links)  # both ways


def test_actors_restated_after_a_deletion_are_stored_again(new_store):
    """Actor triples a store already has are not rewritten; one deleted meanwhile is."""
    from rdflib.namespace import RDFS

    ds = new_store()
    build_graph([doc_a()], store=ds, time=T)
    chile = actor_iri("country/CHL")
    label = ds.default_context.value(chile, RDFS.label)
    ds.default_context.remove((chile, RDFS.label, label))
    build_graph([doc_b(), doc_c()], store=ds, time=T)
    assert ds.default_context.value(chile, RDFS.label) == label
    expected = build_graph([doc_a(), doc_b(), doc_c()], store=new_store(), time=T)
    assert_same_dataset(ds, expected)


def _stream_with_the_hard_cases() -> list[Extraction]:
    """40 reports of a few happenings (merges inside and across batches), a placeholder actor
    described later in the same batch, and a document id that comes back (a replacement)."""
    stream = []
    for i in range(40):
        ext = [doc_a, doc_b, doc_c][i % 3]()
        ext.document.id = f"wire-{i:02d}"
        stream.append(ext)
    orphan = Event(type="ACCUSE", actors=["country/ARG"], recipients=["country/CHL"], date="2023-03-06",
                   evidence="Written for this test.", char_start=0, char_end=22)
    stream[5].events.append(orphan)  # country/ARG only referenced: a placeholder...
    stream[7].actors.append(Actor(id="country/ARG", type="Country", label="Argentine Republic", iso3="ARG"))
    stream[20] = doc_b()
    stream[20].document.id = "wire-03"  # ...described two documents later; wire-03 comes back
    return stream


def test_batched_build_equals_adding_documents_one_by_one(new_store):
    import networkx as nx

    from kg.build import BATCH_SIZE

    stream = _stream_with_the_hard_cases()
    assert len(stream) > 2 * BATCH_SIZE
    batched = build_graph(stream, store=new_store(), time=T)
    one_by_one = new_store()
    for ext in stream:
        add_extraction(one_by_one, ext, time=T)
    # Which earlier reports (at most MAX_SAME_EVENT_LINKS) a report links to follows the scan
    # order, so compare the clusters and the number of links; everything else exactly.
    links = [set(ds.default_context.subject_objects(DIP.sameEventAs)) for ds in (batched, one_by_one)]
    assert len(links[0]) == len(links[1]) > 2 * BATCH_SIZE
    clusters = [{frozenset(c) for c in nx.connected_components(nx.Graph(list(pairs)))} for pairs in links]
    assert clusters[0] == clusters[1]
    for ds, pairs in zip((batched, one_by_one), links):
        for x, y in pairs:
            ds.default_context.remove((x, DIP.sameEventAs, y))
    assert_same_dataset(batched, one_by_one)
    argentina = actor_iri("country/ARG")
    assert str(batched.default_context.value(argentina, RDFS.label)) == "Argentine Republic"


def test_a_failed_batch_write_is_a_store_error_and_writes_nothing_of_that_batch(tmp_path, monkeypatch):
    import kg.write
    from kg.errors import StoreError

    ds = build_graph([doc_a()], store=tmp_path / "s", time=T)
    real_load = kg.write.load_nquads
    calls = []

    def failing_second_load(ds_, text, *, what):
        calls.append(what)
        if len(calls) == 2:
            raise StoreError(f"cannot write {what} to the store: disk full")
        real_load(ds_, text, what=what)

    monkeypatch.setattr("kg.build.load_nquads", failing_second_load)
    stream = _stream_with_the_hard_cases()[8:]  # no replacement inside: two batches of new documents
    stream = [e for e in stream if e.document.id != "wire-03"]
    with pytest.raises(StoreError, match="disk full"):
        build_graph(stream, store=ds, time=T)
    ids = document_ids(ds)
    assert len(ids) == 1 + 16  # the first batch landed, the second not at all
    close_dataset(ds)
