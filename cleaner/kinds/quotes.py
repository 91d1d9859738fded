"""``quotes``: curly quotation marks turned the wrong way, and quotations left open or opened nowhere.

Machine translation and copy-editing by hand leave an opening “ where a
quotation closes ("no result yet“.") and drop one half of a pair ("appealing
to him. Don’t forget about her.”"). A paragraph's double quotes are read
left to right as open and close: a mark that faces the wrong way is turned
round when its position leaves no doubt (safe), and a missing mark is put
at the sentence boundary where the quotation plainly starts or ends
(unsafe; nothing is proposed when that place is not plain).

Left alone: apostrophes (Don’t, Griner’s, ’90s, rock ’n’ roll, players’),
single quotes that open with ’, straight ASCII quotes, paragraphs using « »
or „ “, inch marks after numbers, and a quotation running over several
paragraphs, each opening with “ and only the last one closing.

>>> from cleaner.kinds.quotes import read_paragraph
>>> read_paragraph("said that “no result yet“.").flips
[(24, '”')]
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

import regex

from ..document import Document
from ..model import Edit, Rule
from ..text import sentence_spans, token_at, word_list
from .base import Context, Kind, Option

OPEN, CLOSE = "“", "”"
SINGLE_OPEN, SINGLE_CLOSE = "‘", "’"
DOUBLE_MARKS = re.compile("[“”]")
ALL_MARKS = re.compile("[“”‘’]")
"""The marks the readings below act on: every other character leaves their state as it is, so they jump from one to the next."""
OTHER_CONVENTIONS = re.compile('[«»„‚‹›"]')
"""Paragraphs quoting in another convention, or with straight quotes, are not balanced here."""

FOREIGN = re.compile("[«»„‚‹›]")
BEFORE_OPENING = " \t\n([{—–/"
AFTER_CLOSING = re.compile(r"(?:[\s.,;:!?)\]…—–’]|$)")
OPENING_NEXT = re.compile(r"[\w‘…]")

INNER_QUOTE = regex.compile(r"(?P<word>\p{L}+)(?P<quote>\")(?P<ending>\p{L}{1,2})(?![\p{L}\p{N}])")
CONTRACTIONS = word_list("contractions")
CURLY_APOSTROPHE = regex.compile(r"(?<=\p{L})’(?=\p{L})")
STRAIGHT_APOSTROPHE = regex.compile(r"(?<=\p{L})'(?=\p{L})")

NEXT_SENTENCE = re.compile(r"[ \t]+[‘(]?[A-Z]")
COLON_END = re.compile(r":(?=[ \t]+[‘(]?[A-Z])")


def _alternatives(entries: Iterable[str]) -> str:
    """A regex alternation of word-list entries, longest first; a space in a phrase matches any white space."""
    return "|".join(re.escape(entry).replace(r"\ ", r"\s+") for entry in sorted(entries, key=len, reverse=True))


REPORTING_VERBS = word_list("reporting-verbs")
REPORTING = re.compile(rf"\b(?:{_alternatives(REPORTING_VERBS | {'according to'})})\b", re.IGNORECASE)
"""Words that report speech (``reporting-verbs.txt``, and "according to"): a quotation does not run over them, and one often follows them."""

NARRATION = re.compile(rf"(?:He|She|They)\s+(?:also\s+|then\s+|later\s+|further\s+)?(?:{_alternatives(word_list('narration-verbs'))})\b")
"""A sentence that starts like this (``narration-verbs.txt``) is the reporter's, so a quotation before it has ended."""

ATTRIBUTION = re.compile(r"[ \t]+(?:he|she|they|(?:the\s+)?[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,3})\s+(?:also\s+)?" rf"(?:{_alternatives(REPORTING_VERBS)})\b")
"""", he said" right after a closing quote: the quotation is the sentence before it."""


@dataclass
class Reading:
    """What one paragraph's quotation marks say; offsets are into the paragraph's text."""

    flips: list[tuple[int, str]] = field(default_factory=list)
    unclosed: int | None = None
    unopened: list[int] = field(default_factory=list)
    confused: bool = False


def _looks_closing(text: str, index: int) -> bool:
    if index == 0 or text[index - 1] in BEFORE_OPENING or text[index - 1] == ":":
        return False
    return AFTER_CLOSING.match(text, index + 1) is not None


def _looks_opening(text: str, index: int) -> bool:
    if index > 0 and text[index - 1] not in BEFORE_OPENING:
        return False
    return OPENING_NEXT.match(text, index + 1) is not None


@lru_cache(maxsize=16384)
def read_paragraph(text: str) -> Reading:
    """Read the double quotes of one paragraph as opening and closing, turning round the ones that face the wrong way.

    A mark is turned round only where nothing else fits: an opening mark
    after a word while a quotation is open, or a closing mark before a word
    while none is. Two opening marks in a row that cannot be read so leave
    the paragraph ``confused``, and nothing more is done with it.
    """
    reading = Reading()
    if FOREIGN.search(text):
        reading.confused = True
        return reading
    open_at: int | None = None
    for mark in DOUBLE_MARKS.finditer(text):
        index, char = mark.start(), mark.group()
        if char == OPEN:
            if open_at is None:
                open_at = index
            elif _looks_closing(text, index):
                reading.flips.append((index, CLOSE))
                open_at = None
            else:
                reading.confused = True
                return reading
        elif char == CLOSE:
            if open_at is not None:
                open_at = None
            elif _looks_opening(text, index):
                reading.flips.append((index, OPEN))
                open_at = index
            else:
                reading.unopened.append(index)
    reading.unclosed = open_at
    reading.flips.extend(_single_flips(text))
    return reading


def _single_flips(text: str) -> Iterator[tuple[int, str]]:
    """Opening single quotes used to close a quotation opened with ‘, where no apostrophe could be meant.

    Only a closing ‘ after an opening ‘ counts, with nothing between them but
    words (apostrophes inside words allowed), so ’ is never touched.
    """
    if SINGLE_OPEN not in text:
        return
    opened: int | None = None
    for mark in ALL_MARKS.finditer(text):
        index, char = mark.start(), mark.group()
        if char in (OPEN, CLOSE):
            opened = None
        elif char == SINGLE_CLOSE:
            inside_word = 0 < index < len(text) - 1 and text[index - 1].isalpha() and text[index + 1].isalpha()
            if not inside_word:
                opened = None
        elif char == SINGLE_OPEN:
            if opened is not None and index - opened > 2 and _looks_closing(text, index):
                yield index, SINGLE_CLOSE
                opened = None
            elif _looks_opening(text, index) and text[index + 1 : index + 2].isalpha():
                opened = index
            else:
                opened = None


def _sentence_ends(text: str, start: int, end: int) -> list[int]:
    """Offsets just after each sentence-ending mark in ``text[start:end]`` (with ’ or ) after it) where a capitalised sentence follows."""
    ends = []
    for _, stop in sentence_spans(text[start:end])[:-1]:
        at = start + stop
        if text[at - 1] in ".!?…’)" and NEXT_SENTENCE.match(text, at, end):
            ends.append(at)
    return ends


def place_closing(text: str, opened: int) -> int | None:
    """Where the quotation opened at ``opened`` ends, if plain: before a sentence in the reporter's voice, or at the paragraph's end.

    >>> text = "He would raise “the issue of the grain agreement. He expressed his hope."
    >>> text[: place_closing(text, 15)]
    'He would raise “the issue of the grain agreement.'
    >>> place_closing("He described it as “a disaster and said it must go.", 19) is None
    True
    """
    for end in _sentence_ends(text, opened + 1, len(text)):
        if NARRATION.match(text, end + len(text[end:]) - len(text[end:].lstrip())):
            if REPORTING.search(text, opened, end):
                return None
            return end
    tail = text.rstrip()
    if _sentence_ends(text, opened + 1, len(tail)) or REPORTING.search(text, opened, len(tail)):
        return None
    if re.search(r"\w[.!?…][’)]?$", tail):
        return len(tail)
    return None


def place_opening(text: str, closed: int, after: int) -> int | None:
    """Where the quotation closed at ``closed`` starts, if plain: after a sentence that reports speech.

    ``after`` is where the search may begin (just after the previous
    quotation mark, or 0). A quotation at the start of the paragraph counts
    when ", he said" follows its close.

    >>> text = "She said that she fears prison, appealing to him. Don’t forget about her.”"
    >>> text[place_opening(text, len(text) - 1, 0):]
    'Don’t forget about her.”'
    """
    if closed > 0 and text[closed - 1].isdigit():
        return None
    starts = []
    for end in [*_sentence_ends(text, after, closed), *(m.end() for m in COLON_END.finditer(text, after, closed))]:
        start = end + len(text[end:closed]) - len(text[end:closed].lstrip())
        if start < closed:
            starts.append((end, start))
    starts.sort()
    earlier = _sentence_ends(text, 0, after)
    boundaries = [earlier[-1] if earlier else 0, *(end for end, _ in starts)]
    for number in range(len(starts) - 1, -1, -1):
        end, start = starts[number]
        if REPORTING.search(text, start, closed):
            return None
        previous = text[boundaries[number] : end]
        previous = previous[max(previous.rfind(OPEN), previous.rfind(CLOSE)) + 1 :]
        if REPORTING.search(previous) or previous.endswith(":"):
            return start if text[start].isupper() or text[start].isdigit() else None
    if after == 0 and ATTRIBUTION.match(text, closed + 1) and not REPORTING.search(text, 0, closed):
        first = text[0]
        return 0 if first.isupper() or first.isdigit() else None
    return None


class Quotes(Kind):
    """Turn round misdirected curly quotes, or supply the missing half of a pair (always unsafe)."""

    name = "quotes"
    summary = "misdirected and unbalanced curly quotes"
    options = {
        "problem": Option(
            "str",
            "Which problem the rule repairs: quotes facing the wrong way, quotations left open or never opened, or a straight double quote standing for an apostrophe.",
            required=True,
            choices=("misdirected", "unbalanced", "apostrophe"),
        ),
    }
    fields = {
        "mark": "Opening or Closing: the quote mark found",
        "role": "open or close: what the mark does there",
        "problem": 'For unbalanced quotes: "Quotation left open after" or "Quotation never opened before"',
    }

    def __init__(self, rule: Rule) -> None:
        super().__init__(rule)
        self.problem = self.option("problem")

    def find(self, doc: Document, ctx: Context) -> Iterator[Edit]:
        if self.problem == "apostrophe":
            yield from self._apostrophes(doc)
            return
        paragraphs = [(span.start, doc.text[span.start : span.end]) for span in doc.paragraphs]
        readings = [read_paragraph(text) for _, text in paragraphs]
        for number, ((offset, text), reading) in enumerate(zip(paragraphs, readings)):
            if reading.confused:
                continue
            for index, mark in reading.flips if self.problem == "misdirected" else ():
                wrong = text[index]
                word = token_at(text, index, index + 1, reach=20)
                kind = "Opening" if wrong in (OPEN, SINGLE_OPEN) else "Closing"
                role = "close" if mark in (CLOSE, SINGLE_CLOSE) else "open"
                yield self.edit(offset + index, offset + index + 1, mark, match=word, fields={"mark": kind, "role": role})
            fixed = list(text)
            for index, mark in reading.flips:
                fixed[index] = mark
            flipped = "".join(fixed)
            if self.problem != "unbalanced" or OTHER_CONVENTIONS.search(text):
                continue
            yield from self._balance(doc, paragraphs, readings, number, flipped)

    def _balance(self, doc: Document, paragraphs: list[tuple[int, str]], readings: list[Reading], number: int, text: str) -> Iterator[Edit]:
        offset = paragraphs[number][0]
        reading = readings[number]
        if reading.unclosed is not None and not reading.unopened:
            if (reading.unclosed > 0 and text[reading.unclosed - 1].isalnum()) or not OPENING_NEXT.match(text, reading.unclosed + 1):
                return
            at = place_closing(text, reading.unclosed)
            following = paragraphs[number + 1][1] if number + 1 < len(paragraphs) else ""
            runs_on = following.lstrip().startswith(OPEN) or (number + 1 < len(readings) and bool(readings[number + 1].unopened))
            if at is not None and not (at == len(text.rstrip()) and runs_on):
                shown = text[max(reading.unclosed, at - 20) : at].split()
                match = " ".join(shown[-2:]) if shown else text[at - 1 : at]
                yield self.edit(offset + at, offset + at, CLOSE, match=match, fields={"problem": "Quotation left open after"}, safe=False)
        elif reading.unclosed is None and len(reading.unopened) == 1:
            if number > 0 and (readings[number - 1].unclosed is not None or readings[number - 1].confused):
                return
            closed = reading.unopened[0]
            if not _looks_closing(text, closed):
                return
            after = max(text.rfind(OPEN, 0, closed), text.rfind(CLOSE, 0, closed)) + 1
            at = place_opening(text, closed, after)
            if at is not None:
                words = text[at:closed].split()
                match = " ".join(words[:2]) if words else text[at : at + 1]
                yield self.edit(offset + at, offset + at, OPEN, match=match, fields={"problem": "Quotation never opened before"}, safe=False)

    def _apostrophes(self, doc: Document) -> Iterator[Edit]:
        mark = apostrophe_style(doc.text)
        for span in doc.paragraphs:
            text = span.text(doc.text)
            for index, safe in quote_apostrophes(text):
                yield self.edit(span.start + index, span.start + index + 1, mark, match=token_at(text, index, index + 1, reach=20), safe=safe)


def quote_apostrophes(text: str) -> list[tuple[int, bool]]:
    """Straight double quotes in ``text`` that stand for an apostrophe, each with whether repairing it is safe.

    A quote counts between a word and ``s`` (``minister"s``), or inside a
    contraction (``don"t``, ``we"re``; ``contractions.txt``). The repair is
    safe only when the paragraph has no other straight double quote, which
    the quote might close (``"Big Apple"s``, ``"hi"s and "bye"s``).

    >>> quote_apostrophes('The minister"s office said it would not comment.')
    [(12, True)]
    >>> quote_apostrophes('He called the "Big Apple"s charm unique.')
    [(24, False)]
    """
    found = []
    for match in INNER_QUOTE.finditer(text):
        word, ending = match.group("word"), match.group("ending")
        if ending.casefold() == "s" or f"{word}'{ending}".casefold() in CONTRACTIONS:
            found.append(match.start("quote"))
    alone = text.count('"') == len(found)
    return [(index, alone) for index in found]


def apostrophe_style(text: str) -> str:
    """The apostrophe ``text`` uses between letters: ’ or ', by majority; ’ when it has none and curly quotes, else '."""
    curly, straight = len(CURLY_APOSTROPHE.findall(text)), len(STRAIGHT_APOSTROPHE.findall(text))
    if curly != straight:
        return SINGLE_CLOSE if curly > straight else "'"
    return SINGLE_CLOSE if OPEN in text or CLOSE in text else "'"
