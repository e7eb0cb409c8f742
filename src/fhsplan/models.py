"""pydantic v2 models of the two plan files: the plan metadata file and a focus-area file.

Every field has a description: the JSON Schema exported from these models is what editors show
while a plan is written (issue #12).
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Annotated, Any, Union

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    Strict,
    StringConstraints,
    Tag,
    model_validator,
)

from fhsplan import when
from fhsplan.findings import Severity
from fhsplan.i18n import _
from fhsplan.lifecycle import Change, Judgement, Status

__all__ = ["Change", "Judgement", "Status"]  # re-exported: the models' vocabulary

Slug = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", min_length=1, max_length=80),
]
Text = Annotated[str, StringConstraints(min_length=1)]
# Strict: the loader already resolved YAML types; "2024" in quotes or `yes` must not slip through.
Year = Annotated[int, Strict(), Field(ge=1900, le=2200)]
Flag = Annotated[bool, Strict()]
Number = Annotated[Union[Annotated[int, Strict()], Annotated[float, Strict()]], Field()]  # noqa: UP007


def _revision_id(value: Any) -> Any:
    """A revision is named by a slug or date (`2024-h2`, `2020-05-14`) or, as older files do, a year."""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


RevisionId = Annotated[
    str,
    BeforeValidator(_revision_id),
    StringConstraints(pattern=r"^[0-9a-z]+(-[0-9a-z]+)*$", min_length=1, max_length=40),
    Field(
        description="A revision's id as in `revisions`: a year (2023), a date (2020-05-14) or a slug (2024-h2)."
    ),
]


def _valid_point(value: str) -> str:
    when.point(value)  # raises ValueError for 2025-02-30, 2025-13
    return value


# The pattern is for editors (JSON Schema); fhsplan checks the value itself, with a message in plan
# terms and days that exist (2025-02-30 matches the pattern and is still refused).
Point = Annotated[
    str,
    AfterValidator(_valid_point),
    Field(
        description="A quarter (2025-Q3), a month (2025-06) or a day (2020-06-30).",
        json_schema_extra={"pattern": when.POINT_PATTERN},
    ),
]


def _point_kind(value: Any) -> str | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return "year"
    if isinstance(value, str):
        return "point"
    return None


When = Annotated[
    Union[Annotated[Year, Tag("year")], Annotated[Point, Tag("point")]],  # noqa: UP007 - Tag needs it
    Discriminator(
        _point_kind,
        custom_error_type="when_kind",
        custom_error_message="must be a year (2024), a quarter (2025-Q3), a month (2025-06) or a day (2025-06-30)",
    ),
]


RULE_CODE = re.compile(r"FHS[0-9]{3}")


def _rule_code(value: str) -> str:
    if not RULE_CODE.fullmatch(value):
        raise ValueError(_("not a rule code: FHS and three digits, e.g. FHS601 (docs/rules.md)"))
    return value


RuleCode = Annotated[
    str,
    AfterValidator(_rule_code),
    Field(
        description="A rule code of the catalogue (docs/rules.md), e.g. FHS601.",
        json_schema_extra={"pattern": "^FHS[0-9]{3}$"},
    ),
]
Glob = Annotated[
    str,
    StringConstraints(min_length=1),
    Field(description="A file pattern: `*` matches any characters, `/` included; `?` one; `[…]` a set."),
]
AS_OF_WORDS = ("revision", "today")


def _as_of(value: Any) -> Any:
    if isinstance(value, _dt.date) and not isinstance(value, _dt.datetime):
        return value.isoformat()  # TOML has a date type; YAML gives the text
    if isinstance(value, str) and value not in AS_OF_WORDS:
        try:
            _dt.date.fromisoformat(value)
        except ValueError:
            raise ValueError(_("must be 'revision', 'today' or a date like 2024-06-30")) from None
    return value


AsOf = Annotated[
    str,
    BeforeValidator(_as_of),
    Field(
        description=(
            "The date `overdue` (FHS403) is judged by: `revision` (the current revision's decision "
            "date, else the end of its year), `today`, or an ISO date such as 2024-06-30."
        ),
        json_schema_extra={"pattern": r"^(revision|today|[0-9]{4}-[0-9]{2}-[0-9]{2})$"},
    ),
]


class Record(BaseModel):
    """Base of every model: unknown fields are errors, and input is never echoed in messages."""

    model_config = ConfigDict(extra="forbid", hide_input_in_errors=True, frozen=True, populate_by_name=True)


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
    """A span of time, both ends included: years ({start: 2023, end: 2026}) or finer (2025-Q1 to 2025-Q3)."""

    start: When = Field(description="The first year, quarter, month or day.")
    end: When = Field(description="The last year, quarter, month or day.")

    @model_validator(mode="after")
    def _ordered(self) -> Span:
        when.span(self.start, self.end)  # raises ValueError when it ends before it starts
        return self


class Years(Record):
    """The years a plan covers, both ends included."""

    start: Year
    end: Year

    @model_validator(mode="after")
    def _ordered(self) -> Years:
        if self.end < self.start:
            raise ValueError(
                _("period ends ({end}) before it starts ({start})").format(end=self.end, start=self.start)
            )
        return self


def _due_kind(value: Any) -> str | None:
    if isinstance(value, (dict, Span)):
        return "span"
    return _point_kind(value)


Due = Annotated[
    Union[Annotated[Year, Tag("year")], Annotated[Point, Tag("point")], Annotated[Span, Tag("span")]],  # noqa: UP007
    Discriminator(
        _due_kind,
        custom_error_type="due_kind",
        custom_error_message=(
            "must be a year (2024), a quarter (2025-Q3), a month (2025-06), a day (2025-06-30) "
            "or a span ({start: 2023, end: 2026})"
        ),
    ),
]


def period_of(due: int | str | Span) -> when.Period:
    """The period of days a `due` value stands for."""
    if isinstance(due, Span):
        return when.span(due.start, due.end)
    return when.point(due)


class Revision(Record):
    """One revision of the plan: adopted (or being prepared) by a decision body, with its reference."""

    id: RevisionId | None = Field(
        None, description="How history, follow-ups and assessments name this revision. Default: its `year`."
    )
    year: Year | None = Field(
        None, description="The year the revision belongs to (older files name revisions by it)."
    )
    date: _dt.date | None = Field(None, description="The date of the decision (ISO, e.g. 2024-02-15).")
    decision: Text | None = Field(
        None, description="Decision reference (diarienummer), e.g. '2023-POL000009-015'."
    )
    decided_by: Text | None = Field(
        None, description="The decision body, e.g. 'Hälso- och sjukvårdsnämnden'."
    )
    note: Text | None = None

    @model_validator(mode="after")
    def _named(self) -> Revision:
        if self.id is None and self.year is None:
            raise ValueError(_("a revision needs an `id` (e.g. 2024 or 2024-h2) or a `year`"))
        return self

    @property
    def key(self) -> str:
        """The id history entries use: `id`, else the year."""
        return self.id if self.id is not None else str(self.year)

    @property
    def in_year(self) -> int | None:
        """The year it belongs to: `year`, else the decision date's, else the one its id starts with."""
        if self.year is not None:
            return self.year
        if self.date is not None:
            return self.date.year
        head = self.key[:4]
        return int(head) if head.isdigit() else None


class Vocabulary(Record):
    """An entry of one of the plan's vocabularies (map group, goal, beneficiary, owner)."""

    id: Slug
    name: Text
    description: Text | None = None


class Checks(Record):
    """How `fhsplan validate` checks a plan, on top of fhsplan.toml or [tool.fhsplan] (docs/ci.md)."""

    disable: list[RuleCode] = Field(
        default_factory=list, description="Rules not run for this plan, by code (e.g. [FHS601])."
    )
    severity: dict[RuleCode, Severity] = Field(
        default_factory=dict,
        description="A rule's severity changed: code → error or warning (e.g. {FHS402: error}).",
    )
    per_path_ignores: dict[Glob, list[RuleCode]] = Field(
        default_factory=dict,
        description=(
            "Codes not reported in the files a pattern matches, relative to the plan's folder "
            "(in fhsplan.toml: to the file's folder), e.g. {'areas/07-*.yaml': [FHS601]}."
        ),
    )
    as_of: AsOf | None = None


class Ignore(Record):
    """One rule's finding on this milestone, silenced on purpose, and why."""

    code: RuleCode = Field(description="The rule whose findings on this milestone are not reported.")
    reason: Text = Field(description="Why the finding does not apply here; reports show it.")


class PlanFile(Record):
    """The plan metadata file, `plan.yaml` in the plan's folder."""

    id: Slug
    title: Text
    owner: Text = Field(description="The organisation that owns the plan, e.g. 'Region Skåne'.")
    language: Annotated[str, StringConstraints(pattern=r"^[a-z]{2}$")] | None = Field(
        None, description="The language of the plan's text (ISO 639-1, e.g. 'sv'): labels follow it."
    )
    default: Flag = Field(False, description="The plan commands use when none is named.")
    period: Years = Field(description="The years the plan covers, e.g. {start: 2023, end: 2026}.")
    adopted: Text | None = Field(None, description="How and when the plan was adopted.")
    revisions: list[Revision] = Field(min_length=1, description="The plan's revisions, oldest first.")
    current_revision: RevisionId = Field(
        description="The revision in force (or being prepared); one of `revisions`."
    )
    groups: list[Vocabulary] = Field(default_factory=list, description="Map groups (rows of the map).")
    goals: list[Vocabulary] = Field(default_factory=list, description="Overarching goals.")
    beneficiaries: list[Vocabulary] = Field(
        default_factory=list, description="Codes that tag short-term effects (e.g. inv, sys, vsh)."
    )
    owners: list[Vocabulary] = Field(
        default_factory=list,
        description="Responsible parties (ansvariga) that areas and milestones name by id, e.g. a förvaltning.",
    )
    note: Text | None = None
    source: Source | None = None
    uncertain: list[Uncertainty] = Field(default_factory=list)
    checks: Checks = Field(
        default_factory=Checks, description="How `fhsplan validate` checks this plan (docs/ci.md)."
    )


class Measurement(Record):
    """A measured value of an indicator, and the year it holds for."""

    value: Number
    year: Year
    note: Text | None = None


class Indicator(Record):
    """What is measured to judge an effect (indikator, nyckeltal)."""

    measure: Text = Field(description="What is measured, in the plan's words.")
    unit: Text | None = Field(None, description="Unit, e.g. 'procent' or 'antal per 1000 invånare'.")
    baseline: Measurement | None = Field(None, description="The value before, with its year.")
    target: Measurement | None = Field(None, description="The value aimed at, with the year it is due.")
    data_source: Text | None = Field(None, description="Where the values come from.")


class Assessment(Record):
    """A revision's judgement of an effect (självskattning)."""

    revision: RevisionId
    judgement: Judgement = Field(description="achieved, partly, not-achieved, too-early or unknown.")
    comment: Text | None = Field(None, description="Why, in the plan's language.")
    value: Number | None = Field(None, description="The indicator's measured value, where there is one.")


class Effect(Record):
    """A short-term effect of reaching a milestone, tagged with who benefits."""

    text: Text
    beneficiaries: list[Slug] = Field(default_factory=list)
    indicator: Indicator | None = Field(None, description="How the effect is measured.")
    assessments: list[Assessment] = Field(default_factory=list, description="Judgements, one per revision.")
    note: Text | None = None
    uncertain: list[Uncertainty] = Field(default_factory=list)


class Prerequisite(Record):
    """An arrow: the named milestone must be reached before this one."""

    milestone: Slug
    reason: Text | None = Field(None, description="Why, citing the source.")


class HistoryEntry(Record):
    """What a revision did to a milestone: a change, kept apart from its status."""

    kind: Change = Field(description="added, reformulated, postponed, advanced, moved or removed.")
    revision: RevisionId
    from_: Due | None = Field(
        None,
        alias="from",
        description="postponed, advanced: the due before the change (a year, quarter, month, day or span).",
    )
    from_year: Year | None = Field(None, description="Older files' name for `from` (a year).")
    previous: Text | None = Field(None, description="reformulated: the wording before the revision.")
    from_area: Slug | None = Field(None, description="moved: the focus area it was moved from.")
    note: Text | None = None

    @model_validator(mode="after")
    def _one_from(self) -> HistoryEntry:
        if self.from_ is not None and self.from_year is not None:
            raise ValueError(_("give `from` or `from_year`, not both"))
        return self

    @property
    def before(self) -> int | str | Span | None:
        """The due before a postponement or advancement."""
        return self.from_ if self.from_ is not None else self.from_year


class FollowUp(Record):
    """A dated observation of a milestone (uppföljning): the status seen, and who said so."""

    revision: RevisionId | None = Field(None, description="The revision this follow-up belongs to.")
    date: _dt.date | None = Field(None, description="When the status was observed (ISO date).")
    status: Status = Field(
        description="The status observed: done, started, planned, postponed, cancelled, unknown."
    )
    comment: Text | None = Field(None, description="What happened, in the plan's language.")
    evidence: Text | None = Field(None, description="A link, document or decision reference that shows it.")
    reporter: Text | None = Field(None, description="Who reported it (a name, role or owner id).")
    source: Source | None = None
    note: Text | None = None

    @model_validator(mode="after")
    def _dated(self) -> FollowUp:
        if self.revision is None and self.date is None:
            raise ValueError(_("a follow-up needs the `revision` or the `date` it belongs to"))
        return self

    @property
    def when(self) -> str:
        """`2024-11-30, revision 2024`, or whichever of the two it has."""
        parts = [
            self.date.isoformat() if self.date else "",
            f"revision {self.revision}" if self.revision else "",
        ]
        return ", ".join(p for p in parts if p)


class Milestone(Record):
    """A milestone (milstolpe), activity or initiative."""

    id: Slug
    title: Text
    description: Text | None = None
    due: Due | None = Field(
        None,
        description="A year (2024), quarter (2025-Q3), month (2025-06), day (2020-06-30) or span ({start: 2023, end: 2026}).",
    )
    timetable_note: Text | None = Field(
        None, description="Required when `due` is absent: why there is no timetable, or what it waits for."
    )
    status: Status | None = Field(
        None,
        description="The stated status. With follow-ups, the latest follow-up's status (and this field may be left out).",
    )
    owners: list[Slug] = Field(
        default_factory=list, description="Responsible parties: ids of the plan's `owners`."
    )
    group: Slug | None = Field(None, description="Map group, when it differs from the area's.")
    effects: list[Effect] = Field(default_factory=list)
    goals: list[Slug] = Field(default_factory=list)
    depends_on: list[Prerequisite] = Field(default_factory=list)
    history: list[HistoryEntry] = Field(default_factory=list, description="What revisions changed.")
    followups: list[FollowUp] = Field(default_factory=list, description="Follow-up records, oldest first.")
    note: Text | None = None
    source: Source | None = None
    uncertain: list[Uncertainty] = Field(default_factory=list)
    ignore: list[Ignore] = Field(
        default_factory=list,
        description="Findings of these rules on this milestone are not reported; each needs a reason.",
    )

    @model_validator(mode="after")
    def _timetable(self) -> Milestone:
        if self.due is None and self.timetable_note is None:
            raise ValueError(_("a milestone without `due` needs a `timetable_note` saying why"))
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
    owners: list[Slug] = Field(
        default_factory=list, description="Responsible parties: ids of the plan's `owners`."
    )
    description: Text | None = None
    goals: list[Slug] = Field(default_factory=list)
    goal_images: list[GoalImage] = Field(default_factory=list)
    milestones: list[Milestone] = Field(default_factory=list)
    note: Text | None = None
    source: Source | None = None
    uncertain: list[Uncertainty] = Field(default_factory=list)
