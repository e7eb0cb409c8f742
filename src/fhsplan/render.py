"""Finding and running a Graphviz layout program: the system `dot`, else the bundled graphviz-pure.

Issue #5: `pip install fhsplan` alone must render svg and png. The `graphviz-pure` wheel ships a
static `graphviz-pure` executable (a Rust port of Graphviz with dot's flags; svg, png and json, no
pdf). The `graphviz` Python package runs `dot` by name only, so fhsplan runs the program itself.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

BUNDLED = "graphviz-pure"
OVERRIDE = "FHSPLAN_DOT"  # a path (or command name) of the layout program to use instead
BUNDLED_FORMATS = frozenset({"svg", "png"})
TIMEOUT = 60.0  # seconds; FHSPLAN_RENDER_TIMEOUT overrides it
# Graphviz's dot takes about a minute for 5000 nodes; past this the picture is unreadable anyway.
MAX_NODES = 1500
INSTALL_HINT = "install Graphviz (https://graphviz.org/download/) or `pip install graphviz-pure`"
DOT_HINT = (
    "install Graphviz (apt-get install graphviz, brew install graphviz, https://graphviz.org/download/)"
)


class RenderError(Exception):
    """Rendering is impossible or failed; the message is one line for the user (exit 2)."""


@dataclass(frozen=True, slots=True)
class Renderer:
    """A layout program and where it came from."""

    path: str
    kind: str  # "override", "system" or "bundled"

    @property
    def formats(self) -> frozenset[str]:
        return BUNDLED_FORMATS if self.kind == "bundled" else frozenset({"svg", "png", "pdf"})


def bundled_executable() -> str | None:
    """The graphviz-pure program installed with its wheel, located through the package's metadata."""
    try:
        files = metadata.distribution(BUNDLED).files or []
    except metadata.PackageNotFoundError:
        return shutil.which(BUNDLED)
    for file in files:
        if Path(str(file)).stem == BUNDLED and Path(str(file)).parent.name in ("bin", "Scripts"):
            path = Path(str(metadata.distribution(BUNDLED).locate_file(file))).resolve()
            if path.is_file():
                return str(path)
    return shutil.which(BUNDLED)


def find_renderer() -> Renderer | None:
    """FHSPLAN_DOT when set, else `dot` on PATH (it has pdf), else the bundled program, else None."""
    override = os.environ.get(OVERRIDE)
    if override:
        found = (bundled_executable() if override == BUNDLED else shutil.which(override)) or override
        return Renderer(found, "bundled" if Path(found).stem == BUNDLED else "override")
    system = shutil.which("dot")
    if system:
        return Renderer(system, "system")
    bundled = bundled_executable()
    return Renderer(bundled, "bundled") if bundled else None


def _timeout() -> float:
    try:
        return float(os.environ.get("FHSPLAN_RENDER_TIMEOUT", TIMEOUT))
    except ValueError:
        return TIMEOUT


def check_size(nodes: int) -> None:
    """Refuse a picture of more milestones than a layout program draws in reasonable time."""
    if nodes > MAX_NODES:
        raise RenderError(
            f"{nodes} milestones are more than the {MAX_NODES} fhsplan renders; narrow the selection "
            "(--area, --focus, --from-year/--to-year) or write --format dot and run dot yourself"
        )


def render(
    source: str, fmt: str, nodes: int, renderer: Renderer | None = None, engine: tuple[str, ...] = ()
) -> bytes:
    """Lay out DOT `source` (showing `nodes` milestones) and return the picture in `fmt`.

    `engine` holds extra layout flags, e.g. ("-Kneato", "-n2") for a graph whose positions are fixed.
    """
    check_size(nodes)
    renderer = renderer or find_renderer()
    if renderer is None:
        raise RenderError(f"{fmt} needs a Graphviz layout program and none was found; {INSTALL_HINT}")
    if fmt not in renderer.formats:
        raise RenderError(
            f"{fmt} needs Graphviz's dot (the bundled {BUNDLED} has svg and png only); {DOT_HINT}"
        )
    return _run(renderer, source, fmt, engine)


def _run(renderer: Renderer, source: str, fmt: str, engine: tuple[str, ...]) -> bytes:
    timeout = _timeout()
    try:
        done = subprocess.run(
            [renderer.path, *engine, f"-T{fmt}"], input=source.encode("utf-8"), capture_output=True, timeout=timeout,
            check=False,
        )  # fmt: skip
    except subprocess.TimeoutExpired:
        raise RenderError(f"{renderer.path} took longer than {timeout:g} s; narrow the selection") from None
    except OSError as exc:
        raise RenderError(f"cannot run {renderer.path}: {exc.strerror or exc}; {INSTALL_HINT}") from None
    if done.returncode != 0 or not done.stdout:
        raise RenderError(f"{renderer.path} failed (exit {done.returncode}): {_first_error(done.stderr)}")
    return done.stdout


def _first_error(stderr: bytes) -> str:
    """The first line of a layout program's complaints that is not a warning."""
    lines = [line.strip() for line in stderr.decode("utf-8", "replace").splitlines() if line.strip()]
    errors = [line for line in lines if not line.lower().startswith("warning")]
    return (errors or lines or ["no output"])[0]
