"""Date resolution (no model) and date attachment to events (model-backed)."""
from __future__ import annotations

import pytest

from pipelines.dates import is_date_expression, resolve_date


@pytest.mark.parametrize(
    ("text", "base", "prefer", "expected"),
    [
        ("Friday, June 26, 2020", "2020-06-30", "past", "2020-06-26"),
        ("on 27 August", "2020-09-02", "past", "2020-08-27"),
        ("November 12, 2021", "2021-11-15", "past", "2021-11-12"),
        ("a previous August 2019 meeting", "2020-06-26", "past", "2019-08"),
        ("in 2011", "2020-06-26", "past", "2011"),
        ("June 2022", "2021-12-25", "future", "2022-06"),
        ("Friday", "2020-06-26", "past", "2020-06-26"),
        ("on Wednesday", "2020-06-26", "past", "2020-06-24"),
        ("last Friday", "2020-06-26", "past", "2020-06-19"),
        ("next Monday", "2020-06-26", "past", "2020-06-29"),
        ("today", "2020-06-26", "past", "2020-06-26"),
        ("overnight", "2020-06-26", "past", "2020-06-26"),
        ("yesterday", "2020-06-26", "past", "2020-06-25"),
        ("last week", "2020-06-26", "past", "2020-06-19"),
        ("last month", "2020-01-10", "past", "2019-12"),
        ("December 7", "2021-12-31", "past", "2021-12-07"),
        ("January 12", "2021-12-31", "future", "2022-01-12"),
        ("on March 3-4", "2023-03-10", "past", "2023-03-03"),
        ("2020-06-26", "2021-01-01", "past", "2020-06-26"),
    ],
)
def test_resolve_date(text: str, base: str, prefer: str, expected: str) -> None:
    assert resolve_date(text, base=base, prefer=prefer) == expected


@pytest.mark.parametrize("text", ["two hours", "within three days", "the future", "a decade", ""])
def test_not_a_date(text: str) -> None:
    assert resolve_date(text, base="2020-06-26") is None
    assert not is_date_expression(text) or text == ""


@pytest.mark.parametrize("text, rest", [
    ("BERLIN, May 14 (Reuters) - Germany protested.", "Germany protested."),
    ("PARIS/LONDON, Jan 12 - Talks began.", "Talks began."),
    ("NAIROBI, Kenya (AP) \u2014 Kenya objected.", "Kenya objected."),
    ("KYIV, Ukraine, March 3 (Reuters) - Ukraine said so.", "Ukraine said so."),
    ("LYON: Interpol said so.", "Interpol said so."),
    ("NATO, the alliance, met.", "NATO, the alliance, met."),
    ("The UN: fine.", "The UN: fine."),
])
def test_dateline_end(text, rest):
    from pipelines.dates import dateline_end

    assert text[dateline_end(text):] == rest


@pytest.mark.parametrize("text, base", [("on Friday", "0001-01-01"), ("tomorrow", "9999-12-31"), ("next week", "9999-12-31")])
def test_no_date_past_the_calendar_edge(text: str, base: str) -> None:
    # was an OverflowError traceback in `dipkg build` for a text dated 0001-01-01
    assert resolve_date(text, base=base) is None


@pytest.mark.parametrize("cleaned", ["June 26, 2020", "26 June 2020", "Sept. 5", "5 Mar", "December 31", "January 1",
                                     "June 15", "MAY 3, 1999", "Aug 2019", "November, 2021"])
@pytest.mark.parametrize("base", ["2024-03-01", "2023-06-15", "2023-12-31", "2024-01-01"])
@pytest.mark.parametrize("prefer", ["past", "future"])
def test_plain_dates_read_as_dateparser_reads_them(cleaned: str, base: str, prefer: str) -> None:
    # _plain_date spares a dateparser call (slow) for these forms: it must give dateparser's date
    import datetime as dt

    from pipelines.dates import _parser, _plain_date

    day = dt.date.fromisoformat(base)
    data = _parser(day, prefer).get_date_data(cleaned)
    when = data.date_obj.date().isoformat()
    assert _plain_date(cleaned, day, prefer) == (when[:7] if data.period == "month" else when)
