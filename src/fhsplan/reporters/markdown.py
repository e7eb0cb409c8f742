"""Every finding as Markdown tables, grouped by plan and file: the GitHub job summary (issue #13).

Annotations are capped by GitHub; the job summary is not (up to 1 MiB per step), so it is where a
reviewer finds all of them. Plans and files the pull request changed come first.
"""

from __future__ import annotations

from collections import Counter
from itertools import groupby

from fhsplan import i18n
from fhsplan.escape import markdown, markdown_code
from fhsplan.findings import Finding, Report, Severity, Suppressed
from fhsplan.i18n import N_, _, ngettext
from fhsplan.reporters.github import annotated, annotation_counts
from fhsplan.reporters.text import counted, held_back, severity_word

# GitHub refuses a step summary over 1 MiB; rows stop short of it, with room for the closing note.
MAX_BYTES = 1024 * 1024 - 4096
_BADGE = {Severity.error: "❌", Severity.warning: "⚠️"}
_OTHERS = N_("(not in a plan)")  # a key of the plans' groups; translated where it is shown


def render(report: Report, colour: bool) -> str:
    """A heading, the counts, then one table per file under a heading per plan."""
    out = _Budget()
    out.add(f"## fhsplan validate\n\n{_headline(report)}\n")
    shown, _rest = annotated(report)
    if report.findings:
        counts = annotation_counts(report, shown)
        note = _("Shown as annotations: {counts}. Every finding is listed here.").format(
            counts=markdown(counts)
        )
        out.add(f"\n{note}\n")
    held = held_back(report)
    if held:
        out.add("\n" + _("Not reported: {held}.").format(held=markdown(held)) + "\n")
    left = len(report.findings)
    for plan, findings in _by_plan(report):
        out.add(f"\n### {_plan_title(plan, findings)}\n")
        for file, group in _by_file(findings, report.changed):
            mark = _(" · changed") if file in report.changed else ""
            rows = [_row(f, report) for f in group]
            columns = _("| Line | Severity | Rule | Message |")
            head = f"\n#### {markdown_code(report.repo_path(file))}{mark}\n\n{columns}\n|---:|---|---|---|\n"
            if not out.fits(head + rows[0]):
                return out.close(left)
            out.add(head)
            for row in rows:
                if not out.fits(row):
                    return out.close(left)
                out.add(row)
                left -= 1
    inline = [s for s in report.suppressed if s.how == "inline"]
    if inline:
        out.add(_ignored(inline, report))
    return out.text()


def _headline(report: Report) -> str:
    mark = "❌" if report.errors else ("⚠️" if report.warnings else "✅")
    n = len(report.plans)
    return _("{mark} **{errors}, {warnings}** in {plans} ({names}), {files}.").format(
        mark=mark,
        errors=counted(Severity.error, report.errors),
        warnings=counted(Severity.warning, report.warnings),
        plans=ngettext("{n} plan", "{n} plans", n).format(n=i18n.number(n)),
        names=", ".join(markdown_code(p) for p in report.plans),
        files=ngettext("{n} file checked", "{n} files checked", report.files).format(
            n=i18n.number(report.files)
        ),
    )


def _by_plan(report: Report) -> list[tuple[str, list[Finding]]]:
    """The findings per plan: plans with changed files first, then in the report's order."""
    groups: dict[str, list[Finding]] = {p: [] for p in report.plans}
    for finding in report.findings:
        groups.setdefault(report.plan_of.get(finding.pos.file, _OTHERS), []).append(finding)
    order = {p: i for i, p in enumerate(groups)}

    def rank(item: tuple[str, list[Finding]]) -> tuple[int, int]:
        touched = any(f.pos.file in report.changed for f in item[1])
        return (0 if touched else 1, order[item[0]])

    return sorted(((p, fs) for p, fs in groups.items() if fs), key=rank)


def _by_file(findings: list[Finding], changed: frozenset[str]) -> list[tuple[str, list[Finding]]]:
    """The findings per file, changed files first, each file's in line order."""
    groups = [(file, list(group)) for file, group in groupby(findings, key=lambda f: f.pos.file)]
    return sorted(groups, key=lambda g: (0 if g[0] in changed else 1, g[0]))


def _plan_title(plan: str, findings: list[Finding]) -> str:
    counts = Counter(f.severity for f in findings)
    parts = ", ".join(counted(s, counts[s]) for s in (Severity.error, Severity.warning) if counts[s])
    if plan == _OTHERS:
        return f"{markdown(_(_OTHERS))}: {parts}"
    return _("Plan {name}: {counts}").format(name=markdown_code(plan), counts=parts)


def _row(finding: Finding, report: Report) -> str:
    return (
        f"| {finding.pos.line}:{finding.pos.col} | {_BADGE[finding.severity]} {severity_word(finding.severity)} "
        f"| {_rule(finding.code, report)} "
        f"| {markdown(finding.message)} |\n"
    )


def _rule(code: str, report: Report) -> str:
    if report.rules_url is None:
        return code
    return f"[{code}]({_link(report.rules_url)}#{code.lower()})"


def _link(url: str) -> str:
    """A URL from the configuration as a Markdown link target: nothing in it can end the link."""
    from urllib.parse import quote

    # Parentheses, angle brackets, spaces, quotes and backslashes are percent-encoded.
    return quote(url, safe=":/?#[]@!$&*+,;=%-._~")


def _ignored(inline: list[Suppressed], report: Report) -> str:
    rows = "".join(
        f"| {markdown_code(report.repo_path(s.finding.pos.file))}:{s.finding.pos.line} "
        f"| {_rule(s.finding.code, report)} | {markdown(s.finding.message)} | {markdown(s.reason)} |\n"
        for s in inline
    )
    head = _("| Where | Rule | Finding | Reason |") + "\n|---|---|---|---|\n"
    title = ngettext(
        "{n} finding ignored on their milestone, with the reason given",
        "{n} findings ignored on their milestone, with the reason given",
        len(inline),
    ).format(n=i18n.number(len(inline)))
    return f"\n<details><summary>{markdown(title)}</summary>\n\n{head}{rows}\n</details>\n"


class _Budget:
    """The summary's text, kept under GitHub's size limit, counted in UTF-8 bytes as GitHub does."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.size = 0

    def fits(self, text: str) -> bool:
        return self.size + len(text.encode("utf-8")) <= MAX_BYTES

    def add(self, text: str) -> None:
        self.parts.append(text)
        self.size += len(text.encode("utf-8"))

    def close(self, left: int) -> str:
        note = ngettext(
            "… and {n} more finding: a job summary holds 1 MiB. `fhsplan validate` lists them all.",
            "… and {n} more findings: a job summary holds 1 MiB. `fhsplan validate` lists them all.",
            left,
        ).format(n=i18n.number(left))
        return self.text() + f"\n{note}\n"

    def text(self) -> str:
        return "".join(self.parts)
