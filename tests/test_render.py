"""Finding and running the layout program: system dot, the bundled graphviz-pure, or a clear error."""

from __future__ import annotations

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


def test_timeout_is_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FHSPLAN_RENDER_TIMEOUT", "0.001")
    path = render.bundled_executable()
    assert path is not None
    big = "digraph {" + " ".join(f"n{i} -> n{i + 1};" for i in range(3000)) + "}"
    with pytest.raises(render.RenderError, match="took longer than"):
        render.render(big, "svg", 10, render.Renderer(path, "bundled"))


def test_renderer_failure_shows_its_first_error() -> None:
    path = render.bundled_executable()
    assert path is not None
    with pytest.raises(render.RenderError, match="failed"):
        render.render("digraph { a -> }", "svg", 1, render.Renderer(path, "bundled"))
