"""langdetect's language profiles, read from an SQLite file in the cache as they are needed.

``langdetect`` parses the JSON profiles of all its 55 languages before it
can judge one sentence: about half a second, which a short ``cleaner check``
would otherwise pay whenever the common-word check cannot place a text. The
first run stores the parsed table (each n-gram with its probability in each
language it occurs in, as langdetect computed it, to the bit) in one SQLite file in the
cache folder (:mod:`cleaner.cache`); later runs look up only the n-grams of
the texts they judge. langdetect's own detector does the judging: only where
its table lives changes, so every guess is the same as with the profiles
loaded from JSON.

The file's name carries a stamp of the installed langdetect, so an upgrade
gets a new table. Without a cache folder (``CLEANER_NO_CACHE=1``, or one that
cannot be written) langdetect loads its profiles as usual.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import threading
from array import array
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from . import cache

FORMAT = 3


class ProfileTable(Mapping[str, list[float]]):
    """langdetect's ``word_lang_prob_map``: n-gram to one probability per language, looked up in SQLite and kept once read.

    It can stand in for the dictionary langdetect's ``DetectorFactory`` fills,
    since its ``Detector`` only asks whether an n-gram is known and reads its
    probabilities.
    """

    def __init__(self, path: Path, width: int, languages: list[str], profiles: str) -> None:
        self.path = path
        self.width = width
        self.languages = languages
        self.profiles = profiles
        self._known: dict[str, list[float] | None] = {}
        self._lock = threading.Lock()
        self._connection: Any = None
        self._pid = -1
        self._fallback: dict[str, list[float]] | None = None

    def _query(self, word: str) -> list[float] | None:
        import sqlite3

        with self._lock:
            if self._fallback is not None:
                return self._fallback.get(word)
            try:
                if self._connection is None or self._pid != os.getpid():
                    # A connection must not cross a fork: a worker process opens its own.
                    self._connection = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
                    self._pid = os.getpid()
                row = self._connection.execute("SELECT positions, probs FROM ngram WHERE word = ?", (word,)).fetchone()
            except sqlite3.Error:
                # The file went bad or away after it was opened: langdetect's own profiles answer from here on.
                self._fallback = self._profiles()
                return self._fallback.get(word)
        if row is None:
            return None
        probs = [0.0] * self.width
        for position, prob in zip(row[0], array("d", row[1]), strict=True):
            probs[position] = prob
        return probs

    def _profiles(self) -> dict[str, list[float]]:
        """The table as langdetect builds it from its JSON profiles, in this table's order of languages."""
        from langdetect.detector_factory import DetectorFactory

        factory = DetectorFactory()
        factory.load_profile(self.profiles)
        if factory.langlist == self.languages:
            table: dict[str, list[float]] = factory.word_lang_prob_map
            return table
        order = [factory.langlist.index(language) for language in self.languages]
        return {word: [probs[index] for index in order] for word, probs in factory.word_lang_prob_map.items()}

    def get_probs(self, word: str) -> list[float] | None:
        try:
            return self._known[word]
        except KeyError:
            found = self._known[word] = self._query(word)
            return found

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self.get_probs(word) is not None

    def __getitem__(self, word: str) -> list[float]:
        found = self.get_probs(word)
        if found is None:
            raise KeyError(word)
        return found

    def __iter__(self) -> Iterator[str]:
        import sqlite3

        with contextlib.closing(sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)) as connection:
            yield from (row[0] for row in connection.execute("SELECT word FROM ngram"))

    def __len__(self) -> int:
        import sqlite3

        with contextlib.closing(sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)) as connection:
            count: int = connection.execute("SELECT count(*) FROM ngram").fetchone()[0]
        return count


def table_path() -> Path | None:
    """Where the profile table of the installed langdetect lives, or None when the cache is off."""
    folder = cache.cache_dir()
    if folder is None:
        return None
    return folder / f"langdetect-{FORMAT}-{cache.installed('langdetect')}.sqlite"


def load_factory(factory: Any, profiles: str) -> None:
    """Give langdetect's ``factory`` its profiles: from the table in the cache, built there on first use, or from ``profiles`` (JSON) as langdetect does."""
    path = table_path()
    if path is not None and not path.exists():
        factory.load_profile(profiles)
        _write(path, factory.word_lang_prob_map, factory.langlist)
        return
    stored = _languages(path) if path is not None else None
    if path is None or stored is None:
        factory.load_profile(profiles)
        return
    factory.langlist, width = stored
    factory.word_lang_prob_map = ProfileTable(path, width, list(factory.langlist), profiles)


def _languages(path: Path) -> tuple[list[str], int] | None:
    """The table's languages, in langdetect's order, and the length of each n-gram's list; None when the file cannot be read."""
    import sqlite3

    try:
        with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as connection:
            rows = connection.execute("SELECT lang FROM language ORDER BY position").fetchall()
            width = connection.execute("SELECT value FROM meta WHERE key = 'width'").fetchone()
    except sqlite3.Error:
        return None
    return ([row[0] for row in rows], width[0]) if rows and width else None


def _row(word: str, probs: list[float]) -> tuple[str, bytes, bytes]:
    """An n-gram's row: the positions of the languages it occurs in (two on average, of 55) and their probabilities as doubles."""
    positions = [index for index, prob in enumerate(probs) if prob]
    return word, bytes(positions), array("d", [probs[index] for index in positions]).tobytes()


def _write(path: Path, table: Mapping[str, list[float]], languages: list[str]) -> None:
    """Store the table atomically; a folder that cannot be written is let be."""
    import sqlite3

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".sqlite")
        os.close(descriptor)
    except OSError:
        return
    try:
        with contextlib.closing(sqlite3.connect(temporary)) as connection:
            connection.execute("CREATE TABLE language (position INTEGER PRIMARY KEY, lang TEXT NOT NULL)")
            connection.execute("CREATE TABLE ngram (word TEXT PRIMARY KEY, positions BLOB NOT NULL, probs BLOB NOT NULL) WITHOUT ROWID")
            connection.executemany("INSERT INTO language VALUES (?, ?)", enumerate(languages))
            # langdetect sizes each n-gram's list by its profile files, which is the number of languages unless a file failed to load.
            width = len(next(iter(table.values()), languages))
            connection.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL)")
            connection.execute("INSERT INTO meta VALUES ('width', ?)", (width,))
            connection.executemany("INSERT INTO ngram VALUES (?, ?, ?)", (_row(word, probs) for word, probs in table.items()))
            connection.commit()
        os.replace(temporary, path)
    except (OSError, sqlite3.Error):
        with contextlib.suppress(OSError):
            os.unlink(temporary)
