"""One milestone in full: status and its history, owners, effects by beneficiary with their
indicators and assessments, revision changes, links, source, uncertainty."""

from __future__ import annotations

import datetime as _dt
from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from fhsplan.i18n import N_, _
from fhsplan.models import Effect, FollowUp, HistoryEntry, Uncertainty, period_of
from fhsplan.palette import CHANGES, STATUSES
from fhsplan.plan import Entry, Plan
from fhsplan.views import FORMAT_VERSION, NotInPlan
from fhsplan.views.console import change_text, marks, status_text
from fhsplan.views.export import milestone_record
from fhsplan.when import spoken
from fhsplan.wording import assessment_text, indicator_text

UNTAGGED = N_("(no beneficiary named)")


def find_milestone(plan: Plan, milestone_id: str) -> Entry:
    """The milestone with this id, or NotInPlan naming the nearest ids."""
    entry = plan.by_id.get(milestone_id)
    if entry is None:
        raise NotInPlan("milestone", milestone_id, plan.by_id)
    return entry


def render_milestone(plan: Plan, entry: Entry, as_of: _dt.date) -> list[RenderableType]:
    """A heading, then label/value rows; empty fields are left out."""
    model = entry.model
    area = plan.area(entry.area)
    heading = Text(model.title, style="bold")
    heading.append(f"\n{entry.id}", style="dim")
    rows = Table.grid(padding=(0, 2))
    rows.add_column(style="bold", no_wrap=True)
    rows.add_column(ratio=1, overflow="fold")
    rows.add_row(_("area"), f"{area.model.name if area else entry.area} ({entry.area})")
    group = plan.group_of(entry)
    if group:
        rows.add_row(_("map group"), f"{plan.vocabulary_names('groups').get(group, group)} ({group})")
    rows.add_row(_("status"), _status(plan, entry, as_of))
    owners = plan.owners_of(entry)
    if owners:
        names = plan.vocabulary_names("owners")
        inherited = "" if entry.model.owners else " " + _("(the area's)")
        rows.add_row(_("owners"), ", ".join(f"{names.get(o, o)} ({o})" for o in owners) + inherited)
    due = (
        entry.due_text()
        if model.due is not None
        else _("no timetable: {note}").format(note=model.timetable_note)
    )
    rows.add_row(_("due"), due)
    for label, value in _optional_rows(plan, entry, as_of):
        rows.add_row(_(label), value)
    return [heading, Text(), rows]


def _status(plan: Plan, entry: Entry, as_of: _dt.date) -> Text:
    text = status_text(entry.status)
    if entry.model.followups:
        latest = entry.model.followups[-1]
        text.append(" " + _("(follow-up {when})").format(when=followup_when(latest)), style="dim")
    changes = plan.changes_in(entry)
    if changes:
        text.append(" · ")
        text.append_text(change_text(changes, words=True))
        text.append(" " + _("in revision {revision}").format(revision=plan.current_revision), style="dim")
    if plan.is_overdue(entry, as_of):
        text.append(" · " + _("overdue as of {date}").format(date=as_of.isoformat()), style="red")
    return text


def followup_when(followup: FollowUp) -> str:
    """`2024-11-30, revision 2024`, or whichever of the two it has, in the language being spoken."""
    parts = [
        followup.date.isoformat() if followup.date else "",
        _("revision {revision}").format(revision=followup.revision) if followup.revision else "",
    ]
    return ", ".join(p for p in parts if p)


def _optional_rows(plan: Plan, entry: Entry, as_of: _dt.date) -> list[tuple[str, RenderableType]]:
    model = entry.model
    rows: list[tuple[str, RenderableType]] = []
    if model.description:
        rows.append((N_("description"), model.description))
    if model.effects:
        rows.append((N_("effects"), _effects(plan, entry)))
    if model.goals:
        goals = plan.vocabulary_names("goals")
        rows.append((N_("goals"), "\n".join(f"{goals.get(g, g)} ({g})" for g in model.goals)))
    reasons = {p.milestone: p.reason for p in model.depends_on}
    if model.depends_on:
        rows.append((N_("needs"), _links(plan, [p.milestone for p in model.depends_on], reasons)))
    dependents = [d.id for d in plan.dependents(entry.id)]
    rows.append(
        (N_("unlocks"), _links(plan, dependents, {}) if dependents else Text(_("nothing"), style="dim"))
    )
    if model.followups:
        rows.append((N_("follow-ups"), _followups(model.followups)))
    if model.history:
        rows.append((N_("changes"), "\n".join(history_line(h) for h in model.history)))
    if model.note:
        rows.append((N_("note"), model.note))
    if model.source:
        rows.append((N_("source"), _source(model.source.document, model.source.section, model.source.quote)))
    uncertain = [*model.uncertain, *(u for e in model.effects for u in e.uncertain)]
    if uncertain:
        rows.append((N_("uncertain"), "\n".join(uncertainty_line(u) for u in uncertain)))
    return rows


def _effects(plan: Plan, entry: Entry) -> RenderableType:
    """Effects grouped by beneficiary, in the plan's beneficiary order; an effect may appear twice."""
    names = plan.vocabulary_names("beneficiaries")
    by_code: dict[str, list[str]] = {}
    for effect in entry.model.effects:
        for code in effect.beneficiaries or [UNTAGGED]:
            by_code.setdefault(code, []).append(effect_text(effect))
    order = [*names, *sorted(c for c in by_code if c not in names)]
    parts: list[RenderableType] = []
    for code in (c for c in order if c in by_code):
        shown = f"{names[code]} ({code})" if code in names else _(code) if code == UNTAGGED else code
        parts.append(Text(shown, style="italic"))
        # A grid, so that a wrapped effect continues under its own text, not under the bullet.
        bullets = Table.grid(padding=(0, 1))
        bullets.add_column(no_wrap=True)
        bullets.add_column(ratio=1, overflow="fold")
        for line in by_code[code]:
            bullets.add_row("  •", line)
        parts.append(bullets)
    return Group(*parts)


def effect_text(effect: Effect) -> str:
    """An effect with its note, its indicator and how each revision judged it."""
    lines = [effect.text + (f" ({effect.note})" if effect.note else "")]
    if effect.indicator:
        lines.append(_("indicator: {indicator}").format(indicator=indicator_text(effect.indicator)))
    lines.extend(_("revision {assessment}").format(assessment=assessment_text(a)) for a in effect.assessments)
    return "\n".join(lines)


def _links(plan: Plan, ids: list[str], reasons: dict[str, str | None]) -> Text:
    text = Text()
    for index, other_id in enumerate(ids):
        if index:
            text.append("\n")
        other = plan.by_id.get(other_id)
        if other is None:  # an unknown reference is FHS302's business; show it as written
            text.append(_("? {id} (not in the plan)").format(id=other_id), style="yellow")
            continue
        text.append_text(marks(plan, other))
        text.append(f" {other.model.title} [{other.id}]")
        text.append(f" ({other.due_text()}, {STATUSES[other.status].word})", style="dim")
        if reasons.get(other_id):
            text.append(f"\n  {reasons[other_id]}", style="dim")
    return text


def history_line(entry: HistoryEntry) -> str:
    """`2023: postponed from 2022`, `2023: reformulated; previously "…"`."""
    text = f"{entry.revision}: {CHANGES[entry.kind].word}"
    if entry.before is not None:
        text += " " + _("from {when}").format(when=spoken(period_of(entry.before)))
    if entry.from_area:
        text += " " + _("from area {area}").format(area=entry.from_area)
    if entry.previous:
        text += "; " + _('previously "{title}"').format(title=entry.previous)
    if entry.note:
        text += f" ({entry.note})"
    return text


def _followups(followups: list[FollowUp]) -> Text:
    """Each follow-up on its lines: when, the status seen, the comment, evidence and reporter."""
    text = Text()
    for index, f in enumerate(followups):
        text.append("\n" if index else "")
        text.append(f"{followup_when(f)}: ")
        text.append_text(status_text(f.status))
        source = _source(f.source.document, f.source.section, f.source.quote) if f.source else None
        for label, value in (
            ("", f.comment), (_("evidence: "), f.evidence), (_("reported by "), f.reporter),
            (_("note: "), f.note), (_("source: "), source),
        ):  # fmt: skip
            if value:
                lines = f"{label}{value}".splitlines()
                text.append("".join(f"\n  {line}" for line in lines), style="dim" if label else "")
    return text


# A plan file's field, as the rows above name it, where an uncertainty names one; a path into a
# field (`followups[0].status`) is shown as written.
FIELD_LABELS = {
    "due": N_("due"), "description": N_("description"), "effects": N_("effects"), "title": N_("title"),
    "text": N_("text"), "group": N_("map group"), "beneficiaries": N_("beneficiaries"), "goals": N_("goals"),
    "depends_on": N_("needs"), "history": N_("changes"), "followups": N_("follow-ups"),
    "revisions": N_("revisions"), "owners": N_("owners"), "status": N_("status"), "note": N_("note"),
}  # fmt: skip


def uncertainty_line(u: Uncertainty) -> str:
    field = _(FIELD_LABELS[u.field]) if u.field in FIELD_LABELS else u.field
    return _('{field}: the source shows "{shown}". {note}').format(
        field=field, shown=u.source_shows, note=u.note
    )


def _source(document: str, section: str | None, quote: str | None) -> str:
    text = document + (f", {section}" if section else "")
    return text + (f'\n"{quote}"' if quote else "")


def milestone_json(plan: Plan, entry: Entry, as_of: _dt.date) -> dict[str, Any]:
    """The export record of one milestone, with the format version and the date it was judged on."""
    return {
        "format_version": FORMAT_VERSION,
        "as_of": as_of.isoformat(),
        **milestone_record(plan, entry, as_of),
    }
