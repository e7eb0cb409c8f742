"""Rendering rich renderables to text at a given width, with or without colour."""

from __future__ import annotations

import io
from collections.abc import Iterable

from rich.console import Console, Group, RenderableType
from rich.text import Text

from fhsplan.lifecycle import Change, Status
from fhsplan.palette import CHANGES, COLOURS, STATUSES
from fhsplan.plan import Entry, Plan


def render(renderables: Iterable[RenderableType], width: int, colour: bool) -> str:
    """The renderables as text: `width` columns, ANSI colour only when `colour`."""
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=width,
        color_system="standard" if colour else None,
        force_terminal=colour,
        no_color=not colour,
        highlight=False,
        emoji=False,
        markup=False,
        legacy_windows=False,
    )
    console.print(Group(*renderables))  # one print: each print call costs a buffer round
    # rich pads every line to the full width; trailing blanks only make golden files and pastes noisy.
    return "\n".join(line.rstrip(" ") for line in buffer.getvalue().split("\n"))


def status_text(status: Status, words: bool = True) -> Text:
    """A status as its symbol (and word), in its style."""
    mark = STATUSES[status]
    return Text(f"{mark.symbol} {mark.word}" if words else mark.symbol, style=mark.style)


def change_text(changes: Iterable[Change], words: bool = False) -> Text:
    """Revision changes as their symbols (and words), each in its style, space-separated."""
    text = Text()
    for index, change in enumerate(changes):
        mark = CHANGES[change]
        text.append(" " if index else "")
        text.append(f"{mark.symbol} {mark.word}" if words else mark.symbol, style=mark.style)
    return text


def marks(plan: Plan, entry: Entry) -> Text:
    """A milestone's status symbol with the symbols of what the revision shown changed: `▸ ✎`."""
    text = status_text(entry.status, words=False)
    changes = plan.changes_in(entry)
    if changes:
        text.append(" ")
        text.append_text(change_text(changes))
    return text


def title_style(plan: Plan, entry: Entry) -> str:
    """The style of a milestone's title: its colour in the plan document, struck when not pursued."""
    look = COLOURS[plan.colour(entry)]
    return f"{look.style} strike".strip() if look.struck else look.style


def legend(plan: Plan, width: int) -> Text:
    """Every status and change symbol explained, packed into lines of `width` without splitting an item."""
    items = [(m.symbol, m.word, m.style) for m in STATUSES.values()]
    items += [(m.symbol, m.word, m.style) for m in CHANGES.values()]
    text = Text("Legend:", style="bold")
    used = len("Legend:")
    changes_at = len(STATUSES)
    for index, (symbol, word, style) in enumerate(items):
        item = f"{symbol} {word}"
        if index == changes_at:
            item = f"in revision {plan.current_revision}: {item}"
        if used + 3 + len(item) > width:
            text.append("\n       ")
            used = 7
        text.append("   " if used > 7 else " ")
        text.append(item, style=style)
        used += (3 if used > 7 else 1) + len(item)
    return text
