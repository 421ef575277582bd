"""Titles and roles of persons: "French President Emmanuel Macron", "the Russian president".

A small lexicon of political titles (matched case-insensitively) and the rules
that read them around a name, used by :mod:`pipelines.actors`:

- a title *before a name* belongs to the person's mention and gives its role
  and state ("Foreign Minister X", "U.S. Special Envoy for Yemen X",
  "President of the French Republic X", "Head of the DPR X");
- a *bare title* ("the Russian president", "the President of Russia",
  "the Prime Minister") is resolved by :mod:`pipelines.coref`;
- a *plural title* ("the two heads of state", "the presidents of Chile and
  Peru", "both leaders", "the sides") names several persons.

>>> is_leader_role("Prime Minister"), is_leader_role("Spokesman")
(True, False)
>>> roles_compatible("Leader", "President"), roles_compatible("President", "Prime Minister")
(True, False)
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pipelines.mentions import DocState

__all__ = ["GENERIC_ROLES", "LEADER_ROLES", "PLURAL_TITLES", "RANKS", "TITLES", "TitleMatch", "title_candidates",
           "bare_titles", "is_leader_role", "names_after_titles", "roles_compatible", "title_patterns",
           "titles_before_names"]

#: Titles that name an office, lowercase; longer phrasings first is not needed (matcher keeps longest).
TITLES: tuple[str, ...] = (
    "president", "vice president", "vice-president", "president-elect", "prime minister", "premier",
    "pm", "deputy prime minister", "chancellor", "foreign minister", "minister of foreign affairs",
    "minister for foreign affairs", "foreign affairs minister", "defence minister", "defense minister",
    "minister of defence", "minister of defense", "interior minister", "finance minister",
    "economy minister", "energy minister", "minister", "foreign secretary", "secretary of state",
    "defense secretary", "defence secretary", "secretary-general", "secretary general",
    "deputy secretary-general", "high representative", "special envoy", "envoy", "special representative",
    "representative", "ambassador", "spokesman", "spokeswoman", "spokesperson", "king", "queen",
    "emir", "crown prince", "prince", "sultan", "sheikh", "supreme leader", "leader", "head of state",
    "head of government", "head", "chairman", "chairwoman", "chairperson", "chair", "speaker", "field marshal",
    "marshal", "general", "gen.", "commander", "commander-in-chief", "colonel", "admiral",
    "governor", "mayor", "senator", "director", "director-general", "chief", "commissioner",
    "national security adviser", "adviser", "advisor", "aide", "top diplomat", "chief diplomat",
    "monarch", "ayatollah", "pope", "foreign ministry spokesman", "press secretary", "negotiator",
    "chief negotiator", "opposition leader", "rebel leader", "army chief", "deputy foreign minister",
    "secretary", "deputy secretary", "undersecretary", "under secretary", "state secretary",
    "deputy president", "vice foreign minister", "deputy defence minister", "deputy defense minister",
    "minister of foreign affairs and international cooperation", "minister of foreign affairs and cooperation",
    "minister for foreign affairs and trade", "minister of foreign affairs and trade",
    "minister for europe and foreign affairs", "minister of foreign and european affairs",
    "minister of external relations", "minister of international relations and cooperation",
    "minister of foreign affairs and emigrants", "minister of foreign affairs and expatriates",
    "cabinet secretary for foreign affairs", "secretary of foreign affairs", "minister of external affairs",
    "foreign ministry spokeswoman", "foreign ministry spokesperson", "presidential spokesman",
    "presidential press secretary",
)

#: Services and military ranks before a name, never a name themselves ("Navy Capt.", "Air Force Maj. Gen.").
RANKS = frozenset({"navy", "army", "air", "force", "marine", "marines", "corps", "coast", "guard", "space",
                    "national", "capt", "captain", "maj", "major", "gen", "general", "col", "colonel", "lt",
                    "lieutenant", "sgt", "sergeant", "adm", "admiral", "cmdr", "commander", "brig", "rear",
                    "vice", "cpl", "pvt", "ret", "cdr"})
#: Honorifics that may stand between a title and a name ("Minister Dr. X").
HONORIFICS = frozenset({"dr", "mr", "mrs", "ms", "prof", "sir", "dame", "madam", "h.e", "he"})

#: Plural heads that name several persons ("the two heads of state"), with the singular role.
PLURAL_TITLES: dict[str, str] = {
    "leaders": "Leader", "presidents": "President", "heads of state": "Head of State",
    "heads of government": "Head of Government", "prime ministers": "Prime Minister",
    "foreign ministers": "Foreign Minister", "sides": "Side", "two sides": "Side",
}

#: Roles a generic title ("leader", "head of state") can refer to.
LEADER_ROLES = frozenset({"President", "Prime Minister", "Chancellor", "King", "Queen", "Emir",
                          "Supreme Leader", "Leader", "Head of State", "Head of Government",
                          "Sultan", "Monarch", "Crown Prince", "Head"})
#: Generic roles, resolved against any leader.
GENERIC_ROLES = frozenset({"Leader", "Head of State", "Head of Government"})


def title_patterns() -> tuple[str, ...]:
    """Every title and plural title phrase, lowercase (for a PhraseMatcher on LOWER)."""
    return TITLES + tuple(PLURAL_TITLES)


def is_leader_role(role: str | None) -> bool:
    """True for the role of a state's or group's leader ("President", "Head of the DPR")."""
    if not role:
        return False
    return role in LEADER_ROLES or role.startswith("Head of") or role.startswith("Leader of")


def roles_compatible(wanted: str, role: str | None) -> bool:
    """Can a person with ``role`` be called by the title ``wanted`` (canonical roles)?

    >>> roles_compatible("Head", "Head of the DPR"), roles_compatible("Ambassador", "Ambassador to Egypt")
    (True, True)
    """
    if not role:
        return False
    if wanted in GENERIC_ROLES:
        return is_leader_role(role)
    if wanted == role:
        return True
    w, r = wanted.lower(), role.lower()
    return r.startswith(w + " ") or r.endswith(" " + w)


@dataclass
class TitleMatch:
    """A title found in a document: tokens ``start:end``, its canonical ``role`` and state.

    ``complement`` is the token span of an "of X"/"for X" complement naming a
    state or organization (``None`` if none); ``country`` the ISO3 the title
    names (demonym, country or complement); ``plural`` for "the two presidents".
    """

    start: int
    end: int
    role: str
    country: str | None = None
    plural: bool = False
    org: str | None = None
    text: str = ""


# -- steps over a DocState -----------------------------------------------------------
def _longest(spans: list[tuple[int, int]]) -> tuple[dict[int, tuple[int, int]], dict[int, tuple[int, int]]]:
    """Title spans keyed by end and by start, the longest for each."""
    by_end: dict[int, tuple[int, int]] = {}
    by_start: dict[int, tuple[int, int]] = {}
    for s, e in spans:
        if e not in by_end or s < by_end[e][0]:
            by_end[e] = (s, e)
        if s not in by_start or e > by_start[s][1]:
            by_start[s] = (s, e)
    return by_end, by_start


def names_after_titles(state: DocState) -> None:
    """A capitalized title followed by proper nouns the model missed: "PM Sarraj", "Field Marshal X"."""
    from pipelines.mentions import Unit

    from pipelines.mentions import name_ok

    doc, owner = state.doc, state.owner()
    _, by_start = _longest(state.titles)
    starts = {u.start: u for u in state.units if u.kind in ("org", "drop") and u.ner in ("ORG", "GPE")}
    for s, e in sorted(by_start.values()):
        if doc[s:e].text.lower() in PLURAL_TITLES:
            continue
        slip = starts.get(e)  # the model took the name for an organization: "Chancellor Jane Doe"
        if slip is not None and name_ok(list(doc[slip.start:slip.end])):
            slip.kind, slip.ner, slip.nested = "person", "PERSON", False
            continue
        if not doc[s].text[:1].isupper():
            continue
        j = e
        while j < len(doc) and j - e < 3 and doc[j].pos_ == "PROPN" and doc[j].text[:1].isupper() \
                and j not in owner and doc[j].ent_type_ in ("", "PERSON") and j not in by_start \
                and not state.demonym(doc[j]) and doc[j].lower_.rstrip(".") not in RANKS:
            j += 1
        if j > e and (j == len(doc) or doc[j].pos_ != "PROPN"):
            unit = Unit(e, j, kind="person", ner="TITLE")
            state.units.append(unit)
            owner.update({i: unit for i in range(e, j)})


def _is_person_unit(state: DocState, u) -> bool:
    return u.kind == "person" or (u.kind == "kb" and any(state.type_of(i) == "Person" for i in u.ids))


def titles_before_names(state: DocState) -> None:
    """"French President X", "President of the French Republic X", "Head of the DPR X"."""
    doc, kb = state.doc, state.kb
    by_end, by_start = _longest(state.titles)
    for u in state.units:  # the model often puts the title inside the name: "PM Sarraj"
        if u.kind == "person" and u.start in by_start and by_start[u.start][1] < u.end:
            u.start = by_start[u.start][1]
    ends = {u.end: u for u in state.top() if u.kind == "kb" and u.ids}
    for p in [u for u in state.units if _is_person_unit(state, u) and not u.nested]:
        k, comp = p.start, None
        while k > 0 and doc[k - 1].text.rstrip(".").lower() in HONORIFICS:
            k -= 1  # "Minister Dr. X"
        u = ends.get(k)
        if u is not None and u is not p and not _is_person_unit(state, u):
            j = u.start - (u.start > 0 and doc[u.start - 1].lower_ == "the")
            if j > 0 and doc[j - 1].lower_ in ("of", "for", "to") and (j - 1) in by_end:
                comp, k = u, j - 1
        if k not in by_end:
            continue
        ts, te = by_end[k]
        if doc[ts:te].text.lower() in PLURAL_TITLES:
            continue
        while ts > 0 and doc[ts - 1].text[:1].isupper() and doc[ts - 1].pos_ in ("PROPN", "NOUN") \
                and ts not in ends and not state.demonym_left(ts) and (ts - 1) not in state.consumed \
                and doc[ts - 1].ent_type_ not in ("GPE", "LOC", "NORP", "PERSON", "FAC"):
            ts -= 1  # a portfolio before the title: "External Affairs Minister", "Health Minister"
        start, country, premods = ts, None, []
        while start > 0:
            prev = ends.get(start)
            tok = doc[start - 1]
            if prev is not None and prev is not p and not _is_person_unit(state, prev):
                premods.append(prev)
                country = country or state.country_of_unit(prev)
                start = prev.start
            elif found := state.take_demonym_left(start):
                country, start = country or found[0], found[1]
            elif tok.tag_ == "POS" and ends.get(start - 1) is not None:
                start -= 1
            else:
                break
        title = doc[ts:te].text
        role = kb.canonical_role(title, country)
        if comp is not None:
            comp_country = state.country_of_unit(comp)
            if comp_country:
                country = country or comp_country
                role = kb.canonical_role(title, country)
            else:
                role = doc[ts:comp.end].text
                org = state.base(comp.ids[0])
                country = country or (org.country if org else None)
            comp.nested = True
        for m in premods:
            m.nested = True  # a state or organization named in the title
        state.consumed.update(range(ts, te))
        p.name_start = p.start
        p.forms = (doc[start:p.start].text, doc[p.start:p.end].text)
        p.start, p.role, p.country = start, role, country


def _premods(state: DocState, s: int) -> tuple[int, str | None, bool, list, str | None]:
    """Walk left of a bare title: (start, country, has determiner, premod units, organization id)."""
    doc = state.doc
    ends = {u.end: u for u in state.top() if u.kind == "kb" and u.ids}
    start, country, det, units, org = s, None, False, [], None
    while start > 0:
        tok, prev = doc[start - 1], ends.get(start)
        if prev is not None and state.country_of_unit(prev):
            country = country or state.country_of_unit(prev)
            units.append(prev)
            start = prev.start
        elif prev is not None and not units and not country and len(prev.ids) == 1 \
                and state.type_of(prev.ids[0]) in ("IGO", "Organization", "ArmedGroup"):
            org = prev.ids[0]  # "the UN Secretary-General", "the AU Commission chairperson"
            units.append(prev)
            start = prev.start
        elif found := state.take_demonym_left(start):
            country, start = country or found[0], found[1]
        elif tok.tag_ == "POS" and ends.get(start - 1) is not None and state.country_of_unit(ends[start - 1]):
            start -= 1
        elif tok.lower_ in ("the", "both", "two"):
            det = True
            if tok.lower_ != "the":
                start -= 1
            break
        else:
            break
    return start, country, det, units, org


def _complement(state: DocState, e: int) -> tuple[int, list[str], bool, list, bool]:
    """After a title: "of (the) X (and Y)": (end, countries, republic, units, other)."""
    doc = state.doc
    if e >= len(doc) or doc[e].lower_ != "of":
        return e, [], False, [], False
    starts = {u.start: u for u in state.top() if u.kind == "kb" and u.ids}
    j, countries, units = e + 1, [], []
    while j < len(doc):
        if doc[j].lower_ == "the":
            j += 1
            continue
        u = starts.get(j)
        c = state.country_of_unit(u)
        if not c:
            break
        countries.append(c)
        units.append(u)
        j = u.end
        if j < len(doc) and doc[j].lower_ in ("and", ",") and j + 1 < len(doc):
            j += 1
            continue
        break
    if countries:
        return units[-1].end, countries, False, units, False
    k = e + 1 + (e + 1 < len(doc) and doc[e + 1].lower_ == "the")
    if k < len(doc) and doc[k].text == "Republic":
        return k + 1, [], True, [], False
    return e, [], False, [], True


def title_candidates(state: DocState, role: str, country: str | None, republic: bool,
                     persons: list[str] | None = None) -> list[str]:
    """The doc's persons whose office fits ``role`` (of ``country``; of a republic).

    ``persons``: ``state.person_ids()``, if already read.
    """
    out = []
    for pid in state.person_ids() if persons is None else persons:
        p_role, p_country = state.person_office(pid)
        if not roles_compatible(role, p_role) or (country and p_country != country):
            continue
        if republic:
            c = state.kb.country(p_country) if p_country else None
            if not c or not any("Republic" in n for n in (c.label, *c.alt_labels)):
                continue
        out.append(pid)
    return out


def bare_titles(state: DocState) -> None:
    """Titles without a name: date-aware offices, the doc's persons, plural groups."""
    from pipelines.appositions import appositive_person
    from pipelines.coref import BARE_OK
    from pipelines.mentions import new_unit as _new_unit, salience
    from pipelines.principals import home_holder, home_role, plural_persons

    doc, kb = state.doc, state.kb
    _, by_start = _longest(state.titles)
    for s, e in sorted(by_start.values()):
        if any(i in state.consumed for i in range(s, e)):
            continue
        text = doc[s:e].text.lower()
        plural = PLURAL_TITLES.get(text)
        start, country, det, premods, org = _premods(state, s)
        end, countries, republic, comp_units, other = _complement(state, e)
        if end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper() and not plural:
            continue
        if e < len(doc) and doc[e].is_lower and doc[e].pos_ == "NOUN" and doc[e - 1].dep_ in ("amod", "compound") \
                and doc[e - 1].head.i >= e and not plural:
            continue  # "Japan's chief cabinet secretary": part of a longer title
        if other:
            continue
        if not plural and end + 1 < len(doc) and doc[end].lower_ == "for" and any(
                u.start in range(end + 2, min(end + 6, len(doc))) and _is_person_unit(state, u) for u in state.units):
            continue  # "Secretary of State for Defence Ben Wallace": the title of the name after its portfolio
        if plural:
            if not det and not countries:
                continue
            ids = plural_persons(state, plural, countries, salience(state), at=s)
        else:
            if not (det or country or countries or republic or org):
                continue
            country = country or (countries[0] if countries else None)
            role = kb.canonical_role(doc[s:e].text, country or org)
            found = title_candidates(state, role, country, republic)
            if org and not country:  # "the UN Secretary-General"; "a Hamas leader" is anyone
                holder = kb.office_holder(role, org, state.date) if det else None
                found = [holder.id] if holder else []
            named = appositive_person(state, start - (start > 0 and doc[start - 1].lower_ in ("the", "a")), end)
            home = home_holder(state, s, e, found) if det and not (country or republic or org) else None
            if det and not country and home_role(state, s, e) == "":  # "the Foreign Minister" on state.gov
                found = [p for p in found if state.person_office(p)[1] != state.home.state]
            if named is not None:  # "X, the Kenyan foreign minister," / "the Foreign Minister of Kenya, X,"
                found = [named]
                state.give(named, role=role, country=country)
            elif home is not None:  # "The Prime Minister spoke with ..." on 10 Downing Street
                found = [home]
            elif role not in BARE_OK and not country and not (found and (org or det and doc[s].text[:1].isupper())):
                continue  # "the Minister" only for a minister named in the doc; "the Malian minister" always
            if len(found) > 1:
                before = [u for u in state.units if u.start < s and u.kind not in ("plural", "drop")
                          and len(u.ids) == 1 and u.ids[0] in found]
                found = [max(before, key=lambda u: u.start).ids[0]] if before else found[:1]
            if not found and country:
                holder = kb.office_holder(role, country, state.date)
                if holder is None:  # unknown holder: the office stands for its government
                    holder = kb.government(country) if len(country) == 3 else None
                found = [holder.id] if holder else []
            elif not found and det and role in BARE_OK and role not in GENERIC_ROLES:
                orgs = [i for u in state.units if u.kind == "kb" for i in u.ids
                        if state.type_of(i) in ("IGO", "Organization", "ArmedGroup")]
                for org in [None, *dict.fromkeys(orgs)]:  # one office of that name, or the doc's org's
                    holder = kb.office_holder(role, org, state.date)
                    if holder is not None:
                        found = [holder.id]
                        break
            ids = tuple(found[:1])
        if not ids:
            continue
        for m in premods:
            m.nested = True  # a state or organization named in the title
        unit = _new_unit(state, start, end, ids, "plural" if plural else "title", alias=not plural)
        if unit is not None:
            state.consumed.update(range(s, e))
            for c in comp_units:
                c.nested = True
