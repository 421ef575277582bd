"""Who did what to whom: map dependency arguments of a trigger to actor ids.

Actors come from ``doc._.dip_mentions`` (character offsets), mapped onto
tokens here. Arguments follow the parse: subjects and passive agents,
objects and prepositional partners, coordination, relative clauses, control
("urged X to ..."), and generic plurals ("the leaders") resolved to the
parties of the document's main meeting or call.

>>> GENERIC_PLURALS >= {"leader", "side"}
True
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

__all__ = ["ActorIndex", "GENERIC_PLURALS", "is_passive", "objects_of", "subjects_of", "subtree_without"]

#: Plural nouns that stand for the parties of the main meeting ("the leaders", "both sides").
GENERIC_PLURALS = frozenset(
    {"leader", "president", "side", "party", "head", "counterpart", "minister", "premier", "interlocutor"}
)
#: Plural nouns that stand for the parties' states ("the two countries").
GENERIC_STATES = frozenset({"country", "state", "nation", "neighbour", "neighbor", "government", "capital"})
_RELATIVE = frozenset({"who", "which", "that", "whom"})
_PERSONAL = {"he": "sg", "him": "sg", "his": "sg", "she": "sg", "her": "sg",
             "they": "pl", "them": "pl", "their": "pl", "we": "pl", "our": "pl",
             "it": "it", "its": "it"}  # fmt: skip
#: Dependency relations through which a noun phrase names the party behind it
#: ("the policy of the United States", "Turkey's presence", "weapons sent by NATO").
_AGENTIVE_DEPS = frozenset({"compound", "amod", "poss", "nmod", "appos", "agent", "acl",
                            "nsubj", "nsubjpass", "conj", "pobj", "npadvmod"})  # fmt: skip
#: Heads whose "of X" names the leader of X ("the leaders of Russia and Belarus").
#: Group nouns whose "in X" names their state ("security forces in Guinea", "rebels in Darfur").
_GROUP_NOUNS = frozenset({"force", "troop", "soldier", "army", "police", "authority", "official", "government",
                          "rebel", "militant", "group", "party", "opposition", "leader", "minister", "diplomat",
                          "student", "worker", "protester", "protestor", "demonstrator", "activist", "farmer",
                          "villager", "resident", "youth", "supporter", "guerrilla", "insurgent"})
_PERSON_PLURALS = frozenset({"leader", "president", "minister", "premier", "counterpart", "head"})
_LEADER_NOUNS = frozenset({"leader", "president", "head", "premier", "chancellor", "king", "emir", "ruler"})
_AGENTIVE_PREPS = frozenset({"of", "by", "from"})
_DEPARTURES = frozenset({"withdrawal", "pullout", "pull-out", "retreat", "expulsion", "return", "departure",
                         "evacuation", "exit", "removal"})
_OBJECT_CONTROL = frozenset({"urge", "ask", "call", "press", "encourage", "invite", "instruct", "order",
                             "force", "allow", "help", "persuade", "request", "tell", "appeal", "implore",
                             "accuse", "blame", "warn"})  # fmt: skip


#: Happenings that cause harm without an agent: their modifiers are not attackers.
_MISHAPS = frozenset({"crash", "accident", "explosion", "blast", "fire", "storm", "earthquake", "flood", "collapse",
                      "disease", "outbreak", "mishap", "malfunction", "derailment", "landslide", "wreck"})
_NEWLINES = re.compile(r"\n\s*")
_TARGET_PREPS = frozenset({"for", "to", "in", "into", "against", "on", "over", "with", "toward", "towards",
                           "from", "at", "of", "by", "upon", "inside", "between", "among"})


def _is_event_noun(tok: Token) -> bool:
    from pipelines.triggers import noun_spec

    return tok.pos_ in ("NOUN", "PROPN") and noun_spec(tok.lemma_.lower()) is not None


def _datelines(doc: Doc) -> list[tuple[int, int]]:
    """Character spans of news datelines opening the doc, a sentence or a line."""
    from pipelines.dates import dateline_end

    text = doc.text  # built token by token on each access: read it once
    starts = {0} | {s.start_char for s in doc.sents} if doc.has_annotation("SENT_START") else {0}
    starts |= {m.end() for m in _NEWLINES.finditer(text)}
    out = []
    for start in sorted(starts):
        end = dateline_end(text[start : start + 120])
        if end:
            out.append((start, start + end))
    return out


def _dedupe(ids: list[str]) -> list[str]:
    return list(dict.fromkeys(ids))


class ActorIndex:
    """Actor ids per token, plus the discourse state used to resolve pronouns and plurals."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.actors = doc._.dip_actors or {}
        self.by_token: dict[int, list[str]] = {}
        self.mention_spans: list[tuple[Span, str]] = []
        width: dict[int, int] = {}
        self.span_of: dict[int, tuple[int, int]] = {}
        datelines = _datelines(doc)
        for mention in doc._.dip_mentions or []:
            span = doc.char_span(mention.char_start, mention.char_end, alignment_mode="expand")
            if span is None or any(a <= mention.char_start and mention.char_end <= b for a, b in datelines):
                continue  # "BERLIN, May 14 (Reuters) -": places and agencies, not parties
            self.mention_spans.append((span, mention.actor_id))
            for tok in span:
                # nested mentions: a token stands for its innermost mention(s)
                if tok.i not in width or len(span) < width[tok.i]:
                    width[tok.i] = len(span)
                    self.by_token[tok.i] = [mention.actor_id]
                    self.span_of[tok.i] = (span.start, span.end)
                elif len(span) == width[tok.i] and mention.actor_id not in self.by_token[tok.i]:
                    self.by_token[tok.i].append(mention.actor_id)
        # a bare surname the linker left out ("Scholz" after "Chancellor Olaf Scholz")
        surnames: dict[str, set[str]] = {}
        for span, aid in self.mention_spans:
            if self.type_of(aid) == "Person" and span[-1].pos_ == "PROPN" and len(span) > 1:
                surnames.setdefault(span[-1].text, set()).add(aid)
        for tok in doc if surnames else ():
            ids = surnames.get(tok.text)
            if ids and len(ids) == 1 and tok.i not in self.by_token and tok.pos_ == "PROPN":
                if not (tok.i + 1 < len(doc) and doc[tok.i + 1].pos_ == "PROPN") and tok.dep_ != "compound":
                    self.by_token[tok.i] = list(ids)
        #: parties of the main meeting/call (set by the extractor once it finds it)
        self.parties: list[str] = []
        #: the first actor of the document's first event (agentless passives of official texts)
        self.protagonist: list[str] = []
        #: the first actor of the document's first event of any kind
        self.first_actor: list[str] = []
        self._history: list[list[str]] = []
        self.last_pair: list[str] = []
        self.last_pair_persons: list[str] = []
        #: the two sides of the latest hostile act ("called on both sides to ...")
        self.last_conflict: list[str] = []
        #: target -> actors of earlier attacks or sanctions against it (for retaliation threats)
        self.attackers: dict[str, list[str]] = {}
        self.attacked: dict[str, list[str]] = {}
        #: actors of earlier events by trigger lemma, for definite anaphora ("condemned the strikes")
        self.by_trigger: dict[str, list[str]] = {}

    # discourse -----------------------------------------------------------
    def remember_pair(self, parties: list[str], reciprocal: bool = False) -> None:
        """The two parties of the latest two-sided event ("the two neighbours", "both leaders")."""
        if len(parties) != 2:
            return
        kinds = {self.type_of(p) == "Person" for p in parties}
        if kinds == {True} and reciprocal:
            self.last_pair_persons = list(parties)
        elif kinds == {False}:
            self.last_pair = list(parties)

    def remember(self, ids: list[str]) -> None:
        """Record the subject actors of a sentence, for later pronouns."""
        if ids:
            self._history.append(ids)

    def type_of(self, actor_id: str) -> str:
        actor = self.actors.get(actor_id)
        return actor.type if actor is not None else actor_id.split("/", 1)[0].capitalize()

    def _pronoun(self, tok: Token) -> list[str]:
        kind = _PERSONAL.get(tok.lower_)
        if tok.lower_ in ("we", "our", "us") and self.protagonist and not self.parties:
            return list(self.protagonist)  # an official statement's "we": its author
        if tok.dep_ == "poss" and kind == "it":
            # "enabled Iran to conduct ..., including its attack": the nearest preceding state or group
            for prev in reversed(tok.doc[tok.sent.start : tok.i]):
                ids = self.by_token.get(prev.i)
                if ids and len(ids) == 1 and self.type_of(ids[0]) != "Person":
                    return list(ids)
        # "X said it/he will ...": the subject of the governing clause, same number
        for anc in tok.ancestors:
            if anc.pos_ not in ("VERB", "AUX"):
                continue
            subj = next((c for c in anc.children if c.dep_ in ("nsubj", "nsubjpass") and c.i != tok.i
                         and not c.is_ancestor(tok) and c.pos_ != "PRON"), None)  # fmt: skip
            if subj is not None:
                ids = self.actors_of(subj)
                if ids and (kind == "pl" or len(ids) == 1) and (kind != "sg" or self.type_of(ids[0]) == "Person"):
                    return ids
                if ids:
                    break
        for ids in reversed(self._history):
            if kind == "pl" and len(ids) > 1:
                return ids
            if kind == "sg" and len(ids) == 1 and self.type_of(ids[0]) == "Person":
                return ids
            if kind == "it" and len(ids) == 1 and self.type_of(ids[0]) != "Person":
                return ids
        if kind == "pl":
            return list(self.parties)
        return []

    def _states_of_parties(self) -> list[str]:
        out = []
        for pid in self.parties:
            actor = self.actors.get(pid)
            if pid.startswith("country/"):
                out.append(pid)
            elif actor is not None and actor.country and f"country/{actor.country}" in self.actors:
                out.append(f"country/{actor.country}")
            elif actor is not None and actor.country:
                out.append(f"country/{actor.country}")
        return _dedupe(out)

    # lookup ----------------------------------------------------------------
    def direct(self, tok: Token, depth: int = 0) -> list[str]:
        """Actors the token itself stands for: mention, relative or personal pronoun, generic plural."""
        ids = self.by_token.get(tok.i)
        if ids:
            return list(ids)
        low = tok.lower_
        if low in _RELATIVE and tok.head.dep_ in ("relcl", "acl") and tok.head.head.i != tok.head.i:
            ante = tok.head.head
            if not self.by_token.get(ante.i) and ante.dep_ == "pobj" and ante.head.lemma_ in ("in", "of"):
                ante = ante.head.head
            return self.actors_of(ante, depth=depth + 1)
        if tok.pos_ == "PRON" and low in _PERSONAL:
            return self._pronoun(tok)
        if tok.tag_ in ("NNS", "NNPS") or tok.lower_ in ("both", "sides"):
            lemma = tok.lemma_.lower()
            if lemma in GENERIC_PLURALS and not self._named_inside(tok):
                if self.parties:
                    return list(self.parties)
                if lemma in ("side", "party") and self._numbered(tok) and self.last_conflict:
                    return list(self.last_conflict)  # "both sides" of the conflict just told
                if self._numbered(tok):  # "both sides" of the conflict just told, "the two leaders"
                    return list(self.last_pair_persons if lemma in _PERSON_PLURALS else self.last_pair)
            if lemma in GENERIC_STATES and self._numbered(tok):
                return self._states_of_parties() if self.parties else list(self.last_pair)
        if low == "both" and tok.dep_ in ("nsubj", "nsubjpass"):
            return list(self.parties or self.last_pair)
        return []

    def _named_inside(self, tok: Token) -> bool:
        return any(self.by_token.get(c.i) for c in tok.subtree if c.i != tok.i)

    @staticmethod
    def _numbered(tok: Token) -> bool:
        """"the two countries", "both states" (not "the Baltic states")."""
        lefts = list(tok.lefts)
        return any(c.lower_ in ("two", "both") for c in lefts) and not any(c.dep_ in ("amod", "compound") for c in lefts)

    def actors_of(self, tok: Token | None, *, descend: bool = True, depth: int = 0) -> list[str]:
        """Actor ids a noun phrase headed by ``tok`` stands for, coordinated ones included."""
        if tok is None or depth > 4:
            return []
        children = list(tok.children)
        ids = self.direct(tok, depth)
        if not ids and descend:
            ids = self._agentive(tok, children, depth)
        elif ids and tok.dep_ in ("amod", "compound"):
            # hyphenated pairs: "Russian-French", "Russia-Turkey"
            for child in children:
                if child.dep_ in ("amod", "compound"):
                    ids += self.direct(child, depth)
        if tok.i in self.span_of and self.span_of[tok.i][1] - self.span_of[tok.i][0] > 1:
            # the parse may hang the conjunct on another word of the name
            start, end = self.span_of[tok.i]
            conjuncts = [c for head in tok.doc[start:end] for c in head.children
                         if c.dep_ == "conj" and not start <= c.i < end]
        else:
            conjuncts = [c for c in children if c.dep_ == "conj"]
        for child in conjuncts:
            ids += self.actors_of(child, descend=descend, depth=depth + 1)
        return _dedupe(ids)

    def _leaders(self, ids: list[str]) -> list[str]:
        """Countries -> their leader among the document's persons, where there is exactly one."""
        out = []
        for aid in ids:
            iso = aid.split("/", 1)[1] if aid.startswith("country/") else None
            people = [a.id for a in self.actors.values()
                      if iso and a.type == "Person" and a.country == iso and a.role
                      and any(w in a.role.lower() for w in ("president", "prime minister", "chancellor", "king",
                                                            "emir", "leader", "head of state"))]  # fmt: skip
            out.append(people[0] if len(people) == 1 else aid)
        return out

    def _agentive(self, tok: Token, children: list[Token], depth: int) -> list[str]:
        """Actors behind a phrase: possessors, compounds, "of X", "by X" (not "in X", "to X")."""
        lemma = tok.lemma_.lower()
        if lemma in _LEADER_NOUNS:
            for child in children:
                if child.dep_ == "prep" and child.lower_ == "of":
                    ids = [i for p in child.children if p.dep_ == "pobj" for i in self.actors_of(p, depth=depth + 1)]
                    if ids:
                        return self._leaders(ids)
        for child in children:
            if child.dep_ == "appos":
                ids = self.actors_of(child, descend=False, depth=depth + 1)
                if ids:
                    return ids  # "the US commander in Iraq, General X": the named person
        out: list[str] = []
        for child in children:
            dep = child.dep_
            if dep == "conj":
                continue
            if dep == "prep":
                if child.lower_ == "from" and lemma in _DEPARTURES:
                    continue  # "the withdrawal of X from Y": Y is where they leave
                if child.lemma_.lower() in _AGENTIVE_PREPS or (
                    child.lower_ in ("in", "throughout", "across") and lemma in _GROUP_NOUNS
                ):
                    for pobj in child.children:
                        if pobj.dep_ == "pobj":
                            out += self.actors_of(pobj, depth=depth + 1)
            elif dep == "agent":
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        out += self.actors_of(pobj, depth=depth + 1)
            elif dep in _AGENTIVE_DEPS:
                out += self.actors_of(child, depth=depth + 1)
        return out

    def targets_of(self, tok: Token | None, depth: int = 0) -> list[str]:
        """Recipients named by an object phrase: its actors, else the first actors down any
        preposition ("suspended aid for Bosnia", "deploy peacekeepers in Iraq")."""
        if tok is None or depth > 2:
            return []
        ids = self.actors_of(tok)
        event_noun = bool(depth) and _is_event_noun(tok)
        if ids:
            return ids
        for child in tok.children:
            if event_noun and child.lower_ != "against":
                continue  # "satisfaction with the meeting of X": the meeting is not a party; "war against X" aims at X
            if child.dep_ in ("prep", "dative") and child.lower_ in _TARGET_PREPS:
                for pobj in child.children:
                    if pobj.dep_ in ("pobj", "pcomp"):
                        ids += self.targets_of(pobj, depth + 1)
            elif child.dep_ in ("dobj", "acl", "relcl", "xcomp") and depth < 2:
                ids += self.targets_of(child, depth + 1)
            if ids:
                break
        return _dedupe(ids)

    def all_in(self, tokens) -> list[str]:
        """Every actor mentioned among ``tokens`` (for topics)."""
        out: list[str] = []
        for tok in tokens:
            out += self.by_token.get(tok.i, [])
        return _dedupe(out)


def subtree_without(tok: Token, deps: tuple[str, ...]) -> Iterator[Token]:
    """``tok.subtree`` in its order, leaving out the subtrees of ``tok``'s children in relations ``deps``."""
    for child in tok.lefts:
        if child.dep_ not in deps:
            yield from child.subtree
    yield tok
    for child in tok.rights:
        if child.dep_ not in deps:
            yield from child.subtree


def is_passive(verb: Token) -> bool:
    """True for a passive verb ("is backed by"), a passive participle modifier ("forces led by")."""
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
        return True
    return verb.tag_ in ("VBN", "VBD") and verb.dep_ in ("acl", "amod") and not any(
        c.dep_ in ("aux", "nsubj") for c in verb.children
    )


def _controller(verb: Token, index: ActorIndex) -> list[str]:
    head = verb.head
    infinitive = verb.dep_ == "xcomp" or (verb.dep_ == "advcl" and verb.tag_ in ("VBG", "VB"))
    if infinitive and head.i != verb.i:
        if verb.dep_ == "xcomp" and head.lemma_.lower() in _OBJECT_CONTROL:
            for c in head.children:
                if c.dep_ in ("dobj", "dative"):
                    return index.actors_of(c)
        actors, patients = subjects_of(head, index)
        return patients if verb.dep_ == "xcomp" and is_passive(head) and patients else actors
    if verb.dep_ == "conj" and head.i != verb.i:
        return subjects_of(head, index)[0]
    if verb.dep_ == "pcomp" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX"):
        return subjects_of(head.head, index)[0]  # "began by praising X", "after meeting X"
    if verb.dep_ == "pcomp" and head.dep_ == "prep" and head.head.pos_ == "NOUN" and head.head.dep_ in (
        "dobj", "attr"
    ) and head.head.head.pos_ in ("VERB", "AUX"):
        return subjects_of(head.head.head, index)[0]  # "had no intention of deploying", "raised the possibility of imposing"
    return []


def subjects_of(verb: Token, index: ActorIndex) -> tuple[list[str], list[str]]:
    """``(agents, patients)`` of a verb: subject or passive agent, and passive subject.

    A verb without a subject of its own takes it from its controller (xcomp),
    the verb it is coordinated with, or the noun a relative/participle clause modifies.
    """
    agents: list[str] = []
    patients: list[str] = []
    passive = is_passive(verb)
    for child in verb.children:
        if child.dep_ in ("nsubj", "csubj"):
            agents += index.actors_of(child)
        elif child.dep_ == "nsubjpass":
            patients += index.actors_of(child)
        elif child.dep_ == "agent":
            for pobj in child.children:
                if pobj.dep_ == "pobj" and pobj.lemma_.lower() not in _MISHAPS:  # "killed by the crash of X's plane"
                    agents += index.actors_of(pobj)
    has_subject = any(c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl") for c in verb.children)
    if not has_subject:
        if verb.dep_ in ("acl", "amod", "relcl") and verb.head.i != verb.i:
            (patients if passive else agents).extend(index.actors_of(verb.head))
            if not passive and not agents and verb.head.dep_ == "dobj" and verb.tag_ == "VBG":
                agents += subjects_of(verb.head.head, index)[0]  # "issued a statement condemning X"
            if verb.dep_ == "amod" and passive:
                for child in verb.children:
                    if child.dep_ in ("npadvmod", "compound", "nsubj"):
                        agents += index.actors_of(child)
        elif not agents:
            agents += _controller(verb, index)
    return _dedupe(agents), _dedupe(patients)


def objects_of(verb: Token, index: ActorIndex, preps: tuple[str, ...] = (), *, dobj: bool = True,
               broad: bool = True) -> list[str]:
    """Recipients: direct/indirect object and the objects of the listed prepositions.

    Prepositions are looked up on the verb and on its direct object ("expressed
    concern about X"); a mis-parsed participle ("the X supported Y") lends its object.
    ``broad=False`` keeps only the parties behind a phrase (possessor, "of X", "by X"),
    not places it mentions ("concern about the situation in X").
    """
    find = index.targets_of if broad else index.actors_of
    out: list[str] = []
    heads = [verb]
    for child in verb.children:
        if child.dep_ in ("dobj", "dative", "attr", "oprd"):
            heads.append(child)
            if dobj and child.dep_ in ("dobj", "dative"):
                out += find(child)
            elif child.dep_ == "dative" and child.pos_ in ("PROPN", "NOUN", "PRON"):
                out += index.actors_of(child)  # "gave Mali a loan": the indirect object receives
        elif child.dep_ == "ccomp" and child.tag_ in ("VBN", "VBD") and not any(
            c.dep_ in ("aux", "mark") for c in child.children
        ) and not any(c.dep_ == "dobj" for c in verb.children):
            for grand in child.children:
                if grand.dep_ == "dobj" and dobj:
                    out += index.actors_of(grand)
    for head in heads:
        for child in head.children:
            if head.i != verb.i and child.lower_ == "from" and head.lemma_.lower() in _DEPARTURES:
                continue  # "demanded the withdrawal of X from Y": Y is where X leaves, not the addressee
            if child.dep_ in ("prep", "prt", "dative") and child.lemma_.lower() in preps:
                for pobj in child.children:
                    if pobj.dep_ in ("pobj", "pcomp"):
                        out += find(pobj)
    return _dedupe(out)
