"""Time `fhsplan validate` as whole processes on synthetic plans, beside check-jsonschema and libyaml.

    python benchmarks/bench_validate.py [--sizes 1000 10000 50000] [--repeat 3] [--jsonschema-max 10000]
                                        [--src DIR] [--no-embedded]

Every run pins `--as-of`: once at a date before any milestone is due (the synthetic plan then has no
findings) and once at a date by which three eighths of its milestones are overdue (FHS403 warnings,
as a real plan has). Each run is a fresh process timed by wall clock, with the child's own peak
resident set size; the median of `--repeat` runs is shown with their range, after a warm-up run.
check-jsonschema validates the same files against the schemas that `fhsplan schema` exports: the
schema-only check a team would otherwise put in CI. The floor is libyaml on the same files, in this process with the
collector paused: its event stream alone, and its composer building PyYAML's node graph (CPU
time, which other processes on the machine disturb less than wall time; it is shown for the runs
too).

`--src DIR` times the fhsplan source in DIR/src (another revision: `git archive REV | tar -x -C DIR`)
with this interpreter and its installed dependencies. POSIX only (the peak RSS comes from wait4).
"""

from __future__ import annotations

import argparse
import gc
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BIN = Path(sys.executable).parent
sys.path.insert(0, str(HERE))

from make_plan import write_plan  # noqa: E402

CLEAN_AS_OF = "2020-01-01"  # before the synthetic plan's first due year, 2023
LATE_AS_OF = "2026-01-01"  # what was due 2023-2025 and is not done is overdue
SUMMARY = re.compile(r"([\d,]+) errors?, ([\d,]+) warnings?")  # "3,752 warnings"


@dataclass
class Run:
    """Repeated runs of one command: median wall and CPU time, largest peak RSS, findings."""

    wall: float
    cpu: float
    mib: float
    findings: int | None = None
    low: float = 0.0
    high: float = 0.0


def timed(cmd: list[str], env: dict[str, str]) -> tuple[float, float, float, str]:
    """Wall seconds, CPU seconds, the child's own peak RSS in MiB, and its standard output."""
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=err, env=env)
        assert proc.stdout is not None
        out = proc.stdout.read()
        # wait4, not RUSAGE_CHILDREN: that one is the largest of all children so far.
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        proc.stdout.close()
        if proc.returncode not in (0, 1):
            err.seek(0)
            raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}): {err.read().decode()[-500:]}")
    cpu = usage.ru_utime + usage.ru_stime  # less disturbed than wall time by other processes
    return wall, cpu, usage.ru_maxrss / 1024, out.decode("utf-8", "replace")


def measure(cmd: list[str], repeat: int, env: dict[str, str], warm: bool = True) -> Run:
    """The median of `repeat` runs, after a warm-up run (file cache, bytecode caches)."""
    if warm:
        timed(cmd, env)
    runs = [timed(cmd, env) for _ in range(repeat)]
    match = SUMMARY.search(runs[-1][3])
    findings = sum(int(g.replace(",", "")) for g in match.groups()) if match else None
    wall, cpu = statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)
    low, high = min(r[0] for r in runs), max(r[0] for r in runs)
    return Run(wall, cpu, max(r[2] for r in runs), findings, low, high)


def plan_files(folder: Path) -> list[Path]:
    return [folder / "plan.yaml", *sorted((folder / "areas").glob("*.yaml"))]


def floor(folder: Path, repeat: int) -> tuple[float, float]:
    """Seconds for libyaml's events alone and for its composer, over the plan's files (GC paused)."""
    texts = [p.read_text(encoding="utf-8") for p in plan_files(folder)]

    def events() -> None:
        for text in texts:
            parser = yaml.CSafeLoader(text)
            get = parser.get_event
            while get() is not None:  # None after the stream's end
                pass
            parser.dispose()

    def compose() -> None:
        for text in texts:
            loader = yaml.CSafeLoader(text)
            loader.get_single_node()
            loader.dispose()

    return _best(events, repeat), _best(compose, repeat)


def _best(work: Callable[[], None], repeat: int) -> float:
    """The median CPU time of `repeat` calls, with the collector paused as fhsplan pauses it."""
    times = []
    gc.collect()
    gc.disable()
    try:
        for _ in range(repeat):
            start = time.process_time()
            work()
            times.append(time.process_time() - start)
    finally:
        gc.enable()
    return statistics.median(times)


def fhsplan_cmd(folder: Path, as_of: str) -> list[str]:
    return [sys.executable, "-m", "fhsplan", "validate", str(folder), "--as-of", as_of]


def jsonschema_time(folder: Path, repeat: int, env: dict[str, str]) -> float:
    """Median wall seconds of check-jsonschema over the plan file and the area files (two runs)."""
    tool = str(BIN / "check-jsonschema")
    areas = [str(p) for p in plan_files(folder)[1:]]
    cmds = [
        [tool, "--schemafile", str(ROOT / "schemas" / "plan.schema.json"), str(folder / "plan.yaml")],
        [tool, "--schemafile", str(ROOT / "schemas" / "area.schema.json"), *areas],
    ]
    return sum(measure(cmd, repeat, env, warm=False).wall for cmd in cmds)


def child_env(src: Path | None) -> dict[str, str]:
    env = dict(os.environ)
    # Installed packages carry compiled bytecode; let the source tree have it too, as after a
    # pip install (some shells here set PYTHONDONTWRITEBYTECODE, which recompiles at each start).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("NO_COLOR", None)
    # The summary line is read back in English, whatever language the plan or the locale says.
    env["FHSPLAN_LANG"] = "en"
    if src is not None:
        env["PYTHONPATH"] = str(src / "src")
    return env


COLUMNS = (
    "plan",
    f"with findings (--as-of {LATE_AS_OF})",
    "findings",
    "peak",
    f"clean (--as-of {CLEAN_AS_OF})",
    "findings",
    "peak",
    "check-jsonschema",
    "ratio",
    "libyaml events (CPU)",
    "libyaml compose (CPU)",
    "CPU with findings / compose",
)


def _seconds(run: Run) -> str:
    return f"{run.wall:.2f} s ({run.low:.2f}-{run.high:.2f}; CPU {run.cpu:.2f} s)"


def row(name: str, late: Run, clean: Run, js: float | None, floors: tuple[float, float]) -> str:
    """One Markdown table row."""
    cells = [
        name,
        _seconds(late),
        f"{late.findings or 0:,}",
        f"{late.mib:.0f} MiB",
        _seconds(clean),
        f"{clean.findings or 0:,}",
        f"{clean.mib:.0f} MiB",
        f"{js:.1f} s" if js is not None else "",
        f"{js / late.wall:.1f}x" if js is not None else "",
        f"{floors[0]:.2f} s",
        f"{floors[1]:.2f} s",
        f"{late.cpu / floors[1]:.1f}x",
    ]
    return "| " + " | ".join(cells) + " |"


def main() -> int:
    """Run the benchmark and print one row per plan."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 10000, 50000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--jsonschema-max", type=int, default=10000, help="largest size to run check-jsonschema on"
    )
    parser.add_argument("--src", type=Path, help="time the fhsplan source in SRC/src instead")
    parser.add_argument("--no-embedded", action="store_true", help="skip the embedded plan")
    parser.add_argument("--out", type=Path, default=HERE / "out")
    args = parser.parse_args()
    env = child_env(args.src)

    print("| " + " | ".join(COLUMNS) + " |")
    print("|" + "---|" * len(COLUMNS))
    if not args.no_embedded:
        embedded = ROOT / "plan" / "skane-fhs"
        late = measure(fhsplan_cmd(embedded, LATE_AS_OF), args.repeat * 3, env)
        clean = measure(fhsplan_cmd(embedded, CLEAN_AS_OF), args.repeat * 3, env)
        print(row("embedded skane-fhs", late, clean, None, floor(embedded, args.repeat)), flush=True)
    walls = {}
    for size in args.sizes:
        folder = args.out / f"plan-{size}"
        if folder.exists():
            shutil.rmtree(folder)
        write_plan(folder, size)
        late = measure(fhsplan_cmd(folder, LATE_AS_OF), args.repeat, env)
        clean = measure(fhsplan_cmd(folder, CLEAN_AS_OF), args.repeat, env)
        walls[size] = late.wall, clean.wall
        js = None
        if size <= args.jsonschema_max and (BIN / "check-jsonschema").exists():
            js = jsonschema_time(folder, args.repeat, env)
        print(row(f"{size:,} milestones", late, clean, js, floor(folder, args.repeat)), flush=True)
    if 10000 in walls and 50000 in walls:
        late_growth = walls[50000][0] / walls[10000][0]
        clean_growth = walls[50000][1] / walls[10000][1]
        print(f"growth 50k/10k: {late_growth:.2f}x with findings, {clean_growth:.2f}x clean")
    return 0


if __name__ == "__main__":
    sys.exit(main())
