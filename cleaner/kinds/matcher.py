"""``difflib.SequenceMatcher`` for two strings, with the same answers, fast on long lines that differ in many places.

difflib finds matching blocks by asking again and again for the longest
common substring of two ranges; its dynamic programme costs time in the
product of the lengths, which on a garbled paragraph of a few thousand
characters runs to seconds. For strings without junk (``isjunk=None``,
``autojunk=False``), :class:`Matcher` answers the same question another way:

1. a candidate: the longest piece of ``a``, split at characters that do not
   occur in ``b`` at all, that ``b`` holds whole (a plain substring search);
2. a proof that no common substring is longer: no slice of ``a`` one
   character longer occurs among those of ``b``;
3. difflib's own choice among the longest: the one that starts first in
   ``a``, then first in ``b``.

When step 1 finds nothing, step 2 fails, or the slices of step 2 would be
too many characters to copy (a long common stretch of a long line), it finds
the longest common substring with a suffix automaton of ``b``, in time
linear in the two ranges, and takes difflib's choice among the longest the
same way; so the blocks, and the opcodes made of them, are always difflib's.

>>> Matcher("The caf\u00c3\u00a9 opened", "The café opened").get_opcodes()
[('equal', 0, 7, 0, 7), ('replace', 7, 9, 7, 8), ('equal', 9, 16, 8, 15)]
"""

from __future__ import annotations

import difflib

SMALL = 5_000
"""Below this product of the two range lengths, difflib's own search is fast enough."""

CANDIDATES = 8
"""How many of the longest pieces of ``a`` to try as candidates."""

SLICED = 1_000_000
"""Above this many characters of slices, step 2 would copy more than the suffix automaton costs."""


class Matcher(difflib.SequenceMatcher[str]):
    """A ``SequenceMatcher(None, a, b, autojunk=False)`` of two strings."""

    def __init__(self, a: str, b: str) -> None:
        super().__init__(None, a, b, autojunk=False)
        self.text_a, self.text_b = a, b

    def find_longest_match(self, alo: int = 0, ahi: int | None = None, blo: int = 0, bhi: int | None = None) -> difflib.Match:
        a, b = self.text_a, self.text_b
        ahi = len(a) if ahi is None else ahi
        bhi = len(b) if bhi is None else bhi
        if (ahi - alo) * (bhi - blo) < SMALL:
            return super().find_longest_match(alo, ahi, blo, bhi)
        found = _longest(a, alo, ahi, b, blo, bhi)
        return found if found is not None else _automaton_longest(a, alo, ahi, b, blo, bhi)


def _longest(a: str, alo: int, ahi: int, b: str, blo: int, bhi: int) -> difflib.Match | None:
    """The longest common substring of ``a[alo:ahi]`` and ``b[blo:bhi]``, first in ``a`` then in ``b``; None when the shortcut does not apply."""
    part_a, part_b = a[alo:ahi], b[blo:bhi]
    shared = set(part_b)
    pieces: list[str] = []
    start = 0
    for index, char in enumerate(part_a):
        if char not in shared:
            if index > start:
                pieces.append(part_a[start:index])
            start = index + 1
    if len(part_a) > start:
        pieces.append(part_a[start:])
    pieces.sort(key=len, reverse=True)
    size = next((len(piece) for piece in pieces[:CANDIDATES] if piece in part_b), 0)
    if size == 0:
        return None
    longer = size + 1
    if longer * (len(part_a) + len(part_b)) > SLICED:
        return None
    if longer <= min(len(part_a), len(part_b)):
        slices = {part_b[t : t + longer] for t in range(len(part_b) - longer + 1)}
        if any(part_a[s : s + longer] in slices for s in range(len(part_a) - longer + 1)):
            return None
    first = {part_b[t : t + size]: t for t in range(len(part_b) - size, -1, -1)}
    for s in range(len(part_a) - size + 1):
        t = first.get(part_a[s : s + size])
        if t is not None:
            return difflib.Match(alo + s, blo + t, size)
    return None  # pragma: no cover - the candidate itself is a common substring


def _automaton_longest(a: str, alo: int, ahi: int, b: str, blo: int, bhi: int) -> difflib.Match:
    """difflib's longest match of ``a[alo:ahi]`` and ``b[blo:bhi]`` (first in ``a``, then first in ``b``), through a suffix automaton of ``b[blo:bhi]``.

    >>> _automaton_longest("xabcyabcd", 0, 9, "zabcdz", 0, 6)
    Match(a=5, b=1, size=4)
    """
    follow: list[dict[str, int]] = [{}]
    link, length = [-1], [0]
    last = 0
    for char in b[blo:bhi]:
        state = len(length)
        follow.append({})
        length.append(length[last] + 1)
        link.append(0)
        previous = last
        while previous != -1 and char not in follow[previous]:
            follow[previous][char] = state
            previous = link[previous]
        if previous != -1:
            target = follow[previous][char]
            if length[previous] + 1 == length[target]:
                link[state] = target
            else:
                clone = len(length)
                follow.append(dict(follow[target]))
                length.append(length[previous] + 1)
                link.append(link[target])
                while previous != -1 and follow[previous].get(char) == target:
                    follow[previous][char] = clone
                    previous = link[previous]
                link[target] = link[state] = clone
        last = state
    state = size = best = 0
    best_end = alo
    for index in range(alo, ahi):
        char = a[index]
        while state and char not in follow[state]:
            state = link[state]
            size = length[state]
        if char in follow[state]:
            state = follow[state][char]
            size += 1
        if size > best:
            best, best_end = size, index + 1
    if best == 0:
        return difflib.Match(alo, blo, 0)
    start = best_end - best
    return difflib.Match(start, b.find(a[start:best_end], blo, bhi), best)
