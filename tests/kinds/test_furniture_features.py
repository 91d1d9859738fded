"""The furniture classifier's per-unit measurements: the fast paths give the answers of the plain patterns they stand in for."""

from __future__ import annotations

import re
from pathlib import Path

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.kinds.furniture.features import (
    COPYRIGHT,
    DEFINITION,
    QUOTE_START,
    SEPARATOR,
    SLASH_CREDIT,
    SNAKE,
    TABLE_ROW,
    PhraseFinder,
    _measure,
    phrase_pattern,
    trie_alternation,
)
from cleaner.kinds.furniture.lexicon import lexicon
from cleaner.text import LETTERS, UNSPACED, words

ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = ("en", "fr", "de", "es", "pt", "it", "ru", "ar", "tr", "zh", "ja")
TRICKY = ["σ", "ς", "Σ", "ſ", "s", "S", "\u212a", "k", "K", "İ", "ı", "i", "I", "ß", "ẞ", "é", "É", "_", "1", "’", "続", "き"]
"""Letters whose lower case and whose case-insensitive matches part ways, and their neighbours."""


def pattern_spans(phrases: frozenset[str], text: str) -> list[tuple[int, int]]:
    pattern = phrase_pattern(phrases)
    return [m.span() for m in pattern.finditer(text)] if pattern is not None else []


def fixture_lines() -> list[str]:
    lines = []
    for path in sorted([*(ROOT / "fixtures").rglob("*.txt"), *(ROOT / "fixtures").rglob("*.md")]):
        lines += [line for line in path.read_text(encoding="utf-8", errors="replace").splitlines() if line.strip()]
    return lines


def test_trie_alternation_tries_the_longest_phrase_first() -> None:
    pattern = re.compile(r"(?<![^\W_])(?:" + trie_alternation(["share", "share this", "shares"]) + r")(?![^\W_])")
    assert [m.group() for m in pattern.finditer("share this, shares, sharethis, share")] == ["share this", "shares", "share"]


def test_the_phrase_finder_matches_the_case_insensitive_pattern_on_every_shipped_lexicon() -> None:
    lines = fixture_lines()
    assert len(lines) > 1000
    tricky = ["ΣΧΌΛΙΑ ς σχόλια", "ſhare this", "SHARE THIS STORY", "İstanbul Share", "Kelvin \u212a", "STRASSE straße", "続きを読む", "Follow us on Twitter"]
    for code in LANGUAGES:
        phrases = lexicon(code).phrases
        finder = PhraseFinder(phrases)
        for line in [*lines, *tricky]:
            assert finder.spans(line) == pattern_spans(phrases, line), (code, line)


PHRASE = st.lists(st.sampled_from([*TRICKY, "sha", "re", "th", " ", "-"]), min_size=1, max_size=5).map("".join).filter(str.strip)
TEXT = st.lists(st.sampled_from([*TRICKY, "Sha", "RE", "re", "th", "TH", " ", "-", ".", "\n"]), max_size=16).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.frozensets(PHRASE, min_size=1, max_size=6), TEXT)
def test_the_phrase_finder_matches_the_case_insensitive_pattern_on_generated_phrases(phrases: frozenset[str], text: str) -> None:
    assert PhraseFinder(phrases).spans(text) == pattern_spans(phrases, text)


def test_a_character_is_trusted_only_where_lower_case_and_regex_agree() -> None:
    finder = PhraseFinder(frozenset({"share", "σχόλια", "straße"}))
    assert finder.safe("S") and finder.safe("é") and finder.safe("ß")
    assert not finder.safe("ſ"), "regex matches the long s as s, lower case leaves it"
    assert not finder.safe("ς"), "regex matches the final sigma as σ"
    assert not finder.safe("İ"), "lower case makes two characters of it"
    for char in map(chr, range(0x3000)):
        low = char.lower()
        agrees = (
            len(low) == 1
            and bool(regex.match(r"[\p{L}\p{N}]", char)) == bool(re.match(r"[^\W_]", low))
            and all((low == p) == bool(regex.fullmatch(regex.escape(p), char, regex.IGNORECASE)) for p in "sharσχόλιτeß")
        )
        assert finder.safe(char) == agrees, hex(ord(char))


UNIT = st.lists(
    st.sampled_from(
        [
            *TRICKY,
            "|",
            "+",
            "-",
            ":",
            " ",
            "“",
            '"',
            "©",
            "(c)",
            "(C)",
            "Copyright",
            "COPYRIGHT",
            "(AP)",
            "(NASA/JPL)",
            ")",
            "[1]:",
            "http://example.org/a",
            "a_b",
            "snake_case_1",
            "Share",
            "The",
            "the",
            "2020",
            "12:30",
            "March",
            "会谈",
            "›",
            "/",
            "\\",
            "~",
            "•",
            "1-2",
            "x",
        ]
    ),
    max_size=14,
).map("".join)


@settings(max_examples=400, deadline=None)
@given(UNIT, st.sampled_from(["en", "de", "zh", "tr"]))
def test_the_gated_measurements_equal_their_plain_patterns(text: str, code: str) -> None:
    lex = lexicon(code)
    found = _measure(text, lex)
    stripped = regex.sub(r"^(?:[-*•·▪◦‣●○■□➤►▸]|\d{1,2}[.)])\s+", "", text.strip(), count=1)
    tokens = words(stripped)
    assert found.table == bool(TABLE_ROW.match(stripped))
    assert found.quoted == bool(QUOTE_START.match(stripped))
    assert found.copyright == bool(COPYRIGHT.search(stripped))
    assert found.slash_credit == bool(SLASH_CREDIT.search(stripped))
    assert found.reference == bool(DEFINITION.match(stripped))
    marks = [m.group(1) for m in SEPARATOR.finditer(stripped) if not (m.group(1) == "/" and m.group(0) == "/")]
    assert found.separators == max((marks.count(mark) for mark in set(marks)), default=0)
    pieces = stripped.split()
    assert found.icons == (sum(1 for p in pieces if p in lex.icons or SNAKE.match(p)) / len(pieces) if pieces else 0.0)
    content = [t for t in tokens if t.lower() not in lex.stop_words]
    cased = [t for t in content if LETTERS.match(t) and len(t) > 1 and t[0].lower() != t[0].upper()]
    assert found.title == (sum(1 for t in cased if t[0].isupper()) / len(cased) if cased else None)
    unspaced = UNSPACED.findall(stripped)
    if not (lex.stop_chars and len(unspaced) * 2 >= sum(len(t) for t in tokens)):
        lettered = [t.lower() for t in tokens if LETTERS.search(t)]
        assert found.stop == (sum(1 for t in lettered if t in lex.stop_words) / len(lettered) if lettered and lex.stop_words else None)
