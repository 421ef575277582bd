"""SPARQL query results: the answer record, its serializations and content negotiation.

SELECT/ASK answers as SPARQL 1.1 Query Results JSON, XML, CSV or TSV;
CONSTRUCT/DESCRIBE graphs as Turtle, N-Triples, RDF/XML or JSON-LD. The
output format comes from a ``format=`` parameter, else the ``Accept`` header
(with ``q`` weights), else the default (JSON, Turtle). Used by
:mod:`kg.serve`; no HTTP here.

>>> fmt = negotiate("SELECT", "text/csv", [])
>>> fmt, media_type(QueryAnswer(kind="SELECT"), fmt)
('csv', 'text/csv')
>>> serialize(QueryAnswer(kind="SELECT", variables=["x"]), fmt)
b'x\\r\\n'
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kg.errors import DipkgError

__all__ = ["GRAPH_TYPES", "RESULT_TYPES", "HttpError", "QueryAnswer", "media_type", "negotiate", "serialize"]

RESULT_TYPES = {  # SELECT / ASK
    "application/sparql-results+json": "json", "application/json": "json",
    "application/sparql-results+xml": "xml", "application/xml": "xml", "text/xml": "xml",
    "text/csv": "csv", "text/tab-separated-values": "tsv",
}
GRAPH_TYPES = {  # CONSTRUCT / DESCRIBE
    "text/turtle": "turtle", "application/x-turtle": "turtle", "application/turtle": "turtle",
    "application/n-triples": "nt", "text/plain": "nt",
    "application/rdf+xml": "xml", "application/xml": "xml", "text/xml": "xml",
    "application/ld+json": "json-ld", "application/json": "json-ld",
}
_MEDIA = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml", "csv": "text/csv",
          "tsv": "text/tab-separated-values", "turtle": "text/turtle", "nt": "application/n-triples",
          "json-ld": "application/ld+json"}
_FORMAT_ALIASES = {"json": "json", "xml": "xml", "csv": "csv", "tsv": "tsv", "turtle": "turtle", "ttl": "turtle",
                   "n3": "turtle", "nt": "nt", "ntriples": "nt", "rdf+xml": "xml", "rdfxml": "xml",
                   "json-ld": "json-ld", "jsonld": "json-ld"}


@dataclass
class QueryAnswer:
    """One query's answer: ``kind`` SELECT, ASK, CONSTRUCT or DESCRIBE."""

    kind: str
    variables: list[str] = field(default_factory=list)
    rows: list[tuple[Any, ...]] = field(default_factory=list)
    boolean: bool | None = None
    graph: Any = None
    truncated: bool = False


class HttpError(DipkgError):
    """An answer other than 200, with its status and a one-line message."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def _escape_nt(text: str) -> str:
    return (text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
            .replace("\r", "\\r").replace("\t", "\\t"))


def _nt(term: Any) -> str:
    from rdflib import BNode, Literal
    from rdflib.namespace import XSD

    if term is None:
        return ""
    if isinstance(term, Literal):
        out = '"' + _escape_nt(str(term)) + '"'
        if term.language:
            return out + "@" + term.language
        if term.datatype is not None and term.datatype != XSD.string:
            return out + "^^<" + str(term.datatype) + ">"
        return out
    if isinstance(term, BNode):
        return "_:" + str(term)
    return "<" + str(term) + ">"


def _json_term(term: Any) -> dict[str, str]:
    from rdflib import BNode, Literal
    from rdflib.namespace import XSD

    if isinstance(term, Literal):
        out = {"type": "literal", "value": str(term)}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype is not None and term.datatype != XSD.string:
            out["datatype"] = str(term.datatype)
        return out
    return {"type": "bnode" if isinstance(term, BNode) else "uri", "value": str(term)}


def _xml_term(term: Any) -> str:
    from xml.sax.saxutils import escape, quoteattr

    from rdflib import BNode, Literal
    from rdflib.namespace import XSD

    if isinstance(term, Literal):
        if term.language:
            return f"<literal xml:lang={quoteattr(term.language)}>{escape(str(term))}</literal>"
        if term.datatype is not None and term.datatype != XSD.string:
            return f"<literal datatype={quoteattr(str(term.datatype))}>{escape(str(term))}</literal>"
        return f"<literal>{escape(str(term))}</literal>"
    if isinstance(term, BNode):
        return f"<bnode>{escape(str(term))}</bnode>"
    return f"<uri>{escape(str(term))}</uri>"


def serialize(answer: QueryAnswer, fmt: str) -> bytes:
    """The answer in ``fmt``: json, xml, csv, tsv (SELECT/ASK) or turtle, nt, xml, json-ld (graphs).

    >>> serialize(QueryAnswer(kind="ASK", boolean=True), "json")
    b'{"head": {}, "boolean": true}'
    """
    import csv
    import io
    import json
    from xml.sax.saxutils import quoteattr

    if answer.graph is not None:
        return answer.graph.serialize(format=fmt, encoding="utf-8")
    if fmt == "json":
        if answer.kind == "ASK":
            return json.dumps({"head": {}, "boolean": answer.boolean}).encode()
        bindings = [{v: _json_term(t) for v, t in zip(answer.variables, row) if t is not None} for row in answer.rows]
        return json.dumps({"head": {"vars": answer.variables}, "results": {"bindings": bindings}},
                          ensure_ascii=False).encode("utf-8")
    if fmt == "xml":
        out = ['<?xml version="1.0" encoding="utf-8"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">',
               "<head>" + "".join(f"<variable name={quoteattr(v)}/>" for v in answer.variables) + "</head>"]
        if answer.kind == "ASK":
            out.append(f"<boolean>{'true' if answer.boolean else 'false'}</boolean>")
        else:
            out.append("<results>")
            for row in answer.rows:
                cells = "".join(f"<binding name={quoteattr(v)}>{_xml_term(t)}</binding>"
                                for v, t in zip(answer.variables, row) if t is not None)
                out.append(f"<result>{cells}</result>")
            out.append("</results>")
        out.append("</sparql>\n")
        return "\n".join(out).encode("utf-8")
    if answer.kind == "ASK":  # no standard; the convention of Apache Jena
        return f"_askResult\r\n{'true' if answer.boolean else 'false'}\r\n".encode()
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(answer.variables)
        for row in answer.rows:
            writer.writerow(["" if t is None else ("_:" + str(t) if _json_term(t)["type"] == "bnode" else str(t))
                             for t in row])
        return buffer.getvalue().encode("utf-8")
    lines = ["\t".join("?" + v for v in answer.variables)]
    lines.extend("\t".join(_nt(t) for t in row) for row in answer.rows)
    return ("\n".join(lines) + "\n").encode("utf-8")


def negotiate(kind: str, accept: str | None, formats: list[str]) -> str:
    """The output format for a query ``kind``: from ``format=`` values, else ``Accept``, else the default.

    >>> negotiate("SELECT", "text/csv;q=0.5, application/sparql-results+xml", [])
    'xml'
    >>> negotiate("CONSTRUCT", "*/*", ["turtle"])
    'turtle'
    """
    graph = kind in ("CONSTRUCT", "DESCRIBE")
    table = GRAPH_TYPES if graph else RESULT_TYPES
    allowed = set(table.values())
    for value in formats:  # SPARQLWrapper and browsers: format=json, format=text/csv ...
        value = value.strip().lower()
        fmt = _FORMAT_ALIASES.get(value) or table.get(value)
        if fmt in allowed:
            return fmt
    default = "turtle" if graph else "json"
    if not accept:
        return default
    ranked = []
    for n, part in enumerate(accept.split(",")):
        media, *params = [p.strip() for p in part.split(";")]
        q = 1.0
        for param in params:
            if param.startswith("q="):
                try:
                    q = float(param[2:])
                except ValueError:
                    q = 0.0
        if q > 0:
            ranked.append((-q, n, media.lower()))
    for _, _, media in sorted(ranked):
        if media in table:
            return table[media]
        if media in ("*/*", "application/*", "text/*"):
            return default
    raise HttpError(406, f"cannot answer a {kind} query as {accept!r}; accepted: {', '.join(sorted(table))}")


def media_type(answer: QueryAnswer, fmt: str) -> str:
    """The ``Content-Type`` (without charset) of ``answer`` serialized as ``fmt``.

    >>> media_type(QueryAnswer(kind="ASK"), "xml"), media_type(QueryAnswer(kind="CONSTRUCT", graph=1), "xml")
    ('application/sparql-results+xml', 'application/rdf+xml')
    """
    return "application/rdf+xml" if answer.graph is not None and fmt == "xml" else _MEDIA[fmt]
