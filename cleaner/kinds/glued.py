"""``glued``: a word run into the first word of the next sentence, or a headline run into the article.

Scrapers that drop the markup between two paragraphs leave tokens such as
``agreementHe``: the last word of one sentence and the first word of the
next, with the full stop and space lost. The same happens to a headline
and the paragraph below it (``requestRussian``).

A token is split only where it is plainly two words: the left part is a
real word (per ``wordfreq``), the whole token is neither a word ``wordfreq``
knows (``iPhone``, ``YouTube``, ``PayPal``) nor listed in the rule's
mixed-case file (``airBaltic``, ``DeSantis``), and the left part is not a
word that cannot end a sentence (``onClick``, ``theWorld``). In the body,
the right part must be a word that opens sentences far more often than it
ends an identifier (``He``, ``The``, ``However``; for a capitalised left
part, as in ``MoscowHe``, only ``He``, ``She``, ``They``, ``We``, ``The``
and a few more); any other split (``configHandler``, ``totalSize``) is too
uncertain to propose. In the first line of a document that has more
paragraphs, a lowercase left part after three or more words without a
sentence end, followed by a common word that goes on for at least five
words, is a headline run into the article: the split is a paragraph break.

>>> from cleaner.kinds.glued import split_glued
>>> split_glued("the recently reached grain agreementHe expressed his hope")
'the recently reached grain agreement. He expressed his hope'
>>> split_glued("He bought an iPhone and a MacBook at McDonald's")
"He bought an iPhone and a MacBook at McDonald's"
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

import regex

from ..document import Document, Span, lines_at
from ..model import Edit, Rule, apply_edits
from ..text import sentence_spans, word_file, word_list
from .base import Context, Kind, Option

GLUED_TOKEN = regex.compile(
    r"(?:(?<=^)|(?<=[\s“\"‘(\[—–]))(?P<left>\p{Lu}?\p{Ll}+)(?P<right>\p{Lu}\p{Ll}*)(?=[,;:]?[ \t]+[\p{L}\p{N}“\"‘(])",
    regex.MULTILINE,
)
CAMEL = regex.compile(r"\p{Ll}\p{Lu}")
"""What every match of ``GLUED_TOKEN`` holds: a cheap search that lets most texts skip the costly one."""
MIN_LEFT_ZIPF = 2.5
"""How common (Zipf scale) the left part must be to count as a real word."""
MIN_RIGHT_ZIPF = 3.0
"""How common the word opening a glued first paragraph must be (``Russian``, ``Washington``)."""

OPENERS = word_list("openers")
"""Words that open a sentence far more often than they end a camel-case name or identifier (``openers.txt``).

``You`` and ``In`` are left out (``LinkedIn``, ``loggedIn``); ``It`` and ``This`` count
only after a left part of five letters or more (``speculationIt``, not ``doIt``).
"""

LONG_LEFT_OPENERS = frozenset(("it", "this"))
LONG_LEFT = 5

NAME_OPENERS = word_list("openers-after-names")
"""The openers a capitalised left part may be split before (``MoscowHe``)."""

CODE_MARKS = regex.compile(r"[_=(){}\[\]<>/\\@#`]")
HEADLINE_MIN_WORDS = 3
PARAGRAPH_MIN_WORDS = 5

NOT_FINAL = word_list("not-final")
"""Left parts that cannot end a sentence, and prefixes that camel-case identifiers start with (``not-final.txt``)."""


@lru_cache(maxsize=65536)
def zipf(word: str) -> float:
    """How common ``word`` is in English (0 when wordfreq does not know it)."""
    from wordfreq import zipf_frequency

    return float(zipf_frequency(word, "en"))


def mixed_case_words(path: str | None) -> frozenset[str]:
    """The lower-cased entries of a rule's mixed-case word list (``iPhone``, ``DeSantis``), none without one."""
    return frozenset(word.casefold() for word in word_file(path)) if path else frozenset()


def first_line(doc: Document) -> Span | None:
    """The document's first line that holds any text."""
    for line in doc.lines:
        if line.text(doc.text).strip():
            return line
    return None


def split_glued(text: str, mixed_case: frozenset[str] = frozenset()) -> str:
    """``text`` with its glued splits applied (for doctests and quick checks)."""
    finder = GluedFinder(mixed_case, headline_words=25)
    return apply_edits(text, [Edit(s, e, r, "glued", m[1]) for s, e, r, m in finder.find(Document(text))])


def _glued_tokens(text: str) -> Iterator[tuple[int, int, int, str, str, str]]:
    """``(start, split, end, left, right, token)`` of each match of :data:`GLUED_TOKEN`, line by line: no match holds a line break."""
    for position, line in lines_at(text):
        for start, split, end, left, right, token in _line_glued_tokens(line):
            yield position + start, position + split, position + end, left, right, token


@lru_cache(maxsize=16384)
def _line_glued_tokens(line: str) -> tuple[tuple[int, int, int, str, str, str], ...]:
    """The glued tokens of one line, kept by line: each version of a document shows the same lines again."""
    if not CAMEL.search(line):
        return ()
    return tuple((m.start(), m.start("right"), m.end(), m.group("left"), m.group("right"), m.group(0)) for m in GLUED_TOKEN.finditer(line))


class GluedFinder:
    """The splitting logic, apart from rule plumbing: yields ``(start, end, replacement, (match, problem))``."""

    def __init__(self, mixed_case: frozenset[str], *, headline_words: int) -> None:
        self.mixed_case = mixed_case
        self.headline_words = headline_words

    def is_whole(self, left: str, right: str) -> bool:
        """Whether ``left + right`` is one word: a known mixed-case word or any word wordfreq knows."""
        joined = (left + right).casefold()
        return joined in self.mixed_case or zipf(joined) > 0

    def find(self, doc: Document) -> Iterator[tuple[int, int, str, tuple[str, str]]]:
        text = doc.text
        if not CAMEL.search(text):
            return
        headline = first_line(doc) if len(doc.paragraphs) > 1 else None
        for start, split, end, left, right, token in _glued_tokens(text):
            lowered = left.casefold()
            if len(left) < 2 or lowered in NOT_FINAL or self.is_whole(left, right) or zipf(lowered) < MIN_LEFT_ZIPF:
                continue
            opener = right.casefold() in (NAME_OPENERS if left[0].isupper() else OPENERS) or (
                left.islower() and len(left) >= LONG_LEFT and right.casefold() in LONG_LEFT_OPENERS
            )
            if (
                headline is not None
                and headline.start <= start
                and end <= headline.end
                and self.is_headline(text[headline.start : split], text[split : headline.end], left, right)
            ):
                yield split, split, "\n\n", (token, "Headline glued to the article")
                continue
            if opener:
                yield split, split, ". ", (token, "Glued sentence")

    def is_headline(self, before: str, after: str, left: str, right: str) -> bool:
        """Whether the first line splits into a headline ``before`` and a paragraph ``after``."""
        if len(sentence_spans(before)) > 1 or CODE_MARKS.search(before) or left[0].isupper():
            return False
        if not HEADLINE_MIN_WORDS <= len(before.split()) <= self.headline_words or len(after.split()) < PARAGRAPH_MIN_WORDS:
            return False
        return right.casefold() in OPENERS or zipf(right.casefold()) >= MIN_RIGHT_ZIPF


class Glued(Kind):
    """Split tokens such as ``agreementHe`` into two sentences, or a glued headline into its own paragraph."""

    name = "glued"
    summary = "split a word glued to the next sentence or to the headline"
    options = {
        "mixed-case": Option("path", "Word-list file of mixed-case words that stay whole (iPhone, DeSantis).", required=True),
        "headline-words": Option("int", "At most this many words before the glue, in the first line, make a headline.", default=25, minimum=1),
    }
    fields = {
        "problem": 'What was glued: "Glued sentence" or "Headline glued to the article"',
    }

    def __init__(self, rule: Rule) -> None:
        super().__init__(rule)
        self.finder = GluedFinder(mixed_case_words(self.option("mixed-case")), headline_words=int(self.option("headline-words")))

    def find(self, doc: Document, ctx: Context) -> Iterator[Edit]:
        for start, end, replacement, (glued, problem) in self.finder.find(doc):
            yield self.edit(start, end, replacement, match=glued, fields={"problem": problem})
