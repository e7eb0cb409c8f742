"""Rendering rich renderables to text at a given width, with or without colour."""

from __future__ import annotations

import io
from collections.abc import Iterable

from rich.console import Console, RenderableType
from rich.text import Text

from fhsplan.plan import Plan, Shown
from fhsplan.views.symbols import LOOKS, legend_items


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
    for renderable in renderables:
        console.print(renderable)
    return buffer.getvalue()


def status_text(shown: Shown, words: bool = True) -> Text:
    """A status as its symbol (and word), in its colour."""
    look = LOOKS[shown]
    return Text(f"{look.symbol} {look.label}" if words else look.symbol, style=look.style)


def legend(plan: Plan) -> Text:
    """One wrapped line that explains every status symbol."""
    text = Text("Legend: ", style="bold")
    for index, (sym, style, words) in enumerate(legend_items(plan.current_revision)):
        if index:
            text.append("   ")
        text.append(f"{sym} {words}", style=style)
    return text
