"""Time fhsplan's start-up in each language: does the Swedish catalogue cost anything? (issue #15)

    python benchmarks/bench_startup.py [--repeat 21]

Runs `fhsplan --help` and `fhsplan validate --plan skane-fhs` (the embedded plan, as of a fixed
date) as fresh processes, interleaved, with FHSPLAN_LANG=en (no catalogue is opened) and
FHSPLAN_LANG=sv (the compiled catalogue is read and every message goes through it), and prints the
median wall time of each with its quartiles, and the difference. Beside them, the catalogue alone:
`python -c "import fhsplan.i18n"` against the same with the Swedish catalogue opened and one
message looked up, interleaved the same way.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

FHSPLAN = str(Path(sys.executable).parent / "fhsplan")
CASES = {
    "fhsplan --help": [FHSPLAN, "--help"],
    "fhsplan validate (embedded plan)": [FHSPLAN, "validate", "--plan", "skane-fhs", "--as-of", "2024-06-30"],
}
# The catalogue alone: (without, with), in one process each.
PROBE = (
    [sys.executable, "-c", "import fhsplan.i18n"],
    [sys.executable, "-c", "import fhsplan.i18n as i; i.use('sv'); i._('done')"],
)


def wall(command: list[str], language: str) -> float:
    env = {**os.environ, "FHSPLAN_LANG": language, "NO_COLOR": "1", "COLUMNS": "80"}
    start = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, check=False)
    seconds = time.perf_counter() - start
    if done.returncode not in (0, 1):  # validate exits 1 with warnings only under --strict
        raise SystemExit(f"{' '.join(command)} failed ({done.returncode}): {done.stderr.decode()[-400:]}")
    return seconds


def summary(times: list[float]) -> str:
    q1, median, q3 = statistics.quantiles(times, n=4)
    return f"{median * 1000:6.1f} ms ({q1 * 1000:.1f}–{q3 * 1000:.1f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=21)
    args = parser.parse_args()
    for name, command in CASES.items():
        times: dict[str, list[float]] = {"en": [], "sv": []}
        for language in ("en", "sv"):  # warm-up, not counted
            wall(command, language)
        for _ in range(args.repeat):
            for language in ("en", "sv"):  # interleaved, so a busy moment hits both alike
                times[language].append(wall(command, language))
        delta = statistics.median(times["sv"]) - statistics.median(times["en"])
        print(
            f"{name:34} en {summary(times['en'])}   sv {summary(times['sv'])}   sv−en {delta * 1000:+.1f} ms"
        )
    probe: dict[int, list[float]] = {0: [], 1: []}
    for _ in range(args.repeat):
        for index in (0, 1):
            probe[index].append(wall(PROBE[index], "en"))
    delta = statistics.median(probe[1]) - statistics.median(probe[0])
    print(
        f"{'import fhsplan.i18n (+ catalogue)':34} without {summary(probe[0])}   with {summary(probe[1])}"
        f"   difference {delta * 1000:+.1f} ms"
    )


if __name__ == "__main__":
    main()
