"""A question with a few answers, asked before anything that is hard to take back."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

Answer = tuple[str, str, str]
"""An answer's id (what the screen returns), the key that gives it, and its label."""
KEY_NAMES = {"escape": "esc"}


class ConfirmScreen(ModalScreen[str | None]):
    """Asks ``question`` and returns the id of the answer chosen, or None when cancelled.

    | key | does |
    |---|---|
    | an answer's key | that answer (shown before its label) |
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
    ConfirmScreen Static { width: auto; max-width: 74; margin-bottom: 1; }
    ConfirmScreen Horizontal { width: auto; height: auto; }
    ConfirmScreen Button { margin-right: 2; }
    """

    def __init__(self, question: str | Text, answers: Sequence[Answer]) -> None:
        super().__init__()
        self.question = Text(question) if isinstance(question, str) else question
        """The question, as plain text (a file name or a rule id is never read as markup)."""
        self.answers = list(answers)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.question)
            with Horizontal():
                for number, (answer, key, label) in enumerate(self.answers):
                    shown = Text.assemble((KEY_NAMES.get(key, key), "bold"), " ", label)
                    yield Button(shown, id=f"answer-{answer}", variant="primary" if number == 0 else "default")

    def on_key(self, event: events.Key) -> None:
        for answer, key, _ in self.answers:
            if event.key == key or event.character == key:
                event.stop()
                self.dismiss(answer)
                return

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss((event.button.id or "").removeprefix("answer-") or None)

    def action_cancel(self) -> None:
        self.dismiss(None)
