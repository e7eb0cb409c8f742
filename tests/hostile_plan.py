"""Real plan files whose every text slot carries strings of the hostile corpus (tests/hostile.py).

Strings are written as YAML double-quoted escapes (`\\x1b`, `\\u202e`, `\\ud800`), so the files
themselves are plain printable text and reach the loader's policy for decoded scalars, not its
check of raw characters. Each focus area holds one sample: the area's name, its map group's name
and every text of its milestone (title, description, effects, follow-ups, history, source, …) carry
it, and so do the owner, beneficiary and goal the milestone names.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

from fhsplan.escape import FORBIDDEN, INVISIBLE
from hostile import Sample

_SHORT_ESCAPES = {"\\": "\\\\", '"': '\\"', "\t": "\\t", "\n": "\\n", "\r": "\\r"}


def quoted(text: str) -> str:
    """`text` as a YAML double-quoted scalar that decodes to exactly `text`, in printable ASCII and letters."""
    out = []
    for char in text:
        code = ord(char)
        if char in _SHORT_ESCAPES:
            out.append(_SHORT_ESCAPES[char])
        elif code < 0x20 or 0x7F <= code <= 0x9F or FORBIDDEN.match(char) or INVISIBLE.match(char):
            out.append(
                f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"
            )
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


@dataclass(frozen=True)
class HostilePlan:
    """A plan folder written from samples: which milestone and area carry which sample."""

    folder: Path
    samples: list[Sample]

    def milestone(self, index: int) -> str:
        return f"m-{index}"

    def area_file(self, index: int) -> Path:
        return self.folder / "areas" / f"{index:03}-a{index}.yaml"


def _untimed(index: int) -> bool:
    return index % 4 == 3


def _milestone(index: int, text: str, rich: bool) -> str:
    q = quoted(text)
    lines = [f"  - id: m-{index}", f"    title: {q}", f"    description: {q}", "    status: started"]
    if _untimed(index):
        lines.append(f"    timetable_note: {q}")
    else:
        lines.append(f"    due: {2023 + index % 3}")
    lines.append(f"    owners: [o-{index}]")
    if index % 5 != 4:  # some without effects: FHS601 warnings name their files
        lines += [
            "    effects:",
            f"      - text: {q}",
            f"        beneficiaries: [b-{index}]",
            f"        note: {q}" if rich else "",
            f"        indicator: {{measure: {q}, unit: {q}, data_source: {q}}}" if rich else "",
            f"        assessments: [{{revision: 2024, judgement: partly, comment: {q}}}]" if rich else "",
        ]
    lines.append(f"    goals: [g-{index}]")
    if index % 3 and not _untimed(index) and not _untimed(index - 1):  # due after what it needs
        reason = f", reason: {q}" if rich else ""
        lines.append(f"    depends_on: [{{milestone: m-{index - 1}{reason}}}]")
    previous = quoted(f"{text[:500]} (tidigare)")  # FHS502: the previous wording differs from the title
    lines += [
        "    history:",
        f"      - {{kind: reformulated, revision: 2024, previous: {previous}"
        + (f", note: {q}}}" if rich else "}"),
        "    followups:",
        f"      - {{revision: 2024, status: started, comment: {q}"
        + (f", evidence: {q}, reporter: {q}, note: {q}}}" if rich else "}"),
    ]
    if rich:
        lines += [
            f"    note: {q}",
            f"    source: {{document: {q}, section: {q}, quote: {q}}}",
            f"    uncertain: [{{field: {q}, source_shows: {q}, note: {q}}}]",
        ]
    return "\n".join(line for line in lines if line) + "\n"


def write_hostile_plan(
    folder: Path, samples: list[Sample], *, shift: int = 0, plan_id: str = "hostile", default: bool = True
) -> HostilePlan:
    """Write a plan with area i (and milestone m-i) carrying sample i+shift (mod len).

    The plan's own texts (title, owner, decision) carry the short samples one after another. A
    `shift` gives the same ids with other texts: two revisions of one plan, for `diff`. Long
    samples go whole into fewer slots (titles, descriptions, area names, effects, comments), so
    the files and what the commands write stay a few megabytes.
    """
    count = len(samples)
    texts = [samples[(i + shift) % count].text for i in range(count)]
    short = " ".join(t for t in texts if len(t) < 1000)[:2000]
    # Names in the vocabularies: a long sample's first 2,000 characters, longer than any cap.
    names = [quoted(t[:2000]) for t in texts]
    vocab = {
        "groups": [f"  - {{id: grp-{i}, name: {n}}}" for i, n in enumerate(names)],
        "goals": [f"  - {{id: g-{i}, name: {n}, description: {n}}}" for i, n in enumerate(names)],
        "beneficiaries": [f"  - {{id: b-{i}, name: {n}}}" for i, n in enumerate(names)],
        "owners": [f"  - {{id: o-{i}, name: {n}}}" for i, n in enumerate(names)],
    }
    plan = [
        f"id: {plan_id}",
        f"title: {quoted(short)}",
        f"owner: {quoted(short)}",
        f"default: {'true' if default else 'false'}",
        "period: {start: 2023, end: 2025}",
        "revisions:",
        f"  - {{year: 2023, decision: {quoted(short)}}}",
        f"  - {{year: 2024, decision: {quoted(short)}, decided_by: {quoted(short)}, note: {quoted(short)}}}",
        "current_revision: 2024",
    ]
    for key, lines in vocab.items():
        plan += [f"{key}:", *lines]
    (folder / "areas").mkdir(parents=True, exist_ok=True)
    (folder / "plan.yaml").write_text("\n".join(plan) + "\n", encoding="utf-8")
    written = HostilePlan(folder, [samples[(i + shift) % count] for i in range(count)])
    for i, text in enumerate(texts):
        q = quoted(text)
        rich = len(text) < 1000
        area = [
            f"id: a{i}",
            f"name: {q}",
            f"group: grp-{i}",
            f"description: {q}" if rich else "",
            "milestones:",
        ]
        body = "\n".join(line for line in area if line) + "\n" + _milestone(i, text, rich)
        written.area_file(i).write_text(body, encoding="utf-8")
    return written


def git(repo: Path, *args: str) -> str:
    """Run git in `repo` with a fixed identity and date, so commits are the same on every run."""
    env = {
        "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.invalid",
        "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.invalid",
        "GIT_AUTHOR_DATE": "2024-01-01T00:00:00Z", "GIT_COMMITTER_DATE": "2024-01-01T00:00:00Z",
        "HOME": str(repo), "GIT_CONFIG_NOSYSTEM": "1", "PATH": "/usr/bin:/bin:/usr/local/bin",
    }  # fmt: skip
    done = subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=True)
    return done.stdout
