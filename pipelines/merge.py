"""Dates, defaults and one event per happening: the last step of ``dipkg_events``.

Each DATE expression of a sentence goes to the nearest event trigger above it
in the parse (else to the sentence's main event); undated events take the
publication date; events of the same type, participants and compatible dates
are merged (headline + body telling the same call), keeping the best evidence.

>>> compatible_dates("2020-06-26", "2020-06"), compatible_dates("2020-06-26", "2020-06-25")
(True, False)
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span

from kg.records import Event
from pipelines.dates import is_date_expression, resolve_date

if TYPE_CHECKING:
    from pipelines.candidate import Candidate
    from pipelines.frames import ActorIndex, Parse

__all__ = ["compatible_dates", "finalize"]


def compatible_dates(a: str | None, b: str | None) -> bool:
    """Same date at the coarser precision, or one of them unknown."""
    if not a or not b:
        return True
    return a.startswith(b) or b.startswith(a)


_DAY_WORDS = frozenset({"overnight", "today", "yesterday", "tonight",
                        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})


def _date_phrases(sent: Span, date_ents: list[Span], parse: Parse) -> list[tuple[int, int, int]]:
    """``(start, end, root)`` of DATE entities plus bare weekday / relative-day words the tagger missed.

    ``date_ents``: the doc's DATE entities (``sent.ents`` would walk all the doc's entities).
    """
    out = [(ent.start, ent.end, ent.root.i) for ent in date_ents
           if sent.start <= ent.start and ent.end <= sent.end and is_date_expression(parse.span_text(ent.start, ent.end))]
    covered = {i for start, end, _ in out for i in range(start, end)}
    for i in range(sent.start, sent.end):
        if i not in covered and parse.lower[i] in _DAY_WORDS:
            out.append((i, i + 1, i))
    return out


def _assign_dates(sent_cands: list[Candidate], base: str | None, date_ents: list[Span], parse: Parse) -> None:
    if not sent_cands:
        return
    sent = sent_cands[0].sent
    by_anchor = {}
    for cand in sent_cands:
        for i in cand.anchors:
            by_anchor.setdefault(i, cand)
    for start, end, root in _date_phrases(sent, date_ents, parse):
        before = parse.lower[start - 1] if start > 0 else ""
        if before in ("until", "till", "through", "by", "within") or parse.lower[start] in ("until", "till"):
            continue  # an end date or deadline, not the date of the happening
        target, blocked, via_verb = None, False, False
        for anc in [root] + parse.ancestors(root):
            if start <= anc < end:
                continue
            if anc in by_anchor:
                target = by_anchor[anc]
                break
            if parse.pos[anc] in ("VERB", "AUX"):
                via_verb = True
            elif parse.pos[anc] in ("NOUN", "PROPN") and not via_verb and parse.dep[anc] != "npadvmod":
                blocked = True  # "the 2015 agreement", "the elections on 24 May": the date of a thing
                break
        if blocked:
            continue
        attached = target is not None
        if target is None:
            main = [c for c in sent_cands if not c.topic_only]
            if not main:
                continue
            target = min(main, key=lambda c: (len(parse.ancestors(c.token.i)), c.token.i))
        if target.date is not None:
            continue
        prefer = "future" if target.future and attached else "past"
        text = parse.span_text(start, end)
        target.date = resolve_date(text, base=base, prefer=prefer)
        if target.date and text.lower().startswith("since"):
            target.mode = target.mode or "historical"


def _anchored(cand: Candidate) -> bool:
    """An undated clause (not a noun phrase) tells a happening of the text's own time."""
    return cand.token.pos_ in ("VERB", "AUX") and not cand.topic_only


def _same_time(a: Candidate, b: Candidate, base: str | None) -> bool:
    """Compatible dates; an undated clause is the publication time (give or take ten days)."""
    if a.date and b.date or not base:
        return compatible_dates(a.date, b.date)
    dated, undated = (a, b) if a.date else (b, a)
    if not dated.date or not _anchored(undated):
        return True
    if len(dated.date) < 10:
        return compatible_dates(dated.date, base)
    import datetime as dt

    gap = (dt.date.fromisoformat(base[:10]) - dt.date.fromisoformat(dated.date)).days
    return -10 <= gap <= 10


def _merge_key(cand: Candidate) -> tuple:
    if cand.reciprocal:
        return cand.type, frozenset(cand.actors), frozenset()
    return cand.type, frozenset(cand.actors), frozenset(cand.recipients)


def _same_act(a: Candidate, b: Candidate) -> bool:
    """One sentence, one type, one actor set, one side without a named target: one act
    ("imposed sanctions on X and froze their assets")."""
    return (a.sent.start == b.sent.start and a.type == b.type and set(a.actors) == set(b.actors)
            and not (a.reciprocal or b.reciprocal) and not (a.recipients and b.recipients)
            and not (a.topic_only or b.topic_only))


def _absorb_into(keep: Candidate, other: Candidate) -> None:
    keep.recipients = keep.recipients or list(other.recipients)
    keep.topics = list(dict.fromkeys(keep.topics + other.topics))
    if other.topic_only:
        return
    if (other.confidence, -other.sent.start) > (keep.confidence, -keep.sent.start) and not keep.main:
        keep.sent, keep.token, keep.trigger = other.sent, other.token, other.trigger
    keep.confidence = max(keep.confidence, other.confidence)
    keep.mode = keep.mode or other.mode
    keep.detail = keep.detail or other.detail
    if keep.date is None or (other.date and len(other.date) > len(keep.date)):
        keep.date = other.date or keep.date


def finalize(cands: list[Candidate], *, doc: Doc, index: ActorIndex) -> list[Event]:
    """Dates, defaults, merging; the event records in text order."""
    from pipelines.candidate import to_event

    base = doc._.dip_date
    by_sent: dict[int, list[Candidate]] = {}
    for cand in cands:
        by_sent.setdefault(cand.sent.start, []).append(cand)
    date_ents = [ent for ent in doc.ents if ent.label_ == "DATE"] if by_sent else []
    for group in by_sent.values():
        _assign_dates(group, base, date_ents, index.parse)
    merged: list[Candidate] = []
    for cand in sorted(cands, key=lambda c: (c.topic_only, c.sent.start, c.token.i)):
        for keep in merged:
            if (_merge_key(keep) == _merge_key(cand) or _same_act(keep, cand)) and _same_time(keep, cand, base):
                _absorb_into(keep, cand)
                break
        else:
            if not cand.topic_only:
                merged.append(cand)
    pub_year = (base or "")[:4]
    for cand in merged:
        if cand.date is None and base:
            cand.date = base
        elif cand.date and pub_year and cand.date[:4] < pub_year and cand.mode is None and not cand.future:
            cand.mode = "historical"
    for keep in merged:
        keep.topics = [t for t in keep.topics if t not in keep.actors and t not in keep.recipients]
    merged.sort(key=lambda c: (c.sent.start, c.token.i))
    return [to_event(c, index.parse.doc_text) for c in merged]
