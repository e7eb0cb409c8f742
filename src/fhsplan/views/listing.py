"""`fhsplan list`: milestones filtered by area, due year, stated status, revision change, owner and
beneficiary."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from typing import Any

from rich import box
from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from fhsplan import i18n
from fhsplan.i18n import _, ngettext
from fhsplan.lifecycle import Change, Status
from fhsplan.palette import CHANGES, STATUSES
from fhsplan.plan import Entry, Plan
from fhsplan.views import FORMAT_VERSION, NotInPlan
from fhsplan.views.console import legend, marks, title_style
from fhsplan.views.export import beneficiaries


@dataclass(frozen=True)
class Filters:
    """What `list` narrows to; None means any."""

    area: str | None = None
    year: int | None = None
    status: Status | None = None
    beneficiary: str | None = None
    change: Change | None = None  # changed this way (in `changed_in`, else in any revision)
    changed_in: str | None = None  # changed by this revision
    owner: str | None = None

    def describe(self) -> str:
        # The filters' values as the command line takes them (ids, codes); a status or a change in
        # the reader's words, which are the command line's in English.
        change = _word(self.change.value, CHANGES[self.change].word) if self.change else None
        if self.changed_in:
            changed = (
                _("{change} in revision {revision}").format(change=change, revision=self.changed_in)
                if change
                else _("changed in revision {revision}").format(revision=self.changed_in)
            )
        else:
            changed = _("{change} in any revision").format(change=change) if change else ""
        parts = [
            _("area {area}").format(area=self.area) if self.area else "",
            _("due {year}").format(year=self.year) if self.year is not None else "",
            _("status {status}").format(status=_word(self.status.value, STATUSES[self.status].word))
            if self.status
            else "",
            changed,
            _("owner {owner}").format(owner=self.owner) if self.owner else "",
            _("for {beneficiary}").format(beneficiary=self.beneficiary) if self.beneficiary else "",
        ]
        return ", ".join(p for p in parts if p) or _("all milestones")

    def as_json(self) -> dict[str, object]:
        return {
            "area": self.area,
            "year": self.year,
            "status": self.status.value if self.status else None,
            "change": self.change.value if self.change else None,
            "changed_in": self.changed_in,
            "owner": self.owner,
            "beneficiary": self.beneficiary,
        }


def _word(value: str, word: str) -> str:
    """A status or change as `--status`/`--change` name it in English, in its word in another language."""
    return value if i18n.language() == i18n.DEFAULT else word


def select(plan: Plan, filters: Filters) -> list[Entry]:
    """The milestones that pass every filter, in plan order; unknown names raise NotInPlan."""
    if filters.area and plan.area(filters.area) is None:
        raise NotInPlan("focus area", filters.area, (a.id for a in plan.areas))
    codes = plan.vocabulary_names("beneficiaries")
    if filters.beneficiary and filters.beneficiary not in codes:
        raise NotInPlan("beneficiary", filters.beneficiary, codes)
    owners = plan.vocabulary_names("owners")
    if filters.owner and filters.owner not in owners:
        raise NotInPlan("owner", filters.owner, owners)
    if filters.changed_in and plan.rank(filters.changed_in) < 0:
        raise NotInPlan("revision", filters.changed_in, plan.revision_ids)
    return [e for e in plan.entries if _passes(plan, e, filters)]


def _passes(plan: Plan, entry: Entry, filters: Filters) -> bool:
    return (
        (filters.area is None or entry.area == filters.area)
        # A span is due in its last year, as in `map --year` and `status`.
        and (filters.year is None or entry.last_year == filters.year)
        and (filters.status is None or entry.status is filters.status)
        and _changed(entry, filters)
        and (filters.owner is None or filters.owner in plan.owners_of(entry))
        and (filters.beneficiary is None or filters.beneficiary in beneficiaries(entry))
    )


def _changed(entry: Entry, filters: Filters) -> bool:
    if filters.change is None and filters.changed_in is None:
        return True
    return any(
        (filters.change is None or h.kind is filters.change)
        and (filters.changed_in is None or h.revision == filters.changed_in)
        for h in entry.model.history
    )


def render_list(
    plan: Plan, entries: list[Entry], filters: Filters, as_of: _dt.date, width: int
) -> list[RenderableType]:
    """A table of the selected milestones, or one line saying none matched."""
    if not entries:
        return [Text(_("No milestone matches ({filters}).").format(filters=filters.describe()))]
    table = Table(box=box.SIMPLE_HEAD, padding=(0, 1), pad_edge=False, collapse_padding=True, expand=True)
    table.add_column("", no_wrap=True)
    table.add_column(_("milestone"), ratio=1, overflow="fold")
    if filters.area is None:
        table.add_column(_("area"), max_width=max(10, width // 5), overflow="fold")
    table.add_column(_("due"), no_wrap=True)
    table.add_column(_("for"), no_wrap=True)
    area_names = {a.id: a.model.name for a in plan.areas}
    for entry in entries:
        title = Text(entry.model.title, style=title_style(plan, entry))
        title.append(f"\n{entry.id}", style="dim")
        due = Text(entry.due_text() if entry.model.due is not None else "–")
        if plan.is_overdue(entry, as_of):
            due.append(" !", style="red")
        row: list[RenderableType] = [marks(plan, entry), title]
        if filters.area is None:
            row.append(area_names.get(entry.area, entry.area))
        row.extend([due, ",".join(beneficiaries(entry))])
        table.add_row(*row)
    count = ngettext(
        "{n} milestone ({filters}); ! overdue as of {date}",
        "{n} milestones ({filters}); ! overdue as of {date}",
        len(entries),
    )
    words = count.format(n=i18n.number(len(entries)), filters=filters.describe(), date=as_of.isoformat())
    note = Text(words, style="dim")
    return [table, note, legend(plan, width)]


def list_json(plan: Plan, entries: list[Entry], filters: Filters, as_of: _dt.date) -> dict[str, Any]:
    return {
        "format_version": FORMAT_VERSION,
        "plan": plan.meta.id,
        "as_of": as_of.isoformat(),
        "revision": plan.current_revision,
        "filters": filters.as_json(),
        "milestones": [
            {
                "id": e.id,
                "title": e.model.title,
                "area": e.area,
                "due": e.due_text(),
                "status": e.status.value,
                "changes": [c.value for c in plan.changes_in(e)],
                "owners": plan.owners_of(e),
                "overdue": plan.is_overdue(e, as_of),
                "beneficiaries": beneficiaries(e),
            }
            for e in entries
        ],
    }
