"""Applying a filled-in follow-up sheet: every row through the edit commands, all or nothing.

A row with a new status becomes a follow-up (with its comment, evidence and reporter); a new due
becomes a postponement or an advancement. Every row that cannot be applied is reported with its
row number (as the spreadsheet numbers it: the header is row 1) and why, and then nothing is
written: an unknown id, a status word or due that cannot be read, a milestone that changed since
the sheet was written, a postponement that does not end later, an edit that would not validate.

What spreadsheets write back is read as it comes: a UTF-8 byte-order mark or none (then UTF-8,
else Windows-1252, which Excel's plain "CSV" uses), semicolons, commas or tabs, CRLF, quoted cells,
rows cut short or with empty columns after the last.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from fhsplan import i18n
from fhsplan.edit import Invalid, Refused, changes, values
from fhsplan.edit.session import Outcome, Session, Target
from fhsplan.findings import Finding
from fhsplan.followup.sheet import FILLED_IN, LABELS, fingerprint, header_keys, normal_header
from fhsplan.i18n import N_, _, ngettext
from fhsplan.lifecycle import Status
from fhsplan.plan import Entry
from fhsplan.rules.base import status_word

MAX_BYTES = 32 * 1024 * 1024
_DELIMITERS = (";", ",", "\t")
_FORMULA = "=+-@"
_NOTES = ("comment", "evidence", "reporter")
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Row:
    """One row of the sheet by column key, and its number in the spreadsheet."""

    number: int
    cells: dict[str, str]

    def get(self, key: str) -> str:
        return self.cells.get(key, "").strip()

    @property
    def filled_in(self) -> bool:
        return any(self.get(key) for key in FILLED_IN)


@dataclass(frozen=True, slots=True)
class RowProblem:
    """Why a row cannot be applied; row 0 is the sheet as a whole."""

    row: int
    message: str

    def __str__(self) -> str:
        return (
            _("row {row}: {reason}").format(row=self.row, reason=self.message) if self.row else self.message
        )


class SheetRefused(Invalid):
    """A sheet that is not applied, with every row that cannot be (exit 1)."""

    def __init__(self, problems: list[RowProblem]) -> None:
        rows = len({p.row for p in problems})
        said = ngettext(
            "{rows} row(s) of the sheet cannot be applied",
            "{rows} row(s) of the sheet cannot be applied",
            rows,
        )
        super().__init__(said.format(rows=i18n.number(rows)))
        self.problems = problems


@dataclass
class Applied:
    """What applying a sheet did, row by row."""

    rows: int = 0
    skipped: int = 0
    done: dict[str, int] = field(default_factory=dict)

    def summary(self) -> str:
        kinds = ", ".join(_kind(kind, n).format(n=i18n.number(n)) for kind, n in self.done.items())
        said = ngettext(
            "applied {rows} row(s) ({done}), {skipped} left empty",
            "applied {rows} row(s) ({done}), {skipped} left empty",
            self.rows,
        )
        return said.format(
            rows=i18n.number(self.rows), done=kinds or _("nothing"), skipped=i18n.number(self.skipped)
        )


def _kind(kind: str, n: int) -> str:
    """`{n} follow-up(s)`, `{n} postponed` or `{n} advanced`, in the plural the count asks for."""
    if kind == "follow-up(s)":
        return ngettext("{n} follow-up(s)", "{n} follow-up(s)", n)
    if kind == "postponed":
        return ngettext("{n} postponed", "{n} postponed", n)
    return ngettext("{n} advanced", "{n} advanced", n)


def read(data: bytes) -> list[Row]:
    """The rows of a sheet, by the column keys of its header row."""
    if len(data) > MAX_BYTES:
        raise Refused(_("the sheet is larger than {n} MiB").format(n=MAX_BYTES // (1024 * 1024)))
    text = _decode(data)
    delimiter = _delimiter(text)
    records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    known = header_keys()
    header = [known.get(normal_header(cell), normal_header(cell)) for cell in records[0]]
    keys = {key: i for i, key in reversed(list(enumerate(header)))}  # the first of two equal keys
    return [
        Row(number, {key: cells[i] if i < len(cells) else "" for key, i in keys.items()})
        for number, cells in enumerate(records[1:], start=2)
    ]


def _decode(data: bytes) -> str:
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[3:].decode("utf-8")
        except UnicodeDecodeError:
            raise Refused(_("the sheet starts as UTF-8 but is not UTF-8 text")) from None
    for encoding in ("utf-8", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise Refused(_("the sheet is neither UTF-8 nor Windows-1252 text; save it as CSV UTF-8"))


def _delimiter(text: str) -> str:
    """The separator that splits the header row into the sheet's keys."""
    first = text.split("\n", 1)[0]
    known = header_keys()
    for delimiter in _DELIMITERS:
        keys = {known.get(normal_header(cell)) for cell in first.split(delimiter)}
        if {"id", "fingerprint"} <= keys:
            return delimiter
    raise Refused(
        _(
            "not a follow-up sheet: its first row must be the column keys (id, …, fingerprint), "
            "as fhsplan followup sheet writes them"
        )
    )


def apply(session: Session, rows: list[Row], date: str | None = None) -> tuple[Applied, Outcome]:
    """Apply every filled-in row to the plan in `session`; refuse the whole sheet if any row fails."""
    applied = Applied()
    filled = [row for row in rows if row.filled_in]
    applied.skipped = len(rows) - len(filled)
    problems = _revision(session, filled)
    if any(p.row == 0 for p in problems):
        raise SheetRefused(problems)
    seen: dict[str, int] = {}
    for row in filled:
        reasons = _apply_row(session, row, seen, date, applied)
        problems += [RowProblem(row.number, reason) for reason in reasons]
    if problems:
        raise SheetRefused(sorted(problems, key=lambda p: p.row))
    try:
        outcome = session.outcome()
    except Invalid as exc:
        raise SheetRefused(_by_row(exc.findings, seen)) from None
    applied.rows = len(filled)
    return applied, outcome


def _revision(session: Session, rows: list[Row]) -> list[RowProblem]:
    """Book to the one revision the sheet was written for (the current one where it names none)."""
    named = [row for row in rows if row.get("revision")]
    if not named:
        return []
    first = named[0].get("revision")
    said = _("revision {revision}, where row {row} says {first}: apply one revision's sheet at a time")
    problems = [
        RowProblem(r.number, said.format(revision=r.get("revision"), row=named[0].number, first=first))
        for r in named if r.get("revision") != first
    ]  # fmt: skip
    if session.plan.revision(first) is None:
        from fhsplan.views import NotInPlan

        return [
            RowProblem(
                0,
                _("the sheet is for revision {revision}: {problem}").format(
                    revision=first, problem=NotInPlan("revision", first, session.plan.revision_ids)
                ),
            )
        ]
    session.revision = first
    return problems


class _Reasons(list[str]):
    """The reasons a row cannot be applied, gathered step by step so that each row tells them all."""

    def attempt(self, step: Callable[..., T], *args: Any) -> T | None:
        try:
            return step(*args)
        except Refused as exc:
            self.append(exc.message)
            return None


@dataclass(frozen=True, slots=True)
class _Asked:
    """What a row asks for, read and checked."""

    status: Status | None
    due: str | None
    notes: dict[str, str]


def _apply_row(
    session: Session, row: Row, seen: dict[str, int], date: str | None, applied: Applied
) -> list[str]:
    """Apply one row; the reasons it cannot be applied (all of them), or none."""
    reasons = _Reasons()
    target = reasons.attempt(lambda: _target(session, row, seen))
    if target is None:
        return reasons
    reasons.attempt(lambda: _unchanged(target.entry, row))
    asked = _read(row, target.entry, session.plan.meta.language, reasons)
    if reasons:
        return reasons
    if asked.due is not None:
        reasons.attempt(lambda: _move(session, target.entry, asked, applied))
    if asked.status is not None:
        observed = changes.Observation(asked.status, date=date, **asked.notes)
        reasons.attempt(lambda: changes.set_status(session, target.id, observed))
        _count(applied, N_("follow-up(s)"))
    return reasons


def _target(session: Session, row: Row, seen: dict[str, int]) -> Target:
    ident = row.get("id")
    if not ident:
        raise Refused(_("no milestone id"))
    if ident in seen:
        raise Refused(
            _("{id} is in row {row} as well; give each milestone one row").format(id=ident, row=seen[ident])
        )
    seen[ident] = row.number
    return session.milestone(ident)


def _read(row: Row, entry: Entry, language: str | None, reasons: _Reasons) -> _Asked:
    """The row's new status, new due and notes, each checked; what cannot be read goes to `reasons`."""
    status = (
        reasons.attempt(lambda: values.status(row.get("new_status"), language))
        if row.get("new_status")
        else None
    )
    due = row.get("new_due") or None
    if due is not None:
        reasons.attempt(lambda: values.due(due))
    notes = {key: row.get(key) for key in _NOTES if row.get(key)}
    for key, text in notes.items():
        reasons.attempt(values.text, text, key)
    if notes and not row.get("new_status"):
        said = ", ".join(_(LABELS[key]).lower() for key in notes)
        reasons.append(
            _("{columns} without a new status; write the status (now {status})").format(
                columns=said, status=status_word(entry.status)
            )
        )
    return _Asked(status, due, notes)


def _unchanged(entry: Entry, row: Row) -> None:
    """Refuse a row whose milestone changed since the sheet was written."""
    mark = row.get("fingerprint")
    if not mark:
        raise Refused(_("no fingerprint: only rows written by fhsplan followup sheet can be applied"))
    if mark == fingerprint(entry):
        return
    now = {"title": entry.model.title, "due": entry.due_text(), "status": entry.status.value}
    written = {key: _as_written(row.get(key)) for key in now}
    written["status"] = _status_value(written["status"])
    shown = {"title": entry.model.title, "due": entry.due_text(), "status": status_word(entry.status)}
    what = [
        _("{column} {old} → {new}").format(
            column=_column_word(key), old=_as_written(row.get(key)), new=shown[key]
        )
        for key, value in now.items()
        if written[key] != value
    ]
    if what:
        said = _("{id} changed since the sheet was written ({changes}); write a new sheet")
    else:
        said = _("{id} changed since the sheet was written; write a new sheet")
    raise Refused(said.format(id=entry.id, changes="; ".join(what)))


def _column_word(key: str) -> str:
    """A column as a changed-row refusal names it: its key in English, its label in another language."""
    if i18n.language() == i18n.DEFAULT:
        return key
    return _(LABELS[key]).lower()


def _status_value(cell: str) -> str:
    """The status column as the plan writes it: `klar` (a Swedish sheet's word, whatever the plan's
    language) is `done`."""
    try:
        return values.status(cell).value if cell else cell
    except Refused:
        return cell


def _as_written(cell: str) -> str:
    """A cell as the plan had it, without the `'` that kept a spreadsheet from reading a formula."""
    return cell[1:] if cell[:1] == "'" and cell.lstrip("'")[:1] in _FORMULA else cell


def _move(session: Session, entry: Entry, asked: _Asked, applied: Applied) -> None:
    """A new due: a postponement when it ends later (or the status says postponed), else an advancement."""
    assert asked.due is not None
    new, old = values.period(values.due(asked.due)), entry.period
    if old is not None and new.text == old.text:
        return  # the due as it is, written again: nothing to move
    later = asked.status is Status.postponed or old is None or new.later_than(old)
    if old is not None and not later and not old.later_than(new):
        raise Refused(
            _("the new due {new} ends when the due {old} does").format(new=new.text, old=entry.due_text())
        )
    changes.move(session, entry.id, asked.due, later=later)
    _count(applied, N_("postponed") if later else N_("advanced"))


def _count(applied: Applied, kind: str) -> None:
    applied.done[kind] = applied.done.get(kind, 0) + 1


def _by_row(findings: tuple[Finding, ...], rows: dict[str, int]) -> list[RowProblem]:
    """The errors an applied sheet would bring, on the rows of the milestones they are about."""
    problems = []
    for finding in findings:
        numbers = sorted({rows[i] for i in finding.about if i in rows}) or [0]
        text = f"{finding.pos}: {finding.code} {finding.message}"
        problems += [RowProblem(n, _("would not validate: {finding}").format(finding=text)) for n in numbers]
    return sorted(problems, key=lambda p: p.row)
