"""``foreign-word``: one word left in the source language's script inside a translated sentence.

A translator that skips a word leaves it in its own script: "officials
said... Также the talks would go on", where "Также" is Russian for "also".
The word is removed, with one space next to it.

Only a single word of a listed language's script (Cyrillic, for Russian and
Ukrainian) between two Latin-script words counts, in a document written in
the Latin script, in a sentence of at least ``min-words`` Latin-script words
and no other word of that script. The removal is safe only for a sentence
adverb or particle (``discourse-words-ru.txt``, ``discourse-words-uk.txt``:
"также" also, "однако" however, "уже" already), which no translation keeps on
purpose and without which the sentence stays whole. Any other lowercase word
(a conjunction such as "и", a content word) or a capitalised function word
is reported for removal as an unsafe edit: the sentence needs its meaning.
Left alone:
capitalised words that are no function word (a name: "the newspaper
Известия"), words in quotation marks, parentheses or brackets ("Lavrov
(Лавров)"), and words named as words ("the Russian word дача").

>>> from cleaner.kinds.foreign_word import remove_foreign_words
>>> remove_foreign_words("Officials said... Также the talks would resume in Geneva next week.")
'Officials said... the talks would resume in Geneva next week.'
>>> remove_foreign_words("He read the newspaper Известия on the train to Moscow every day.")
'He read the newspaper Известия on the train to Moscow every day.'
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import regex

from ..document import Document, lines_at
from ..langid import detect_language, language_name, script_of, scripts_of_language
from ..model import Edit, Rule, apply_edits
from ..text import sentence_spans, word_list, word_spans
from .base import Context, Kind, Option, OptionError
from .language import PARENTHESIS, quoted_spans

SCRIPTS = {"ru": "Cyrillic", "uk": "Cyrillic"}
"""The languages whose stray words are looked for, with their script; each has ``function-words-LANG.txt`` and ``discourse-words-LANG.txt``."""

BETWEEN_BEFORE = regex.compile(r"[\s.…,;:—–-]*")
BETWEEN_AFTER = regex.compile(r"[ \t]+|,[ \t]+")
SENTENCE_STOP = regex.compile(r"[.!?][\"”’)]*\s*$")
MENTION = regex.compile(r"\b(?:word|words|term|called|named|known as|means|meaning|reads|spelled|spelt|written)[\s,:]*$", regex.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Stray:
    """A stray word: the span to remove, its replacement, the word, its language and whether removing it is safe."""

    start: int
    end: int
    replacement: str
    word: str
    language: str
    safe: bool


def remove_foreign_words(text: str, languages: Sequence[str] = ("ru", "uk"), min_words: int = 5) -> str:
    """``text`` without its stray words, safe and unsafe alike (for doctests)."""
    return apply_edits(text, [Edit(s.start, s.end, s.replacement, "foreign-word", s.word) for s in find_strays(text, languages, min_words)])


def find_strays(text: str, languages: Sequence[str], min_words: int) -> Iterator[Stray]:
    """Every stray word of ``languages``' scripts in ``text``, a Latin-script text."""
    from bisect import bisect_left, bisect_right

    scripts = {SCRIPTS[language] for language in languages}
    script_char = regex.compile("|".join(rf"\p{{{script}}}" for script in sorted(scripts)))
    if text.isascii() or not script_char.search(text):
        return
    listed = {language: (word_list(f"discourse-words-{language}"), word_list(f"function-words-{language}")) for language in languages}
    sheltered = [*quoted_spans(text), *(m.span() for m in PARENTHESIS.finditer(text))]
    for position, line in lines_at(text):
        if not script_char.search(line):
            # A stray is a word of one of the scripts: a line without a letter of theirs has none.
            continue
        spans = [(position + s, position + e) for s, e in word_spans(line)]
        kinds = [_script(text[s:e]) for s, e in spans]
        starts, ends = [s for s, _ in spans], [e for _, e in spans]
        for start, end in sentence_spans(line):
            inside = range(bisect_left(starts, position + start), bisect_right(ends, position + end))
            foreign = [i for i in inside if kinds[i] != "Latin"]
            if len(foreign) != 1 or sum(kinds[i] == "Latin" for i in inside) < min_words:
                continue
            index = foreign[0]
            if kinds[index] not in scripts or not 0 < index < len(spans) - 1 or kinds[index - 1] != "Latin" or kinds[index + 1] != "Latin":
                continue
            stray = _judge(text, spans, index, listed, sheltered)
            if stray is not None:
                yield stray


def _script(word: str) -> str | None:
    """The one script of a word's letters, ``None`` when they mix scripts or there are none."""
    found = {script_of(char) for char in word} - {None}
    return found.pop() if len(found) == 1 else None


def _judge(
    text: str, spans: list[tuple[int, int]], index: int, listed: dict[str, tuple[frozenset[str], frozenset[str]]], sheltered: list[tuple[int, int]]
) -> Stray | None:
    (_, before_end), (start, end), (after_start, after_end) = spans[index - 1], spans[index], spans[index + 1]
    gap_before, gap_after = text[before_end:start], text[end:after_start]
    if BETWEEN_BEFORE.fullmatch(gap_before) is None or BETWEEN_AFTER.fullmatch(gap_after) is None or "\n" in gap_before + gap_after:
        return None
    if any(s <= start and end <= e for s, e in sheltered) or MENTION.search(text, max(0, start - 30), start):
        return None
    word = text[start:end]
    folded = word.casefold()
    discourse = next((code for code, (adverbs, _) in listed.items() if folded in adverbs), None)
    function = next((code for code, (_, common) in listed.items() if folded in common), None)
    if discourse is None and function is None and not word[:1].islower():
        return None
    language = discourse or function or next(iter(listed))
    following = text[after_start:after_end]
    if SENTENCE_STOP.search(gap_before) and "…" not in gap_before and ".." not in gap_before and following[:1].islower():
        return Stray(start, after_start + 1, following[0].upper(), word, language, discourse is not None)
    return Stray(start, after_start, "", word, language, discourse is not None)


class ForeignWord(Kind):
    """Remove a single word left in another script inside a translated sentence."""

    name = "foreign-word"
    summary = "a word left in the source language's script"
    options = {
        "source-languages": Option("str-list", "The languages whose stray words are looked for.", default=["ru", "uk"], choices=tuple(SCRIPTS)),
        "min-words": Option("int", "Latin-script words the sentence needs around the stray word.", default=5, minimum=2),
    }
    fields = {
        "language": "The language the word is in, by name",
        "code": "Its language code",
    }

    def __init__(self, rule: Rule) -> None:
        super().__init__(rule)
        self.languages = list(self.option("source-languages"))
        if not self.languages:
            raise OptionError("source-languages must list at least one language")
        self.min_words = int(self.option("min-words"))

    def find(self, doc: Document, ctx: Context) -> Iterator[Edit]:
        language = doc.language or detect_language(doc.text)[0]
        if language is None or scripts_of_language(language) != {"Latin"}:
            return
        for stray in find_strays(doc.text, self.languages, self.min_words):
            fields = {"language": language_name(stray.language), "code": stray.language}
            yield self.edit(stray.start, stray.end, stray.replacement, match=stray.word, fields=fields, safe=stray.safe)
