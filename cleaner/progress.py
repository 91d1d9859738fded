"""Progress of a run on a terminal: documents, megabytes, MB/s and the time left, by input bytes (rich).

Shown on standard error only when it is a terminal and ``--quiet`` is not
given; otherwise :func:`meter` returns a meter that does nothing, so logs
and pipes never get progress bars.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:  # rich is imported only when a bar is drawn: a run in a pipe or CI never pays for it
    from rich.console import Console

REFRESH_SECONDS = 0.2


class Meter:
    """Counts documents and input bytes; draws nothing."""

    def __init__(self) -> None:
        self.documents = 0
        self.bytes = 0

    def advance(self, documents: int, nbytes: int) -> None:
        self.documents += documents
        self.bytes += nbytes

    def close(self) -> None:
        pass


class Bar(Meter):
    """A rich progress line: ``1,204 documents  ━━━━━━  12.5/40.0 MB  1.3 MB/s  0:00:21``.

    Drawn from the run's own loop (no refresh thread, so worker processes
    fork cleanly), at most every :data:`REFRESH_SECONDS`.
    """

    def __init__(self, console: Console, total: int | None) -> None:
        from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn, TransferSpeedColumn

        super().__init__()
        self.progress = Progress(
            TextColumn("{task.fields[documents]:,} documents"),
            BarColumn(),
            DownloadColumn(binary_units=False),
            TransferSpeedColumn(),
            TimeRemainingColumn(),
            console=console,
            auto_refresh=False,
            transient=False,
        )
        self.task = self.progress.add_task("cleaning", total=total, documents=0)
        self.progress.start()
        self.drawn = 0.0

    def advance(self, documents: int, nbytes: int) -> None:
        super().advance(documents, nbytes)
        self.progress.update(self.task, advance=nbytes, documents=self.documents)
        now = time.monotonic()
        if now - self.drawn >= REFRESH_SECONDS:
            self.drawn = now
            self.progress.refresh()

    def close(self) -> None:
        self.progress.update(self.task, documents=self.documents)
        self.progress.refresh()
        self.progress.stop()


def meter(err: TextIO, *, quiet: bool, total: int | None, console: Console | None = None) -> Meter:
    """A progress bar on ``err`` if it is a terminal (or ``console`` is given) and not ``quiet``; else a silent meter."""
    if quiet:
        return Meter()
    if console is None:
        isatty = getattr(err, "isatty", None)
        if not (callable(isatty) and isatty()):
            return Meter()
        from rich.console import Console

        console = Console(file=err, stderr=True)
    return Bar(console, total)
