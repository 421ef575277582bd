"""Extraction records -> RDF, per ONTOLOGY.md; incremental and idempotent.

Layout: ontology, actors, documents and ``dip:sameEventAs`` links in the
default graph; each document's events and mentions in its named graph
``dipid:graph/<doc id>``, which also holds the extraction run (``prov:Activity``,
``dip:extractorVersion``, ``dip:model``, ``prov:startedAtTime``) and says
``<graph> prov:wasGeneratedBy <run>``.
IRIs are deterministic (actors ``dipid:<actor id>``, documents ``dipid:doc/<id>``,
events hashed from document, type, participants, date and evidence offsets), so
rebuilds are identical. Adding a document replaces its graph in one transaction;
:func:`build_graph` writes new documents in batches, one transaction each, while
the next batch is being extracted.

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

import logging
import os
from collections.abc import Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SKOS

from kg.errors import InputError, StoreError
from kg.iris import actor_iri, doc_iri, event_iri, graph_iri
from kg.merge import MAX_SAME_EVENT_LINKS, Report, merge_key, reports_of, same_event_links
from kg.nt import nquads
from kg.ontology import DIP, SCHEMA, bind_prefixes
from kg.records import Document, Event, Extraction
from kg.store import add_ontology, is_on_disk, native_store, open_dataset
from kg.triples import Triple, actor_triples, content_hash, dedupe_events, document_triples, event_triples
from kg.triples import mention_triples, placeholder_actor, run_triples
from kg.write import absent_from_default, is_new_document, load_nquads, replace_document_graph

__all__ = [
    "BATCH_SIZE",
    "FLUSH_EVERY",
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

#: New documents written per store transaction by :func:`build_graph`.
BATCH_SIZE = 16
#: Documents between two flushes of an on-disk store's write buffers to disk: the
#: build's memory then follows this batch, not the size of the store.
FLUSH_EVERY = 200


@dataclass
class _Pending:
    """Documents computed but not written yet: what the next documents of the batch must see."""

    doc_ids: list[str] = field(default_factory=list)
    labels: dict[URIRef, str] = field(default_factory=dict)
    reports: dict[str, list[Report]] = field(default_factory=dict)
    nquads: list[str] = field(default_factory=list)


@dataclass
class _ExtractionTriples:
    removals: list[Triple]
    default: list[Triple]
    graph: list[Triple]
    events: dict[URIRef, Event]


def _label(ds: Dataset, node: URIRef, pending: _Pending | None = None) -> str | None:
    """The ``rdfs:label`` of ``node`` (a pending document's, else the default graph's)."""
    if pending is not None and node in pending.labels:
        return pending.labels[node]
    inner = native_store(ds)
    if inner is None:
        label = ds.default_context.value(node, RDFS.label)
        return None if label is None else str(label)
    import pyoxigraph as ox

    for quad in inner.quads_for_pattern(ox.NamedNode(str(node)), ox.NamedNode(str(RDFS.label)), None, ox.DefaultGraph()):
        return quad.object.value
    return None


def _extraction_triples(ds: Dataset, extraction: Extraction, time: datetime | None,
                        pending: _Pending | None = None) -> _ExtractionTriples:
    """Everything one extraction adds (and the placeholder labels it replaces), given what
    ``ds`` and the ``pending`` documents already say."""
    doc = extraction.document
    if not doc.id:
        raise InputError(f"document from {doc.source!r} has an empty id; give every record an id")
    events = []
    for ev in extraction.events:
        if ev.actors:
            events.append(ev)
        else:  # the schema requires an initiator; such an event cannot be stated
            log.warning("document %r: %s event without actor skipped (%r)", doc.id, ev.type, ev.evidence[:60])
    events = dedupe_events(doc.id, events)
    described = {a.id: a for a in extraction.actors}
    actors = dict(described)
    referenced = {x for ev in events for x in (*ev.actors, *ev.recipients, *ev.topics)}
    referenced |= {m.actor_id for m in extraction.mentions}
    for a in extraction.actors:  # actors named by other actors are described too
        referenced |= {f"country/{a.country}"} if a.country else set()
        referenced |= set(a.leader_of) | set(a.member_of)
    for ref in sorted(referenced - set(actors)):
        if _label(ds, actor_iri(ref), pending) is None:
            actors[ref] = placeholder_actor(ref)
    default = document_triples(doc)
    removals: list[Triple] = []
    for actor in actors.values():
        a = actor_iri(actor.id)
        label = _label(ds, a, pending)
        if label is not None and label != actor.label and actor.id in described:
            if label == placeholder_actor(actor.id).label:  # a described actor replaces a placeholder
                removals.append((a, RDFS.label, Literal(label)))
                label = None
        default += actor_triples(actor, label)
    by_iri = {event_iri(doc.id, ev): ev for ev in events}
    default += same_event_links(ds, graph_iri(doc.id), by_iri, pending.reports if pending else None)
    graph = run_triples(extraction, time)
    for ev in events:
        graph += event_triples(doc.id, ev)
    for m in extraction.mentions:
        graph += mention_triples(doc.id, m)
    return _ExtractionTriples(removals, default, graph, by_iri)


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
    t = _extraction_triples(ds, extraction, time)
    doc_id = extraction.document.id
    replace_document_graph(ds, graph=graph_iri(doc_id), node=doc_iri(doc_id), default_add=t.default,
                           graph_add=t.graph, default_remove=t.removals)  # fmt: skip


def remove_document(ds: Dataset, doc_id: str) -> None:
    """Remove a document: its node, its named graph and its ``dip:sameEventAs`` links (actors stay)."""
    replace_document_graph(ds, graph=graph_iri(doc_id), node=doc_iri(doc_id))


class _BatchWriter:
    """Writes new documents to an Oxigraph dataset :data:`BATCH_SIZE` at a time, one
    transaction per batch, in a background thread: Oxigraph works outside Python's
    lock, so the store write overlaps the extraction of the next batch.

    Every document is computed after the previous batch is written, against the
    store plus the pending documents of its own batch, so the result is the same
    as adding the documents one by one. A document already in the store (a
    replacement) or one that replaces a placeholder label is written on its own.
    """

    def __init__(self, ds: Dataset, time: datetime | None) -> None:
        self.ds, self.time, self.inner = ds, time, native_store(ds)
        self.on_disk = is_on_disk(ds)
        self.pending = _Pending()
        self.written = 0
        self.executor: ThreadPoolExecutor | None = None
        self.writing: Future | None = None

    def add(self, extraction: Extraction) -> None:
        self._wait()  # the store now holds every earlier batch
        doc_id = extraction.document.id
        if doc_id in self.pending.doc_ids or not is_new_document(self.inner, graph_iri(doc_id), doc_iri(doc_id)):
            self._write_alone(extraction)
            return
        t = _extraction_triples(self.ds, extraction, self.time, self.pending)
        if t.removals:
            self._write_alone(extraction)
            return
        p = self.pending
        p.nquads += absent_from_default(self.ds, self.inner, t.default)
        p.nquads.append(nquads(t.graph, graph_iri(doc_id)))
        p.doc_ids.append(doc_id)
        p.labels.update((s, str(o)) for s, pred, o in t.default if pred == RDFS.label)
        for key, reports in reports_of(t.events).items():
            p.reports.setdefault(key, []).extend(reports)
        if len(p.doc_ids) >= BATCH_SIZE:
            self._submit()

    def close(self) -> None:
        """Write what is pending and wait for it."""
        try:
            self._submit()
            self._wait()
        finally:
            if self.executor is not None:
                self.executor.shutdown()

    def _write_alone(self, extraction: Extraction) -> None:
        self._submit()
        self._wait()
        add_extraction(self.ds, extraction, time=self.time)
        self._count(1)

    def _submit(self) -> None:
        if not self.pending.doc_ids:
            return
        batch, self.pending = self.pending, _Pending()
        if self.executor is None:
            self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="dipkg-writer")
        self.writing = self.executor.submit(self._write, batch)

    def _write(self, batch: _Pending) -> None:
        what = f"documents {batch.doc_ids[0]!r}..{batch.doc_ids[-1]!r}"
        load_nquads(self.ds, "\n".join(batch.nquads), what=what)
        self._count(len(batch.doc_ids))

    def _count(self, n: int) -> None:
        before, self.written = self.written, self.written + n
        if self.on_disk and before // FLUSH_EVERY != self.written // FLUSH_EVERY:
            self.inner.flush()

    def _wait(self) -> None:
        if self.writing is not None:
            writing, self.writing = self.writing, None
            writing.result()  # re-raises the writer's StoreError


def build_graph(
    extractions: Iterable[Extraction], *, store: Dataset | str | Path | None = None, time: datetime | None = None
) -> Dataset:
    """Build (or extend) a dataset from extraction records.

    ``store``: None -> a new in-memory dataset; a Dataset -> added to it; a
    directory -> an Oxigraph store, opened or created. ``extractions`` is
    consumed as a stream; on Oxigraph, new documents are written in batches
    (one transaction each) while the next ones are extracted.
    """
    if isinstance(store, Dataset):
        ds = store
    else:
        ds = open_dataset(store, create=True)
    _ensure_ontology(ds)
    if native_store(ds) is None:
        for extraction in extractions:
            add_extraction(ds, extraction, time=time)
        return ds
    writer = _BatchWriter(ds, time)
    try:
        for extraction in extractions:
            writer.add(extraction)
    finally:
        writer.close()
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
