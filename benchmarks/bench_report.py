"""Time `fhsplan report` on the embedded plan as whole processes, and its stages in one process.

    python benchmarks/bench_report.py [--repeat 5] [--plan PLAN]

Each command run is a fresh process (interpreter start included), timed by wall clock, writing the
report to a temporary file; the median is reported. The stages (load, build, draw the map, render)
are timed in this process after a warm-up run, so imports are not counted there.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

BIN = Path(sys.executable).parent


def wall(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def stage(name: str, run: Callable[[], object], repeat: int) -> object:
    """Run `run` `repeat` times, print its median time, return its last result."""
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - start)
    print(f"  {name:<22} {statistics.median(times) * 1000:7.1f} ms")
    return result


def stages(plan_name: str | None, repeat: int) -> None:
    from fhsplan.drawing import draw
    from fhsplan.loader import load_plan, resolve_plan
    from fhsplan.plan import Plan
    from fhsplan.views import report_html, report_md
    from fhsplan.views.graph import Selection
    from fhsplan.views.report import Report, build_report

    folder = Path(resolve_plan(plan_name))
    load = stage("load and index", lambda: load_plan(folder).plan, repeat)
    assert isinstance(load, Plan)
    plan: Plan = load
    content = stage("build the report", lambda: build_report(plan, _dt.date(2024, 6, 30)), repeat)
    assert isinstance(content, Report)
    svg = stage("draw the map (svg)", lambda: draw(plan, Selection(), "map", "svg").decode(), repeat)
    stage("render html", lambda: report_html.render(content, str(svg)), repeat)
    stage("render markdown", lambda: report_md.render(content), repeat)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--plan", default=None, help="Plan name or folder. Default: the embedded plan.")
    args = parser.parse_args()
    plan = ["--plan", args.plan] if args.plan else []
    with tempfile.TemporaryDirectory() as tmp:
        for fmt in ("html", "md"):
            cmd = [str(BIN / "fhsplan"), "report", *plan, "-f", fmt, "-o", str(Path(tmp) / f"r.{fmt}")]
            runs = [wall(cmd) for _ in range(args.repeat)]
            print(f"fhsplan report -f {fmt}: median {statistics.median(runs):.2f} s, "
                  f"range {min(runs):.2f}–{max(runs):.2f} s over {args.repeat} runs")  # fmt: skip
    print("stages, in one process (median):")
    stages(args.plan, args.repeat)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
