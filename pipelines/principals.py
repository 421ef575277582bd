"""Who a readout's unnamed titles and plural "both leaders" are.

Official readouts never name their own principal: "The Prime Minister spoke with
..." on 10 Downing Street is the UK's prime minister at the text's date, "The
Secretary" on the State Department the U.S. Secretary of State. The publisher's
state and principal come from the knowledge base (``publishers.yaml``,
:meth:`pipelines.kb.KnowledgeBase.home_state`); :func:`pipelines.titles.bare_titles`
asks :func:`home_holder`. "Both leaders" after a told call are the call's two
parties (:func:`meeting_parties`), not a person only mentioned.

>>> sorted(_MEETING_LEMMAS)[:3]
['call', 'conversation', 'discuss']
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.attrs import LEMMA

from pipelines.kb import normalize
from pipelines import titles as T
from pipelines.titles import LEADER_ROLES

if TYPE_CHECKING:
    from pipelines.mentions import DocState

__all__ = ["home_holder", "home_role", "meeting_parties", "plural_persons"]


#: Bare titles that name the publisher's principal when it is a minister ("the Secretary" on DoD).
_PRINCIPAL_WORDS = frozenset({"secretary", "minister"})


def home_role(state: DocState, s: int, e: int) -> str | None:
    """The role a bare title has in the publishing state; "" when that state words the office otherwise."""
    home, kb, doc = state.home, state.kb, state.doc
    if home is None:
        return None
    surface = doc[s:e].text
    key = normalize(surface)
    if key in _PRINCIPAL_WORDS:
        return home.principal if home.principal and home.principal not in LEADER_ROLES else None
    role = kb.canonical_role(surface, home.state)
    if "/" in home.state:  # an organization's publisher: its offices under their usual names
        return role
    own = kb.own_wordings(role, home.state)
    return "" if own and key not in own else role


def home_holder(state: DocState, s: int, e: int, found: list[str]) -> str | None:
    """The publishing state's own holder of a bare title, unless the text named another before.

    Official readouts never name their principal: "The Prime Minister" on 10 Downing
    Street, "The Secretary" on the State Department. A title the state words otherwise
    ("Foreign Minister" for the U.S. Secretary of State) is someone else's.
    """
    role = home_role(state, s, e)
    doc = state.doc
    if not role or (e + 1 < len(doc) and doc[e].lower_ in ("for", "of") and doc[e + 1].text[:1].isupper()):
        return None  # "the Minister for Africa" holds another office than the principal's
    holder = state.kb.office_holder(role, state.home.state, state.date)
    if holder is None:
        return None
    before = [u for u in state.units if u.start < s and u.kind not in ("plural", "drop")
              and len(u.ids) == 1 and u.ids[0] in found]
    return holder.id if holder.id in found or not before else None


#: Lemmas of a meeting or call, whose parties "both leaders" then are.
_MEETING_LEMMAS = frozenset({"speak", "meet", "call", "talk", "talks", "conversation", "meeting", "phone",
                             "telephone", "host", "visit", "receive", "discuss"})


def meeting_parties(state: DocState, at: int, pool: list[str]) -> list[str]:
    """The persons of ``pool`` in the latest sentence before ``at`` telling a meeting or call."""
    doc = state.doc
    sents = []
    if doc.has_annotation("SENT_START"):
        for sent in doc.sents:
            if sent.start >= at:
                break
            sents.append((sent.start, min(sent.end, at)))
    if not sents:
        return []
    strings = doc.vocab.strings
    lemmas = doc.to_array(LEMMA)  # the tokens' lemma hashes (no Token per word)
    units = sorted(state.units, key=lambda u: u.start)
    for start, end in reversed(sents[-4:]):
        if not any(strings[h].lower() in _MEETING_LEMMAS for h in lemmas[start:end].tolist()):
            continue
        found = []
        for u in units:
            if start <= u.start < end and u.kind not in ("plural", "drop", "source") \
                    and len(u.ids) == 1 and u.ids[0] in pool and u.ids[0] not in found:
                found.append(u.ids[0])
        if len(found) >= 2:
            return found
    return []


def plural_persons(state: DocState, role: str, countries: list[str], counts, *, at: int = 0) -> tuple[str, ...]:
    """Persons a plural title names: per country named, else the parties of the latest
    meeting or call told before it, else the doc's two most salient."""
    everyone = state.person_ids()
    if countries:
        found = []
        specific = role not in T.GENERIC_ROLES and role != "Side"  # "the leaders of X and Y": the doc's only
        for c in countries:  # "the foreign ministers of Egypt and Jordan": the doc's, else the holders
            cands = T.title_candidates(state, role, c, False, everyone)
            holder = state.kb.office_holder(role, c, state.date) if specific and not cands else None
            holder = holder or (state.kb.government(c) if specific and not cands else None)
            if cands or holder:
                found.append(cands[0] if cands else holder.id)
        return tuple(found) if len(found) >= 2 else ()
    if role == "Side":
        pool = everyone
    else:
        pool = T.title_candidates(state, role, None, False, everyone)
        if role == "Leader" and len(pool) < 2:
            pool = everyone
    parties = meeting_parties(state, at, pool) if role != "Side" else []
    if len(parties) == 2:
        return tuple(parties)
    order = {pid: k for k, pid in enumerate(everyone)}
    ranked = sorted(pool, key=lambda i: (-counts.get(i, 0), order.get(i, 99)))
    return tuple(ranked[:2]) if len(ranked) >= 2 else ()
