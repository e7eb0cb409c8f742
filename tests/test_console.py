"""views/console.py: the one place plan text becomes terminal text (issue #10).

Views put plan text into rich renderables as it is; `render` must show every control, bidi and
invisible character as an escape wherever it sits, and keep the styles of the text around it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from rich.console import Console, ConsoleOptions, Group
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

from fhsplan.escape import terminal
from fhsplan.views.console import inert, render
from hostile import SHORT, Sample, params
from test_escape import unsafe

_SGR = re.compile(r"\x1b\[[0-9;]*m")


def without_colours(out: str) -> str:
    """The output without the SGR sequences of rich's own styles: what is left is text."""
    return _SGR.sub("", out)


def everywhere(text: str) -> list[object]:
    """`text` in every kind of place the views put plan text: Text, str cells, titles, grids, groups."""
    styled = Text(text, style="bold")
    styled.append(text, style="red")
    table = Table(title=text, caption=text)
    table.add_column(text)
    table.add_column("b", overflow="fold")
    table.add_row(text, Text(text, style="dim"))
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(ratio=1)
    grid.add_row(Text(text), Group(Text(text), text))
    return [styled, table, grid, text]


@pytest.mark.parametrize("colour", [True, False], ids=["colour", "plain"])
@pytest.mark.parametrize("sample", params(SHORT))
def test_plan_text_reaches_the_terminal_inert_wherever_it_sits(sample: Sample, colour: bool) -> None:
    out = render(everywhere(sample.text), 60, colour)  # type: ignore[arg-type]
    assert unsafe(without_colours(out) if colour else out, "\n") == []
    assert colour or "\x1b" not in out


def test_escapes_are_shown_where_the_text_was_and_styles_stay_on_their_text() -> None:
    text = Text("A\x1b[31mB", style="bold")
    text.append(" ok\u202e", style="red")
    assert render([text], 80, colour=True) == "\x1b[1mA\\x1b[31mB\x1b[0m\x1b[1;31m ok\\u202e\x1b[0m\n"
    assert render([text], 80, colour=False) == "A\\x1b[31mB ok\\u202e\n"


def test_inert_keeps_a_style_that_starts_or_ends_inside_a_run_of_controls() -> None:
    text = Text("a\x1b\x1bb")
    text.stylize("bold", 2, 4)
    shown = inert(text)
    assert shown.plain == "a\\x1b\\x1bb"
    assert [(s.start, s.end, s.style) for s in shown.spans] == [(5, 10, "bold")]
    clean = Text("Hälsa")
    assert inert(clean) is clean


def test_text_is_wrapped_as_the_reader_sees_it() -> None:
    # Escaped before the layout: nothing is cut off the end of a cell that the escape made longer.
    table = Table.grid()
    table.add_column(width=12)
    table.add_row("\x1b[8mdold text")
    out = render([table], 40, colour=False)
    assert "".join(out.split()) == "\\x1b[8mdoldtext"


class RawSegments:
    """A renderable kind the views do not use, which yields its segments itself."""

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Segment]:
        yield Segment("\x1b[2J\x1b]52;c;eA==\x07cleared")


def test_segments_of_any_other_renderable_are_inert_too() -> None:
    assert render([RawSegments()], 80, colour=False) == "\\x1b[2J\\x1b]52;c;eA==\\x07cleared"


def test_clean_swedish_text_is_not_touched() -> None:
    text = Text("Hälso- och sjukvård nära invånarna – 2023", style="bold")
    assert render([text], 80, colour=False) == "Hälso- och sjukvård nära invånarna – 2023\n"
    assert terminal(text.plain) is text.plain


def test_one_text_is_at_most_the_limit_on_a_terminal() -> None:
    from fhsplan.views.console import TEXT_LIMIT

    text = Text("a" * 100_000, style="bold")
    text.append("tail", style="red")
    out = render([text, "b" * 100_000], 80, colour=False)
    assert out.count("a") == TEXT_LIMIT and out.count("b") == TEXT_LIMIT and out.count("…") == 2
    assert "tail" not in out
