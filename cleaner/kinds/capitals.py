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
from .base import Context, Kind, Option, OptionError

CANDIDATE = regex.compile(r"(?<=(?:^|[^\p{L}\p{N}])(?P<before>\p{Ll}+) )(?P<word>\p{Lu}\p{Ll}*)(?= (?P<next>\S+))")
LOWER_WORD = regex.compile(r"\p{Ll}[\p{Ll}’'-]*")
NAME_START = regex.compile(r"\p{Lu}[\p{L}\p{N}.’'-]*")

FUNCTION_WORDS = "The No A An This That These Those Its Their Our His Her Some Any Every Each Another".split()
"""Words lowercased in ``function-word`` mode.

``You`` and ``Your`` are left out: licences and contracts capitalise them as defined terms.
"""

MODIFIERS = "Former Late Fellow Retired Veteran Jailed Detained Imprisoned Convicted Slain Ousted Exiled Deposed Disgraced Embattled Outgoing Longtime".split()
"""Words lowercased in ``modifier`` mode: they describe a person named after them."""

DETERMINER_FOLLOWS = frozenset(
    """about above across after against along amid amidst among around as at before behind below beneath beside
    besides between beyond by despite during for from in inside into like near of off on onto outside over past per
    since through throughout to toward towards under underneath unlike until upon via with within without
    and but or nor yet so because although though while whereas if unless that than whether whereby
    is are was were be been being has have had will would can could should shall may might must do does did""".split()
)
"""Lowercase words that a determiner may follow inside a sentence."""

IRREGULAR_VERBS = frozenset(
    """won made took gave given got found held lost paid saw seen sent brought built bought chose
    kept led ran sold spent struck taken began begun became faced sought""".split()
)
"""Past forms without ``-ed`` after which a determiner opens the verb's object (``won An important medal``)."""

REPORTING_VERBS = frozenset(
    """said told asked added wrote stated noted declared stressed explained replied answered continued
    commented tweeted posted warned emphasized emphasised insisted argued claimed concluded remarked""".split()
)
"""Verbs after which a capital may open a quotation whose quotes were lost, so it is left alone."""

NOT_AFTER_LETTER = frozenset("vs versus minus plus".split())
"""Words after which ``A`` is a letter or label (``A minus B``), not an article.

Prepositions, conjunctions and auxiliaries after the word do the same (``from A to Z``,
``items in A after``, ``This is``), since a determiner is followed by its noun phrase.
"""

TITLE_FOLLOWS = frozenset(
    """said says told tells asked urged called named like as and or but that than whether while when where
    who whom whose which former late then""".split()
)
"""Words after which a capitalised modifier may be part of a title or a name, or open a quotation."""

PASSIVE_AUXILIARIES = frozenset("is are was were be been being get gets got become became".split())
"""Before a participle, these make it passive, and a passive often ends its sentence (``was postponed The``)."""

SINGULAR_S = ("ss", "us", "is", "news", "series", "species")
"""Endings of singular words in ``-s``; any other word in ``-s`` after ``A`` is a plural (``A shares``)."""

EARLIER_WORD = regex.compile(r"(\p{L}+)[ \t]+$")
MODES = ("function-word", "modifier")


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
                if not takes_determiner(before) or not LOWER_WORD.fullmatch(bare):
                    continue
                if bare in DETERMINER_FOLLOWS or bare in NOT_AFTER_LETTER or bare in ("when", "where", "above", "below"):
                    continue
                if word == "A" and bare.endswith("s") and not bare.endswith(SINGULAR_S):
                    continue
                if before not in DETERMINER_FOLLOWS:
                    earlier = EARLIER_WORD.search(text, max(0, match.start("before") - 40), match.start("before"))
                    if earlier is not None and earlier.group(1).casefold() in PASSIVE_AUXILIARIES:
                        continue
            else:
                if before in TITLE_FOLLOWS or before in REPORTING_VERBS or before.capitalize() in FUNCTION_WORDS or before.endswith(("ed", "ing", "ly")):
                    continue
                if not NAME_START.match(following):
                    continue
            yield match.start("word"), match.end("word"), word.lower(), f"{before} {word}"


class Capitals(Kind):
    """Lowercase a capitalised common word left in mid-sentence by link text."""

    name = "capitals"
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
