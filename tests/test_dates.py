"""The date notation: parsing, bounds, ordering and display at each precision."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import REPO
from timeline.data.dates import SCHEMA_PATTERN, DateError, Precision, parse_date

D = dt.date


@pytest.mark.parametrize(
    ("text", "earliest", "latest", "precision", "shown"),
    [
        ("2023-11-21", D(2023, 11, 21), D(2023, 11, 21), Precision.DAY, "21 November 2023"),
        ("2023-11", D(2023, 11, 1), D(2023, 11, 30), Precision.MONTH, "November 2023"),
        ("2024-02", D(2024, 2, 1), D(2024, 2, 29), Precision.MONTH, "February 2024"),
        ("2023", D(2023, 1, 1), D(2023, 12, 31), Precision.YEAR, "2023"),
        ("2023-11-13/2023-11-19", D(2023, 11, 13), D(2023, 11, 19), Precision.DAY, "13–19 November 2023"),
        (
            "2023-11-30/2023-12-02",
            D(2023, 11, 30),
            D(2023, 12, 2),
            Precision.DAY,
            "30 November – 2 December 2023",
        ),
        (
            "2023-12-30/2024-01-02",
            D(2023, 12, 30),
            D(2024, 1, 2),
            Precision.DAY,
            "30 December 2023 – 2 January 2024",
        ),
        ("2023-09/2023-11", D(2023, 9, 1), D(2023, 11, 30), Precision.MONTH, "September–November 2023"),
        (
            "2023-09/2023-11-21",
            D(2023, 9, 1),
            D(2023, 11, 21),
            Precision.MONTH,
            "September 2023 – 21 November 2023",
        ),
        ("2023-08~", D(2023, 7, 1), D(2023, 9, 30), Precision.MONTH, "about August 2023"),
        ("2023-08-23~", D(2023, 8, 22), D(2023, 8, 24), Precision.DAY, "about 23 August 2023"),
        ("2023~", D(2022, 1, 1), D(2024, 12, 31), Precision.YEAR, "about 2023"),
        ("2023-12~", D(2023, 11, 1), D(2024, 1, 31), Precision.MONTH, "about December 2023"),
        ("2023-11-21/..", D(2023, 11, 21), D.max, Precision.DAY, "21 November 2023 or later"),
        ("../2023-11-21", D.min, D(2023, 11, 21), Precision.DAY, "21 November 2023 or earlier"),
        ("../2023-11", D.min, D(2023, 11, 30), Precision.MONTH, "November 2023 or earlier"),
        ("[2023-08-16,2023-08-23]", D(2023, 8, 16), D(2023, 8, 23), Precision.DAY, "16 or 23 August 2023"),
        (
            "[2023-08-16,2023-08-20,2023-08-23]",
            D(2023, 8, 16),
            D(2023, 8, 23),
            Precision.DAY,
            "16, 20 or 23 August 2023",
        ),
        (
            "[2023-08-31,2023-09-01]",
            D(2023, 8, 31),
            D(2023, 9, 1),
            Precision.DAY,
            "31 August or 1 September 2023",
        ),
        ("[2023-08,2023-10]", D(2023, 8, 1), D(2023, 10, 31), Precision.MONTH, "August or October 2023"),
        (
            "[2023-12-31,2024-01-02]",
            D(2023, 12, 31),
            D(2024, 1, 2),
            Precision.DAY,
            "31 December 2023 or 2 January 2024",
        ),
        (
            "[2023-11,2023-12-05]",
            D(2023, 11, 1),
            D(2023, 12, 5),
            Precision.MONTH,
            "November 2023 or 5 December 2023",
        ),
    ],
)
def test_parse_bounds_and_display(text, earliest, latest, precision, shown):
    date = parse_date(text)
    assert (date.earliest, date.latest, date.precision, date.display()) == (
        earliest,
        latest,
        precision,
        shown,
    )


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("2023-02-30", "February 2023 has 28 days"),
        ("2023-02-29", "February 2023 has 28 days"),
        ("2023-13", "there is no month 13"),
        ("2023-00", "there is no month 00"),
        ("2023-11-19/2023-11-13", "ends before it starts"),
        ("2023-11/2023-11", "starts and ends on the same date"),
        ("last Tuesday", "not in the date notation"),
        ("2023-1-5", "not in the date notation"),
        ("21/11/2023", "not in the date notation"),
        ("2023-11-21 ", "not in the date notation"),
        ("2023?", "not in the date notation"),
        ("2023-21", "there is no month 21"),
        ("../..", "not in the date notation"),
        ("../2023/..", "not in the date notation"),
        ("", "not in the date notation"),
        ("[2023-08-23,2023-08-16]", "out of order or overlapping"),
        ("[2023-08,2023-08-16]", "out of order or overlapping"),
        ("[2023-08-16,2023-08-16]", "out of order or overlapping"),
        ("[2023-08-16]", "not in the date notation"),
        ("[2023-08-16, 2023-08-23]", "not in the date notation"),
        ("[2023-08-16,2023-08-23]\n", "not in the date notation"),
        ("[2023-08-16..2023-08-23]", "not in the date notation"),
        ("{2023-08-16,2023-08-23}", "not in the date notation"),
        ("[2023-08-16,2023-02-30]", "February 2023 has 28 days"),
    ],
)
def test_impossible_or_free_text_dates_are_refused(text, reason):
    with pytest.raises(DateError, match=reason):
        parse_date(text)


def test_a_date_that_is_not_text_is_refused():
    with pytest.raises(DateError, match="not a date written as text"):
        parse_date(2023)  # type: ignore[arg-type]


def test_ordering_places_each_date_where_it_starts_and_vague_dates_after_what_is_known():
    texts = [
        "2023-12",
        "2023-11",
        "2023-11-21",
        "2023-11-13/2023-11-19",
        "2023",
        "2024-01-05",
        "2023-11-21/..",
        "../2023-11-21",
        "[2023-11-13,2023-11-20]",
        "../2023-11",
        "../2023",
        "2023-09/2023-11-21",
        "2023-11~",
    ]
    ordered = sorted(texts, key=lambda t: parse_date(t).sort_key)
    assert ordered == [
        "2023-09/2023-11-21",  # a span sits where it starts: here, a month known only to the month
        "2023-11-13/2023-11-19",
        "[2023-11-13,2023-11-20]",  # by its first possible day, then its last
        "../2023-11-21",  # "on or before" sits on its bound, before what is known to be that day
        "2023-11-21",
        "2023-11-21/..",
        "../2023-11",  # known only to the month: after the month's days
        "2023-11",
        "2023-11~",
        "2023-12",
        "../2023",  # known only to the year: after the year's months
        "2023",
        "2024-01-05",
    ]


def test_no_date_sorts_before_a_day_it_may_be_later_than():
    """A date known only to a month or a year never sits before a day inside it: a reader
    would take the position for knowledge that the event came first."""
    vague = [parse_date(t) for t in ("2023", "2023-11", "2023-11~", "../2023-11")]
    days = [parse_date(f"2023-11-{d:02d}") for d in (1, 15, 30)]
    for date in vague:
        assert all(day.sort_key < date.sort_key for day in days if day.earliest >= date.start.earliest)


def test_one_of_several_days_is_not_a_span_but_has_the_same_bounds():
    one_of, span = parse_date("[2023-08-16,2023-08-23]"), parse_date("2023-08-16/2023-08-23")
    assert (one_of.earliest, one_of.latest) == (span.earliest, span.latest)
    assert one_of.iso_bounds() == ("2023-08-16", "2023-08-23")
    assert [p.earliest for p in one_of.choices] == [D(2023, 8, 16), D(2023, 8, 23)]
    assert span.choices == ()
    assert one_of.display() != span.display()


def test_iso_bounds_are_the_strict_days():
    assert parse_date("2023-08~").iso_bounds() == ("2023-08-01", "2023-08-31")
    assert parse_date("2023-11-21/..").iso_bounds() == ("2023-11-21", None)
    assert parse_date("../2023-11-21").iso_bounds() == (None, "2023-11-21")


@given(
    st.dates(min_value=D(1900, 1, 1), max_value=D(2100, 12, 31)), st.sampled_from([1, 2, 3]), st.booleans()
)
def test_any_real_date_parses_within_its_bounds(day: dt.date, parts: int, approximate: bool):
    text = day.isoformat()[: {1: 4, 2: 7, 3: 10}[parts]] + ("~" if approximate else "")
    date = parse_date(text)
    assert date.earliest <= day <= date.latest
    assert date.precision is Precision(parts)
    assert str(day.year) in date.display()
    assert date.display().startswith("about ") == approximate


@given(st.dates(min_value=D(1900, 1, 1), max_value=D(2100, 12, 31)), st.integers(min_value=1, max_value=400))
def test_any_forward_interval_parses_and_any_reversed_one_is_refused(day: dt.date, length: int):
    later = day + dt.timedelta(days=length)
    date = parse_date(f"{day.isoformat()}/{later.isoformat()}")
    assert (date.earliest, date.latest) == (day, later)
    with pytest.raises(DateError):
        parse_date(f"{later.isoformat()}/{day.isoformat()}")


def test_the_schema_and_the_parser_share_one_grammar():
    schema = json.loads((REPO / "schemas" / "common.schema.json").read_text())
    assert schema["$defs"]["date"]["pattern"] == SCHEMA_PATTERN
