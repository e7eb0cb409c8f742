"""Output that cannot be written ends with one line and exit 2, never a traceback (issue #10, item 8):
a full disk (`> /dev/full`), a closed pipe (`| head -1`, quietly) and a closed stdout (`>&-`)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from conftest import DEMO, ROOT, fhsplan_command

COMMANDS = {
    "list": ["list", "-p", str(DEMO)],
    "map": ["map", "-p", str(DEMO)],
    "show-json": ["show", "handlingsplan-beslutad", "-p", str(DEMO), "-f", "json"],
    "validate": ["validate", str(DEMO)],
    "validate-github": ["validate", str(DEMO), "-f", "github"],
    "export-csv": ["export", "-p", str(DEMO), "-f", "csv"],
    "graph-dot": ["graph", "-p", str(DEMO)],
    "report-md": ["report", "-p", str(DEMO), "-f", "md"],
    "version": ["--version"],
    "help": ["--help"],
}


def run_to(stdout: int, args: list[str]) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "80"}
    return subprocess.run(
        [*fhsplan_command(), *args], stdout=stdout, stderr=subprocess.PIPE, text=True, cwd=ROOT, env=env,
        timeout=60, check=False,
    )  # fmt: skip


@pytest.mark.parametrize("args", list(COMMANDS.values()), ids=list(COMMANDS))
def test_a_full_disk_is_one_line_and_exit_2(args: list[str]) -> None:
    with open("/dev/full", "w") as full:
        done = run_to(full.fileno(), args)
    assert (done.returncode, done.stderr) == (
        2,
        "fhsplan: cannot write the output: No space left on device\n",
    )


TYPERS_OWN = ("version", "help")  # typer writes these itself, inside its own handling of a closed pipe


@pytest.mark.parametrize(
    "args",
    [a for n, a in COMMANDS.items() if n not in TYPERS_OWN],
    ids=[n for n in COMMANDS if n not in TYPERS_OWN],
)
def test_a_closed_pipe_ends_quietly(args: list[str]) -> None:
    read, write = os.pipe()
    os.close(read)  # the reader has gone before the first byte, as `| head -1` after its line
    try:
        done = run_to(write, args)
    finally:
        os.close(write)
    assert (done.returncode, done.stderr) == (2, "")


@pytest.mark.parametrize("name", TYPERS_OWN)
def test_help_and_version_into_a_closed_pipe_end_quietly_too(name: str) -> None:
    # typer ends a closed pipe under its own output its own way (exit 1); it must stay quiet.
    read, write = os.pipe()
    os.close(read)
    try:
        done = run_to(write, COMMANDS[name])
    finally:
        os.close(write)
    assert done.returncode in (1, 2) and done.stderr == ""


def test_a_closed_stdout_is_one_line_and_exit_2(tmp_path: Path) -> None:
    done = subprocess.run(
        [*fhsplan_command(), *COMMANDS["list"]], stdin=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        cwd=ROOT, check=False, pass_fds=(), close_fds=True, preexec_fn=lambda: os.close(1),
    )  # fmt: skip
    assert (done.returncode, done.stderr) == (
        2,
        "fhsplan: cannot write the output: standard output is closed\n",
    )
