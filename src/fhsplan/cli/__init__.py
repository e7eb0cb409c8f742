"""The `fhsplan` command line: typer wiring only. Each command lives in a module of this package."""

from __future__ import annotations

import contextlib
import errno
import os
import sys

from fhsplan import i18n


def _asks_for_help(argv: list[str]) -> bool:
    return not argv or "--help" in argv or "-h" in argv


def _plans_language() -> str | None:
    """The `language:` every plan under the nearest plan/ folder states, if they agree; read as
    text, without the loader (help must start fast)."""
    import re
    from pathlib import Path

    here = Path.cwd()
    for folder in (here, *here.parents):
        root = folder / "plan"
        if root.is_dir():
            said = set()
            for meta in sorted(root.glob("*/plan.yaml")):
                with contextlib.suppress(OSError, UnicodeDecodeError):
                    found = re.search(r"^language:\s*['\"]?([a-z]{2})\b", meta.read_text("utf-8"), re.M)
                    said.add(found.group(1) if found else None)
            return said.pop() if len(said) == 1 else None
    return None


# The language is chosen before the commands are defined: their help texts are translated as the
# modules below are imported. A plan's own `language` is followed once the plan is read.
i18n.start(i18n.flag_in(sys.argv[1:]))
if _asks_for_help(sys.argv[1:]):
    i18n.follow_plan(_plans_language())  # no plan is loaded for help: its plan.yaml is peeked at

from fhsplan.cli import diff, edit, followup, graph, init, report, validate, views  # noqa: E402, F401  (each registers its commands)
from fhsplan.cli.app import EXIT_USAGE, OutputError, app  # noqa: E402

# What a write to a full, closed or broken stdout raises. typer and click write --help, --version
# and their usage errors themselves, so these can reach main() as OSError too.
_WRITE_ERRORS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO, errno.EPIPE, errno.EBADF})


def _help_frame() -> None:
    """The panel titles of typer's help in the language spoken, when help is shown in Swedish.

    typer writes them from module constants (`typer.rich_utils`), read when help is drawn; that
    module pulls in rich, so it is only touched when help is asked for. click's "Usage:" and the
    help option's own line are not translatable in the version typer ships.
    """
    import typer.rich_utils as frame

    from fhsplan.i18n import _

    frame.OPTIONS_PANEL_TITLE = _("Options")
    frame.ARGUMENTS_PANEL_TITLE = _("Arguments")
    frame.COMMANDS_PANEL_TITLE = _("Commands")
    frame.DEFAULT_STRING = _("[default: {}]")
    frame.REQUIRED_LONG_STRING = _("[required]")


def main() -> None:
    """Console-script entry point: output that cannot be written ends the run here, never in a
    traceback (issue #10). A closed pipe (`fhsplan list | head -1`) ends quietly, as cat and git
    do: the reader has what it wanted. Anything else (`> /dev/full`) is one line on stderr. Both
    exit 2, an I/O failure."""
    if _asks_for_help(sys.argv[1:]) and i18n.language() != i18n.DEFAULT:
        _help_frame()
    try:
        app()
        code: int | str | None = 0
    except SystemExit as exc:
        code = exc.code
    except OutputError as exc:
        code = _cannot_write(exc.error)
    except OSError as exc:
        if exc.errno not in _WRITE_ERRORS:
            raise
        code = _cannot_write(exc)
    try:
        if sys.stdout is not None:
            sys.stdout.flush()  # what typer echoed itself is still buffered
    except OSError as exc:
        code = _cannot_write(exc)
    sys.exit(code)


def _cannot_write(error: OSError) -> int:
    # Point stdout at /dev/null, so the interpreter's own flush at exit has nowhere to fail again.
    with contextlib.suppress(OSError, ValueError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno() if sys.stdout else 1)
    if not isinstance(error, BrokenPipeError):
        sys.stderr.write(f"fhsplan: cannot write the output: {error.strerror or error}\n")
    return EXIT_USAGE


__all__ = ["app", "main"]
