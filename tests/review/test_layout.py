"""What each pane shows, without a terminal: blocks, runs built from the verdicts (never a diff of two texts), wrapping."""

from __future__ import annotations

from review_helpers import SEED, cleaned

from cleaner.model import Edit, Result
from cleaner.review.layout import MARK, Block, Layout, sides, split_blocks, wrap
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
