"""The plan index: areas, milestones by id, the prerequisite graph and years, with positions."""

from __future__ import annotations

import datetime as _dt
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from fhsplan.findings import Pos
from fhsplan.i18n import _
from fhsplan.lifecycle import Change, Colour, Status
from fhsplan.models import AreaFile, FollowUp, HistoryEntry, Milestone, PlanFile, Revision, period_of
from fhsplan.source import PosTree, locate
from fhsplan.when import Period, spoken


class Where(NamedTuple):
    """Where a record sits: its file, the file's position tree and the record's path in it."""

    file: str
    positions: PosTree | None
    path: tuple[Any, ...] = ()

    def pos(self, *path: Any, key: bool = False) -> Pos:
        """The position of a field of this record (or of the record when the field is absent)."""
        line, col = locate(self.positions, self.path + path, key=key)
        return Pos(self.file, line, col)

    def child(self, *path: Any) -> Where:
        return Where(self.file, self.positions, self.path + path)


@dataclass(frozen=True, slots=True)
class Area:
    """A focus area of a plan, in the plan's order."""

    model: AreaFile
    where: Where
    order: int

    @property
    def id(self) -> str:
        return self.model.id


@dataclass(frozen=True, slots=True)
class Entry:
    """A milestone with its area and place, and when it is due as a period of days."""

    model: Milestone
    area: str
    where: Where
    period: Period | None = field(init=False)
    # A revision removed it from the plan: kept for the record, no longer pursued. Asked by most
    # rules of every milestone, so it is worked out once (models are immutable).
    removed: bool = field(init=False)

    def __post_init__(self) -> None:
        due = self.model.due
        object.__setattr__(self, "period", None if due is None else period_of(due))
        object.__setattr__(self, "removed", any(h.kind is Change.removed for h in self.model.history))

    @property
    def id(self) -> str:
        return self.model.id

    @property
    def first_year(self) -> int | None:
        return self.period.first_year if self.period else None

    @property
    def last_year(self) -> int | None:
        """The year by which the milestone is to be reached: where the map places it."""
        return self.period.last_year if self.period else None

    def due_text(self) -> str:
        """When it is due, in the language being spoken: `2023–2025`, `kv. 3 2025`, `utan tidplan`."""
        return spoken(self.period) if self.period else _("no timetable")

    @property
    def status(self) -> Status:
        """The stated status: the latest follow-up's, else the `status` field, else unknown
        (cancelled once a revision has removed it)."""
        if self.model.followups:
            return self.model.followups[-1].status
        if self.model.status is not None:
            return self.model.status
        return Status.cancelled if self.removed else Status.unknown

    @property
    def active(self) -> bool:
        """Still pursued: neither removed by a revision nor cancelled."""
        return not self.removed and self.status is not Status.cancelled


@dataclass
class Plan:
    """A validated plan and everything the rules and views ask of it."""

    name: str
    folder: Path
    meta: PlanFile
    meta_where: Where
    areas: list[Area]
    entries: list[Entry]
    by_id: dict[str, Entry] = field(init=False)
    dependents_of: dict[str, list[str]] = field(init=False)
    _areas: dict[str, Area] = field(init=False, repr=False)
    _in_area: dict[str, list[Entry]] = field(init=False, repr=False)
    _revisions: dict[str, tuple[int, Revision]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.by_id = {}
        self._areas = {}
        self._in_area = {}
        # Rules ask for a revision's rank once per history entry: a dict, not a scan (issue #13).
        self._revisions = {}
        for rank, revision in enumerate(self.meta.revisions):
            self._revisions.setdefault(revision.key, (rank, revision))
        for area in self.areas:
            self._areas.setdefault(area.id, area)
        for entry in self.entries:
            self.by_id.setdefault(entry.id, entry)
            self._in_area.setdefault(entry.area, []).append(entry)
        self.dependents_of = {entry.id: [] for entry in self.entries}
        for entry in self.entries:
            for prerequisite in entry.model.depends_on:
                if prerequisite.milestone in self.dependents_of:
                    self.dependents_of[prerequisite.milestone].append(entry.id)

    @property
    def years(self) -> range:
        """The plan period, both ends included."""
        return range(self.meta.period.start, self.meta.period.end + 1)

    @property
    def current_revision(self) -> str:
        return self.meta.current_revision

    def area(self, area_id: str) -> Area | None:
        return self._areas.get(area_id)

    def in_area(self, area_id: str) -> list[Entry]:
        return list(self._in_area.get(area_id, ()))

    def prerequisites(self, milestone_id: str) -> list[Entry]:
        """The known milestones this one depends on, in the order written."""
        entry = self.by_id[milestone_id]
        return [self.by_id[p.milestone] for p in entry.model.depends_on if p.milestone in self.by_id]

    def dependents(self, milestone_id: str) -> list[Entry]:
        """The milestones that name this one as a prerequisite."""
        return [self.by_id[d] for d in self.dependents_of.get(milestone_id, [])]

    def edges(self) -> Iterator[tuple[str, str]]:
        """Prerequisite edges (prerequisite, dependent) between known milestones."""
        for entry in self.entries:
            for prerequisite in entry.model.depends_on:
                if prerequisite.milestone in self.by_id:
                    yield prerequisite.milestone, entry.id

    @property
    def revision_ids(self) -> list[str]:
        """The plan's revisions by id, oldest first."""
        return [r.key for r in self.meta.revisions]

    def revision(self, revision_id: str) -> Revision | None:
        found = self._revisions.get(revision_id)
        return found[1] if found else None

    def rank(self, revision_id: str) -> int:
        """A revision's place in the plan's order (0: the first), -1 when the plan has no such revision."""
        found = self._revisions.get(revision_id)
        return found[0] if found else -1

    def changes_in(self, entry: Entry, revision_id: str | None = None) -> list[Change]:
        """What one revision (default: the current one) did to a milestone, in the order recorded."""
        wanted = self.current_revision if revision_id is None else revision_id
        return [h.kind for h in entry.model.history if h.revision == wanted]

    def colour(self, entry: Entry) -> Colour:
        """The milestone's colour in the plan document, for the current revision.

        The document colours a status (green done, blue started or postponed) and a change of the
        revision (red reformulated or added); done and cancelled win, then the revision's change.
        """
        status = entry.status
        if status is Status.done:
            return Colour.done
        if not entry.active:
            return Colour.cancelled
        changes = self.changes_in(entry)
        if Change.added in changes or Change.reformulated in changes:
            return Colour.changed
        if status in (Status.started, Status.postponed) or Change.postponed in changes:
            return Colour.started
        return Colour.planned if status is Status.planned else Colour.unknown

    def is_overdue(self, entry: Entry, as_of: _dt.date) -> bool:
        """Still pursued, due by a date that has passed by `as_of`, and not recorded as done."""
        if entry.period is None or not entry.active or entry.status is Status.done:
            return False
        return as_of > entry.period.end

    def due_in(self, year: int, active: bool = True) -> list[Entry]:
        """Milestones to be reached in `year` (a period counts in the year it ends); with
        `active=False`, the removed and cancelled ones due that year instead."""
        return [e for e in self.entries if e.last_year == year and e.active is active]

    def at(self, revision_id: str) -> Plan:
        """The plan as revision `revision_id` marked it: what later revisions added is not there yet,
        what they postponed, reworded, moved or removed is as it was, and statuses are those
        followed up by then (issue #12: moving the current revision on keeps what 2023 said)."""
        rank = self.rank(revision_id)
        if rank < 0:
            raise KeyError(revision_id)
        later = set(self.revision_ids[rank + 1 :])
        cutoff = self.meta.revisions[rank]
        not_yet = {
            e.id
            for e in self.entries
            if any(h.kind is Change.added and h.revision in later for h in e.model.history)
        }
        entries = []
        for entry in self.entries:
            if entry.id in not_yet:
                continue
            undone = [h for h in entry.model.history if h.revision in later]
            model, area = _undo(entry, undone, later, cutoff, not_yet)
            entries.append(Entry(model, area, entry.where))
        revisions = self.meta.revisions[: rank + 1]
        meta = self.meta.model_copy(update={"revisions": revisions, "current_revision": revision_id})
        return Plan(self.name, self.folder, meta, self.meta_where, self.areas, entries)

    def vocabulary_names(self, kind: str) -> dict[str, str]:
        """Names by id of one of the plan's vocabularies: groups, goals or beneficiaries."""
        return {v.id: v.name for v in getattr(self.meta, kind)}

    def owners_of(self, entry: Entry) -> list[str]:
        """A milestone's responsible parties: its own `owners`, else its area's."""
        if entry.model.owners:
            return list(entry.model.owners)
        area = self.area(entry.area)
        return list(area.model.owners) if area else []

    def group_of(self, entry: Entry) -> str | None:
        if entry.model.group:
            return entry.model.group
        area = self.area(entry.area)
        return area.model.group if area else None

    def lanes(self, entries: Iterable[Entry] | None = None, keep_empty: bool = True) -> list[Lane]:
        """The map's lanes: by map group (the plan's order, ungrouped last), then areas in plan order.

        A milestone whose own `group` differs from its area's makes a lane of its own in that group.
        `keep_empty` keeps a lane for every area, also those with none of `entries`.
        """
        members: dict[tuple[str | None, str], list[Entry]] = {}
        if keep_empty:
            for area in self.areas:
                members[(area.model.group, area.id)] = []
        for entry in self.entries if entries is None else entries:
            members.setdefault((self.group_of(entry), entry.area), []).append(entry)
        group_order = {g.id: i for i, g in enumerate(self.meta.groups)}
        ungrouped = len(group_order) + 1

        def rank(key: tuple[str | None, str]) -> tuple[int, str, int]:
            group, area = key
            return (group_order.get(group, len(group_order)) if group else ungrouped, group or "",
                    self._areas[area].order)  # fmt: skip

        return [Lane(g, self._areas[a], tuple(members[(g, a)])) for g, a in sorted(members, key=rank)]

    def _needs(self, milestone_id: str) -> list[str]:
        return [p.milestone for p in self.by_id[milestone_id].model.depends_on if p.milestone in self.by_id]

    def _unlocks(self, milestone_id: str) -> list[str]:
        return self.dependents_of.get(milestone_id, [])

    def reach(self, ids: Iterable[str], direction: str, depth: int | None = None) -> set[str]:
        """Milestones reachable from `ids` through prerequisites ("up") or dependents ("down").

        At most `depth` steps (None: every level); the starting ids are included only when a path
        leads back to them.
        """
        steps: dict[str, Callable[[str], list[str]]] = {"up": self._needs, "down": self._unlocks}
        step = steps[direction]
        seen: set[str] = set()
        queue = deque((i, 0) for i in ids)
        while queue:
            current, level = queue.popleft()
            if depth is not None and level >= depth:
                continue
            for following in step(current):
                if following not in seen:
                    seen.add(following)
                    queue.append((following, level + 1))
        return seen


def _undo(
    entry: Entry, undone: list[HistoryEntry], later: set[str], cutoff: Revision, not_yet: set[str]
) -> tuple[Milestone, str]:
    """A milestone as it was before the changes in `undone` (the revisions after `cutoff`), without
    its arrows to milestones added later (`not_yet`) or the assessments of later revisions."""
    model = entry.model
    update: dict[str, Any] = {"history": [h for h in model.history if h.revision not in later]}
    if any(p.milestone in not_yet for p in model.depends_on):
        update["depends_on"] = [p for p in model.depends_on if p.milestone not in not_yet]
    if any(a.revision in later for e in model.effects for a in e.assessments):
        update["effects"] = [
            e.model_copy(update={"assessments": [a for a in e.assessments if a.revision not in later]})
            for e in model.effects
        ]
    area = entry.area
    for change in reversed(undone):  # the newest first, as unwinding does
        if change.kind in (Change.postponed, Change.advanced) and change.before is not None:
            update["due"] = change.before
        elif change.kind is Change.reformulated and change.previous:
            update["title"] = change.previous
        elif change.kind is Change.moved and change.from_area:
            area = change.from_area
    kept = [f for f in model.followups if _by(f, later, cutoff)]
    if len(kept) != len(model.followups):
        # The status field says what the latest follow-up says; without it, the earlier ones do.
        update["followups"], update["status"] = kept, None
    if any(h.kind is Change.removed for h in undone) and model.status is Status.cancelled and not kept:
        update["status"] = None  # not yet removed then; nothing says what it was
    return model.model_copy(update=update), area


def _by(followup: FollowUp, later: set[str], cutoff: Revision) -> bool:
    """Whether a follow-up had been made by the revision `cutoff`."""
    if followup.revision is not None:
        return followup.revision not in later
    assert followup.date is not None
    if cutoff.date is not None:
        return followup.date <= cutoff.date
    return cutoff.in_year is None or followup.date.year <= cutoff.in_year


@dataclass(frozen=True, slots=True)
class Lane:
    """One lane of the strategic map: a focus area within a map group, with its milestones."""

    group: str | None
    area: Area
    entries: tuple[Entry, ...]

    @property
    def name(self) -> str:
        return self.area.model.name
