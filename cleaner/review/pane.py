"""One side of the review, original or repaired, drawn row by row from a shared :class:`~cleaner.review.layout.Layout`."""

from __future__ import annotations

import bisect

from rich.segment import Segment
from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual import events
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from .layout import MARK, NEWLINE, Found, Kind, Layout

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
SIGN_ORDER: tuple[Kind, ...] = ("pending", "delete", "insert", "mark", "rejected")
"""Which sign a row with several kinds of change shows: a fix awaiting a verdict first, a rejected one last."""
CURRENT = Style(reverse=True, bold=True)
BAR: tuple[str, Style] = ("▌", Style(color="#5fafff", bold=True))
FOUND = Style(color="#000000", bgcolor="#5fafff")
"""Text found by a search."""


def legend() -> Table:
    """What the signs and colours of the panes mean, drawn with the panes' own styles (the help shows it)."""
    table = Table(box=None, show_header=False, padding=(0, 2, 0, 0))
    table.add_column(no_wrap=True)
    table.add_column(no_wrap=True)
    table.add_column()

    def sign(kind: Kind, side: int = 0) -> Text:
        left, right, style = SIGNS[kind]
        return Text(right if side else left, style=style)

    rows: list[tuple[Text, Text, str]] = [
        (sign("delete"), Text("Anthony", STYLES["delete"]), "words that saving deletes (left)"),
        (sign("insert"), Text("Antony", STYLES["insert"]), "words that saving inserts (right)"),
        (Text(" "), Text("Blinken", STYLES["same"]), "words a fix keeps: the rest of its span"),
        (Text.assemble(sign("mark"), " ", sign("mark", 1)), Text(MARK, STYLES["mark"]), "where text goes in (left, +) or was removed (right, -)"),
        (
            Text.assemble(sign("delete"), " ", sign("insert")),
            Text(NEWLINE, STYLES["delete"]),
            "a line break that a change of white space alone removes (-) or adds (+)",
        ),
        (sign("pending"), Text("The", STYLES["pending"]), "a fix awaiting your verdict: the text stays as it was until you accept it"),
        (sign("rejected"), Text("The", STYLES["rejected"]), "a fix you rejected: the text stays as it was"),
        (Text(BAR[0], BAR[1]), Text("Former", STYLES["pending"] + CURRENT), "the current fix"),
    ]
    for gutter, sample, meaning in rows:
        table.add_row(gutter, sample, meaning)
    return table


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
    found: reactive[Found | None] = reactive(None)
    """Text that a search found where no fix mentions it, highlighted on the left."""

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

    def watch_found(self) -> None:
        self.refresh()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        layout = self.diff
        shown = layout.row(self.side, self.scroll_offset.y + y) if layout is not None else None
        if layout is None or shown is None:
            return Strip.blank(width, base)
        side, (start, end) = shown
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
        if self.found is not None and self.side == 0 and self.found[0] == layout.locate(self.scroll_offset.y + y)[0]:
            segments = _highlight(segments, self.found[1] - start, self.found[2] - start)
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


def _highlight(segments: list[Segment], start: int, end: int) -> list[Segment]:
    """The segments of a row, with characters ``start`` to ``end`` of it in the style of found text."""
    if end <= 0 or start >= sum(len(s.text) for s in segments):
        return segments
    result: list[Segment] = []
    position = 0
    for segment in segments:
        text, style = segment.text, segment.style
        a, b = min(max(start - position, 0), len(text)), min(max(end - position, 0), len(text))
        for piece, found in ((text[:a], False), (text[a:b], True), (text[b:], False)):
            if piece and found:
                result.append(Segment(piece, FOUND if style is None else style + FOUND))
            elif piece:
                result.append(Segment(piece, style))
        position += len(text)
    return result
