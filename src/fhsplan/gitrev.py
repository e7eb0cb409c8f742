"""Reading a plan at git revisions: one small function per git call, then the hardened loader.

Arguments go to git as a list, never through a shell, and every failure becomes a GitError that the
command line turns into exit 2 (issue #6).
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from fhsplan.findings import Finding, Pos
from fhsplan.i18n import _
from fhsplan.loader import (
    AREAS_DIR,
    PLAN_FILE,
    LoadResult,
    Memo,
    display_path,
    is_area_name,
    load_folder,
    load_plan,
)


class GitError(Exception):
    """A git call failed: not a repository, an unknown revision, git missing."""


def _git(args: list[str], cwd: Path, stdin: bytes | None = None) -> bytes:
    """Run `git ARGS` in `cwd` (fed `stdin`) and return its output; a failure raises GitError with
    git's own words."""
    try:
        done = subprocess.run(["git", *args], cwd=cwd, input=stdin, capture_output=True, check=False)
    except FileNotFoundError:
        raise GitError(_("git is not installed or not on PATH")) from None
    if done.returncode != 0:
        lines = done.stderr.decode("utf-8", "replace").strip().splitlines()
        failed = _("git {command} failed ({code})").format(command=args[0], code=done.returncode)
        raise GitError(lines[-1] if lines else failed)
    return done.stdout


def repo_root(cwd: Path) -> Path:
    """The top folder of the work tree that holds `cwd`."""
    try:
        out = _git(["rev-parse", "--show-toplevel"], cwd)
    except GitError:
        raise GitError(
            _("{folder} is not inside a git repository").format(folder=display_path(cwd))
        ) from None
    return Path(out.decode("utf-8").strip())


def init_repo(folder: Path) -> None:
    """`git init` in `folder` (a new repository, or a harmless re-initialisation of one)."""
    _git(["init", "--quiet", "--", "."], folder)


def is_shallow(root: Path) -> bool:
    """Whether the repository is a shallow clone, whose older history is missing."""
    try:
        return _git(["rev-parse", "--is-shallow-repository"], root).strip() == b"true"
    except GitError:
        return False


def _missing_history(root: Path) -> str:
    """What to tell after "unknown revision" in a shallow clone: there, the commit is most likely just
    not fetched (actions/checkout fetches one commit unless told otherwise); "" elsewhere."""
    if not is_shallow(root):
        return ""
    return _(
        "its history is missing; fetch it with {fetch} (in GitHub Actions: actions/checkout with {depth})"
    ).format(fetch="`git fetch --unshallow`", depth="`fetch-depth: 0`")


def rev_parse(rev: str, root: Path) -> str:
    """The commit id a revision names (branch, tag, sha, HEAD~2, `:/message`, …)."""
    # A revision that starts with '-' would be read as an option by git; no real one does.
    if not rev or rev.startswith("-"):
        raise GitError(_("{revision} is not a revision").format(revision=repr(rev)))
    try:
        # Two calls: `:/text` (the youngest commit whose message matches) takes all that follows
        # as its pattern, so `:/text^{commit}` searched for "text^{commit}" and never matched.
        named = _git(["rev-parse", "--verify", "--quiet", "--end-of-options", rev], root)
        out = _git(["rev-parse", "--verify", "--quiet", f"{named.decode('ascii').strip()}^{{commit}}"], root)
    except GitError:
        shallow = _missing_history(root)
        if shallow:
            message = _("unknown revision {revision} in this shallow clone: {shallow}").format(
                revision=repr(rev), shallow=shallow
            )
        else:
            message = _("unknown revision {revision} (not a branch, tag or commit here)").format(
                revision=repr(rev)
            )
        raise GitError(message) from None
    return out.decode("ascii").strip()


def merge_base(left: str, right: str, root: Path) -> str:
    """The best common ancestor of two commits, as `git diff A...B` uses."""
    try:
        out = _git(["merge-base", left, right], root)
    except GitError:
        shallow = _missing_history(root)
        words = {"left": left[:12], "right": right[:12], "shallow": shallow}
        if shallow:
            raise GitError(
                _("{left} and {right} have no common ancestor in this shallow clone: {shallow}").format(
                    **words
                )
            ) from None
        raise GitError(_("{left} and {right} have no common ancestor").format(**words)) from None
    return out.decode("ascii").strip()


@dataclass(frozen=True, slots=True)
class TreeEntry:
    """One file of a commit's tree: its mode, object type, object id and path from the root."""

    mode: str
    kind: str
    oid: str
    path: str

    @property
    def regular(self) -> bool:
        """A file's bytes (not a symbolic link's target, not a submodule's commit)."""
        return self.kind == "blob" and self.mode in ("100644", "100755")


def ls_tree(commit: str, folder: str, root: Path) -> list[TreeEntry]:
    """The files below `folder` at `commit`, in git's order (by path), with their object ids."""
    out = _git(["ls-tree", "-r", "--full-tree", "-z", commit, "--", folder], root)
    entries = []
    for record in out.decode("utf-8", "surrogateescape").split("\0"):
        if record:
            meta, path = record.split("\t", 1)
            mode, kind, oid = meta.split(" ")
            entries.append(TreeEntry(mode, kind, oid, path))
    return entries


def changed_paths(base: str, head: str | None, folder: str, root: Path) -> list[str]:
    """Paths (relative to the root) below `folder` that differ between `base` and `head` (None:
    the working tree); a rename counts as both names."""
    heads = [head] if head else []
    out = _git(["diff", "--name-only", "--no-renames", "-z", base, *heads, "--", folder], root)
    return [name for name in out.decode("utf-8", "surrogateescape").split("\0") if name]


def has_file(commit: str, path: str, root: Path) -> bool:
    """Whether `path` (relative to the root) exists at `commit`."""
    try:
        _git(["cat-file", "-e", f"{commit}:{path}"], root)
    except GitError:
        return False
    return True


def cat_blobs(oids: list[str], root: Path) -> list[bytes]:
    """The bytes of each blob, exactly as committed, from one `git cat-file --batch` for them all.

    One process per revision instead of one `git show` per file: 5,000 area files took 745 s that
    way, each also copied to a temporary file and flushed to disk (issue #13).
    """
    if not oids:
        return []
    out = _git(["cat-file", "--batch", "--buffer"], root, "".join(f"{oid}\n" for oid in oids).encode())
    blobs, at = [], 0
    for oid in oids:
        end = out.index(b"\n", at)
        header = out[at:end].decode("ascii", "replace").split(" ")
        if len(header) != 3 or header[1] != "blob":
            what = " ".join(header[1:]) or _("unreadable")
            raise GitError(_("git cat-file: object {oid} is {what}").format(oid=oid, what=what))
        size = int(header[2])
        blobs.append(out[end + 1 : end + 1 + size])
        at = end + 1 + size + 1  # each blob is followed by a line feed
    return blobs


def plan_files(entries: list[TreeEntry], folder: str) -> list[TreeEntry]:
    """Of the files below a plan folder, those the loader reads: plan.yaml and the area files."""
    base = PurePosixPath(folder)
    wanted = []
    for entry in entries:
        rel = PurePosixPath(entry.path).relative_to(base)
        if not entry.regular:
            continue
        if rel == PurePosixPath(PLAN_FILE) or (rel.parent.as_posix() == AREAS_DIR and is_area_name(rel.name)):
            wanted.append(entry)
    return wanted


def load_plan_at(
    commit: str, label: str, folder: str, root: Path, memo: Memo | None = None
) -> LoadResult | None:
    """The plan in `folder` (relative to `root`) as it was at `commit`; None when it did not exist.

    The files are read from git into memory and loaded by the same hardened loader as on disk, so
    a revision is read exactly as it would be validated; findings name files as `LABEL:path`.
    Files in `memo` (from another revision, with the same content) are not loaded again.
    """
    files = plan_files(ls_tree(commit, folder, root), folder)
    meta = (PurePosixPath(folder) / PLAN_FILE).as_posix()
    if meta not in {f.path for f in files}:
        return None
    blobs = cat_blobs([f.oid for f in files], root)
    texts = {root / f.path: blob for f, blob in zip(files, blobs, strict=True)}
    result = load_plan(root / folder, texts, sorted(root / f.path for f in files if f.path != meta), memo)
    names = {display_path(root / f.path): f"{label}:{f.path}" for f in files}
    result.findings = [_relabel(f, names) for f in result.findings]
    return result


def _relabel(finding: Finding, names: dict[str, str]) -> Finding:
    """A finding whose file names the revision (`abc1234:plan/x/plan.yaml`), not the working tree."""

    def fix(pos: Pos) -> Pos:
        return Pos(names.get(pos.file, pos.file), pos.line, pos.col)

    return Finding(
        finding.code,
        finding.severity,
        finding.message,
        fix(finding.pos),
        tuple(map(fix, finding.related)),
        finding.about,
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
        message = _("the plan does not load at {revision}; fix the errors above (fhsplan validate)")
        super().__init__(message.format(revision=label))
        self.label = label
        self.result = result


def repo_path(folder: Path, root: Path) -> str:
    """`folder` relative to the repository root, with '/' (what git's tree paths use)."""
    try:
        return folder.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        message = _("plan folder {folder} is outside the repository {root}")
        raise GitError(message.format(folder=display_path(folder), root=root)) from None


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
        return base_rev, Revision(None, WORKING_TREE)
    head_commit = rev_parse(head, root)
    return base_rev, Revision(head_commit, _label(head, head_commit))


# The label of the working tree as a revision: an id the diff compares (compare.WORKING_TREE), in
# words only where it is shown.
WORKING_TREE = "working tree"


def _shown(label: str) -> str:
    return _("working tree") if label == WORKING_TREE else label


def _label(rev: str, commit: str) -> str:
    """How a revision is named in the output: as given, with its commit unless it is one."""
    return commit[:7] if commit.startswith(rev) else f"{rev} ({commit[:7]})"


def load_pair(folder: Path, base: str, head: str | None) -> PlanPair:
    """The plan in `folder` at BASE and at HEAD (None: the working tree), each loaded and validated.

    Raises GitError for a git problem and PlanDoesNotLoad when the plan has errors at BASE. At
    HEAD they are what the pull request must fix, so they are returned (`head.plan` is None) for
    the diff to show (issue #13).
    """
    root = repo_root(folder.resolve() if folder.is_dir() else Path.cwd())
    rel = repo_path(folder, root)
    base_rev, head_rev = revisions(base, head, root)
    loaded = []
    memo: Memo = {}  # a pull request changes a few files: the others load once, for both revisions
    for rev in (base_rev, head_rev):
        if rev.commit is None:
            result: LoadResult | None = load_folder(folder)
        else:
            result = load_plan_at(rev.commit, rev.commit[:7], rel, root, memo)
        if result is not None and result.plan is None and rev is base_rev:
            raise PlanDoesNotLoad(rev.label, result)
        loaded.append(result)
    if loaded[0] is None and loaded[1] is None:
        words = {"folder": rel, "base": _shown(base_rev.label), "head": _shown(head_rev.label)}
        raise GitError(_("no plan at {folder} in {base} or {head}").format(**words))
    return PlanPair(loaded[0], loaded[1], base_rev.label, head_rev.label)


def _names(out: bytes) -> list[str]:
    return [name for name in out.decode("utf-8", "surrogateescape").split("\0") if name]


def changed_since(rev: str, root: Path) -> list[str]:
    """Files (relative to the root) that HEAD changed since it left `rev`, as `git diff REV...HEAD`."""
    commit = rev_parse(rev, root)  # a revision git knows, never an option
    try:
        out = _git(["diff", "--name-only", "--no-renames", "-z", f"{commit}...HEAD", "--"], root)
    except GitError:
        raise GitError(_("{revision} and HEAD have no common ancestor").format(revision=repr(rev))) from None
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
