"""FHS30x: identifiers and references."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from fhsplan.findings import Finding, Pos, Severity, error
from fhsplan.plan import Plan, Where
from fhsplan.rules.base import Context, rule


@rule("FHS301", "duplicate-id", Severity.error)
def duplicate_id(plan: Plan, ctx: Context) -> Iterator[Finding]:
    """Duplicate identifier.

    Milestone ids are unique across the whole plan (prerequisites and `fhsplan show` find
    milestones by id alone); area ids, vocabulary ids and revision years are unique too. The
    finding is on the second occurrence and names the first.

    Bad:

    ```yaml
    milestones:
      - {id: ledarskapsakademi, title: Implementeringsplan beslutad, due: 2022}
      - {id: ledarskapsakademi, title: Ledarskapsakademi etablerad, due: 2023}
    ```

    Good:

    ```yaml
    milestones:
      - {id: implementeringsplan-ledarskapsakademi, title: Implementeringsplan beslutad, due: 2022}
      - {id: ledarskapsakademi-etablerad, title: Ledarskapsakademi etablerad, due: 2023}
    ```
    """
    meta = plan.meta_where
    groups: list[tuple[str, list[object], Callable[[int], Pos]]] = [
        ("milestone", [e.id for e in plan.entries], lambda i: plan.entries[i].where.pos("id")),
        ("area", [a.id for a in plan.areas], lambda i: plan.areas[i].where.pos("id")),
        ("revision", [r.year for r in plan.meta.revisions], lambda i: meta.pos("revisions", i, "year")),
    ]
    for kind in ("groups", "goals", "beneficiaries"):
        ids: list[object] = [v.id for v in getattr(plan.meta, kind)]
        groups.append((kind.rstrip("s"), ids, lambda i, kind=kind: meta.pos(kind, i, "id")))  # type: ignore[misc]
    for kind, items, pos_of in groups:
        first: dict[object, int] = {}
        for i, ident in enumerate(items):
            if ident not in first:
                first[ident] = i
                continue
            here, there = pos_of(i), pos_of(first[ident])
            yield error("FHS301", f"duplicate {kind} id {ident!r} (first at {there})", here, there)


@rule("FHS302", "unknown-reference", Severity.error)
def unknown_reference(plan: Plan, ctx: Context) -> Iterator[Finding]:
    """Reference to an unknown area, milestone, goal, beneficiary, map group or revision.

    Every id a plan file uses must be declared: prerequisites name milestones of the plan, effects
    name the plan's beneficiary codes, `group` a map group, `goals` overarching goals, history
    entries and `current_revision` a revision of `plan.yaml`. The message suggests the nearest id.

    Bad:

    ```yaml
    - id: ledarskapsakademi-etablerad
      depends_on:
        - milestone: implementeringsplan-ledarskapsakademin
      effects:
        - {text: Ökad kompetens, beneficiaries: [vhs]}
    ```

    Good:

    ```yaml
    - id: ledarskapsakademi-etablerad
      depends_on:
        - milestone: implementeringsplan-ledarskapsakademi
      effects:
        - {text: Ökad kompetens, beneficiaries: [vsh]}
    ```
    """
    groups = set(plan.vocabulary_names("groups"))
    goals = set(plan.vocabulary_names("goals"))
    beneficiaries = set(plan.vocabulary_names("beneficiaries"))
    revisions = {r.year for r in plan.meta.revisions}
    milestones = set(plan.by_id)
    meta = plan.meta_where
    if plan.meta.current_revision not in revisions:
        yield _unknown("revision", plan.meta.current_revision, revisions, meta.pos("current_revision"))
    for area in plan.areas:
        if area.model.group is not None and area.model.group not in groups:
            yield _unknown("map group", area.model.group, groups, area.where.pos("group"))
        yield from _each_unknown("goal", area.model.goals, goals, area.where.child("goals"))
    for entry in plan.entries:
        m, where = entry.model, entry.where
        if m.group is not None and m.group not in groups:
            yield _unknown("map group", m.group, groups, where.pos("group"), entry.id)
        yield from _each_unknown("goal", m.goals, goals, where.child("goals"), entry.id)
        for i, effect in enumerate(m.effects):
            yield from _each_unknown(
                "beneficiary",
                effect.beneficiaries,
                beneficiaries,
                where.child("effects", i, "beneficiaries"),
                entry.id,
            )
        for i, prerequisite in enumerate(m.depends_on):
            if prerequisite.milestone not in milestones:
                pos = where.pos("depends_on", i, "milestone")
                yield _unknown("milestone", prerequisite.milestone, milestones, pos, entry.id)
        for i, item in enumerate(m.history):
            if item.revision not in revisions:
                yield _unknown(
                    "revision", item.revision, revisions, where.pos("history", i, "revision"), entry.id
                )


def _each_unknown(
    kind: str, ids: list[str], known: set[str], where: Where, owner: str | None = None
) -> Iterator[Finding]:
    for i, ident in enumerate(ids):
        if ident not in known:
            yield _unknown(kind, ident, known, where.pos(i), owner)


def _unknown(
    kind: str, ident: object, known: set[object] | set[str] | set[int], pos: Pos, owner: str | None = None
) -> Finding:
    import difflib

    names = sorted(str(k) for k in known)
    close = difflib.get_close_matches(str(ident), names, n=1, cutoff=0.6)
    hint = (
        f" (did you mean {close[0]!r}?)"
        if close
        else (f" (known: {', '.join(names[:8])})" if names else " (none declared)")
    )
    where = f"{owner}: " if owner else ""
    return error("FHS302", f"{where}unknown {kind} {ident!r}{hint}", pos)


RULES = (duplicate_id, unknown_reference)
