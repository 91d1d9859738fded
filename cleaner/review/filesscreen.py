"""The files under review with their pending counts; choose one to review it."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static

FileLine = tuple[str, str, bool]
"""A file's name, its counts (or what the engine is doing with it), and whether it has unsaved decisions."""


class FilesScreen(ModalScreen[int | None]):
    """Every file, with its accepted / rejected / pending counts; returns the one chosen.

    | key | does |
    |---|---|
    | up, down | move |
    | enter, click | review that file |
    | escape, o | close |
    """

    BINDINGS = [Binding("escape,o", "cancel", "Close")]

    DEFAULT_CSS = """
    FilesScreen { align: center middle; }
    FilesScreen > Vertical {
        width: 90%;
        height: auto;
        max-height: 90%;
        border: round $accent;
        background: $surface;
        padding: 0 1;
    }
    FilesScreen OptionList { height: auto; max-height: 30; border: none; }
    """

    def __init__(self, files: Sequence[FileLine], current: int) -> None:
        super().__init__()
        self.files = list(files)
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical():
            count = len(self.files)
            yield Static(Text.assemble((f"{count} {'file' if count == 1 else 'files'}", "bold"), ("  enter reviews the one highlighted, escape closes", "dim")))
            width = max((len(name) for name, _, _ in self.files), default=0)
            options = []
            for number, (name, counts, unsaved) in enumerate(self.files):
                line = Text("▸ " if number == self.current else "  ", style="bold #5fafff")
                line.append(name.ljust(width), style="bold")
                line.append(f"  {counts}")
                if unsaved:
                    line.append("  ● unsaved", style="bold")
                options.append(line)
            yield OptionList(*options, id="files")

    def on_mount(self) -> None:
        files = self.query_one("#files", OptionList)
        files.highlighted = self.current
        files.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option_index)

    def action_cancel(self) -> None:
        self.dismiss(None)
