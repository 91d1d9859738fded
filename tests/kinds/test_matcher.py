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
