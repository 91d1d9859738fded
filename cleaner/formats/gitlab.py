"""GitLab code quality: a JSON array of issues, the fields GitLab's "Code Quality report format" lists.

``description``, ``check_name``, ``fingerprint``, ``severity`` (``info``,
``minor``, ``major``, ``critical`` or ``blocker``), ``location.path`` (relative)
and ``location.lines.begin``; see
https://docs.gitlab.com/ci/testing/code_quality/#code-quality-report-format.
GitLab ignores other Code Climate fields, and its parser refuses a byte-order mark.
"""

from __future__ import annotations

import json

from ..model import Severity
from . import RunReport, relative_path

SEVERITY: dict[Severity, str] = {"error": "major", "warning": "minor", "info": "info"}


def gitlab_report(run: RunReport) -> str:
    issues = []
    for report, edit, fingerprint, (end_line, _) in run.edits():
        issues.append(
            {
                "description": f"{report.place(edit)}{edit.message} ({edit.safety} fix)",
                "check_name": edit.rule,
                "fingerprint": fingerprint,
                "severity": SEVERITY[run.severity(edit)],
                "location": {"path": relative_path(report.file), "lines": {"begin": report.record_line or edit.line, "end": report.record_line or end_line}},
            }
        )
    return json.dumps(issues, ensure_ascii=False, indent=2)
