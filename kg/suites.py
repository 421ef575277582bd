"""Score extractions on the event-coding field's reference suites (sentence level).

``event_coding_suites.jsonl`` holds sentences with expected directed dyads
``(source, target, code)``: ``plover_gsr`` in early PLOVER names, ``petr2_gsr``
in CAMEO codes (mapped by root to PLOVER as in ``PLOVER.md``; root 01, a bare
statement, is no event: its dyads neither reward nor penalize). Actor codes are
``ISO3 + sector``: only the first three letters count (country level), ``---``
or no target is a wildcard. System actors are coded by their state; IGOs as
``IGO``, stateless armed groups as ``IMG`` and other organizations as ``NGO``.
Each sentence is one document.

Figures:

- event-type recall: expected (sentence, type) found among the system's event types;
- country-level dyad precision / recall / F1 (one-to-one matching per sentence;
  reciprocal system events give both directions; an expected dyad without target
  accepts any system target);
- no-event precision: sentences marked ``noevents`` where the system produced no event.

>>> from kg.records import Actor, Document, Event, Extraction
>>> case = Case(id="s1", text="Fooland criticized Barland.", date=None,
...             expected=[Expected(frozenset({"ACCUSE"}), "FOO", "BAR")])
>>> ex = Extraction(document=Document(id="s1", text=case.text),
...     actors=[Actor(id="country/FOO", type="Country", label="Fooland", iso3="FOO"),
...             Actor(id="country/BAR", type="Country", label="Barland", iso3="BAR")],
...     events=[Event(type="ACCUSE", actors=["country/FOO"], recipients=["country/BAR"])])
>>> r = score_suite([case], [ex], name="demo")
>>> r.type_recall.recall, r.dyads.f1
(1.0, 1.0)
"""
from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.errors import InputError
from kg.evaluate import Score, _max_matching
from kg.records import Actor, Document, Extraction

__all__ = ["SUITES", "Case", "Expected", "SuiteReport", "default_reference_path", "format_suite",
           "load_suite", "score_suite", "suite_documents"]

SUITES = ("plover_gsr", "petr2_gsr")
PLOVER_TYPES = frozenset({"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
                          "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION",
                          "MOBILIZE", "COERCE", "ASSAULT"})
#: Early PLOVER names (2016-2019 drafts) -> current ones (plover.json ``older_names``).
EARLY_PLOVER = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE",
                "FIGHT": "ASSAULT"}
#: CAMEO root -> PLOVER types (PLOVER.md); root 01 is no event.
CAMEO_ROOTS = {"02": {"REQUEST"}, "03": {"AGREE"}, "04": {"CONSULT"}, "05": {"SUPPORT"},
               "06": {"COOPERATE"}, "07": {"AID"}, "08": {"CONCEDE", "RETREAT"},
               "09": {"ACCUSE"}, "10": {"REQUEST"}, "11": {"ACCUSE"}, "12": {"REJECT"},
               "13": {"THREATEN"}, "14": {"PROTEST"}, "15": {"MOBILIZE"}, "16": {"SANCTION"},
               "17": {"COERCE"}, "18": {"ASSAULT"}, "19": {"ASSAULT"}, "20": {"ASSAULT"}}
#: Country-code slips in the suites' sources.
SLIPS = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}
ANY = "*"
NONE = "-"


@dataclass(frozen=True)
class Expected:
    """An expected directed dyad; ``types`` empty: a statement (no event, excused)."""

    types: frozenset[str]
    source: str = ANY
    target: str = ANY


@dataclass
class Case:
    id: str
    text: str
    date: str | None
    expected: list[Expected] = field(default_factory=list)
    noevents: bool = False


def default_reference_path() -> Path:
    """``$DIPKG_REFERENCE``, else ``../shared/data/reference/event_coding_suites.jsonl``."""
    env = os.environ.get("DIPKG_REFERENCE")
    if env:
        return Path(env)
    root = Path(__file__).resolve().parents[1]
    return root.parent / "shared" / "data" / "reference" / "event_coding_suites.jsonl"


def _code(actor: str | None) -> str:
    if not actor or actor.startswith("---"):
        return ANY
    return SLIPS.get(actor[:3], actor[:3])


def _types(code: str, record: dict[str, Any]) -> frozenset[str]:
    if code.isdigit():
        return frozenset(CAMEO_ROOTS.get(code[:2], set()))
    name = EARLY_PLOVER.get(code, code)
    if name not in PLOVER_TYPES:
        name = (record.get("plover") or {}).get("event_current_plover") or name
    if name not in PLOVER_TYPES:
        raise InputError(f"suite record {record.get('id')!r} has unknown event code {code!r}")
    return frozenset({name})


def load_suite(path: str | Path, name: str) -> list[Case]:
    """The scored sentences of one suite (records with ``evaluate: false`` are left out)."""
    if name not in SUITES:
        raise InputError(f"unknown suite {name!r}; use one of {', '.join(SUITES)}")
    cases = []
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read reference suites {str(path)!r}: {exc}") from exc
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
            if rec.get("suite") != name or rec.get("evaluate") is False:
                continue
            expected = [Expected(_types(str(e["code"]), rec), _code(e.get("source")),
                                 _code(e.get("target"))) for e in rec.get("expected") or []]
            cases.append(Case(rec["id"], rec["text"], rec.get("date"), expected,
                              bool(rec.get("noevents"))))
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise InputError(f"{str(path)}:{number}: not a reference suite record ({type(exc).__name__}: {exc}); "
                             "give the event_coding_suites.jsonl file with --reference") from None
    return cases


def suite_documents(cases: Iterable[Case]) -> list[Document]:
    """One :class:`Document` per sentence."""
    return [Document(id=c.id, text=c.text, date=c.date, source=c.id) for c in cases]


def _actor_code(actor: Actor | None, actor_id: str) -> str:
    if actor is None:
        prefix, _, rest = actor_id.partition("/")
        return rest.upper() if prefix == "country" else "?" + actor_id
    if actor.type == "Country":
        return actor.iso3 or actor.id.partition("/")[2].upper()
    if actor.type == "IGO":
        return "IGO"
    if actor.country:
        return actor.country
    # Stateless actors by the CAMEO international codes: militarized groups, NGOs.
    return {"ArmedGroup": "IMG", "Organization": "NGO"}.get(actor.type, "?" + actor.id)


def _system_dyads(ex: Extraction) -> set[tuple[str, str, str]]:
    actors = {a.id: a for a in ex.actors}

    def code(i: str) -> str:
        return _actor_code(actors.get(i), i)

    dyads = set()
    for ev in ex.events:
        if ev.reciprocal:
            parties = list(dict.fromkeys(ev.actors + ev.recipients))
            dyads |= {(ev.type, code(a), code(b)) for a in parties for b in parties if a != b}
            if len(parties) == 1:
                dyads.add((ev.type, code(parties[0]), NONE))
        else:
            dyads |= {(ev.type, code(a), code(r)) for a in ev.actors
                      for r in (ev.recipients or [NONE])}
    return dyads


def _fits(sys: tuple[str, str, str], exp: Expected) -> bool:
    _, source, target = sys
    return (exp.source in (ANY, source)) and (exp.target == ANY or exp.target == target)


@dataclass
class SuiteReport:
    name: str
    cases: int = 0
    type_recall: Score = field(default_factory=Score)
    dyads: Score = field(default_factory=Score)
    no_event: Score = field(default_factory=Score)
    misses: list[dict[str, str]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"suite": self.name, "cases": self.cases,
                "type_recall": round(self.type_recall.recall, 4),
                "dyad_country": self.dyads.to_dict(),
                "no_event_precision": round(self.no_event.precision, 4)
                if self.no_event.n_sys else None,
                "no_event_cases": self.no_event.n_sys}


def score_suite(cases: Iterable[Case], extractions: Iterable[Extraction], *,
                name: str = "suite") -> SuiteReport:
    """Score one extraction per case (matched by document id; a missing one is empty)."""
    by_id = {ex.document.id: ex for ex in extractions}
    report = SuiteReport(name)
    for case in cases:
        report.cases += 1
        ex = by_id.get(case.id) or Extraction(document=Document(id=case.id, text=case.text))
        if case.noevents:
            report.no_event.add(Score(int(not ex.events), 1, 0, 0))
        wanted = {e.types for e in case.expected if e.types}
        found = {ev.type for ev in ex.events}
        report.type_recall.add(Score(0, 0, sum(1 for t in wanted if t & found), len(wanted)))
        expected = sorted(set(case.expected), key=repr)
        sys = sorted(_system_dyads(ex))
        edges = {si: [gi for gi, e in enumerate(expected) if e.types and s[0] in e.types
                      and _fits(s, e)] for si, s in enumerate(sys)}
        excused = {si for si, s in enumerate(sys)
                   if any(not e.types and _fits(s, e) for e in expected)}
        matching = _max_matching({si: gis for si, gis in edges.items() if gis})
        alarms = [s for si, s in enumerate(sys) if si not in matching and si not in excused]
        n_gold = sum(1 for e in expected if e.types)
        report.dyads.add(Score(len(matching), len(matching) + len(alarms), len(matching), n_gold))
        hit = set(matching.values())
        report.misses += [{"case": case.id, "dyad": f"{'/'.join(sorted(e.types))} {e.source} -> "
                           f"{e.target}", "text": case.text}
                          for gi, e in enumerate(expected) if e.types and gi not in hit]
    return report


def format_suite(report: SuiteReport, *, verbose: bool = False) -> str:
    """One suite's figures as text; ``verbose`` adds the missed dyads."""
    d = report.dyads
    lines = [f"suite {report.name}: {report.cases} sentences",
             f"  event-type recall      {report.type_recall.recall:.3f} "
             f"({report.type_recall.hits_gold}/{report.type_recall.n_gold})",
             f"  country dyads          P {d.precision:.3f}  R {d.recall:.3f}  F1 {d.f1:.3f} "
             f"({d.hits_gold} hits, {d.n_sys} system, {d.n_gold} expected)"]
    if report.no_event.n_sys:
        lines.append(f"  no-event precision     {report.no_event.precision:.3f} "
                     f"({report.no_event.hits_sys}/{report.no_event.n_sys})")
    if verbose:
        lines += [f"  MISS {m['dyad']}  [{m['case']}] {m['text']}" for m in report.misses]
    return "\n".join(lines)
