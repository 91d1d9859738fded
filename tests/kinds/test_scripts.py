"""The ``scripts`` kind: look-alike letters of another script inside a word, repaired to the word's script."""

from __future__ import annotations

import pytest

from cleaner import clean
from cleaner.engine import Engine
from cleaner.langid import count_scripts
from cleaner.model import Result
from cleaner.rulebook import load_rulebook

BOOK = load_rulebook([], default_rules=True)
SCRIPT_RULES = [r for r in BOOK if r.pack == "scripts"]

ARTICLE = """\
Blinken and Lavrоv to hold first call since February

Russian Foreign Ministry spokeswoman Mаria Zakharova said on Thursday that Moscow would consider the request to arrange a call between Sergеy Lavrov and Antony Blinkеn.

“We have made it clear that we are seeking a conversation between Foreign Ministers Blinken and Lavrоv,” State Department spokesman Ned Рrice said.

Sergey Lavrov (Сергей Лавров) is expected to travel to Tashkent for the meeting of the Shanghai Cooperation Organisation.
"""

REPAIRED = ARTICLE.replace("Lavrоv", "Lavrov").replace("Mаria", "Maria").replace("Sergеy", "Sergey").replace("Blinkеn", "Blinken").replace("Рrice", "Price")


def run(text: str) -> Result:
    return Engine(SCRIPT_RULES).run(text)


def test_article_with_cyrillic_lookalikes_in_english_names() -> None:
    result = run(ARTICLE)
    assert result.text == REPAIRED
    assert len(result.edits) == 6
    assert all(e.safe and e.rule == "scripts/lookalike-in-latin-word" for e in result.edits)
    assert "Сергей Лавров" in result.text
    assert result.edits[0].message == "Cyrillic look-alike 'о' (U+043E) in Latin word 'Lavrоv'"


def test_names_are_clean_letters_for_the_whole_rule_set() -> None:
    result = clean(ARTICLE)
    for name in ("Lavrov", "Maria", "Sergey", "Blinken", "Price"):
        assert name in result.text
    outside_transliteration = result.text.replace("(Сергей Лавров)", "")
    assert set(count_scripts(outside_transliteration)) == {"Latin"}


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("Sergey Lavrоv", "Sergey Lavrov"),
        ("ΑTHENS and Αthens", "ATHENS and Athens"),
        ("Kyіv", "Kyiv"),
        ("СОVID-19 cases rose", "COVID-19 cases rose"),
        ("Министр Сергей Лавpов", "Министр Сергей Лавров"),
        ("в Мocкве", "в Москве"),
        ("ПPEЗИДEHT", "ПРЕЗИДЕНТ"),
        ("Zakharova said Pοс was wrong", "Zakharova said Poc was wrong"),
        ("Он сказал, что Pос прав", "Он сказал, что Рос прав"),
        ("Вторая мировая война, XХ век", "Вторая мировая война, XX век"),
    ],
)
def test_repaired(before: str, after: str) -> None:
    assert run(before).text == after


@pytest.mark.parametrize(
    "text",
    [
        "Sergey Lavrov (Сергей Лавров) spoke to Antony Blinken.",
        "Компания представила новый iPhone в Москве.",
        "The new iPhoneСмартфон went on sale.",
        "Particles down to 2 μm and an Ω-shaped loop.",
        "The α-synuclein protein and the β-blocker trial.",
        "Лавров и Blinken говорили по телефону.",
        "ΑΘΗΝΑ is written in Greek capitals.",
        "Ех, Ох, Ах said the poet.",
    ],
)
def test_left_alone(text: str) -> None:
    assert run(text).text == text


def test_ambiguous_word_without_clear_context_is_left_alone() -> None:
    text = "Pос Лавров Lavrov Москва Moscow"
    assert run(text).text == text


def test_fixing_twice_changes_nothing_more() -> None:
    once = run(ARTICLE).text
    assert run(once).text == once
    assert run(once).edits == ()


def test_repeated_runs_give_identical_results() -> None:
    first = run(ARTICLE)
    assert all(run(ARTICLE).edits == first.edits for _ in range(3))


def test_ascii_text_has_nothing_to_repair() -> None:
    assert run("Sergey Lavrov met Antony Blinken in Geneva.").edits == ()
