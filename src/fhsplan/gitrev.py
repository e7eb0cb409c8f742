"""Reading a plan at git revisions: one small function per git call, then the hardened loader.

Arguments go to git as a list, never through a shell, and every failure becomes a GitError that the
command line turns into exit 2 (issue #6).
"""

from __future__ import annotations

import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from fhsplan.atomic import write_bytes
from fhsplan.findings import Finding, Pos
from fhsplan.loader import AREAS_DIR, PLAN_FILE, LoadResult, display_path, is_area_name, load_plan


class GitError(Exception):
    """A git call failed: not a repository, an unknown revision, git missing."""


def _git(args: list[str], cwd: Path) -> bytes:
    """Run `git ARGS` in `cwd` and return its output; a failure raises GitError with git's own words."""
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)
    except FileNotFoundError:
        raise GitError("git is not installed or not on PATH") from None
    if done.returncode != 0:
        lines = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(lines[-1] if lines else f"git {args[0]} failed ({done.returncode})")
    return done.stdout


def repo_root(cwd: Path) -> Path:
    """The top folder of the work tree that holds `cwd`."""
    try:
        out = _git(["rev-parse", "--show-toplevel"], cwd)
    except GitError:
        raise GitError(f"{display_path(cwd)} is not inside a git repository") from None
    return Path(out.decode("utf-8").strip())


def rev_parse(rev: str, root: Path) -> str:
    """The commit id a revision names (branch, tag, sha, HEAD~2, …)."""
    # A revision that starts with '-' would be read as an option by git; no real one does.
    if not rev or rev.startswith("-"):
        raise GitError(f"{rev!r} is not a revision")
    try:
        out = _git(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], root)
    except GitError:
        raise GitError(f"unknown revision {rev!r} (not a branch, tag or commit here)") from None
    return out.decode("ascii").strip()


def merge_base(left: str, right: str, root: Path) -> str:
    """The best common ancestor of two commits, as `git diff A...B` uses."""
    try:
        out = _git(["merge-base", left, right], root)
    except GitError:
        raise GitError(f"{left[:12]} and {right[:12]} have no common ancestor") from None
    return out.decode("ascii").strip()


def ls_tree(commit: str, folder: str, root: Path) -> list[str]:
    """Paths (relative to the repository root) of the files below `folder` at `commit`."""
    out = _git(["ls-tree", "-r", "--name-only", "--full-tree", "-z", commit, "--", folder], root)
    return [name for name in out.decode("utf-8", "surrogateescape").split("\0") if name]


def show_file(commit: str, path: str, root: Path) -> bytes:
    """The bytes of one file at `commit`, exactly as committed (no text conversion)."""
    return _git(["show", "--no-textconv", f"{commit}:{path}"], root)


def plan_files(paths: list[str], folder: str) -> list[str]:
    """Of the files below a plan folder, those the loader reads: plan.yaml and the area files."""
    base = PurePosixPath(folder)
    wanted = []
    for path in paths:
        rel = PurePosixPath(path).relative_to(base)
        if rel == PurePosixPath(PLAN_FILE) or (rel.parent.as_posix() == AREAS_DIR and is_area_name(rel.name)):
            wanted.append(path)
    return wanted


def load_plan_at(commit: str, label: str, folder: str, root: Path) -> LoadResult | None:
    """The plan in `folder` (relative to `root`) as it was at `commit`; None when it did not exist.

    The files are copied into a temporary folder and loaded there, so the hardened loader and its
    validation are reused as they are; findings name files as `LABEL:path`.
    """
    files = plan_files(ls_tree(commit, folder, root), folder)
    if (PurePosixPath(folder) / PLAN_FILE).as_posix() not in files:
        return None
    with tempfile.TemporaryDirectory(prefix="fhsplan-") as tmp:
        copy = Path(tmp) / PurePosixPath(folder).name
        for path in files:
            write_bytes(copy / PurePosixPath(path).relative_to(folder), show_file(commit, path, root))
        result = load_plan(copy)
    prefix = display_path(copy) + "/"
    where = f"{label}:" if folder == "." else f"{label}:{folder}/"
    result.findings = [_relabel(f, prefix, where) for f in result.findings]
    return result


def _relabel(finding: Finding, prefix: str, label: str) -> Finding:
    """A finding whose file names the revision instead of the temporary copy."""

    def fix(pos: Pos) -> Pos:
        name = label + pos.file[len(prefix) :] if pos.file.startswith(prefix) else pos.file
        return Pos(name, pos.line, pos.col)

    return Finding(
        finding.code, finding.severity, finding.message, fix(finding.pos), tuple(map(fix, finding.related))
    )


@dataclass(frozen=True, slots=True)
class Revision:
    """A revision to read a plan at: a commit, or None for the working tree, and how it is named."""

    commit: str | None
    label: str


@dataclass
class PlanPair:
    """A plan as it was at BASE and is at HEAD (None where the plan does not exist), both loaded."""

    base: LoadResult | None
    head: LoadResult | None
    base_label: str
    head_label: str


class PlanDoesNotLoad(Exception):
    """The plan at one revision has errors, so there is nothing sound to compare."""

    def __init__(self, label: str, result: LoadResult) -> None:
        super().__init__(f"the plan does not load at {label}; fix the errors above (fhsplan validate)")
        self.result = result


def repo_path(folder: Path, root: Path) -> str:
    """`folder` relative to the repository root, with '/' (what git's tree paths use)."""
    try:
        return folder.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        raise GitError(f"plan folder {display_path(folder)} is outside the repository {root}") from None


def revisions(base: str, head: str | None, root: Path) -> tuple[Revision, Revision]:
    """BASE and HEAD as commits; `A...B` means the merge base of A and B against B, as in git diff."""
    if "..." in base and head is None:
        left, right = base.split("...", 1)
        head = right or "HEAD"
        commit = merge_base(rev_parse(left or "HEAD", root), rev_parse(head, root), root)
        base_rev = Revision(commit, _label(f"{left or 'HEAD'}...{head}", commit))
    else:
        commit = rev_parse(base, root)
        base_rev = Revision(commit, _label(base, commit))
    if head is None:
        return base_rev, Revision(None, "working tree")
    head_commit = rev_parse(head, root)
    return base_rev, Revision(head_commit, _label(head, head_commit))


def _label(rev: str, commit: str) -> str:
    """How a revision is named in the output: as given, with its commit unless it is one."""
    return commit[:7] if commit.startswith(rev) else f"{rev} ({commit[:7]})"


def load_pair(folder: Path, base: str, head: str | None) -> PlanPair:
    """The plan in `folder` at BASE and at HEAD (None: the working tree), each loaded and validated.

    Raises GitError for a git problem and PlanDoesNotLoad when a revision's plan has errors.
    """
    root = repo_root(folder.resolve() if folder.is_dir() else Path.cwd())
    rel = repo_path(folder, root)
    base_rev, head_rev = revisions(base, head, root)
    loaded = []
    for rev in (base_rev, head_rev):
        if rev.commit is None:
            result: LoadResult | None = load_plan(folder)
        else:
            result = load_plan_at(rev.commit, rev.commit[:7], rel, root)
        if result is not None and result.plan is None:
            raise PlanDoesNotLoad(rev.label, result)
        loaded.append(result)
    if loaded[0] is None and loaded[1] is None:
        raise GitError(f"no plan at {rel} in {base_rev.label} or {head_rev.label}")
    return PlanPair(loaded[0], loaded[1], base_rev.label, head_rev.label)


def _names(out: bytes) -> list[str]:
    return [name for name in out.decode("utf-8", "surrogateescape").split("\0") if name]


def changed_since(rev: str, root: Path) -> list[str]:
    """Files (relative to the root) that HEAD changed since it left `rev`, as `git diff REV...HEAD`."""
    commit = rev_parse(rev, root)  # a revision git knows, never an option
    try:
        out = _git(["diff", "--name-only", "--no-renames", "-z", f"{commit}...HEAD", "--"], root)
    except GitError:
        raise GitError(f"{rev!r} and HEAD have no common ancestor") from None
    return _names(out)


def changed_in_work_tree(root: Path) -> list[str]:
    """Files whose staged or unstaged content differs from HEAD."""
    return _names(_git(["diff", "--name-only", "--no-renames", "-z", "HEAD", "--"], root))


def untracked(root: Path) -> list[str]:
    """Files git does not track and does not ignore: new files not yet added."""
    return _names(_git(["ls-files", "--others", "--exclude-standard", "-z", "--full-name", "--", "."], root))


def changed_files(rev: str, root: Path) -> list[str]:
    """What a pull request (or a branch being worked on) changed since `rev`: committed, staged,
    unstaged and new files, relative to the repository's root, sorted."""
    return sorted({*changed_since(rev, root), *changed_in_work_tree(root), *untracked(root)})
