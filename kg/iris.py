"""Deterministic IRIs of the graph's nodes (rebuilds give the same IRIs).

>>> str(graph_iri("euronews 1"))
'https://w3id.org/dipkg/id/graph/euronews%201'
"""
from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from urllib.parse import quote

from rdflib import URIRef

from kg.ontology import DIPID
from kg.records import Event

__all__ = ["actor_iri", "digest", "doc_iri", "event_iri", "graph_iri", "mention_iri"]


def digest(*parts: object) -> str:
    """A short stable hash of JSON-serializable ``parts``."""
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False).encode("utf-8")).hexdigest()[:20]


@lru_cache(maxsize=65536)
def actor_iri(actor_id: str) -> URIRef:
    """``dipid:<actor id>``.

    >>> actor_iri("country/FRA")
    rdflib.term.URIRef('https://w3id.org/dipkg/id/country/FRA')
    """
    return DIPID[quote(str(actor_id), safe="-._~/")]


def doc_iri(doc_id: str) -> URIRef:
    """``dipid:doc/<doc id>``."""
    return DIPID["doc/" + quote(str(doc_id), safe="-._~")]


def graph_iri(doc_id: str) -> URIRef:
    """``dipid:graph/<doc id>``: the named graph of a document's events and mentions."""
    return DIPID["graph/" + quote(str(doc_id), safe="-._~")]


def event_iri(doc_id: str, event: Event) -> URIRef:
    """Deterministic event IRI from document, type, sorted participants, date and offsets."""
    key = digest(doc_id, event.type.upper(), sorted(event.actors), sorted(event.recipients),
                 event.date, event.char_start, event.char_end)  # fmt: skip
    return DIPID["event/" + key]


def mention_iri(doc_id: str, actor_id: str, char_start: int, char_end: int) -> URIRef:
    """``dipid:mention/<hash>`` of one actor mention at given offsets."""
    return DIPID["mention/" + digest(doc_id, actor_id, char_start, char_end)]
