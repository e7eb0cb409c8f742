"""FHS40x: years: order of prerequisites, the plan period, overdue milestones."""

from __future__ import annotations

from collections.abc import Iterator

from fhsplan.findings import Problem, Severity
from fhsplan.i18n import _
from fhsplan.plan import Plan
from fhsplan.rules.base import Context, problem, rule, status_word


@rule("FHS401", "prerequisite-after-dependent", Severity.error)
def prerequisite_after_dependent(plan: Plan, ctx: Context) -> Iterator[Problem]:
    """A prerequisite is due after the milestone that needs it.

    A prerequisite must be reached by the time the milestone that needs it is: its due period
    may not end later (a span counts by its end, a quarter by its last day, so a prerequisite due
    2024-Q4 may stand before a milestone due 2024). Milestones without a timetable, and removed or
    cancelled ones, are not compared.

    Bad:

    ```yaml
    - {id: implementeringsplan-beslutad, title: Implementeringsplan beslutad, due: 2024}
    - id: akademi-etablerad
      title: Akademi etablerad
      due: 2023
      depends_on: [{milestone: implementeringsplan-beslutad}]
    ```

    Good:

    ```yaml
    - {id: implementeringsplan-beslutad, title: Implementeringsplan beslutad, due: 2022}
    - id: akademi-etablerad
      title: Akademi etablerad
      due: 2023
      depends_on: [{milestone: implementeringsplan-beslutad}]
    ```
    """
    for entry in plan.entries:
        if entry.period is None or not entry.active:
            continue
        for i, prerequisite in enumerate(entry.model.depends_on):
            needed = plan.by_id.get(prerequisite.milestone)
            if needed is None or needed.period is None or not needed.active:
                continue
            if needed.period.end <= entry.period.end:
                continue
            yield problem(
                _("{milestone} (due {due}) needs {prerequisite}, which is due later ({later})").format(
                    milestone=entry.id, due=entry.due_text(), prerequisite=needed.id, later=needed.due_text()
                ),
                entry.where.pos("depends_on", i, "milestone"),
                needed.where.pos("due"),
                about=(entry.id, needed.id),
            )


@rule("FHS402", "outside-period", Severity.warning)
def outside_period(plan: Plan, ctx: Context) -> Iterator[Problem]:
    """Due year outside the plan period.

    The plan's `period` says which years it covers. A milestone due before or after it is
    probably a typo, or a sign that the period should be widened.

    Bad (with `period: {start: 2023, end: 2026}`):

    ```yaml
    - {id: nytt-sjukhus-klart, title: Nytt sjukhus klart, due: 2036}
    ```

    Good:

    ```yaml
    - {id: nytt-sjukhus-klart, title: Nytt sjukhus klart, due: 2026}
    ```
    """
    period = plan.meta.period
    for entry in plan.entries:
        first, last = entry.first_year, entry.last_year
        if first is None or last is None:
            continue
        if first < period.start or last > period.end:
            yield problem(
                _("{milestone} is due {due}, outside the plan period {start}–{end}").format(
                    milestone=entry.id, due=entry.due_text(), start=period.start, end=period.end
                ),
                entry.where.pos("due"),
                about=(entry.id,),
            )


@rule("FHS403", "overdue", Severity.warning)
def overdue(plan: Plan, ctx: Context) -> Iterator[Problem]:
    """Overdue: due before the as-of date and not done.

    A milestone whose due period has ended (by `--as-of`, default today) and whose stated status is
    not `done` is overdue; `unknown` counts as not done, since nobody has recorded it. Removed and
    cancelled milestones are never overdue. Record the status in a follow-up, or postpone it with
    a history entry.

    Bad (as of 2024-03-01):

    ```yaml
    - {id: samverkansgrupp-etablerad, title: Samverkansgrupp etablerad, due: 2023, status: started}
    ```

    Good:

    ```yaml
    - id: samverkansgrupp-etablerad
      title: Samverkansgrupp etablerad
      due: 2024
      status: started
      history: [{kind: postponed, revision: 2024, from: 2023}]
    ```
    """
    for entry in plan.entries:
        if plan.is_overdue(entry, ctx.as_of):
            yield problem(
                _("{milestone} was due {due} and is {status} as of {date}").format(
                    milestone=entry.id,
                    due=entry.due_text(),
                    status=status_word(entry.status),
                    date=ctx.as_of.isoformat(),
                ),
                entry.where.pos("due"),
                about=(entry.id,),
            )


@rule("FHS404", "revision-order", Severity.error)
def revision_order(plan: Plan, ctx: Context) -> Iterator[Problem]:
    """Revisions out of order.

    `revisions` lists the plan's revisions oldest first: the order decides which follow-up is the
    latest and what `--revision` shows. Where two revisions have dates, or years, the later one
    must come later in the list.

    Bad:

    ```yaml
    revisions:
      - {id: 2024-h2, date: 2024-11-20}
      - {id: 2024-h1, date: 2024-05-14}
    ```

    Good:

    ```yaml
    revisions:
      - {id: 2024-h1, date: 2024-05-14}
      - {id: 2024-h2, date: 2024-11-20}
    ```
    """
    revisions = plan.meta.revisions
    for i in range(1, len(revisions)):
        before, this = revisions[i - 1], revisions[i]
        if before.date is not None and this.date is not None:
            wrong = this.date < before.date
        else:
            wrong = before.in_year is not None and this.in_year is not None and this.in_year < before.in_year
        if wrong:
            yield problem(
                _("revision {revision} comes after {before} in the list but is earlier").format(
                    revision=this.key, before=before.key
                ),
                plan.meta_where.pos("revisions", i),
                plan.meta_where.pos("revisions", i - 1),
                about=(this.key,),
            )


RULES = (prerequisite_after_dependent, outside_period, overdue, revision_order)
