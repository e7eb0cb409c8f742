"""The committee's follow-up report as plain data: a pure function of the plan as one revision marked
it (issue #14). No I/O and no words: the renderers (`report_html`, `report_md`) say it, and the
command draws the map and passes it in.

What changed is what `compare.diff_plans` finds between the plan at the previous revision and at
this one; the knock-on list is what rules FHS401 and FHS304 find, plus prerequisites this revision
postponed, so the report never re-derives a rule.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from enum import Enum

from fhsplan.compare import AreaDiff, diff_plans
from fhsplan.lifecycle import Change, Colour, Status
from fhsplan.models import Assessment, Effect, FollowUp, Indicator, period_of
from fhsplan.plan import Entry, Plan
from fhsplan.rules import Context
from fhsplan.rules.graph import prerequisite_withdrawn
from fhsplan.rules.timing import prerequisite_after_dependent


class AsOf(str, Enum):
    """Why overdue is judged as of the date it is: the reader must be told which date that is."""

    given = "given"  # --as-of
    decision = "decision"  # the revision's decision date
    today = "today"  # the revision has no date


class KnockOnKind(str, Enum):
    """Why a milestone may have to move: what happened to one of its prerequisites."""

    due_before_prerequisite = "due-before-prerequisite"  # FHS401
    prerequisite_withdrawn = "prerequisite-withdrawn"  # FHS304
    prerequisite_postponed = "prerequisite-postponed"  # postponed by this revision


@dataclass(frozen=True, slots=True)
class Header:
    """Whose plan, and which decision adopted the revision shown."""

    title: str
    owner: str
    language: str | None
    revision: str
    decision: str | None
    decided_by: str | None
    date: _dt.date | None


@dataclass(frozen=True, slots=True)
class Summary:
    """Counts by stated status, by the revision's changes and by colour; done and overdue."""

    statuses: dict[Status, int]
    changes: dict[Change, int]
    colours: dict[Colour, int]
    total: int
    pursued: int
    done: int
    overdue: tuple[str, ...]
    as_of: _dt.date
    as_of_reason: AsOf

    @property
    def done_share(self) -> float | None:
        """Done among the milestones still pursued (removed and cancelled ones do not count)."""
        return self.done / self.pursued if self.pursued else None


@dataclass(frozen=True, slots=True)
class EffectRow:
    """An effect with the names of who benefits, its indicator, and its latest assessment by then."""

    text: str
    beneficiaries: tuple[str, ...]
    indicator: Indicator | None
    assessment: Assessment | None


@dataclass(frozen=True, slots=True)
class Row:
    """One milestone as the report shows it."""

    id: str
    title: str
    due: str | None  # None: no timetable
    timetable_note: str | None
    status: Status
    changes: tuple[Change, ...]
    colour: Colour
    active: bool
    overdue: bool
    owners: tuple[str, ...]
    followup: FollowUp | None  # the latest follow-up with a comment
    effects: tuple[EffectRow, ...]


@dataclass(frozen=True, slots=True)
class AreaRows:
    """A focus area and its milestones, in the plan's order."""

    id: str
    name: str
    rows: tuple[Row, ...]


@dataclass(frozen=True, slots=True)
class Ref:
    """A milestone named in a list: id, title and due."""

    id: str
    title: str
    due: str | None


@dataclass(frozen=True, slots=True)
class KnockOn:
    """A milestone that may have to move because of what happened to a prerequisite."""

    kind: KnockOnKind
    milestone: Ref
    prerequisite: Ref
    before: str | None = None  # postponed: the prerequisite's due before this revision
    removed_in: str | None = None  # withdrawn: the revision that removed it (None: cancelled)


@dataclass(frozen=True, slots=True)
class Report:
    """Everything the committee report says, for one revision."""

    header: Header
    summary: Summary
    areas: tuple[AreaRows, ...]
    previous: str | None  # the revision before (None: this is the plan's first)
    changes: tuple[AreaDiff, ...]
    knock_on: tuple[KnockOn, ...]
    untimed: tuple[tuple[str, Row], ...]  # (area name, milestone)

    @property
    def rows(self) -> list[Row]:
        return [row for area in self.areas for row in area.rows]


def as_of_for(plan: Plan, given: _dt.date | None, today: _dt.date) -> tuple[_dt.date, AsOf]:
    """The date overdue is judged by: `given`, else the revision's decision date, else `today`."""
    if given is not None:
        return given, AsOf.given
    revision = plan.revision(plan.current_revision)
    if revision is not None and revision.date is not None:
        return revision.date, AsOf.decision
    return today, AsOf.today


def build_report(plan: Plan, as_of: _dt.date, reason: AsOf = AsOf.given) -> Report:
    """The report of `plan` as its current revision marks it (pass `Plan.at(R)` for revision R)."""
    areas = tuple(_area(plan, area.id, area.model.name, as_of) for area in plan.areas)
    previous = _previous(plan)
    return Report(
        header=_header(plan),
        summary=_summary(plan, as_of, reason),
        areas=areas,
        previous=previous,
        changes=_changes(plan, previous, as_of),
        knock_on=tuple(_knock_on(plan, as_of)),
        untimed=tuple((area.name, row) for area in areas for row in area.rows if row.due is None),
    )


def _header(plan: Plan) -> Header:
    revision = plan.revision(plan.current_revision)
    meta = plan.meta
    return Header(
        meta.title, meta.owner, meta.language, plan.current_revision,
        revision.decision if revision else None, revision.decided_by if revision else None,
        revision.date if revision else None,
    )  # fmt: skip


def _summary(plan: Plan, as_of: _dt.date, reason: AsOf) -> Summary:
    statuses = dict.fromkeys(Status, 0)
    changes = dict.fromkeys(Change, 0)
    colours = dict.fromkeys(Colour, 0)
    for entry in plan.entries:
        statuses[entry.status] += 1
        colours[plan.colour(entry)] += 1
        for change in set(plan.changes_in(entry)):  # milestones changed: one per kind
            changes[change] += 1
    pursued = [e for e in plan.entries if e.active]
    done = sum(1 for e in pursued if e.status is Status.done)
    overdue = tuple(e.id for e in plan.entries if plan.is_overdue(e, as_of))
    return Summary(statuses, changes, colours, len(plan.entries), len(pursued), done, overdue, as_of, reason)


def _area(plan: Plan, area_id: str, name: str, as_of: _dt.date) -> AreaRows:
    return AreaRows(area_id, name, tuple(_row(plan, entry, as_of) for entry in plan.in_area(area_id)))


def _row(plan: Plan, entry: Entry, as_of: _dt.date) -> Row:
    model = entry.model
    owners = plan.vocabulary_names("owners")
    commented = [f for f in model.followups if f.comment]
    return Row(
        id=entry.id,
        title=model.title,
        due=entry.due_text() if entry.period else None,
        timetable_note=model.timetable_note,
        status=entry.status,
        changes=tuple(plan.changes_in(entry)),
        colour=plan.colour(entry),
        active=entry.active,
        overdue=plan.is_overdue(entry, as_of),
        owners=tuple(owners.get(o, o) for o in plan.owners_of(entry)),
        followup=commented[-1] if commented else None,
        effects=tuple(_effect(plan, e) for e in model.effects),
    )


def _effect(plan: Plan, effect: Effect) -> EffectRow:
    names = plan.vocabulary_names("beneficiaries")
    who = tuple(names.get(b, b) for b in effect.beneficiaries)
    return EffectRow(effect.text, who, effect.indicator, _latest_assessment(plan, effect.assessments))


def _latest_assessment(plan: Plan, assessments: list[Assessment]) -> Assessment | None:
    """The assessment of the latest revision up to the one shown; later ones are not made yet."""
    made = [(plan.rank(a.revision), i, a) for i, a in enumerate(assessments) if plan.rank(a.revision) >= 0]
    return max(made, key=lambda t: (t[0], t[1]))[2] if made else None


def _previous(plan: Plan) -> str | None:
    rank = plan.rank(plan.current_revision)
    return plan.revision_ids[rank - 1] if rank > 0 else None


def _changes(plan: Plan, previous: str | None, as_of: _dt.date) -> tuple[AreaDiff, ...]:
    """What changed since the previous revision, in plan terms, as `fhsplan diff` says it."""
    if previous is None:
        return ()
    diff = diff_plans(plan.at(previous), plan, previous, plan.current_revision, Context(as_of=as_of))
    return tuple(diff.areas)


def _ref(entry: Entry) -> Ref:
    return Ref(entry.id, entry.model.title, entry.due_text() if entry.period else None)


def _knock_on(plan: Plan, as_of: _dt.date) -> list[KnockOn]:
    """FHS401's and FHS304's findings, then prerequisites the revision postponed, dependents in plan order."""
    found: list[KnockOn] = []
    context = Context(as_of=as_of)
    for rule, kind in (
        (prerequisite_after_dependent, KnockOnKind.due_before_prerequisite),
        (prerequisite_withdrawn, KnockOnKind.prerequisite_withdrawn),
    ):
        for finding in rule.run(plan, context):
            milestone, prerequisite = (plan.by_id[i] for i in finding.about[:2])
            removal = next((h.revision for h in prerequisite.model.history if h.kind is Change.removed), None)
            found.append(KnockOn(kind, _ref(milestone), _ref(prerequisite), removed_in=removal))
    found.extend(_postponed_prerequisites(plan))
    return found


def _postponed_prerequisites(plan: Plan) -> list[KnockOn]:
    """Milestones still pursued whose prerequisite this revision postponed."""
    found = []
    for entry in plan.entries:
        if not entry.active:
            continue
        for needed in plan.prerequisites(entry.id):
            moved = [
                h for h in needed.model.history
                if h.kind is Change.postponed and h.revision == plan.current_revision
            ]  # fmt: skip
            if moved and needed.active:
                before = moved[-1].before
                was = period_of(before).text if before is not None else None
                found.append(
                    KnockOn(KnockOnKind.prerequisite_postponed, _ref(entry), _ref(needed), before=was)
                )
    return found
