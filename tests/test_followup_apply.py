"""Applying a filled-in sheet: what spreadsheets write back is read, every bad row is named, all or nothing."""

from __future__ import annotations

import codecs
import csv
import io
import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES
from fhsplan.edit import Refused
from fhsplan.edit.session import Session
from fhsplan.followup import sheet
from fhsplan.followup.apply import SheetRefused, apply, read
from fhsplan.loader import load_plan

MIXED = FIXTURES / "edit" / "mixed"
KEYS = [c.key for c in sheet.COLUMNS]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    target = tmp_path / "mixed"
    shutil.copytree(MIXED, target)
    return target


def row(folder: Path, ident: str, **filled: str) -> dict[str, str]:
    """A sheet row for a milestone as the plan has it now, with some cells filled in."""
    plan = load_plan(folder).plan
    assert plan is not None
    entry = plan.by_id[ident]
    cells = {"id": ident, "title": entry.model.title, "due": entry.due_text(), "status": entry.status.value,
             "revision": "2023", "fingerprint": sheet.fingerprint(entry)}  # fmt: skip
    return cells | filled


def sheet_bytes(
    rows: list[dict[str, str]],
    *,
    delimiter: str = ";",
    bom: bool = True,
    encoding: str = "utf-8",
    quote_all: bool = False,
    extra_columns: int = 0,
) -> bytes:
    """A sheet as a spreadsheet would save it."""
    buffer = io.StringIO()
    out = csv.writer(
        buffer,
        delimiter=delimiter,
        lineterminator="\r\n",
        quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL,
    )
    out.writerow(KEYS + [""] * extra_columns)
    for cells in rows:
        out.writerow([cells.get(key, "") for key in KEYS] + [""] * extra_columns)
    return (codecs.BOM_UTF8 if bom else b"") + buffer.getvalue().encode(encoding)


def applied(folder: Path, data: bytes) -> dict[Path, bytes]:
    """Apply a sheet to the plan and return the files it would write."""
    _, outcome = apply(Session(folder), read(data), "2024-11-30")
    return outcome.after


def test_what_a_sheet_asks_for_becomes_follow_ups_and_moves(folder: Path) -> None:
    rows = [
        row(
            folder,
            "forsta",
            new_status="Klar",
            comment="Klart: enligt plan",
            evidence="Protokoll 4",
            reporter="Anna",
        ),
        row(folder, "andra", new_status="framflyttad", new_due="2024..2026"),
        row(folder, "sjatte", new_due="2025-06"),
        row(folder, "femte"),  # nothing filled in: left as it is
    ]
    result, outcome = apply(Session(folder), read(sheet_bytes(rows)), "2024-11-30")
    assert result.summary() == "applied 3 row(s) (2 follow-up(s), 1 postponed, 1 advanced), 1 left empty"
    outcome.write()
    plan = load_plan(folder).plan
    assert plan is not None
    forsta, andra, sjatte = (plan.by_id[i] for i in ("forsta", "andra", "sjatte"))
    latest = forsta.model.followups[-1]
    assert (latest.status.value, latest.comment, latest.evidence, latest.reporter, str(latest.date)) == (
        "done", "Klart: enligt plan", "Protokoll 4", "Anna", "2024-11-30",
    )  # fmt: skip
    assert (forsta.model.status is not None and forsta.model.status.value) == "done"  # kept in step
    assert (andra.due_text(), andra.status.value, plan.changes_in(andra)) == (
        "2024–2026", "postponed", ["reformulated", "postponed"],
    )  # fmt: skip
    assert (sjatte.due_text(), plan.changes_in(sjatte)) == ("2025-06", ["added", "advanced"])


@pytest.mark.parametrize(
    "dialect",
    [
        {},
        {"bom": False},
        {"delimiter": ","},
        {"delimiter": "\t", "bom": False},
        {"quote_all": True, "extra_columns": 3},
        {"bom": False, "encoding": "cp1252"},  # Excel's plain "CSV (semikolonavgränsad)"
    ],
    ids=["excel-utf8", "no-bom", "commas", "tabs", "quoted-with-empty-columns", "windows-1252"],
)
def test_what_spreadsheets_write_back_is_read_alike(folder: Path, dialect: dict[str, object]) -> None:
    rows = [
        row(folder, "forsta", new_status="påbörjad", comment="Arbetet pågår; två rader\nmed radbrytning"),
        row(folder, "andra", new_due="2023..2026"),
    ]
    assert applied(folder, sheet_bytes(rows, **dialect)) == applied(folder, sheet_bytes(rows))  # type: ignore[arg-type]


def test_columns_are_found_by_key_in_any_order_and_rows_may_stop_short(folder: Path) -> None:
    mark = row(folder, "forsta")["fingerprint"]
    data = f"Fingerprint;ID;New_Status;comment;evidence\r\n{mark};forsta;klar\r\n".encode()
    (only,) = read(data)
    assert (only.number, only.get("id"), only.get("new_status"), only.get("comment")) == (
        2,
        "forsta",
        "klar",
        "",
    )
    assert applied(folder, data) == applied(folder, sheet_bytes([row(folder, "forsta", new_status="klar")]))


def test_every_row_that_cannot_be_applied_is_named_and_nothing_is_written(folder: Path) -> None:
    before = {p: p.read_bytes() for p in folder.rglob("*.yaml")}
    forsta = row(folder, "forsta")
    rows = [
        row(folder, "forsta", new_status="klart"),  # row 2: fine
        row(folder, "andra", new_status="klarr"),
        row(folder, "femte", new_due="2025-13"),
        row(folder, "sjatte", new_status="postponed", new_due="2025-Q2"),
        {**forsta, "id": "forstaa", "new_status": "klar"},
        {**row(folder, "fjarde", new_status="done"), "fingerprint": "fp-0000000000", "due": "2021"},
        row(folder, "forsta", new_status="done"),
        row(folder, "tredje", comment="Bara en kommentar"),
        {**row(folder, "femte", new_status="done"), "id": "femte", "fingerprint": ""},
        row(folder, "tredje", new_status="done", comment="Röd \x1b[31m"),
        {"comment": "en rad utan id"},
    ]
    with pytest.raises(SheetRefused) as refused:
        applied(folder, sheet_bytes(rows))
    assert [str(p) for p in refused.value.problems] == [
        "row 3: unknown status 'klarr' (did you mean 'klar'?) (say done, started, planned, postponed, "
        "cancelled, unknown; or klar, igångsatt, planerad, framflyttad, avbruten, okänd)",
        "row 4: cannot read '2025-13' as a due; write 2025, 2025-Q3, 2025-06, 2025-06-30 or a span 2023..2026",
        "row 5: cannot postpone sjatte to 2025-Q2: that does not end later than its due 2025-Q3",
        "row 6: no milestone 'forstaa' in the plan; nearest: forsta",
        "row 7: fjarde changed since the sheet was written (due 2021 → 2022); write a new sheet",
        "row 8: forsta is in row 2 as well; give each milestone one row",
        "row 9: comment without a new status; write the status (now unknown)",
        "row 10: femte is in row 4 as well; give each milestone one row",
        "row 11: tredje is in row 9 as well; give each milestone one row",
        "row 12: no milestone id",
    ]
    assert refused.value.message == "10 row(s) of the sheet cannot be applied"
    assert {p: p.read_bytes() for p in folder.rglob("*.yaml")} == before


def test_a_new_due_must_move_the_end_unless_it_is_the_due_written_again(folder: Path) -> None:
    with pytest.raises(SheetRefused) as refused:
        applied(folder, sheet_bytes([row(folder, "femte", new_due="2026")]))
    assert [str(p) for p in refused.value.problems] == [
        "row 2: the new due 2026 ends when the due 2023–2026 does"
    ]
    assert applied(
        folder, sheet_bytes([row(folder, "femte", new_due="2023–2026", new_status="started")])
    ) == applied(folder, sheet_bytes([row(folder, "femte", new_status="started")]))


def test_a_row_tells_every_reason_it_has(folder: Path) -> None:
    rows = [
        {
            **row(folder, "forsta", new_status="klarr", new_due="2024-13", comment="Röd \x1b"),
            "fingerprint": "",
        }
    ]
    with pytest.raises(SheetRefused) as refused:
        applied(folder, sheet_bytes(rows))
    assert [str(p) for p in refused.value.problems] == [
        "row 2: no fingerprint: only rows written by fhsplan followup sheet can be applied",
        "row 2: unknown status 'klarr' (did you mean 'klar'?) (say done, started, planned, postponed, "
        "cancelled, unknown; or klar, igångsatt, planerad, framflyttad, avbruten, okänd)",
        "row 2: cannot read '2024-13' as a due; write 2025, 2025-Q3, 2025-06, 2025-06-30 or a span 2023..2026",
        "row 2: the comment holds the character U+001B, which no plan text may carry",
    ]


def test_a_sheet_applied_twice_is_refused_the_second_time(folder: Path) -> None:
    data = sheet_bytes([row(folder, "femte", new_status="started", comment="Igång")])
    _, outcome = apply(Session(folder), read(data), "2024-11-30")
    outcome.write()
    with pytest.raises(SheetRefused) as refused:
        applied(folder, data)
    assert [str(p) for p in refused.value.problems] == [
        "row 2: femte changed since the sheet was written (status unknown → started); write a new sheet"
    ]


def test_errors_the_applied_sheet_would_bring_are_named_on_their_rows(folder: Path) -> None:
    rows = [row(folder, "femte", new_status="done"), row(folder, "forsta", new_due="2026")]
    with pytest.raises(SheetRefused) as refused:
        applied(folder, sheet_bytes(rows))
    (problem,) = refused.value.problems
    assert problem.row == 3
    assert problem.message.startswith("would not validate: ")
    assert "FHS401 andra (due 2023–2025) needs forsta, which is due later (2026)" in problem.message


def test_a_sheet_is_for_one_revision_of_the_plan(folder: Path) -> None:
    rows = [
        row(folder, "forsta", new_status="done"),
        {**row(folder, "andra", new_status="done"), "revision": "2022"},
    ]
    with pytest.raises(SheetRefused) as refused:
        applied(folder, sheet_bytes(rows))
    assert [str(p) for p in refused.value.problems] == [
        "row 3: revision 2022, where row 2 says 2023: apply one revision's sheet at a time"
    ]
    with pytest.raises(SheetRefused) as refused:
        applied(folder, sheet_bytes([{**row(folder, "forsta", new_status="done"), "revision": "2025"}]))
    assert [str(p) for p in refused.value.problems] == [
        "the sheet is for revision 2025: no revision '2025' in the plan; nearest: 2023, 2022"
    ]


def test_follow_ups_are_booked_to_the_sheets_revision(folder: Path) -> None:
    session = Session(folder)
    _, outcome = apply(
        session, read(sheet_bytes([{**row(folder, "femte", new_status="planned"), "revision": "2022"}]))
    )
    assert session.revision == "2022"
    assert b"followups: [{revision: 2022, date: " in outcome.after[folder / "areas" / "02-flow.yaml"]


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"name;title\r\nx;y\r\n",
        "id;område\r\n".encode(),
        b"\xff\xfe\x00i\x00d",
        codecs.BOM_UTF8 + b"id;\xff",
    ],
)
def test_what_is_not_a_sheet_is_refused(data: bytes) -> None:
    with pytest.raises(Refused):
        read(data)
