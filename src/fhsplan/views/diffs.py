"""The renderers of a plan diff by `--format` name: the one table the command's choices come from.

Each entry imports its renderer when called, so the command line can list the choices without
loading rich at start-up.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fhsplan.compare import PlanDiff


# The Markdown comment's default size: below GitHub's 65,536 characters, with room for a marker.
DEFAULT_BUDGET = 65_000


@dataclass(frozen=True, slots=True)
class Layout:
    """What a renderer may need to know about where its output goes."""

    width: int = 80
    colour: bool = False
    max_chars: int = DEFAULT_BUDGET
    chosen: bool = False  # max_chars came from the user (--max-chars), not GitHub's limit


def _text(diff: PlanDiff, layout: Layout) -> str:
    from fhsplan.views import diff_text

    return diff_text.render(diff, layout.width, layout.colour)


def _markdown(diff: PlanDiff, layout: Layout) -> str:
    from fhsplan.views import diff_markdown

    return diff_markdown.render(diff, layout.max_chars, chosen=layout.chosen)


def _json(diff: PlanDiff, layout: Layout) -> str:
    from fhsplan.views import diff_json

    return diff_json.render(diff)


DIFF_RENDERERS: dict[str, Callable[[PlanDiff, Layout], str]] = {
    "text": _text,
    "markdown": _markdown,
    "json": _json,
}
