"""Properties of cleaning that hold for any input: it never raises, it is a fixpoint, and its edits are honest.

Two kinds of input: arbitrary Unicode text, and article-like text cut from
the fixtures with one or more known glitches injected, so that the rules
really fire (a test below checks that most such examples do get edits).
The default hypothesis profile keeps this file fast; ``make fuzz`` runs
the ``fuzz`` profile with many more examples.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from hypothesis import example, given
from hypothesis import strategies as st

from cleaner import clean
from cleaner.engine import _Log
from cleaner.files import decode
from cleaner.model import Edit, Result, apply_edits, supersedes

ROOT = Path(__file__).resolve().parent.parent
FOOTER = "Leave a Comment\n\nThis site uses Akismet to reduce spam. Learn how your comment data is processed."


@lru_cache(maxsize=1)
def articles() -> tuple[tuple[str, ...], ...]:
    """Each fixture article (damaged inputs and clean texts) as its paragraphs."""
    paths = [p for p in sorted((ROOT / "fixtures" / "articles").glob("*.txt")) if ".expected" not in p.name]
    paths += sorted((ROOT / "fixtures" / "clean").glob("*.txt"))
    return tuple(tuple(p for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()) for path in paths)


def mojibake(text: str) -> str:
    """UTF-8 read as Windows-1252, with its five undefined bytes kept as C1 controls, as browsers do."""
    return "".join(bytes([b]).decode("cp1252", errors="strict") if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D) else chr(b) for b in text.encode("utf-8"))


def _nth(text: str, needle: str, n: int) -> int:
    """Start of the ``n``-th occurrence of ``needle`` (wrapping around), or -1."""
    count = text.count(needle)
    if not count:
        return -1
    position = -1
    for _ in range(n % count + 1):
        position = text.find(needle, position + 1)
    return position


def inject_mojibake(text: str, n: int) -> str:
    sentences = text.split(". ")
    index = n % len(sentences)
    sentences[index] = mojibake(sentences[index] + " — “quoted” café")
    return ". ".join(sentences)


def inject_glued(text: str, n: int) -> str:
    """``agreement. He`` becomes ``agreementHe``."""
    for needle in (". He ", ". The ", ". "):
        at = _nth(text, needle, n)
        if at > 0 and text[at - 1].isalpha():
            return text[:at] + text[at + 2 :]
    return text + "agreementHe said talks would go on."


def inject_missing_space(text: str, n: int) -> str:
    """``2021. The`` becomes ``2021.The``."""
    at = _nth(text, ". ", n)
    if at > 0 and at + 2 < len(text) and text[at + 2].isupper():
        return text[: at + 1] + text[at + 2 :]
    return text + " It ended in 2021.The talks resumed."


def inject_stray_capital(text: str, n: int) -> str:
    """`` the `` mid-sentence becomes `` The ``, as merged link text leaves it."""
    at = _nth(text, " the ", n)
    if at >= 0:
        return text[:at] + " The " + text[at + 5 :]
    return text + " It was signed along with The protocol."


def inject_misdirected_quote(text: str, n: int) -> str:
    """A closing quotation mark typed as an opening one."""
    at = _nth(text, "”", n)
    if at >= 0:
        return text[:at] + "“" + text[at + 1 :]
    return text + " He said that “no decision has been taken yet“."


def inject_doubled_space(text: str, n: int) -> str:
    at = _nth(text, " ", n)
    if at > 0:
        return text[:at] + "  " + text[at + 1 :]
    return text + "  Officials  said."


GLITCHES: dict[str, Callable[[str, int], str]] = {
    "mojibake": inject_mojibake,
    "glued": inject_glued,
    "missing-space": inject_missing_space,
    "stray-capital": inject_stray_capital,
    "misdirected-quote": inject_misdirected_quote,
    "doubled-space": inject_doubled_space,
}


def build_article(article: int, first: int, count: int, glitches: list[tuple[str, int, int]], footer: bool) -> str:
    """Paragraphs ``first .. first+count`` of one fixture, each glitch ``(type, paragraph, n)`` injected, and maybe the comment footer."""
    paragraphs = articles()[article % len(articles())]
    first %= len(paragraphs)
    chosen = list(paragraphs[first : first + count]) or [paragraphs[0]]
    for name, paragraph, n in glitches:
        index = paragraph % len(chosen)
        chosen[index] = GLITCHES[name](chosen[index], n)
    if footer:
        chosen.append(FOOTER)
    return "\n\n".join(chosen) + "\n"


GLITCH = st.tuples(st.sampled_from(sorted(GLITCHES)), st.integers(0, 50), st.integers(0, 50))
ARTICLE_TEXT = st.builds(
    build_article,
    st.integers(0, 1000),
    st.integers(0, 1000),
    st.integers(1, 8),
    st.lists(GLITCH, min_size=1, max_size=4),
    st.booleans(),
)
FRAGMENTS = st.sampled_from(
    [
        "\n",
        "\n\n",
        "\r\n",
        " ",
        "  ",
        ". ",
        "The ",
        "the ",
        "He",
        "“",
        "”",
        '"',
        "'",
        "â€™",
        "Ã©",
        "\ufeff",
        "\u200b",
        "Leave a Comment",
        FOOTER,
        "`code`",
        "http://x.example/a  b",
        "--- \n",
        "Advertisement",
        ",",
        " ,",
        "\t",
    ]
)
ANY_TEXT = st.one_of(
    st.text(),
    st.text(st.characters(codec=None, exclude_categories=("Cs",))),
    st.lists(st.one_of(FRAGMENTS, st.text(max_size=8)), max_size=40).map("".join),
)


def check_edits(source: str, edits: tuple[Edit, ...]) -> None:
    """Edits lie inside ``source``, in text order; one overlaps another only when it is unsafe and covers safe ones whole."""
    outer: Edit | None = None
    position = 0
    for edit in edits:
        assert 0 <= edit.start <= edit.end <= len(source), edit
        assert edit.line >= 1 and edit.column >= 1, edit
        if outer is not None and supersedes(outer, edit):
            assert not outer.safe and edit.safe, f"{edit} lies within {outer}"
            continue
        assert edit.start >= position, f"{edit} overlaps the edit before it"
        position = edit.end
        outer = edit


def effective(edits: list[Edit]) -> list[Edit]:
    """The edits that applying ``edits`` really applies: those that no other chosen edit supersedes."""
    return [e for e in edits if not any(o is not e and supersedes(o, e) for o in edits)]


def check_result(text: str, result: Result, *, unsafe: bool, markdown: bool) -> None:
    assert result.source == text
    problems = [w for w in result.warnings if "undoing each other" in w or "failed" in w]
    assert not problems, problems
    check_edits(text, result.edits)
    check_edits(text, result.pending)
    check_edits(text, result.all_edits)
    assert apply_edits(text, result.edits) == result.text
    assert result.apply() == result.text
    assert apply_edits(text, ()) == text
    assert result.apply(()) == text
    if not result.skipped:
        assert all(e.safe or unsafe for e in result.edits)
        assert all(not e.safe for e in result.pending)
        again = clean(result.text, unsafe=unsafe, markdown=markdown)
        assert again.text == result.text, (result.text, again.edits)
        assert not again.edits


def check_one_list(text: str, *, markdown: bool = False) -> None:
    """One edit list serves every face: its safe part gives ``fix``'s text, all of it ``fix --unsafe-fixes``'s."""
    cautious = clean(text, markdown=markdown)
    bold = clean(text, unsafe=True, markdown=markdown)
    if cautious.skipped or bold.skipped:
        return
    assert cautious.all_edits == bold.all_edits
    listed = cautious.all_edits
    assert apply_edits(text, [e for e in listed if e.safe]) == cautious.text
    assert apply_edits(text, listed) == bold.text


@given(ANY_TEXT, st.booleans(), st.booleans())
@example("\x1f\u200b", False, False)
def test_any_text(text: str, unsafe: bool, markdown: bool) -> None:
    result = clean(text, unsafe=unsafe, markdown=markdown)
    check_result(text, result, unsafe=unsafe, markdown=markdown)


@given(ARTICLE_TEXT, st.booleans())
def test_article_like_text(text: str, unsafe: bool) -> None:
    result = clean(text, unsafe=unsafe)
    check_result(text, result, unsafe=unsafe, markdown=False)


@given(ARTICLE_TEXT, st.booleans(), st.randoms(use_true_random=False))
def test_any_subset_of_edits_applies(text: str, unsafe: bool, chooser: random.Random) -> None:
    """Accepting some edits (applied or held back) and rejecting the rest always gives a text that differs only inside them."""
    result = clean(text, unsafe=unsafe)
    chosen = [e for e in result.all_edits if chooser.random() < 0.5]
    partial = apply_edits(text, chosen)
    applied = effective(chosen)
    assert len(partial) == len(text) + sum(len(e.replacement) - (e.end - e.start) for e in applied)
    if set(chosen) == set(result.edits):
        assert partial == result.text


@given(ANY_TEXT, st.booleans())
def test_one_edit_list_gives_both_fixes(text: str, markdown: bool) -> None:
    check_one_list(text, markdown=markdown)


@given(ARTICLE_TEXT)
def test_one_edit_list_gives_both_fixes_on_articles(text: str) -> None:
    check_one_list(text)


def test_one_edit_list_gives_both_fixes_on_every_fixture() -> None:
    paths = sorted((ROOT / "fixtures").rglob("*.txt")) + sorted((ROOT / "fixtures").rglob("*.md"))
    for path in paths:
        check_one_list(path.read_text(encoding="utf-8"), markdown=path.suffix == ".md")


def test_check_shows_the_seed_caption_that_unsafe_fix_removes() -> None:
    """The caption holds a safe name repair; its unsafe removal is listed all the same, and covers the repair."""
    text = (ROOT / "fixtures" / "articles" / "seed-lavrov-blinken.txt").read_text(encoding="utf-8")
    result = clean(text)
    caption = text.index("  • Russian Foreign Minister")
    covering = [e for e in result.pending if e.start <= caption < e.end and not e.replacement]
    assert covering, [e.message for e in result.pending]
    inside = [e for e in result.edits if covering[0].start <= e.start and e.end <= covering[0].end]
    assert inside and all(supersedes(covering[0], e) for e in inside)


@given(st.text(), st.sampled_from(["\n", "\r\n", "\r"]), st.booleans(), st.sampled_from(["utf-8", "utf-16", "utf-32-be"]))
@example("\x000", "\n", True, "utf-16")
def test_file_bytes_survive_decoding_and_encoding(text: str, newline: str, bom: bool, encoding: str) -> None:
    """Rejecting every edit of a file writes back its very bytes: endings, BOM and encoding included."""
    body = text.replace("\r", "").replace("\n", newline)
    marks = {"utf-8": b"\xef\xbb\xbf", "utf-16": b"\xff\xfe", "utf-32-be": b"\x00\x00\xfe\xff"}
    codec = "utf-16-le" if encoding == "utf-16" else encoding
    data = (marks[encoding] if bom else b"") + body.encode(codec)
    if encoding == "utf-8" and b"\x00" in data:
        return
    source = decode(data, "a.txt", encoding=encoding)
    assert source.encode(source.text) == data
    assert "\r" not in source.text


@given(st.lists(st.sampled_from(["a", " b", "\n", "\r\n", "\r", "  ", "x.  "]), max_size=30).map("".join))
def test_mixed_line_endings_survive_byte_for_byte(text: str) -> None:
    data = text.encode("utf-8")
    source = decode(data, "a.txt")
    assert source.encode(source.text) == data


def test_most_article_like_examples_get_edits() -> None:
    """The properties above are not met vacuously: injected glitches mostly do get repaired."""
    chooser = random.Random(6)
    total = edited = 0
    for _ in range(120):
        glitches = [(chooser.choice(sorted(GLITCHES)), chooser.randrange(50), chooser.randrange(50)) for _ in range(chooser.randint(1, 4))]
        text = build_article(chooser.randrange(1000), chooser.randrange(1000), chooser.randint(1, 8), glitches, chooser.random() < 0.5)
        total += 1
        edited += bool(clean(text, unsafe=True).edits)
    assert edited >= 0.75 * total, f"only {edited} of {total} article-like examples got edits"


def test_each_glitch_builder_changes_the_text() -> None:
    for name, inject in GLITCHES.items():
        for paragraphs in articles()[:5]:
            assert inject(paragraphs[1], 3) != paragraphs[1], name


def test_edits_next_to_a_deletion_keep_their_order() -> None:
    """Two deletions side by side, found by different rules, stay in text order (a bug once reported them reversed)."""
    result = clean("Text.\x1f\u200b More text follows here, long enough to keep.\n")
    check_edits(result.source, result.edits)
    log = _Log("\x1f\u200b")
    log.apply([Edit(0, 1, "", "a", "a")])
    log.apply([Edit(0, 1, "", "b", "b")])
    assert [(h.ostart, h.oend) for h in log.hunks] == [(0, 1), (1, 2)]


EDIT_BATCHES = st.lists(
    st.lists(st.tuples(st.integers(0, 3), st.integers(0, 3), st.sampled_from(["", "x", "yy", "zzz"])), max_size=6),
    min_size=1,
    max_size=4,
)


@given(st.text("ab \n", max_size=30), EDIT_BATCHES)
def test_one_sweep_records_what_one_edit_at_a_time_records(text: str, batches: list[list[tuple[int, int, str]]]) -> None:
    """The engine's linear ``apply`` agrees with recording each edit alone, right to left."""
    swept, reference = _Log(text), _Log(text)
    for number, batch in enumerate(batches):
        edits: list[Edit] = []
        position = 0
        for gap, length, replacement in batch:
            start = position + gap
            end = start + length
            if end > len(swept.text) or (edits and edits[-1].start == edits[-1].end == start):
                break
            if swept.text[start:end] != replacement:
                edits.append(Edit(start, end, replacement, f"r{number}", f"m{number}"))
            position = end + (start == end)
        current = reference.text
        for edit in sorted(edits, key=lambda e: e.start, reverse=True):
            current = current[: edit.start] + edit.replacement + current[edit.end :]
            reference._record(edit)
        reference.text = current
        swept.apply(edits)
        assert swept.text == reference.text
        assert swept.hunks == reference.hunks


def test_many_edits_in_one_document_are_each_credited() -> None:
    text = "The minister  said." * 20_000
    result = clean(text, select=["whitespace"])
    assert len(result.edits) == 20_000 and result.text == text.replace("  ", " ")
    assert [e.column for e in result.edits[:3]] == [13, 32, 51]


def test_language_is_checked_again_after_mojibake_is_repaired() -> None:
    """Mojibake can make English look like another language; cleaning the result again must change nothing."""
    text = build_article(48, 219, 2, [("mojibake", 0, 0)] * 3, False)
    result = clean(text)
    assert clean(result.text).text == result.text
