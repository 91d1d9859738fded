"""The review screen: both panes, the strip about the current fix, the fix list and the status line, with every key."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Footer, OptionList

from .confirm import Answer, ConfirmScreen
from .editscreen import EditScreen, context
from .fixinfo import ROWS, SHORT_ROWS, FixInfo
from .fixlist import FixList
from .helpscreen import HelpScreen, key_table
from .layout import Layout
from .pane import GUTTER, DiffPane, legend
from .searchscreen import SearchScreen
from .state import Review, State

if TYPE_CHECKING:
    from .app import ReviewApp

STACK_BELOW = 100
"""Terminals narrower than this many columns show the panes one above the other."""
SHORT_BELOW = 32
"""Terminals with fewer rows than this give the panes more of them: a shorter strip and list."""
REFINE_CHARACTERS = 400_000
"""Characters of a long text wrapped per step in the background."""
KEY_NAMES = {
    "space": "space",
    "down": "↓",
    "up": "↑",
    "right_square_bracket": "]",
    "left_square_bracket": "[",
    "slash": "/",
    "question_mark": "?",
    "greater_than_sign": ">",
    "less_than_sign": "<",
    "pagedown": "page down",
    "pageup": "page up",
}


class ReviewScreen(Screen[None]):
    """Review one document at a time: the original left, the repaired text right.

    | key | does |
    |---|---|
    | y / n | accept / reject the current fix, then go to the next |
    | space | toggle the current fix between accepted and rejected |
    | j, ↓ / k, ↑ | next / previous fix |
    | ] / [ | next / previous pending fix |
    | A / D | accept / reject every pending fix of the current rule (asks; unsafe ones only if chosen) |
    | u | undo the last change (a bulk change is one step) |
    | e | edit the replacement, and accept it |
    | / | search fixes, then the text |
    | s, ctrl+s | save the files with their decisions |
    | > / < / o | next / previous file, overview of files |
    | ? | this help |
    | q, ctrl+q | quit (asks when there is unsaved work) |
    """

    BINDINGS = [
        Binding("y", "decide('accepted')", "Accept", tooltip="Accept the current fix and go to the next"),
        Binding("n", "decide('rejected')", "Reject", tooltip="Reject the current fix and go to the next"),
        Binding("space", "flip", "Toggle", show=False, tooltip="Toggle the current fix between accepted and rejected"),
        Binding("j,down", "move(1)", "Next", tooltip="Next fix"),
        Binding("k,up", "move(-1)", "Previous", show=False, tooltip="Previous fix"),
        Binding("right_square_bracket", "pending(1)", "Next pending", tooltip="Next pending fix (on to the next file with one)"),
        Binding("left_square_bracket", "pending(-1)", "Previous pending", show=False, tooltip="Previous pending fix (back to the previous file with one)"),
        Binding("A", "rule('accepted')", "Accept rule", show=False, tooltip="Accept every pending fix of the current rule (asks first)"),
        Binding("D", "rule('rejected')", "Reject rule", show=False, tooltip="Reject every pending fix of the current rule (asks first)"),
        Binding("u", "undo", "Undo", tooltip="Undo the last change; a bulk change is one step"),
        Binding("e", "edit", "Edit", show=False, tooltip="Edit the replacement of the current fix, and accept it"),
        Binding("slash", "search", "Search", show=False, tooltip="Search fixes by rule, message or text, then the article"),
        Binding("s,ctrl+s", "save", "Save", tooltip="Save: write the accepted fixes and record every decision"),
        Binding("greater_than_sign", "file(1)", "Next file", show=False, tooltip="Next file"),
        Binding("less_than_sign", "file(-1)", "Previous file", show=False, tooltip="Previous file"),
        Binding("o", "files", "Files", show=False, tooltip="Files under review, with their pending counts"),
        Binding("pagedown", "page(1)", "Page down", show=False, tooltip="Scroll the panes down a page"),
        Binding("pageup", "page(-1)", "Page up", show=False, tooltip="Scroll the panes up a page"),
        Binding("question_mark", "help", "Help", tooltip="Show every key"),
        Binding("q,ctrl+q", "app.quit", "Quit", tooltip="Quit; asks when there is unsaved work"),
    ]

    DEFAULT_CSS = """
    ReviewScreen #panes { layout: horizontal; height: 1fr; }
    ReviewScreen DiffPane { width: 1fr; height: 1fr; }
    ReviewScreen.stacked #panes { layout: vertical; }
    ReviewScreen.stacked FixList { height: 6; }
    ReviewScreen.short FixList { height: 4; }
    """

    current: reactive[int | None] = reactive(None, init=False)
    """The fix under review, by its index in the document's fixes."""

    def __init__(self) -> None:
        super().__init__()
        self.layout_: Layout | None = None
        self.last_search = ""
        self.text_found: int | None = None
        """Where in the text the last search that no fix answered found its query."""
        self.text_found_query = ""
        self._syncing = False
        self.layouts = 0
        """How many times a document was laid out (the benchmark reports it)."""

    @property
    def review_app(self) -> ReviewApp:
        from .app import ReviewApp

        assert isinstance(self.app, ReviewApp)
        return self.app

    def compose(self) -> ComposeResult:
        with Container(id="panes"):
            yield DiffPane(0, "Original", id="original")
            yield DiffPane(1, "Repaired", id="repaired")
        yield FixInfo(id="info")
        yield FixList(id="fixes")
        from .statusline import StatusLine

        yield StatusLine(id="status")
        yield Footer()

    def on_mount(self) -> None:
        left, right = self.panes()
        self.watch(left, "scroll_y", lambda value: self._sync(right, value), init=False)
        self.watch(right, "scroll_y", lambda value: self._sync(left, value), init=False)
        self.show_document()

    def panes(self) -> tuple[DiffPane, DiffPane]:
        return self.query_one("#original", DiffPane), self.query_one("#repaired", DiffPane)

    def _sync(self, other: DiffPane, value: float) -> None:
        if not self._syncing and other.scroll_y != value:
            self._syncing = True
            try:
                other.scroll_to(y=value, animate=False, immediate=True)
            finally:
                self._syncing = False

    def on_resize(self, event: events.Resize) -> None:
        self.set_class(event.size.width < STACK_BELOW, "stacked")
        self.set_class(event.size.height < SHORT_BELOW, "short")
        self.query_one(FixInfo).rows = SHORT_ROWS if event.size.height < SHORT_BELOW else ROWS
        self.call_after_refresh(self.relayout)

    # Showing the document

    def relayout(self) -> None:
        """Lay the current document out again for the panes' width."""
        document = self.review_app.document
        left, right = self.panes()
        width = left.scrollable_content_region.width - GUTTER
        if document is None or width <= 0:
            return
        old = self.layout_
        if old is not None and old.width == max(width, 4) and old.review is document.review and old.source is document.source.text:
            return
        self.layout_ = Layout(document.source.text, document.review, width)
        self.layouts += 1
        left.show(self.layout_)
        right.show(self.layout_)
        self.reveal()
        if not self.layout_.complete:
            self.set_timer(0.05, self._refine)
        self.call_after_refresh(self.review_app.start_engine)

    def _refine(self) -> None:
        """Wrap more of a long text in the background; the rows above the screen stay put, so what is on screen does not move."""
        layout = self.layout_
        if layout is None or layout.complete:
            return
        left, right = self.panes()
        top = left.scroll_offset.y
        number, offset = layout.locate(top)
        complete = layout.refine(REFINE_CHARACTERS)
        left.show(layout)
        right.show(layout)
        if layout.starts[number] + offset != top:
            left.scroll_to(y=layout.starts[number] + offset, animate=False, immediate=True)
        if not complete:
            self.set_timer(0.02, self._refine)

    def show_document(self) -> None:
        """Show the app's current document at the fix the reviewer left it at, or its first (its top, while the engine works)."""
        document = self.review_app.document
        review = document.review if document else None
        first = None
        if document is not None and review is not None and len(review):
            first = min(document.position or 0, len(review) - 1)
        self.query_one(FixList).show(review, first)
        self.relayout()
        left, right = self.panes()
        left.scroll_to(y=0, animate=False, immediate=True)
        right.scroll_to(y=0, animate=False, immediate=True)
        if self.current == first:
            self.watch_current(first)
        else:
            self.current = first
        self.update_status()

    def update_status(self) -> None:
        app = self.review_app
        document = app.document
        if document is None:
            return
        from .statusline import StatusLine

        position = f" ({app.index + 1}/{len(app.documents)})" if len(app.documents) > 1 else ""
        review = document.review
        busy = app.busy_text()
        done = app.working.done if app.working is not None else None
        self.query_one(StatusLine).show(document.name, position, review.tally() if review is not None else None, unsaved=app.unsaved, busy=busy, done=done)

    def watch_current(self, index: int | None) -> None:
        document = self.review_app.document
        review = document.review if document else None
        left, right = self.panes()
        left.current = right.current = index
        left.found = None
        fixes = self.query_one(FixList)
        if index is not None and fixes.highlighted != index:
            fixes.highlighted = index
        why = document.why(review.fixes[index].edit.rule) if document and review and index is not None and review.fixes else ""
        note = (document.error or f"Looking for fixes in {document.name}: the text is shown as it is until the engine is done.") if document else ""
        self.query_one(FixInfo).show(review, index, why, note)
        self.reveal()

    def reveal(self) -> None:
        """Scroll both panes so that the current fix is in view, a third of the way down."""
        if self.current is None or self.layout_ is None or self.layout_.review is None:
            return
        left, _ = self.panes()
        row = self.layout_.fix_row(self.current)
        height = left.scrollable_content_region.height
        top = left.scroll_offset.y
        if not top <= row < top + max(height - 2, 1):
            left.scroll_to(y=max(row - height // 3, 0), animate=False, immediate=True)

    def changed(self, indices: list[int]) -> None:
        """Show fixes whose verdict changed (and the fixes inside them)."""
        review = self.review_app.review
        if review is None or not indices:
            return
        touched = sorted({i for index in indices for i in (index, *review.inner(index))})
        self.panes()[0].found = None
        if self.layout_ is not None:
            self.layout_.changed(touched)
            for pane in self.panes():
                pane.show(self.layout_)
        self.query_one(FixList).update_fixes(touched)
        self.watch_current(self.current)
        self.update_status()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """A fix clicked in the list becomes the current one.

        Only a click: the list's highlight follows ``current``, and answering
        its highlight messages too let a burst of keys set ``current`` back
        and forth for ever.
        """
        review = self.review_app.review
        if review is not None and 0 <= event.option_index < len(review):
            self.current = event.option_index

    def on_diff_pane_fix_clicked(self, event: DiffPane.FixClicked) -> None:
        self.current = event.fix

    # Actions

    def _at(self) -> tuple[Review, int] | None:
        """The review and its current fix, or None when there is no fix to act on (saying so while the engine works)."""
        document = self.review_app.document
        review = document.review if document is not None else None
        if review is None:
            if document is not None and document.error is None:
                self.notify(f"Still looking for fixes in {document.name}; the keys work once they are shown.", timeout=3, markup=False)
            return None
        if self.current is None or not review.fixes:
            return None
        return review, self.current

    def action_decide(self, state: State) -> None:
        found = self._at()
        if found is None:
            return
        review, index = found
        was_pending = review.fixes[index].state == "pending"
        self.changed(review.decide([index], state))
        document = self.review_app.document
        if was_pending and not review.tally().pending and document is not None:
            self.notify(f"No fix left pending in {document.name}; s saves.", timeout=4, markup=False)
        self.action_move(1)

    def action_flip(self) -> None:
        found = self._at()
        if found is None:
            return
        review, index = found
        self.changed(review.decide([index], "rejected" if review.fixes[index].state == "accepted" else "accepted"))

    def action_move(self, step: int) -> None:
        found = self._at()
        if found is None:
            return
        review, index = found
        self.current = min(max(index + step, 0), len(review) - 1)

    def action_pending(self, step: int) -> None:
        found = self._at()
        if found is None:
            return
        review, index = found
        index += step
        while 0 <= index < len(review):
            if review.fixes[index].state == "pending":
                self.current = index
                return
            index += step
        app = self.review_app
        number = app.index + step
        while 0 <= number < len(app.documents):
            other = app.documents[number]
            pending = [i for i, f in enumerate(other.review.fixes) if f.state == "pending"] if other.review is not None else []
            if pending:
                other.position = pending[0] if step > 0 else pending[-1]
                app.switch(number)
                self.notify(f"{'Next' if step > 0 else 'Previous'} pending fix: in {other.name}", timeout=3, markup=False)
                return
            number += step
        where = " in any file" if len(app.documents) > 1 else ""
        self.notify("No pending fix " + ("after" if step > 0 else "before") + f" this one{where}.", timeout=3, markup=False)

    def action_rule(self, state: State) -> None:
        found = self._at()
        if found is None:
            return
        review, index = found
        rule = review.fixes[index].edit.rule
        pending = [i for i, f in enumerate(review.fixes) if f.edit.rule == rule and f.state == "pending"]
        if not pending:
            self.notify(f"No pending fix of {rule}.", timeout=3, markup=False)
            return
        safe = [i for i in pending if review.fixes[i].edit.safe]
        verb = "Accept" if state == "accepted" else "Reject"
        answers: list[Answer] = []
        if safe:
            answers.append(("safe", "s", f"{verb} {len(safe)} safe"))
        if len(safe) < len(pending):
            answers.append(("all", "a", f"{verb} all {len(pending)}, unsafe too"))
        answers.append(("cancel", "escape", "Cancel"))
        unsafe = len(pending) - len(safe)
        which = "the pending fix" if len(pending) == 1 else f"every pending fix ({len(pending)})"
        question = Text.assemble(f"{verb} {which} of ", (rule, "bold"), f"? {len(safe)} safe, {unsafe} unsafe.")

        def answered(answer: str | None) -> None:
            chosen = safe if answer == "safe" else pending if answer == "all" else []
            if chosen:
                self.changed(review.decide(chosen, state))
                self.notify(f"{verb}ed {len(chosen)} {'fix' if len(chosen) == 1 else 'fixes'} of {rule} (u undoes).", timeout=3, markup=False)

        self.app.push_screen(ConfirmScreen(question, answers), answered)

    def bulk(self, rule: str, state: State) -> None:
        """Give every fix of ``rule`` the verdict ``state``, as one step (the command palette's commands)."""
        review = self.review_app.review
        if review is None:
            return
        changed = review.decide([i for i, f in enumerate(review.fixes) if f.edit.rule == rule], state)
        self.changed(changed)
        verb = "Accepted" if state == "accepted" else "Rejected"
        count = f"{len(changed)} {'fix' if len(changed) == 1 else 'fixes'}"
        self.notify(f"{verb} {count} of {rule} (u undoes)." if changed else f"Every fix of {rule} was {state} already.", timeout=3, markup=False)

    def action_undo(self) -> None:
        review = self.review_app.review
        if review is None:
            return
        changed = review.undo()
        if not changed:
            self.notify("Nothing to undo.", timeout=2, markup=False)
            return
        self.changed(changed)
        self.current = changed[0]

    def action_edit(self) -> None:
        found = self._at()
        if found is None:
            return
        review, index = found
        fix = review.fixes[index]

        def edited(text: str | None) -> None:
            if text is not None:
                self.changed(review.rewrite(index, text))

        around = context(review.source, fix.edit.start, fix.edit.end)
        self.app.push_screen(EditScreen(fix.edit.rule, fix.original, fix.replacement, around, fix.edit.replacement), edited)

    def action_search(self) -> None:
        def search(query: str | None) -> None:
            if query:
                self.last_search = query
                self.find(query)

        self.app.push_screen(SearchScreen(self.last_search), search)

    def find(self, query: str) -> None:
        """Go to the next fix that mentions ``query``, or else to the next place in the text that holds it."""
        review = self.review_app.review
        document = self.review_app.document
        if review is not None and review.fixes:
            found = review.search(query, self.current if self.current is not None else -1)
            if found is not None:
                self.current = found
                return
        if document is None or self.layout_ is None:
            return
        text = document.source.text
        pattern = re.compile(re.escape(query), re.IGNORECASE)
        after = self.text_found + 1 if self.text_found is not None and self.text_found_query == query.casefold() else 0
        match = pattern.search(text, after) or pattern.search(text)
        if match is None:
            self.notify(f"Not found: {query!r}", severity="warning", timeout=3, markup=False)
            return
        position = match.start()
        self.text_found, self.text_found_query = position, query.casefold()
        left, _ = self.panes()
        spot = self.layout_.find(position, match.end() - position)
        left.found = spot
        row = self.layout_.row_of(spot[0], 0, spot[1])
        height = left.scrollable_content_region.height
        if not left.scroll_offset.y <= row < left.scroll_offset.y + height:
            left.scroll_to(y=max(row - height // 3, 0), animate=False, immediate=True)
        line = text.count("\n", 0, position) + 1
        count = sum(1 for _ in pattern.finditer(text))
        which = f", {sum(1 for _ in pattern.finditer(text, 0, position)) + 1} of {count} (/ enter finds the next)" if count > 1 else ""
        self.notify(f"{query!r} on line {line}{which}; no fix mentions it.", timeout=4, markup=False)

    def action_save(self) -> None:
        self.review_app.save()

    def action_file(self, step: int) -> None:
        self.review_app.switch(self.review_app.index + step)

    def action_files(self) -> None:
        self.review_app.show_files()

    def action_page(self, step: int) -> None:
        left, _ = self.panes()
        left.scroll_to(y=left.scroll_offset.y + step * max(left.scrollable_content_region.height - 2, 1), animate=False, immediate=True)

    def action_help(self) -> None:
        palette = Binding("ctrl+p", "command_palette", "Commands", tooltip="Command palette: accept or reject every fix of a rule, and more")
        rows = key_table([*(b for b in self.BINDINGS if isinstance(b, Binding)), palette], KEY_NAMES)
        notes = "Left: the original; right: the text that saving writes. Click a fix in a pane or in the list to go to it."
        self.app.push_screen(HelpScreen(rows, notes, legend()))
