"""A plan diff as a pull-request comment that strategists and committee staff can read (issue #6).

One summary line, what needs attention, a table per focus area (collapsed when long), the plan's
colours as badges, and never more than the comment limit: what does not fit is named, not dropped.

Plan text arrives in pull requests (issue #10): every piece of it goes through `escape.markdown`
(or `markdown_code`), and every size is measured after escaping, in UTF-16 units as GitHub counts,
with `escape.fit` shortening a text without cutting an entity in half. One text is never more than
its cap (the title, a cell, a notice, an area's name), so one long text cannot eat the comment.
"""

from __future__ import annotations

from dataclasses import dataclass

from fhsplan.compare import Change, Notice, PlanDiff, summary
from fhsplan.escape import fit, markdown, markdown_code, utf16_len
from fhsplan.palette import COLOURS, legend_text
from fhsplan.wording import plural

# GitHub refuses comments over 65,536 characters; the default leaves room for the workflow's marker.
GITHUB_LIMIT = 65_536
DEFAULT_BUDGET = 65_000
# The smallest budget `--max-chars` takes: the heading, the legend and the cut note always fit in it.
MIN_BUDGET = 2_000
# Tables longer than this many rows are collapsed, so a big change does not bury the small ones.
OPEN_ROWS = 8
OPEN_NOTICES = 5
# Caps on one piece of plan text, escaped, in UTF-16 units.
TITLE_LIMIT = 300  # the plan's title in the heading
NAME_LIMIT = 200  # an area's name, wherever it is shown
CELL_LIMIT = 1_000  # a milestone's title, a before or an after value
NOTICE_LIMIT = 1_000  # one notice
LABEL_LIMIT = 100  # a revision as the command line named it (`main...my-branch`)
CUT_NAMES_LIMIT = 300  # the names of the areas the closing note lists

SEVERITY_BADGES = {"error": "❗", "warning": "⚠️"}
_TABLE_HEAD = "| | Milestone | Change | Before | After |\n|:-:|---|---|---|---|\n"
# Reserve for the note that says what was cut, so adding it never breaks the budget.
_CUT_NOTE_ROOM = 600


FOLDER_LIMIT = 300  # a plan folder's name (git allows anything but '/' and NUL in it)
ERROR_LIMIT = 1_000  # why a plan could not be compared
# The note naming the plans a comment had no room for; it never grows past this.
_LEFT_OUT_ROOM = 2_000


def _text(text: str, limit: int) -> str:
    """Plan text as literal Markdown, at most `limit` UTF-16 units once escaped."""
    return fit(text, limit, markdown, size=utf16_len)


def render(diff: PlanDiff, budget: int = DEFAULT_BUDGET) -> str:
    """The whole comment, at most `budget` UTF-16 units (at least MIN_BUDGET)."""
    head, bottom = _heading(diff), _legend(diff)
    room = budget - utf16_len(head) - utf16_len(bottom) - _CUT_NOTE_ROOM
    # Notices first, but at most half the room: the tables are what the reviewer came for.
    notices, cut_notices = _notices(diff.notices, room // 2)
    room -= utf16_len(notices)
    sections: list[str] = []
    cut_changes = 0
    cut_areas: list[str] = []
    for area in diff.areas:
        section, left_out = _area(area.name, area.changes, room)
        if section:
            sections.append(section)
            room -= utf16_len(section)
        if left_out:
            cut_changes += left_out
            cut_areas.append(area.name)
    cut = _cut_note(cut_changes, cut_areas, cut_notices) if cut_changes or cut_notices else ""
    return head + notices + "".join(sections) + cut + bottom


def _heading(diff: PlanDiff) -> str:
    lines = [f"### Plan changes: {_text(diff.title, TITLE_LIMIT)}", "", f"**{summary(diff)}**", ""]
    base = fit(diff.base, LABEL_LIMIT, markdown_code, size=utf16_len)
    head = fit(diff.head, LABEL_LIMIT, markdown_code, size=utf16_len)
    lines.append(f"Comparing {base} with {head}.")
    return "\n".join(lines) + "\n\n"


def _notices(notices: list[Notice], room: int) -> tuple[str, int]:
    """The notices within `room` characters, and how many did not fit."""
    if not notices:
        return "", 0
    items = [f"- {SEVERITY_BADGES[n.severity]} {_code(n)}{_text(n.message, NOTICE_LIMIT)}\n" for n in notices]
    title = f"Needs attention ({len(notices)})"
    if len(notices) > OPEN_NOTICES:
        start, end = f"<details open><summary><b>{title}</b></summary>\n\n", "\n</details>\n\n"
    else:
        start, end = f"#### {title}\n\n", "\n"
    room -= utf16_len(start) + utf16_len(end)
    kept = []
    for item in items:
        if utf16_len(item) > room:
            break
        kept.append(item)
        room -= utf16_len(item)
    if not kept:
        return "", len(items)
    return start + "".join(kept) + end, len(items) - len(kept)


def _code(notice: Notice) -> str:
    return f"**{markdown(notice.code)}** " if notice.code else ""


def _area(name: str, changes: tuple[Change, ...], room: int) -> tuple[str, int]:
    """One area's section within `room` characters, and how many changes did not fit."""
    rows = _rows(changes)
    collapsed = len(rows) > OPEN_ROWS
    count = plural(len(rows), "change")
    shown = _text(name, NAME_LIMIT)
    if collapsed:
        start, end = f"<details><summary><b>{shown}</b> · {count}</summary>\n\n", "\n</details>\n\n"
    else:
        start, end = f"#### {shown}\n\n", "\n"

    def more(left_out: int) -> str:
        return f"\n_… and {plural(left_out, 'more change')} in {shown} not shown._\n" if left_out else ""

    # Room for the "… more" line at its longest, so adding it never breaks the budget.
    room -= utf16_len(start) + utf16_len(_TABLE_HEAD) + utf16_len(end) + utf16_len(more(len(rows)))
    kept: list[str] = []
    for row in rows:
        if utf16_len(row) > room:
            break
        kept.append(row)
        room -= utf16_len(row)
    if not kept:
        return "", len(rows)
    left_out = len(rows) - len(kept)
    return start + _TABLE_HEAD + "".join(kept) + more(left_out) + end, left_out


def _rows(changes: tuple[Change, ...]) -> list[str]:
    """Table rows; a milestone's badge and title only on its first row, so its changes read as a group."""
    rows = []
    previous = None
    for c in changes:
        first = c.milestone != previous
        previous = c.milestone
        badge = COLOURS[c.colour].badge if first and c.colour else ""
        who = f"{_text(c.title, CELL_LIMIT)} <sub>{markdown(c.milestone)}</sub>" if first else ""
        cells = (_text(c.label, CELL_LIMIT), _text(c.before, CELL_LIMIT), _text(c.after, CELL_LIMIT))
        rows.append(f"| {badge} | {who} | {' | '.join(cells)} |\n")
    return rows


def _cut_note(changes: int, areas: list[str], notices: int) -> str:
    # Cut after escaping: names cut first and escaped after grew 4-5 times (issue #10).
    names = _text(", ".join(areas), CUT_NAMES_LIMIT)
    parts = [f"{plural(changes, 'change')} ({names})"] if changes else []
    parts += [plural(notices, "notice")] if notices else []
    return (
        f"> ✂️ Shortened to stay under GitHub's {GITHUB_LIMIT:,}-character comment limit: "
        f"{' and '.join(parts)} not shown. "
        f"Run `fhsplan diff` locally, or use `--format json`, for the full list.\n\n"
    )


def _legend(diff: PlanDiff) -> str:
    revision = diff.revision if diff.revision is not None else "?"
    items = " · ".join(f"{look.badge} {legend_text(colour, revision)}" for colour, look in COLOURS.items())
    return f"<sub>Colours as in the plan document: {items}. Made by <code>fhsplan diff</code>.</sub>\n"


# -- one comment for every plan a pull request changes ------------------------------------------


@dataclass(frozen=True, slots=True)
class PlanSection:
    """One changed plan folder in a pull-request comment: its diff, or that it was removed, or why
    it could not be compared (the message, as fhsplan would print it)."""

    folder: str
    diff: PlanDiff | None = None
    removed: bool = False
    error: str = ""


def render_comment(sections: list[PlanSection], budget: int = DEFAULT_BUDGET) -> str:
    """Every changed plan's section in one comment of at most `budget` UTF-16 units (issue #10).

    Each plan's diff gets an equal share of what is left, at least MIN_BUDGET, and what a plan
    does not use goes to the next. Plans there is no room for are named in a closing note, so a
    pull request that changes 40 plans still gets a comment GitHub accepts.
    """
    if not sections:
        return "No plan changed.\n"
    out: list[str] = []
    room = budget - _LEFT_OUT_ROOM
    for index, section in enumerate(sections):
        left = len(sections) - index
        if section.diff is None:
            text = _short_section(section)
            if utf16_len(text) > room:
                return "".join(out) + _left_out(sections[index:])
        else:
            share = max(MIN_BUDGET, room // left)
            if share > room:
                return "".join(out) + _left_out(sections[index:])
            text = render(section.diff, share) + "\n"
        out.append(text)
        room -= utf16_len(text)
    return "".join(out)


def _short_section(section: PlanSection) -> str:
    folder = fit(section.folder, FOLDER_LIMIT, markdown_code, size=utf16_len)
    if section.removed:
        return f"### Plan removed: {folder}\n\n"
    why = _text(section.error, ERROR_LIMIT)
    return f"### {folder}: no diff\n\nfhsplan could not compare this plan: {why}\n\n"


def _left_out(sections: list[PlanSection]) -> str:
    names = _text(", ".join(s.folder for s in sections), _LEFT_OUT_ROOM - 400)
    return (
        f"> ✂️ {plural(len(sections), 'more plan')} changed but {'is' if len(sections) == 1 else 'are'} "
        f"not shown, to stay under GitHub's {GITHUB_LIMIT:,}-character comment limit: {names}. "
        "Run `fhsplan diff BASE...HEAD --plan FOLDER` for each.\n"
    )
