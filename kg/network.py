"""The actor–actor network: events as a table, a networkx projection, alliances and blocs.

``to_dataframe`` gives one row per event dyad (actor -> recipient; the parties
of a reciprocal event pairwise, in IRI order). ``to_networkx`` folds the dyads
into a MultiDiGraph: one edge per (actor, recipient, event type), keyed by the
type, with ``count``, ``dates``, ``sign`` (+1 cooperation, quad classes 1-2;
-1 conflict, quads 3-4) and ``weight`` (= count). Nodes are all actors of the
graph (IRI strings) with ``label``, ``type``, ``iso3`` and ``country``.

``alliance_graph`` is the signed, undirected view used by ``blocs``: backing
and promises (AGREE, SUPPORT, COOPERATE, AID) and leadership/membership are
positive ties; ACCUSE, REJECT, THREATEN, SANCTION, MOBILIZE, COERCE and
ASSAULT are negative. Meetings (CONSULT) are neither.

>>> from kg.query import load_example
>>> g = to_networkx(load_example())
>>> g.number_of_nodes(), g.number_of_edges()
(6, 4)
>>> sorted(len(b) for b in blocs(load_example()))
[3]
"""
from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

from kg.query import GraphLike, _python, open_graph

if TYPE_CHECKING:
    import networkx as nx
    import pandas as pd

__all__ = [
    "NEGATIVE_TYPES",
    "POSITIVE_TYPES",
    "alliance_graph",
    "blocs",
    "centrality",
    "to_dataframe",
    "to_networkx",
]

DIP = "https://w3id.org/dipkg/ontology#"
#: Event types that count as a positive (allied) tie in :func:`alliance_graph`.
POSITIVE_TYPES = frozenset({"AGREE", "SUPPORT", "COOPERATE", "AID"})
#: Event types that count as a negative (hostile) tie in :func:`alliance_graph`.
NEGATIVE_TYPES = frozenset({"ACCUSE", "REJECT", "THREATEN", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"})
#: Strength of a leaderOf/memberOf tie in :func:`alliance_graph` (as the strongest event types).
LEADERSHIP_STRENGTH = 10.0
_ACTOR_TYPES = ("Person", "Country", "Government", "ArmedGroup", "IGO", "Organization", "Actor")
_PREFIX = "PREFIX dip: <https://w3id.org/dipkg/ontology#>\nPREFIX prov: <http://www.w3.org/ns/prov#>\n"
_EVENTS = _PREFIX + """PREFIX schema: <https://schema.org/>
SELECT ?event ?eventType ?reciprocal ?date ?mode ?context ?confidence ?evidence ?reportedBy
       ?start ?end ?quad ?document
WHERE {
  GRAPH ?g {
    ?event a dip:Event ; dip:eventType ?eventType .
    OPTIONAL { ?event dip:reciprocal ?reciprocal } OPTIONAL { ?event dip:date ?date }
    OPTIONAL { ?event dip:mode ?mode } OPTIONAL { ?event dip:context ?context }
    OPTIONAL { ?event dip:confidence ?confidence } OPTIONAL { ?event dip:evidence ?evidence }
    OPTIONAL { ?event dip:reportedBy ?reportedBy } OPTIONAL { ?event dip:charStart ?start }
    OPTIONAL { ?event dip:charEnd ?end } OPTIONAL { ?event dip:quadClass ?quad }
    OPTIONAL { ?event prov:wasDerivedFrom ?doc }
  }
  OPTIONAL { ?doc schema:identifier ?document }
}"""
_PARTIES = _PREFIX + """SELECT ?event ?role ?actor WHERE {
  GRAPH ?g {
    ?event a dip:Event .
    { ?event dip:actor ?actor BIND("actor" AS ?role) }
    UNION { ?event dip:recipient ?actor BIND("recipient" AS ?role) }
    UNION { ?event dip:topic ?actor BIND("topic" AS ?role) }
  }
}"""
_ACTORS = _PREFIX + """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?actor ?cls ?label ?iso3 ?countryIso WHERE {
  VALUES ?cls { %s }
  ?actor a ?cls .
  OPTIONAL { ?actor rdfs:label ?label } OPTIONAL { ?actor dip:iso3 ?iso3 }
  OPTIONAL { ?actor dip:country ?c . ?c dip:iso3 ?countryIso }
}""" % " ".join(f"dip:{t}" for t in _ACTOR_TYPES)
_TIES = _PREFIX + """SELECT ?member ?kind ?group WHERE {
  { ?member dip:leaderOf ?group BIND("leaderOf" AS ?kind) }
  UNION { ?member dip:memberOf ?group BIND("memberOf" AS ?kind) }
}"""


def _select(g: Any, sparql: str) -> list[dict[str, Any]]:
    result = g.query(sparql)
    names = [str(v) for v in result.vars]
    return [{n: _python(row.get(v)) for n, v in zip(names, result.vars)} for row in result]


def _quad(event_type: str, stated: Any) -> int | None:
    if stated is not None:
        return int(stated)
    from kg.ontology import plover_info

    try:
        return plover_info(event_type)[0]
    except Exception:  # noqa: BLE001 - unknown type: no quad class
        return None


def _actors(g: Any) -> dict[str, dict[str, Any]]:
    actors: dict[str, dict[str, Any]] = {}
    for row in _select(g, _ACTORS):
        iri = row["actor"]
        node = actors.setdefault(iri, {"label": None, "type": "Actor", "iso3": None, "country": None})
        kind = row["cls"].rsplit("#", 1)[-1]
        if _ACTOR_TYPES.index(kind) < _ACTOR_TYPES.index(node["type"]):
            node["type"] = kind
        for key, col in (("label", "label"), ("iso3", "iso3"), ("country", "countryIso")):
            if node[key] is None and row[col] is not None:
                node[key] = str(row[col])
    for node in actors.values():
        node["country"] = node["country"] or node["iso3"]
    return actors


def _records(g: Any) -> tuple[list[dict[str, Any]], dict[str, dict[str, Any]]]:
    """Dyad rows and the actor table of ``g``."""
    actors = _actors(g)
    events: dict[str, dict[str, Any]] = {}
    for row in _select(g, _EVENTS):
        ev = events.setdefault(row["event"], {**row, "documents": []})
        if row["document"] and row["document"] not in ev["documents"]:
            ev["documents"].append(row["document"])
    parties: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for row in _select(g, _PARTIES):
        parties[row["event"]][row["role"]].add(row["actor"])

    def label(iri: str | None) -> str | None:
        return None if iri is None else (actors.get(iri, {}).get("label") or iri.rsplit("/", 1)[-1])

    rows = []
    for iri, ev in events.items():
        who, whom = sorted(parties[iri]["actor"]), sorted(parties[iri]["recipient"])
        reciprocal = bool(ev["reciprocal"])
        if reciprocal and len(who) > 1:
            dyads = [(a, b) for i, a in enumerate(who) for b in who[i + 1:]]
        else:
            dyads = [(a, b) for a in who or [None] for b in whom or [None]]
        etype = str(ev["eventType"]).rsplit("#", 1)[-1]
        quad = _quad(etype, ev["quad"])
        topics = "; ".join(sorted(label(t) for t in parties[iri]["topic"]))
        for a, b in dyads:
            rows.append({
                "event": iri, "document": "; ".join(sorted(ev["documents"])) or None,
                "date": ev["date"], "type": etype, "quad": quad,
                "sign": 0 if quad is None else (1 if quad <= 2 else -1),
                "actor": a, "actor_label": label(a), "recipient": b, "recipient_label": label(b),
                "reciprocal": reciprocal, "mode": ev["mode"], "context": ev["context"],
                "topics": topics or None, "confidence": ev["confidence"], "reported_by": ev["reportedBy"],
                "evidence": ev["evidence"], "char_start": ev["start"], "char_end": ev["end"],
            })  # fmt: skip
    rows.sort(key=lambda r: (r["date"] is None, r["date"] or "", r["event"], r["actor"] or "", r["recipient"] or ""))
    for a in {r[k] for r in rows for k in ("actor", "recipient")} - {None} - set(actors):
        actors[a] = {"label": label(a), "type": "Actor", "iso3": None, "country": None}
    return rows, actors


def to_dataframe(graph: GraphLike) -> pd.DataFrame:
    """The events of ``graph`` as a DataFrame, one row per dyad, in date order.

    >>> from kg.query import load_example
    >>> to_dataframe(load_example())[["type", "actor_label", "recipient_label"]].values.tolist()[0]
    ['CONSULT', 'Emmanuel Macron', 'Vladimir Putin']
    """
    import pandas as pd

    rows, _ = _records(open_graph(graph))
    columns = [
        "event", "document", "date", "type", "quad", "sign", "actor", "actor_label", "recipient",
        "recipient_label", "reciprocal", "mode", "context", "topics", "confidence", "reported_by",
        "evidence", "char_start", "char_end",
    ]  # fmt: skip
    return pd.DataFrame(rows, columns=columns)


def to_networkx(graph: GraphLike) -> nx.MultiDiGraph:
    """Actor–actor projection: a MultiDiGraph with one edge per (actor, recipient, event type).

    Edge keys are the PLOVER type; attributes ``type``, ``count``, ``weight``,
    ``sign``, ``quad``, ``reciprocal``, ``dates`` (sorted ISO strings), ``first_date``,
    ``last_date``, ``events``, ``documents``, ``evidence`` (lists). Every actor of the
    graph is a node, events or not.

    >>> from kg.query import load_example
    >>> g = to_networkx(load_example())
    >>> g.edges["https://w3id.org/dipkg/id/country/RUS",
    ...         "https://w3id.org/dipkg/id/armedgroup/libyan-national-army", "SUPPORT"]["sign"]
    1
    """
    import networkx as nx

    rows, actors = _records(open_graph(graph))
    out = nx.MultiDiGraph(name="dipkg actor network")
    for iri in sorted(actors):
        out.add_node(iri, **{k: v for k, v in actors[iri].items() if v is not None})
    for r in rows:
        if r["actor"] is None or r["recipient"] is None:
            continue
        u, v, key = r["actor"], r["recipient"], r["type"]
        if not out.has_edge(u, v, key):
            out.add_edge(u, v, key, type=key, count=0, weight=0, sign=r["sign"], quad=r["quad"], reciprocal=False,
                         dates=[], events=[], documents=[], evidence=[])  # fmt: skip
        d = out.edges[u, v, key]
        if r["event"] not in d["events"]:
            d["events"].append(r["event"])
            d["count"] = d["weight"] = len(d["events"])
            if r["evidence"] and r["evidence"] not in d["evidence"]:
                d["evidence"].append(r["evidence"])
        d["reciprocal"] = d["reciprocal"] or r["reciprocal"]
        for doc in (r["document"] or "").split("; "):
            if doc and doc not in d["documents"]:
                d["documents"].append(doc)
        if r["date"] and r["date"] not in d["dates"]:
            d["dates"] = sorted([*d["dates"], r["date"]])
        d["first_date"], d["last_date"] = (d["dates"][0], d["dates"][-1]) if d["dates"] else (None, None)
    for _, _, d in out.edges(data=True):
        for key in ("first_date", "last_date", "quad"):
            if d.get(key) is None:
                d.pop(key, None)
    return out


def _projection(graph: GraphLike | nx.Graph) -> nx.MultiDiGraph:
    import networkx as nx

    return graph if isinstance(graph, nx.Graph) else to_networkx(graph)


def _strength(kind: str) -> float:
    """Tie strength: the magnitude of the PLOVER score (AGREE 2.5 ... AID 10, ASSAULT 9); leadership 10."""
    if kind in ("leaderOf", "memberOf"):
        return LEADERSHIP_STRENGTH
    from kg.ontology import plover_info

    try:
        return abs(plover_info(kind)[1]) or 1.0
    except Exception:  # noqa: BLE001 - unknown type: unit strength
        return 1.0


def alliance_graph(graph: GraphLike) -> nx.Graph:
    """Signed undirected graph of alliances and hostilities between actors.

    Edge attributes: ``positive`` and ``negative`` (numbers of events; a
    leaderOf/memberOf tie counts as one positive), ``weight`` = the signed sum of
    tie strengths (|PLOVER score| of each event: AGREE 2.5, SUPPORT 5, AID 10,
    ACCUSE 3, ASSAULT 9...; leadership/membership 10), ``sign`` of the weight
    (-1, 0, +1) and ``types`` (sorted). Only actors with such ties are nodes.

    >>> from kg.query import load_example
    >>> sorted((d["sign"], d["weight"]) for _, _, d in alliance_graph(load_example()).edges(data=True))
    [(1, 5.0), (1, 5.0)]
    """
    import networkx as nx

    g = open_graph(graph)
    proj = to_networkx(g)
    out = nx.Graph(name="dipkg alliances")

    def tie(u: str, v: str, kind: str, count: int, positive: bool) -> None:
        for n in (u, v):
            if n not in out:
                out.add_node(n, **proj.nodes[n]) if n in proj else out.add_node(n)
        if not out.has_edge(u, v):
            out.add_edge(u, v, positive=0, negative=0, weight=0.0, types=[])
        d = out.edges[u, v]
        d["positive" if positive else "negative"] += count
        d["weight"] += (1 if positive else -1) * count * _strength(kind)
        d["types"] = sorted({*d["types"], kind})

    for u, v, key, d in proj.edges(keys=True, data=True):
        if u != v and (key in POSITIVE_TYPES or key in NEGATIVE_TYPES):
            tie(u, v, key, d["count"], key in POSITIVE_TYPES)
    for row in _select(g, _TIES):
        if row["member"] != row["group"] and (row["member"] in out or row["group"] in out):
            tie(row["member"], row["group"], row["kind"], 1, True)
    for _, _, d in out.edges(data=True):
        d["sign"] = (d["weight"] > 0) - (d["weight"] < 0)
    return out


def blocs(graph: GraphLike | nx.Graph, *, labels: bool = False) -> list[set[str]]:
    """Blocs of actors under weak structural balance: allies inside, enemies across.

    Correlation clustering on the signed :func:`alliance_graph`: start from single
    actors and repeatedly merge the two blocs with the strongest net positive tie
    (sum of signed weights between them) while it is positive, so a strong
    hostility (an assault) keeps apart blocs that weak ties (a promise) would join;
    then move single actors to the bloc that most lowers the frustration (negative
    weight inside blocs plus positive weight across) until no move helps.
    Largest blocs first; actors without ties are left out. ``graph`` may be an
    alliance graph already (undirected, ``weight`` on edges); ``labels`` gives names.

    >>> from kg.query import load_example
    >>> [sorted(b) for b in blocs(load_example(), labels=True)]
    [['France', 'Libyan National Army', 'Russia']]
    """
    import networkx as nx

    a = graph if isinstance(graph, nx.Graph) and not graph.is_directed() else alliance_graph(graph)
    nodes = sorted(n for n in a if a.degree(n))
    assign = {n: i for i, n in enumerate(nodes)}
    net: dict[int, dict[int, float]] = defaultdict(lambda: defaultdict(float))
    for u, v, d in a.edges(data=True):
        if u != v:
            net[assign[u]][assign[v]] += d["weight"]
            net[assign[v]][assign[u]] += d["weight"]
    while True:
        pairs = [(w, i, j) for i, row in net.items() for j, w in row.items() if i < j and w > 0]
        if not pairs:
            break
        _, i, j = max(pairs, key=lambda t: (t[0], -t[1], -t[2]))
        for k, w in net.pop(j).items():  # merge bloc j into bloc i
            net[k].pop(j, None)
            if k != i:
                net[i][k] += w
                net[k][i] += w
        net[i].pop(i, None)
        for n in nodes:
            if assign[n] == j:
                assign[n] = i

    def cost(n: str, bloc: int) -> float:
        total = 0.0
        for m, d in a[n].items():
            same = assign[m] == bloc
            if (d["weight"] > 0 and not same) or (d["weight"] < 0 and same):
                total += abs(d["weight"])
        return total

    for _ in range(len(nodes) + 1):
        moved = False
        for n in nodes:
            fresh = max(assign.values()) + 1  # a bloc of its own
            options = sorted({assign[m] for m in a[n] if m in assign} | {assign[n], fresh})
            best = min(options, key=lambda b: (cost(n, b), b != assign[n], b))
            if cost(n, best) < cost(n, assign[n]) - 1e-9:
                assign[n], moved = best, True
        if not moved:
            break
    groups: dict[int, set[str]] = defaultdict(set)
    for n, b in assign.items():
        groups[b].add(n)

    def name(n: str) -> str:
        return str(a.nodes[n].get("label") or n)

    result = sorted(groups.values(), key=lambda s: (-len(s), min(name(n) for n in s)))
    return [{name(n) for n in s} for s in result] if labels else result


def centrality(graph: GraphLike | nx.Graph) -> pd.DataFrame:
    """Per actor: events, counterparts (degree), in/out event counts, degree and betweenness centrality.

    A reciprocal event counts as both initiated (out) and received (in) by each party.
    Computed on the projection (or the MultiDiGraph given); sorted by degree, then events.

    >>> from kg.query import load_example
    >>> df = centrality(load_example()).set_index("label")
    >>> df.loc["Vladimir Putin", ["degree", "events"]].tolist()
    [2, 2]
    """
    import networkx as nx
    import pandas as pd

    proj = _projection(graph)
    simple = nx.Graph()
    simple.add_nodes_from(proj)
    simple.add_edges_from((u, v) for u, v in proj.edges() if u != v)
    betweenness = nx.betweenness_centrality(simple) if len(simple) else {}
    degree_c = nx.degree_centrality(simple) if len(simple) > 1 else {n: 0.0 for n in simple}
    rows = []
    for n, attrs in proj.nodes(data=True):
        out_e, in_e = list(proj.out_edges(n, data=True)), list(proj.in_edges(n, data=True))
        both = [d for _, _, d in out_e + in_e if d.get("reciprocal")]  # reciprocal: each party acts
        out_ev = {e for d in [d for _, _, d in out_e] + both for e in d.get("events", [])}
        in_ev = {e for d in [d for _, _, d in in_e] + both for e in d.get("events", [])}
        rows.append({
            "actor": n, "label": attrs.get("label", n), "type": attrs.get("type"),
            "events": len(out_ev | in_ev), "degree": simple.degree(n), "out_events": len(out_ev),
            "in_events": len(in_ev), "degree_centrality": round(degree_c.get(n, 0.0), 6),
            "betweenness": round(betweenness.get(n, 0.0), 6),
        })  # fmt: skip
    df = pd.DataFrame(rows, columns=["actor", "label", "type", "events", "degree", "out_events", "in_events",
                                     "degree_centrality", "betweenness"])  # fmt: skip
    return df.sort_values(["degree", "events", "label"], ascending=[False, False, True], ignore_index=True)
