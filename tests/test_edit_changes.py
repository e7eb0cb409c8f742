"""Each edit kind on a plan written in every style: golden files after, and only the intended lines changed.

The fixture (tests/fixtures/edit/mixed) mixes block and flow mappings, comments between and after
keys, quoted and plain scalars, a folded title and a file without a final line break. Every case
also runs on a copy with CRLF line breaks and a UTF-8 byte-order mark, which must survive.
"""

from __future__ import annotations

import codecs
import difflib
import os
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import FIXTURES, GOLDEN
from fhsplan.edit import Invalid, Refused, changes
from fhsplan.edit.session import Session
from fhsplan.lifecycle import Status
from fhsplan.loader import load_plan

MIXED = FIXTURES / "edit" / "mixed"
BLOCK, FLOW, PLAN = "areas/01-block.yaml", "areas/02-flow.yaml", "plan.yaml"
Change = Callable[[Session], str]


@dataclass(frozen=True)
class Case:
    change: Change
    file: str
    removed: list[str]
    added: list[str]


def seen(status: Status, **fields: str) -> changes.Observation:
    return changes.Observation(status, date="2024-11-30", **fields)


CASES: dict[str, Case] = {
    "revision-new": Case(
        lambda s: changes.new_revision(
            s,
            changes.NewRevision(
                "2024", "2024-TEST-003", "Hälso- och sjukvårdsnämnden", "2024-02-15", "Årlig revidering"
            ),
        ),
        PLAN,
        ["current_revision: 2023   # moved on by `fhsplan revision new`"],
        [
            "",
            "  - {id: 2024, date: 2024-02-15, decision: 2024-TEST-003, decided_by: Hälso- och sjukvårdsnämnden, note: Årlig revidering}",
            "current_revision: 2024   # moved on by `fhsplan revision new`",
        ],
    ),
    "set-status-field-in-step": Case(
        lambda s: changes.set_status(
            s, "forsta", seen(Status.done, comment="Klart: enligt plan", evidence="Protokoll #4")
        ),
        BLOCK,
        ["    status: started"],
        [
            "    status: done",
            "    followups:",
            "      - revision: 2023",
            "        date: 2024-11-30",
            "        status: done",
            '        comment: "Klart: enligt plan"',
            '        evidence: "Protokoll #4"',
        ],
    ),
    "set-existing-followups": Case(
        lambda s: changes.set_status(s, "andra", seen(Status.started, reporter="Anna Andersson")),
        BLOCK,
        [],
        [
            "      - revision: 2023",
            "        date: 2024-11-30",
            "        status: started",
            "        reporter: Anna Andersson",
        ],
    ),
    "set-flow": Case(
        lambda s: changes.set_status(s, "fjarde", seen(Status.started, comment="Återöppnad, se [1]")),
        FLOW,
        [
            "  - {id: fjarde, title: Fjärde, due: 2022, status: done, effects: [{text: Klart, beneficiaries: [inv]}]}"
        ],
        [
            "  - {id: fjarde, title: Fjärde, due: 2022, status: started, effects: [{text: Klart, beneficiaries: [inv]}], "
            'followups: [{revision: 2023, date: 2024-11-30, status: started, comment: "Återöppnad, se [1]"}]}'
        ],
    ),
    "postpone-year": Case(
        lambda s: changes.move(s, "forsta", "2025", later=True),
        BLOCK,
        ["    due: 2024   # as the table says"],
        [
            "    due: 2025   # as the table says",
            "    history:",
            "      - kind: postponed",
            "        revision: 2023",
            "        from: 2024",
        ],
    ),
    "postpone-block-span": Case(
        lambda s: changes.move(s, "andra", "2024..2026", later=True),
        BLOCK,
        ["      start: 2023", "      end: 2025"],
        [
            "      start: 2024",
            "      end: 2026",
            "      - kind: postponed",
            "        revision: 2023",
            "        from: {start: 2023, end: 2025}",
        ],
    ),
    "advance-flow-span-to-year": Case(
        lambda s: changes.move(s, "femte", "2025", later=False),
        FLOW,
        ["  - {id: femte, title: 'Femte: med kolon', due: {start: 2023, end: 2026}}"],
        [
            "  - {id: femte, title: 'Femte: med kolon', due: 2025, "
            "history: [{kind: advanced, revision: 2023, from: {start: 2023, end: 2026}}]}"
        ],
    ),
    "postpone-quarter-to-day": Case(
        lambda s: changes.move(s, "sjatte", "2025-10-15", later=True),
        FLOW,
        ["  - {id: sjatte, title: Sjätte, due: 2025-Q3, history: [{kind: added, revision: 2023}]}"],
        [
            "  - {id: sjatte, title: Sjätte, due: 2025-10-15, history: [{kind: added, revision: 2023}, "
            "{kind: postponed, revision: 2023, from: 2025-Q3}]}"
        ],
    ),
    "reword-folded-and-quoted": Case(
        lambda s: changes.reword(s, "forsta", "En ny titel: kortare", "Ny 'beskrivning'"),
        BLOCK,
        [
            "      En lång titel som är",
            "      vikt över två rader",
            "    description: 'Beskrivning i enkla citattecken'",
        ],
        [
            "      En ny titel: kortare",
            "    description: 'Ny ''beskrivning'''",
            "    history:",
            "      - kind: reformulated",
            "        revision: 2023",
            "        previous: En lång titel som är vikt över två rader",
        ],
    ),
    "reword-flow-adds-description": Case(
        lambda s: changes.reword(s, "femte", "Femte, omformulerad", "Ny beskrivning"),
        FLOW,
        ["  - {id: femte, title: 'Femte: med kolon', due: {start: 2023, end: 2026}}"],
        [
            "  - {id: femte, title: 'Femte, omformulerad', description: Ny beskrivning, due: {start: 2023, end: 2026}, "
            'history: [{kind: reformulated, revision: 2023, previous: "Femte: med kolon"}]}'
        ],
    ),
    "cancel": Case(
        lambda s: changes.cancel(s, "andra", "Ersätts av en regional modell.", "2024-11-30"),
        BLOCK,
        [],
        [
            "      - kind: removed",
            "        revision: 2023",
            "        note: Ersätts av en regional modell.",
            "      - revision: 2023",
            "        date: 2024-11-30",
            "        status: cancelled",
        ],
    ),
    "add-block": Case(
        lambda s: changes.add(
            s,
            changes.NewMilestone(
                "block", "Ny milstolpe för örebro", "2026", owners=["hsf"], depends_on=["forsta", "andra"]
            ),
        ),
        BLOCK,
        [],
        [
            "",
            "  - id: ny-milstolpe-for-orebro",
            "    title: Ny milstolpe för örebro",
            "    due: 2026",
            "    owners: [hsf]",
            "    depends_on:",
            "      - milestone: forsta",
            "      - milestone: andra",
            "    history:",
            "      - kind: added",
            "        revision: 2023",
        ],
    ),
    "add-flow-at-end-without-line-break": Case(
        lambda s: changes.add(
            s, changes.NewMilestone("flow", "Sjunde", "2025-Q4", id="sjunde", description="#1")
        ),
        FLOW,
        [],
        [
            '  - {id: sjunde, title: Sjunde, description: "#1", due: 2025-Q4, '
            "history: [{kind: added, revision: 2023}]}"
        ],
    ),
}


def as_crlf_with_bom(data: bytes) -> bytes:
    return codecs.BOM_UTF8 + data.replace(b"\n", b"\r\n")


def copy(tmp_path: Path, encoding: str) -> Path:
    folder = tmp_path / "mixed"
    shutil.copytree(MIXED, folder)
    if encoding == "crlf-bom":
        for path in folder.rglob("*.yaml"):
            path.write_bytes(as_crlf_with_bom(path.read_bytes()))
    return folder


def changed_lines(before: str, after: str) -> tuple[list[str], list[str]]:
    """The lines a `git diff` of the two texts would show as removed and as added."""
    old, new = before.splitlines(), after.splitlines()
    removed: list[str] = []
    added: list[str] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag != "equal":
            removed += old[i1:i2]
            added += new[j1:j2]
    return removed, added


@pytest.mark.parametrize("encoding", ["lf", "crlf-bom"])
@pytest.mark.parametrize("name", CASES)
def test_edit_kind(name: str, encoding: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    case = CASES[name]
    folder = copy(tmp_path, encoding)
    originals = {p: p.read_bytes() for p in folder.rglob("*.yaml")}
    monkeypatch.chdir(folder)
    session = Session(Path("."))
    case.change(session)
    outcome = session.outcome()
    outcome.write()

    golden = GOLDEN / "edit" / name / case.file
    after = (folder / case.file).read_bytes()
    if encoding == "lf" and os.environ.get("FHSPLAN_UPDATE_GOLDEN") == "1":
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_bytes(after)
    expected = golden.read_bytes()
    assert after == (as_crlf_with_bom(expected) if encoding == "crlf-bom" else expected)
    before = originals[folder / case.file]
    assert changed_lines(before.decode("utf-8-sig"), after.decode("utf-8-sig")) == (case.removed, case.added)
    assert {p for p, data in originals.items() if p.read_bytes() != data} == {folder / case.file}
    result = load_plan(folder)
    assert result.plan is not None, [f.message for f in result.findings]
    assert patched(originals, outcome.diff(), tmp_path) == {
        p.relative_to(folder): p.read_bytes() for p in originals
    }


def patched(originals: dict[Path, bytes], diff: str, tmp_path: Path) -> dict[Path, bytes]:
    """The files as `git apply` makes them from the dry run's diff."""
    work = tmp_path / "patched"
    for path, data in originals.items():
        target = work / path.relative_to(tmp_path / "mixed")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    (tmp_path / "dry.diff").write_bytes(diff.encode("utf-8"))
    subprocess.run(["git", "apply", "--unsafe-paths", str(tmp_path / "dry.diff")], cwd=work, check=True)
    return {p.relative_to(work): p.read_bytes() for p in work.rglob("*.yaml")}


def test_the_edited_plan_says_what_the_edit_meant(tmp_path: Path) -> None:
    folder = copy(tmp_path, "lf")
    session = Session(folder)
    changes.new_revision(session, changes.NewRevision("2024-h2", "D-1", "Nämnden", "2024-09-01"))
    changes.move(session, "forsta", "2025-Q2", later=True)
    changes.set_status(session, "forsta", seen(Status.started, comment="Pågår"))
    changes.reword(session, "andra", "Andra, ny lydelse")
    changes.cancel(session, "tredje", "Behövs inte längre.")
    session.outcome().write()
    plan = load_plan(folder).plan
    assert plan is not None
    assert plan.current_revision == "2024-h2"
    forsta, andra, tredje = (plan.by_id[i] for i in ("forsta", "andra", "tredje"))
    assert (forsta.due_text(), forsta.status, plan.changes_in(forsta)) == (
        "2025-Q2",
        Status.started,
        ["postponed"],
    )
    assert forsta.model.history[-1].before == 2024
    assert (andra.model.title, andra.model.history[-1].previous) == ("Andra, ny lydelse", "Andra milstolpen")
    assert (tredje.status, tredje.removed) == (Status.cancelled, True)
    earlier = plan.at("2023")
    assert (earlier.by_id["forsta"].due_text(), earlier.by_id["andra"].model.title) == (
        "2024",
        "Andra milstolpen",
    )


def unchanged(folder: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda s: changes.move(s, "forsta", "2024", later=True), "does not end later than its due 2024"),
        (lambda s: changes.move(s, "forsta", "2024-Q4", later=True), "does not end later than its due 2024"),
        (lambda s: changes.move(s, "forsta", "2025", later=False), "does not end earlier than its due 2024"),
        (lambda s: changes.move(s, "tredje", "2025", later=True), "tredje has no due to move"),
        (lambda s: changes.move(s, "forsta", "2025-13", later=True), "cannot read '2025-13' as a due"),
        (
            lambda s: changes.move(s, "forsta", "2026..2025", later=True),
            "'2026..2025' is not a due: span ends (2025) before it starts (2026)",
        ),
        (
            lambda s: changes.move(s, "forstaa", "2025", later=True),
            "no milestone 'forstaa' in the plan; nearest: forsta",
        ),
        (lambda s: changes.reword(s, "tredje", "Tredje"), "tredje is already titled 'Tredje'"),
        (lambda s: changes.reword(s, "tredje", "  "), "the title is empty"),
        (lambda s: changes.reword(s, "tredje", "Tre\u202edje"), "U+202E"),
        (lambda s: changes.add(s, changes.NewMilestone("blok", "X", "2025")), "no focus area 'blok'"),
        (
            lambda s: changes.add(s, changes.NewMilestone("block", "X", "2025", id="forsta")),
            "already a milestone forsta",
        ),
        (lambda s: changes.add(s, changes.NewMilestone("block", "X", "2025", id="Bad Id")), "is not an id"),
        (
            lambda s: changes.add(s, changes.NewMilestone("block", "X", "2025", owners=["hs"])),
            "no owner 'hs'",
        ),
        (
            lambda s: changes.add(s, changes.NewMilestone("block", "X", "2025", depends_on=["x"])),
            "no milestone 'x'",
        ),
        (lambda s: changes.add(s, changes.NewMilestone("block", "!!!", "2025")), "cannot make an id"),
        (
            lambda s: changes.new_revision(s, changes.NewRevision("2023", "D", "N", "2024-01-01")),
            "already has a revision 2023",
        ),
        (lambda s: changes.new_revision(s, changes.NewRevision("2024", "D", "N", "2024-13-01")), "as a date"),
        (
            lambda s: changes.new_revision(s, changes.NewRevision("H2", "D", "N", "2024-01-01")),
            "not a revision id",
        ),
    ],
)
def test_what_cannot_be_done_is_refused_with_the_reason(change: Change, message: str, tmp_path: Path) -> None:
    folder = copy(tmp_path, "lf")
    before = unchanged(folder)
    session = Session(folder)
    with pytest.raises(Refused) as refused:
        change(session)
    assert not isinstance(refused.value, Invalid)
    assert message in refused.value.message
    assert unchanged(folder) == before


def test_a_cancelled_milestone_is_not_cancelled_again(tmp_path: Path) -> None:
    folder = copy(tmp_path, "lf")
    session = Session(folder)
    changes.cancel(session, "fjarde", "Inte längre aktuell.")
    session.outcome().write()
    with pytest.raises(Refused, match="fjarde is already removed from the plan"):
        changes.cancel(Session(folder), "fjarde", "Igen.")


def test_an_id_made_from_a_title_is_unique_in_the_plan(tmp_path: Path) -> None:
    session = Session(copy(tmp_path, "lf"))
    assert changes.add(session, changes.NewMilestone("flow", "Tredje", "2025")).startswith("tredje-2: added")


def test_an_edit_that_would_add_an_error_is_refused_with_the_findings(tmp_path: Path) -> None:
    folder = copy(tmp_path, "lf")
    before = unchanged(folder)
    session = Session(folder)
    changes.move(session, "forsta", "2026", later=True)  # andra (due 2023–2025) needs forsta
    with pytest.raises(Invalid) as refused:
        session.outcome()
    assert [(f.code, f.about) for f in refused.value.findings] == [("FHS401", ("andra", "forsta"))]
    assert refused.value.findings[0].pos.file.endswith("areas/01-block.yaml")
    assert unchanged(folder) == before


def test_errors_the_plan_already_had_do_not_block_an_edit(tmp_path: Path) -> None:
    folder = copy(tmp_path, "lf")
    block = folder / BLOCK
    block.write_text(block.read_text().replace("      end: 2025", "      end: 2023"), encoding="utf-8")
    session = Session(folder)  # andra now ends before forsta: FHS401 already
    changes.set_status(session, "tredje", seen(Status.planned))
    session.outcome().write()
    assert "status: planned" in block.read_text()


def test_a_plan_that_does_not_load_is_not_edited(tmp_path: Path) -> None:
    folder = copy(tmp_path, "lf")
    (folder / FLOW).write_text("id: flow\nname: [\n", encoding="utf-8")
    with pytest.raises(Invalid, match="does not load") as refused:
        Session(folder)
    assert [f.code for f in refused.value.findings] == ["FHS100"]


def test_a_file_changed_on_disk_during_the_edit_is_not_overwritten(tmp_path: Path) -> None:
    folder = copy(tmp_path, "lf")
    session = Session(folder)
    changes.move(session, "forsta", "2025", later=True)
    outcome = session.outcome()
    (folder / BLOCK).write_text("# someone else's edit\n", encoding="utf-8")
    with pytest.raises(Refused, match="changed on disk"):
        outcome.write()
    assert (folder / BLOCK).read_text() == "# someone else's edit\n"


def test_the_dry_run_diff_names_every_changed_file_as_git_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = copy(tmp_path, "lf")
    monkeypatch.chdir(folder)
    session = Session(Path("."))
    changes.new_revision(session, changes.NewRevision("2024", "D-1", "Nämnden", "2024-02-15"))
    changes.move(session, "forsta", "2025", later=True)
    diff = session.outcome().diff()
    assert [line for line in diff.splitlines() if line.startswith(("---", "+++"))] == [
        f"--- a/{PLAN}", f"+++ b/{PLAN}", f"--- a/{BLOCK}", f"+++ b/{BLOCK}",
    ]  # fmt: skip
    assert "-    due: 2024   # as the table says\n+    due: 2025   # as the table says\n" in diff
    assert "+        revision: 2024\n" in diff
