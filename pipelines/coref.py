"""Within-document linking and coreference for :mod:`pipelines.actors`.

Works on :class:`~pipelines.mentions.Unit` candidates (token spans) that
:class:`pipelines.actors.ActorLinker` recognized (its ``resolve_document`` runs
the steps in order): persons (knowledge base, full names, surnames, titled
surnames), faction descriptions ("the UN-backed government", "forces led by X"),
misspellings ("Macon"), "the Government"; bare and plural titles are in
:mod:`pipelines.titles`; demonyms, places and organizations in
:mod:`pipelines.collectives`.

>>> desc_key("the UN-supported government") == desc_key("UN backed Government")
True
"""
from __future__ import annotations

from spacy.attrs import DEP, POS
from spacy.symbols import PROPN
from spacy.tokens import Token

from pipelines.kb import normalize
from pipelines.mentions import (LOC_PREPS, DocState, Unit, acts, name_ok, new_unit, salience,  # noqa: F401
                                same_line)

__all__ = ["BARE_OK", "DocState", "Unit", "acts", "bare_government", "desc_key", "descriptions",
           "fuzzy_names", "link_persons", "name_ok", "same_line"]

#: Kept for callers of the old private name.
_new_unit = new_unit
#: Heads of faction descriptions ("the UN-backed government in X", "forces loyal to X").
DESC_HEADS = frozenset({"government", "forces", "army", "militia", "administration", "authorities",
                        "parliament", "troops", "fighters", "rebels", "coalition", "faction", "group"})
_SYNONYMS = {"supported": "backed", "recognised": "backed", "recognized": "backed", "sponsored": "backed",
             "endorsed": "backed", "loyal": "led", "commanded": "led", "headed": "led"}
#: Roles a bare title may corefer with ("the Prime Minister"); others need a name.
BARE_OK = frozenset({"President", "Prime Minister", "Chancellor", "Foreign Minister", "King", "Queen",
                     "Emir", "Leader", "Head of State", "Head of Government", "Ambassador",
                     "Secretary-General", "Supreme Leader", "Vice President", "Crown Prince",
                     "Special Envoy", "Monarch", "Sultan"})


def desc_key(text: str) -> str:
    """Matching key of a faction description ("UN-supported" and "UN-backed" agree).

    >>> desc_key("the UN-supported government") == desc_key("UN backed Government")
    True
    """
    return " ".join(_SYNONYMS.get(w, w) for w in normalize(text).split())


# -- steps -------------------------------------------------------------------------
def _choose(state: DocState, ids: tuple[str, ...], known: set[str]) -> tuple[str, ...]:
    """One actor for an ambiguous name: one already in the doc, else in office at its date."""
    if len(ids) <= 1:
        return ids
    for pick in ([i for i in ids if i in known],
                 [i for i in ids if any(o.covers(state.date) for o in state.kb.offices_of(i))]):
        if pick:
            return (pick[0],)
    return (ids[0],)


def _surnames(state: DocState, ids: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for i in ids:
        for key in state.name_keys(i):
            words = key.split()
            if words:
                out.setdefault(words[-1], i)
    return out


#: Words before a name that make it a journalist's byline, not a political actor.
PRESS = frozenset({"writer", "writers", "correspondent", "reporter", "reporters", "journalist",
                   "photographer", "editor", "columnist", "contributor", "producer", "anchor"})


def link_persons(state: DocState) -> None:
    """Names -> persons: KB, full names (new actors), then surnames and titled surnames."""
    doc, known = state.doc, set()
    singles: list[Unit] = []
    for u in state.units:
        if u.kind in ("person", "kb") and u.start > 0 and doc[u.start - 1].lower_ in PRESS:
            u.kind = "source"
            continue
        if u.kind == "kb" and any(state.type_of(i) == "Person" for i in u.ids):
            persons = tuple(i for i in u.ids if state.type_of(i) == "Person")
            others = tuple(i for i in u.ids if state.type_of(i) != "Person")
            if others and doc[u.start].ent_type_ != "PERSON" and u.role is None:
                u.ids = others[:1]
                continue
            u.ids = persons
            if len(persons) == 1:
                known.add(persons[0])
        elif u.kind == "person":
            start = u.name_start if u.name_start is not None else u.start
            name = doc[start:u.end]
            found = tuple(a.id for a in state.kb.lookup(name.text) if a.type == "Person")
            for n in range(len(name) - 1, 1, -1) if not found else ():
                found = tuple(a.id for a in state.kb.lookup(name[:n].text) if a.type == "Person")
                if found:  # a headline verb glued to the name: "Wang Yi Holds Talks"
                    u.end = name[:n].end
                    break
            if found:
                u.kind, u.ids = "kb", found
                if len(found) == 1:
                    known.add(found[0])
            elif len(name) > 1 and name_ok(list(name)) and not state.kb.is_location(name.text) \
                    and not state.demonym_at(name.start) and not state.kb.demonym(name.text):
                u.kind, u.ids = "kb", (state.add_new("Person", name.text),)
                known.add(u.ids[0])
            elif len(name) == 1:
                singles.append(u)
            else:
                u.kind = "drop"
    for u in state.units:
        if u.kind == "kb" and len(u.ids) > 1 and all(state.type_of(i) == "Person" for i in u.ids):
            u.ids = _choose(state, u.ids, known)
            known.update(u.ids)
        elif u.kind in ("kb", "place") and len(u.ids) > 1:
            u.ids = tuple(state.active(u.ids)[:1])
    surnames = _surnames(state, sorted(known))
    _surname_of_named(state)
    for u in singles:
        start = u.name_start if u.name_start is not None else u.start
        key = normalize(state.doc[start:u.end].text)
        if key in surnames:
            u.kind, u.ids = "kb", (surnames[key],)
        elif u.role:
            u.kind, u.ids = "kb", (state.add_new("Person", state.doc[start:u.end].text),)
        else:
            u.kind = "drop"
    for u in state.units:
        if u.kind == "kb" and len(u.ids) == 1 and (u.role or u.country):
            state.give(u.ids[0], role=u.role, country=u.country)




def _surname_of_named(state: DocState) -> None:
    """A lone surname the KB gives to someone else is the person the doc names in full.

    "Maria Novak ... Novak said": the KB's other Novak is not meant.
    """
    doc = state.doc
    named: dict[str, str] = {}
    for u in state.units:
        if u.kind == "kb" and len(u.ids) == 1 and state.type_of(u.ids[0]) == "Person":
            start = u.name_start if u.name_start is not None else u.start
            if u.end - start >= 2:
                named.setdefault(normalize(doc[u.end - 1].text), u.ids[0])
    for u in state.units:
        start = u.name_start if u.name_start is not None else u.start
        if u.kind != "kb" or u.end - start != 1 or len(u.ids) != 1 or state.type_of(u.ids[0]) != "Person":
            continue
        other = named.get(normalize(doc[start].text))
        if other and other != u.ids[0] and u.ids[0] not in named.values():
            u.ids = (other,)

def _led_by(state: DocState, head: Token) -> Token | None:
    for child in head.children:
        if child.dep_ == "acl" and child.lemma_ in ("lead", "command", "head", "control"):
            for agent in child.children:
                if agent.dep_ == "agent":
                    return next((t for t in agent.children if t.dep_ == "pobj"), None)
        if child.lemma_ == "loyal":
            for prep in child.children:
                if prep.lower_ == "to":
                    return next((t for t in prep.children if t.dep_ == "pobj"), None)
    return None


def descriptions(state: DocState) -> None:
    """Faction descriptions: KB descriptions ("the UN-backed government in X") and "forces led by P"."""
    doc, owner = state.doc, state.owner()
    for i, lower in enumerate(state.lowers):
        if lower not in DESC_HEADS or i in owner:
            continue
        tok = doc[i]
        if tok.pos_ not in ("NOUN", "PROPN"):
            continue
        left = tok.left_edge.i
        while left < tok.i and (doc[left].dep_ in ("det", "predet") or left in owner
                                and owner[left].end > tok.i):
            left += 1
        right = tok.i + 1
        for child in tok.rights:
            if child.dep_ in ("prep", "acl", "amod"):
                stop = next((t.i for t in child.subtree if t.text == "," or t.dep_ == "relcl"
                             or t.lower_ in ("which", "who", "that")), child.right_edge.i + 1)
                right = max(right, stop)
        ids: tuple[str, ...] = ()
        for end in sorted({right, tok.i + 1}, reverse=True):
            for start in range(left, tok.i + 1):
                found = state.active(state.descriptions.get(desc_key(doc[start:end].text), ()))
                if found:
                    ids, left, right = tuple(found[:1]), start, end
                    break
            if ids:
                break
        if not ids:
            left = tok.i
            while left > 0 and doc[left - 1].pos_ == "ADJ" and left - 1 not in owner:
                left -= 1
            leader = _led_by(state, tok)
            lead_unit = owner.get(leader.i) if leader is not None else None
            person = next((i for i in lead_unit.ids if state.type_of(i) == "Person"), None) \
                if lead_unit else None
            if person is None:
                continue
            want = "Government" if tok.lower_ in ("government", "administration", "authorities") \
                else "ArmedGroup"
            base = state.base(person)
            orgs = list(base.leader_of) if base else []
            orgs += [o.org for o in state.kb.offices_of(person) if o.org]
            org = next((o for o in orgs if state.type_of(o) == want), None)
            right = max(right, lead_unit.end)
            if org is None:
                org = state.add_new(want, doc[left:right].text, country=state.person_office(person)[1])
            state.give(person, leader_of=org)
            ids = (org,)
        unit = _new_unit(state, left, right, ids, "desc")
        if unit is not None:
            owner.update({i: unit for i in range(left, right)})


def fuzzy_names(state: DocState) -> None:
    """Misspelled surnames ("Macon" for Macron) when that person is in the doc."""
    from rapidfuzz import fuzz

    persons = state.person_ids()
    if not persons:
        return
    surnames = _surnames(state, persons)
    full = {key: i for i in persons for key in state.name_keys(i)}
    for u in state.units:
        if u.kind != "drop" or u.ner not in ("PERSON", "GPE", "ORG", "NORP"):
            continue
        key = normalize(state.doc[u.start:u.end].text)
        if key in full:  # the model took a known name for something else
            u.kind, u.ids = "kb", (full[key],)
            continue
        if u.end - u.start != 1:
            continue
        tok = state.doc[u.start]
        key = normalize(tok.text)
        if len(key) < 4 or not tok.text[:1].isupper() or state.kb.is_location(tok.text) \
                or state.kb.lookup(tok.text) or not acts(tok):
            continue
        best = max(((fuzz.ratio(key, s), i) for s, i in surnames.items() if s[:1] == key[:1]),
                   default=(0, None))
        if best[0] >= 85:
            u.kind, u.ids = "kb", (best[1],)
    owner = {i for u in state.units if u.kind not in ("drop",) for i in range(u.start, u.end)}
    doc = state.doc
    pos, deps = doc.to_array([POS, DEP]).T.tolist()  # part-of-speech and dependency ids (no Token per word)
    compound = doc.vocab.strings["compound"]
    for i, text in enumerate(state.texts):  # a surname the model did not tag at all
        if i in owner or i in state.headline or not text[:1].isupper():
            continue
        if pos[i] != PROPN or deps[i] == compound or (i + 1 < len(pos) and pos[i + 1] == PROPN):
            continue
        pid = surnames.get(normalize(text))
        if pid and len(text) > 2:
            state.units.append(Unit(i, i + 1, kind="kb", ids=(pid,)))


def bare_government(state: DocState) -> None:
    """ "the Government" -> the government last named in the doc."""
    doc, owner, lowers = state.doc, state.owner(), state.lowers
    for k, lower in enumerate(lowers):
        if lower != "government" or k in owner or k == 0 or lowers[k - 1] != "the":
            continue
        if k + 1 < len(doc) and lowers[k + 1] == "of":
            continue
        before = [u for u in state.units if u.end <= k and u.kind not in ("drop", "source")
                  and any(state.type_of(i) == "Government" for i in u.ids)]
        if before:
            last = max(before, key=lambda u: u.start)
            gid = next(i for i in last.ids if state.type_of(i) == "Government")
            state.units.append(Unit(k, k + 1, kind="title", ids=(gid,)))

