"""``crosshead``: a headline or crosshead run into the sentence after it with only a space between.

Extractors that write a page as one line per paragraph, or as one line,
join a crosshead and the paragraph under it with a space::

    A Job for Tuft Cells In researchers’ assays for chemosensory receptors ...
    USING HONEY INSTEAD OF SUGAR I like to use honey because it has more flavor.

The crosshead gets its own paragraph. Only white space changes, and only
where all of these hold: the crosshead starts a line or follows a finished
sentence; it has three to ``max-words`` words (four for one in capitals),
every word capitalised but the small words titles leave lowercase
(``title-small-words.txt``), the first and last capitalised; the next word
is a capitalised sentence opener (``openers.txt``, ``sentence-openers.txt``:
"The", "In", "I", ...) followed by lowercase words, and the sentence it opens
goes on for at least five words to its final punctuation. A name or title
inside a sentence (``The Hague``, ``The New York Times``) is followed by a
capital, and a sentence never opens with a run of capitalised words and
then "The union said", so neither is split.

>>> from cleaner.kinds.crosshead import split_crossheads
>>> split_crossheads("Ports Reopen After Long Strike The union said the ports would reopen on Monday.")
'Ports Reopen After Long Strike\\n\\nThe union said the ports would reopen on Monday.'
>>> split_crossheads("Judges in The Hague read The New York Times every morning.")
'Judges in The Hague read The New York Times every morning.'
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

import regex

from ..document import Document, lines_at
from ..model import Edit, Rule, apply_edits
from ..text import sentence_spans, word_list, words
from .base import Context, Kind, Option
from .glued import OPENERS

TOKEN = regex.compile(r"\S+")
FINAL = regex.compile(r"[.!?…][\"'”’»)\]]*$")
NUMBER = regex.compile(r"\p{N}+(?:[.,]\p{N}+)*%?")

SMALL_WORDS = word_list("title-small-words") | {"&"}
"""Words a title-case crosshead may leave lowercase."""

CROSSHEAD_OPENERS = OPENERS | word_list("sentence-openers")
"""Capitalised words that open the sentence after a crosshead."""

MIN_WORDS = 3
MIN_CAPITALS_WORDS = 4
"""A crosshead in capitals needs more words: a dateline (``SAN FRANCISCO``) is shorter."""
MIN_WORDS_AFTER = 5
LOWER_AMONG_NEXT = 2
"""Of the four words after the opener, at least this many are lowercase."""


def split_crossheads(text: str, max_words: int = 14) -> str:
    """``text`` with every crosshead glued to its sentence put in a paragraph of its own (for doctests)."""
    return apply_edits(text, [Edit(s, e, r, "crosshead", h) for s, e, r, h in find_crossheads(text, max_words)])


def _headline_word(token: str) -> bool:
    """Whether ``token`` may stand in a title-case crosshead: a capitalised word or number, or a small word."""
    if token in SMALL_WORDS:
        return True
    if NUMBER.fullmatch(token):
        return True
    return token[:1].isupper() and words(token) == [token]


def _capitalised(token: str) -> bool:
    return token[:1].isupper() or token[:1].isdigit()


def _split_point(tokens: list[str], max_words: int) -> int | None:
    """The index of the opener that ends a crosshead in ``tokens`` (one sentence's words), if there is one."""
    lower = next((i for i, token in enumerate(tokens) if token[:1].islower() and token.casefold() not in SMALL_WORDS), None)
    if lower is None:
        return None
    opener = lower - 1
    while opener > 0 and tokens[opener] in SMALL_WORDS:
        opener -= 1
    word = tokens[opener].rstrip(",")
    if word.casefold() not in CROSSHEAD_OPENERS or not word[:1].isupper() or (len(word) > 1 and word.isupper()):
        return None
    head = tokens[:opener]
    capitals = all(t.isupper() or not t[:1].isalpha() for t in head if t not in SMALL_WORDS)
    if not (MIN_CAPITALS_WORDS if capitals else MIN_WORDS) <= len(head) <= max_words:
        return None
    if not all(_headline_word(t) for t in head) or not _capitalised(head[0]) or not _capitalised(head[-1]):
        return None
    after = tokens[opener + 1 :]
    if len(after) < MIN_WORDS_AFTER or sum(t[:1].islower() for t in after[:4]) < LOWER_AMONG_NEXT:
        return None
    return opener


def find_crossheads(text: str, max_words: int = 14) -> Iterator[tuple[int, int, str, str]]:
    """Spans ``(start, end, replacement, crosshead)``: the white space around each glued crosshead, and the paragraph break it becomes."""
    separator = "\n" if "\n" in text.rstrip("\n") and "\n\n" not in text else "\n\n"
    for position, line in lines_at(text):
        for start, end, crosshead in _line_crossheads(line, max_words):
            yield position + start, position + end, separator, crosshead


@lru_cache(maxsize=16384)
def _line_crossheads(line: str, max_words: int) -> tuple[tuple[int, int, str], ...]:
    """The spans of one line that :func:`find_crossheads` turns into paragraph breaks, kept by line: each version of a document shows the same lines again."""
    found: list[tuple[int, int, str]] = []
    for start, end in sentence_spans(line):
        if not FINAL.search(line[start:end]):
            continue
        matches = list(TOKEN.finditer(line, start, end))
        opener = _split_point([m.group() for m in matches], max_words)
        if opener is None:
            continue
        head_start, head_end = matches[0].start(), matches[opener - 1].end()
        crosshead = line[head_start:head_end]
        if head_start > 0:
            gap = len(line[:head_start]) - len(line[:head_start].rstrip())
            found.append((head_start - gap, head_start, crosshead))
        found.append((head_end, matches[opener].start(), crosshead))
    return tuple(found)


class Crosshead(Kind):
    """Give a crosshead run into the sentence after it (with only a space) a paragraph of its own."""

    name = "crosshead"
    summary = "split a title-case crosshead from the sentence it was run into"
    options = {
        "max-words": Option("int", "The longest crosshead, in words.", default=14, minimum=MIN_WORDS),
    }

    def __init__(self, rule: Rule) -> None:
        super().__init__(rule)
        self.max_words = int(self.option("max-words"))

    def find(self, doc: Document, ctx: Context) -> Iterator[Edit]:
        for start, end, replacement, crosshead in find_crossheads(doc.text, self.max_words):
            yield self.edit(start, end, replacement, match=crosshead)
