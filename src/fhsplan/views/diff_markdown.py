"""A plan diff as a pull-request comment that strategists and committee staff can read (issue #6).

One summary line, what needs attention, a table per focus area (collapsed when long), the plan's
colours as badges, and never more than the comment limit: what does not fit is named, not dropped.
"""

from __future__ import annotations

from fhsplan.compare import Change, Notice, PlanDiff, summary
from fhsplan.palette import COLOURS, legend_text
from fhsplan.wording import plural

# GitHub refuses comments over 65,536 characters; the default leaves room for the workflow's marker.
GITHUB_LIMIT = 65_536
DEFAULT_BUDGET = 65_000
# Tables longer than this many rows are collapsed, so a big change does not bury the small ones.
OPEN_ROWS = 8
OPEN_NOTICES = 5

SEVERITY_BADGES = {"error": "❗", "warning": "⚠️"}
_TABLE_HEAD = "| | Milestone | Change | Before | After |\n|:-:|---|---|---|---|\n"
# Reserve for the note that says what was cut, so adding it never breaks the budget.
_CUT_NOTE_ROOM = 600


def size(text: str) -> int:
    """Length as GitHub may count it: UTF-16 code units, so an emoji counts two (the safe side)."""
    return len(text.encode("utf-16-le")) // 2


def escape(text: str) -> str:
    """Plan text as literal Markdown in a table cell: no markup, no HTML, no line breaks."""
    out = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    for char in "\\`*_[]|":
        out = out.replace(char, "\\" + char)
    return " ".join(out.split())


def render(diff: PlanDiff, budget: int = DEFAULT_BUDGET) -> str:
    """The whole comment, at most `budget` characters (see `size`)."""
    head, bottom = _heading(diff), _legend(diff)
    room = budget - size(head) - size(bottom) - _CUT_NOTE_ROOM
    # Notices first, but at most half the room: the tables are what the reviewer came for.
    notices, cut_notices = _notices(diff.notices, room // 2)
    room -= size(notices)
    sections: list[str] = []
    cut_changes = 0
    cut_areas: list[str] = []
    for area in diff.areas:
        section, left_out = _area(area.name, area.changes, room)
        if section:
            sections.append(section)
            room -= size(section)
        if left_out:
            cut_changes += left_out
            cut_areas.append(area.name)
    cut = _cut_note(cut_changes, cut_areas, cut_notices) if cut_changes or cut_notices else ""
    return head + notices + "".join(sections) + cut + bottom


def _heading(diff: PlanDiff) -> str:
    lines = [f"### Plan changes: {escape(diff.title)}", "", f"**{summary(diff)}**", ""]
    lines.append(f"Comparing `{diff.base}` with `{diff.head}`.")
    return "\n".join(lines) + "\n\n"


def _notices(notices: list[Notice], room: int) -> tuple[str, int]:
    """The notices within `room` characters, and how many did not fit."""
    if not notices:
        return "", 0
    items = [f"- {SEVERITY_BADGES[n.severity]} {_code(n)}{escape(n.message)}\n" for n in notices]
    title = f"Needs attention ({len(notices)})"
    if len(notices) > OPEN_NOTICES:
        start, end = f"<details open><summary><b>{title}</b></summary>\n\n", "\n</details>\n\n"
    else:
        start, end = f"#### {title}\n\n", "\n"
    room -= size(start) + size(end)
    kept = []
    for item in items:
        if size(item) > room:
            break
        kept.append(item)
        room -= size(item)
    return start + "".join(kept) + end, len(items) - len(kept)


def _code(notice: Notice) -> str:
    return f"**{notice.code}** " if notice.code else ""


def _area(name: str, changes: tuple[Change, ...], room: int) -> tuple[str, int]:
    """One area's section within `room` characters, and how many changes did not fit."""
    rows = _rows(changes)
    collapsed = len(rows) > OPEN_ROWS
    count = plural(len(rows), "change")
    if collapsed:
        start, end = f"<details><summary><b>{escape(name)}</b> · {count}</summary>\n\n", "\n</details>\n\n"
    else:
        start, end = f"#### {escape(name)}\n\n", "\n"
    room -= size(start) + size(_TABLE_HEAD) + size(end) + 80  # 80: the "… more" line
    kept: list[str] = []
    for row in rows:
        if size(row) > room:
            break
        kept.append(row)
        room -= size(row)
    if not kept:
        return "", len(rows)
    left_out = len(rows) - len(kept)
    more = f"\n_… and {plural(left_out, 'more change')} in {escape(name)} not shown._\n" if left_out else ""
    return start + _TABLE_HEAD + "".join(kept) + more + end, left_out


def _rows(changes: tuple[Change, ...]) -> list[str]:
    """Table rows; a milestone's badge and title only on its first row, so its changes read as a group."""
    rows = []
    previous = None
    for c in changes:
        first = c.milestone != previous
        previous = c.milestone
        badge = COLOURS[c.colour].badge if first and c.colour else ""
        who = f"{escape(c.title)} <sub>{escape(c.milestone)}</sub>" if first else ""
        rows.append(f"| {badge} | {who} | {escape(c.label)} | {escape(c.before)} | {escape(c.after)} |\n")
    return rows


def _cut_note(changes: int, areas: list[str], notices: int) -> str:
    names = ", ".join(areas)
    if len(names) > 300:
        names = names[:297] + "…"
    parts = [f"{plural(changes, 'change')} ({escape(names)})"] if changes else []
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
