"""The side-by-side picture of a review, without a terminal: blocks, styled runs and wrapped rows.

The original text is cut into blocks at paragraph breaks that no edit
touches, so that each fix lies in one block and the two sides line up
block by block. Each side of a block is a plain text with *runs* that say
which characters an edit deletes, inserts, keeps, or leaves pending; the
repaired side is built from the original and the fixes' verdicts alone
(never from a diff of two texts). Inside one edit, rapidfuzz's opcodes
over words show which words change.

>>> from cleaner.model import Edit, Result
>>> from cleaner.review.state import Review
>>> review = Review(Result("Trevor Rowdy Reed.", "Trevor Reed.", (Edit(0, 17, "Trevor Reed", "names/n", "name", True, 1, 1),)))
>>> left, right = sides(review, Block(0, 18, (0,)))
>>> [(left.text[s:e], kind) for s, e, kind, _ in left.runs]
[('Trevor ', 'same'), ('Rowdy ', 'delete'), ('Reed', 'same')]
>>> right.text
'Trevor ‸Reed.'
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from rapidfuzz.distance import Levenshtein
from rich.cells import cell_len

from ..document import PARAGRAPH_BREAK
from ..model import Edit
from .state import Review

Kind = Literal["delete", "insert", "same", "pending", "rejected", "mark"]
"""What a run of characters is: text an accepted fix deletes or inserts, words it keeps, a fix still pending or rejected, or the place of an insertion (left) or a deletion (right)."""
Run = tuple[int, int, Kind, int]
"""``(start, end, kind, fix)``: characters of a side's text and the fix they belong to."""
Row = tuple[int, int]
"""A wrapped row: ``(start, end)`` in a side's text."""
Found = tuple[int, int, int]
"""A stretch of text on the left: ``(block, start, end)``, offsets in the block's left text."""
MARK = "‸"
"""Stands where text is inserted (left) or removed (right), so that every fix has something to point at."""
NEWLINE = "⏎"
"""Drawn before a line break that a change of white space alone adds or removes (a blank row shows nothing otherwise)."""
TOKEN = re.compile(r"\w+|\n|[^\S\n]+|[^\w\s]", re.UNICODE)
"""Words, line breaks one by one, other runs of white space and single signs: what a change inside one edit is measured in."""
WORD = re.compile(r"(\s*\S+)\s*")
"""A word with the white space before it (at a line's start) and after it: what wrapping keeps together."""
OTHER = re.compile("[^\u0000-\u02ff\u0370-\u0482\u048a-\u052f\u2010-\u206f\u20a0-\u20bf\u2100-\u214f\u2190-\u21ff]")
"""A character outside the scripts and signs known to take one cell each (Latin, Greek, Cyrillic, punctuation, currency, arrows): its line is measured cell by cell."""
FIRST_EXACT = 150_000
"""Characters wrapped before the first screen; the rest of a long text is wrapped in the background."""
WORD_DIFF_LIMIT = 3000
"""Tokens on one side of an edit past which its words are not compared (it shows as one deletion and one insertion)."""
DISPLAY = str.maketrans({"\t": " ", "\r": "␍", "\x0b": " ", "\x0c": " ", "\x00": "␀"})
"""Characters shown as others, one for one, so that offsets stay put."""


@dataclass(frozen=True)
class Block:
    """A stretch ``source[start:end]`` shown as one aligned unit, with the fixes inside it."""

    start: int
    end: int
    fixes: tuple[int, ...] = ()


@dataclass(frozen=True)
class Side:
    """The text one pane shows for a block, with its runs."""

    text: str
    runs: tuple[Run, ...] = ()


def split_blocks(source: str, edits: Sequence[Edit]) -> list[Block]:
    """Blocks of ``source``: paragraphs, joined where an edit spans the break between them; each edit is listed in its block.

    >>> [(b.start, b.end, b.fixes) for b in split_blocks("One.\\n\\nTwo.\\n\\nThree.", [Edit(4, 10, "", "r", "m")])]
    [(0, 10, (0,)), (12, 18, ())]
    """
    spans = sorted(((e.start, e.end) for e in edits), key=lambda s: s[0])
    breaks: list[tuple[int, int]] = []
    index = 0
    reach = -1
    for match in PARAGRAPH_BREAK.finditer(source):
        start, end = match.span()
        inside = False
        while index < len(spans) and spans[index][0] < end:
            a, b = spans[index]
            reach = max(reach, b)
            inside = inside or start < a == b
            index += 1
        if reach > start or inside:
            continue
        breaks.append((start, end))
    reach = max([reach, *(b for _, b in spans[index:])])
    bounds: list[tuple[int, int]] = []
    position = 0
    for start, end in breaks:
        bounds.append((position, start))
        position = end
    tail = len(source.rstrip("\n"))
    bounds.append((position, max(tail, position, reach)))
    blocks = [Block(a, b) for a, b in bounds if b > a] or [Block(0, len(source))]
    starts = [b.start for b in blocks]
    members: list[list[int]] = [[] for _ in blocks]
    for number, edit in enumerate(edits):
        at = bisect.bisect_right(starts, edit.start) - 1
        if at > 0 and edit.start == edit.end == blocks[at].start and blocks[at - 1].end == edit.start:
            at -= 1
        members[max(at, 0)].append(number)
    return [Block(b.start, b.end, tuple(m)) for b, m in zip(blocks, members)]


def _pieces(old: str, new: str) -> tuple[list[tuple[str, bool]], list[tuple[str, bool]]]:
    """Words of ``old`` and ``new`` as ``(text, changed)`` pieces, by rapidfuzz's opcodes over word tokens.

    Where words go with nothing in their place, the other side gets an
    empty changed piece, drawn as :data:`MARK`; the pieces of each side
    join to exactly its text.

    >>> _pieces("Trevor Rowdy Reed", "Trevor Reed")
    ([('Trevor ', False), ('Rowdy ', True), ('Reed', False)], [('Trevor ', False), ('', True), ('Reed', False)])
    """
    a, b = TOKEN.findall(old), TOKEN.findall(new)
    if not a or not b or len(a) > WORD_DIFF_LIMIT or len(b) > WORD_DIFF_LIMIT:
        return [(old, True)] if old else [], [(new, True)] if new else []
    left: list[tuple[str, bool]] = []
    right: list[tuple[str, bool]] = []
    for op in Levenshtein.opcodes(a, b):
        changed = op.tag != "equal"
        left.append(("".join(a[op.src_start : op.src_end]), changed))
        right.append(("".join(b[op.dest_start : op.dest_end]), changed))
    return left, right


def _visible(text: str) -> str:
    """White space alone, as a change shows it: each line break after a :data:`NEWLINE`, so that a blank row shows what changed.

    >>> _visible("\\n\\n"), _visible("Leave a\\nComment")
    ('⏎\\n⏎\\n', 'Leave a\\nComment')
    """
    if "\n" in text and not text.strip():
        return text.replace("\n", NEWLINE + "\n")
    return text


class _Builder:
    def __init__(self) -> None:
        self.parts: list[str] = []
        self.runs: list[Run] = []
        self.length = 0

    def add(self, text: str, kind: Kind | None = None, fix: int = -1) -> None:
        if not text:
            return
        if kind is not None:
            self.runs.append((self.length, self.length + len(text), kind, fix))
        self.parts.append(text)
        self.length += len(text)

    def side(self) -> Side:
        return Side("".join(self.parts).translate(DISPLAY), tuple(self.runs))


def sides(review: Review, block: Block) -> tuple[Side, Side]:
    """The original (left) and repaired (right) sides of ``block`` under the review's verdicts."""
    source = review.source
    if not block.fixes:
        plain = Side(source[block.start : block.end].translate(DISPLAY))
        return plain, plain
    left, right = _Builder(), _Builder()
    position = block.start
    for index in block.fixes:
        fix = review.fixes[index]
        if fix.outer is not None:
            continue
        edit = fix.edit
        left.add(source[position : edit.start])
        right.add(source[position : edit.start])
        _fix(review, index, left, right)
        position = edit.end
    left.add(source[position : block.end])
    right.add(source[position : block.end])
    return left.side(), right.side()


def _fix(review: Review, index: int, left: _Builder, right: _Builder) -> None:
    fix = review.fixes[index]
    source = review.source
    if fix.state == "accepted":
        old, new = _pieces(fix.original, fix.replacement)
        _changes(left, old, "delete", index)
        _changes(right, new, "insert", index)
        return
    kind: Kind = fix.state
    position = fix.edit.start
    if not fix.original:
        left.add(MARK, kind, index)
        right.add(MARK, kind, index)
    elif not fix.original.strip() and not review.inner(index):
        left.add(_visible(fix.original), kind, index)
        right.add(_visible(fix.original), kind, index)
        return
    for inner in review.inner(index):
        edit = review.fixes[inner].edit
        left.add(source[position : edit.start], kind, index)
        right.add(source[position : edit.start], kind, index)
        _fix(review, inner, left, right)
        position = edit.end
    left.add(source[position : fix.edit.end], kind, index)
    right.add(source[position : fix.edit.end], kind, index)


def _changes(side: _Builder, pieces: list[tuple[str, bool]], kind: Kind, index: int) -> None:
    """One side of an accepted fix: words it keeps, words it changes (``kind``), and a mark where there are none."""
    for text, changed in pieces or [("", True)]:
        if not changed:
            side.add(text, "same", index)
        elif text:
            side.add(_visible(text), kind, index)
        else:
            side.add(MARK, "mark", index)


def wrap(text: str, width: int) -> list[Row]:
    """Rows of ``text`` at most ``width`` cells wide, broken after white space where possible and at every line break.

    >>> text = "one two three\\nfour"
    >>> [text[s:e] for s, e in wrap(text, 8)]
    ['one two ', 'three', 'four']
    """
    width = max(width, 1)
    rows: list[Row] = []
    position = 0
    for line in text.split("\n"):
        end = position + len(line)
        if len(line) <= width and (line.isascii() or not OTHER.search(line) or cell_len(line) <= width):
            rows.append((position, end))
        else:
            rows.extend(_wrap_line(line, position, width))
        position = end + 1
    return rows


def _wrap_line(line: str, offset: int, width: int) -> list[Row]:
    if not line.isascii() and OTHER.search(line):
        return _wrap_wide(line, offset, width)
    rows: list[Row] = []
    start = used = 0
    for match in WORD.finditer(line):
        a, word_end = match.span(1)
        end = match.end()
        size = word_end - a
        if used and used + size > width:
            rows.append((offset + start, offset + a))
            start, used = a, 0
        while size > width:
            rows.append((offset + start, offset + start + width))
            start += width
            size -= width
        used += end - start if used == 0 else end - a
    rows.append((offset + start, offset + len(line)))
    return rows


def _wrap_wide(line: str, offset: int, width: int) -> list[Row]:
    """Like :func:`_wrap_line`, measuring cells (wide and combining characters)."""
    rows: list[Row] = []
    start = 0
    used = 0
    for match in WORD.finditer(line):
        a, word_end = match.span(1)
        size = cell_len(line[a:word_end])
        if used and used + size > width:
            rows.append((offset + start, offset + a))
            start, used = a, 0
        while size > width:
            cut, taken = start, 0
            while cut < word_end and taken + cell_len(line[cut]) <= width:
                taken += cell_len(line[cut])
                cut += 1
            cut = max(cut, start + 1)
            rows.append((offset + start, offset + cut))
            start = cut
            size = cell_len(line[start:word_end])
        used = cell_len(line[start : match.end()])
    rows.append((offset + start, offset + len(line)))
    return rows


class Layout:
    """Both sides of every block, wrapped to one width, with row lookups; only what changes is built again.

    Each block takes as many rows as its taller side, plus a blank row
    before the next block.
    """

    def __init__(self, source: str, review: Review | None, width: int) -> None:
        self.source = source
        self.review = review
        self.width = max(width, 4)
        self.blocks = split_blocks(source, [f.edit for f in review.fixes] if review is not None else [])
        self.block_of: dict[int, int] = {fix: number for number, block in enumerate(self.blocks) for fix in block.fixes}
        self._sides: dict[int, tuple[Side, Side]] = {}
        self._rows: dict[int, tuple[list[Row], list[Row]]] = {}
        self.heights = [self._estimate(block) for block in self.blocks]
        self.next_exact = 0
        """Blocks before this one have their exact height; the others an estimate until :meth:`refine` reaches them (or they are drawn)."""
        self.refine(FIRST_EXACT)

    def _estimate(self, block: Block) -> int:
        return (block.end - block.start) // max(self.width - 6, 1) + self.source.count("\n", block.start, block.end) + 1

    @property
    def complete(self) -> bool:
        return self.next_exact >= len(self.blocks)

    def refine(self, characters: int) -> bool:
        """Wrap the next blocks, about ``characters`` of text, to replace their estimated heights; whether all are exact now."""
        done = 0
        while self.next_exact < len(self.blocks) and done < characters:
            number = self.next_exact
            block = self.blocks[number]
            self.heights[number] = self._height(number)
            done += block.end - block.start
            self.next_exact += 1
        self._offsets()
        return self.complete

    def _offsets(self) -> None:
        self.starts = [0, *itertools.accumulate(h + 1 for h in self.heights)]
        self.total = max(self.starts[-1] - 1, 0)

    def side_pair(self, number: int) -> tuple[Side, Side]:
        if number not in self._sides:
            if self.review is None:
                block = self.blocks[number]
                plain = Side(self.source[block.start : block.end].translate(DISPLAY))
                self._sides[number] = (plain, plain)
            else:
                self._sides[number] = sides(self.review, self.blocks[number])
        return self._sides[number]

    def rows(self, number: int) -> tuple[list[Row], list[Row]]:
        if number not in self._rows:
            block = self.blocks[number]
            if self.review is None or not block.fixes:
                plain = wrap(self.source[block.start : block.end], self.width)
                self._rows[number] = (plain, plain)
            else:
                left, right = self.side_pair(number)
                self._rows[number] = (wrap(left.text, self.width), wrap(right.text, self.width))
            if number >= self.next_exact:
                height = max(len(self._rows[number][0]), len(self._rows[number][1]))
                if height != self.heights[number]:
                    self.heights[number] = height
                    self._offsets()
        return self._rows[number]

    def _height(self, number: int) -> int:
        left, right = self.rows(number)
        return max(len(left), len(right))

    def changed(self, fixes: Sequence[int]) -> None:
        """Build again the blocks that hold ``fixes``."""
        numbers = {self.block_of[f] for f in fixes if f in self.block_of}
        for number in numbers:
            self._sides.pop(number, None)
            self._rows.pop(number, None)
            self.heights[number] = self._height(number)
        if numbers:
            self._offsets()

    def locate(self, y: int) -> tuple[int, int]:
        """The block at row ``y`` and the row within it (equal to its height on the blank row after it)."""
        number = max(bisect.bisect_right(self.starts, y) - 1, 0)
        number = min(number, len(self.blocks) - 1)
        return number, y - self.starts[number]

    def row(self, side: int, y: int) -> tuple[Side, Row] | None:
        """What row ``y`` of a side (0 left, 1 right) shows: a side's text and the row's span in it, or None for a blank row."""
        if y < 0 or y >= self.total or not self.blocks:
            return None
        number, offset = self.locate(y)
        rows = self.rows(number)[side]
        if offset >= len(rows):
            return None
        return self.side_pair(number)[side], rows[offset]

    def fix_at(self, side: int, y: int, x: int) -> int | None:
        """The fix shown at cell ``x`` of row ``y``, if any."""
        found = self.row(side, y)
        if found is None:
            return None
        text, (start, end) = found[0], found[1]
        column = start
        cells = 0
        while column < end and cells + cell_len(text.text[column]) <= x:
            cells += cell_len(text.text[column])
            column += 1
        for run_start, run_end, _, fix in text.runs:
            if run_start <= column < run_end and fix >= 0:
                return fix
        return None

    def fix_row(self, fix: int) -> int:
        """The first row where ``fix`` shows on the left."""
        number = self.block_of.get(fix)
        if number is None:
            return 0
        side, _ = self.side_pair(number)
        return self.row_of(number, 0, next((s for s, _, _, f in side.runs if f == fix), 0))

    def find(self, offset: int, length: int) -> Found:
        """Where ``source[offset:offset + length]`` shows on the left: its block, and its span in that block's left text."""
        number = max(bisect.bisect_right([b.start for b in self.blocks], offset) - 1, 0)
        block = self.blocks[number]
        local = min(max(offset - block.start, 0), block.end - block.start)
        if not block.fixes:
            return number, local, min(local + length, block.end - block.start)
        needle = self.source[offset : offset + length].translate(DISPLAY)
        text = self.side_pair(number)[0].text
        position = -len(needle)
        for _ in range(self.source.count(needle, block.start, offset) + 1):
            position = text.find(needle, position + len(needle))
            if position < 0:
                return number, 0, 0
        return number, position, position + len(needle)

    def row_of(self, number: int, side: int, offset: int) -> int:
        """The row that shows character ``offset`` of block ``number``'s text on ``side``."""
        rows = self.rows(number)[side]
        return self.starts[number] + max(bisect.bisect_right([r[0] for r in rows], offset) - 1, 0)
