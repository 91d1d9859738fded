"""``language``: paragraphs and sentences the translator missed, left in another language.

A machine-translated article sometimes keeps a paragraph or a quote of its
source: a statement in Arabic, a quote in Russian. Such a unit is reported
with the language found and how sure the check is; removing it is only ever
proposed as an unsafe edit, because a person may want to translate it
instead.

Left alone: units too short to judge; a quoted foreign phrase inside a
sentence of the document's language (the sentence is judged as a whole, so
a few foreign words do not tip it); a name in its own script in parentheses
beside its transliteration ("Sergey Lavrov (Сергей Лавров)"); a unit in the
document's own script whose language only langdetect could name, unless
common words of that language confirm it.

    Foreign Minister Sergey Lavrov said the talks would resume.
    وقال الوزير إن المحادثات ستستمر الأسبوع المقبل في القاهرة.
    (the second paragraph is reported as Arabic, by its script alone)
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

import regex

from ..document import Document
from ..langid import (
    FUNCTION_WORDS,
    Guess,
    cheap_guess,
    count_scripts,
    detect_language,
    guess_language,
    langdetect_language,
    language_name,
    language_of_script,
    script_of,
    script_of_language,
    word_shares,
    word_weight,
    words_of,
)
from ..model import Edit, Rule
from .base import Context, Kind, Option
from .remove import paragraph_removals

LETTERS = regex.compile(r"[\p{L}\p{M}]+")
SENTENCE_BREAK = regex.compile(r"(?<=[.!?…؟।][\"'”’»)\]]*)\s+(?=\S)|(?<=[。！？])\s*(?=\S)")
PARENTHESIS = regex.compile(r"\([^()]*\)|（[^（）]*）")

PARAGRAPH_SHARE = 85
"""Default percent of a paragraph's letters that must be in a foreign script."""

SENTENCE_SHARE = 60
"""Default percent of the letters of the sentences around a foreign run that must be foreign."""

CONFIRMING_SHARE = 0.15
"""Share of a language's common words that confirms langdetect's guess for Latin-script text."""

RIVAL_SHARE = 0.2
"""Share of another language's common words a Latin-script sentence needs before langdetect is asked about it."""

LATIN_SENTENCE_WORDS = 8
"""A Latin-script sentence needs this many words before langdetect is asked about it."""


@dataclass(frozen=True, slots=True)
class Finding:
    """A unit found to be in another language: where it is (relative to its paragraph), what and how sure."""

    start: int
    end: int
    language: str
    confidence: float


@dataclass(frozen=True, slots=True)
class Limits:
    """What a rule needs before it reports a unit."""

    min_words: int
    min_share: float
    min_confidence: float


WHOLE = -1
"""Marks a finding that covers its whole paragraph."""


def same_language(first: str, second: str) -> bool:
    return first.split("-")[0].lower() == second.split("-")[0].lower()


def confirm_latin(text: str, language: str | None, home: str) -> bool:
    """Whether Latin-script ``text`` is full enough of ``language``'s common words, and not of ``home``'s."""
    if language is None or language not in FUNCTION_WORDS:
        return False
    shares = word_shares(words_of(text))
    return shares[language] >= CONFIRMING_SHARE and shares[language] >= 2 * shares.get(home, 0.0)


def worth_asking(text: str, home: str) -> bool:
    """Whether Latin-script ``text`` has enough common words of another listed language for langdetect to be asked.

    Without them, no answer langdetect gives could be confirmed, so the cost is saved.
    """
    shares = word_shares(words_of(text))
    own = shares.pop(home, 0.0)
    return any(share >= CONFIRMING_SHARE and share >= 2 * own for share in shares.values())


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """The sentences of ``text`` as ``(start, end)`` without surrounding white space.

    >>> text = "Talks ended. «Переговоры окончены». Done"
    >>> [text[s:e] for s, e in sentence_spans(text)]
    ['Talks ended.', '«Переговоры окончены».', 'Done']
    """
    spans: list[tuple[int, int]] = []
    position = 0
    for match in SENTENCE_BREAK.finditer(text):
        if match.start() > position:
            spans.append((position, match.start()))
        position = match.end()
    if len(text) > position:
        spans.append((position, len(text)))
    return spans


def foreign_paragraph(paragraph: str, language: str, home: str, limits: Limits) -> Finding | None:
    """A finding for the whole ``paragraph`` when it is in another language than ``language`` (written in ``home``).

    >>> foreign_paragraph("وقال الوزير إن المحادثات ستستمر الأسبوع المقبل", "en", "Latin", Limits(5, 0.85, 0.9))
    Finding(start=-1, end=-1, language='ar', confidence=0.99)
    """
    guess = cheap_guess(paragraph, min_words=limits.min_words)
    if guess.method == "undecided" and worth_asking(paragraph, language):
        guess = guess_language(paragraph, min_words=limits.min_words)
    if guess.language is None or same_language(guess.language, language) or guess.share < limits.min_share:
        return None
    if guess.script != home and guess.method == "script":
        return Finding(WHOLE, WHOLE, guess.language, guess.confidence)
    if guess.script == "Latin" and _latin_confirmed(guess, paragraph, language, limits):
        return Finding(WHOLE, WHOLE, guess.language, guess.confidence)
    return None


def _latin_confirmed(guess: Guess, text: str, language: str, limits: Limits) -> bool:
    if guess.method == "words":
        return True
    return guess.method == "langdetect" and guess.confidence >= limits.min_confidence and confirm_latin(text, guess.language, language)


def foreign_runs(paragraph: str, sentences: list[tuple[int, int]], home: str, limits: Limits) -> dict[int, Finding]:
    """Sentences covered by a run of at least ``min_words`` words in another script than ``home``.

    Words in parentheses do not count (a name beside its transliteration),
    and the covered sentences must be mostly foreign (a quoted phrase inside
    a sentence is not).
    """
    masked = PARENTHESIS.sub(lambda m: " " * len(m.group(0)), paragraph)
    runs: list[tuple[int, int]] = []
    run_start = run_end = count = 0
    for match in LETTERS.finditer(masked):
        if script_of(match.group(0)[0]) != home:
            if count == 0:
                run_start = match.start()
            run_end, count = match.end(), count + word_weight(match.group(0))
            continue
        if count >= limits.min_words:
            runs.append((run_start, run_end))
        count = 0
    if count >= limits.min_words:
        runs.append((run_start, run_end))
    flagged: dict[int, Finding] = {}
    for run_start, run_end in runs:
        covered = [i for i, (start, end) in enumerate(sentences) if start < run_end and end > run_start]
        start, end = sentences[covered[0]][0], sentences[covered[-1]][1]
        total = sum(count_scripts(paragraph[start:end]).values())
        outside = count_scripts(masked[start:end])
        alien = sum(n for script, n in outside.items() if script != home)
        if not total or alien / total < limits.min_share:
            continue
        script = max((s for s in outside if s != home), key=lambda s: outside[s])
        language, _ = language_of_script(script, masked[run_start:run_end])
        finding = Finding(start, end, language, round(min(alien / total, 0.99), 2))
        for i in covered:
            flagged.setdefault(i, finding)
    return flagged


def foreign_latin_sentence(sentence: str, language: str, limits: Limits) -> tuple[str, float] | None:
    """The language of a Latin-script ``sentence`` with few of ``language``'s common words and many of another's."""
    words = words_of(sentence)
    if len(words) < max(limits.min_words, LATIN_SENTENCE_WORDS) or any(script_of(w[0]) != "Latin" for w in words):
        return None
    shares = word_shares(words)
    home_share = shares.pop(language)
    rival = max(shares.values(), default=0.0)
    if rival < RIVAL_SHARE or rival < 3 * home_share:
        return None
    guess, confidence = langdetect_language(sentence)
    if guess is None or same_language(guess, language) or confidence < limits.min_confidence:
        return None
    return (guess, confidence) if confirm_latin(sentence, guess, language) else None


@lru_cache(maxsize=4096)
def foreign_sentences(paragraph: str, language: str, home: str, limits: Limits) -> tuple[Finding, ...]:
    """Runs of sentences of ``paragraph`` in another language, as removable spans of the paragraph.

    A run takes the white space after it (or, at the end of the paragraph,
    before it); a paragraph foreign in every sentence gives one finding
    marked :data:`WHOLE`.

    >>> text = "Zakharova spoke on Thursday. «Мы рассмотрим запрос, когда позволит время». She declined to say more."
    >>> [(text[f.start:f.end], f.language) for f in foreign_sentences(text, "en", "Latin", Limits(5, 0.6, 0.9))]
    [('«Мы рассмотрим запрос, когда позволит время». ', 'ru')]
    """
    scripts = count_scripts(paragraph)
    if not scripts:
        return ()
    sentences = sentence_spans(paragraph)
    flagged = foreign_runs(paragraph, sentences, home, limits) if set(scripts) - {home} else {}
    if home == "Latin" and language in FUNCTION_WORDS:
        for position, (start, end) in enumerate(sentences):
            if position not in flagged and (found := foreign_latin_sentence(paragraph[start:end], language, limits)):
                flagged[position] = Finding(start, end, *found)
    if not flagged:
        return ()
    if len(flagged) == len(sentences):
        first = flagged[0]
        return (Finding(WHOLE, WHOLE, first.language, first.confidence),)
    findings: list[Finding] = []
    position = 0
    while position < len(sentences):
        if position not in flagged:
            position += 1
            continue
        last = position
        while last + 1 in flagged:
            last += 1
        if last + 1 < len(sentences):
            start, end = sentences[position][0], sentences[last + 1][0]
        else:
            start, end = sentences[position - 1][1], sentences[last][1]
        findings.append(Finding(start, end, flagged[position].language, flagged[position].confidence))
        position = last + 1
    return tuple(findings)


class Language(Kind):
    """Report paragraphs or sentences in a language other than the document's; removal is unsafe."""

    name = "language"
    summary = "paragraphs and sentences left untranslated"
    options = {
        "unit": Option(
            "str",
            "What is judged: whole paragraphs, or sentences inside paragraphs of the document's language.",
            default="paragraph",
            choices=("paragraph", "sentence"),
        ),
        "min-words": Option("int", "Units (for sentences: runs of foreign words) with fewer words are too short to judge.", default=5, minimum=2),
        "min-share": Option("int", "Percent of the unit's letters that must be in a foreign script (default 85 for paragraphs, 60 for sentences).", minimum=1),
        "min-confidence": Option("int", "Percent of langdetect's confidence below which a Latin-script guess is not reported.", default=90, minimum=1),
    }
    fields = {
        "language": "The language the passage is in, by name",
        "code": "Its language code",
        "confidence": "The detector's confidence, 0 to 1",
    }

    def __init__(self, rule: Rule) -> None:
        super().__init__(rule)
        self.unit = str(self.option("unit"))
        share = self.option("min-share")
        default = PARAGRAPH_SHARE if self.unit == "paragraph" else SENTENCE_SHARE
        min_words, confidence = int(self.option("min-words")), int(self.option("min-confidence")) / 100
        self.limits = Limits(min_words, (int(share) if share is not None else default) / 100, confidence)
        self.paragraph_limits = Limits(min_words, PARAGRAPH_SHARE / 100, confidence) if self.unit == "sentence" else self.limits

    def find(self, doc: Document, ctx: Context) -> Iterator[Edit]:
        language = doc.language or detect_language(doc.text)[0]
        if not language:
            return
        home = script_of_language(language) or "Latin"
        text = doc.text
        whole: dict[int, Finding] = {}
        for index, span in enumerate(doc.paragraphs):
            paragraph = span.text(text)
            found = foreign_paragraph(paragraph, language, home, self.paragraph_limits)
            if self.unit == "paragraph":
                if found is not None:
                    whole[index] = found
                continue
            if found is not None:
                continue
            for finding in foreign_sentences(paragraph, language, home, self.limits):
                if finding.start == WHOLE:
                    whole[index] = finding
                else:
                    start, end = span.start + finding.start, span.start + finding.end
                    yield self._edit(start, end, finding, text[start:end])
        for index, start, end in paragraph_removals(doc.paragraphs, whole):
            yield self._edit(start, end, whole[index], doc.paragraphs[index].text(text))

    def _edit(self, start: int, end: int, found: Finding, sample: str) -> Edit:
        fields = {"language": language_name(found.language), "code": found.language, "confidence": f"{found.confidence:.2f}"}
        return self.edit(start, end, "", match=sample, fields=fields, safe=False)
