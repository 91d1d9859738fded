"""JUnit XML: a test suite per document, a failing test case per edit, a passing one for a clean document.

Each failure's ``type`` is the rule's severity and its text the diagnostic
line; errors (unreadable files) are ``<error>`` cases of a suite named ``cleaner``.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from ..report import concise
from . import RunReport


def junit_report(run: RunReport) -> str:
    root = ET.Element("testsuites", name="cleaner")
    cases: dict[str, list[ET.Element]] = {}
    for report in run.reports:
        cases.setdefault(report.name, [])
    for report, edit, _, _ in run.edits():
        case = ET.Element(
            "testcase", name=f"{edit.rule} at {edit.line}:{edit.column}", classname=report.name, file=report.file, line=str(report.record_line or edit.line)
        )
        failure = ET.SubElement(case, "failure", message=edit.message, type=run.severity(edit))
        failure.text = concise(report, edit)
        cases[report.name].append(case)
    totals = {"tests": 0, "failures": 0, "errors": 0}
    for name, found in cases.items():
        suite = ET.SubElement(root, "testsuite", name=name, tests=str(max(1, len(found))), failures=str(len(found)), errors="0", skipped="0")
        if found:
            suite.extend(found)
        else:
            ET.SubElement(suite, "testcase", name="no edits pending", classname=name, file=name)
        totals["tests"] += max(1, len(found))
        totals["failures"] += len(found)
    if run.errors:
        suite = ET.SubElement(root, "testsuite", name="cleaner", tests=str(len(run.errors)), failures="0", errors=str(len(run.errors)), skipped="0")
        for number, message in enumerate(run.errors, 1):
            case = ET.SubElement(suite, "testcase", name=f"error {number}", classname="cleaner")
            ET.SubElement(case, "error", message=message, type="error").text = message
        totals["tests"] += len(run.errors)
        totals["errors"] += len(run.errors)
    for key, value in totals.items():
        root.set(key, str(value))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode")
