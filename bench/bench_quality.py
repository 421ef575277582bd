#!/usr/bin/env python
"""Extraction quality: the dev gold (data/gold vs data/articles) and the reference suites.

Same scoring as ``dipkg eval`` (EVALUATION.md). Texts: data/articles, else the
shared dev folder. The suites are skipped when the reference file is absent.

Usage: python bench/bench_quality.py [--no-suites] [--model NAME]
Prints tables, then one JSON line.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from kg.cli.evaluate import gold_texts, run_gold, run_suite  # noqa: E402
from kg.evaluate import format_report  # noqa: E402
from kg.suites import SUITES, format_suite  # noqa: E402

GOLD = ROOT / "data" / "gold"


def texts_dir() -> Path:
    """data/articles when it holds the gold texts, else ../shared/data/dev."""
    local = ROOT / "data" / "articles"
    if local.is_dir() and gold_texts(GOLD, local)[0]:
        return local
    return ROOT.parent / "shared" / "data" / "dev"


def dev_quality(*, model: str | None = None) -> tuple[dict[str, Any], str]:
    """Figures on the dev gold, and the report's text."""
    folder = texts_dir()
    start = time.perf_counter()
    report, missing = run_gold(GOLD, folder, model=model)
    lv = report.levels
    figures = {
        "texts": str(folder), "documents": len(report.documents), "missing": missing,
        **{f"{level}_{m}": round(getattr(lv[level], m), 4)
           for level in lv for m in ("precision", "recall", "f1")},
        "date_accuracy": round(report.date_accuracy, 4),
        "actor_linking_precision": round(report.linking.precision, 4),
        "actor_linking_recall": round(report.linking.recall, 4),
        "actor_linking_f1": round(report.linking.f1, 4),
        "duplicate_rate": round(report.duplicate_rate, 4),
        "seconds": round(time.perf_counter() - start, 1),
    }
    return figures, format_report(report)


def suites_quality(*, model: str | None = None) -> tuple[dict[str, Any], str]:
    figures: dict[str, Any] = {}
    texts = []
    for name in SUITES:
        rep = run_suite(name, model=model)
        if rep is None:
            texts.append(f"suite {name}: reference file absent, skipped")
            continue
        figures[name] = rep.to_dict()
        texts.append(format_suite(rep))
    return figures, "\n".join(texts)


def run(*, suites: bool = True, model: str | None = None) -> dict[str, Any]:
    dev, dev_text = dev_quality(model=model)
    result: dict[str, Any] = {"dev": dev, "dev_report": dev_text}
    if suites:
        result["suites"], result["suites_report"] = suites_quality(model=model)
    return result


def format_tables(result: dict[str, Any]) -> str:
    lines = [f"quality on the dev gold ({result['dev']['documents']} texts from "
             f"{result['dev']['texts']})", result["dev_report"]]
    if "suites_report" in result:
        lines += ["", "reference suites", result["suites_report"]]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--no-suites", action="store_true", help="dev gold only")
    parser.add_argument("--model", help="spaCy model (default: the dipkg default)")
    args = parser.parse_args(argv)
    result = run(suites=not args.no_suites, model=args.model)
    print(format_tables(result))
    print(json.dumps({k: v for k, v in result.items() if not k.endswith("_report")}))


if __name__ == "__main__":
    main()
