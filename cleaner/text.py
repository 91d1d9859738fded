"""Words and sentences: the one tokeniser and the one sentence splitter every rule kind uses, and the word lists they share.

A *word* is a run of letters, marks and digits, with inner apostrophes and
hyphens (``don’t``, ``Jong-un``). Scripts written without spaces (Chinese,
Japanese, Thai, ...) have no words in that sense: :func:`word_weight` counts
such a run as half its characters, so length limits mean the same in every
language. A *sentence* ends at ``. ! ? …`` (and their Arabic, Devanagari and
CJK forms), with closing quotes and brackets kept on its side, but not after
a known abbreviation or an initial.

Word lists live in ``cleaner/data/words/NAME.txt``: one entry per line,
``#`` starts a comment, and the file's header says where the words come from.

>>> words("Sergei Lavrov’s talks, in Jong-un’s words, ended.")
['Sergei', 'Lavrov’s', 'talks', 'in', 'Jong-un’s', 'words', 'ended']
>>> text = "Mr. Price spoke. «Переговоры окончены». 会谈结束。Done"
>>> [text[s:e] for s, e in sentence_spans(text)]
['Mr. Price spoke.', '«Переговоры окончены».', '会谈结束。', 'Done']
"""

from __future__ import annotations

import importlib.resources
from functools import cache, lru_cache
from pathlib import Path

import regex

WORD = regex.compile(r"[\p{L}\p{M}\p{N}]+(?:['’\-][\p{L}\p{M}\p{N}]+)*")
"""A word: letters, marks and digits, with inner apostrophes and hyphens."""

LETTERS = regex.compile(r"[\p{L}\p{M}]+")
"""A run of letters alone (no digits, no apostrophes)."""

UNSPACED = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}\p{Tibetan}]")
"""A character of a script written without spaces between words."""

SENTENCE_END = regex.compile(r"(?:[.!?…؟।]+[\"'”’»)\]]*)(?=\s+\S)|(?:[。！？]+[」』”’）)]*)(?=\s*\S)")
"""A sentence's final punctuation with the closing marks after it, where more text follows."""


def entries(listing: str) -> frozenset[str]:
    """The entries of a word list's text: one a line, ``#`` starts a comment, blank lines skipped."""
    stripped = (line.split("#", 1)[0].strip() for line in listing.splitlines())
    return frozenset(entry for entry in stripped if entry)


@cache
def word_list(name: str) -> frozenset[str]:
    """The entries of ``cleaner/data/words/NAME.txt``, without comments and blank lines."""
    return entries((importlib.resources.files("cleaner") / "data" / "words" / f"{name}.txt").read_text(encoding="utf-8"))


@cache
def word_file(path: str) -> frozenset[str]:
    """The entries of a word-list file a rule points to, in the same format as :func:`word_list`'s."""
    return entries(Path(path).read_text(encoding="utf-8"))


ABBREVIATION = regex.compile(
    r"(?:\b(?:" + "|".join(sorted(map(regex.escape, word_list("abbreviations")), key=len, reverse=True)) + r")|\b\p{Lu}|\b(?:\p{L}\.)+\p{L})\.$"
)
"""Text that ends in an abbreviation (``abbreviations.txt``) or an initial: its full stop does not end a sentence."""

APOSTROPHE = regex.compile(r"['’]")

WORD_REACH = 200
"""How far from a position :func:`word_at` looks for the word's ends."""


def words(text: str) -> list[str]:
    """The words of ``text``, in order (a new list: a caller may change it)."""
    return list(_words(text))


@lru_cache(maxsize=4096)
def _words(text: str) -> tuple[str, ...]:
    """The words of one text, kept: several rules read the words of one paragraph."""
    return tuple(WORD.findall(text))


def elided(word: str) -> list[str]:
    """The parts of a word joined by apostrophes, as French and Italian elide articles and prepositions.

    >>> elided("l’inflation"), elided("dell'anno"), elided("Lavrov")
    (['l', 'inflation'], ['dell', 'anno'], ['Lavrov'])
    """
    if "'" not in word and "’" not in word:
        return [word]
    parts: list[str] = APOSTROPHE.split(word)
    return parts


def word_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every word of ``text``."""
    return [match.span() for match in WORD.finditer(text)]


def word_at(text: str, position: int) -> tuple[int, int]:
    """``(start, end)`` of the word that holds ``text[position]``; an empty span at ``position`` when none does.

    >>> text = "Sergey Lavrоv’s visit"
    >>> text[slice(*word_at(text, 10))]
    'Lavrоv’s'
    """
    for match in WORD.finditer(text, max(0, position - WORD_REACH), min(len(text), position + WORD_REACH)):
        if match.start() <= position < match.end():
            return match.start(), match.end()
        if match.start() > position:
            break
    return position, position


def token_at(text: str, start: int, end: int, *, reach: int | None = None) -> str:
    """The run of non-space characters that holds ``text[start:end]``, at most ``reach`` characters beyond it on each side.

    >>> token_at("see example.com/News.Today now", 19, 20)
    'example.com/News.Today'
    """
    left, right = start, end
    while left > 0 and not text[left - 1].isspace() and (reach is None or start - left < reach):
        left -= 1
    while right < len(text) and not text[right].isspace() and (reach is None or right - end < reach - 1):
        right += 1
    return text[left:right]


def word_weight(token: str) -> int:
    """How many words a token counts as: one, or half its characters in a script written without spaces.

    >>> word_weight("Lavrov"), word_weight("谈判将在下周继续")
    (1, 4)
    """
    unspaced = len(UNSPACED.findall(token))
    if not unspaced:
        return 1
    return max(1, unspaced // 2) + (1 if unspaced < len(token) else 0)


LINE_COUNTED = 2000
"""From this length, a text's words are counted line by line (no word holds a line break), each line's count kept."""


def word_count(text: str) -> int:
    """How many words ``text`` has, counting scripts without spaces by :func:`word_weight`.

    >>> word_count("The talks ended."), word_count("会谈将于下周在日内瓦继续举行。")
    (3, 7)
    >>> word_count(("The talks" + chr(10) * 2 + "会谈将于下周在日内瓦继续举行。") * 200) == 200 * (2 + 7)
    True
    """
    if len(text) >= LINE_COUNTED and "\n" in text:
        return sum(map(_line_word_count, text.split("\n")))
    return _line_word_count(text)


@lru_cache(maxsize=16384)
def _line_word_count(text: str) -> int:
    tokens = words(text)
    if text.isascii() or UNSPACED.search(text) is None:
        return len(tokens)
    return sum(word_weight(token) for token in tokens)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """The sentences of ``text`` as ``(start, end)``, without the white space between them."""
    spans: list[tuple[int, int]] = []
    position = 0
    for match in SENTENCE_END.finditer(text):
        if match.group().startswith(".") and ABBREVIATION.search(text, max(position, match.start() - 12), match.start() + 1):
            continue
        end = match.end()
        if end > position and text[position:end].strip():
            spans.append(_trimmed(text, position, end))
        position = end
    if text[position:].strip():
        spans.append(_trimmed(text, position, len(text)))
    return spans


def sentences(text: str) -> list[str]:
    """The sentences of ``text``."""
    return [text[start:end] for start, end in sentence_spans(text)]


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
