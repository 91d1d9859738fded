"""``missing-space``: a sentence that starts right after the previous one's full stop, with no space.

Scrapers that drop a line break between two paragraphs, or a translator
that loses a space, leave ``terrorism.Kerry said`` or ``four.”And then``.
A space is inserted after the punctuation (and any closing quotes) when a
word of at least two letters, ending in a small letter, is followed by
``.``, ``!`` or ``?`` and then a common sentence opener (``mAh.It``,
``in 2021.The``; after a capitalised word only the commonest, as in
``Moscow.The``), or then a capitalised word that reads as a sentence start
(see :func:`self_evident`: ``terrorism.Kerry said``); and after any word
before an opening quotation mark (``Node.js.“We``).

Left alone: abbreviations and initials (``U.S.``, ``J.R.R. Tolkien``,
``e.g.``, ``Ph.D.``), numbers and times (``3.5``, ``10.30am``), anything in
a token holding a URL, an e-mail address or a path, domain and file names
(``example.com``, ``Booking.Com``, ``Report.Pdf``), code (``Node.js``,
``.NET``, ``System.Console.WriteLine``, ``Math.Floor(x)``).

>>> from cleaner.kinds.missing_space import add_missing_spaces
>>> add_missing_spaces("He condemned terrorism.Kerry said the figure was four.”And then")
'He condemned terrorism. Kerry said the figure was four.” And then'
>>> add_missing_spaces("Visit example.com, or see U.S. data: 3.5 at 10.30am, in Node.js.")
'Visit example.com, or see U.S. data: 3.5 at 10.30am, in Node.js.'
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from ..document import Document
from ..model import Edit, apply_edits
from ..text import token_at, word_list
from .base import Context, Kind
from .glued import OPENERS, zipf

RUN_ON = regex.compile(r"(?P<left>\p{L}*\p{Ll}|\p{N}{2,})[.!?](?P<close>[”’)»]*)(?P<right>[“‘]?(?:\p{Lu}\p{Ll}+|[AI](?=[ \t]\p{L})))(?P<after>\S{0,2})")
CANDIDATE = regex.compile(r"[\p{Ll}\p{N}][.!?][”’)»]*[“‘]?\p{Lu}")
"""What every match of ``RUN_ON`` holds: a cheap search that lets most texts skip the costly one."""
NOT_PROSE = regex.compile(r"://|www\.|@|/|\\|_|=|#|\.\p{L}+\.\p{L}", regex.IGNORECASE)
DOMAIN_OR_FILE = word_list("file-and-domain-suffixes")
"""Words after a dot that make a domain or file name, not a new sentence."""

OPENING = "“\"‘'([{«—–"
SENTENCE_OPENERS = OPENERS | word_list("sentence-openers")
"""Words after a full stop that open a sentence whatever the word before (``2021.The``, ``mAh.It``)."""
NEXT_WORD = regex.compile(r" \p{Ll}")
MIN_WORDS_BEFORE = 2
MIN_LEFT_ZIPF = 3.0


def add_missing_spaces(text: str) -> str:
    """``text`` with every missing space after sentence punctuation put back (for doctests)."""
    return apply_edits(text, [Edit(s, s, " ", "missing-space", m) for s, m in find_missing_spaces(text)])


def self_evident(text: str, match: regex.Match[str], left: str) -> bool:
    """Whether a capitalised word that is no common opener (``Kerry``) still starts a sentence.

    The word before the stop must be a common lowercase word ending a line of prose (three or more
    words before it), and the capitalised word must be followed by a lowercase one; a module and its
    class (``requests.Timeout``, ``File.Save``) rarely are all three.
    """
    if not left[0].islower() or zipf(left) < MIN_LEFT_ZIPF:
        return False
    if not NEXT_WORD.match(text, match.end("right")):
        return False
    line_start = text.rfind("\n", 0, match.start("left")) + 1
    return len(text[line_start : match.start("left")].split()) >= MIN_WORDS_BEFORE


def candidate_lines(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each line that holds a :data:`CANDIDATE`: only there can ``RUN_ON`` match, since its matches hold no white space."""
    lines: list[tuple[int, int]] = []
    for found in CANDIDATE.finditer(text):
        if lines and found.start() < lines[-1][1]:
            continue
        end = text.find("\n", found.end())
        lines.append((text.rfind("\n", 0, found.start()) + 1, len(text) if end == -1 else end))
    return lines


def find_missing_spaces(text: str) -> Iterator[tuple[int, str]]:
    """Offsets where a space is missing after sentence punctuation, with a message for each."""
    for match in (found for start, end in candidate_lines(text) for found in RUN_ON.finditer(text, start, end)):
        left_start = match.start("left")
        left = match.group("left")
        quoted = match.group("right")[0] in "“‘"
        right = match.group("right").lstrip("“‘")
        starts_token = left_start == 0 or text[left_start - 1].isspace() or text[left_start - 1] in OPENING
        if not quoted and (not starts_token or len(left) < 2 or right.casefold() in DOMAIN_OR_FILE):
            continue
        openers = OPENERS if left[0].isupper() else SENTENCE_OPENERS
        if not quoted and right.casefold() not in openers and not self_evident(text, match, left):
            continue
        after = match.group("after")
        if after[:1].isalnum() or (after and after[0] in "(@/_[<") or (after[:1] == "." and after[1:2].isalnum()):
            continue
        token = token_at(text, match.start(), match.end())
        if NOT_PROSE.search(token):
            continue
        position = match.start("right")
        shown = text[left_start : match.end("right")]
        yield position, shown


class MissingSpace(Kind):
    """Put back the space lost after a sentence's final punctuation (``terrorism.Kerry``)."""

    name = "missing-space"
    scope = "line"
    summary = "insert the space lost after sentence punctuation"
    options = {}

    def find(self, doc: Document, ctx: Context) -> Iterator[Edit]:
        for position, shown in find_missing_spaces(doc.text):
            yield self.edit(position, position, " ", match=shown)
