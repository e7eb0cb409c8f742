"""FHS50x: status, history and follow-ups."""

from __future__ import annotations

from collections.abc import Iterator

from fhsplan.findings import Problem, Severity
from fhsplan.lifecycle import Change, Status
from fhsplan.models import FollowUp, period_of
from fhsplan.plan import Entry, Plan
from fhsplan.rules.base import Context, problem, rule


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
                f"{entry.id} is done but its prerequisite {needed.id} is {needed.status.value}",
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
        for i, what, field in _contradictions(plan, entry):
            yield problem(f"{entry.id}: {what}", entry.where.pos("history", i, field), about=(entry.id, what))


def _contradictions(plan: Plan, entry: Entry) -> Iterator[tuple[int, str, str]]:
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
                f"history entry from revision {h.revision}, after the current revision {plan.current_revision}",
                "revision",
            )
        if added and rank < min(added):
            first = plan.revision_ids[min(added)]
            yield (
                i,
                f"{h.kind.value} in revision {h.revision}, before the milestone was added ({first})",
                "revision",
            )
        if h.kind in (Change.postponed, Change.advanced):
            yield from _moved_in_time(entry, i)
        elif h.kind is Change.reformulated:
            if h.previous is None:
                yield i, "reformulated entry needs `previous` (the wording before the revision)", "kind"
            elif h.previous.strip() == m.title.strip():
                yield i, "reformulated, but the previous wording equals the title", "previous"
        elif h.kind is Change.moved:
            if h.from_area is None:
                yield i, "moved entry needs `from_area` (the focus area it came from)", "kind"
            elif h.from_area == entry.area:
                yield i, f"moved from {h.from_area}, the area it is in", "from_area"
        elif h.kind is Change.removed and entry.status is not Status.cancelled:
            yield i, f"removed in revision {h.revision} but its status is {entry.status.value}", "kind"


def _moved_in_time(entry: Entry, i: int) -> Iterator[tuple[int, str, str]]:
    h = entry.model.history[i]
    field = "from" if h.from_ is not None else "from_year"
    if h.before is None:
        yield i, f"{h.kind.value} entry needs `from` (the due before the change)", "kind"
        return
    if entry.period is None:
        return
    before = period_of(h.before)
    if h.kind is Change.postponed and not entry.period.later_than(before):
        yield (
            i,
            f"postponed from {before.text}, which does not end earlier than its due {entry.due_text()}",
            field,
        )
    if h.kind is Change.advanced and not before.later_than(entry.period):
        yield (
            i,
            f"advanced from {before.text}, which does not end later than its due {entry.due_text()}",
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
                f"{entry.id}: status is {m.status.value} but the latest follow-up "
                f"({latest.when}) says {latest.status.value}",
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
                    f"{entry.id}: follow-up {this.when} says {this.status.value} after "
                    f"{before.status.value} ({before.when}) without a comment",
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
                    f"{entry.id}: follow-up of revision {this.revision}, after the current revision "
                    f"{plan.current_revision}",
                    entry.where.pos("followups", i, "revision"),
                    about=(entry.id, this.when),
                )
            if i and _earlier(plan, this, followups[i - 1]):
                yield problem(
                    f"{entry.id}: follow-up {this.when} is listed after the later {followups[i - 1].when}",
                    entry.where.pos("followups", i),
                    about=(entry.id, this.when),
                )


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
