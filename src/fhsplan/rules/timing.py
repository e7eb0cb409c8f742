"""FHS40x: years: order of prerequisites, the plan period, overdue milestones."""

from __future__ import annotations

from collections.abc import Iterator

from fhsplan.findings import Problem, Severity
from fhsplan.plan import Plan
from fhsplan.rules.base import Context, problem, rule


@rule("FHS401", "prerequisite-after-dependent", Severity.error)
def prerequisite_after_dependent(plan: Plan, ctx: Context) -> Iterator[Problem]:
    """A prerequisite is due after the milestone that needs it.

    A milestone's place on the map is the year it is reached; a prerequisite must be reached in
    the same year or earlier. For a span, its last year counts. Milestones without a timetable
    are not compared.

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
        due = entry.last_year
        if due is None:
            continue
        for i, prerequisite in enumerate(entry.model.depends_on):
            needed = plan.by_id.get(prerequisite.milestone)
            if needed is None or needed.last_year is None or needed.last_year <= due:
                continue
            yield problem(
                f"{entry.id} (due {entry.due_text()}) needs {needed.id}, which is due later ({needed.due_text()})",
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
                f"{entry.id} is due {entry.due_text()}, outside the plan period {period.start}–{period.end}",
                entry.where.pos("due"),
                about=(entry.id,),
            )


@rule("FHS403", "overdue", Severity.warning)
def overdue(plan: Plan, ctx: Context) -> Iterator[Problem]:
    """Overdue: due before the as-of date and not done.

    A milestone due in a year that has ended (by `--as-of`, default today) whose status is not
    `done` (or `cancelled`) is overdue; `unknown` counts as not done, since nobody has recorded
    it. Record the status, or postpone it with a history entry.

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
      history: [{kind: postponed, revision: 2024, from_year: 2023}]
    ```
    """
    for entry in plan.entries:
        if plan.is_overdue(entry, ctx.as_of):
            yield problem(
                f"{entry.id} was due {entry.due_text()} and is {entry.model.status.value} as of {ctx.as_of.isoformat()}",
                entry.where.pos("due"),
                about=(entry.id,),
            )


RULES = (prerequisite_after_dependent, outside_period, overdue)
