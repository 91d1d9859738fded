"""``scripts``: words that mix alphabets through look-alike letters, repaired to the word's own script.

Source texts and translation tools sometimes leave a Cyrillic "о" inside
"Lavrov" or a Latin "p" inside "Москва". The word looks right but no longer
matches searches, name lists or spell checkers. A word is judged to be in
one script by its letters that have no look-alike in the other (the "L" and
"v" of "Lavrоv"); where every letter has a look-alike, by the letters
around it. Only look-alikes are replaced, so nothing a reader sees changes.

Left alone: whole words in one script ("Лавров" beside "Lavrov"), and words
that mix scripts through letters that are not look-alikes ("iPhoneСмартфон",
"μm"), which are something other than a typing slip.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

import regex

from ..document import Document, lines_at
from ..langid import count_scripts, script_of
from ..model import Edit, Rule
from ..text import word_at
from .base import Context, Kind, Option

TO_LATIN = {
    "Cyrillic": dict(zip("аеорсухіјѕԁԛԝһӏАВЕКМНОРСТХІЈЅУԚԜӀ", "aeopcyxijsdqwhlABEKMHOPCTXIJSYQWl")),
    "Greek": dict(zip("ΑΒΕΖΗΙΚΜΝΟΡΤΥΧοιρν", "ABEZHIKMNOPTYXoipv")),
}
"""Letters of other scripts that look like a Latin letter, by script."""

TO_CYRILLIC = {"Latin": dict(zip("aeopcyxëABEKMHOPCTXË", "аеорсухёАВЕКМНОРСТХЁ"))}
"""Latin letters that look like a Cyrillic letter."""

LOOKALIKES = {"Latin": TO_LATIN, "Cyrillic": TO_CYRILLIC}
"""For each script a word may be in: the scripts whose look-alike letters are repaired, with their mapping."""

MIXED_ANCHOR = regex.compile(r"[\p{Cyrillic}\p{Greek}]")
ROMAN_NUMERAL = regex.compile(r"[IVXLCDM]+")
CONTEXT_CHARS = 300
CONTEXT_MAJORITY = 0.8


def distinctive_scripts(word: str) -> set[str]:
    """Scripts of the letters of ``word`` that have no look-alike in another script.

    >>> sorted(distinctive_scripts("Lavrоv")), sorted(distinctive_scripts("Рoс"))
    (['Latin'], [])
    """
    found: set[str] = set()
    for char in word:
        script = script_of(char)
        if script is None:
            continue
        if script == "Latin" and any(char in table for table in TO_CYRILLIC.values()):
            continue
        if script in TO_LATIN and char in TO_LATIN[script]:
            continue
        found.add(script)
    return found


def script_around(text: str, start: int, end: int) -> str | None:
    """The script most letters near ``text[start:end]`` (but outside it) use, if a clear majority does."""
    window = text[max(0, start - CONTEXT_CHARS) : start] + " " + text[end : end + CONTEXT_CHARS]
    counts = count_scripts(window)
    total = sum(counts.values())
    if not total:
        return None
    script, count = counts.most_common(1)[0]
    return script if count / total >= CONTEXT_MAJORITY else None


def _mixed_words(text: str) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of each word of ``text`` with letters of two scripts or more, line by line: no word holds a line break."""
    for position, line in lines_at(text):
        if not line.isascii():
            for start, end in _line_mixed_words(line):
                yield position + start, position + end


@lru_cache(maxsize=16384)
def _line_mixed_words(line: str) -> tuple[tuple[int, int], ...]:
    """The words of one line with letters of two scripts or more, one of them Cyrillic or Greek, kept by line."""
    found: list[tuple[int, int]] = []
    position = 0
    while (anchor := MIXED_ANCHOR.search(line, position)) is not None:
        start, end = word_at(line, anchor.start())
        position = max(end, anchor.end())
        if len(set(filter(None, map(script_of, line[start:end])))) >= 2:
            found.append((start, end))
    return tuple(found)


def word_script(text: str, start: int, end: int) -> str | None:
    """The script the word ``text[start:end]`` is meant to be in, or ``None`` when that is unclear.

    >>> word_script("Sergey Lavrоv", 7, 13), word_script("Сергей Лавpов", 7, 13)
    ('Latin', 'Cyrillic')
    """
    word = text[start:end]
    distinct = distinctive_scripts(word)
    if len(distinct) == 1:
        return next(iter(distinct))
    if distinct:
        return None
    latin = "".join(TO_LATIN.get(script_of(c) or "", {}).get(c, c) for c in word)
    if ROMAN_NUMERAL.fullmatch(latin):
        return "Latin"
    return script_around(text, start, end)


def repair_word(word: str, script: str) -> tuple[str, list[tuple[str, str]]] | None:
    """``word`` with its look-alike letters replaced by those of ``script``, and the letters replaced.

    ``None`` when a letter of another script has no look-alike in ``script``.

    >>> repair_word("Lavrоv", "Latin")
    ('Lavrov', [('о', 'Cyrillic')])
    """
    tables = LOOKALIKES[script]
    out: list[str] = []
    replaced: list[tuple[str, str]] = []
    for char in word:
        own = script_of(char)
        if own is None or own == script:
            out.append(char)
            continue
        table = tables.get(own)
        if table is None or char not in table:
            return None
        out.append(table[char])
        replaced.append((char, own))
    return "".join(out), replaced


class Scripts(Kind):
    """Repair words of one script that carry look-alike letters of another."""

    name = "scripts"
    summary = "look-alike letters of another script inside a word"
    options = {
        "word-script": Option(
            "str",
            "The script of the words repaired: Latin words lose Cyrillic and Greek look-alikes, Cyrillic words lose Latin ones.",
            required=True,
            choices=("latin", "cyrillic"),
        ),
    }
    fields = {
        "script": "The script the look-alike letters come from",
        "letters": "The look-alike letters with their code points",
    }

    def __init__(self, rule: Rule) -> None:
        super().__init__(rule)
        self.script = str(self.option("word-script")).capitalize()

    def find(self, doc: Document, ctx: Context) -> Iterator[Edit]:
        text = doc.text
        if text.isascii():
            return
        for start, end in _mixed_words(text):
            word = text[start:end]
            if self.script not in set(filter(None, map(script_of, word))):
                continue
            if word_script(text, start, end) != self.script:
                continue
            repaired = repair_word(word, self.script)
            if repaired is None:
                continue
            fixed, replaced = repaired
            origins = sorted({script for _, script in replaced})
            letters = ", ".join(dict.fromkeys(f"'{char}' (U+{ord(char):04X})" for char, _ in replaced))
            yield self.edit(start, end, fixed, match=word, fields={"script": " and ".join(origins), "letters": letters})
