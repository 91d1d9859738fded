"""One side of the review, original or repaired, drawn row by row from a shared :class:`~cleaner.review.layout.Layout`."""

from __future__ import annotations

import bisect

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from .layout import Kind, Layout

GUTTER = 3
"""Cells before the text: the bar of the current fix, a sign (see :data:`SIGNS`), a space."""
STYLES: dict[Kind, Style] = {
    "delete": Style(color="#ffd7d7", bgcolor="#870000"),
    "insert": Style(color="#d7ffd7", bgcolor="#005f00"),
    "same": Style(bgcolor="#3a3a3a"),
    "pending": Style(color="#ffd75f", underline=True),
    "rejected": Style(color="#9e9e9e", underline=True, italic=True),
    "mark": Style(color="#ffffff", bgcolor="#5f5f87", bold=True),
}
"""How each kind of run looks; colours of the 256-colour palette, so that terminals without true colour tell them apart too."""
SIGNS: dict[Kind, tuple[str, str, Style]] = {
    "delete": ("-", "-", Style(color="#ff8787", bold=True)),
    "insert": ("+", "+", Style(color="#87ff87", bold=True)),
    "mark": ("+", "-", Style(color="#afafff", bold=True)),
    "pending": ("?", "?", Style(color="#ffd75f", bold=True)),
    "rejected": ("✗", "✗", Style(color="#9e9e9e")),
    "same": (" ", " ", Style()),
}
"""For each kind: the sign in the gutter of the left pane and of the right one, and its style.

A row's sign says what saving does on it: ``-`` deletes text (on the right,
at a ``‸`` where text was removed), ``+`` inserts text (on the left, at a
``‸`` where it goes in), ``?`` a fix awaits a verdict, ``✗`` a fix was
rejected. Rows that show nothing of a fix (the blank line a removed
paragraph leaves) have none.
"""
SIGN_ORDER: tuple[Kind, ...] = ("delete", "insert", "mark", "pending", "rejected")
CURRENT = Style(reverse=True, bold=True)
BAR = ("▌", Style(color="#5fafff", bold=True))


class DiffPane(ScrollView, can_focus=False):
    """The original (``side`` 0) or the repaired text (``side`` 1), aligned with the other pane block by block.

    Only the rows on screen are drawn. Clicking a change makes its fix the
    current one.
    """

    DEFAULT_CSS = """
    DiffPane {
        overflow-x: hidden;
        overflow-y: scroll;
        scrollbar-size-vertical: 1;
        border: round $panel-lighten-2;
        border-title-color: $text-muted;
        padding: 0;
    }
    """

    current: reactive[int | None] = reactive(None)
    """The fix outlined, if any."""

    class FixClicked(Message):
        """A change shown in the pane was clicked."""

        def __init__(self, fix: int) -> None:
            super().__init__()
            self.fix = fix

    def __init__(self, side: int, title: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.side = side
        self.diff: Layout | None = None
        self.border_title = title

    @property
    def text_width(self) -> int:
        """Cells each row of text may take."""
        return max(self.scrollable_content_region.width - GUTTER, 4)

    def show(self, layout: Layout | None) -> None:
        self.diff = layout
        self.virtual_size = Size(self.scrollable_content_region.width, layout.total if layout else 0)
        self.refresh()

    def watch_current(self) -> None:
        self.refresh()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        layout = self.diff
        found = layout.row(self.side, self.scroll_offset.y + y) if layout is not None else None
        if found is None:
            return Strip.blank(width, base)
        side, (start, end) = found
        runs = side.runs
        first = max(bisect.bisect_right(runs, (start, 1 << 62)) - 1, 0)
        segments: list[Segment] = []
        kinds: set[Kind] = set()
        outlined = False
        position = start
        for run_start, run_end, kind, fix in runs[first:]:
            if run_start >= end:
                break
            if run_end <= start:
                continue
            a, b = max(run_start, start), min(run_end, end)
            if a >= b:
                continue
            if a > position:
                segments.append(Segment(side.text[position:a], base))
            style = base + STYLES[kind]
            if fix == self.current and fix >= 0:
                style += CURRENT
                outlined = True
            segments.append(Segment(side.text[a:b], style))
            kinds.add(kind)
            position = max(position, b)
        if position < end:
            segments.append(Segment(side.text[position:end], base))
        bar = Segment(BAR[0], base + BAR[1]) if outlined else Segment(" ", base)
        sign: Kind = next((k for k in SIGN_ORDER if k in kinds), "same")
        left, right, sign_style = SIGNS[sign]
        gutter = [bar, Segment(left if self.side == 0 else right, base + sign_style), Segment(" ", base)]
        return Strip([*gutter, *segments]).crop_extend(0, width, base)

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or self.diff is None:
            return
        fix = self.diff.fix_at(self.side, self.scroll_offset.y + offset.y, offset.x - GUTTER)
        if fix is not None:
            self.post_message(self.FixClicked(fix))
