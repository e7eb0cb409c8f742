"""`fhsplan map`, `status`, `show`, `list` and `export`: the terminal views of a plan (issue #4)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from fhsplan import i18n
from fhsplan.cli.app import (
    AreaOption,
    AsOfOption,
    LangOption,
    OutputOption,
    PlanOption,
    RevisionOption,
    StrictOption,
    app,
    choice_option,
    colour_enabled,
    fail,
    format_option,
    open_plan,
    parse_date,
    width,
    write_output,
)
from fhsplan.i18n import _
from fhsplan.lifecycle import Change, Status
from fhsplan.views import EXPORTERS, VIEW_FORMATS

if TYPE_CHECKING:
    from rich.console import RenderableType

FormatOption = Annotated[str, format_option(VIEW_FORMATS, _("Output format."))]
YearOption = Annotated[int | None, typer.Option("--year", "-y", help=_("One year in focus."))]


def _emit(renderables: list[RenderableType]) -> None:
    from fhsplan.views.console import render

    write_output(render(renderables, width(), colour_enabled()), None)


def _emit_json(document: object) -> None:
    from fhsplan.views import dump_json

    write_output(dump_json(document), None)


@app.command(
    "map", help=_("The strategic map: focus areas by years, milestones with their status, and a legend.")
)
def map_(
    year: YearOption = None,
    area: AreaOption = None,
    ids: Annotated[
        bool,
        typer.Option(
            "--ids",
            help=_("Show each milestone's id under its title, for `fhsplan show ID` (--year always does)."),
        ),
    ] = False,
    fmt: FormatOption = "text",
    plan: PlanOption = None,
    revision: RevisionOption = None,
    strict: StrictOption = False,
    lang: LangOption = None,
) -> None:
    """The strategic map: focus areas by years, milestones with their status, and a legend."""
    from fhsplan.views import NotInPlan
    from fhsplan.views import map as views_map

    if year is None and area is not None:
        fail(_("--area needs --year (the map always shows every area)"))
    index = open_plan(plan, revision, strict)
    if fmt == "json":
        i18n.machine_output()
    if year is None:
        smap = views_map.build_map(index)
        if fmt == "json":
            _emit_json(views_map.map_json(smap))
        else:
            _emit(views_map.render_map(smap, width(), ids))
        return
    try:
        focus = views_map.build_year(index, year, area)
    except NotInPlan as exc:
        fail(str(exc))
    if fmt == "json":
        _emit_json(views_map.year_json(focus))
    else:
        _emit(views_map.render_year(focus, width()))


@app.command(help=_("Counts per stated status by year or area, the revision's changes, share done, overdue."))
def status(
    as_of: AsOfOption = None,
    by: Annotated[
        str, choice_option("--by", choices=("year", "area"), help=_("Rows by due year or area."))
    ] = "year",
    fmt: FormatOption = "text",
    plan: PlanOption = None,
    revision: RevisionOption = None,
    strict: StrictOption = False,
    lang: LangOption = None,
) -> None:
    """Counts per stated status by year or area, the revision's changes, share done, overdue."""
    from fhsplan.views import status as views_status

    index = open_plan(plan, revision, strict, as_of)
    if fmt == "json":
        i18n.machine_output()
    table = views_status.build_status(index, parse_date(as_of), by)
    if fmt == "json":
        _emit_json(views_status.status_json(table))
    else:
        _emit(views_status.render_status(table, width()))


@app.command(help=_("One milestone in full: status and follow-ups, owners, effects, changes, links, source."))
def show(
    milestone: Annotated[str, typer.Argument(metavar="ID", help=_("The milestone's id."))],
    as_of: AsOfOption = None,
    fmt: FormatOption = "text",
    plan: PlanOption = None,
    revision: RevisionOption = None,
    strict: StrictOption = False,
    lang: LangOption = None,
) -> None:
    """One milestone in full: status and follow-ups, owners, effects, changes, links, source."""
    from fhsplan.views import NotInPlan
    from fhsplan.views import show as views_show

    index = open_plan(plan, revision, strict, as_of)
    date = parse_date(as_of)
    if fmt == "json":
        i18n.machine_output()
    try:
        entry = views_show.find_milestone(index, milestone)
    except NotInPlan as exc:
        fail(str(exc))
    if fmt == "json":
        _emit_json(views_show.milestone_json(index, entry, date))
    else:
        _emit(views_show.render_milestone(index, entry, date))


@app.command(
    "list", help=_("Milestones filtered by area, due year, status, revision change, owner and beneficiary.")
)
def list_(
    area: AreaOption = None,
    year: Annotated[
        int | None, typer.Option("--year", "-y", help=_("Only milestones due this year."))
    ] = None,
    status: Annotated[
        Status | None, typer.Option("--status", "-s", help=_("Only this stated status."))
    ] = None,
    change: Annotated[
        Change | None,
        typer.Option(
            "--change", "-c", help=_("Only milestones a revision changed this way (see --changed-in).")
        ),
    ] = None,
    changed_in: Annotated[
        str | None,
        typer.Option("--changed-in", metavar="REVISION", help=_("Only milestones this revision changed.")),
    ] = None,
    owner: Annotated[
        str | None, typer.Option("--owner", "-o", help=_("Only milestones of this owner (its id)."))
    ] = None,
    beneficiary: Annotated[
        str | None,
        typer.Option("--beneficiary", "-b", help=_("Only milestones with an effect for this code.")),
    ] = None,
    as_of: AsOfOption = None,
    fmt: FormatOption = "text",
    plan: PlanOption = None,
    revision: RevisionOption = None,
    strict: StrictOption = False,
    lang: LangOption = None,
) -> None:
    """Milestones filtered by area, due year, status, revision change, owner and beneficiary."""
    from fhsplan.views import NotInPlan, listing

    index = open_plan(plan, revision, strict, as_of)
    date = parse_date(as_of)
    filters = listing.Filters(area, year, status, beneficiary, change, changed_in, owner)
    if fmt == "json":
        i18n.machine_output()
    try:
        entries = listing.select(index, filters)
    except NotInPlan as exc:
        fail(str(exc))
    if fmt == "json":
        _emit_json(listing.list_json(index, entries, filters, date))
    else:
        _emit(listing.render_list(index, entries, filters, date, width()))


@app.command(help=_("The validated plan as JSON or CSV for spreadsheets and BI tools (docs/export.md)."))
def export(
    fmt: Annotated[str, format_option(EXPORTERS, _("Output format."))] = "json",
    output: OutputOption = None,
    as_of: AsOfOption = None,
    plan: PlanOption = None,
    revision: RevisionOption = None,
    lang: LangOption = None,
) -> None:
    """The validated plan as JSON or CSV for spreadsheets and BI tools (docs/export.md)."""
    # Analysts' tools take what they are given: only a plan without errors leaves fhsplan, so
    # export is always strict.
    index = open_plan(plan, revision, strict=True, as_of=as_of)
    i18n.machine_output()  # JSON and CSV are for programs: language-neutral whatever was chosen
    write_output(EXPORTERS[fmt](index, parse_date(as_of)), output)
