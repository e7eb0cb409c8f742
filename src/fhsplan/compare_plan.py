"""What changed in the plan itself between two revisions: plan.yaml's fields, its vocabularies and
its focus areas (issue #13: adding a revision, renaming a beneficiary code or an area showed as "No
milestone changed").

A pure function of two plan indexes, as `compare` is. Vocabulary entries and areas are matched by
id; an id that left and one that arrived with the same name is one entry whose id was renamed. The
order of areas is the order of their files: an area counts as moved in that order only when it is
not part of the longest run of areas that kept their relative order, so adding an area at the top
does not report every other area as moved.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass

from fhsplan.i18n import N_, _
from fhsplan.models import Revision, Vocabulary
from fhsplan.plan import Area, Plan

# The vocabularies of plan.yaml by field, with the prefix of their kinds of change.
VOCABULARIES: dict[str, str] = {
    "groups": "group",
    "goals": "goal",
    "beneficiaries": "beneficiary",
    "owners": "owner",
}


# Every kind of change to the plan itself, in the order they are listed, with the words reviewers
# read (whole phrases, so a translator sees each one; vocabularies in the order of VOCABULARIES).
PLAN_KINDS: dict[str, str] = {
    "title": N_("title changed"),
    "plan-owner": N_("owning organisation changed"),
    "language": N_("language changed"),
    "period": N_("period changed"),
    "revision-added": N_("revision added"),
    "revision-removed": N_("revision removed"),
    "revision-changed": N_("revision changed"),
    "current-revision": N_("current revision moved"),
    "group-added": N_("map group added"),
    "group-removed": N_("map group removed"),
    "group-renamed": N_("map group renamed"),
    "group-id-renamed": N_("map group id renamed"),
    "group-described": N_("map group description changed"),
    "goal-added": N_("goal added"),
    "goal-removed": N_("goal removed"),
    "goal-renamed": N_("goal renamed"),
    "goal-id-renamed": N_("goal id renamed"),
    "goal-described": N_("goal description changed"),
    "beneficiary-added": N_("beneficiary added"),
    "beneficiary-removed": N_("beneficiary removed"),
    "beneficiary-renamed": N_("beneficiary renamed"),
    "beneficiary-id-renamed": N_("beneficiary code renamed"),
    "beneficiary-described": N_("beneficiary description changed"),
    "owner-added": N_("owner added"),
    "owner-removed": N_("owner removed"),
    "owner-renamed": N_("owner renamed"),
    "owner-id-renamed": N_("owner id renamed"),
    "owner-described": N_("owner description changed"),
    "area-added": N_("focus area added"),
    "area-removed": N_("focus area removed"),
    "area-id-renamed": N_("focus area id renamed"),
    "area-renamed": N_("focus area renamed"),
    "area-regrouped": N_("focus area moved to another map group"),
    "area-reordered": N_("focus area moved in the plan's order"),
}


@dataclass(frozen=True, slots=True)
class PlanChange:
    """One change to the plan itself: its kind, the id it concerns ("" for the plan's own fields),
    and the values before and after, as plain text."""

    kind: str
    subject: str = ""
    before: str = ""
    after: str = ""

    @property
    def label(self) -> str:
        """What the change is called, in the language being spoken."""
        return _(PLAN_KINDS[self.kind])


def plan_changes(base: Plan, head: Plan, area_renames: dict[str, str]) -> list[PlanChange]:
    """Every change to plan.yaml and the list of focus areas, in the order of PLAN_KINDS."""
    out = list(_fields(base, head))
    out += _revisions(base, head)
    for field, prefix in VOCABULARIES.items():
        out += _vocabulary(base, head, field, prefix)
    out += _areas(base, head, area_renames)
    order = {kind: i for i, kind in enumerate(PLAN_KINDS)}
    return sorted(out, key=lambda c: order[c.kind])  # stable: within a kind, the order found


def area_renames(base: Plan, head: Plan) -> dict[str, str]:
    """Old id → new id of areas that left and arrived under another id with the same name, or with
    the same milestones."""
    new_ids = {a.id for a in head.areas}
    old_ids = {a.id for a in base.areas}
    gone = [a for a in base.areas if a.id not in new_ids]
    arrived = [a for a in head.areas if a.id not in old_ids]
    by_name = {a.model.name: a.id for a in reversed(arrived)}
    by_milestones = {_milestone_ids(head, a): a.id for a in reversed(arrived) if head.in_area(a.id)}
    renames: dict[str, str] = {}
    taken: set[str] = set()
    for area in gone:
        match = by_name.get(area.model.name) or by_milestones.get(_milestone_ids(base, area))
        if match is not None and match not in taken:
            renames[area.id] = match
            taken.add(match)
    return renames


def _milestone_ids(plan: Plan, area: Area) -> frozenset[str]:
    return frozenset(e.id for e in plan.in_area(area.id))


def _fields(base: Plan, head: Plan) -> Iterator[PlanChange]:
    old, new = base.meta, head.meta
    if old.title != new.title:
        yield PlanChange("title", before=old.title, after=new.title)
    if old.owner != new.owner:
        yield PlanChange("plan-owner", before=old.owner, after=new.owner)
    if old.language != new.language:
        yield PlanChange("language", before=old.language or "", after=new.language or "")
    if old.period != new.period:
        yield PlanChange("period", before=_period(base), after=_period(head))
    if old.current_revision != new.current_revision:
        yield PlanChange("current-revision", before=old.current_revision, after=new.current_revision)


def _period(plan: Plan) -> str:
    return f"{plan.meta.period.start}–{plan.meta.period.end}"


def _revisions(base: Plan, head: Plan) -> Iterator[PlanChange]:
    old = {r.key: r for r in base.meta.revisions}
    new = {r.key: r for r in head.meta.revisions}
    for key, revision in new.items():
        if key not in old:
            yield PlanChange("revision-added", key, after=revision_text(revision))
        elif old[key] != revision:
            yield PlanChange("revision-changed", key, revision_text(old[key]), revision_text(revision))
    for key, revision in old.items():
        if key not in new:
            yield PlanChange("revision-removed", key, before=revision_text(revision))


def revision_text(revision: Revision) -> str:
    """`2024: 2024-POL000123-001, Hälso- och sjukvårdsnämnden, 2024-02-15` (what a revision records)."""
    details = [revision.decision, revision.decided_by, revision.date.isoformat() if revision.date else None]
    if revision.id is not None and revision.year is not None:
        details.insert(0, _("year {year}").format(year=revision.year))
    said = ", ".join(d for d in details if d)
    return f"{revision.key}: {said}" if said else revision.key


def vocabulary_renames(base: Plan, head: Plan, field: str) -> dict[str, str]:
    """Old id → new id of the entries of one vocabulary that left and arrived under another id with
    the same name (a beneficiary code `inv` that became `inb`)."""
    old_list: list[Vocabulary] = getattr(base.meta, field)
    new_list: list[Vocabulary] = getattr(head.meta, field)
    old_ids, new_ids = {v.id for v in old_list}, {v.id for v in new_list}
    by_name = {v.name: v.id for v in reversed(new_list) if v.id not in old_ids}
    renames: dict[str, str] = {}
    taken: set[str] = set()
    for entry in old_list:
        match = by_name.get(entry.name) if entry.id not in new_ids else None
        if match is not None and match not in taken:
            renames[entry.id] = match
            taken.add(match)
    return renames


def _vocabulary(base: Plan, head: Plan, field: str, prefix: str) -> Iterator[PlanChange]:
    old_list: list[Vocabulary] = getattr(base.meta, field)
    new_list: list[Vocabulary] = getattr(head.meta, field)
    old = {v.id: v for v in old_list}
    new = {v.id: v for v in new_list}
    renames = vocabulary_renames(base, head, field)
    for entry in old_list:
        if entry.id in renames:
            now = new[renames[entry.id]]
            yield PlanChange(f"{prefix}-id-renamed", now.id, _named(entry), _named(now))
            yield from _vocabulary_entry(prefix, entry, now)
        elif entry.id not in new:
            yield PlanChange(f"{prefix}-removed", entry.id, before=_named(entry))
        else:
            yield from _vocabulary_entry(prefix, entry, new[entry.id])
    taken = set(renames.values())
    for entry in new_list:
        if entry.id not in old and entry.id not in taken:
            yield PlanChange(f"{prefix}-added", entry.id, after=_named(entry))


def _vocabulary_entry(prefix: str, old: Vocabulary, new: Vocabulary) -> Iterator[PlanChange]:
    if old.name != new.name:
        yield PlanChange(f"{prefix}-renamed", new.id, _named(old), _named(new))
    if old.description != new.description:
        yield PlanChange(f"{prefix}-described", new.id, old.description or "", new.description or "")


def _named(entry: Vocabulary) -> str:
    return f"{entry.id}: {entry.name}"


def _areas(base: Plan, head: Plan, renames: dict[str, str]) -> Iterator[PlanChange]:
    old = {renames.get(a.id, a.id): a for a in base.areas}
    new = {a.id: a for a in head.areas}
    old_id = {n: o for o, n in renames.items()}
    groups_before, groups_after = base.vocabulary_names("groups"), head.vocabulary_names("groups")
    for area in head.areas:
        before = old.get(area.id)
        if before is None:
            yield PlanChange("area-added", area.id, after=_area_text(area))
            continue
        if area.id in old_id:
            was = f"{old_id[area.id]}: {before.model.name}"
            yield PlanChange("area-id-renamed", area.id, was, _area_text(area))
        if before.model.name != area.model.name:
            yield PlanChange("area-renamed", area.id, before.model.name, area.model.name)
        if before.model.group != area.model.group:
            was = _group_name(before.model.group, groups_before)
            yield PlanChange("area-regrouped", area.id, was, _group_name(area.model.group, groups_after))
    for key, area in old.items():
        if key not in new:
            yield PlanChange("area-removed", area.id, before=_area_text(area))
    yield from _reordered(base, head, old, renames)


def _area_text(area: Area) -> str:
    return f"{area.id}: {area.model.name}"


def _group_name(group: str | None, names: dict[str, str]) -> str:
    if group is None:
        return _("no map group")
    return f"{group}: {names[group]}" if group in names else group


def _reordered(base: Plan, head: Plan, old: dict[str, Area], renames: dict[str, str]) -> Iterator[PlanChange]:
    """Areas that left the longest run of areas in the same relative order (patience sorting)."""
    before = {renames.get(a.id, a.id): i for i, a in enumerate(base.areas)}
    common = [(i, a) for i, a in enumerate(head.areas) if a.id in before]
    kept = _longest_increasing([before[a.id] for _place, a in common])
    for k, (position, area) in enumerate(common):
        if k not in kept:
            was = _("{place} of {count}").format(place=before[area.id] + 1, count=len(base.areas))
            now = _("{place} of {count}").format(place=position + 1, count=len(head.areas))
            yield PlanChange("area-reordered", area.id, was, now)


def _longest_increasing(values: list[int]) -> set[int]:
    """The indexes of one longest strictly increasing subsequence of `values`, in O(n log n)."""
    tails: list[int] = []  # tails[k]: the smallest value that ends an increasing run of length k+1
    tail_at: list[int] = []  # the index of that value
    previous = [-1] * len(values)
    for i, value in enumerate(values):
        k = bisect_left(tails, value)
        if k == len(tails):
            tails.append(value)
            tail_at.append(i)
        else:
            tails[k], tail_at[k] = value, i
        previous[i] = tail_at[k - 1] if k else -1
    out: set[int] = set()
    at = tail_at[-1] if tail_at else -1
    while at >= 0:
        out.add(at)
        at = previous[at]
    return out
