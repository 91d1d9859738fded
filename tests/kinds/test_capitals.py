"""The ``capitals`` kind: stray capitals from link text, and the names, titles and sentence starts that keep theirs."""

from __future__ import annotations

from functools import lru_cache

import pytest

from cleaner.engine import Engine
from cleaner.kinds import OptionError
from cleaner.kinds.capitals import CapitalsFinder, lower_stray_capitals
from cleaner.model import Result
from cleaner.rulebook import Rule, load_rulebook


@lru_cache(maxsize=2)
def rule(full_id: str) -> Rule:
    found = load_rulebook().get(full_id)
    assert found is not None
    return found


def run(text: str, *, unsafe: bool) -> Result:
    rules = [rule("structure/stray-capital"), rule("structure/stray-capital-before-name")]
    return Engine(rules).run(text, unsafe=unsafe, language="en", max_removed=None)


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("held by Russia, along with The recently reached grain agreement", "held by Russia, along with the recently reached grain agreement"),
        ("between Russia and the United States, but No concrete result yet", "between Russia and the United States, but no concrete result yet"),
        ("his team achieved A good result despite injuries", "his team achieved a good result despite injuries"),
        ("the team also won An important silver medal", "the team also won an important silver medal"),
        ("not be enough for a week, given These difficult circumstances", "not be enough for a week, given these difficult circumstances"),
        ("the court ruled over Its jurisdiction", "the court ruled over its jurisdiction"),
        ("the company has No plans to sell", "the company has no plans to sell"),
    ],
)
def test_function_words_are_lowercased_safely(before: str, after: str) -> None:
    result = run(before, unsafe=False)
    assert result.text == after
    assert all(edit.safe for edit in result.edits)


@pytest.mark.parametrize(
    "text",
    [
        "In this context, she emphasized American media The administration of President Joe Biden will propose it.",
        "Judges in The Hague read The New York Times and the No. 10 briefing.",
        "Everything from A to Z, and items in A after B, as in A minus B.",
        "The deal: The terms were set. “The talks,” he said. The end.",
        "  • The recently reached deal\n- No concrete result yet",
        "The Russian Foreign Ministry, the State Department and the Shanghai Cooperation Organization met.",
        "President Joe Biden met Secretary of State Antony Blinken.",
        "He said The war is over, and she told No one.",
        "act on Your own behalf and on Your sole responsibility",
        "unmodified\tThe buffer is now unmodified.",
        "and This is why the talks failed.",
        "Trading in A shares and B shares resumed.",
        "She voted for No in the referendum.",
    ],
)
def test_names_titles_and_sentence_starts_keep_their_capitals(text: str) -> None:
    assert run(text, unsafe=True).text == text


def test_modifier_before_a_name_is_lowercased_only_as_unsafe() -> None:
    text = "Moscow announced the success of the exchange deal Former US Marine Trevor Reed and a pilot."
    safe_run = run(text, unsafe=False)
    assert safe_run.text == text
    assert [e.message for e in safe_run.pending] == ["Stray capital in 'deal Former'"]
    assert run(text, unsafe=True).text == text.replace("deal Former", "deal former")


@pytest.mark.parametrize(
    "text",
    [
        "Former President Donald Trump spoke on Monday.",
        "She said Former Secretary Clinton agreed.",
        "He toured the Late Show studio with the Retired Officers Club.",
        "the deal Former partners signed",
        "officials reportedly Former aides of the minister",
    ],
)
def test_modifier_left_alone_where_it_may_belong_to_a_name(text: str) -> None:
    assert run(text, unsafe=True).text == text


def test_fix_is_a_fixpoint() -> None:
    text = "along with The recently reached deal, but No concrete result, the exchange deal Former US Marine Trevor Reed."
    once = run(text, unsafe=True).text
    assert run(once, unsafe=True).edits == ()


def test_unknown_mode_is_refused_with_the_allowed_values() -> None:
    with pytest.raises(OptionError, match="function-word"):
        CapitalsFinder("verbs", ["The"])


def test_custom_word_list_limits_what_is_lowercased() -> None:
    finder = CapitalsFinder("function-word", ["no"])
    text = "along with The recently reached deal, but No concrete result"
    assert [text[s:e] for s, e, _, _ in finder.find(text)] == ["No"]


def test_helper_lowercases_only_function_words() -> None:
    assert lower_stray_capitals("along with The recently reached deal") == "along with the recently reached deal"


def test_after_a_passive_participle_the_capital_is_left_alone() -> None:
    text = "The meeting was postponed The minister said nothing, and the target was reached This week."
    assert run(text, unsafe=True).text == text
