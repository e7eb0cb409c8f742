"""Finding and running the layout program: system dot, the bundled graphviz-pure, or a clear error."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import MINI
from fhsplan import render
from fhsplan.cli import app

SMALL = 'digraph { a [label="Hälsa åäö"]; a -> b }'


def test_bundled_renderer_is_installed_and_draws_svg() -> None:
    path = render.bundled_executable()
    assert path is not None
    svg = render.render(SMALL, "svg", 2, render.Renderer(path, "bundled"))
    assert "Hälsa åäö" in svg.decode("utf-8")


def test_override_names_the_bundled_program(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(render.OVERRIDE, "graphviz-pure")
    found = render.find_renderer()
    assert found is not None and found.kind == "bundled"


def test_system_dot_wins_over_bundled(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(render.OVERRIDE, raising=False)
    monkeypatch.setattr("fhsplan.render.shutil.which", lambda name: "/usr/bin/dot" if name == "dot" else None)
    assert render.find_renderer() == render.Renderer("/usr/bin/dot", "system")


def test_without_dot_on_path_the_bundled_one_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(render.OVERRIDE, raising=False)
    monkeypatch.setenv("PATH", "")
    found = render.find_renderer()
    assert found is not None and found.kind == "bundled"


def no_renderer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(render.OVERRIDE, raising=False)
    monkeypatch.setattr("fhsplan.render.shutil.which", lambda name: None)
    monkeypatch.setattr(render, "bundled_executable", lambda: None)


def test_no_renderer_is_one_clear_line_exit_2(monkeypatch: pytest.MonkeyPatch) -> None:
    no_renderer(monkeypatch)
    result = CliRunner().invoke(app, ["graph", "-p", str(MINI), "-f", "svg"])
    assert result.exit_code == 2
    assert result.output.strip().count("\n") == 0 and "pip install graphviz-pure" in result.output


def test_no_renderer_still_writes_dot_and_mermaid(monkeypatch: pytest.MonkeyPatch) -> None:
    no_renderer(monkeypatch)
    for fmt in ("dot", "mermaid"):
        assert CliRunner().invoke(app, ["graph", "-p", str(MINI), "-f", fmt]).exit_code == 0


def test_huge_graphs_are_refused() -> None:
    with pytest.raises(render.RenderError, match="more than the 1500"):
        render.render(SMALL, "svg", render.MAX_NODES + 1)


@pytest.mark.parametrize("value", ["inf", "-inf", "nan", "1e400", "-5", "0", "abc", "1e6", "60s", "\x1b[2J"])
def test_bad_timeout_is_a_clear_error(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("FHSPLAN_RENDER_TIMEOUT", value)
    path = render.bundled_executable()
    assert path is not None
    with pytest.raises(
        render.RenderError, match="FHSPLAN_RENDER_TIMEOUT must be a number of seconds"
    ) as raised:
        render.render(SMALL, "svg", 2, render.Renderer(path, "bundled"))
    assert repr(value) in str(raised.value) and "\x1b" not in str(raised.value)


@pytest.mark.parametrize(
    ("value", "seconds"), [(None, 60.0), ("", 60.0), ("2.5", 2.5), (" 5 ", 5.0), ("86400", 86400.0)]
)
def test_sane_timeout_is_used(monkeypatch: pytest.MonkeyPatch, value: str | None, seconds: float) -> None:
    if value is None:
        monkeypatch.delenv("FHSPLAN_RENDER_TIMEOUT", raising=False)
    else:
        monkeypatch.setenv("FHSPLAN_RENDER_TIMEOUT", value)
    assert render._timeout() == seconds


def test_bad_timeout_exits_2_in_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FHSPLAN_RENDER_TIMEOUT", "inf")
    result = CliRunner().invoke(app, ["graph", "-p", str(MINI), "-f", "svg"])
    assert result.exit_code == 2 and isinstance(result.exception, SystemExit)
    assert result.output.count("\n") == 1 and "FHSPLAN_RENDER_TIMEOUT must be a number" in result.output


# A renderer that starts a child of its own and hangs, as a wedged plugin or wrapper script would.
_HANGING = """#!{python}
import subprocess, sys, time
child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
with open({pidfile!r}, "w") as handle:
    handle.write(str(child.pid))
time.sleep(600)
"""


def gone(pid: int) -> bool:
    """Whether `pid` has ended: no such process, or a zombie (a container's init may not reap it)."""
    try:
        with open(f"/proc/{pid}/stat") as handle:
            return handle.read().rpartition(")")[2].split()[0] in ("Z", "X")
    except FileNotFoundError:
        return True


def wait_until_gone(pid: int) -> bool:
    for _ in range(1000):  # SIGKILL is quick; this only bounds a broken test
        if gone(pid):
            return True
        time.sleep(0.01)
    return False


@dataclass
class Hanging:
    """A hanging renderer, the file its child's pid appears in, and the processes it was started as."""

    renderer: render.Renderer
    pidfile: Path
    started: list[subprocess.Popen[bytes]] = field(default_factory=list)
    interrupt: bool = False  # Ctrl-C instead of the timeout

    def child(self) -> int:
        return int(self.pidfile.read_text())


@pytest.fixture
def hanging(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Hanging]:
    script = tmp_path / "hanging-dot"
    pidfile = tmp_path / "child.pid"
    script.write_text(_HANGING.format(python=sys.executable, pidfile=str(pidfile)))
    script.chmod(0o755)
    hung = Hanging(render.Renderer(str(script), "override"), pidfile)

    class ChildFirst(subprocess.Popen):  # type: ignore[type-arg]
        # The timeout starts once the child exists, so the test never races the renderer's start.
        def communicate(self, input: Any = None, timeout: float | None = None) -> Any:
            hung.started.append(self)
            for _ in range(3000):
                if pidfile.exists() and pidfile.read_text():
                    break
                time.sleep(0.01)
            if hung.interrupt:
                raise KeyboardInterrupt
            return super().communicate(input, timeout)

    monkeypatch.setattr("fhsplan.render.subprocess.Popen", ChildFirst)
    yield hung
    if pidfile.exists() and not gone(hung.child()):  # the fix is broken: do not leave it running
        os.kill(hung.child(), signal.SIGKILL)


def test_timeout_kills_the_renderer_and_its_children(
    hanging: Hanging, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FHSPLAN_RENDER_TIMEOUT", "0.2")
    with pytest.raises(render.RenderError, match=r"took longer than 0\.2 s; narrow the selection"):
        render.render(SMALL, "svg", 2, hanging.renderer)
    assert wait_until_gone(hanging.child()) and hanging.started[0].returncode == -signal.SIGKILL


def test_interrupt_kills_the_renderer_and_its_children(hanging: Hanging) -> None:
    # The renderer has a session of its own, so the terminal's Ctrl-C reaches only fhsplan.
    hanging.interrupt = True
    with pytest.raises(KeyboardInterrupt):
        render.render(SMALL, "svg", 2, hanging.renderer)
    assert wait_until_gone(hanging.child()) and hanging.started[0].returncode == -signal.SIGKILL


def test_renderer_failure_shows_its_first_error() -> None:
    path = render.bundled_executable()
    assert path is not None
    with pytest.raises(render.RenderError, match="failed"):
        render.render("digraph { a -> }", "svg", 1, render.Renderer(path, "bundled"))
