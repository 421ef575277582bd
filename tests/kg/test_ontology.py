"""The ontology: closed namespace == Turtle terms, PLOVER and CAMEO schemes."""
from __future__ import annotations

import pytest
from rdflib import Literal
from rdflib.namespace import RDF, RDFS, SKOS, XSD

from kg.errors import InputError
from kg.ontology import DIP, EVENT_TYPES, cameo_goldstein, literal_date, load_ontology, plover_info

NS = str(DIP._NS)


def _ttl_terms(g):
    return {str(s)[len(NS):] for s in g.subjects() if str(s).startswith(NS)}


def test_namespace_and_ttl_list_the_same_terms():
    g = load_ontology()
    assert _ttl_terms(g) == set(DIP.__annotations__)


def test_namespace_is_closed():
    with pytest.raises(AttributeError):
        DIP.Evnet  # noqa: B018 - a typo must raise


@pytest.mark.parametrize("term", sorted(DIP.__annotations__))
def test_every_term_has_label_and_comment(term):
    g = load_ontology()
    iri = DIP[term]
    assert g.value(iri, RDFS.label) or g.value(iri, SKOS.prefLabel), term
    assert g.value(iri, RDFS.comment) or g.value(iri, SKOS.definition) or (iri, SKOS.inScheme, DIP.CAMEO) in g, term


def test_plover_scheme_has_the_16_types_with_quad_score_and_definition():
    g = load_ontology()
    concepts = set(g.subjects(SKOS.inScheme, DIP.PLOVER))
    assert concepts == {DIP[t] for t in EVENT_TYPES}
    for c in concepts:
        assert (c, RDF.type, SKOS.Concept) in g
        assert g.value(c, SKOS.definition) is not None
        assert g.value(c, DIP.quadClass).datatype == XSD.integer
        assert g.value(c, DIP.score).datatype == XSD.decimal


def test_plover_facts_match_the_manual_table():
    table = {t: plover_info(t) for t in EVENT_TYPES}
    assert table["CONSULT"] == (1, 2.5, "04")
    assert table["AID"] == (2, 10.0, "07")
    assert table["ACCUSE"] == (3, -3.0, "11")
    assert table["MOBILIZE"] == (4, -5.5, "15")
    assert table["ASSAULT"] == (4, -9.0, "18")
    assert [q for q, _, _ in table.values()] == [1, 1, 1, 1, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 4]
    with pytest.raises(InputError, match="'GREET'"):
        plover_info("GREET")


def test_cameo_roots_map_to_plover():
    g = load_ontology()
    roots = {str(g.value(c, SKOS.notation)): c for c in g.subjects(SKOS.inScheme, DIP.CAMEO)}
    assert sorted(roots) == [f"{i:02d}" for i in range(1, 21)]
    assert set(g.objects(roots["04"], SKOS.closeMatch)) == {DIP.CONSULT}
    assert set(g.objects(roots["08"], SKOS.closeMatch)) == {DIP.CONCEDE, DIP.RETREAT}
    assert set(g.objects(roots["19"], SKOS.closeMatch)) == {DIP.ASSAULT}
    assert set(g.objects(roots["01"], SKOS.closeMatch)) == set()
    for c in g.subjects(SKOS.inScheme, DIP.PLOVER):  # each PLOVER root points back to a CAMEO root mapped to it
        root = roots[str(g.value(c, DIP.cameoRoot))]
        assert (root, SKOS.closeMatch, c) in g
    assert cameo_goldstein("040") == 1.0 and cameo_goldstein("19") == -10.0 and cameo_goldstein("193") is None


@pytest.mark.parametrize(
    ("text", "datatype"), [("2020-06-26", XSD.date), ("2019-08", XSD.gYearMonth), ("2011", XSD.gYear)]
)
def test_literal_date_keeps_precision(text, datatype):
    assert literal_date(text) == Literal(text, datatype=datatype)


@pytest.mark.parametrize("bad", ["June 2020", "2020-6", "20-06-2020", ""])
def test_literal_date_rejects_non_iso(bad):
    with pytest.raises(InputError, match="bad date"):
        literal_date(bad)
