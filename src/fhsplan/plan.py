"""The plan index: areas, milestones by id, the prerequisite graph and years, with positions."""

from __future__ import annotations

import datetime as _dt
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from fhsplan.findings import Pos
from fhsplan.models import AreaFile, Milestone, PlanFile, Span, Status
from fhsplan.shown import Shown
from fhsplan.source import PosTree, locate


class Positions:
    """A file's position tree, built only when a finding first needs a place in that file.

    A clean 50k-milestone plan never needs one; building them all cost a third of its memory.
    """

    __slots__ = ("_load", "_tree")

    def __init__(self, load: Callable[[], PosTree | None]) -> None:
        self._load: Callable[[], PosTree | None] | None = load
        self._tree: PosTree | None = None

    @classmethod
    def of(cls, tree: PosTree | None) -> Positions:
        """Positions already at hand."""
        return cls(lambda: tree)

    def tree(self) -> PosTree | None:
        if self._load is not None:
            self._tree, self._load = self._load(), None
        return self._tree


class Where(NamedTuple):
    """Where a record sits: its file, the file's positions and the record's path in it."""

    file: str
    positions: Positions
    path: tuple[Any, ...] = ()

    def pos(self, *path: Any, key: bool = False) -> Pos:
        """The position of a field of this record (or of the record when the field is absent)."""
        line, col = locate(self.positions.tree(), self.path + path, key=key)
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
    """A milestone with its area and place."""

    model: Milestone
    area: str
    where: Where

    @property
    def id(self) -> str:
        return self.model.id

    @property
    def first_year(self) -> int | None:
        due = self.model.due
        return due.start if isinstance(due, Span) else due

    @property
    def last_year(self) -> int | None:
        """The year by which the milestone is to be reached."""
        due = self.model.due
        return due.end if isinstance(due, Span) else due

    def due_text(self) -> str:
        due = self.model.due
        if due is None:
            return "no timetable"
        return f"{due.start}–{due.end}" if isinstance(due, Span) else str(due)


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

    def __post_init__(self) -> None:
        self.by_id = {}
        self._areas = {}
        self._in_area = {}
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
    def current_revision(self) -> int:
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

    def shown_status(self, entry: Entry) -> Shown:
        """Status as the plan document colours it: current-revision changes first, then the record."""
        stated = entry.model.status
        if stated in (Status.done, Status.cancelled):
            return Shown(stated.value)
        kinds = {h.kind for h in entry.model.history if h.revision == self.current_revision}
        if "added" in kinds:
            return Shown.added
        if "reformulated" in kinds:
            return Shown.reformulated
        if "postponed" in kinds and stated is not Status.started:
            return Shown.postponed
        return Shown(stated.value)

    def is_overdue(self, entry: Entry, as_of: _dt.date) -> bool:
        """Due in a year that has ended by `as_of` and not recorded as done (or cancelled)."""
        last = entry.last_year
        if last is None or entry.model.status in (Status.done, Status.cancelled):
            return False
        return as_of > _dt.date(last, 12, 31)

    def due_in(self, year: int) -> list[Entry]:
        """Milestones to be reached in `year` (spans count in their last year)."""
        return [e for e in self.entries if e.last_year == year]

    def vocabulary_names(self, kind: str) -> dict[str, str]:
        """Names by id of one of the plan's vocabularies: groups, goals or beneficiaries."""
        return {v.id: v.name for v in getattr(self.meta, kind)}

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


@dataclass(frozen=True, slots=True)
class Lane:
    """One lane of the strategic map: a focus area within a map group, with its milestones."""

    group: str | None
    area: Area
    entries: tuple[Entry, ...]

    @property
    def name(self) -> str:
        return self.area.model.name
