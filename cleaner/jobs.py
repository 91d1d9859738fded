"""Cleaning on every core: an ordered map over worker processes, chunked by bytes, with bounded work in flight.

:func:`ordered_map` yields results in the order of its input, whatever the
number of workers, so a run with ``--jobs 2`` writes and reports exactly
what ``--jobs 1`` does. Tasks are grouped into chunks of about
:data:`CHUNK_BYTES` of text (a long document makes a chunk of its own, many
short ones share one), so that workers get even loads however unequal the
documents; at most ``window`` chunks are in flight, so a streamed corpus of
any size keeps memory flat.

>>> list(ordered_map(len, [("a", "xy", 2), ("b", None, 0), ("c", "z", 1)], jobs=1))
[('a', 2), ('b', None), ('c', 1)]
"""

from __future__ import annotations

import os
import signal
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    import multiprocessing.context
    from concurrent.futures import Future, ProcessPoolExecutor

K = TypeVar("K")
T = TypeVar("T")
R = TypeVar("R")

CHUNK_BYTES = 128 * 1024
"""Text per chunk sent to a worker: large enough that the hand-over costs little, small enough to balance loads."""
CHUNK_COUNT = 256
"""Most tasks per chunk, however short."""
WINDOW_PER_JOB = 3
"""Chunks in flight per worker: enough to keep every worker busy, few enough to keep memory flat."""
PARALLEL_BYTES = 1_000_000
"""Below this much input, ``--jobs`` left to its default runs in one process: starting workers would cost more than it saves."""


def cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def choose_jobs(requested: int | None, *, total_bytes: int | None, documents: int | None) -> int:
    """The number of processes: ``requested`` if given, else every core for a corpus large enough to gain from them.

    >>> choose_jobs(3, total_bytes=10, documents=1)
    3
    >>> choose_jobs(None, total_bytes=500, documents=40)
    1
    >>> choose_jobs(None, total_bytes=None, documents=None)
    1
    """
    if requested is not None:
        return max(1, requested)
    if total_bytes is None or total_bytes < PARALLEL_BYTES or (documents is not None and documents < 2):
        return 1
    return cores()


def _context() -> multiprocessing.context.BaseContext:
    """Fork where it is safe and cheap (Linux): workers start at once with the modules already imported; spawn elsewhere."""
    import multiprocessing

    if sys.platform.startswith("linux"):
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def _worker_start(initializer: Callable[..., None] | None, initargs: Sequence[Any]) -> None:
    # Ctrl-C reaches the whole process group; only the main process handles it and stops the pool.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if initializer is not None:
        initializer(*initargs)


def _run_chunk(function: Callable[[T], R], tasks: Sequence[T | None]) -> list[R | None]:
    return [None if task is None else function(task) for task in tasks]


def ordered_map(
    function: Callable[[T], R],
    items: Iterable[tuple[K, T | None, int]],
    *,
    jobs: int,
    initializer: Callable[..., None] | None = None,
    initargs: Sequence[Any] = (),
    chunk_bytes: int | None = None,
    window: int | None = None,
) -> Iterator[tuple[K, R | None]]:
    """``(key, function(task))`` for each ``(key, task, size)`` of ``items``, in input order; a ``None`` task gives ``None``.

    ``function`` must be importable by name (a module-level function) and
    tasks picklable; keys stay in this process. With ``jobs`` 1 everything
    runs here, lazily, one item at a time; the initializer is not called
    (the caller's own state serves).
    """
    if jobs <= 1:
        for key, task, _ in items:
            yield key, None if task is None else function(task)
        return
    from concurrent.futures import ProcessPoolExecutor

    limit = window or jobs * WINDOW_PER_JOB
    chunk_bytes = chunk_bytes or CHUNK_BYTES
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=_context(), initializer=_worker_start, initargs=(initializer, tuple(initargs)))
    pending: deque[tuple[list[K], Future[list[R | None]] | None]] = deque()
    try:
        keys: list[K] = []
        tasks: list[T | None] = []
        size = 0
        for key, task, nbytes in items:
            keys.append(key)
            tasks.append(task)
            size += nbytes
            if size >= chunk_bytes or len(tasks) >= CHUNK_COUNT:
                pending.append((keys, _submit(pool, function, tasks)))
                keys, tasks, size = [], [], 0
                while len(pending) >= limit:
                    yield from _collect(pending.popleft())
        if keys:
            pending.append((keys, _submit(pool, function, tasks)))
        while pending:
            yield from _collect(pending.popleft())
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown(wait=True)


def _submit(pool: ProcessPoolExecutor, function: Callable[[T], R], tasks: list[T | None]) -> Future[list[R | None]] | None:
    if all(task is None for task in tasks):
        return None
    return pool.submit(_run_chunk, function, tasks)


def _collect(entry: tuple[list[K], Future[list[R | None]] | None]) -> Iterator[tuple[K, R | None]]:
    keys, future = entry
    results: list[R | None] = [None] * len(keys) if future is None else future.result()
    yield from zip(keys, results, strict=True)
