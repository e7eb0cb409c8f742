"""Time `fhsplan validate` as whole processes on synthetic plans, beside check-jsonschema.

    python benchmarks/bench_validate.py [--sizes 1000 10000 50000] [--repeat 3] [--jsonschema-max 10000]

Each run is a fresh process (interpreter start included), timed by wall clock; peak memory is the
child's maximum resident set size. check-jsonschema validates the same files against the schemas
that `fhsplan schema` exports: the schema-only check a team would otherwise put in CI.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BIN = Path(sys.executable).parent
sys.path.insert(0, str(HERE))

from make_plan import write_plan  # noqa: E402


def timed(cmd: list[str]) -> tuple[float, float, int]:
    """Wall seconds, peak RSS of the child in MiB, and exit code of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    wall = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{cmd[0]} failed ({proc.returncode}): {proc.stderr.decode()[-500:]}")
    return wall, max(peak, before) / 1024, proc.returncode


def measure(cmd: list[str], repeat: int) -> tuple[float, float, int]:
    runs = [timed(cmd) for _ in range(repeat)]
    return statistics.median(r[0] for r in runs), max(r[1] for r in runs), runs[-1][2]


def fhsplan_cmd(folder: Path) -> list[str]:
    return [str(BIN / "fhsplan"), "validate", str(folder), "--as-of", "2022-01-01"]


def jsonschema_cmds(folder: Path) -> list[list[str]]:
    tool = str(BIN / "check-jsonschema")
    areas = sorted(str(p) for p in (folder / "areas").glob("*.yaml"))
    return [
        [tool, "--schemafile", str(ROOT / "schemas" / "plan.schema.json"), str(folder / "plan.yaml")],
        [tool, "--schemafile", str(ROOT / "schemas" / "area.schema.json"), *areas],
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 50000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--jsonschema-max", type=int, default=10000, help="largest size to run check-jsonschema on"
    )
    parser.add_argument("--out", type=Path, default=HERE / "out")
    args = parser.parse_args()

    print(f"{'plan':>12} {'fhsplan s':>10} {'MiB':>6} {'check-jsonschema s':>19} {'ratio':>6}")
    embedded = ROOT / "plan" / "skane-fhs"
    if embedded.is_dir():
        wall, mib, code = measure([str(BIN / "fhsplan"), "validate", str(embedded)], args.repeat * 3)
        print(f"{'skane-fhs':>12} {wall:10.3f} {mib:6.0f} {'':>19} {'':>6}  (exit {code})")
    results = {}
    for size in args.sizes:
        folder = args.out / f"plan-{size}"
        if folder.exists():
            shutil.rmtree(folder)
        write_plan(folder, size)
        wall, mib, code = measure(fhsplan_cmd(folder), args.repeat)
        results[size] = wall
        other = ""
        ratio = ""
        if size <= args.jsonschema_max and shutil.which("check-jsonschema", path=str(BIN)):
            start = time.perf_counter()
            for cmd in jsonschema_cmds(folder):
                timed(cmd)
            js = time.perf_counter() - start
            other, ratio = f"{js:19.2f}", f"{js / wall:6.1f}"
        print(f"{size:>12} {wall:10.3f} {mib:6.0f} {other:>19} {ratio:>6}  (exit {code})", flush=True)
    if 10000 in results and 50000 in results:
        print(f"growth 50k/10k: {results[50000] / results[10000]:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
