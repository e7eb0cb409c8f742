"""A baseline: the findings a plan repository has accepted, so that only new ones fail (docs/ci.md).

A finding is recorded by what it is, not where: its code, the ids it is about (`Finding.about`,
or its message when it is about no id) and its file relative to the baseline, never its line, so
an edit above it does not make an old finding new. Counts keep two equal findings in one file
apart. Findings that keep a plan from loading are never recorded: a baseline cannot hide a plan
that does not load.
"""

from __future__ import annotations

import functools
import json
import os
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from fhsplan.escape import json_text
from fhsplan.findings import Finding, Report, Suppressed
from fhsplan.i18n import _

FORMAT = "fhsplan-baseline"
VERSION = 1
Key = tuple[str, str, tuple[str, ...], str]


class BaselineError(Exception):
    """A baseline file that cannot be read: a usage error (exit 2)."""


@dataclass(frozen=True)
class Baseline:
    """The accepted findings, counted by key, and the folder their file names are relative to."""

    name: str
    folder: Path
    counts: Counter[Key]


def key(finding: Finding, folder: Path) -> Key:
    """What a finding is, for the baseline: code, file (relative to `folder`), ids, message if no ids."""
    code, about, message = finding.key
    return (code, _relative(finding.pos.file, folder), about, message)


@functools.cache
def _relative(file: str, folder: Path) -> str:
    return os.path.relpath(os.path.realpath(file), folder).replace(os.sep, "/")


def recordable(finding: Finding) -> bool:
    """Whether a finding may be accepted: not one that keeps a plan from loading, or a setting in error."""
    from fhsplan.config import locked
    from fhsplan.rules import RULES

    rule = RULES.get(finding.code)
    return rule is not None and not locked(rule)


def read(path: Path) -> Baseline:
    """The baseline in a file; BaselineError says what is wrong with it."""
    from fhsplan.loader import display_path

    name = display_path(path)
    try:
        data: Any = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BaselineError(
            _("{file}: no such baseline; write one with --write-baseline {file}").format(file=name)
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise BaselineError(
            _("{file}: cannot read the baseline: {why}").format(
                file=name, why=getattr(exc, "strerror", None) or exc
            )
        ) from None
    except json.JSONDecodeError as exc:
        raise BaselineError(
            _("{file}:{line}:{column}: not JSON: {why}").format(
                file=name, line=exc.lineno, column=exc.colno, why=exc.msg
            )
        ) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("version") != VERSION:
        raise BaselineError(
            _("{file}: not an fhsplan baseline (version {version}); write one with --write-baseline").format(
                file=name, version=VERSION
            )
        )
    counts: Counter[Key] = Counter()
    for n, item in enumerate(data.get("findings", [])):
        try:
            about = tuple(str(a) for a in item.get("about", []))
            entry = (str(item["code"]), str(item["file"]), about, str(item.get("message", "")))
            counts[entry] += int(item.get("count", 1))
        except (AttributeError, KeyError, TypeError, ValueError):
            raise BaselineError(
                _("{file}: finding {n} needs a code and a file").format(file=name, n=n + 1)
            ) from None
    return Baseline(name, path.resolve().parent, counts)


def render(report: Report, path: Path, folders: list[Path], previous: Baseline | None = None) -> str:
    """The baseline file that accepts every recordable finding of a report, sorted, one per line."""
    # The previous baseline's entries for plans not checked now (`folders`) are kept, so a
    # baseline of the whole repository can be refreshed one plan at a time.
    folder = path.resolve().parent
    counts = Counter(key(f, folder) for f in report.findings if recordable(f))
    counts.update(key(s.finding, folder) for s in report.suppressed if s.how == "baseline")
    if previous is not None:
        checked = _under(folders, folder)
        counts.update({k: n for k, n in previous.counts.items() if not checked(k[1])})
    items = []
    for (code, file, about, message), count in sorted(counts.items()):
        item: dict[str, Any] = {"code": code, "file": file, "about": list(about)}
        if message:
            item["message"] = message
        if count > 1:
            item["count"] = count
        items.append(json_text(json.dumps(item, ensure_ascii=False)))
    head = f'{{\n  "format": "{FORMAT}",\n  "version": {VERSION},\n  "findings": ['
    body = ",\n".join(f"    {item}" for item in items)
    return head + ("\n" + body + "\n  ]\n}\n" if items else "]\n}\n")


def apply(report: Report, baseline: Baseline, folders: list[Path]) -> Report:
    """The report with the findings the baseline accepts moved to `suppressed`; entries for the
    plans checked (`folders`) that match nothing any more are counted as stale."""
    left = Counter(baseline.counts)
    kept: list[Finding] = []
    accepted: list[Suppressed] = []
    for finding in report.findings:
        entry = key(finding, baseline.folder)
        if recordable(finding) and left[entry] > 0:
            left[entry] -= 1
            reason = _("in the baseline {file}").format(file=baseline.name)
            accepted.append(Suppressed(finding, "baseline", reason))
        else:
            kept.append(finding)
    checked = _under(folders, baseline.folder)
    stale = sum(n for k, n in left.items() if n > 0 and checked(k[1]))
    suppressed = sorted(report.suppressed + accepted, key=lambda s: s.finding.sort_key)
    return replace(report, findings=kept, suppressed=suppressed, baseline=baseline.name, stale=stale)


def _under(folders: list[Path], base: Path) -> Callable[[str], bool]:
    """Whether a baseline file name (relative to `base`) lies in one of the plan folders."""
    prefixes = tuple(os.path.relpath(os.path.realpath(f), base).replace(os.sep, "/") + "/" for f in folders)
    return lambda file: file.startswith(prefixes)
