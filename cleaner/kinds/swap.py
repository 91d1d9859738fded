"""``swap``: whole words or phrases replaced from a list, keeping the case of the original."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from ..document import Document
from ..model import Edit, Rule
from .base import UNLESS, Context, Exceptions, Option, OptionError, PatternKind


def match_case(word: str, like: str) -> str:
    """Give ``word`` the capitalisation pattern of ``like``.

    >>> match_case("organise", "ORGANIZE"), match_case("organise", "Organize")
    ('ORGANISE', 'Organise')
    """
    if like.isupper() and len(like) > 1:
        return word.upper()
    if like[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


class Swap(PatternKind):
    """Replace listed words or phrases, as whole words, preserving case."""

    name = "swap"
    summary = "word list to replacements"
    options = {
        "words": Option("str-map", "Mapping of word or phrase to its replacement.", required=True),
        "ignore-case": Option("bool", "Match regardless of case (the replacement follows the match's case).", default=True),
        "unless": UNLESS,
    }
    fields = {
        "replacement": "The text that replaces the match",
    }

    def __init__(self, rule: Rule) -> None:
        super().__init__(rule)
        words: dict[str, str] = self.option("words")
        if not words:
            raise OptionError("words must list at least one word")
        self.ignore_case = bool(self.option("ignore-case"))
        self.table = {(k.casefold() if self.ignore_case else k): v for k, v in words.items()}
        alternatives = "|".join(regex.escape(k) for k in sorted(words, key=len, reverse=True))
        flags = regex.IGNORECASE if self.ignore_case else 0
        self.pattern = regex.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", flags)
        self.exceptions = Exceptions(self.option("unless"))

    def find(self, doc: Document, ctx: Context) -> Iterator[Edit]:
        if self.skips(doc):
            return
        exceptions = self.exceptions.spans(doc.text, ctx)
        for match in self.pattern.finditer(doc.text):
            if exceptions and self.exceptions.covers(exceptions, *match.span()):
                continue
            found = match.group(0)
            target = self.table[found.casefold() if self.ignore_case else found]
            replacement = match_case(target, found) if self.ignore_case else target
            if replacement != found:
                yield self.edit(match.start(), match.end(), replacement, match=found, fields={"replacement": replacement})
