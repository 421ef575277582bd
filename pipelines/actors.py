"""spaCy component ``dipkg_actors``: recognize, link and co-refer political actors.

Sets, on every Doc:

- ``doc._.dip_actors: dict[str, Actor]``: the actors mentioned in this doc, by id,
  each a *copy* of the knowledge-base actor (or a new actor ``person/<slug>``...)
  whose ``alt_labels`` carry the surface forms seen in the doc and whose
  ``role``/``country`` are as the text gives them (else the office held at
  ``doc._.dip_date`` per the knowledge base);
- ``doc._.dip_mentions: list[Mention]``: char offsets into ``doc.text``, in text
  order; a plural mention ("the two heads of state") gives one Mention per
  actor with the same offsets. Mentions may *nest*: a state or organization
  named inside a title or a description ("President of **Belarus** X", "the
  **UN**-backed government") has its own Mention inside the outer one;
- ``Token._.dip_actor_ids: tuple[str, ...]``: the actor ids of the *outermost*
  mention covering the token (empty if none). For "President of Belarus
  Alexander Lukashenko" every token gives ``("person/alexander-lukashenko",)``;
  for "both leaders" each token gives the two persons.
  :func:`outer_mentions` gives the Mentions that are not nested.

Mechanisms: knowledge-base aliases (PhraseMatcher on LOWER, built once per
pipeline; acronyms must be upper case) plus the model's NER; titles ("French
President X", "Head of the DPR X", "the U.S. President", "the Iranian foreign
minister": :mod:`pipelines.titles`); appositions and counterparts ("X, the
Kenyan foreign minister,", "his Iranian counterpart": :mod:`pipelines.appositions`);
linking to the knowledge base, or new actors with stable ids from type and name
(``person/<slug>``, ``organization/<slug>``...) keeping the role and state the
text gives; within-document coreference (surnames, bare and date-aware titles,
plural groups, fuzzy misspellings, faction descriptions: :mod:`pipelines.coref`);
states' collectives (demonyms, single or multiword; metonyms; ministries and
bodies of a state, "Peru's Ministry of Mines", "Kyiv police":
:mod:`pipelines.collectives`); noise (news sources and bylines, photo credits and
datelines, page buttons, anything after a "Related" heading: :mod:`pipelines.noise`;
NER slips, capitals used as locations). Cities are actors only as metonyms that
act ("Moscow rejected"); countries are actors wherever they are named. The
shared state of these steps is :class:`pipelines.mentions.DocState`.

>>> import spacy
>>> nlp = spacy.blank("en")
>>> linker = make_actor_linker(nlp, "dipkg_actors")
>>> doc = linker(nlp("Canada and the UN met."))
>>> sorted(doc._.dip_actors), [m.surface for m in doc._.dip_mentions]
(['country/CAN', 'igo/united-nations'], ['Canada', 'UN'])
>>> [t._.dip_actor_ids for t in doc][:2]
[('country/CAN',), ()]
"""
from __future__ import annotations

import unicodedata
from collections import defaultdict

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from kg.records import Actor, Mention
from pipelines import noise
from pipelines import titles as T
from pipelines.appositions import counterparts, described_persons
from pipelines.collectives import (coordinated_names, demonyms, leader_governments, military_adjectives,
                                   organizations, resolve_places)
from pipelines.coref import bare_government, desc_key, descriptions, fuzzy_names, link_persons
from pipelines.kb import KnowledgeBase, load_kb, normalize
from pipelines.mentions import DocState, TokenTexts, Unit, read_tokens
from pipelines.titles import title_patterns

__all__ = ["ActorLinker", "make_actor_linker", "outer_mentions", "resolve_document"]

#: NER labels whose entities may be actors.
NER_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC"})
#: Month names that are also surnames ("since May" is no Theresa May).
_MONTHS = frozenset({"January", "February", "March", "April", "May", "June", "July", "August",
                     "September", "October", "November", "December"})
#: Words before a month name that make it a date.
_TIME_WORDS = frozenset({"since", "in", "until", "till", "by", "from", "last", "next", "early", "mid",
                         "late", "during", "before", "after", "through", "of", "between", "and", "to"})
#: Single-word KB aliases that are common heads of other bodies' names.
_BODY_WORDS = frozenset({"commission", "council", "union", "assembly", "court", "parliament", "agency"})
#: NER labels of names that contain country names without being about the country.
_PLACE_NAMES = frozenset({"LOC", "FAC"})


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c))


def _register() -> None:
    for name in ("dip_date", "dip_actors", "dip_mentions", "dip_events", "dip_publisher", "dip_url"):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
    if not Token.has_extension("dip_actor_ids"):
        Token.set_extension("dip_actor_ids", default=())


@Language.factory("dipkg_actors")
def make_actor_linker(nlp: Language, name: str) -> ActorLinker:
    """The ``dipkg_actors`` component (knowledge base loaded once per pipeline)."""
    return ActorLinker(nlp, name)


class ActorLinker:
    """Link the political actors of a Doc (see the module docstring).

    ``kb`` defaults to :func:`pipelines.kb.load_kb`. Matchers are built once here.
    """

    def __init__(self, nlp: Language, name: str = "dipkg_actors", *,
                 kb: KnowledgeBase | None = None) -> None:
        _register()
        self.name = name
        self.kb = kb or load_kb()
        self.alias_ids: dict[str, list[str]] = defaultdict(list)
        self.upper: set[str] = set()          # keys whose written forms are acronyms
        self.places: dict[str, object] = {}
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        forms: dict[str, set[str]] = defaultdict(set)
        for form, actor_id in self.kb.aliases(descriptions=False):
            key = normalize(form)
            if not key:
                continue
            if actor_id not in self.alias_ids[key]:
                self.alias_ids[key].append(actor_id)
            forms[key].add(form)
        for met in self.kb.metonyms.values():
            for form in (met.name, *met.variants):
                key = normalize(form)
                self.places[key] = met
                forms[key].add(form)
        for key in self.kb.sources:
            forms[key].add(key)
        for key, written in forms.items():
            variants = set()
            for form in written:
                if any(len(w) > 1 and w.isupper() for w in form.replace(".", "").split()) \
                        and len(form.replace(".", "")) <= 6:
                    self.upper.add(key)
                for f in (form, _fold(form)):
                    f = f[4:] if f.lower().startswith("the ") else f
                    variants.add(f)
            self.matcher.add(key, list(nlp.tokenizer.pipe(sorted(variants))))
        self.titles = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.titles.add("TITLE", list(nlp.tokenizer.pipe(title_patterns())))
        self._country_names = self._fuzzy_choices()
        self._fuzzy_windows = self._length_windows(list(self._country_names))
        self._demonyms: dict[str, str | None] = {}
        self.descriptions: dict[str, list[str]] = defaultdict(list)
        for actor_id, phrases in self.kb.descriptions.items():
            for phrase in phrases:
                if actor_id not in self.descriptions[desc_key(phrase)]:
                    self.descriptions[desc_key(phrase)].append(actor_id)

    def _fuzzy_choices(self) -> dict[str, str]:
        """Long names of states, organizations and groups, for misspelled names."""
        out: dict[str, str] = {}
        for actor in self.kb.actors.values():
            if actor.type == "Person":
                continue
            for form in (actor.label, *actor.alt_labels):
                key = normalize(form)
                if len(key) >= 10:
                    out.setdefault(key, actor.id)
        return out

    @staticmethod
    def _length_windows(names: list[str]) -> dict[int, list[str]]:
        """For each name length n, the names (in order) a name of length n can match at ``fuzz.ratio`` >= 90.

        The ratio is 100 * (1 - distance / (n + m)) and the distance is at least |n - m|,
        so only lengths m with 9n <= 11m and 9m <= 11n can reach 90 (one more each side kept).
        """
        longest = max(map(len, names), default=0)
        return {n: [k for k in names if 9 * n - 11 <= 11 * len(k) and 9 * len(k) <= 11 * n + 9]
                for n in range(1, longest * 11 // 9 + 3)}

    def _misspelled(self, key: str) -> str | None:
        """Actor id of the long name that ``key`` misspells (``fuzz.ratio`` >= 90, the first best)."""
        from rapidfuzz import fuzz, process

        best = process.extractOne(key, self._fuzzy_windows.get(len(key), ()), scorer=fuzz.ratio,
                                  score_cutoff=90)
        return self._country_names[best[0]] if best else None

    # -- recognition -------------------------------------------------------------
    headline_tokens = staticmethod(noise.headline_tokens)
    credit_tokens = staticmethod(noise.credit_tokens)
    related_cut = staticmethod(noise.related_cut)

    def _kb_spans(self, doc: Doc, headline: set[int], tokens: TokenTexts) -> list[tuple[int, int, str]]:
        """(start, end, key) of the knowledge-base matches kept, longest first where they overlap."""
        texts = tokens.texts
        spans = []
        for match_id, start, end in self.matcher(doc):
            key = doc.vocab.strings[match_id]
            if end - start == 1:
                if self._word_slip(doc, start, key, headline, tokens):
                    continue
            elif not any(texts[i][:1].isupper() for i in range(start, end)):
                continue
            spans.append((start, end, key))
        spans.sort(key=lambda p: (-(p[1] - p[0]), p[0]))
        taken: set[int] = set()
        out = []
        for start, end, key in spans:
            if taken.isdisjoint(range(start, end)):
                taken.update(range(start, end))
                out.append((start, end, key))
        return sorted(out, key=lambda p: p[0])

    def _word_slip(self, doc: Doc, start: int, key: str, headline: set[int], tokens: TokenTexts) -> bool:
        """Is a one-word match of ``key`` at token ``start`` no mention of its actor?"""
        texts, lowers = tokens.texts, tokens.lowers
        text = texts[start]
        if not text[:1].isupper():
            return True
        if key in self.upper and not text.replace(".", "").isupper():
            return True
        if lowers[start] in _BODY_WORDS and text.istitle() and start > 0 and texts[start - 1].istitle() \
                and doc[start].pos_ in ("PROPN", "NOUN") and doc[start - 1].pos_ in ("PROPN", "ADJ") \
                and not doc[start - 1].is_sent_start and not self.kb.lookup(texts[start - 1]):
            return True  # "High Commission", "Security Council": another body than the KB's "Commission"
        if not all(i.startswith("person/") for i in self.alias_ids.get(key, ("-",))):
            return False  # the rest are about surnames only
        tok = doc[start]
        if tok.ent_type_ == "" and (tok.pos_ != "PROPN" or start in headline):
            return True  # a surname that is also a word ("Ban", "Hunt") with nothing saying it is a name
        if text in _MONTHS and ((start > 0 and lowers[start - 1] in _TIME_WORDS)
                                or (start + 1 < len(texts) and doc[start + 1].like_num)):
            return True  # "since May", "May 23": a date
        # "Costa Rican" is no Costa
        return start + 1 < len(texts) and bool(self.kb.demonym(tokens.text_of(start, start + 2)))

    def _unit_for_key(self, start: int, end: int, key: str) -> Unit:
        if key in self.kb.sources and key not in self.alias_ids:
            return Unit(start, end, kind="source")
        if key in self.places:
            met = self.places[key]
            return Unit(start, end, kind="place", ids=(met.actor,) if met.actor else (), place_kind=met.kind)
        return Unit(start, end, kind="kb", ids=tuple(self.alias_ids.get(key, ())))

    def recognize(self, doc: Doc, headline: set[int] | None = None,
                  tokens: TokenTexts | None = None) -> list[Unit]:
        """Candidate units: knowledge-base matches merged with the model's entities.

        ``headline``: the doc's :func:`pipelines.noise.headline_tokens`, ``tokens`` its
        :func:`pipelines.mentions.read_tokens`, if already computed.
        """
        if tokens is None:
            tokens = read_tokens(doc)
        if headline is None:
            headline = self.headline_tokens(doc, tokens.texts)
        texts, lowers = tokens.texts, tokens.lowers
        units = [self._unit_for_key(start, end, key)
                 for start, end, key in self._kb_spans(doc, headline, tokens)]
        owner: dict[int, Unit] = {i: u for u in units for i in range(u.start, u.end)}
        for ent in doc.ents:
            covered = {id(owner[i]): owner[i] for i in range(ent.start, ent.end) if i in owner}
            inner = list(covered.values())
            if not inner:
                if ent.label_ in NER_LABELS:
                    units.append(self._ner_unit(doc, ent, tokens))
                continue
            first = ent.start + (lowers[ent.start] == "the" and len(ent) > 1)
            if any(u.start <= first and ent.end <= u.end for u in inner):
                continue  # the KB name spans the whole entity (and more)
            if ent.label_ != "PERSON" and any(u.kind == "kb" and u.end > ent.end and u.end - u.start > 2
                                              for u in inner):
                continue  # the model cut a longer KB name: "[Ministry of Foreign Affairs of] Ghana"
            if ent.label_ in _PLACE_NAMES and any(u.start > ent.start + (lowers[ent.start] == "the")
                                                  or u.end < ent.end for u in inner):
                for u in inner:  # "the South China Sea": the state is part of a place name
                    u.kind = "drop"
                continue
            if ent.label_ == "PERSON":
                people = [u for u in inner if u.kind == "kb" and self._is_person(u)]
                last = max((u.end for u in inner if u not in people), default=ent.start)
                if people and ent.end - last > max(u.end - u.start for u in people) \
                        and all(texts[i][:1].isupper() for i in range(last, ent.end) if texts[i].isalpha()):
                    for u in people:  # "Abdi Hassan" is not the KB's "Abdi"
                        u.kind = "drop"
                    units.append(Unit(last, ent.end, kind="person", ner="PERSON"))
                    continue
                last = max(u.end for u in inner)
                if last < ent.end and all(texts[i][:1].isupper() for i in range(last, ent.end)):
                    units.append(Unit(last, ent.end, kind="person", ner="PERSON"))
                continue
            if ent.label_ in ("ORG", "GPE", "NORP") and not any(u.start == ent.start and u.end == ent.end
                                                                 for u in inner):
                whole = self._ner_unit(doc, ent, tokens)
                if whole.kind in ("kb", "org"):
                    for u in inner:
                        u.nested = True
                        if whole.kind == "org" and u.kind == "kb" and not self._is_country(u):
                            u.kind = "drop"  # "National Security Council" is not the UN's
                    if whole.kind == "kb" and len(inner) == 1 and inner[0].kind == "kb" \
                            and whole.ids == inner[0].ids and whole.start <= inner[0].start \
                            and inner[0].end <= whole.end:
                        inner[0].start, inner[0].end, inner[0].nested = whole.start, whole.end, False
                        continue
                    units.append(whole)
        return sorted(units, key=lambda u: (u.start, -u.end))

    def _is_person(self, u: Unit) -> bool:
        return any(i.startswith("person/") for i in u.ids)

    def _is_country(self, u: Unit) -> bool:
        return any(i.startswith("country/") for i in u.ids)

    def _ner_unit(self, doc: Doc, ent: Span, tokens: TokenTexts) -> Unit:
        texts, lowers = tokens.texts, tokens.lowers
        start, end = ent.start, ent.end
        if lowers[start] == "the" and end - start > 1:
            start += 1
        while end - start > 1 and doc[end - 1].tag_ == "POS":
            end -= 1
        text = tokens.text_of(start, end)
        if self.kb.is_source(text) or "/" in text:
            return Unit(start, end, kind="source")
        if ent.label_ == "PERSON":
            if all(lowers[i].rstrip(".") in T.RANKS for i in range(start, end)):
                return Unit(start, end, kind="drop", ner="PERSON")  # "Air Force Maj. Gen.": service and rank
            return Unit(start, end, kind="person", ner="PERSON")
        found = self.kb.lookup(text)
        if found:
            key = normalize(text)
            if key in self.places:
                return self._unit_for_key(start, end, key)
            return Unit(start, end, kind="kb", ids=tuple(a.id for a in found))
        key = normalize(text)
        acronym = any(texts[i].isupper() and len(texts[i]) > 1 for i in range(start, end))
        if ent.label_ in ("GPE", "ORG") and len(key) >= 10 and not acronym:
            best = self._misspelled(key)
            if best:  # a misspelled long name; never an acronym ("AU Commission" is no "EU Commission")
                return Unit(start, end, kind="kb", ids=(best,))
        if ent.label_ == "ORG":
            return Unit(start, end, kind="org", ner="ORG")
        return Unit(start, end, kind="drop", ner=ent.label_)

    # -- the component ------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        tokens = read_tokens(doc)
        texts, lowers, spaces = tokens
        text = "".join([word + space for word, space in zip(texts, spaces)])  # doc.text
        headline = self.headline_tokens(doc, texts)
        units = self.recognize(doc, headline, tokens)
        cut = self.related_cut(doc, text)
        for u in units:
            if u.start >= cut:
                u.kind = "source"
        credits = self.credit_tokens(doc, texts, lowers, text)
        if credits:
            for u in units:
                if u.start in credits:
                    u.kind = "source"
        titles = [(s, e) for _, s, e in self.titles(doc)]
        home = self.kb.home_state(publisher=doc._.dip_publisher, url=doc._.dip_url)
        state = DocState(doc, self.kb, units, titles, date=doc._.dip_date, home=home,
                         descriptions=self.descriptions, demonym_cache=self._demonyms,
                         headline=headline, texts=texts, lowers=lowers, spaces=spaces)
        resolve_document(state)
        self._emit(doc, state)
        return doc

    def _emit(self, doc: Doc, state: DocState) -> None:
        actors: dict[str, Actor] = {}
        mentions: list[Mention] = []
        final = sorted((u for u in state.units if u.ids and u.kind not in ("drop", "source", "place")),
                       key=lambda u: (u.start, -u.end))
        texts = state.texts
        for u in final:
            end = min(u.end, len(texts))  # a unit may run past the doc's end: read it as a slice would
            if u.start < end:
                text = state.text_of(u.start, end)
                start_char, end_char = doc[u.start].idx, doc[end - 1].idx + len(texts[end - 1])
            else:
                span = doc[u.start:u.end]
                text, start_char, end_char = span.text, span.start_char, span.end_char
            for actor_id in u.ids:
                actor = state.actor(actor_id)
                if actor is None:
                    continue
                if actor_id not in actors:
                    actors[actor_id] = actor
                forms = [text, *u.forms] if u.alias else list(u.forms)
                for form in forms:
                    if form and form != actor.label and form not in actor.alt_labels:
                        actor.alt_labels.append(form)
                mentions.append(Mention(actor_id, start_char, end_char, text))
            if not u.nested:
                ids = tuple(i for i in u.ids if i in actors)
                for tok in doc[u.start:u.end]:
                    tok._.dip_actor_ids = ids
        doc._.dip_actors = actors
        doc._.dip_mentions = mentions


def resolve_document(state: DocState) -> None:
    """Run every resolution step over ``state`` (mutates its units)."""
    resolve_places(state)
    coordinated_names(state)
    T.names_after_titles(state)
    T.titles_before_names(state)
    link_persons(state)
    described_persons(state)
    demonyms(state)
    leader_governments(state)
    organizations(state)
    descriptions(state)
    fuzzy_names(state)
    T.bare_titles(state)
    counterparts(state)
    bare_government(state)
    military_adjectives(state)


def outer_mentions(doc: Doc) -> list[Mention]:
    """The doc's Mentions that are not nested in another mention.

    >>> import spacy
    >>> nlp = spacy.blank("en"); linker = make_actor_linker(nlp, "x")
    >>> [m.surface for m in outer_mentions(linker(nlp("Russia spoke.")))]
    ['Russia']
    """
    mentions = doc._.dip_mentions or []
    outer, reach = set(), -1
    for start, end in sorted({(m.char_start, m.char_end) for m in mentions}, key=lambda s: (s[0], -s[1])):
        if end > reach:
            outer.add((start, end))
            reach = end
    return [m for m in mentions if (m.char_start, m.char_end) in outer]
