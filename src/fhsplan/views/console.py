"""Rendering rich renderables to text at a given width, with or without colour.

This is the one place where plan text becomes terminal text (issue #10): every view hands its
renderables to `render`, whose console shows each control, bidi and invisible character of a text
as an escape (`escape.terminal`) before laying it out. Views build Text from plan text as it is;
none of them escapes.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator

from rich.console import Console, ConsoleOptions, Group, RenderableType
from rich.segment import Segment
from rich.text import Span, Text

from fhsplan.escape import terminal
from fhsplan.i18n import _
from fhsplan.lifecycle import Change, Status
from fhsplan.palette import CHANGES, COLOURS, STATUSES
from fhsplan.plan import Entry, Plan

# One text on a terminal is at most this many characters (before escaping); a longer one ends in
# "…". The longest text of the plans in plan/ has 1,527, but a hostile one of 100k characters took
# `fhsplan list` half a minute to lay out; `--format json` has it whole.
TEXT_LIMIT = 4_000


def inert(text: Text) -> Text:
    """`text` with every character a terminal would act on shown as an escape, its styles kept,
    and at most TEXT_LIMIT characters long."""
    if len(text.plain) > TEXT_LIMIT:
        text = text[:TEXT_LIMIT]
        text.append("…")
    plain = text.plain
    if terminal(plain) is plain:  # re.sub hands back the very string when nothing matched
        return text
    # Each character becomes its escape (one or more characters), so a style's span moves with it.
    pieces, starts, length = [], [], 0
    for char in plain:
        starts.append(length)
        shown = terminal(char)
        pieces.append(shown)
        length += len(shown)
    starts.append(length)
    copy = text.blank_copy("".join(pieces))
    copy.spans = [Span(starts[s.start], starts[min(s.end, len(plain))], s.style) for s in text.spans]
    return copy


class _InertConsole(Console):
    """A console that makes every str and Text inert at the moment it is rendered, at any depth
    (table cells, titles, grids, groups), so it is wrapped to its width as the reader will see it."""

    _depth = 0

    def render(self, renderable: RenderableType, options: ConsoleOptions | None = None) -> Iterator[Segment]:
        if isinstance(renderable, str):
            renderable = Text(renderable) if len(renderable) > TEXT_LIMIT else terminal(renderable)
        if isinstance(renderable, Text):
            renderable = inert(renderable)
        segments = super().render(renderable, options)
        if self._depth:  # every segment passes the outermost call once: it is checked there
            yield from segments
            return
        self._depth += 1
        try:
            for segment in segments:
                # A segment from anything but a str or Text (a renderable kind views do not use
                # yet) is still shown inert; rich's own control segments carry no plan text.
                if segment.control or terminal(segment.text) is segment.text:
                    yield segment
                else:
                    yield Segment(terminal(segment.text), segment.style)
        finally:
            self._depth -= 1


def render(renderables: Iterable[RenderableType], width: int, colour: bool) -> str:
    """The renderables as text: `width` columns, ANSI colour only when `colour`; plan text inert."""
    buffer = io.StringIO()
    console = _InertConsole(
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
    label = _("Legend:")
    indent = len(label)  # the items' lines hang under the first item, whatever the label's length
    text = Text(label, style="bold")
    used = indent
    changes_at = len(STATUSES)
    for index, (symbol, word, style) in enumerate(items):
        item = f"{symbol} {word}"
        if index == changes_at:
            item = _("in revision {revision}: {change}").format(revision=plan.current_revision, change=item)
        if used + 3 + len(item) > width:
            text.append("\n" + " " * indent)
            used = indent
        text.append("   " if used > indent else " ")
        text.append(item, style=style)
        used += (3 if used > indent else 1) + len(item)
    return text
