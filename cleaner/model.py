"""The shared vocabulary: an edit of the original text, and the result of cleaning one document."""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

Safety = Literal["safe", "unsafe"]
SAFETIES: tuple[Safety, ...] = ("safe", "unsafe")


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``text[start:end]`` with ``replacement``, on the word of ``rule``.

    Offsets count code points of the text the edit was made for: a rule's own
    edits refer to the text it was shown; the edits of a :class:`Result` refer
    to the original text. ``line`` and ``column`` (1-based) are filled in for
    the latter. ``rules`` lists every rule whose edits were merged into this
    one; the first is ``rule``.
    """

    start: int
    end: int
    replacement: str
    rule: str
    message: str
    safe: bool = True
    line: int = 0
    column: int = 0
    rules: tuple[str, ...] = ()

    @property
    def safety(self) -> Safety:
        return "safe" if self.safe else "unsafe"

    @property
    def all_rules(self) -> tuple[str, ...]:
        return self.rules or (self.rule,)


class LineIndex:
    """Maps code-point offsets of one text to 1-based (line, column)."""

    def __init__(self, text: str) -> None:
        self._starts = [0]
        start = text.find("\n")
        while start != -1:
            self._starts.append(start + 1)
            start = text.find("\n", start + 1)
        self._bom = 1 if text.startswith("\ufeff") else 0

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self._starts, offset) - 1
        column = offset - self._starts[line] + 1
        if line == 0 and self._bom and offset > 0:
            column -= 1
        return line + 1, column


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """Apply non-overlapping edits (offsets into ``text``) and return the new text.

    >>> apply_edits("agreementHe", [Edit(9, 9, ". ", "structure/glued-sentence", "glued")])
    'agreement. He'
    """
    ordered = sorted(edits, key=lambda e: (e.start, e.end))
    parts: list[str] = []
    position = 0
    for edit in ordered:
        if edit.start < position or edit.end < edit.start or edit.end > len(text):
            raise ValueError(f"edit {edit.start}:{edit.end} of {edit.rule} overlaps another or is out of bounds")
        parts.append(text[position : edit.start])
        parts.append(edit.replacement)
        position = edit.end
    parts.append(text[position:])
    return "".join(parts)


@dataclass(frozen=True, slots=True)
class Result:
    """The outcome of cleaning one document.

    ``edits`` are the changes applied to ``source`` to give ``text``;
    ``pending`` are unsafe edits that were found but held back. Both refer to
    offsets in ``source`` and never overlap one another.
    """

    source: str
    text: str
    edits: tuple[Edit, ...] = ()
    pending: tuple[Edit, ...] = ()
    warnings: tuple[str, ...] = ()
    language: str | None = None
    language_confidence: float | None = None
    skipped: bool = False

    @property
    def changed(self) -> bool:
        return self.text != self.source

    @property
    def all_edits(self) -> tuple[Edit, ...]:
        """Applied and pending edits, in text order."""
        return tuple(sorted(self.edits + self.pending, key=lambda e: (e.start, e.end)))

    def apply(self, edits: Sequence[Edit] | None = None) -> str:
        """The source with ``edits`` (by default, the applied ones) applied."""
        return apply_edits(self.source, self.edits if edits is None else edits)


@dataclass(slots=True)
class Summary:
    """Counts gathered over a run of several documents."""

    files: int = 0
    changed: int = 0
    edits: int = 0
    unsafe_held_back: int = 0
    errors: int = 0
    per_rule: dict[str, int] = field(default_factory=dict)
