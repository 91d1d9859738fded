from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cleaner.engine import Engine
from cleaner.kinds.quotes import place_closing, place_opening, read_paragraph
from cleaner.rulebook import Rule, load_rulebook

ROOT = Path(__file__).resolve().parent.parent.parent
SEED = ROOT / "fixtures" / "articles" / "seed-lavrov-blinken.txt"
BOOK = list(load_rulebook([], default_rules=True))
MISDIRECTED = next(r for r in BOOK if r.full_id == "quotes/misdirected-quote")
UNBALANCED = next(r for r in BOOK if r.full_id == "quotes/unbalanced-quotes")


def run(text: str, *rules: Rule, unsafe: bool = True) -> str:
    return Engine(list(rules or (MISDIRECTED, UNBALANCED))).run(text, unsafe=unsafe, language="en").text


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("but No concrete result yet“.", None),
        ("Zakharova said that “the talks go on, but no concrete result yet“.", "Zakharova said that “the talks go on, but no concrete result yet”."),
        ("Tehran “has never left the table in 2018.“", "Tehran “has never left the table in 2018.”"),
        ("“We are ready,“ he said. “We will win.”", "“We are ready,” he said. “We will win.”"),
        ("He said ”we will win” and left.", "He said “we will win” and left."),
        ("Officials said (”no comment”) twice.", "Officials said (“no comment”) twice."),
        ("She called it a ‘historic deal‘, he said.", "She called it a ‘historic deal’, he said."),
        ("It was ‘the team’s best game‘ in years.", "It was ‘the team’s best game’ in years."),
    ],
)
def test_misdirected_quotes_are_turned_round(before: str, after: str | None) -> None:
    assert run(before, MISDIRECTED, unsafe=False) == (after or before)


@pytest.mark.parametrize(
    "text",
    [
        "“Don’t forget Griner’s case,” he said.",
        "In the ’90s rock ’n’ roll played at ten o’clock for the players’ union.",
        "The players’ ‘90s-style kit, the ’em and the ‘n‘ spelling.",
        "“It is a ‘limited operation’,” the ministry said.",
        "He said: „Wir schaffen das“ and « nous verrons ».",
        'He wrote "straight quotes" and "more“.',
        "The screen measures 6.1” across and the case 2”.",
        "“We will win this war.\n\n“We will rebuild every city.\n\n“And we will never forget.”",
        "He said: “We will win this war.\n\n“We will rebuild.”",
        "“Yes”, “no” and “maybe” were the answers.",
    ],
)
def test_correct_or_doubtful_text_stays(text: str) -> None:
    assert run(text) == text


def test_seed_default_fix_turns_only_the_misdirected_quote() -> None:
    text = SEED.read_text(encoding="utf-8")
    result = Engine([MISDIRECTED, UNBALANCED]).run(text, language="en")
    assert [text[e.start : e.end] for e in result.edits] == ["“"]
    assert result.text == text.replace("yet“.", "yet”.")
    assert len(result.pending) == 1


def test_seed_unsafe_fix_balances_both_paragraphs() -> None:
    text = SEED.read_text(encoding="utf-8").replace("agreementHe", "agreement. He")
    fixed = run(text)
    assert "grain agreement.” He expressed" in fixed
    assert "appealing to him. “Don’t forget about her.”" in fixed
    assert "yet”." in fixed
    assert fixed.count("“") == fixed.count("”")


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            "The spokesman added that Moscow “appreciates the efforts, but the conditions have still not been met. He pointed out that exports face obstacles.",
            "The spokesman added that Moscow “appreciates the efforts, but the conditions have still not been met.” He pointed out that exports face obstacles.",
        ),
        (
            "Farahani said the messages “are continuing, but we have not seen a change.\n\nThe talks resume.",
            "Farahani said the messages “are continuing, but we have not seen a change.”\n\nThe talks resume.",
        ),
        (
            "Savelyev’s lawyer told reporters that the defense would appeal. The sentence is too harsh and ignores my client’s health.”",
            "Savelyev’s lawyer told reporters that the defense would appeal. “The sentence is too harsh and ignores my client’s health.”",
        ),
        (
            "A doctor said that she is thinking of emigrating. I love my country, but I cannot continue.”",
            "A doctor said that she is thinking of emigrating. “I love my country, but I cannot continue.”",
        ),
        ("The minister said: We will not retreat.”", "The minister said: “We will not retreat.”"),
        ("We will not give up,” he said.", "“We will not give up,” he said."),
    ],
)
def test_a_missing_quote_goes_where_the_quotation_plainly_ends_or_starts(before: str, after: str) -> None:
    assert run(before, UNBALANCED) == after


@pytest.mark.parametrize(
    "text",
    [
        "He described the plan as “a disaster and said it must be withdrawn.",
        "He said “the deal is done. The ministry did not comment.",
        "He said “the deal is done, the minister said. Talks continue.",
        "He said “the deal is done, and the talks",
        "The price rose. It closed at 6.1” in the end.",
        "The deal is done. It is over, the minister told us.”",
        "They met. Nobody spoke about the deal.”",
        "He said “we will win. He added “nothing else.",
        "“First part of the speech.\n\nSecond part of it, without its mark.”",
    ],
)
def test_nothing_is_proposed_where_the_place_is_not_plain(text: str) -> None:
    assert run(text, UNBALANCED) == text


def test_safety_and_messages() -> None:
    text = "Zakharova said that “no result yet“.\n\nShe said so. We will wait.”"
    result = Engine([MISDIRECTED, UNBALANCED]).run(text, language="en")
    assert [(e.rule, e.message, e.safe) for e in result.edits] == [("quotes/misdirected-quote", "Opening quote used to close 'yet“.'", True)]
    assert [(e.rule, e.message, e.safe) for e in result.pending] == [("quotes/unbalanced-quotes", "Quotation never opened before 'We will'", False)]


def test_misdirected_and_unbalanced_in_one_paragraph_converge() -> None:
    text = "He said ”we will win” and left. They met. We are ready,” she said."
    assert run(text) == text.replace("”we", "“we")
    text = "She said ”we will win”. She added that she fears nothing. I am ready.”"
    assert run(text) == "She said “we will win”. She added that she fears nothing. “I am ready.”"


def test_the_rules_are_english_only() -> None:
    assert MISDIRECTED.languages == ("en",) and UNBALANCED.languages == ("en",)


def test_reading_a_paragraph() -> None:
    reading = read_paragraph("said ”we” and “they“. Then it ended.”")
    assert reading.flips == [(5, "“"), (19, "”")]
    assert reading.unopened == [36] and reading.unclosed is None
    assert read_paragraph("“a “b").confused
    assert place_closing("“one. two", 0) is None
    assert place_opening("x” y", 1, 0) is None


WORDS = st.sampled_from(
    ["Don’t", "Griner’s", "’90s", "rock", "’n’", "roll", "o’clock", "players’", "the", "said", "“We", "win,”", "he", "‘best’", "deal.", "It’s"]
)


@given(st.lists(WORDS, min_size=1, max_size=30))
def test_balanced_text_with_apostrophes_never_changes(words: list[str]) -> None:
    text = " ".join(words)
    if text.count("“") == text.count("”") and all(w != "“We" or (i + 1 < len(words) and words[i + 1] == "win,”") for i, w in enumerate(words)):
        assert run(text) == text


@given(st.text(alphabet="ab .,“”‘’\n", max_size=60))
def test_fixing_converges_and_never_loses_text(text: str) -> None:
    once = run(text)
    assert run(once) == once
    assert once.replace("“", "").replace("”", "").replace("‘", "").replace("’", "") == text.replace("“", "").replace("”", "").replace("‘", "").replace("’", "")


def test_clean_fixtures_stay() -> None:
    for path in sorted((ROOT / "fixtures" / "clean").glob("*")):
        if path.suffix in (".txt", ".md"):
            text = path.read_text(encoding="utf-8")
            assert run(text) == text, path.name


APOSTROPHE = next(r for r in BOOK if r.full_id == "quotes/double-quote-as-apostrophe")


def fix_apostrophes(text: str, *, unsafe: bool = False) -> str:
    return Engine([APOSTROPHE]).run(text, unsafe=unsafe, language="en").text


@pytest.mark.parametrize(
    ("before", "after"),
    [
        # issue #10: `the minister"s office`
        ('Reporters waited outside the minister"s office all day.', "Reporters waited outside the minister's office all day."),
        ('They don"t expect a reply, and we"re not sure it"ll come.', "They don't expect a reply, and we're not sure it'll come."),
        ('The ministry’s spokesman said the minister"s plane landed.', "The ministry’s spokesman said the minister’s plane landed."),
        ('“It"s over,” he said.', "“It’s over,” he said."),
    ],
)
def test_straight_double_quote_as_apostrophe_is_repaired(before: str, after: str) -> None:
    assert fix_apostrophes(before) == after


@pytest.mark.parametrize(
    "text",
    [
        'He said "yes" and left.',
        'The 12" pipe and the 3" screen were sold.',
        'The team called it "Project X"; sales of the "Big Apple" rose.',
        'She wrote "hi"s and "bye"s all over the page, he said.',
        'Tourists love the "Big Apple"s charm.',
        'He said "the minister"s office is closed" and left.',
    ],
)
def test_quotes_that_may_close_a_quotation_are_left_to_review(text: str) -> None:
    assert fix_apostrophes(text) == text
    pending = Engine([APOSTROPHE]).run(text, language="en").pending
    assert all(not e.safe for e in pending)
    assert len(pending) == text.count('"s')
