"""The fast matcher gives difflib's own opcodes, whichever way it finds them."""

from __future__ import annotations

import difflib
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cleaner.kinds import matcher
from cleaner.kinds.matcher import Matcher

TEXT = st.text(alphabet="ab \u00e9\u00c3\u00a9", max_size=40)


def difflib_opcodes(a: str, b: str) -> list[tuple[str, int, int, int, int]]:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()


@given(TEXT, TEXT)
def test_the_shortcut_agrees_with_difflib_on_any_strings(a: str, b: str) -> None:
    previous, matcher.SMALL = matcher.SMALL, 0
    try:
        assert Matcher(a, b).get_opcodes() == difflib_opcodes(a, b)
    finally:
        matcher.SMALL = previous


@pytest.mark.parametrize("seed", range(5))
def test_a_long_garbled_paragraph_gets_difflibs_opcodes(seed: int) -> None:
    rng = random.Random(seed)
    words = ["Kyiv", "talks", "the", "café", "naïve", "“quoted”", "résumé", "and", "Zürich", "minister’s"]
    fixed = " ".join(rng.choice(words) for _ in range(600))
    garbled = fixed.encode("utf-8").decode("windows-1252", errors="replace")
    assert Matcher(garbled, fixed).get_opcodes() == difflib_opcodes(garbled, fixed)


@given(TEXT, TEXT, st.integers(0, 40), st.integers(0, 40), st.integers(0, 40), st.integers(0, 40))
def test_the_suffix_automaton_finds_difflibs_longest_match_in_any_ranges(a: str, b: str, alo: int, ahi: int, blo: int, bhi: int) -> None:
    alo, ahi = sorted((min(alo, len(a)), min(ahi, len(a))))
    blo, bhi = sorted((min(blo, len(b)), min(bhi, len(b))))
    expected = difflib.SequenceMatcher(None, a, b, autojunk=False).find_longest_match(alo, ahi, blo, bhi)
    assert matcher._automaton_longest(a, alo, ahi, b, blo, bhi) == expected


def test_a_long_line_with_a_long_common_stretch_never_runs_difflibs_search(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    search = difflib.SequenceMatcher.find_longest_match

    def counted(self: difflib.SequenceMatcher[str], *args: int) -> difflib.Match:
        calls.append(args)
        return search(self, *args)

    rng = random.Random(3)
    words = ["Kyiv", "talks", "the", "café", "naïve", "and", "Zürich", "minister’s", "©AP"]
    fixed = " ".join(rng.choice(words) for _ in range(800))
    garbled = fixed.replace("café", "cafÃ©", 10)
    expected = difflib_opcodes(garbled, fixed)
    monkeypatch.setattr(difflib.SequenceMatcher, "find_longest_match", counted)
    assert Matcher(garbled, fixed).get_opcodes() == expected
    assert all((args[1] - args[0]) * (args[3] - args[2]) < matcher.SMALL for args in calls)
