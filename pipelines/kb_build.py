"""Build a :class:`~pipelines.kb.KnowledgeBase` from the YAML files of ``data/kb/``.

Each ``_build_*`` step reads one file (or folder), checks it and fills the
base's lookups; a missing or malformed entry raises
:class:`kg.errors.DipkgError` naming the file, the entry and the fix. Users
call :func:`pipelines.kb.load_kb`, which finds the folder and caches the base.

>>> from pipelines.kb import load_kb
>>> kb = build_kb(load_kb().path)
>>> kb is load_kb(), kb.government("FRA").label
(True, 'Government of France')
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator

from kg.errors import DipkgError
from kg.records import Actor
from pipelines.kb import ID_PREFIX, LEADER_ROLES, KnowledgeBase, Metonym, Office, Publisher, normalize, slugify
from pipelines.kb_yaml import bad, check_keys, check_types, read_yaml, require, span

__all__ = ["build_kb"]


def _check_country(kb: KnowledgeBase, path: Path, code: str | None, who: str, *, field: str = "country") -> None:
    """A ``country`` given in an entry must be an ISO alpha-3 code of the base."""
    if code and f"country/{code}" not in kb.actors:
        raise bad(path, f"unknown {field} {code!r} of {who!r}", "use an ISO alpha-3 code")


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
    extra = read_yaml(f, dict)
    names: dict[str, list[str]] = {c.alpha_3: _country_names(c) for c in pycountry.countries}
    for code, entry in extra.items():
        entry = entry or {}
        if not isinstance(entry, dict):
            raise bad(f, f"entry {code!r} is {entry!r}, not a mapping",
                      "write CODE: {label: ..., variants: [...]}")
        check_types(entry, "country", f, code)
        if code not in names and not entry.get("label"):
            raise bad(f, f"{code!r} is not an ISO 3166 code known to pycountry", "give it a `label`")
        names.setdefault(code, [])
        label = entry.get("label") or names[code][0]
        names[code] = list(dict.fromkeys([label, *(entry.get("variants") or []), *names[code]]))
    for code, forms in names.items():
        wd = (extra.get(code) or {}).get("wikidata")
        kb._add(Actor(id=f"country/{code}", type="Country", label=forms[0], alt_labels=forms[1:],
                      iso3=code, wikidata=wd))
    return names


def _build_demonyms(kb: KnowledgeBase, path: Path) -> dict[str, str]:
    f = path / "demonyms.yaml"
    adjectives = {}
    for code, words in read_yaml(f, dict).items():
        if f"country/{code}" not in kb.actors:
            raise bad(f, f"unknown country code {code!r}", "use an ISO 3166 alpha-3 code")
        if words is not None and not (isinstance(words, list) and all(isinstance(w, str) for w in words)):
            raise bad(f, f"demonyms of {code!r} are {words!r}, not a list of texts", "write CODE: [Word, ...]")
        plurals = [w + "s" for w in words or [] if re.search(r"[a-z](?:an|i)$", w)]
        for w in [*(words or []), *plurals]:
            key = normalize(w)
            if kb._demonyms.get(key, code) != code:
                raise bad(f, f"{w!r} is listed for both {kb._demonyms[key]} and {code}",
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
    data = read_yaml(f, dict)
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
    return entry.get("id") or f"{ID_PREFIX[typ]}/{slugify(entry['label'])}"


def _build_organizations(kb: KnowledgeBase, f: Path, default_type: str) -> dict[str, list]:
    leaders = {}
    for entry in read_yaml(f, list):
        require(entry, "label", f, "give every organization a label")
        check_keys(entry, "organization", f, entry["label"])
        typ = entry.get("type", default_type)
        if typ not in ID_PREFIX or typ in ("Person", "Country"):
            raise bad(f, f"type {typ!r} of {entry['label']!r} is not an organization type",
                      "use IGO, Government, ArmedGroup or Organization")
        country = entry.get("country")
        _check_country(kb, f, country, entry["label"])
        aid = _actor_id(entry, typ)
        if not aid.startswith(ID_PREFIX[typ] + "/"):
            raise bad(f, f"id {aid!r} of {entry['label']!r} does not start with {ID_PREFIX[typ] + '/'!r}",
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
            start, end = span(entry, f, aid, what=repr(aid))
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
    groups = read_yaml(f, list, required=False)
    given: dict[str, list[str]] = {}
    for group in groups:
        for n in group or []:
            if n in given:
                raise bad(f, f"{n!r} is in two groups", "merge the groups")
            given[n] = [o for o in group if o != n]
    files = sorted((path / "persons").glob("*.yaml"))
    if not files:
        raise DipkgError(f"knowledge base directory {str(path / 'persons')!r} has no *.yaml files: "
                         "restore data/kb/persons/ from the repository")
    for f in files:
        for entry in read_yaml(f, list):
            name, country = require(entry, "name", f, "give every person a name"), entry.get("country")
            check_keys(entry, "person", f, name)
            _check_country(kb, f, country, name)
            pid = entry.get("id") or f"person/{slugify(name)}"
            offices = []
            for o in entry.get("offices") or []:
                if not isinstance(o, dict) or not o.get("role"):
                    raise bad(f, f"an office of {name!r} has no `role`", "write {role: ..., start: ...}")
                check_keys(o, "office", f, name)
                org = o.get("org")
                if org and org not in kb.actors:
                    raise bad(f, f"office org {org!r} of {name!r} is not a known actor id",
                              "use an id from igos.yaml or groups.yaml")
                oc = o.get("country", None if org else country)
                _check_country(kb, f, oc, name, field="office country")
                start, end = span(o, f, name, what=f"office {o['role']!r} of {name!r}")
                offices.append(Office(role=o["role"], country=oc, holder=pid, start=start, end=end,
                                      titles=tuple(o.get("titles") or ()), org=org))
            latest = max(offices, key=lambda o: o.start or "", default=None)
            variants = [v for v in dict.fromkeys([*(entry.get("variants") or []), *_surnames(name, entry)])
                        if v != name]
            spellings = tuple(v for n in (name, *variants) if " " in n for v in _spellings(n, given))
            leader_of = [o.org for o in offices if o.org and o.role in LEADER_ROLES]
            kb._add(Actor(id=pid, type="Person", label=name, alt_labels=variants, country=country,
                          role=(latest.titles[0] if latest and latest.titles else latest.role) if latest else entry.get("role"),
                          leader_of=list(dict.fromkeys(leader_of)), wikidata=entry.get("wikidata")),
                    generated=spellings)
            for office in offices:
                kb._add_office(office)


def _build_places_and_sources(kb: KnowledgeBase, path: Path) -> None:
    f = path / "metonyms.yaml"
    for entry in read_yaml(f, list):
        require(entry, "name", f, "write {name: ..., actor: ...}")
        check_types(entry, "metonym", f, entry["name"])
        actor = entry.get("actor")
        if actor and re.fullmatch(r"[A-Z]{3}", actor):
            actor = f"country/{actor}"
        if actor and actor not in kb.actors:
            raise bad(f, f"metonym {entry['name']!r} stands for unknown actor {actor!r}",
                      "use an actor id (country/RUS, igo/european-union) or an ISO3 code")
        m = Metonym(name=entry["name"], actor=actor, kind=entry.get("kind", "capital"),
                    variants=tuple(entry.get("variants") or ()))
        for form in (m.name, *m.variants):
            other = kb.metonyms.get(normalize(form))
            if other and other.actor != m.actor:
                raise bad(f, f"{form!r} stands for both {other.actor!r} and {m.actor!r}",
                          "keep one entry for the place")
            kb.metonyms[normalize(form)] = m
    f = path / "sources.yaml"
    for entry in read_yaml(f, list):
        if not isinstance(entry, (str, dict)):
            raise bad(f, f"entry {entry!r} is neither a name nor a mapping",
                      "write - Name or - {name: ..., variants: [...]}")
        if isinstance(entry, dict):
            check_types(entry, "source", f, entry.get("name"))
        forms = [entry] if isinstance(entry, str) else [entry.get("name"), *(entry.get("variants") or [])]
        kb.sources.update(normalize(x) for x in forms if x)
    clash = sorted(s for s in kb.sources if s in kb._index)
    if clash:
        raise bad(f, f"sources {clash!r} are also actor names", "a news source is never an actor: remove one")


def _build_publishers(kb: KnowledgeBase, path: Path) -> None:
    """``publishers.yaml`` (optional): official publishers, their state and principal's role."""
    f = path / "publishers.yaml"
    for entry in read_yaml(f, list, required=False):
        if not isinstance(entry, dict):
            raise bad(f, f"entry {entry!r} is not a mapping", "write - {name: ..., state: ISO3}")
        require(entry, "name", f, "write - {name: ..., state: ISO3}")
        if entry.get("org"):  # an organization's own publisher: its offices ("the Secretary-General")
            if entry["org"] not in kb.actors:
                raise bad(f, f"unknown org {entry['org']!r} of publisher {entry['name']!r}",
                          "use an actor id of igos.yaml or groups.yaml (igo/united-nations)")
            entry = {**entry, "state": entry["org"]}
        require(entry, "state", f, "give the ISO3 code of the publisher's state (state: GBR) or an org id")
        check_types(entry, "publisher", f, entry["name"])
        if "/" not in entry["state"]:
            _check_country(kb, f, entry["state"], entry["name"], field="state")
        principal = entry.get("principal")
        if principal and principal not in kb._roles.values():
            raise bad(f, f"principal {principal!r} of publisher {entry['name']!r} is no canonical role",
                      "use a role of roles.yaml (Prime Minister, Foreign Minister, ...)")
        forms = tuple(dict.fromkeys(normalize(x) for x in (entry["name"], *(entry.get("variants") or []))))
        hosts = tuple(h.lower() for h in entry.get("hosts") or ())
        kb.publishers.append(Publisher(entry["name"], entry["state"], principal, forms, hosts))


@lru_cache(maxsize=8)
def build_kb(path: Path) -> KnowledgeBase:
    """The knowledge base of the folder ``path`` (resolved), built once and cached."""
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
                raise bad(path / "groups.yaml", f"leader {p!r} of {org!r} is not a known person",
                          "add the person to data/kb/persons/ or fix the name")
            if org not in kb.actors[pid].leader_of:
                kb.actors[pid].leader_of.append(org)
    for actor in kb.actors.values():
        for m in actor.member_of:
            if m not in kb.actors:
                raise bad(path, f"{actor.id!r} is a member of unknown actor {m!r}", "fix the id")
    _build_places_and_sources(kb, path)
    _build_publishers(kb, path)
    kb.index_name_keys()
    return kb
