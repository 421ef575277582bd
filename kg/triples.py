"""Extraction records -> RDF triples, per ONTOLOGY.md (no dataset needed).

Each function states one record in the public schema; :mod:`kg.build` decides
where the triples go (default graph or the document's named graph) and writes them.

>>> from kg.records import Event
>>> ev = Event(type="CONSULT", actors=["country/CHL", "country/PER"], reciprocal=True,
...            evidence="Chile and Peru met.", char_start=0, char_end=19, date="2021-03-02")
>>> from kg.ontology import DIP
>>> sorted(str(o) for _, p, o in event_triples("n1", ev) if p == DIP.actor)
['https://w3id.org/dipkg/id/country/CHL', 'https://w3id.org/dipkg/id/country/PER']
"""
from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from datetime import datetime, timezone
from decimal import Decimal
from functools import lru_cache

from rdflib import Literal, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS, XSD

from kg import __version__
from kg.errors import InputError
from kg.iris import actor_iri, digest, doc_iri, event_iri, graph_iri, mention_iri
from kg.merge import merge_key
from kg.nt import is_valid_iri
from kg.ontology import DIP, DIPID, SCHEMA, SEM, WD, cameo_goldstein, event_type_iri, literal_date, plover_info
from kg.records import ACTOR_TYPES, Actor, Document, Event, Extraction, Mention

__all__ = [
    "Triple", "actor_triples", "content_hash", "dedupe_events", "document_triples", "event_triples",
    "mention_triples", "placeholder_actor", "run_triples",
]  # fmt: skip

Triple = tuple[URIRef, URIRef, object]
_ORG_TYPES = {"Government", "ArmedGroup", "IGO"}
_SCHEMA_CLASS = {"Person": SCHEMA.Person, "Country": SCHEMA.Country}
_PREFIX_TYPE = {
    "country": "Country", "person": "Person", "igo": "IGO", "armedgroup": "ArmedGroup",
    "government": "Government", "organization": "Organization",
}  # fmt: skip


def content_hash(document: Document) -> str:
    """SHA-256 of a document's text and metadata (not its ``source`` path).

    >>> content_hash(Document(id="a", text="x")) == content_hash(Document(id="a", text="x", source="f"))
    True
    """
    d = document
    return hashlib.sha256(
        json.dumps([d.id, d.text, d.title, d.date, d.url, d.publisher], ensure_ascii=False).encode("utf-8")
    ).hexdigest()


def _run_time(time: datetime | None) -> datetime:
    if time is not None:
        return time if time.tzinfo else time.replace(tzinfo=timezone.utc)
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc)
    return datetime.now(timezone.utc).replace(microsecond=0)


def _utc(time: datetime) -> datetime:
    return time.astimezone(timezone.utc)


def actor_triples(actor: Actor, existing_label: str | None) -> list[Triple]:
    """An actor node: types, label (``altLabel`` when ``existing_label`` differs), codes and links."""
    if actor.type not in ACTOR_TYPES:
        raise InputError(f"actor {actor.id!r} has unknown type {actor.type!r}; use one of {', '.join(ACTOR_TYPES)}")
    a = actor_iri(actor.id)
    out: list[Triple] = [(a, RDF.type, DIP[actor.type]), (a, RDF.type, DIP.Actor),
                         (a, RDF.type, _SCHEMA_CLASS.get(actor.type, SCHEMA.Organization))]  # fmt: skip
    if actor.type in _ORG_TYPES:
        out.append((a, RDF.type, DIP.Organization))
    if existing_label is None or existing_label == actor.label:
        out.append((a, RDFS.label, _literal(actor.label)))
    else:  # first label wins; later names become alternatives
        out.append((a, SKOS.altLabel, _literal(actor.label)))
    out += [(a, SKOS.altLabel, _literal(x)) for x in actor.alt_labels if x and x != (existing_label or actor.label)]
    iso3 = actor.iso3 or (actor.id[len("country/"):] if actor.type == "Country" and actor.id.startswith("country/") else None)
    if iso3:
        out.append((a, DIP.iso3, _literal(iso3)))
    if actor.country:
        out.append((a, DIP.country, actor_iri(f"country/{actor.country}")))
    if actor.role:
        out.append((a, DIP.role, _literal(actor.role)))
    out += [(a, DIP.leaderOf, actor_iri(x)) for x in actor.leader_of]
    out += [(a, DIP.memberOf, actor_iri(x)) for x in actor.member_of]
    if actor.wikidata:
        out.append((a, OWL.sameAs, WD[actor.wikidata]))
    return out


def placeholder_actor(actor_id: str) -> Actor:
    """An actor referenced by an event but not described: type from its id prefix."""
    prefix, _, tail = actor_id.partition("/")
    atype = _PREFIX_TYPE.get(prefix, "Organization")
    if atype == "Country":
        return Actor(id=actor_id, type=atype, label=_country_name(tail), iso3=tail.upper() if len(tail) == 3 else None)
    return Actor(id=actor_id, type=atype, label=tail.replace("-", " ").title() or actor_id)


def _country_name(code: str) -> str:
    try:
        import pycountry
    except ImportError:  # pragma: no cover - pycountry is a dependency
        return code
    country = pycountry.countries.get(alpha_3=code.upper()) if len(code) == 3 else None
    return getattr(country, "common_name", None) or getattr(country, "name", None) or code


def document_triples(doc: Document) -> list[Triple]:
    """The ``schema:NewsArticle`` node of a document (default graph)."""
    d = doc_iri(doc.id)
    out: list[Triple] = [(d, RDF.type, SCHEMA.NewsArticle), (d, SCHEMA.identifier, Literal(doc.id)),
                         (d, DIP.contentHash, Literal(content_hash(doc)))]  # fmt: skip
    if doc.title:
        out.append((d, SCHEMA.headline, Literal(doc.title)))
    if doc.date:
        out.append((d, SCHEMA.datePublished, Literal(doc.date[:10], datatype=XSD.date)))
    if doc.url:
        out.append((d, SCHEMA.url, URIRef(doc.url) if "://" in doc.url and is_valid_iri(doc.url) else Literal(doc.url)))
    if doc.publisher:
        out.append((d, SCHEMA.publisher, Literal(doc.publisher)))
    return out


#: Plain literals repeat across a build (offsets, names, codes): built once each.
_literal = lru_cache(maxsize=16384, typed=True)(Literal)


def _decimal(x: float) -> Literal:
    """xsd:decimal in canonical form ("1.0", "0.5"), identical on every backend and after a round trip."""
    text = format(Decimal(str(x)).normalize(), "f")
    return Literal(text if "." in text else text + ".0", datatype=XSD.decimal)


def event_triples(doc_id: str, ev: Event) -> list[Triple]:
    """One event in the schema (its document's named graph)."""
    e, d = event_iri(doc_id, ev), doc_iri(doc_id)
    quad, _score, root = plover_info(ev.type)
    cameo = ev.cameo or root + "0"
    out: list[Triple] = [
        (e, RDF.type, DIP.Event), (e, RDF.type, SEM.Event), (e, DIP.eventType, event_type_iri(ev.type)),
        (e, DIP.reciprocal, _literal(bool(ev.reciprocal))), (e, DIP.cameoCode, _literal(cameo)),
        (e, DIP.quadClass, _literal(quad)),
        (e, DIP.confidence, _decimal(round(float(ev.confidence), 4))),
        (e, PROV.wasDerivedFrom, d), (e, DIP.evidence, Literal(ev.evidence)), (e, DIP.mergeKey, Literal(merge_key(ev))),
        (e, DIP.charStart, _literal(int(ev.char_start))), (e, DIP.charEnd, _literal(int(ev.char_end))),
    ]  # fmt: skip
    goldstein = cameo_goldstein(cameo)
    if goldstein is not None:
        out.append((e, DIP.goldstein, _decimal(goldstein)))
    out += [(e, DIP.actor, actor_iri(a)) for a in ev.actors]
    out += [(e, DIP.recipient, actor_iri(r)) for r in ev.recipients]
    out += [(e, DIP.topic, actor_iri(t)) for t in ev.topics]
    if ev.date:
        out.append((e, DIP.date, literal_date(ev.date)))
    for prop, value in ((DIP.mode, ev.mode), (DIP.context, ev.context), (DIP.detail, ev.detail),
                        (DIP.reportedBy, ev.reported_by), (DIP.trigger, ev.trigger)):  # fmt: skip
        if value:
            out.append((e, prop, _literal(value)))
    return out


def mention_triples(doc_id: str, m: Mention) -> list[Triple]:
    """One actor mention with its offsets (its document's named graph)."""
    node = mention_iri(doc_id, m.actor_id, m.char_start, m.char_end)
    return [
        (node, RDF.type, DIP.Mention), (node, DIP.mentionOf, actor_iri(m.actor_id)),
        (node, DIP.charStart, _literal(int(m.char_start))), (node, DIP.charEnd, _literal(int(m.char_end))),
        (node, DIP.surface, _literal(m.surface)), (node, PROV.wasDerivedFrom, doc_iri(doc_id)),
    ]  # fmt: skip


def dedupe_events(doc_id: str, events: Iterable[Event]) -> list[Event]:
    """One event per IRI (same type, participants, date, offsets): the most confident."""
    best: dict[URIRef, Event] = {}
    for ev in events:
        key = event_iri(doc_id, ev)
        if key not in best or ev.confidence > best[key].confidence:
            best[key] = ev
    return list(best.values())


def run_triples(extraction: Extraction, time: datetime | None) -> list[Triple]:
    """The extraction run (``prov:Activity``) that generated a document's graph.

    ``time`` stamps it (default: ``SOURCE_DATE_EPOCH`` if set, else now).
    """
    when = _utc(_run_time(time))
    version = extraction.extractor if any(c.isdigit() for c in extraction.extractor) else f"{extraction.extractor} {__version__}"  # fmt: skip
    run = DIPID["run/" + digest(version, extraction.model, when.isoformat())]
    g = graph_iri(extraction.document.id)
    out: list[Triple] = [
        (g, PROV.wasGeneratedBy, run), (g, PROV.wasDerivedFrom, doc_iri(extraction.document.id)),
        (run, RDF.type, PROV.Activity), (run, RDF.type, DIP.ExtractionRun),
        (run, DIP.extractorVersion, Literal(version)),
        (run, PROV.startedAtTime, Literal(when.strftime("%Y-%m-%dT%H:%M:%SZ"), datatype=XSD.dateTime)),
    ]  # fmt: skip
    if extraction.model:
        out.append((run, DIP.model, Literal(extraction.model)))
    return out
