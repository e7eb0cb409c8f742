"""The words of a plan's life: what is true of a milestone now (its status), what a revision did to
it (a change), how an effect is judged, and the colours of the plan document made of both.

Status and revision change are two things and stay apart in the data and in every count (issue
#12): a milestone can be started and reformulated, done and added. The plan document's colours are
derived from both. This module is light (no pydantic), so the command line can offer these words as
choices at start-up.
"""

from __future__ import annotations

from enum import Enum


class Status(str, Enum):
    """A milestone's status as stated; `unknown` when nobody has stated it (the honest default)."""

    done = "done"
    started = "started"
    planned = "planned"
    postponed = "postponed"
    cancelled = "cancelled"
    unknown = "unknown"


class Change(str, Enum):
    """What a revision did to a milestone (a history entry's `kind`)."""

    added = "added"
    reformulated = "reformulated"
    postponed = "postponed"
    advanced = "advanced"
    moved = "moved"
    removed = "removed"


class Judgement(str, Enum):
    """An assessment of whether an effect was reached, per revision."""

    achieved = "achieved"
    partly = "partly"
    not_achieved = "not-achieved"
    too_early = "too-early"
    unknown = "unknown"


class Colour(str, Enum):
    """A milestone's colour in the plan document for one revision.

    Green: done. Blue: started, or postponed. Red: reformulated or added in that revision. Grey:
    cancelled or removed. White: planned; dashed white: nobody has stated a status.
    """

    done = "done"
    started = "started"
    changed = "changed"
    planned = "planned"
    cancelled = "cancelled"
    unknown = "unknown"
