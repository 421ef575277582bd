"""Pictures of the graph: one self-contained interactive HTML page, static PNGs.

The page needs no network: its script, style and data are inlined, the layout
is computed here (networkx ``spring_layout``) and drawn as SVG by a small
vanilla script (``kg/static/viz.js``). Nodes are actors (shape and colour by
actor type), edges are events (colour by PLOVER type, solid for material and
dashed for verbal acts, green-blue for cooperation and orange-red for
conflict); tooltips show the evidence sentence and its source; filters by
event type and date range; a timeline of the events below the network.

>>> from kg.store import open_dataset
>>> import tempfile, pathlib
>>> ds = open_dataset()
>>> out = pathlib.Path(tempfile.mkdtemp()) / "graph.html"
>>> write_html(ds, out, title="Empty") == out
True
>>> "<svg" in out.read_text(encoding="utf-8")
True
"""
from __future__ import annotations

import html
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

from kg.assets import fill_template, read_asset
from kg.errors import DipkgError

__all__ = ["ACTOR_STYLE", "EVENT_STYLE", "page_data", "render_html", "write_html", "write_png", "write_timeline"]

_DIPID = "https://w3id.org/dipkg/id/"

#: Actor types, most specific first: an actor typed ``dip:ArmedGroup`` and
#: ``dip:Organization`` is drawn as an armed group.
ACTOR_STYLE: dict[str, tuple[str, str]] = {
    "Person": ("#6a3d9a", "square"),
    "Country": ("#1f78b4", "circle"),
    "Government": ("#33a02c", "diamond"),
    "ArmedGroup": ("#b15928", "triangle"),
    "IGO": ("#17becf", "hexagon"),
    "Organization": ("#7f7f7f", "pentagon"),
    "Actor": ("#999999", "circle"),
}

#: PLOVER event type -> (quad class, colour). Quads 1-2 cooperation, 3-4 conflict;
#: 1 and 3 verbal (dashed edges), 2 and 4 material (solid).
EVENT_STYLE: dict[str, tuple[int, str]] = {
    "AGREE": (1, "#74c476"),
    "CONSULT": (1, "#2b8cbe"),
    "SUPPORT": (1, "#238b45"),
    "CONCEDE": (1, "#66c2a4"),
    "COOPERATE": (2, "#006d2c"),
    "AID": (2, "#08519c"),
    "RETREAT": (2, "#6baed6"),
    "REQUEST": (3, "#fdae6b"),
    "ACCUSE": (3, "#e6550d"),
    "REJECT": (3, "#fd8d3c"),
    "THREATEN": (3, "#d94801"),
    "PROTEST": (4, "#fb6a4a"),
    "SANCTION": (4, "#a50f15"),
    "MOBILIZE": (4, "#cb181d"),
    "COERCE": (4, "#67000d"),
    "ASSAULT": (4, "#000000"),
}

_DOCS_QUERY = """
SELECT ?d ?id ?headline ?url ?publisher ?date WHERE {
  ?d <https://schema.org/identifier> ?id .
  OPTIONAL { ?d <https://schema.org/headline> ?headline }
  OPTIONAL { ?d <https://schema.org/url> ?url }
  OPTIONAL { ?d <https://schema.org/publisher> ?publisher }
  OPTIONAL { ?d <https://schema.org/datePublished> ?date }
}"""


def _local(iri: Any) -> str:
    """``dipid:country/FRA`` -> ``country/FRA``; other IRIs unchanged."""
    text = str(iri)
    return text[len(_DIPID):] if text.startswith(_DIPID) else text


def _period(date: str | None) -> tuple[str, str] | None:
    """First and last day of an ISO date at any precision.

    >>> _period("2019-08"), _period("2011"), _period("2020-06-26")
    (('2019-08-01', '2019-08-31'), ('2011-01-01', '2011-12-31'), ('2020-06-26', '2020-06-26'))
    """
    import calendar

    if not date:
        return None
    m = re.fullmatch(r"(-?\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", date[:10])
    if not m:
        return None
    year, month, day = m.groups()
    if day:
        return f"{year}-{month}-{day}", f"{year}-{month}-{day}"
    if month:
        last = calendar.monthrange(int(year), int(month))[1]
        return f"{year}-{month}-01", f"{year}-{month}-{last:02d}"
    return f"{year}-01-01", f"{year}-12-31"


def page_data(graph: Any, *, seed: int = 7) -> dict[str, Any]:
    """Actors (with layout positions), events and their sources, as plain JSON data.

    Built on :func:`kg.network.to_networkx` (nodes: every actor of the graph, also
    those without events; edges: one per actor, recipient and event type) and
    :func:`kg.network.to_dataframe` (the events, one row per dyad).

    >>> from kg.store import open_dataset
    >>> page_data(open_dataset())["actors"]
    []
    """
    from kg.network import to_dataframe, to_networkx

    projection = to_networkx(graph)
    frame = to_dataframe(graph)
    rows = frame.astype(object).where(frame.notna(), None).to_dict("records")
    docs: dict[str, dict[str, Any]] = {}
    for row in graph.query(_DOCS_QUERY):
        docs[str(row.id)] = {
            "id": str(row.id),
            "headline": str(row.headline) if row.headline is not None else None,
            "url": str(row.url) if row.url is not None else None,
            "publisher": str(row.publisher) if row.publisher is not None else None,
            "date": str(row.date) if row.date is not None else None,
        }

    events: dict[str, dict[str, Any]] = {}
    for row in rows:
        event = events.get(row["event"])
        if event is None:
            period = _period(str(row["date"]) if row["date"] is not None else None)
            event = events[row["event"]] = {
                "id": _local(row["event"]), "type": row["type"],
                "quad": int(row["quad"]) if row["quad"] is not None else EVENT_STYLE.get(row["type"], (0, ""))[0],
                "actors": [], "recipients": [], "reciprocal": bool(row["reciprocal"]),
                "date": str(row["date"]) if row["date"] is not None else None,
                "start": period[0] if period else None, "end": period[1] if period else None,
                "mode": row["mode"], "evidence": row["evidence"] or "", "reportedBy": row["reported_by"],
                "confidence": row["confidence"],
                "sources": [docs.get(d, {"id": d}) for d in (row["document"] or "").split("; ") if d],
            }  # fmt: skip
        parties = [row["actor"], row["recipient"]] if event["reciprocal"] else [row["actor"]]
        for key, who in (("actors", parties), ("recipients", [] if event["reciprocal"] else [row["recipient"]])):
            event[key] = sorted({*event[key], *(_local(w) for w in who if w is not None)})
    order = {iri: n for n, iri in enumerate(events)}
    event_list = list(events.values())

    actors: dict[str, dict[str, Any]] = {}
    for iri, attrs in projection.nodes(data=True):
        aid = _local(iri)
        actors[aid] = {"id": aid, "label": attrs.get("label") or aid.rsplit("/", 1)[-1],
                       "type": attrs.get("type", "Actor"), "iso3": attrs.get("iso3"), "country": attrs.get("country")}
    edges = [
        {"source": _local(u), "target": _local(v), "type": key, "directed": not d.get("reciprocal", False),
         "events": sorted(order[e] for e in d["events"] if e in order)}
        for u, v, key, d in sorted(projection.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2]))
    ]
    _layout(actors, edges, seed=seed)
    counts = Counter(aid for e in event_list for aid in set(e["actors"] + e["recipients"]))
    for aid, entry in actors.items():
        entry["events"] = counts.get(aid, 0)
    return {
        "actors": sorted(actors.values(), key=lambda a: a["id"]),
        "events": event_list,
        "edges": edges,
        "eventTypes": {t: {"quad": q, "color": c} for t, (q, c) in EVENT_STYLE.items()},
        "actorTypes": {t: {"color": c, "shape": s} for t, (c, s) in ACTOR_STYLE.items()},
    }


def _layout(actors: dict[str, dict[str, Any]], edges: list[dict[str, Any]], *, seed: int) -> None:
    """Positions in a 1000 x 640 box (in place): spring layout of the linked actors,
    actors without events in rows along the bottom, then overlaps pushed apart."""
    import networkx as nx

    g = nx.Graph()
    for edge in edges:
        weight = g.get_edge_data(edge["source"], edge["target"], {}).get("weight", 0)
        g.add_edge(edge["source"], edge["target"], weight=weight + len(edge["events"]))
    lonely = sorted(a for a in actors if a not in g)
    rows = (len(lonely) + 9) // 10
    bottom = 590 - 45 * max(rows - 1, 0) - (60 if lonely else 0)
    if len(g):
        for aid, (x, y) in _pack_components(g, seed=seed).items():
            actors[aid]["x"] = float(80 + 840 * x)
            actors[aid]["y"] = float(50 + (bottom - 50) * y)
    for n, aid in enumerate(lonely):
        row, col = divmod(n, 10)
        count = min(10, len(lonely) - 10 * row)
        actors[aid]["x"] = float(500 + (col - (count - 1) / 2) * 95)
        actors[aid]["y"] = float(600 - 45 * (rows - 1 - row))
        actors[aid]["labelBelow"] = col % 2 == 1
    placed = [actors[a] for a in sorted(actors)]
    for _ in range(50):  # push apart nodes closer than 70 units
        moved = False
        for i, a in enumerate(placed):
            for b in placed[i + 1:]:
                dx, dy = b["x"] - a["x"], b["y"] - a["y"]
                dist = (dx * dx + dy * dy) ** 0.5
                if dist < 70:
                    if dist < 1e-6:
                        dx, dy, dist = 1.0, 0.0, 1.0
                    push = (70 - dist) / 2 / dist
                    a["x"], a["y"] = a["x"] - dx * push, a["y"] - dy * push
                    b["x"], b["y"] = b["x"] + dx * push, b["y"] + dy * push
                    moved = True
        if not moved:
            break
    for a in placed:
        a["x"], a["y"] = round(a["x"], 1), round(a["y"], 1)


def _pack_components(g: Any, *, seed: int) -> dict[str, tuple[float, float]]:
    """Spring layout per connected component, components packed in rows; coordinates in [0, 1]."""
    import math

    import networkx as nx

    comps = sorted((sorted(c) for c in nx.connected_components(g)), key=lambda c: (-len(c), c[0]))
    sides = [math.sqrt(len(c)) for c in comps]
    width = max(max(sides), math.sqrt(sum(s * s for s in sides)) * 1.4)
    out: dict[str, tuple[float, float]] = {}
    x0 = y0 = row_h = 0.0
    for comp, side in zip(comps, sides):
        if x0 > 0 and x0 + side > width + 1e-9:
            x0, y0, row_h = 0.0, y0 + row_h, 0.0
        sub = g.subgraph(comp)
        pos = nx.spring_layout(sub, seed=seed, k=2.5 / math.sqrt(len(comp)), weight=None, iterations=300) \
            if len(comp) > 2 else \
            {n: (float(i), 0.5) for i, n in enumerate(comp)}
        xs = [p[0] for p in pos.values()]
        ys = [p[1] for p in pos.values()]
        sx, sy = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0
        for n, (x, y) in pos.items():
            fx = (x - min(xs)) / sx if len(comp) > 1 else 0.5
            fy = (y - min(ys)) / sy if max(ys) > min(ys) else 0.5
            out[n] = (x0 + side * (0.1 + 0.8 * fx), y0 + side * (0.1 + 0.8 * fy))
        x0 += side
        row_h = max(row_h, side)
    total_w = max(x for x, _ in out.values()) + 1e-9
    total_h = max(y for _, y in out.values()) + 1e-9
    min_x, min_y = min(x for x, _ in out.values()), min(y for _, y in out.values())
    span_x, span_y = (total_w - min_x) or 1.0, (total_h - min_y) or 1.0
    return {n: ((x - min_x) / span_x if span_x > 1e-6 else 0.5, (y - min_y) / span_y if span_y > 1e-6 else 0.5)
            for n, (x, y) in out.items()}


def _json_for_script(data: Any) -> str:
    """JSON safe inside ``<script>``: no ``<``, ``>``, ``&`` or JS line separators.

    >>> _json_for_script({"a": "</script><!--"})
    '{"a": "\\\\u003c/script\\\\u003e\\\\u003c!--"}'
    """
    text = json.dumps(data, ensure_ascii=False)
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escape)
    return text


def render_html(graph: Any, *, title: str | None = None) -> str:
    """The page as a string (see :func:`write_html`).

    >>> from kg.store import open_dataset
    >>> "<title>No events</title>" in render_html(open_dataset(), title="No events")
    True
    """
    data = page_data(graph)
    data["title"] = title or "dipkg graph"
    values = {
        "TITLE": html.escape(data["title"]),
        "STYLE": read_asset("static", "viz.css"),
        "SCRIPT": read_asset("static", "viz.js"),
        "DATA": _json_for_script(data),
    }
    return fill_template("graph.html", values)


def write_html(graph: Any, path: str | Path, *, title: str | None = None) -> Path:
    """Write one self-contained interactive HTML page of ``graph`` to ``path``.

    ``graph`` is an rdflib Dataset in dipkg's schema (see :func:`kg.store.open_dataset`).
    Returns the path written.

    >>> import tempfile, pathlib
    >>> from kg.store import open_dataset
    >>> write_html(open_dataset(), pathlib.Path(tempfile.mkdtemp()) / "g.html").name
    'g.html'
    """
    path = Path(path)
    text = render_html(graph, title=title)
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise _unwritable(path, exc) from exc
    return path


def write_png(graph: Any, path: str | Path, *, title: str | None = None, dpi: int = 150) -> Path:
    """Write a static picture of the actor network (matplotlib, Agg backend) to ``path``.

    Node shape and colour by actor type, edge colour by event type (dashed: verbal).

    >>> import tempfile, pathlib
    >>> from kg.store import open_dataset
    >>> write_png(open_dataset(), pathlib.Path(tempfile.mkdtemp()) / "g.png").read_bytes()[:4]
    b'\\x89PNG'
    """
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D

    data = page_data(graph)
    actors = {a["id"]: a for a in data["actors"]}
    fig = Figure(figsize=(11, 7.5))
    ax = fig.subplots()
    markers = {"circle": "o", "square": "s", "diamond": "D", "triangle": "^", "hexagon": "h", "pentagon": "p"}
    seen: Counter[tuple[str, str]] = Counter()
    for edge in data["edges"]:
        a, b = actors[edge["source"]], actors[edge["target"]]
        pair = tuple(sorted((a["id"], b["id"])))
        seen[pair] += 1
        rad = 0.08 + 0.15 * (seen[pair] - 1)
        quad, color = EVENT_STYLE.get(edge["type"], (0, "#999999"))
        ax.annotate("", xy=(b["x"], b["y"]), xytext=(a["x"], a["y"]), arrowprops={
            "arrowstyle": "-|>" if edge["directed"] else "-", "color": color, "lw": 1 + len(edge["events"]) ** 0.5,
            "linestyle": "--" if quad in (1, 3) else "-", "shrinkA": 9, "shrinkB": 9, "alpha": 0.85,
            "connectionstyle": f"arc3,rad={rad if a['id'] < b['id'] else -rad:.2f}"})
    for kind, (color, shape) in ACTOR_STYLE.items():
        group = [a for a in data["actors"] if a["type"] == kind]
        if group:
            ax.scatter([a["x"] for a in group], [a["y"] for a in group], s=[140 + 40 * a["events"] for a in group],
                       c=color, marker=markers[shape], label=kind, zorder=3, edgecolors="white")
    for actor in data["actors"]:
        ax.annotate(actor["label"], (actor["x"], actor["y"]), xytext=(0, 11), textcoords="offset points",
                    ha="center", fontsize=8, zorder=4)
    used = sorted({e["type"] for e in data["edges"]}, key=list(EVENT_STYLE).index)
    handles = [Line2D([], [], color=EVENT_STYLE[t][1], linestyle="--" if EVENT_STYLE[t][0] in (1, 3) else "-",
                          label=t) for t in used if t in EVENT_STYLE]
    first = ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8, title="actors",
                      markerscale=0.6) if data["actors"] else None
    extra = [first] if first is not None else []
    if handles:
        extra.append(ax.legend(handles=handles, loc="lower left", bbox_to_anchor=(1.0, 0.0), fontsize=8,
                               title="events"))
        if first is not None:
            ax.add_artist(first)
    ax.set_xlim(20, 980)
    ax.set_ylim(640, 10)
    ax.set_axis_off()
    ax.set_title(title or "dipkg graph")
    return _save(fig, Path(path), dpi, extra=extra)


def write_timeline(graph: Any, path: str | Path, *, title: str | None = None, dpi: int = 150) -> Path:
    """Write a static timeline of the dated events (one lane per event type) to ``path``.

    >>> import tempfile, pathlib
    >>> from kg.store import open_dataset
    >>> write_timeline(open_dataset(), pathlib.Path(tempfile.mkdtemp()) / "t.png").stat().st_size > 0
    True
    """
    import datetime as dt

    from matplotlib.figure import Figure

    data = page_data(graph)
    dated = [e for e in data["events"] if e["start"]]
    lanes = sorted({e["type"] for e in dated}, key=lambda t: (list(EVENT_STYLE).index(t) if t in EVENT_STYLE else 99, t))
    fig = Figure(figsize=(11, 1.2 + 0.45 * max(len(lanes), 1)))
    ax = fig.subplots()
    labels = {a["id"]: a["label"] for a in data["actors"]}
    for event in dated:
        start = dt.date.fromisoformat(event["start"])
        end = dt.date.fromisoformat(event["end"])
        when = start + (end - start) / 2
        lane = lanes.index(event["type"])
        ax.plot([when], [lane], "o", color=EVENT_STYLE.get(event["type"], (0, "#999999"))[1], markersize=8)
        who = ", ".join(labels.get(a, a) for a in event["actors"][:2])
        ax.annotate(who, (when, lane), xytext=(4, 6), textcoords="offset points", fontsize=7)
    ax.set_yticks(range(len(lanes)), lanes)
    ax.set_ylim(-0.7, max(len(lanes), 1) - 0.3)
    ax.grid(axis="x", alpha=0.3)
    ax.set_title(title or f"{len(dated)} dated events")
    fig.autofmt_xdate()
    return _save(fig, Path(path), dpi)


def _save(fig: Any, path: Path, dpi: int, *, extra: list[Any] | None = None) -> Path:
    """Save with the Agg canvas, without pyplot (no global backend switch)."""
    suffix = path.suffix.lower().lstrip(".")
    if suffix and suffix not in fig.canvas.get_supported_filetypes():
        raise DipkgError(f"cannot write {str(path)!r}: {suffix!r} is not a picture format matplotlib writes; "
                         "end the name in .png, .svg or .pdf")
    try:
        fig.savefig(path, dpi=dpi, bbox_inches="tight", bbox_extra_artists=extra or None)
    except OSError as exc:
        raise _unwritable(path, exc) from exc
    return path


def _unwritable(path: Path, exc: OSError) -> DipkgError:
    return DipkgError(f"cannot write {str(path)!r}: {exc.strerror or exc}; choose a writable path")
