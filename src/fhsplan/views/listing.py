"""`fhsplan list`: milestones filtered by area, due year, shown status and beneficiary."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from typing import Any

from rich import box
from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from fhsplan.palette import LOOKS
from fhsplan.plan import Entry, Plan
from fhsplan.shown import Shown
from fhsplan.views import FORMAT_VERSION, NotInPlan
from fhsplan.views.console import legend
from fhsplan.views.export import beneficiaries


@dataclass(frozen=True)
class Filters:
    """What `list` narrows to; None means any."""

    area: str | None = None
    year: int | None = None
    status: Shown | None = None
    beneficiary: str | None = None

    def describe(self) -> str:
        parts = [
            f"area {self.area}" if self.area else "",
            f"due {self.year}" if self.year is not None else "",
            f"status {self.status.value}" if self.status else "",
            f"for {self.beneficiary}" if self.beneficiary else "",
        ]
        return ", ".join(p for p in parts if p) or "all milestones"


def select(plan: Plan, filters: Filters) -> list[Entry]:
    """The milestones that pass every filter, in plan order; unknown names raise NotInPlan."""
    if filters.area and plan.area(filters.area) is None:
        raise NotInPlan("focus area", filters.area, (a.id for a in plan.areas))
    codes = plan.vocabulary_names("beneficiaries")
    if filters.beneficiary and filters.beneficiary not in codes:
        raise NotInPlan("beneficiary", filters.beneficiary, codes)
    return [e for e in plan.entries if _passes(plan, e, filters)]


def _passes(plan: Plan, entry: Entry, filters: Filters) -> bool:
    return (
        (filters.area is None or entry.area == filters.area)
        # A span is due in its last year, as in `map --year` and `status`.
        and (filters.year is None or entry.last_year == filters.year)
        and (filters.status is None or plan.shown_status(entry) is filters.status)
        and (filters.beneficiary is None or filters.beneficiary in beneficiaries(entry))
    )


def render_list(
    plan: Plan, entries: list[Entry], filters: Filters, as_of: _dt.date, width: int
) -> list[RenderableType]:
    """A table of the selected milestones, or one line saying none matched."""
    if not entries:
        return [Text(f"No milestone matches ({filters.describe()}).")]
    table = Table(box=box.SIMPLE_HEAD, padding=(0, 1), pad_edge=False, collapse_padding=True, expand=True)
    table.add_column("", width=1)
    table.add_column("milestone", ratio=1, overflow="fold")
    if filters.area is None:
        table.add_column("area", max_width=max(10, width // 5), overflow="fold")
    table.add_column("due", no_wrap=True)
    table.add_column("for", no_wrap=True)
    area_names = {a.id: a.model.name for a in plan.areas}
    for entry in entries:
        shown = plan.shown_status(entry)
        title = Text(entry.model.title)
        title.append(f"\n{entry.id}", style="dim")
        due = Text(entry.due_text() if entry.model.due is not None else "–")
        if plan.is_overdue(entry, as_of):
            due.append(" !", style="red")
        row: list[RenderableType] = [Text(LOOKS[shown].symbol, style=LOOKS[shown].style), title]
        if filters.area is None:
            row.append(area_names.get(entry.area, entry.area))
        row.extend([due, ",".join(beneficiaries(entry))])
        table.add_row(*row)
    count = f"{len(entries)} milestone{'s' if len(entries) != 1 else ''} ({filters.describe()})"
    note = Text(f"{count}; ! overdue as of {as_of.isoformat()}", style="dim")
    return [table, note, legend(plan, width)]


def list_json(plan: Plan, entries: list[Entry], filters: Filters, as_of: _dt.date) -> dict[str, Any]:
    return {
        "format_version": FORMAT_VERSION,
        "plan": plan.meta.id,
        "as_of": as_of.isoformat(),
        "filters": {
            "area": filters.area,
            "year": filters.year,
            "status": filters.status.value if filters.status else None,
            "beneficiary": filters.beneficiary,
        },
        "milestones": [
            {
                "id": e.id,
                "title": e.model.title,
                "area": e.area,
                "due": e.due_text(),
                "status": plan.shown_status(e).value,
                "overdue": plan.is_overdue(e, as_of),
                "beneficiaries": beneficiaries(e),
            }
            for e in entries
        ],
    }
