"""A plan diff as a pull-request comment that strategists and committee staff can read (issue #6).

One summary line, what needs attention, the changes to the plan itself, a picture of the changed
milestones and their neighbours (GitHub renders Mermaid), a table per focus area (collapsed when
long), the plan's colours as badges, and never more than the comment limit: what does not fit is
named, not dropped. A plan that does not load at HEAD gets a comment too, with the first findings
that keep it from loading (issue #13).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from fhsplan.compare import Change, Notice, Picture, PlanDiff, at, summary
from fhsplan.compare_plan import PlanChange
from fhsplan.escape import markdown, markdown_code
from fhsplan.findings import Finding
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
_PLAN_HEAD = "| Change | Before | After |\n|---|---|---|\n"
PLAN_SECTION = "The plan itself"
_MADE_BY = "Made by <code>fhsplan diff</code>."
# A plan that does not load at HEAD: the comment shows this many of the findings that say why.
FIRST_FINDINGS = 10
# The picture is left out when it would take more than this share of the room the tables have.
PICTURE_SHARE = 3
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


def render(diff: PlanDiff, budget: int = DEFAULT_BUDGET, *, chosen: bool = False) -> str:
    """The whole comment, at most `budget` characters (see `size`); `chosen`: the budget is the
    user's `--max-chars`, not GitHub's limit, and the note on what was cut says so."""
    head, bottom = _heading(diff), _legend(diff)
    room = budget - size(head) - size(bottom) - _CUT_NOTE_ROOM
    if diff.unloadable:  # no colours to explain: only where the comment comes from
        return head + _unloadable(diff, room) + f"<sub>{_MADE_BY}</sub>\n"
    # Notices first, but at most half the room: the tables are what the reviewer came for.
    notices, cut_notices = _notices(diff.notices, room // 2)
    room -= size(notices)
    sections: list[str] = []
    cut = Cut()
    if diff.plan_changes:
        section, cut.plan = _table(PLAN_SECTION, _plan_rows(diff.plan_changes), room, _PLAN_HEAD)
        sections.append(section)
        room -= size(section)
    # The picture goes after the tables, but its room is set aside first: a long diff should not
    # crowd out the one view of its knock-ons.
    picture = _picture(diff.picture) if diff.picture else ""
    if size(picture) > room // PICTURE_SHARE:
        cut.picture, picture = bool(picture), ""
    room -= size(picture)
    for area in diff.areas:
        section, left_out = _table(area.name, _rows(area.changes), room, _TABLE_HEAD)
        if section:
            sections.append(section)
            room -= size(section)
        if left_out:
            cut.changes += left_out
            cut.areas.append(area.name)
    sections.append(picture)
    cut.notices = cut_notices
    note = _cut_note(cut, budget, chosen) if cut else ""
    return head + notices + "".join(sections) + note + bottom


@dataclass
class Cut:
    """What did not fit in the comment."""

    changes: int = 0
    areas: list[str] = field(default_factory=list)
    notices: int = 0
    plan: int = 0
    picture: bool = False

    def __bool__(self) -> bool:
        return bool(self.changes or self.notices or self.plan or self.picture)


def _heading(diff: PlanDiff) -> str:
    lines = [f"### Plan changes: {escape(diff.title)}", "", f"**{markdown(summary(diff))}**", ""]
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


def _table(name: str, rows: list[str], room: int, table_head: str) -> tuple[str, int]:
    """One section's table within `room` characters, and how many rows did not fit."""
    collapsed = len(rows) > OPEN_ROWS
    count = plural(len(rows), "change")
    if collapsed:
        start, end = f"<details><summary><b>{escape(name)}</b> · {count}</summary>\n\n", "\n</details>\n\n"
    else:
        start, end = f"#### {escape(name)}\n\n", "\n"
    room -= size(start) + size(table_head) + size(end) + 80  # 80: the "… more" line
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
    return start + table_head + "".join(kept) + more + end, left_out


def _plan_rows(changes: list[PlanChange]) -> list[str]:
    """The changes to the plan itself as table rows: what changed, before and after."""
    return [f"| {markdown(c.label)} | {markdown(c.before)} | {markdown(c.after)} |\n" for c in changes]


def _picture(picture: Picture) -> str:
    """The changed milestones and their direct neighbours as a Mermaid flowchart GitHub draws."""
    from fhsplan.views.mermaid import picture_to_mermaid

    shown = len(picture.nodes)
    what = "changed milestones and what they need or unlock"
    capped = (
        f"\n_Showing {shown} of {picture.total} milestones, the changed ones first; "
        f"`fhsplan graph` draws the rest._\n"
        if picture.capped
        else ""
    )
    return (
        f"<details open><summary><b>Picture</b> · {what}</summary>\n\n"
        f"```mermaid\n{picture_to_mermaid(picture)}```\n{capped}\n</details>\n\n"
    )


def _unloadable(diff: PlanDiff, room: int) -> str:
    """What keeps the plan from loading at HEAD: the first findings, with their places."""
    items = [_finding_item(f) for f in diff.unloadable[:FIRST_FINDINGS]]
    kept: list[str] = []
    for item in items:
        if size(item) > room - 200:
            break
        kept.append(item)
        room -= size(item)
    left = len(diff.unloadable) - len(kept)
    more = f"- … and {plural(left, 'more finding')}\n" if left else ""
    return (
        f"#### ❗ The plan does not load {markdown(at(diff.head))}\n\n"
        + "".join(kept)
        + more
        + "\nNothing else can be compared until it loads: run `fhsplan validate` on the branch for every finding.\n\n"
    )


def _finding_item(finding: Finding) -> str:
    badge = SEVERITY_BADGES.get(finding.severity.value, "")
    return f"- {badge} {markdown_code(str(finding.pos))} **{finding.code}** {markdown(finding.message)}\n"


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


def _cut_note(cut: Cut, budget: int, chosen: bool) -> str:
    names = ", ".join(cut.areas)
    if len(names) > 300:
        names = names[:297] + "…"
    parts = [f"{plural(cut.changes, 'change')} ({escape(names)})"] if cut.changes else []
    parts += [f"{plural(cut.plan, 'change')} to the plan itself"] if cut.plan else []
    parts += [plural(cut.notices, "notice")] if cut.notices else []
    parts += ["the picture"] if cut.picture else []
    if chosen:
        limit = f"Shortened to the {budget:,} characters `--max-chars` allows"
    else:
        limit = f"Shortened to stay under GitHub's {GITHUB_LIMIT:,}-character comment limit"
    return (
        f"> ✂️ {limit}: {_joined(parts)} not shown. "
        f"Run `fhsplan diff` locally, or use `--format json`, for the full list.\n\n"
    )


def _joined(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def _legend(diff: PlanDiff) -> str:
    revision = diff.revision if diff.revision is not None else "?"
    items = " · ".join(f"{look.badge} {legend_text(colour, revision)}" for colour, look in COLOURS.items())
    return f"<sub>Colours as in the plan document: {items}. {_MADE_BY}</sub>\n"
