"""Export a graph: RDF serializations of the dataset, or the actor network for Gephi/Cytoscape.

RDF formats are written by Oxigraph's serializers, which keep every literal's
lexical form (rdflib's Turtle writer rewrites ``"1"^^xsd:decimal`` as ``1.0``):

- ``trig``, ``nq``, ``jsonld``: the dataset as it is, default graph and one named
  graph per document;
- ``ttl``, ``nt``, ``xml``: these formats hold one graph, so the UNION of the
  default graph and all named graphs is written (event-to-document links are
  kept by ``prov:wasDerivedFrom``; the graph names are lost).

Network formats come from :func:`kg.network.to_networkx` (an edge per actor
pair and event type): ``graphml`` and ``gexf`` (list attributes joined with
``"; "``; in GEXF the edge attribute ``type`` is written as ``event_type``,
because GEXF reserves it), ``cytoscape`` (Cytoscape.js JSON, read back by
``networkx.cytoscape_graph``) and ``csv`` (the event table of
:func:`kg.network.to_dataframe`: one row per actor -> recipient dyad).

>>> import tempfile, pathlib
>>> from kg.query import load_example
>>> out = pathlib.Path(tempfile.mkdtemp()) / "g.graphml"
>>> export(load_example(), out).name
'g.graphml'
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rdflib import Graph
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from kg.errors import InputError, StoreError
from kg.query import GraphLike, open_graph

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["FORMATS", "NETWORK_FORMATS", "RDF_FORMATS", "export", "format_for", "to_cytoscape", "union_graph"]

#: RDF formats: name -> (pyoxigraph format name, keeps named graphs).
RDF_FORMATS = {
    "trig": ("TRIG", True),
    "nq": ("N_QUADS", True),
    "jsonld": ("JSON_LD", True),
    "ttl": ("TURTLE", False),
    "nt": ("N_TRIPLES", False),
    "xml": ("RDF_XML", False),
}
NETWORK_FORMATS = ("graphml", "gexf", "csv", "cytoscape")
FORMATS = tuple(RDF_FORMATS) + NETWORK_FORMATS
_SUFFIXES = {
    ".trig": "trig", ".nq": "nq", ".jsonld": "jsonld", ".ttl": "ttl", ".nt": "nt", ".rdf": "xml",
    ".xml": "xml", ".owl": "xml", ".graphml": "graphml", ".gexf": "gexf", ".csv": "csv",
    ".cyjs": "cytoscape", ".json": "cytoscape",
}  # fmt: skip


def format_for(path: str | Path) -> str:
    """The export format implied by a file name.

    >>> format_for("out/graph.gexf"), format_for("net.cyjs")
    ('gexf', 'cytoscape')
    """
    suffix = Path(path).suffix.lower()
    if suffix not in _SUFFIXES:
        raise InputError(f"cannot tell the format of {str(path)!r}; give --format (one of {', '.join(FORMATS)})")
    return _SUFFIXES[suffix]


def union_graph(graph: GraphLike) -> Graph:
    """All triples of the dataset (default and named graphs) in one Graph.

    >>> from kg.query import load_example
    >>> len(union_graph(load_example())) == len(list(load_example().quads()))
    True
    """
    ds = open_graph(graph)
    out = Graph()
    for prefix, ns in ds.namespaces():
        out.bind(prefix, ns, override=True)
    quads = ds.quads((None, None, None, None)) if hasattr(ds, "quads") else ((s, p, o, None) for s, p, o in ds)
    for s, p, o, _ in quads:
        out.add((s, p, o))
    return out


def _prefixes(g: Graph) -> dict[str, str]:
    wanted = {"dip", "dipid", "schema", "prov", "sem", "skos", "owl", "rdf", "rdfs", "xsd", "wd"}
    return {p: str(ns) for p, ns in g.namespaces() if p in wanted}


def _write_rdf(ds: Graph, path: Path, fmt: str) -> None:
    import pyoxigraph as ox

    from kg.store import ox_quad, ox_term

    ox_format, quads = RDF_FORMATS[fmt]
    if quads and hasattr(ds, "quads"):
        items: Any = (
            ox_quad(s, p, o, None if g is None or g == DATASET_DEFAULT_GRAPH_ID else g)
            for s, p, o, g in ds.quads((None, None, None, None))
        )
    else:
        items = (ox.Triple(ox_term(s), ox_term(p), ox_term(o)) for s, p, o in union_graph(ds))
    ox.serialize(items, str(path), format=getattr(ox.RdfFormat, ox_format), prefixes=_prefixes(ds))


def _flat(value: Any) -> Any:
    if isinstance(value, (list, tuple, set)):
        return "; ".join(str(v) for v in value)
    return value


def _flatten(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy with list attributes joined by ``"; "`` and None values dropped (GraphML/GEXF)."""
    out = g.__class__()
    out.graph.update({k: _flat(v) for k, v in g.graph.items() if v is not None})
    for n, d in g.nodes(data=True):
        out.add_node(n, **{k: _flat(v) for k, v in d.items() if v is not None})
    for u, v, key, d in g.edges(keys=True, data=True):
        out.add_edge(u, v, key=key, **{k: _flat(x) for k, x in d.items() if x is not None})
    return out


def to_cytoscape(graph: GraphLike | nx.MultiDiGraph) -> dict[str, Any]:
    """Cytoscape.js JSON (``{"elements": {"nodes": [...], "edges": [...]}, ...}``) of the projection.

    Node data: ``id`` (IRI), ``name`` (label) and the node attributes; edge data:
    ``id``, ``source``, ``target``, ``key`` (event type) and the edge attributes.

    >>> from kg.query import load_example
    >>> data = to_cytoscape(load_example())
    >>> len(data["elements"]["nodes"]), len(data["elements"]["edges"])
    (6, 4)
    """
    import networkx as nx

    from kg.network import to_networkx

    g = graph if isinstance(graph, nx.Graph) else to_networkx(graph)
    data = nx.cytoscape_data(g, name="name", ident="id")
    for node in data["elements"]["nodes"]:
        node["data"]["name"] = g.nodes[node["data"]["id"]].get("label", node["data"]["id"])
    for edge in data["elements"]["edges"]:
        d = edge["data"]
        d["id"] = f"{d['source']}|{d['target']}|{d.get('key', d.get('type', ''))}"
    return data


def export(graph: GraphLike, path: str | Path, *, format: str | None = None) -> Path:  # noqa: A002
    """Write ``graph`` (a Dataset or a store/file path) to ``path`` in ``format``.

    ``format`` is one of :data:`FORMATS`; by default it follows the file suffix.
    Returns the path written.
    """
    path = Path(path)
    fmt = (format or format_for(path)).lower()
    if fmt not in FORMATS:
        raise InputError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    ds = open_graph(graph)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if fmt in RDF_FORMATS:
            _write_rdf(ds, path, fmt)
        elif fmt == "csv":
            from kg.network import to_dataframe

            to_dataframe(ds).to_csv(path, index=False)
        elif fmt == "cytoscape":
            path.write_text(json.dumps(to_cytoscape(ds), ensure_ascii=False, indent=1), encoding="utf-8")
        else:
            import networkx as nx

            from kg.network import to_networkx

            flat = _flatten(to_networkx(ds))
            if fmt == "graphml":
                nx.write_graphml(flat, str(path))
            else:  # GEXF reserves an edge's "type" (directed/undirected): use event_type, label, id
                for u, v, key, d in flat.edges(keys=True, data=True):
                    d["event_type"] = d.pop("type", key)
                    d["label"] = d["event_type"]
                    d["id"] = f"{u}|{v}|{key}"
                nx.write_gexf(flat, str(path))
    except OSError as exc:
        raise StoreError(f"cannot write {str(path)!r}: {exc.strerror or exc}; check the folder and permissions") from exc
    return path
