"""The strip about the current fix: its rule, verdict, safety, message and why."""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.reactive import reactive
from textual.widgets import Static

from .fixlist import shown
from .state import Review

ROWS = 5
"""Rows the strip takes at most; a long why is cut to fit, with an ellipsis."""
SHORT_ROWS = 3
"""Rows it takes on a short terminal."""


class FixInfo(Static):
    """What the current fix is and why its rule exists."""

    DEFAULT_CSS = """
    FixInfo {
        height: auto;
        padding: 0 1;
        background: $boost;
    }
    """

    rows: reactive[int] = reactive(ROWS)
    """Rows the strip takes at most."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.text = Text()
        """Everything the strip would say, before it is cut to fit."""

    def watch_rows(self, rows: int) -> None:
        self.styles.max_height = rows
        self.update(fit(self.text, self.content_region.width, rows))

    def show(self, review: Review | None, index: int | None, why: str = "", note: str = "") -> None:
        """Describe fix ``index`` of ``review``; without a review, say ``note`` (what the engine is doing, or what went wrong)."""
        self.text = describe(review, index, why) if review is not None else Text(note)
        self.update(fit(self.text, self.content_region.width, self.rows))

    def on_resize(self, event: events.Resize) -> None:
        self.update(fit(self.text, self.content_region.width, self.rows))


def describe(review: Review, index: int | None, why: str = "") -> Text:
    """The fix's place and rule, its safety and verdict, its message, the reviewer's own text if any, and why the rule exists."""
    if index is None or not review.fixes:
        return Text("No fixes in this document.")
    fix = review.fixes[index]
    edit = fix.edit
    text = Text()
    text.append(f"{index + 1}/{len(review)} ", style="dim")
    text.append(edit.rule, style="bold")
    others = edit.all_rules[1:]
    if others:
        text.append(f" (with {', '.join(others)})", style="dim")
    text.append("  ")
    text.append(edit.safety, style="#87d787" if edit.safe else "bold #ffaf5f")
    text.append("  ")
    verdict = fix.state + (", edited" if fix.edited else "") + (", inside an accepted fix" if review.moot(index) else "")
    text.append(verdict, style={"accepted": "#87d787", "rejected": "#ff8787", "pending": "#ffd75f"}[fix.state])
    if fix.stale:
        text.append("  stale decision: the text around it changed", style="#ff8787")
    text.append(f"  line {edit.line}, column {edit.column}", style="dim")
    text.append(f"\n{edit.message}")
    if fix.edited:
        text.append(f"\nYour text: “{shown(fix.replacement, 60)}” (the rule proposed “{shown(edit.replacement, 60)}”)", style="#87afff")
    if why:
        text.append(f"\nWhy: {why}", style="italic dim")
    return text


def fit(text: Text, width: int, rows: int = ROWS) -> Text:
    """``text`` wrapped to ``width`` and cut to ``rows`` rows, the last one ending in an ellipsis when something is left out.

    >>> str(fit(Text("one two three four five six"), 10, 2))
    'one two \\nthree…'
    """
    if width <= 1:
        return text
    from rich.console import Console

    lines = text.wrap(Console(width=width), width)
    if len(lines) <= rows:
        return text
    kept = list(lines)[:rows]
    last = kept[-1]
    last.rstrip()
    if last.cell_len > width - 1:
        space = last.plain.rfind(" ", 0, width - 1)
        last = last[:space] if space > 0 else last[: width - 1]
    last.append("…")
    return Text("\n").join([*kept[:-1], last])
