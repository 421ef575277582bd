"""Collective actors for :mod:`pipelines.actors`: places, demonyms, organizations.

Capitals and seats of power that act ("Moscow rejected"), demonyms standing for
a state, its government or a body of it ("the French side", "Kurdish
militants", "Somalia's parliament"), organizations the model found but the
knowledge base lacks, and shared heads ("the Czech and Slovak republics").

>>> "police" in SECURITY, ORG_HEADS["ministry"]
(True, 'Government')
"""
from __future__ import annotations

from collections import Counter

from pipelines.mentions import LOC_PREPS, DocState, Unit, acts, same_line

__all__ = ["BODIES", "FORCES", "GOVERNMENT", "IRREGULAR", "LEADER_GOVERNMENT", "MINISTRIES", "ORG_HEADS",
           "SECURITY", "coordinated_names", "demonyms", "leader_governments", "main_country", "military_adjectives",
           "organizations", "possessed_bodies", "resolve_places", "state_of"]

#: Nouns after a demonym naming irregular fighters ("Kurdish militants": a new armed group).
IRREGULAR = frozenset({"militants", "rebels", "separatists", "insurgents", "fighters", "militia",
                       "militias", "guerrillas", "jihadists", "paramilitaries", "extremists"})


#: Nouns after a demonym naming the state's armed forces.
FORCES = frozenset({"forces", "troops", "army", "military", "soldiers", "navy", "armed"})


#: Nouns after a demonym naming the government.
GOVERNMENT = frozenset({"government", "authorities", "officials", "leadership", "administration",
                        "cabinet", "diplomats", "ministry", "delegation", "regime", "presidency"})


#: Nouns after a demonym naming a state security body (a new Government-type actor).
SECURITY = frozenset({"border guards", "border guard", "police", "coast guard", "border service",
                      "security services", "security service", "intelligence", "border police",
                      "parliament", "legislature", "senate", "congress", "lawmakers", "judiciary"})


#: Heads of a state's ministries: its government ("the Interior Ministry of X").
MINISTRIES = frozenset({"ministry", "ministries", "department", "presidency"})
#: Portfolio words of a state's departments ("Department of Foreign Affairs", "Defense Department").
STATE_PORTFOLIOS = frozenset({"foreign", "defense", "defence", "state", "homeland", "justice", "interior",
                              "treasury", "commerce"})
#: Heads of other state bodies: a new Government-type actor of that state.
BODIES = frozenset({"agency", "service", "services", "guard", "guards", "court", "bank", "council",
                    "commission", "directorate", "office", "committee"})
#: One-word titles: a body name followed by one is a title ("chief cabinet secretary").
_TITLE_WORDS = frozenset({"secretary", "minister", "spokesman", "spokeswoman", "spokesperson", "adviser",
                          "advisor", "chief", "director", "envoy", "official"})
#: Tags of the words of a lowercase body name after a possessive ("national intelligence agency").
BODY_TAGS = frozenset({"NN", "NNS", "NNP", "NNPS", "JJ"})


#: Head nouns of organization names the model finds but the KB lacks, with the actor type.
ORG_HEADS = {"council": "Organization", "committee": "Organization", "party": "Organization",
             "movement": "Organization", "organization": "Organization", "organisation": "Organization",
             "agency": "Organization", "union": "Organization", "alliance": "Organization",
             "commission": "Organization", "foundation": "Organization", "federation": "Organization",
             "ministry": "Government", "parliament": "Government", "assembly": "Government",
             "government": "Government", "cabinet": "Government", "administration": "Government",
             "army": "ArmedGroup", "forces": "ArmedGroup", "front": "ArmedGroup", "brigade": "ArmedGroup",
             "brigades": "ArmedGroup", "militia": "ArmedGroup", "guard": "Government",
             "mission": "Organization", "service": "Government", "department": "Government",
             "presidency": "Government"}


def resolve_places(state: DocState) -> None:
    """A capital or seat of power is its actor when it acts, else a mere location."""
    for u in state.units:
        if u.kind != "place":
            continue
        doc = state.doc
        root = doc[u.start:u.end].root
        located = root.dep_ == "pobj" and root.head.lower_ in LOC_PREPS and same_line(root, root.head)
        if u.end < len(doc) and doc[u.end].text[:1].isupper() and doc[u.end].pos_ == "PROPN":
            located = True  # part of a longer name: "the Washington Post", "Foreign States"
        if u.end - u.start == 1 and root.pos_ != "PROPN" and not root.ent_type_:
            located = True  # a common word that is also a place's variant ("Foreign")
        line_start = u.start == 0 or "\n" in doc[u.start - 1].text_with_ws
        if line_start and u.end < len(doc) and doc[u.end].text in (",", "-", "(", "\u2014", "\u2013"):
            located = True  # a dateline: "KYIV, March 3 (Agency) -"
        body = _local_body(state, u)
        if body is not None:  # "Kyiv police": a body of the capital's state
            u.kind, u.ids, u.end = "group", (body[0],), body[1]
        elif u.ids and not located and (u.place_kind == "seat" or acts(root)):
            u.kind = "kb"
        else:
            u.kind = "drop"


def _local_body(state: DocState, u: Unit) -> tuple[str, int] | None:
    """(actor id, end) of a security body named after a capital ("Kyiv police"), if any."""
    doc = state.doc
    if u.place_kind == "seat" or not u.ids or u.end >= len(doc):
        return None
    iso3 = state_of(state, Unit(u.start, u.end, ids=u.ids))
    two = doc[u.end:u.end + 2].text.lower()
    end = u.end + 2 if two in SECURITY else u.end + 1 if doc[u.end].lower_ in SECURITY else None
    if not iso3 or end is None:
        return None
    return state.add_new("Government", doc[u.start:end].text, country=iso3), end


def demonyms(state: DocState) -> None:
    """Demonyms standing for a state ("the French side"), its government or a group of it."""
    doc, owner = state.doc, state.owner()
    title_starts = {s for s, _ in state.titles}
    named = {i for u in state.units if u.kind == "kb" and u.nested for i in range(u.start, u.end)}
    possessed_bodies(state, owner)
    after = 0
    for i, text in enumerate(state.texts):
        if i < after or not text[:1].isupper():
            continue  # a demonym starts with a capital, after the last one
        found_at = state.demonym_at(i)
        if not found_at:
            continue
        iso3, d_end = found_at
        after = d_end
        if i in title_starts or d_end in title_starts or i in named:
            continue
        holder = owner.get(i)
        if holder is not None and holder.kind != "org":
            continue
        nxt = doc[d_end:d_end + 2]
        two = nxt.text.lower() if len(nxt) == 2 else ""
        one = nxt[0].lower_ if len(nxt) else ""
        end, ids, kind = d_end, None, "demonym"
        if holder is None and two in SECURITY:
            end, kind = d_end + 2, "group"
            ids = (state.add_new("Government", doc[i:end].text, country=iso3),)
        elif holder is None and one in SECURITY:
            end, kind = d_end + 1, "group"
            ids = (state.add_new("Government", doc[i:end].text, country=iso3),)
        elif holder is None and one in IRREGULAR:
            end, kind = d_end + 1, "group"
            ids = (state.add_new("ArmedGroup", doc[i:end].text, country=iso3),)
        elif holder is None and one in GOVERNMENT and state.kb.government(iso3):
            end, kind, ids = d_end + 1, "group", (state.kb.government(iso3).id,)
        elif holder is None and one in FORCES:
            country = state.kb.country(iso3)
            found = [a for a in state.kb.lookup(f"Armed Forces of {country.label}")] if country else []
            if found:
                end, kind, ids = d_end + 1 + (two.endswith(" forces")), "group", (found[0].id,)
        if ids is None:
            country = state.kb.country(iso3)
            end += holder is None and one in ("side", "sides")
            ids = (country.id,) if country else ()
        if not ids:
            continue
        unit = Unit(i, end, kind=kind, ids=ids, nested=holder is not None)
        state.units.append(unit)
        if holder is None:
            for k in range(i, end):
                owner[k] = unit


def state_of(state: DocState, u: Unit | None) -> str | None:
    """The state (ISO3) a country or state-government unit stands for."""
    return state.country_of_unit(u, governments=True)


def main_country(state: DocState) -> str | None:
    """The state the doc mentions most (countries, state governments, persons' states), if one leads."""
    counts: Counter = Counter()
    for u in state.units:
        if u.kind in ("drop", "source", "place", "org", "person", "plural"):
            continue
        for i in u.ids:
            a = state.base(i)
            if a is None:
                continue
            c = state_of(state, Unit(0, 0, ids=(i,))) if a.type != "Person" else state.person_office(i)[1]
            if c and len(c) == 3:
                counts[c] += 1
    ranked = counts.most_common(2)
    if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
        return ranked[0][0]
    return None


def _head(words) -> str:
    cut = next((k for k, t in enumerate(words) if t.lower_ == "of"), len(words))
    return (words[cut - 1] if cut else words[-1]).lower_


def possessed_bodies(state: DocState, owner: dict[int, Unit]) -> None:
    """A state's possessed bodies: "Somalia's parliament", "Peru's Ministry of Mines",
    "Kenya's national intelligence agency" (its government, or a new body of that state)."""
    doc = state.doc
    orgs = {v.start: v for v in state.units if v.kind == "org"}
    for u in list(state.top()):
        iso3 = state.country_of_unit(u) if u.kind == "kb" else None
        if not iso3 or u.end + 1 >= len(doc) or doc[u.end].tag_ != "POS":
            continue
        j = u.end + 1
        org = orgs.get(j)
        if org is not None:
            end, head = org.end, _head(list(doc[org.start:org.end]))
        else:
            end = j
            while end < len(doc) and end - j < 5 and end not in owner and doc[end].tag_ in BODY_TAGS:
                end += 1
            if end == j:
                continue
            if end < len(doc) and (doc[end].lower_ in _TITLE_WORDS or doc[end - 1].lower_ in _TITLE_WORDS):
                continue  # "Japan's chief cabinet secretary X": a title, not the cabinet
            head = doc[end - 1].lower_
        phrase = doc[j:end].text.lower()
        if head in GOVERNMENT or head in MINISTRIES:
            gov = state.kb.government(iso3)
            if gov is None:
                continue
            ids = (gov.id,)
        elif phrase in SECURITY or head in SECURITY or head in BODIES:
            ids = (state.add_new("Government", doc[u.start:end].text, country=iso3),)
        else:
            continue
        if org is not None:
            org.kind = "drop"
        u.nested = True
        unit = Unit(u.start, end, kind="group", ids=ids)
        state.units.append(unit)
        owner.update({i: unit for i in range(unit.start, unit.end)})


#: Nouns after a leader's name that stand for the leader's government ("the Putin regime").
LEADER_GOVERNMENT = frozenset({"regime", "administration", "government"})


def leader_governments(state: DocState) -> None:
    """"The Putin regime", "the Biden administration": the government of the leader's state."""
    from pipelines.titles import is_leader_role

    doc = state.doc
    for u in list(state.top()):
        if u.kind in ("plural", "group") or len(u.ids) != 1 or state.type_of(u.ids[0]) != "Person":
            continue
        k = u.end + (u.end < len(doc) and doc[u.end].tag_ == "POS")
        if k >= len(doc) or doc[k].lower_ not in LEADER_GOVERNMENT:
            continue
        role, country = state.person_office(u.ids[0])
        gov = state.kb.government(country) if country and is_leader_role(role) else None
        if gov is None:
            continue
        u.nested = True
        state.units.append(Unit(u.start, k + 1, kind="group", ids=(gov.id,)))


def military_adjectives(state: DocState) -> None:
    """"UK military support", "U.S. military assistance": the adjective names the state, not its forces.

    A state's armed forces named by "<state> military" whose "military" modifies the
    next noun are the state ("UK military support" is support by the UK).
    """
    doc = state.doc
    for u in state.units:
        if u.kind in ("drop", "source", "plural") or len(u.ids) != 1 or u.end >= len(doc):
            continue
        last, nxt = doc[u.end - 1], doc[u.end]
        actor = state.base(u.ids[0])
        if last.lower_ != "military" or actor is None or actor.type != "ArmedGroup" or not actor.country:
            continue
        if nxt.is_lower and nxt.pos_ == "NOUN" and last.head.i >= nxt.i and last.dep_ in ("amod", "compound") \
                and state.kb.country(actor.country) is not None:
            u.ids = (state.kb.country(actor.country).id,)


def organizations(state: DocState) -> None:
    """Organizations the model found but the KB lacks: kept when their head says so.

    A ministry is its state's government: the state named in it, just before it
    ("the Ghanaian [Ministry of Health]"), else the state the doc is about.
    """
    doc = state.doc
    for u in list(state.units):
        if u.kind != "org":
            continue
        span = doc[u.start:u.end]
        head = _head(list(span))
        inner = [v for v in state.units if v is not u and v.nested and u.start <= v.start and v.end <= u.end]
        country = next((state.country_of_unit(v) for v in inner if state.country_of_unit(v)), None)
        type_ = ORG_HEADS.get(head)
        press = any(t.lower_ in ("news", "press", "media", "television", "broadcasting") for t in span)
        if type_ is None or state.kb.is_source(span.text) or len(span) == 1 or press:
            u.kind = "drop"
            for v in inner:
                v.nested = False
            continue
        before = [v for v in state.top() if v is not u and v.ids and v.start < u.start
                  and u.start - (doc[u.start - 1].tag_ == "POS") <= v.end <= u.start + 1]
        if country is None and before and state_of(state, before[0]):
            prev = before[0]  # "Ghanaian [Ministry of Health]", "the [Kenyan Ministry] of Interior"
            country = state_of(state, prev)
            if prev.kind in ("group", "demonym") and state.type_of(prev.ids[0]) == "Government":
                prev.kind = "drop"
            else:
                prev.nested = True
            u.start = prev.start
        if country is None and head == "department" and not STATE_PORTFOLIOS & set(span.text.lower().split()):
            u.kind = "drop"  # "the Department of Economics": not a state's
            continue
        if country is None and head in MINISTRIES and type_ == "Government":
            country = main_country(state)
        if head in ("government", "cabinet", *MINISTRIES) and country and state.kb.government(country):
            u.ids = (state.kb.government(country).id,)
        else:
            u.ids = (state.add_new(type_, doc[u.start:u.end].text, country=country),)
        u.kind = "kb"


def coordinated_names(state: DocState) -> None:
    """Shared heads: "the Czech and Slovak republics" names two KB actors."""
    doc, owner = state.doc, state.owner()
    for i, lower in enumerate(state.lowers):
        if lower != "and" or i == 0 or i + 2 >= len(doc):
            continue
        left, right = doc[i - 1], doc[i + 1]
        if not (left.text[:1].isupper() and right.text[:1].isupper()) or i - 1 in owner or i + 1 in owner:
            continue
        k, j = None, i + 2
        while j < min(i + 7, len(doc)) and doc[j].tag_ in ("NN", "NNS", "NNP", "NNPS", "POS", "JJ"):
            k = j if doc[j].tag_ in ("NNS", "NNPS") else k
            j += 1
        if k is None:
            continue
        tail = "".join(t.text_with_ws for t in doc[i + 2:k]) + doc[k].lemma_
        found = [[a for a in state.kb.lookup(f"{c.text} {tail}") if a.type != "Country"]
                 for c in (left, right)]
        if all(found):
            for c, actors in zip((left, right), found):
                unit = Unit(c.i, c.i + 1, kind="kb", ids=(actors[0].id,))
                state.units.append(unit)
                owner[c.i] = unit
