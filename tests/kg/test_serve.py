"""The SPARQL endpoint, driven by a real client (SPARQLWrapper) against a server in a thread.

Every test runs on the in-memory dataset (the fixture file) and on an Oxigraph
store directory built from the same fixture.
"""
from __future__ import annotations

import csv
import html
import io
import re
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import graph_diff, isomorphic, to_isomorphic
from rdflib.namespace import RDFS

SPARQLWrapper = pytest.importorskip("SPARQLWrapper")
from SPARQLWrapper import CSV, JSON, JSONLD, POST, POSTDIRECTLY, TSV, TURTLE, XML  # noqa: E402

from kg.serve import make_server, negotiate  # noqa: E402
from kg.store import close_dataset, native_store, open_dataset  # noqa: E402

DIPID = "https://w3id.org/dipkg/id/"
PREFIXES = """PREFIX dip: <https://w3id.org/dipkg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""
COUNTRIES = PREFIXES + "SELECT ?c ?label WHERE { ?c a dip:Country ; rdfs:label ?label } ORDER BY ?label"
COUNTRY_LABELS = ["France", "Libya", "Russia", "Syria", "Turkey", "Ukraine"]
BACKERS = PREFIXES + """SELECT ?label WHERE {
  GRAPH ?g { ?e dip:eventType dip:SUPPORT ; dip:actor ?a ; dip:recipient ?r }
  ?r rdfs:label "Libyan National Army" . ?a rdfs:label ?label } ORDER BY ?label"""
# 20+ triples in every pattern: billions of rows; it never ends within the timeout
SLOW = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def _start(graph, **options):
    server = make_server(graph, port=0, **options)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, thread


def _stop(server, thread) -> None:
    server.shutdown()
    server.server_close()
    thread.join(5)


@pytest.fixture(scope="module", params=["memory", "oxigraph"])
def graph_source(request, test_data: Path, tmp_path_factory):
    """A dataset (memory) or a store directory path (Oxigraph), both holding the fixture."""
    fixture = test_data / "fixture.trig"
    if request.param == "memory":
        return open_dataset(fixture)
    import pyoxigraph as ox

    path = tmp_path_factory.mktemp("store") / "store"
    ds = open_dataset(path, create=True)
    native_store(ds).load(path=str(fixture), format=ox.RdfFormat.TRIG)
    close_dataset(ds)
    return path


@pytest.fixture(scope="module")
def endpoint(graph_source):
    """The URL of a server with a generous timeout (a busy CI machine must not time out)."""
    server, thread = _start(graph_source, timeout=60.0)
    yield server.url
    _stop(server, thread)  # closes the store the server opened from a path


def _client(url: str, query: str, fmt: str = JSON, method: str | None = None):
    client = SPARQLWrapper.SPARQLWrapper(url)
    client.setQuery(query)
    client.setReturnFormat(fmt)
    if method == POSTDIRECTLY:
        client.setMethod(POST)
        client.setRequestMethod(POSTDIRECTLY)
    elif method:
        client.setMethod(method)
    return client


def _labels(result: dict, var: str = "label") -> list[str]:
    return [row[var]["value"] for row in result["results"]["bindings"]]


@pytest.mark.parametrize("method", ["GET", POST, POSTDIRECTLY])
def test_select_json_exact_rows_by_get_and_post(endpoint, method):
    result = _client(endpoint, COUNTRIES, JSON, method).queryAndConvert()
    assert result["head"]["vars"] == ["c", "label"]
    assert _labels(result) == COUNTRY_LABELS
    assert result["results"]["bindings"][0]["c"] == {"type": "uri", "value": DIPID + "country/FRA"}


def test_select_over_named_graphs(endpoint):
    result = _client(endpoint, BACKERS).queryAndConvert()
    assert _labels(result) == ["France", "Russia"]


def test_ask_true_and_false(endpoint):
    yes = PREFIXES + 'ASK { GRAPH ?g { ?e dip:eventType dip:ASSAULT } }'
    no = PREFIXES + 'ASK { GRAPH ?g { ?e dip:eventType dip:SANCTION } }'
    assert _client(endpoint, yes).queryAndConvert()["boolean"] is True
    assert _client(endpoint, no).queryAndConvert()["boolean"] is False
    dom = _client(endpoint, no, XML).queryAndConvert()
    assert dom.getElementsByTagName("boolean")[0].firstChild.data == "false"


def _expected_labels() -> Graph:
    g = Graph()
    for code, label in zip(["FRA", "LBY", "RUS", "SYR", "TUR", "UKR"], COUNTRY_LABELS):
        g.add((URIRef(DIPID + "country/" + code), RDFS.label, Literal(label)))
    return g


@pytest.mark.parametrize("fmt,parse_as", [(TURTLE, "turtle"), (XML, None), (JSONLD, None)])
def test_construct_parses_to_the_exact_graph(endpoint, fmt, parse_as):
    query = PREFIXES + "CONSTRUCT { ?c rdfs:label ?l } WHERE { ?c a dip:Country ; rdfs:label ?l }"
    answer = _client(endpoint, query, fmt).queryAndConvert()
    if parse_as:  # SPARQLWrapper hands Turtle over as bytes
        answer = Graph().parse(data=answer.decode("utf-8"), format=parse_as)
    elif not isinstance(answer, Graph):  # JSON-LD: bytes or a parsed document
        answer = Graph().parse(data=answer if isinstance(answer, (bytes, str)) else str(answer), format="json-ld")
    assert len(answer) == 6
    if not isomorphic(answer, _expected_labels()):
        _, missing, extra = graph_diff(to_isomorphic(_expected_labels()), to_isomorphic(answer))
        pytest.fail(f"missing {sorted(missing)}; extra {sorted(extra)}")


def test_select_xml_csv_tsv(endpoint):
    dom = _client(endpoint, COUNTRIES, XML).queryAndConvert()
    literals = [n.firstChild.data for n in dom.getElementsByTagName("literal")]
    assert literals == COUNTRY_LABELS
    text = _client(endpoint, COUNTRIES, CSV).queryAndConvert().decode("utf-8")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["c", "label"]
    assert rows[1] == [DIPID + "country/FRA", "France"]
    assert [r[1] for r in rows[1:]] == COUNTRY_LABELS
    tsv = _client(endpoint, COUNTRIES, TSV).queryAndConvert().decode("utf-8").splitlines()
    assert tsv[0] == "?c\t?label"
    assert tsv[1] == f'<{DIPID}country/FRA>\t"France"'
    assert len(tsv) == 7


def test_insert_is_refused_and_changes_nothing(endpoint):
    insert = PREFIXES + 'INSERT DATA { <urn:x:a> rdfs:label "intruder" }'
    client = _client(endpoint, insert, JSON, POST)
    with pytest.raises(urllib.error.HTTPError) as info:
        client.query()
    assert info.value.code == 403
    assert "read-only" in info.value.read().decode()
    for content_type, body in (("application/sparql-update", insert), ("application/sparql-query", insert)):
        request = urllib.request.Request(endpoint, data=body.encode(), headers={"Content-Type": content_type})
        with pytest.raises(urllib.error.HTTPError) as info:
            urllib.request.urlopen(request, timeout=30)
        assert info.value.code == 403
    assert _client(endpoint, "ASK { <urn:x:a> ?p ?o }").queryAndConvert()["boolean"] is False


def test_bad_query_is_400_with_a_message(endpoint):
    with pytest.raises(SPARQLWrapper.SPARQLExceptions.QueryBadFormed):
        _client(endpoint, "SELECT ?x WHERE { ?x").query()


def test_home_page_describes_the_endpoint_and_its_example_runs(endpoint):
    root = endpoint.rsplit("/", 1)[0]
    with urllib.request.urlopen(root + "/", timeout=30) as response:
        page = response.read().decode("utf-8")
    assert response.headers["Content-Type"].startswith("text/html")
    assert "read-only" in page and endpoint in page
    link = html.unescape(re.search(r'Example: <a href="([^"]+)"', page).group(1))
    request = urllib.request.Request(root + link, headers={"Accept": "text/csv"})
    with urllib.request.urlopen(request, timeout=30) as response:  # prefixes dip: rdfs: are predeclared
        rows = list(csv.reader(io.StringIO(response.read().decode("utf-8"))))
    assert rows[0] == ["actor", "label"] and len(rows) == 1 + 13
    assert rows[1][1] == "Emmanuel Macron"


def test_result_limit_truncates_and_says_so(graph_source):
    server, thread = _start(graph_source, timeout=60.0, max_results=4)
    try:
        result = _client(server.url, COUNTRIES).query()
        assert result.info()["x-dipkg-truncated"] == "true"
        assert _labels(result.convert()) == COUNTRY_LABELS[:4]
        small = _client(server.url, COUNTRIES + " LIMIT 2").query()
        assert "x-dipkg-truncated" not in small.info()
        assert _labels(small.convert()) == COUNTRY_LABELS[:2]
    finally:
        _stop(server, thread)


def test_slow_query_times_out_and_the_worker_stops(graph_source):
    server, thread = _start(graph_source, timeout=0.5, max_results=10**12)
    try:
        started = time.monotonic()
        with pytest.raises(urllib.error.HTTPError) as info:
            _client(server.url, SLOW).query()
        assert info.value.code == 503
        assert "timeout" in info.value.read().decode()
        assert time.monotonic() - started < 30  # 0.5 s on an idle machine
        # the cancelled worker ends (its slot is released) and the server still answers
        deadline = time.monotonic() + 30
        while any(t.name == "dipkg-sparql-query" for t in threading.enumerate()) and time.monotonic() < deadline:
            time.sleep(0.05)
        left = [t for t in threading.enumerate() if t.name == "dipkg-sparql-query"]
        if left:  # show where the worker is stuck
            import sys
            import traceback

            stacks = ["".join(traceback.format_stack(sys._current_frames()[t.ident])) for t in left if t.ident in
                      sys._current_frames()]
            pytest.fail(f"{len(left)} query worker(s) still running:\n" + "\n".join(stacks))
        assert _client(server.url, "ASK { ?s ?p ?o }").queryAndConvert()["boolean"] is True
    finally:
        _stop(server, thread)


def test_a_slow_aggregate_is_interrupted_too(test_data):
    """No result row to check between (rdflib counts everything first): the last-resort interruption."""
    server, thread = _start(open_dataset(test_data / "fixture.trig"), timeout=0.5)
    try:
        with pytest.raises(urllib.error.HTTPError) as info:
            _client(server.url, "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }").query()
        assert info.value.code == 503
        deadline = time.monotonic() + 30
        while any(t.name == "dipkg-sparql-query" for t in threading.enumerate()) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not any(t.name == "dipkg-sparql-query" for t in threading.enumerate())
    finally:
        _stop(server, thread)


def test_negotiation():
    assert negotiate("SELECT", None, []) == "json"
    assert negotiate("SELECT", "text/csv;q=0.4, text/tab-separated-values", []) == "tsv"
    assert negotiate("ASK", "application/sparql-results+xml", ["json"]) == "json"
    assert negotiate("CONSTRUCT", "application/n-triples", []) == "nt"
    assert negotiate("DESCRIBE", "text/html, */*;q=0.1", []) == "turtle"
    with pytest.raises(Exception, match="accepted"):
        negotiate("SELECT", "image/png", [])


def test_busy_or_impossible_port_is_one_clear_error():
    from kg.errors import DipkgError

    server, thread = _start(open_dataset())
    try:
        with pytest.raises(DipkgError, match=r"cannot listen on 127\.0\.0\.1:\d+: .*; pick another --port"):
            make_server(open_dataset(), port=server.server_address[1])
    finally:
        _stop(server, thread)
    with pytest.raises(DipkgError, match="cannot listen on 127.0.0.1:70000: .*0-65535; pick another --port"):
        make_server(open_dataset(), port=70000)
    # an address of no local interface (TEST-NET-1): the host is at fault, not the port
    host_fault = r"cannot listen on 192\.0\.2\.1:\d+: .*; check --host \(e\.g\. --host 127\.0\.0\.1\)$"
    with pytest.raises(DipkgError, match=host_fault):
        make_server(open_dataset(), host="192.0.2.1", port=0)


@pytest.mark.parametrize("length", ["abc", "-5"])
def test_bad_content_length_is_400(length):
    import http.client

    server, thread = _start(open_dataset())
    try:
        conn = http.client.HTTPConnection(*server.server_address[:2], timeout=30)
        conn.putrequest("POST", "/sparql")
        conn.putheader("Content-Type", "application/sparql-query")
        conn.putheader("Content-Length", length)
        conn.endheaders()
        response = conn.getresponse()
        assert (response.status, response.read().decode()) == (
            400, f"bad Content-Length {length!r}: send the body's size in bytes\n")
        conn.close()
    finally:
        _stop(server, thread)


def test_cli_serve_reports_a_missing_graph(tmp_path):
    from typer.testing import CliRunner

    from kg.cli import app

    result = CliRunner().invoke(app, ["serve", str(tmp_path / "missing.trig"), "--port", "0"])
    assert result.exit_code == 1
    assert "missing.trig" in result.output and "does not exist" in result.output
