"""Remove page furniture from article text by general, line-level rules.

Scraped or copied news pages carry text that is not the article: share and
comment buttons, "ADVERTISEMENT", photo captions and credits, bylines and
time stamps, related-article link lists, newsletter and cookie banners,
footers. :func:`clean_text` drops whole lines by these rules:

1. *Furniture patterns*: lines made only of share-bar words ("Share this
   article", "Comments", "Close Button", "Tweet"), advertisement markers,
   photo credits ("Copyright ...", "Photo: ...", "AP Photo/...", "Getty
   Images", "REUTERS/..."), bylines ("By ... "), agency credits ("Reporting
   by ...; Editing by ...", "... contributed to this report"), date stamps,
   banners and footers ("All rights reserved", cookie and newsletter notices).
2. *Link lists*: a "You might also like" / "Related" / "Read more" /
   "More on this story" marker and the headline-like lines after it.
3. *Headline and header zone*: of the non-sentence lines before the first
   sentence, the first of three words or more (else the first) is the
   headline and kept; the others (kickers, captions, standfirst fragments)
   are dropped.
4. *Captions and repeats*: a non-sentence line that repeats the headline or
   is contained in another line (a body sentence, a caption with its credit)
   is dropped, and so is a later verbatim repeat of a line (pull quotes).
5. *Short non-sentence lines* (under three words) and the trailing block of
   non-sentence lines (tags, link lists, footers) are dropped.

A leading agency dateline ("PARIS (Reuters) - ") is cut from the first body
lines. Kept lines are otherwise unchanged (hard-wrapped plain text is first joined
back into paragraphs), so the result is the text that all offsets index
into. Paragraphs are separated by one blank line.

>>> page = '''Talks on fishing rights resume
...
... Share this article
... By World Wire staff
... ADVERTISEMENT
... OSLO (Reuters) - Norway and Chile resumed talks on fishing rights on Monday.
...
... Related
... Chile wins Pacific trade vote
... Oslo hosts climate summit'''
>>> print(clean_text(page))
Talks on fishing rights resume
<BLANKLINE>
Norway and Chile resumed talks on fishing rights on Monday.
"""
from __future__ import annotations

import re
import unicodedata

__all__ = ["caption_date", "clean_text", "is_sentence", "page_date"]

# A line that ends like running text: terminal punctuation, maybe closing quotes/brackets.
_SENTENCE_END = re.compile(r"[.!?…:;,][\"'”’»)\]\s]*(?:\[\d+\][\"'”’»)\]\s]*)*$")
_FULL_STOP = re.compile(r"[.!?…][\"'”’»)\]\s]*$")
_PERIOD_END = re.compile(r"[.…][\"'”’»)\]\s]*$")
_TOKEN = re.compile(r"[^\W\d_]+|\d+", re.UNICODE)
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")

_SHARE_STRONG = frozenset(
    "share shares sharing comment comments tweet whatsapp facebook twitter linkedin "
    "telegram reddit pinterest flipboard messenger email mail print advertisement "
    "advertisements advert ad ads sponsored close button bookmark subscribe listen "
    "gift copy save menu toggle skip jump reuse".split()
)
_SHARE_WORDS = _SHARE_STRONG | frozenset(
    "this the article story page post video audio link links on via to our us follow x "
    "now here more options read reading min mins minute minutes later skip continue "
    "continues scroll below above content main click social media icon open new window "
    "in a and or with your friends sign up log of for it time navigation search".split()
)
_MONTHS = frozenset(
    "jan feb mar apr may jun jul aug sep sept oct nov dec january february march april "
    "june july august september october november december".split()
)
_DATE_WORDS = _MONTHS | frozenset(
    "mon tue wed thu fri sat sun "
    "monday tuesday wednesday thursday friday saturday sunday am pm gmt utc bst cet cest "
    "et edt est pst pdt msk updated update published posted last first on at ago hour date dated "
    "modified "
    "hours minutes min day days h st nd rd th".split()
)

# Credits and captions: a non-sentence line containing one of these is a caption/credit.
_CREDIT = re.compile(
    r"copyright|©|\(c\)\s|\bap photo\b|getty images|\bphoto(graph)?s?\s*(by|:)|"
    r"\b(image|picture|pic|photo|credit)s?\s*:|\[file:|\bfile photo\b|"
    r"\b(reuters|afp|ap|epa|xinhua|anadolu|tass|sputnik|ria novosti|pool|dpa)\s*/|"
    r"/\s*(reuters|afp|ap|epa|pool|getty|dpa|xinhua)\b|\bvia getty\b",
    re.IGNORECASE,
)
# Furniture even when it ends like a sentence (lines of at most 40 words).
_BANNER = re.compile(
    r"^(copyright|©)|^((image|media|video|photo)\s+(source|caption|credit)|caption)\b|"
    r"all rights reserved|\b(we|this (web)?site) uses? cookies|\bcookie (policy|settings|"
    r"preferences|consent)|\baccept (all )?cookies|\b(sign up|subscribe|register)\b.*"
    r"\b(newsletter|inbox|email alerts)\b|not responsible for the content of external|"
    r"trust principles|^\(?((additional|further) )?(reporting|writing|editing|edited|"
    r"compiled) by\b|"
    r"contributed (to )?(this )?(report|reporting|story)\b|^save articles\b|"
    r"^listen to this article|^this (article|story|content|page) (was|has been|is) "
    r"(originally |first )?(published|produced|updated|amended|corrected)\b|^(story )?continues? (below|after)\b|"
    r"^(scroll|continue) (down )?(to (continue|read)|reading)\b|official website of the\b|"
    r"here'?s how you know|not an official record|^this (article|story) is more than .{1,20} old\b",
    re.IGNORECASE,
)
# Furniture only as a non-sentence line (footers, prompts, source notes).
_FOOTER = re.compile(
    r"privacy policy|terms of (use|service)|download (our|the) app|^follow (us|[\w ]{1,30}) "
    r"on\b|^click here\b|enable javascript|your browser|^source\s*:|newsletter|^subscribe\b|"
    r"^\(?(research|graphics?|production|fact-checking|photos?|video|design) by\b",
    re.IGNORECASE,
)
_BYLINE = re.compile(r"^(by|written by|words by)\s+\S", re.IGNORECASE)
_RELATED = re.compile(
    r"^(you (might|may) (also )?(like|be interested in)|related( articles| stories| content|"
    r" news| topics| coverage| reading| links| internet links)?|read (more|next|also)|also read|"
    r"more (on|about) (this|the) (story|topic|subject)|more from [\w ]{1,30}|more stories|"
    r"most (read|popular|viewed|shared|watched)|trending( now| stories)?|recommended"
    r"( for you| stories)?|see also|top stories|latest (news|stories)|editor'?s'? picks|"
    r"what to read next|further reading|you may have missed|don'?t miss|popular now|"
    r"in other news|keep reading|in case you missed it|explore more( on these topics)?)\s*[:.]?\s*$",
    re.IGNORECASE,
)
_INLINE_LINK = re.compile(
    r"^(read more|related|see also|also read|read also|more|watch|listen|opinion|analysis|"
    r"explainer|live)\s*[:|»›>-]\s*\S",
    re.IGNORECASE,
)
# "PARIS (Reuters) - ", "BEIRUT, Lebanon (AP) — ", "GENEVA — ", "NEW YORK, 12 May 2023 - ",
# "MINSK, March 3. /TASS/. "
_DATELINE = re.compile(
    r"^[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+){0,3}(?:"
    r"(?:,\s*[A-Z][\w.'’ -]{0,40}?)?\s*(?:\([A-Z][\w.&'’ -]{0,30}\)\s*[-–—]+|\s[–—])|"
    r",\s*[\w ]{0,30}\d\s*[-–—]+|,\s*[\w ]{0,30}\d\.?\s*/[A-Z][\w.-]{1,20}/\.?)\s+(?=\S)"
)


def is_sentence(line: str) -> bool:
    """True if ``line`` ends like running text (``. ! ? : ; ,``, maybe then quotes).

    >>> is_sentence('He said: "We agree."'), is_sentence("Photo: Jane Roe/AFP")
    (True, False)
    """
    return bool(_SENTENCE_END.search(line))


def _tokens(line: str) -> list[str]:
    return [t.lower() for t in _TOKEN.findall(_CAMEL.sub(" ", line))]


def _norm(line: str) -> str:
    text = unicodedata.normalize("NFKC", line).casefold()
    text = text.translate(str.maketrans("‘’“”«»", "''\"\"\"\""))
    return " ".join(re.sub(r"[^\w'\" ]+", " ", text).split())


def _is_share_bar(tokens: list[str]) -> bool:
    words = [t for t in tokens if not t.isdigit()]
    return (
        0 < len(tokens) <= 8
        and all(t in _SHARE_WORDS for t in words)
        and any(t in _SHARE_STRONG for t in words)
    )


def _is_date_stamp(tokens: list[str]) -> bool:
    return (
        0 < len(tokens) <= 14
        and all(t.isdigit() or t in _DATE_WORDS for t in tokens)
        and any(t.isdigit() or t in _MONTHS for t in tokens)
    )


_MONTH_RE = (
    r"(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
)
_STAMP_DATES = (
    (re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"), ("y", "m", "d")),
    (re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH_RE + r",?\s+(\d{4})\b", re.I),
     ("d", "b", "y")),
    (re.compile(r"\b" + _MONTH_RE + r"\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b", re.I),
     ("b", "d", "y")),
    (re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b"), ("d", "m", "y")),
)
_MONTH_NUMBERS = {
    m: n for n, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)
}


def _stamp_date(line: str) -> str | None:
    import datetime as dt

    for pattern, order in _STAMP_DATES:
        match = pattern.search(line)
        if not match:
            continue
        parts = dict(zip(order, match.groups()))
        month = _MONTH_NUMBERS[parts["b"][:3].lower()] if "b" in parts else int(parts["m"])
        try:
            return dt.date(int(parts["y"]), month, int(parts["d"])).isoformat()
        except ValueError:
            return None
    return None


def _top_lines(text: str, n: int = 25) -> list[str]:
    """The first ``n`` non-blank lines, stripped (where a page puts its date stamps and captions)."""
    return [line.strip() for line in text.splitlines() if line.strip()][:n]


def page_date(text: str) -> str | None:
    """The publication date of a page from a date stamp line near its top, as ISO.

    Looks at stamp lines ("Published On 2 May 2023", "Updated 10:42 AM EDT, May 9,
    2023", "Tue 10 Jan 2023 14.32 GMT") among the first 25 lines; a stamp that
    says "updated" or "modified" counts only when there is no other.

    >>> page_date("Talks resume\\nUpdated: 3 March 2023\\nPublished 2 March 2023\\nThey met.")
    '2023-03-02'
    >>> page_date("Talks resume\\nThey met on 2 March 2023.") is None
    True
    """
    found: list[tuple[bool, str]] = []
    for line in _top_lines(text):
        tokens = _tokens(line)
        if _is_date_stamp(tokens):
            date = _stamp_date(line)
            if date:
                found.append((bool({"updated", "update", "modified"} & set(tokens)), date))
    return min(found, key=lambda item: item[0])[1] if found else None


def caption_date(text: str) -> str | None:
    """The date of a credited photo caption near the top of a page (not a file photo), as ISO.

    A weaker clue to the publication date than :func:`page_date`.

    >>> caption_date("Talks\\nThe ministers in Suva, Monday, May 8, 2023. (AP Photo/Jo Roe)\\nThey met.")
    '2023-05-08'
    >>> caption_date("Talks\\nThe ministers in Suva, May 8, 2019. REUTERS/Jo Roe/File Photo") is None
    True
    """
    for line in _top_lines(text):
        credited = _CREDIT.search(line) and not is_sentence(line)
        if credited and not re.search(r"\bfile\b", line, re.I):
            date = _stamp_date(line)
            if date:
                return date
    return None


def _is_furniture(line: str) -> bool:
    tokens = _tokens(line)
    if _is_share_bar(tokens) or _is_date_stamp(tokens):
        return True
    if len(tokens) <= 40 and _BANNER.search(line):
        return True
    if is_sentence(line) and not line.rstrip().endswith(")"):
        return False
    return bool(
        _CREDIT.search(line)
        or (_FOOTER.search(line) and len(tokens) <= 40)
        or (_BYLINE.match(line) and len(tokens) <= 14)
        or (_INLINE_LINK.match(line) and len(tokens) <= 30)
    )


def _is_link_like(line: str) -> bool:
    """A headline in a link list: short and not ending with a period."""
    return len(_tokens(line)) <= 25 and not _PERIOD_END.search(line)


def clean_text(text: str, *, title: str | None = None) -> str:
    """Return ``text`` without page furniture (see the module docstring for the rules).

    ``title``, when known (front matter, HTML metadata), marks headline repeats.

    >>> clean_text("Ministers meet\\n\\nShare\\nMinisters met in Rome.\\n\\nAll rights reserved.")
    'Ministers meet\\n\\nMinisters met in Rome.'
    """
    lines = _unwrap([line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")])
    keep = [bool(line) for line in lines]
    idx = [i for i, line in enumerate(lines) if line]

    # 1. furniture patterns; 2. link lists after a "Related"-style marker
    in_list = False
    for i in idx:
        line = lines[i]
        if _RELATED.match(line):
            keep[i], in_list = False, True
        elif in_list and _is_link_like(line):
            keep[i] = False
        else:
            in_list = False
            if _is_furniture(line):
                keep[i] = False

    # 3. headline: first kept line of three words or more; header zone up to the first sentence
    zone: list[int] = []
    for i in idx:
        if keep[i]:
            if is_sentence(lines[i]):
                break
            zone.append(i)
    long_lines = [i for i in zone if len(_tokens(lines[i])) >= 3]
    headline = (long_lines or zone or [None])[0]
    for i in zone:
        if i != headline:
            keep[i] = False

    # 4. captions repeating the headline or contained in another line
    norms = {i: _norm(lines[i]) for i in idx}
    heads = {norms[headline]} if headline is not None else set()
    if title:
        heads.add(_norm(title))
    candidates = [
        i for i in idx
        if keep[i] and i != headline and not is_sentence(lines[i]) and len(norms[i].split()) >= 4
    ][:200]
    blob = "\n".join(norms[j] for j in idx if j != headline)
    for i in candidates:  # found in the blob twice: itself and another line
        if norms[i] in heads or blob.count(norms[i]) >= 2:
            keep[i] = False
    seen: set[str] = set()
    for i in idx:  # a headline repeated later; a paragraph repeated verbatim (pull quote)
        if not keep[i] or i == headline:
            continue
        if norms[i] in heads and not is_sentence(lines[i]):
            keep[i] = False
        elif norms[i] in seen and len(norms[i].split()) >= 4:
            keep[i] = False
        seen.add(norms[i])

    # 5. short non-sentence lines, then the trailing block of non-sentence lines
    for i in idx:
        if keep[i] and i != headline and not is_sentence(lines[i]) and len(_tokens(lines[i])) < 3:
            keep[i] = False
    for i in reversed(idx):
        if not keep[i]:
            continue
        if i == headline or is_sentence(lines[i]):
            break
        keep[i] = False

    # 6. an agency dateline at the start of one of the first body lines
    for i in [i for i in idx if keep[i] and i != headline][:3]:
        if _DATELINE.match(lines[i]):
            lines[i] = _DATELINE.sub("", lines[i], count=1)
            break
    return _join(lines, keep)


def _unwrap(lines: list[str]) -> list[str]:
    """Join hard-wrapped lines (plain text filled to a fixed width) back into paragraphs.

    A text counts as wrapped when its lines are at most 100 characters and most
    lines followed by another one stop near that width in mid-sentence.
    """
    filled = [line for line in lines if line]
    width = max(map(len, filled), default=0)
    if len(filled) < 6 or not 40 <= width <= 100:
        return lines
    followed = [i for i in range(len(lines) - 1) if lines[i] and lines[i + 1]]
    wrapped = {
        i for i in followed if len(lines[i]) >= 0.75 * width and not _FULL_STOP.search(lines[i])
    }
    if len(wrapped) < 3 or len(wrapped) < 0.5 * len(followed):
        return lines
    out: list[str] = []
    joining = False
    for i, line in enumerate(lines):
        if joining:
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
        joining = i in wrapped
    return out


def _join(lines: list[str], keep: list[bool]) -> str:
    paragraphs: list[list[str]] = [[]]
    for line, kept in zip(lines, keep):
        if not line:
            if paragraphs[-1]:
                paragraphs.append([])
        elif kept:
            paragraphs[-1].append(line)
    return "\n\n".join("\n".join(para) for para in paragraphs if para)
