"""The actor knowledge base: YAML files in ``data/kb/`` loaded into lookups.

Countries come from :mod:`pycountry` (every ISO 3166 state, with its alpha-3
code) plus ``countries.yaml`` for the names the package lacks. Governments of
every state are generated from ``roles.yaml`` patterns. People, offices,
international organizations, armed groups, metonyms, demonyms and news sources
are plain YAML a user edits (see ``data/kb/README.md``).

This module holds the matching keys (:func:`normalize`, :func:`slugify`) and
the query API (:class:`KnowledgeBase`); :mod:`pipelines.kb_build` reads and
checks the YAML. The loaded base is cached and shared: treat its :class:`~kg.records.Actor`
objects as read-only (copy with :func:`dataclasses.replace` before changing).

>>> kb = load_kb()
>>> kb.lookup("the U.S.")[0].id
'country/USA'
>>> kb.demonym("French"), kb.metonym("the Kremlin")
('FRA', 'country/RUS')
>>> kb.office_holder("President", "RUS", "2020-06-26").label
'Vladimir Putin'
"""
from __future__ import annotations

import os
import re
import sys
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator
from urllib.parse import urlsplit

from kg.errors import DipkgError
from kg.records import Actor

__all__ = ["KnowledgeBase", "Metonym", "Office", "Publisher", "load_kb", "normalize", "slugify"]

#: Actor type -> the first part of its id (``person/...``, ``igo/...``).
ID_PREFIX = {"Person": "person", "Country": "country", "Government": "government",
             "ArmedGroup": "armedgroup", "IGO": "igo", "Organization": "organization"}
_FOLD = str.maketrans({"ı": "i", "ł": "l", "ø": "o", "đ": "d", "æ": "ae", "œ": "oe",
                       "’": "'", "‘": "'", "`": "'", "´": "'"})
#: Roles whose holder of an organization's office leads it (``dip:leaderOf``).
LEADER_ROLES = frozenset({"Secretary-General", "Head", "President", "Leader", "Chairman",
                          "Director-General", "Prime Minister", "Commander"})


def _fold(text: str) -> str:
    text = text.casefold()
    if text.isascii():
        return text
    text = unicodedata.normalize("NFKD", text.translate(_FOLD))
    return "".join(c for c in text if not unicodedata.combining(c))


_POSS = re.compile(r"'s$|(?<=s)'$")
_DASH = re.compile(r"[\u2010-\u2015\-/]")
_PUNCT = re.compile(r"[^\w&+ ]")


def normalize(name: str) -> str:
    """Matching key: case, accents, dots, hyphens, a leading "the" and a possessive dropped.

    >>> normalize("The U.S.'s"), normalize("Erdoğan"), normalize("al-Assad")
    ('us', 'erdogan', 'al assad')
    """
    s = _fold(name).strip().replace("\u2019", "'")
    s = _POSS.sub("", s).replace(".", "").replace("'", "")
    s = _PUNCT.sub(" ", _DASH.sub(" ", s))
    s = " ".join(s.split())
    return s[4:] if s.startswith("the ") else s


def slugify(name: str) -> str:
    """ASCII slug for actor ids.

    >>> slugify("Donetsk People's Republic"), slugify("Recep Tayyip Erdoğan")
    ('donetsk-peoples-republic', 'recep-tayyip-erdogan')
    """
    s = _fold(name).replace("'", "")
    return re.sub(r"[^a-z0-9]+", "-", s.encode("ascii", "ignore").decode()).strip("-")


@dataclass(frozen=True)
class Office:
    """A tenure: ``holder`` (person id) was ``role`` of ``country`` (or of ``org``)."""

    role: str
    country: str | None
    holder: str
    start: str | None
    end: str | None
    titles: tuple[str, ...] = ()
    org: str | None = None

    def covers(self, date: str | None) -> bool:
        """True if the tenure overlaps ``date`` (ISO, any precision); None: current.

        >>> o = Office("President", "XXX", "person/x", "2019-07", "2020-02-10")
        >>> o.covers("2019-07-01"), o.covers("2020"), o.covers("2020-02-11"), o.covers(None)
        (True, True, False, False)
        """
        if date is None:
            return self.end is None
        lo, hi = date, date + "\uffff"
        return (self.start is None or self.start <= hi) and (self.end is None or self.end + "\uffff" >= lo)


@dataclass(frozen=True)
class Metonym:
    """A place or building standing for an actor ("the Kremlin" -> ``country/RUS``).

    ``actor`` is None for places that are locations only by default ("Tripoli").

    >>> load_kb().metonyms["kremlin"].actor
    'country/RUS'
    """

    name: str
    actor: str | None
    kind: str = "capital"
    variants: tuple[str, ...] = ()


@dataclass(frozen=True)
class Publisher:
    """An official publisher: its state (or organization id) and, for one office's texts, the principal's role.

    >>> load_kb().home_state(publisher="10 Downing Street").principal
    'Prime Minister'
    """

    name: str
    state: str
    principal: str | None = None
    forms: tuple[str, ...] = ()
    hosts: tuple[str, ...] = ()


class KnowledgeBase:
    """Lookups over the knowledge base; build it with :func:`load_kb`."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.actors: dict[str, Actor] = {}
        self.sources: set[str] = set()
        self.metonyms: dict[str, Metonym] = {}
        self.descriptions: dict[str, list[str]] = defaultdict(list)
        self.generated: dict[str, list[str]] = {}
        self._index: dict[str, list[str]] = defaultdict(list)
        self._demonyms: dict[str, str] = {}
        self._offices: list[Office] = []
        self._by_holder: dict[str, list[Office]] = defaultdict(list)
        self._by_role: dict[str, list[Office]] = defaultdict(list)
        self._titles: dict[str, list[Office]] = defaultdict(list)
        #: The same two indexes by (role or title, country or organization): one state's offices.
        self._by_role_at: dict[tuple[str, str], list[Office]] = defaultdict(list)
        self._titles_at: dict[tuple[str, str], list[Office]] = defaultdict(list)
        self._by_org: dict[str, list[Office]] = defaultdict(list)
        self._roles: dict[str, str] = {}
        self._country_roles: dict[str, dict[str, str]] = {}
        self._ranks: dict[str, dict[str, list[str]]] = {}
        self._periods: dict[str, Office] = {}
        self._name_keys: dict[str, tuple[str, ...]] = {}
        self.publishers: list[Publisher] = []

    # -- queries ---------------------------------------------------------------
    def aliases(self, *, descriptions: bool = True) -> Iterator[tuple[str, str]]:
        """(surface form, actor id) for every label, variant, generated form and (optionally) description.

        Generated forms (government names from patterns, spellings) are matched but are not
        ``alt_labels``, so a graph keeps its labels readable.

        >>> ("U.S.", "country/USA") in set(load_kb().aliases())
        True
        """
        for actor in self.actors.values():
            seen = set()
            for form in [actor.label, *actor.alt_labels, *self.generated.get(actor.id, ()),
                         *(self.descriptions.get(actor.id, ()) if descriptions else ())]:
                if form not in seen:
                    seen.add(form)
                    yield form, actor.id

    def name_keys(self, actor_id: str) -> tuple[str, ...]:
        """:func:`normalize` of an actor's label and alt labels, in that order (read at load time).

        >>> load_kb().name_keys("country/USA")[:2]
        ('united states', 'us')
        """
        keys = self._name_keys.get(actor_id)
        if keys is None:
            actor = self.actors[actor_id]
            keys = tuple(normalize(n) for n in (actor.label, *actor.alt_labels))
        return keys

    def index_name_keys(self) -> None:
        """Normalize every actor's names once (:meth:`name_keys`); call when the base is complete."""
        self._name_keys = {i: tuple(normalize(n) for n in (a.label, *a.alt_labels))
                           for i, a in self.actors.items()}

    def lookup(self, name: str) -> list[Actor]:
        """Actors with this name, variant or description (case/accent-insensitive), states first.

        >>> [a.id for a in load_kb().lookup("Erdoğan")]
        ['person/recep-tayyip-erdogan']
        """
        return [self.actors[i] for i in self._index.get(normalize(name), ())]

    def demonym(self, word: str) -> str | None:
        """ISO alpha-3 of the state a demonym or adjective stands for.

        >>> load_kb().demonym("Emirati")
        'ARE'
        """
        return self._demonyms.get(normalize(word))

    def metonym(self, name: str) -> str | None:
        """Actor id a capital or seat of power stands for; None for location-only places.

        >>> load_kb().metonym("Élysée Palace"), load_kb().metonym("Tripoli")
        ('country/FRA', None)
        """
        m = self.metonyms.get(normalize(name))
        return m.actor if m else None

    def is_location(self, name: str) -> bool:
        """True for a known capital/place name (whether or not it is a metonym).

        >>> load_kb().is_location("Tripoli"), load_kb().is_location("France")
        (True, False)
        """
        return normalize(name) in self.metonyms

    def country(self, iso3: str) -> Actor | None:
        """The country actor of an ISO alpha-3 code.

        >>> load_kb().country("jpn").label
        'Japan'
        """
        return self.actors.get(f"country/{iso3.upper()}")

    def government(self, iso3: str) -> Actor | None:
        """The government actor of a state ("Government of Russia").

        >>> load_kb().government("RUS").id
        'government/RUS'
        """
        return self.actors.get(f"government/{iso3.upper()}")

    def canonical_role(self, role: str, country: str | None = None) -> str:
        """Normalized role name: "Premier" -> "Prime Minister"; "Secretary of State" (USA) -> "Foreign Minister".

        >>> load_kb().canonical_role("secretary of state", "USA")
        'Foreign Minister'
        """
        key = normalize(role)
        if country and key in self._country_roles.get(country, {}):
            return self._country_roles[country][key]
        return self._roles.get(key, role.strip())

    def own_wordings(self, role: str, country: str) -> set[str]:
        """The normalized titles a state uses for one of its offices (empty: the usual words).

        >>> sorted(load_kb().own_wordings("Foreign Minister", "GBR"))[:2]
        ['foreign and commonwealth secretary', 'foreign secretary']
        """
        return {k for k, r in self._country_roles.get(country, {}).items() if r == role}

    def office_holder(self, role: str, country: str | None = None,
                      date: str | None = None) -> Actor | None:
        """Who held ``role`` of ``country`` (ISO3 or an organization id) at ``date``.

        ``date`` None means the current holder. "Leader", "Head of State" and
        "Head of Government" resolve through each state's ranked offices.
        None if nobody, or several holders of different offices, match.

        >>> kb = load_kb()
        >>> kb.office_holder("President", "USA", "2019-05-01").label
        'Donald Trump'
        >>> kb.office_holder("PM", "GBR", "2019-08-01").label
        'Boris Johnson'
        """
        canon = self.canonical_role(role, country)
        if canon in self._ranks and country and "/" in country:
            heads = [o for o in self._by_org.get(country, ()) if o.role in LEADER_ROLES and o.covers(date)]
            return self.actors[max(heads, key=lambda o: o.start or "").holder] if heads else None
        if canon in self._ranks:
            ranks = self._ranks[canon]
            for r in ranks.get(country or "", ranks.get("default", [])):
                found = self.office_holder(r, country, date)
                if found:
                    return found
            return None
        def matching(cands: list[Office]) -> list[Office]:
            return [o for o in cands if o.covers(date)]

        if country:  # the offices of that state (or organization) only
            offices = (matching(self._titles_at.get((normalize(role), country), []))
                       or matching(self._by_role_at.get((canon, country), [])))
        else:
            offices = (matching(self._titles.get(normalize(role), []))
                       or matching(self._by_role.get(canon, [])))
        if not offices or len({(o.role, o.country, o.org) for o in offices}) > 1:
            return None
        best = max(offices, key=lambda o: o.start or "")
        return self.actors[best.holder]

    def active(self, actor_id: str, date: str | None) -> bool:
        """Whether an organization existed at ``date`` (its ``start``/``end`` in the YAML; none: always).

        Use it to choose between actors sharing a description ("the Tripoli-based government").

        >>> kb = load_kb()
        >>> gna = "government/government-of-national-accord"
        >>> kb.active(gna, "2020-06-26"), kb.active(gna, "2022-06-01")
        (True, False)
        """
        period = self._periods.get(actor_id)
        return period is None or date is None or period.covers(date)

    def offices_of(self, actor_id: str) -> list[Office]:
        """Offices a person held, oldest first.

        >>> [(o.role, o.country) for o in load_kb().offices_of("person/vladimir-putin")][-1]
        ('President', 'RUS')
        """
        return sorted(self._by_holder.get(actor_id, ()), key=lambda o: o.start or "")

    def is_source(self, name: str) -> bool:
        """True for a news agency or publisher ("AFP", "AP Photo"), which is never an actor.

        >>> load_kb().is_source("Reuters"), load_kb().is_source("AP Photo/Jane Doe")
        (True, True)
        """
        key = normalize(name)
        if key in self.sources:
            return True
        head = re.split(r" (?:photo|video|file|pool|images?)\b", key)[0]
        return head != key and head in self.sources

    def home_state(self, *, publisher: str | None = None, url: str | None = None) -> Publisher | None:
        """The official publisher of a text, from its publisher name, else its URL host.

        The longest name or variant found in ``publisher`` wins ("Prime Minister's
        Office, 10 Downing Street (GOV.UK)" is No 10, not all of GOV.UK).

        >>> kb = load_kb()
        >>> kb.home_state(publisher="Prime Minister's Office, 10 Downing Street (GOV.UK)").state
        'GBR'
        >>> kb.home_state(url="https://www.state.gov/x").principal, kb.home_state(publisher="Reuters")
        ('Foreign Minister', None)
        """
        if publisher:
            text = f" {normalize(publisher)} "
            found = [(len(f), p) for p in self.publishers for f in p.forms if f and f" {f} " in text]
            if found:
                return max(found, key=lambda x: x[0])[1]
        host = urlsplit(url).hostname or "" if url and "//" in url else (url or "")
        host = host.lower().rstrip(".")
        found = [(len(h), p) for p in self.publishers for h in p.hosts if host == h or host.endswith("." + h)]
        return max(found, key=lambda x: x[0])[1] if found else None

    # -- building --------------------------------------------------------------
    def _add(self, actor: Actor, descriptions: tuple[str, ...] = (), generated: tuple[str, ...] = ()) -> None:
        if actor.id in self.actors:
            raise DipkgError(f"duplicate actor id {actor.id!r} in the knowledge base {self.path}: "
                             "give one of the entries another name or an explicit `id`")
        self.actors[actor.id] = actor
        self.descriptions[actor.id].extend(descriptions)
        known = {actor.label, *actor.alt_labels}
        if generated:
            self.generated[actor.id] = [g for g in dict.fromkeys(generated) if g not in known]
        for form in {*known, *generated, *descriptions}:
            self._index_name(form, actor.id)

    def _index_name(self, form: str, actor_id: str) -> None:
        key = normalize(form)
        if key and actor_id not in self._index[key]:
            self._index[key].append(actor_id)

    def _add_office(self, office: Office) -> None:
        self._offices.append(office)
        self._by_holder[office.holder].append(office)
        self._by_role[office.role].append(office)
        if office.org:
            self._by_org[office.org].append(office)
        places = [p for p in dict.fromkeys((office.country, office.org)) if p]
        for place in places:
            self._by_role_at[office.role, place].append(office)
        for title in office.titles:
            self._titles[normalize(title)].append(office)
            for place in places:
                self._titles_at[normalize(title), place].append(office)


# -- loading -------------------------------------------------------------------
def _default_dir() -> Path:
    env = os.environ.get("DIPKG_KB_DIR")
    if env:
        return Path(env)
    repo = Path(__file__).resolve().parents[1] / "data" / "kb"
    return repo if repo.is_dir() else Path(sys.prefix) / "share" / "dipkg" / "kb"


def load_kb(path: str | Path | None = None) -> KnowledgeBase:
    """Load (once, cached) the knowledge base from ``path`` or the default location.

    Default: ``$DIPKG_KB_DIR``, else the repository's ``data/kb``, else
    ``<sys.prefix>/share/dipkg/kb``. A missing or malformed file raises
    :class:`kg.errors.DipkgError` naming the file and the fix.

    >>> load_kb().country("FRA").label
    'France'
    """
    p = Path(path) if path is not None else _default_dir()
    if p.is_file():
        raise DipkgError(f"knowledge base directory {str(p)!r} is a file: pass the folder that holds "
                         "countries.yaml and persons/ (or set DIPKG_KB_DIR to it)")
    if not p.is_dir():
        raise DipkgError(f"knowledge base directory {str(p)!r} does not exist: pass an existing "
                         "directory or set DIPKG_KB_DIR to the repository's data/kb")
    from pipelines.kb_build import build_kb

    return build_kb(p.resolve())
