"""The edit commands, `followup` and `init` in Swedish: result lines and refusals leave no English
sentence, and a Swedish sheet's status column comes back through `followup apply` (issue #15)."""

from __future__ import annotations

import codecs
import csv
import io
import re
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, run_fhsplan

SKANE = ROOT / "plan" / "skane-fhs"
# Words of the English sentences these commands say; none may be left in the Swedish output.
ENGLISH = (
    "revision", "started", "current", "postponed", "advanced", "reformulated", "cancelled", "removed",
    "added", "wrote", "follow-up", "cannot", "read", "due", "write", "already", "milestone", "error",
    "edited", "would", "changed", "sheet", "row", "applied", "left empty", "not a", "unknown", "status now",
    "the ", "created", "next", "folder", "overwrit", "example", "is empty", "fingerprint",
)  # fmt: skip
REVISION = ("revision", "new", "2024", "--decision", "RS 2024-01", "--decided-by", "nämnden",
            "--date", "2024-02-15")  # fmt: skip


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    copy = tmp_path / "skane-fhs"
    shutil.copytree(SKANE, copy)
    return copy


def sv(plan: Path, *args: str, ok: bool = True) -> str:
    result = run_fhsplan(*args, "--plan", str(plan), "--lang", "sv", cwd=plan.parent)
    assert (result.returncode == 0) is ok, (result.stdout, result.stderr)
    return result.stdout if ok else result.stderr


def no_english(text: str) -> None:
    # Plan text (ids, file names, titles) is never translated: leave the ids and paths out.
    # The status names a strategist may also type come after "på engelska:".
    text = re.sub(r"på engelska: [a-z, ]+", "", text)
    prose = re.sub(r"[\w./-]*[-/.][\w./-]*|'[^']*'", "", text.replace("fhsplan", ""))
    left = [w for w in ENGLISH if re.search(rf"(?i)(?<![\wåäö]){re.escape(w)}", prose)]
    assert not left, (left, text)


def test_every_edit_says_what_it_did_in_swedish(plan: Path) -> None:
    lines = [
        sv(plan, *REVISION),
        sv(plan, "postpone", "precisionsmedicinskt-centrum", "--to", "2026"),
        sv(plan, "advance", "uppfoljningsverktyg-invanarnas-upplevelser", "--to", "2023"),
        sv(plan, "set", "struktur-patientkontrakt", "--status", "igångsatt", "-m", "På gång"),
        sv(plan, "reword", "samsyn-personcentrerad-vard-vardsamverkan", "--title", "Samsyn i vårdsamverkan"),
        sv(plan, "cancel", "lpo-levnadsvanor", "--reason", "Inte längre aktuell"),
        sv(plan, "add", "--area", "personcentrerat-arbetssatt", "--title", "Ny milstolpe", "--due", "2026"),
    ]
    assert lines[0].startswith("revideringen 2024: påbörjad och nu aktuell revidering; skrev ")
    assert (
        "precisionsmedicinskt-centrum: framflyttad från 2024 till 2026 (revideringen 2024); skrev "
        in lines[1]
    )
    assert ": tidigarelagd från 2024 till 2023 (revideringen 2024); skrev " in lines[2]
    assert "struktur-patientkontrakt: igångsatt (uppföljning i revideringen 2024); skrev " in lines[3]
    assert ": omformulerad (revideringen 2024); skrev " in lines[4]
    assert "lpo-levnadsvanor: utgått ur planen (revideringen 2024); skrev " in lines[5]
    assert "ny-milstolpe: tillagd i personcentrerat-arbetssatt (revideringen 2024); skrev " in lines[6]
    for line in lines:
        no_english(line)


@pytest.mark.parametrize(
    ("args", "swedish"),
    [
        (("postpone", "modell-intressentanalys-etablerad", "--to", "2025"),
         "inget ändrat: den ändrade planen skulle få 1 nytt fel"),
        (("postpone", "precisionsmedicinskt-centrum", "--to", "20x"), "kan inte läsa '20x' som klar senast"),
        (("postpone", "precisionsmedicinskt-centrum", "--to", "2023"), "kan inte flytta fram"),
        (("postpone", "sdv-infors-enligt-plan", "--to", "2026"), "har inget klar senast att flytta"),
        (("set", "struktur-patientkontrakt", "--status", "klar", "--date", "2024-13-01"),
         "kan inte läsa '2024-13-01' som ett datum"),
        (("set", "struktur-patientkontrakt", "--status", "fel"), "okänd status 'fel'"),
        (("set", "struktur-patientkontrakt", "--status", "klar", "-m", " "), "kommentaren saknar text"),
        (("add", "--area", "personcentrerat-arbetssatt", "--title", "X", "--due", "2026",
          "--id", "struktur-patientkontrakt"), "det finns redan en milstolpe struktur-patientkontrakt"),
        (("add", "--area", "personcentrerat-arbetssatt", "--title", "X", "--due", "2026", "--id", "Inte Id"),
         "är inget giltigt id"),
        (("revision", "new", "2023", "--decision", "x", "--decided-by", "y", "--date", "2023-01-01"),
         "planen har redan en revidering 2023"),
        (("revision", "new", "Ny revidering", "--decision", "x", "--decided-by", "y", "--date", "2024-01-01"),
         "är inget id för en revidering"),
    ],
)  # fmt: skip
def test_every_refusal_is_swedish(plan: Path, args: tuple[str, ...], swedish: str) -> None:
    said = sv(plan, *args, ok=False)
    assert swedish in said
    no_english(said.split("\n  ")[0])  # the findings below the first line come from validate


def test_a_file_changed_on_disk_is_refused_in_swedish(plan: Path) -> None:
    from fhsplan import i18n
    from fhsplan.edit import Refused
    from fhsplan.edit.changes import move
    from fhsplan.edit.session import Session

    i18n.use("sv")
    try:
        session = Session(plan)
        move(session, "precisionsmedicinskt-centrum", "2026", later=True)
        outcome = session.outcome()
        area = plan / "areas" / "01-personcentrerat-arbetssatt.yaml"
        area.write_bytes(area.read_bytes() + b"\n")
        with pytest.raises(Refused, match="ändrades på disken under ändringen; kör kommandot igen"):
            outcome.write()
    finally:
        i18n.use("en")


def read_sheet(path: Path) -> tuple[list[str], list[list[str]]]:
    records = list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline=""), delimiter=";"))
    return records[0], records[1:]


def save(path: Path, header: list[str], rows: list[list[str]]) -> None:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerows([header, *rows])
    path.write_bytes(codecs.BOM_UTF8 + buffer.getvalue().encode("utf-8"))


def test_a_swedish_sheet_says_the_status_in_swedish_and_comes_back(plan: Path) -> None:
    sheet = plan.parent / "uppfoljning.csv"
    sv(plan, "followup", "sheet", "-o", str(sheet))
    header, rows = read_sheet(sheet)
    status, new_status = header.index("Status nu"), header.index("Ny status")
    assert {row[status] for row in rows} <= {
        "klar",
        "igångsatt",
        "planerad",
        "framflyttad",
        "utgått",
        "status ej angiven",
    }
    assert rows[0][status] == "status ej angiven"
    rows[0][new_status], rows[1][new_status], rows[2][new_status] = "utgått", "status ej angiven", "klar"
    save(sheet, header, rows)
    out = sv(plan, "followup", "apply", str(sheet))
    assert out == "förde in 3 rader (3 uppföljningar), 28 lämnades tomma; skrev 1 fil\n", out
    no_english(out)
    # Written again, the sheet's status column says each milestone's new status in Swedish.
    sv(plan, "followup", "sheet", "-o", str(sheet))
    _, again = read_sheet(sheet)
    words = {row[0]: row[status] for row in again}
    assert words.get(rows[2][0], "klar") == "klar"  # a milestone done is not asked about again


def test_a_changed_milestone_names_its_swedish_status(plan: Path) -> None:
    sheet = plan.parent / "uppfoljning.csv"
    sv(plan, "followup", "sheet", "-o", str(sheet))
    header, rows = read_sheet(sheet)
    ident = rows[0][0]
    sv(plan, "set", ident, "--status", "igångsatt")
    rows[0][header.index("Ny status")] = "klar"
    save(sheet, header, rows)
    said = sv(plan, "followup", "apply", str(sheet), ok=False)
    assert f"rad 2: {ident} har ändrats sedan arket skrevs (status nu status ej angiven → igångsatt)" in said
    no_english(said.replace("Status nu", ""))


def test_apply_refuses_what_is_no_sheet_in_swedish(plan: Path) -> None:
    sheet = plan.parent / "inte.csv"
    sheet.write_text("a;b\n1;2\n", encoding="utf-8")
    said = sv(plan, "followup", "apply", str(sheet), ok=False)
    assert "inget uppföljningsark: första raden ska vara kolumnrubrikerna" in said
    sheet.write_bytes(codecs.BOM_UTF8 + b"id;\xff")
    assert "arket börjar som UTF-8 men är inte UTF-8-text" in sv(
        plan, "followup", "apply", str(sheet), ok=False
    )


def test_a_sheet_of_two_revisions_is_refused_in_swedish(plan: Path) -> None:
    sheet = plan.parent / "uppfoljning.csv"
    sv(plan, "followup", "sheet", "-o", str(sheet))
    header, rows = read_sheet(sheet)
    rows[0][header.index("Ny status")] = rows[1][header.index("Ny status")] = "klar"
    rows[1][header.index("Revidering")] = "2024"
    save(sheet, header, rows)
    said = sv(plan, "followup", "apply", str(sheet), ok=False)
    assert "rad 3: revideringen 2024, där rad 2 anger 2023: för in en reviderings ark i taget" in said
    no_english(said)


def test_init_speaks_swedish(tmp_path: Path) -> None:
    def init(*args: str, ok: bool = True) -> str:
        result = run_fhsplan("init", *args, "--lang", "sv", cwd=tmp_path)
        assert (result.returncode == 0) is ok, result.stderr
        return result.stdout if ok else result.stderr

    out = init("ny-plan")
    assert out.startswith("Skapade ett planarkiv i ny-plan:")
    assert "Nästa steg: cd ny-plan && fhsplan validate && fhsplan map; README.md beskriver resten." in out
    refusals = [
        init("ny-plan", ok=False),
        init("annan", "--name", "Inte Id", ok=False),
        init("tredje", "-e", "saknas", ok=False),
    ]
    assert "skriver inte över det som finns i ny-plan" in refusals[0]
    assert "är inget id: använd små bokstäver" in refusals[1]
    assert "inget inbyggt exempel 'saknas'" in refusals[2]
    no_english(out.split("\n")[0] + out.split("\n")[-2])
    for said in refusals:
        no_english(said.split(":", 1)[1].split("(", 1)[0] if "exempel" in said else said)


@pytest.mark.parametrize(
    ("word", "status"),
    [("klar", "done"), ("igångsatt", "started"), ("planerad", "planned"), ("framflyttad", "postponed"),
     ("utgått", "cancelled"), ("Utgått", "cancelled"), ("status ej angiven", "unknown"),
     (" Status ej angiven ", "unknown")],
)  # fmt: skip
def test_the_sheets_swedish_status_words_are_read_back(word: str, status: str) -> None:
    from fhsplan.edit import values

    assert values.status(word, "sv").value == status
    assert values.status(word).value == status
