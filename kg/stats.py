"""Summary counts of a dataset: documents, actors and events by type, triples, graphs.

>>> from kg.build import build_graph
>>> from kg.records import Document, Event, Extraction
>>> ev = Event(type="ACCUSE", actors=["country/CHL"], recipients=["country/PER"],
...            evidence="Chile blamed Peru.", char_start=0, char_end=18)
>>> s = graph_summary(build_graph([Extraction(document=Document(id="d", text="Chile blamed Peru."), events=[ev])]))
>>> s["documents"], s["events"], s["events by type"], s["actors by type"]
(1, 1, {'ACCUSE': 1}, {'Country': 2})
"""
from __future__ import annotations

from typing import Any

from rdflib import Dataset

__all__ = ["graph_summary", "format_summary"]

_PREFIX = """PREFIX dip: <https://w3id.org/dipkg/ontology#>
PREFIX schema: <https://schema.org/>
"""

#: Most specific first: an actor is counted under its first matching class.
_ACTOR_CLASSES = ("Person", "Country", "Government", "ArmedGroup", "IGO", "Organization")


def _count(ds: Dataset, body: str) -> int:
    rows = list(ds.query(_PREFIX + "SELECT (COUNT(*) AS ?n) WHERE { " + body + " }"))
    return int(rows[0][0]) if rows else 0


def graph_summary(ds: Dataset) -> dict[str, Any]:
    """Counts: documents, actors, actors by type, events, events by type, mentions,
    cross-document links, named graphs, triples (all graphs, ontology included)."""
    types: dict[str, int] = {}
    seen: set = set()
    for cls in _ACTOR_CLASSES:
        rows = ds.query(_PREFIX + "SELECT DISTINCT ?a WHERE { ?a a dip:" + cls + " }")
        new = {r[0] for r in rows} - seen
        if new:
            types[cls] = len(new)
        seen |= new
    by_type: dict[str, int] = {}
    q = _PREFIX + (
        "SELECT ?t (COUNT(DISTINCT ?e) AS ?n) WHERE { GRAPH ?g { ?e a dip:Event ; dip:eventType ?t } } GROUP BY ?t"
    )
    for t, n in ds.query(q):
        by_type[str(t).rsplit("#", 1)[-1]] = int(n)
    graphs = list(ds.query("SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"))
    default = _count(ds, "?s ?p ?o")
    named = _count(ds, "GRAPH ?g { ?s ?p ?o }")
    return {
        "documents": _count(ds, "?d a schema:NewsArticle"),
        "actors": len(seen),
        "actors by type": dict(sorted(types.items())),
        "events": sum(by_type.values()),
        "events by type": dict(sorted(by_type.items())),
        "mentions": _count(ds, "GRAPH ?g { ?m a dip:Mention }"),
        "same-event links": _count(ds, "?x dip:sameEventAs ?y") // 2,
        "named graphs": int(graphs[0][0]) if graphs else 0,
        "triples": default + named,
    }


def format_summary(summary: dict[str, Any]) -> str:
    """``key: value`` lines; nested counts (by type) indented, largest first.

    >>> print(format_summary({"documents": 2, "events by type": {"ACCUSE": 1, "CONSULT": 3}}))
    documents: 2
    events by type:
      CONSULT: 3
      ACCUSE: 1
    """
    lines = []
    for key, value in summary.items():
        if isinstance(value, dict):
            lines.append(f"{key}:")
            lines.extend(f"  {k}: {v}" for k, v in sorted(value.items(), key=lambda kv: (-kv[1], kv[0])))
        else:
            lines.append(f"{key}: {value}")
    return "\n".join(lines)
