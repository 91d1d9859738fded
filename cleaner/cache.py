"""A cache on disk for work that start-up would otherwise repeat on every run: parsed YAML, word lists.

Each entry is keyed by a hash of everything its value depends on (for a
YAML file, its bytes and the parser's version), so an entry is never
stale: a changed input has another key. Values are stored with
:mod:`marshal`, which holds only plain data (strings, numbers, lists,
dicts, tuples) and cannot run code when read.

The folder is ``$XDG_CACHE_HOME/cleaner`` (``~/.cache/cleaner`` by
default), or ``$CLEANER_CACHE_DIR``; ``CLEANER_NO_CACHE=1`` turns the cache
off. A folder that cannot be created or written, or an entry that cannot be
read, only means the work is done again.

>>> import os, tempfile
>>> os.environ["CLEANER_CACHE_DIR"] = tempfile.mkdtemp()
>>> calls = []
>>> cached("demo", b"input", lambda: calls.append(1) or [1, 2]), cached("demo", b"input", lambda: calls.append(1) or [1, 2]), calls
([1, 2], [1, 2], [1])
>>> del os.environ["CLEANER_CACHE_DIR"]
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar, cast

T = TypeVar("T")

FORMAT = 1
"""Raised when the layout of stored values changes, so old entries are not read."""


def cache_dir() -> Path | None:
    """The cache folder, or None when the cache is turned off."""
    if os.environ.get("CLEANER_NO_CACHE"):
        return None
    explicit = os.environ.get("CLEANER_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "cleaner"


def installed(package: str) -> str:
    """A stamp of an installed package: where it is and when its files were written (an upgrade rewrites them), without importing it."""
    import importlib.util

    spec = importlib.util.find_spec(package)
    if spec is None or not spec.origin:
        return "missing"
    origin = Path(spec.origin)
    stamps = []
    for path in (origin, origin.parent, origin.parent / "data"):
        try:
            stat = path.stat()
        except OSError:
            continue
        stamps.append(f"{path}:{stat.st_mtime_ns}:{stat.st_size}")
    return hashlib.sha256("|".join(stamps).encode()).hexdigest()[:16]


def key_of(namespace: str, content: bytes) -> str:
    """The name of the entry for ``content`` in ``namespace``."""
    digest = hashlib.sha256(content).hexdigest()
    return f"{namespace}-{FORMAT}-{digest[:40]}"


def load(namespace: str, content: bytes) -> Any:
    """The value stored for ``content`` in ``namespace``, or None."""
    folder = cache_dir()
    if folder is None:
        return None
    try:
        return marshal.loads((folder / key_of(namespace, content)).read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None


def store(namespace: str, content: bytes, value: Any) -> None:
    """Keep ``value`` (plain data) for ``content`` in ``namespace``; a value marshal cannot store, or a folder that cannot be written, is let be."""
    folder = cache_dir()
    if folder is None:
        return
    try:
        data = marshal.dumps(value)
    except (ValueError, TypeError):
        return
    _store(folder / key_of(namespace, content), data)


def cached(
    namespace: str,
    content: bytes,
    build: Callable[[], T],
    *,
    encode: Callable[[T], Any] | None = None,
    decode: Callable[[Any], T] | None = None,
) -> T:
    """``build()``, or the value stored for ``content`` by an earlier call; ``encode`` and ``decode`` convert to plain data and back.

    A value ``encode`` turns into something :mod:`marshal` cannot store (it
    raises ``ValueError`` or ``TypeError``) is returned without being stored.
    """
    stored = load(namespace, content)
    if stored is not None:
        try:
            return decode(stored) if decode is not None else cast(T, stored)
        except (ValueError, TypeError, KeyError, IndexError):
            pass
    value = build()
    try:
        plain = encode(value) if encode is not None else value
    except (ValueError, TypeError):
        return value
    store(namespace, content, plain)
    return value


def _store(path: Path, data: bytes) -> None:
    """Write an entry atomically, so a reader never sees half of it; failures are ignored."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    except OSError:
        return
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
