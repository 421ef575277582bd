"""Write one document into a dataset: replace its named graph and its default-graph triples atomically.

On Oxigraph a new document is one N-Quads load (one transaction) of only the
triples the store does not have yet; a document already present is replaced
by one SPARQL update (delete, then insert). In memory, rdflib's own store.

>>> from rdflib import URIRef
>>> from kg.store import open_dataset
>>> ds = open_dataset(engine="oxigraph")
>>> s, p = URIRef("https://example.org/s"), URIRef("https://example.org/p")
>>> replace_document_graph(ds, graph=URIRef("https://example.org/g"), node=s, default_add=[(s, p, s)])
>>> len(ds)
1
"""
from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable
from typing import Any

from rdflib import Dataset

from kg.errors import StoreError
from kg.nt import nquads, triple_nt
from kg.store import forget_known_triples, native_store

__all__ = ["KnownTriples", "absent_from_default", "is_new_document", "known_default_triples", "load_nquads",
           "replace_document_graph"]


class KnownTriples:
    """Default-graph triples known to be stored, per subject (N-Triples lines), for the
    most recently seen ``max_subjects`` subjects: a build restates the same actors in
    document after document, and a lookup in memory is far cheaper than in the store.

    Valid while this process is the only writer (an open store is locked) and
    cleared by every deletion made through dipkg or rdflib.

    >>> known = KnownTriples(max_subjects=1)
    >>> known.add("<a>", ["<a> <p> <b>"]); known.get("<a>")
    {'<a> <p> <b>'}
    >>> known.add("<c>", []); known.get("<a>") is None
    True
    """

    def __init__(self, max_subjects: int = 20000) -> None:
        self.max_subjects = max_subjects
        self._lines: OrderedDict[str, set[str]] = OrderedDict()

    def get(self, subject: str) -> set[str] | None:
        lines = self._lines.get(subject)
        if lines is not None:
            self._lines.move_to_end(subject)
        return lines

    def add(self, subject: str, lines: Iterable[str]) -> None:
        self._lines.setdefault(subject, set()).update(lines)
        self._lines.move_to_end(subject)
        while len(self._lines) > self.max_subjects:
            self._lines.popitem(last=False)

    def clear(self) -> None:
        self._lines.clear()


def known_default_triples(store: Any) -> KnownTriples:
    """The :class:`KnownTriples` of an Oxigraph-backed rdflib store (created on first use)."""
    known = getattr(store, "dipkg_known", None)
    if known is None:
        known = store.dipkg_known = KnownTriples()
    return known


_REPLACE = """
PREFIX dip: <https://w3id.org/dipkg/ontology#>
DELETE {{ ?x dip:sameEventAs ?y . ?y dip:sameEventAs ?x }}
WHERE {{ GRAPH {g} {{ ?x a dip:Event }} ?x dip:sameEventAs ?y }} ;
DROP SILENT GRAPH {g} ;
DELETE WHERE {{ {d} ?p ?o }}"""


def absent_from_default(ds: Dataset, inner: Any, triples: list[tuple]) -> list[str]:
    """N-Triples lines of the ``triples`` not yet in the default graph (remembered as stored).

    Re-inserting a stored quad costs as much as a new one, and every document
    restates the actors it names: leaving those out makes adding a document
    several times cheaper.
    """
    import pyoxigraph as ox

    known = known_default_triples(ds.store)
    by_subject: dict[str, list[str]] = {}
    for t in triples:
        line = triple_nt(t)
        by_subject.setdefault(line[: line.index(" ")], []).append(line)
    new: list[str] = []
    for subject, lines in by_subject.items():
        if not subject.startswith("<"):  # a blank node: cannot be looked up
            new += lines
            continue
        present = known.get(subject)
        if present is None:
            stored = inner.quads_for_pattern(ox.NamedNode(subject[1:-1]), None, None, ox.DefaultGraph())
            present = {f"{q.subject} {q.predicate} {q.object}" for q in stored}
            known.add(subject, present)
        new += [line for line in dict.fromkeys(lines) if line not in present]
        known.add(subject, lines)
    return [line + " ." for line in new]


def is_new_document(inner: Any, graph: Any, node: Any) -> bool:
    """True when a ``pyoxigraph.Store`` has neither the document's named graph nor its node."""
    import pyoxigraph as ox

    if inner.contains_named_graph(ox.NamedNode(str(graph))):
        return False
    return next(iter(inner.quads_for_pattern(ox.NamedNode(str(node)), None, None, ox.DefaultGraph())), None) is None


def load_nquads(ds: Dataset, text: str, *, what: str) -> None:
    """Add N-Quads ``text`` to an Oxigraph dataset in one transaction (all or nothing)."""
    import pyoxigraph as ox

    try:
        native_store(ds).load(input=text.encode("utf-8"), format=ox.RdfFormat.N_QUADS)
    except (OSError, SyntaxError, RuntimeError, ValueError) as exc:
        forget_known_triples(ds.store)
        raise StoreError(f"cannot write {what} to the store: {exc}") from exc


def replace_document_graph(
    ds: Dataset,
    *,
    graph: Any,
    node: Any,
    default_add: Iterable[tuple] = (),
    graph_add: Iterable[tuple] = (),
    default_remove: Iterable[tuple] = (),
) -> None:
    """Replace a document in one step: drop named graph ``graph``, the ``node``'s
    default-graph triples and the ``dip:sameEventAs`` links of the graph's events,
    remove ``default_remove``, then add ``default_add`` (default graph) and
    ``graph_add`` (into ``graph``). On Oxigraph this is ONE transaction (an
    N-Quads load for a new document, else one SPARQL update): a crash leaves the
    old document or the new one, never half.
    """
    default_add, graph_add, default_remove = list(default_add), list(graph_add), list(default_remove)
    inner = native_store(ds)
    if inner is None:
        _replace_memory(ds, graph, node, default_add, graph_add, default_remove)
        return
    import pyoxigraph as ox

    g, d = ox.NamedNode(str(graph)), ox.NamedNode(str(node))
    try:
        if not default_remove and is_new_document(inner, graph, node):  # nothing to delete: one N-Quads load
            text = "\n".join(absent_from_default(ds, inner, default_add)) + "\n" + nquads(graph_add, graph)
            load_nquads(ds, text, what=f"graph <{graph}>")
            return
        forget_known_triples(ds.store)
        parts = [_REPLACE.format(g=g, d=d)]
        if default_remove:
            parts.append(f"DELETE DATA {{\n{nquads(default_remove)}\n}}")
        if default_add or graph_add:
            parts.append(f"INSERT DATA {{\n{nquads(default_add)}\nGRAPH {g} {{\n{nquads(graph_add)}\n}}\n}}")
        inner.update(" ;\n".join(parts))
    except (OSError, SyntaxError, RuntimeError, ValueError) as exc:
        forget_known_triples(ds.store)
        raise StoreError(f"cannot write graph <{graph}> to the store: {exc}") from exc


def _replace_memory(ds: Dataset, graph: Any, node: Any, default_add: list, graph_add: list, default_remove: list) -> None:
    from kg.ontology import DIP
    from rdflib.namespace import RDF

    default = ds.default_context
    for t in default_remove:
        default.remove(t)
    old = ds.graph(graph)
    for x in set(old.subjects(RDF.type, DIP.Event)):
        for y in list(default.objects(x, DIP.sameEventAs)):
            default.remove((x, DIP.sameEventAs, y))
            default.remove((y, DIP.sameEventAs, x))
    ds.remove_graph(old)
    default.remove((node, None, None))
    default.addN((s, p, o, default) for s, p, o in default_add)
    if graph_add:
        new = ds.graph(graph)
        new.addN((s, p, o, new) for s, p, o in graph_add)
