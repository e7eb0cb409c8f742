"""A plan diff for the terminal: the summary, what needs attention and a rich table per area."""

from __future__ import annotations

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from fhsplan.compare import Change, PlanDiff, shown_label, summary
from fhsplan.compare_plan import PlanChange
from fhsplan.escape import terminal, terminal_line
from fhsplan.i18n import _, ngettext
from fhsplan.i18n import number as n_
from fhsplan.views.console import change_text, status_text
from fhsplan.views.console import render as render_renderables

_SEVERITY_STYLES = {"error": ("✖", "bold red"), "warning": ("!", "yellow")}
# Laying out a rich table costs ~0.7 ms a row (18k rows took 13 s); past this a terminal reader
# wants the JSON or Markdown anyway.
MAX_ROWS = 400
# A plan that does not load at HEAD: this many of the findings that say why.
FIRST_FINDINGS = 10


def render(diff: PlanDiff, width: int, colour: bool) -> str:
    """The diff as text `width` columns wide, in colour when `colour`."""
    return render_renderables(_renderables(diff), width, colour)


def _renderables(diff: PlanDiff) -> list[RenderableType]:
    out: list[RenderableType] = [
        Text(f"{diff.title} ({diff.plan})", style="bold"),
        Text(f"{shown_label(diff.base)} → {shown_label(diff.head)}", style="dim"),
        Text(terminal_line(summary(diff))),
    ]
    for finding in diff.unloadable[:FIRST_FINDINGS]:
        sym, style = _SEVERITY_STYLES[finding.severity.value]
        where = terminal_line(str(finding.pos))
        out.append(Text(f"{sym} {where}: {finding.code} {terminal_line(finding.message)}", style=style))
    if len(diff.unloadable) > FIRST_FINDINGS:
        more = len(diff.unloadable) - FIRST_FINDINGS
        out.append(Text(_("… {n} more; fhsplan validate lists them all").format(n=n_(more))))
    for notice in diff.notices:
        sym, style = _SEVERITY_STYLES[notice.severity]
        code = f"{notice.code} " if notice.code else ""
        out.append(Text(f"{sym} {code}{notice.message}", style=style))
    if diff.plan_changes:
        out.append(_plan_table(diff.plan_changes[:MAX_ROWS]))
    for area in diff.areas:
        out.append(_table(area.name, area.changes[:MAX_ROWS]))
        if len(area.changes) > MAX_ROWS:
            more = len(area.changes) - MAX_ROWS
            line = ngettext(
                "… {n} more change in {area}; --format markdown or json lists them all",
                "… {n} more changes in {area}; --format markdown or json lists them all",
                more,
            )
            out.append(Text(line.format(n=n_(more), area=area.name)))
    return out


def _table(name: str, changes: tuple[Change, ...]) -> Table:
    table = Table(title=name, title_justify="left", title_style="bold", expand=False, show_lines=False)
    for column in ("", _("Milestone"), _("Change"), _("Before"), _("After")):
        table.add_column(column, overflow="fold")
    previous = None
    for c in changes:
        first = c.milestone != previous
        previous = c.milestone
        badge = Text("")
        if first and c.status is not None:
            badge = status_text(c.status, words=False)
            if c.revised:
                badge.append(" ").append_text(change_text(c.revised))
        who = Text(f"{c.title}\n", style="bold").append(c.milestone, style="dim") if first else Text("")
        table.add_row(badge, who, c.label, c.before, c.after)
    return table


def _plan_table(changes: list[PlanChange]) -> Table:
    """The changes to the plan itself: plan.yaml's fields, vocabularies and focus areas."""
    table = Table(title=_("The plan itself"), title_justify="left", title_style="bold", expand=False)
    for column in (_("Change"), _("Before"), _("After")):
        table.add_column(column, overflow="fold")
    for c in changes:
        table.add_row(c.label, terminal(c.before), terminal(c.after))
    return table
