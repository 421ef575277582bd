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
from collections.abc import Iterable

from spacy.tokens import Doc, Span, Token

from pipelines.parse import Parse

__all__ = ["ActorIndex", "GENERIC_PLURALS", "Parse", "is_passive", "objects_of", "subjects_of"]


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


def _datelines(doc: Doc, text: str) -> list[tuple[int, int]]:
    """Character spans of news datelines opening the doc (whose text is ``text``), a sentence or a line."""
    from pipelines.dates import dateline_end

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
        self.parse = Parse(doc)
        self.actors = doc._.dip_actors or {}
        self.by_token: dict[int, list[str]] = {}
        self.mention_spans: list[tuple[Span, str]] = []
        width: dict[int, int] = {}
        self.span_of: dict[int, tuple[int, int]] = {}
        datelines = _datelines(doc, self.parse.doc_text)
        for mention in doc._.dip_mentions or []:
            span = doc.char_span(mention.char_start, mention.char_end, alignment_mode="expand")
            if span is None or any(a <= mention.char_start and mention.char_end <= b for a, b in datelines):
                continue  # "BERLIN, May 14 (Reuters) -": places and agencies, not parties
            self.mention_spans.append((span, mention.actor_id))
            start, end = span.start, span.end
            for i in range(start, end):
                # nested mentions: a token stands for its innermost mention(s)
                if i not in width or end - start < width[i]:
                    width[i] = end - start
                    self.by_token[i] = [mention.actor_id]
                    self.span_of[i] = (start, end)
                elif end - start == width[i] and mention.actor_id not in self.by_token[i]:
                    self.by_token[i].append(mention.actor_id)
        # a bare surname the linker left out ("Scholz" after "Chancellor Olaf Scholz")
        words, pos = self.parse.text, self.parse.pos
        surnames: dict[str, set[str]] = {}
        for span, aid in self.mention_spans:
            if self.type_of(aid) == "Person" and pos[span.end - 1] == "PROPN" and len(span) > 1:
                surnames.setdefault(words[span.end - 1], set()).add(aid)
        for i in range(len(words)) if surnames else ():
            ids = surnames.get(words[i])
            if ids and len(ids) == 1 and i not in self.by_token and pos[i] == "PROPN":
                if not (i + 1 < len(words) and pos[i + 1] == "PROPN") and self.parse.dep[i] != "compound":
                    self.by_token[i] = list(ids)
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
        parse, i = self.parse, tok.i
        low = parse.lower[i]
        head = parse.heads[i]
        if low in _RELATIVE and parse.dep[head] in ("relcl", "acl") and parse.heads[head] != head:
            ante = parse.heads[head]
            if not self.by_token.get(ante) and parse.dep[ante] == "pobj" and parse.tokens[ante].head.lemma_ in ("in", "of"):
                ante = parse.heads[parse.heads[ante]]
            return self.actors_of(parse.tokens[ante], depth=depth + 1)
        if parse.pos[i] == "PRON" and low in _PERSONAL:
            return self._pronoun(tok)
        if low in ("both", "sides") or tok.tag_ in ("NNS", "NNPS"):
            lemma = parse.lemma[i]
            if lemma in GENERIC_PLURALS and not self._named_inside(tok):
                if self.parties:
                    return list(self.parties)
                if lemma in ("side", "party") and self._numbered(tok) and self.last_conflict:
                    return list(self.last_conflict)  # "both sides" of the conflict just told
                if self._numbered(tok):  # "both sides" of the conflict just told, "the two leaders"
                    return list(self.last_pair_persons if lemma in _PERSON_PLURALS else self.last_pair)
            if lemma in GENERIC_STATES and self._numbered(tok):
                return self._states_of_parties() if self.parties else list(self.last_pair)
        if low == "both" and parse.dep[i] in ("nsubj", "nsubjpass"):
            return list(self.parties or self.last_pair)
        return []

    def _named_inside(self, tok: Token) -> bool:
        return any(self.by_token.get(j) for j in self.parse.subtree(tok.i) if j != tok.i)

    def _numbered(self, tok: Token) -> bool:
        """"the two countries", "both states" (not "the Baltic states")."""
        parse = self.parse
        lefts = [c for c in parse.kids[tok.i] if c < tok.i]
        return any(parse.lower[c] in ("two", "both") for c in lefts) and not any(
            parse.dep[c] in ("amod", "compound") for c in lefts)

    def actors_of(self, tok: Token | None, *, descend: bool = True, depth: int = 0) -> list[str]:
        """Actor ids a noun phrase headed by ``tok`` stands for, coordinated ones included."""
        if tok is None or depth > 4:
            return []
        parse = self.parse
        ids = self.direct(tok, depth)
        if not ids and descend:
            ids = self._agentive(tok, depth)
        elif ids and parse.dep[tok.i] in ("amod", "compound"):
            # hyphenated pairs: "Russian-French", "Russia-Turkey"
            for child in parse.kids[tok.i]:
                if parse.dep[child] in ("amod", "compound"):
                    ids += self.direct(parse.tokens[child], depth)
        if tok.i in self.span_of and self.span_of[tok.i][1] - self.span_of[tok.i][0] > 1:
            # the parse may hang the conjunct on another word of the name
            start, end = self.span_of[tok.i]
            conjuncts = [c for head in range(start, end) for c in parse.kids[head]
                         if parse.dep[c] == "conj" and not start <= c < end]
        else:
            conjuncts = [c for c in parse.kids[tok.i] if parse.dep[c] == "conj"]
        for child in conjuncts:
            ids += self.actors_of(parse.tokens[child], descend=descend, depth=depth + 1)
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

    def _agentive(self, tok: Token, depth: int) -> list[str]:
        """Actors behind a phrase: possessors, compounds, "of X", "by X" (not "in X", "to X")."""
        parse = self.parse
        lemma, children, dep, lower, tokens = parse.lemma[tok.i], parse.kids[tok.i], parse.dep, parse.lower, parse.tokens
        if lemma in _LEADER_NOUNS:
            for child in children:
                if dep[child] == "prep" and lower[child] == "of":
                    ids = [i for p in parse.kids[child] if dep[p] == "pobj"
                           for i in self.actors_of(tokens[p], depth=depth + 1)]
                    if ids:
                        return self._leaders(ids)
        for child in children:
            if dep[child] == "appos":
                ids = self.actors_of(tokens[child], descend=False, depth=depth + 1)
                if ids:
                    return ids  # "the US commander in Iraq, General X": the named person
        out: list[str] = []
        for child in children:
            rel = dep[child]
            if rel == "conj":
                continue
            if rel == "prep":
                if lower[child] == "from" and lemma in _DEPARTURES:
                    continue  # "the withdrawal of X from Y": Y is where they leave
                if parse.lemma[child] in _AGENTIVE_PREPS or (
                    lower[child] in ("in", "throughout", "across") and lemma in _GROUP_NOUNS
                ):
                    for pobj in parse.kids[child]:
                        if dep[pobj] == "pobj":
                            out += self.actors_of(tokens[pobj], depth=depth + 1)
            elif rel == "agent":
                for pobj in parse.kids[child]:
                    if dep[pobj] == "pobj":
                        out += self.actors_of(tokens[pobj], depth=depth + 1)
            elif rel in _AGENTIVE_DEPS:
                out += self.actors_of(tokens[child], depth=depth + 1)
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
        parse = self.parse
        for child in parse.kids[tok.i]:
            if event_noun and parse.lower[child] != "against":
                continue  # "satisfaction with the meeting of X": the meeting is not a party; "war against X" aims at X
            rel = parse.dep[child]
            if rel in ("prep", "dative") and parse.lower[child] in _TARGET_PREPS:
                for pobj in parse.kids[child]:
                    if parse.dep[pobj] in ("pobj", "pcomp"):
                        ids += self.targets_of(parse.tokens[pobj], depth + 1)
            elif rel in ("dobj", "acl", "relcl", "xcomp") and depth < 2:
                ids += self.targets_of(parse.tokens[child], depth + 1)
            if ids:
                break
        return _dedupe(ids)

    def all_in(self, ids: Iterable[int]) -> list[str]:
        """Every actor mentioned among the tokens at indices ``ids`` (for topics)."""
        out: list[str] = []
        for i in ids:
            out += self.by_token.get(i, [])
        return _dedupe(out)


def is_passive(verb: Token, parse: Parse) -> bool:
    """True for a passive verb ("is backed by"), a passive participle modifier ("forces led by")."""
    deps = [parse.dep[c] for c in parse.kids[verb.i]]
    if "nsubjpass" in deps or "auxpass" in deps:
        return True
    return parse.dep[verb.i] in ("acl", "amod") and verb.tag_ in ("VBN", "VBD") and not (
        "aux" in deps or "nsubj" in deps
    )


def _controller(verb: Token, index: ActorIndex) -> list[str]:
    parse = index.parse
    dep, i = parse.dep, verb.i
    head = parse.heads[i]
    infinitive = dep[i] == "xcomp" or (dep[i] == "advcl" and verb.tag_ in ("VBG", "VB"))
    if infinitive and head != i:
        if dep[i] == "xcomp" and parse.lemma[head] in _OBJECT_CONTROL:
            for c in parse.kids[head]:
                if dep[c] in ("dobj", "dative"):
                    return index.actors_of(parse.tokens[c])
        actors, patients = subjects_of(parse.tokens[head], index)
        return patients if dep[i] == "xcomp" and is_passive(parse.tokens[head], parse) and patients else actors
    if dep[i] == "conj" and head != i:
        return subjects_of(parse.tokens[head], index)[0]
    if dep[i] == "pcomp" and dep[head] == "prep":
        governor = parse.heads[head]
        if parse.pos[governor] in ("VERB", "AUX"):
            return subjects_of(parse.tokens[governor], index)[0]  # "began by praising X", "after meeting X"
        if parse.pos[governor] == "NOUN" and dep[governor] in ("dobj", "attr") and (
            parse.pos[parse.heads[governor]] in ("VERB", "AUX")
        ):  # "had no intention of deploying", "raised the possibility of imposing"
            return subjects_of(parse.tokens[parse.heads[governor]], index)[0]
    return []


def subjects_of(verb: Token, index: ActorIndex) -> tuple[list[str], list[str]]:
    """``(agents, patients)`` of a verb: subject or passive agent, and passive subject.

    A verb without a subject of its own takes it from its controller (xcomp),
    the verb it is coordinated with, or the noun a relative/participle clause modifies.
    """
    parse = index.parse
    dep, kids, tokens, i = parse.dep, parse.kids, parse.tokens, verb.i
    agents: list[str] = []
    patients: list[str] = []
    passive = is_passive(verb, parse)
    has_subject = False
    for child in kids[i]:
        rel = dep[child]
        if rel in ("nsubj", "csubj"):
            agents += index.actors_of(tokens[child])
        elif rel == "nsubjpass":
            patients += index.actors_of(tokens[child])
        elif rel == "agent":
            for pobj in kids[child]:
                if dep[pobj] == "pobj" and parse.lemma[pobj] not in _MISHAPS:  # "killed by the crash of X's plane"
                    agents += index.actors_of(tokens[pobj])
        has_subject = has_subject or rel in ("nsubj", "nsubjpass", "csubj", "expl")
    if not has_subject:
        head = parse.heads[i]
        if dep[i] in ("acl", "amod", "relcl") and head != i:
            (patients if passive else agents).extend(index.actors_of(tokens[head]))
            if not passive and not agents and dep[head] == "dobj" and verb.tag_ == "VBG":
                agents += subjects_of(tokens[parse.heads[head]], index)[0]  # "issued a statement condemning X"
            if dep[i] == "amod" and passive:
                for child in kids[i]:
                    if dep[child] in ("npadvmod", "compound", "nsubj"):
                        agents += index.actors_of(tokens[child])
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
    parse = index.parse
    dep, kids, tokens, lower, i = parse.dep, parse.kids, parse.tokens, parse.lower, verb.i
    out: list[str] = []
    heads = [i]
    for child in kids[i]:
        rel = dep[child]
        if rel in ("dobj", "dative", "attr", "oprd"):
            heads.append(child)
            if dobj and rel in ("dobj", "dative"):
                out += find(tokens[child])
            elif rel == "dative" and parse.pos[child] in ("PROPN", "NOUN", "PRON"):
                out += index.actors_of(tokens[child])  # "gave Mali a loan": the indirect object receives
        elif rel == "ccomp" and tokens[child].tag_ in ("VBN", "VBD") and not any(
            dep[c] in ("aux", "mark") for c in kids[child]
        ) and not any(dep[c] == "dobj" for c in kids[i]):
            for grand in kids[child]:
                if dep[grand] == "dobj" and dobj:
                    out += index.actors_of(tokens[grand])
    for head in heads:
        for child in kids[head]:
            if head != i and lower[child] == "from" and parse.lemma[head] in _DEPARTURES:
                continue  # "demanded the withdrawal of X from Y": Y is where X leaves, not the addressee
            if dep[child] in ("prep", "prt", "dative") and parse.lemma[child] in preps:
                for pobj in kids[child]:
                    if dep[pobj] in ("pobj", "pcomp"):
                        out += find(tokens[pobj])
    return _dedupe(out)
