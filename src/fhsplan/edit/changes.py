"""The edit kinds: each changes a milestone (or the plan file) and books what it did to the revision
being prepared, with what was there before (issue #14). Each returns a line saying what it did.

    set       a follow-up {revision, date, status, comment, evidence, reporter}; `status:` kept in step
    postpone  `due` later, and {kind: postponed, revision, from: <the due before>}
    advance   `due` earlier, and {kind: advanced, revision, from: <the due before>}
    reword    `title` (and `description`), and {kind: reformulated, revision, previous: <old title>}
    cancel    a cancelled follow-up (`status:` in step), and {kind: removed, revision, note: <reason>}
    add       a new milestone with {kind: added, revision}
    revision  a new revision in plan.yaml, made the current one
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from fhsplan.edit import Refused, values
from fhsplan.edit.fragments import Value
from fhsplan.edit.session import Session, Target
from fhsplan.i18n import _
from fhsplan.lifecycle import Change, Status
from fhsplan.models import AreaFile, Milestone, PlanFile, Span
from fhsplan.views import NotInPlan

# New keys go where the models declare them (and so where docs/plan-format.md lists them).
MILESTONE_ORDER = tuple(Milestone.model_fields)
AREA_ORDER = tuple(AreaFile.model_fields)
PLAN_ORDER = tuple(PlanFile.model_fields)
SPAN_ORDER = tuple(Span.model_fields)


@dataclass(frozen=True, slots=True)
class Observation:
    """What a follow-up says: the status seen, and optionally a comment, evidence and who said so."""

    status: Status
    comment: str | None = None
    evidence: str | None = None
    reporter: str | None = None
    date: str | None = None  # ISO; default: the session's day


def set_status(session: Session, ident: str, seen: Observation) -> str:
    """Record a follow-up of the milestone and keep its `status:` field, if it has one, in step."""
    target = session.milestone(ident)
    record: dict[str, Value] = {
        "revision": values.revision_value(session.revision),
        "date": seen.date or session.as_of.isoformat(),
        "status": seen.status.value,
    }
    for key, text in (("comment", seen.comment), ("evidence", seen.evidence), ("reporter", seen.reporter)):
        if text is not None:
            record[key] = values.text(text, key)
    _follow_up(target, record)
    from fhsplan.rules.base import status_word

    return _("{id}: {status} (follow-up of revision {revision})").format(
        id=ident, status=status_word(seen.status), revision=session.revision
    )


def move(session: Session, ident: str, to: str, *, later: bool) -> str:
    """Postpone (`later`) or advance the milestone's due, booking the due it had before."""
    target = session.milestone(ident)
    entry = target.entry
    new = values.due(to)
    if entry.period is None or entry.model.due is None:
        raise Refused(
            _("{id} has no due to move (its timetable note: {note})").format(
                id=ident, note=entry.model.timetable_note
            )
        )
    period = values.period(new)
    if later and not period.later_than(entry.period):
        raise Refused(_("cannot postpone {id} to {when}: that does not end later than its due {due}").format(id=ident, when=period.text, due=entry.due_text()))  # fmt: skip
    if not later and not entry.period.later_than(period):
        raise Refused(_("cannot advance {id} to {when}: that does not end earlier than its due {due}").format(id=ident, when=period.text, due=entry.due_text()))  # fmt: skip
    _put_due(target, new)
    kind = Change.postponed if later else Change.advanced
    _history(session, target, kind, {"from": _due_value(entry.model.due)})
    if later:
        said = _("{id}: postponed from {old} to {new} (revision {revision})")
    else:
        said = _("{id}: advanced from {old} to {new} (revision {revision})")
    return said.format(id=ident, old=entry.due_text(), new=period.text, revision=session.revision)


def reword(session: Session, ident: str, title: str, description: str | None = None) -> str:
    """Give the milestone a new title (and description), booking the title it had."""
    target = session.milestone(ident)
    new = values.text(title, "title")
    old = target.entry.model.title
    if new == old:
        raise Refused(_("{id} is already titled {title}").format(id=ident, title=values.shown(new)))
    target.file.put(target.at, "title", new, MILESTONE_ORDER)
    if description is not None:
        target.file.put(target.at, "description", values.text(description, "description"), MILESTONE_ORDER)
    _history(session, target, Change.reformulated, {"previous": old})
    return _("{id}: reformulated (revision {revision})").format(id=ident, revision=session.revision)


def cancel(session: Session, ident: str, reason: str, date: str | None = None) -> str:
    """Cancel the milestone: a cancelled follow-up, and the revision's removal with the reason."""
    target = session.milestone(ident)
    if target.entry.removed:
        raise Refused(_("{id} is already removed from the plan").format(id=ident))
    note = values.text(reason, "reason")
    record: dict[str, Value] = {
        "revision": values.revision_value(session.revision),
        "date": date or session.as_of.isoformat(),
        "status": Status.cancelled.value,
    }
    _history(session, target, Change.removed, {"note": note})
    _follow_up(target, record)
    return _("{id}: cancelled and removed (revision {revision})").format(id=ident, revision=session.revision)


@dataclass(frozen=True, slots=True)
class NewMilestone:
    """What `add` is told about a new milestone."""

    area: str
    title: str
    due: str
    id: str | None = None
    description: str | None = None
    owners: Sequence[str] = ()
    depends_on: Sequence[str] = ()


def add(session: Session, new: NewMilestone) -> str:
    """Append a milestone to its focus area's file, added by the revision being prepared."""
    plan = session.plan
    file = session.area_file(new.area)
    title = values.text(new.title, "title")
    ident = values.slug(new.id) if new.id else values.slug_of(title, plan.by_id)
    if ident in plan.by_id:
        raise Refused(
            _("there is already a milestone {id} (in focus area {area})").format(
                id=ident, area=plan.by_id[ident].area
            )
        )
    record: dict[str, Value] = {"id": ident, "title": title}
    if new.description is not None:
        record["description"] = values.text(new.description, "description")
    record["due"] = values.due(new.due)
    if new.owners:
        record["owners"] = [_known("owner", o, plan.vocabulary_names("owners")) for o in new.owners]
    if new.depends_on:
        record["depends_on"] = [{"milestone": _known("milestone", m, plan.by_id)} for m in new.depends_on]
    record["history"] = [{"kind": Change.added.value, "revision": values.revision_value(session.revision)}]
    file.append(file.root, "milestones", record, AREA_ORDER)
    return _("{id}: added to {area} (revision {revision})").format(
        id=ident, area=new.area, revision=session.revision
    )


@dataclass(frozen=True, slots=True)
class NewRevision:
    """What `revision new` is told: the revision's id and the decision that adopts it."""

    id: str
    decision: str
    decided_by: str
    date: str
    note: str | None = None


def new_revision(session: Session, new: NewRevision) -> str:
    """Append a revision to plan.yaml and make it the current one: later edits are booked to it."""
    ident = values.revision_id(new.id)
    if ident in session.plan.revision_ids:
        raise Refused(_("the plan already has a revision {id}").format(id=ident))
    record: dict[str, Value] = {
        "id": values.revision_value(ident),
        "date": values.date(new.date),
        "decision": values.text(new.decision, "decision"),
        "decided_by": values.text(new.decided_by, "decision body"),
    }
    if new.note is not None:
        record["note"] = values.text(new.note, "note")
    file = session.plan_file()
    file.append(file.root, "revisions", record, PLAN_ORDER)
    file.put(file.root, "current_revision", values.revision_value(ident), PLAN_ORDER)
    session.revision = ident
    return _("revision {id}: started, and now the current revision").format(id=ident)


def _follow_up(target: Target, record: dict[str, Value]) -> None:
    target.file.append(target.at, "followups", record, MILESTONE_ORDER)
    if target.file.get(target.at, "status") is not None:  # FHS503: the field must agree
        target.file.put(target.at, "status", record["status"], MILESTONE_ORDER)


def _history(session: Session, target: Target, kind: Change, fields: dict[str, Value]) -> None:
    record: dict[str, Value] = {"kind": kind.value, "revision": values.revision_value(session.revision)}
    target.file.append(target.at, "history", record | fields, MILESTONE_ORDER)


def _put_due(target: Target, new: values.Due) -> None:
    """Write the new due; a span replacing a span keeps its layout (block or flow) end for end."""
    old = target.file.get(target.at, "due")
    if isinstance(new, dict) and old is not None and old.is_mapping:
        for key in SPAN_ORDER:
            target.file.put(old, key, new[key], SPAN_ORDER)
    else:
        target.file.put(target.at, "due", new, MILESTONE_ORDER)


def _due_value(due: int | str | Span) -> Value:
    if isinstance(due, Span):
        return {"start": due.start, "end": due.end}
    return due


def _known(kind: str, ident: str, known: Collection[str]) -> str:
    if ident not in known:
        raise Refused(str(NotInPlan(kind, ident, known)))
    return ident
