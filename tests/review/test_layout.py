"""What each pane shows, without a terminal: blocks, runs built from the verdicts (never a diff of two texts), wrapping."""

from __future__ import annotations

from review_helpers import ROOT, SEED, cleaned

from cleaner.model import Edit, Result
from cleaner.review.layout import MARK, NEWLINE, Block, Layout, sides, split_blocks, wrap
from cleaner.review.state import Review


def test_blocks_split_at_paragraph_breaks_no_edit_touches() -> None:
    text = "One.\n\nTwo.\n\n\n\nThree.\n"
    removal = Edit(4, 10, "", "r/footer", "m")
    squeeze = Edit(10, 14, "\n\n", "r/blank", "m")
    assert [(b.start, b.end) for b in split_blocks(text, [])] == [(0, 4), (6, 10), (14, 20)]
    assert [(b.start, b.end, b.fixes) for b in split_blocks(text, [removal])] == [(0, 10, (0,)), (14, 20, ())]
    assert [(b.start, b.end, b.fixes) for b in split_blocks(text, [squeeze])] == [(0, 4, ()), (6, 20, (0,))]


def test_sides_follow_the_verdicts() -> None:
    source = "agreementHe said"
    result = Result(source, "agreement. He said", (Edit(9, 9, ". ", "structure/glued-sentence", "glued", True, 1, 10),))
    review = Review(result)
    left, right = sides(review, Block(0, len(source), (0,)))
    assert left.text == f"agreement{MARK}He said" and right.text == "agreement. He said"
    assert [(right.text[s:e], kind) for s, e, kind, _ in right.runs] == [(". ", "insert")]
    review.decide([0], "rejected")
    left, right = sides(review, Block(0, len(source), (0,)))
    assert right.text == left.text == f"agreement{MARK}He said" and {k for _, _, k, _ in right.runs} == {"rejected"}


def test_an_accepted_outer_fix_hides_the_fixes_inside_it() -> None:
    text = SEED.read_text(encoding="utf-8")
    review = Review(cleaned(text))
    caption = next(i for i, f in enumerate(review.fixes) if f.edit.rule == "boilerplate/lone-bullet-caption")
    layout = Layout(text, review, 60)
    block = layout.blocks[layout.block_of[caption]]
    _, right = sides(review, block)
    assert "Minister Sergey Lavrov and American Antony Blinken" in right.text
    review.decide([caption], "accepted")
    _, right = sides(review, block)
    assert "Minister Sergey Lavrov" not in right.text and MARK in right.text


def test_wrap_breaks_after_spaces_and_counts_wide_characters_as_two_cells() -> None:
    text = "one two three\n東京東京東京"
    assert [text[s:e] for s, e in wrap(text, 8)] == ["one two ", "three", "東京東京", "東京"]
    long = "abcdefghij"
    assert [long[s:e] for s, e in wrap(long, 4)] == ["abcd", "efgh", "ij"]


def test_long_texts_are_wrapped_exactly_in_steps() -> None:
    text = "\n\n".join(f"Paragraph {n} " + "word " * 60 for n in range(3000))
    layout = Layout(text, None, 40)
    assert not layout.complete
    while not layout.refine(100_000):
        pass
    exact = Layout(text, None, 40)
    exact.refine(len(text))
    assert layout.total == exact.total == sum(len(wrap(text[b.start : b.end], 40)) + 1 for b in exact.blocks) - 1


ARTICLES = ROOT / "fixtures" / "articles"
LONG = ("seed-lavrov-blinken", "iran-nuclear-talks-vienna", "gaza-truce-cairo-talks", "china-ev-exports", "moscow-court-bribery")


def unmarked(text: str) -> str:
    """A side's text without the marks the panes add (``‸`` where text goes in or out, ``⏎`` before a changed line break)."""
    return text.replace(MARK, "").replace(NEWLINE, "")


def joined(layout: Layout, side: int) -> str:
    """One side of every block, with the paragraph breaks between blocks (which no fix touches) and the text's end."""
    parts = []
    position = 0
    for number, block in enumerate(layout.blocks):
        parts.append(layout.source[position : block.start])
        parts.append(unmarked(layout.side_pair(number)[side].text))
        position = block.end
    parts.append(layout.source[position:])
    return "".join(parts)


def test_both_sides_keep_the_text_exactly_under_every_verdict() -> None:
    for name in LONG:
        text = (ARTICLES / f"{name}.txt").read_text(encoding="utf-8")
        review = Review(cleaned(text))
        for state in ("accepted", "rejected", "pending", None):
            if state is not None:
                review.decide(range(len(review)), state)
            layout = Layout(text, review, 50)
            assert joined(layout, 0) == text, (name, state)
            assert joined(layout, 1) == review.text(), (name, state)
            for number in range(len(layout.blocks)):
                for side in layout.side_pair(number):
                    covered = [side.text[s:e] for s, e, _, _ in side.runs]
                    assert all(covered), "no empty run: every change has something to show"


def test_highlighted_words_keep_the_spaces_between_them() -> None:
    source = "counterpart Anthony Blinken."
    review = Review(Result(source, "counterpart Antony Blinken.", (Edit(12, 27, "Antony Blinken", "names/n", "name", True, 1, 13),)))
    left, right = sides(review, Block(0, len(source), (0,)))
    assert left.text == source and right.text == "counterpart Antony Blinken."
    assert [(left.text[s:e], k) for s, e, k, _ in left.runs] == [("Anthony", "delete"), (" Blinken", "same")]
    assert [(right.text[s:e], k) for s, e, k, _ in right.runs] == [("Antony", "insert"), (" Blinken", "same")]


def test_a_change_of_white_space_alone_shows_its_line_breaks() -> None:
    source = "months.\n\n\n\nFor its part"
    review = Review(Result(source, "months.\n\nFor its part", (Edit(7, 11, "\n\n", "whitespace/blank-line-run", "m", True, 1, 8),)))
    left, right = sides(review, Block(0, len(source), (0,)))
    assert left.text == f"months.\n\n{NEWLINE}\n{NEWLINE}\nFor its part"
    assert right.text == f"months.\n\n{MARK}For its part", "the removal shows where it was"
    assert [left.text[s:e] for s, e in wrap(left.text, 40)] == ["months.", "", NEWLINE, NEWLINE, "For its part"]
    review.decide([0], "pending")
    left, right = sides(review, Block(0, len(source), (0,)))
    assert left.text == right.text == f"months.{NEWLINE}\n{NEWLINE}\n{NEWLINE}\n{NEWLINE}\nFor its part"
    glued = Review(Result("truceThe talks", "truce\n\nThe talks", (Edit(5, 5, "\n\n", "structure/glued-sentence", "m", True, 1, 6),)))
    left, right = sides(glued, Block(0, 14, (0,)))
    assert left.text == f"truce{MARK}The talks" and right.text == f"truce{NEWLINE}\n{NEWLINE}\nThe talks"
