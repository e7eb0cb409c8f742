"""The plan index: areas, milestones by id, the prerequisite graph and years, with positions."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from fhsplan.findings import Pos
from fhsplan.models import AreaFile, Milestone, PlanFile, Span, Status
from fhsplan.shown import Shown
from fhsplan.source import PosTree, locate


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

    def __post_init__(self) -> None:
        self.by_id = {}
        for entry in self.entries:
            self.by_id.setdefault(entry.id, entry)
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
        return next((a for a in self.areas if a.id == area_id), None)

    def in_area(self, area_id: str) -> list[Entry]:
        return [e for e in self.entries if e.area == area_id]

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
