"""A question with a few answers, asked before anything that is hard to take back."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static


class ConfirmScreen(ModalScreen[str | None]):
    """Asks ``question`` and returns the id of the answer chosen, or None when cancelled.

    | key | does |
    |---|---|
    | enter | the focused answer (the first) |
    | tab, left, right | move between answers |
    | escape | cancel |
    """

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("left", "app.focus_previous", show=False),
        Binding("right", "app.focus_next", show=False),
    ]

    DEFAULT_CSS = """
    ConfirmScreen { align: center middle; }
    ConfirmScreen > Vertical {
        width: auto;
        max-width: 80;
        height: auto;
        border: round $warning;
        background: $surface;
        padding: 1 2;
    }
    ConfirmScreen Static { width: auto; max-width: 76; margin-bottom: 1; }
    ConfirmScreen Horizontal { width: auto; height: auto; }
    ConfirmScreen Button { margin-right: 2; }
    """

    def __init__(self, question: str, answers: Sequence[tuple[str, str]]) -> None:
        super().__init__()
        self.question = question
        self.answers = list(answers)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.question)
            with Horizontal():
                for number, (answer, label) in enumerate(self.answers):
                    yield Button(label, id=f"answer-{answer}", variant="primary" if number == 0 else "default")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss((event.button.id or "").removeprefix("answer-") or None)

    def action_cancel(self) -> None:
        self.dismiss(None)
