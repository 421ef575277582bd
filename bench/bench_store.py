"""Benchmark: Oxigraph store (default) vs in-memory rdflib on synthetic graphs in the real schema.

Generates datasets of about 10k, 100k and 1M triples with kg.build's own triple
makers (actors and documents in the default graph, one named graph per document
with events and mentions), writes each once as N-Quads, then for each backend
measures: load time (rdflib parse vs Oxigraph bulk load), the named queries (who met whom, who supports whom, an
actor's timeline, events by source; read from kg/queries/*.rq), and adding one
more document with ``add_extraction``. Prints a table and a final JSON line.

    .venv/bin/python bench/bench_store.py                 # 10k, 100k, 1m
    .venv/bin/python bench/bench_store.py --sizes 10k,100k --repeat 5
"""
from __future__ import annotations

import argparse
import gc
import json
import random
import shutil
import statistics
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rdflib import Dataset, Literal  # noqa: E402

from kg import build as B  # noqa: E402
from kg import triples as records_rdf  # noqa: E402
from kg.ontology import load_ontology, prefixes  # noqa: E402
from kg.records import Actor, Document, Event, Extraction, Mention  # noqa: E402
from kg.store import close_dataset, open_dataset, ox_quad  # noqa: E402

T = datetime(2024, 1, 1, tzinfo=timezone.utc)
SIZES = {"10k": 10_000, "100k": 100_000, "1m": 1_000_000}
SOURCES = ["the foreign ministry", "a government spokesperson", "state media", "diplomatic sources", "the presidency"]
WEIGHTS = {"CONSULT": 30, "SUPPORT": 12, "ACCUSE": 12, "REQUEST": 10, "AGREE": 8, "COOPERATE": 5, "AID": 4,
           "REJECT": 4, "THREATEN": 3, "SANCTION": 3, "ASSAULT": 3, "MOBILIZE": 2, "COERCE": 2, "PROTEST": 1,
           "CONCEDE": 0.5, "RETREAT": 0.5}  # fmt: skip

INLINE = {  # used only when kg/queries/<name>.rq is missing
    "who_met_whom": """PREFIX dip: <https://w3id.org/dipkg/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?a ?b ?date WHERE { GRAPH ?g { ?e dip:eventType dip:CONSULT ; dip:actor ?a .
 { ?e dip:recipient ?b } UNION { ?e dip:actor ?b FILTER(STR(?a) < STR(?b)) } OPTIONAL { ?e dip:date ?date } } }""",
    "who_supports_whom": """PREFIX dip: <https://w3id.org/dipkg/ontology#>
SELECT ?s ?r WHERE { GRAPH ?g { ?e dip:eventType dip:SUPPORT ; dip:actor ?s ; dip:recipient ?r } }""",
    "actor_timeline": """PREFIX dip: <https://w3id.org/dipkg/ontology#>
SELECT ?actor ?e ?date WHERE { GRAPH ?g { { ?e dip:actor ?actor } UNION { ?e dip:recipient ?actor }
 OPTIONAL { ?e dip:date ?date } } } ORDER BY ?date""",
    "events_by_source": """PREFIX dip: <https://w3id.org/dipkg/ontology#>
SELECT ?source ?e WHERE { GRAPH ?g { ?e dip:reportedBy ?said } FILTER(LCASE(STR(?said)) = LCASE(STR(?source))) }""",
}


def named_query(name: str) -> str:
    path = ROOT / "kg" / "queries" / f"{name}.rq"
    return path.read_text(encoding="utf-8") if path.exists() else INLINE[name]


def actors(rng: random.Random, n_persons: int = 2000) -> list[Actor]:
    out = []
    codes = sorted({"".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in range(3)) for _ in range(260)})[:200]
    out += [Actor(id=f"country/{c}", type="Country", label=f"Country {c}", iso3=c, alt_labels=[f"Capital of {c}"])
            for c in codes]  # fmt: skip
    out += [Actor(id=f"person/leader-{i}", type="Person", label=f"Leader {i}", role="President",
                  country=rng.choice(codes), alt_labels=[f"L{i}"]) for i in range(n_persons)]  # fmt: skip
    out += [Actor(id=f"igo/org-{i}", type="IGO", label=f"Organization {i}") for i in range(max(10, n_persons // 20))]
    return out


def extraction(i: int, rng: random.Random, pool: list[Actor], *, n_events: int = 20) -> Extraction:
    ids = [a.id for a in pool]
    weights = [1.0 / (1 + k) ** 0.8 for k in range(len(ids))]  # a few actors are in most news
    types = list(WEIGHTS)
    events, mentions = [], []
    for k in range(n_events):
        a, b = rng.choices(ids, weights, k=2)
        t = rng.choices(types, [WEIGHTS[x] for x in types])[0]
        recip = t == "CONSULT" and rng.random() < 0.5
        events.append(Event(type=t, actors=[a, b] if recip else [a], recipients=[] if recip else [b], reciprocal=recip,
                            date=f"20{rng.randint(10, 23)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                            mode="phone" if t == "CONSULT" and rng.random() < 0.3 else None,
                            reported_by=rng.choice(SOURCES) if rng.random() < 0.2 else None,
                            evidence=f"Synthetic evidence sentence {k} of document {i}.", char_start=100 * k,
                            char_end=100 * k + 60, confidence=round(rng.random(), 2),
                            trigger="met" if t == "CONSULT" else None))  # fmt: skip
        mentions += [Mention(a, 100 * k, 100 * k + 8, "Someone"), Mention(b, 100 * k + 20, 100 * k + 28, "Other")]
    doc = Document(id=f"syn-{i:06d}", text=f"synthetic {i}", title=f"Synthetic story {i}",
                   date="2023-06-01", publisher=f"Publisher {i % 40}", url=f"https://example.org/{i}")  # fmt: skip
    return Extraction(document=doc, actors=[], events=events, mentions=mentions)


def _persons(target: int) -> int:
    return max(50, min(2000, target // 500))


def generate(target: int, path: Path) -> int:
    """Write ~``target`` quads as N-Quads; returns the number written."""
    import pyoxigraph as ox

    rng = random.Random(42)
    pool = actors(rng, n_persons=_persons(target))
    quads = [ox_quad(s, p, o) for s, p, o in load_ontology()]
    for a in pool:
        quads += [ox_quad(*t) for t in records_rdf.actor_triples(a, None)]
    i = 0
    while len(quads) < target:
        ext = extraction(i, rng, pool)
        g = B.graph_iri(ext.document.id)
        quads += [ox_quad(*t) for t in records_rdf.document_triples(ext.document)]
        for ev in records_rdf.dedupe_events(ext.document.id, ext.events):
            quads += [ox_quad(*t, g) for t in records_rdf.event_triples(ext.document.id, ev)]
        for m in ext.mentions:
            quads += [ox_quad(*t, g) for t in records_rdf.mention_triples(ext.document.id, m)]
        i += 1
    ox.serialize(quads, str(path), ox.RdfFormat.N_QUADS)
    return len(quads)


def load(backend: str, nq: Path, workdir: Path) -> tuple[Dataset, float]:
    start = time.perf_counter()
    if backend == "memory":
        ds = Dataset()
        ds.parse(str(nq), format="nquads")
    elif backend == "oxi-mem":  # in-memory Oxigraph: open_dataset(file, engine="oxigraph")
        ds = open_dataset(nq, engine="oxigraph")
    else:
        import pyoxigraph as ox

        path = workdir / "store"
        shutil.rmtree(path, ignore_errors=True)
        raw = ox.Store(str(path))
        raw.bulk_load(path=str(nq), format=ox.RdfFormat.N_QUADS)
        raw.optimize()
        del raw
        ds = open_dataset(path)
    return ds, time.perf_counter() - start


QUERIES = [  # (named query, bindings): typical calls, one without parameters (lists every meeting)
    ("who_met_whom", {}),
    ("who_supports_whom", {"recipient": B.actor_iri("person/leader-3")}),
    ("actor_timeline", {"actor": B.actor_iri("person/leader-5")}),
    ("events_by_source", {"source": Literal("state media")}),
]


def _timed(ds: Dataset, name: str, bindings: dict) -> tuple[float, int]:
    text = named_query(name)
    start = time.perf_counter()
    rows = len(list(ds.query(text, initNs=prefixes(), initBindings=bindings)))
    return time.perf_counter() - start, rows


def _timed_in_child(ds: Dataset, name: str, bindings: dict, timeout: float) -> tuple[float, int | None]:
    """Run one query in a forked child (shares the loaded dataset); (timeout, None) if it takes longer."""
    import multiprocessing as mp

    ctx = mp.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=lambda: child.send(_timed(ds, name, bindings)), daemon=True)
    proc.start()
    if parent.poll(timeout):
        result = parent.recv()
        proc.join()
        return result
    proc.kill()
    proc.join()
    return timeout, None


def run_queries(ds: Dataset, repeat: int, *, timeout: float | None = None) -> dict[str, tuple[float, int | None]]:
    out = {}
    for name, bindings in QUERIES:
        if timeout is not None:
            out[name] = _timed_in_child(ds, name, bindings, timeout)
            continue
        runs = [_timed(ds, name, bindings) for _ in range(repeat)]
        out[name] = (statistics.median(t for t, _ in runs), runs[-1][1])
    return out


def add_one(ds: Dataset, target: int) -> float:
    rng = random.Random(7)
    ext = extraction(999_999, rng, actors(random.Random(42), n_persons=_persons(target)))
    start = time.perf_counter()
    B.add_extraction(ds, ext, time=T)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10k,100k,1m")
    parser.add_argument("--backends", default="memory,oxigraph,oxi-mem",
                        help="memory = rdflib in memory; oxigraph = the on-disk store; oxi-mem = Oxigraph in memory")
    parser.add_argument("--repeat", type=int, default=3, help="runs per query (median); memory at 1m runs once")
    parser.add_argument("--workdir", default=None, help="keep generated files here (reused when present)")
    parser.add_argument("--timeout", type=float, default=120.0,
                        help="limit per rdflib query from 100k up; a timed-out query counts as taking the limit")
    args = parser.parse_args()
    workdir = Path(args.workdir or tempfile.mkdtemp(prefix="dipkg-bench-"))
    results: dict = {}
    print(f"{'size':>5} {'backend':>8} {'quads':>9} {'load s':>8} " + " ".join(f"{n[:16]:>16}" for n, _ in QUERIES)
          + f" {'add doc s':>9}")  # fmt: skip
    for size in args.sizes.split(","):
        nq = workdir / f"synthetic-{size}.nq"
        n = generate(SIZES[size], nq) if not nq.exists() else sum(1 for _ in nq.open())
        for backend in args.backends.split(","):
            gc.collect()
            ds, load_s = load(backend, nq, workdir)
            slow = backend == "memory" and SIZES[size] >= 100_000  # rdflib: once each, with a time limit
            queries = run_queries(ds, args.repeat, timeout=args.timeout if slow else None)
            add_s = add_one(ds, SIZES[size])
            results[(size, backend)] = {"quads": n, "load_s": load_s, "queries": queries, "add_doc_s": add_s}
            cells = " ".join(f"{('>' if r is None else '') + format(1000 * t, '.1f'):>13} ms " for t, r in queries.values())
            print(f"{size:>5} {backend:>8} {n:>9} {load_s:>8.2f} {cells} {add_s:>9.3f}", flush=True)
            if backend != "memory":
                close_dataset(ds)
            del ds
        rows = {name: results[(size, "oxigraph")]["queries"][name][1] for name, _ in QUERIES}
        for backend in args.backends.split(","):
            for name, _ in QUERIES:
                n_rows = results[(size, backend)]["queries"][name][1]
                assert n_rows is None or n_rows == rows[name], f"{name}: {n_rows} rows in {backend}, {rows[name]}"
        print(f"{'':>5} {'rows':>8} {'':>9} {'':>8} " + " ".join(f"{r:>16}" for r in rows.values()))
    summary: dict = {"sizes": {}}
    backends = args.backends.split(",")
    for size in args.sizes.split(","):
        oxi = results[(size, "oxigraph")]
        entry: dict = {"quads": oxi["quads"]}
        for b in backends:
            r = results[(size, b)]
            entry[b] = {"load_s": round(r["load_s"], 2), "add_doc_s": round(r["add_doc_s"], 3),
                        "query_ms": {q: round(1000 * t, 1) for q, (t, _) in r["queries"].items()},
                        "timed_out": [q for q, (_, n) in r["queries"].items() if n is None]}  # fmt: skip
        if "memory" in backends:
            mem = results[(size, "memory")]
            speed = {q: mem["queries"][q][0] / oxi["queries"][q][0] for q, _ in QUERIES}
            entry["query_speedup"] = {q: round(v, 1) for q, v in speed.items()}
            entry["load_speedup"] = round(mem["load_s"] / oxi["load_s"], 1)
            summary[f"query_speedup_{size}"] = round(min(speed.values()), 1)  # least sped-up query (lower bound)
        summary["sizes"][size] = entry
        summary[f"max_query_ms_oxigraph_{size}"] = round(1000 * max(t for t, _ in oxi["queries"].values()), 1)
    print(json.dumps(summary))
    if args.workdir is None:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
