"""The actor knowledge base: YAML files in ``data/kb/`` loaded into lookups.

Countries come from :mod:`pycountry` (every ISO 3166 state, with its alpha-3
code) plus ``countries.yaml`` for the names the package lacks. Governments of
every state are generated from ``roles.yaml`` patterns. People, offices,
international organizations, armed groups, metonyms, demonyms and news sources
are plain YAML a user edits (see ``data/kb/README.md``).

The loaded base is cached and shared: treat its :class:`~kg.records.Actor`
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

import datetime as _dt
import os
import re
import sys
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator

from kg.errors import DipkgError
from kg.records import Actor

__all__ = ["KnowledgeBase", "Metonym", "Office", "load_kb", "normalize", "slugify"]

_PREFIX = {"Person": "person", "Country": "country", "Government": "government",
           "ArmedGroup": "armedgroup", "IGO": "igo", "Organization": "organization"}
_FOLD = str.maketrans({"ı": "i", "ł": "l", "ø": "o", "đ": "d", "æ": "ae", "œ": "oe",
                       "’": "'", "‘": "'", "`": "'", "´": "'"})
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
#: Roles whose holder of an organization's office leads it (``dip:leaderOf``).
_LEADER_ROLES = {"Secretary-General", "Head", "President", "Leader", "Chairman",
                 "Director-General", "Prime Minister", "Commander"}


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
    """

    name: str
    actor: str | None
    kind: str = "capital"
    variants: tuple[str, ...] = ()


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
        self._titles: dict[str, list[Office]] = defaultdict(list)
        self._roles: dict[str, str] = {}
        self._country_roles: dict[str, dict[str, str]] = {}
        self._ranks: dict[str, dict[str, list[str]]] = {}
        self._periods: dict[str, Office] = {}

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
        """True for a known capital/place name (whether or not it is a metonym)."""
        return normalize(name) in self.metonyms

    def country(self, iso3: str) -> Actor | None:
        """The country actor of an ISO alpha-3 code."""
        return self.actors.get(f"country/{iso3.upper()}")

    def government(self, iso3: str) -> Actor | None:
        """The government actor of a state ("Government of Russia")."""
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
            heads = [o for o in self._offices if o.org == country and o.role in _LEADER_ROLES and o.covers(date)]
            return self.actors[max(heads, key=lambda o: o.start or "").holder] if heads else None
        if canon in self._ranks:
            ranks = self._ranks[canon]
            for r in ranks.get(country or "", ranks.get("default", [])):
                found = self.office_holder(r, country, date)
                if found:
                    return found
            return None
        def matching(cands: list[Office]) -> list[Office]:
            return [o for o in cands if (not country or country in (o.country, o.org)) and o.covers(date)]

        offices = (matching(self._titles.get(normalize(role), []))
                   or matching([o for o in self._offices if o.role == canon]))
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
        """Offices a person held, oldest first."""
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
        for title in office.titles:
            self._titles[normalize(title)].append(office)


# -- loading -------------------------------------------------------------------
def _default_dir() -> Path:
    env = os.environ.get("DIPKG_KB_DIR")
    if env:
        return Path(env)
    repo = Path(__file__).resolve().parents[1] / "data" / "kb"
    return repo if repo.is_dir() else Path(sys.prefix) / "share" / "dipkg" / "kb"


def _read(path: Path, *, required: bool = True) -> Any:
    import yaml
    if not path.is_file():
        if not required:
            return None
        raise DipkgError(f"knowledge base file {str(path)!r} is missing: restore it from the "
                         "repository's data/kb/ or set DIPKG_KB_DIR to a complete knowledge base")
    try:
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        return yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise DipkgError(f"knowledge base file {str(path)!r} is not valid YAML ({exc}): "
                         "fix the syntax at the position shown") from exc


def _bad(path: Path, what: str, fix: str) -> DipkgError:
    return DipkgError(f"knowledge base file {str(path)!r}: {what}; {fix}")


def _date(value: Any, path: Path, who: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, _dt.date):
        return value.isoformat()[:10]
    text = str(value)
    if not _DATE.match(text):
        raise _bad(path, f"date {text!r} of {who!r} is not ISO", 'write "YYYY-MM-DD" (or "YYYY-MM", "YYYY")')
    try:
        _dt.date.fromisoformat((text + "-01-01")[:10] if len(text) < 10 else text)
    except ValueError as exc:
        raise _bad(path, f"date {text!r} of {who!r} does not exist", "correct the date") from exc
    return text


_KEYS = {"person": {"name", "id", "country", "variants", "surname", "wikidata", "offices", "role"},
         "office": {"role", "country", "org", "start", "end", "titles"},
         "organization": {"label", "id", "type", "country", "variants", "descriptions", "leaders",
                          "member_of", "wikidata", "start", "end"}}


def _check_keys(entry: dict, kind: str, path: Path, who: str) -> None:
    unknown = sorted(set(entry) - _KEYS[kind])
    if unknown:
        raise _bad(path, f"unknown field(s) {unknown} in the {kind} {who!r}",
                   f"use only {sorted(_KEYS[kind])}")


def _entries(data: Any, path: Path, kind: type) -> Any:
    if data is None:
        return kind()
    if not isinstance(data, kind):
        raise _bad(path, f"expected a YAML {kind.__name__} at top level, found {type(data).__name__}",
                   "see data/kb/README.md for the format")
    return data


def _country_names(c: Any) -> list[str]:
    """pycountry's names, readable: "Korea, Republic of" -> "Republic of Korea"."""
    names = []
    for raw in (getattr(c, "common_name", None), c.name, getattr(c, "official_name", None)):
        for part in re.split(r" ?[()]", raw or ""):
            head, _, tail = part.strip(" ,").partition(", ")
            if tail and (tail.endswith((" of", " of the")) or " " not in tail):
                head = f"{tail} {head}"
            elif tail:
                head = part.strip(" ,")
            if head:
                names.append(head[4:] if head.lower().startswith("the ") else head)
    return list(dict.fromkeys(names))


def _build_countries(kb: KnowledgeBase, path: Path) -> dict[str, list[str]]:
    import pycountry
    f = path / "countries.yaml"
    extra = _entries(_read(f), f, dict)
    names: dict[str, list[str]] = {c.alpha_3: _country_names(c) for c in pycountry.countries}
    for code, entry in extra.items():
        entry = entry or {}
        if code not in names and not entry.get("label"):
            raise _bad(f, f"{code!r} is not an ISO 3166 code known to pycountry", "give it a `label`")
        names.setdefault(code, [])
        label = entry.get("label") or names[code][0]
        names[code] = list(dict.fromkeys([label, *entry.get("variants", []), *names[code]]))
    for code, forms in names.items():
        wd = (extra.get(code) or {}).get("wikidata")
        kb._add(Actor(id=f"country/{code}", type="Country", label=forms[0], alt_labels=forms[1:],
                      iso3=code, wikidata=wd))
    return names


def _build_demonyms(kb: KnowledgeBase, path: Path) -> dict[str, str]:
    f = path / "demonyms.yaml"
    adjectives = {}
    for code, words in _entries(_read(f), f, dict).items():
        if f"country/{code}" not in kb.actors:
            raise _bad(f, f"unknown country code {code!r}", "use an ISO 3166 alpha-3 code")
        plurals = [w + "s" for w in words or [] if re.search(r"[a-z](?:an|i)$", w)]
        for w in [*(words or []), *plurals]:
            key = normalize(w)
            if kb._demonyms.get(key, code) != code:
                raise _bad(f, f"{w!r} is listed for both {kb._demonyms[key]} and {code}",
                           "keep it under the state it usually means")
            kb._demonyms[key] = code
        if words:
            adjectives[code] = words[0]
    return adjectives


_ARTICLE = re.compile(r"\b(?:Republic|Federation|Kingdom|States|Emirates|Islands|Union|Netherlands|"
                      r"Philippines|Bahamas|Gambia|Maldives|Comoros|Holy See|Territories|Congo)\b")


def _with_article(name: str) -> str:
    """ "Russian Federation" -> "the Russian Federation"; "Russia" stays."""
    return f"the {name}" if _ARTICLE.search(name) and not name.lower().startswith("the ") else name


def _build_roles_and_governments(kb: KnowledgeBase, path: Path, names: dict[str, list[str]],
                                 adjectives: dict[str, str]) -> None:
    f = path / "roles.yaml"
    data = _entries(_read(f), f, dict)
    for canon, syns in (data.get("synonyms") or {}).items():
        for s in [canon, *(syns or [])]:
            kb._roles[normalize(s)] = canon
    for code, table in (data.get("country_synonyms") or {}).items():
        for canon, syns in table.items():
            for s in syns:
                kb._country_roles.setdefault(code, {})[normalize(s)] = canon
    for rank, table in (data.get("ranks") or {}).items():
        kb._ranks[rank] = table
        kb._roles.setdefault(normalize(rank), rank)
    gov = data.get("government") or {}
    label_pat = gov.get("label", "Government of {country}")
    for code, forms in names.items():
        forms = list(dict.fromkeys(n[4:] if n.lower().startswith("the ") else n for n in forms))
        label = label_pat.format(country=forms[0], the_country=_with_article(forms[0]))
        alts = []
        for pat in gov.get("patterns", []):
            if "{demonym}" in pat:
                if code in adjectives:
                    alts.append(pat.format(demonym=adjectives[code]))
            else:
                alts.extend(pat.format(country=n, the_country=_with_article(n)) for n in forms
                            if not (re.fullmatch(r"[A-Z.]+", n) and ("{the_country}" in pat or "'s" in pat)))
        alts = [a for a in dict.fromkeys(alts) if a != label]
        kb._add(Actor(id=f"government/{code}", type="Government", label=label, alt_labels=alts[:1],
                      country=code), generated=tuple(alts[1:]))


def _actor_id(entry: dict, typ: str) -> str:
    return entry.get("id") or f"{_PREFIX[typ]}/{slugify(entry['label'])}"


def _build_organizations(kb: KnowledgeBase, f: Path, default_type: str) -> dict[str, list]:
    leaders = {}
    for entry in _entries(_read(f), f, list):
        if not isinstance(entry, dict) or not entry.get("label"):
            raise _bad(f, f"entry {entry!r} has no `label`", "give every organization a label")
        _check_keys(entry, "organization", f, entry["label"])
        typ = entry.get("type", default_type)
        if typ not in _PREFIX or typ in ("Person", "Country"):
            raise _bad(f, f"type {typ!r} of {entry['label']!r} is not an organization type",
                       "use IGO, Government, ArmedGroup or Organization")
        country = entry.get("country")
        if country and f"country/{country}" not in kb.actors:
            raise _bad(f, f"unknown country {country!r} of {entry['label']!r}", "use an ISO alpha-3 code")
        aid = _actor_id(entry, typ)
        if not aid.startswith(_PREFIX[typ] + "/"):
            raise _bad(f, f"id {aid!r} of {entry['label']!r} does not start with {_PREFIX[typ] + '/'!r}",
                       "make the id match the type (or drop the id to derive it from the label)")
        if aid in kb.actors and re.fullmatch(r"government/[A-Z]{3}", aid):
            _extend(kb, kb.actors[aid], entry)
            leaders[aid] = list(entry.get("leaders") or [])
            continue
        actor = Actor(id=aid, type=typ, label=entry["label"],
                      alt_labels=list(entry.get("variants") or []), country=country,
                      member_of=list(entry.get("member_of") or []), wikidata=entry.get("wikidata"))
        kb._add(actor, tuple(entry.get("descriptions") or ()))
        if entry.get("start") or entry.get("end"):
            start, end = _date(entry.get("start"), f, aid), _date(entry.get("end"), f, aid)
            if start and end and end < start:
                raise _bad(f, f"{aid!r} ends ({end}) before it starts ({start})", "correct the dates")
            kb._periods[aid] = Office("existence", country, aid, start, end)
        leaders[actor.id] = list(entry.get("leaders") or [])
    return leaders


def _extend(kb: KnowledgeBase, actor: Actor, entry: dict) -> None:
    """An entry with the id of a generated state government adds to it (names, label, leaders)."""
    if entry["label"] != actor.label:
        actor.alt_labels.insert(0, actor.label)
        actor.label = entry["label"]
    for form in [*(entry.get("variants") or [])]:
        if form not in actor.alt_labels and form != actor.label:
            actor.alt_labels.append(form)
    kb.descriptions[actor.id].extend(entry.get("descriptions") or ())
    for form in [actor.label, *actor.alt_labels, *(entry.get("descriptions") or ())]:
        kb._index_name(form, actor.id)
    actor.member_of.extend(m for m in entry.get("member_of") or () if m not in actor.member_of)


def _surnames(name: str, entry: dict) -> list[str]:
    if "surname" in entry:
        s = entry["surname"]
        return [] if not s else [s] if isinstance(s, str) else list(s)
    tokens = name.split()
    if len(tokens) < 2:
        return []
    last = tokens[-1]
    out = [last]
    m = re.match(r"^(?:al|el|ad|as|an|ash|at|az)-(.+)$", last)
    if m:
        out.append(m.group(1))
    return out


_ARTICLE_TOKEN = re.compile(r"^(?:al|el)-(\w.*)$", re.IGNORECASE)


def _spellings(name: str, given: dict[str, list[str]]) -> list[str]:
    """Generated spellings: "Bashar al-Assad" -> "Bashar Assad", "Bashar el-Assad";
    "Sergey Lavrov" -> "Sergei Lavrov" (first names from ``name_variants.yaml``)."""
    tokens = name.split()
    options = []
    for i, tok in enumerate(tokens):
        m = _ARTICLE_TOKEN.match(tok)
        if m and i > 0:
            options.append([tok, f"al-{m.group(1)}", f"el-{m.group(1)}", m.group(1)])
        elif i == 0 and len(tokens) > 1 and tok in given:
            options.append([tok, *given[tok]])
        else:
            options.append([tok])
    out = [" ".join(choice) for choice in _product(options)]
    return [o for o in dict.fromkeys(out) if o != name][:12]


def _product(options: list[list[str]]) -> Iterator[list[str]]:
    if not options:
        yield []
        return
    for head in options[0]:
        for rest in _product(options[1:]):
            yield [head, *rest]


def _build_persons(kb: KnowledgeBase, path: Path) -> None:
    f = path / "name_variants.yaml"
    groups = _entries(_read(f, required=False), f, list)
    given: dict[str, list[str]] = {}
    for group in groups:
        for n in group or []:
            if n in given:
                raise _bad(f, f"{n!r} is in two groups", "merge the groups")
            given[n] = [o for o in group if o != n]
    files = sorted((path / "persons").glob("*.yaml"))
    if not files:
        raise DipkgError(f"knowledge base directory {str(path / 'persons')!r} has no *.yaml files: "
                         "restore data/kb/persons/ from the repository")
    for f in files:
        for entry in _entries(_read(f), f, list):
            if not isinstance(entry, dict) or not entry.get("name"):
                raise _bad(f, f"entry {entry!r} has no `name`", "give every person a name")
            name, country = entry["name"], entry.get("country")
            _check_keys(entry, "person", f, name)
            if country and f"country/{country}" not in kb.actors:
                raise _bad(f, f"unknown country {country!r} of {name!r}", "use an ISO alpha-3 code")
            pid = entry.get("id") or f"person/{slugify(name)}"
            offices = []
            for o in entry.get("offices") or []:
                if not isinstance(o, dict) or not o.get("role"):
                    raise _bad(f, f"an office of {name!r} has no `role`", "write {role: ..., start: ...}")
                _check_keys(o, "office", f, name)
                org = o.get("org")
                if org and org not in kb.actors:
                    raise _bad(f, f"office org {org!r} of {name!r} is not a known actor id",
                               "use an id from igos.yaml or groups.yaml")
                oc = o.get("country", None if org else country)
                if oc and f"country/{oc}" not in kb.actors:
                    raise _bad(f, f"unknown office country {oc!r} of {name!r}", "use an ISO alpha-3 code")
                start, end = _date(o.get("start"), f, name), _date(o.get("end"), f, name)
                if start and end and end < start:
                    raise _bad(f, f"office {o['role']!r} of {name!r} ends ({end}) before it starts ({start})",
                               "swap or correct the dates")
                offices.append(Office(role=o["role"], country=oc, holder=pid, start=start, end=end,
                                      titles=tuple(o.get("titles") or ()), org=org))
            latest = max(offices, key=lambda o: o.start or "", default=None)
            variants = [v for v in dict.fromkeys([*(entry.get("variants") or []), *_surnames(name, entry)])
                        if v != name]
            spellings = tuple(v for n in (name, *variants) if " " in n for v in _spellings(n, given))
            leader_of = [o.org for o in offices if o.org and o.role in _LEADER_ROLES]
            kb._add(Actor(id=pid, type="Person", label=name, alt_labels=variants, country=country,
                          role=(latest.titles[0] if latest and latest.titles else latest.role) if latest else entry.get("role"),
                          leader_of=list(dict.fromkeys(leader_of)), wikidata=entry.get("wikidata")),
                    generated=spellings)
            for office in offices:
                kb._add_office(office)


def _build_places_and_sources(kb: KnowledgeBase, path: Path) -> None:
    f = path / "metonyms.yaml"
    for entry in _entries(_read(f), f, list):
        if not isinstance(entry, dict) or not entry.get("name"):
            raise _bad(f, f"entry {entry!r} has no `name`", "write {name: ..., actor: ...}")
        actor = entry.get("actor")
        if actor and re.fullmatch(r"[A-Z]{3}", actor):
            actor = f"country/{actor}"
        if actor and actor not in kb.actors:
            raise _bad(f, f"metonym {entry['name']!r} stands for unknown actor {actor!r}",
                       "use an actor id (country/RUS, igo/european-union) or an ISO3 code")
        m = Metonym(name=entry["name"], actor=actor, kind=entry.get("kind", "capital"),
                    variants=tuple(entry.get("variants") or ()))
        for form in (m.name, *m.variants):
            other = kb.metonyms.get(normalize(form))
            if other and other.actor != m.actor:
                raise _bad(f, f"{form!r} stands for both {other.actor!r} and {m.actor!r}",
                           "keep one entry for the place")
            kb.metonyms[normalize(form)] = m
    f = path / "sources.yaml"
    for entry in _entries(_read(f), f, list):
        forms = [entry] if isinstance(entry, str) else [entry.get("name"), *(entry.get("variants") or [])]
        kb.sources.update(normalize(x) for x in forms if x)
    clash = sorted(s for s in kb.sources if s in kb._index)
    if clash:
        raise _bad(f, f"sources {clash!r} are also actor names", "a news source is never an actor: remove one")


@lru_cache(maxsize=8)
def _load(path: Path) -> KnowledgeBase:
    kb = KnowledgeBase(path)
    names = _build_countries(kb, path)
    adjectives = _build_demonyms(kb, path)
    _build_roles_and_governments(kb, path, names, adjectives)
    leaders = {**_build_organizations(kb, path / "igos.yaml", "IGO"),
               **_build_organizations(kb, path / "groups.yaml", "ArmedGroup")}
    _build_persons(kb, path)
    for org, people in leaders.items():
        for p in people:
            pid = p if p.startswith("person/") else f"person/{slugify(p)}"
            if pid not in kb.actors:
                raise _bad(path / "groups.yaml", f"leader {p!r} of {org!r} is not a known person",
                           "add the person to data/kb/persons/ or fix the name")
            if org not in kb.actors[pid].leader_of:
                kb.actors[pid].leader_of.append(org)
    for actor in kb.actors.values():
        for m in actor.member_of:
            if m not in kb.actors:
                raise _bad(path, f"{actor.id!r} is a member of unknown actor {m!r}", "fix the id")
    _build_places_and_sources(kb, path)
    return kb


def load_kb(path: str | Path | None = None) -> KnowledgeBase:
    """Load (once, cached) the knowledge base from ``path`` or the default location.

    Default: ``$DIPKG_KB_DIR``, else the repository's ``data/kb``, else
    ``<sys.prefix>/share/dipkg/kb``. A missing or malformed file raises
    :class:`kg.errors.DipkgError` naming the file and the fix.

    >>> load_kb().country("FRA").label
    'France'
    """
    p = Path(path) if path is not None else _default_dir()
    if not p.is_dir():
        raise DipkgError(f"knowledge base directory {str(p)!r} does not exist: pass an existing "
                         "directory or set DIPKG_KB_DIR to the repository's data/kb")
    return _load(p.resolve())
