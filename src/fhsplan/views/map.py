"""The strategic map: focus areas by map group as rows, the plan's years as columns (issue #4).

`--year` zooms to one year: per area, what is due, what it needs and what it unlocks later.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from fhsplan import i18n
from fhsplan.hyphenation import wrap_words
from fhsplan.i18n import N_, _, ngettext
from fhsplan.lifecycle import Status
from fhsplan.palette import STATUSES
from fhsplan.plan import Area, Entry, Plan
from fhsplan.views import FORMAT_VERSION, NotInPlan
from fhsplan.views.console import change_text, legend, marks, status_text, title_style
from fhsplan.views.export import beneficiaries

# A title may take this many lines in a map cell (more in narrow cells); longer ones end in "…".
TITLE_LINES = 3
NARROW_TITLE_LINES = 4
NARROW_CELL = 20
NO_GROUP = N_("Other areas")


@dataclass
class MapRow:
    """One row of the map: an area within a map group, its milestones by due year."""

    group: str | None
    area: Area
    cells: dict[int, list[Entry]] = field(default_factory=dict)


@dataclass
class StrategicMap:
    """The map's rows and the milestones that fall outside its columns."""

    plan: Plan
    rows: list[MapRow]
    earlier: list[Entry]
    later: list[Entry]
    untimed: list[Entry]


def build_map(plan: Plan) -> StrategicMap:
    """Place every milestone in its lane's row and the column of the year it is to be reached."""
    start, end = plan.meta.period.start, plan.meta.period.end
    rows = [MapRow(lane.group, lane.area) for lane in plan.lanes()]
    row_of = {(row.group, row.area.id): row for row in rows}
    outside: dict[str, list[Entry]] = {"earlier": [], "later": [], "untimed": []}
    for entry in plan.entries:  # in plan order, so the lists below the map are too
        year = entry.last_year
        if year is None:
            outside["untimed"].append(entry)
        elif year < start:
            outside["earlier"].append(entry)
        elif year > end:
            outside["later"].append(entry)
        else:
            row_of[(plan.group_of(entry), entry.area)].cells.setdefault(year, []).append(entry)
    return StrategicMap(plan, rows, outside["earlier"], outside["later"], outside["untimed"])


def render_map(smap: StrategicMap, width: int, ids: bool = False) -> list[RenderableType]:
    """The map as a table at `width` columns, the milestones outside it, and the legend; with `ids`,
    each milestone's id under its title, for `fhsplan show ID`."""
    plan = smap.plan
    years = list(plan.years)
    area_width = _area_width(plan, width)
    # Without outer edges each column costs its width plus 2 cells of padding, and 1 between columns.
    year_width = max(8, (width - area_width - 3 * len(years) - 1) // len(years))
    table = Table(box=box.SQUARE, show_lines=True, show_edge=False, padding=(0, 1))
    table.add_column(_("Focus area"), width=area_width)
    for year in years:
        table.add_column(str(year), width=year_width)
    group_names = plan.vocabulary_names("groups")
    grouped = any(row.group for row in smap.rows)  # a plan without map groups needs no group rows
    current_group: object = object()
    for row in smap.rows:
        if grouped and row.group != current_group:
            current_group = row.group
            name = group_names.get(row.group, row.group) if row.group else _(NO_GROUP)
            table.add_row(
                Text("\n".join(wrap_words(name.upper(), area_width)), style="bold"), *[""] * len(years)
            )
        cells = [_cell(plan, row.cells.get(year, []), year_width, ids) for year in years]
        table.add_row(Text("\n".join(wrap_words(row.area.model.name, area_width)), style="bold"), *cells)
    out: list[RenderableType] = [_heading(plan), Text(), table, Text()]
    out.extend(_outside(smap, ids))
    out.append(legend(plan, width))
    return out


def _area_width(plan: Plan, width: int) -> int:
    """Wide enough for the longest word of an area name, within a sixth of the terminal."""
    words = [w for a in plan.areas for w in a.model.name.split()] or _("Focus area").split()
    return max(10, min(max(len(w) for w in words), max(14, width // 6)))


def _heading(plan: Plan) -> Text:
    period = f"{plan.meta.period.start}–{plan.meta.period.end}"
    text = Text(plan.meta.title, style="bold")
    line = _("{owner} · period {period} · revision {revision}").format(
        owner=plan.meta.owner, period=period, revision=plan.current_revision
    )
    text.append(f"\n{line}", style="dim")
    return text


def _cell(plan: Plan, entries: list[Entry], width: int, ids: bool = False) -> Text:
    text = Text()
    for index, entry in enumerate(entries):
        if index:
            text.append("\n")
        symbols = marks(plan, entry)
        indent = len(symbols) + 1
        max_lines = NARROW_TITLE_LINES if width < NARROW_CELL else TITLE_LINES
        text.append_text(symbols)
        text.append(" ")
        lines = _wrap(entry.model.title, width - indent, max_lines)
        text.append(("\n" + " " * indent).join(lines), style=title_style(plan, entry))
        if entry.first_year != entry.last_year:  # a span sits in its last year; say where it began
            text.append(f"\n  {entry.due_text()}", style="dim")
        if ids:  # in brackets, as the --year view and the lists below show it
            text.append("".join(f"\n  {line}" for line in id_lines(f"[{entry.id}]", width - 2)), style="dim")
    return text


def id_lines(ident: str, width: int) -> list[str]:
    """An id in lines of `width`, broken after its hyphens, so that it reads whole when joined; a
    part longer than a line fills the line it starts on and goes on in the next."""
    width = max(1, width)
    lines = [""]
    for part in re.findall(r"[^-]+-?|-", ident):
        if len(lines[-1]) + len(part) <= width:
            lines[-1] += part
        elif len(part) <= width:
            lines.append(part)
        else:
            room = width - len(lines[-1])
            lines[-1] += part[:room]
            lines.extend(part[i : i + width] for i in range(room, len(part), width))
    return lines


def _wrap(title: str, width: int, max_lines: int) -> list[str]:
    """Title lines for a cell: wrapped at words, at most `max_lines`, shortened with '…'."""
    lines = wrap_words(title, width)
    if len(lines) <= max_lines:
        return lines
    kept = lines[:max_lines]
    last = kept[-1]
    kept[-1] = (last if len(last) < width else last[: width - 1].rstrip(" -")) + "…"
    return kept


def _outside(smap: StrategicMap, ids: bool = False) -> list[RenderableType]:
    """Milestones the year columns cannot hold, so that none is dropped silently."""
    plan = smap.plan
    period = plan.meta.period
    parts = [
        (_("Due before {year}:").format(year=period.start), smap.earlier),
        (_("Due after {year}:").format(year=period.end), smap.later),
        (_("No timetable:"), smap.untimed),
    ]
    out: list[RenderableType] = []
    for heading, entries in parts:
        if not entries:
            continue
        grid = Table.grid(padding=(0, 1))
        grid.add_column(width=1)
        grid.add_column(no_wrap=True)
        grid.add_column(ratio=1)
        for entry in entries:
            area = plan.area(entry.area)
            text = Text(entry.model.title)
            when = entry.model.timetable_note if entry.model.due is None else entry.due_text()
            text.append(f" — {area.model.name if area else entry.area}; {when}", style="dim")
            if ids:
                text.append(f" [{entry.id}]", style="dim")
            grid.add_row("", marks(plan, entry), text)
        out.extend([Text(heading, style="bold"), grid])
    return out


def map_json(smap: StrategicMap) -> dict[str, object]:
    """The map for tools: rows with milestone ids by year, and the milestones outside the years."""
    plan = smap.plan
    return {
        "format_version": FORMAT_VERSION,
        "plan": plan.meta.id,
        "current_revision": plan.current_revision,
        "years": list(plan.years),
        "rows": [
            {
                "group": row.group,
                "area": row.area.id,
                "cells": {
                    str(year): [_brief(plan, e) for e in row.cells.get(year, [])] for year in plan.years
                },
            }
            for row in smap.rows
        ],
        "earlier": [_brief(plan, e) for e in smap.earlier],
        "later": [_brief(plan, e) for e in smap.later],
        "no_timetable": [_brief(plan, e) for e in smap.untimed],
    }


def _brief(plan: Plan, entry: Entry) -> dict[str, object]:
    return {
        "id": entry.id,
        "title": entry.model.title,
        "area": entry.area,
        "due": entry.due_text(),
        "status": entry.status.value,
        "changes": [c.value for c in plan.changes_in(entry)],
        "colour": plan.colour(entry).value,
    }


# --- one year in focus -------------------------------------------------------------------------


@dataclass
class FocusItem:
    """A milestone due in the focus year, with what it needs and what it unlocks."""

    entry: Entry
    beneficiaries: list[str]
    needs: list[Entry]
    unlocks: list[Entry]


@dataclass
class YearFocus:
    plan: Plan
    year: int
    area: str | None
    by_area: list[tuple[Area, list[FocusItem]]]
    not_pursued: list[FocusItem]  # due that year, but removed or cancelled


def build_year(plan: Plan, year: int, area_id: str | None = None) -> YearFocus:
    """Milestones to be reached in `year` (spans in their last year), per area, in plan order."""
    if area_id is not None and plan.area(area_id) is None:
        raise NotInPlan("focus area", area_id, (a.id for a in plan.areas))
    due = plan.due_in(year)
    by_area = []
    for area in plan.areas:
        if area_id is not None and area.id != area_id:
            continue
        items = [_focus_item(plan, e) for e in due if e.area == area.id]
        if items:
            by_area.append((area, items))
    ended = [_focus_item(plan, e) for e in plan.due_in(year, active=False) if area_id in (None, e.area)]
    return YearFocus(plan, year, area_id, by_area, ended)


def _focus_item(plan: Plan, entry: Entry) -> FocusItem:
    return FocusItem(
        entry,
        beneficiaries(entry),
        plan.prerequisites(entry.id),
        plan.dependents(entry.id),
    )


def render_year(focus: YearFocus, width: int) -> list[RenderableType]:
    """Per area, a block per milestone: status, title, id, for whom, needs, unlocks."""
    plan = focus.plan
    area = plan.area(focus.area) if focus.area else None
    if not focus.by_area and not focus.not_pursued:
        period = f"{plan.meta.period.start}–{plan.meta.period.end}"
        nothing = (
            _("Nothing is due in {year} in {area} ({plan}, period {period}).")
            if area
            else _("Nothing is due in {year} ({plan}, period {period}).")
        )
        return [
            Text(
                nothing.format(
                    year=focus.year, area=area.model.name if area else "", plan=plan.meta.id, period=period
                )
            )
        ]
    count = sum(len(items) for _area, items in focus.by_area)
    if area:
        words = ngettext("{year} in {area}: {n} milestone due", "{year} in {area}: {n} milestones due", count)
    else:
        words = ngettext("{year}: {n} milestone due", "{year}: {n} milestones due", count)
    heading = Text(
        words.format(year=focus.year, area=area.model.name if area else "", n=i18n.number(count)),
        style="bold",
    )
    heading.append(
        _(" · {title}, revision {revision}").format(title=plan.meta.title, revision=plan.current_revision),
        style="dim",
    )
    out: list[RenderableType] = [heading]
    names = plan.vocabulary_names("beneficiaries")
    for area, items in focus.by_area:
        out.append(Text(f"\n{area.model.name}", style="bold underline"))
        for index, item in enumerate(items):
            out.extend([Text()] if index else [])
            out.append(_item_block(plan, item, names))
    if focus.not_pursued:
        ended = _("No longer pursued ({n})").format(n=i18n.number(len(focus.not_pursued)))
        out.append(Text(f"\n{ended}", style="bold underline"))
        for index, item in enumerate(focus.not_pursued):
            out.extend([Text()] if index else [])
            out.append(_item_block(plan, item, names))
    out.append(Text())
    out.append(legend(plan, width))
    return out


# The labels of a milestone's details in the year in focus; their column is as wide as the longest.
ITEM_LABELS = (N_("status"), N_("for"), N_("needs"), N_("unlocks"))


def _item_block(plan: Plan, item: FocusItem, names: dict[str, str]) -> Table:
    """Symbol, then title and id with the details hanging under the title."""
    labels = [_(label) for label in ITEM_LABELS]
    details = Table.grid(padding=(0, 1))
    details.add_column(width=max(len(label) for label in labels), style="dim")
    details.add_column(ratio=1, overflow="fold")
    details.add_row(labels[0], _status_line(plan, item))
    if item.beneficiaries:
        details.add_row(labels[1], ", ".join(f"{names.get(c, c)} ({c})" for c in item.beneficiaries))
    details.add_row(labels[2], _links(plan, item.needs, _("nothing"), needs=True))
    details.add_row(labels[3], _links(plan, item.unlocks, _("nothing later"), needs=False))
    title = Text(item.entry.model.title, style=f"bold {title_style(plan, item.entry)}".strip())
    title.append(f"  [{item.entry.id}]", style="dim")
    block = Table.grid(padding=(0, 1))
    block.add_column(no_wrap=True)
    block.add_column(ratio=1)
    block.add_row(marks(plan, item.entry), Group(title, details))
    return block


def _status_line(plan: Plan, item: FocusItem) -> Text:
    text = status_text(item.entry.status)
    changes = plan.changes_in(item.entry)
    if changes:
        text.append(" · ")
        text.append_text(change_text(changes, words=True))
    text.append(_(" · due {due}").format(due=item.entry.due_text()))
    return text


def _links(plan: Plan, entries: list[Entry], none: str, needs: bool) -> Text:
    if not entries:
        return Text(none, style="dim")
    text = Text()
    for index, other in enumerate(entries):
        if index:
            text.append("\n")
        text.append_text(marks(plan, other))
        text.append(f" {other.model.title}")
        detail = f"{other.due_text()}, {STATUSES[other.status].word}"
        if needs and other.status is not Status.done:
            detail += ", " + _("not done")
        text.append(f" ({detail})", style="dim")
    return text


def year_json(focus: YearFocus) -> dict[str, object]:
    """The year in focus for tools: per area, milestones with needs and unlocks."""
    plan = focus.plan
    return {
        "format_version": FORMAT_VERSION,
        "plan": plan.meta.id,
        "year": focus.year,
        "area": focus.area,
        "areas": [
            {"id": area.id, "name": area.model.name, "milestones": [_item_json(plan, i) for i in items]}
            for area, items in focus.by_area
        ],
        "not_pursued": [_item_json(plan, i) for i in focus.not_pursued],
    }


def _item_json(plan: Plan, item: FocusItem) -> dict[str, object]:
    return {
        **_brief(plan, item.entry),
        "beneficiaries": item.beneficiaries,
        "needs": [{**_brief(plan, e), "done": e.status is Status.done} for e in item.needs],
        "unlocks": [_brief(plan, e) for e in item.unlocks],
    }
