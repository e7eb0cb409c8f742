"""The committee report as Markdown: the HTML report's content for a wiki, a pull request or pandoc
(issue #14). Plan text goes through `escape.markdown`; a table cell holds several lines with
`<br>`, which GitHub and pandoc both take. Markdown cannot carry the map itself: its section
gives the legend with how many milestones have each colour, and says where the picture is.
"""

from __future__ import annotations

from fhsplan.compare import AreaDiff
from fhsplan.escape import markdown
from fhsplan.palette import COLOURS, legend_text
from fhsplan.views.report import AreaRows, EffectRow, KnockOn, Report, Row
from fhsplan.views.report_words import (
    Words,
    as_of_line,
    assessment_line,
    change_values,
    change_words,
    count,
    done_line,
    followup_when,
    indicator_line,
    knock_on_reason,
    status_word,
)
from fhsplan.views.report_words import (
    words as spoken_words,
)


def render(report: Report, map_svg: str | None = None, words: Words | None = None) -> str:
    """The whole document; `map_svg` is not used (Markdown has no place for it)."""
    words = words or spoken_words()
    revision = report.header.revision
    sections = [
        _header(report, words),
        _summary(report, words),
        _map(report, words),
        f"## {markdown(words.areas)}\n",
        *(_area(area, revision, words) for area in report.areas),
        _changes(report, words),
        _knock_on(report.knock_on, revision, words),
        _untimed(report, words),
        f"<sub>{markdown(words.made_by)}</sub>\n",
    ]
    return "\n".join(sections)


def _table(columns: tuple[str, ...], rows: list[list[str]], right: tuple[int, ...] = ()) -> str:
    """A pipe table; every cell is already escaped Markdown."""
    align = ["---:" if i in right else "---" for i in range(len(columns))]
    lines = [_line([markdown(c) for c in columns]), _line(align), *(_line(r) for r in rows)]
    return "\n".join(lines) + "\n"


def _line(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _header(report: Report, words: Words) -> str:
    h = report.header
    facts = [
        (words.owner, h.owner),
        (words.revision, h.revision),
        (words.decision, h.decision),
        (words.decided_by, h.decided_by),
        (words.date, h.date.isoformat() if h.date else None),
    ]
    lines = [f"- **{markdown(label)}:** {markdown(value or words.not_stated)}" for label, value in facts]
    return f"{markdown(words.document)}\n\n# {markdown(h.title)}\n\n" + "\n".join(lines) + "\n"


def _summary(report: Report, words: Words) -> str:
    s, revision = report.summary, report.header.revision
    statuses = [[markdown(status_word(k)), count(n)] for k, n in s.statuses.items()]
    statuses.append([f"**{markdown(words.total)}**", f"**{count(s.total)}**"])
    parts = [f"## {markdown(words.summary)}\n", _table((words.by_status, words.milestones), statuses, (1,))]
    changes = [[markdown(change_words((k,))), count(n)] for k, n in s.changes.items() if n]
    if changes:
        by_change = words.by_change.format(revision=revision)
        parts.append(_table((by_change, words.milestones), changes, (1,)))
    else:
        parts.append(markdown(words.no_change.format(revision=revision)) + "\n")
    parts.append(markdown(done_line(s, words)) + "\n")
    parts.append(markdown(as_of_line(s, revision, words)) + "\n")
    return "\n".join(parts)


def _map(report: Report, words: Words) -> str:
    revision = report.header.revision
    command = f"<code>fhsplan graph --revision {markdown(revision)} -f svg</code>"
    before, _, after = words.map_elsewhere.partition("{command}")
    intro = f"{markdown(before)} {command}{markdown(after)}".strip()
    rows = [
        [f"{look.badge} {markdown(legend_text(colour, revision))}", count(report.summary.colours[colour])]
        for colour, look in COLOURS.items()
    ]
    return f"## {markdown(words.map)}\n\n{intro}\n\n" + _table((words.colour, words.milestones), rows, (1,))


def _milestone(row: Row) -> str:
    title = markdown(row.title)
    shown = title if row.active else f"~~{title}~~"
    return f"{COLOURS[row.colour].badge} {shown}<br><sub>{markdown(row.id)}</sub>"


def _effect(effect: EffectRow, words: Words) -> str:
    text = markdown(effect.text)
    if effect.beneficiaries:
        text += f" ({markdown(', '.join(effect.beneficiaries))})"
    if effect.indicator:
        text += f"<br><sub>{markdown(indicator_line(effect.indicator, words))}</sub>"
    if effect.assessment:
        text += f"<br><sub>{markdown(assessment_line(effect.assessment, words))}</sub>"
    return f"• {text}"


def _row(row: Row, words: Words) -> list[str]:
    due = markdown(row.due or words.no_timetable)
    if row.overdue:
        due += f"<br>**{markdown(words.overdue_mark)}**"
    followup = ""
    if row.followup is not None and row.followup.comment:
        followup = (
            f"{markdown(row.followup.comment)}<br><sub>{markdown(followup_when(row.followup, words))}</sub>"
        )
    return [
        due,
        _milestone(row),
        markdown(status_word(row.status)),
        markdown(change_words(row.changes)),
        markdown(", ".join(row.owners)),
        followup,
        "<br>".join(_effect(e, words) for e in row.effects),
    ]


def _area(area: AreaRows, revision: str, words: Words) -> str:
    head = f"### {markdown(area.name)}\n\n"
    if not area.rows:
        return head + markdown(words.no_milestones) + "\n"
    columns = (
        words.due,
        words.milestone,
        words.status,
        words.change,
        words.owners,
        words.followup,
        words.effects,
    )
    return head + _table(columns, [_row(row, words) for row in area.rows])


def _changes_title(report: Report, words: Words) -> str:
    return words.changes.format(previous=report.previous) if report.previous else words.changes_first


def _changes(report: Report, words: Words) -> str:
    head = f"## {markdown(_changes_title(report, words))}\n\n"
    if report.previous is None:
        return head + markdown(words.first_revision.format(revision=report.header.revision)) + "\n"
    if not report.changes:
        return head + markdown(words.nothing_changed.format(previous=report.previous)) + "\n"
    columns = (words.area, words.milestone, words.change, words.before, words.after)
    return head + _table(columns, [row for area in report.changes for row in _change_rows(area)])


def _change_rows(area: AreaDiff) -> list[list[str]]:
    """The area's name on its first row, a milestone's title on its first change, so changes group."""
    rows = []
    previous = None
    for index, change in enumerate(area.changes):
        who = ""
        if change.milestone != previous:
            badge = f"{COLOURS[change.colour].badge} " if change.colour else ""
            who = f"{badge}{markdown(change.title)}<br><sub>{markdown(change.milestone)}</sub>"
        previous = change.milestone
        before, after = change_values(change)
        rows.append([
            markdown(area.name) if index == 0 else "", who, markdown(change.label), markdown(before), markdown(after),
        ])  # fmt: skip
    return rows


def _ref(title: str, milestone_id: str, due: str | None, words: Words) -> str:
    return f"{markdown(title)}<br><sub>{markdown(milestone_id)} · {markdown(due or words.no_timetable)}</sub>"


def _knock_on(items: tuple[KnockOn, ...], revision: str, words: Words) -> str:
    head = f"## {markdown(words.knock_on)}\n\n"
    if not items:
        return head + markdown(words.knock_on_none) + "\n"
    rows = [
        [
            _ref(i.milestone.title, i.milestone.id, i.milestone.due, words),
            markdown(knock_on_reason(i, revision, words)),
            _ref(i.prerequisite.title, i.prerequisite.id, i.prerequisite.due, words),
        ]
        for i in items
    ]
    intro = markdown(words.knock_on_intro) + "\n\n"
    return head + intro + _table((words.milestone, words.why, words.needs), rows)


def _untimed(report: Report, words: Words) -> str:
    head = f"## {markdown(words.untimed)}\n\n"
    if not report.untimed:
        return head + markdown(words.untimed_none) + "\n"
    rows = [
        [
            markdown(area),
            _milestone(row),
            markdown(status_word(row.status)),
            markdown(row.timetable_note or ""),
        ]
        for area, row in report.untimed
    ]
    return head + _table((words.area, words.milestone, words.status, words.timetable_note), rows)
