"""``--statistics``: one line per rule with how many edits it made, how many ``fix`` applies, and how many are safe.

>>> from cleaner.model import Edit, Result
>>> from cleaner.report import Report
>>> edits = (Edit(0, 1, "A", "p/cap", "m"), Edit(2, 3, "", "p/cut", "m", safe=False), Edit(4, 5, "B", "p/cap", "m"))
>>> result = Result("a b c d e", "A b  B", edits=(edits[0], edits[2]), pending=(edits[1],))
>>> print(statistics_table(rule_statistics([Report("a.txt", result, edits)])))
count  fixable  safe  unsafe  severity  rule
    2        2     2       0  warning   p/cap
    1        0     0       1  warning   p/cut
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass

from .model import Rule
from .report import Report


@dataclass
class RuleStatistics:
    rule: str
    count: int = 0
    fixable: int = 0
    safe: int = 0
    unsafe: int = 0
    severity: str = "warning"


def rule_statistics(reports: Sequence[Report], rules: Mapping[str, Rule] | None = None) -> list[RuleStatistics]:
    """Per rule, most edits first: counts over every report."""
    found: dict[str, RuleStatistics] = {}
    for report in reports:
        for edit in report.edits:
            rule = (rules or {}).get(edit.rule)
            entry = found.setdefault(edit.rule, RuleStatistics(edit.rule, severity=rule.severity if rule else "warning"))
            entry.count += 1
            entry.fixable += report.applies(edit)
            if edit.safe:
                entry.safe += 1
            else:
                entry.unsafe += 1
    return sorted(found.values(), key=lambda s: (-s.count, s.rule))


def statistics_table(rows: Sequence[RuleStatistics]) -> str:
    lines = ["count  fixable  safe  unsafe  severity  rule"]
    for row in rows:
        lines.append(f"{row.count:>5}  {row.fixable:>7}  {row.safe:>4}  {row.unsafe:>6}  {row.severity:<8}  {row.rule}")
    return "\n".join(lines)


def statistics_json(rows: Sequence[RuleStatistics]) -> str:
    return json.dumps([asdict(row) for row in rows], indent=2)
