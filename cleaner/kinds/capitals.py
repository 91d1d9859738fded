"""``capitals``: a capitalised common word in mid-sentence, left by a hyperlink's anchor text.

Pages that capitalise link text, and translators that treat a link as a new
sentence, leave ``along with The recently reached`` or ``but No concrete
result yet``. Two modes:

``function-word`` (safe): a determiner or similar small word (``The``,
``No``, ``A``, ``This``, ``Their``) is lowercased when the word before it is
one a determiner follows inside a sentence (a preposition, conjunction,
auxiliary or past-tense verb: ``with``, ``but``, ``has``, ``achieved``,
``won``) and the word after it is lowercase. A noun before it (``media The
administration``) may hide a lost sentence break, and a reporting verb
(``said The``) a lost quotation mark, so those are left alone; after a
passive participle (``was postponed The``), which may end a sentence, too. ``A`` before a plural (``A shares``) is a label.

``modifier`` (unsafe): a word such as ``Former`` or ``Late`` before a name
or title (``deal Former US Marine``, ``of Former Health Ministry
officials``) is lowercased when the word before it is lowercase and is
neither a determiner, a verb in ``-ed``/``-ing``, nor a word after which a
title or a quotation may start (``said Former President``).

Left alone: sentence starts (after punctuation, a colon, a quote, a bullet
or a line start), proper nouns and names of institutions (``Foreign
Ministry``), titles before names (``President Joe Biden``), titles of works
and names that begin with a function word (``The Hague``, ``The New York
Times``), ``No. 10``, ``from A to Z``.

>>> from cleaner.kinds.capitals import lower_stray_capitals
>>> lower_stray_capitals("along with The recently reached deal, but No concrete result yet")
'along with the recently reached deal, but no concrete result yet'
>>> lower_stray_capitals("officials in The Hague and media The administration said")
'officials in The Hague and media The administration said'
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import regex

from ..document import Document
from ..model import Edit, Rule, apply_edits
from ..text import word_list, word_spans, words
from .base import Context, Kind, Option, OptionError

CANDIDATE = regex.compile(r"(?<=(?:^|[^\p{L}\p{N}])(?P<before>\p{Ll}+) )(?P<word>\p{Lu}\p{Ll}*)(?= (?P<next>\S+))")

FUNCTION_WORDS = sorted(word_list("determiners"))
"""Words lowercased in ``function-word`` mode (``determiners.txt``).

``You`` and ``Your`` are left out: licences and contracts capitalise them as defined terms.
"""

MODIFIERS = sorted(word_list("modifiers"))
"""Words lowercased in ``modifier`` mode: they describe a person named after them (``modifiers.txt``)."""

DETERMINER_FOLLOWS = word_list("determiner-follows")
"""Lowercase words that a determiner may follow inside a sentence: prepositions, conjunctions, auxiliaries."""

IRREGULAR_VERBS = word_list("irregular-past")
"""Past forms without ``-ed`` after which a determiner opens the verb's object (``won An important medal``)."""

REPORTING_VERBS = word_list("reporting-verbs")
"""Verbs after which a capital may open a quotation whose quotes were lost, so it is left alone."""

NOT_AFTER_LETTER = frozenset("vs versus minus plus".split())
"""Words after which ``A`` is a letter or label (``A minus B``), not an article.

Prepositions, conjunctions and auxiliaries after the word do the same (``from A to Z``,
``items in A after``, ``This is``), since a determiner is followed by its noun phrase.
"""

TITLE_FOLLOWS = word_list("title-follows")
"""Words after which a capitalised modifier may be part of a title or a name, or open a quotation."""

PASSIVE_AUXILIARIES = word_list("passive-auxiliaries")
"""Before a participle, these make it passive, and a passive often ends its sentence (``was postponed The``)."""

SINGULAR_S = ("ss", "us", "is", "news", "series", "species")
"""Endings of singular words in ``-s``; any other word in ``-s`` after ``A`` is a plural (``A shares``)."""

EARLIER_WORD_REACH = 40
MODES = ("function-word", "modifier")


def lowercase_word(token: str) -> bool:
    """Whether ``token`` is one word that starts with a small letter (``talks``, ``don’t``, ``well-known``)."""
    return token[:1].islower() and words(token) == [token]


def earlier_word(text: str, end: int) -> str | None:
    """The word that ends ``text[:end]`` but for spaces, if one does within reach."""
    window_start = max(0, end - EARLIER_WORD_REACH)
    spans = word_spans(text[window_start:end])
    if not spans or text[window_start + spans[-1][1] : end].strip(" \t"):
        return None
    start, stop = spans[-1]
    return text[window_start + start : window_start + stop]


def takes_determiner(word: str) -> bool:
    """Whether a determiner after ``word`` sits inside a sentence: after a preposition, conjunction or verb.

    A noun before it (``media The administration``) may hide a lost full stop.
    """
    if word in DETERMINER_FOLLOWS or word in IRREGULAR_VERBS:
        return True
    return len(word) >= 5 and word.endswith("ed") and not word.endswith("eed") and word not in REPORTING_VERBS


def lower_stray_capitals(text: str) -> str:
    """``text`` with the function-word capitals lowercased (for doctests)."""
    finder = CapitalsFinder("function-word", FUNCTION_WORDS)
    return apply_edits(text, [Edit(s, e, r, "capitals", m) for s, e, r, m in finder.find(text)])


class CapitalsFinder:
    """The matching logic for one mode, apart from rule plumbing: yields ``(start, end, replacement, context)``."""

    def __init__(self, mode: str, words: Iterable[str]) -> None:
        if mode not in MODES:
            raise OptionError(f"mode must be one of {', '.join(repr(m) for m in MODES)} (not {mode!r})")
        self.mode = mode
        self.words = frozenset(w.strip().capitalize() for w in words if w.strip())

    def find(self, text: str) -> Iterator[tuple[int, int, str, str]]:
        for match in CANDIDATE.finditer(text):
            word = match.group("word")
            if word not in self.words:
                continue
            before = match.group("before")
            following = match.group("next")
            if self.mode == "function-word":
                bare = following.rstrip(',;:.!?”’")')
                if not takes_determiner(before) or not lowercase_word(bare):
                    continue
                if bare in DETERMINER_FOLLOWS or bare in NOT_AFTER_LETTER or bare in ("when", "where", "above", "below"):
                    continue
                if word == "A" and bare.endswith("s") and not bare.endswith(SINGULAR_S):
                    continue
                if before not in DETERMINER_FOLLOWS:
                    earlier = earlier_word(text, match.start("before"))
                    if earlier is not None and earlier.casefold() in PASSIVE_AUXILIARIES:
                        continue
            else:
                if before in TITLE_FOLLOWS or before in REPORTING_VERBS or before.capitalize() in FUNCTION_WORDS or before.endswith(("ed", "ing", "ly")):
                    continue
                if not following[:1].isupper():
                    continue
            yield match.start("word"), match.end("word"), word.lower(), f"{before} {word}"


class Capitals(Kind):
    """Lowercase a capitalised common word left in mid-sentence by link text."""

    name = "capitals"
    scope = "line"
    summary = "lowercase stray capitals from merged link text"
    options = {
        "mode": Option("str", "function-word: determiners before a lowercase word; modifier: words like Former before a name.", required=True, choices=MODES),
        "words": Option("str-list", "The capitalised words this rule lowercases (default: the mode's built-in list)."),
    }

    def __init__(self, rule: Rule) -> None:
        super().__init__(rule)
        mode = self.option("mode")
        words = self.option("words")
        if words is None:
            words = FUNCTION_WORDS if mode == "function-word" else MODIFIERS
        self.finder = CapitalsFinder(mode, words)

    def find(self, doc: Document, ctx: Context) -> Iterator[Edit]:
        text = doc.text
        for start, end, replacement, context in self.finder.find(text):
            yield self.edit(start, end, replacement, match=context)
