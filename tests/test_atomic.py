"""`-o` writes: whole file or old file, the permissions an ordinary write would give, special files left standing."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import stat
import subprocess
import sys
import tempfile
import textwrap
import threading
from collections.abc import Iterator
from pathlib import Path
from types import FrameType

import pytest
from typer.testing import CliRunner

from conftest import MINI, ROOT
from fhsplan import atomic
from fhsplan.cli import app


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_writes_whole_file_with_umask_mode(tmp_path: Path) -> None:
    target = tmp_path / "out" / "map.svg"
    atomic.write_text(target, "<svg/>")
    assert target.read_text() == "<svg/>"
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask
    assert names(target.parent) == ["map.svg"]


def test_keeps_mode_of_existing_file(tmp_path: Path) -> None:
    target = tmp_path / "plan.json"
    target.write_text("old")
    target.chmod(0o640)
    atomic.write_text(target, "new")
    assert target.read_text() == "new" and target.stat().st_mode & 0o777 == 0o640


def test_replacing_drops_setuid_setgid_and_sticky(tmp_path: Path) -> None:
    target = tmp_path / "plan.csv"
    target.write_text("old")
    target.chmod(0o7755)
    assert target.stat().st_mode & 0o7000 == 0o7000, "the test needs the bits set to begin with"
    atomic.write_text(target, "new")
    assert stat.S_IMODE(target.stat().st_mode) == 0o755


def test_failed_write_leaves_old_file_and_no_temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "plan.json"
    target.write_text("old")

    def broken_replace(src: str, dst: Path) -> None:
        raise OSError("disk full")

    monkeypatch.setattr("fhsplan.atomic.os.replace", broken_replace)
    with pytest.raises(OSError):
        atomic.write_text(target, "new")
    assert target.read_text() == "old"
    assert names(tmp_path) == ["plan.json"]


# -- what is not a regular file ------------------------------------------------------------------


def test_link_to_dev_null_is_written_through_and_left_standing(tmp_path: Path) -> None:
    link = tmp_path / "map.svg"
    link.symlink_to("/dev/null")
    atomic.write_text(link, "<svg/>" * 1000)
    assert os.readlink(link) == "/dev/null" and stat.S_ISCHR(os.stat("/dev/null").st_mode)
    assert names(tmp_path) == ["map.svg"]


def test_fifo_is_written_in_place(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    # A daemon, so that a writer that replaced the FIFO instead leaves a failed test, not a hung one.
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    atomic.write_bytes(fifo, b"x" * 200_000)  # more than a pipe holds: the reader must be the one reading
    reader.join(timeout=60)
    assert received == [b"x" * 200_000]
    assert stat.S_ISFIFO(fifo.lstat().st_mode) and names(tmp_path) == ["pipe"]


@pytest.fixture
def pipe() -> Iterator[tuple[int, int]]:
    read, write = os.pipe()
    yield read, write
    for fd in (read, write):
        with contextlib.suppress(OSError):  # a test may have closed it already
            os.close(fd)


@pytest.mark.parametrize("template", ["/dev/fd/{fd}", "/proc/self/fd/{fd}", "/proc/{pid}/fd/{fd}"])
def test_own_descriptor_is_written_as_it_is(pipe: tuple[int, int], template: str) -> None:
    read, write = pipe
    atomic.write_text(Path(template.format(fd=write, pid=os.getpid())), "via the descriptor")
    os.close(write)
    assert os.read(read, 100) == b"via the descriptor"


def test_link_to_own_descriptor_appends_to_a_redirected_file(tmp_path: Path) -> None:
    # `fhsplan export -o /dev/stdout >> log`: the descriptor keeps its O_APPEND; nothing is reopened.
    log = tmp_path / "log"
    log.write_text("old\n")
    inode = log.stat().st_ino
    fd = os.open(log, os.O_WRONLY | os.O_APPEND)
    try:
        link = tmp_path / "stdout"
        link.symlink_to(f"/dev/fd/{fd}")
        atomic.write_text(link, "new\n")
    finally:
        os.close(fd)
    assert log.read_text() == "old\nnew\n" and log.stat().st_ino == inode


def test_link_to_regular_file_is_refused(tmp_path: Path) -> None:
    real = tmp_path / "authorized_keys"
    real.write_text("old")
    link = tmp_path / "export.csv"
    link.symlink_to(real)
    with pytest.raises(atomic.Unwritable, match=r"symbolic link to .*authorized_keys; name the file itself"):
        atomic.write_text(link, "ssh-ed25519 AAAA attacker")
    assert real.read_text() == "old" and link.is_symlink()
    assert names(tmp_path) == ["authorized_keys", "export.csv"]


def test_dangling_link_is_refused(tmp_path: Path) -> None:
    link = tmp_path / "map.svg"
    link.symlink_to(tmp_path / "elsewhere" / "map.svg")
    with pytest.raises(atomic.Unwritable, match="symbolic link to a missing file"):
        atomic.write_text(link, "<svg/>")
    assert not (tmp_path / "elsewhere").exists()


def test_socket_is_refused() -> None:
    folder = Path(tempfile.mkdtemp(prefix="fhs"))  # short: a socket path has about 100 bytes
    path = folder / "s"
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(path))
        with pytest.raises(atomic.Unwritable, match="it is a socket"):
            atomic.write_text(path, "x")
        assert stat.S_ISSOCK(path.lstat().st_mode)
    finally:
        server.close()
        path.unlink()
        folder.rmdir()


def test_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(atomic.Unwritable, match="directory"):
        atomic.write_text(tmp_path, "x")


def test_block_device_is_refused(tmp_path: Path) -> None:
    # Creating a block device needs root; the decision is the mode's, so it is tested on the mode.
    with pytest.raises(atomic.Unwritable, match="a block device"):
        atomic._write_special(tmp_path / "sda", stat.S_IFBLK | 0o660, b"<svg/>")


def test_cli_names_the_refusal_in_one_line(tmp_path: Path) -> None:
    (tmp_path / "real.dot").write_text("old")
    (tmp_path / "map.dot").symlink_to(tmp_path / "real.dot")
    result = CliRunner().invoke(app, ["graph", "-p", str(MINI), "-o", str(tmp_path / "map.dot")])
    assert result.exit_code == 2
    assert result.output.count("\n") == 1 and "is a symbolic link to" in result.output
    assert (tmp_path / "real.dot").read_text() == "old"


# -- signals -------------------------------------------------------------------------------------

_CHILD = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path
    from fhsplan import atomic

    if sys.argv[2] == "ignore-hup":
        signal.signal(signal.SIGHUP, signal.SIG_IGN)
    real_fsync = os.fsync

    def fsync(fd):
        # The temporary file holds all the data now: tell the test, then wait for its word.
        print("writing", flush=True)
        sys.stdin.readline()
        real_fsync(fd)

    atomic.os.fsync = fsync
    atomic.write_bytes(Path(sys.argv[1]), b"x" * 20_000_000)
    """
)


def write_in_child(target: Path, sig: signal.Signals, mode: str = "") -> int:
    """Run a child that writes `target`, send it `sig` mid-write, and return its exit status."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}

    def default_hangup() -> None:
        # A test run under nohup would hand its ignored SIGHUP on to the child (the child's own
        # "ignore-hup" mode sets it again).
        signal.signal(signal.SIGHUP, signal.SIG_DFL)

    child = subprocess.Popen(
        [sys.executable, "-c", _CHILD, str(target), mode], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        text=True, env=env, preexec_fn=default_hangup,
    )  # fmt: skip
    assert child.stdout is not None and child.stdin is not None
    try:
        assert child.stdout.readline() == "writing\n"
        temporary = [p.name for p in target.parent.iterdir() if p.name.endswith(".tmp")]
        assert len(temporary) == 1, "the write is under way"
        child.send_signal(sig)
        with contextlib.suppress(BrokenPipeError):  # a child the signal ended reads no more
            child.stdin.write("go on\n")
            child.stdin.close()
        return child.wait(timeout=60)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_signal_during_write_leaves_no_temporary_file(tmp_path: Path, sig: signal.Signals) -> None:
    target = tmp_path / "plan.csv"
    target.write_text("old")
    assert write_in_child(target, sig) == -sig  # the signal still ends the process, as it meant to
    assert names(tmp_path) == ["plan.csv"] and target.read_text() == "old"


def test_ignored_hangup_stays_ignored(tmp_path: Path) -> None:
    target = tmp_path / "plan.csv"
    assert write_in_child(target, signal.SIGHUP, "ignore-hup") == 0
    assert names(tmp_path) == ["plan.csv"] and target.stat().st_size == 20_000_000


def test_signal_with_a_handler_cleans_up_then_calls_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "plan.csv"
    target.write_text("old")
    seen: list[int] = []

    def handler(signum: int, frame: FrameType | None) -> None:
        seen.append(signum)

    previous = signal.signal(signal.SIGTERM, handler)
    try:
        monkeypatch.setattr("fhsplan.atomic.os.fsync", lambda fd: os.kill(os.getpid(), signal.SIGTERM))
        with pytest.raises(InterruptedError, match="interrupted by SIGTERM"):
            atomic.write_text(target, "new")
        assert signal.getsignal(signal.SIGTERM) is handler
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert seen == [signal.SIGTERM]
    assert names(tmp_path) == ["plan.csv"] and target.read_text() == "old"


def test_handlers_are_restored_after_a_write(tmp_path: Path) -> None:
    before = {s: signal.getsignal(s) for s in (signal.SIGTERM, signal.SIGHUP)}
    atomic.write_text(tmp_path / "a.json", "{}")
    assert {s: signal.getsignal(s) for s in before} == before


def test_writes_from_a_worker_thread(tmp_path: Path) -> None:
    errors: list[BaseException] = []

    def work() -> None:
        try:
            atomic.write_text(tmp_path / "a.json", "{}")
        except BaseException as exc:
            errors.append(exc)

    worker = threading.Thread(target=work)
    worker.start()
    worker.join()
    assert errors == [] and (tmp_path / "a.json").read_text() == "{}"


# -- several files, all or nothing (issue #14) ---------------------------------------------------


def test_several_files_are_replaced_together_keeping_their_modes(tmp_path: Path) -> None:
    first, second = tmp_path / "plan.yaml", tmp_path / "areas" / "01.yaml"
    second.parent.mkdir()
    first.write_text("old 1")
    second.write_text("old 2")
    first.chmod(0o640)
    atomic.replace_files({first: b"new 1", second: b"new 2"})
    assert (first.read_text(), second.read_text()) == ("new 1", "new 2")
    assert stat.S_IMODE(first.stat().st_mode) == 0o640
    assert (names(tmp_path), names(second.parent)) == (["areas", "plan.yaml"], ["01.yaml"])


def test_a_failure_before_the_renames_changes_no_file_and_leaves_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = {tmp_path / f"{n}.yaml": f"new {n}".encode() for n in range(3)}
    for path in files:
        path.write_text("old")
    real = atomic._temporary
    made: list[Path] = []

    def fail_on_the_last(path: Path, data: bytes, mode: int) -> str:
        if len(made) == 2:
            raise OSError("disk full")
        made.append(path)
        return real(path, data, mode)

    monkeypatch.setattr(atomic, "_temporary", fail_on_the_last)
    with pytest.raises(OSError, match="disk full"):
        atomic.replace_files(files)
    assert [p.read_text() for p in files] == ["old"] * 3
    assert names(tmp_path) == ["0.yaml", "1.yaml", "2.yaml"]


def test_a_link_among_several_files_is_refused_before_any_is_written(tmp_path: Path) -> None:
    plain, target, link = tmp_path / "a.yaml", tmp_path / "target.yaml", tmp_path / "b.yaml"
    plain.write_text("old")
    target.write_text("old")
    link.symlink_to(target)
    with pytest.raises(atomic.Unwritable, match="symbolic link"):
        atomic.replace_files({plain: b"new", link: b"new"})
    assert (plain.read_text(), target.read_text(), link.is_symlink()) == ("old", "old", True)
