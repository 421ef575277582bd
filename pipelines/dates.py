"""Resolve date expressions to ISO dates at the precision the text gives.

Absolute dates, dates relative to the publication date (weekdays, "today",
"yesterday", "overnight", "last week") and month- or year-only dates, parsed
with :mod:`dateparser`; weekday names resolve to the latest such day on or
before the publication date (or after it, for future statements).

>>> resolve_date("Friday, June 26, 2020")
'2020-06-26'
>>> resolve_date("on 27 August", base="2020-09-02")
'2020-08-27'
>>> resolve_date("a previous August 2019 meeting")
'2019-08'
>>> resolve_date("in 2011")
'2011'
>>> resolve_date("Friday", base="2020-06-26")
'2020-06-26'
>>> resolve_date("yesterday", base="2020-06-26")
'2020-06-25'
>>> resolve_date("January 9-10", base="2021-12-31", prefer="future")
'2022-01-09'
>>> resolve_date("two hours") is None
True
"""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

__all__ = ["dateline_end", "is_date_expression", "resolve_date"]

_MONTHS = (
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
).split()
_MONTH_NUMBERS = {name[:3]: number for number, name in enumerate(_MONTHS[:12], start=1)}
_WEEKDAYS = "monday tuesday wednesday thursday friday saturday sunday".split()
_RELATIVE = {
    "today": 0, "tonight": 0, "overnight": 0, "yesterday": -1, "tomorrow": 1,
    "this morning": 0, "this afternoon": 0, "this evening": 0, "earlier today": 0,
    "last night": -1,
}  # fmt: skip
_RELATIVE_PERIODS = re.compile(r"\b(last|next|this|past|previous|coming)\s+(week|month|year)\b")
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_RANGE = re.compile(r"(\d{1,2})\s*[-\u2013\u2014]\s*\d{1,2}\b")
_MONTH_RE = re.compile(r"\b(" + "|".join(_MONTHS) + r")\b\.?", re.I)
_WEEKDAY_RE = re.compile(r"\b(" + "|".join(_WEEKDAYS) + r")\b", re.I)
_MONTH_ALT = "|".join(m.capitalize() for m in sorted(_MONTHS, key=len, reverse=True))
#: "CITY, Mon DD (Agency) -", "CITY/CITY, Jan 12 -", "NAIROBI, Kenya (AP) --", "LYON:" at a line start.
_DATELINE = re.compile(
    r"\s*[A-Z][A-Z.'\-]{2,}(?:[ /][A-Z][A-Z.'\-]+)*"  # the city (or cities) in capitals
    r"(?:,\s*[A-Z][\w.'\-]*(?:\s+[A-Z][\w.'\-]*){0,3})??"  # an optional region or country
    r"(?:,?\s*(?:" + _MONTH_ALT + r")\.?\s+\d{1,2}(?:,\s*\d{4})?|,?\s*\d{1,2}\s+(?:" + _MONTH_ALT + r")\.?)?"
    r"\s*(?:\((?:[^()]{1,40})\))?\s*(?:[-\u2013\u2014]+|:)\s+"
)
#: "June 26, 2020", "26 June 2020", "June 26", "26 June", "June 2020" (month names or abbreviations).
_PLAIN_DATE = re.compile(
    r"(?:(?P<month>[a-z]+)\.? (?P<day>\d{1,2})|(?P<day2>\d{1,2}) (?P<month2>[a-z]+)\.?)(?:,? (?P<year>1[89]\d\d|20\d\d))?"
    r"|(?P<month3>[a-z]+)\.?,? (?P<year3>1[89]\d\d|20\d\d)",
    re.I,
)
_KEEP = re.compile(r"(" + "|".join(_MONTHS + _WEEKDAYS) + r"|\d{1,4}(st|nd|rd|th)?|\d{4}-\d\d(-\d\d)?)", re.I)


def dateline_end(text: str) -> int:
    """Length of a news dateline opening ``text`` (0 when there is none).

    >>> text = "BERLIN, May 14 (Reuters) - Germany protested."
    >>> text[dateline_end(text):]
    'Germany protested.'
    >>> dateline_end("PARIS/LONDON, Jan 12 - Talks began.")
    23
    >>> dateline_end("NATO, the alliance, met.")
    0
    """
    match = _DATELINE.match(text)
    return match.end() if match else 0


def _as_date(base: str | dt.date | None) -> dt.date:
    if base is None:
        return dt.date.today()
    if isinstance(base, dt.date):
        return base
    return dt.date.fromisoformat(str(base)[:10])


def is_date_expression(text: str) -> bool:
    """True when ``text`` names a calendar date (month, weekday, year or relative day).

    >>> is_date_expression("the coming week"), is_date_expression("two days")
    (True, False)
    """
    low = text.lower()
    return bool(
        _MONTH_RE.search(low) and not re.fullmatch(r"\s*(may|march)\s*", low)
        or _WEEKDAY_RE.search(low)
        or _YEAR.search(low)
        or any(re.search(rf"\b{k}\b", low) for k in _RELATIVE)
        or _RELATIVE_PERIODS.search(low)
    )


@lru_cache(maxsize=8)
def _parser(base: dt.date, prefer: str):
    from dateparser.date import DateDataParser

    settings = {
        "RELATIVE_BASE": dt.datetime(base.year, base.month, base.day, 12),
        "PREFER_DATES_FROM": prefer,
        "PREFER_DAY_OF_MONTH": "first",
        "REQUIRE_PARTS": [],
    }
    return DateDataParser(languages=["en"], settings=settings)


def _weekday(low: str, base: dt.date, prefer: str) -> str | None:
    m = _WEEKDAY_RE.search(low)
    if not m or _MONTH_RE.search(low) or _YEAR.search(low):
        return None
    target = _WEEKDAYS.index(m.group(1).lower())
    delta = (base.weekday() - target) % 7
    if prefer == "future" or re.search(r"\bnext\b", low):
        ahead = (target - base.weekday()) % 7
        if ahead == 0 and not re.search(r"\bnext\b", low):
            return base.isoformat()
        return (base + dt.timedelta(days=ahead or 7)).isoformat()
    if re.search(r"\blast\b", low) and delta == 0:
        delta = 7
    return (base - dt.timedelta(days=delta)).isoformat()


def _plain_date(cleaned: str, base: dt.date, prefer: str) -> str | None:
    """ISO date of a month name with a day and/or a year ("June 26, 2020", "26 June", "June 2020").

    Gives what :mod:`dateparser` (slow per call) gives for these forms: a day without a year is
    in the base year, or the year before (after) when ``prefer`` is past (future) and it falls
    after (on or before) the base date. None for any other form, and for Feb 29 or impossible days.
    """
    match = _PLAIN_DATE.fullmatch(cleaned)
    if match is None:
        return None
    name = (match["month"] or match["month2"] or match["month3"]).lower()
    if name not in _MONTHS:
        return None
    month = _MONTH_NUMBERS[name[:3]]
    if match["year3"]:
        return f"{match['year3']}-{month:02d}"
    day = int(match["day"] or match["day2"])
    if (month, day) == (2, 29):
        return None  # dateparser moves it to a leap year
    try:
        if match["year"]:
            return dt.date(int(match["year"]), month, day).isoformat()
        when = dt.date(base.year, month, day)
    except ValueError:
        return None
    if prefer == "past" and when > base:
        when = when.replace(year=base.year - 1)
    elif prefer == "future" and when <= base:
        when = when.replace(year=base.year + 1)
    return when.isoformat()


def resolve_date(text: str, *, base: str | dt.date | None = None, prefer: str = "past") -> str | None:
    """ISO date of a date expression: ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``; None if none.

    ``base`` is the publication date (ISO) that relative expressions refer to;
    ``prefer`` (``"past"`` or ``"future"``) picks the year of incomplete dates.
    """
    if not text or not is_date_expression(text):
        return None
    try:
        return _resolve(text, _as_date(base), prefer)
    except OverflowError:  # a base at the calendar's edge ("on Friday" in year 1): no date
        return None


def _resolve(text: str, base_date: dt.date, prefer: str) -> str | None:
    low = " ".join(text.lower().split())
    for word, offset in _RELATIVE.items():
        if re.search(rf"\b{word}\b", low) and not _MONTH_RE.search(low):
            return (base_date + dt.timedelta(days=offset)).isoformat()
    weekday = _weekday(low, base_date, prefer)
    if weekday:
        return weekday
    period = _RELATIVE_PERIODS.search(low)
    if period and not _MONTH_RE.search(low) and not _YEAR.search(low):
        sign = 1 if period.group(1) in ("next", "coming") else (0 if period.group(1) == "this" else -1)
        unit = period.group(2)
        if unit == "week":
            return (base_date + dt.timedelta(days=7 * sign)).isoformat()
        if unit == "month":
            month = base_date.month + sign
            year = base_date.year + (month - 1) // 12
            return f"{year:04d}-{(month - 1) % 12 + 1:02d}"
        return f"{base_date.year + sign:04d}"
    iso = re.search(r"\b(\d{4}-\d\d(-\d\d)?)\b", text)
    if iso:
        return iso.group(1)
    if not _MONTH_RE.search(low) and _YEAR.search(low):
        return _YEAR.search(low).group(1)
    cleaned = _RANGE.sub(r"\1", text)
    cleaned = re.sub(r"[^\w,/.\- ]", " ", cleaned).replace(",", " , ")
    kept = [w for w in cleaned.split() if w == "," or _KEEP.fullmatch(w.strip("."))]
    cleaned = " ".join(kept).replace(" ,", ",").strip(" ,.")
    if not cleaned:
        return None
    if re.fullmatch(r"(1[89]\d\d|20\d\d)", cleaned):
        return cleaned
    plain = _plain_date(cleaned, base_date, prefer)
    if plain is not None:
        return plain
    data = _parser(base_date, prefer).get_date_data(cleaned)
    if data is None or data.date_obj is None:
        return None
    when = data.date_obj.date()
    if data.period == "year" or (not _MONTH_RE.search(low) and _YEAR.search(low)):
        return f"{when.year:04d}"
    if data.period == "month" or not re.search(r"\d", _YEAR.sub("", cleaned)):
        return f"{when.year:04d}-{when.month:02d}"
    return when.isoformat()
