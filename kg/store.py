"""Open a dataset: in memory, a persistent Oxigraph store, or an RDF file.

The default persistent store is Oxigraph (embedded, on disk, no service) behind
rdflib's ``Dataset`` API (via ``oxrdflib``); ``bench/bench_store.py`` measures it
against in-memory rdflib. Convention for both backends: ontology, actors and
documents in the DEFAULT graph; events and mentions in named graphs
``dipid:graph/<doc id>`` (query them with ``GRAPH ?g { ... }``).

>>> ds = open_dataset()          # in memory (rdflib)
>>> len(list(ds.quads()))
0
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from rdflib import Dataset
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from kg.errors import StoreError

__all__ = [
    "RDF_FORMATS",
    "close_dataset",
    "is_on_disk",
    "is_persistent",
    "native_store",
    "open_dataset",
    "ox_quad",
    "ox_term",
    "forget_known_triples",
]

#: File suffix -> rdflib parser/serializer format.
RDF_FORMATS = {
    ".trig": "trig",
    ".ttl": "turtle",
    ".nq": "nquads",
    ".nt": "nt",
    ".jsonld": "json-ld",
    ".json": "json-ld",
    ".rdf": "xml",
    ".xml": "xml",
    ".owl": "xml",
    ".n3": "n3",
}


@lru_cache(maxsize=1)
def _oxigraph_store_class() -> type:
    from oxrdflib import OxigraphStore

    class DipkgOxigraphStore(OxigraphStore):
        """oxrdflib's store, with ``initBindings`` that work for any variable.

        Oxigraph's native substitution (SEP-0007) only accepts projected
        variables; otherwise the bindings are injected as a ``VALUES`` block at
        the top of the outer ``WHERE`` group. That is a join: the same answers
        unless the variable is read in a nested FILTER before a pattern binds
        it, so named queries project their parameters (true substitution).
        """

        def query(self, query: Any, initNs: Any, initBindings: Any, queryGraph: Any, **kwargs: Any) -> Any:  # noqa: N803
            if initBindings and isinstance(query, str):
                try:
                    return _plain_result(super().query(query, initNs, initBindings, queryGraph, **kwargs))
                except RuntimeError as exc:
                    if "projection" not in str(exc):
                        raise
                query = inject_values(query, initBindings)
                initBindings = {}
            return _plain_result(super().query(query, initNs, initBindings, queryGraph, **kwargs))

        def triples(self, triple_pattern: Any, context: Any = None) -> Any:
            for (s, p, o), ctx in super().triples(triple_pattern, context):
                yield (s, p, _plain(o)), ctx

        # Deletions through rdflib make the triples kg.write remembers as stored stale.
        def remove(self, *args: Any, **kwargs: Any) -> None:
            forget_known_triples(self)
            super().remove(*args, **kwargs)

        def update(self, *args: Any, **kwargs: Any) -> None:
            forget_known_triples(self)
            super().update(*args, **kwargs)

        def remove_graph(self, *args: Any, **kwargs: Any) -> None:
            forget_known_triples(self)
            super().remove_graph(*args, **kwargs)

    return DipkgOxigraphStore


def forget_known_triples(store: Any) -> None:
    """Drop what :mod:`kg.write` remembers as stored in ``store`` (after any deletion)."""
    known = getattr(store, "dipkg_known", None)
    if known is not None:
        known.clear()


_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_XSD_DECIMAL = "http://www.w3.org/2001/XMLSchema#decimal"


def _plain(term: Any) -> Any:
    """``"x"^^xsd:string`` -> ``"x"``, ``"1"^^xsd:decimal`` -> ``"1.0"`` (as rdflib's memory store), so both backends agree."""
    from rdflib import Literal

    if isinstance(term, Literal) and term.datatype is not None:
        datatype = str(term.datatype)
        if datatype == _XSD_STRING:
            return Literal(str(term))
        if datatype == _XSD_DECIMAL and "." not in str(term):  # Oxigraph writes 1.0 as "1"
            return Literal(str(term) + ".0", datatype=term.datatype)
    return term


def _plain_result(result: Any) -> Any:
    if result.type == "SELECT":
        bindings = result.bindings
        result.bindings = ({k: _plain(v) for k, v in row.items()} for row in bindings)
    elif result.type in ("CONSTRUCT", "DESCRIBE") and result.graph is not None:
        from rdflib import Graph

        g = Graph()
        g += ((s, p, _plain(o)) for s, p, o in result.graph)
        result.graph = g
    return result


def inject_values(query: str, bindings: dict[str, Any]) -> str:
    """Put ``VALUES`` for ``bindings`` first in the query's outer WHERE group.

    >>> from rdflib import URIRef
    >>> inject_values("SELECT ?n WHERE { ?a <p> ?n }", {"a": URIRef("http://x/a")})
    'SELECT ?n WHERE { VALUES (?a) { (<http://x/a>) } ?a <p> ?n }'
    """
    names = list(bindings)
    row = " ".join(_sparql_term(bindings[n]) for n in names)
    values = "VALUES (" + " ".join("?" + str(n) for n in names) + ") { (" + row + ") } "
    pos = _where_brace(query)
    return query[: pos + 1] + " " + values + query[pos + 1 :].lstrip()


def _sparql_term(term: Any) -> str:
    return str(ox_term(term))


def ox_term(term: Any) -> Any:
    """The pyoxigraph term for an rdflib term (N-Triples form via ``str()``).

    >>> from rdflib import Literal
    >>> str(ox_term(Literal("x", lang="en")))
    '"x"@en'
    """
    import pyoxigraph as ox
    from rdflib import BNode, Literal, URIRef

    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"not an RDF term: {term!r}")


def ox_quad(s: Any, p: Any, o: Any, g: Any = None) -> Any:
    """A pyoxigraph Quad; ``g`` None or rdflib's default-graph id -> the default graph."""
    import pyoxigraph as ox

    graph = ox.DefaultGraph() if g is None or g == DATASET_DEFAULT_GRAPH_ID else ox_term(g)
    return ox.Quad(ox_term(s), ox_term(p), ox_term(o), graph)


_SKIP = re.compile(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\s]*>|#[^\n]*')


def _where_brace(query: str) -> int:
    """Index of the ``{`` opening the outer WHERE group (skipping strings, IRIs, comments)."""
    i, depth, template_done = 0, 0, True
    head = re.search(r"\b(CONSTRUCT)\b", _SKIP.sub(lambda m: " " * len(m.group()), query), re.I)
    if head:  # CONSTRUCT { template } WHERE { ... } vs CONSTRUCT WHERE { ... }
        after = query[head.end():].lstrip()
        template_done = not after.startswith("{")
    while i < len(query):
        m = _SKIP.match(query, i)
        if m:
            i = m.end()
            continue
        ch = query[i]
        if ch == "{":
            if depth == 0 and template_done:
                return i
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                template_done = True
        i += 1
    raise StoreError(f"cannot find the WHERE clause of query {query[:80]!r}")


def _looks_like_store(path: Path) -> bool:
    return (path / "CURRENT").exists() or any(path.glob("MANIFEST-*"))


def _open_oxigraph(path: Path, *, create: bool, read_only: bool) -> Dataset:
    import pyoxigraph as ox

    if path.exists() and not path.is_dir():
        raise StoreError(f"store path {str(path)!r} is a file; give a directory (or an RDF file with a known suffix)")
    if path.is_dir() and any(path.iterdir()) and not _looks_like_store(path):
        raise StoreError(
            f"{str(path)!r} is a non-empty directory but not an Oxigraph store "
            "(no CURRENT/MANIFEST files); pick an empty or new directory"
        )
    if path.is_dir() and any(path.glob("MANIFEST-*")) and not (path / "CURRENT").exists():
        # RocksDB would silently start a new, empty database over the old files
        raise StoreError(
            f"store {str(path)!r} is damaged (its CURRENT file is missing); restore the directory "
            "from a backup or delete it and rebuild with `dipkg build ... --store DIR`"
        )
    if not path.exists() or not any(path.iterdir()):
        if not create:
            raise StoreError(
                f"no store at {str(path)!r}; build one with `dipkg build ... --store DIR` "
                "(open_dataset(..., create=True)) or give an RDF file such as out/graph.trig"
            )
        if read_only:
            raise StoreError(f"cannot create store {str(path)!r} read-only")
        path.mkdir(parents=True, exist_ok=True)
    try:
        inner = ox.Store.read_only(str(path)) if read_only else ox.Store(str(path))
    except (OSError, RuntimeError, ValueError) as exc:  # pyoxigraph: OSError (I/O, lock), RuntimeError (corruption)
        hint = (
            "another process (a build or a server) has it open; stop it or open read-only"
            if "lock" in str(exc).lower()
            else "the store may be corrupt or half-written; delete the directory and rebuild it"
        )
        raise StoreError(f"cannot open store {str(path)!r}: {exc}; {hint}") from exc
    store = _oxigraph_store_class()(store=inner)
    store.dipkg_path = str(path)
    ds = Dataset(store=store)
    _ensure_ontology(ds, path=path, create=create and not read_only)
    return ds


def _ensure_ontology(ds: Dataset, *, path: Path, create: bool) -> None:
    from kg.ontology import DIP, bind_prefixes, load_ontology
    from rdflib.namespace import RDF, SKOS

    bind_prefixes(ds)
    if (DIP.PLOVER, RDF.type, SKOS.ConceptScheme) in ds.default_context:
        return
    inner = native_store(ds)
    if not create:
        empty = inner is not None and not any(True for _ in inner.quads_for_pattern(None, None, None, None))
        what = "is empty" if empty else "has no dipkg ontology"
        raise StoreError(f"store {str(path)!r} {what}: not a dipkg graph; build it with dipkg build ... --store DIR")
    add_ontology(ds)


def add_ontology(ds: Dataset) -> None:
    """Load the ontology into the default graph of ``ds`` (idempotent, atomic on Oxigraph)."""
    from kg.ontology import load_ontology

    onto = load_ontology()
    inner = native_store(ds)
    if inner is None:
        ctx = ds.default_context
        for t in onto:
            ctx.add(t)
        return
    inner.extend([ox_quad(s, p, o, None) for s, p, o in onto])


def native_store(ds: Dataset) -> Any:
    """The ``pyoxigraph.Store`` behind ``ds``, or None for an rdflib memory dataset."""
    try:
        from oxrdflib import OxigraphStore
    except ImportError:  # pragma: no cover - oxrdflib is a dependency
        return None
    return ds.store._inner if isinstance(ds.store, OxigraphStore) else None


def is_persistent(ds: Dataset) -> bool:
    """True when ``ds`` is backed by Oxigraph (a store directory, or in memory with
    ``engine="oxigraph"``); :func:`is_on_disk` tells the two apart.

    >>> is_persistent(open_dataset()), is_persistent(open_dataset(engine="oxigraph"))
    (False, True)
    """
    return native_store(ds) is not None


def is_on_disk(ds: Dataset) -> bool:
    """True when ``ds`` is a persistent Oxigraph store directory.

    >>> is_on_disk(open_dataset(engine="oxigraph"))
    False
    """
    return getattr(ds.store, "dipkg_path", None) is not None


def close_dataset(ds: Dataset) -> None:
    """Flush and close ``ds`` (releases an Oxigraph store's lock); no-op in memory."""
    inner = native_store(ds)
    if inner is not None:
        if is_on_disk(ds):
            try:
                inner.flush()
            except OSError:
                pass
        ds.store.close()


_OX_FORMATS = {"trig": "TRIG", "turtle": "TURTLE", "nquads": "N_QUADS", "nt": "N_TRIPLES",
               "json-ld": "JSON_LD", "xml": "RDF_XML", "n3": "N3"}  # fmt: skip


def open_dataset(
    path: str | Path | None = None, *, create: bool = False, read_only: bool = False, engine: str = "rdflib"
) -> Dataset:
    """Open a dataset.

    - ``None``: a new empty in-memory dataset;
    - a directory: a persistent Oxigraph store (``create=True`` makes a new one,
      with the ontology loaded; ``read_only=True`` for readers such as a server);
    - a file ``.trig .ttl .nq .nt .jsonld .rdf .xml``: parsed into memory.

    In memory, ``engine="rdflib"`` (default) is rdflib's own store and
    ``engine="oxigraph"`` an in-memory Oxigraph store behind the same Dataset
    API: it parses big files several times faster and answers SPARQL far faster.

    >>> import tempfile, os
    >>> d = tempfile.mkdtemp()
    >>> ds = open_dataset(os.path.join(d, "store"), create=True)
    >>> is_persistent(ds)
    True
    >>> close_dataset(ds)
    """
    if engine not in ("rdflib", "oxigraph"):
        raise StoreError(f"unknown engine {engine!r}; use 'rdflib' or 'oxigraph'")
    if path is None:
        return _memory(engine)
    p = Path(path)
    fmt = RDF_FORMATS.get(p.suffix.lower())
    if fmt is None or p.is_dir():
        return _open_oxigraph(p, create=create, read_only=read_only)
    if not p.exists():
        raise StoreError(f"graph file {str(p)!r} does not exist; check the path or build it with dipkg build")
    ds = _memory(engine)
    try:
        inner = native_store(ds)
        if inner is None:
            ds.parse(str(p), format=fmt)
        else:
            import pyoxigraph as ox

            inner.load(path=str(p), format=getattr(ox.RdfFormat, _OX_FORMATS[fmt]))
    except Exception as exc:  # parsers raise many types (SyntaxError, ValueError, rdflib's own...)
        raise StoreError(f"cannot parse {str(p)!r} as {fmt}: {exc}; is it a complete {fmt} file?") from exc
    return ds


def _memory(engine: str) -> Dataset:
    from kg.ontology import bind_prefixes

    if engine == "oxigraph":
        import pyoxigraph as ox

        ds = Dataset(store=_oxigraph_store_class()(store=ox.Store()))
    else:
        ds = Dataset()
    bind_prefixes(ds)
    return ds
