"""Run the rule catalogue over plan folders: load, index, check, and apply the settings in force."""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass, field
from pathlib import Path

from fhsplan.config import Settings, as_of_date, ignore_problems, plan_settings, project_settings
from fhsplan.findings import Finding, Report, Severity, Suppressed, sorted_findings
from fhsplan.i18n import follow_plan
from fhsplan.loader import LoadResult, load_folder, unread_files, unread_finding
from fhsplan.plan import Plan
from fhsplan.rules import RULES, Context
from fhsplan.rules.coverage import UNREAD_FILE
from fhsplan.rules.settings import CONFIGURATION, UNUSED_SUPPRESSION
from fhsplan.source import paused_gc
from fhsplan.suppress import apply_inline, apply_paths


def check_plan(plan: Plan, context: Context, severity: Severity | None = None) -> list[Finding]:
    """Every consistency rule over one loaded plan (only the rules of `severity`, if given).

    An edit asks for the errors alone: warnings such as "overdue" would locate every old
    milestone, and building each file's positions for them is most of a large plan's check.
    """
    # No settings apply: a diff and an edit compare what the rules find, not what is reported.
    findings: list[Finding] = []
    for rule in RULES.values():
        if severity is None or rule.severity is severity:
            findings.extend(rule.run(plan, context))
    return findings


@dataclass
class Checked:
    """One plan's findings under the settings in force, and those the settings kept back."""

    name: str
    findings: list[Finding]
    suppressed: list[Suppressed] = field(default_factory=list)
    files: int = 0

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity is Severity.error)


def check_folders(folders: list[Path], as_of: str | None = None) -> Report:
    """Load and check each plan folder, as of `as_of` (a date, `revision` or `today`; default: the
    configuration's, else today); a plan whose files do not load is checked no further."""
    findings: list[Finding] = []
    suppressed: list[Suppressed] = []
    plan_of: dict[str, str] = {}
    files = 0
    # The cyclic collector would rescan the millions of objects a large plan holds at every few
    # thousand allocations (measured: ~30% of a 10k-milestone run); this process is short-lived.
    # Sorting happens inside the pause too, after each plan is let go: on resuming, the collector
    # first scans every object allocated during the pause that is still alive, and a profile
    # blames that on whatever allocates next (issue 9 saw `sort_key` cost 0.43 s for 3,752
    # findings; sorting itself takes 4 ms). 10k milestones with findings: 4.0 s -> 3.3 s.
    with paused_gc():
        for folder in folders:
            checked = check_folder(folder, load_folder(folder), as_of)
            findings.extend(checked.findings)
            suppressed.extend(checked.suppressed)
            files += checked.files
            inside = os.path.realpath(folder) + os.sep
            named = {f.pos.file for f in checked.findings} | {s.finding.pos.file for s in checked.suppressed}
            plan_of.update(
                (file, checked.name) for file in named if os.path.realpath(file).startswith(inside)
            )
        names = [f.resolve().name for f in folders]
        order = sorted(set(suppressed), key=lambda s: s.finding.sort_key)
        return Report(sorted_findings(findings), names, files, order, plan_of)


def check_folder(folder: Path, result: LoadResult, as_of: str | None, errors_only: bool = False) -> Checked:
    """One loaded plan folder's findings under its settings; with `errors_only`, only the rules that
    can give an error under those settings run (what the views need to say a plan is broken)."""
    plan = result.plan
    if plan is not None:
        follow_plan(plan.meta.language)  # its findings in its language, unless --lang said
    settings = plan_settings(plan) if plan is not None else project_settings(folder)
    findings = [*result.findings, *settings.findings]
    if not errors_only or settings.severity_of(UNREAD_FILE) is Severity.error:
        findings.extend(unread_finding(path, folder) for path in unread_files(folder))
    suppressed: list[Suppressed] = []
    if plan is not None:
        findings, suppressed = _checked(plan, settings, findings, as_of, errors_only)
    findings = [_weighed(f, settings) for f in findings if f.code not in settings.disabled]
    findings, by_path = apply_paths(findings, settings.ignores)
    return Checked(folder.resolve().name, findings, suppressed + by_path, result.files)


def _checked(
    plan: Plan, settings: Settings, findings: list[Finding], as_of: str | None, errors_only: bool
) -> tuple[list[Finding], list[Suppressed]]:
    """The rules' findings added to the loader's, with the milestones' `ignore:` entries applied."""
    context = Context(as_of=as_of_date(as_of or settings.as_of, plan))
    # Unused `ignore:` entries can only be told when every rule ran.
    judge = not errors_only or settings.severity_of(UNUSED_SUPPRESSION) is Severity.error
    ran: set[str] = set()
    for rule in RULES.values():
        if rule.check is None or rule.code in settings.disabled:
            continue
        if judge or settings.severity_of(rule) is Severity.error:
            ran.add(rule.code)
            findings.extend(rule.run(plan, context))
    refused = set()
    for n, i, problem in ignore_problems(plan):
        refused.add((n, i))
        findings.append(CONFIGURATION.finding(problem))
    off = set(settings.disabled) if judge else set()
    inline = apply_inline(plan, findings, ran if judge else set(), off, refused)
    return inline.kept + inline.unused, inline.suppressed


def _weighed(finding: Finding, settings: Settings) -> Finding:
    """The finding with the severity the settings give its rule."""
    level = settings.severity.get(finding.code)
    return (
        finding
        if level is None or level is finding.severity
        else dataclasses.replace(finding, severity=level)
    )
