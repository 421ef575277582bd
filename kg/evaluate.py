"""Score extraction records against gold annotations (``EVALUATION.md``).

Pure Python over :class:`kg.records.Extraction`: any extractor can be scored.

Every event is expanded into dyads ``(type, actor, recipient)``; a reciprocal
event gives one unordered pair per two parties. Each document is the *set* of
its distinct dyads on both sides. Matching is one-to-one (a maximum bipartite
matching): a gold dyad is hit once, a second system dyad on it is a false alarm.
Gold dyads coming only from ``optional`` events are never misses, and a system
dyad matching one is neither a hit nor a false alarm. A gold dyad without
recipient accepts a system dyad by the same actor with any recipient; an
unordered pair (either side reciprocal) matches in both directions.

Levels: ``strict`` (actors as annotated), ``country`` (actors mapped to their
state; IGOs and others without one stay themselves) and ``untyped`` (strict
actors, types ignored). Date accuracy is over the strict matches whose gold
date is known: right when a system date equals a gold date at the gold's
precision (``2019-08-14`` is right for gold ``2019-08``, ``2019`` is not).

Actor linking: the system actors of a document are its event participants
and mentioned actors. Recall = gold actors matched by one of them / gold
actors. Precision = system actors matching a gold actor / system actors, where
actors matching no gold actor but an ``ignore`` name (label, alternative
label or a mention's surface) are left out of both.

Duplicate rate: events repeating an earlier event of the same document with
the same type, participants and date / events (also given for the gold).

>>> from kg.records import Actor, Document, Event, Extraction
>>> gold = Gold.from_dict({"doc": "d1.txt", "published": "2020-06-26",
...   "actors": [{"key": "FRA", "type": "Country", "name": "France", "iso3": "FRA"},
...              {"key": "RUS", "type": "Country", "name": "Russia", "iso3": "RUS"}],
...   "events": [{"id": "e1", "type": "CONSULT", "reciprocal": True,
...               "actors": ["FRA", "RUS"], "recipients": [], "date": "2020-06"}]})
>>> ex = Extraction(document=Document(id="d1", text="..."),
...   actors=[Actor(id="country/FRA", type="Country", label="France", iso3="FRA"),
...           Actor(id="country/RUS", type="Country", label="Russia", iso3="RUS")],
...   events=[Event(type="CONSULT", actors=["country/RUS"], recipients=["country/FRA"],
...                 date="2020-06-26")])
>>> report = score([ex], {"d1": gold})
>>> report.levels["strict"].f1, report.date_accuracy
(1.0, 1.0)
"""
from __future__ import annotations

import json
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.errors import InputError
from kg.records import Actor, Event, Extraction

__all__ = ["DocScore", "Gold", "GoldActor", "GoldEvent", "Report", "Score", "format_report", "load_gold",
           "normalize_name", "score"]

LEVELS = ("strict", "country", "untyped")
NONE = "-"
_PREFIX_TYPES = {"country": "Country", "person": "Person", "igo": "IGO", "government": "Government",
                 "armedgroup": "ArmedGroup", "organization": "Organization"}


def normalize_name(name: str) -> str:
    """Case- and accent-insensitive form, a leading "the" dropped.

    >>> normalize_name("  The  Elysée Palace")
    'elysee palace'
    """
    text = unicodedata.normalize("NFKD", name.replace("\u2019", "'").replace("\u2018", "'"))
    text = " ".join("".join(c for c in text if not unicodedata.combining(c)).casefold().split())
    return text[4:] if text.startswith("the ") else text


# ---------------------------------------------------------------- gold
@dataclass
class GoldActor:
    key: str
    type: str
    name: str
    aliases: list[str] = field(default_factory=list)
    iso3: str | None = None
    country: str | None = None

    @property
    def state(self) -> str | None:
        """ISO3 of the actor's state (its own code for a country)."""
        return self.iso3 if self.type == "Country" and self.iso3 else self.country


@dataclass
class GoldEvent:
    id: str
    type: str
    actors: list[str]
    recipients: list[str] = field(default_factory=list)
    alt_types: list[str] = field(default_factory=list)
    reciprocal: bool = False
    date: str | None = None
    optional: bool = False
    evidence: str = ""


@dataclass
class Gold:
    """The gold annotation of one text (file ``<text-stem>.gold.json``)."""

    doc: str
    published: str | None
    actors: dict[str, GoldActor]
    events: list[GoldEvent]
    ignore: list[str] = field(default_factory=list)

    @property
    def doc_id(self) -> str:
        """The text's stem: ``"a/b.txt"`` -> ``"b"``."""
        return Path(self.doc).stem

    @classmethod
    def from_dict(cls, data: dict[str, Any], *, source: str = "<gold>") -> Gold:
        """Parse one gold JSON object; unknown actor keys raise InputError."""
        try:
            actors = {a["key"]: GoldActor(key=a["key"], type=a["type"], name=a["name"],
                                          aliases=list(a.get("aliases") or []), iso3=a.get("iso3"),
                                          country=a.get("country")) for a in data["actors"]}
            events = [GoldEvent(id=e["id"], type=e["type"], actors=list(e["actors"]),
                                recipients=list(e.get("recipients") or []),
                                alt_types=list(e.get("alt_types") or []),
                                reciprocal=bool(e.get("reciprocal")), date=e.get("date"),
                                optional=bool(e.get("optional")), evidence=e.get("evidence") or "")
                      for e in data["events"]]
            gold = cls(doc=data["doc"], published=data.get("published"), actors=actors,
                       events=events, ignore=list(data.get("ignore") or []))
        except KeyError as exc:
            raise InputError(f"{source}: gold record lacks field {exc}; see EVALUATION.md") from exc
        except (TypeError, AttributeError) as exc:
            raise InputError(f"{source}: malformed gold record ({exc}); see EVALUATION.md") from exc
        for ev in events:
            for key in ev.actors + ev.recipients:
                if key not in actors:
                    raise InputError(f"{source}: event {ev.id!r} names unknown actor {key!r}; "
                                     "add it to 'actors'")
        return gold


def load_gold(directory: str | Path) -> dict[str, Gold]:
    """Read every ``*.gold.json`` of a directory, keyed by document id (text stem).

    >>> load_gold("/nonexistent")
    Traceback (most recent call last):
    kg.errors.InputError: gold directory '/nonexistent' has no *.gold.json files; pass --gold DIR
    """
    paths = sorted(Path(directory).glob("*.gold.json"))
    if not paths:
        raise InputError(f"gold directory {str(directory)!r} has no *.gold.json files; "
                         "pass --gold DIR")
    golds = {}
    for path in paths:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise InputError(f"cannot read gold file {str(path)!r}: {exc}") from exc
        gold = Gold.from_dict(data, source=str(path))
        golds[gold.doc_id] = gold
    return golds


# ---------------------------------------------------------------- dyads
# A pair is ("u", (a, b)) sorted for reciprocal events or ("d", (actor, recipient)).
Pair = tuple[str, tuple[str, str]]


def _pairs(actors: list[str], recipients: list[str], reciprocal: bool) -> set[Pair]:
    if reciprocal:
        parties = sorted(dict.fromkeys(actors + recipients))
        if len(parties) == 1:
            return {("d", (parties[0], NONE))}
        return {("u", (a, b)) for i, a in enumerate(parties) for b in parties[i + 1:]}
    return {("d", (a, r)) for a in dict.fromkeys(actors) for r in (recipients or [NONE])}


def _map_pair(pair: Pair, fn: Callable[[str], str]) -> Pair:
    kind, (a, b) = pair
    mapped = (fn(a), fn(b) if b != NONE else NONE)
    return (kind, tuple(sorted(mapped)) if kind == "u" else mapped)  # type: ignore[return-value]


def _pair_match(sys: Pair, gold: Pair, ok: Callable[[str, str], bool]) -> bool:
    """Do the system pair's actors match the gold pair's (ok(sys_actor, gold_actor))?"""
    (skind, (sa, sb)), (gkind, (ga, gb)) = sys, gold
    if gb == NONE:  # gold without recipient: the same actor, any recipient
        return ok(sa, ga) or (skind == "u" and ok(sb, ga))
    if sb == NONE:
        return False
    if ok(sa, ga) and ok(sb, gb):
        return True
    return (skind == "u" or gkind == "u") and ok(sa, gb) and ok(sb, ga)


@dataclass
class _Dyad:
    types: set[str]            # accepted types (gold: type + alt_types); empty: untyped
    pair: Pair
    type: str = ""             # the main type ("" when untyped)
    optional: bool = True
    dates: set[str] = field(default_factory=set)
    evidence: list[str] = field(default_factory=list)


def _collect(items: Iterable[tuple[str, set[str], Pair, bool, str | None, str]],
             typed: bool) -> list[_Dyad]:
    """Merge (type, accepted, pair, optional, date, evidence) into distinct dyads."""
    dyads: dict[tuple[str, Pair], _Dyad] = {}
    for type_, accepted, pair, optional, date, evidence in items:
        key = (type_ if typed else "", pair)
        dyad = dyads.setdefault(key, _Dyad(set(), pair, key[0]))
        dyad.types |= accepted if typed else set()
        dyad.optional = dyad.optional and optional
        if date:
            dyad.dates.add(date)
        if evidence and evidence not in dyad.evidence:
            dyad.evidence.append(evidence)
    return list(dyads.values())


def _max_matching(edges: dict[int, list[int]]) -> dict[int, int]:
    """Maximum bipartite matching (augmenting paths): left index -> right index."""
    owner: dict[int, int] = {}

    def augment(left: int, seen: set[int]) -> bool:
        for right in edges.get(left, []):
            if right not in seen:
                seen.add(right)
                if right not in owner or augment(owner[right], seen):
                    owner[right] = left
                    return True
        return False

    for left in edges:
        augment(left, set())
    return {left: right for right, left in owner.items()}


def _date_right(sys_dates: set[str], gold_dates: set[str]) -> bool:
    return any(s[:len(g)] == g for s in sys_dates for g in gold_dates if len(s) >= len(g))


# ---------------------------------------------------------------- scores
@dataclass
class Score:
    """Precision = hits_sys / n_sys, recall = hits_gold / n_gold (dyads: hits_sys == hits_gold)."""

    hits_sys: int = 0
    n_sys: int = 0
    hits_gold: int = 0
    n_gold: int = 0

    @property
    def precision(self) -> float:
        return self.hits_sys / self.n_sys if self.n_sys else 0.0

    @property
    def recall(self) -> float:
        return self.hits_gold / self.n_gold if self.n_gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Score) -> None:
        self.hits_sys += other.hits_sys
        self.n_sys += other.n_sys
        self.hits_gold += other.hits_gold
        self.n_gold += other.n_gold

    def to_dict(self) -> dict[str, Any]:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4),
                "f1": round(self.f1, 4), "hits_sys": self.hits_sys, "n_sys": self.n_sys,
                "hits_gold": self.hits_gold, "n_gold": self.n_gold}


@dataclass
class _Tally:
    levels: dict[str, Score] = field(default_factory=lambda: {lv: Score() for lv in LEVELS})
    date_right: int = 0
    date_total: int = 0
    linking: Score = field(default_factory=Score)
    duplicates: int = 0
    events: int = 0
    gold_duplicates: int = 0
    gold_events: int = 0

    @property
    def date_accuracy(self) -> float:
        return self.date_right / self.date_total if self.date_total else 0.0

    @property
    def duplicate_rate(self) -> float:
        return self.duplicates / self.events if self.events else 0.0

    @property
    def gold_duplicate_rate(self) -> float:
        return self.gold_duplicates / self.gold_events if self.gold_events else 0.0

    def add(self, other: _Tally) -> None:
        for level in LEVELS:
            self.levels[level].add(other.levels[level])
        self.linking.add(other.linking)
        for name in ("date_right", "date_total", "duplicates", "events", "gold_duplicates",
                     "gold_events"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def to_dict(self) -> dict[str, Any]:
        return {"levels": {lv: s.to_dict() for lv, s in self.levels.items()},
                "date_accuracy": round(self.date_accuracy, 4), "date_right": self.date_right,
                "date_total": self.date_total, "actor_linking": self.linking.to_dict(),
                "duplicate_rate": round(self.duplicate_rate, 4), "events": self.events,
                "gold_duplicate_rate": round(self.gold_duplicate_rate, 4)}


@dataclass
class DocScore(_Tally):
    """One document's figures plus its strict misses and false alarms (with evidence)."""

    doc: str = ""
    misses: list[dict[str, str]] = field(default_factory=list)
    false_alarms: list[dict[str, str]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"doc": self.doc, **super().to_dict(), "misses": self.misses,
                "false_alarms": self.false_alarms}


@dataclass
class Report(_Tally):
    """Micro-averaged totals (summed counts) plus one :class:`DocScore` per gold document.

    ``missing`` lists gold documents that had no extraction (scored as empty).
    """

    documents: list[DocScore] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {**super().to_dict(), "documents": [d.to_dict() for d in self.documents],
                "missing": self.missing}


# ---------------------------------------------------------------- scoring
def _stub(actor_id: str) -> Actor:
    prefix, _, rest = actor_id.partition("/")
    kind = _PREFIX_TYPES.get(prefix, "Organization")
    return Actor(id=actor_id, type=kind, label=rest.replace("-", " ") or actor_id,
                 iso3=rest.upper() if kind == "Country" else None)


def _state(actor: Actor) -> str | None:
    if actor.type == "Country":
        return actor.iso3 or (actor.id.partition("/")[2].upper() or None)
    return actor.country


def _names(actor: Actor) -> set[str]:
    return {normalize_name(n) for n in [actor.label, *actor.alt_labels] if n}


def _matches(actor: Actor, gold: GoldActor) -> bool:
    if gold.type == "Country" and gold.iso3 and _state(actor) == gold.iso3 \
            and actor.type == "Country":
        return True
    return bool(_names(actor) & {normalize_name(n) for n in [gold.name, *gold.aliases]})


def _describe(pair: Pair, type_: str, name: Callable[[str], str]) -> str:
    kind, (a, b) = pair
    return f"{type_} {name(a)} {'<->' if kind == 'u' else '->'} {name(b) if b != NONE else NONE}"


def _dup_count(events: Iterable[tuple[str, frozenset[str], frozenset[str], bool, str | None]]
               ) -> tuple[int, int]:
    seen: set[Any] = set()
    dups = total = 0
    for type_, actors, recipients, reciprocal, date in events:
        key = (type_, frozenset(actors | recipients), date) if reciprocal \
            else (type_, actors, recipients, date)
        total += 1
        dups += key in seen
        seen.add(key)
    return dups, total


def _score_level(sys_items: list[tuple[Event, Pair]], gold: Gold, typed: bool,
                 gold_token: Callable[[str], str], ok: Callable[[str, str], bool]
                 ) -> tuple[Score, list[tuple[_Dyad, _Dyad]], list[_Dyad], list[_Dyad]]:
    """Score one level: returns the score, matched pairs, misses and false alarms."""
    gold_dyads = _collect(((ev.type, {ev.type, *ev.alt_types}, _map_pair(p, gold_token),
                            ev.optional, ev.date, ev.evidence)
                           for ev in gold.events
                           for p in _pairs(ev.actors, ev.recipients, ev.reciprocal)), typed)
    sys_dyads = _collect(((ev.type, {ev.type}, pair, False, ev.date, ev.evidence)
                          for ev, pair in sys_items), typed)
    required, optional = defaultdict(list), set()
    for si, s in enumerate(sys_dyads):
        for gi, g in enumerate(gold_dyads):
            if (not typed or s.types & g.types) and _pair_match(s.pair, g.pair, ok):
                if g.optional:
                    optional.add(si)
                else:
                    required[si].append(gi)
    # Matching first the dyads no optional gold excuses leaves the excused ones over:
    # Kuhn's algorithm keeps matched left nodes matched, so this order minimizes false alarms.
    # Ties go to the likeliest pairing: same pair shape (ordered or not, recipient or
    # not), same main type, agreeing dates.
    def rank(si: int, gi: int) -> tuple[bool, bool, bool]:
        s, g = sys_dyads[si], gold_dyads[gi]
        shape = s.pair[0] == g.pair[0] and (s.pair[1][1] == NONE) == (g.pair[1][1] == NONE)
        return (not shape, s.type != g.type,
                bool(g.dates) and not _date_right(s.dates, g.dates))

    edges = {si: sorted(gis, key=lambda gi, si=si: rank(si, gi)) for si, gis in required.items()}
    order = sorted(edges, key=lambda si: (si in optional, rank(si, edges[si][0])))
    matching = _max_matching({si: edges[si] for si in order})
    matched_gold = set(matching.values())
    misses = [g for gi, g in enumerate(gold_dyads) if not g.optional and gi not in matched_gold]
    alarms = [s for si, s in enumerate(sys_dyads) if si not in matching and si not in optional]
    tp = len(matching)
    score_ = Score(tp, tp + len(alarms), tp, tp + len(misses))
    return score_, [(sys_dyads[s], gold_dyads[g]) for s, g in matching.items()], misses, alarms


def _score_document(ex: Extraction | None, gold: Gold) -> DocScore:
    result = DocScore(doc=gold.doc_id)
    known = {a.id: a for a in ex.actors} if ex else {}
    events = list(ex.events) if ex else []
    mentions = list(ex.mentions) if ex else []
    ids = {i for ev in events for i in ev.actors + ev.recipients} | {m.actor_id for m in mentions}
    actors = {i: known.get(i) or _stub(i) for i in sorted(ids)}
    strict = {i: {k for k, g in gold.actors.items() if _matches(a, g)} for i, a in actors.items()}

    def gold_state(key: str) -> str:
        return gold.actors[key].state or "@" + key

    def sys_country(sid: str) -> str:
        own = _state(actors[sid])
        if own:
            return own
        return "~" + ",".join(sorted({gold_state(k) for k in strict[sid]})) if strict[sid] \
            else "#" + sid

    def country_ok(skey: str, gtok: str) -> bool:
        return gtok in skey[1:].split(",") if skey[0] == "~" else skey == gtok

    def strict_ok(sid: str, gkey: str) -> bool:
        return gkey in strict.get(sid, ())

    strict_items = [(ev, p) for ev in events for p in _pairs(ev.actors, ev.recipients,
                                                             ev.reciprocal)]
    country_items = [(ev, _map_pair(p, sys_country)) for ev, p in strict_items]
    for level, items, token, ok in (("strict", strict_items, str, strict_ok),
                                    ("country", country_items, gold_state, country_ok),
                                    ("untyped", strict_items, str, strict_ok)):
        sc, matched, misses, alarms = _score_level(items, gold, level != "untyped", token, ok)
        result.levels[level] = sc
        if level == "strict":
            for s, g in matched:
                if g.dates:
                    result.date_total += 1
                    result.date_right += _date_right(s.dates, g.dates)

            def gname(key: str) -> str:
                return gold.actors[key].name

            def sname(sid: str) -> str:
                return actors[sid].label if sid in actors else sid

            result.misses = [{"dyad": _describe(g.pair, "/".join(sorted(g.types)), gname),
                              "evidence": " | ".join(g.evidence)} for g in misses]
            result.false_alarms = [{"dyad": _describe(s.pair, "/".join(sorted(s.types)), sname),
                                    "evidence": " | ".join(s.evidence)} for s in alarms]

    ignore = {normalize_name(n) for n in gold.ignore}
    surfaces = defaultdict(set)
    for m in mentions:
        surfaces[m.actor_id].add(normalize_name(m.surface))
    counted = [i for i in actors if strict[i] or not ((_names(actors[i]) | surfaces[i]) & ignore)]
    found = set().union(*strict.values()) if strict else set()
    result.linking = Score(sum(1 for i in counted if strict[i]), len(counted),
                           len(found), len(gold.actors))
    result.duplicates, result.events = _dup_count(
        (e.type, frozenset(e.actors), frozenset(e.recipients), e.reciprocal, e.date)
        for e in events)
    result.gold_duplicates, result.gold_events = _dup_count(
        (e.type, frozenset(e.actors), frozenset(e.recipients), e.reciprocal, e.date)
        for e in gold.events)
    return result


def _doc_key(doc_id: str, gold: dict[str, Gold]) -> str | None:
    for key in (doc_id, Path(doc_id).stem, Path(doc_id).name):
        if key in gold:
            return key
    return None


def score(extractions: Iterable[Extraction], gold: dict[str, Gold]) -> Report:
    """Score extractions against gold (keyed by document id); others are ignored.

    A gold document without extraction is scored as empty and listed in ``missing``.
    """
    by_doc: dict[str, Extraction] = {}
    for ex in extractions:
        key = _doc_key(ex.document.id, gold)
        if key is not None:
            by_doc[key] = ex
    report = Report()
    for doc_id in sorted(gold):
        if doc_id not in by_doc:
            report.missing.append(doc_id)
        doc = _score_document(by_doc.get(doc_id), gold[doc_id])
        report.documents.append(doc)
        report.add(doc)
    return report


# ---------------------------------------------------------------- report
def _cell(value: float, denominator: int) -> str:
    return f"{value:.3f}" if denominator else "  -  "


def format_report(report: Report, *, verbose: bool = False) -> str:
    """The report as text tables; ``verbose`` adds each document's misses and false alarms."""
    lines = ["level      precision  recall    F1     hits  sys  gold"]
    for level, s in report.levels.items():
        lines.append(f"{level:<10} {_cell(s.precision, s.n_sys):>9}  {_cell(s.recall, s.n_gold):>6}"
                     f"  {_cell(s.f1, s.n_sys + s.n_gold):>6}  {s.hits_gold:>4} {s.n_sys:>4}"
                     f" {s.n_gold:>5}")
    link = report.linking
    lines += ["",
              f"date accuracy   {_cell(report.date_accuracy, report.date_total)} "
              f"({report.date_right}/{report.date_total} matched dyads with a gold date)",
              f"actor linking   P {_cell(link.precision, link.n_sys)}  R "
              f"{_cell(link.recall, link.n_gold)}  F1 {_cell(link.f1, link.n_sys + link.n_gold)}"
              f"  ({link.hits_sys}/{link.n_sys} system, {link.hits_gold}/{link.n_gold} gold)",
              f"duplicate rate  {report.duplicate_rate:.3f} ({report.duplicates}/{report.events}"
              f" events; gold {report.gold_duplicate_rate:.3f})", ""]
    width = max([len(d.doc) for d in report.documents] + [8])
    lines.append(f"{'document':<{width}}  strict  country untyped  date   link   events")
    for d in report.documents:
        st, co, un = (d.levels[lv] for lv in LEVELS)
        lines.append(f"{d.doc:<{width}}  {_cell(st.f1, st.n_sys + st.n_gold)}   "
                     f"{_cell(co.f1, co.n_sys + co.n_gold)}   {_cell(un.f1, un.n_sys + un.n_gold)}"
                     f"  {_cell(d.date_accuracy, d.date_total)}  "
                     f"{_cell(d.linking.f1, d.linking.n_sys + d.linking.n_gold)}  {d.events:>5}")
    if report.missing:
        lines += ["", "no extraction for: " + ", ".join(report.missing)]
    if verbose:
        for d in report.documents:
            if not (d.misses or d.false_alarms):
                continue
            lines += ["", f"== {d.doc}"]
            lines += [f"  MISS  {m['dyad']}\n        {m['evidence']}" for m in d.misses]
            lines += [f"  FALSE {f['dyad']}\n        {f['evidence']}" for f in d.false_alarms]
    return "\n".join(lines)
