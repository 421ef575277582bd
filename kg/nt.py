"""N-Triples / N-Quads text for rdflib terms: the fast way into an Oxigraph store.

Writing a document's few hundred triples as N-Quads text and letting Oxigraph
parse it (in Rust, in one transaction) is several times cheaper than building
pyoxigraph terms one by one from Python.

>>> from rdflib import Literal, URIRef
>>> term_nt(Literal('say "hi"\\n', lang="en"))
'"say \\\\"hi\\\\"\\\\n"@en'
>>> nquads([(URIRef("http://x/s"), URIRef("http://x/p"), Literal(2))], graph=URIRef("http://x/g"))
'<http://x/s> <http://x/p> "2"^^<http://www.w3.org/2001/XMLSchema#integer> <http://x/g> .'
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from rdflib import BNode, Literal, URIRef

__all__ = ["escape_literal", "is_valid_iri", "nquads", "term_nt", "triple_nt"]

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"})
_BAD_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')


def escape_literal(text: str) -> str:
    """The body of an N-Triples string literal (quotes, backslashes and line breaks escaped).

    >>> escape_literal('a "b"')
    'a \\\\"b\\\\"'
    """
    return text.translate(_ESCAPES)


def is_valid_iri(text: str) -> bool:
    """True when ``text`` can be written as ``<text>`` (absolute, no space or forbidden character).

    >>> is_valid_iri("https://example.org/a b"), is_valid_iri("https://example.org/a")
    (False, True)
    """
    return ":" in text and not _BAD_IRI.search(text)


@lru_cache(maxsize=65536)
def _iri_nt(iri: str) -> str:
    if not is_valid_iri(iri):
        raise ValueError(f"{iri!r} is not a valid IRI")
    return "<" + iri + ">"


def term_nt(term: Any) -> str:
    """One rdflib term in N-Triples syntax (``xsd:string`` literals written plain).

    Raises ``ValueError`` for an IRI that N-Triples cannot carry.
    """
    if type(term) is URIRef:  # the common case first: this runs for every term of a build
        return _iri_nt(str(term))
    if isinstance(term, Literal):
        out = '"' + str(term).translate(_ESCAPES) + '"'
        if term.language:
            return out + "@" + term.language
        datatype = term.datatype
        if datatype is not None and str(datatype) != _XSD_STRING:
            return out + _iri_nt(str(datatype)).join(("^^", ""))
        return out
    if isinstance(term, BNode):
        return "_:" + str(term)
    if isinstance(term, URIRef):
        return _iri_nt(str(term))
    raise TypeError(f"not an RDF term: {term!r}")


def triple_nt(triple: tuple) -> str:
    """``s p o`` in N-Triples syntax, without the final dot."""
    s, p, o = triple
    return f"{term_nt(s)} {term_nt(p)} {term_nt(o)}"


def nquads(triples: Iterable[tuple], graph: Any = None) -> str:
    """N-Quads lines for ``triples``, in named graph ``graph`` (None: the default graph)."""
    tail = " ." if graph is None else " " + term_nt(graph) + " ."
    return "\n".join(triple_nt(t) + tail for t in triples)
