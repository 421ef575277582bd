"""A document's words and dependency parse as plain Python lists, read once.

The event extractor asks for parts of speech, heads, children and subtrees many
times per word; spaCy builds a new ``Token`` and looks its strings up on every
such access, so reading the parse once into lists is several times cheaper.

>>> import spacy
>>> nlp = spacy.blank("en")
>>> p = Parse(nlp("Chile met Peru."))
>>> p.text, p.span_text(0, 2)
(['Chile', 'met', 'Peru', '.'], 'Chile met')
"""
from __future__ import annotations

from spacy.tokens import Doc, Token

__all__ = ["Parse"]


class Parse:
    """A doc's words and dependency parse as plain lists, read once per document.

    ``tok.pos_``, ``tok.head`` or ``tok.children`` build Token objects and look strings
    up on every access; the extractor reads them many times per word. ``lemma`` is lowercased.
    """

    def __init__(self, doc: Doc) -> None:
        self.tokens: list[Token] = list(doc)
        offsets = doc.to_array("HEAD").astype("int64").tolist()  # head - i, stored unsigned
        self.heads: list[int] = [i + offset for i, offset in enumerate(offsets)]
        strings = doc.vocab.strings
        self.text, lemma, self.pos, self.dep = (
            [strings[h] for h in doc.to_array(attr).tolist()] for attr in ("ORTH", "LEMMA", "POS", "DEP")
        )
        self.lower: list[str] = [w.lower() for w in self.text]  # ``lower_``: the lexeme's str.lower()
        #: character offset of each token, and ``doc.text`` (rebuilt from the tokens on each access)
        self.idx: list[int] = doc.to_array("IDX").tolist()
        spaces = doc.to_array("SPACY").tolist()
        self.doc_text = "".join([word + " " if space else word for word, space in zip(self.text, spaces)])
        self.lemma: list[str] = [w.lower() for w in lemma]
        #: indices of each token's children, in text order (``tok.children``)
        self.kids: list[list[int]] = [[] for _ in self.heads]
        for i, head in enumerate(self.heads):
            if head != i:
                self.kids[head].append(i)

    def span_text(self, start: int, end: int) -> str:
        """``doc[start:end].text``."""
        if start >= end:
            return ""
        return self.doc_text[self.idx[start] : self.idx[end - 1] + len(self.text[end - 1])]

    def ancestors(self, i: int) -> list[int]:
        """Indices of ``doc[i].ancestors``, nearest first."""
        out: list[int] = []
        while self.heads[i] != i and len(out) < len(self.heads):  # bounded as spaCy's (a cycle never comes)
            i = self.heads[i]
            out.append(i)
        return out

    def subtree(self, i: int, skip: tuple[str, ...] = ()) -> list[int]:
        """Indices of ``doc[i].subtree`` in its order, leaving out the subtrees of
        ``doc[i]``'s children in relations ``skip``."""
        out: list[int] = []
        kids, dep = self.kids, self.dep

        def walk(j: int) -> None:
            for k in kids[j]:
                if k < j:
                    walk(k)
            out.append(j)
            for k in kids[j]:
                if k > j:
                    walk(k)

        for k in kids[i]:
            if k < i and dep[k] not in skip:
                walk(k)
        out.append(i)
        for k in kids[i]:
            if k > i and dep[k] not in skip:
                walk(k)
        return out
