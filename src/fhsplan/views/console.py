"""Rendering rich renderables to text at a given width, with or without colour."""

from __future__ import annotations

import io
from collections.abc import Iterable

from rich.console import Console, Group, RenderableType
from rich.text import Text

from fhsplan.palette import LOOKS, legend_words
from fhsplan.plan import Plan
from fhsplan.shown import Shown


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


def status_text(shown: Shown, words: bool = True) -> Text:
    """A status as its symbol (and word), in its colour."""
    look = LOOKS[shown]
    return Text(f"{look.symbol} {look.word}" if words else look.symbol, style=look.style)


def legend(plan: Plan, width: int) -> Text:
    """Every status symbol explained, packed into lines of `width` without splitting an item."""
    text = Text("Legend:", style="bold")
    used = len("Legend:")
    for shown, look in LOOKS.items():
        style = look.style
        item = f"{look.symbol} {legend_words(shown, plan.current_revision)}"
        if used + 3 + len(item) > width:
            text.append("\n       ")
            used = 7
        text.append("   " if used > 7 else " ")
        text.append(item, style=style)
        used += (3 if used > 7 else 1) + len(item)
    return text
