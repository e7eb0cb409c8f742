"""When a milestone is due: a year, a span, a quarter, a month or a day, as a period of dates.

Plans state deadlines at the precision their source has: "2024", "2023–2026", "Q3 2025", "juni 2025",
"2020-06-30" (issue #12). Every such value is a closed period of days; the map places a milestone in
the year its period ends, overdue is judged against the end, and a postponement compares ends at
the stated precision (so 2020-06-30 → 2020-09-30 is a postponement, 2020 → 2020-Q4 is not). This
module has no pydantic: views and the command line use it too.
"""

from __future__ import annotations

import calendar
import datetime as _dt
import re
from dataclasses import dataclass

from fhsplan.i18n import N_, _

# A year-quarter, a year-month or a date, as written in a plan file (years are plain integers).
POINT_PATTERN = r"^[0-9]{4}(-Q[1-4]|-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)$"
_POINT = re.compile(POINT_PATTERN)
_SPAN_LIKE = re.compile(r"^[0-9]{4}\s*[-–—]\s*[0-9]{2,4}$")
PRECISIONS = ("year", "quarter", "month", "day")
# Messages never repeat the value: plan text is untrusted and may be long (YAML-FACTS.md).
_NOT_A_POINT = N_("must be a year (2024), a quarter (2025-Q3), a month (2025-06) or a day (2025-06-30)")


@dataclass(frozen=True, slots=True, order=True)
class Period:
    """A closed period of days, and how the plan wrote it."""

    start: _dt.date
    end: _dt.date
    text: str
    precision: str  # year, quarter, month, day, or "span" for a span

    @property
    def first_year(self) -> int:
        return self.start.year

    @property
    def last_year(self) -> int:
        """The year by which the milestone is to be reached: where the map places it."""
        return self.end.year

    def later_than(self, other: Period) -> bool:
        """Whether this period ends after `other` does (a postponement)."""
        return self.end > other.end


def point(value: int | str) -> Period:
    """A year (2024), quarter ("2025-Q3"), month ("2025-06") or day ("2020-06-30") as a period.

    Raises ValueError for anything else, including days that do not exist ("2025-02-30").
    """
    if isinstance(value, bool):
        raise ValueError(_(_NOT_A_POINT))
    if isinstance(value, int):
        return Period(_dt.date(value, 1, 1), _dt.date(value, 12, 31), str(value), "year")
    if not _POINT.match(value):
        if value.isdigit() and len(value) == 4:  # '2024' in quotes is text (docs/plan-format.md)
            raise ValueError(_("a year is written without quotes (2024)"))
        if _SPAN_LIKE.match(value):  # "2023-26", "2023–2026": how a PDF writes a span
            raise ValueError(
                _("must be a year (2024) or a span ({{start: 2023, end: 2026}}), not a range in text")
            )
        raise ValueError(_(_NOT_A_POINT))
    year = int(value[:4])
    if value[5] == "Q":
        quarter = int(value[6])
        first_month = 3 * quarter - 2
        return Period(_dt.date(year, first_month, 1), _month_end(year, first_month + 2), value, "quarter")
    month = int(value[5:7])
    if len(value) == 7:
        return Period(_dt.date(year, month, 1), _month_end(year, month), value, "month")
    try:
        day = _dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(_("{day} is not a day of the calendar").format(day=value[:10])) from None
    return Period(day, day, value, "day")


def span(start: int | str, end: int | str) -> Period:
    """From the start of one point to the end of another; raises ValueError if it ends before it starts."""
    first, last = point(start), point(end)
    if last.end < first.start or last.start < first.start:
        raise ValueError(
            _("span ends ({end}) before it starts ({start})").format(end=last.text, start=first.text)
        )
    return Period(first.start, last.end, f"{first.text}–{last.text}", "span")


_QUARTER = re.compile(r"^([0-9]{4})-Q([1-4])$")


def spoken(period: Period) -> str:
    """The period as a reader writes it: `2025-Q3` stays so in English and reads `kv. 3 2025` in
    Swedish; years, months and days stay as written (ISO), a span joins its ends with '–'."""
    return "–".join(_spoken_point(part) for part in period.text.split("–"))


def _spoken_point(text: str) -> str:
    quarter = _QUARTER.match(text)
    if quarter is None:
        return text
    return _("{year}-Q{quarter}").format(year=quarter.group(1), quarter=quarter.group(2))


def _month_end(year: int, month: int) -> _dt.date:
    return _dt.date(year, month, calendar.monthrange(year, month)[1])
