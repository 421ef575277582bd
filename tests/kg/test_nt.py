"""N-Quads text written for the store says exactly what the rdflib terms say."""
from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import BNode, Dataset, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import XSD

from kg.nt import nquads, term_nt

S, P, G = URIRef("https://example.org/s"), URIRef("https://example.org/p"), URIRef("https://example.org/g")
OBJECTS = [
    Literal('He said "no" \\\\ then\nleft\r\tagain'),
    Literal("Paris", lang="fr"),
    Literal("Москва и Kyiv — ☮"),
    Literal(42),
    Literal("1.5", datatype=XSD.decimal),
    Literal(True),
    Literal("2020-06-26", datatype=XSD.date),
    URIRef("https://example.org/a%20b?q=1#frag"),
    BNode("b1"),
]


def test_store_reads_back_the_same_triples():
    triples = [(S, P, o) for o in OBJECTS]
    store = ox.Store()
    store.load(input=nquads(triples, graph=G), format=ox.RdfFormat.N_QUADS)
    back = Dataset()
    back.parse(data=store.dump(format=ox.RdfFormat.N_QUADS), format="nquads")
    expected = Dataset()
    for t in triples:
        expected.graph(G).add(t)
    assert isomorphic(back.graph(G), expected.graph(G))
    assert len(back.graph(G)) == len(OBJECTS)


def test_string_literals_are_written_plain():
    assert term_nt(Literal("x", datatype=XSD.string)) == term_nt(Literal("x")) == '"x"'


@pytest.mark.parametrize("iri", ["https://example.org/a b", "https://example.org/<x>", "no-scheme"])
def test_an_iri_ntriples_cannot_carry_is_refused(iri):
    with pytest.raises(ValueError, match="not a valid IRI"):
        term_nt(URIRef(iri))
