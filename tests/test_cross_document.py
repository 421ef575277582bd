"""Two documents telling the same call in different words: one happening, linked across documents."""
from __future__ import annotations

import pytest
from rdflib import Namespace

from kg.records import Document

DIP = Namespace("https://w3id.org/dipkg/ontology#")

REPORTS = [
    Document(id="wire-a", date="2023-05-04", publisher="Example Wire",
             text="Kenyan President William Ruto held a telephone conversation with French President "
                  "Emmanuel Macron on Thursday. They discussed the situation in Sudan."),
    Document(id="paper-b", date="2023-05-05", publisher="Example Daily",
             text="Emmanuel Macron and William Ruto spoke by phone on May 4, according to officials in Nairobi."),
]  # fmt: skip


@pytest.mark.slow
def test_the_same_call_in_two_documents_is_linked(nlp):
    from kg.build import build_graph
    from pipelines.extract import extract

    ds = build_graph(extract(REPORTS, nlp=nlp))
    rows = list(ds.query("""
        SELECT ?a ?b WHERE {
          ?a dip:sameEventAs ?b .
          GRAPH <https://w3id.org/dipkg/id/graph/wire-a> { ?a dip:eventType dip:CONSULT ; dip:date ?d }
          GRAPH <https://w3id.org/dipkg/id/graph/paper-b> { ?b dip:eventType dip:CONSULT ; dip:date ?d }
        }""", initNs={"dip": DIP}))  # fmt: skip
    assert len(rows) == 1
