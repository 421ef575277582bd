"""SHACL validation of a dataset against ``kg/shapes/core.ttl`` (with pyshacl).

Shapes are checked on the union of all graphs (actors and documents live in
the default graph, events and mentions in the documents' named graphs).

>>> from kg.build import build_graph
>>> from kg.records import Document, Event, Extraction
>>> ev = Event(type="SUPPORT", actors=["country/CHL"], recipients=["country/PER"],
...            evidence="Chile backed Peru.", char_start=0, char_end=18, confidence=0.9)
>>> report = validate(build_graph([Extraction(document=Document(id="d", text="Chile backed Peru."), events=[ev])]))
>>> report.conforms, report.violations
(True, [])
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import RDF, SH

from kg.ontology import bind_prefixes, prefixes

__all__ = ["ValidationReport", "Violation", "validate"]


@dataclass(frozen=True)
class Violation:
    """One SHACL result: the node, the property path, the message (and the graph holding the node)."""

    focus: str
    path: str
    message: str
    severity: str = "Violation"
    value: str | None = None
    graph: str | None = None

    def __str__(self) -> str:
        where = f" (in {self.graph})" if self.graph else ""
        value = f" [value {self.value}]" if self.value is not None else ""
        return f"{self.severity}: {self.focus}{where} {self.path}: {self.message}{value}"


@dataclass
class ValidationReport:
    """``conforms`` and the readable ``violations``; ``str(report)`` gives one line per violation."""

    conforms: bool
    violations: list[Violation] = field(default_factory=list)

    def __str__(self) -> str:
        if self.conforms:
            return "conforms: yes"
        lines = [f"conforms: no ({len(self.violations)} violation(s))"]
        lines += [str(v) for v in self.violations]
        return "\n".join(lines)


@lru_cache(maxsize=1)
def _shapes_text() -> str:
    return resources.files("kg").joinpath("shapes/core.ttl").read_text(encoding="utf-8")


def shapes_graph() -> Graph:
    """The core SHACL shapes as a Graph."""
    return Graph().parse(data=_shapes_text(), format="turtle")


def _union(ds: Dataset) -> Graph:
    g = bind_prefixes(Graph())
    for s, p, o, _ in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    return g


def _graph_of(ds: Dataset) -> dict:
    """Event/mention node -> name of the named graph holding it."""
    q = "SELECT ?n ?g WHERE { GRAPH ?g { ?n a ?t } }"
    return {n: g for n, g in ds.query(q)}


def validate(ds: Dataset | Graph) -> ValidationReport:
    """Validate ``ds`` against the core shapes; violations sorted by focus node and path."""
    from pyshacl import validate as shacl_validate

    data = _union(ds) if isinstance(ds, Dataset) else ds
    conforms, results, _text = shacl_validate(
        data, shacl_graph=shapes_graph(), inference="none", abort_on_first=False, allow_warnings=True
    )
    where = _graph_of(ds) if isinstance(ds, Dataset) and not conforms else {}
    names = sorted(prefixes().items(), key=lambda kv: -len(kv[1]))

    def short(term: object) -> str:
        if isinstance(term, URIRef):
            for prefix, ns in names:
                if str(term).startswith(ns):
                    return prefix + ":" + str(term)[len(ns):]
            return f"<{term}>"
        return str(term)

    violations = []
    for r in results.subjects(RDF.type, SH.ValidationResult):
        focus = results.value(r, SH.focusNode)
        value = results.value(r, SH.value)
        graph = where.get(focus)
        violations.append(
            Violation(
                focus=short(focus),
                path=short(results.value(r, SH.resultPath)),
                message=str(results.value(r, SH.resultMessage) or "does not conform"),
                severity=str(results.value(r, SH.resultSeverity)).rsplit("#", 1)[-1],
                value=None if value is None else short(value),
                graph=None if graph is None else short(graph),
            )
        )
    violations.sort(key=lambda v: (v.focus, v.path, v.message))
    return ValidationReport(conforms=bool(conforms), violations=violations)
