#!/usr/bin/env python
"""Run every benchmark (``make bench``): print their tables, then one JSON line.

Each benchmark runs in its own process (so peak memory is its own) and ends
with a JSON line, collected here. The last line carries at least
``throughput_ratio`` (``dipkg build --store`` / raw spaCy, 1 process),
``throughput_ratio_2proc``, ``throughput_ratio_memory`` and
``throughput_ratio_memory_2proc`` (``dipkg build`` without ``--store``),
``query_speedup_1m`` (default store / in-memory rdflib, named queries, 1M
triples) and ``peak_mb``. A copy goes to bench/results/latest.json.

Usage: python bench/run.py [--quick] [--only build,store,quality]
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
ALL = ("build", "store", "quality")
#: Arguments of each benchmark in --quick mode.
QUICK_ARGS = {"build": ["--quick"], "store": ["--sizes", "10k,100k"]}


def machine() -> dict[str, Any]:
    """CPU, cores, memory, Python and library versions of this run."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    info: dict[str, Any] = {"cpu": cpu, "cores": os.cpu_count(), "os": platform.platform(),
                            "python": platform.python_version()}
    try:
        pages, size = os.sysconf("SC_PHYS_PAGES"), os.sysconf("SC_PAGE_SIZE")
        info["memory_gb"] = round(pages * size / 2**30, 1)
        info["load_avg_1m"] = round(os.getloadavg()[0], 2)
    except (OSError, ValueError, AttributeError):
        pass
    from importlib.metadata import PackageNotFoundError, version

    for pkg in ("spacy", "rdflib", "pyoxigraph"):
        try:
            info[pkg] = version(pkg)
        except PackageNotFoundError:
            pass
    return info


def run_bench(name: str, args: list[str], *, timeout: float | None = None
              ) -> tuple[dict[str, Any] | None, float]:
    """Run bench/bench_<name>.py, echo its tables, return its final JSON line.

    After ``timeout`` seconds the benchmark (and its own subprocesses) is stopped.
    """
    script = BENCH / f"bench_{name}.py"
    if not script.is_file():
        print(f"== {name}: {script.name} not found, skipped\n", flush=True)
        return None, 0.0
    print(f"== {name}", flush=True)
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, str(script), *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, cwd=ROOT, start_new_session=True)
    try:
        stdout, stderr = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        stdout, stderr = proc.communicate()
        stderr += f"\nstopped after the {timeout:.0f} s timeout"
    seconds = time.perf_counter() - start
    lines = stdout.rstrip().splitlines()
    data = None
    if lines:
        try:
            data = json.loads(lines[-1])
            lines = lines[:-1]
        except ValueError:
            pass
    print("\n".join(lines))
    if proc.returncode or data is None:
        print(f"{script.name} failed (exit {proc.returncode}): "
              + " | ".join(stderr.strip().splitlines()[-3:]))
    print(f"({seconds:.0f} s)\n", flush=True)
    return data, seconds


def _find(data: Any, key: str) -> Any:
    """The first value of ``key`` anywhere in nested dicts."""
    if isinstance(data, dict):
        if key in data:
            return data[key]
        for value in data.values():
            found = _find(value, key)
            if found is not None:
                return found
    return None


def summary(results: dict[str, Any]) -> dict[str, Any]:
    build = results.get("build") or {}
    t = build.get("throughput", {})
    out: dict[str, Any] = {
        "throughput_ratio": t.get("throughput_ratio"),
        "throughput_ratio_2proc": t.get("throughput_ratio_2proc"),
        "throughput_ratio_memory": t.get("throughput_ratio_memory"),
        "throughput_ratio_memory_2proc": t.get("throughput_ratio_memory_2proc"),
        "query_speedup_1m": _find(results.get("store"), "query_speedup_1m"),
        "query_speedup_100k": _find(results.get("store"), "query_speedup_100k"),
        "peak_mb": build.get("peak_mb"),
        "build_docs_s": t.get("build_1proc_docs_s"),
        "build_words_s": t.get("build_1proc_words_s"),
        "build_2proc_words_s": t.get("build_2proc_words_s"),
        "raw_spacy_words_s": t.get("raw_1proc_words_s"),
        "raw_spacy_2proc_words_s": t.get("raw_2proc_words_s"),
        "actors_stage_ratio": t.get("actors_stage_ratio"),
        "scaling": {str(r["docs"]): {"seconds": r.get("seconds"), "peak_mb": r.get("peak_mb"),
                                     "quarters_s": r.get("quarters_s")}
                    for r in build.get("scaling", [])},
    }
    quality = results.get("quality") or {}
    dev = quality.get("dev", {})
    for key in ("strict_f1", "country_f1", "untyped_f1", "date_accuracy", "actor_linking_f1",
                "duplicate_rate"):
        out[f"dev_{key}"] = dev.get(key)
    for name, rep in (quality.get("suites") or {}).items():
        out[f"{name}_type_recall"] = rep.get("type_recall")
        out[f"{name}_dyad_f1"] = rep.get("dyad_country", {}).get("f1")
        if rep.get("no_event_precision") is not None:
            out[f"{name}_no_event_precision"] = rep["no_event_precision"]
    store = results.get("store") or {}
    if store:
        out["store"] = {k: v for k, v in store.items() if not isinstance(v, (list, dict))}
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true",
                        help="smaller corpora: no 10,000-document build, no 1M-triple store")
    parser.add_argument("--only", help=f"comma-separated subset of {','.join(ALL)}")
    parser.add_argument("--timeout", type=float, default=3600,
                        help="seconds allowed to each benchmark (default 3600)")
    args = parser.parse_args(argv)
    chosen = args.only.split(",") if args.only else list(ALL)
    unknown = sorted(set(chosen) - set(ALL))
    if unknown:
        parser.error(f"unknown benchmark(s) {', '.join(unknown)}: use {','.join(ALL)}")
    info = machine()
    print("machine: " + ", ".join(f"{k} {v}" for k, v in info.items()) + "\n", flush=True)
    results: dict[str, Any] = {}
    timings: dict[str, float] = {}
    for name in chosen:
        extra = QUICK_ARGS.get(name, []) if args.quick else []
        results[name], timings[name] = run_bench(name, extra, timeout=args.timeout)
    final = {**summary(results), "machine": info,
             "seconds": {k: round(v, 1) for k, v in timings.items()}}
    out = BENCH / "results"
    out.mkdir(exist_ok=True)
    (out / "latest.json").write_text(json.dumps({"summary": final, "results": results}, indent=1)
                                     + "\n", encoding="utf-8")
    print(json.dumps(final))


if __name__ == "__main__":
    main()
