"""Within-document linking and coreference for :mod:`pipelines.actors`.

Works on :class:`Unit` candidates (token spans) that :class:`pipelines.actors.ActorLinker`
recognized (its ``resolve_document`` runs the steps in order): persons
(knowledge base, full names, surnames, titled surnames), faction descriptions
("the UN-backed government", "forces led by X"), misspellings ("Macon"),
"the Government"; bare and plural titles are in :mod:`pipelines.titles`.

>>> Unit(0, 2, kind="kb", ids=("country/FRA",)).ids
('country/FRA',)
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Token

from kg.records import Actor
from pipelines import titles as T
from pipelines.kb import KnowledgeBase, normalize, slugify

__all__ = ["DocState", "Unit", "acts", "bare_government", "desc_key", "descriptions", "fuzzy_names",
           "link_persons", "name_ok", "same_line"]

_PREFIX = {"Person": "person", "Country": "country", "Government": "government",
           "ArmedGroup": "armedgroup", "IGO": "igo", "Organization": "organization"}
#: Prepositions that make a following place a location, not an actor.
LOC_PREPS = frozenset({"in", "at", "to", "from", "near", "into", "outside", "inside", "across", "around",
                       "within", "throughout", "via", "toward", "towards", "through", "onto", "over",
                       "beyond", "off", "along", "on"})
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
_PARTICLES = frozenset({"al", "el", "bin", "ibn", "abu", "de", "da", "di", "du", "von", "van", "der",
                        "la", "le", "ben", "bint", "dos", "del"})


@dataclass
class Unit:
    """A candidate mention: tokens ``start:end`` of the Doc, resolved to ``ids``.

    ``kind``: kb (linked), person (a name to link), org (unknown organization),
    place, source, drop, or a resolved coreference (title, plural, group, desc).
    ``alias`` False keeps the surface out of the actors' alt labels (plurals).
    """

    start: int
    end: int
    kind: str = "kb"
    ids: tuple[str, ...] = ()
    ner: str | None = None
    nested: bool = False
    role: str | None = None
    country: str | None = None
    forms: tuple[str, ...] = ()
    alias: bool = True
    place_kind: str | None = None
    name_start: int | None = None


@dataclass
class DocState:
    """Everything the resolution steps share for one Doc."""

    doc: Doc
    kb: KnowledgeBase
    units: list[Unit]
    titles: list[tuple[int, int]]
    date: str | None = None
    new: dict[str, Actor] = field(default_factory=dict)
    given: dict[str, dict[str, str]] = field(default_factory=dict)
    consumed: set[int] = field(default_factory=set)
    descriptions: dict[str, list[str]] = field(default_factory=dict)
    demonym_cache: dict[str, str | None] = field(default_factory=dict)
    headline: set[int] = field(default_factory=set)
    _copies: dict[str, Actor] = field(default_factory=dict)

    # -- actors ----------------------------------------------------------------
    def base(self, actor_id: str) -> Actor | None:
        return self.new.get(actor_id) or self.kb.actors.get(actor_id)

    def type_of(self, actor_id: str) -> str | None:
        actor = self.base(actor_id)
        return actor.type if actor else None

    def person_office(self, actor_id: str) -> tuple[str | None, str | None]:
        """(role, country) of a person: as the text gives it, else its office at the doc's date."""
        given = self.given.get(actor_id, {})
        actor = self.base(actor_id)
        role, country = given.get("role"), given.get("country")
        if actor is None:
            return role, country
        if not role or not country:
            offices = [o for o in self.kb.offices_of(actor_id) if o.covers(self.date)]
            offices.sort(key=lambda o: (not T.is_leader_role(o.role), o.start or ""))
            if offices:
                role = role or offices[0].role
                country = country or offices[0].country
        return role or actor.role, country or actor.country

    def actor(self, actor_id: str) -> Actor | None:
        """This doc's copy of an actor (alt labels grow with the surfaces seen)."""
        if actor_id in self._copies:
            return self._copies[actor_id]
        base = self.base(actor_id)
        if base is None:
            return None
        copy = replace(base, alt_labels=list(base.alt_labels), leader_of=list(base.leader_of),
                       member_of=list(base.member_of))
        if copy.type == "Person":
            copy.role, copy.country = self.person_office(actor_id)
        for org in self.given.get(actor_id, {}).get("leader_of", "").split():
            if org not in copy.leader_of:
                copy.leader_of.append(org)
        self._copies[actor_id] = copy
        return copy

    def add_new(self, type_: str, label: str, *, country: str | None = None,
                role: str | None = None) -> str:
        """A new actor (not in the KB) with a stable id from type and name."""
        actor_id = f"{_PREFIX[type_]}/{slugify(label)}"
        if actor_id not in self.new and actor_id not in self.kb.actors:
            self.new[actor_id] = Actor(id=actor_id, type=type_, label=label, country=country, role=role)
        return actor_id

    def give(self, actor_id: str, **facts: str | None) -> None:
        slot = self.given.setdefault(actor_id, {})
        for key, value in facts.items():
            if value and not slot.get(key):
                slot[key] = value

    # -- token maps ------------------------------------------------------------
    def top(self) -> list[Unit]:
        return [u for u in self.units if not u.nested and u.kind not in ("drop", "source")]

    def ending_at(self, end: int) -> Unit | None:
        for u in self.top():
            if u.end == end and u.ids and u.kind == "kb":
                return u
        return None

    def starting_at(self, start: int) -> Unit | None:
        for u in self.top():
            if u.start == start and u.ids and u.kind == "kb":
                return u
        return None

    def owner(self) -> dict[int, Unit]:
        return {i: u for u in self.top() for i in range(u.start, u.end)}

    def demonym(self, tok: Token) -> str | None:
        if not tok.text[:1].isupper() or tok.i in self.consumed:
            return None
        if tok.text not in self.demonym_cache:
            self.demonym_cache[tok.text] = self.kb.demonym(tok.text)
        return self.demonym_cache[tok.text]

    def country_of_unit(self, u: Unit | None) -> str | None:
        if u is None:
            return None
        for i in u.ids:
            a = self.base(i)
            if a is not None and a.type == "Country":
                return a.iso3 or i.partition("/")[2]
        return None

    def active(self, ids) -> list[str]:
        """The ids whose organization existed at the doc's date (all of them if none did)."""
        ids = list(ids)
        live = [i for i in ids if self.kb.active(i, self.date)] if hasattr(self.kb, "active") else ids
        return live or ids

    def person_ids(self) -> list[str]:
        seen: dict[str, None] = {}
        for u in sorted(self.units, key=lambda u: u.start):
            if u.kind in ("drop", "source", "plural"):
                continue
            for i in u.ids:
                if self.type_of(i) == "Person":
                    seen.setdefault(i)
        return list(seen)


def salience(state: DocState) -> Counter:
    """Mentions per person id (named and titled mentions)."""
    counts: Counter = Counter()
    for u in state.units:
        if u.kind in ("drop", "source", "plural"):
            continue
        for i in u.ids:
            if state.type_of(i) == "Person":
                counts[i] += 1
    return counts


def same_line(a: Token, b: Token) -> bool:
    """No line break between two tokens (a parse across a headline is not trusted)."""
    lo, hi = sorted((a.i, b.i))
    return not any("\n" in t.text_with_ws for t in a.doc[lo:hi])


def acts(tok: Token) -> bool:
    """Does a place name at ``tok`` (the span root) act, rather than locate something?

    A capital is a location after a locative preposition ("held in Paris") or as a
    modifier ("the Paris conference"); it acts as a subject, possessor, agent...
    """
    while tok.dep_ == "conj" and tok.head is not tok:
        tok = tok.head
    if not same_line(tok, tok.head):
        return True
    if tok.dep_ in ("compound", "amod", "nmod", "npadvmod"):
        return False
    if tok.dep_ == "pobj" and tok.head.lower_ in LOC_PREPS:
        return False
    if tok.dep_ == "appos" and tok.head.ent_type_ in ("GPE", "LOC"):
        return False
    return True


def desc_key(text: str) -> str:
    """Matching key of a faction description ("UN-supported" and "UN-backed" agree).

    >>> desc_key("the UN-supported government") == desc_key("UN backed Government")
    True
    """
    return " ".join(_SYNONYMS.get(w, w) for w in normalize(text).split())


#: Page-furniture words that never occur in a person's name ("Close Button").
UI_WORDS = frozenset({"share", "button", "close", "comments", "comment", "click", "subscribe", "read",
                      "more", "menu", "login", "sign", "follow", "newsletter", "advertisement", "related",
                      "watch", "video", "photo", "copyright", "print", "email", "tweet", "next", "previous"})


def name_ok(tokens: list[Token]) -> bool:
    """Can these tokens be a person's full name (capitalized words, particles)?"""
    words = [t for t in tokens if t.text not in ("-", "'", ".")]
    caps = [t for t in words if t.text[:1].isupper()]
    if len(caps) < 2 or any(any(c.isdigit() for c in t.text) for t in tokens) \
            or any(t.lower_ in UI_WORDS for t in words) or words[-1].tag_ in ("NNS", "NNPS"):
        return False
    return all(t.text[:1].isupper() or t.lower_ in _PARTICLES for t in words) \
        and not any(t.text.isupper() and len(t.text) > 1 for t in words)


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
        actor = state.base(i)
        for name in [actor.label, *actor.alt_labels] if actor else ():
            words = normalize(name).split()
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
                    and not state.demonym(name[0]):
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


def _new_unit(state: DocState, start: int, end: int, ids: tuple[str, ...], kind: str,
              *, alias: bool = True) -> Unit | None:
    """Add a unit over start:end; units inside it become nested; None if it would cross one."""
    inner = []
    for u in state.top():
        if u.start >= start and u.end <= end:
            inner.append(u)
        elif u.start < end and start < u.end:
            return None
    for u in inner:
        u.nested = True
    unit = Unit(start, end, kind=kind, ids=ids, alias=alias)
    state.units.append(unit)
    return unit


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
    for tok in doc:
        if tok.lower_ not in DESC_HEADS or tok.i in owner or tok.pos_ not in ("NOUN", "PROPN"):
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
    full = {normalize(n): i for i in persons for n in (state.base(i).label, *state.base(i).alt_labels)}
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
    for tok in doc:  # a surname the model did not tag at all
        if tok.i in owner or tok.i in state.headline or tok.pos_ != "PROPN" or tok.dep_ == "compound" \
                or not tok.text[:1].isupper() \
                or (tok.i + 1 < len(doc) and doc[tok.i + 1].pos_ == "PROPN"):
            continue
        pid = surnames.get(normalize(tok.text))
        if pid and len(tok.text) > 2:
            state.units.append(Unit(tok.i, tok.i + 1, kind="kb", ids=(pid,)))


def bare_government(state: DocState) -> None:
    """ "the Government" -> the government last named in the doc."""
    doc, owner = state.doc, state.owner()
    for tok in doc:
        if tok.lower_ != "government" or tok.i in owner or tok.i == 0 or doc[tok.i - 1].lower_ != "the":
            continue
        if tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "of":
            continue
        before = [u for u in state.units if u.end <= tok.i and u.kind not in ("drop", "source")
                  and any(state.type_of(i) == "Government" for i in u.ids)]
        if before:
            last = max(before, key=lambda u: u.start)
            gid = next(i for i in last.ids if state.type_of(i) == "Government")
            state.units.append(Unit(tok.i, tok.i + 1, kind="title", ids=(gid,)))

