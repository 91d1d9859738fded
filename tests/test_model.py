from __future__ import annotations

import pytest

from cleaner.model import Edit, LineIndex, apply_edits


def edit(start: int, end: int, replacement: str) -> Edit:
    return Edit(start, end, replacement, "test/rule", "message")


def test_apply_edits_in_any_order() -> None:
    text = "abc def ghi"
    assert apply_edits(text, [edit(8, 11, "GHI"), edit(0, 3, "ABC")]) == "ABC def GHI"


def test_insertion_and_replacement_at_the_same_point() -> None:
    assert apply_edits("abcd", [edit(2, 4, "X"), edit(2, 2, "-")]) == "ab-X"


def test_overlapping_edits_are_refused() -> None:
    with pytest.raises(ValueError, match="overlaps"):
        apply_edits("abcdef", [edit(0, 3, ""), edit(2, 4, "")])


def test_out_of_bounds_edit_is_refused() -> None:
    with pytest.raises(ValueError):
        apply_edits("abc", [edit(2, 5, "")])


def test_line_index_counts_code_points_from_one() -> None:
    index = LineIndex("first\nsecond line\nthird")
    assert index.position(0) == (1, 1)
    assert index.position(6) == (2, 1)
    assert index.position(13) == (2, 8)
    assert index.position(18) == (3, 1)


def test_line_index_does_not_count_a_bom() -> None:
    index = LineIndex("\ufeffabc")
    assert index.position(1) == (1, 1)
    assert index.position(3) == (1, 3)


def test_line_index_counts_astral_characters_once() -> None:
    assert LineIndex("😀x").position(1) == (1, 2)
