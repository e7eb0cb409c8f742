"""pydantic v2 models of the two plan files: the plan metadata file and a focus-area file."""

from __future__ import annotations

import datetime as _dt
from enum import Enum
from typing import Annotated, Any, Literal, Union

from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    Strict,
    StringConstraints,
    Tag,
    model_validator,
)

Slug = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", min_length=1, max_length=80),
]
Text = Annotated[str, StringConstraints(min_length=1)]
# Strict: the loader already resolved YAML types; "2024" in quotes or `yes` must not slip through.
Year = Annotated[int, Strict(), Field(ge=1900, le=2200)]
Flag = Annotated[bool, Strict()]


class Record(BaseModel):
    """Base of every model: unknown fields are errors, and input is never echoed in messages."""

    model_config = ConfigDict(extra="forbid", hide_input_in_errors=True, frozen=True)


class Status(str, Enum):
    """A milestone's status as the source states it; `unknown` when the source does not say."""

    done = "done"
    started = "started"
    planned = "planned"
    postponed = "postponed"
    cancelled = "cancelled"
    unknown = "unknown"


class Source(Record):
    """Where a record comes from: a document (seed file) and a table, figure or section in it."""

    document: Text = Field(description="File name or title of the source document.")
    section: Text | None = Field(None, description="Table, figure, heading or page, e.g. 'Tabell 1a'.")
    quote: Text | None = Field(None, description="The source's own words where they decide a reading.")


class Uncertainty(Record):
    """A garbled or ambiguous reading of the source: what it shows and what we read."""

    field: Text = Field(description="The field whose value is uncertain, e.g. 'due' or 'title'.")
    source_shows: Text = Field(description="What the source text shows, quoted as is.")
    note: Text = Field(description="Why the recorded value is the best reading.")


class Span(Record):
    """A span of years, both ends included."""

    start: Year
    end: Year

    @model_validator(mode="after")
    def _ordered(self) -> Span:
        if self.end < self.start:
            raise ValueError(f"span ends ({self.end}) before it starts ({self.start})")
        return self


def _due_kind(value: Any) -> str | None:
    if isinstance(value, (dict, Span)):
        return "span"
    if isinstance(value, int) and not isinstance(value, bool):
        return "year"
    return None


Due = Annotated[
    Union[Annotated[Year, Tag("year")], Annotated[Span, Tag("span")]],  # noqa: UP007 - Tag needs it
    Discriminator(
        _due_kind,
        custom_error_type="due_kind",
        custom_error_message="must be a year (2024) or a span ({start: 2023, end: 2026})",
    ),
]


class Revision(Record):
    """One adopted revision of the plan."""

    year: Year
    decision: Text | None = Field(None, description="Decision reference, e.g. '2023-POL000009-015'.")
    decided_by: Text | None = None
    date: _dt.date | None = None
    note: Text | None = None


class Vocabulary(Record):
    """An entry of one of the plan's vocabularies (map group, goal, beneficiary)."""

    id: Slug
    name: Text
    description: Text | None = None


class PlanFile(Record):
    """The plan metadata file, `plan.yaml` in the plan's folder."""

    id: Slug
    title: Text
    owner: Text
    default: Flag = Field(False, description="The plan commands use when none is named.")
    period: Span
    adopted: Text | None = Field(None, description="How and when the plan was adopted.")
    revisions: list[Revision] = Field(min_length=1)
    current_revision: Year = Field(description="Year of the revision in force; one of `revisions`.")
    groups: list[Vocabulary] = Field(default_factory=list, description="Map groups (rows of the map).")
    goals: list[Vocabulary] = Field(default_factory=list, description="Overarching goals.")
    beneficiaries: list[Vocabulary] = Field(
        default_factory=list, description="Codes that tag short-term effects (e.g. inv, sys, vsh)."
    )
    note: Text | None = None
    source: Source | None = None
    uncertain: list[Uncertainty] = Field(default_factory=list)


class Effect(Record):
    """A short-term effect of reaching a milestone, tagged with who benefits."""

    text: Text
    beneficiaries: list[Slug] = Field(default_factory=list)
    note: Text | None = None
    uncertain: list[Uncertainty] = Field(default_factory=list)


class Prerequisite(Record):
    """An arrow: the named milestone must be reached before this one."""

    milestone: Slug
    reason: Text | None = Field(None, description="Why, citing the source.")


class HistoryEntry(Record):
    """What a revision did to a milestone."""

    kind: Literal["added", "postponed", "advanced", "reformulated", "done", "moved", "removed"]
    revision: Year = Field(description="The revision (year) that made the change.")
    from_year: Year | None = Field(None, description="The due year before the change (postponed, advanced).")
    previous: Text | None = Field(None, description="The previous wording (reformulated).")
    note: Text | None = None


class Milestone(Record):
    """A milestone (milstolpe), activity or initiative."""

    id: Slug
    title: Text
    description: Text | None = None
    due: Due | None = Field(None, description="A year (2024) or a span ({start: 2023, end: 2026}).")
    timetable_note: Text | None = Field(None, description="Required when `due` is absent.")
    status: Status = Status.unknown
    group: Slug | None = Field(None, description="Map group, when it differs from the area's.")
    effects: list[Effect] = Field(default_factory=list)
    goals: list[Slug] = Field(default_factory=list)
    depends_on: list[Prerequisite] = Field(default_factory=list)
    history: list[HistoryEntry] = Field(default_factory=list)
    note: Text | None = None
    source: Source | None = None
    uncertain: list[Uncertainty] = Field(default_factory=list)

    @model_validator(mode="after")
    def _timetable(self) -> Milestone:
        if self.due is None and self.timetable_note is None:
            raise ValueError("a milestone without `due` needs a `timetable_note` saying why")
        return self


class GoalImage(Record):
    """A long-term goal image (målbild) of a focus area."""

    text: Text
    uncertain: list[Uncertainty] = Field(default_factory=list)


class AreaFile(Record):
    """A focus-area file, `areas/NN-<id>.yaml` in the plan's folder."""

    id: Slug
    name: Text
    group: Slug | None = None
    description: Text | None = None
    goals: list[Slug] = Field(default_factory=list)
    goal_images: list[GoalImage] = Field(default_factory=list)
    milestones: list[Milestone] = Field(default_factory=list)
    note: Text | None = None
    source: Source | None = None
    uncertain: list[Uncertainty] = Field(default_factory=list)
