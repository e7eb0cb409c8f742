"""gitrev: one small function per git call, and loading a plan as it was at a revision."""

from __future__ import annotations

from pathlib import Path

import pytest

from fhsplan import gitrev
from fhsplan.gitrev import GitError
from test_diff_repo import PLAN, commit, edit, git, make_repo, write


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return make_repo(tmp_path)


def test_repo_root_from_a_subfolder(repo: Path) -> None:
    assert gitrev.repo_root(repo / PLAN).resolve() == repo.resolve()


def test_repo_root_outside_a_repository(tmp_path: Path) -> None:
    outside = tmp_path / "plain"
    outside.mkdir()
    with pytest.raises(GitError, match="not inside a git repository"):
        gitrev.repo_root(outside)


def test_rev_parse_names_the_commit(repo: Path) -> None:
    assert gitrev.rev_parse("main", repo) == git(repo, "rev-parse", "HEAD").strip()


@pytest.mark.parametrize(
    "rev", ["nope", "main~5", "--output=x", "-", ""], ids=["unknown", "too-far", "option", "dash", "empty"]
)
def test_rev_parse_refuses_bad_revisions(repo: Path, rev: str) -> None:
    with pytest.raises(GitError, match="revision"):
        gitrev.rev_parse(rev, repo)
    assert not (repo / "x").exists()


def test_ls_tree_and_cat_blobs_read_the_commit_not_the_working_tree(repo: Path) -> None:
    first = gitrev.rev_parse("HEAD", repo)
    write(repo, "areas/03-ny.yaml", "id: ny\nname: Ny\n")
    edit(repo, "plan.yaml", "Region Test", "Region Ändrad")
    entries = gitrev.ls_tree(first, PLAN, repo)
    assert [e.path for e in entries] == [
        f"{PLAN}/areas/01-nara-vard.yaml",
        f"{PLAN}/areas/02-digitalisering.yaml",
        f"{PLAN}/plan.yaml",
    ]
    assert all(e.regular and len(e.oid) == 40 for e in entries)
    *_, meta = gitrev.cat_blobs([e.oid for e in entries], repo)
    assert b"owner: Region Test\n" in meta


def test_cat_blobs_keeps_bytes_exactly_and_in_the_order_asked(repo: Path) -> None:
    raw = "id: x\r\nname: Å\u2028\r\n".encode() + b"\xff"
    (repo / "raw.bin").write_bytes(raw)
    (repo / "empty.txt").write_bytes(b"")
    (repo / "nl.txt").write_bytes(b"\n\n")
    sha = commit(repo, "raw bytes")
    by_path = {e.path: e.oid for e in gitrev.ls_tree(sha, ".", repo)}
    names = ["nl.txt", "raw.bin", "empty.txt", "raw.bin"]
    assert gitrev.cat_blobs([by_path[n] for n in names], repo) == [b"\n\n", raw, b"", raw]


def test_cat_blobs_refuses_what_is_not_a_blob(repo: Path) -> None:
    with pytest.raises(GitError, match="is missing"):
        gitrev.cat_blobs(["0" * 40], repo)


def test_a_revision_is_read_by_two_git_processes_whatever_its_size(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for n in range(3, 40):
        write(repo, f"areas/{n:02d}-a{n}.yaml", f"id: a{n}\nname: Område {n}\n")
    sha = commit(repo, "many areas")
    calls: list[str] = []
    real = gitrev._git

    def counting(args: list[str], cwd: Path, stdin: bytes | None = None) -> bytes:
        calls.append(args[0])
        return real(args, cwd, stdin)

    monkeypatch.setattr(gitrev, "_git", counting)
    loaded = gitrev.load_plan_at(sha, "x", PLAN, repo)
    assert loaded is not None and loaded.plan is not None and len(loaded.plan.areas) == 39
    assert calls == ["ls-tree", "cat-file"]


def test_plan_files_keeps_what_the_loader_reads() -> None:
    def entry(path: str, mode: str = "100644", kind: str = "blob") -> gitrev.TreeEntry:
        return gitrev.TreeEntry(mode, kind, "0" * 40, path)

    paths = ["p/plan.yaml", "p/areas/01-a.yaml", "p/areas/notes.md", "p/areas/old/02-b.yaml", "p/README.md"]
    others = [entry("p/areas/03-link.yaml", "120000"), entry("p/areas/04-sub.yaml", "160000", "commit")]
    chosen = gitrev.plan_files([*map(entry, paths), *others], "p")
    assert [e.path for e in chosen] == ["p/plan.yaml", "p/areas/01-a.yaml"]


def test_load_plan_at_a_revision(repo: Path) -> None:
    first = gitrev.rev_parse("HEAD", repo)
    edit(repo, "areas/01-nara-vard.yaml", "due: 2024", "due: 2025")
    commit(repo, "postpone")
    loaded = gitrev.load_plan_at(first, "main~0", PLAN, repo)
    assert loaded is not None and loaded.plan is not None
    assert loaded.plan.by_id["halsoutbud"].model.due == 2024
    assert loaded.plan.meta.id == "demo"


def test_load_plan_at_a_revision_without_the_plan(repo: Path) -> None:
    first = gitrev.rev_parse("HEAD", repo)
    assert gitrev.load_plan_at(first, "x", "plan/other", repo) is None


def test_findings_at_a_revision_name_the_revision(repo: Path) -> None:
    edit(repo, "areas/02-digitalisering.yaml", "name: Digitalisering", "name: Digitalisering\nnamn: x")
    sha = commit(repo, "broken")
    loaded = gitrev.load_plan_at(sha, "abc1234", PLAN, repo)
    assert loaded is not None and loaded.plan is None
    [finding] = loaded.findings
    assert (finding.code, str(finding.pos)) == ("FHS200", f"abc1234:{PLAN}/areas/02-digitalisering.yaml:3:1")


def test_a_file_the_same_at_both_revisions_is_loaded_once(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from fhsplan import loader, source

    edit(repo, "areas/01-nara-vard.yaml", "due: 2024", "due: 2025")
    commit(repo, "postpone")
    parsed: list[str] = []
    real = source.load_bytes

    def counting(data: bytes, file: str) -> source.Document:
        parsed.append(file.rsplit("/", 1)[-1])
        return real(data, file)

    monkeypatch.setattr(loader, "load_bytes", counting)
    pair = gitrev.load_pair(repo / PLAN, "main~1", "main")
    assert pair.base is not None and pair.head is not None and pair.head.plan is not None
    assert sorted(parsed) == ["01-nara-vard.yaml", "01-nara-vard.yaml", "02-digitalisering.yaml", "plan.yaml"]
    assert pair.head.plan.by_id["halsoutbud"].model.due == 2025
    base, head = pair.base.plan, pair.head.plan
    assert base is not None and base.by_id["halsoutbud"].model.due == 2024
    assert base.by_id["vardsystem"].model is head.by_id["vardsystem"].model  # shared, immutable


def test_rev_parse_takes_a_commit_message_search(repo: Path) -> None:
    # docs/ci.md: anything `git rev-parse` accepts; `:/text` was searched for "text^{commit}".
    first = git(repo, "rev-parse", "HEAD").strip()
    edit(repo, "plan.yaml", "Region Test", "Region Ändrad")
    second = commit(repo, "rename the owner")
    assert gitrev.rev_parse(":/base plan", repo) == first
    assert gitrev.rev_parse(":/rename", repo) == second
    with pytest.raises(GitError, match="unknown revision ':/no such message'"):
        gitrev.rev_parse(":/no such message", repo)


def test_rev_parse_refuses_what_is_not_a_commit(repo: Path) -> None:
    tree = git(repo, "rev-parse", "HEAD^{tree}").strip()
    with pytest.raises(GitError, match="unknown revision"):
        gitrev.rev_parse(tree, repo)


def test_a_shallow_clone_says_the_history_is_missing(repo: Path, tmp_path: Path) -> None:
    edit(repo, "plan.yaml", "Region Test", "Region Ändrad")
    commit(repo, "second")
    shallow = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo}", str(shallow))
    with pytest.raises(GitError) as raised:
        gitrev.rev_parse("HEAD~1", shallow)
    message = str(raised.value)
    assert message.startswith("unknown revision 'HEAD~1' in this shallow clone: its history is missing")
    assert "fetch-depth: 0" in message and "git fetch --unshallow" in message
    # A clone with its history says what it always said.
    with pytest.raises(GitError, match=r"\(not a branch, tag or commit here\)$"):
        gitrev.rev_parse("HEAD~5", repo)
