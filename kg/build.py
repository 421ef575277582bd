"""Extraction records -> RDF, per ONTOLOGY.md; incremental and idempotent.

Layout: ontology, actors, documents and ``dip:sameEventAs`` links in the
default graph; each document's events and mentions in its named graph
``dipid:graph/<doc id>``, which also holds the extraction run (``prov:Activity``,
``dip:extractorVersion``, ``dip:model``, ``prov:startedAtTime``) and says
``<graph> prov:wasGeneratedBy <run>``.
IRIs are deterministic (actors ``dipid:<actor id>``, documents ``dipid:doc/<id>``,
events hashed from document, type, participants, date and evidence offsets), so
rebuilds are identical. Adding a document replaces its graph in one transaction.

Cross-document merge (:mod:`kg.merge`): events of two documents with the same
type, participants and compatible dates are linked both ways by
``dip:sameEventAs`` in the default graph; the links of a document are
recomputed whenever it is added.

>>> from kg.records import Actor, Document, Event, Extraction
>>> doc = Document(id="n1", text="Chile and Peru met.", date="2021-03-02")
>>> ev = Event(type="CONSULT", actors=["country/CHL", "country/PER"], reciprocal=True,
...            evidence="Chile and Peru met.", char_start=0, char_end=19)
>>> ds = build_graph([Extraction(document=doc, events=[ev])])
>>> sorted(document_ids(ds))
['n1']
>>> (None, DIP.eventType, DIP.CONSULT) in ds.graph(graph_iri("n1"))
True
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
from collections.abc import Iterable
from datetime import datetime, timezone
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS, XSD

from kg import __version__
from kg.errors import InputError, StoreError
from kg.ontology import DIP, DIPID, SCHEMA, SEM, WD, bind_prefixes, cameo_goldstein
from kg.ontology import event_type_iri, literal_date, plover_info
from kg.iris import actor_iri, digest, doc_iri, event_iri, graph_iri, mention_iri
from kg.merge import MAX_SAME_EVENT_LINKS, merge_key, same_event_links
from kg.nt import is_valid_iri
from kg.records import ACTOR_TYPES, Actor, Document, Event, Extraction
from kg.store import add_ontology, is_on_disk, native_store, open_dataset
from kg.write import replace_document_graph

__all__ = [
    "MAX_SAME_EVENT_LINKS",
    "actor_iri",
    "add_extraction",
    "build_graph",
    "content_hash",
    "doc_iri",
    "document_ids",
    "event_iri",
    "graph_iri",
    "merge_key",
    "needs_update",
    "remove_document",
    "write_trig",
]

log = logging.getLogger(__name__)

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


def _actor_triples(actor: Actor, existing_label: str | None) -> list[Triple]:
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


def _placeholder_actor(actor_id: str) -> Actor:
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


def _document_triples(doc: Document) -> list[Triple]:
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


def _event_triples(doc_id: str, ev: Event) -> list[Triple]:
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


def _mention_triples(doc_id: str, m) -> list[Triple]:  # noqa: ANN001 - kg.records.Mention
    node = mention_iri(doc_id, m.actor_id, m.char_start, m.char_end)
    return [
        (node, RDF.type, DIP.Mention), (node, DIP.mentionOf, actor_iri(m.actor_id)),
        (node, DIP.charStart, _literal(int(m.char_start))), (node, DIP.charEnd, _literal(int(m.char_end))),
        (node, DIP.surface, _literal(m.surface)), (node, PROV.wasDerivedFrom, doc_iri(doc_id)),
    ]  # fmt: skip


def _dedupe_events(doc_id: str, events: Iterable[Event]) -> list[Event]:
    best: dict[URIRef, Event] = {}
    for ev in events:
        key = event_iri(doc_id, ev)
        if key not in best or ev.confidence > best[key].confidence:
            best[key] = ev
    return list(best.values())


def _extraction_triples(ds: Dataset, extraction: Extraction, time: datetime | None) -> tuple[list, list, list]:
    """(default-graph removals, default-graph triples, document-graph triples) for one extraction."""
    doc = extraction.document
    if not doc.id:
        raise InputError(f"document from {doc.source!r} has an empty id; give every record an id")
    events = []
    for ev in extraction.events:
        if ev.actors:
            events.append(ev)
        else:  # the schema requires an initiator; such an event cannot be stated
            log.warning("document %r: %s event without actor skipped (%r)", doc.id, ev.type, ev.evidence[:60])
    events = _dedupe_events(doc.id, events)
    actors = {a.id: a for a in extraction.actors}
    referenced = {x for ev in events for x in (*ev.actors, *ev.recipients, *ev.topics)}
    referenced |= {m.actor_id for m in extraction.mentions}
    for a in extraction.actors:  # actors named by other actors are described too
        referenced |= {f"country/{a.country}"} if a.country else set()
        referenced |= set(a.leader_of) | set(a.member_of)
    for ref in sorted(referenced - set(actors)):
        if _label(ds, actor_iri(ref)) is None:
            actors[ref] = _placeholder_actor(ref)
    default_triples: list[Triple] = _document_triples(doc)
    removals: list[Triple] = []
    for actor in actors.values():
        a = actor_iri(actor.id)
        label = _label(ds, a)
        if label is not None and str(label) != actor.label and actor.id in {x.id for x in extraction.actors}:
            if str(label) == _placeholder_actor(actor.id).label:  # a described actor replaces a placeholder
                removals.append((a, RDFS.label, Literal(label)))
                label = None
        default_triples += _actor_triples(actor, None if label is None else str(label))
    default_triples += same_event_links(ds, graph_iri(doc.id), {event_iri(doc.id, ev): ev for ev in events})

    when = _utc(_run_time(time))
    version = extraction.extractor if any(c.isdigit() for c in extraction.extractor) else f"{extraction.extractor} {__version__}"  # fmt: skip
    run = DIPID["run/" + digest(version, extraction.model, when.isoformat())]
    g = graph_iri(doc.id)
    graph_triples: list[Triple] = [
        (g, PROV.wasGeneratedBy, run), (g, PROV.wasDerivedFrom, doc_iri(doc.id)),
        (run, RDF.type, PROV.Activity), (run, RDF.type, DIP.ExtractionRun),
        (run, DIP.extractorVersion, Literal(version)),
        (run, PROV.startedAtTime, Literal(when.strftime("%Y-%m-%dT%H:%M:%SZ"), datatype=XSD.dateTime)),
    ]  # fmt: skip
    if extraction.model:
        graph_triples.append((run, DIP.model, Literal(extraction.model)))
    for ev in events:
        graph_triples += _event_triples(doc.id, ev)
    for m in extraction.mentions:
        graph_triples += _mention_triples(doc.id, m)
    return removals, default_triples, graph_triples


def _label(ds: Dataset, node: URIRef) -> str | None:
    """The ``rdfs:label`` of ``node`` in the default graph (a direct index lookup on Oxigraph)."""
    inner = native_store(ds)
    if inner is None:
        label = ds.default_context.value(node, RDFS.label)
        return None if label is None else str(label)
    import pyoxigraph as ox

    for quad in inner.quads_for_pattern(ox.NamedNode(str(node)), ox.NamedNode(str(RDFS.label)), None, ox.DefaultGraph()):
        return quad.object.value
    return None


def _ensure_ontology(ds: Dataset) -> None:
    if (DIP.PLOVER, RDF.type, SKOS.ConceptScheme) not in ds.default_context:
        add_ontology(ds)
        bind_prefixes(ds)


def add_extraction(ds: Dataset, extraction: Extraction, *, time: datetime | None = None) -> None:
    """Add (or replace) one document's graph, its actors and its cross-document links.

    Atomic on an Oxigraph store. ``time`` stamps the extraction run (default:
    ``SOURCE_DATE_EPOCH`` if set, else now).
    """
    _ensure_ontology(ds)
    removals, default_triples, graph_triples = _extraction_triples(ds, extraction, time)
    doc_id = extraction.document.id
    replace_document_graph(ds, graph=graph_iri(doc_id), node=doc_iri(doc_id), default_add=default_triples,
                           graph_add=graph_triples, default_remove=removals)  # fmt: skip


def remove_document(ds: Dataset, doc_id: str) -> None:
    """Remove a document: its node, its named graph and its ``dip:sameEventAs`` links (actors stay)."""
    replace_document_graph(ds, graph=graph_iri(doc_id), node=doc_iri(doc_id))


#: Documents between two flushes of an on-disk store's write buffers to disk: the
#: build's memory then follows this batch, not the size of the store.
FLUSH_EVERY = 200


def build_graph(
    extractions: Iterable[Extraction], *, store: Dataset | str | Path | None = None, time: datetime | None = None
) -> Dataset:
    """Build (or extend) a dataset from extraction records.

    ``store``: None -> a new in-memory dataset; a Dataset -> added to it; a
    directory -> an Oxigraph store, opened or created. ``extractions`` is
    consumed as a stream.
    """
    if isinstance(store, Dataset):
        ds = store
    else:
        ds = open_dataset(store, create=True)
    _ensure_ontology(ds)
    on_disk = is_on_disk(ds)
    for n, extraction in enumerate(extractions, 1):
        add_extraction(ds, extraction, time=time)
        if on_disk and n % FLUSH_EVERY == 0:
            native_store(ds).flush()
    return ds


def needs_update(ds: Dataset, document: Document, *, extractor: str | None = None) -> bool:
    """False when ``document`` is already in ``ds`` with the same content hash (and extractor).

    >>> needs_update(build_graph([]), Document(id="x", text="y"))
    True
    """
    d = doc_iri(document.id)
    default = ds.default_context
    if default.value(d, DIP.contentHash) != Literal(content_hash(document)):
        return True
    if extractor is not None:
        g = ds.graph(graph_iri(document.id))
        runs = set(g.objects(graph_iri(document.id), PROV.wasGeneratedBy))
        versions = {str(v) for r in runs for v in g.objects(r, DIP.extractorVersion)}
        return not any(v == extractor or v.split(" ")[0] == extractor for v in versions)
    return False


def document_ids(ds: Dataset) -> set[str]:
    """Identifiers of the documents in ``ds`` (default graph)."""
    default = ds.default_context
    return {str(default.value(d, SCHEMA.identifier)) for d in default.subjects(RDF.type, SCHEMA.NewsArticle)}


def write_trig(ds: Dataset, path: str | Path) -> Path:
    """Write the whole dataset as TriG (default graph + one block per named graph).

    An Oxigraph dataset is streamed to disk by Oxigraph itself (memory does not
    grow with the graph). The file is written next to ``path`` and renamed
    into place, so a failed write leaves an existing file as it was.
    """
    from kg.ontology import prefixes

    path = Path(path)
    partial = path.with_name(path.name + ".partial")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        inner = native_store(ds)
        if inner is None:
            bind_prefixes(ds)
            ds.serialize(destination=str(partial), format="trig")
        else:
            import pyoxigraph as ox

            # dipid: left out: Oxigraph would write dipid:graph\/x (a legal but unreadable escape)
            names = {k: v for k, v in prefixes().items() if k != "dipid"}
            inner.dump(str(partial), format=ox.RdfFormat.TRIG, prefixes=names)
        os.replace(partial, path)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise StoreError(f"cannot write {str(path)!r}: {exc.strerror or exc}") from exc
    return path
