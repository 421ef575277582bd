"""Modality of a trigger: negation, future, condition, directive, irrealis contents.

PLOVER: a negated event is no event; cooperation stated in the future is AGREE;
force or sanctions in the future or under a condition are THREATEN; what is
demanded, proposed or rejected has not happened.

>>> candidate_type("CONSULT", future=True, conditional=False)
'AGREE'
>>> candidate_type("ASSAULT", future=False, conditional=True)
'THREATEN'
>>> candidate_type("RETREAT", future=True, conditional=False)
'AGREE'
"""
from __future__ import annotations

from spacy.tokens import Token

from pipelines.frames import ActorIndex, subjects_of
from pipelines.triggers import COOPERATIVE_TYPES, THREAT_TYPES, word_set

__all__ = [
    "candidate_type",
    "condition_subjects",
    "is_conditional",
    "is_directive",
    "is_future",
    "is_hypothetical",
    "is_irrealis",
    "is_negated",
    "negated_type",
    "threat_frame",
]

_FUTURE_AUX = frozenset({"will", "shall", "would", "'ll", "wo"})
_INTENT = frozenset({"plan", "intend", "expect", "hope", "aim", "seek", "prepare", "want", "wish"})
_IRREALIS_NOUNS = frozenset({"demand", "proposal", "call", "plan", "offer", "request", "invitation", "appeal",
                             "idea", "possibility", "prospect", "intention", "option", "draft", "bid"})
_IRREALIS_VERBS = frozenset({"demand", "request", "propose", "offer", "urge", "reject", "refuse",
                             "consider", "suggest", "ask", "invite", "oppose",
                             # ending an ongoing measure is the event, not the measure itself
                             "lift", "end", "ease", "cancel", "remove", "halt", "suspend", "stop", "abandon"})
_YIELDING = frozenset({"RETREAT", "CONCEDE"})
_INTENT_NOUNS = frozenset({"intention", "intent", "plan", "desire", "wish", "interest", "need"})
_DISMISS = frozenset({"rule", "exclude", "deny", "reject", "dismiss", "refuse", "oppose", "remove"})
_DIRECTIVE_MODALS = frozenset({"must", "should", "ought"})
_NEG_GOVERNORS = frozenset({"fail", "refrain", "avoid", "stop", "cease", "deny"})

def condition_subjects(tok: Token, index: ActorIndex) -> list[str]:
    """The party a threat is addressed to: the subject of its "if/unless" clause."""
    for cur in [tok, *[c for c in tok.children if c.dep_ in ("xcomp", "ccomp")]]:
        for c in cur.children:
            if c.dep_ == "advcl" and any(m.lower_ in ("if", "unless") for m in c.children if m.dep_ == "mark"):
                return subjects_of(c, index)[0]
    return []


def candidate_type(etype: str, *, future: bool, conditional: bool) -> str:
    """The PLOVER type after modality: future cooperation is AGREE, future or conditional force THREATEN."""
    if (conditional or future) and etype in THREAT_TYPES or conditional and etype == "RETREAT":
        return "THREATEN"
    if future and (etype in COOPERATIVE_TYPES or etype in _YIELDING):
        return "AGREE"  # "will release the prisoners", "would allow the return of inspectors"
    return etype


def negated_type(tok: Token, etype: str) -> str | None:
    """What a negated trigger still states, or None (no event).

    "would not provide support" (a refused future cooperation) is REJECT;
    "had no intention of deploying troops" (a disavowed use of force) is CONCEDE;
    "did not agree" is nothing.
    """
    future = is_future(tok)
    explicit = any(c.dep_ == "neg" or c.lower_ == "never" for cur in _ancestors_chain(tok) for c in cur.children)
    if future and explicit and (etype in COOPERATIVE_TYPES or etype in _YIELDING or etype == "AGREE"):
        return "REJECT"
    if etype == "AGREE" and any(cur.lemma_.lower() == "fail" for cur in _ancestors_chain(tok)):
        return "REJECT"  # "failed to reach agreement": talks that ended without one
    if etype in THREAT_TYPES | {"THREATEN"}:
        for cur in _ancestors_chain(tok):
            if cur.pos_ == "NOUN" and cur.lemma_.lower() in _INTENT_NOUNS and any(
                c.lower_ == "no" for c in cur.children
            ):
                return "CONCEDE"
    return None


def threat_frame(tok: Token) -> bool:
    """"raised the possibility of imposing sanctions": a force or sanction held out, not ruled out."""
    for cur in _ancestors_chain(tok):
        if cur.lemma_.lower() in ("possibility", "prospect", "option", "threat"):
            return cur.head.lemma_.lower() not in _DISMISS
    return False


def _ancestors_chain(tok: Token):
    """The token and its clausal governors through xcomp/conj/acl links."""
    yield tok
    cur = tok
    while cur.dep_ in ("xcomp", "conj", "ccomp", "advcl", "pcomp", "pobj", "prep", "dobj", "acomp", "attr") and (
        cur.head.i != cur.i
    ):
        cur = cur.head
        yield cur
        if cur.pos_ in ("VERB", "AUX") and cur.dep_ not in ("xcomp", "conj"):
            break


def is_negated(tok: Token) -> bool:
    """"did not agree", "no intention", "failed to meet": the event did not happen."""
    prev = None
    for cur in _ancestors_chain(tok):
        if any(c.dep_ == "neg" or c.lower_ in ("never", "no") and c.dep_ in ("det", "neg", "advmod") for c in cur.children):
            return True
        if cur.i != tok.i and cur.lemma_.lower() in _NEG_GOVERNORS and not (prev is not None and prev.dep_ == "conj"):
            return True  # "failed to meet", "denied arming X" (not "denied it and blamed X")
        prev = cur
    return False


def is_future(tok: Token) -> bool:
    """will/would/shall, "be to", "going to", "plan to" on the trigger or its governors."""
    if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ in ("nsubj", "nsubjpass") and tok.head.i != tok.i:
        tok = tok.head  # "the negotiations would take place", "talks are to be held"
    for cur in _ancestors_chain(tok):
        for c in cur.children:
            if c.dep_ in ("aux", "auxpass") and c.lower_ in _FUTURE_AUX:
                return True
            if c.dep_ == "aux" and c.lemma_ == "be" and c.i + 1 < len(tok.doc) and tok.doc[c.i + 1].lower_ == "to":
                return True
        if cur.i != tok.i and cur.lemma_.lower() in _INTENT and cur.pos_ == "VERB":
            return True
        if cur.lemma_.lower() == "go" and any(c.lower_ == "to" for c in tok.lefts):
            return True
    return False


def is_hypothetical(tok: Token) -> bool:
    """Inside an "if"/"unless" clause: a condition, not a happening."""
    for anc in [tok, *tok.ancestors]:
        if anc.dep_ == "advcl" and any(m.lower_ in ("if", "unless", "until") for m in anc.children if m.dep_ == "mark"):
            return True  # "no talks until X withdraws": a condition, not a happening
    return False


def is_directive(tok: Token) -> bool:
    """"Y must/should withdraw", "the need for Y to ...", "it is expedient for Y to ...": a demand on Y."""
    directive = word_set("directive")
    for cur in _ancestors_chain(tok):
        for c in cur.children:
            if c.dep_ == "aux" and c.lower_ in _DIRECTIVE_MODALS:
                return True
            if cur.i != tok.i and c.dep_ in ("acomp", "attr", "oprd") and c.lemma_.lower() in directive:
                return True
        if cur.i != tok.i and cur.lemma_.lower() in directive and cur.pos_ in ("NOUN", "ADJ"):
            return True
    return False


def is_irrealis(tok: Token) -> bool:
    """The content of a demand, proposal, offer or plan ("rejected the demand to sever ties"): not a happening."""
    cur = tok
    for _ in range(6):
        head = cur.head
        if head.i == cur.i or cur.dep_ in ("ROOT", "nsubj", "nsubjpass", "advcl", "conj", "ccomp", "relcl"):
            return False
        low = head.lemma_.lower()
        if head.pos_ in ("NOUN", "PROPN") and low in _IRREALIS_NOUNS and cur.dep_ in ("acl", "prep", "pobj", "compound"):
            return True
        if head.pos_ == "VERB" and low in _IRREALIS_VERBS and cur.dep_ in ("dobj", "prep"):
            return True
        cur = head
    return False


def is_conditional(tok: Token) -> bool:
    """An "if/unless" clause or "in the event of" on the trigger: a threat, not an act."""
    for cur in _ancestors_chain(tok):
        for c in cur.children:
            if c.dep_ == "advcl" and any(m.lower_ in ("if", "unless") for m in c.children if m.dep_ == "mark"):
                return True
            if c.dep_ == "prep" and c.lower_ == "in" and any(g.lower_ == "event" for g in c.children):
                return True
        if cur.lemma_.lower() in ("possibility", "threat", "prospect", "option", "risk"):
            return True
    return False
