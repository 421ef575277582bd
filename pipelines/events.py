"""The ``dipkg_events`` spaCy component: PLOVER events from the parse and the lexicon.

Triggers (verbs, light-verb phrases, event nominals) come from
``pipelines/lexicons/triggers.yaml``; their parties from the dependency parse
(:mod:`pipelines.frames`) over the actor mentions of ``dipkg_actors``; stances
in reported speech from :mod:`pipelines.speech`; dates from :mod:`pipelines.dates`.
Results: ``doc._.dip_events`` (a list of :class:`kg.records.Event`).

>>> import spacy
>>> from kg.records import Mention
>>> extractor = EventExtractor()
>>> doc = spacy.blank("en")("Canada praised Japan.")
>>> for i, head in ((0, 1), (1, 1), (2, 1), (3, 1)):
...     doc[i].head, doc[i].pos_ = doc[head], ("PROPN", "VERB", "PROPN", "PUNCT")[i]
>>> doc[0].dep_, doc[1].dep_, doc[2].dep_, doc[3].dep_ = "nsubj", "ROOT", "dobj", "punct"
>>> doc[1].lemma_ = "praise"
>>> doc._.dip_mentions = [Mention("country/CAN", 0, 6, "Canada"), Mention("country/JPN", 15, 20, "Japan")]
>>> doc._.dip_date = "2024-03-15"
>>> [(e.type, e.actors, e.recipients) for e in extractor(doc)._.dip_events]
[('SUPPORT', ['country/CAN'], ['country/JPN'])]
"""
from __future__ import annotations


from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from pipelines.candidate import Candidate, to_event
from pipelines.frames import ActorIndex, Parse, is_passive, objects_of, subjects_of
from pipelines.merge import finalize
from pipelines.nominals import (
    FRAME_NOUNS,
    PHONE_WORDS,
    SUPPORT_VERBS,
    location_target,
    nominal_parties,
    phrase_words,
    warns_of_own_act,
)
from pipelines.modality import (
    candidate_type,
    condition_subjects,
    is_conditional,
    is_directive,
    is_future,
    is_hypothetical,
    is_irrealis,
    is_negated,
    negated_type,
    threat_frame,
)
from pipelines.triggers import (
    THREAT_TYPES,
    TriggerSpec,
    context_of,
    default_cameo,
    adjective_spec,
    lexicon,
    noun_spec,
    phrase_spec,
    type_info,
    verb_spec,
)

__all__ = ["EventExtractor", "make_event_extractor", "to_event"]

_TRIGGER_POS = ("VERB",)
_OUTWARD_TYPES = frozenset({"SANCTION", "AID", "SUPPORT", "COOPERATE", "AGREE", "CONSULT", "THREATEN"})
_COMPLEMENT_PREPS = ("to", "with", "against", "on", "in", "into", "from", "for", "toward", "towards", "between")
_FALLBACK_POS = ("ADJ", "ADV", "NOUN", "ADP", "PROPN")
#: Parts of speech a trigger can have (verbal, nominal, adjectival, fallback): other tokens are skipped.
_CANDIDATE_POS = frozenset(_TRIGGER_POS + ("AUX", "NOUN", "PROPN", "ADJ") + _FALLBACK_POS)


#: Verbs whose object "threat" is a danger faced, not a threat uttered.
_DANGER_VERBS = frozenset({"deter", "counter", "face", "address", "confront", "combat", "tackle", "neutralize",
                           "neutralise", "assess", "reduce", "avert", "remove", "eliminate", "meet"})
#: Acts of a state's own organs on its own ground: coders take the state as the target.
_DOMESTIC_TYPES = {"COERCE": ("Government",), "CONCEDE": ("Government",), "RETREAT": ("Government",),
                   "ASSAULT": ("Government",), "PROTEST": ("Organization", "Person", "ArmedGroup", "Country")}


def _home_target(cand: Candidate, index: ActorIndex) -> list[str]:
    """The actors' own state, for domestic acts with no named target.

    "the police arrested 12 demonstrators", "the government lifted the curfew",
    "farmers of X protested": the repressed, eased or protested party is the state itself.
    """
    kinds = _DOMESTIC_TYPES[cand.type]
    homes = set()
    for aid in cand.actors:
        actor = index.actors.get(aid)
        if actor is None or actor.type not in kinds:
            return []
        home = actor.iso3 if actor.type == "Country" else actor.country
        if not home:
            return []
        homes.add(home)
    if len(homes) != 1:
        return []
    verb = cand.token if cand.token.pos_ in ("VERB", "AUX") else cand.token.head  # "began a hunger strike"
    if cand.type == "PROTEST" and cand.actors[0].startswith("country/") and not any(
        c.dep_ == "nsubj" and c.tag_ in ("NNS", "NNPS") for c in verb.children
    ):
        return []  # "Pakistan boycotted the talks" is no street protest; "thousands of Kenyans marched" is
    home = homes.pop()
    if cand.type == "PROTEST" and f"government/{home}" in index.actors and cand.actors[0].startswith("country/"):
        return [f"government/{home}"]  # a demonstration names no target: the protesters' own government
    return [f"country/{home}"]


def _context(cand: Candidate, parse: Parse) -> str | None:
    """PLOVER context from the trigger's own phrase (its subject left out) and its CAMEO code."""
    ids = parse.subtree(cand.token.i, ("nsubj", "nsubjpass"))[:40]
    if cand.noun is not None:
        ids += parse.subtree(cand.noun.i)[:20]
    words = {parse.lemma[i] for i in ids} | {parse.lower[i] for i in ids}
    return context_of(words, cand.cameo)


def _register_states(doc: Doc) -> None:
    """States an event names (a capital's state, an organ's home state) join the doc's actors."""
    actors = doc._.dip_actors
    if actors is None:
        return
    for event in doc._.dip_events or []:
        for aid in event.actors + event.recipients:
            if aid not in actors and aid.startswith("country/"):
                from pipelines.kb import load_kb

                state = load_kb().country(aid[8:])
                if state is not None:
                    actors[aid] = state


def _depths(doc: Doc, heads: list[int]) -> list[int]:
    """Each token's number of ancestors (``len(list(tok.ancestors))``), for the whole doc in one pass."""
    depth: list[int | None] = [None] * len(heads)
    for i in range(len(heads)):
        path, j = [], i
        while depth[j] is None and heads[j] != j:
            path.append(j)
            j = heads[j]
            if len(path) > len(heads):  # a cycle (never from the parser): count as spaCy does
                return [len(list(tok.ancestors)) for tok in doc]
        if depth[j] is None:
            depth[j] = 0  # a root
        for k in reversed(path):
            depth[k] = depth[heads[k]] + 1
    return depth  # type: ignore[return-value]


def _sentence_root(sent: Span, parse: Parse) -> Token:
    """``sent.root``: the sentence's first word headed by itself (Span.root builds a Token per word to find it)."""
    root = next((i for i in range(sent.start, sent.end) if parse.heads[i] == i), None)
    return parse.tokens[root] if root is not None else sent.root


def _complement_has(tok: Token, words: tuple[str, ...]) -> bool:
    """Does a clausal complement of ``tok`` use one of ``words``? ("confident that X can move forward")"""
    return any(t.lemma_.lower() in words or t.lower_ in words
               for c in tok.children if c.dep_ in ("ccomp", "xcomp") for t in c.subtree)


class EventExtractor:
    """Find PLOVER events in a Doc whose actor mentions are set.

    >>> EventExtractor().name
    'dipkg_events'
    """

    def __init__(self, name: str = "dipkg_events") -> None:
        self.name = name
        for ext in ("dip_date", "dip_actors", "dip_mentions", "dip_events"):
            if not Doc.has_extension(ext):
                Doc.set_extension(ext, default=None)
        lexicon()  # read the trigger lexicon now, not during the first document

    # triggers ----------------------------------------------------------------
    def _verb_trigger(self, tok: Token, parse: Parse) -> tuple[TriggerSpec, Token | None] | None:
        lemma, kids, dep, lemmas = parse.lemma[tok.i], parse.kids, parse.dep, parse.lemma
        for child in kids[tok.i]:
            rel = dep[child]
            if rel in ("dobj", "nsubjpass", "prt", "prep", "attr"):
                spec = phrase_spec(lemma, lemmas[child])
                if spec is not None:
                    return spec, parse.tokens[child]
            if rel == "dobj":  # "halted mediation efforts", "imposed travel bans"
                for comp in (g for g in kids[child] if dep[g] == "compound"):
                    spec = phrase_spec(lemma, lemmas[comp])
                    if spec is not None:
                        return spec, parse.tokens[child]
                # "gave 5 million dollars of aid"
                for of in (g for g in kids[child] if dep[g] == "prep" and parse.lower[g] == "of"):
                    for pobj in kids[of]:
                        spec = phrase_spec(lemma, lemmas[pobj])
                        if spec is not None:
                            return spec, parse.tokens[pobj]
            if rel == "prep" and parse.lower[child] == "in" and lemma == "speak":
                for pobj in kids[child]:
                    spec = phrase_spec(lemma, lemmas[pobj])
                    if spec is not None:
                        return spec, parse.tokens[pobj]
        spec = verb_spec(lemma)
        return (spec, None) if spec is not None else None

    def _noun_trigger(self, tok: Token, sent: Span, parse: Parse) -> TriggerSpec | None:
        low = parse.lower[tok.i]
        keys = dict.fromkeys((parse.lemma[tok.i], low) + ((low[:-1],) if low.endswith("s") else ()))
        for spec in (noun_spec(k) for k in keys):  # "strikes" (force) before "strike" (labour)
            if spec is not None and self._noun_fits(tok, spec, sent, parse):
                return spec
        return None

    @staticmethod
    def _noun_fits(tok: Token, spec: TriggerSpec, sent: Span, parse: Parse) -> bool:
        i, head = tok.i, parse.heads[tok.i]
        if spec.plural and tok.tag_ not in ("NNS", "NNPS"):
            return False
        if spec.absorb and not (
            parse.lemma[head] in SUPPORT_VERBS
            or any(parse.dep[c] in ("acl", "ccomp") and any(parse.lower[m] == "that" for m in parse.kids[c])
                   for c in parse.kids[i])
            or parse.dep[head] == "prep" and parse.lemma[parse.heads[head]] in SUPPORT_VERBS
        ):
            return False  # "Russia's demands" as a thing, not "reiterated its demand that ..."
        if spec.needs:
            near = set(parse.lower[max(i - 3, sent.start) : i + 2])
            near |= {parse.lemma[c] for c in parse.kids[i]} | {parse.lemma[head], parse.lower[head]}
            if not near & set(spec.needs):
                return False
        return True

    def _candidate(self, tok: Token, spec: TriggerSpec, noun: Token | None, sent: Span) -> Candidate:
        cand = Candidate(spec=spec, type=spec.type, token=tok, sent=sent, actors=[], noun=noun,
                         mode=spec.mode, detail=spec.detail, cameo=spec.cameo, confidence=spec.strength)
        cand.trigger = f"{tok.text} {noun.text}" if noun is not None and noun.i > tok.i else tok.text
        return cand

    def _verbal_parties(self, cand: Candidate, index: ActorIndex) -> None:
        tok, spec = cand.token, cand.spec
        agents, patients = subjects_of(tok, index)
        passive = is_passive(tok, index.parse)
        dobj = spec.obj == "recipient" and not passive and cand.noun is None
        broad = spec.type != "ACCUSE"  # the culprit, not a place it mentions
        recips = objects_of(tok, index, spec.recip, dobj=dobj, broad=broad)
        if cand.noun is not None:
            recips += objects_of(cand.noun, index, spec.recip, dobj=False, broad=broad)
        cand.actors = agents
        cand.recipients = (patients if passive else []) + recips

    def _fallback(self, tok: Token, sent: Span, index: ActorIndex) -> Candidate | None:
        """A lexicon verb the tagger took for another part of speech ("countries back forces")."""
        parse = index.parse
        low = parse.lower[tok.i]
        spec = verb_spec(low) or (verb_spec(low[:-1]) if low.endswith("s") else None)
        if spec is None or tok.i == sent.start or tok.i + 1 >= sent.end:
            return None
        left = tok.i - 1
        while parse.dep[left] == "conj" and parse.heads[left] < left:
            left = parse.heads[left]
        right = tok.i + 1
        while parse.pos[right] in ("DET", "ADJ", "NUM") and right + 1 < sent.end:
            right += 1
        actors = index.actors_of(parse.tokens[left])
        recipients = index.actors_of(parse.tokens[right])
        if not actors or not recipients or parse.pos[left] not in ("NOUN", "PROPN", "PRON") or set(actors) & set(recipients):
            return None
        cand = self._candidate(tok, spec, None, sent)
        cand.actors, cand.recipients, cand.confidence = actors, recipients, 0.5
        return cand

    def _sentence(self, sent: Span, index: ActorIndex, depth: list[int]) -> list[Candidate]:
        parse = index.parse
        consumed: set[int] = set()
        found: list[Candidate] = []
        # shallowest tokens first, in text order at equal depth (the sort is stable)
        for i in sorted(range(sent.start, sent.end), key=depth.__getitem__):
            if i in consumed:
                continue
            pos = parse.pos[i]
            if pos not in _CANDIDATE_POS:
                continue
            if index.by_token.get(i) and parse.text[i][:1].isupper() and i != sent.start:
                continue  # a word of a name: "Rapid Support Forces", "Press Secretary"
            tok, dep = parse.tokens[i], parse.dep[i]
            cand = None
            if pos in _TRIGGER_POS or (pos == "AUX" and dep in ("ROOT", "relcl", "ccomp")):
                hit = self._verb_trigger(tok, parse)
                if hit is not None and dep == "amod" and hit[0].type not in ("SUPPORT", "AID"):
                    hit = None
                if hit is not None:
                    cand = self._candidate(tok, hit[0], hit[1], sent)
                    self._verbal_parties(cand, index)
                    if hit[1] is not None:
                        consumed.add(hit[1].i)
            elif pos in ("NOUN", "PROPN") and not index.by_token.get(i) and (
                dep != "compound" or parse.lemma[parse.heads[i]] in FRAME_NOUNS
            ):
                spec = self._noun_trigger(tok, sent, parse)
                if spec is not None:
                    cand = self._candidate(tok, spec, None, sent)
                    nominal_parties(cand, index)
            elif pos == "ADJ" and dep in ("acomp", "oprd"):
                spec = adjective_spec(tok.lemma_)
                if spec is not None and (not spec.needs or _complement_has(tok, spec.needs)):
                    cand = self._candidate(tok, spec, None, sent)
                    cand.actors = subjects_of(tok.head, index)[0]
                    cand.recipients = objects_of(tok, index, cand.spec.recip, dobj=False)
            if cand is None and pos in _FALLBACK_POS:
                cand = self._fallback(tok, sent, index)
            if cand is None:
                continue
            if cand.type == "CONSULT" and dep in ("advcl", "xcomp", "acl") and any(
                c.type == "CONSULT" and parse.heads[i] in c.anchors for c in found
            ):
                continue  # "met X to discuss Y": what the meeting was about
            consumed.add(i)
            if cand.spec.absorb:
                self._absorb(cand, consumed, index)
            found.append(cand)
        return found

    def _absorb(self, cand: Candidate, consumed: set[int], index: ActorIndex) -> None:
        heads = [cand.token] + ([cand.noun] if cand.noun is not None else [])
        for head in heads:
            nominal = head.pos_ in ("NOUN", "PROPN")
            for child in head.children:
                complement = child.dep_ in ("xcomp", "ccomp") or (nominal and child.dep_ == "acl") or (
                    child.dep_ == "advcl" and child.tag_ == "VB" and head.i == cand.token.i and cand.type == "REQUEST"
                    and any(a.dep_ == "aux" and a.lower_ == "to" for a in child.children)
                )  # "called on X to release ...", parsed as a purpose clause
                if child.dep_ == "prep" and child.lower_ not in cand.spec.recip and child.lower_ != "with":
                    # "agreed on further contacts", "support for continuing to ..."
                    complement = any(g.dep_ == "pcomp" or g.pos_ in ("VERB", "NOUN") for g in child.children)
                if complement:
                    consumed.update(t.i for t in child.subtree)
                    if cand.type == "AGREE" and child.dep_ == "xcomp" and any(g.dep_ == "neg" for g in child.children):
                        cand.type, cand.cameo = "REJECT", "120"  # "vowed not to return the territory"
                    if cand.type == "AGREE" and child.dep_ in ("xcomp", "ccomp"):
                        inner = self._verb_trigger(child, index.parse) if child.pos_ == "VERB" else None
                        hostile = inner is not None and inner[0].type in ("ASSAULT", "COERCE", "MOBILIZE")
                        oath = cand.spec.key in ("vow", "swear") and (inner is None or inner[0].type not in (
                            "AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "RETREAT", "CONCEDE"))
                        if hostile or oath:
                            cand.type, cand.cameo = "THREATEN", "130"  # "vowed to fight", "vowed to pursue them"
                    if not cand.recipients and child.dep_ in ("xcomp", "ccomp", "acl") and not (
                        cand.spec.reciprocal and child.dep_ == "ccomp"  # "agreed that ...": a shared view
                    ):
                        own = {f"country/{index.actors[a].country}" for a in cand.actors
                               if a in index.actors and index.actors[a].country}
                        addressee = [a for a in subjects_of(child, index)[0] if a not in cand.actors and a not in own]
                        own_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in child.children)
                        if own_subject and addressee:
                            cand.recipients = addressee  # "demanded that the US cancel ...": the US
                        else:
                            cand.recipients = objects_of(child, index, _COMPLEMENT_PREPS)
                        cand.complement_targets = bool(cand.recipients)
                    elif not cand.recipients and child.dep_ == "prep":
                        for pobj in child.children:
                            cand.recipients += index.targets_of(pobj)

    # document -----------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        from pipelines import speech

        index = ActorIndex(doc)
        depth = _depths(doc, index.parse.heads)
        cands: list[Candidate] = []
        for sent in doc.sents:
            verbs = speech.speech_verbs(sent, index.parse)
            sent_cands = self._sentence(sent, index, depth)
            sent_cands += speech.stances(sent, index, sent_cands, verbs=verbs)
            sent_cands = [c for c in (self._settle(c, index) for c in sent_cands) if c is not None]
            sent_cands += speech.topic_candidates(sent, index, sent_cands)
            speech.personify(sent, sent_cands, index, verbs=verbs)
            speech.attribute(sent, sent_cands, index.parse, verbs=verbs)
            if not index.protagonist:  # the author of an official text states, it does not get attacked
                index.protagonist = next((c.actors[:1] for c in sent_cands
                                          if c.actors and type_info(c.type)[0] in (1, 3)), [])
            if not index.first_actor:
                index.first_actor = next((c.actors[:1] for c in sent_cands if c.actors), [])
            if not index.parties:
                for cand in sent_cands:
                    if cand.type == "CONSULT" and cand.reciprocal and len(cand.actors) >= 2 and not cand.future:
                        cand.main = True
                        index.parties = list(cand.actors)
                        break
            cands += sent_cands
            for cand in sent_cands:
                if not cand.topic_only:
                    index.remember_pair(list(dict.fromkeys(cand.actors + cand.recipients)), cand.reciprocal)
                    if cand.type in ("ASSAULT", "SANCTION", "MOBILIZE", "COERCE", "AID", "CONSULT", "AGREE"):
                        index.by_trigger[(cand.noun or cand.token).lemma_.lower()] = list(cand.actors)
                    if cand.type in ("ASSAULT", "ACCUSE", "COERCE") and cand.actors and cand.recipients and not (
                        set(cand.actors) & set(cand.recipients)
                    ):
                        index.last_conflict = [cand.actors[0], cand.recipients[0]]
                    if cand.type in ("ASSAULT", "SANCTION", "COERCE"):
                        for target in cand.recipients:
                            index.attackers.setdefault(target, []).extend(cand.actors)
                        for actor in cand.actors:
                            index.attacked.setdefault(actor, []).extend(cand.recipients)
            root = _sentence_root(sent, index.parse)
            root_subj = subjects_of(root, index)[0] if root.pos_ in ("VERB", "AUX") else []
            index.remember(root_subj)
        doc._.dip_events = finalize(cands, doc=doc, index=index)
        _register_states(doc)
        return doc

    def _settle(self, cand: Candidate, index: ActorIndex) -> Candidate | None:
        """Modality, agentless passives, reciprocity; None when it is not an event."""
        tok = cand.token
        parse = index.parse
        if is_hypothetical(tok, parse):
            return None
        turned = None
        if is_negated(tok, parse) or (cand.noun is not None and is_negated(cand.noun, parse)):
            turned = negated_type(tok, cand.type, parse)
            if turned is None:
                return None
            cand.type, cand.cameo, cand.mode = turned, default_cameo(turned), None
            cand.confidence = min(cand.confidence, 0.6)
        if is_directive(tok, parse) and not cand.spec.key.startswith("stance"):
            return None
        held_out = cand.type in THREAT_TYPES and threat_frame(tok, parse) or turned == "CONCEDE"
        if is_irrealis(tok, parse) and not cand.spec.key.startswith("stance") and not held_out:
            return None
        kids, dep, lower = parse.kids[tok.i], parse.dep, parse.lower
        cand.future = is_future(tok, parse) or any(
            lower[c] in ("upcoming", "planned", "forthcoming", "future", "next") for c in kids
        )
        new_type = candidate_type(cand.type, future=cand.future, conditional=is_conditional(tok, parse))
        if new_type != cand.type:
            cand.cameo = "030" if new_type == "AGREE" else "130"
            cand.mode = None
            cand.type = new_type
        passive = is_passive(tok, parse) or any(dep[c] == "expl" for c in kids) or (
            cand.noun is not None and dep[cand.noun.i] == "nsubjpass"
        )
        if not cand.actors and index.parties and (passive or cand.spec.type == "CONSULT"):
            # agentless passive in a readout: "It was agreed ...", "Concern was expressed ..."
            words = set(lower[cand.sent.start : cand.sent.end])
            mutual = bool(words & {"mutual", "both", "sides", "jointly", "mutually"})
            cooperative = type_info(cand.type)[0] <= 2
            cand.actors = list(index.parties) if cooperative or mutual else list(index.parties[:1])
            cand.confidence = min(cand.confidence, 0.6)
        elif not cand.actors and (index.protagonist or index.first_actor) and passive and parse.pos[tok.i] == "VERB" and not any(
            dep[c] == "agent" for c in kids
        ):
            # an official text's agentless passive: its protagonist acts ("the Government has been instructed")
            cand.actors = list(index.protagonist or index.first_actor)
            cand.confidence = min(cand.confidence, 0.5)
        if not cand.actors:
            return None
        if cand.spec.key == "commit" and not any(
            dep[c] == "xcomp" or dep[c] == "prep" and lower[c] == "to" for c in kids
        ):
            return None  # "crimes committed by X": no commitment
        if cand.spec.key == "sign" and not cand.recipients and len(cand.actors) < 2:
            return None  # "signed the order": what it enacts is the event
        if cand.spec.needs_recipient and not cand.recipients:
            return None
        if (dep[tok.i] == "amod" or dep[tok.i] == "acl" and is_passive(tok, parse)
                and not index.by_token.get(parse.heads[tok.i])) and (
            not cand.recipients
        ):
            return None  # "the X-backed militia", "a bill backed by X": no named party to support
        if cand.spec.key == "threat" and (parse.lemma[parse.heads[tok.i]] in _DANGER_VERBS or any(
            dep[c] == "acl" and parse.lemma[c] == "pose" for c in kids
        )):
            return None  # "to deter the Iranian threat", "the threat posed by X": a danger, not a threat made
        if cand.spec.key == "demonstrate" and any(
            dep[c] in ("ccomp", "dobj") or dep[c] == "mark" and lower[c] == "as" for c in kids
        ):
            return None  # "demonstrated that ...", "demonstrated its resolve": showing, not protesting
        if cand.spec.key in ("call", "phone", "telephone", "host", "receive") and not any(
            dep[c] in ("dobj", "dative") and index.by_token.get(c) for c in kids
        ) and not any(dep[c] == "prep" for c in kids if lower[c] == "with"):
            return None  # "called the action limited", "hosts refugees": no counterpart
        if (cand.type == "CONSULT" and cand.spec.reciprocal and len(cand.actors) == 1
                and not cand.recipients and cand.mode in (None, "phone")):
            return None  # "the cabinet met on Sunday": no counterpart, no diplomatic consultation
        if cand.spec.key == "warn" and not warns_of_own_act(tok, cand.actors, index):
            return None  # "warned that fighting would be catastrophic" is a statement, not a threat
        cand.recipients = [r for r in dict.fromkeys(cand.recipients) if r not in cand.actors]
        if cand.type in _OUTWARD_TYPES:  # a state does not sanction or aid itself
            own = {f"country/{index.actors[a].country}" for a in cand.actors if a in index.actors and index.actors[a].country}
            cand.recipients = [r for r in cand.recipients if r not in own]
        if not cand.recipients and not cand.spec.reciprocal and cand.type not in ("CONSULT", "PROTEST"):
            cand.recipients = location_target(cand, index)
        if not cand.recipients and cand.spec.obj == "none" and cand.noun is None and cand.spec.strength >= 0.6 and (
            cand.type in ("SANCTION", "CONCEDE", "RETREAT", "AID")
        ):  # "suspended part of an aid programme for X", "eased curbs on imports from X"
            for obj in (parse.tokens[c] for c in kids if dep[c] == "dobj"):
                cand.recipients = [r for r in index.targets_of(obj) if r not in cand.actors]
        if not cand.recipients and cand.type in _DOMESTIC_TYPES:
            cand.recipients = _home_target(cand, index)
        if cand.type in ("ACCUSE", "SUPPORT", "REJECT") and not cand.recipients and not cand.noun:
            for obj in (c for c in kids if dep[c] == "dobj"):
                earlier = index.by_trigger.get(parse.lemma[obj])
                if earlier and any(lower[d] in ("the", "these", "this", "those") for d in parse.kids[obj] if d < obj):
                    cand.recipients = [a for a in earlier if a not in cand.actors]  # "condemned the strikes"
        if cand.type == "THREATEN" and not cand.recipients:
            cand.recipients = [a for a in condition_subjects(tok, index) if a not in cand.actors]
        if cand.type == "THREATEN" and not cand.recipients:
            # "X vowed to retaliate": against those who struck X earlier in the text;
            # "X warned of further measures": against those X (or X's state) struck
            selves = cand.actors + [f"country/{index.actors[a].country}" for a in cand.actors
                                    if a in index.actors and index.actors[a].country]
            found = [b for a in selves for b in index.attackers.get(a, []) + index.attacked.get(a, [])]
            cand.recipients = [b for b in dict.fromkeys(found) if b not in selves]
        if cand.spec.reciprocal and cand.complement_targets:
            if len(cand.actors) >= 2 and not cand.recipients:
                cand.reciprocal = True  # "X and Y agreed to ..." with no named target
        elif cand.spec.reciprocal:
            parties = list(dict.fromkeys(cand.actors + cand.recipients))
            people = {index.actors[p].country for p in parties
                      if p in index.actors and index.actors[p].type == "Person" and index.actors[p].country}
            parties = [p for p in parties if not (p.startswith("country/") and p[8:] in people)]  # the person, not their state
            if len(parties) >= 2:
                cand.actors, cand.recipients, cand.reciprocal = parties, [], True
        elif len(cand.actors) >= 2 and not cand.recipients and cand.type in ("AGREE", "SUPPORT", "CONSULT", "COOPERATE"):
            cand.reciprocal = True
        cand.context = _context(cand, index.parse)
        local = {lower[i] for i in phrase_words(cand, parse)}
        if cand.type == "CONSULT" and cand.mode is None and local & PHONE_WORDS:
            cand.mode = "phone"
        if cand.mode == "phone" and any("video" in w for w in local):
            cand.detail = "videoconference"
        return cand


@Language.factory("dipkg_events")
def make_event_extractor(nlp: Language, name: str) -> EventExtractor:
    """spaCy factory: ``nlp.add_pipe("dipkg_events", last=True)``."""
    return EventExtractor(name)


