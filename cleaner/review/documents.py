"""A file under review: how to clean it, its recorded decisions, and how to save a review of it.

Saving goes through the same file layer as ``cleaner fix``
(:meth:`~cleaner.files.Source.encode` keeps the encoding, byte-order
mark and line endings; :func:`~cleaner.files.write_atomic` with the
stamp of the read refuses a file that changed on disk meanwhile), and it
records the decisions first, so that a failed write of the article never
leaves its fixes undecided.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..decisions import Decision, save_decisions, stamp_of
from ..engine import Progress, ProgressHook
from ..files import InputError, Source, Stamp, write_atomic
from ..model import Result
from .state import Review, Start


@dataclass
class ReviewDocument:
    """One file of a review session."""

    source: Source
    clean: Callable[[ProgressHook], Result]
    """Runs the engine on the file with the command line's options, telling the hook how far it is (slow for big files: call it in a worker)."""
    decisions_path: Path
    decisions: Sequence[Decision] = ()
    why: Callable[[str], str] = field(default=lambda rule: "")
    """The rule's reason, for the strip under the panes."""
    review: Review | None = None
    error: str | None = None
    on_disk: str = ""
    """The text the file holds now, as far as the review knows."""
    stamp: Stamp | None = None
    position: int | None = None
    """The fix the reviewer was at when they went to another file."""
    done: float | None = None
    """How far the engine's current pass over the rules is (0 to 1) while it works; the status line shows it."""
    stage: str = ""
    """Which pass that is: ``safe fixes, pass 1``, ``unsafe fixes, pass 2``..."""

    def __post_init__(self) -> None:
        self.on_disk = self.source.text
        self.stamp = self.source.stamp

    @property
    def name(self) -> str:
        return self.source.name

    def load(self, start: Start = "fix") -> Review:
        """Clean the file and open its review, with the recorded decisions."""
        self.review = Review(self.clean(self._progress), self.decisions, markdown=self.source.markdown, start=start)
        self.done, self.stage = None, ""
        return self.review

    def _progress(self, progress: Progress) -> None:
        self.stage = f"{'unsafe' if progress.run == 2 else 'safe'} fixes, pass {progress.passes}"
        self.done = (progress.rule + 1) / progress.rules

    @property
    def unsaved(self) -> bool:
        return self.review is not None and self.review.dirty

    def save(self) -> str:
        """Write the accepted fixes and record the decisions; what was done, in one line.

        Raises :class:`~cleaner.files.InputError` (or
        :class:`~cleaner.decisions.DecisionsError`) naming the file, with
        nothing written, when the file changed on disk since it was opened
        or cannot be encoded.
        """
        review = self.review
        path = self.source.path
        if review is None or path is None:
            raise InputError(f"{self.name}: nothing to save yet")
        text = review.text()
        data = self.source.encode(text)
        if self.stamp is not None and stamp_of(path) != self.stamp:
            raise InputError(f"{self.name}: changed on disk since it was opened; not saved (quit and review it again)")
        decisions = review.decisions(saved=text)
        save_decisions(self.decisions_path, {path: decisions})
        written = text != self.on_disk
        if written:
            write_atomic(path, data, stamp=self.stamp)
            self.on_disk = text
            self.stamp = stamp_of(path)
        review.saved()
        applied = len(review.chosen())
        what = f"wrote {applied} {'fix' if applied == 1 else 'fixes'}" if written else "text unchanged"
        return f"Saved {self.name}: {what}; {len(decisions)} {'decision' if len(decisions) == 1 else 'decisions'} in {self.decisions_path.name}"
