"""The status vocabulary views show. Kept apart from the models so the CLI can offer it as a
choice without importing pydantic at start-up."""

from __future__ import annotations

from enum import Enum


class Shown(str, Enum):
    """The status a view shows: the stated status, coloured by the current revision's history."""

    done = "done"
    started = "started"
    planned = "planned"
    postponed = "postponed"
    reformulated = "reformulated"
    added = "added"
    cancelled = "cancelled"
    unknown = "unknown"
