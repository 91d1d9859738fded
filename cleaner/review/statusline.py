"""The last line: which file, the accepted / rejected / pending counts, unsaved work, and the engine's progress."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Label, ProgressBar

from .state import Tally


class StatusLine(Horizontal):
    """Counts of the current document, or a progress bar while the engine looks for fixes."""

    DEFAULT_CSS = """
    StatusLine {
        height: 1;
        background: $panel;
        padding: 0 1;
    }
    StatusLine Label { width: 1fr; }
    StatusLine ProgressBar { width: auto; }
    """

    def compose(self) -> ComposeResult:
        yield Label(id="status-text")

    def show(self, name: str, position: str, tally: Tally | None, *, unsaved: bool, busy: str | None = None, done: float | None = None) -> None:
        """The counts, and while the engine works what it is doing: ``busy``, with the part ``done`` (0 to 1) when it says."""
        bars = self.query(ProgressBar)
        if busy is not None and not bars:
            self.mount(ProgressBar(total=None, show_eta=False, show_percentage=False))
        elif busy is None and bars:
            bars.remove()
        if busy is not None and done is not None:
            for bar in self.query(ProgressBar):
                bar.update(total=1.0, progress=min(max(done, 0.0), 1.0))
        label = self.query_one("#status-text", Label)
        line = Text(f"{name}{position}", no_wrap=True, overflow="ellipsis")
        if tally is None:
            line.append(f"  {busy or ''}")
            label.update(line)
            return
        line.append(f"  ✓ {tally.accepted} accepted", style="#87d787")
        line.append(f"  ✗ {tally.rejected} rejected", style="#ff8787")
        line.append(f"  ? {tally.pending} pending", style="#ffd75f")
        if unsaved:
            line.append("  ● unsaved", style="bold")
        if busy:
            line.append(f"  {busy}")
        label.update(line)
