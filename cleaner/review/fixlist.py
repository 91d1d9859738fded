"""The list of fixes of one document, one line each, to jump around with keys or the mouse."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import OptionList

from ..model import shorten
from .state import Review

ICONS = {"accepted": ("✓", "#87d787"), "rejected": ("✗", "#ff8787"), "pending": ("?", "#ffd75f")}


def describe(review: Review, index: int) -> Text:
    """One fix as the list shows it: verdict, place, rule, and the change."""
    fix = review.fixes[index]
    icon, colour = ICONS[fix.state]
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append(f"{icon} ", style=f"bold {colour}")
    text.append(f"{fix.edit.line:>4}:{fix.edit.column:<4}", style="dim")
    text.append(fix.edit.rule, style="bold")
    if not fix.edit.safe:
        text.append(" unsafe", style="#ffaf5f")
    if fix.edited:
        text.append(" edited", style="#87afff")
    if fix.stale:
        text.append(" stale", style="#ff8787")
    if review.moot(index):
        text.append(" (inside an accepted fix)", style="dim")
    text.append("  ")
    original, replacement = shown(fix.original), shown(fix.replacement)
    if original:
        text.append(f"-{original}", style="#ff8787")
    if original and replacement:
        text.append(" ")
    if replacement:
        text.append(f"+{replacement}", style="#87d787")
    return text


def shown(text: str, limit: int = 30) -> str:
    """Text as the list quotes it: on one line, white space made visible when there is nothing else.

    >>> shown("\\n\\n\\n"), shown("Anthony  Blinken")
    ('⏎⏎⏎', 'Anthony Blinken')
    """
    if text and not text.strip():
        return shorten(text.replace("\n", "⏎").replace(" ", "·"), limit)
    return shorten(text, limit)


class FixList(OptionList, can_focus=False):
    """Every fix of the document, in text order; the highlighted one is the current fix.

    Clicking a line makes that fix current (the keys are the screen's).
    """

    DEFAULT_CSS = """
    FixList {
        height: 8;
        border: round $panel-lighten-2;
        border-title-color: $text-muted;
        padding: 0;
        scrollbar-size-vertical: 1;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.border_title = "Fixes"
        self.review: Review | None = None

    def show(self, review: Review | None) -> None:
        self.review = review
        self.clear_options()
        if review is not None:
            self.add_options(describe(review, index) for index in range(len(review)))
            self.highlighted = 0 if len(review) else None

    def update_fixes(self, indices: list[int]) -> None:
        if self.review is None:
            return
        for index in indices:
            self.replace_option_prompt_at_index(index, describe(self.review, index))
