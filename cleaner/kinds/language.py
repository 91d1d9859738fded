"""``language``: paragraphs and sentences the translator missed, left in another language.

A machine-translated article sometimes keeps a paragraph or a sentence of
its source: a statement in Arabic, a passage in Russian. Such a unit is
reported with the language found and how sure the check is; removing it is
only ever proposed as an unsafe edit, because a person may want to
translate it instead.

A unit is reported only when all of these hold:

- the document's language is clear: the rest of the document, without the
  units found, is confidently in the document's language, and the units
  found hold at most :data:`MAX_FOREIGN_SHARE` of its words (otherwise the
  "foreign" text is the document's own);
- the unit is long enough to judge and clearly in another language, which
  can be named: by its script (most of its letters), or, for text in the
  document's own script, by langdetect confirmed by the language's common
  words;
- it is not foreign on purpose (:func:`purpose`): a quotation, a verse, a
  title or heading, a list of names or products, or a bibliography entry.

Text in the document's own writing system is never judged by its script
alone: kana and kanji are both Japanese, Hangul and hanja both Korean, and a
Ukrainian paragraph in a Russian article cannot be told apart reliably.

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
    base_language,
    cheap_guess,
    count_scripts,
    detect_language,
    guess_language,
    langdetect_language,
    language_name,
    language_of_script,
    latin_words,
    script_runs,
    scripts_of_language,
    word_shares,
)
from ..model import Edit, Rule
from ..text import sentence_spans, word_count, words
from .base import Context, Kind, Option
from .remove import paragraph_removals

PARENTHESIS = regex.compile(r"\([^()]*\)|（[^（）]*）|\[[^\[\]]*\]")

PARAGRAPH_SHARE = 85
"""Default percent of a paragraph's letters that must be in a foreign script."""

SENTENCE_SHARE = 60
"""Default percent of the letters of the sentences around a foreign run that must be foreign."""

CONFIRMING_SHARE = 0.15
"""Share of a language's common words that confirms langdetect's guess for Latin-script text."""

RIVAL_SHARE = 0.2
"""Share of another language's common words a Latin-script sentence needs before langdetect is asked about it."""

PARAGRAPH_WORDS = 10
"""Default least words of a paragraph judged foreign."""

SENTENCE_WORDS = 8
"""Default least words of a run of foreign words inside a paragraph."""

LATIN_PARAGRAPH_WORDS = 15
"""A paragraph in the document's own script but another language needs this many words, and two sentences: one alone may be a motto or a lyric."""

LATIN_SENTENCE_WORDS = 10
"""A Latin-script sentence needs this many words before langdetect is asked about it."""

GLOSS_REACH = 200
"""How far after a unit :func:`glossed` looks for a translation or an embed's credit."""

GLOSS = regex.compile(r"^\s*[(\[]|pic\.twitter\.com|\(@\w+\)|\btranslat|\bmeaning\b|\bmeans\b", regex.IGNORECASE)
"""Text after a foreign unit that glosses it (a translation in brackets, "meaning ...") or credits an embedded post."""

MAX_FOREIGN_SHARE = 0.4
"""At most this share of a document's words may be reported; beyond it the "foreign" text is the document's own."""

UNTERMINATED_WORDS = 25
"""A unit that does not end like a sentence needs this many words; a shorter one is a title, heading or caption."""

VERSE_LINE_WORDS = 12
"""Lines no longer than this, stacked, make a verse (or a list), not prose."""

LIST_ITEM_WORDS = 6
"""Four or more items separated by commas, bullets or slashes, none longer than this, make a list of names (if it does not end like a sentence)."""

SHORT_ITEM_WORDS = 3
"""A list that ends like a sentence needs items this short on average."""

QUOTE_PAIRS = {"“": "”", "«": "»", "„": "“”", '"': '"', "「": "」", "『": "』", "‹": "›", "‘": "’", "《": "》", "〈": "〉"}
"""Opening quotation marks and the marks that close them."""

FINAL = regex.compile(r"[.!?。！？…؟।][\"'”’»)\]」』）》]*$")
LIST_SEPARATOR = regex.compile(r"[,;|/•·・、，；]|\s[-–—]\s|[®™]")
BIBLIOGRAPHY = regex.compile(
    r"\(\s*(?:1[5-9]|20)\d\d[a-z]?\s*\)|\bpp?\.\s*\d|\b(?:[Vv]ol|[Nn]r|[Ee]ds?|[Hh]rsg|[Tt]rans|[Ii]bid|[Cc]f)\.|\bet al\b|\bISBN\b|\bISSN\b|\bdoi\b"
    r"|\bIn:\s|\b(?:University Press|Press|Verlag|Editora|Éditions|Edizioni|Editorial|Издательство)\b|(?<![\p{L}])(?:М|СПб|Л|К)\.\s*:"
    r"|\b[СсSs]\.\s*\d+|\d+\s*с\.|№\s*\d|https?://|www\.|\S@\S"
)
"""Marks of a reference or a link: a year in parentheses, pages, volume, editors, publisher, place of publication, ISBN, DOI, URL."""


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
    return base_language(first) == base_language(second)


def confirm_latin(text: str, language: str | None, home: str) -> bool:
    """Whether Latin-script ``text`` is full enough of ``language``'s common words, and not of ``home``'s."""
    if language is None or language not in FUNCTION_WORDS:
        return False
    shares = word_shares(words(text))
    return shares[language] >= CONFIRMING_SHARE and shares[language] >= 2 * shares.get(home, 0.0)


def worth_asking(text: str, home: str) -> bool:
    """Whether Latin-script ``text`` has enough common words of another listed language for langdetect to be asked.

    Without them, no answer langdetect gives could be confirmed, so the cost is saved.
    """
    shares = word_shares(words(text))
    own = shares.pop(home, 0.0)
    return any(share >= CONFIRMING_SHARE and share >= 2 * own for share in shares.values())


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Stretches of ``text`` inside quotation marks, marks included; a quotation never closed runs to the end.

    >>> text = "He said «Мы рассмотрим запрос» and left. “Open"
    >>> [text[s:e] for s, e in quoted_spans(text)]
    ['«Мы рассмотрим запрос»', '“Open']
    """
    spans: list[tuple[int, int]] = []
    size = len(text)
    opening = regex.compile("[" + regex.escape("".join(QUOTE_PAIRS)) + "]")
    position = 0
    while position < size:
        found = opening.search(text, position)
        if found is None:
            break
        position = found.start()
        char = text[position]
        closers = QUOTE_PAIRS[char]
        if char == "‘" and position > 0 and text[position - 1].isalpha():
            position += 1
            continue
        end = position + 1
        while end < size:
            end = min((at for at in (text.find(closer, end) for closer in closers) if at != -1), default=size)
            if end < size and text[end] == "’" and end + 1 < size and text[end + 1].isalpha():
                end += 1
                continue
            break
        spans.append((position, min(end + 1, size)))
        position = end + 1
    return spans


def purpose(paragraph: str, start: int, end: int) -> str | None:
    """Why ``paragraph[start:end]``, though foreign, is so on purpose, or ``None`` when nothing says it is.

    A quotation (most of its letters inside quotation marks), a verse or
    stacked list (short lines), a list of names or products (short items
    between separators), a bibliography entry or link, or a title or heading
    (no final punctuation and under :data:`UNTERMINATED_WORDS` words).

    >>> purpose("Sie sang: «Meine Ruh ist hin, mein Herz ist schwer»", 10, 51)
    'quotation'
    >>> purpose("La vita è bella", 0, 15)
    'title'
    """
    unit = paragraph[start:end].strip()
    letters = sum(count_scripts(unit).values())
    inside = sum(sum(count_scripts(paragraph[max(s, start) : min(e, end)]).values()) for s, e in quoted_spans(paragraph) if s < end and e > start)
    if letters and inside >= letters / 2:
        return "quotation"
    if glossed(paragraph, end):
        return "glossed"
    if _stacked(paragraph, start, end):
        return "verse"
    count = word_count(unit)
    items = [word_count(item) for item in LIST_SEPARATOR.split(unit) if item.strip()]
    if len(items) >= 4 and max(items) <= LIST_ITEM_WORDS and (not FINAL.search(unit) or count / len(items) <= SHORT_ITEM_WORDS):
        return "list"
    if BIBLIOGRAPHY.search(unit):
        return "bibliography"
    if not FINAL.search(unit) and count < UNTERMINATED_WORDS:
        return "title"
    return None


def glossed(text: str, end: int) -> bool:
    """Whether what follows a unit ending at ``end`` translates or explains it, or credits it as an embedded post."""
    return GLOSS.search(text[end : end + GLOSS_REACH].lstrip().split("\n\n", 1)[0]) is not None


def _stacked(paragraph: str, start: int, end: int) -> bool:
    """Whether the unit sits in short lines: several of them, or one with a short line next to it."""
    first = paragraph.rfind("\n", 0, start) + 1
    last = paragraph.find("\n", end)
    last = len(paragraph) if last == -1 else last
    lines = [line for line in paragraph[first:last].split("\n") if line.strip()]
    if any(word_count(line) > VERSE_LINE_WORDS for line in lines):
        return False
    if len(lines) >= 2:
        return True
    before = paragraph[: max(0, first - 1)].rsplit("\n", 1)[-1] if first else ""
    after = paragraph[last + 1 :].split("\n", 1)[0] if last < len(paragraph) else ""
    return any(line.strip() and word_count(line) <= VERSE_LINE_WORDS for line in (before, after))


def foreign_paragraph(paragraph: str, language: str, limits: Limits) -> Finding | None:
    """A finding for the whole ``paragraph`` when it is clearly in another language than ``language``.

    >>> foreign_paragraph("وقال الوزير إن المحادثات ستستمر الأسبوع المقبل.", "en", Limits(5, 0.85, 0.9))
    Finding(start=-1, end=-1, language='ar', confidence=0.99)
    """
    guess = cheap_guess(paragraph, min_words=limits.min_words)
    if guess.method == "undecided" and worth_asking(paragraph, language):
        guess = guess_language(paragraph, min_words=limits.min_words)
    if guess.language is None or same_language(guess.language, language) or guess.share < limits.min_share or guess.script is None:
        return None
    home = scripts_of_language(language)
    if guess.script in home and (word_count(paragraph) < max(limits.min_words, LATIN_PARAGRAPH_WORDS) or len(sentence_spans(paragraph)) < 2):
        return None
    if word_count(paragraph) < limits.min_words:
        return None
    if guess.method == "script" and guess.script not in home:
        return Finding(WHOLE, WHOLE, guess.language, guess.confidence)
    if guess.script == "Latin" and _latin_confirmed(guess, paragraph, language, limits):
        return Finding(WHOLE, WHOLE, guess.language, guess.confidence)
    return None


def _latin_confirmed(guess: Guess, text: str, language: str, limits: Limits) -> bool:
    if guess.method == "words":
        return True
    return guess.method == "langdetect" and guess.confidence >= limits.min_confidence and confirm_latin(text, guess.language, language)


def foreign_runs(paragraph: str, sentences: list[tuple[int, int]], language: str, limits: Limits) -> dict[int, Finding]:
    """Sentences covered by a run of at least ``min_words`` words in scripts that ``language`` is not written in.

    Words in parentheses or brackets do not count (a name beside its
    transliteration), and the covered sentences must be mostly foreign (a
    quoted phrase inside a sentence is not). A run whose language cannot be
    named is left alone.
    """
    home = scripts_of_language(language)
    masked = PARENTHESIS.sub(lambda m: " " * len(m.group(0)), paragraph)
    stretches: list[list[int]] = []
    for start, end, script in script_runs(masked):
        if script in home or script == "Other":
            stretches.append([])
        elif stretches and stretches[-1]:
            stretches[-1][1] = end
        else:
            stretches.append([start, end])
    flagged: dict[int, Finding] = {}
    for run_start, run_end in (s for s in stretches if s):
        if word_count(masked[run_start:run_end]) < limits.min_words:
            continue
        covered = [i for i, (start, end) in enumerate(sentences) if start < run_end and end > run_start]
        start, end = sentences[covered[0]][0], sentences[covered[-1]][1]
        total = sum(count_scripts(paragraph[start:end]).values())
        outside = count_scripts(masked[start:end])
        alien = sum(n for script, n in outside.items() if script not in home and script != "Other")
        if not total or alien / total < limits.min_share:
            continue
        named = _name_run(masked[run_start:run_end], language, limits)
        if named is None:
            continue
        finding = Finding(start, end, named[0], round(min(named[1], alien / total, 0.99), 2))
        for i in covered:
            flagged.setdefault(i, finding)
    return flagged


def _name_run(run: str, language: str, limits: Limits) -> tuple[str, float] | None:
    """The language of a foreign run and how sure that is, or ``None`` when it cannot be named."""
    counts = count_scripts(run)
    script = max(counts, key=lambda s: counts[s])
    if script != "Latin":
        named, _ = language_of_script("Han" if script in ("Hiragana", "Katakana") else script, run)
        return None if named == "und" else (named, 0.99)
    guess = guess_language(run, min_words=limits.min_words)
    if guess.language is None or same_language(guess.language, language) or not _latin_confirmed(guess, run, language, limits):
        return None
    return guess.language, guess.confidence


def foreign_latin_sentence(sentence: str, language: str, limits: Limits) -> tuple[str, float] | None:
    """The language of a Latin-script ``sentence`` with few of ``language``'s common words and many of another's."""
    found = words(sentence)
    if len(found) < max(limits.min_words, LATIN_SENTENCE_WORDS) or len(latin_words(sentence)) < len(found):
        return None
    shares = word_shares(found)
    home_share = shares.pop(language)
    rival = max(shares.values(), default=0.0)
    if rival < RIVAL_SHARE or rival < 3 * home_share:
        return None
    guess, confidence = langdetect_language(sentence)
    if guess is None or same_language(guess, language) or confidence < limits.min_confidence:
        return None
    return (guess, confidence) if confirm_latin(sentence, guess, language) else None


@lru_cache(maxsize=4096)
def foreign_sentences(paragraph: str, language: str, limits: Limits) -> tuple[Finding, ...]:
    """Runs of sentences of ``paragraph`` in another language, as removable spans of the paragraph.

    A run takes the white space after it (or, at the end of the paragraph,
    before it); a paragraph foreign in every sentence gives one finding
    marked :data:`WHOLE`. Units foreign on purpose (:func:`purpose`) are left out.

    >>> text = "Zakharova spoke on Thursday. Мы рассмотрим запрос, когда позволит время. She declined to say more."
    >>> [(text[f.start:f.end], f.language) for f in foreign_sentences(text, "en", Limits(5, 0.6, 0.9))]
    [('Мы рассмотрим запрос, когда позволит время. ', 'ru')]
    """
    scripts = count_scripts(paragraph)
    if not scripts:
        return ()
    home = scripts_of_language(language)
    sentences = sentence_spans(paragraph)
    flagged = foreign_runs(paragraph, sentences, language, limits) if set(scripts) - home else {}
    if home == {"Latin"} and language in FUNCTION_WORDS and len(sentences) > 1:
        for position, (start, end) in enumerate(sentences):
            if position not in flagged and (found := foreign_latin_sentence(paragraph[start:end], language, limits)):
                flagged[position] = Finding(start, end, *found)
    if not flagged:
        return ()
    if len(flagged) == len(sentences):
        first = flagged[0]
        whole = Finding(WHOLE, WHOLE, first.language, first.confidence)
        return () if purpose(paragraph, 0, len(paragraph)) else (whole,)
    findings: list[Finding] = []
    position = 0
    while position < len(sentences):
        if position not in flagged:
            position += 1
            continue
        last = position
        while last + 1 in flagged:
            last += 1
        if not purpose(paragraph, sentences[position][0], sentences[last][1]):
            if last + 1 < len(sentences):
                start, end = sentences[position][0], sentences[last + 1][0]
            else:
                start, end = sentences[position - 1][1], sentences[last][1]
            findings.append(Finding(start, end, flagged[position].language, flagged[position].confidence))
        position = last + 1
    return tuple(findings)


def home_is_clear(text: str, language: str, spans: list[tuple[int, int]]) -> bool:
    """Whether ``text`` without ``spans`` is confidently in ``language``, and the spans hold few of its words."""
    if not spans:
        return True
    pieces: list[str] = []
    position = 0
    for start, end in sorted(spans):
        pieces.append(text[position:start])
        position = max(position, end)
    pieces.append(text[position:])
    detected, _ = detect_language("\n".join(pieces))
    if detected is None or not same_language(detected, language):
        return False
    return sum(word_count(text[start:end]) for start, end in spans) <= MAX_FOREIGN_SHARE * word_count(text)


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
        "min-words": Option(
            "int",
            "Units (for sentences: runs of foreign words) with fewer words are too short to judge (default 10 for paragraphs, 8 for sentences).",
            minimum=2,
        ),
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
        words = self.option("min-words")
        min_words = int(words) if words is not None else PARAGRAPH_WORDS if self.unit == "paragraph" else SENTENCE_WORDS
        confidence = int(self.option("min-confidence")) / 100
        self.limits = Limits(min_words, (int(share) if share is not None else default) / 100, confidence)
        self.paragraph_limits = Limits(max(min_words, PARAGRAPH_WORDS), PARAGRAPH_SHARE / 100, confidence) if self.unit == "sentence" else self.limits

    def find(self, doc: Document, ctx: Context) -> Iterator[Edit]:
        language = doc.language or detect_language(doc.text)[0]
        if not language:
            return
        text = doc.text
        whole: dict[int, Finding] = {}
        parts: list[tuple[int, int, Finding]] = []
        foreign: list[tuple[int, int]] = []
        for index, span in enumerate(doc.paragraphs):
            paragraph = span.text(text)
            found = foreign_paragraph(paragraph, language, self.paragraph_limits)
            if found is not None and (purpose(paragraph, 0, len(paragraph)) or glossed(text, span.end)):
                continue
            if found is not None:
                foreign.append((span.start, span.end))
                if self.unit == "paragraph":
                    whole[index] = found
                continue
            if self.unit == "paragraph":
                continue
            for finding in foreign_sentences(paragraph, language, self.limits):
                if finding.start == WHOLE:
                    whole[index] = finding
                    foreign.append((span.start, span.end))
                else:
                    parts.append((span.start + finding.start, span.start + finding.end, finding))
                    foreign.append(parts[-1][:2])
        if not (whole or parts) or not home_is_clear(text, language, foreign):
            return
        for start, end, finding in parts:
            yield self._edit(start, end, finding, text[start:end])
        for index, start, end in paragraph_removals(doc.paragraphs, whole):
            yield self._edit(start, end, whole[index], doc.paragraphs[index].text(text))

    def _edit(self, start: int, end: int, found: Finding, sample: str) -> Edit:
        fields = {"language": language_name(found.language), "code": found.language, "confidence": f"{found.confidence:.2f}"}
        return self.edit(start, end, "", match=sample, fields=fields, safe=False)
