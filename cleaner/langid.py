"""Which language a text is in: cheap checks first, langdetect only where they cannot decide.

Three steps, cheapest first:

1. The Unicode script of the letters. A paragraph written mostly in Arabic,
   Cyrillic, Greek, Hebrew, Devanagari, Han, kana, Hangul or another
   non-Latin script is assigned a language from its script (and, for
   scripts several languages share, from letters only one of them uses)
   without calling langdetect. Kana make Han text Japanese; Hangul is Korean.
2. For Latin-script text, the share of common English words: a paragraph
   full of "the", "of", "that" and "said" is English.
3. Only when neither decides, langdetect, with a fixed seed so every run
   gives the same answer; its profiles are loaded once per process, on
   first use.

A *document's* language (:func:`detect_language`) is only named when the
answer is confident: a script the letters clearly share, the English word
check, or langdetect sure of a Latin-script text of at least
:data:`MIN_DOCUMENT_WORDS` words. Otherwise the caller's default applies
(:data:`DEFAULT_LANGUAGE`), so a short text is never switched to another
rule set by a guess.

Each text is judged at most once per process (results are cached by text),
and text too short to judge is not judged.

>>> detect_language("The minister said on Tuesday that the talks with the delegation would continue.")
('en', 0.99)
>>> detect_language("Sergei Lavrov met Anthony Blinken.The talks  ended.")
(None, 0.0)
>>> guess_language("وقال الوزير إن المحادثات مع الوفد ستستمر الأسبوع المقبل").language
'ar'
"""

from __future__ import annotations

import argparse
import difflib
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

import regex

from .text import elided, word_list, words

Method = Literal["script", "words", "langdetect", "undecided", "none"]

DEFAULT_LANGUAGE = "en"
"""The language assumed when neither the user nor a confident detection names one: the shipped rules are English."""

MIN_WORDS = 4
"""Fewer words than this are too few to judge."""

MIN_LETTERS = 15
"""Fewer letters than this are too few to judge."""

MIN_DOCUMENT_WORDS = 20
"""A Latin-script document shorter than this is never given a language by langdetect alone."""

DOCUMENT_CONFIDENCE = 0.9
"""langdetect's least probability for a document's language."""

DOCUMENT_SHARE = 0.6
"""Least share of a document's letters (unspaced scripts weighted, see :func:`main_script`) in the script that names its language."""

DOCUMENT_WORD_SHARE = 0.1
"""Least share of a document's words that must be common words of the language langdetect names, when they are listed."""

SAMPLE_CHARS = 20_000
"""How much of a document the document-level check reads."""

LANGDETECT_CHARS = 2_000
"""How much text langdetect is shown; its cost grows with the length."""

ENGLISH_SHARE = 0.15
"""Share of English common words above which Latin-script text is English."""

UNSPACED_WEIGHT = 2
"""A letter of a script written without spaces weighs this many letters of a spaced script, when finding the main script.

A Japanese or Chinese word has two or three characters, an English one five letters or more.
"""

LANGDETECT_SEED = 0

ASCII_LETTERS = regex.compile(r"[A-Za-z]")
ASCII_LETTER_BYTES = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
NON_ASCII_LETTERS = regex.compile(r"(?:(?=\p{L})[^\x00-\x7F])+")
"""Runs of letters beyond ASCII."""

SCRIPT_ALIASES = {"CJK": "Han", "IDEOGRAPHIC": "Han", "KATAKANA-HIRAGANA": "Katakana", "HALFWIDTH": "Katakana"}
SCRIPT_NAMES = {
    "LATIN", "CYRILLIC", "GREEK", "ARABIC", "HEBREW", "DEVANAGARI", "BENGALI", "GURMUKHI", "GUJARATI",
    "TAMIL", "TELUGU", "KANNADA", "MALAYALAM", "SINHALA", "THAI", "LAO", "KHMER", "MYANMAR", "GEORGIAN",
    "ARMENIAN", "ETHIOPIC", "HIRAGANA", "KATAKANA", "HANGUL", "SYRIAC", "THAANA", "TIBETAN", "MONGOLIAN",
}  # fmt: skip

SCRIPT_LANGUAGES = {
    "Greek": "el", "Hebrew": "he", "Devanagari": "hi", "Bengali": "bn", "Gurmukhi": "pa", "Gujarati": "gu",
    "Tamil": "ta", "Telugu": "te", "Kannada": "kn", "Malayalam": "ml", "Sinhala": "si", "Thai": "th",
    "Lao": "lo", "Khmer": "km", "Myanmar": "my", "Georgian": "ka", "Armenian": "hy", "Ethiopic": "am",
    "Hangul": "ko", "Syriac": "syr", "Thaana": "dv", "Tibetan": "bo", "Mongolian": "mn",
    "Hiragana": "ja", "Katakana": "ja",
}  # fmt: skip
"""The usual language of a script used mainly by one; Latin, Cyrillic, Arabic and Han need a closer look."""

UNSPACED_SCRIPTS = frozenset({"Han", "Hiragana", "Katakana", "Thai", "Lao", "Khmer", "Myanmar", "Tibetan"})
"""Scripts written without spaces between words."""

LANGUAGE_SCRIPTS = {
    "ru": "Cyrillic", "uk": "Cyrillic", "bg": "Cyrillic", "mk": "Cyrillic", "be": "Cyrillic", "kk": "Cyrillic",
    "sr": "Cyrillic", "ar": "Arabic", "fa": "Arabic", "ur": "Arabic", "ps": "Arabic", "zh": "Han", "ja": "Han",
    **{code: script for script, code in SCRIPT_LANGUAGES.items() if code != "ja"},
}  # fmt: skip
"""The main script each non-Latin language is written in; any other language is taken to be written in Latin."""

WRITING_SYSTEMS = {
    "ja": frozenset({"Han", "Hiragana", "Katakana"}),
    "ko": frozenset({"Hangul", "Han"}),
}
"""Languages written in several scripts at once: Japanese mixes kanji with both kana, Korean may add hanja to Hangul."""

LANGUAGE_NAMES = {
    "af": "Afrikaans", "am": "Amharic", "ar": "Arabic", "be": "Belarusian", "bg": "Bulgarian", "bn": "Bengali",
    "bo": "Tibetan", "ca": "Catalan", "cs": "Czech", "cy": "Welsh", "da": "Danish", "de": "German", "dv": "Dhivehi",
    "el": "Greek", "en": "English", "es": "Spanish", "et": "Estonian", "fa": "Persian", "fi": "Finnish", "fr": "French",
    "gu": "Gujarati", "he": "Hebrew", "hi": "Hindi", "hr": "Croatian", "hu": "Hungarian", "hy": "Armenian",
    "id": "Indonesian", "it": "Italian", "ja": "Japanese", "ka": "Georgian", "kk": "Kazakh", "km": "Khmer",
    "kn": "Kannada", "ko": "Korean", "lo": "Lao", "lt": "Lithuanian", "lv": "Latvian", "mk": "Macedonian",
    "ml": "Malayalam", "mn": "Mongolian", "mr": "Marathi", "my": "Burmese", "ne": "Nepali", "nl": "Dutch",
    "no": "Norwegian", "pa": "Punjabi", "pl": "Polish", "ps": "Pashto", "pt": "Portuguese", "ro": "Romanian",
    "ru": "Russian", "si": "Sinhala", "sk": "Slovak", "sl": "Slovenian", "so": "Somali", "sq": "Albanian",
    "sr": "Serbian", "sv": "Swedish", "sw": "Swahili", "syr": "Syriac", "ta": "Tamil", "te": "Telugu",
    "th": "Thai", "tl": "Tagalog", "tr": "Turkish", "uk": "Ukrainian", "ur": "Urdu", "vi": "Vietnamese",
    "zh": "Chinese",
}  # fmt: skip
"""Every language code cleaner knows (ISO 639-1, and ``syr`` for Syriac, which has none), with its English name."""

ENDONYMS = {
    "deutsch": "de", "français": "fr", "francais": "fr", "español": "es", "espanol": "es", "português": "pt",
    "portugues": "pt", "italiano": "it", "nederlands": "nl", "türkçe": "tr", "turkce": "tr", "polski": "pl",
    "svenska": "sv", "română": "ro", "romana": "ro", "bahasa indonesia": "id", "русский": "ru", "українська": "uk",
    "ελληνικά": "el", "עברית": "he", "العربية": "ar", "فارسی": "fa", "日本語": "ja", "中文": "zh", "한국어": "ko",
}  # fmt: skip
"""Languages' names for themselves, so that ``--language Deutsch`` suggests ``de``."""

FUNCTION_WORD_LANGUAGES = ("en", "fr", "es", "pt", "it", "de", "nl", "tr", "id", "sv", "pl", "ro")

FUNCTION_WORDS: dict[str, frozenset[str]] = {language: word_list(f"function-words-{language}") for language in FUNCTION_WORD_LANGUAGES}
"""Frequent short words of some Latin-script languages (``cleaner/data/words/function-words-*.txt``), to recognise English and confirm other guesses."""

WORD_LANGUAGES: dict[str, tuple[str, ...]] = {
    word: tuple(lang for lang, listed in FUNCTION_WORDS.items() if word in listed) for word in set().union(*FUNCTION_WORDS.values())
}

CYRILLIC_MARKERS = (("uk", "іїєґ"), ("be", "ў"), ("kk", "әғқңөұүһ"), ("sr", "ђћџ"), ("mk", "ѓќѕ"), ("ru", "ыэё"))
ARABIC_MARKERS = (("ur", "ٹڈڑںےۓ"), ("ps", "ټډړږښځ"), ("fa", "پچژگیک"))


class LanguageError(ValueError, argparse.ArgumentTypeError):
    """A language code cleaner does not know; the message says what was meant, if it can tell.

    Also an ``ArgumentTypeError``, so that ``argparse`` prints the message as it is.
    """


@dataclass(frozen=True, slots=True)
class Guess:
    """A language guess: an ISO 639-1 code (or ``None``), a confidence in [0, 1] and how it was made.

    ``script`` is the main script of the letters judged and ``share`` the
    share of letters in it.
    """

    language: str | None
    confidence: float
    method: Method
    script: str | None = None
    share: float = 0.0


UNKNOWN = Guess(None, 0.0, "none")


def check_language(value: str) -> str:
    """``value`` if it is a language code cleaner knows; otherwise a :class:`LanguageError` saying what might be meant.

    Nothing is mapped silently: ``english``, ``EN`` and ``en-GB`` are refused with a suggestion.

    >>> check_language("en")
    'en'
    >>> check_language("english")
    Traceback (most recent call last):
    ...
    cleaner.langid.LanguageError: unknown language 'english': did you mean 'en' (English)?
    """
    if value in LANGUAGE_NAMES:
        return value
    suggestions = _suggest(value)
    if suggestions:
        listed = " or ".join(f"'{code}' ({LANGUAGE_NAMES[code]})" for code in suggestions)
        raise LanguageError(f"unknown language {value!r}: did you mean {listed}?")
    raise LanguageError(f"unknown language {value!r}: give an ISO 639-1 code such as 'en', 'fr' or 'ru' (see docs/language.md)")


def _suggest(value: str) -> list[str]:
    """Codes that ``value`` may mean: by name, by a code in other case or with a region, or by a near spelling."""
    folded = value.strip().casefold()
    by_name = {name.casefold(): code for code, name in LANGUAGE_NAMES.items()} | ENDONYMS
    base = regex.split(r"[-_]", folded, maxsplit=1)[0]
    for candidate in (by_name.get(folded), folded if folded in LANGUAGE_NAMES else None, base if base in LANGUAGE_NAMES else None):
        if candidate:
            return [candidate]
    if len(folded) >= 3:
        prefixed = [code for name, code in by_name.items() if name.startswith(folded)]
        if prefixed:
            return prefixed[:2]
    close = difflib.get_close_matches(folded, list(by_name), n=2, cutoff=0.75)
    return [by_name[name] for name in close]


@lru_cache(maxsize=4096)
@lru_cache(maxsize=65536)
def script_of(char: str) -> str | None:
    """The Unicode script of a letter, from its character name; ``None`` for a non-letter.

    >>> script_of("о"), script_of("o"), script_of("ش"), script_of("1")
    ('Cyrillic', 'Latin', 'Arabic', None)
    """
    if not char.isalpha():
        return None
    if char.isascii():
        return "Latin"
    head = unicodedata.name(char, "").split(" ", 1)[0]
    if head in SCRIPT_ALIASES:
        return SCRIPT_ALIASES[head]
    if head in SCRIPT_NAMES:
        return head.capitalize()
    return "Other"


def count_scripts(text: str) -> Counter[str]:
    """How many letters of ``text`` each script has; fast on mostly-ASCII text.

    >>> sorted(count_scripts("Lavrov (Лавров)").items())
    [('Cyrillic', 6), ('Latin', 6)]
    """
    counts: Counter[str] = Counter()
    # In UTF-8 every byte of a character beyond ASCII is 0x80 or above, so the ASCII letters are the bytes that are letters.
    data = text.encode("utf-8", "surrogatepass")
    ascii_letters = len(data) - len(data.translate(None, ASCII_LETTER_BYTES))
    if ascii_letters:
        counts["Latin"] = ascii_letters
    if not text.isascii():
        for char, times in Counter("".join(NON_ASCII_LETTERS.findall(text))).items():
            script = script_of(char)
            if script is not None:
                counts[script] += times
    return counts


def main_script(counts: Counter[str]) -> tuple[str | None, float]:
    """The script with the most letters and its share; Hiragana and Katakana count with Han as Japanese writing.

    Letters of scripts written without spaces weigh :data:`UNSPACED_WEIGHT`,
    so that a Japanese article naming many products in Latin letters is
    still Japanese.

    >>> main_script(Counter({"Han": 40, "Hiragana": 30, "Latin": 100}))
    ('Han', 0.58)
    """
    merged: Counter[str] = Counter()
    for script, count in counts.items():
        weight = UNSPACED_WEIGHT if script in UNSPACED_SCRIPTS else 1
        merged["Han" if script in ("Hiragana", "Katakana") else script] += count * weight
    total = sum(merged.values())
    if not total:
        return None, 0.0
    script, count = merged.most_common(1)[0]
    return script, round(count / total, 2)


def script_runs(text: str) -> list[tuple[int, int, str]]:
    """Stretches of ``text`` whose letters are in one script, as ``(start, end, script)``.

    What is not a letter (spaces, digits, punctuation) joins the letters of
    one script around it, but belongs to no run where the script changes;
    combining marks go with the letter before them.

    >>> text = "Lavrov said: «Мы рассмотрим». 会谈结束。"
    >>> [(text[s:e], script) for s, e, script in script_runs(text)]
    [('Lavrov said', 'Latin'), ('Мы рассмотрим', 'Cyrillic'), ('会谈结束', 'Han')]
    """
    runs: list[list[Any]] = []
    for index, char in enumerate(text):
        script = script_of(char)
        if script is None:
            if runs and unicodedata.category(char).startswith("M") and runs[-1][1] == index:
                runs[-1][1] = index + 1
            continue
        if runs and runs[-1][2] == script:
            runs[-1][1] = index + 1
        else:
            runs.append([index, index + 1, script])
    return [(start, end, script) for start, end, script in runs]


def word_shares(tokens: Iterable[str]) -> dict[str, float]:
    """The share of words among ``tokens`` that are common words of each listed language.

    Elided words count as their parts (``l’inflation`` as ``l`` and ``inflation``).

    >>> word_shares("the talks with the delegation".split())["en"]
    0.6
    """
    parts = [part for token in tokens for part in (elided(token) if "'" in token or "’" in token else (token,))]
    counts = dict.fromkeys(FUNCTION_WORDS, 0)
    for word, times in Counter(map(str.casefold, parts)).items():
        for language in WORD_LANGUAGES.get(word, ()):
            counts[language] += times
    total = len(parts)
    return {language: count / total if total else 0.0 for language, count in counts.items()}


def latin_words(text: str) -> list[str]:
    """The words of ``text`` that start with a Latin letter."""
    return [word for word in words(text) if script_of(word[0]) == "Latin"]


def _by_markers(text: str, markers: tuple[tuple[str, str], ...], default: str) -> tuple[str, bool]:
    for language, letters in markers:
        if any(letter in text for letter in letters):
            return language, True
    return default, False


def language_of_script(script: str, text: str) -> tuple[str, bool]:
    """The language a non-Latin script suggests, and whether letters only that language uses confirm it.

    ``und`` (undetermined) when the script names no language.

    >>> language_of_script("Cyrillic", "Міністр закордонних справ")
    ('uk', True)
    >>> language_of_script("Hiragana", "これは")
    ('ja', True)
    """
    if script == "Cyrillic":
        return _by_markers(text, CYRILLIC_MARKERS, "ru")
    if script == "Arabic":
        return _by_markers(text, ARABIC_MARKERS, "ar")
    if script == "Han":
        return ("ja", True) if any(script_of(c) in ("Hiragana", "Katakana") for c in text) else ("zh", False)
    if script in SCRIPT_LANGUAGES:
        return SCRIPT_LANGUAGES[script], script not in ("Devanagari",)
    return "und", False


def base_language(language: str) -> str:
    """The language of a code without its region or script (``pt-BR`` is ``pt``)."""
    return language.split("-")[0].lower()


def script_of_language(language: str | None) -> str | None:
    """The main script ``language`` is written in (Latin unless listed otherwise)."""
    if not language:
        return None
    return LANGUAGE_SCRIPTS.get(base_language(language), "Latin")


def scripts_of_language(language: str) -> frozenset[str]:
    """Every script ``language`` is written in: one, or several for Japanese and Korean.

    >>> sorted(scripts_of_language("ja")), sorted(scripts_of_language("ru"))
    (['Han', 'Hiragana', 'Katakana'], ['Cyrillic'])
    """
    code = base_language(language)
    return WRITING_SYSTEMS.get(code) or frozenset({LANGUAGE_SCRIPTS.get(code, "Latin")})


def language_name(language: str | None) -> str:
    """A reader's name for a language code, or the code itself."""
    if not language:
        return "an unknown language"
    return LANGUAGE_NAMES.get(language, language)


@lru_cache(maxsize=1)
def _factory() -> Any:
    from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

    from .langprofiles import load_factory

    factory = DetectorFactory()
    load_factory(factory, PROFILES_DIRECTORY)
    factory.seed = LANGDETECT_SEED
    return factory


def langdetect_language(text: str) -> tuple[str | None, float]:
    """langdetect's best guess for ``text`` (first :data:`LANGDETECT_CHARS` characters), with a fixed seed.

    Chinese variants are reported as ``zh``. Kept by those characters: a
    document cleaned and checked again is not judged again when its opening
    did not change.
    """
    return _langdetect(text[:LANGDETECT_CHARS])


@lru_cache(maxsize=4096)
def _langdetect(sample: str) -> tuple[str | None, float]:
    from langdetect.lang_detect_exception import LangDetectException

    detector = _factory().create()
    detector.append(sample)
    try:
        ranked = detector.get_probabilities()
    except LangDetectException:
        return None, 0.0
    if not ranked:
        return None, 0.0
    best = ranked[0]
    return best.lang.split("-")[0], round(min(best.prob, 0.99), 2)


@lru_cache(maxsize=8192)
def cheap_guess(text: str, *, min_words: int = MIN_WORDS) -> Guess:
    """The language as far as the script and common-word checks tell, without langdetect.

    Latin-script text they cannot place comes back with method ``undecided``.

    >>> cheap_guess("Der Minister sagte am Dienstag, dass die Gespräche fortgesetzt werden.").method
    'undecided'
    >>> cheap_guess("先日、不正に改造したiPhoneを販売したとして、20代の男性が逮捕された。").language
    'ja'
    """
    counts = count_scripts(text)
    if sum(counts.values()) < MIN_LETTERS:
        return UNKNOWN
    script, share = main_script(counts)
    if script is None:
        return UNKNOWN
    if script != "Latin":
        if script not in UNSPACED_SCRIPTS and len(text.split()) < min_words:
            return Guess(None, 0.0, "none", script, share)
        language, _ = language_of_script(script, text)
        if language == "und":
            return Guess(None, 0.0, "none", script, share)
        return Guess(language, round(min(share, 0.99), 2), "script", script, share)
    found = latin_words(text)
    if len(found) < min_words:
        return Guess(None, 0.0, "none", script, share)
    shares = word_shares(found)
    english = shares.pop("en")
    rival = max(shares.values(), default=0.0)
    if english >= ENGLISH_SHARE and english >= 2 * rival:
        return Guess("en", round(min(0.99, 0.6 + 1.5 * english), 2), "words", script, share)
    return Guess(None, 0.0, "undecided", script, share)


@lru_cache(maxsize=8192)
def guess_language(text: str, *, min_words: int = MIN_WORDS) -> Guess:
    """The language of one paragraph or sentence; ``Guess(None, ...)`` when too short to judge.

    Cached by text, so a paragraph met again in a later pass is not judged twice.

    >>> guess_language("Der Minister sagte am Dienstag, dass die Gespräche fortgesetzt werden.").language
    'de'
    >>> guess_language("Ceasefire talks resume").language is None
    True
    """
    guess = cheap_guess(text, min_words=min_words)
    if guess.method != "undecided":
        return guess
    language, confidence = langdetect_language(" ".join(latin_words(text)))
    if language is None:
        return Guess(None, 0.0, "none", guess.script, guess.share)
    return Guess(language, confidence, "langdetect", guess.script, guess.share)


def confident(guess: Guess, text: str) -> bool:
    """Whether ``guess`` for the whole of ``text`` is sure enough to name a document's language.

    A script check needs :data:`DOCUMENT_SHARE` of the letters; langdetect
    needs :data:`MIN_DOCUMENT_WORDS` words, :data:`DOCUMENT_CONFIDENCE` and,
    for a language with a common-word list, :data:`DOCUMENT_WORD_SHARE` of
    its common words. The English word check is sure by construction.
    """
    if guess.language is None:
        return False
    if guess.method == "script":
        return guess.share >= DOCUMENT_SHARE
    if guess.method == "words":
        return True
    found = latin_words(text)
    if len(found) < MIN_DOCUMENT_WORDS or guess.confidence < DOCUMENT_CONFIDENCE:
        return False
    return guess.language not in FUNCTION_WORDS or word_shares(found)[guess.language] >= DOCUMENT_WORD_SHARE


@lru_cache(maxsize=256)
def detect_language(text: str) -> tuple[str | None, float]:
    """The main language of ``text`` and a confidence in [0, 1]; ``(None, 0.0)`` unless the answer is :func:`confident`.

    Reads the first :data:`SAMPLE_CHARS` characters; letters of scripts other
    than the main one (a quote left in Arabic) do not sway the answer.
    """
    sample = text[:SAMPLE_CHARS]
    guess = guess_language(sample)
    if not confident(guess, sample):
        return None, 0.0
    return guess.language, guess.confidence


def document_script(text: str, language: str | None) -> str | None:
    """The script a document is written in: its language's, or else the script most of its letters use."""
    if language:
        return script_of_language(language)
    return main_script(count_scripts(text[:SAMPLE_CHARS]))[0]


def paragraph_languages(text: str, *, min_words: int = MIN_WORDS) -> list[tuple[int, int, Guess]]:
    """Each paragraph of ``text`` (offsets ``start, end``) with its language guess.

    >>> [g.language for _, _, g in paragraph_languages("The talks went on all day.\\n\\nПереговоры продолжались весь день.")]
    ['en', 'ru']
    """
    from .document import Document

    return [(span.start, span.end, guess_language(span.text(text), min_words=min_words)) for span in Document(text).paragraphs]


def clear_caches() -> None:
    """Forget every cached guess (langdetect's profiles stay loaded)."""
    for cached in (cheap_guess, guess_language, detect_language, _langdetect):
        cached.cache_clear()
