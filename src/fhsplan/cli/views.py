"""`fhsplan map`, `status`, `show`, `list` and `export`: the terminal views of a plan (issue #4)."""

from __future__ import annotations

import shutil
import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from fhsplan.cli.app import (
    EXIT_FINDINGS,
    EXIT_OK,
    PlanOption,
    app,
    colour_enabled,
    fail,
    open_plan,
    parse_date,
)
from fhsplan.shown import Shown

if TYPE_CHECKING:
    from rich.console import RenderableType


class ViewFormat(str, Enum):
    text = "text"
    json = "json"


class ExportFormat(str, Enum):
    json = "json"
    csv = "csv"


class StatusBy(str, Enum):
    year = "year"
    area = "area"


FormatOption = Annotated[ViewFormat, typer.Option("--format", "-f", help="Output format.")]
AsOfOption = Annotated[
    str | None,
    typer.Option("--as-of", metavar="DATE", help="Judge 'overdue' as of this date. Default: today."),
]
AreaOption = Annotated[str | None, typer.Option("--area", "-a", help="Only this focus area (its id).")]


def _width() -> int:
    """The terminal's width; COLUMNS wins (tests and pipes), 80 when there is no terminal."""
    return shutil.get_terminal_size((80, 24)).columns


def _emit(renderables: list[RenderableType]) -> None:
    from fhsplan.views.console import render

    sys.stdout.write(render(renderables, _width(), colour_enabled()))


def _emit_json(document: object) -> None:
    from fhsplan.views import dump_json

    sys.stdout.write(dump_json(document))


@app.command("map")
def map_(
    year: Annotated[int | None, typer.Option("--year", "-y", help="One year in focus.")] = None,
    area: AreaOption = None,
    output: FormatOption = ViewFormat.text,
    plan: PlanOption = None,
) -> None:
    """The strategic map: focus areas by years, milestones with their status, and a legend."""
    from fhsplan.views import NotInPlan
    from fhsplan.views import map as views_map

    index = open_plan(plan)
    if year is None:
        if area is not None:
            fail("--area needs --year (the map always shows every area)")
        smap = views_map.build_map(index)
        if output is ViewFormat.json:
            _emit_json(views_map.map_json(smap))
        else:
            _emit(views_map.render_map(smap, _width()))
        raise typer.Exit(EXIT_OK)
    try:
        focus = views_map.build_year(index, year, area)
    except NotInPlan as exc:
        fail(str(exc))
    if output is ViewFormat.json:
        _emit_json(views_map.year_json(focus))
    else:
        _emit(views_map.render_year(focus, _width()))


@app.command()
def status(
    as_of: AsOfOption = None,
    by: Annotated[StatusBy, typer.Option("--by", help="Rows by due year or by focus area.")] = StatusBy.year,
    output: FormatOption = ViewFormat.text,
    plan: PlanOption = None,
) -> None:
    """Counts per status by year or area: share done, overdue as of a date, milestones without timetable."""
    from fhsplan.views import status as views_status

    table = views_status.build_status(open_plan(plan), parse_date(as_of), by.value)
    if output is ViewFormat.json:
        _emit_json(views_status.status_json(table))
    else:
        _emit(views_status.render_status(table, _width()))


@app.command()
def show(
    milestone: Annotated[str, typer.Argument(metavar="ID", help="The milestone's id.")],
    as_of: AsOfOption = None,
    output: FormatOption = ViewFormat.text,
    plan: PlanOption = None,
) -> None:
    """One milestone in full: effects by beneficiary, history, prerequisites, dependents, source."""
    from fhsplan.views import NotInPlan
    from fhsplan.views import show as views_show

    index = open_plan(plan)
    date = parse_date(as_of)
    try:
        entry = views_show.find_milestone(index, milestone)
    except NotInPlan as exc:
        fail(str(exc))
    if output is ViewFormat.json:
        _emit_json(views_show.milestone_json(index, entry, date))
    else:
        _emit(views_show.render_milestone(index, entry, date))


@app.command("list")
def list_(
    area: AreaOption = None,
    year: Annotated[int | None, typer.Option("--year", "-y", help="Only milestones due this year.")] = None,
    status: Annotated[Shown | None, typer.Option("--status", "-s", help="Only this status.")] = None,
    beneficiary: Annotated[
        str | None, typer.Option("--beneficiary", "-b", help="Only milestones with an effect for this code.")
    ] = None,
    as_of: AsOfOption = None,
    output: FormatOption = ViewFormat.text,
    plan: PlanOption = None,
) -> None:
    """Milestones filtered by area, due year, status and beneficiary."""
    from fhsplan.views import NotInPlan, listing

    index = open_plan(plan)
    date = parse_date(as_of)
    filters = listing.Filters(area, year, status, beneficiary)
    try:
        entries = listing.select(index, filters)
    except NotInPlan as exc:
        fail(str(exc))
    if output is ViewFormat.json:
        _emit_json(listing.list_json(index, entries, filters, date))
    else:
        _emit(listing.render_list(index, entries, filters, date, _width()))


@app.command()
def export(
    output: Annotated[ExportFormat, typer.Option("--format", "-f", help="json or csv.")] = ExportFormat.json,
    out: Annotated[
        Path | None,
        typer.Option("--output", "-o", metavar="FILE", help="Write here (atomically). Default: stdout."),
    ] = None,
    as_of: AsOfOption = None,
    plan: PlanOption = None,
) -> None:
    """The validated plan as JSON or CSV for spreadsheets and BI tools (docs/export.md)."""
    from fhsplan.atomic import write_text
    from fhsplan.check import check_plan
    from fhsplan.rules import Context
    from fhsplan.views.export import EXPORTERS

    index = open_plan(plan)
    date = parse_date(as_of)
    # Analysts' tools take what they are given: only a plan without errors leaves fhsplan.
    errors = [f for f in check_plan(index, Context(as_of=date)) if f.severity.value == "error"]
    if errors:
        fail(
            f"plan {index.name} has {len(errors)} error(s); fix them first (fhsplan validate)", EXIT_FINDINGS
        )
    text = EXPORTERS[output.value](index, date)
    if out is None:
        sys.stdout.write(text)
        return
    try:
        write_text(out, text)
    except OSError as exc:
        fail(f"cannot write {out}: {exc.strerror or exc}")
