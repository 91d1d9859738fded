"""Whole-run output formats that CI systems read: SARIF, JUnit XML and GitLab code quality.

Each is a view of the same edits as ``concise`` and ``json``, written once
after every document is checked, and carries each rule's severity.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..model import Edit, LineIndex, Rule, Severity
from ..report import Report


@dataclass(frozen=True)
class RunReport:
    """Everything a whole-run format shows: each document's report, the rules behind them, and the errors."""

    reports: Sequence[Report]
    rules: Mapping[str, Rule]
    version: str
    rules_version: str
    errors: Sequence[str] = field(default_factory=tuple)

    def severity(self, edit: Edit) -> Severity:
        rule = self.rules.get(edit.rule)
        return rule.severity if rule is not None else "warning"

    def edits(self) -> Iterator[tuple[Report, Edit, str, tuple[int, int]]]:
        """Each edit with its report, its fingerprint and its end (line, column)."""
        for report in self.reports:
            lines = LineIndex(report.result.source)
            seen: dict[str, int] = {}
            for edit in report.edits:
                key = fingerprint_key(report, edit)
                seen[key] = seen.get(key, 0) + 1
                yield report, edit, fingerprint(key, seen[key]), lines.position(edit.end)


def fingerprint_key(report: Report, edit: Edit) -> str:
    source = report.result.source
    return "\0".join((report.name, edit.rule, source[edit.start : edit.end], edit.replacement))


def fingerprint(key: str, occurrence: int) -> str:
    """Stable across runs and across lines added above the edit: the path, rule, text and replacement, and which occurrence of them it is.

    >>> fingerprint("a.txt\\0r\\0x\\0y", 1) == fingerprint("a.txt\\0r\\0x\\0y", 1) != fingerprint("a.txt\\0r\\0x\\0y", 2)
    True
    """
    return hashlib.md5(f"{key}\0{occurrence}".encode(), usedforsecurity=False).hexdigest()


def relative_path(name: str) -> str:
    """A reported path as CI tools want it: relative to the working folder when it lies inside it, with forward slashes."""
    path = Path(name)
    if path.is_absolute():
        try:
            path = path.relative_to(Path.cwd())
        except ValueError:
            return path.as_posix()
    return path.as_posix()


def _formatters() -> dict[str, Callable[[RunReport], str]]:
    from .gitlab import gitlab_report
    from .junit import junit_report
    from .sarif import sarif_report

    return {"sarif": sarif_report, "junit": junit_report, "gitlab": gitlab_report}


RUN_FORMATS = ("sarif", "junit", "gitlab")


def render(name: str, run: RunReport) -> str:
    """The whole-run format ``name`` (one of :data:`RUN_FORMATS`) of ``run``."""
    return _formatters()[name](run)
