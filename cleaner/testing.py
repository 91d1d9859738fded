"""Runs the examples every rule carries: each through its own rule alone, to a fixpoint, unsafe edits applied."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .engine import Engine
from .model import Example, Rule


@dataclass(frozen=True)
class ExampleFailure:
    rule: Rule
    example: Example
    actual: str

    def describe(self) -> str:
        kind = "unchanged example" if self.example.unchanged else "example"
        return (
            f"FAIL {self.rule.full_id} ({self.rule.path}:{self.example.line}): {kind}\n"
            f"  input:    {self.example.before!r}\n"
            f"  expected: {self.example.after!r}\n"
            f"  actual:   {self.actual!r}"
        )


def run_example(rule: Rule, example: Example) -> str:
    """The text ``rule`` alone makes of the example's input."""
    engine = Engine([rule])
    language = rule.languages[0] if rule.languages else None
    return engine.run(example.before, path=f"{rule.full_id}:example", unsafe=True, language=language, max_removed=None).text


def run_examples(rules: Iterable[Rule]) -> tuple[list[ExampleFailure], int]:
    """Failures and the number of examples run."""
    failures: list[ExampleFailure] = []
    total = 0
    for rule in rules:
        for example in rule.examples:
            total += 1
            actual = run_example(rule, example)
            if actual != example.after:
                failures.append(ExampleFailure(rule, example, actual))
    return failures, total
