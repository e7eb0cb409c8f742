"""The committee report as one self-contained HTML file: styles and the map inline, nothing fetched,
printable as a clean A4 document (issue #14).

Plan text goes through `escape.html_text` / `html_attr` (and `css_string` for the print header);
the map is the SVG fhsplan drew, inlined as it is. A Content-Security-Policy forbids every request
and script, so a file mailed around cannot phone home even if something slipped through.
"""

from __future__ import annotations

import re

from fhsplan import i18n
from fhsplan.compare import AreaDiff
from fhsplan.escape import css_string, html_attr, html_text
from fhsplan.lifecycle import Colour
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

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"

# The A4 page: margins (top, right, bottom, left) leave room for the running header and the page
# number. The map is taller than wide: scaled to the page width it is capped in height so that its
# heading, caption and legend share its page (the browser tests hold the report to these numbers).
PAGE_MARGINS_MM = (20, 15, 16, 15)
MAP_MAX_HEIGHT_MM = 205

STYLE = """
:root { --ink: #1a1a1a; --muted: #5a5a5a; --rule: #cfcfcf; --head: #f0f0f0; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font: 10pt/1.4 "Liberation Sans", "Helvetica Neue", Helvetica, Arial, sans-serif; color: var(--ink);
  margin: 2rem auto; max-width: 72rem; padding: 0 1.5rem; }
h1 { font-size: 18pt; margin: 0 0 .6rem; }
h2 { font-size: 14pt; margin: 2rem 0 .6rem; border-bottom: 2px solid var(--ink); padding-bottom: .2rem; }
h3 { font-size: 11pt; margin: 1.2rem 0 .4rem; }
p { margin: .4rem 0; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: 0; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; }
nav.contents ol { columns: 2; margin: .3rem 0; padding-left: 1.4rem; }
a { color: #1f4f8a; }
table { border-collapse: collapse; width: 100%; margin: .4rem 0 1rem; }
th, td { border: 1px solid var(--rule); padding: .25rem .4rem; text-align: left; vertical-align: top;
  overflow-wrap: break-word; }
thead th { background: var(--head); font-weight: bold; }
td.number, th.number { text-align: right; }
table.milestones { table-layout: fixed; }
.summary-tables { display: flex; gap: 2rem; flex-wrap: wrap; align-items: flex-start; }
.summary-tables table { width: auto; min-width: 16rem; }
.id { display: block; color: var(--muted); font-size: 8pt; }
.when, .who, .note { color: var(--muted); font-size: 8.5pt; }
.flag { display: inline-block; margin-top: .15rem; padding: 0 .3rem; border-radius: 3px; font-size: 8pt;
  color: #fff; background: #b3261e; white-space: nowrap; }
ul.effects { margin: 0; padding-left: 1rem; }
ul.effects li + li { margin-top: .3rem; }
.indicator, .assessment { font-size: 8.5pt; }
.swatch { display: inline-block; width: .9em; height: .9em; margin-right: .35em; vertical-align: -.1em;
  border: 1.5px solid; border-radius: 2px; }
tr.withdrawn .title { text-decoration: line-through; color: var(--muted); }
ul.legend { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .3rem 1.4rem; }
figure.map { margin: 0; }
figure.map svg { display: block; width: 100%; height: auto; }
footer { margin-top: 2rem; color: var(--muted); font-size: 8pt; }
@media print {
  body { margin: 0; max-width: none; padding: 0; font-size: 8.5pt; }
  nav.contents { display: none; }
  a { color: inherit; text-decoration: none; }
  section.map, section.area, section.changes { break-before: page; }
  h2, h3 { break-after: avoid; }
  tr, li, .facts, figure.map { break-inside: avoid; }
  thead { display: table-header-group; }
  table.milestones { font-size: 8pt; }
}
"""


def render(report: Report, map_svg: str | None, words: Words | None = None) -> str:
    """The whole HTML document; `map_svg` is the strategic map as SVG (None: it could not be drawn)."""
    words = words or spoken_words()
    revision = report.header.revision
    body = [
        _header(report, words),
        _contents(report, words),
        _summary(report, words),
        _map(report, map_svg, words),
        *(_area(area, revision, words) for area in report.areas),
        _changes(report, words),
        _knock_on(report.knock_on, revision, words),
        _untimed(report, words),
        f"<footer>{html_text(words.made_by)}</footer>",
    ]
    return _head(report, words) + "<body>\n" + "\n".join(body) + "\n</body>\n</html>\n"


def _head(report: Report, words: Words) -> str:
    header = report.header
    title = f"{words.document}: {header.title} — {words.revision} {header.revision}"
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{html_attr(i18n.language())}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html_text(title)}</title>\n<style>{STYLE}{_colour_style()}{_page_style(report, words)}</style>\n"
        "</head>\n"
    )


def _colour_style() -> str:
    """One class per colour of the plan document, from the palette (the map uses the same)."""
    rules = []
    for colour, look in COLOURS.items():
        border = "dashed" if look.dashed else "solid"
        rules.append(
            f".colour-{colour.value} {{ background: {look.fill}; border: 1.5px {border} {look.border}; }}"
        )
    return "\n".join(rules) + "\n"


def _page_style(report: Report, words: Words) -> str:
    """A4 with a running header (plan, revision, decision) and page numbers in the margin boxes."""
    header = report.header
    right = f"{words.revision} {header.revision}" + (f" · {header.decision}" if header.decision else "")
    box = 'font: 7.5pt "Liberation Sans", Helvetica, Arial, sans-serif; color: #5a5a5a;'
    return (
        f"@page {{ size: A4; margin: {' '.join(f'{m}mm' for m in PAGE_MARGINS_MM)};\n"
        f"  @top-left {{ content: {css_string(header.title)}; {box} vertical-align: bottom; }}\n"
        f"  @top-right {{ content: {css_string(right)}; {box} vertical-align: bottom; }}\n"
        f'  @bottom-right {{ content: {css_string(words.page + " ")} counter(page) " / " counter(pages); {box} }}\n'
        "}\n"
        "@page :first { @top-left { content: none; } @top-right { content: none; } }\n"
        f"@media print {{ figure.map svg {{ max-height: {MAP_MAX_HEIGHT_MM}mm; }} }}\n"
    )


def _fact(label: str, value: str | None, words: Words) -> str:
    shown = html_text(value) if value else f'<span class="note">{html_text(words.not_stated)}</span>'
    return f"<dt>{html_text(label)}</dt><dd>{shown}</dd>"


def _header(report: Report, words: Words) -> str:
    h = report.header
    facts = [
        _fact(words.owner, h.owner, words),
        _fact(words.revision, h.revision, words),
        _fact(words.decision, h.decision, words),
        _fact(words.decided_by, h.decided_by, words),
        _fact(words.date, h.date.isoformat() if h.date else None, words),
    ]
    return (
        f'<header>\n<p class="note">{html_text(words.document)}</p>\n<h1>{html_text(h.title)}</h1>\n'
        f'<dl class="facts">{"".join(facts)}</dl>\n</header>'
    )


def _contents(report: Report, words: Words) -> str:
    links = [
        ("summary", words.summary),
        ("map", words.map),
        *((f"area-{a.id}", a.name) for a in report.areas),
        ("changes", _changes_title(report, words)),
        ("knock-on", words.knock_on),
        ("untimed", words.untimed),
    ]
    items = "".join(f'<li><a href="#{html_attr(i)}">{html_text(t)}</a></li>' for i, t in links)
    return f'<nav class="contents"><h2>{html_text(words.contents)}</h2><ol>{items}</ol></nav>'


def _table(columns: tuple[str, ...], rows: list[str], cls: str, colgroup: str = "") -> str:
    """A table with its column labels in a header that print repeats on every page it spans."""
    ths = "".join(f"<th>{html_text(c)}</th>" for c in columns)
    body = "\n".join(rows)
    return f'<table class="{cls}">{colgroup}<thead><tr>{ths}</tr></thead>\n<tbody>\n{body}\n</tbody></table>'


def _count_table(head: str, rows: list[tuple[str, int]], words: Words) -> str:
    body = "".join(f'<tr><td>{cell}</td><td class="number">{count(n)}</td></tr>' for cell, n in rows)
    return (
        f'<table><thead><tr><th>{html_text(head)}</th><th class="number">{html_text(words.milestones)}</th>'
        f"</tr></thead><tbody>{body}</tbody></table>"
    )


def _summary(report: Report, words: Words) -> str:
    s, revision = report.summary, report.header.revision
    statuses = [(html_text(status_word(k)), n) for k, n in s.statuses.items()]
    statuses.append((f"<b>{html_text(words.total)}</b>", s.total))
    tables = [_count_table(words.by_status, statuses, words)]
    changes = [(html_text(change_words((k,))), n) for k, n in s.changes.items() if n]
    by_change = words.by_change.format(revision=revision)
    if changes:
        tables.append(_count_table(by_change, changes, words))
    lines = [done_line(s, words), as_of_line(s, revision, words)]
    if not changes:
        lines.insert(0, words.no_change.format(revision=revision))
    paragraphs = "".join(f"<p>{html_text(line)}</p>" for line in lines)
    return (
        f'<section id="summary" class="summary">\n<h2>{html_text(words.summary)}</h2>\n'
        f'<div class="summary-tables">{"".join(tables)}</div>\n{paragraphs}\n</section>'
    )


_PROLOG = re.compile(r"\A.*?(?=<svg\b)", re.DOTALL)


def inline_svg(svg: str) -> str:
    """The SVG element alone: no XML declaration, doctype or generator comment, which HTML does not take."""
    return _PROLOG.sub("", svg, count=1).strip()


def _legend(report: Report, words: Words) -> str:
    items = []
    for colour in COLOURS:
        text = html_text(legend_text(colour, report.header.revision))
        n = report.summary.colours[colour]
        items.append(f'<li><span class="swatch colour-{colour.value}"></span>{text}: {count(n)}</li>')
    return f'<ul class="legend">{"".join(items)}</ul>'


def _map(report: Report, map_svg: str | None, words: Words) -> str:
    caption = html_text(words.map_caption.format(revision=report.header.revision))
    picture = inline_svg(map_svg) if map_svg else f"<p>{html_text(words.map_missing)}</p>"
    return (
        f'<section id="map" class="map">\n<h2>{html_text(words.map)}</h2>\n<figure class="map">\n'
        f"{picture}\n<figcaption><p>{caption}</p>{_legend(report, words)}</figcaption>\n</figure>\n</section>"
    )


def _swatch(colour: Colour, revision: str) -> str:
    title = html_attr(legend_text(colour, revision))
    return f'<span class="swatch colour-{colour.value}" title="{title}"></span>'


def _milestone_cell(row: Row, revision: str) -> str:
    return (
        f'{_swatch(row.colour, revision)}<span class="title">{html_text(row.title)}</span>'
        f'<span class="id">{html_text(row.id)}</span>'
    )


def _effect(effect: EffectRow, words: Words) -> str:
    who = (
        f' <span class="who">({html_text(", ".join(effect.beneficiaries))})</span>'
        if effect.beneficiaries
        else ""
    )
    parts = [f"{html_text(effect.text)}{who}"]
    if effect.indicator:
        parts.append(f'<div class="indicator">{html_text(indicator_line(effect.indicator, words))}</div>')
    if effect.assessment:
        judgement = html_attr(effect.assessment.judgement.value)
        line = html_text(assessment_line(effect.assessment, words))
        parts.append(f'<div class="assessment judgement-{judgement}">{line}</div>')
    return f"<li>{''.join(parts)}</li>"


def _followup(row: Row, words: Words) -> str:
    if row.followup is None or row.followup.comment is None:
        return ""
    when = html_text(followup_when(row.followup, words))
    return f'{html_text(row.followup.comment)} <span class="when">({when})</span>'


def _due(row: Row, words: Words) -> str:
    return html_text(row.due) if row.due else f'<span class="note">{html_text(words.no_timetable)}</span>'


def _status(row: Row, words: Words) -> str:
    status = html_text(status_word(row.status))
    return status + (f'<br><span class="flag">{html_text(words.overdue_mark)}</span>' if row.overdue else "")


def _row(row: Row, revision: str, words: Words) -> str:
    classes = " ".join(
        ["milestone", f"status-{row.status.value}", *([] if row.active else ["withdrawn"]),
         *(["overdue"] if row.overdue else [])]
    )  # fmt: skip
    effects = "".join(_effect(e, words) for e in row.effects)
    cells = [
        _due(row, words),
        _milestone_cell(row, revision),
        _status(row, words),
        html_text(change_words(row.changes)),
        html_text(", ".join(row.owners)),
        _followup(row, words),
        f'<ul class="effects">{effects}</ul>' if effects else "",
    ]
    tds = "".join(f"<td>{cell}</td>" for cell in cells)
    # The row's id is what the map's boxes link to (views/graph.py): `#row-ID`.
    ident = html_attr(row.id)
    return f'<tr id="row-{ident}" class="{classes}" data-milestone="{ident}">{tds}</tr>'


# Column widths of an area's table: effects and follow-ups are the long texts.
_MILESTONE_COLUMNS = (
    "<colgroup>" + "".join(f'<col style="width: {w}%">' for w in (7, 23, 10, 11, 10, 15, 24)) + "</colgroup>"
)


def _area(area: AreaRows, revision: str, words: Words) -> str:
    head = f'<section id="area-{html_attr(area.id)}" class="area">\n<h2>{html_text(area.name)}</h2>\n'
    if not area.rows:
        return head + f"<p>{html_text(words.no_milestones)}</p>\n</section>"
    columns = (
        words.due,
        words.milestone,
        words.status,
        words.change,
        words.owners,
        words.followup,
        words.effects,
    )
    rows = [_row(row, revision, words) for row in area.rows]
    return head + _table(columns, rows, "milestones", _MILESTONE_COLUMNS) + "\n</section>"


def _changes_title(report: Report, words: Words) -> str:
    return words.changes.format(previous=report.previous) if report.previous else words.changes_first


def _changes(report: Report, words: Words) -> str:
    head = f'<section id="changes" class="changes">\n<h2>{html_text(_changes_title(report, words))}</h2>\n'
    if report.previous is None:
        text = words.first_revision.format(revision=report.header.revision)
        return head + f"<p>{html_text(text)}</p>\n</section>"
    if not report.changes:
        return (
            head + f"<p>{html_text(words.nothing_changed.format(previous=report.previous))}</p>\n</section>"
        )
    columns = (words.area, words.milestone, words.change, words.before, words.after)
    rows = [row for area in report.changes for row in _change_rows(area, report.header.revision)]
    return head + _table(columns, rows, "changes") + "\n</section>"


def _change_rows(area: AreaDiff, revision: str) -> list[str]:
    """The area's name on its first row, a milestone's title on its first change, so changes group."""
    rows = []
    previous = None
    for index, change in enumerate(area.changes):
        who = ""
        if change.milestone != previous:
            swatch = _swatch(change.colour, revision) if change.colour else ""
            who = f'{swatch}{html_text(change.title)}<span class="id">{html_text(change.milestone)}</span>'
        previous = change.milestone
        before, after = change_values(change)
        cells = [html_text(area.name) if index == 0 else "", who, html_text(change.label),
                 html_text(before), html_text(after)]  # fmt: skip
        tds = "".join(f"<td>{c}</td>" for c in cells)
        rows.append(
            f'<tr data-milestone="{html_attr(change.milestone)}" data-change="{html_attr(change.kind)}">{tds}</tr>'
        )
    return rows


def _ref(title: str, milestone_id: str, due: str | None, words: Words) -> str:
    return (
        f'{html_text(title)}<span class="id">{html_text(milestone_id)} · '
        f"{html_text(due or words.no_timetable)}</span>"
    )


def _knock_on(items: tuple[KnockOn, ...], revision: str, words: Words) -> str:
    head = f'<section id="knock-on" class="knock-on">\n<h2>{html_text(words.knock_on)}</h2>\n'
    if not items:
        return head + f"<p>{html_text(words.knock_on_none)}</p>\n</section>"
    rows = []
    for item in items:
        m, p = item.milestone, item.prerequisite
        cells = [
            _ref(m.title, m.id, m.due, words),
            html_text(knock_on_reason(item, revision, words)),
            _ref(p.title, p.id, p.due, words),
        ]
        tds = "".join(f"<td>{c}</td>" for c in cells)
        rows.append(f'<tr data-milestone="{html_attr(m.id)}" data-kind="{item.kind.value}">{tds}</tr>')
    intro = f"<p>{html_text(words.knock_on_intro)}</p>\n"
    return head + intro + _table((words.milestone, words.why, words.needs), rows, "knock-on") + "\n</section>"


def _untimed(report: Report, words: Words) -> str:
    head = f'<section id="untimed" class="untimed">\n<h2>{html_text(words.untimed)}</h2>\n'
    if not report.untimed:
        return head + f"<p>{html_text(words.untimed_none)}</p>\n</section>"
    columns = (words.area, words.milestone, words.status, words.timetable_note)
    rows = []
    for area_name, row in report.untimed:
        cells = [html_text(area_name), _milestone_cell(row, report.header.revision),
                 html_text(status_word(row.status)), html_text(row.timetable_note or "")]  # fmt: skip
        tds = "".join(f"<td>{c}</td>" for c in cells)
        rows.append(f'<tr data-milestone="{html_attr(row.id)}">{tds}</tr>')
    return head + _table(columns, rows, "untimed") + "\n</section>"
