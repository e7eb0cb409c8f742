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

from fhsplan.compare import Change, Notice, Picture, PlanDiff, at, shown_label, summary
from fhsplan.compare_plan import PlanChange
from fhsplan.escape import fit, markdown, markdown_code, utf16_len
from fhsplan.findings import Finding
from fhsplan.i18n import _, join, ngettext
from fhsplan.i18n import number as n_
from fhsplan.palette import COLOURS, legend_text

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
# A plan that does not load at HEAD: the comment shows this many of the findings that say why.
FIRST_FINDINGS = 10
# The picture is left out when it would take more than this share of the room the tables have.
PICTURE_SHARE = 3
# Reserve for the note that says what was cut, so adding it never breaks the budget: the note at
# its longest (every part, the area names at CUT_NAMES_LIMIT) is about 560 units in Swedish.
_CUT_NOTE_ROOM = 700


def _table_head() -> str:
    columns = (_("Milestone"), _("Change"), _("Before"), _("After"))
    return "| | {} |\n|:-:|---|---|---|---|\n".format(" | ".join(columns))


def _plan_head() -> str:
    return "| {} | {} | {} |\n|---|---|---|\n".format(_("Change"), _("Before"), _("After"))


def _made_by() -> str:
    return _("Made by {command}.").format(command="<code>fhsplan diff</code>")


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
        return head + _unloadable(diff, room) + f"<sub>{_made_by()}</sub>\n"
    # Notices first, but at most half the room: the tables are what the reviewer came for.
    notices, cut_notices = _notices(diff.notices, room // 2)
    room -= size(notices)
    sections: list[str] = []
    cut = Cut()
    if diff.plan_changes:
        section, cut.plan = _table(_("The plan itself"), _plan_rows(diff.plan_changes), room, _plan_head())
        sections.append(section)
        room -= size(section)
    # The picture goes after the tables, but its room is set aside first: a long diff should not
    # crowd out the one view of its knock-ons.
    picture = _picture(diff.picture) if diff.picture else ""
    if size(picture) > room // PICTURE_SHARE:
        cut.picture, picture = bool(picture), ""
    room -= size(picture)
    for area in diff.areas:
        section, left_out = _table(area.name, _rows(area.changes), room, _table_head())
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
    title = _("Plan changes: {title}").format(title=_text(diff.title, TITLE_LIMIT))
    lines = [f"### {title}", "", f"**{markdown(summary(diff))}**", ""]
    base = fit(shown_label(diff.base), LABEL_LIMIT, markdown_code, size=utf16_len)
    head = fit(shown_label(diff.head), LABEL_LIMIT, markdown_code, size=utf16_len)
    lines.append(_("Comparing {base} with {head}.").format(base=base, head=head))
    return "\n".join(lines) + "\n\n"


def _notices(notices: list[Notice], room: int) -> tuple[str, int]:
    """The notices within `room` characters, and how many did not fit."""
    if not notices:
        return "", 0
    items = [f"- {SEVERITY_BADGES[n.severity]} {_code(n)}{_text(n.message, NOTICE_LIMIT)}\n" for n in notices]
    title = _("Needs attention ({n})").format(n=n_(len(notices)))
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
    count = ngettext("{n} change", "{n} changes", len(rows)).format(n=n_(len(rows)))
    shown = _text(name, NAME_LIMIT)
    if collapsed:
        start, end = f"<details><summary><b>{shown}</b> · {count}</summary>\n\n", "\n</details>\n\n"
    else:
        start, end = f"#### {shown}\n\n", "\n"

    def more(left_out: int) -> str:
        if not left_out:
            return ""
        line = ngettext(
            "… and {n} more change in {area} not shown.",
            "… and {n} more changes in {area} not shown.",
            left_out,
        )
        return f"\n_{line.format(n=n_(left_out), area=shown)}_\n"

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
    picture_word = _("Picture")
    what = _("changed milestones and what they need or unlock")
    capped = ""
    if picture.capped:
        line = _("Showing {shown} of {total} milestones, the changed ones first; {command} draws the rest.")
        capped = "\n_{}_\n".format(
            line.format(shown=n_(shown), total=n_(picture.total), command="`fhsplan graph`")
        )
    return (
        f"<details open><summary><b>{picture_word}</b> · {what}</summary>\n\n"
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
    more = ""
    if left:
        more = "- {}\n".format(
            ngettext("… and {n} more finding", "… and {n} more findings", left).format(n=n_(left))
        )
    heading = _("The plan does not load {at}").format(at=markdown(at(diff.head)))
    after = _("Nothing else can be compared until it loads: run {command} on the branch for every finding.")
    return (
        f"#### ❗ {heading}\n\n"
        + "".join(kept)
        + more
        + "\n"
        + after.format(command="`fhsplan validate`")
        + "\n\n"
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
    parts = []
    if cut.changes:
        changes = ngettext("{n} change ({areas})", "{n} changes ({areas})", cut.changes)
        parts.append(changes.format(n=n_(cut.changes), areas=names))
    if cut.plan:
        plan = ngettext("{n} change to the plan itself", "{n} changes to the plan itself", cut.plan)
        parts.append(plan.format(n=n_(cut.plan)))
    if cut.notices:
        parts.append(ngettext("{n} notice", "{n} notices", cut.notices).format(n=n_(cut.notices)))
    if cut.picture:
        parts.append(_("the picture"))
    if chosen:
        limit = _("Shortened to the {n} characters {option} allows").format(
            n=n_(budget), option="`--max-chars`"
        )
    else:
        limit = _("Shortened to stay under GitHub's {n}-character comment limit").format(n=n_(GITHUB_LIMIT))
    text = _("{limit}: {what} not shown. Run {command} locally, or use {option}, for the full list.")
    return "> ✂️ {}\n\n".format(
        text.format(limit=limit, what=join(parts), command="`fhsplan diff`", option="`--format json`")
    )


def _legend(diff: PlanDiff) -> str:
    revision = diff.revision if diff.revision is not None else "?"
    items = " · ".join(f"{look.badge} {legend_text(colour, revision)}" for colour, look in COLOURS.items())
    colours = _("Colours as in the plan document: {colours}.").format(colours=items)
    return f"<sub>{colours} {_made_by()}</sub>\n"


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
        return _("No plan changed.") + "\n"
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
        return "### {}\n\n".format(_("Plan removed: {folder}").format(folder=folder))
    why = _text(section.error, ERROR_LIMIT)
    heading = _("{folder}: no diff").format(folder=folder)
    return "### {}\n\n{}\n\n".format(heading, _("fhsplan could not compare this plan: {why}").format(why=why))


def _left_out(sections: list[PlanSection]) -> str:
    names = _text(", ".join(s.folder for s in sections), _LEFT_OUT_ROOM - 400)
    text = ngettext(
        "{n} more plan changed but is not shown, to stay under GitHub's {limit}-character comment limit: "
        "{names}. Run {command} for each.",
        "{n} more plans changed but are not shown, to stay under GitHub's {limit}-character comment limit: "
        "{names}. Run {command} for each.",
        len(sections),
    )
    words = {"n": n_(len(sections)), "limit": n_(GITHUB_LIMIT), "names": names}
    return "> ✂️ {}\n".format(text.format(**words, command="`fhsplan diff BASE...HEAD --plan FOLDER`"))
