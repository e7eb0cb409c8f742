"""Time the edit commands and the follow-up worksheet round trip as whole processes (issue #14).

    python benchmarks/bench_edit.py [--repeat 5] [--milestones 10000] [--rows 1000]

Each edit command runs as a fresh process on a fresh copy of the embedded plan (the copy is not
timed), changing the files for real. The worksheet part writes a synthetic plan (make_plan.py),
writes its follow-up sheet for the current revision, fills in `--rows` rows spread over every
focus area (a new status and a comment; every fifth row also a due one year later, where no
milestone depends on it), and times `fhsplan followup apply` on a fresh copy, with and without
`--dry-run`.
"""

from __future__ import annotations

import argparse
import csv
import io
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
FHSPLAN = str(Path(sys.executable).parent / "fhsplan")
sys.path.insert(0, str(HERE))

from make_plan import write_plan  # noqa: E402

EDITS = {
    "revision new": ["revision", "new", "2024", "--decision", "2024-POL000123-001",
                     "--decided-by", "Hälso- och sjukvårdsnämnden", "--date", "2024-02-15"],
    "set": ["set", "samsyn-personcentrerad-vard-vardsamverkan", "--status", "klar", "--comment", "Samsyn uppnådd",
            "--date", "2024-11-30"],
    "postpone": ["postpone", "precisionsmedicinskt-centrum", "--to", "2025"],
    "postpone --dry-run": ["postpone", "precisionsmedicinskt-centrum", "--to", "2025", "--dry-run"],
    "advance": ["advance", "samarbetsform-smarta-bostader", "--to", "2024-Q4"],
    "reword": ["reword", "ai-kompetenscentrum", "--title", "AI-kompetenscentrum är etablerat och i drift"],
    "cancel": ["cancel", "regional-halsoplattform", "--reason", "Ersätts av den nationella plattformen."],
    "add": ["add", "--area", "nara-vard", "--title", "Gemensam uppföljning av nära vård", "--due", "2026"],
    "followup sheet": ["followup", "sheet", "-o", "sheet.csv"],
}  # fmt: skip


def timed(args: list[str], cwd: Path) -> float:
    """Wall seconds of one `fhsplan` process; it must succeed."""
    start = time.perf_counter()
    proc = subprocess.run([FHSPLAN, *args], cwd=cwd, capture_output=True, check=False)
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(
            f"fhsplan {' '.join(args)} failed ({proc.returncode}): {proc.stderr.decode()[-500:]}"
        )
    return wall


def median_on_copies(args: list[str], make: Callable[[Path], Path], repeat: int) -> float:
    """The median wall time of `args`, each run in a fresh copy that `make` sets up (untimed)."""
    runs = []
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as tmp:
            runs.append(timed(args, make(Path(tmp))))
    return statistics.median(runs)


def embedded_copy(tmp: Path) -> Path:
    shutil.copytree(ROOT / "plan" / "skane-fhs", tmp / "plan" / "skane-fhs")
    return tmp


def filled_sheet(sheet: bytes, rows: int, plan_folder: Path) -> bytes:
    """The sheet with `rows` rows filled in, spread evenly over it."""
    sys.path.insert(0, str(ROOT / "src"))
    from fhsplan.loader import load_plan

    plan = load_plan(plan_folder).plan
    assert plan is not None
    records = list(csv.DictReader(io.StringIO(sheet.decode("utf-8-sig"), newline="")))
    step = max(1, len(records) // rows)
    for n, record in enumerate(records[::step][:rows]):
        entry = plan.by_id[record["id"]]
        record.update(new_status="igångsatt" if n % 2 else "klar", comment=f"Uppföljning {n}: enligt plan")
        if n % 5 == 0 and not plan.dependents(entry.id) and entry.last_year is not None:
            record.update(new_status="framflyttad", new_due=str(entry.last_year + 1))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(records[0]), lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(records)
    return out.getvalue().encode("utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--milestones", type=int, default=10000)
    parser.add_argument("--rows", type=int, default=1000)
    args = parser.parse_args()

    print("embedded plan/skane-fhs, median wall seconds:")
    for name, command in EDITS.items():
        wall = median_on_copies([*command, "--plan", "plan/skane-fhs"], embedded_copy, args.repeat)
        print(f"  {name:<20} {wall:6.3f}", flush=True)

    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp) / "synthetic"
        write_plan(base, args.milestones)
        sheet = Path(tmp) / "sheet.csv"
        wall = timed(["followup", "sheet", "--plan", str(base), "-o", str(sheet)], Path(tmp))
        filled = Path(tmp) / "filled.csv"
        filled.write_bytes(filled_sheet(sheet.read_bytes(), args.rows, base))

        def synthetic_copy(work: Path) -> Path:
            shutil.copytree(base, work / "synthetic")
            return work

        apply = ["followup", "apply", str(filled), "--plan", "synthetic", "--date", "2024-11-30"]
        print(f"synthetic plan of {args.milestones} milestones, {args.rows} rows filled in:")
        print(f"  {'followup sheet':<20} {wall:6.3f}")
        for label, extra in (("followup apply", []), ("apply --dry-run", ["--dry-run"])):
            wall = median_on_copies([*apply, *extra], synthetic_copy, max(1, args.repeat // 2))
            print(f"  {label:<20} {wall:6.3f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
