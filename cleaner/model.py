"""The shared vocabulary: an edit of the original text, and the result of cleaning one document."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from .kinds.base import Kind

Safety = Literal["safe", "unsafe"]
SAFETIES: tuple[Safety, ...] = ("safe", "unsafe")
Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")
"""How loudly CI formats report a rule's edits (GitHub annotations, SARIF levels, JUnit, GitLab code quality)."""
MAX_FIELD_LENGTH = 40
"""Longest quoted text a message shows; longer matches end in an ellipsis."""
PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
"""A field in a rule's message: ``{match}``, or one that the rule's kind fills in."""


def placeholders(message: str) -> list[str]:
    """The fields a message template names, in order.

    >>> placeholders("{match} -> {canonical}: {reason}")
    ['match', 'canonical', 'reason']
    """
    return PLACEHOLDER.findall(message)


def shorten(text: str, limit: int = MAX_FIELD_LENGTH) -> str:
    """Text as a message quotes it: on one line, cut with an ellipsis past ``limit`` characters.

    >>> shorten("Leave a\\nComment"), shorten("x" * 50)[-3:]
    ('Leave a Comment', 'xx…')
    """
    shown = " ".join(text.split())
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


@dataclass(frozen=True)
class Example:
    """One example a rule carries: ``before`` must become ``after`` (equal for an ``unchanged`` example)."""

    before: str
    after: str
    line: int

    @property
    def unchanged(self) -> bool:
        return self.before == self.after


@dataclass(eq=False)
class Rule:
    """One loaded rule: its data from YAML and its compiled kind."""

    pack: str
    id: str
    kind_name: str
    phase: str
    message: str
    why: str
    safe: bool
    languages: tuple[str, ...]
    examples: tuple[Example, ...]
    options: dict[str, Any]
    path: Path
    line: int
    shipped: bool = False
    replaces: Path | None = None
    severity: Severity = "warning"
    preview: bool = False
    """A preview rule runs only with ``--preview`` or ``preview = true`` in the config."""
    kind: Kind = field(init=False, repr=False)

    @property
    def full_id(self) -> str:
        return f"{self.pack}/{self.id}"

    @property
    def safety(self) -> Safety:
        return "safe" if self.safe else "unsafe"

    def format_message(self, match: str | None = None, fields: Mapping[str, object] | None = None) -> str:
        """The rule's message with ``{match}`` and the kind's fields filled in.

        >>> rule = Rule("p", "r", "remove", "structure", "Footer '{match}' ({lines} lines)", "", True, (), (), {}, Path("p.yaml"), 1)
        >>> rule.format_message("Leave a Comment", {"lines": 2})
        "Footer 'Leave a Comment' (2 lines)"
        """
        values = {key: str(value) for key, value in (fields or {}).items()}
        values["match"] = shorten(match or values.get("match", ""))
        return PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), self.message)


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
    details: tuple[tuple[str, object], ...] = field(default=(), compare=False)
    """The values behind the rule's decision (its message fields, a classifier's features), as ``(name, value)`` pairs."""

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


def edit_order(edit: Edit) -> tuple[int, bool, int, bool]:
    """Text order; at one position an insertion comes first, then the wider of two edits, then of two edits of the same span the unsafe one (which covers the safe one)."""
    return edit.start, edit.start != edit.end, -edit.end, edit.safe


def supersedes(outer: Edit, inner: Edit) -> bool:
    """Whether applying ``outer`` takes ``inner`` with it: ``inner`` lies within it (an insertion strictly within).

    >>> removal = Edit(0, 20, "", "furniture/caption", "caption")
    >>> supersedes(removal, Edit(5, 10, "x", "names/name-variant", "name")), supersedes(removal, Edit(20, 20, ".", "quotes/q", "q"))
    (True, False)
    """
    if outer.start == outer.end or not (outer.start <= inner.start and inner.end <= outer.end):
        return False
    return inner.start != inner.end or outer.start < inner.start < outer.end


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """Apply edits (offsets into ``text``) and return the new text.

    Edits may not overlap, except that an edit lying within another is
    superseded by it (see :func:`supersedes`): an unsafe removal of a
    caption takes the safe repair of a name inside the caption with it.

    >>> apply_edits("agreementHe", [Edit(9, 9, ". ", "structure/glued-sentence", "glued")])
    'agreement. He'
    """
    parts: list[str] = []
    position = 0
    outer: Edit | None = None
    for edit in sorted(edits, key=edit_order):
        if outer is not None and supersedes(outer, edit):
            continue
        if edit.start < position or edit.end < edit.start or edit.end > len(text):
            raise ValueError(f"edit {edit.start}:{edit.end} of {edit.rule} overlaps another or is out of bounds")
        parts.append(text[position : edit.start])
        parts.append(edit.replacement)
        position = edit.end
        outer = edit
    parts.append(text[position:])
    return "".join(parts)


@dataclass(frozen=True, slots=True)
class Result:
    """The outcome of cleaning one document.

    ``edits`` are the changes applied to ``source`` to give ``text``;
    ``pending`` are the edits found but not applied (unsafe ones held back,
    or every edit of a document that ``--max-removed`` blocked). Together
    they are the one edit list that every view shows: both refer to offsets
    in ``source``, and an unsafe edit may cover safe ones whole (it
    supersedes them when applied, see :func:`apply_edits`), otherwise they
    never overlap.
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
        return tuple(sorted(self.edits + self.pending, key=edit_order))

    def apply(self, edits: Sequence[Edit] | None = None) -> str:
        """The source with ``edits`` (by default, the applied ones) applied."""
        return apply_edits(self.source, self.edits if edits is None else edits)
