"""Candidate mentions and the per-document state the actor resolution steps share.

:class:`Unit` is a candidate mention (a token span and the actor ids it resolved
to); :class:`DocState` holds a Doc's units, its date, the actors new in it and
the facts the text gives about persons. Used by :mod:`pipelines.actors`,
:mod:`pipelines.coref`, :mod:`pipelines.collectives` and :mod:`pipelines.titles`.

>>> Unit(0, 2, kind="kb", ids=("country/FRA",)).ids
('country/FRA',)
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from typing import NamedTuple

from spacy.tokens import Doc, Token

from kg.records import Actor
from pipelines import titles as T
from pipelines.kb import KnowledgeBase, Publisher, normalize, slugify

__all__ = ["LOC_PREPS", "DocState", "Unit", "acts", "name_ok", "new_unit", "read_tokens", "salience",
           "same_line", "span_text", "TokenTexts"]

_PREFIX = {"Person": "person", "Country": "country", "Government": "government",
           "ArmedGroup": "armedgroup", "IGO": "igo", "Organization": "organization"}
#: Prepositions that make a following place a location, not an actor.
LOC_PREPS = frozenset({"in", "at", "to", "from", "near", "into", "outside", "inside", "across", "around",
                       "within", "throughout", "via", "toward", "towards", "through", "onto", "over",
                       "beyond", "off", "along", "on"})
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


class TokenTexts(NamedTuple):
    """Each token's text, lowercase form and trailing whitespace (:func:`read_tokens`)."""

    texts: list[str]
    lowers: list[str]
    spaces: list[str]

    def text_of(self, start: int, end: int) -> str:
        """``doc[start:end].text`` without building the Span."""
        return span_text(self.texts, self.spaces, start, end)


def read_tokens(doc: Doc) -> TokenTexts:
    """Each token's text, lowercase form and trailing whitespace, in one pass over the Doc."""
    texts: list[str] = []
    lowers: list[str] = []
    spaces: list[str] = []
    for tok in doc:
        texts.append(tok.text)
        lowers.append(tok.lower_)
        spaces.append(tok.whitespace_)
    return TokenTexts(texts, lowers, spaces)


def span_text(texts: list[str], spaces: list[str], start: int, end: int) -> str:
    """The text of tokens ``start:end`` (not empty) from their texts and trailing whitespace."""
    return "".join([texts[i] + spaces[i] for i in range(start, end - 1)]) + texts[end - 1]


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
    home: Publisher | None = None  # the official publisher speaking (its state, its principal's role)
    _copies: dict[str, Actor] = field(default_factory=dict)
    #: Each token's text, lowercase form and trailing whitespace (:func:`read_tokens`; read here if not given).
    texts: list[str] = field(default=None, repr=False)  # type: ignore[assignment]
    lowers: list[str] = field(default=None, repr=False)  # type: ignore[assignment]
    spaces: list[str] = field(default=None, repr=False)  # type: ignore[assignment]

    def __post_init__(self) -> None:
        if self.texts is None or self.lowers is None or self.spaces is None:
            self.texts, self.lowers, self.spaces = read_tokens(self.doc)

    def text_of(self, start: int, end: int) -> str:
        """``doc[start:end].text`` without building the Span."""
        return span_text(self.texts, self.spaces, start, end)

    # -- actors ----------------------------------------------------------------
    def base(self, actor_id: str) -> Actor | None:
        return self.new.get(actor_id) or self.kb.actors.get(actor_id)

    def name_keys(self, actor_id: str) -> tuple[str, ...]:
        """:func:`~pipelines.kb.normalize` of an actor's label and alt labels (the KB's normalized at load)."""
        actor = self.new.get(actor_id)
        if actor is not None:
            return tuple(normalize(n) for n in (actor.label, *actor.alt_labels))
        return self.kb.name_keys(actor_id) if actor_id in self.kb.actors else ()

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
        """ISO3 of the state a capitalized, unconsumed token names as a demonym ("French")."""
        return self._demonym_of(tok.text) if self._free_capital(tok.i) else None

    def _demonym_of(self, text: str) -> str | None:
        if text not in self.demonym_cache:
            self.demonym_cache[text] = self.kb.demonym(text)
        return self.demonym_cache[text]

    def _free_capital(self, i: int) -> bool:
        """Is token ``i`` in the doc, capitalized and not consumed (a possible demonym word)?"""
        return 0 <= i < len(self.texts) and i not in self.consumed and self.texts[i][:1].isupper()

    def _capital_run(self, i: int, step: int) -> int:
        """How many free capitals (up to 3, the longest demonym) run from token ``i`` by ``step``."""
        n = 0
        while n < 3 and self._free_capital(i + n * step):
            n += 1
        return n

    def _demonym_words(self, start: int, end: int) -> str | None:
        """ISO3 of the demonym that tokens ``start:end`` (free capitals) form, if they do."""
        if end - start == 1:
            return self._demonym_of(self.texts[start])
        if self.lowers[start] == "the":
            return None
        return self._demonym_of(self.text_of(start, end))

    def demonym_left(self, end: int) -> tuple[str, int] | None:
        """(ISO3, start) of the demonym ending before token ``end``, longest first ("Sri Lankan")."""
        for n in range(self._capital_run(end - 1, -1), 0, -1):
            iso3 = self._demonym_words(end - n, end)
            if iso3:
                return iso3, end - n
        return None

    def take_demonym_left(self, end: int) -> tuple[str, int] | None:
        """:meth:`demonym_left`, and its tokens marked consumed (a title's premodifier)."""
        found = self.demonym_left(end)
        if found:
            self.consumed.update(range(found[1], end))
        return found

    def demonym_at(self, start: int) -> tuple[str, int] | None:
        """(ISO3, end) of the demonym starting at token ``start``, longest first ("South Korean")."""
        texts, consumed = self.texts, self.consumed
        end = start  # the end of the run of free capitals (up to 3) from ``start``, as _capital_run
        while end - start < 3 and 0 <= end < len(texts) and end not in consumed and texts[end][:1].isupper():
            end += 1
        for stop in range(end, start, -1):
            iso3 = self._demonym_words(start, stop)
            if iso3:
                return iso3, stop
        return None

    def country_of_unit(self, u: Unit | None, *, governments: bool = False) -> str | None:
        """ISO3 of the first country among a unit's ids (or, with ``governments``, of a
        state's government: ids ``government/ISO3``)."""
        if u is None:
            return None
        for i in u.ids:
            a = self.base(i)
            if a is not None and a.type == "Country":
                return a.iso3 or i.partition("/")[2]
            if governments and a is not None and a.type == "Government" and len(i) == 14 \
                    and i[11:].isupper() and a.country:
                return a.country
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



def new_unit(state: DocState, start: int, end: int, ids: tuple[str, ...], kind: str,
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

