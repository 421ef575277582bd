"""Reported speech, stances and topics.

"X said/stressed/noted that ..." makes X the actor of the stance the clause
states: a demand ("Y must ..." -> REQUEST X->Y), a criticism (negative
evaluation of Y's conduct -> ACCUSE X->Y), a future cooperation ("we will
work together" -> AGREE). Non-actor speakers ("a presidential source told
AFP", "according to the ministry") become ``reported_by``. What a call was
about ("the situation in X was reviewed") becomes topics of that call.

>>> {"must", "expedient"} <= word_set("directive"), "provocative" in word_set("negative")
(True, True)
"""
from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from pipelines.candidate import Candidate
from pipelines.modality import is_directive, is_future, is_negated
from pipelines.frames import ActorIndex, Parse, is_passive, subjects_of
from pipelines.triggers import COOPERATIVE_TYPES, TriggerSpec, default_cameo, type_info, word_set

__all__ = ["attribute", "personify", "speech_verbs", "stances", "topic_candidates", "word_set"]

_STANCE_CAMEO = {"REQUEST": "020", "ACCUSE": "111", "AGREE": "030", "SUPPORT": "051"}
_MODALS = frozenset({"must", "should", "ought", "shall"})
#: Event types a speaker can be the actor of when the clause names no one else ("we will support ...").
_SPEAKER_TYPES = frozenset({"AGREE", "REQUEST", "ACCUSE", "SUPPORT", "REJECT", "THREATEN", "CONCEDE"})


def speech_verbs(sent: Span, parse: Parse) -> list[Token]:
    """The sentence's verbs of saying ("said", "stressed", "made clear"), in text order."""
    speech = word_set("speech")
    pos, lemma = parse.pos, parse.lemma
    return [parse.tokens[i] for i in range(sent.start, sent.end) if pos[i] in ("VERB", "AUX") and (
        lemma[i] in speech
        or lemma[i] == "make" and any(parse.lower[c] == "clear" for c in parse.kids[i])  # "made clear that"
    )]


def _subject_token(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)


def _content(verb: Token) -> list[Token]:
    return [c for c in verb.children if c.dep_ in ("ccomp", "dobj", "xcomp", "parataxis")]


def _inside(tok: Token, heads: list[Token]) -> bool:
    """Is ``tok`` in the subtree of one of ``heads``? (Walks up from ``tok``: no subtree is built.)"""
    return any(h.i == tok.i or h.is_ancestor(tok) for h in heads)


def _own(speaker: list[str], index: ActorIndex) -> set[str]:
    own = set(speaker)
    for sid in speaker:
        actor = index.actors.get(sid)
        if actor is not None and actor.country:
            own.add(f"country/{actor.country}")
    return own


def _stance_cand(etype: str, verb: Token, sent: Span, speaker: list[str], recipients: list[str]) -> Candidate:
    spec = TriggerSpec(key=f"stance:{verb.lemma_}", type=etype, cameo=_STANCE_CAMEO.get(etype, default_cameo(etype)),
                       strength=0.55)
    return Candidate(spec=spec, type=etype, token=verb, sent=sent, actors=list(speaker),
                     recipients=recipients, cameo=spec.cameo, confidence=0.55, trigger=verb.text)  # fmt: skip


def _clause_subject(tok: Token, index: ActorIndex) -> list[str]:
    cur = tok
    while cur.pos_ not in ("VERB", "AUX") and cur.head.i != cur.i:
        cur = cur.head
    return subjects_of(cur, index)[0] if cur.pos_ in ("VERB", "AUX") else []


def _stance(verb: Token, sent: Span, heads: list[Token], speaker: list[str], index: ActorIndex) -> Candidate | None:
    own = _own(speaker, index)
    tokens = sorted({t for h in heads for t in h.subtree}, key=lambda t: t.i)
    directive, negative, coop = word_set("directive"), word_set("negative"), word_set("cooperative_future")
    for tok in tokens:
        low = tok.lower_
        if low in directive and (tok.dep_ == "aux" and low in _MODALS or tok.pos_ in ("NOUN", "ADJ", "VERB")):
            targets: list[str] = []
            if tok.dep_ == "aux":
                targets = subjects_of(tok.head, index)[0]
            for other in tokens:
                if other.dep_ == "prep" and other.lower_ == "for" and other.i > tok.i:
                    for pobj in other.children:
                        targets += index.actors_of(pobj, descend=False)
                    break
            if not targets and tok.pos_ in ("NOUN", "VERB"):
                targets = index.all_in(t.i for t in tokens if t.i > tok.i)
            targets = [t for t in dict.fromkeys(targets) if t not in own]
            if targets and not is_negated(tok.head if tok.dep_ == "aux" else tok, index.parse):
                return _stance_cand("REQUEST", verb, sent, speaker, targets)
    for tok in tokens:
        if tok.lemma_.lower() in negative or tok.lower_ in negative:
            noun = tok.head if tok.dep_ in ("amod", "advmod", "compound") else tok
            ids = index.actors_of(noun) if tok.pos_ != "VERB" else []
            ids = ids or _clause_subject(tok, index)
            ids = [i for i in dict.fromkeys(ids) if i not in own]
            if ids or tok.dep_ in ("acomp", "attr"):  # "the strikes are unacceptable"
                return _stance_cand("ACCUSE", verb, sent, speaker, ids)
    positive = word_set("positive")
    for tok in tokens:
        if tok.lemma_.lower() in positive and tok.pos_ == "NOUN":
            ids = [i for i in index.actors_of(tok) if i not in own]
            if ids:
                return _stance_cand("SUPPORT", verb, sent, speaker, ids)
    convergent, convergent_noun = word_set("convergent"), word_set("convergent_noun")
    for tok in tokens:
        if tok.lemma_.lower() in convergent_noun and any(c.lower_ in convergent for c in tok.children):
            partners = [i for i in index.actors_of(tok) if i not in own]
            cand = _stance_cand("AGREE", verb, sent, speaker, partners)
            cand.reciprocal = len(speaker) > 1 and not partners
            return cand
    for tok in tokens:
        if tok.pos_ == "VERB" and tok.lemma_.lower() in coop and is_future(tok, index.parse) and not is_negated(tok, index.parse):
            partners = [i for i in index.all_in(t.i for t in tokens) if i not in own]
            if not partners and set(speaker) <= set(index.parties):
                partners = [p for p in index.parties if p not in own]
            return _stance_cand("AGREE", verb, sent, speaker, partners)
    return None


def _chain(heads: list[Token]) -> set[int]:
    """The content clause's own predicates: its head and the verbs coordinated or controlled by it."""
    out: set[int] = set()
    todo = list(heads)
    while todo:
        tok = todo.pop()
        out.add(tok.i)
        todo += [c for c in tok.children if c.dep_ in ("xcomp", "conj") and c.pos_ in ("VERB", "AUX")]
        todo += [c for c in tok.children if c.dep_ in ("dobj", "attr") and c.pos_ == "NOUN"]
    return out


def _as_request(cand: Candidate, verb: Token, speaker: list[str], targets: list[str]) -> None:
    cand.spec = TriggerSpec(key=f"stance:{verb.lemma_}", type="REQUEST", cameo="020", strength=0.6)
    cand.type, cand.cameo, cand.mode, cand.confidence, cand.reciprocal = "REQUEST", "020", None, 0.6, False
    cand.actors, cand.recipients = list(speaker), targets


def stances(sent: Span, index: ActorIndex, cands: list[Candidate], *,
            verbs: list[Token] | None = None) -> list[Candidate]:
    """Stance events of the sentence's speakers; reassigns generic inner events to the speaker.

    ``verbs``: the sentence's :func:`speech_verbs`, when the caller has them already.
    """
    out: list[Candidate] = []
    for verb in speech_verbs(sent, index.parse) if verbs is None else verbs:
        heads = _content(verb)
        if not heads:
            continue
        agents = subjects_of(verb, index)[0]
        agentless = not agents and (is_passive(verb, index.parse) or any(c.dep_ == "expl" for c in verb.children))
        if agentless:
            agents = list(index.parties[:1]) or list(index.protagonist)
        speaker = agents
        if not speaker:
            continue
        trailing = all(h.i < verb.i for h in heads)
        chain = _chain(heads)
        own = _own(speaker, index) | set(index.parties)
        handled = False
        for cand in [c for c in cands if _inside(c.token, heads)]:
            if is_directive(cand.token, index.parse) and (cand.actors or cand.recipients):
                # "X must mediate between Y and Z": the demand is on X; Y and Z are what it is about
                targets = [a for a in cand.actors if a not in speaker] or [
                    a for a in cand.recipients if a not in speaker]
                if targets:
                    _as_request(cand, verb, speaker, targets)
                    handled = True
                continue
            generic = not cand.actors or set(cand.actors) <= own
            if not cand.actors and cand.token.pos_ in ("NOUN", "PROPN") and not any(
                c.dep_ == "poss" for c in cand.token.children
            ):
                continue  # "said the step enjoyed support": the speaker is not the supporter
            if agentless and not cand.actors:
                handled = True  # "It was agreed/confirmed that ...": the readout's parties (see _settle)
            elif cand.token.i in chain and generic and (
                cand.type in _SPEAKER_TYPES or cand.type in COOPERATIVE_TYPES and is_future(cand.token, index.parse)
            ):
                others = [a for a in cand.actors + cand.recipients if a not in speaker]
                cand.actors = list(speaker)
                cand.recipients = others if cand.spec.reciprocal else [r for r in cand.recipients if r not in speaker]
                handled = True
            elif cand.actors and not set(cand.actors) & own and type_info(cand.type)[0] >= 3 and not (
                trailing and type_info(cand.type)[0] == 4
            ):  # "..., police said": a news source of a reported clash, not an accuser
                alleged = _stance_cand("ACCUSE", verb, sent, speaker, list(cand.actors))
                alleged.mode, alleged.confidence = "allege", 0.5
                out.append(alleged)
                handled = True
            elif cand.actors:
                handled = True  # a reported event of others: the speaker is its source
        if not handled:
            cand = _stance(verb, sent, heads, speaker, index)
            if cand is not None:
                out.append(cand)
    return out


_TOPIC_VERBS = frozenset({"discuss", "review", "raise", "cover", "focus", "address", "touch", "consider", "examine"})


def topic_candidates(sent: Span, index: ActorIndex, cands: list[Candidate]) -> list[Candidate]:
    """Topics: of the sentence's CONSULT events, and topic-only mentions of the main call."""
    parties = set(index.parties)
    for cand in cands:
        if cand.type == "CONSULT":
            words = index.parse.subtree(cand.token.i, ("nsubj", "nsubjpass"))
            own = _own(cand.actors + cand.recipients, index)
            cand.topics = [i for i in index.all_in(words) if i not in own]
    if not parties:
        return []
    out: list[Candidate] = []
    anchors = {i for c in cands for i in c.anchors}
    parse = index.parse
    for i in range(sent.start, sent.end):
        if parse.pos[i] != "VERB" or parse.lemma[i] not in _TOPIC_VERBS:
            continue
        tok = parse.tokens[i]
        if tok.i in anchors and any(c.type == "CONSULT" for c in cands if tok.i in c.anchors):
            continue
        agents = subjects_of(tok, index)[0]
        if agents and not set(agents) <= parties:
            continue
        topics = [i for i in index.all_in(parse.subtree(tok.i, ("nsubj",))) if i not in parties]
        if not topics:
            continue
        spec = TriggerSpec(key=f"topic:{tok.lemma_}", type="CONSULT", cameo="040", strength=0.4)
        out.append(Candidate(spec=spec, type="CONSULT", token=tok, sent=sent, actors=list(index.parties),
                             reciprocal=True, topics=topics, cameo="040", confidence=0.4,
                             topic_only=True, trigger=tok.text))  # fmt: skip
    return out


def _phrase_words(tok: Token) -> Iterator[Token]:
    """``tok.subtree`` in its order, without the clauses (relcl, acl) inside it."""
    for child in tok.lefts:
        if child.dep_ not in ("relcl", "acl"):
            yield from _phrase_words(child)
    yield tok
    for child in tok.rights:
        if child.dep_ not in ("relcl", "acl"):
            yield from _phrase_words(child)


def _phrase_text(tok: Token) -> str:
    return " ".join(t.text for t in _phrase_words(tok)).strip()


_VERBAL = frozenset({"AGREE", "SUPPORT", "CONCEDE", "REQUEST", "ACCUSE", "REJECT", "THREATEN"})


def personify(sent: Span, cands: list[Candidate], index: ActorIndex, *, verbs: list[Token] | None = None) -> None:
    """"X said (that) his country would not ...": a named speaker states the stance of their own state.

    A verbal act (promise, refusal, concession, accusation) told in a person's speech
    whose subject is that person's state is the person's act; a concession in a
    readout of a call is addressed to the other party of the call.

    ``verbs``: the sentence's :func:`speech_verbs`, when the caller has them already.
    """
    for verb in speech_verbs(sent, index.parse) if verbs is None else verbs:
        subj = _subject_token(verb)
        speaker = index.actors_of(subj) if subj is not None else []
        if len(speaker) != 1 or index.type_of(speaker[0]) != "Person":
            continue
        own = _own(speaker, index) | {f"government/{a[8:]}" for a in _own(speaker, index) if a.startswith("country/")}
        heads = _content(verb)
        for cand in cands:
            if _inside(cand.token, heads) and cand.type in _VERBAL and cand.actors and set(cand.actors) <= own - set(speaker):
                cand.actors = list(speaker)
                others = [p for p in index.parties if p not in speaker]
                if cand.type == "CONCEDE" and speaker[0] in index.parties and len(others) == 1:
                    cand.recipients = others


def attribute(sent: Span, cands: list[Candidate], parse: Parse, *, verbs: list[Token] | None = None) -> None:
    """Set ``reported_by``: "according to X", "X said ..." where X is not the event's actor.

    ``verbs``: the sentence's :func:`speech_verbs`, when the caller has them already.
    """
    if not cands:
        return
    source: str | None = None
    for i in range(sent.start, sent.end):
        if parse.lower[i] == "according" and parse.dep[i] == "prep":
            for to in parse.tokens[i].children:
                for pobj in to.children:
                    if pobj.dep_ == "pobj":
                        source = _phrase_text(pobj)
    for verb in speech_verbs(sent, parse) if verbs is None else verbs:
        subj = _subject_token(verb)
        if subj is None or subj.pos_ == "PRON":
            continue
        heads = _content(verb)
        # "X will ..., Y said": a speech verb hung on the clause it reports also reports the rest of that clause
        framing = verb.dep_ in ("parataxis", "ccomp") and verb.head.i != verb.i
        text = None
        for cand in cands:
            if cand.reported_by is not None or cand.token.i == verb.i:
                continue
            if _inside(cand.token, heads) or framing and _inside(cand.token, [verb.head]) and not _inside(
                cand.token, [verb]
            ):
                if cand.trigger != verb.text or cand.spec.key.startswith("stance") is False:
                    text = _phrase_text(subj) if text is None else text
                    cand.reported_by = text
    if source:
        for cand in cands:
            if cand.reported_by is None:
                cand.reported_by = source
