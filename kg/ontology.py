"""The dipkg ontology: namespaces, the closed ``DIP`` vocabulary and the PLOVER scheme.

The Turtle file ``kg/ontology.ttl`` is the source of labels and comments; ``DIP``
lists the same terms, closed, so a typo raises instead of minting a wrong IRI.

>>> DIP.CONSULT
rdflib.term.URIRef('https://w3id.org/dipkg/ontology#CONSULT')
>>> plover_info("ACCUSE")
(3, -3.0, '11')
>>> DIPID["country/FRA"]
rdflib.term.URIRef('https://w3id.org/dipkg/id/country/FRA')
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS, XSD, DefinedNamespace

from kg.errors import InputError

__all__ = [
    "DIP",
    "DIPID",
    "EVENT_TYPES",
    "ONTOLOGY_IRI",
    "SCHEMA",
    "SEM",
    "WD",
    "bind_prefixes",
    "cameo_goldstein",
    "event_type_iri",
    "literal_date",
    "load_ontology",
    "plover_info",
    "prefixes",
]

#: Instances: actors, events, documents, graphs, runs.
DIPID = Namespace("https://w3id.org/dipkg/id/")
#: Simple Event Model.
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
#: schema.org (https, as in ONTOLOGY.md).
SCHEMA = Namespace("https://schema.org/")
#: Wikidata entities.
WD = Namespace("http://www.wikidata.org/entity/")
#: The ontology document itself.
ONTOLOGY_IRI = URIRef("https://w3id.org/dipkg/ontology")


class DIP(DefinedNamespace):
    """The dipkg ontology ``https://w3id.org/dipkg/ontology#`` (closed: unknown names raise)."""

    _fail = True
    _NS = Namespace("https://w3id.org/dipkg/ontology#")

    # classes
    Actor: URIRef
    Person: URIRef
    Country: URIRef
    Organization: URIRef
    Government: URIRef
    ArmedGroup: URIRef
    IGO: URIRef
    Event: URIRef
    Mention: URIRef
    ExtractionRun: URIRef
    # event properties
    eventType: URIRef
    actor: URIRef
    recipient: URIRef
    reciprocal: URIRef
    mode: URIRef
    context: URIRef
    detail: URIRef
    date: URIRef
    topic: URIRef
    cameoCode: URIRef
    quadClass: URIRef
    goldstein: URIRef
    confidence: URIRef
    evidence: URIRef
    charStart: URIRef
    charEnd: URIRef
    reportedBy: URIRef
    trigger: URIRef
    sameEventAs: URIRef
    mergeKey: URIRef
    # actor properties
    iso3: URIRef
    country: URIRef
    role: URIRef
    leaderOf: URIRef
    memberOf: URIRef
    # mention properties
    mentionOf: URIRef
    surface: URIRef
    # provenance and bookkeeping
    extractorVersion: URIRef
    model: URIRef
    contentHash: URIRef
    # concept properties
    score: URIRef
    cameoRoot: URIRef
    # concept schemes
    PLOVER: URIRef
    CAMEO: URIRef
    # PLOVER event types
    AGREE: URIRef
    CONSULT: URIRef
    SUPPORT: URIRef
    CONCEDE: URIRef
    COOPERATE: URIRef
    AID: URIRef
    RETREAT: URIRef
    REQUEST: URIRef
    ACCUSE: URIRef
    REJECT: URIRef
    THREATEN: URIRef
    PROTEST: URIRef
    SANCTION: URIRef
    MOBILIZE: URIRef
    COERCE: URIRef
    ASSAULT: URIRef
    # CAMEO root codes
    CAMEO01: URIRef
    CAMEO02: URIRef
    CAMEO03: URIRef
    CAMEO04: URIRef
    CAMEO05: URIRef
    CAMEO06: URIRef
    CAMEO07: URIRef
    CAMEO08: URIRef
    CAMEO09: URIRef
    CAMEO10: URIRef
    CAMEO11: URIRef
    CAMEO12: URIRef
    CAMEO13: URIRef
    CAMEO14: URIRef
    CAMEO15: URIRef
    CAMEO16: URIRef
    CAMEO17: URIRef
    CAMEO18: URIRef
    CAMEO19: URIRef
    CAMEO20: URIRef


#: The 16 PLOVER event types, in the manual's order.
EVENT_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip

_PREFIXES = {
    "dip": Namespace(str(DIP._NS)),
    "dipid": DIPID,
    "schema": SCHEMA,
    "prov": PROV,
    "sem": SEM,
    "skos": SKOS,
    "owl": OWL,
    "rdf": RDF,
    "rdfs": RDFS,
    "xsd": XSD,
    "wd": WD,
}


def bind_prefixes(g: Graph) -> Graph:
    """Bind the project's prefixes (dip, dipid, schema, prov, sem, skos...) on ``g``; returns ``g``.

    >>> g = bind_prefixes(Graph())
    >>> dict(g.namespaces())["dipid"]
    rdflib.term.URIRef('https://w3id.org/dipkg/id/')
    """
    for prefix, ns in _PREFIXES.items():
        g.bind(prefix, ns, override=True, replace=True)
    return g


def prefixes() -> dict[str, str]:
    """Prefix -> namespace IRI, e.g. for SPARQL ``initNs`` or a PREFIX header.

    >>> prefixes()["dip"]
    'https://w3id.org/dipkg/ontology#'
    """
    return {k: str(v) for k, v in _PREFIXES.items()}


@lru_cache(maxsize=1)
def _ontology_text() -> str:
    return resources.files("kg").joinpath("ontology.ttl").read_text(encoding="utf-8")


def load_ontology() -> Graph:
    """The ontology as a new Graph (parsed from the packaged ``ontology.ttl``).

    >>> g = load_ontology()
    >>> (DIP.CONSULT, SKOS.inScheme, DIP.PLOVER) in g
    True
    """
    g = Graph()
    g.parse(data=_ontology_text(), format="turtle")
    return bind_prefixes(g)


@lru_cache(maxsize=1)
def _concept_table() -> dict[str, tuple[int, float, str]]:
    g = load_ontology()
    table = {}
    for name in EVENT_TYPES:
        c = DIP[name]
        table[name] = (
            int(g.value(c, DIP.quadClass)),
            float(g.value(c, DIP.score)),
            str(g.value(c, DIP.cameoRoot)),
        )
    return table


@lru_cache(maxsize=1)
def _goldstein_table() -> dict[str, float]:
    g = load_ontology()
    return {
        str(g.value(c, SKOS.notation)): float(v)
        for c, v in g.subject_objects(DIP.goldstein)
        if (c, SKOS.inScheme, DIP.CAMEO) in g
    }


def plover_info(event_type: str) -> tuple[int, float, str]:
    """``(quad class, PLOVER score, CAMEO root)`` of a PLOVER type (case-insensitive).

    >>> plover_info("consult")
    (1, 2.5, '04')
    """
    table = _concept_table()
    key = str(event_type).upper()
    if key not in table:
        raise InputError(
            f"unknown PLOVER event type {event_type!r}; use one of {', '.join(EVENT_TYPES)}"
        )
    return table[key]


def cameo_goldstein(code: str) -> float | None:
    """Goldstein score of a CAMEO root or root-level code ("04", "040"), None if not a root code.

    >>> cameo_goldstein("040"), cameo_goldstein("18"), cameo_goldstein("042")
    (1.0, -9.0, None)
    """
    code = str(code)
    if len(code) == 3 and code.endswith("0"):
        code = code[:2]
    return _goldstein_table().get(code) if len(code) == 2 else None


def event_type_iri(event_type: str) -> URIRef:
    """The concept IRI of a PLOVER type.

    >>> event_type_iri("consult")
    rdflib.term.URIRef('https://w3id.org/dipkg/ontology#CONSULT')
    """
    plover_info(event_type)
    return DIP[str(event_type).upper()]


def literal_date(value: str) -> Literal:
    """An ISO date at its precision as a typed literal (xsd:date, xsd:gYearMonth or xsd:gYear).

    >>> literal_date("2019-08").datatype == XSD.gYearMonth
    True
    """
    text = str(value).strip()
    parts = text.split("-")
    ok = all(p.isdigit() for p in parts) and len(parts[0]) == 4
    if ok and len(parts) == 1:
        return Literal(text, datatype=XSD.gYear)
    if ok and len(parts) == 2 and len(parts[1]) == 2:
        return Literal(text, datatype=XSD.gYearMonth)
    if ok and len(parts) == 3 and len(parts[1]) == 2 and len(parts[2]) == 2:
        return Literal(text, datatype=XSD.date)
    raise InputError(f"bad date {value!r}: use ISO 'YYYY-MM-DD', 'YYYY-MM' or 'YYYY'")
