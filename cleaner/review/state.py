"""One document under review: the engine's edits, the reviewer's verdict on each, and undo.

Pure state, no terminal: the app shows it and the tests drive it. The fixes
are exactly the edits of the engine's :class:`~cleaner.model.Result`
(``all_edits``), in text order, less those that Markdown comments silence;
the text a review saves is :func:`~cleaner.model.apply_edits` of the
accepted ones, which is what :func:`~cleaner.decisions.decide` gives
``cleaner fix`` from the decisions the review records.

>>> from cleaner.model import Edit, Result
>>> safe = Edit(0, 5, "Hello", "r/greeting", "greeting", True, 1, 1)
>>> review = Review(Result("hallo world", "Hello world", (safe,)))
>>> review.tally(), review.text()
(Tally(accepted=1, rejected=0, pending=0), 'Hello world')
>>> review.decide([0], "rejected"), review.text()
([0], 'hallo world')
>>> review.undo(), review.text()
([0], 'Hello world')
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal, NamedTuple

from ..decisions import Decision, Verdict, anchored_in_saved, edited, match, silenced
from ..model import Edit, Result, apply_edits, supersedes

State = Literal["accepted", "rejected", "pending"]
STATES: tuple[State, ...] = ("accepted", "rejected", "pending")
Start = Literal["fix", "pending"]
"""How undecided fixes start: as ``cleaner fix`` treats them (applied ones accepted, the rest pending), or all pending."""
STARTS: tuple[Start, ...] = ("fix", "pending")


@dataclass
class Fix:
    """One edit under review, with its verdict."""

    edit: Edit
    original: str
    state: State
    text: str | None = None
    """The reviewer's own replacement, when they edited it."""
    stale: bool = False
    """A decision was recorded for it, but the text around it changed since."""
    decision: Decision | None = None
    """The recorded decision it started from."""
    outer: int | None = None
    """The fix whose span holds this one whole: accepting that one makes this one moot."""

    @property
    def replacement(self) -> str:
        return self.edit.replacement if self.text is None else self.text

    @property
    def edited(self) -> bool:
        return self.text is not None

    def applied(self) -> Edit:
        """The edit as saving applies it."""
        return self.edit if self.text is None else edited(self.edit, self.text)

    def verdict(self) -> Verdict | None:
        if self.state == "pending":
            return None
        if self.state == "rejected":
            return "reject"
        return "accept" if self.text is None else "edit"


class Tally(NamedTuple):
    accepted: int
    rejected: int
    pending: int


Step = list[tuple[int, State, str | None]]
"""One undoable step: each fix it changed, with its state and text before."""


class Review:
    """The fixes of one document and the reviewer's verdicts; every change is one undoable step."""

    def __init__(self, result: Result, decisions: Sequence[Decision] = (), *, markdown: bool = False, start: Start = "fix") -> None:
        self.result = result
        self.source = result.source
        edits = result.all_edits
        quiet = silenced(self.source, edits) if markdown else set()
        matches = match(self.source, edits, decisions, applied=result.edits)
        applied = set(result.edits)
        self.fixes: list[Fix] = []
        for index, (edit, found) in enumerate(zip(edits, matches)):
            if index in quiet:
                continue
            original = self.source[edit.start : edit.end]
            state: State = "accepted" if edit in applied and start == "fix" else "pending"
            fix = Fix(edit, original, state, stale=found.stale is not None)
            decision = found.decision
            if decision is not None:
                fix.decision = decision
                fix.state = "rejected" if decision.verdict == "reject" else "accepted"
                fix.text = decision.text if decision.verdict == "edit" else None
            elif fix.stale:
                fix.state = "pending"
            self.fixes.append(fix)
        outer: int | None = None
        for index, fix in enumerate(self.fixes):
            if outer is not None and supersedes(self.fixes[outer].edit, fix.edit):
                fix.outer = outer
            else:
                outer = index
        self.history: list[Step] = []
        self._saved = self._snapshot()

    def __len__(self) -> int:
        return len(self.fixes)

    def _snapshot(self) -> list[tuple[State, str | None]]:
        return [(f.state, f.text) for f in self.fixes]

    @property
    def dirty(self) -> bool:
        """Whether a verdict changed since the review was opened or last saved."""
        return self._snapshot() != self._saved

    def moot(self, index: int) -> bool:
        """Whether an accepted fix around this one takes it along."""
        outer = self.fixes[index].outer
        return outer is not None and self.fixes[outer].state == "accepted"

    def inner(self, index: int) -> list[int]:
        """The fixes that this one holds whole."""
        return [i for i in range(index + 1, len(self.fixes)) if self.fixes[i].outer == index]

    def tally(self) -> Tally:
        states = [f.state for f in self.fixes]
        return Tally(states.count("accepted"), states.count("rejected"), states.count("pending"))

    def decide(self, indices: Iterable[int], state: State) -> list[int]:
        """Give the fixes ``state`` (keeping an edited text when accepted), as one step; the fixes that changed."""
        step: Step = []
        for index in indices:
            fix = self.fixes[index]
            text = fix.text if state == "accepted" else None
            if (fix.state, fix.text) != (state, text):
                step.append((index, fix.state, fix.text))
                fix.state, fix.text = state, text
        if step:
            self.history.append(step)
        return [index for index, _, _ in step]

    def rewrite(self, index: int, text: str) -> list[int]:
        """Accept a fix with the reviewer's ``text`` instead of the rule's (the rule's own text clears the rewrite)."""
        fix = self.fixes[index]
        new = None if text == fix.edit.replacement else text
        if (fix.state, fix.text) == ("accepted", new):
            return []
        self.history.append([(index, fix.state, fix.text)])
        fix.state, fix.text = "accepted", new
        return [index]

    def undo(self) -> list[int]:
        """Take back the last step; the fixes it changed."""
        if not self.history:
            return []
        step = self.history.pop()
        for index, state, text in step:
            self.fixes[index].state, self.fixes[index].text = state, text
        return [index for index, _, _ in step]

    def chosen(self) -> list[Edit]:
        """The edits that saving applies: the accepted ones, rewritten where the reviewer edited them."""
        return [f.applied() for f in self.fixes if f.state == "accepted"]

    def text(self) -> str:
        """The text that saving writes."""
        return apply_edits(self.source, self.chosen())

    def decisions(self, saved: str | None = None) -> list[Decision]:
        """The decisions to record: one for each fix accepted, rejected or edited (pending ones have none).

        With ``saved`` (the text written), each rejection is anchored in it
        as well, so that checking the saved file honours it.
        """
        decided: list[tuple[Edit, Decision]] = []
        for fix in self.fixes:
            verdict = fix.verdict()
            if verdict is None:
                continue
            old = fix.decision
            if old is not None and old.verdict == verdict and old.text == fix.text:
                decision = old
            else:
                decision = Decision.of(fix.edit, self.source, verdict, text=fix.text)
            decided.append((fix.edit, decision))
        if saved is None:
            return [d for _, d in decided]
        return anchored_in_saved(self.source, saved, self.chosen(), decided)

    def saved(self) -> None:
        """Mark the current verdicts as saved."""
        self._saved = self._snapshot()

    def rules(self) -> dict[str, list[int]]:
        """Each rule with its fixes, in order of first appearance."""
        found: dict[str, list[int]] = {}
        for index, fix in enumerate(self.fixes):
            found.setdefault(fix.edit.rule, []).append(index)
        return found

    def search(self, query: str, after: int) -> int | None:
        """The next fix after ``after`` (wrapping around) whose rule, message, original or replacement holds ``query``, ignoring case."""
        needle = query.casefold()
        count = len(self.fixes)
        for step in range(1, count + 1):
            index = (after + step) % count
            fix = self.fixes[index]
            if any(needle in part.casefold() for part in (fix.edit.rule, fix.edit.message, fix.original, fix.replacement)):
                return index
        return None
