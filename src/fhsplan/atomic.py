"""Writing `-o` files: a reader sees the old file or the new one, and nothing that is not a file is replaced.

What the output path names decides how it is written (issue #10):

- a regular file, or nothing yet: a temporary file beside it, flushed to disk and renamed over it.
  The new file keeps the old one's permission bits but never setuid, setgid or sticky; a hard
  link to the old file keeps the old content.
- a descriptor of this process (`/dev/stdout`, `/dev/fd/N`, `/proc/self/fd/N`): written to that
  descriptor as it is, so `-o /dev/stdout >> log` appends and a pipe or socket works.
- a character device (`/dev/null`, a terminal) or a FIFO, also through symbolic links: opened
  and written in place, as the shell's `>` would. Renaming a file over it would replace the device
  node itself (as root, `-o /dev/null` would break the system's).
- a block device, a socket, a directory: refused. A picture written over a disk is never meant.
- a symbolic link to a regular file (or to nothing): refused. Writing through it would let a link
  checked out from a pull request send an export, whose lines may start with plan text, into
  ~/.bashrc or ~/.ssh/authorized_keys; replacing it would silently undo someone's link. The
  message says to name the target instead.

SIGTERM and SIGHUP during the write remove the temporary file, then take their previous course;
SIGINT already does through KeyboardInterrupt. An ignored signal (nohup) stays ignored.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import signal
import stat
import tempfile
import threading
from collections.abc import Iterator, Mapping
from pathlib import Path
from types import FrameType

from fhsplan.i18n import _

# Paths that name a descriptor of the process that opens them (or of the process with that pid).
_DESCRIPTOR = re.compile(r"/(?:dev/fd|proc/(self|thread-self|\d+)(?:/task/\d+)?/fd)/(\d+)")
_STANDARD = {"/dev/stdin": 0, "/dev/stdout": 1, "/dev/stderr": 2}
_MAX_LINKS = 40  # as the kernel's own limit on a chain of symbolic links
_GUARDED = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))


class Unwritable(OSError):
    """The output path names something fhsplan does not replace; `strerror` says what and why."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(errno.EINVAL, reason, str(path))


def write_bytes(path: Path, data: bytes) -> None:
    """Write `data` to `path` as the module docstring describes: atomically where it is a file."""
    descriptor = _own_descriptor(path)
    if descriptor is not None:
        _write_all(descriptor, data)
        return
    try:
        target = os.stat(path)
    except FileNotFoundError:
        target = None
    if target is not None and not stat.S_ISREG(target.st_mode):
        _write_special(path, target.st_mode, data)
        return
    if path.is_symlink():
        if target is None:
            raise Unwritable(path, _("it is a symbolic link to a missing file; name the file itself"))
        raise Unwritable(
            path,
            _("it is a symbolic link to {target}; name the file itself").format(
                target=os.path.realpath(path)
            ),
        )
    _replace(path, data, _mode_for(target))


def write_text(path: Path, text: str) -> None:
    """`write_bytes` for UTF-8 text."""
    write_bytes(path, text.encode("utf-8"))


def replace_files(files: Mapping[Path, bytes]) -> None:
    """Replace several regular files all or nothing: every new content is written and flushed to a
    temporary file beside its target first, and only then are they renamed into place.

    An edit of a plan changes several files that must agree (issue #14). A failure before the
    renames leaves every file as it was; the renames themselves do not fail between two files of
    one folder short of a crash. Links and anything that is not a regular file are refused.
    """
    for path in files:
        _check_replaceable(path)
    temporary: list[tuple[str, Path]] = []
    with _signals_raise():
        try:
            for path, data in files.items():
                temporary.append((_temporary(path, data, _mode_for(_stat(path))), path))
            for tmp, path in temporary:
                os.replace(tmp, path)
        except BaseException:
            for tmp, _ in temporary:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(tmp)
            raise


def _check_replaceable(path: Path) -> None:
    if path.is_symlink():
        raise Unwritable(
            path,
            _("it is a symbolic link to {target}; edit the file itself").format(
                target=os.path.realpath(path)
            ),
        )
    target = _stat(path)
    if target is not None and not stat.S_ISREG(target.st_mode):
        raise Unwritable(path, _("it is not a regular file"))


def _stat(path: Path) -> os.stat_result | None:
    try:
        return os.stat(path)
    except FileNotFoundError:
        return None


def _own_descriptor(path: Path) -> int | None:
    """The descriptor `path` names, following links, when it names one of this process's."""
    current = os.path.abspath(path)
    for _step in range(_MAX_LINKS):
        if current in _STANDARD:
            return _STANDARD[current]
        match = _DESCRIPTOR.fullmatch(current)
        if match:
            owner, number = match.groups()
            ours = owner in (None, "self", "thread-self") or owner == str(os.getpid())
            return int(number) if ours else None
        try:
            link = os.readlink(current)
        except OSError:  # not a link, or not there: an ordinary path
            return None
        current = os.path.normpath(os.path.join(os.path.dirname(current), link))
    return None


def _write_special(path: Path, mode: int, data: bytes) -> None:
    """Write into a character device or FIFO in place; refuse what no picture should overwrite."""
    if stat.S_ISDIR(mode):
        raise Unwritable(path, _("it is a directory"))
    if not (stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)):
        if stat.S_ISBLK(mode):
            said = _("it is a block device; fhsplan writes files, terminals, pipes and /dev/null")
        elif stat.S_ISSOCK(mode):
            said = _("it is a socket; fhsplan writes files, terminals, pipes and /dev/null")
        else:
            said = _("it is not a file; fhsplan writes files, terminals, pipes and /dev/null")
        raise Unwritable(path, said)
    # No O_CREAT: if the device vanished in between, fail rather than create a file in /dev.
    fd = os.open(path, os.O_WRONLY | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        _write_all(fd, data)
    finally:
        os.close(fd)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _replace(path: Path, data: bytes, mode: int) -> None:
    """Write to a temporary file beside `path`, flush it to disk, then rename it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with _signals_raise():
        tmp = _temporary(path, data, mode)
        try:
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
            raise


def _temporary(path: Path, data: bytes, mode: int) -> str:
    """A temporary file beside `path` holding `data`, flushed to disk; removed again if that fails."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        if hasattr(os, "fchmod"):  # mkstemp makes 0600 files; a written map or export should not be private
            os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    return tmp


def _mode_for(existing: os.stat_result | None) -> int:
    """An existing file's permission bits without setuid, setgid or sticky; else 0666 less the umask."""
    if existing is not None:
        return existing.st_mode & 0o777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


class _Terminated(BaseException):
    """A guarded signal arrived while a temporary file existed."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


@contextlib.contextmanager
def _signals_raise() -> Iterator[None]:
    """Within the block SIGTERM and SIGHUP raise, so cleanup runs; afterwards each acts as before.

    Only the main thread can set handlers; elsewhere the block runs unguarded.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous: dict[int, signal._HANDLER] = {s: signal.getsignal(s) for s in _GUARDED}
    # An ignored signal stays ignored (nohup); a handler installed outside Python is left alone.
    guarded = [s for s, handler in previous.items() if handler not in (signal.SIG_IGN, None)]

    def terminated(signum: int, frame: FrameType | None) -> None:
        for other in guarded:  # a second signal must not interrupt the cleanup of the first
            signal.signal(other, signal.SIG_IGN)
        raise _Terminated(signum)

    for signum in guarded:
        signal.signal(signum, terminated)
    try:
        yield
    except _Terminated as exc:
        _restore(previous, guarded)
        guarded = []
        signal.raise_signal(exc.signum)  # by default this ends the process, as the signal meant to
        name = signal.Signals(exc.signum).name
        raise InterruptedError(errno.EINTR, _("interrupted by {signal}").format(signal=name)) from None
    finally:
        _restore(previous, guarded)


def _restore(previous: dict[int, signal._HANDLER], guarded: list[int]) -> None:
    for signum in guarded:
        signal.signal(signum, previous[signum])
