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


class _T:
    """The terms written for every record, resolved once: rdflib's namespaces resolve an
    attribute on each access (about 1 µs), and a build writes hundreds per document."""

    dip_Actor = DIP.Actor
    dip_Event = DIP.Event
    dip_ExtractionRun = DIP.ExtractionRun
    dip_Mention = DIP.Mention
    dip_Organization = DIP.Organization
    dip_actor = DIP.actor
    dip_cameoCode = DIP.cameoCode
    dip_charEnd = DIP.charEnd
    dip_charStart = DIP.charStart
    dip_confidence = DIP.confidence
    dip_contentHash = DIP.contentHash
    dip_context = DIP.context
    dip_country = DIP.country
    dip_date = DIP.date
    dip_detail = DIP.detail
    dip_eventType = DIP.eventType
    dip_evidence = DIP.evidence
    dip_extractorVersion = DIP.extractorVersion
    dip_goldstein = DIP.goldstein
    dip_iso3 = DIP.iso3
    dip_leaderOf = DIP.leaderOf
    dip_memberOf = DIP.memberOf
    dip_mentionOf = DIP.mentionOf
    dip_mergeKey = DIP.mergeKey
    dip_mode = DIP.mode
    dip_model = DIP.model
    dip_quadClass = DIP.quadClass
    dip_recipient = DIP.recipient
    dip_reciprocal = DIP.reciprocal
    dip_reportedBy = DIP.reportedBy
    dip_role = DIP.role
    dip_surface = DIP.surface
    dip_topic = DIP.topic
    dip_trigger = DIP.trigger
    owl_sameAs = OWL.sameAs
    prov_Activity = PROV.Activity
    prov_startedAtTime = PROV.startedAtTime
    prov_wasDerivedFrom = PROV.wasDerivedFrom
    prov_wasGeneratedBy = PROV.wasGeneratedBy
    rdf_type = RDF.type
    rdfs_label = RDFS.label
    schema_Country = SCHEMA.Country
    schema_NewsArticle = SCHEMA.NewsArticle
    schema_Organization = SCHEMA.Organization
    schema_Person = SCHEMA.Person
    schema_datePublished = SCHEMA.datePublished
    schema_headline = SCHEMA.headline
    schema_identifier = SCHEMA.identifier
    schema_publisher = SCHEMA.publisher
    schema_url = SCHEMA.url
    sem_Event = SEM.Event
    skos_altLabel = SKOS.altLabel
    xsd_date = XSD.date
    xsd_dateTime = XSD.dateTime
    xsd_decimal = XSD.decimal


Triple = tuple[URIRef, URIRef, object]
_ORG_TYPES = {"Government", "ArmedGroup", "IGO"}
_SCHEMA_CLASS = {"Person": _T.schema_Person, "Country": _T.schema_Country}
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
    out: list[Triple] = [(a, _T.rdf_type, DIP[actor.type]), (a, _T.rdf_type, _T.dip_Actor),
                         (a, _T.rdf_type, _SCHEMA_CLASS.get(actor.type, _T.schema_Organization))]  # fmt: skip
    if actor.type in _ORG_TYPES:
        out.append((a, _T.rdf_type, _T.dip_Organization))
    if existing_label is None or existing_label == actor.label:
        out.append((a, _T.rdfs_label, _literal(actor.label)))
    else:  # first label wins; later names become alternatives
        out.append((a, _T.skos_altLabel, _literal(actor.label)))
    out += [(a, _T.skos_altLabel, _literal(x)) for x in actor.alt_labels if x and x != (existing_label or actor.label)]
    iso3 = actor.iso3 or (actor.id[len("country/"):] if actor.type == "Country" and actor.id.startswith("country/") else None)
    if iso3:
        out.append((a, _T.dip_iso3, _literal(iso3)))
    if actor.country:
        out.append((a, _T.dip_country, actor_iri(f"country/{actor.country}")))
    if actor.role:
        out.append((a, _T.dip_role, _literal(actor.role)))
    out += [(a, _T.dip_leaderOf, actor_iri(x)) for x in actor.leader_of]
    out += [(a, _T.dip_memberOf, actor_iri(x)) for x in actor.member_of]
    if actor.wikidata:
        out.append((a, _T.owl_sameAs, WD[actor.wikidata]))
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
    out: list[Triple] = [(d, _T.rdf_type, _T.schema_NewsArticle), (d, _T.schema_identifier, Literal(doc.id)),
                         (d, _T.dip_contentHash, Literal(content_hash(doc)))]  # fmt: skip
    if doc.title:
        out.append((d, _T.schema_headline, Literal(doc.title)))
    if doc.date:
        out.append((d, _T.schema_datePublished, Literal(doc.date[:10], datatype=_T.xsd_date)))
    if doc.url:
        out.append((d, _T.schema_url, URIRef(doc.url) if "://" in doc.url and is_valid_iri(doc.url) else Literal(doc.url)))
    if doc.publisher:
        out.append((d, _T.schema_publisher, Literal(doc.publisher)))
    return out


#: Plain literals repeat across a build (offsets, names, codes): built once each.
_literal = lru_cache(maxsize=16384, typed=True)(Literal)


def _decimal(x: float) -> Literal:
    """xsd:decimal in canonical form ("1.0", "0.5"), identical on every backend and after a round trip."""
    text = format(Decimal(str(x)).normalize(), "f")
    return Literal(text if "." in text else text + ".0", datatype=_T.xsd_decimal)


def event_triples(doc_id: str, ev: Event) -> list[Triple]:
    """One event in the schema (its document's named graph)."""
    e, d = event_iri(doc_id, ev), doc_iri(doc_id)
    quad, _score, root = plover_info(ev.type)
    cameo = ev.cameo or root + "0"
    out: list[Triple] = [
        (e, _T.rdf_type, _T.dip_Event), (e, _T.rdf_type, _T.sem_Event), (e, _T.dip_eventType, event_type_iri(ev.type)),
        (e, _T.dip_reciprocal, _literal(bool(ev.reciprocal))), (e, _T.dip_cameoCode, _literal(cameo)),
        (e, _T.dip_quadClass, _literal(quad)),
        (e, _T.dip_confidence, _decimal(round(float(ev.confidence), 4))),
        (e, _T.prov_wasDerivedFrom, d), (e, _T.dip_evidence, Literal(ev.evidence)), (e, _T.dip_mergeKey, Literal(merge_key(ev))),
        (e, _T.dip_charStart, _literal(int(ev.char_start))), (e, _T.dip_charEnd, _literal(int(ev.char_end))),
    ]  # fmt: skip
    goldstein = cameo_goldstein(cameo)
    if goldstein is not None:
        out.append((e, _T.dip_goldstein, _decimal(goldstein)))
    out += [(e, _T.dip_actor, actor_iri(a)) for a in ev.actors]
    out += [(e, _T.dip_recipient, actor_iri(r)) for r in ev.recipients]
    out += [(e, _T.dip_topic, actor_iri(t)) for t in ev.topics]
    if ev.date:
        out.append((e, _T.dip_date, literal_date(ev.date)))
    for prop, value in ((_T.dip_mode, ev.mode), (_T.dip_context, ev.context), (_T.dip_detail, ev.detail),
                        (_T.dip_reportedBy, ev.reported_by), (_T.dip_trigger, ev.trigger)):  # fmt: skip
        if value:
            out.append((e, prop, _literal(value)))
    return out


def mention_triples(doc_id: str, m: Mention) -> list[Triple]:
    """One actor mention with its offsets (its document's named graph)."""
    node = mention_iri(doc_id, m.actor_id, m.char_start, m.char_end)
    return [
        (node, _T.rdf_type, _T.dip_Mention), (node, _T.dip_mentionOf, actor_iri(m.actor_id)),
        (node, _T.dip_charStart, _literal(int(m.char_start))), (node, _T.dip_charEnd, _literal(int(m.char_end))),
        (node, _T.dip_surface, _literal(m.surface)), (node, _T.prov_wasDerivedFrom, doc_iri(doc_id)),
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
        (g, _T.prov_wasGeneratedBy, run), (g, _T.prov_wasDerivedFrom, doc_iri(extraction.document.id)),
        (run, _T.rdf_type, _T.prov_Activity), (run, _T.rdf_type, _T.dip_ExtractionRun),
        (run, _T.dip_extractorVersion, Literal(version)),
        (run, _T.prov_startedAtTime, Literal(when.strftime("%Y-%m-%dT%H:%M:%SZ"), datatype=_T.xsd_dateTime)),
    ]  # fmt: skip
    if extraction.model:
        out.append((run, _T.dip_model, Literal(extraction.model)))
    return out
