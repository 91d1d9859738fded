"""``interruption``: a lone title-case line dropped into the middle of a sentence.

Pages insert teasers for other articles between the paragraphs of the one
being read; when the insertion lands mid-paragraph, the scraped text shows
a sentence cut in two with a headline between the halves::

    The minister said the talks would resume

    Oil Prices Climb As Talks Stall

    next week in Vienna.

The headline paragraph is removed and the two halves are joined with a
space. Nothing marks the line as a teaser, so the rule is a guess, made
only when all of these hold: the paragraph before ends a line of prose
(six words or more, no code) without sentence punctuation, the paragraph
after starts with a small word and goes on, and the line between is a
single line of four to ``max-words`` plain words in title case without
final punctuation.
Headings between complete paragraphs, list items and quoted lines are left
alone.

>>> from cleaner.kinds.interruption import find_interruptions
>>> text = "The minister said the talks would resume\\n\\nOil Prices Climb As Talks Stall\\n\\nnext week in Vienna."
>>> [(text[s:e], r) for s, e, r, _ in find_interruptions(text)]
[('\\n\\nOil Prices Climb As Talks Stall\\n\\n', ' ')]
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from ..document import Document
from ..model import Edit, Rule
from ..text import word_list, words
from .base import Context, Kind, Option

NUMBER = regex.compile(r"\p{N}+(?:[.,]\p{N}+)*%?")
OPEN_END = regex.compile(r"[\p{L}\p{N},]$")
LOWER_START = regex.compile(r"^\p{Ll}+[,;]? \p{L}+ \p{L}")
CODE_MARKS = regex.compile(r"[_=(){}\[\]<>/\\@#`|]")
MIN_WORDS = 4
MIN_WORDS_BEFORE = 6
SMALL_WORDS = word_list("title-small-words")
"""Words a title-case headline leaves lowercase (``title-small-words.txt``)."""


def plain_word(token: str) -> bool:
    """Whether a token of a headline is one word or number, perhaps followed by a comma or colon."""
    bare = token[:-1] if token[-1] in ",:" else token
    return NUMBER.fullmatch(bare) is not None or (words(bare) == [bare] and not any(c.isdigit() for c in bare))


def is_title_line(line: str, max_words: int) -> bool:
    """Whether ``line`` reads as a headline: title case, a few words, no final punctuation."""
    if "\n" in line or not line or line[-1] in '.!?:;,"”’)' or line[0] in '-•*·–—>"“‘(#':
        return False
    tokens = line.split()
    if not MIN_WORDS <= len(tokens) <= max_words or not all(plain_word(w) for w in tokens):
        return False
    major = [w for w in tokens[1:] if w.casefold() not in SMALL_WORDS]
    return tokens[0][0].isupper() and all(w[0].isupper() or w[0].isdigit() for w in major)


def find_interruptions(text: str, max_words: int = 14) -> Iterator[tuple[int, int, str, str]]:
    """Spans ``(start, end, replacement, headline)`` from the end of the cut sentence to its continuation."""
    paragraphs = Document(text).paragraphs
    for before, middle, after in zip(paragraphs, paragraphs[1:], paragraphs[2:]):
        line = middle.text(text).strip()
        head = before.text(text)
        if not is_title_line(line, max_words) or not OPEN_END.search(head) or not LOWER_START.search(after.text(text)):
            continue
        last_line = head.rsplit("\n", 1)[-1]
        if len(last_line.split()) < MIN_WORDS_BEFORE or CODE_MARKS.search(last_line) or last_line.lstrip()[:1] in "-•*·–—>":
            continue
        yield before.end, after.start, " ", line


class Interruption(Kind):
    """Remove a title-case line that cuts one sentence in two, and join the sentence again."""

    name = "interruption"
    summary = "remove a headline that interrupts a sentence"
    options = {
        "max-words": Option("int", "The longest interrupting line, in words.", default=14, minimum=2),
    }

    def __init__(self, rule: Rule) -> None:
        super().__init__(rule)
        self.max_words = int(self.option("max-words"))

    def find(self, doc: Document, ctx: Context) -> Iterator[Edit]:
        for start, end, replacement, headline in find_interruptions(doc.text, self.max_words):
            yield self.edit(start, end, replacement, match=headline)
