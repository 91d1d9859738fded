"""The literal pre-filter never skips a text its pattern matches, on the shipped patterns and on generated ones."""

from __future__ import annotations

from pathlib import Path

import pytest
import regex
from hypothesis import given
from hypothesis import strategies as st

from cleaner.kinds.base import compile_pattern, scoped
from cleaner.kinds.prefilter import Needle, combined, needle, rule_needle
from cleaner.kinds.remove import Remove
from cleaner.rulebook import load_rulebook

ROOT = Path(__file__).resolve().parents[2]


def shipped_patterns() -> list[tuple[str, str]]:
    found = []
    for rule in load_rulebook():
        for key, spec in rule.kind.options.items():
            if spec.type in ("regex", "regex-list") and key in rule.options:
                value = rule.options[key]
                found += [(rule.full_id, str(p)) for p in (value if isinstance(value, list) else [value])]
    return found


def texts() -> list[str]:
    """The fixtures' articles and expected texts, whole and paragraph by paragraph."""
    found = []
    for path in sorted([*(ROOT / "fixtures").rglob("*.txt"), *(ROOT / "fixtures").rglob("*.md")]):
        text = path.read_text(encoding="utf-8", errors="replace")
        found += [text, *(p for p in text.split("\n\n") if p.strip())]
    return found


def test_the_shipped_boilerplate_patterns_have_needles() -> None:
    removals = [rule for rule in load_rulebook() if isinstance(rule.kind, Remove)]
    with_needle = [rule.full_id for rule in removals if rule.kind.needle is not None]
    assert len(with_needle) >= 0.9 * len(removals)


def test_no_shipped_pattern_matches_a_text_its_needle_rules_out() -> None:
    patterns = shipped_patterns()
    corpus = texts()
    assert len(patterns) > 50 and len(corpus) > 100
    folded = [text.casefold() for text in corpus]
    tested = 0
    for rule_id, source in patterns:
        found = needle(scoped(source))
        if found is None:
            continue
        compiled = compile_pattern(scoped(source), regex.MULTILINE)
        for text, fold in zip(corpus, folded, strict=True):
            if not found.found(text, fold):
                tested += 1
                assert compiled.search(text) is None, (rule_id, source, found.literals)
    assert tested > 10_000


@pytest.mark.parametrize(
    ("pattern", "literals"),
    [
        ("^Share this:?$", (("Share this", False),)),
        ("(?i)read (?:more|also)", (("read ", True),)),
        ("(?i)(?:more|also) on", (("also", True), ("more", True))),
        ("(?:Photo|Image): [A-Z]", (("Image", False), ("Photo", False))),
        ("Copyright(?: ©)? \\d{4}", (("Copyright", False),)),
        ("(?i:foo)barbaz", (("barbaz", False),)),
        ("(?i)(?-i:Foo)ba", (("Foo", False),)),
        ("ab+c", (("a", False),)),
        ("(?i)don’t miss", (("don’t miss", True),)),
        ("(?i)続きを読む", (("続きを読む", True),)),
    ],
)
def test_needles_of_simple_patterns(pattern: str, literals: tuple[tuple[str, bool], ...]) -> None:
    found = needle(pattern)
    assert found is not None and found.literals == literals


@pytest.mark.parametrize(
    "pattern",
    [
        "(?:talks){e<=1}",  # regex's fuzzy matching: not Python's syntax
        "\\p{Lu}\\p{Ll}+",  # no literal at all
        "(?:Photo|\\d+)",  # one alternative needs no literal
        "(?i)stra\u00dfe",  # a case-insensitive literal beyond ASCII
        "(?:Share)?\\s*$",  # optional
        "x{0,3}",
    ],
)
def test_patterns_without_a_needle(pattern: str) -> None:
    assert needle(pattern) is None


def test_case_insensitive_literals_meet_every_case_of_their_letters() -> None:
    found = needle("(?i)kelvin scale")
    assert found is not None
    for text in ("Kelvin scale", "KELVIN SCALE", "\u212aelvin scale", "kelvin \u017fcale"):
        assert regex.search("(?i)kelvin scale", text)
        assert found.found(text, text.casefold())
    assert not found.found("Celsius", "celsius")


def test_a_rule_needle_is_the_union_and_is_kept_in_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLEANER_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("CLEANER_NO_CACHE", raising=False)
    patterns = ["^Share this:?$", "(?i)^Follow us$"]
    first = rule_needle(patterns)
    assert first == combined([needle(p) for p in patterns])
    assert first == Needle((("Follow us", True), ("Share this", False)))
    assert list(tmp_path.glob("needle-*"))
    assert rule_needle(patterns) == first
    assert rule_needle(["^Share this$", "\\p{L}+$"]) is None


PIECES = st.sampled_from(["Share", "this", "read", "more", "Photo", " ", ":", "-", "AP", "é", "ß", "K", "’", "続き", "Σ"])
CLASSES = st.sampled_from(["\\s*", "\\d+", "[A-Z]", "\\w+", ".", "\\p{L}+", "(?:x|y)?", "\\b", "^", "$"])


@st.composite
def patterns(draw: st.DrawFn, depth: int = 0) -> str:
    parts = []
    for _ in range(draw(st.integers(1, 4))):
        choice = draw(st.integers(0, 5 if depth < 2 else 2))
        if choice <= 1:
            parts.append(regex.escape(draw(PIECES)))
        elif choice == 2:
            parts.append(draw(CLASSES))
        elif choice == 3:
            parts.append("(?:" + "|".join(draw(st.lists(patterns(depth + 1), min_size=1, max_size=3))) + ")")
        elif choice == 4:
            parts.append("(?:" + draw(patterns(depth + 1)) + ")" + draw(st.sampled_from(["?", "*", "+", "{2}", "{0,2}", "++"])))
        else:
            parts.append("(?i:" + draw(patterns(depth + 1)) + ")")
    return ("(?i)" if draw(st.booleans()) else "") + "".join(parts)


TEXT = st.lists(
    st.sampled_from(
        ["Share", "SHARE", "this", "Read", "MORE", "photo", "ap", " ", ":", "-", "1", "x", "É", "SS", "ß", "\u212a", "k", "\n", "’", "'", "続き", "σ", "ς"]
    ),
    max_size=12,
).map("".join)


@given(patterns(), TEXT)
def test_a_pattern_never_matches_a_text_its_needle_rules_out(pattern: str, text: str) -> None:
    found = needle(pattern)
    if found is not None and not found.found(text, text.casefold()):
        assert regex.search(pattern, text) is None, found.literals


def test_a_posix_class_gives_no_needle() -> None:
    assert regex.search(r"^Share[[:space:]]this$", "Share this")
    assert needle(r"^Share[[:space:]]this$") is None
