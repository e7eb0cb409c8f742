"""Finding and running a Graphviz layout program: the system `dot`, else the bundled graphviz-pure.

Issue #5: `pip install fhsplan` alone must render svg and png. The `graphviz-pure` wheel ships a
static `graphviz-pure` executable (a Rust port of Graphviz with dot's flags; svg, png and json, no
pdf). The `graphviz` Python package runs `dot` by name only, so fhsplan runs the program itself.
"""

from __future__ import annotations

import contextlib
import math
import os
import shutil
import signal
import subprocess
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from fhsplan.i18n import N_, _

BUNDLED = "graphviz-pure"
OVERRIDE = "FHSPLAN_DOT"  # a path (or command name) of the layout program to use instead
BUNDLED_FORMATS = frozenset({"svg", "png"})
TIMEOUT = 60.0  # seconds; FHSPLAN_RENDER_TIMEOUT overrides it
TIMEOUT_VARIABLE = "FHSPLAN_RENDER_TIMEOUT"
MAX_TIMEOUT = 86_400.0  # a day: past that a number is a typo, and huge ones overflow the clock
# Graphviz's dot takes about a minute for 5000 nodes; past this the picture is unreadable anyway.
MAX_NODES = 1500
INSTALL_HINT = N_("install Graphviz (https://graphviz.org/download/) or `pip install graphviz-pure`")
DOT_HINT = N_(
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
    """FHSPLAN_RENDER_TIMEOUT in seconds (default TIMEOUT); a value outside (0, MAX_TIMEOUT] is an error."""
    raw = os.environ.get(TIMEOUT_VARIABLE, "")
    if not raw.strip():
        return TIMEOUT
    try:
        value = float(raw)
    except ValueError:
        value = math.nan
    if not 0 < value <= MAX_TIMEOUT:  # also false for nan; inf and 1e400 are above the limit
        shown = repr(raw if len(raw) <= 40 else raw[:40] + "…")
        raise RenderError(
            _("{variable} must be a number of seconds above 0 and at most {limit}, not {value}").format(
                variable=TIMEOUT_VARIABLE, limit=f"{MAX_TIMEOUT:g}", value=shown
            )
        )
    return value


def check_size(nodes: int) -> None:
    """Refuse a picture of more milestones than a layout program draws in reasonable time."""
    if nodes > MAX_NODES:
        raise RenderError(
            _(
                "{nodes} milestones are more than the {limit} fhsplan renders; narrow the selection "
                "(--area, --focus, --from-year/--to-year) or write --format dot and run dot yourself"
            ).format(nodes=nodes, limit=MAX_NODES)
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
        raise RenderError(
            _("{format} needs a Graphviz layout program and none was found; {hint}").format(
                format=fmt, hint=_(INSTALL_HINT)
            )
        )
    if fmt not in renderer.formats:
        raise RenderError(
            _("{format} needs Graphviz's dot (the bundled {bundled} has svg and png only); {hint}").format(
                format=fmt, bundled=BUNDLED, hint=_(DOT_HINT)
            )
        )
    return _run(renderer, source, fmt, engine)


def _run(renderer: Renderer, source: str, fmt: str, engine: tuple[str, ...]) -> bytes:
    timeout = _timeout()
    try:
        # Its own session, so that on a timeout the renderer and whatever it started go together.
        process = subprocess.Popen(
            [renderer.path, *engine, f"-T{fmt}"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, start_new_session=True,
        )  # fmt: skip
    except OSError as exc:
        raise RenderError(
            _("cannot run {program}: {error}; {hint}").format(
                program=renderer.path, error=exc.strerror or exc, hint=_(INSTALL_HINT)
            )
        ) from None
    try:
        stdout, stderr = process.communicate(source.encode("utf-8"), timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill_group(process)
        raise RenderError(
            _("{program} took longer than {seconds} s; narrow the selection").format(
                program=renderer.path, seconds=f"{timeout:g}"
            )
        ) from None
    except BaseException:  # Ctrl-C never reaches a renderer in its own session: end it here
        _kill_group(process)
        raise
    if process.returncode != 0 or not stdout:
        raise RenderError(
            _("{program} failed (exit {code}): {error}").format(
                program=renderer.path, code=process.returncode, error=_first_error(stderr)
            )
        )
    return stdout


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    """Kill the renderer's process group, then reap the renderer.

    The group is killed before the renderer is reaped: until then its pid, which names the group,
    cannot be given to another process.
    """
    if hasattr(os, "killpg"):
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)
    else:
        process.kill()
    process.wait()
    for stream in (process.stdin, process.stdout, process.stderr):
        if stream is not None:
            with contextlib.suppress(OSError):
                stream.close()


def _first_error(stderr: bytes) -> str:
    """The first line of a layout program's complaints that is not a warning."""
    lines = [line.strip() for line in stderr.decode("utf-8", "replace").splitlines() if line.strip()]
    errors = [line for line in lines if not line.lower().startswith("warning")]
    return (errors or lines or ["no output"])[0]
