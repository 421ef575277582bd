"""Persons named next to a title: appositions and counterparts, for :mod:`pipelines.titles`.

- a title in apposition names the person next to it ("Jane Doe, the Kenyan
  foreign minister, said"; "the Foreign Minister of Kenya, Jane Doe, said");
- "his Kenyan counterpart" is the holder, at the doc's date, of the office of
  the person it belongs to, in the state named ("Foreign Minister X met his
  Kenyan counterpart" -> Kenya's foreign minister), else that state's government;
  a name right after it is that person ("her Latvian counterpart Jane Doe");
- a person new to the knowledge base described by a demonym keeps its state
  ("Kenyan lawyer Jane Doe", "Jane Doe, a Kenyan lawyer,").

>>> sorted(COUNTERPART)
['counterpart', 'opposite number']
"""
from __future__ import annotations

from pipelines.mentions import DocState, new_unit
from pipelines.titles import HONORIFICS

__all__ = ["COUNTERPART", "appositive_person", "counterparts", "described_persons"]

#: Words for the holder of the same office in another state.
COUNTERPART = frozenset({"counterpart", "opposite number"})
#: Possessives before "counterpart" that point back to a person.
_POSSESSIVE = frozenset({"his", "her", "their", "its"})


#: Tokens that close an appositive ("X, the Kenyan foreign minister, said").
_APPOS_END = frozenset({",", ".", ";", ")", "(", "\u2014", "\u2013", "-"})


def appositive_person(state: DocState, start: int, end: int) -> str | None:
    """The person a title at tokens ``start:end`` stands in apposition to, if any.

    "Jane Doe, the Kenyan foreign minister, said" and "the Foreign Minister of
    Kenya, Jane Doe, said": the title names the person next to it across a comma.
    """
    doc = state.doc

    def person(u) -> str | None:
        if u is None or len(u.ids) != 1 or state.type_of(u.ids[0]) != "Person":
            return None
        return u.ids[0]

    if end + 1 < len(doc) and doc[end].text == ",":
        k = end + 1
        while k < len(doc) - 1 and doc[k].text.rstrip(".").lower() in HONORIFICS:
            k += 1  # "the Foreign Minister, Ms. Jane Doe,"
        after = state.starting_at(k)
        pid = person(after)
        if pid and (after.end == len(doc) or doc[after.end].text in _APPOS_END):
            return pid
    if start > 1 and doc[start - 1].text == "," and (end == len(doc) or doc[end].text in _APPOS_END):
        return person(state.ending_at(start - 1))
    return None


def _person(state: DocState, u) -> str | None:
    if u is None or len(u.ids) != 1 or state.type_of(u.ids[0]) != "Person":
        return None
    return u.ids[0]


def counterparts(state: DocState) -> None:
    """ "his Kenyan counterpart" -> Kenya's holder of the possessor's office (see the module docstring)."""
    doc, kb = state.doc, state.kb
    owner = state.owner()
    for i, lower in enumerate(state.lowers):
        if lower not in ("counterpart", "opposite") or i in owner:
            continue
        tok = doc[i]
        n = 2 if doc[tok.i:tok.i + 2].text.lower() == "opposite number" else 1
        if n == 1 and tok.lower_ != "counterpart":
            continue
        end = tok.i + n
        found = state.demonym_left(tok.i)
        if found:
            country, start = found
        else:
            prev = state.ending_at(tok.i)
            country = state.country_of_unit(prev)
            start = prev.start if prev is not None else tok.i
        if not country or start == 0 or doc[start - 1].lower_ not in _POSSESSIVE:
            continue
        sent_start = tok.sent.start
        before = [u for u in state.top() if u.end <= start - 1 and u.start >= sent_start
                  and _person(state, u)]
        if not before:
            continue
        role, own = state.person_office(_person(state, before[-1]))
        if not role or own == country:
            continue
        named = state.starting_at(end) or (state.starting_at(end + 1) if end < len(doc) and doc[end].text == ","
                                            else None)
        pid = _person(state, named)
        if pid is not None:
            state.give(pid, role=role, country=country)
            target = pid
        else:
            holder = kb.office_holder(role, country, state.date) or kb.government(country)
            if holder is None:
                continue
            target = holder.id
        for u in state.units:
            if u.kind == "demonym" and start <= u.start and u.end <= tok.i:
                u.kind = "drop"  # a demonym in a title is no mention of its own ("French President")
        state.consumed.update(range(start, tok.i))
        unit = new_unit(state, start, end, (target,), "title")
        if unit is not None:
            owner.update({i: unit for i in range(start, end)})


#: Tags of the common words between a demonym and a name ("Kenyan human rights lawyer X").
_DESC_TAGS = frozenset({"NN", "NNS", "JJ", "HYPH"})


def described_persons(state: DocState) -> None:
    """Persons new to the KB described by a demonym keep its state.

    "Kenyan lawyer Jane Doe" and "Jane Doe, a Kenyan lawyer," give Jane Doe the
    state KEN (the demonym is part of the description, not a mention of Kenya).
    """
    doc = state.doc
    titled = {i for s, e in state.titles for i in range(s, e)}
    for u in state.top():
        pid = _person(state, u)
        if pid is None or pid in state.kb.actors or state.person_office(pid)[1]:
            continue
        j = u.start
        while j > 0 and u.start - j < 4 and doc[j - 1].tag_ in _DESC_TAGS and doc[j - 1].text.islower() \
                and j - 1 not in titled:
            j -= 1
        found = state.demonym_left(j) if j < u.start and j - 1 not in titled else None
        span = (found[1], j) if found else None
        e = u.end
        if found is None and e + 3 < len(doc) and doc[e].text == "," and doc[e + 1].lower_ in ("a", "an", "the"):
            after = state.demonym_at(e + 2)
            k = after[1] if after else len(doc)
            while k < len(doc) and doc[k].tag_ in _DESC_TAGS and doc[k].text.islower() and k not in titled:
                k += 1
            if after and k > after[1] and (k == len(doc) or doc[k].text in _APPOS_END):
                found, span = after, (e + 2, after[1])
        if found is None:
            continue
        state.give(pid, country=found[0])
        state.consumed.update(range(*span))
