"""The ``dipkg_paragraphs`` spaCy component: a blank line or a news dateline ends a sentence.

Headlines, datelines and readout introductions ("... provided the following
readout:") stand on lines of their own; the small parser otherwise runs them
into the next sentence. Add it before the parser, which keeps preset boundaries:
``nlp.add_pipe("dipkg_paragraphs", before="parser")``.

>>> import spacy
>>> nlp = spacy.blank("en")
>>> doc = ParagraphBoundaries()(nlp("Leaders meet in Rome\\n\\nThe talks began today."))
>>> [t.text for t in doc if t.is_sent_start]
['Leaders', 'The']
>>> doc = ParagraphBoundaries()(nlp("ROME, May 4 (AP) - Italy protested."))
>>> [t.text for t in doc if t.is_sent_start]
['ROME', 'Italy']
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

__all__ = ["ParagraphBoundaries", "make_paragraph_boundaries"]


class ParagraphBoundaries:
    """Mark the first token after a blank line, and after a dateline, as a sentence start."""

    def __call__(self, doc: Doc) -> Doc:
        from pipelines.dates import dateline_end

        starts = [0] + [t.idx for t in doc if t.i and "\n" in doc[t.i - 1].whitespace_ + doc[t.i - 1].text]
        for start in starts:
            end = dateline_end(doc.text[start : start + 120])
            span = doc.char_span(start + end, start + end + 1, alignment_mode="expand") if end else None
            if span is not None:
                span[0].is_sent_start = True
        for i, tok in enumerate(doc):
            if i == 0:
                tok.is_sent_start = True
                continue
            prev = doc[i - 1]
            gap = prev.whitespace_ + (prev.text if prev.is_space else "")
            if not tok.is_space and gap.count("\n") >= 2:
                tok.is_sent_start = True
        return doc


@Language.factory("dipkg_paragraphs")
def make_paragraph_boundaries(nlp: Language, name: str) -> ParagraphBoundaries:
    """spaCy factory: ``nlp.add_pipe("dipkg_paragraphs", before="parser")``."""
    return ParagraphBoundaries()
