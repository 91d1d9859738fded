"""The ``glued`` kind and the ``structure/glued-sentence`` rule: what splits, and the mixed-case words that stay whole."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest

from cleaner.document import Document
from cleaner.engine import Engine
from cleaner.kinds.glued import GluedFinder, split_glued
from cleaner.model import Result
from cleaner.rulebook import Rule, load_rulebook
from cleaner.text import word_file

ROOT = Path(__file__).resolve().parents[2]
WORDS_FILE = ROOT / "tests" / "data" / "mixed_case_words.txt"
SHIPPED_LIST = ROOT / "rules" / "data" / "mixed-case.txt"
BODY_OPENING = "The ministry published its report on Monday.\n\n"


@lru_cache(maxsize=1)
def glued_rule() -> Rule:
    rule = load_rulebook().get("structure/glued-sentence")
    assert rule is not None
    return rule


def run(text: str, *, unsafe: bool = True) -> Result:
    return Engine([glued_rule()]).run(text, unsafe=unsafe, language="en", max_removed=None)


def mixed_case_words() -> list[str]:
    lines = WORDS_FILE.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def test_splits_the_seed_glue() -> None:
    text = BODY_OPENING + "He would raise “the issue, along with the recently reached grain agreementHe expressed his hope for exports."
    result = run(text, unsafe=False)
    assert "grain agreement. He expressed his hope" in result.text
    assert len(result.edits) == 1 and result.edits[0].safe
    assert result.edits[0].message == "Glued sentence 'agreementHe'"


@pytest.mark.parametrize(
    ("glued", "split"),
    [
        ("the talks collapsedThe minister left", "the talks collapsed. The minister left"),
        ("the deal was signedHowever, critics objected", "the deal was signed. However, critics objected"),
        ("Officials met in MoscowThey agreed on a date", "Officials met in Moscow. They agreed on a date"),
        ("it encourages corruption and speculationIt also proposed changes", "it encourages corruption and speculation. It also proposed changes"),
    ],
)
def test_splits_before_sentence_openers(glued: str, split: str) -> None:
    assert run(BODY_OPENING + glued).text == BODY_OPENING + split


def test_headline_glued_to_first_paragraph_becomes_its_own_paragraph() -> None:
    text = (
        "Washington seeks a phone call, and Moscow is considering the requestRussian Foreign Ministry spokeswoman "
        "Maria Zakharova says Moscow will consider it.\n\nThe talks go on.\n"
    )
    result = run(text, unsafe=False)
    assert result.text.startswith("Washington seeks a phone call, and Moscow is considering the request\n\nRussian Foreign Ministry")
    assert result.edits[0].message == "Headline glued to the article 'requestRussian'"


def test_headline_split_only_in_the_first_line() -> None:
    text = "Talks resume.\n\nMoscow is considering the requestRussian Foreign Ministry spokeswoman Maria Zakharova said.\n"
    assert run(text).text == text


def test_first_line_with_a_sentence_end_is_no_headline() -> None:
    text = "Talks resumed. Moscow is considering the requestRussian officials said on Monday they would answer.\n\nMore.\n"
    assert run(text).text == text


@pytest.mark.parametrize(
    "text",
    [
        "She thanked the delegationRussian officials left the hall.",
        "The app stores totalSize and configHandler values.",
        "Call doIt, runThis and isLoggedIn before onClick fires.",
        "The theWorld and ofThe tokens are noise.",
        "An iPhoneHe token has two humps of capitals.",
        "See `fooThe` and #climateThe and @newsThe here.",
    ],
)
def test_uncertain_or_code_like_tokens_are_not_split(text: str) -> None:
    assert run(BODY_OPENING + text).edits == ()


@pytest.mark.parametrize("word", mixed_case_words())
def test_mixed_case_brands_and_surnames_stay_whole(word: str) -> None:
    text = (
        f"Travellers and investors react as {word} announces sweeping changes to its services across Europe\n\n"
        f"Reporters covered {word} all week.\n\n"
        f"On Monday the analysts said {word} remained popular, and {word} declined to comment.\n\n"
        f"Shares in “{word}” rose, while {word}, according to the filing, gained.\n"
    )
    assert run(text).edits == ()


def test_mixed_case_list_is_large_enough_to_mean_something() -> None:
    words = mixed_case_words()
    assert len(words) >= 100
    assert len(set(w.casefold() for w in words)) == len(words)


def test_shipped_list_is_read_without_comments_and_has_150_entries() -> None:
    words = {w.casefold() for w in word_file(str(SHIPPED_LIST))}
    assert len(words) >= 150
    assert "desantis" in words and "airbaltic" in words
    assert not any(w.startswith("#") for w in words)


def test_listed_word_stays_whole_even_when_wordfreq_does_not_know_it() -> None:
    text = BODY_OPENING + "The ship left the harbourThe crew was tired."
    assert list(GluedFinder(frozenset(), headline_words=25).find(Document(text)))
    assert not list(GluedFinder(frozenset({"harbourthe"}), headline_words=25).find(Document(text)))


def test_fix_is_a_fixpoint() -> None:
    text = BODY_OPENING + "The talks collapsedThe minister left and the deal was signedHowever, critics objected."
    once = run(text).text
    assert run(once).edits == ()


def test_split_glued_helper_leaves_brands() -> None:
    assert split_glued("He bought an iPhone and a MacBook at McDonald's") == "He bought an iPhone and a MacBook at McDonald's"


@pytest.mark.parametrize("word", mixed_case_words())
def test_mixed_case_words_count_as_whole_at_every_inner_capital(word: str) -> None:
    finder = glued_rule().kind.finder  # type: ignore[attr-defined]
    cuts = [i for i in range(1, len(word)) if word[i].isupper() and word[i - 1].islower()]
    assert cuts, word
    for cut in cuts:
        assert finder.is_whole(word[:cut], word[cut:]), f"{word} would count as two words at {cut}"
