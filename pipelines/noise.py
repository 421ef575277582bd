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


def headline_tokens(doc: Doc, texts: list[str] | None = None) -> set[int]:
    """Tokens of Title Case lines (headlines), where capitals say nothing about names.

    ``texts``: the tokens' texts, if already read (a token is a space or a word
    as ``str.isspace``/``str.isalpha`` of its text say, as spaCy's ``is_space``/``is_alpha``).
    """
    if texts is None:
        texts = [tok.text for tok in doc]
    out: set[int] = set()
    line: list[int] = []  # the line's tokens (not spaces)
    words = capitals = 0  # its alphabetic tokens, and those capitalized
    last = len(texts) - 1
    for i, text in enumerate(texts):
        if not text.isspace():
            line.append(i)
            if text.isalpha():
                words += 1
                capitals += text[0].isupper()
        if "\n" in text or i == last:  # a token's trailing whitespace is "" or " "
            if words >= 4 and capitals >= 0.75 * words:
                out.update(line)
            line, words, capitals = [], 0, 0
    return out


def credit_tokens(doc: Doc, texts: list[str] | None = None, lowers: list[str] | None = None,
                  text: str | None = None) -> set[int]:
    """Tokens after a credit word ("Photo", "Copyright") or a slash on the same line.

    ``texts``, ``lowers``, ``text``: the tokens' texts and lowercase forms and ``doc.text``, if already read.
    """
    if texts is None or lowers is None:
        texts, lowers = [tok.text for tok in doc], [tok.lower_ for tok in doc]
    out: set[int] = set()
    on = False
    datelines: set[int] | None = None  # read at the first slash
    n = len(texts)
    for i, word in enumerate(texts):
        if "\n" in word:  # a token's trailing whitespace is "" or " ", never a line break
            on = False
            continue
        slash = word == "/"
        if slash:  # "SANAA/WASHINGTON, Jan 12 -" is no credit
            if datelines is None:
                datelines = _dateline_chars(doc.text if text is None else text)
            slash = doc[i].idx not in datelines
        if lowers[i] in CREDIT_WORDS or slash or word in BYLINE_WORDS \
                and i + 1 < n and lowers[i + 1] in ("by", "reporting"):
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


def related_cut(doc: Doc, text: str | None = None) -> int:
    """Token index of a "related articles" heading line after the body (else len(doc)).

    ``text``: ``doc.text``, if already read.
    """
    if text is None:
        text = doc.text
    start = 0
    for line in text.split("\n"):
        key = line.strip().rstrip(":").lower()
        if key in RELATED_HEADINGS and start > len(text) // 3:
            span = doc.char_span(start, start + len(line), alignment_mode="expand")
            return span.start if span is not None else len(doc)
        start += len(line) + 1
    return len(doc)

