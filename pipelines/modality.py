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

from pipelines.frames import ActorIndex, Parse, subjects_of
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
    parse = index.parse
    dep, kids = parse.dep, parse.kids
    for cur in [tok.i, *[c for c in kids[tok.i] if dep[c] in ("xcomp", "ccomp")]]:
        for c in kids[cur]:
            if dep[c] == "advcl" and any(parse.lower[m] in ("if", "unless") for m in kids[c] if dep[m] == "mark"):
                return subjects_of(parse.tokens[c], index)[0]
    return []


def candidate_type(etype: str, *, future: bool, conditional: bool) -> str:
    """The PLOVER type after modality: future cooperation is AGREE, future or conditional force THREATEN."""
    if (conditional or future) and etype in THREAT_TYPES or conditional and etype == "RETREAT":
        return "THREATEN"
    if future and (etype in COOPERATIVE_TYPES or etype in _YIELDING):
        return "AGREE"  # "will release the prisoners", "would allow the return of inspectors"
    return etype


def negated_type(tok: Token, etype: str, parse: Parse) -> str | None:
    """What a negated trigger still states, or None (no event).

    "would not provide support" (a refused future cooperation) is REJECT;
    "had no intention of deploying troops" (a disavowed use of force) is CONCEDE;
    "did not agree" is nothing.
    """
    future = is_future(tok, parse)
    chain = _governors(tok.i, parse)
    explicit = any(parse.dep[c] == "neg" or parse.lower[c] == "never" for cur in chain for c in parse.kids[cur])
    if future and explicit and (etype in COOPERATIVE_TYPES or etype in _YIELDING or etype == "AGREE"):
        return "REJECT"
    if etype == "AGREE" and any(parse.lemma[cur] == "fail" for cur in chain):
        return "REJECT"  # "failed to reach agreement": talks that ended without one
    if etype in THREAT_TYPES | {"THREATEN"}:
        for cur in chain:
            if parse.pos[cur] == "NOUN" and parse.lemma[cur] in _INTENT_NOUNS and any(
                parse.lower[c] == "no" for c in parse.kids[cur]
            ):
                return "CONCEDE"
    return None


def threat_frame(tok: Token, parse: Parse) -> bool:
    """"raised the possibility of imposing sanctions": a force or sanction held out, not ruled out."""
    for cur in _governors(tok.i, parse):
        if parse.lemma[cur] in ("possibility", "prospect", "option", "threat"):
            return parse.lemma[parse.heads[cur]] not in _DISMISS
    return False


_CHAIN_DEPS = frozenset({"xcomp", "conj", "ccomp", "advcl", "pcomp", "pobj", "prep", "dobj", "acomp", "attr"})


def _governors(i: int, parse: Parse) -> list[int]:
    """Token ``i`` and its clausal governors through xcomp/conj/acl links (indices)."""
    out = [i]
    cur = i
    while parse.dep[cur] in _CHAIN_DEPS and parse.heads[cur] != cur:
        cur = parse.heads[cur]
        out.append(cur)
        if parse.pos[cur] in ("VERB", "AUX") and parse.dep[cur] not in ("xcomp", "conj"):
            break
    return out


def is_negated(tok: Token, parse: Parse) -> bool:
    """"did not agree", "no intention", "failed to meet": the event did not happen."""
    dep, lower = parse.dep, parse.lower
    prev = None
    for cur in _governors(tok.i, parse):
        if any(dep[c] == "neg" or lower[c] in ("never", "no") and dep[c] in ("det", "neg", "advmod")
               for c in parse.kids[cur]):
            return True
        if cur != tok.i and parse.lemma[cur] in _NEG_GOVERNORS and not (prev is not None and dep[prev] == "conj"):
            return True  # "failed to meet", "denied arming X" (not "denied it and blamed X")
        prev = cur
    return False


def is_future(tok: Token, parse: Parse) -> bool:
    """will/would/shall, "be to", "going to", "plan to" on the trigger or its governors."""
    dep, lower, lemma = parse.dep, parse.lower, parse.lemma
    i = tok.i
    if parse.pos[i] in ("NOUN", "PROPN") and dep[i] in ("nsubj", "nsubjpass") and parse.heads[i] != i:
        i = parse.heads[i]  # "the negotiations would take place", "talks are to be held"
    for cur in _governors(i, parse):
        for c in parse.kids[cur]:
            if dep[c] in ("aux", "auxpass") and lower[c] in _FUTURE_AUX:
                return True
            if dep[c] == "aux" and lemma[c] == "be" and parse.tokens[c].lemma_ == "be" and c + 1 < len(lower) and (
                lower[c + 1] == "to"
            ):
                return True
        if cur != i and lemma[cur] in _INTENT and parse.pos[cur] == "VERB":
            return True
        if lemma[cur] == "go" and any(lower[c] == "to" for c in parse.kids[i] if c < i):
            return True
    return False


def is_hypothetical(tok: Token, parse: Parse) -> bool:
    """Inside an "if"/"unless" clause: a condition, not a happening."""
    for anc in [tok.i, *parse.ancestors(tok.i)]:
        if parse.dep[anc] == "advcl" and any(
            parse.lower[m] in ("if", "unless", "until") for m in parse.kids[anc] if parse.dep[m] == "mark"
        ):
            return True  # "no talks until X withdraws": a condition, not a happening
    return False


def is_directive(tok: Token, parse: Parse) -> bool:
    """"Y must/should withdraw", "the need for Y to ...", "it is expedient for Y to ...": a demand on Y."""
    directive = word_set("directive")
    dep, lemma = parse.dep, parse.lemma
    for cur in _governors(tok.i, parse):
        for c in parse.kids[cur]:
            if dep[c] == "aux" and parse.lower[c] in _DIRECTIVE_MODALS:
                return True
            if cur != tok.i and dep[c] in ("acomp", "attr", "oprd") and lemma[c] in directive:
                return True
        if cur != tok.i and lemma[cur] in directive and parse.pos[cur] in ("NOUN", "ADJ"):
            return True
    return False


def is_irrealis(tok: Token, parse: Parse) -> bool:
    """The content of a demand, proposal, offer or plan ("rejected the demand to sever ties"): not a happening."""
    cur = tok.i
    for _ in range(6):
        head = parse.heads[cur]
        rel = parse.dep[cur]
        if head == cur or rel in ("ROOT", "nsubj", "nsubjpass", "advcl", "conj", "ccomp", "relcl"):
            return False
        low = parse.lemma[head]
        if parse.pos[head] in ("NOUN", "PROPN") and low in _IRREALIS_NOUNS and rel in ("acl", "prep", "pobj", "compound"):
            return True
        if parse.pos[head] == "VERB" and low in _IRREALIS_VERBS and rel in ("dobj", "prep"):
            return True
        cur = head
    return False


def is_conditional(tok: Token, parse: Parse) -> bool:
    """An "if/unless" clause or "in the event of" on the trigger: a threat, not an act."""
    dep, lower, kids = parse.dep, parse.lower, parse.kids
    for cur in _governors(tok.i, parse):
        for c in kids[cur]:
            if dep[c] == "advcl" and any(lower[m] in ("if", "unless") for m in kids[c] if dep[m] == "mark"):
                return True
            if dep[c] == "prep" and lower[c] == "in" and any(lower[g] == "event" for g in kids[c]):
                return True
        if parse.lemma[cur] in ("possibility", "threat", "prospect", "option", "risk"):
            return True
    return False
