"""Edit the replacement of one fix before accepting it."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from .fixlist import shown

NEWLINE = "⏎"
"""How a line break shows in the one-line editor (type it, or paste it, to insert one)."""
CONTEXT = 50
"""Characters of the text shown either side of the fix, within its paragraph."""


def context(source: str, start: int, end: int, width: int = CONTEXT) -> tuple[str, str]:
    """The text before and after ``source[start:end]`` that the editor shows: whole words, within its paragraph, on one line.

    >>> text = "One.\\n\\nSaid Former officer Denisov."
    >>> context(text, 11, 17, 8), context(text, 11, 17, 4)
    (('Said ', ' officer…'), ('…', ' …'))
    """
    first = max(start - width, 0)
    before = source[first:start]
    if "\n\n" in before:
        before = before.rsplit("\n\n", 1)[1]
    elif first > 0:
        if not source[first - 1].isspace() and not before[:1].isspace():
            before = before[len(before.split(None, 1)[0]) :] if before.strip() else ""
        before = "…" + before.lstrip()
    last = min(end + width, len(source))
    after = source[end:last]
    if "\n\n" in after:
        after = after.split("\n\n", 1)[0]
    elif last < len(source):
        if not source[last].isspace() and not after[-1:].isspace():
            after = after[: len(after) - len(after.rsplit(None, 1)[-1])] if after.strip() else ""
        after = after.rstrip() + " …" if not after.strip() else after.rstrip() + "…"
    else:
        after = after.rstrip("\n")
    return before.replace("\n", NEWLINE), after.replace("\n", NEWLINE)


class EditScreen(ModalScreen[str | None]):
    """The fix in its context and an editor holding the replacement; returns the new replacement, or None when cancelled.

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

    def __init__(self, rule: str, original: str, replacement: str, around: tuple[str, str] = ("", ""), proposed: str | None = None) -> None:
        super().__init__()
        self.rule = rule
        self.original = original
        self.replacement = replacement
        self.around = around
        """The text just before and after the fix, as :func:`context` gives it."""
        self.proposed = replacement if proposed is None else proposed
        """The rule's own replacement (entering it again clears an earlier edit)."""

    def compose(self) -> ComposeResult:
        title = Text.assemble(("Edit the fix of ", "bold"), (self.rule, "bold"))
        title.append(f"\nenter accepts the fix with your text; escape cancels; ctrl+u clears; type {NEWLINE} for a line break", style="dim")
        before, after = self.around
        original = Text.assemble((before, "dim"), (self.original.replace("\n", NEWLINE) or "‸", "#ffd7d7 on #870000"), (after, "dim"))
        proposal = Text.assemble("The rule proposes: ", (shown(self.proposed, 200) or "(nothing: delete it)", "#d7ffd7 on #005f00"))
        with Vertical():
            yield Static(title)
            yield Static(Text.assemble("Original: ", original))
            yield Static(proposal)
            yield Input(self.replacement.replace("\n", NEWLINE), id="replacement", select_on_focus=False)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value.replace(NEWLINE, "\n"))

    def action_cancel(self) -> None:
        self.dismiss(None)
