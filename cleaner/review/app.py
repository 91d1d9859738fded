"""The review app: the files under review, the engine in a worker, saving and quitting."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable, Sequence
from typing import Any

from rich.text import Text
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from ..config import ConfigError
from ..files import InputError
from .confirm import ConfirmScreen
from .documents import ReviewDocument
from .filesscreen import FilesScreen
from .screen import ReviewScreen
from .state import STATES, Review, Start


class ReviewApp(App[int]):
    """Review the fixes of one or more files; returns the exit code.

    | key | does |
    |---|---|
    | ctrl+q | quit, asking when there is unsaved work |
    | ctrl+p | command palette (accept or reject every fix of a rule) |

    Every other key is the review screen's (:class:`ReviewScreen`).
    """

    BINDINGS = [Binding("ctrl+q", "quit", "Quit", show=False, priority=True)]

    TITLE = "cleaner review"

    def __init__(self, documents: Sequence[ReviewDocument], *, start: Start = "fix", errors: Sequence[str] = ()) -> None:
        super().__init__()
        self.documents = list(documents)
        self.errors = list(errors)
        """What went wrong with the paths given before the app started (a file that cannot be read is left out)."""
        self.start = start
        self.index = 0
        self.started = time.monotonic()
        self.working: ReviewDocument | None = None
        self.main = ReviewScreen()
        self._shown = 0
        self._engine: threading.Thread | None = None

    @property
    def document(self) -> ReviewDocument | None:
        return self.documents[self.index] if self.documents else None

    @property
    def review(self) -> Review | None:
        document = self.document
        return document.review if document else None

    @property
    def unsaved(self) -> bool:
        return any(d.unsaved for d in self.documents)

    def get_default_screen(self) -> Screen[Any]:
        return self.main

    def on_mount(self) -> None:
        self.set_interval(0.5, self._tick)
        for error in self.errors:
            self.notify(f"{error} (not under review)", severity="error", timeout=15, markup=False)

    def start_engine(self) -> None:
        """Start the engine once the first screen is up (the engine's thread would slow the first layout down)."""
        if self._engine is None:
            self._engine = threading.Thread(target=self._clean, name="cleaner-engine", daemon=True)
            self._engine.start()

    @property
    def loaded(self) -> bool:
        """Whether the engine has been over every file, and the app has shown what it found."""
        return self._shown == len(self.documents)

    def _clean(self) -> None:
        """Run the engine over every file, the current one first.

        In a daemon thread of its own: a big file takes a while, and quitting
        must not wait for the engine to finish one.
        """
        for document in sorted(self.documents, key=lambda d: d is not self.document):
            if document.review is not None or document.error is not None:
                continue
            self.working = document
            self.started = time.monotonic()
            try:
                document.load(self.start)
            except (InputError, ConfigError, ValueError) as error:
                document.error = str(error)
            self.working = None
            self.call_from_thread(self._loaded, document)

    def _loaded(self, document: ReviewDocument) -> None:
        self._shown += 1
        if document.error is not None:
            self.notify(document.error, severity="error", timeout=10, markup=False)
        elif document.review is not None:
            for warning in document.review.result.warnings:
                self.notify(warning, severity="warning", timeout=8, markup=False)
            stale = sum(1 for f in document.review.fixes if f.stale)
            if stale:
                self.notify(
                    f"{document.name}: {stale} stale decisions (the text around them changed); they are pending again.",
                    severity="warning",
                    timeout=8,
                    markup=False,
                )
        if document is self.document:
            self.main.show_document()
        else:
            self.main.update_status()

    def _tick(self) -> None:
        if self.working is not None:
            self.main.update_status()

    def busy_text(self) -> str | None:
        working = self.working
        if working is None:
            document = self.document
            if document is not None and document.review is None and document.error is None:
                return "waiting for the engine…"
            return None
        size = len(working.source.text) / 1e6
        where = "" if working is self.document else f" (in {working.name})"
        done = f", {working.stage}, {working.done:.0%}" if working.done is not None else ""
        return f"finding fixes{where}: {size:.1f} MB, {time.monotonic() - self.started:.0f} s{done}…"

    def switch(self, index: int) -> None:
        """Review another file."""
        if not 0 <= index < len(self.documents):
            self.notify("No more files that way." if len(self.documents) > 1 else "Only one file under review.", timeout=2, markup=False)
            return
        if self.document is not None:
            self.document.position = self.main.current
        self.index = index
        self.main.show_document()

    def show_files(self) -> None:
        lines = []
        for document in self.documents:
            if document.error is not None:
                counts = f"error: {document.error}"
            elif document.review is None:
                counts = "finding fixes…"
            else:
                tally = document.review.tally()
                counts = f"{tally.pending} pending, {tally.accepted} accepted, {tally.rejected} rejected"
            lines.append((document.name, counts, document.unsaved))

        def chosen(index: int | None) -> None:
            if index is not None:
                self.switch(index)

        self.push_screen(FilesScreen(lines, self.index), chosen)

    def save(self) -> bool:
        """Save every file whose review is open; True when all were saved."""
        ok = True
        saved = 0
        for document in self.documents:
            if document.review is None:
                continue
            try:
                message = document.save()
            except (InputError, ConfigError) as error:
                self.notify(str(error), severity="error", timeout=10, markup=False)
                ok = False
                continue
            saved += 1
            self.notify(message, timeout=4, markup=False)
        if not saved and ok:
            self.notify("Nothing to save yet: the engine is still looking for fixes.", timeout=3, markup=False)
        self.main.update_status()
        return ok

    async def action_quit(self) -> None:
        if not self.unsaved:
            self.exit(0)
            return
        names = ", ".join(d.name for d in self.documents if d.unsaved)
        question = Text.assemble("Unsaved decisions in ", (names, "bold"), ". Save them before quitting?")

        def answered(answer: str | None) -> None:
            if (answer == "save" and self.save()) or answer == "discard":
                self.exit(0)

        answers = [("save", "s", "Save and quit"), ("discard", "d", "Quit without saving"), ("cancel", "escape", "Cancel")]
        self.push_screen(ConfirmScreen(question, answers), answered)

    def export_screenshot(self, *, title: str | None = None, simplify: bool = False) -> str:
        """The screen as SVG, marked to keep its white space: a renderer that trims each run of text (librsvg does) would shift words and lose spaces."""
        svg = super().export_screenshot(title=title, simplify=simplify)
        return svg.replace("<svg ", '<svg xml:space="preserve" ', 1)

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        review = self.review
        if review is None:
            return
        main = self.main
        for rule, fixes in review.rules().items():
            states = [review.fixes[i].state for i in fixes]
            tally = ", ".join(f"{states.count(state)} {state}" for state in STATES if state in states)
            counts = f"{len(fixes)} {'fix' if len(fixes) == 1 else 'fixes'}: {tally}"
            yield SystemCommand(f"Accept every fix of rule {rule}", counts, lambda rule=rule: main.bulk(rule, "accepted"))
            yield SystemCommand(f"Reject every fix of rule {rule}", counts, lambda rule=rule: main.bulk(rule, "rejected"))
