"""Line-scoped rules: shown again only the lines that changed, with the edits they would make of the whole document."""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st
from test_engine import book, rule_yaml

from cleaner.document import Document
from cleaner.engine import Engine, _find_in_lines, _untouched_lines
from cleaner.kinds import Context, Kind
from cleaner.kinds.base import compile_pattern
from cleaner.kinds.prefilter import line_bound
from cleaner.model import Edit
from cleaner.rulebook import load_rulebook

ROOT = Path(__file__).resolve().parents[1]

PIECES = st.sampled_from(["a", "b", "ab", " ", "\t", "\n", "\r", ".", "É", "1", "\u00a0", "x y"])
ATOMS = st.sampled_from(
    [
        "a",
        "b",
        "\\n",
        "\\s",
        "\\S",
        "\\w",
        "\\W",
        "\\d",
        "\\D",
        ".",
        "[^a]",
        "[^\\s]",
        "[ \\t]",
        "\\b",
        "\\B",
        "^",
        "$",
        "\\A",
        "\\Z",
        "\\p{L}",
        "\\P{L}",
        "\\p{Cc}",
    ]
)


@st.composite
def patterns(draw: st.DrawFn, depth: int = 0) -> str:
    parts = []
    for _ in range(draw(st.integers(1, 4))):
        choice = draw(st.integers(0, 4 if depth < 2 else 1))
        if choice <= 1:
            parts.append(draw(ATOMS))
        elif choice == 2:
            parts.append("(?:" + "|".join(draw(st.lists(patterns(depth + 1), min_size=1, max_size=3))) + ")")
        elif choice == 3:
            parts.append("(?:" + draw(patterns(depth + 1)) + ")" + draw(st.sampled_from(["?", "*", "+", "{2}", "*?"])))
        else:
            parts.append(draw(st.sampled_from(["(?<=", "(?<!", "(?=", "(?!"])) + draw(patterns(depth + 1)) + ")")
    return draw(st.sampled_from(["", "(?m)", "(?s)", "(?i)"])) + "".join(parts)


def by_lines(pattern: regex.Pattern[str], text: str) -> list[tuple[int, int]]:
    found = []
    start = 0
    for line in text.split("\n"):
        found += [(s + start, e + start) for s, e in (m.span() for m in pattern.finditer(line))]
        start += len(line) + 1
    return found


@settings(max_examples=500, deadline=None)
@given(patterns(), st.lists(PIECES, max_size=20).map("".join))
def test_a_line_bound_pattern_matches_a_text_as_it_matches_each_line_alone(source: str, text: str) -> None:
    try:
        pattern = compile_pattern(source)
    except ValueError:
        return
    if line_bound(pattern.pattern, pattern.flags):
        assert [m.span() for m in pattern.finditer(text)] == by_lines(pattern, text)


def test_line_bound_patterns_and_patterns_that_are_not() -> None:
    assert line_bound(r"(?<=\S)[ \t]{2,}(?=\S)")
    assert line_bound(r"(?m)[ \t]+$")
    assert line_bound(r"(?<![\p{L}\p{N}])(?:kiev|kyiv)(?![\p{L}\p{N}])", regex.IGNORECASE)
    assert not line_bound(r"[ \t]+$"), "without multi-line mode, $ is the end of the document"
    assert not line_bound(r"\n{3,}")
    assert not line_bound(r"(?<=[.!?])\s+(?=\p{Lu})"), "\\s holds the line break"
    assert not line_bound(r"(?s)a.b")
    assert not line_bound(r"[^,]+,"), "a negated class holds the line break"
    assert not line_bound(r"x?"), "an empty match could stand between two lines"
    assert not line_bound(r"(?:talks){e<=1}"), "regex's fuzzy matching is not read: not certain"
    assert not line_bound(r"a[[:space:]]+b"), "a POSIX class, which Python's parser would read as letters"
    assert regex.search(r"a[[:space:]]+b", "a\nb")


def fixture_texts() -> list[str]:
    return [path.read_text(encoding="utf-8") for path in sorted((ROOT / "fixtures").rglob("*.txt"))]


def test_each_shipped_line_scoped_rule_edits_some_lines_as_it_edits_the_whole_document() -> None:
    rules = [rule for rule in load_rulebook() if rule.kind.line_scoped]
    assert {"unicode/mojibake", "structure/missing-space-after-sentence", "structure/stray-capital", "whitespace/doubled-space"} <= {r.full_id for r in rules}
    texts = fixture_texts()
    assert len(texts) > 10
    rng = random.Random(7)
    compared = 0
    for text in texts:
        doc = Document(text, language="en")
        lines = [text[s:e] for s, e in doc.raw_lines]
        for rule in rules:
            whole = sorted((e.start, e.end, e.replacement, e.message) for e in rule.kind.find(doc, Context(rule.full_id)))
            settled = {line for line in lines if rng.random() < 0.5}
            shown = sorted((e.start, e.end, e.replacement, e.message) for e in _find_in_lines(rule, doc, Context(rule.full_id), settled))
            kept = [e for e in whole if not any(s <= e[0] and e[1] <= end and text[s:end] in settled for s, end in doc.raw_lines)]
            assert shown == kept, (rule.full_id, text[:60])
            compared += len(whole)
    assert compared > 20


class Seen(Kind):
    """A line-scoped kind that notes every text it is shown and doubles the letter q."""

    name = "seen"
    scope = "line"
    shown: list[str] = []

    def find(self, doc: Document, ctx: Context) -> Iterator[Edit]:
        Seen.shown.append(doc.text)
        for index, char in enumerate(doc.text):
            if char == "q" and doc.text[index + 1 : index + 2] != "q" and doc.text[index - 1 : index] != "q":
                yield Edit(index, index + 1, "qq", "t/seen", "m")


def test_a_line_scoped_rule_is_shown_again_only_the_lines_that_changed(tmp_path: Path) -> None:
    rules = book(tmp_path, "rules:" + rule_yaml("seen", "unused", "x") + rule_yaml("fix", "colour", "color"))
    seen = rules.rules[0]
    seen.kind = Seen(seen)
    Seen.shown = []
    text = "first line q\nsecond colour line\nthird line\n\nfourth colour q"
    result = Engine(list(rules)).run(text)
    assert result.text == "first line qq\nsecond color line\nthird line\n\nfourth color qq"
    assert Seen.shown[0] == text
    assert Seen.shown[1] == "first line qq\nsecond color line\nfourth color qq", "the lines that changed since, the others left out"
    assert all("third" not in shown for shown in Seen.shown[1:])


def test_in_markdown_a_line_scoped_rule_sees_the_whole_document(tmp_path: Path) -> None:
    rules = book(tmp_path, "rules:" + rule_yaml("seen", "unused", "x"))
    seen = rules.rules[0]
    seen.kind = Seen(seen)
    Seen.shown = []
    text = "```\ncode q\n```\n\ntext q"
    Engine(list(rules)).run(text, markdown=True)
    assert all(shown.count("\n") == text.count("\n") for shown in Seen.shown)


def test_untouched_lines_leave_out_lines_with_an_edit_or_an_insertion_at_their_end() -> None:
    doc = Document("ab\ncd\nef")
    edits = [Edit(2, 2, "!", "r", "m"), Edit(6, 7, "E", "r", "m")]
    assert _untouched_lines(doc, edits) == ["cd"]


def test_the_run_with_unsafe_edits_does_not_show_a_line_scoped_rule_the_lines_it_settled(tmp_path: Path) -> None:
    rules = book(tmp_path, "rules:" + rule_yaml("seen", "unused", "x") + rule_yaml("fix", "colour", "color", safety="unsafe"))
    seen = rules.rules[0]
    seen.kind = Seen(seen)
    Seen.shown = []
    text = "first line q\nsecond colour line\nthird line\n\nfourth colour q"
    result = Engine(list(rules)).run(text, unsafe=True)
    assert result.text == "first line qq\nsecond color line\nthird line\n\nfourth color qq"
    assert Seen.shown[0] == text
    assert len(Seen.shown) > 2, "the safe run and the run with unsafe edits both showed it lines"
    assert all("third" not in shown for shown in Seen.shown[1:])


def test_a_line_held_back_for_its_unsafe_edit_is_shown_again_in_the_run_with_unsafe_edits(tmp_path: Path) -> None:
    rules = book(tmp_path, "rules:" + rule_yaml("flag", "Z", "z", safety="unsafe") + rule_yaml("fix", "colour", "color"))
    assert all(rule.kind.line_scoped for rule in rules)
    assert Engine(list(rules)).run("colour\nZ", unsafe=True).text == "color\nz"
    assert Engine(list(rules)).run("colour\nZ").text == "color\nZ"


def test_replace_and_swap_rules_skip_a_document_without_their_literals(tmp_path: Path) -> None:
    swap = """
  - id: kiev
    kind: swap
    words: {kiev: Kyiv}
    unless: ['Chicken Kiev']
    safety: safe
    message: test
    why: test
    examples:
      - before: 'in kiev'
        after: 'in Kyiv'
"""
    rules = book(tmp_path, "rules:" + rule_yaml("hyphen", "(?<=\\p{L})\\u00AD+(?=\\p{L})", "", before="so\\u00adft", after="soft") + swap)
    hyphen, kiev = rules.rules
    assert hyphen.kind.needle is not None and kiev.kind.needle is not None
    spent = Context("t", budget=0.0)
    assert list(hyphen.kind.find(Document("No soft hyphen here."), spent)) == []
    assert list(kiev.kind.find(Document("Talks in Lviv."), spent)) == []
    assert [e.replacement for e in kiev.kind.find(Document("Talks in KIEV."), Context("t"))] == ["KYIV"]


ADDRESS_PIECES = st.sampled_from(
    ["see ", "https://example.org/a", "www.", "WWW.EXAMPLE.COM", "example.com/news", "a@b.org", "@AP", "x", "/", " ", "\n", "\n\n", ".", "-", "é", "mailto:"]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(ADDRESS_PIECES, max_size=16).map("".join))
def test_addresses_found_line_by_line_are_those_found_in_the_whole_text(text: str) -> None:
    doc = Document(text)
    assert doc.protected == doc._protected()


def test_addresses_found_line_by_line_on_the_fixtures() -> None:
    texts = fixture_texts()
    assert sum(1 for text in texts if Document(text).protected) > 3
    for text in texts:
        doc = Document(text)
        assert doc.protected == doc._protected()


def test_line_scope_changes_no_output_on_the_fixtures_with_either_line_ending(monkeypatch: pytest.MonkeyPatch) -> None:
    engine = Engine(list(load_rulebook()))
    paths = [path for path in sorted((ROOT / "fixtures").rglob("*.txt")) if not path.name.endswith(".expected.txt")]
    texts = [path.read_text(encoding="utf-8") for path in paths]
    assert any("deal Former" in text for text in texts), "the seed's unsafe stray capital, held back in a line another rule changes"
    texts += [text.replace("\n", "\r\n") for text in texts[:6]]

    def runs() -> list[tuple[str, tuple[tuple[int, int, str, str], ...]]]:
        found = []
        for text in texts:
            for unsafe in (False, True):
                result = engine.run(text, unsafe=unsafe, language="en")
                found.append((result.text, tuple((e.start, e.end, e.replacement, e.rule) for e in (*result.edits, *result.pending))))
        return found

    scoped = runs()
    monkeypatch.setattr(Kind, "line_scoped", property(lambda self: False))
    assert runs() == scoped
