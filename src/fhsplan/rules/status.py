"""FHS50x: status, history and follow-ups."""

from __future__ import annotations

from collections.abc import Iterator

from fhsplan.findings import Problem, Severity
from fhsplan.i18n import N_, _
from fhsplan.lifecycle import Change, Status
from fhsplan.models import FollowUp, period_of
from fhsplan.plan import Entry, Plan
from fhsplan.rules.base import Context, change_word, problem, rule, status_word


@rule("FHS501", "done-before-prerequisite", Severity.warning)
def done_before_prerequisite(plan: Plan, ctx: Context) -> Iterator[Problem]:
    """Done milestone whose prerequisite is not done.

    If a milestone is reached, what it needed should be reached too. Either the prerequisite's
    status is out of date, or the arrow is wrong. A removed or cancelled prerequisite is not
    counted against it. The finding sits on the arrow, or on the follow-up that says done.

    Bad:

    ```yaml
    - {id: plan-beslutad, title: Plan beslutad, due: 2022, status: started}
    - id: funktion-etablerad
      title: Funktion etablerad
      due: 2023
      followups:
        - {revision: 2023, status: done, comment: Funktionen är i drift.}
      depends_on: [{milestone: plan-beslutad}]
    ```

    Good: `plan-beslutad` is done as well (a follow-up, or `status: done`).
    """
    for entry in plan.entries:
        if entry.status is not Status.done:
            continue
        for i, prerequisite in enumerate(entry.model.depends_on):
            needed = plan.by_id.get(prerequisite.milestone)
            if needed is None or not needed.active or needed.status is Status.done:
                continue
            where = (
                entry.where.pos("followups", len(entry.model.followups) - 1, "status")
                if entry.model.followups
                else entry.where.pos("depends_on", i, "milestone")
            )
            yield problem(
                _("{milestone} is done but its prerequisite {prerequisite} is {status}").format(
                    milestone=entry.id, prerequisite=needed.id, status=status_word(needed.status)
                ),
                where,
                needed.where.pos("status"),
                about=(entry.id, needed.id),
            )


@rule("FHS502", "history-contradiction", Severity.error)
def history_contradiction(plan: Plan, ctx: Context) -> Iterator[Problem]:
    """History contradicts the record.

    History entries are what the plan document's colours are made of, so they must agree with
    the milestone: `postponed` needs a `from` (the due before) that ends earlier than today's due,
    `advanced` one that ends later, compared at the stated precision (2020-06-30 to 2020-09-30 is
    a postponement); `reformulated` needs the `previous` wording, different from the title;
    `moved` needs the `from_area` it came from, another area than today's; `removed` means the
    milestone is cancelled, so its stated status must be too. No entry may come from a revision
    after the current one, or before the revision that `added` the milestone.

    Bad:

    ```yaml
    - id: ledarskapsakademi-etablerad
      title: Ledarskapsakademi är etablerad
      due: 2023
      history:
        - {kind: postponed, revision: 2023, from: 2024}
    ```

    Good:

    ```yaml
    - id: ledarskapsakademi-etablerad
      title: Ledarskapsakademi är etablerad
      due: 2023
      history:
        - {kind: postponed, revision: 2023, from: 2022}
    ```
    """
    for entry in plan.entries:
        for i, (what, english), field in _contradictions(plan, entry):
            message = _("{milestone}: {problem}").format(milestone=entry.id, problem=what)
            # `about` is the English wording whatever the language, so a baseline matches in both.
            yield problem(message, entry.where.pos("history", i, field), about=(entry.id, english))


Said = tuple[str, str]


def _said(message: str, **values: object) -> Said:
    """A message in the language spoken, and in English; statuses and changes in their own words."""

    def word(value: object) -> object:
        if isinstance(value, Change):
            return change_word(value)
        return status_word(value) if isinstance(value, Status) else value

    english = {k: v.value if isinstance(v, (Change, Status)) else v for k, v in values.items()}
    return _(message).format(**{k: word(v) for k, v in values.items()}), message.format(**english)


def _contradictions(plan: Plan, entry: Entry) -> Iterator[tuple[int, Said, str]]:
    m = entry.model
    current = plan.rank(plan.current_revision)
    added = [plan.rank(h.revision) for h in m.history if h.kind is Change.added]
    for i, h in enumerate(m.history):
        rank = plan.rank(h.revision)
        if rank < 0:
            continue  # an unknown revision is FHS302's
        if rank > current >= 0:
            yield (
                i,
                _said(
                    N_("history entry from revision {revision}, after the current revision {current}"),
                    revision=h.revision,
                    current=plan.current_revision,
                ),
                "revision",
            )
        if added and rank < min(added):
            first = plan.revision_ids[min(added)]
            yield (
                i,
                _said(
                    N_("{kind} in revision {revision}, before the milestone was added ({first})"),
                    kind=h.kind,
                    revision=h.revision,
                    first=first,
                ),
                "revision",
            )
        if h.kind in (Change.postponed, Change.advanced):
            yield from _moved_in_time(entry, i)
        elif h.kind is Change.reformulated:
            if h.previous is None:
                yield (
                    i,
                    _said(N_("reformulated entry needs `previous` (the wording before the revision)")),
                    "kind",
                )
            elif h.previous.strip() == m.title.strip():
                yield i, _said(N_("reformulated, but the previous wording equals the title")), "previous"
        elif h.kind is Change.moved:
            if h.from_area is None:
                yield i, _said(N_("moved entry needs `from_area` (the focus area it came from)")), "kind"
            elif h.from_area == entry.area:
                yield i, _said(N_("moved from {area}, the area it is in"), area=h.from_area), "from_area"
        elif h.kind is Change.removed and entry.status is not Status.cancelled:
            said = _said(
                N_("removed in revision {revision} but its status is {status}"),
                revision=h.revision,
                status=entry.status,
            )
            yield i, said, "kind"


def _moved_in_time(entry: Entry, i: int) -> Iterator[tuple[int, Said, str]]:
    h = entry.model.history[i]
    field = "from" if h.from_ is not None else "from_year"
    if h.before is None:
        yield i, _said(N_("{kind} entry needs `from` (the due before the change)"), kind=h.kind), "kind"
        return
    if entry.period is None:
        return
    before = period_of(h.before)
    if h.kind is Change.postponed and not entry.period.later_than(before):
        yield (
            i,
            _said(
                N_("postponed from {before}, which does not end earlier than its due {due}"),
                before=before.text,
                due=entry.due_text(),
            ),
            field,
        )
    if h.kind is Change.advanced and not before.later_than(entry.period):
        yield (
            i,
            _said(
                N_("advanced from {before}, which does not end later than its due {due}"),
                before=before.text,
                due=entry.due_text(),
            ),
            field,
        )


# How far along a status is; a follow-up that goes back needs a word of explanation.
_PROGRESS = {Status.planned: 1, Status.postponed: 1, Status.started: 2, Status.done: 3}


@rule("FHS503", "status-contradicts-follow-up", Severity.error)
def status_contradicts_follow_up(plan: Plan, ctx: Context) -> Iterator[Problem]:
    """`status` says something else than the latest follow-up.

    A milestone's stated status is its latest follow-up's. The `status` field may stay beside the
    follow-ups (edit commands keep it in step), but then it must say the same; otherwise one of
    the two is out of date and the map would show the wrong one.

    Bad:

    ```yaml
    - id: samverkansgrupp-etablerad
      status: started
      followups:
        - {revision: 2024, status: done, comment: Gruppen har haft sitt första möte.}
    ```

    Good:

    ```yaml
    - id: samverkansgrupp-etablerad
      status: done
      followups:
        - {revision: 2024, status: done, comment: Gruppen har haft sitt första möte.}
    ```
    """
    for entry in plan.entries:
        m = entry.model
        if m.followups and m.status is not None and m.status is not m.followups[-1].status:
            latest = m.followups[-1]
            yield problem(
                _("{milestone}: status is {status} but the latest follow-up ({when}) says {latest}").format(
                    milestone=entry.id,
                    status=status_word(m.status),
                    when=_when(latest),
                    latest=status_word(latest.status),
                ),
                entry.where.pos("status"),
                entry.where.pos("followups", len(m.followups) - 1, "status"),
                about=(entry.id,),
            )


@rule("FHS504", "follow-up-goes-back", Severity.warning)
def follow_up_goes_back(plan: Plan, ctx: Context) -> Iterator[Problem]:
    """A follow-up reports an earlier state than the one before it, without saying why.

    Work can fall back (a done milestone reopened, a started one put on hold), but a follow-up
    that says so without a `comment` or `note` more likely has the wrong status. The order is
    planned or postponed, then started, then done.

    Bad:

    ```yaml
    followups:
      - {revision: 2023, status: done}
      - {revision: 2024, status: started}
    ```

    Good:

    ```yaml
    followups:
      - {revision: 2023, status: done}
      - {revision: 2024, status: started, comment: Återöppnad efter revisionens synpunkter.}
    ```
    """
    for entry in plan.entries:
        followups = entry.model.followups
        for i in range(1, len(followups)):
            before, this = followups[i - 1], followups[i]
            if _earlier(plan, this, before):
                continue  # listed out of order: FHS505's finding, not a step back
            went_back = _PROGRESS.get(this.status, 0) < _PROGRESS.get(before.status, 0)
            if went_back and this.status in _PROGRESS and not (this.comment or this.note):
                yield problem(
                    _(
                        "{milestone}: follow-up {when} says {status} after {before} ({before_when}) without a comment"
                    ).format(
                        milestone=entry.id,
                        when=_when(this),
                        status=status_word(this.status),
                        before=status_word(before.status),
                        before_when=_when(before),
                    ),
                    entry.where.pos("followups", i, "status"),
                    about=(entry.id, this.when),
                )


@rule("FHS505", "follow-up-order", Severity.error)
def follow_up_order(plan: Plan, ctx: Context) -> Iterator[Problem]:
    """Follow-ups out of order, or from a revision after the current one.

    Follow-ups are listed oldest first, and the last one states the milestone's status, so their
    revisions (in the plan's order) and dates must not go backwards, and none may belong to a
    revision after the current one.

    Bad:

    ```yaml
    followups:
      - {revision: 2024, status: done}
      - {revision: 2023, status: started}
    ```

    Good:

    ```yaml
    followups:
      - {revision: 2023, status: started}
      - {revision: 2024, status: done}
    ```
    """
    current = plan.rank(plan.current_revision)
    for entry in plan.entries:
        followups = entry.model.followups
        for i, this in enumerate(followups):
            rank = plan.rank(this.revision) if this.revision is not None else -1
            if rank > current >= 0:
                yield problem(
                    _(
                        "{milestone}: follow-up of revision {revision}, after the current revision {current}"
                    ).format(milestone=entry.id, revision=this.revision, current=plan.current_revision),
                    entry.where.pos("followups", i, "revision"),
                    about=(entry.id, this.when),
                )
            if i and _earlier(plan, this, followups[i - 1]):
                yield problem(
                    _("{milestone}: follow-up {when} is listed after the later {later}").format(
                        milestone=entry.id, when=_when(this), later=_when(followups[i - 1])
                    ),
                    entry.where.pos("followups", i),
                    about=(entry.id, this.when),
                )


def _when(followup: FollowUp) -> str:
    """`2024-11-30, revision 2024`, or whichever of the two it has, in the language spoken."""
    parts = [
        followup.date.isoformat() if followup.date else "",
        _("revision {revision}").format(revision=followup.revision) if followup.revision else "",
    ]
    return ", ".join(p for p in parts if p)


def _earlier(plan: Plan, this: FollowUp, before: FollowUp) -> bool:
    """Whether `this` belongs before `before`: by revision where both name one, else by date."""
    if this.revision is not None and before.revision is not None:
        return plan.rank(this.revision) < plan.rank(before.revision)
    return this.date is not None and before.date is not None and this.date < before.date


RULES = (
    done_before_prerequisite,
    history_contradiction,
    status_contradicts_follow_up,
    follow_up_goes_back,
    follow_up_order,
)
