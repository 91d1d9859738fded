"""Help generated from the key bindings, so that it never drifts from the keys."""

from __future__ import annotations

from collections.abc import Iterable

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static


class HelpScreen(ModalScreen[None]):
    """Every key of the review screen with what it does.

    | key | does |
    |---|---|
    | escape, q, ? | close |
    """

    BINDINGS = [Binding("escape,q,question_mark", "close", "Close help")]

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen Static { width: 100%; height: auto; }
    HelpScreen > VerticalScroll {
        width: 96;
        max-width: 95%;
        height: auto;
        max-height: 95%;
        border: round $accent;
        border-title-style: bold;
        border-title-color: $text;
        background: $surface;
        padding: 0 1;
    }
    """

    def __init__(self, keys: Iterable[tuple[str, str]], notes: str = "", legend: Table | None = None) -> None:
        super().__init__()
        self.keys = list(keys)
        self.notes = notes
        self.legend = legend
        """What the signs and colours of the panes mean."""

    def compose(self) -> ComposeResult:
        table = Table(box=None, show_header=False, padding=(0, 2, 0, 0))
        table.add_column(style="bold #5fafff", no_wrap=True)
        table.add_column()
        for keys, description in self.keys:
            table.add_row(keys, description)
        with VerticalScroll() as scroll:
            scroll.border_title = "cleaner review: keys"
            yield Static(table)
            if self.legend is not None:
                yield Static("\n[b]In the panes[/b]")
                yield Static(self.legend)
            if self.notes:
                yield Static(Text("\n" + self.notes))

    def action_close(self) -> None:
        self.dismiss(None)


def key_table(bindings: Iterable[Binding], display: dict[str, str]) -> list[tuple[str, str]]:
    """``(keys, description)`` rows for the bindings that have a description; ``display`` names keys as the user types them."""
    rows: list[tuple[str, str]] = []
    for binding in bindings:
        if not binding.description:
            continue
        keys = ", ".join(display.get(key.strip(), key.strip()) for key in binding.key.split(","))
        rows.append((keys, binding.tooltip or binding.description))
    return rows
