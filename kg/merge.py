"""Cross-document event merging: ``dip:sameEventAs`` between reports of one happening.

Events of two documents report the same happening when they have the same type,
the same participants and compatible dates (equal, or one a prefix of the
other: "2020-06" and "2020-06-26"). Participants compare direction-free for
CONSULT and reciprocal events, with direction otherwise (A accuses B is not B
accuses A). Undated events are never merged.

Each event carries ``dip:mergeKey``: a hash of its type, its participants
(direction-free) and its year, so compatible dates always share a key and the
candidates of an event are one index lookup. A new report is linked to at most
:data:`MAX_SAME_EVENT_LINKS` earlier ones, the first found (in the store's
index order, then the not yet written documents of the same batch), and the
scan stops there: the cost per document stays flat however often a
happening is reported, and every cluster stays connected (follow the links
transitively).

>>> from kg.records import Event
>>> a = Event(type="CONSULT", actors=["country/CHL"], recipients=["country/PER"], date="2021-03-02")
>>> merge_key(a) == merge_key(Event(type="consult", actors=["country/PER", "country/CHL"], date="2021-03"))
True
>>> merge_key(a) == merge_key(Event(type="CONSULT", actors=["country/CHL", "country/PER"], date="2022"))
False
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping
from itertools import chain
from typing import Any, NamedTuple

from rdflib import Dataset, Literal, URIRef

from kg.iris import actor_iri
from kg.ontology import DIP
from kg.records import Event
from kg.store import native_store

__all__ = ["MAX_SAME_EVENT_LINKS", "Report", "dates_compatible", "merge_key", "reports_of", "reports_with_key",
           "same_event_links"]

#: Links a new event gets to earlier reports of the same happening (bounded: linear growth).
MAX_SAME_EVENT_LINKS = 8


class Report(NamedTuple):
    """An event already in the dataset, as merging needs it (IRIs as plain strings)."""

    event: str
    date: str
    actors: frozenset[str]
    recipients: frozenset[str]
    reciprocal: bool


def merge_key(event: Event) -> str:
    """Key of the happening an event reports: type, participants (direction-free) and year."""
    parts = (event.type.upper(), sorted(set(event.actors) | set(event.recipients)), (event.date or "")[:4])
    return hashlib.sha256(json.dumps(parts).encode("utf-8")).hexdigest()[:16]


def dates_compatible(d1: str, d2: str) -> bool:
    """Equal dates, or one a prefix of the other.

    >>> dates_compatible("2020-06", "2020-06-26"), dates_compatible("2020-06-25", "2020-06-26")
    (True, False)
    """
    return d1.startswith(d2) or d2.startswith(d1)


def _same_participants(type_: str, actors: set[str], recipients: set[str], reciprocal: bool, other: Report) -> bool:
    if actors | recipients != other.actors | other.recipients:
        return False
    return type_ == "CONSULT" or reciprocal or other.reciprocal or (actors == other.actors and recipients == other.recipients)


def reports_with_key(ds: Dataset, key: str, *, exclude_graph: URIRef) -> Iterator[Report]:
    """Dated events with merge key ``key`` outside ``exclude_graph``, in the store's index order."""
    inner = native_store(ds)
    if inner is not None:
        yield from _native_reports(inner, key, str(exclude_graph))
        return
    for e, _, _, ctx in ds.quads((None, DIP.mergeKey, Literal(key), None)):
        g = getattr(ctx, "identifier", ctx)
        if g == exclude_graph:
            continue
        graph = ds.graph(g)
        date = graph.value(e, DIP.date)
        if date is None:
            continue
        rec = graph.value(e, DIP.reciprocal)
        yield Report(str(e), str(date), frozenset(str(a) for a in graph.objects(e, DIP.actor)),
                     frozenset(str(r) for r in graph.objects(e, DIP.recipient)),
                     bool(rec is not None and rec.toPython()))  # fmt: skip


def _native_reports(inner: Any, key: str, exclude_graph: str) -> Iterator[Report]:
    import pyoxigraph as ox

    merge, date_p, actor_p, recipient_p, reciprocal_p = (
        ox.NamedNode(str(p)) for p in (DIP.mergeKey, DIP.date, DIP.actor, DIP.recipient, DIP.reciprocal))  # fmt: skip
    for quad in inner.quads_for_pattern(None, merge, ox.Literal(key), None):
        e, g = quad.subject, quad.graph_name
        if isinstance(g, ox.DefaultGraph) or g.value == exclude_graph:
            continue

        def values(p: Any) -> list[str]:
            return [q.object.value for q in inner.quads_for_pattern(e, p, None, g)]  # noqa: B023 - used at once

        dates = values(date_p)
        if not dates:
            continue
        yield Report(e.value, dates[0], frozenset(values(actor_p)), frozenset(values(recipient_p)),
                     values(reciprocal_p)[:1] == ["true"])  # fmt: skip


def reports_of(events: dict[URIRef, Event]) -> dict[str, list[Report]]:
    """Merge key -> the dated ``events`` (``{IRI: event}``) of one document as :class:`Report`."""
    out: dict[str, list[Report]] = {}
    for e, ev in events.items():
        if ev.date and ev.actors:
            out.setdefault(merge_key(ev), []).append(Report(
                str(e), ev.date, frozenset(str(actor_iri(a)) for a in ev.actors),
                frozenset(str(actor_iri(r)) for r in ev.recipients), bool(ev.reciprocal)))
    return out


def same_event_links(ds: Dataset, graph: URIRef, events: dict[URIRef, Event],
                     pending: Mapping[str, list[Report]] | None = None) -> list[tuple[URIRef, URIRef, URIRef]]:
    """``dip:sameEventAs`` links (both ways) from the ``events`` of one document (``{IRI: event}``,
    to be stored in ``graph``) to earlier reports of the same happenings: those in ``ds``, then
    those in ``pending`` (documents computed but not written yet)."""
    links: list[tuple[URIRef, URIRef, URIRef]] = []
    for e, ev in events.items():
        if not (ev.date and ev.actors):
            continue
        acts, recs = {str(actor_iri(a)) for a in ev.actors}, {str(actor_iri(r)) for r in ev.recipients}
        found = 0
        key = merge_key(ev)
        for other in chain(reports_with_key(ds, key, exclude_graph=graph), (pending or {}).get(key, ())):
            if dates_compatible(ev.date, other.date) and _same_participants(ev.type.upper(), acts, recs, ev.reciprocal, other):
                o = URIRef(other.event)
                links += [(e, DIP.sameEventAs, o), (o, DIP.sameEventAs, e)]
                found += 1
                if found == MAX_SAME_EVENT_LINKS:
                    break
    return links
