"""When a milestone is due: years, spans, quarters, months and days as periods of dates."""

from __future__ import annotations

import datetime as dt

import pytest

from fhsplan.when import point, span


@pytest.mark.parametrize(
    ("value", "start", "end", "precision"),
    [
        (2024, "2024-01-01", "2024-12-31", "year"),
        ("2025-Q3", "2025-07-01", "2025-09-30", "quarter"),
        ("2024-02", "2024-02-01", "2024-02-29", "month"),
        ("2020-06-30", "2020-06-30", "2020-06-30", "day"),
    ],
    ids=["year", "quarter", "leap-february", "day"],
)
def test_points(value: int | str, start: str, end: str, precision: str) -> None:
    period = point(value)
    assert (period.start.isoformat(), period.end.isoformat(), period.precision) == (start, end, precision)
    assert period.text == str(value)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2025-02-30", "not a day of the calendar"),
        ("2025-13", "must be a year"),
        ("2025-Q5", "must be a year"),
        ("2024", "without quotes"),
        ("2023-26", "a span"),
        ("2023–2026", "a span"),
        (True, "must be a year"),
        ("x" * 10_000, "must be a year"),
    ],
    ids=["no-such-day", "month-13", "quarter-5", "quoted-year", "ocr-span", "dash-span", "bool", "long"],
)
def test_refused_points_say_why_without_repeating_the_value(value: int | str, message: str) -> None:
    with pytest.raises(ValueError, match=message) as caught:
        point(value)
    assert len(str(caught.value)) < 120


def test_spans_and_their_ends() -> None:
    years = span(2023, 2026)
    assert (years.first_year, years.last_year, years.text) == (2023, 2026, "2023–2026")
    quarters = span("2025-Q1", "2025-Q3")
    assert quarters.end == dt.date(2025, 9, 30) and quarters.precision == "span"
    with pytest.raises(ValueError, match="ends"):
        span(2026, 2023)


def test_a_postponement_compares_ends_at_the_stated_precision() -> None:
    assert point("2020-09-30").later_than(point("2020-06-30"))
    assert not point("2020-Q4").later_than(point(2020))  # the same end: a refinement, not a postponement
    assert point(2021).later_than(point("2020-12"))
