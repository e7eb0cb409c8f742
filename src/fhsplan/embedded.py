"""The plans and files that ship inside the package, so fhsplan works after `pip install` anywhere.

In this repository `src/fhsplan/examples` is a symbolic link to `plan/` and `src/fhsplan/workflow.yml`
one to `.github/workflows/fhsplan.yml`: strategists keep editing `plan/`, the pull-request
workflow keeps reviewing it, and a wheel or sdist carries copies of the same files (setuptools
follows the links; issue #13). There is one copy of each in the repository.
"""

from __future__ import annotations

from pathlib import Path

_HERE = Path(__file__).resolve().parent
EXAMPLES = _HERE / "examples"
WORKFLOW = _HERE / "workflow.yml"


def example_names() -> list[str]:
    """The embedded plans by folder name: skane-fhs, vastmanland-digitalisering, …"""
    if not EXAMPLES.is_dir():
        return []
    return sorted(p.parent.name for p in EXAMPLES.glob("*/plan.yaml"))


def example(name: str) -> Path | None:
    """The folder of the embedded plan `name`, or None when there is none of that name."""
    return EXAMPLES / name if name in example_names() else None


def workflow_text() -> bytes:
    """The GitHub workflow that reviews plan pull requests, as this repository runs it."""
    return WORKFLOW.read_bytes()
