"""What the classifier sees: a document cut into units (lines, or whole paragraphs when wrapped), and each unit's features.

A *unit* is one line of text, except that a paragraph whose lines were
hard-wrapped (a Markdown or e-mail body, lines of similar length that break
mid-sentence) is one unit. Features are plain numbers and flags measured on
the unit alone; the classifier adds position and neighbours.

>>> from cleaner.kinds.furniture.lexicon import lexicon
>>> f = features("Share on Facebook | Twitter | Email", lexicon("en"))
>>> f.words, f.interface >= 0.9, f.ends_sentence, f.separators
(5, True, False, 2)
>>> features("The minister said the talks would resume next week in Geneva.", lexicon("en")).stop > 0.4
True
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

import regex

from ...document import Document
from ...text import LETTERS, UNSPACED, word_count, words
from ..prefilter import Needle, needle
from .lexicon import Lexicon

END = regex.compile(r"[.!?…。！？؟।][\"'”’»)\]」』]*$")
"""Sentence-final punctuation at the end of a unit, with closing quotes and brackets."""

INNER_END = regex.compile(r"(?<!(?:^|[\s.(])\p{Lu})[.!?。！？؟][\"'”’»)\]」』]*\s+[\"'“‘«(\[]?\p{Lu}")
"""A sentence boundary inside a unit: final punctuation, space, a capital; not after an initial ("Gene J. Puskar", "U.S. Senate")."""

CONTINUES = regex.compile(r"[\p{Ll}\p{N}(]")
OPEN_END = regex.compile(r"(?:\b\p{Ll}[\p{Ll}’'-]*|[,;:–-])$")
"""A line that stops on a lower-case word or a comma, as a line cut by hard wrapping does."""
"""How a line that continues the previous line's sentence starts."""
BULLET = regex.compile(r"^(?:[-*•·▪◦‣●○■□➤►▸]|\d{1,2}[.)])\s+")
QUOTE_START = regex.compile(r"^[\"“”„«‘’‚‹»「『—–-]\s*\p{L}")
LINK = regex.compile(
    r"(?:https?://|www\.)[^\s<>\"']+|\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b|(?<![\w@])@[A-Za-z_]\w{1,30}\b"
    r"|\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|gov|edu|io|info|news|co\.uk|com\.br|ru|de|fr|es|it|jp|cn|tr|kr)\b(?:/[^\s]*)?",
    regex.IGNORECASE,
)
"""A URL, an e-mail address, a handle (@name) or a bare domain (example.com/path)."""
LINK_DOMAIN = regex.compile(r"\.(?:com|org|net|gov|edu|io|info|news|co\.uk|com\.br|ru|de|fr|es|it|jp|cn|tr|kr)\b", regex.IGNORECASE)
"""What every bare domain of :data:`LINK` holds, searched for first: most lines hold no link at all."""


def may_link(text: str) -> bool:
    """Whether :data:`LINK` can match in ``text``: each of its forms holds ``://``, ``www.``, ``@`` or a domain ending."""
    return "://" in text or "@" in text or "www." in text.lower() or LINK_DOMAIN.search(text) is not None


ASSET = regex.compile(r"\.(?:jpe?g|png|gif|webp|svg|avif|bmp|ico|js|css)(?:[?#]\S*)?$", regex.IGNORECASE)
"""The address of a file a page loads (an image, a script, a style sheet), not of a page a reader would visit."""
REFERENCE = regex.compile(r"^\[[^\]]{1,40}\]:\s*\S+$")
"""A Markdown link definition, ``[1]: https://...``."""
DEFINITION = regex.compile(r"^\[[^\]]{1,40}\]:\s*\S+(?:\n\S+)*$")
"""A link definition whose address a converter wrapped onto the following lines (``[2]: https://example.com/a-lo`` / ``ng-path``)."""
GLUED = regex.compile(r"(?<![\p{L}\p{N}])(?:\p{Lu}\p{Ll}{2,}){3,}(?![\p{L}\p{N}])")
"""Three or more title-case words run together: link text of a tag list ("IsraelLebanonHezbollah")."""
SNAKE = regex.compile(r"^[a-z]+(?:_[a-z0-9]+)+$")
SEPARATOR = regex.compile(r"(?<=\S)\s*([|•·›»>/\\~])\s*(?=\S)")
"""A separator between menu items, breadcrumbs or share buttons."""
SEPARATOR_MARKS = "|•·›»>/\\~"
"""The marks of :data:`SEPARATOR`: a unit without any has no separator, and is not searched."""
TABLE_ROW = regex.compile(r"^\|.*\|$|^[|+:\- ]+$")
TABLE_OPENINGS = frozenset("|+:- ")
"""The characters a :data:`TABLE_ROW` can open with."""
FULL_DATE = regex.compile(r"\b\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}\b|\b\d{1,2}:\d{2}\b|\d{4}-\d{2}-\d{2}T")
CLOCK = regex.compile(r"^\d{1,2}[:.h]\d{2}$")
NUMBER = regex.compile(r"^\d[\d.,:/kKmM]*$")
ORDINAL = regex.compile(r"^\d{1,2}(?:st|nd|rd|th|er|e|º|ª|\.)$", regex.IGNORECASE)
COPYRIGHT = regex.compile(r"(?:^|\s)(?:©|\(c\)|copyright\b)", regex.IGNORECASE)
SLASH_CREDIT = regex.compile(r"\(\s*[^()]{2,80}?/[^()]{2,80}?\)\s*$|\(\s*(?i:AP|AFP|Reuters|EPA|Getty|Xinhua|TASS|dpa|ANSA|EFE)(?:\s+[Pp]hoto)?\s*\)\s*$")
"""A credit in brackets at the end of a caption: "(NASA/JPL-Caltech)", "(AP Photo/Name)", "(Reuters)"."""


@dataclass(frozen=True, slots=True)
class Unit:
    """One line (or wrapped paragraph) of a document: the span of its text, without surrounding white space."""

    start: int
    end: int
    text: str
    paragraph: int
    whole: bool
    """Whether the unit is its paragraph's whole text."""


@dataclass(frozen=True, slots=True)
class Features:
    """What one unit looks like; shares are between 0 and 1, ``None`` where they cannot be measured."""

    words: int
    long: bool
    """More than a dozen words (about 40 characters in scripts written without spaces)."""
    stop: float | None
    """Share of the words (or, without spaces, of the characters) that are stop words of the document's language."""
    ends_sentence: bool
    inner_sentence: bool
    """Holds a sentence boundary inside it."""
    title: float | None
    """Share of the non-stop words that start with a capital; ``None`` in scripts without case."""
    interface: float
    """Share of the letters inside web-interface phrases (share, log in, comments, network names, ...)."""
    phrases: tuple[str, ...]
    dates: float
    """Share of the non-stop words that are numbers, clock times, month, weekday or time-zone names."""
    dateline: bool
    """Mostly such words, with a month or weekday name, a clock time or a full numeric date among them."""
    digits: bool
    links: float
    """Share of the characters inside URLs, e-mail addresses and handles."""
    glued: bool
    icons: float
    separators: int
    """How often the unit's most frequent menu separator (| • · › » > / ~) stands between two items."""
    table: bool
    bullet: bool
    quoted: bool
    copyright: bool
    slash_credit: bool
    reference: bool
    asset: bool
    """The unit is the address of an image, script or style sheet."""


def units(doc: Document) -> list[Unit]:
    """The units of ``doc``, in order.

    >>> [u.text for u in units(Document("Title\\nBy A. Writer\\n\\nThe talks in Geneva were expected to\\nresume next week, officials said.\\n"))]
    ['Title', 'By A. Writer', 'The talks in Geneva were expected to\\nresume next week, officials said.']

    A link definition wrapped onto several lines is one unit:

    >>> [u.text for u in units(Document("Body.\\n[1]: https://example.com/2019/11/a-long-path-cut-by-the-converter-at-eighty-co\\nlumns\\n[2]: https://example.com/b\\n"))]
    ['Body.', '[1]: https://example.com/2019/11/a-long-path-cut-by-the-converter-at-eighty-co\\nlumns', '[2]: https://example.com/b']
    """
    text = doc.text
    found: list[Unit] = []
    for index, paragraph in enumerate(doc.paragraphs):
        body = paragraph.text(text)
        lines = [line for line in body.split("\n") if line.strip()]
        if len(lines) <= 1 or wrapped(lines):
            found.append(Unit(paragraph.start, paragraph.end, body, index, True))
            continue
        position = paragraph.start
        for line in body.split("\n"):
            start = position + (len(line) - len(line.lstrip()))
            end = position + len(line.rstrip())
            position += len(line) + 1
            if end <= start:
                continue
            previous = found[-1] if found and found[-1].paragraph == index else None
            if previous is not None and DEFINITION.match(previous.text) and _cut(previous.text, text[start:end]):
                found[-1] = Unit(previous.start, end, text[previous.start : end], index, False)
                continue
            found.append(Unit(start, end, text[start:end], index, False))
    return found


def _cut(definition: str, line: str) -> bool:
    """Whether ``line`` continues the address of a link definition that a converter cut at a fixed width."""
    return len(definition.rsplit("\n", 1)[-1]) >= 60 and not regex.search(r"\s", line) and not line.startswith("[")


def wrapped(lines: list[str]) -> bool:
    """Whether the lines are one hard-wrapped paragraph: every line but the last nearly as long as the longest, breaking mid-sentence.

    >>> wrapped(["The talks in Geneva were expected to", "resume next week, officials said."])
    True
    >>> wrapped(["Related", "Talks resume in Geneva", "Grain deal signed"])
    False
    >>> wrapped(["HONOLULU (AP) - NASA scientists using a telescope atop Mauna", "Kea have confirmed the presence of water vapor on the surface of", "Europa, a moon of Jupiter."])
    True
    """
    lengths = [len(line.strip()) for line in lines]
    widest = max(lengths)
    if widest < 30 or any(length < 0.6 * widest for length in lengths[:-1]):
        return False
    breaks = sum(1 for line, after in itertools.pairwise(lines) if not END.search(line.rstrip()) and CONTINUES.match(after.lstrip()))
    if breaks >= max(1, (len(lines) - 1) // 2):
        return True
    if widest < 50 or any(length < 0.75 * widest for length in lengths[:-1]):
        return False
    open_ends = sum(1 for line in lines[:-1] if OPEN_END.search(line.rstrip()))
    return open_ends >= max(1, (len(lines) - 1) // 2)


@cache
def phrase_pattern(phrases: frozenset[str]) -> regex.Pattern[str] | None:
    """One regex matching any of ``phrases`` as whole words (anywhere, for scripts without spaces)."""
    if not phrases:
        return None
    ordered = sorted(phrases, key=len, reverse=True)
    spaced = [regex.escape(p) for p in ordered if not UNSPACED.search(p)]
    unspaced = [regex.escape(p) for p in ordered if UNSPACED.search(p)]
    parts = []
    if spaced:
        parts.append(r"(?<![\p{L}\p{N}])(?:" + "|".join(spaced) + r")(?![\p{L}\p{N}])")
    if unspaced:
        parts.append("(?:" + "|".join(unspaced) + ")")
    return regex.compile("|".join(parts), regex.IGNORECASE)


@cache
def phrase_needle(phrases: frozenset[str]) -> Needle | None:
    """The phrases as a needle: a line that holds none of them (ignoring case) is not searched with :func:`phrase_pattern`."""
    pattern = phrase_pattern(phrases)
    return needle(pattern.pattern, regex.IGNORECASE) if pattern is not None else None


def covered(text: str, phrases: frozenset[str]) -> tuple[float, tuple[str, ...]]:
    """Share of the letters of ``text`` inside ``phrases``, and the phrases found.

    >>> covered("Follow us on Twitter", frozenset({"follow us", "twitter"}))
    (0.8823529411764706, ('follow us', 'twitter'))
    """
    finder = phrase_finder(phrases)
    found = finder.spans(text) if finder is not None else []
    if not found:
        return 0.0, ()
    letters = sum(len(run) for run in LETTERS.findall(text))
    if not letters:
        return 0.0, ()
    inside = sum(len(run) for start, end in found for run in LETTERS.findall(text[start:end]))
    return inside / letters, tuple(dict.fromkeys(text[start:end].lower() for start, end in found))


WORD_CHAR = regex.compile(r"[\p{L}\p{N}]")
"""What the whole-word test of :func:`phrase_pattern` counts as part of a word."""
RE_WORD_CHAR = re.compile(r"[^\W_]")
"""The same test in Python's ``re``, which has no ``\\p{...}`` classes; where the two disagree on a character, :class:`PhraseFinder` does not rely on it."""


def trie_alternation(phrases: Iterable[str]) -> str:
    """``phrases`` as one ``re`` alternation folded into a trie, longer phrases tried first at each branch.

    At every position at most one branch can go on (siblings are distinct characters), and a
    phrase that ends where a longer one goes on is tried after it, so the match is the longest
    phrase that fits, as in an alternation sorted longest first.

    >>> trie_alternation(["share", "shares", "shared", "sign"])
    's(?:hare(?:d|s)?|ign)'
    """
    trie: dict[str, dict[str, Any]] = {}
    for phrase in phrases:
        node = trie
        for char in phrase:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        branches = [re.escape(char) + emit(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" not in node:
            return body
        return body + "?" if len(branches) > 1 or len(body) == 1 else f"(?:{body})?"

    return emit(trie)


class PhraseFinder:
    """Where the phrases of a lexicon occur in a line: the matches of :func:`phrase_pattern`, found about ten times faster.

    regex's case-insensitive alternation of some two hundred phrases tries
    them at every position of a line. Here the line is lower-cased and
    searched with one case-sensitive pattern of Python's ``re``, its
    alternatives folded into a trie (:func:`trie_alternation`). That finds
    the same matches for a line whose every character lower-cases to one
    character that equals a phrase character exactly when regex's
    case-insensitive matching equates the two, and is a word character
    exactly when it was one; each character is tested once. A line with
    any other character (a final sigma, a long s, the Kelvin sign) is
    searched with :func:`phrase_pattern` itself.
    """

    def __init__(self, phrases: frozenset[str]) -> None:
        self.phrases = phrases
        chars = sorted({char for phrase in phrases for char in phrase})
        self.chars = frozenset(chars)
        self.any_char = regex.compile("[" + "".join(map(regex.escape, chars)) + "]", regex.IGNORECASE) if chars else None
        self.char_patterns = [(char, regex.compile(regex.escape(char), regex.IGNORECASE)) for char in chars]
        spaced = [p for p in phrases if not UNSPACED.search(p)]
        unspaced = [p for p in phrases if UNSPACED.search(p)]
        parts = []
        if spaced:
            parts.append(r"(?<![^\W_])(?:" + trie_alternation(spaced) + r")(?![^\W_])")
        if unspaced:
            parts.append("(?:" + trie_alternation(unspaced) + ")")
        self.fast = re.compile("|".join(parts)) if all(phrases) else None
        self._safe: dict[str, bool] = {}
        self.ascii = self.fast is not None and all(self.safe(chr(code)) for code in range(128))

    def safe(self, char: str) -> bool:
        """Whether the lower-cased line shows ``char`` to the ``re`` pattern as regex's case-insensitive pattern sees it.

        Asked once per character: one case-insensitive class of the phrases' characters tells
        whether any of them equals it, and only then is each of them asked.
        """
        known = self._safe.get(char)
        if known is None:
            low = char.lower()
            known = len(low) == 1 and bool(WORD_CHAR.match(char)) == bool(RE_WORD_CHAR.match(low))
            if known and self.any_char is not None and self.any_char.match(char):
                known = [p for p, pattern in self.char_patterns if pattern.fullmatch(char)] == [low]
            elif known:
                known = low not in self.chars
            self._safe[char] = known
        return known

    def spans(self, text: str) -> list[tuple[int, int]]:
        """The ``(start, end)`` of each phrase in ``text``, as ``phrase_pattern(phrases).finditer(text)`` finds them."""
        if self.fast is not None and (self.ascii if text.isascii() else all(map(self.safe, set(text)))):
            return [m.span() for m in self.fast.finditer(text.lower())]
        finder, pattern = phrase_needle(self.phrases), phrase_pattern(self.phrases)
        if pattern is None or (finder is not None and not finder.found(text, text.casefold())):
            return []
        return [m.span() for m in pattern.finditer(text)]


@cache
def phrase_finder(phrases: frozenset[str]) -> PhraseFinder | None:
    return PhraseFinder(phrases) if phrases else None


def stop_share(tokens: list[str], lower: list[str], unspaced: list[str], lexicon: Lexicon) -> float | None:
    """Share of stop words among ``tokens`` (``lower`` is each in lower case), or of frequent characters among ``unspaced``, the characters of scripts without spaces."""
    if lexicon.stop_chars and len(unspaced) * 2 >= sum(len(t) for t in tokens):
        return sum(1 for ch in unspaced if ch in lexicon.stop_chars) / len(unspaced) if unspaced else None
    lettered = [low for t, low in zip(tokens, lower, strict=True) if _has_letter(t)]
    if not lettered or not lexicon.stop_words:
        return None
    return sum(1 for t in lettered if t in lexicon.stop_words) / len(lettered)


def _has_letter(token: str) -> bool:
    """Whether ``token`` holds a letter or mark (:data:`LETTERS`); an ASCII token does when it has case."""
    return token.lower() != token.upper() if token.isascii() else LETTERS.search(token) is not None


def _starts_with_letter(token: str) -> bool:
    """Whether ``token`` opens with a letter or mark (:data:`LETTERS`)."""
    return token[0].isalpha() if token[0].isascii() else LETTERS.match(token) is not None


FEATURE_CACHE_SIZE = 100_000
_measured: dict[tuple[int, str], Features] = {}


def features(text: str, lexicon: Lexicon) -> Features:
    """Measure one unit's ``text``; a unit met again (a later pass, an unchanged line) is not measured twice."""
    key = (id(lexicon), text)
    found = _measured.get(key)
    if found is None:
        if len(_measured) >= FEATURE_CACHE_SIZE:
            _measured.clear()
        found = _measured[key] = _measure(text, lexicon)
    return found


def _measure(text: str, lexicon: Lexicon) -> Features:
    stripped = BULLET.sub("", text.strip(), count=1)
    tokens = words(stripped)
    count = word_count(stripped)
    # The scripts of UNSPACED and every character beyond ASCII that the patterns below look for are not ASCII.
    plain = stripped.isascii()
    unspaced_chars = [] if plain else UNSPACED.findall(stripped)
    unspaced = len(unspaced_chars)
    lower = [t.lower() for t in tokens]
    stop_words = lexicon.stop_words
    content = [(t, low) for t, low in zip(tokens, lower, strict=True) if low not in stop_words]
    cased = [t for t, _ in content if len(t) > 1 and t[0].lower() != t[0].upper() and _starts_with_letter(t)]
    title = sum(1 for t in cased if t[0].isupper()) / len(cased) if cased else None
    interface, phrases = covered(stripped, lexicon.phrases)
    datelike = sum(1 for t, low in content if _datelike(t, low, lexicon))
    link_chars = sum(len(m.group()) for m in LINK.finditer(stripped)) if may_link(stripped) else 0
    visible = len(stripped.replace(" ", "")) or 1
    pieces = stripped.split()
    icons = sum(1 for p in pieces if p in lexicon.icons or ("_" in p and SNAKE.match(p))) / len(pieces) if pieces else 0.0
    opening = stripped[:1]
    return Features(
        words=count,
        long=unspaced > 40 if unspaced * 2 > len(stripped) else count > 12,
        stop=stop_share(tokens, lower, unspaced_chars, lexicon),
        ends_sentence=bool(END.search(stripped)),
        inner_sentence=bool(INNER_END.search(stripped)),
        title=title,
        interface=interface,
        phrases=phrases,
        dates=datelike / len(content) if content else 0.0,
        dateline=bool(content) and datelike >= 0.6 * len(content) and _anchored(stripped, tokens, lexicon),
        digits=any(map(str.isdigit, stripped)),
        links=min(1.0, link_chars / visible),
        glued=bool(GLUED.search(stripped)),
        icons=icons,
        separators=_separators(stripped),
        table=opening in TABLE_OPENINGS and bool(TABLE_ROW.match(stripped)),
        bullet=bool(BULLET.match(text.strip())),
        quoted=not (plain and opening.isalnum()) and bool(QUOTE_START.match(stripped)),
        copyright=(not plain or "©" in stripped or "(" in stripped or "opyright" in stripped.lower()) and bool(COPYRIGHT.search(stripped)),
        slash_credit=")" in stripped and bool(SLASH_CREDIT.search(stripped)),
        reference=opening == "[" and bool(DEFINITION.match(stripped)),
        asset=link_chars >= 0.9 * len(stripped) and bool(ASSET.search(stripped)),
    )


def _separators(text: str) -> int:
    if not any(mark in text for mark in SEPARATOR_MARKS):
        return 0
    found = [m.group(1) for m in SEPARATOR.finditer(text) if not (m.group(1) == "/" and m.group(0) == "/")]
    return max((found.count(mark) for mark in set(found)), default=0)


def _anchored(text: str, tokens: list[str], lexicon: Lexicon) -> bool:
    """Whether a date-like unit names a month or weekday, or holds a clock time or a full numeric date.

    Every token counts here, stop words too: some stop-word lists hold the month names
    (jusText's Portuguese one has ``fevereiro``), and ``27 de Fevereiro de 2012`` names its month.
    """
    return bool(FULL_DATE.search(text)) or (any(t.lower() in lexicon.dates and not t.isdigit() for t in tokens) and any(ch.isdigit() for ch in text))


def _datelike(token: str, low: str, lexicon: Lexicon) -> bool:
    if low in lexicon.dates or low.rstrip(".") in lexicon.dates:
        return True
    # A number, a clock time and an ordinal all open with a digit.
    return token[:1].isdigit() and bool(NUMBER.match(token) or CLOCK.match(token) or ORDINAL.match(token))
