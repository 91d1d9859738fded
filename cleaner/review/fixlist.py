"""The list of fixes of one document, one line each, to jump around with keys or the mouse."""

from __future__ import annotations

import re

from rich.text import Text
from textual import events
from textual.geometry import Region, Spacing
from textual.widgets import OptionList

from .state import Review

ICONS = {"accepted": ("✓", "#87d787"), "rejected": ("✗", "#ff8787"), "pending": ("?", "#ffd75f")}
EDGE_SPACE = re.compile(r"^ +| +$")


def describe(review: Review, index: int, width: int = 0) -> Text:
    """One fix as the list shows it, on one row of ``width`` cells (0: no limit): verdict, place, rule, and the change."""
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
    room = max(width - text.cell_len - 3, 20) if width else 60
    whole = len(shown(fix.original, 10**9)), len(shown(fix.replacement, 10**9))
    half = room // 2
    original = shown(fix.original, max(half, room - min(whole[1], half)))
    replacement = shown(fix.replacement, max(half, room - min(whole[0], half)))
    if original:
        text.append(f"-{original}", style="#ff8787")
    if original and replacement:
        text.append(" ")
    if replacement:
        text.append(f"+{replacement}", style="#87d787")
    if width:
        text.truncate(width, overflow="ellipsis")
    return text


def shown(text: str, limit: int = 30) -> str:
    """Text as the list quotes it, on one line: line breaks as ``⏎``, spaces at either end as ``·``, cut with an ellipsis past ``limit``.

    >>> shown("\\n\\n\\n"), shown(". "), shown("\\n\\nLeave a Comment"), shown("Anthony  Blinken"), shown("x" * 40)[-3:]
    ('⏎⏎⏎', '.·', '⏎⏎Leave a Comment', 'Anthony  Blinken', 'xx…')
    """
    one_line = EDGE_SPACE.sub(lambda m: "·" * len(m.group()), text.replace("\t", " ")).replace("\n", "⏎")
    return one_line if len(one_line) <= limit else one_line[: limit - 1] + "…"


class FixList(OptionList, can_focus=False):
    """Every fix of the document, in text order; the highlighted one is the current fix, kept a row away from the edges.

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
        self._width = 0

    @property
    def row_width(self) -> int:
        """Cells a fix's line may take."""
        return max(self.scrollable_content_region.width - 1, 20)

    def show(self, review: Review | None, highlighted: int | None = 0) -> None:
        """List the fixes of ``review``, with fix ``highlighted`` the current one."""
        self.review = review
        self._width = self.row_width
        self.clear_options()
        if review is not None:
            self.add_options(describe(review, index, self._width) for index in range(len(review)))
            self.highlighted = highlighted if len(review) else None
        self.border_subtitle = f"{len(review)} fixes" if review is not None and len(review) != 1 else ""

    def update_fixes(self, indices: list[int]) -> None:
        if self.review is None:
            return
        for index in indices:
            self.replace_option_prompt_at_index(index, describe(self.review, index, self._width))

    def on_resize(self, event: events.Resize) -> None:
        if self.review is not None and self.row_width != self._width:
            highlighted = self.highlighted
            self._width = self.row_width
            self.update_fixes(list(range(len(self.review))))
            self.highlighted = highlighted

    def scroll_to_highlight(self, top: bool = False) -> None:
        """Scroll the highlighted fix into view with a fix of context above and below it (each fix takes one row)."""
        highlighted = self.highlighted
        if highlighted is None or not self.is_mounted:
            return
        region = Region(0, highlighted, self.scrollable_content_region.width, 1)
        self.scroll_to_region(region, spacing=Spacing(1, 0, 1, 0), force=True, animate=False, top=top, immediate=True)
