"""A plan diff as a pull-request comment that strategists and committee staff can read (issue #6).

One summary line, what needs attention, the changes to the plan itself, a picture of the changed
milestones and their neighbours (GitHub renders Mermaid), a table per focus area (collapsed when
long), the plan's colours as badges, and never more than the comment limit: what does not fit is
named, not dropped. A plan that does not load at HEAD gets a comment too, with the first findings
that keep it from loading (issue #13).

Plan text arrives in pull requests (issue #10): every piece of it goes through `escape.markdown`
(or `markdown_code`), and every size is measured after escaping, in UTF-16 units as GitHub counts,
with `escape.fit` shortening a text without cutting an entity in half. One text is never more than
its cap (the title, a cell, a notice, an area's name), so one long text cannot eat the comment.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from fhsplan.compare import Change, Notice, Picture, PlanDiff, at, summary
from fhsplan.compare_plan import PlanChange
from fhsplan.escape import fit, markdown, markdown_code, utf16_len
from fhsplan.findings import Finding
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
NOTICE_LIMIT = 1_000  # one notice or finding
LABEL_LIMIT = 100  # a revision as the command line named it (`main...my-branch`)
CUT_NAMES_LIMIT = 300  # the names of the areas the closing note lists
FOLDER_LIMIT = 300  # a plan folder's name (git allows anything but '/' and NUL in it)
ERROR_LIMIT = 1_000  # why a plan could not be compared
# The note naming the plans a comment had no room for; it never grows past this.
_LEFT_OUT_ROOM = 2_000

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
    """Length as GitHub counts it: UTF-16 code units, so an emoji counts two."""
    return utf16_len(text)


def _text(text: str, limit: int) -> str:
    """Plan text as literal Markdown on one line, at most `limit` UTF-16 units once escaped."""
    return fit(text, limit, markdown, size=utf16_len)


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
    lines = [f"### Plan changes: {_text(diff.title, TITLE_LIMIT)}", "", f"**{markdown(summary(diff))}**", ""]
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
    room -= size(start) + size(end)
    kept = []
    for item in items:
        if size(item) > room:
            break
        kept.append(item)
        room -= size(item)
    if not kept:
        return "", len(items)
    return start + "".join(kept) + end, len(items) - len(kept)


def _code(notice: Notice) -> str:
    return f"**{markdown(notice.code)}** " if notice.code else ""


def _table(name: str, rows: list[str], room: int, table_head: str) -> tuple[str, int]:
    """One section's table within `room` characters, and how many rows did not fit."""
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
    room -= size(start) + size(table_head) + size(end) + size(more(len(rows)))
    kept: list[str] = []
    for row in rows:
        if size(row) > room:
            break
        kept.append(row)
        room -= size(row)
    if not kept:
        return "", len(rows)
    left_out = len(rows) - len(kept)
    return start + table_head + "".join(kept) + more(left_out) + end, left_out


def _plan_rows(changes: list[PlanChange]) -> list[str]:
    """The changes to the plan itself as table rows: what changed, before and after."""
    return [
        f"| {_text(c.label, CELL_LIMIT)} | {_text(c.before, CELL_LIMIT)} | {_text(c.after, CELL_LIMIT)} |\n"
        for c in changes
    ]


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
    return f"- {badge} {fit(str(finding.pos), NOTICE_LIMIT, markdown_code, size=utf16_len)} **{finding.code}** {_text(finding.message, NOTICE_LIMIT)}\n"


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


def _cut_note(cut: Cut, budget: int, chosen: bool) -> str:
    # Cut after escaping: names cut first and escaped after grew 4-5 times (issue #10).
    names = _text(", ".join(cut.areas), CUT_NAMES_LIMIT)
    parts = [f"{plural(cut.changes, 'change')} ({names})"] if cut.changes else []
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
