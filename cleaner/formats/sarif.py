"""SARIF 2.1.0, as GitHub code scanning reads it: the rules with their docs, each edit a result with its fix.

Columns count Unicode code points (``columnKind``); a result's level is its
rule's severity (``info`` is SARIF's ``note``); its fix replaces the region
with the edit's replacement.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import quote

from ..model import Rule, Severity
from ..reference import fix_safety
from . import RunReport, relative_path

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVEL: dict[Severity, str] = {"error": "error", "warning": "warning", "info": "note"}


def artifact_uri(name: str) -> str:
    """A path as a SARIF URI: relative ones percent-encoded, absolute ones as ``file://``.

    >>> artifact_uri("news/a b.txt"), artifact_uri("/srv/news/a.txt")
    ('news/a%20b.txt', 'file:///srv/news/a.txt')
    """
    path = relative_path(name)
    return Path(path).as_uri() if Path(path).is_absolute() else quote(path)


def rule_descriptor(rule: Rule) -> dict[str, Any]:
    return {
        "id": rule.full_id,
        "name": rule.id,
        "shortDescription": {"text": rule.message},
        "fullDescription": {"text": rule.why},
        "help": {"text": f"{rule.why}\n\n{fix_safety(rule)}", "markdown": f"{rule.why}\n\n{fix_safety(rule)}"},
        "defaultConfiguration": {"level": LEVEL[rule.severity]},
        "properties": {"tags": [rule.pack, rule.safety], "kind": rule.kind_name, "phase": rule.phase, "safety": rule.safety, "preview": rule.preview},
    }


def sarif_report(run: RunReport) -> str:
    rules = sorted(run.rules.values(), key=lambda r: r.full_id)
    index = {rule.full_id: number for number, rule in enumerate(rules)}
    results = []
    for report, edit, fingerprint, (end_line, end_column) in run.edits():
        uri = artifact_uri(report.file)
        # A record's edits lie inside one JSON string: the region is the record's line, the message says where in its text.
        region = (
            {"startLine": report.record_line}
            if report.record
            else {"startLine": edit.line, "startColumn": edit.column, "endLine": end_line, "endColumn": end_column}
        )
        original = report.result.source[edit.start : edit.end]
        result: dict[str, Any] = {
            "ruleId": edit.rule,
            "level": LEVEL[run.severity(edit)],
            "message": {"text": report.place(edit) + edit.message},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri}, "region": {**region, "snippet": {"text": original}}}}],
            "partialFingerprints": {"cleaner/v1": fingerprint},
            "fixes": [
                {
                    "description": {"text": f"Replace {original!r} with {edit.replacement!r}"},
                    "artifactChanges": [
                        {"artifactLocation": {"uri": uri}, "replacements": [{"deletedRegion": region, "insertedContent": {"text": edit.replacement}}]}
                    ],
                }
            ],
            "properties": {"safety": edit.safety, "applies": report.applies(edit), "rules": list(edit.all_rules)},
        }
        if report.record:  # a replacement inside a JSON string is not a replacement of the file's text
            del result["fixes"]
            del result["locations"][0]["physicalLocation"]["region"]["snippet"]
        if edit.rule in index:
            result["ruleIndex"] = index[edit.rule]
        results.append(result)
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": {"name": "cleaner", "version": run.version, "rules": [rule_descriptor(rule) for rule in rules]}},
                "columnKind": "unicodeCodePoints",
                "results": results,
                "invocations": [
                    {
                        "executionSuccessful": not run.errors,
                        "toolExecutionNotifications": [{"level": "error", "message": {"text": message}} for message in run.errors],
                    }
                ],
                "properties": {"rulesVersion": run.rules_version},
            }
        ],
    }
    return json.dumps(log, ensure_ascii=False, indent=2)
