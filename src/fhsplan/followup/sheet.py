"""The follow-up sheet: one row per milestone the revision must say something about, as CSV that
Swedish Excel opens as it should (semicolons, a UTF-8 byte-order mark).

A row is asked for every milestone still pursued that is due by the end of the revision's year and
is not done, and for every milestone the revision added or reformulated. The columns' keys are
the format; in Swedish the header row holds their labels instead, which `apply` reads as well (issue #15). Each row
carries a fingerprint of the milestone as it was when the sheet was written, so that applying
the sheet can tell a milestone that changed in between (and a sheet applied twice).
"""

from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass

from fhsplan import i18n
from fhsplan.edit import Refused
from fhsplan.escape import csv_cell
from fhsplan.i18n import N_, _
from fhsplan.lifecycle import Change, Status
from fhsplan.plan import Entry, Plan
from fhsplan.rules.base import status_word


@dataclass(frozen=True, slots=True)
class Column:
    """A column of the sheet: its key (the format), its label (for people), and who fills it."""

    key: str
    label: str
    filled_in: bool = False


COLUMNS = (
    Column("id", N_("Milestone id")),
    Column("area", N_("Focus area")),
    Column("title", N_("Title")),
    Column("due", N_("Due")),
    Column("status", N_("Status now")),
    Column("owner", N_("Owner")),
    Column("new_status", N_("New status"), filled_in=True),
    Column("new_due", N_("New due"), filled_in=True),
    Column("comment", N_("Comment"), filled_in=True),
    Column("evidence", N_("Evidence"), filled_in=True),
    Column("reporter", N_("Reported by"), filled_in=True),
    Column("revision", N_("Revision")),
    Column("fingerprint", N_("Fingerprint (leave as it is)")),
)
LABELS = {c.key: c.label for c in COLUMNS}
FILLED_IN = tuple(c.key for c in COLUMNS if c.filled_in)
EXCEL_DELIMITER, PLAIN_DELIMITER = ";", ","
BOM = "\ufeff"
_OWNER_JOIN = ", "


@dataclass(frozen=True, slots=True)
class Written:
    """A sheet as bytes, and how many milestones it asks about."""

    data: bytes
    rows: int


def asked(plan: Plan, revision: str) -> list[Entry]:
    """The milestones revision `revision` must say something about, in the plan's order."""
    year = _year(plan, revision)
    return [e for e in plan.entries if e.active and (_due_by(e, year) or _changed_by(e, revision))]


def _year(plan: Plan, revision: str) -> int:
    found = plan.revision(revision)
    if found is None:
        from fhsplan.views import NotInPlan

        raise Refused(str(NotInPlan("revision", revision, plan.revision_ids)))
    if found.in_year is None:
        raise Refused(
            _("revision {revision} has no year: give it a `year` or a `date` in plan.yaml").format(
                revision=revision
            )
        )
    return found.in_year


def _due_by(entry: Entry, year: int) -> bool:
    done = entry.status in (Status.done, Status.cancelled)
    return not done and entry.last_year is not None and entry.last_year <= year


def _changed_by(entry: Entry, revision: str) -> bool:
    return any(
        h.revision == revision and h.kind in (Change.added, Change.reformulated) for h in entry.model.history
    )


def fingerprint(entry: Entry) -> str:
    """A short mark of the milestone's title, due, status and record: any edit since changes it.

    It starts with letters, so that no spreadsheet takes it for a number.
    """
    model = entry.model
    seen = "\x1f".join(
        [
            model.title,
            entry.due_text(),
            entry.status.value,
            str(len(model.followups)),
            str(len(model.history)),
        ]
    )
    return "fp-" + hashlib.sha256(seen.encode("utf-8")).hexdigest()[:10]


def write(plan: Plan, revision: str, excel: bool) -> Written:
    """The sheet for `revision`; `excel`: semicolons and a byte-order mark, as Swedish Excel reads CSV."""
    entries = asked(plan, revision)
    buffer = io.StringIO()
    out = csv.writer(buffer, delimiter=EXCEL_DELIMITER if excel else PLAIN_DELIMITER, lineterminator="\r\n")
    out.writerow(header())
    for entry in entries:
        out.writerow([csv_cell(cell) for cell in _cells(plan, entry, revision)])
    return Written(((BOM if excel else "") + buffer.getvalue()).encode("utf-8"), len(entries))


def header() -> list[str]:
    """The first row: the column keys in English, what each column asks in another language.

    `followup apply` reads either (`header_keys`), so a Swedish sheet comes back as it went out.
    """
    if i18n.language() == i18n.DEFAULT:
        return [c.key for c in COLUMNS]
    return [_(c.label) for c in COLUMNS]


def header_keys() -> dict[str, str]:
    """Every header a column may have, as `apply` compares them (case-folded), to the column's key:
    its key, and its label in each language fhsplan speaks, whichever language is spoken now."""
    spoken = i18n.language()
    known = {c.key.casefold(): c.key for c in COLUMNS}
    try:
        for language in i18n.LANGUAGES:
            i18n.use(language)
            known.update({normal_header(_(c.label)): c.key for c in COLUMNS})
    finally:
        i18n.use(spoken)
    return known


def normal_header(cell: str) -> str:
    """A header cell as compared: no byte-order mark or quotes, spaces collapsed, case-folded."""
    return " ".join(cell.lstrip(BOM).strip().strip('"').split()).casefold()


def _cells(plan: Plan, entry: Entry, revision: str) -> list[str]:
    area = plan.area(entry.area)
    owners = plan.vocabulary_names("owners")
    known = {
        "id": entry.id,
        "area": area.model.name if area else entry.area,
        "title": entry.model.title,
        "due": entry.due_text(),
        "status": status_word(entry.status),
        "owner": _OWNER_JOIN.join(owners.get(o, o) for o in plan.owners_of(entry)),
        "revision": revision,
        "fingerprint": fingerprint(entry),
    }
    return [known.get(c.key, "") for c in COLUMNS]


def default_excel(plan: Plan) -> bool:
    """Excel's dialect by default for a plan in Swedish."""
    return plan.meta.language == "sv"
