"""Page noise for :mod:`pipelines.actors`: headlines, photo credits, bylines, related-article lists.

>>> sorted(CREDIT_WORDS & {"photo", "minister"})
['photo']
"""
from __future__ import annotations

from spacy.tokens import Doc

__all__ = ["BYLINE_WORDS", "CREDIT_WORDS", "RELATED_HEADINGS", "credit_tokens", "headline_tokens",
           "related_cut"]

#: Words opening a photo credit or copyright line: names after them on that line are no actors.
CREDIT_WORDS = frozenset({"photo", "photos", "photograph", "credit", "credits", "copyright", "©",
                          "image", "images", "illustration", "video"})
#: Capitalized words that open an agency's byline when "by" follows ("Reporting by X").
BYLINE_WORDS = frozenset({"Reporting", "Editing", "Writing", "Additional"})
#: Headings after which a page lists other articles: nothing below them is the body.
RELATED_HEADINGS = frozenset({"you might also like", "you may also like", "related", "related articles",
                              "related stories", "related news", "read more", "more stories",
                              "recommended", "most read", "most popular", "more from", "see also",
                              "latest news", "more on this story", "trending"})


def headline_tokens(doc: Doc) -> set[int]:
    """Tokens of Title Case lines (headlines), where capitals say nothing about names."""
    out: set[int] = set()
    line: list[int] = []  # the line's tokens (not spaces)
    words = capitals = 0  # its alphabetic tokens, and those capitalized
    last = len(doc) - 1
    for i, tok in enumerate(doc):
        text = tok.text
        if not tok.is_space:
            line.append(i)
            if tok.is_alpha:
                words += 1
                capitals += text[0].isupper()
        if "\n" in text or i == last:  # a token's trailing whitespace is "" or " "
            if words >= 4 and capitals >= 0.75 * words:
                out.update(line)
            line, words, capitals = [], 0, 0
    return out


def credit_tokens(doc: Doc) -> set[int]:
    """Tokens after a credit word ("Photo", "Copyright") or a slash on the same line."""
    out: set[int] = set()
    on = False
    datelines: set[int] | None = None  # read at the first slash
    for i, tok in enumerate(doc):
        text = tok.text
        if "\n" in text:  # a token's trailing whitespace is "" or " ", never a line break
            on = False
            continue
        slash = text == "/"
        if slash:  # "SANAA/WASHINGTON, Jan 12 -" is no credit
            if datelines is None:
                datelines = _dateline_chars(doc.text)
            slash = tok.idx not in datelines
        if tok.lower_ in CREDIT_WORDS or slash or text in BYLINE_WORDS \
                and i + 1 < len(doc) and doc[i + 1].lower_ in ("by", "reporting"):
            on = True
        elif on:
            out.add(i)
    return out


def _dateline_chars(text: str) -> set[int]:
    """Character offsets covered by news datelines opening a line of ``text``.

    >>> sorted(_dateline_chars("ROME/PARIS, May 2 - Talks began."))[-1]
    19
    """
    from pipelines.dates import dateline_end

    covered: set[int] = set()
    start = 0
    for line in text.split("\n"):
        end = dateline_end(line)
        covered.update(range(start, start + end))
        start += len(line) + 1
    return covered


def related_cut(doc: Doc) -> int:
    """Token index of a "related articles" heading line after the body (else len(doc))."""
    text = doc.text
    start = 0
    for line in text.split("\n"):
        key = line.strip().rstrip(":").lower()
        if key in RELATED_HEADINGS and start > len(text) // 3:
            span = doc.char_span(start, start + len(line), alignment_mode="expand")
            return span.start if span is not None else len(doc)
        start += len(line) + 1
    return len(doc)

