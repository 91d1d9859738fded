"""Edit the replacement of one fix before accepting it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

NEWLINE = "⏎"
"""How a line break shows in the one-line editor (type it, or paste it, to insert one)."""


class EditScreen(ModalScreen[str | None]):
    """The original text and an editor holding the replacement; returns the new replacement, or None when cancelled.

    | key | does |
    |---|---|
    | enter | accept the fix with this text |
    | escape | cancel |
    """

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    DEFAULT_CSS = """
    EditScreen { align: center middle; }
    EditScreen > Vertical {
        width: 90%;
        max-width: 100;
        height: auto;
        border: round $accent;
        background: $surface;
        padding: 1 2;
    }
    EditScreen Static { margin-bottom: 1; }
    """

    def __init__(self, rule: str, original: str, replacement: str) -> None:
        super().__init__()
        self.rule = rule
        self.original = original
        self.replacement = replacement

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(f"[b]Edit the fix of {self.rule}[/b]  (enter accepts, escape cancels; {NEWLINE} is a line break)")
            yield Static(f"Original: [#ff8787]{self.original.replace(chr(10), NEWLINE)!r}[/]")
            yield Input(self.replacement.replace("\n", NEWLINE), id="replacement")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value.replace(NEWLINE, "\n"))

    def action_cancel(self) -> None:
        self.dismiss(None)
