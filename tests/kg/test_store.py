"""open_dataset on every kind of path; initBindings on both backends; atomic ingest under kill -9."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import RDF

from kg.build import build_graph, doc_iri, document_ids, graph_iri
from kg.errors import StoreError
from kg.ontology import DIP, DIPID, SCHEMA
from kg.store import close_dataset, inject_values, is_on_disk, is_persistent, open_dataset

ROOT = Path(__file__).resolve().parents[2]

GENERATOR = textwrap.dedent(
    '''
    from datetime import datetime, timezone
    from kg.records import Actor, Document, Event, Extraction, Mention

    T = datetime(2024, 1, 1, tzinfo=timezone.utc)
    CODES = ["ARG", "BRA", "CHL", "PER", "URY", "PRY", "BOL", "ECU", "COL", "VEN"]
    TYPES = ["CONSULT", "SUPPORT", "ACCUSE", "REQUEST", "AID"]

    def make(i, n_events=100):
        text = "Synthetic sentence number %d for the store test. " % i * 4
        actors = [Actor(id="country/" + c, type="Country", label=c.title(), iso3=c) for c in CODES]
        events = [
            Event(type=TYPES[(i + k) % 5], actors=["country/" + CODES[(i + k) % 10]],
                  recipients=["country/" + CODES[(i + 3 * k + 1) % 10]], date="2023-%02d" % (1 + k % 12),
                  evidence="sentence %d" % k, char_start=k, char_end=k + 10, confidence=0.5)
            for k in range(n_events)
        ]
        mentions = [Mention("country/" + CODES[k % 10], k, k + 3, CODES[k % 10]) for k in range(20)]
        return Extraction(document=Document(id="doc-%03d" % i, text=text, date="2023-12-01"),
                          actors=actors, events=events, mentions=mentions)
    '''
)

CHILD = GENERATOR + textwrap.dedent(
    '''
    import sys
    from kg.build import add_extraction, needs_update
    from kg.store import close_dataset, open_dataset

    ds = open_dataset(sys.argv[1], create=True)
    for i in range(int(sys.argv[2])):
        ext = make(i)
        if needs_update(ds, ext.document):
            add_extraction(ds, ext, time=T)
            print(i, flush=True)
    close_dataset(ds)
    print("done", flush=True)
    '''
)


def _run_child(store: Path, n: int, *, kill_after: int | None, delay: float = 0.0) -> list[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-c", CHILD, str(store), str(n)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)  # fmt: skip
    lines = []
    try:
        for line in proc.stdout:
            lines.append(line.strip())
            if kill_after is not None and len(lines) >= kill_after:
                time.sleep(delay)  # land inside the next document's build or write
                os.kill(proc.pid, signal.SIGKILL)
                break
    finally:
        proc.wait(timeout=120)
    if kill_after is None:
        assert proc.returncode == 0, proc.stderr.read()
    return lines


def test_kill_9_during_store_build_then_rerun_leaves_every_document_once(tmp_path):
    n = 8
    ns: dict = {}
    exec(GENERATOR, ns)  # noqa: S102 - the same record generator as the child
    expected = build_graph([ns["make"](i) for i in range(n)], time=ns["T"])
    store = tmp_path / "store"
    first = _run_child(store, n, kill_after=2)
    assert first[:2] == ["0", "1"]
    killed = [_run_child(store, n, kill_after=1, delay=d) for d in (0.01, 0.03, 0.06)]  # later, at other moments
    rest = _run_child(store, n, kill_after=None)
    assert rest[-1] == "done"
    done = [int(x) for x in first + sum(killed, []) + rest[:-1]]
    assert len(done) == len(set(done))  # no document is written twice: reruns skip what is in the store
    ds = open_dataset(store)
    try:
        assert document_ids(ds) == {f"doc-{i:03d}" for i in range(n)}
        for i in range(n):
            g = graph_iri(f"doc-{i:03d}")
            assert set(ds.graph(g)) == set(expected.graph(g)), f"document {i} differs"
            assert len(list(ds.default_context.triples((doc_iri(f"doc-{i:03d}"), None, None)))) == len(
                list(expected.default_context.triples((doc_iri(f"doc-{i:03d}"), None, None)))
            )
        assert set(ds.default_context) == set(expected.default_context)
    finally:
        close_dataset(ds)


# ------------------------------------------------------------------ open_dataset


def test_none_is_an_empty_memory_dataset():
    ds = open_dataset()
    assert not is_persistent(ds) and list(ds.quads()) == []


def test_store_directory_is_created_with_the_ontology_and_reopened(tmp_path):
    ds = open_dataset(tmp_path / "s", create=True)
    assert is_persistent(ds) and is_on_disk(ds)
    assert (DIP.PLOVER, RDF.type, URIRef("http://www.w3.org/2004/02/skos/core#ConceptScheme")) in ds.default_context
    ds.add((DIPID["x"], DIP.surface, Literal("kept"), DIPID["graph/x"]))
    close_dataset(ds)
    again = open_dataset(tmp_path / "s")
    try:
        assert (DIPID["x"], DIP.surface, Literal("kept")) in again.graph(DIPID["graph/x"])
    finally:
        close_dataset(again)


def test_missing_store_without_create_is_an_error(tmp_path):
    with pytest.raises(StoreError, match=r"no store at .*nothing.*; build one with `dipkg build ... --store DIR`"):
        open_dataset(tmp_path / "nothing")


def test_non_store_directory_is_an_error(tmp_path):
    (tmp_path / "notes.txt").write_text("hello")
    with pytest.raises(StoreError, match="not an Oxigraph store"):
        open_dataset(tmp_path)


def test_corrupt_store_is_a_clear_error(tmp_path):
    close_dataset(open_dataset(tmp_path / "s", create=True))
    (tmp_path / "s" / "CURRENT").write_text("garbage\n")
    with pytest.raises(StoreError, match="corrupt"):
        open_dataset(tmp_path / "s")


def test_store_without_ontology_is_not_a_dipkg_graph(tmp_path):
    import pyoxigraph as ox

    raw = ox.Store(str(tmp_path / "s"))
    raw.add(ox.Quad(ox.NamedNode("http://x/a"), ox.NamedNode("http://x/p"), ox.Literal("1")))
    del raw
    with pytest.raises(StoreError, match="no dipkg ontology"):
        open_dataset(tmp_path / "s")


def test_store_open_twice_names_the_lock(tmp_path):
    ds = open_dataset(tmp_path / "s", create=True)
    try:
        with pytest.raises(StoreError, match="another process"):
            open_dataset(tmp_path / "s")
    finally:
        close_dataset(ds)


def test_rdf_files_are_parsed_into_memory(test_data, tmp_path):
    ds = open_dataset(test_data / "fixture.trig")
    assert not is_persistent(ds)
    assert len(set(ds.default_context.subjects(RDF.type, SCHEMA.NewsArticle))) == 2
    (tmp_path / "g.nt").write_text('<http://x/a> <http://x/p> "1" .\n')
    assert len(list(open_dataset(tmp_path / "g.nt").default_context)) == 1


def test_files_parse_into_in_memory_oxigraph_identically(test_data):
    mem = open_dataset(test_data / "fixture.trig")
    oxi = open_dataset(test_data / "fixture.trig", engine="oxigraph")
    assert is_persistent(oxi) and not is_on_disk(oxi)
    assert set(mem.quads()) == set(oxi.quads())  # literals normalized alike on both engines
    q = "SELECT ?e WHERE { GRAPH ?g { ?e <https://w3id.org/dipkg/ontology#actor> ?a } }"
    bind = {"a": DIPID["person/vladimir-putin"]}
    assert sorted(mem.query(q, initBindings=bind)) == sorted(oxi.query(q, initBindings=bind))
    with pytest.raises(StoreError, match="engine"):
        open_dataset(engine="jena")


@pytest.mark.parametrize("engine", ["rdflib", "oxigraph"])
def test_bad_rdf_file_names_the_file(tmp_path, engine):
    bad = tmp_path / "broken.trig"
    bad.write_text("<http://x/a> <http://x/p> {{ nonsense")
    with pytest.raises(StoreError, match=r"broken\.trig.*trig"):
        open_dataset(bad, engine=engine)
    with pytest.raises(StoreError, match=r"missing\.ttl.*does not exist"):
        open_dataset(tmp_path / "missing.ttl", engine=engine)


def test_a_plain_file_is_not_a_store(tmp_path):
    (tmp_path / "graph.txt").write_text("x")
    with pytest.raises(StoreError, match="is a file"):
        open_dataset(tmp_path / "graph.txt")


# ------------------------------------------------------------------ queries on both backends

QUERIES = {
    "projected": ("SELECT ?e ?t WHERE { GRAPH ?g { ?e dip:eventType ?t } }", {"t": DIP.SUPPORT}),
    "not projected": ("SELECT ?e WHERE { GRAPH ?g { ?e dip:actor ?a } }", {"a": DIPID["country/CHL"]}),
    "aggregate": (
        "# who { acts } most\nSELECT ?t (COUNT(?e) AS ?n) WHERE { GRAPH ?g { ?e dip:eventType ?t ; dip:actor ?a } } "
        "GROUP BY ?t ORDER BY ?t",
        {"a": DIPID["country/PER"]},
    ),
    "string with brace": (
        'SELECT ?d WHERE { ?d schema:identifier ?id FILTER(?id != "}{") }', {"id": Literal("b")}
    ),
}


def _tiny_records():
    from kg.records import Document, Event, Extraction

    def ext(doc_id, type_, actor, recipient):
        return Extraction(document=Document(id=doc_id, text="Written for this test."),
                          events=[Event(type=type_, actors=[actor], recipients=[recipient],
                                        evidence="Written for this test.", char_start=0, char_end=22)])  # fmt: skip

    return [ext("a", "SUPPORT", "country/CHL", "country/PER"), ext("b", "ACCUSE", "country/PER", "country/CHL")]


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_init_bindings_give_the_same_answers_on_both_backends(name, tmp_path):
    query, bindings = QUERIES[name]
    prefixes = "PREFIX dip: <https://w3id.org/dipkg/ontology#>\nPREFIX schema: <https://schema.org/>\n"
    mem = build_graph(_tiny_records())
    oxi = build_graph(_tiny_records(), store=tmp_path / "s")
    try:
        a = sorted(tuple(r) for r in mem.query(prefixes + query, initBindings=bindings))
        b = sorted(tuple(r) for r in oxi.query(prefixes + query, initBindings=bindings))
        assert a == b and a
    finally:
        close_dataset(oxi)


def test_inject_values_skips_comments_strings_and_construct_templates():
    q = '# a { comment\nCONSTRUCT { ?s <p> "{" } WHERE { ?s <q> ?o }'
    assert inject_values(q, {"o": Literal(1)}).endswith('WHERE { VALUES (?o) { ("1"^^<http://www.w3.org/2001/XMLSchema#integer>) } ?s <q> ?o }')
    assert inject_values("ASK { ?s ?p ?o }", {"s": URIRef("http://x/s")}) == "ASK { VALUES (?s) { (<http://x/s>) } ?s ?p ?o }"


def test_a_store_missing_its_current_file_is_reported_not_replaced(tmp_path):
    from kg.build import build_graph, document_ids
    from kg.records import Document, Extraction
    from kg.store import close_dataset, open_dataset

    store = tmp_path / "store"
    ds = build_graph([Extraction(document=Document(id="kept", text="Peru and Chile met."))], store=store)
    assert document_ids(ds) == {"kept"}
    close_dataset(ds)
    (store / "CURRENT").unlink()
    for create in (False, True):
        with pytest.raises(StoreError, match="damaged .*CURRENT file is missing"):
            open_dataset(store, create=create)
    assert any(store.glob("MANIFEST-*"))  # the old files are left for recovery
