"""Finding name mentions, and telling which of them are people.

No NLP model. A mention is a run of capitalised words joined by single
spaces, with particles inside (``bin``, ``al``, ``de``, ``van``, ``von der``,
...), hyphenated and apostrophised words (``al-Assad``, ``Jong-un``,
``O'Brien``), initials (``George W. Bush``) and regnal numbers
(``Abdullah II``). Titles, nationality adjectives and sentence-starting words
before the name are dropped ("Russian Foreign Minister Sergei Lavrov"); the
possessive ``’s`` stays outside; words in capitals are never names.

A mention is a *person* mention, measurably, when one of these holds:

- a title or honorific stands right before it (``titles.txt``: "President",
  "Dr.", "spokeswoman", "player");
- a reporting verb follows it (``reporting-verbs.txt``: "said", "told");
- its first word is a first name of ``first-names.txt`` (Faker's per-locale
  lists) and it has a second capitalised word;

and it does not end in a word that names a place or an organisation
(``organisation-words.txt``: "Square", "Court", "Agency", "Group").
A gazetteer entry makes a mention a person too; that test is the matcher's.

>>> [(m.text, m.person) for m in find_mentions("Russian Foreign Minister Sergei Lavrov met Griner’s lawyer in Tahrir Square.")]
[('Sergei Lavrov', True), ('Griner', False), ('Tahrir Square', False)]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache, lru_cache

import regex

from ...document import PARAGRAPH_BREAK
from ...text import word_list
from .keys import ROMAN, key_words

PARTICLE_WORDS = "bin|bint|ibn|ben|al|el|ul|de|da|di|du|dos|das|del|della|van|von|der|den|ter|ten|le|la|y|ould|zu"
LEADING_PARTICLES = "von|van|de|da|di|du|del|della|dos|le|la|al|el|bin|ibn|ter|ten"
ABBREVIATIONS = "Dr|Mr|Mrs|Ms|Jr|Sr|St|Gen|Col|Lt|Sgt|Capt|Sen|Rep|Gov|Prof|Adm|Maj|Rev|Hon|Mme|Mlle|Cpl|Pvt|Cmdr|Brig|Amb"
WORD = (
    r"(?:(?:al|el|ad|an|ar|as|ash|at|az|ul|ud|ed|bin|ibn|abu|d|l)['’-])?"
    r"\p{Lu}\p{M}*(?:\p{Ll}|['’]\p{Lu})[\p{L}\p{M}]*"
    r"(?:-[\p{L}\p{M}]+|['’](?![sS](?![\p{L}]))[\p{L}\p{M}]+)*"
)
TOKEN = rf"(?:(?:{ABBREVIATIONS})\.|(?:\p{{Lu}}\.?){{1,3}}(?=[ \u00a0]\p{{Lu}})|{WORD})"
LATER_TOKEN = rf"(?:{TOKEN}|(?:I{{1,3}}|IV|VI{{0,3}}|IX|XI{{0,3}})(?![\p{{L}}\p{{N}}]))"
SPACE = r"[ \u00a0]"
RUN = regex.compile(
    rf"(?<![\p{{L}}\p{{M}}\p{{N}}'’\-.]){TOKEN}"
    rf"(?:{SPACE}(?:(?:{PARTICLE_WORDS}){SPACE})*{LATER_TOKEN})*(?![\p{{L}}\p{{M}}\p{{N}}])"
)
PIECE = regex.compile(rf"{LATER_TOKEN}|(?<![\p{{L}}])(?:{PARTICLE_WORDS})(?![\p{{L}}])")
LEADING = regex.compile(rf"(?<![\p{{L}}\p{{M}}\p{{N}}'’\-.])(?:{LEADING_PARTICLES}){SPACE}(?:(?:der|den|la|le){SPACE})?$")
BEFORE = regex.compile(r"(?r)([\p{L}.-]+),?[ \u00a0]+$")
"""The word before a mention, searched from the mention backwards (``(?r)``): the same match as a forward search, found without trying every position of the window."""
AFTER = regex.compile(r"^(?:['’]s)?,?[ \u00a0]+([\p{L}]+)")
PARTICLES = frozenset(PARTICLE_WORDS.split("|")) | {"Al", "El"}
PREPOSITIONS = frozenset({"of", "in", "at", "from", "for", "on", "to", "near"})
"""After one of these, a reporting verb belongs to the phrase's head ("the Bank of New York said"), not to the name."""
OPENING_QUOTES = {"“": "”", "«": "»", "„": "“", '"': '"'}
QUOTE_OR_BREAK = regex.compile("[\n" + regex.escape("".join(sorted({*OPENING_QUOTES, *OPENING_QUOTES.values()}))) + "]")
"""The characters :func:`quoted_spans` acts on: every other character it passes over."""


@cache
def titles() -> frozenset[str]:
    """Titles and honorifics (``titles.txt``), lower case without a full stop."""
    return word_list("titles")


@cache
def openers() -> frozenset[str]:
    """Every word dropped from the front of a run: titles, nationality adjectives, sentence openers."""
    return titles() | word_list("name-openers")


@dataclass(frozen=True)
class Mention:
    """A name as written: its span and words (particles included), titles left out, with the cues around it."""

    start: int
    end: int
    text: str
    words: tuple[str, ...]
    capitals: int
    keys: tuple[str, ...]
    titled: bool = False
    """A title or honorific stands right before the name."""
    reported: bool = False
    """A reporting verb ("said") follows the name."""
    quoted: bool = False
    """The name stands inside a quotation."""

    @property
    def key(self) -> str:
        return "".join(self.keys)

    @property
    def initials(self) -> int:
        return sum(1 for w in self.words if len(w) <= 3 and w.endswith(".") and w[:1].isupper() and w[:-1] not in ("Jr", "Sr"))

    @property
    def bare(self) -> bool:
        """One capitalised word, maybe with particles, and no initial: a surname standing alone."""
        return self.capitals == 1 and not self.initials

    @property
    def person(self) -> bool:
        """Whether the mention is a person's by the cues around it or by a first name (see the module's docstring)."""
        if self.words[-1].casefold() in word_list("organisation-words"):
            return False
        if self.titled or self.reported:
            return True
        return self.capitals + self.initials >= 2 and self.words[0] in word_list("first-names")


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Spans of ``text`` inside quotation marks (“…”, «…», „…“, "…"), paragraph by paragraph.

    >>> text = 'He said “Zelensky will do it” and left.'
    >>> [text[s:e] for s, e in quoted_spans(text)]
    ['Zelensky will do it']
    """
    spans: list[tuple[int, int]] = []
    closing = ""
    opened = 0
    for found in QUOTE_OR_BREAK.finditer(text):
        index, char = found.start(), found.group()
        if char == "\n" and index + 1 < len(text) and text[index + 1] in "\n\r":
            closing = ""
        elif closing and char == closing:
            spans.append((opened, index))
            closing = ""
        elif not closing and char in OPENING_QUOTES:
            closing, opened = OPENING_QUOTES[char], index + 1
    return spans


def find_mentions(text: str) -> list[Mention]:
    """Name mentions of ``text``: runs of capitalised words with particles, titles stripped, with their cues.

    Found paragraph by paragraph (a name never spans a blank line), each
    paragraph once however often a document is looked at again.

    >>> [m.text for m in find_mentions("Russian Foreign Minister Sergei Lavrov met Griner’s lawyer and al-Sisi.")]
    ['Sergei Lavrov', 'Griner', 'al-Sisi']
    >>> [(m.start, m.text) for m in find_mentions("Lavrov spoke.\\n\\nPrice said Blinken agreed.")]
    [(0, 'Lavrov'), (15, 'Price'), (26, 'Blinken')]
    """
    found: list[Mention] = []
    start = 0
    for gap in PARAGRAPH_BREAK.finditer(text):
        found += _shifted(_paragraph_mentions(text[start : gap.start()]), start)
        start = gap.end()
    found += _shifted(_paragraph_mentions(text[start:]), start)
    return found


def _shifted(mentions: tuple[Mention, ...], offset: int) -> list[Mention]:
    return [replace(m, start=m.start + offset, end=m.end + offset) for m in mentions] if offset else list(mentions)


@lru_cache(maxsize=32768)
def _paragraph_mentions(text: str) -> tuple[Mention, ...]:
    found: list[Mention] = []
    quotes = quoted_spans(text)
    for run in RUN.finditer(text):
        start = run.start()
        word = run.group(0)
        if " " not in word and "\u00a0" not in word and not (start and text[start - 1] == " " and text[start - 2 : start - 1].islower()):
            if word.casefold().rstrip(".") not in openers() and not word.endswith("."):
                found.append(_mention(text, start, run.end(), (word,), 1, False, quotes))
            continue
        lead = LEADING.search(text, max(0, start - 12), start)
        if lead is not None:
            start = lead.start()
        pieces = [(m.start() + start, m.end() + start, m.group(0)) for m in PIECE.finditer(text[start : run.end()])]
        pieces, titled = strip_titles(pieces)
        while pieces and (pieces[-1][2] in PARTICLES or (pieces[-1][2].endswith(".") and len(pieces[-1][2]) > 2 and pieces[-1][2][:-1] not in ("Jr", "Sr"))):
            pieces.pop()
        if not pieces:
            continue
        words = tuple(p[2] for p in pieces)
        capitals = sum(1 for w in words if w not in PARTICLES and not (len(w) == 2 and w.endswith(".")) and not ROMAN.match(w))
        if capitals == 0:
            continue
        found.append(_mention(text, pieces[0][0], pieces[-1][1], words, capitals, titled, quotes))
    return tuple(found)


def _mention(text: str, start: int, end: int, words: tuple[str, ...], capitals: int, titled: bool, quotes: Sequence[tuple[int, int]]) -> Mention:
    before = BEFORE.search(text, max(0, start - 40), start)
    after = AFTER.match(text[end : end + 40])
    titled = titled or (before is not None and before.group(1).casefold().rstrip(".") in titles())
    governed = before is not None and before.group(1) in PREPOSITIONS
    reported = after is not None and after.group(1) in word_list("reporting-verbs") and not governed
    from bisect import bisect_right

    last = bisect_right(quotes, (start, len(text))) - 1  # the quotation opened last before the mention: they never overlap
    quoted = last >= 0 and end <= quotes[last][1]
    return Mention(start, end, text[start:end], words, capitals, key_words(words), titled, reported, quoted)


def strip_titles(pieces: list[tuple[int, int, str]]) -> tuple[list[tuple[int, int, str]], bool]:
    """Drop titles, demonyms and sentence-starting words before a name ("Russian Foreign Minister"), and say whether a title was among them."""
    last = -1
    for index, (_s, _e, word) in enumerate(pieces[:-1]):
        if word.casefold().rstrip(".") in openers() and any(p[2] not in PARTICLES for p in pieces[index + 1 :]):
            last = index
    titled = any(word.casefold().rstrip(".") in titles() for _s, _e, word in pieces[: last + 1])
    return pieces[last + 1 :], titled
