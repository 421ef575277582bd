"""SPARQL over a dipkg graph: named queries (``kg/queries/*.rq``) and ad hoc ones.

Results come back as a pandas DataFrame (SELECT), a bool (ASK) or an rdflib
Graph (CONSTRUCT/DESCRIBE). Parameters are never formatted into the query
text: they are bound with ``initBindings`` (rdflib) which Oxigraph applies as
SEP-0007 substitutions. Oxigraph only substitutes variables that the query
projects, so a named query's parameters always appear in its SELECT clause.

A named query starts with a comment header::

    # description: Events of one actor in date order.
    # param: actor (IRI or label) the actor, e.g. "Vladimir Putin"
    # param: recipient (IRI or label, optional) only events towards this actor

Parameter kinds: ``IRI or label`` (an actor: an IRI, a local id such as
``country/FRA`` or a label/alternative label, resolved by a query with a
bound literal), ``IRI``, ``string``, ``integer``, ``date``. Optional
parameters left out stay free variables (no filtering).

>>> [q.name for q in list_queries()][:3]
['actor_ranking', 'actor_timeline', 'co_occurring_actors']
>>> ds = load_example()
>>> df = run_query(ds, "who_supports_whom", params={"recipient": "Libyan National Army"})
>>> sorted(df["supporterLabel"])
['France', 'Russia']
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Union

from rdflib import BNode, ConjunctiveGraph, Dataset, Graph, Literal, URIRef

from kg.errors import InputError, StoreError

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "ParamInfo",
    "QueryInfo",
    "get_query",
    "list_queries",
    "load_example",
    "open_graph",
    "resolve_actor",
    "run_query",
]

GraphLike = Union[Graph, str, Path]

DIP = "https://w3id.org/dipkg/ontology#"
DIPID = "https://w3id.org/dipkg/id/"
_KINDS = {"iri or label": "actor", "iri": "iri", "string": "string", "integer": "integer", "date": "date"}
_HEADER = re.compile(r"^#\s*(description|param)\s*:\s*(.*)$")
_PARAM = re.compile(r"^(\w+)\s*\(([^)]*)\)\s*(.*)$")
_XSD = "http://www.w3.org/2001/XMLSchema#"
_DATE_TYPES = {URIRef(_XSD + t) for t in ("date", "dateTime", "gYear", "gYearMonth")}
_ACTOR_CLASSES = " ".join(
    f"<{DIP}{c}>" for c in ("Actor", "Person", "Country", "Organization", "Government", "ArmedGroup", "IGO")
)
_RESOLVE = f"""
SELECT DISTINCT ?actor ?name ?preferred WHERE {{
  VALUES ?cls {{ {_ACTOR_CLASSES} }}
  ?actor a ?cls .
  {{ ?actor <http://www.w3.org/2000/01/rdf-schema#label> ?l . BIND(1 AS ?preferred) }}
  UNION {{ ?actor <http://www.w3.org/2004/02/skos/core#altLabel> ?l . BIND(2 AS ?preferred) }}
  FILTER(LCASE(STR(?l)) = LCASE(STR(?name)))
}}"""

_LABELS = f"""
SELECT DISTINCT ?actor ?l WHERE {{
  VALUES ?cls {{ {_ACTOR_CLASSES} }}
  ?actor a ?cls .
  {{ ?actor <http://www.w3.org/2000/01/rdf-schema#label> ?l }} UNION {{ ?actor <http://www.w3.org/2004/02/skos/core#altLabel> ?l }}
}}"""


@dataclass(frozen=True)
class ParamInfo:
    """One declared parameter of a named query."""

    name: str
    kind: str = "string"
    description: str = ""
    optional: bool = False


@dataclass(frozen=True)
class QueryInfo:
    """A named query: its name (file stem), description, parameters and text."""

    name: str
    description: str
    parameters: list[ParamInfo] = field(default_factory=list)
    sparql: str = ""


def _parse_header(name: str, text: str) -> QueryInfo:
    description, params = "", []
    for line in text.splitlines():
        if not line.startswith("#"):
            if line.strip():
                break
            continue
        m = _HEADER.match(line.strip())
        if not m:
            continue
        key, value = m.groups()
        if key == "description":
            description = (description + " " + value).strip()
            continue
        pm = _PARAM.match(value.strip())
        if not pm:
            raise InputError(f"query {name!r}: bad param line {line!r}; use '# param: NAME (KIND) text'")
        pname, kind_text, pdesc = pm.groups()
        parts = [p.strip().lower() for p in kind_text.split(",")]
        optional = "optional" in parts
        kinds = [p for p in parts if p != "optional"]
        kind = _KINDS.get(kinds[0] if kinds else "string")
        if kind is None:
            raise InputError(f"query {name!r}: unknown param kind {kind_text!r}; use one of {', '.join(_KINDS)}")
        params.append(ParamInfo(pname, kind, pdesc.strip(), optional))
    return QueryInfo(name, description, params, text)


def list_queries() -> list[QueryInfo]:
    """The named queries shipped in ``kg/queries``, sorted by name.

    >>> "who_met_whom" in [q.name for q in list_queries()]
    True
    """
    folder = resources.files("kg").joinpath("queries")
    infos = [
        _parse_header(entry.name[:-3], entry.read_text(encoding="utf-8"))
        for entry in folder.iterdir()
        if entry.name.endswith(".rq")
    ]
    return sorted(infos, key=lambda q: q.name)


def get_query(name: str) -> QueryInfo:
    """The named query ``name``; raises InputError listing the known names.

    >>> get_query("actor_timeline").parameters[0].name
    'actor'
    """
    for info in list_queries():
        if info.name == name:
            return info
    names = ", ".join(q.name for q in list_queries())
    raise InputError(f"unknown query {name!r}; use one of: {names} (see `dipkg queries`)")


def open_graph(graph: GraphLike) -> Graph:
    """``graph`` itself, or the dataset at a path: a store folder (opened read-only) or an RDF file.

    An RDF file is loaded into an in-memory Oxigraph store, whose SPARQL engine is
    much faster than rdflib's on large graphs; the answers are the same.
    """
    if isinstance(graph, Graph):
        return graph
    path = Path(graph)
    if not path.exists():
        raise StoreError(f"no graph at {str(path)!r}; give a store folder or an RDF file (e.g. out/graph.trig)")
    if path.is_file():
        ds = _oxigraph_from_file(path)
        if ds is not None:
            return ds
    from kg.store import open_dataset

    return open_dataset(path, read_only=path.is_dir())


def _oxigraph_from_file(path: Path) -> Dataset | None:
    """``path`` loaded into an in-memory Oxigraph store behind rdflib's Dataset (None: use rdflib)."""
    try:
        import pyoxigraph as ox

        from kg.store import _oxigraph_store_class
    except ImportError:  # optional speed-up only
        return None
    fmt = ox.RdfFormat.from_extension(path.suffix.lstrip(".").lower())
    if fmt is None:
        return None
    inner = ox.Store()
    try:
        inner.bulk_load(path=str(path), format=fmt)
    except (SyntaxError, ValueError, OSError) as exc:
        message = " ".join(str(exc).split())[:200]
        raise StoreError(f"cannot read {str(path)!r} as {fmt.name}: {message}; is it a complete {fmt.name} file?") from exc
    ds = Dataset(store=_oxigraph_store_class()(store=inner))
    from kg.ontology import bind_prefixes

    bind_prefixes(ds)
    return ds


_EXAMPLE = """
@prefix dip: <https://w3id.org/dipkg/ontology#> . @prefix dipid: <https://w3id.org/dipkg/id/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> . @prefix prov: <http://www.w3.org/ns/prov#> .
@prefix schema: <https://schema.org/> .
dipid:person\\/vladimir-putin a dip:Person ; rdfs:label "Vladimir Putin" ; skos:altLabel "Putin" .
dipid:person\\/emmanuel-macron a dip:Person ; rdfs:label "Emmanuel Macron" .
dipid:person\\/recep-tayyip-erdogan a dip:Person ; rdfs:label "Recep Tayyip Erdogan" .
dipid:country\\/RUS a dip:Country ; rdfs:label "Russia" .
dipid:country\\/FRA a dip:Country ; rdfs:label "France" .
dipid:armedgroup\\/libyan-national-army a dip:ArmedGroup ; rdfs:label "Libyan National Army" .
dipid:doc\\/d1 a schema:NewsArticle ; schema:identifier "d1" .
dipid:doc\\/d2 a schema:NewsArticle ; schema:identifier "d2" .
dipid:graph\\/d1 {
  dipid:event\\/d1-1 a dip:Event ; dip:eventType dip:CONSULT ; dip:reciprocal true ; dip:mode "phone" ;
    dip:actor dipid:person\\/vladimir-putin, dipid:person\\/emmanuel-macron ;
    dip:date "2020-06-26"^^xsd:date ; prov:wasDerivedFrom dipid:doc\\/d1 .
  dipid:event\\/d1-2 a dip:Event ; dip:eventType dip:SUPPORT ; dip:actor dipid:country\\/RUS ;
    dip:recipient dipid:armedgroup\\/libyan-national-army ; prov:wasDerivedFrom dipid:doc\\/d1 .
  dipid:event\\/d1-3 a dip:Event ; dip:eventType dip:SUPPORT ; dip:actor dipid:country\\/FRA ;
    dip:recipient dipid:armedgroup\\/libyan-national-army ; prov:wasDerivedFrom dipid:doc\\/d1 .
}
dipid:graph\\/d2 {
  dipid:event\\/d2-1 a dip:Event ; dip:eventType dip:CONSULT ; dip:reciprocal true ; dip:mode "phone" ;
    dip:actor dipid:person\\/vladimir-putin, dipid:person\\/recep-tayyip-erdogan ;
    dip:date "2021-12-03"^^xsd:date ; prov:wasDerivedFrom dipid:doc\\/d2 .
}
"""


def load_example() -> Dataset:
    """A tiny in-memory dataset for examples: 6 actors, 2 documents, 4 events.

    >>> len(list(load_example().graphs()))
    3
    """
    ds = Dataset()
    ds.parse(data=_EXAMPLE, format="trig")
    return ds


def _is_iri(value: str) -> bool:
    return bool(re.match(r"^(https?|urn|file):", value))


def resolve_actor(graph: GraphLike, value: str | URIRef) -> URIRef:
    """The IRI of an actor given as IRI, local id (``country/FRA``) or label (any case).

    A label or alternative label matching the text exactly wins; otherwise a
    label containing every word of the text ("macron" -> "Emmanuel Macron").
    No match or several matches raise InputError.

    >>> resolve_actor(load_example(), "putin")
    rdflib.term.URIRef('https://w3id.org/dipkg/id/person/vladimir-putin')
    """
    if isinstance(value, URIRef):
        return value
    text = str(value).strip()
    if text.startswith("<") and text.endswith(">"):
        return URIRef(text[1:-1])
    if _is_iri(text):
        return URIRef(text)
    g = open_graph(graph)
    if re.fullmatch(r"[a-z]+/[\w.\-]+", text) and (URIRef(DIPID + text), None, None) in g:
        return URIRef(DIPID + text)
    rows = list(g.query(_RESOLVE, initBindings={"name": Literal(text)}))
    if rows:
        best = min(int(r[2]) for r in rows)
        found = sorted({str(r[0]) for r in rows if int(r[2]) == best})
    else:  # every word of the text is a word of a label: "macron" -> "Emmanuel Macron"
        words = text.lower().split()
        labelled = g.query(_LABELS)
        found = sorted({str(r[0]) for r in labelled if words and set(words) <= set(str(r[1]).lower().split())})
    if not found:
        raise InputError(f"no actor named {text!r} in the graph; give its IRI or a label (e.g. 'Vladimir Putin')")
    if len(found) > 1:
        raise InputError(f"actor name {text!r} is ambiguous ({', '.join(found)}); give the IRI")
    return URIRef(found[0])


def _bind(graph: Graph, info: QueryInfo | None, params: dict[str, Any]) -> dict[str, Any]:
    declared = {p.name: p for p in info.parameters} if info else {}
    if info is not None:
        unknown = sorted(set(params) - set(declared))
        if unknown:
            allowed = ", ".join(declared) or "none"
            raise InputError(f"query {info.name!r} has no parameter {unknown[0]!r}; its parameters: {allowed}")
        missing = [p.name for p in info.parameters if not p.optional and params.get(p.name) in (None, "")]
        if missing:
            raise InputError(f"query {info.name!r} needs parameter {missing[0]!r}: add --param {missing[0]}=VALUE")
    bindings: dict[str, Any] = {}
    for key, value in params.items():
        if value is None:
            continue
        kind = declared[key].kind if key in declared else ("iri" if _is_iri(str(value)) else "string")
        bindings[key] = _typed(graph, key, kind, value)
    return bindings


def _typed(graph: Graph, key: str, kind: str, value: Any) -> Any:
    if isinstance(value, (URIRef, Literal, BNode)):
        return value
    text = str(value)
    if kind == "actor":
        return resolve_actor(graph, text)
    if kind == "iri":
        return URIRef(text[1:-1] if text.startswith("<") else text)
    if kind == "integer":
        try:
            return Literal(int(text))
        except ValueError:
            raise InputError(f"parameter {key!r} must be an integer, got {text!r}") from None
    if kind == "date":
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            raise InputError(f"parameter {key!r} must be a date YYYY-MM-DD, got {text!r}")
        return Literal(text, datatype=URIRef(_XSD + "date"))
    return Literal(text)


def _python(term: Any) -> Any:
    if term is None:
        return None
    if isinstance(term, URIRef):
        return str(term)
    if isinstance(term, BNode):
        return f"_:{term}"
    if isinstance(term, Literal):
        if term.datatype in _DATE_TYPES:
            return str(term)
        value = term.toPython()
        if isinstance(value, Decimal):
            return float(value)
        if isinstance(value, (bool, int, float, str)):
            return value
        return str(term)
    return str(term)


def run_query(
    graph: GraphLike,
    name: str | None = None,
    *,
    sparql: str | None = None,
    params: dict[str, Any] | None = None,
) -> pd.DataFrame | bool | Graph:
    """Run the named query ``name`` or the query text ``sparql`` on ``graph``.

    ``graph`` is a Dataset (memory or Oxigraph) or a path opened with
    :func:`kg.store.open_dataset`. SELECT gives a DataFrame (IRIs and dates as
    strings, numbers as numbers, unbound as None); ASK a bool; CONSTRUCT a Graph.

    >>> df = run_query(load_example(), "contacts", params={"actor": "Putin"})
    >>> df[["partnerLabel", "date"]].values.tolist()
    [['Emmanuel Macron', '2020-06-26'], ['Recep Tayyip Erdogan', '2021-12-03']]
    >>> run_query(load_example(), sparql="ASK { ?s ?p ?o }")
    True
    """
    import pandas as pd

    if (name is None) == (sparql is None):
        raise InputError("give a query name or SPARQL text (not both); see `dipkg queries`")
    info = get_query(name) if name is not None else None
    text = info.sparql if info is not None else str(sparql)
    g = open_graph(graph)
    if info is not None and not isinstance(g, ConjunctiveGraph):
        raise InputError(
            f"query {info.name!r} needs a dataset (events in one named graph per document), not a plain Graph; "
            "pass a Dataset, a .trig/.nq file or a store folder"
        )
    bindings = _bind(g, info, dict(params or {}))
    try:
        result = g.query(text, initBindings=bindings)
    except Exception as exc:  # noqa: BLE001 - rdflib/pyparsing/oxigraph errors
        raise _query_error(exc, info, bindings) from exc
    if result.type == "ASK":
        return bool(result.askAnswer)
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        out = Graph()
        for prefix, ns in g.namespaces():
            out.bind(prefix, ns)
        for triple in result.graph or ():
            out.add(triple)
        return out
    columns = [str(v) for v in result.vars or []]
    try:
        rows = [[_python(row.get(v) if hasattr(row, "get") else None) for v in result.vars] for row in result]
    except Exception as exc:  # noqa: BLE001 - lazy evaluation errors surface here
        raise _query_error(exc, info, bindings) from exc
    return pd.DataFrame(rows, columns=columns)


def _query_error(exc: Exception, info: QueryInfo | None, bindings: dict[str, Any]) -> InputError:
    message = " ".join(str(exc).split())[:300]
    where = f"query {info.name!r}" if info else "SPARQL query"
    if "projection" in message and bindings:
        return InputError(f"{where}: parameters ({', '.join(bindings)}) must be variables of the SELECT clause")
    return InputError(f"{where} failed: {message}; check the syntax (SPARQL 1.1)")
