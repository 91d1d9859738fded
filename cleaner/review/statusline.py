"""The last line: which file, the accepted / rejected / pending counts, unsaved work, and the engine's progress."""

from __future__ import annotations

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

    def show(self, name: str, position: str, tally: Tally | None, *, unsaved: bool, busy: str | None = None) -> None:
        bars = self.query(ProgressBar)
        if busy is not None and not bars:
            self.mount(ProgressBar(total=None, show_eta=False, show_percentage=False))
        elif busy is None and bars:
            bars.remove()
        label = self.query_one("#status-text", Label)
        if tally is None:
            label.update(f"{name}{position}  {busy or ''}")
            return
        parts = [
            f"{name}{position}",
            f"[#87d787]✓ {tally.accepted} accepted[/]",
            f"[#ff8787]✗ {tally.rejected} rejected[/]",
            f"[#ffd75f]? {tally.pending} pending[/]",
        ]
        if unsaved:
            parts.append("[bold]● unsaved[/]")
        if busy:
            parts.append(busy)
        parts.append("[dim]press ? for help[/]")
        label.update("  ".join(parts))
