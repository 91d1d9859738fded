"""The text module: one tokeniser, one sentence splitter, and word lists whose headers say where they come from."""

from __future__ import annotations

import importlib.resources
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from wordfreq import top_n_list, zipf_frequency

from cleaner.text import elided, sentences, word_at, word_count, word_list, word_weight, words

FOLDER = importlib.resources.files("cleaner") / "data" / "words"
LISTS = sorted(p.name[:-4] for p in FOLDER.iterdir() if p.name.endswith(".txt"))
TOP = re.compile(r"among the (\d[\d,]*) most frequent words of '(\w+)' in wordfreq")


def header(name: str) -> str:
    lines = (FOLDER / f"{name}.txt").read_text(encoding="utf-8").splitlines()
    return " ".join(line.lstrip("# ") for line in lines if line.startswith("#"))


@pytest.mark.parametrize("name", LISTS)
def test_every_list_opens_with_its_source(name: str) -> None:
    first = (FOLDER / f"{name}.txt").read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# ")
    assert word_list(name)
    assert re.search(r"wordfreq|https?://|AP Stylebook|Chicago", header(name)), name


@pytest.mark.parametrize("name", [n for n in LISTS if TOP.search(header(n))])
def test_lists_drawn_from_wordfreq_hold_only_its_frequent_words(name: str) -> None:
    found = TOP.search(header(name))
    assert found is not None
    size, language = int(found.group(1).replace(",", "")), found.group(2)
    top = set(top_n_list(language, size))
    assert sorted(word_list(name) - top) == []


@pytest.mark.parametrize("name", [n for n in LISTS if "zipf_frequency(word, 'en') > 0" in header(n)])
def test_english_lists_hold_english_words(name: str) -> None:
    assert [w for w in word_list(name) if zipf_frequency(w, "en") <= 0] == []


def test_one_tokeniser_for_every_script() -> None:
    assert words("Sergei Lavrov’s talks, in Jong-un’s words, ended 3-0.") == ["Sergei", "Lavrov’s", "talks", "in", "Jong-un’s", "words", "ended", "3-0"]
    assert word_count("会谈将于下周在日内瓦继续举行。") == 7
    assert elided("qu’il") == ["qu", "il"]


def test_one_sentence_splitter_knows_abbreviations_initials_and_cjk_stops() -> None:
    text = "Gen. Mark Milley met Sen. J. D. Vance on Aug. 3 in Washington. They spoke. 会谈结束。次は来週です。"
    assert sentences(text) == ["Gen. Mark Milley met Sen. J. D. Vance on Aug. 3 in Washington.", "They spoke.", "会谈结束。", "次は来週です。"]


def test_word_at_finds_the_word_around_a_position() -> None:
    text = "The minister Лавpов spoke"
    assert text[slice(*word_at(text, 15))] == "Лавpов"
    assert word_at(text, 3) == (3, 3)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from(["The", "talks", " ", "\n", "\n\n", "会谈将于", "下周", "l’inflation", "-", "3", "é"]), max_size=40).map("".join),
    st.integers(1, 400),
)
def test_a_long_text_counted_line_by_line_has_the_words_of_the_whole(piece: str, times: int) -> None:
    text = piece * times
    assert word_count(text) == sum(word_weight(token) for token in words(text))
