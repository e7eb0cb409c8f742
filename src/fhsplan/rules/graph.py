"""FHS303: the prerequisite graph."""

from __future__ import annotations

from collections.abc import Iterator

from fhsplan.findings import Problem, Severity
from fhsplan.i18n import _
from fhsplan.lifecycle import Change
from fhsplan.plan import Plan
from fhsplan.rules.base import Context, change_word, problem, rule, status_word


@rule("FHS303", "prerequisite-cycle", Severity.error)
def prerequisite_cycle(plan: Plan, ctx: Context) -> Iterator[Problem]:
    """Prerequisite cycle.

    A milestone cannot, through a chain of prerequisites, depend on itself: no order of work
    could reach any milestone of the cycle. The message prints the cycle; the finding sits on
    the arrow that closes it.

    Bad:

    ```yaml
    - id: samverkansgrupp-etablerad
      depends_on: [{milestone: handlingsplan-framtagen}]
    - id: handlingsplan-framtagen
      depends_on: [{milestone: samverkansgrupp-etablerad}]
    ```

    Good:

    ```yaml
    - id: samverkansgrupp-etablerad
    - id: handlingsplan-framtagen
      depends_on: [{milestone: samverkansgrupp-etablerad}]
    ```
    """
    for cycle in find_cycles(plan):
        closing = plan.by_id[cycle[-2]]
        index = next(i for i, p in enumerate(closing.model.depends_on) if p.milestone == cycle[-1])
        chain = cycle[0]
        for needed in cycle[1:]:
            chain = _("{dependent} needs {prerequisite}").format(dependent=chain, prerequisite=needed)
        yield problem(
            _("prerequisite cycle: {cycle}").format(cycle=chain),
            closing.where.pos("depends_on", index, "milestone"),
            about=tuple(cycle[:-1]),
        )


@rule("FHS304", "prerequisite-withdrawn", Severity.warning)
def prerequisite_withdrawn(plan: Plan, ctx: Context) -> Iterator[Problem]:
    """A milestone needs one that is no longer pursued.

    When a revision removes a milestone, or it is cancelled, what depended on it has lost a
    prerequisite: drop the arrow, point it at what replaces it, or withdraw the dependent too.

    Bad:

    ```yaml
    - id: samverkansgrupp-etablerad
      status: cancelled
      history: [{kind: removed, revision: 2024, note: Ingår i Vårdsamverkan Skåne.}]
    - id: halsoutbud-identifierat
      depends_on: [{milestone: samverkansgrupp-etablerad}]
    ```

    Good:

    ```yaml
    - id: halsoutbud-identifierat
      depends_on: [{milestone: vardsamverkan-skane-etablerad}]
    ```
    """
    for entry in plan.entries:
        if not entry.active:
            continue
        for i, prerequisite in enumerate(entry.model.depends_on):
            needed = plan.by_id.get(prerequisite.milestone)
            if needed is None or needed.active:
                continue
            how = change_word(Change.removed) if needed.removed else status_word(needed.status)
            yield problem(
                _("{milestone} needs {prerequisite}, which is no longer pursued ({how})").format(
                    milestone=entry.id, prerequisite=needed.id, how=how
                ),
                entry.where.pos("depends_on", i, "milestone"),
                needed.where.pos("id"),
                about=(entry.id, needed.id),
            )


def find_cycles(plan: Plan) -> list[list[str]]:
    """Each cycle once, as [a, b, ..., a] with edges dependent → prerequisite, starting at its smallest id."""
    needs = {
        e.id: [p.milestone for p in e.model.depends_on if p.milestone in plan.by_id] for e in plan.entries
    }
    state: dict[str, int] = {}  # 1 on the stack, 2 finished
    found: dict[tuple[str, ...], list[str]] = {}
    for start in sorted(needs):
        if state.get(start):
            continue
        stack: list[tuple[str, int]] = [(start, 0)]
        path: list[str] = [start]
        state[start] = 1
        while stack:
            node, i = stack[-1]
            if i < len(needs[node]):
                stack[-1] = (node, i + 1)
                nxt = needs[node][i]
                if state.get(nxt) == 1:
                    cycle = path[path.index(nxt) :]
                    pivot = cycle.index(min(cycle))
                    canonical = cycle[pivot:] + cycle[:pivot]
                    found.setdefault(tuple(canonical), [*canonical, canonical[0]])
                elif not state.get(nxt):
                    state[nxt] = 1
                    stack.append((nxt, 0))
                    path.append(nxt)
            else:
                state[node] = 2
                stack.pop()
                path.pop()
    return [found[k] for k in sorted(found)]


RULES = (prerequisite_cycle, prerequisite_withdrawn)
