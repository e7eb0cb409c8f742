"""FHS30x: identifiers and references."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from fhsplan.findings import Pos, Problem, Severity
from fhsplan.i18n import _, pgettext
from fhsplan.plan import Entry, Plan, Where
from fhsplan.rules.base import Context, problem, rule
from fhsplan.wording import did_you_mean

# The plan's vocabularies by field, with the word a message uses for one entry (in English: it is
# also part of a finding's `about`, which must not depend on the language; `kind_word` translates).
VOCABULARIES = {"groups": "map group", "goals": "goal", "beneficiaries": "beneficiary", "owners": "owner"}


def kind_word(kind: str) -> str:
    """The word for a kind of id (`milestone`, `map group`, …) in the language spoken."""
    words = {
        "milestone": pgettext("kind", "milestone"),
        "area": pgettext("kind", "area"),
        "focus area": pgettext("kind", "focus area"),
        "revision": pgettext("kind", "revision"),
        "map group": pgettext("kind", "map group"),
        "goal": pgettext("kind", "goal"),
        "beneficiary": pgettext("kind", "beneficiary"),
        "owner": pgettext("kind", "owner"),
    }
    return words.get(kind, kind)


@rule("FHS301", "duplicate-id", Severity.error)
def duplicate_id(plan: Plan, ctx: Context) -> Iterator[Problem]:
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
        ("revision", [r.key for r in plan.meta.revisions], lambda i: _revision_pos(plan, i)),
    ]
    for field, kind in VOCABULARIES.items():
        ids: list[object] = [v.id for v in getattr(plan.meta, field)]
        groups.append((kind, ids, lambda i, field=field: meta.pos(field, i, "id")))  # type: ignore[misc]
    for kind, items, pos_of in groups:
        first: dict[object, int] = {}
        for i, ident in enumerate(items):
            if ident not in first:
                first[ident] = i
                continue
            here, there = pos_of(i), pos_of(first[ident])
            yield problem(
                _("duplicate {kind} id {id} (first at {first})").format(
                    kind=kind_word(kind), id=repr(ident), first=there
                ),
                here,
                there,
                about=(kind, str(ident)),
            )


@rule("FHS302", "unknown-reference", Severity.error)
def unknown_reference(plan: Plan, ctx: Context) -> Iterator[Problem]:
    """Reference to an unknown area, milestone, goal, beneficiary, owner, map group or revision.

    Every id a plan file uses must be declared: prerequisites name milestones of the plan, effects
    name the plan's beneficiary codes, `owners` the plan's owners, `group` a map group, `goals`
    overarching goals; history entries, follow-ups, assessments and `current_revision` name a
    revision of `plan.yaml`, and a `moved` entry's `from_area` a focus area. The message suggests
    the nearest id.

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
    owners = set(plan.vocabulary_names("owners"))
    revisions = set(plan.revision_ids)
    meta = plan.meta_where
    if plan.meta.current_revision not in revisions:
        yield _unknown("revision", plan.meta.current_revision, revisions, meta.pos("current_revision"))
    areas = {a.id for a in plan.areas}
    for area in plan.areas:
        if area.model.group is not None and area.model.group not in groups:
            yield _unknown("map group", area.model.group, groups, area.where.pos("group"))
        yield from _each_unknown("goal", area.model.goals, goals, area.where.child("goals"))
        yield from _each_unknown("owner", area.model.owners, owners, area.where.child("owners"))
    beneficiaries = set(plan.vocabulary_names("beneficiaries"))
    for entry in plan.entries:
        yield from _milestone_references(plan, entry, groups, goals, owners, revisions, areas, beneficiaries)


def _milestone_references(
    plan: Plan, entry: Entry, groups: set[str], goals: set[str], owners: set[str], revisions: set[str],
    areas: set[str], beneficiaries: set[str],
) -> Iterator[Problem]:  # fmt: skip
    m, where = entry.model, entry.where
    if m.group is not None and m.group not in groups:
        yield _unknown("map group", m.group, groups, where.pos("group"), entry.id)
    yield from _each_unknown("goal", m.goals, goals, where.child("goals"), entry.id)
    yield from _each_unknown("owner", m.owners, owners, where.child("owners"), entry.id)
    # Places are built only for a finding: most effects have none, and a 10k plan has 30k effects.
    for i, effect in enumerate(m.effects):
        if not beneficiaries.issuperset(effect.beneficiaries):
            at = where.child("effects", i, "beneficiaries")
            yield from _each_unknown("beneficiary", effect.beneficiaries, beneficiaries, at, entry.id)
        for j, assessment in enumerate(effect.assessments):
            if assessment.revision not in revisions:
                pos = where.child("effects", i).pos("assessments", j, "revision")
                yield _unknown("revision", assessment.revision, revisions, pos, entry.id)
    for i, prerequisite in enumerate(m.depends_on):
        if prerequisite.milestone not in plan.by_id:
            pos = where.pos("depends_on", i, "milestone")
            yield _unknown("milestone", prerequisite.milestone, set(plan.by_id), pos, entry.id)
    for i, item in enumerate(m.history):
        if item.revision not in revisions:
            yield _unknown(
                "revision", item.revision, revisions, where.pos("history", i, "revision"), entry.id
            )
        if item.from_area is not None and item.from_area not in areas:
            yield _unknown(
                "focus area", item.from_area, areas, where.pos("history", i, "from_area"), entry.id
            )
    for i, followup in enumerate(m.followups):
        if followup.revision is not None and followup.revision not in revisions:
            pos = where.pos("followups", i, "revision")
            yield _unknown("revision", followup.revision, revisions, pos, entry.id)


def _revision_pos(plan: Plan, index: int) -> Pos:
    """Where a revision is named: its `id`, else its `year`."""
    revision = plan.meta.revisions[index]
    return plan.meta_where.pos("revisions", index, "id" if revision.id is not None else "year")


def _each_unknown(
    kind: str, ids: list[str], known: set[str], where: Where, subject: str | None = None
) -> Iterator[Problem]:
    for i, ident in enumerate(ids):
        if ident not in known:
            yield _unknown(kind, ident, known, where.pos(i), subject)


def _unknown(kind: str, ident: object, known: set[str], pos: Pos, subject: str | None = None) -> Problem:
    names = sorted(str(k) for k in known)
    hint = did_you_mean(str(ident), names) or (
        _(" (known: {names})").format(names=", ".join(names[:8])) if names else _(" (none declared)")
    )
    values = {"kind": kind_word(kind), "id": repr(ident), "hint": hint, "milestone": subject}
    message = _("{milestone}: unknown {kind} {id}{hint}") if subject else _("unknown {kind} {id}{hint}")
    return problem(message.format(**values), pos, about=(subject or "", kind, str(ident)))


RULES = (duplicate_id, unknown_reference)
