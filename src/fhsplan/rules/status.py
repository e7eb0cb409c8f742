"""FHS50x: status and history."""

from __future__ import annotations

from collections.abc import Iterator

from fhsplan.findings import Problem, Severity
from fhsplan.models import Span, Status
from fhsplan.plan import Entry, Plan
from fhsplan.rules.base import Context, problem, rule


@rule("FHS501", "done-before-prerequisite", Severity.warning)
def done_before_prerequisite(plan: Plan, ctx: Context) -> Iterator[Problem]:
    """Done milestone whose prerequisite is not done.

    If a milestone is reached, what it needed should be reached too. Either the prerequisite's
    status is out of date, or the arrow is wrong.

    Bad:

    ```yaml
    - {id: plan-beslutad, title: Plan beslutad, due: 2022, status: started}
    - id: funktion-etablerad
      title: Funktion etablerad
      due: 2023
      status: done
      depends_on: [{milestone: plan-beslutad}]
    ```

    Good: `plan-beslutad` has `status: done`.
    """
    for entry in plan.entries:
        if entry.model.status is not Status.done:
            continue
        for i, prerequisite in enumerate(entry.model.depends_on):
            needed = plan.by_id.get(prerequisite.milestone)
            if needed is not None and needed.model.status is not Status.done:
                yield problem(
                    f"{entry.id} is done but its prerequisite {needed.id} is {needed.model.status.value}",
                    entry.where.pos("depends_on", i, "milestone"),
                    needed.where.pos("status"),
                    about=(entry.id, needed.id),
                )


@rule("FHS502", "history-contradiction", Severity.error)
def history_contradiction(plan: Plan, ctx: Context) -> Iterator[Problem]:
    """History contradicts the record.

    History entries are what the plan document's colours are made of, so they must agree with
    the milestone: `postponed` needs a `from_year` earlier than the due year, `advanced` a later
    one; `reformulated` needs the `previous` wording, different from the title; no entry may come
    from a revision after the current one, or before the revision that `added` the milestone.

    Bad:

    ```yaml
    - id: ledarskapsakademi-etablerad
      title: Ledarskapsakademi är etablerad
      due: 2023
      history:
        - {kind: postponed, revision: 2023, from_year: 2024}
    ```

    Good:

    ```yaml
    - id: ledarskapsakademi-etablerad
      title: Ledarskapsakademi är etablerad
      due: 2023
      history:
        - {kind: postponed, revision: 2023, from_year: 2022}
    ```
    """
    for entry in plan.entries:
        for i, what, field in _contradictions(plan, entry):
            yield problem(f"{entry.id}: {what}", entry.where.pos("history", i, field), about=(entry.id, what))


def _contradictions(plan: Plan, entry: Entry) -> Iterator[tuple[int, str, str]]:
    m = entry.model
    due = m.due
    first = due.start if isinstance(due, Span) else due
    added = [h.revision for h in m.history if h.kind == "added"]
    for i, h in enumerate(m.history):
        if h.revision > plan.current_revision:
            yield (
                i,
                f"history entry from revision {h.revision}, after the current revision {plan.current_revision}",
                "revision",
            )
        if added and h.revision < min(added):
            yield (
                i,
                f"{h.kind} in revision {h.revision}, before the milestone was added ({min(added)})",
                "revision",
            )
        if h.kind in ("postponed", "advanced"):
            if h.from_year is None:
                yield i, f"{h.kind} entry needs from_year (the due year before the change)", "kind"
            elif first is not None and h.kind == "postponed" and h.from_year >= first:
                yield (
                    i,
                    f"postponed from {h.from_year}, which is not earlier than its due year {entry.due_text()}",
                    "from_year",
                )
            elif first is not None and h.kind == "advanced" and h.from_year <= first:
                yield (
                    i,
                    f"advanced from {h.from_year}, which is not later than its due year {entry.due_text()}",
                    "from_year",
                )
        if h.kind == "reformulated":
            if h.previous is None:
                yield i, "reformulated entry needs `previous` (the wording before the revision)", "kind"
            elif h.previous.strip() == m.title.strip():
                yield i, "reformulated, but the previous wording equals the title", "previous"
        if h.kind == "done" and m.status is not Status.done:
            yield i, f"history says done in revision {h.revision} but status is {m.status.value}", "kind"


RULES = (done_before_prerequisite, history_contradiction)
