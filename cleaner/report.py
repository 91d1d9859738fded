"""Views of the same edits: concise and full diagnostics, JSON, GitHub annotations, unified diff (SARIF, JUnit and GitLab in ``formats``)."""

from __future__ import annotations

import difflib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Literal

from .model import Edit, LineIndex, Result

OutputFormat = Literal["concise", "full", "json", "github", "diff", "sarif", "junit", "gitlab"]
FORMATS: tuple[OutputFormat, ...] = ("concise", "full", "json", "github", "diff", "sarif", "junit", "gitlab")
GITHUB_COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}
"""The workflow command that shows a rule's severity as a GitHub annotation."""


@dataclass(frozen=True)
class Report:
    """One document's findings, ready for any view: the one edit list, and which of its edits ``fix`` applies."""

    name: str
    result: Result
    edits: tuple[Edit, ...]
    record: bool = False
    """Whether the document is a record of a JSONL file: ``name`` is then ``FILE:RECORD`` (RECORD its 1-based line in FILE)."""

    @property
    def file(self) -> str:
        """The file the document is in: ``name``, or for a record, the JSONL file."""
        return self.name.rpartition(":")[0] if self.record else self.name

    @property
    def record_line(self) -> int:
        """The line of the JSONL file that holds the record (0 when not a record)."""
        return int(self.name.rpartition(":")[2]) if self.record else 0

    def place(self, edit: Edit) -> str:
        """Where an edit is, for a message that names the file only: empty for a document, ``record 3, line 2, column 5: `` for a record."""
        return f"record {self.record_line}, line {edit.line}, column {edit.column}: " if self.record else ""

    @cached_property
    def applied(self) -> frozenset[Edit]:
        return frozenset(self.result.edits)

    def applies(self, edit: Edit) -> bool:
        """Whether ``cleaner fix`` with the same settings applies ``edit`` (the ``[*]`` mark)."""
        return edit in self.applied

    @property
    def fixable(self) -> int:
        return sum(1 for e in self.edits if self.applies(e))


@dataclass
class Counts:
    """What happened over a run, for its summary: documents, edits, and errors."""

    files: int = 0
    files_with_edits: int = 0
    edits: int = 0
    fixable: int = 0
    held_back: int = 0
    blocked: int = 0
    blocked_files: int = 0
    written: int = 0
    applied: int = 0
    records: int = 0
    """How many of the documents were records of JSONL files."""
    error_lines: list[str] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return len(self.error_lines)

    @property
    def noun(self) -> str:
        """What the documents of the run were: files, JSONL records, or both."""
        if not self.records:
            return "file"
        return "record" if self.records == self.files else "document"

    def add(self, report: Report, *, written: bool = False) -> None:
        self.files += 1
        self.records += report.record
        self.edits += len(report.edits)
        self.files_with_edits += bool(report.edits)
        fixable = report.fixable
        self.fixable += fixable
        if report.result.skipped:
            self.blocked += len(report.edits)
            self.blocked_files += 1
        else:
            self.held_back += len(report.edits) - fixable
        if written:
            self.written += 1
            self.applied += len(report.result.edits)


def _plural(count: int, noun: str, plural: str | None = None) -> str:
    return f"{count} {noun if count == 1 else plural or noun + 's'}"


def _tail(counts: Counts) -> list[str]:
    lines = []
    if counts.held_back:
        lines.append(f"{_plural(counts.held_back, 'unsafe fix', 'unsafe fixes')} held back (enable with `--unsafe-fixes`).")
    if counts.blocked:
        lines.append(
            f"{_plural(counts.blocked, 'edit')} in {_plural(counts.blocked_files, counts.noun)} blocked by --max-removed (`cleaner fix --force` applies them)."
        )
    if counts.errors:
        lines.append(f"{_plural(counts.errors, 'error')} (see above).")
    return lines


def check_summary(counts: Counts) -> str:
    """The last lines of ``check``: what was found, what ``fix`` would do with it, and the errors."""
    if not counts.files:
        return "\n".join(["No files checked.", *_tail(counts)])
    if not counts.edits:
        checked = _plural(counts.files, counts.noun)
        head = f"All clean: no edits pending in {checked}." if not counts.errors else f"No edits pending in {checked} checked."
        return "\n".join([head, *_tail(counts)])
    lines = [f"Found {_plural(counts.edits, 'edit')} in {_plural(counts.files_with_edits, counts.noun)}."]
    if counts.fixable:
        lines.append(f"[*] {counts.fixable} fixable with `cleaner fix`.")
    return "\n".join(lines + _tail(counts))


def fix_summary(counts: Counts, *, diff: bool = False) -> str:
    """The last line of ``fix``: edits applied in files written (or that would be), then what was left and the errors."""
    verb = "Would fix" if diff else "Fixed"
    return " ".join([f"{verb} {_plural(counts.applied, 'edit')} in {_plural(counts.written, counts.noun)}.", *_tail(counts)])


def concise(report: Report, edit: Edit) -> str:
    mark = " [*]" if report.applies(edit) else ""
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
    safety = "" if edit.safe else " (unsafe)" if report.applies(edit) else " (unsafe: applied with --unsafe-fixes)"
    return f"{concise(report, edit)}\n{gutter}{text}\n{caret}\n  = help: {help_text}{safety}{extra}\n"


def github(report: Report, edit: Edit, *, severity: str = "warning") -> str:
    def escape(value: str) -> str:
        return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

    def escape_property(value: str) -> str:
        return escape(value).replace(":", "%3A").replace(",", "%2C")

    return (
        f"::{GITHUB_COMMANDS[severity]} title={escape_property('cleaner (' + edit.rule + ')')},file={escape_property(report.file)},"
        f"line={report.record_line or edit.line}{'' if report.record else f',col={edit.column}'}::{escape(concise(report, edit))}"
    )


def unified_diff(name: str, before: str, after: str) -> str:
    lines = difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True), f"a/{name}", f"b/{name}")
    out = []
    for line in lines:
        out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(out)


def edit_json(edit: Edit, source: str, lines: LineIndex, *, applies: bool) -> dict[str, Any]:
    end_line, end_column = lines.position(edit.end)
    return {
        "rule": edit.rule,
        "rules": list(edit.all_rules),
        "safety": edit.safety,
        "applies": applies,
        "message": edit.message,
        "start": edit.start,
        "end": edit.end,
        "line": edit.line,
        "column": edit.column,
        "end_line": end_line,
        "end_column": end_column,
        "original": source[edit.start : edit.end],
        "replacement": edit.replacement,
        "details": {key: value if isinstance(value, str | int | float | bool) or value is None else str(value) for key, value in edit.details},
    }


def json_document(report: Report) -> dict[str, Any]:
    result = report.result
    lines = LineIndex(result.source)
    place = {"file": report.file, "record": report.record_line} if report.record else {}
    return {
        "path": report.name,
        **place,
        "language": result.language,
        "language_confidence": result.language_confidence,
        "changed": bool(report.edits),
        "skipped": result.skipped,
        "warnings": list(result.warnings),
        "edits": [edit_json(e, result.source, lines, applies=report.applies(e)) for e in report.edits],
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
