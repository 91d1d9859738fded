"""Views of the same edits: concise and full diagnostics, JSON, GitHub annotations, unified diff."""

from __future__ import annotations

import difflib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from .model import Edit, LineIndex, Result

OutputFormat = Literal["concise", "full", "json", "github", "diff"]
FORMATS: tuple[OutputFormat, ...] = ("concise", "full", "json", "github", "diff")


@dataclass(frozen=True)
class Report:
    """One document's findings, ready for any view."""

    name: str
    result: Result
    edits: tuple[Edit, ...]

    @property
    def fixable(self) -> int:
        return sum(1 for e in self.edits if e.safe)


def concise(report: Report, edit: Edit) -> str:
    mark = " [*]" if edit.safe else ""
    return f"{report.name}:{edit.line}:{edit.column}: {edit.rule}{mark} {edit.message}"


def _show(text: str, limit: int = 60) -> str:
    shown = text.replace("\n", "⏎")
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


def full(report: Report, edit: Edit) -> str:
    source = report.result.source
    line_start = source.rfind("\n", 0, edit.start) + 1
    line_end = source.find("\n", edit.start)
    line_end = len(source) if line_end == -1 else line_end
    text = source[line_start:line_end]
    width = max(1, min(edit.end, line_end) - edit.start)
    gutter = f"{edit.line} | "
    caret = " " * (len(gutter) + edit.start - line_start) + "^" * width
    before = source[edit.start : edit.end]
    if not edit.replacement:
        help_text = f"Remove {_show(before)!r}"
    elif not before:
        help_text = f"Insert {_show(edit.replacement)!r}"
    else:
        help_text = f"Replace {_show(before)!r} with {_show(edit.replacement)!r}"
    extra = f"\n  = also: {', '.join(edit.all_rules[1:])}" if len(edit.all_rules) > 1 else ""
    safety = "" if edit.safe else " (unsafe: applied with --unsafe-fixes)"
    return f"{concise(report, edit)}\n{gutter}{text}\n{caret}\n  = help: {help_text}{safety}{extra}\n"


def github(report: Report, edit: Edit) -> str:
    def escape(value: str) -> str:
        return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

    def escape_property(value: str) -> str:
        return escape(value).replace(":", "%3A").replace(",", "%2C")

    return (
        f"::warning title={escape_property('cleaner (' + edit.rule + ')')},file={escape_property(report.name)},"
        f"line={edit.line},col={edit.column}::{escape(concise(report, edit))}"
    )


def unified_diff(name: str, before: str, after: str) -> str:
    lines = difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True), f"a/{name}", f"b/{name}")
    out = []
    for line in lines:
        out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(out)


def edit_json(edit: Edit, source: str, lines: LineIndex) -> dict[str, Any]:
    end_line, end_column = lines.position(edit.end)
    return {
        "rule": edit.rule,
        "rules": list(edit.all_rules),
        "safety": edit.safety,
        "message": edit.message,
        "start": edit.start,
        "end": edit.end,
        "line": edit.line,
        "column": edit.column,
        "end_line": end_line,
        "end_column": end_column,
        "original": source[edit.start : edit.end],
        "replacement": edit.replacement,
    }


def json_document(report: Report) -> dict[str, Any]:
    result = report.result
    lines = LineIndex(result.source)
    return {
        "path": report.name,
        "language": result.language,
        "language_confidence": result.language_confidence,
        "changed": bool(report.edits),
        "skipped": result.skipped,
        "warnings": list(result.warnings),
        "edits": [edit_json(e, result.source, lines) for e in report.edits],
    }


def json_report(reports: Sequence[Report], *, version: str, rules_version: str, errors: Sequence[str] = ()) -> str:
    payload = {
        "tool": "cleaner",
        "version": version,
        "rules_version": rules_version,
        "documents": [json_document(r) for r in reports],
        "errors": list(errors),
    }
    return json.dumps(payload, ensure_ascii=False, indent=2)


def summary(reports: Sequence[Report], *, unsafe: bool) -> str:
    total = sum(len(r.edits) for r in reports)
    files = sum(1 for r in reports if r.edits)
    if not total:
        return "All clean: no edits pending."
    fixable = sum(r.fixable for r in reports)
    held = total - fixable
    noun = "edit" if total == 1 else "edits"
    text = f"Found {total} {noun} in {files} {'file' if files == 1 else 'files'}."
    if fixable:
        text += f"\n[*] {fixable} fixable with `cleaner fix`."
    if held:
        hint = "" if unsafe else " (enable with `--unsafe-fixes`)"
        text += f"\n{held} unsafe {'fix' if held == 1 else 'fixes'} held back{hint}."
    return text
