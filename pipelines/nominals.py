"""Parties of event nouns and other argument helpers of ``dipkg_events``.

"talks between X and Y", "X's visit to Y", "held a meeting with Y" (the support
verb's subject takes part), "signed the decree on the recognition of Y" (the
enacting verb's subject is the agent), "lifted the curfew in Y" (the place as
target), "warned of consequences" (a threat of one's own act).

>>> "conduct" in SUPPORT_VERBS and "decree" in DOCUMENT_NOUNS
True
"""
from __future__ import annotations

from spacy.tokens import Token

from pipelines.candidate import Candidate
from pipelines.frames import ActorIndex, Parse, is_passive, objects_of, subjects_of
from pipelines.modality import is_future

__all__ = ["PHONE_WORDS", "SUPPORT_VERBS", "DOCUMENT_NOUNS", "capital_state", "enacting_verb", "location_target",
           "nominal_parties",
           "phrase_words", "warns_of_own_act"]

#: Verbs whose subject takes part in the event their object names ("conducted negotiations").
SUPPORT_VERBS = frozenset({"hold", "have", "conduct", "attend", "host", "organize", "organise", "begin", "start",
                            "open", "join", "resume", "continue", "launch", "chair", "co-chair", "convene",
                            "renew", "undertake", "conclude", "carry", "stage", "mount", "make", "pay",
                            "reiterate", "repeat", "insist", "issue", "press", "voice", "deliver", "send",
                            "complete", "speed", "announce", "order", "finish", "reaffirm", "reiterate",
                            "underline", "underscore", "highlight", "stress", "emphasize", "emphasise",
                            "confirm", "pledge", "express", "offer", "extend", "impose", "reimpose", "declare",
                            "tighten", "wage", "enforce",
                            "stag"})  # the small model lemmatizes "staged" as "stag"
#: Nouns that frame an event nominal compounded into them ("mediation mission", "peace talks").
FRAME_NOUNS = frozenset({"mission", "effort", "bid", "initiative", "process", "campaign", "operation"})

#: Verbs whose subject is the agent of the act their object describes ("signed the Order on the recognition of X").
_ENACT_VERBS = frozenset({"sign", "adopt", "approve", "issue", "announce", "impose", "introduce", "decree",
                          "enact", "pass", "order", "declare", "unveil"})  # fmt: skip


def warns_of_own_act(verb: Token, actors: list[str], index: ActorIndex) -> bool:
    """"warned of consequences", "warned it would retaliate", "warned X not to ...": a threat."""
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in ("of", "against"):
            return True
        if child.dep_ == "xcomp":
            return True
        if child.dep_ == "ccomp" and set(subjects_of(child, index)[0]) & set(actors) and is_future(child, index.parse):
            return True
    return False


DOCUMENT_NOUNS = frozenset({"order", "decree", "law", "resolution", "bill", "act", "statute", "directive",
                             "regulation", "decision", "declaration", "ordinance", "edict"})


def enacting_verb(tok: Token) -> Token | None:
    """The enacting verb whose document object contains ``tok`` ("signed the Order on the recognition of X")."""
    cur, document = tok, False
    for _ in range(6):
        if cur.head.i == cur.i:
            return None
        document = document or cur.lemma_.lower() in DOCUMENT_NOUNS
        if cur.dep_ in ("dobj", "nsubjpass", "prep") and cur.head.lemma_.lower() in _ENACT_VERBS:
            head_obj = [c for c in cur.head.children if c.dep_ == "dobj"]
            if document or any(c.lemma_.lower() in DOCUMENT_NOUNS for c in head_obj):
                return cur.head
            return None
        if cur.dep_ not in ("pobj", "prep", "compound", "appos", "dobj", "conj", "nmod"):
            return None
        cur = cur.head
    return None


#: Verbs whose subject makes the visit or trip they frame ("arrived in Amman on a visit").
#: Nouns that measure out an event named in their "of" phrase ("two days of drills").
_MEASURE_NOUNS = frozenset({"day", "week", "month", "hour", "round", "series", "wave", "spate", "string", "barrage",
                            "volley", "salvo", "number", "couple", "night"})
#: Types whose place of action is their target ("imposed a curfew in X", "sent aid to X").
_PLACE_TARGETED = frozenset({"COERCE", "ASSAULT", "MOBILIZE", "CONCEDE", "RETREAT", "AID", "THREATEN", "SANCTION",
                             "SUPPORT"})
_GRATITUDE = frozenset({"thank"})
_MATERIAL = frozenset({"military", "financial", "material", "humanitarian", "economic", "defence", "defense",
                       "budgetary", "logistical", "security"})
_MOTION_VERBS = frozenset({"arrive", "come", "go", "travel", "fly", "head", "leave", "return", "begin", "end"})
PHONE_WORDS = frozenset({"telephone", "phone", "videoconference", "video", "telephonic", "videolink"})


def phrase_words(cand: Candidate, parse: Parse) -> list[int]:
    """Indices of the trigger, its noun and their modifiers ("an extended telephone conversation")."""
    dep, kids = parse.dep, parse.kids
    out = []
    for head in (cand.token, cand.noun):
        if head is not None:
            children = kids[head.i]
            out.append(head.i)
            out += [c for c in children if dep[c] in ("compound", "amod", "nmod", "npadvmod", "nummod")]
            out += [g for c in children if dep[c] in ("compound", "amod") for g in kids[c]]
            for prep in children:
                if dep[prep] == "prep" and parse.lower[prep] in ("by", "via", "over", "through", "during"):
                    for pobj in kids[prep]:
                        out += [pobj, *[g for g in kids[pobj] if dep[g] in ("compound", "amod")]]
    return out



def nominal_parties(cand: Candidate, index: ActorIndex) -> None:
    """Parties of an event noun: possessor, "with/between X", "by X", the subject of its support verb."""
    tok, spec = cand.token, cand.spec
    if tok.dep_ == "compound" and tok.head.lemma_.lower() in FRAME_NOUNS:
        tok = tok.head  # "a mediation mission between X and Y"
    kinds = {g.lemma_.lower() for c in tok.children if c.dep_ in ("amod", "compound") for g in c.subtree}
    if spec.type == "SUPPORT" and kinds & _MATERIAL and not kinds & {"political", "diplomatic", "moral"}:
        cand.type, cand.cameo = "AID", "070"  # "military support" is material aid, "military and political" is not
    parties: list[str] = []
    agents: list[str] = []
    patient_preps = ("of", "on", "against", "to", "for", "toward", "towards")
    for child in tok.children:
        if child.dep_ in ("poss", "compound", "amod", "nmod"):
            parties += index.actors_of(child, descend=False)
            if child.dep_ == "compound" and not parties:  # "Russian drone strikes"
                parties += [i for g in child.children if g.dep_ in ("amod", "poss", "compound")
                            for i in index.actors_of(g, descend=False)]
        elif child.dep_ == "prep":
            prep = child.lower_
            for pobj in child.children:
                if pobj.dep_ != "pobj":
                    continue
                ids = index.actors_of(pobj)
                if prep in spec.recip and not spec.reciprocal:
                    cand.recipients += ids
                elif prep in ("by", "from"):
                    agents += ids
                elif spec.reciprocal and prep in ("with", "between", "among", "of"):
                    parties += ids
                    if prep == "of" and not ids:  # "the signing of the treaty between X and Y"
                        parties += [i for g in pobj.children if g.dep_ == "prep" and g.lower_ in ("between", "with")
                                    for p in g.children if p.dep_ == "pobj" for i in index.actors_of(p)]
                elif spec.reciprocal and prep == "to":
                    cand.recipients += ids
                elif not spec.reciprocal and prep in patient_preps + tuple(spec.recip):
                    cand.recipients += ids
        elif child.dep_ == "acl":
            agents += subjects_of(child, index)[0] if not is_passive(child, index.parse) else []
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lemma_.lower() in _MEASURE_NOUNS:
        tok = tok.head.head  # "began two days of drills", "launched a wave of strikes"
    if tok.dep_ == "pobj" and tok.head.lower_ == "for" and tok.head.head.lemma_.lower() in _GRATITUDE:
        if not spec.reciprocal and not cand.recipients:  # "thanked X for Y's support": the thanker benefits
            thanker = subjects_of(tok.head.head, index)[0]
            cand.recipients = [f"country/{index.actors[a].country}" if index.type_of(a) == "Person"
                               and a in index.actors and index.actors[a].country else a for a in thanker]
    if tok.dep_ in ("dobj", "attr") and tok.head.lemma_.lower() in SUPPORT_VERBS:
        holder = subjects_of(tok.head, index)[0]
        homes = {f"country/{index.actors[h].country}" for h in holder
                 if index.type_of(h) == "Person" and h in index.actors and index.actors[h].country}
        if homes and parties and set(parties) <= homes:
            parties = []  # "the PM reaffirmed the UK's support": the speaker holds their state's stance
        parties = holder + parties
        if not spec.reciprocal and not cand.recipients:  # "reaffirmed its support yesterday for X"
            cand.recipients = objects_of(tok.head, index, spec.recip, dobj=False)
    elif tok.dep_ == "pobj" and tok.head.head.lemma_.lower() in _MOTION_VERBS:
        parties = subjects_of(tok.head.head, index)[0] + parties  # "arrived in X on a visit"
        if not cand.recipients and not spec.reciprocal:
            for prep in tok.head.head.children:  # "arrived in the capital of X on a visit"
                if prep.dep_ == "prep" and prep.lower_ in ("in", "at", "to") and prep.i != tok.head.i:
                    for pobj in (p for p in prep.children if p.dep_ == "pobj"):
                        cand.recipients += index.targets_of(pobj) or capital_state(pobj)
    elif tok.dep_ == "pobj" and tok.head.head.lemma_.lower() == "responsibility":
        claim = tok.head.head.head  # "X claimed responsibility for the attack"
        if claim.pos_ == "VERB" and claim.lemma_.lower() in ("claim", "take", "accept", "admit"):
            agents = subjects_of(claim, index)[0] + agents
    if not (agents or parties) and not spec.reciprocal:
        enactor = enacting_verb(tok)
        if enactor is not None:
            agents = subjects_of(enactor, index)[0]
    if spec.needs_agent and not (agents or parties):
        cand.actors = []
        return
    if spec.needs_recipient and not cand.recipients:
        cand.actors = []
        return
    cand.actors = list(dict.fromkeys(agents + parties))
    cand.confidence = min(cand.confidence, 0.75)


def location_target(cand: Candidate, index: ActorIndex) -> list[str]:
    """A state where the act takes place, as its target ("lifted the curfew in X", "sent troops into X").

    A capital the knowledge base knows stands for its state ("imposed a curfew in Nairobi");
    the place an act of force hits directly is its target too ("shelled Kabul").
    """
    objects = [c for c in cand.token.children if c.dep_ == "dobj"]
    heads = [cand.token] + objects
    for head in heads:
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ in ("in", "into", "inside", "to"):
                for pobj in prep.children:
                    ids = [i for i in index.actors_of(pobj, descend=False) + index.all_in(
                        c.i for c in pobj.children if c.dep_ == "compound")
                        if index.type_of(i) == "Country" and i not in cand.actors]
                    if not ids and cand.type in _PLACE_TARGETED:
                        ids = [i for i in capital_state(pobj) if i not in cand.actors]
                    if ids:
                        return ids
    if cand.type in ("ASSAULT", "COERCE", "THREATEN") and cand.noun is None:
        for obj in objects:
            ids = [i for t in [obj, *(c for c in obj.children if c.dep_ == "appos")] for i in capital_state(t)]
            if ids and not set(ids) & set(cand.actors):
                return ids
    return []


def capital_state(tok: Token) -> list[str]:
    """``["country/XXX"]`` when ``tok`` is (in) the name of a capital of state XXX, else ``[]``."""
    from pipelines.kb import load_kb, normalize

    for ent in tok.doc.ents:
        if ent.start <= tok.i < ent.end and ent.label_ in ("GPE", "LOC", "FAC"):
            place = load_kb().metonyms.get(normalize(ent.text))
            if place is not None and place.kind == "capital" and (place.actor or "").startswith("country/"):
                return [place.actor]
    return []

# sentence ---------------------------------------------------------------
