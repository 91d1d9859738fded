"""Every example of every shipped rule is a test case; every shipped rule must carry both kinds of example."""

from __future__ import annotations

import pytest

from cleaner.rulebook import Example, Rule, load_rulebook
from cleaner.testing import run_example

BOOK = load_rulebook()
CASES = [(rule, example) for rule in BOOK for example in rule.examples]


@pytest.mark.parametrize(("rule", "example"), CASES, ids=[f"{r.full_id}:{e.line}" for r, e in CASES])
def test_shipped_example(rule: Rule, example: Example) -> None:
    assert run_example(rule, example) == example.after


@pytest.mark.parametrize("rule", list(BOOK), ids=[r.full_id for r in BOOK])
def test_shipped_rule_has_a_changing_and_an_unchanged_example(rule: Rule) -> None:
    assert any(not e.unchanged for e in rule.examples), f"{rule.full_id} has no before/after example"
    assert any(e.unchanged for e in rule.examples), f"{rule.full_id} has no unchanged example"


@pytest.mark.parametrize("rule", list(BOOK), ids=[r.full_id for r in BOOK])
def test_shipped_rule_documents_itself(rule: Rule) -> None:
    assert rule.why and rule.message and not rule.message.endswith(".")
