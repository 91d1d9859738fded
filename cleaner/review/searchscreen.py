"""Ask what to search for: fixes by rule, message or text, then the article itself."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static


class SearchScreen(ModalScreen[str | None]):
    """A one-line prompt; returns the text to search for, or None when cancelled.

    | key | does |
    |---|---|
    | enter | search (again, for the next match) |
    | escape | cancel |
    """

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    DEFAULT_CSS = """
    SearchScreen { align: center bottom; }
    SearchScreen > Vertical {
        width: 100%;
        height: auto;
        background: $surface;
        border-top: solid $accent;
        padding: 0 1;
    }
    """

    def __init__(self, last: str = "") -> None:
        super().__init__()
        self.last = last

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("Search fixes (rule, message, text), then the article:")
            yield Input(self.last, placeholder="text to find", id="query")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value or None)

    def action_cancel(self) -> None:
        self.dismiss(None)
