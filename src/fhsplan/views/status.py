"""Status tables: counts per stated status by year or area, the current revision's changes beside
them, share done and overdue (issues #4, #12)."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable
from dataclasses import dataclass, field

from rich import box
from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from fhsplan import i18n
from fhsplan.hyphenation import wrap_words
from fhsplan.i18n import _, pgettext
from fhsplan.lifecycle import Change, Status
from fhsplan.palette import CHANGES, STATUSES
from fhsplan.plan import Entry, Plan
from fhsplan.views import FORMAT_VERSION
from fhsplan.views.console import legend


@dataclass
class Tally:
    """Counts for one row of a status table."""

    key: str
    label: str
    counts: dict[Status, int] = field(default_factory=lambda: dict.fromkeys(Status, 0))
    changes: dict[Change, int] = field(default_factory=lambda: dict.fromkeys(Change, 0))
    overdue: int = 0
    untimed: int = 0

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def done_share(self) -> float | None:
        """Done among the milestones still pursued (cancelled ones do not count against the plan)."""
        pursued = self.total - self.counts[Status.cancelled]
        return self.counts[Status.done] / pursued if pursued else None

    def add(self, status: Status, changes: list[Change], overdue: bool, untimed: bool) -> None:
        self.counts[status] += 1
        for change in set(changes):  # milestones changed, not entries: one per kind
            self.changes[change] += 1
        self.overdue += overdue
        self.untimed += untimed


@dataclass
class StatusTable:
    plan: Plan
    as_of: _dt.date
    by: str
    rows: list[Tally]
    total: Tally


def build_status(plan: Plan, as_of: _dt.date, by: str = "year") -> StatusTable:
    """Tally every milestone into its row: its due year (spans in their last year) or its area."""
    rows = _year_rows(plan) if by == "year" else {a.id: Tally(a.id, a.model.name) for a in plan.areas}
    key: Callable[[Entry], str] = _year_key(plan) if by == "year" else (lambda e: e.area)
    total = Tally("total", _("Total"))
    for entry in plan.entries:
        facts = (entry.status, plan.changes_in(entry), plan.is_overdue(entry, as_of), entry.last_year is None)
        row = rows.setdefault(key(entry), Tally(key(entry), key(entry)))
        row.add(*facts)
        total.add(*facts)
    kept = [r for r in rows.values() if r.total or by == "area" or r.key.isdigit()]
    return StatusTable(plan, as_of, by, kept, total)


def _year_rows(plan: Plan) -> dict[str, Tally]:
    start, end = plan.meta.period.start, plan.meta.period.end
    rows = {"before": Tally("before", _("before {year}").format(year=start))}
    rows.update({str(y): Tally(str(y), str(y)) for y in plan.years})
    rows["after"] = Tally("after", _("after {year}").format(year=end))
    rows["none"] = Tally("none", _("no timetable"))
    return rows


def _year_key(plan: Plan) -> Callable[[Entry], str]:
    start, end = plan.meta.period.start, plan.meta.period.end

    def key(entry: Entry) -> str:
        year = entry.last_year
        if year is None:
            return "none"
        return "before" if year < start else "after" if year > end else str(year)

    return key


def render_status(table: StatusTable, width: int) -> list[RenderableType]:
    """The table with one column per status, then total, share done, overdue (and undated by area)."""
    plan = table.plan
    by_area = table.by == "area"
    label_width = max(12, min(26, width // 5))
    head_width = None
    if by_area and width < 100:  # narrow: the area column as wide as an area name's longest word,
        words = [len(w) for a in plan.areas for w in a.model.name.split()]
        label_width = max(12, min(label_width, max(words, default=12)))
        head_width = HEAD_WIDTH  # and the headers of the number columns in short lines
    # Symbols head the status columns: words would not fit 80 columns; the legend explains them.
    # The current revision's changes follow, only those it made, after a bar: they are not statuses.
    changes = [c for c, n in table.total.changes.items() if n]
    grid = Table(box=box.SIMPLE_HEAD, padding=(0, 1), collapse_padding=True, pad_edge=False)
    grid.add_column(
        _("area") if by_area else pgettext("status table", "due"),
        width=label_width if by_area else None,
        overflow="fold",
    )
    for mark in STATUSES.values():
        grid.add_column(Text(mark.symbol, style=mark.style), justify="right")
    for index, change in enumerate(changes):
        mark = CHANGES[change]
        grid.add_column(Text(("│ " if index == 0 else "") + mark.symbol, style=mark.style), justify="right")
    grid.add_column(_head(pgettext("status table", "total"), head_width), justify="right")
    grid.add_column(_head(pgettext("status table", "done"), head_width), justify="right")
    grid.add_column(_head(pgettext("status table", "overdue"), head_width), justify="right")
    if by_area:
        grid.add_column(_head(pgettext("status table", "undated"), head_width), justify="right")
    for index, row in enumerate([*table.rows, table.total]):
        grid.add_row(*_cells(row, by_area, changes), end_section=index == len(table.rows) - 1)
    title = _("Status by area as of {date}") if by_area else _("Status by year as of {date}")
    heading = Text(title.format(date=table.as_of.isoformat()), style="bold")
    heading.append(
        _(" · {title}, revision {revision}").format(title=plan.meta.title, revision=plan.current_revision),
        style="dim",
    )
    note = Text(_note(by_area, bool(changes)).format(revision=plan.current_revision), style="dim")
    return [heading, grid, note, legend(plan, width)]


# In a narrow table by area, a header of a number column takes lines of this many characters, broken between words or, in a
# longer word, where a hyphen may go ("förse-nade"): Swedish headers are longer than the numbers.
HEAD_WIDTH = 7


def _head(words: str, width: int | None) -> str:
    return words if width is None else "\n".join(wrap_words(words, width))


def _note(by_area: bool, changed: bool) -> str:
    """What the columns count, as one sentence for the translator: with or without the revision's
    changes, and with spans only in the table by year."""
    if by_area and changed:
        return _(
            "Counts by stated status, then what revision {revision} changed; done: share of milestones "
            "not cancelled; overdue: due by a date that has passed and not done"
        )
    if by_area:
        return _(
            "Counts by stated status; done: share of milestones not cancelled; overdue: due by a date "
            "that has passed and not done"
        )
    if changed:
        return _(
            "Counts by stated status, then what revision {revision} changed; done: share of milestones "
            "not cancelled; overdue: due by a date that has passed and not done; spans count in their "
            "last year"
        )
    return _(
        "Counts by stated status; done: share of milestones not cancelled; overdue: due by a date that "
        "has passed and not done; spans count in their last year"
    )


def _cells(row: Tally, by_area: bool, changes: list[Change]) -> list[RenderableType]:
    style = "bold" if row.key == "total" else ""
    numbers = [*row.counts.values(), *(row.changes[c] for c in changes)]
    counts = [Text(i18n.number(n) if n else "·", style=style if n else "dim") for n in numbers]
    share = row.done_share
    cells: list[RenderableType] = [
        Text(row.label, style=style),
        *counts,
        Text(i18n.number(row.total), style=style),
        Text("–" if share is None else i18n.percent(share), style=style),
        Text(i18n.number(row.overdue) if row.overdue else "·", style="red" if row.overdue else "dim"),
    ]
    if by_area:
        untimed = i18n.number(row.untimed) if row.untimed else "·"
        cells.append(Text(untimed, style=style if row.untimed else "dim"))
    return cells


def status_json(table: StatusTable) -> dict[str, object]:
    """The table for tools: every row with counts for every status, and the totals."""
    return {
        "format_version": FORMAT_VERSION,
        "plan": table.plan.meta.id,
        "as_of": table.as_of.isoformat(),
        "by": table.by,
        "revision": table.plan.current_revision,
        "rows": [_row_json(r) for r in table.rows],
        "total": _row_json(table.total),
    }


def _row_json(row: Tally) -> dict[str, object]:
    share = row.done_share
    return {
        "key": row.key,
        "label": row.label,
        "counts": {s.value: n for s, n in row.counts.items()},
        "changes": {c.value: n for c, n in row.changes.items()},
        "total": row.total,
        "done_share": None if share is None else round(share, 4),
        "overdue": row.overdue,
        "no_timetable": row.untimed,
    }
