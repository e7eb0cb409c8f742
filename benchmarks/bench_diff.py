"""Time `fhsplan diff` and `fhsplan export` as whole processes on large synthetic plans (issue #13).

    python benchmarks/bench_diff.py [--repeat 3] [--src DIR] [--only diff-10k files-5000 export-10k]

Three cases, each in a throwaway git repository under `--out`:

- diff-10k: the 10,000-milestone plan of `make_plan.py`, then a commit that makes 100 changes
  (25 each: status set to done, title reworded, due postponed a year, an effect reworded);
  `fhsplan diff HEAD~1 HEAD` in each format.
- files-5000: a plan of 5,000 area files (two milestones each), then a commit that changes
  nothing in it; `fhsplan diff HEAD~1 HEAD`.
- export-10k: `fhsplan export` of the 10,000-milestone plan, as JSON and as CSV.

Every run is a fresh process with `--as-of` pinned; the median of `--repeat` runs after a warm-up
run, with their range. `--src DIR` times the fhsplan source in DIR/src (another revision:
`git archive REV | tar -x -C DIR`), as bench_validate.py does.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_validate import Run, child_env, measure  # noqa: E402
from make_plan import write_plan  # noqa: E402

AS_OF = "2026-01-01"
PLAN = "plan/syntetisk"
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Bench",
    "GIT_AUTHOR_EMAIL": "bench@example.org",
    "GIT_COMMITTER_NAME": "Bench",
    "GIT_COMMITTER_EMAIL": "bench@example.org",
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_CONFIG_GLOBAL": os.devnull,
}


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, env={**os.environ, **GIT_ENV}, check=True, capture_output=True)


def committed(repo: Path, message: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "--allow-empty", "-m", message)


def fresh_repo(folder: Path, milestones: int, areas: int) -> Path:
    """A git repository under `folder` holding a synthetic plan, committed once."""
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    git(folder, "init", "-q", "-b", "main")
    write_plan(folder / PLAN, milestones, areas=areas)
    committed(folder, "synthetic plan")
    return folder


_BLOCK = re.compile(r"^  - id: (m\d{6})\n(?:    .*\n|      .*\n)*", re.MULTILINE)


def hundred_changes(plan: Path) -> int:
    """Change 100 milestones spread over the plan, four kinds of change; returns how many."""
    changed = 0
    for path in sorted((plan / "areas").glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        out, last = [], 0
        for match in _BLOCK.finditer(text):
            index = int(match.group(1)[1:])
            block = match.group()
            if index % 100 == 7 and changed < 100:
                block = _changed(block, changed % 4)
                changed += 1
            out += [text[last : match.start()], block]
            last = match.end()
        out.append(text[last:])
        path.write_text("".join(out), encoding="utf-8")
    return changed


def _changed(block: str, kind: int) -> str:
    if kind == 0:
        return re.sub(r"    status: \w+\n", "    status: done\n", block, count=1)
    if kind == 1:
        return re.sub(r"(    title: .*)\n", r"\1 (omformulerad)\n", block, count=1)
    if kind == 2:
        return re.sub(r"    due: (\d+)\n", lambda m: f"    due: {int(m.group(1)) + 1}\n", block, count=1)
    return re.sub(r"(      - text: .*)\n", r"\1 i hela regionen\n", block, count=1)


def fhsplan(*args: str) -> list[str]:
    return [sys.executable, "-m", "fhsplan", *args]


def show(name: str, run: Run, target: str) -> None:
    print(f"| {name} | {run.wall:.2f} s ({run.low:.2f}-{run.high:.2f}) | CPU {run.cpu:.2f} s | "
          f"{run.mib:.0f} MiB | {target} |", flush=True)  # fmt: skip


def in_repo(repo: Path, env: dict[str, str], cmd: list[str], repeat: int, warm: bool) -> Run:
    here = os.getcwd()
    os.chdir(repo)
    try:
        return measure(cmd, repeat, env, warm)
    finally:
        os.chdir(here)


def main() -> int:
    """Build the repositories, run each case and print one Markdown table row per command."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--src", type=Path, help="time the fhsplan source in SRC/src instead")
    parser.add_argument("--only", nargs="*", default=["diff-10k", "files-5000", "export-10k"])
    parser.add_argument("--formats", nargs="*", default=["markdown", "json", "text"])
    parser.add_argument("--out", type=Path, default=HERE / "out")
    parser.add_argument("--no-warm-up", action="store_true", help="no warm-up run (for slow revisions)")
    args = parser.parse_args()
    warm = not args.no_warm_up
    env = {**child_env(args.src), "NO_COLOR": "1", "COLUMNS": "120"}
    print("| case | wall (range) | CPU | peak | target |")
    print("|---|---|---|---|---|")
    if "diff-10k" in args.only or "export-10k" in args.only:
        repo = fresh_repo(args.out / "diff-10k", 10_000, 7)
        if "export-10k" in args.only:
            for fmt in ("json", "csv"):
                cmd = fhsplan("export", "--plan", PLAN, "-f", fmt, "--as-of", "2020-01-01")
                show(f"export 10k -f {fmt}", in_repo(repo, env, cmd, args.repeat, warm), "< 2 s")
        if "diff-10k" in args.only:
            assert hundred_changes(repo / PLAN) == 100
            committed(repo, "100 changes")
            for fmt in args.formats:
                cmd = fhsplan("diff", "HEAD~1", "HEAD", "--plan", PLAN, "-f", fmt, "--as-of", AS_OF)
                show(f"diff 10k, 100 changes, -f {fmt}", in_repo(repo, env, cmd, args.repeat, warm), "< 5 s")
    if "files-5000" in args.only:
        repo = fresh_repo(args.out / "files-5000", 10_000, 5_000)
        (repo / "README.md").write_text("Nothing in the plan changes.\n", encoding="utf-8")
        committed(repo, "not the plan")
        cmd = fhsplan("diff", "HEAD~1", "HEAD", "--plan", PLAN, "-f", "markdown", "--as-of", AS_OF)
        show("diff 5,000 area files, nothing changed", in_repo(repo, env, cmd, args.repeat, warm), "< 10 s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
