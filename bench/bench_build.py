#!/usr/bin/env python
"""Build throughput vs raw spaCy, time per stage, peak memory, growth with corpus size.

- throughput: the whole build (NLP pipeline with actor linking and events, then
  RDF add, run as ``dipkg build`` runs it: ``build_graph`` over the stream of
  extractions) vs raw spaCy ``nlp.pipe`` of the same model on the same texts,
  same run, same batch size, 1 and 2 processes; text reading and model loading
  are outside the timings (both sides); the RDF goes into a persistent Oxigraph
  store (``--store``) and, apart, into an in-memory one (no ``--store``);
- stages: each pipeline component timed on its own pass (tokenizer and model
  components = raw spaCy; ``dipkg_actors``; ``dipkg_events``; records; RDF add);
- scaling: a fresh process per corpus size builds into a persistent Oxigraph
  store (``dipkg build --store``) and reports its time and peak RSS.

The corpus is synthetic: documents recombining the sentences of data/articles
(fallback: the shared dev texts), seeded, so runs are comparable.

Usage: python bench/bench_build.py [--quick] [--docs N] [--sizes 100,1000,10000]
Prints tables, then one JSON line.
"""
from __future__ import annotations

import argparse
import inspect
import json
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from kg.records import Document  # noqa: E402

_SENTENCE = re.compile(r"(?<=[.!?])[\"\u201d\u2019)]?\s+(?=[\"\u201c(]?[A-Z])")


def peak_mb(children: bool = False) -> float:
    """Peak resident memory of this process (or of its finished children), in MB.

    This process's own peak comes from /proc (VmHWM): Linux carries ``ru_maxrss``
    over ``exec``, so a fresh benchmark process would report its parent's peak.
    """
    if not children:
        try:
            for line in Path("/proc/self/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    return round(int(line.split()[1]) / 1024, 1)
        except OSError:
            pass
    who = resource.RUSAGE_CHILDREN if children else resource.RUSAGE_SELF
    return round(resource.getrusage(who).ru_maxrss / 1024, 1)


def source_documents() -> list[Document]:
    """The sample texts (data/articles, else ../shared/data/dev), read and cleaned."""
    from pipelines.read import read_inputs

    for folder in (ROOT / "data" / "articles", ROOT.parent / "shared" / "data" / "dev"):
        if folder.is_dir():
            docs = list(read_inputs([folder], on_error=lambda e: None))
            if docs:
                return docs
    raise SystemExit("bench: no texts in data/articles or ../shared/data/dev")


def synthetic_corpus(n: int, *, per_doc: int = 8, seed: int = 0) -> list[Document]:
    """``n`` documents of ``per_doc`` sentences drawn (seeded) from the sample texts.

    Publication dates are spread over 2000-2024, as in a real archive, so that
    cross-document event merging meets realistic candidate sets.
    """
    sources = source_documents()
    pool = [s.strip() for d in sources for para in d.text.split("\n")
            for s in _SENTENCE.split(para) if len(s.split()) >= 5]
    rng = random.Random(seed)
    docs = []
    for i in range(n):
        picks = rng.sample(pool, min(per_doc, len(pool)))
        date = f"{rng.randint(2000, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        docs.append(Document(id=f"syn-{i:05d}", text=" ".join(picks), date=date,
                             source="synthetic"))
    return docs


def words(documents: list[Document]) -> int:
    return sum(len(d.text.split()) for d in documents)


def default_batch_size() -> int:
    """The batch size ``dipkg build`` uses (``extract``'s default)."""
    from pipelines.extract import extract

    return int(inspect.signature(extract).parameters["batch_size"].default)


def time_raw_spacy(texts: list[str], *, model: str, n_process: int, batch_size: int) -> float:
    """Seconds for raw ``nlp.pipe`` over ``texts`` (model loaded and warmed up before)."""
    import spacy

    nlp = spacy.load(model)
    for _ in nlp.pipe(texts[:4]):
        pass
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=batch_size, n_process=n_process):
        pass
    return time.perf_counter() - start


def time_build(documents: list[Document], *, nlp: Any, n_process: int, batch_size: int,
               store: str | None = None) -> dict[str, float]:
    """Seconds of the whole build (extract + RDF add, as ``dipkg build`` runs it:
    ``build_graph`` over the stream of extractions), of the RDF add alone (the
    rest), and at each quarter of the corpus; process CPU seconds too.

    ``store``: a folder for an Oxigraph store (``dipkg build --store``); None: a
    fresh temporary one; ``"memory"``: an in-memory Oxigraph store (``dipkg build``
    without ``--store``).
    """
    from kg.build import build_graph
    from kg.store import close_dataset, native_store, open_dataset
    from pipelines.extract import extract

    if store is None:
        with tempfile.TemporaryDirectory() as tmp:
            return time_build(documents, nlp=nlp, n_process=n_process, batch_size=batch_size,
                              store=os.path.join(tmp, "store"))
    target = open_dataset(engine="oxigraph") if store == "memory" else store
    ds = build_graph([], store=target)  # ontology loaded outside the timing
    for _ in extract(documents[:4], nlp=nlp):
        pass
    marks = {len(documents) * k // 4 for k in (1, 2, 3, 4)}
    checkpoints: list[float] = []
    waited = 0.0  # time spent waiting for the next extraction: everything but the RDF add

    def timed(extractions: Any) -> Any:
        nonlocal waited
        it = iter(extractions)
        for i in range(1, len(documents) + 1):
            t = time.perf_counter()
            ex = next(it)
            waited += time.perf_counter() - t
            if i in marks:
                checkpoints.append(round(time.perf_counter() - start, 2))
            yield ex

    start, cpu = time.perf_counter(), time.process_time()
    build_graph(timed(extract(documents, nlp=nlp, batch_size=batch_size, n_process=n_process)), store=ds)
    total = time.perf_counter() - start
    cpu = time.process_time() - cpu
    triples = len(native_store(ds))  # len(ds) would count DISTINCT triples: a hash set of the whole store
    close_dataset(ds)
    return {"seconds": total, "rdf_add": total - waited, "cpu_s": cpu, "quads": triples,
            "quarters_s": checkpoints}


def stage_times(documents: list[Document], *, nlp: Any, batch_size: int,
                memory_docs: int = 50) -> dict[str, float]:
    """Seconds per stage, each component run as its own pass over all documents.

    ``rdf_add`` adds the records to an Oxigraph store; ``rdf_add_memory`` adds the
    first ``memory_docs`` records to an in-memory rdflib dataset (not in the total).
    """
    from kg.build import add_extraction, build_graph
    from kg.store import close_dataset
    from pipelines.extract import to_extraction

    times: dict[str, float] = {}
    start = time.perf_counter()
    docs = []
    for d in documents:
        doc = nlp.make_doc(d.text)
        doc._.dip_date = d.date
        docs.append(doc)
    times["tokenizer"] = time.perf_counter() - start
    for name, proc in nlp.pipeline:
        start = time.perf_counter()
        if hasattr(proc, "pipe"):
            docs = list(proc.pipe(docs, batch_size=batch_size))
        else:
            docs = [proc(doc) for doc in docs]
        times[name] = time.perf_counter() - start
    start = time.perf_counter()
    records = [to_extraction(doc, d) for doc, d in zip(docs, documents)]
    times["records"] = time.perf_counter() - start
    with tempfile.TemporaryDirectory() as tmp:
        ds = build_graph([], store=os.path.join(tmp, "store"))
        start = time.perf_counter()
        for rec in records:
            add_extraction(ds, rec)
        times["rdf_add"] = time.perf_counter() - start
        close_dataset(ds)
    ds = build_graph([])
    start = time.perf_counter()
    for rec in records[:memory_docs]:
        add_extraction(ds, rec)
    times["rdf_add_memory"] = time.perf_counter() - start
    return times


def throughput(documents: list[Document], *, model: str | None = None) -> dict[str, Any]:
    """Raw spaCy vs the whole build, 1 and 2 processes, plus the stage breakdown."""
    from pipelines.nlp import load_pipeline, resolve_model_name

    name = resolve_model_name(model)
    batch = default_batch_size()
    texts = [d.text for d in documents]
    n_words = words(documents)
    nlp = load_pipeline(model)
    out: dict[str, Any] = {"model": name, "docs": len(documents), "words": n_words,
                           "batch_size": batch}
    for procs in (1, 2):
        raw = time_raw_spacy(texts, model=name, n_process=procs, batch_size=batch)
        try:
            built = time_build(documents, nlp=nlp, n_process=procs, batch_size=batch)
        except Exception as exc:  # noqa: BLE001 - report, do not hide the other figures
            last = (str(exc).strip().splitlines() or [""])[-1]
            out[f"build_{procs}proc_error"] = f"{type(exc).__name__}: {last}"
            built = None
        try:
            in_memory = time_build(documents, nlp=nlp, n_process=procs, batch_size=batch, store="memory")
            out[f"build_memory_{procs}proc_s"] = round(in_memory["seconds"], 3)
        except Exception as exc:  # noqa: BLE001 - report, do not hide the other figures
            out[f"build_memory_{procs}proc_error"] = f"{type(exc).__name__}: {exc}"
        out[f"raw_{procs}proc_s"] = round(raw, 3)
        out[f"raw_{procs}proc_words_s"] = round(n_words / raw, 1)
        if built:
            out[f"build_{procs}proc_s"] = round(built["seconds"], 3)
            out[f"build_{procs}proc_docs_s"] = round(len(documents) / built["seconds"], 2)
            out[f"build_{procs}proc_words_s"] = round(n_words / built["seconds"], 1)
            out[f"rdf_add_{procs}proc_s"] = round(built["rdf_add"], 3)
            out["quads"] = built["quads"]
    raw1 = out["raw_1proc_s"]
    for procs, suffix in ((1, ""), (2, "_2proc")):
        if f"build_memory_{procs}proc_s" in out:
            out[f"throughput_ratio_memory{suffix}"] = round(raw1 / out[f"build_memory_{procs}proc_s"], 3)
    if "build_1proc_s" in out:
        out["throughput_ratio"] = round(raw1 / out["build_1proc_s"], 3)
    if "build_2proc_s" in out:
        out["throughput_ratio_2proc"] = round(raw1 / out["build_2proc_s"], 3)
        out["raw_speedup_2proc"] = round(raw1 / out["raw_2proc_s"], 3)
    memory_docs = min(50, len(documents))
    stages = stage_times(documents, nlp=nlp, batch_size=batch, memory_docs=memory_docs)
    memory = stages.pop("rdf_add_memory")
    out["rdf_add_memory_ms_per_doc"] = round(1000 * memory / memory_docs, 1)
    out["rdf_add_store_ms_per_doc"] = round(1000 * stages["rdf_add"] / len(documents), 1)
    out["rdf_add_memory_docs"] = memory_docs
    model_s = sum(t for n, t in stages.items() if not n.startswith("dipkg")
                  and n not in ("records", "rdf_add"))
    out["stages_s"] = {n: round(t, 3) for n, t in stages.items()}
    out["stage_model_s"] = round(model_s, 3)
    if "dipkg_actors" in stages:
        out["actors_stage_ratio"] = round(model_s / (model_s + stages["dipkg_actors"]), 3)
    out["peak_mb_self"] = peak_mb()
    out["peak_mb_children"] = peak_mb(children=True)
    return out


def scale_one(n: int, *, per_doc: int, model: str | None = None) -> dict[str, Any]:
    """Build ``n`` synthetic documents into a fresh Oxigraph store (run in its own process)."""
    from pipelines.nlp import load_pipeline

    docs = synthetic_corpus(n, per_doc=per_doc, seed=n)
    nlp = load_pipeline(model)
    built = time_build(docs, nlp=nlp, n_process=1, batch_size=default_batch_size())
    return {"docs": n, "words": words(docs), "seconds": round(built["seconds"], 2),
            "rdf_add_s": round(built["rdf_add"], 2), "quads": built["quads"],
            "quarters_s": built["quarters_s"],
            "docs_s": round(n / built["seconds"], 2), "peak_mb": peak_mb()}


def scaling(sizes: list[int], *, per_doc: int, model: str | None = None,
            timeout: float = 1500) -> list[dict[str, Any]]:
    """One fresh process per size, so each peak RSS is its own.

    A size that takes more than ``timeout`` seconds is stopped and the larger
    ones are skipped.
    """
    rows: list[dict[str, Any]] = []
    for n in sizes:
        if rows and rows[-1].get("error") == "timeout":
            rows.append({"docs": n, "error": "skipped"})
            continue
        cmd = [sys.executable, __file__, "--scale-one", str(n), "--per-doc", str(per_doc)]
        if model:
            cmd += ["--model", model]
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, timeout=timeout)
        except subprocess.TimeoutExpired:
            rows.append({"docs": n, "error": "timeout"})
            continue
        if proc.returncode:
            rows.append({"docs": n, "error": proc.stderr.strip().splitlines()[-1:]})
        else:
            rows.append(json.loads(proc.stdout.strip().splitlines()[-1]))
        print(f"scaling: {json.dumps(rows[-1])}", file=sys.stderr, flush=True)
    return rows


def format_tables(result: dict[str, Any]) -> str:
    t = result["throughput"]
    lines = [f"build throughput: {t['docs']} docs, {t['words']} words, model {t['model']}, "
             f"batch {t['batch_size']}",
             "                      seconds   docs/s   words/s   vs raw spaCy (1 proc)"]
    for procs in (1, 2):
        raw = t[f"raw_{procs}proc_s"]
        lines.append(f"raw spaCy  {procs} proc    {raw:8.2f} {t['docs'] / raw:8.1f} "
                     f"{t[f'raw_{procs}proc_words_s']:9.0f}   {t['raw_1proc_s'] / raw:5.2f}x")
        if f"build_{procs}proc_s" in t:
            b = t[f"build_{procs}proc_s"]
            lines.append(f"dipkg build {procs} proc   {b:8.2f} {t[f'build_{procs}proc_docs_s']:8.1f} "
                         f"{t[f'build_{procs}proc_words_s']:9.0f}   {t['raw_1proc_s'] / b:5.2f}x"
                         f"   (--store; RDF add {t[f'rdf_add_{procs}proc_s']:.2f} s in the main thread)")
        if f"build_memory_{procs}proc_s" in t:
            m = t[f"build_memory_{procs}proc_s"]
            lines.append(f"dipkg build {procs} proc   {m:8.2f} {t['docs'] / m:8.1f} "
                         f"{t['words'] / m:9.0f}   {t['raw_1proc_s'] / m:5.2f}x   (no --store: in-memory Oxigraph)")
        else:
            lines.append(f"dipkg build {procs} proc   failed: {t.get(f'build_{procs}proc_error')}")
    lines += ["", "stage           seconds   words/s   share"]
    total = sum(t["stages_s"].values())
    for name, secs in t["stages_s"].items():
        lines.append(f"{name:<15} {secs:7.2f} {t['words'] / secs if secs else 0:9.0f}"
                     f"   {secs / total:5.1%}")
    if "actors_stage_ratio" in t:
        lines.append(f"model + dipkg_actors runs at {t['actors_stage_ratio']:.2f}x the model alone")
    lines.append(f"RDF add per document: {t['rdf_add_store_ms_per_doc']} ms into the Oxigraph "
                 f"store ({t['docs']} docs), {t['rdf_add_memory_ms_per_doc']} ms into in-memory "
                 f"rdflib (first {t['rdf_add_memory_docs']} docs)")
    lines.append(f"peak RSS: {t['peak_mb_self']} MB (this process, two models loaded), "
                 f"{t['peak_mb_children']} MB (largest worker)")
    if result.get("scaling"):
        lines += ["", "corpus size (Oxigraph store)   words   seconds   docs/s   peak MB"
                  "   last/first quarter"]
        for row in result["scaling"]:
            if "error" in row:
                lines.append(f"{row['docs']:>10}  failed: {row['error']}")
                continue
            q = row.get("quarters_s") or []
            drift = f"{(q[3] - q[2]) / q[0]:8.2f}" if len(q) == 4 and q[0] else "       -"
            lines.append(f"{row['docs']:>10} {row['words']:>21} {row['seconds']:9.1f} "
                         f"{row['docs_s']:8.1f} {row['peak_mb']:9.1f}   {drift}")
    return "\n".join(lines)


def run(*, quick: bool = False, docs: int | None = None, sizes: list[int] | None = None,
        per_doc: int = 8, scale_per_doc: int = 4, model: str | None = None) -> dict[str, Any]:
    """All build benchmarks; ``quick`` uses fewer documents and skips the 10,000 size."""
    n = docs or (100 if quick else 200)
    sizes = sizes or ([100, 1000] if quick else [100, 1000, 10000])
    result: dict[str, Any] = {"throughput": throughput(synthetic_corpus(n, per_doc=per_doc),
                                                       model=model)}
    result["scaling"] = scaling(sizes, per_doc=scale_per_doc, model=model)
    ok = [r for r in result["scaling"] if "error" not in r]
    result["peak_mb"] = max([r["peak_mb"] for r in ok] or [result["throughput"]["peak_mb_self"]])
    return result


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer documents, no 10,000 size")
    parser.add_argument("--docs", type=int, help="documents for the throughput runs")
    parser.add_argument("--sizes", help="corpus sizes, e.g. 100,1000,10000")
    parser.add_argument("--per-doc", type=int, default=8, help="sentences per document (throughput)")
    parser.add_argument("--scale-per-doc", type=int, default=4,
                        help="sentences per document (corpus-size runs)")
    parser.add_argument("--model", help="spaCy model (default: the dipkg default)")
    parser.add_argument("--scale-one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.scale_one:
        print(json.dumps(scale_one(args.scale_one, per_doc=args.per_doc, model=args.model)))
        return
    sizes = [int(s) for s in args.sizes.split(",")] if args.sizes else None
    result = run(quick=args.quick, docs=args.docs, sizes=sizes, per_doc=args.per_doc,
                 scale_per_doc=args.scale_per_doc, model=args.model)
    print(format_tables(result))
    print(json.dumps(result))


if __name__ == "__main__":
    main()
