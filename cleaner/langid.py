"""Which language a text is in: cheap checks first, langdetect only where they cannot decide.

Three steps, cheapest first:

1. The Unicode script of the letters. A paragraph written mostly in Arabic,
   Cyrillic, Greek, Hebrew, Devanagari, Han, kana, Hangul or another
   non-Latin script is assigned a language from its script (and, for
   scripts several languages share, from letters only one of them uses)
   without calling langdetect.
2. For Latin-script text, the share of common English function words: a
   paragraph full of "the", "of", "that" and "said" is English.
3. Only when neither decides, langdetect, with a fixed seed so every run
   gives the same answer; its profiles are loaded once per process, on
   first use.

Each paragraph is judged at most once per process (results are cached by
text), and text too short to judge is not judged.

>>> detect_language("The minister said on Tuesday that the talks with the delegation would continue.")
('en', 0.99)
>>> guess_language("وقال الوزير إن المحادثات مع الوفد ستستمر الأسبوع المقبل").language
'ar'
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

import regex

Method = Literal["script", "words", "langdetect", "undecided", "none"]

MIN_WORDS = 4
"""Fewer words than this are too few to judge."""

MIN_LETTERS = 15
"""Fewer letters than this are too few to judge."""

SAMPLE_CHARS = 20_000
"""How much of a document the document-level check reads."""

LANGDETECT_CHARS = 2_000
"""How much text langdetect is shown; its cost grows with the length."""

ENGLISH_SHARE = 0.15
"""Share of English function words above which Latin-script text is English."""

LANGDETECT_SEED = 0

WORD = regex.compile(r"[\p{L}\p{M}]+")
ASCII_LETTERS = regex.compile(r"[A-Za-z]")
NON_ASCII_LETTERS = regex.compile(r"(?=\p{L})[^\x00-\x7F]")

SCRIPT_ALIASES = {"CJK": "Han", "KATAKANA-HIRAGANA": "Katakana", "HALFWIDTH": "Katakana"}
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
}  # fmt: skip
"""The usual language of a script used mainly by one; Latin, Cyrillic, Arabic and Han need a closer look."""

UNSPACED_SCRIPTS = frozenset({"Han", "Hiragana", "Katakana", "Thai", "Lao", "Khmer", "Myanmar"})
"""Scripts written without spaces between words; two of their letters count as one word."""

LANGUAGE_SCRIPTS = {
    "ru": "Cyrillic", "uk": "Cyrillic", "bg": "Cyrillic", "mk": "Cyrillic", "be": "Cyrillic", "kk": "Cyrillic",
    "ar": "Arabic", "fa": "Arabic", "ur": "Arabic", "ps": "Arabic", "zh": "Han", "ja": "Han",
    **{code: script for script, code in SCRIPT_LANGUAGES.items()},
}  # fmt: skip
"""The script each non-Latin language is written in; any other language is taken to be written in Latin."""

LANGUAGE_NAMES = {
    "af": "Afrikaans", "am": "Amharic", "ar": "Arabic", "be": "Belarusian", "bg": "Bulgarian", "bn": "Bengali",
    "ca": "Catalan", "cs": "Czech", "cy": "Welsh", "da": "Danish", "de": "German", "el": "Greek", "en": "English",
    "es": "Spanish", "et": "Estonian", "fa": "Persian", "fi": "Finnish", "fr": "French", "gu": "Gujarati",
    "he": "Hebrew", "hi": "Hindi", "hr": "Croatian", "hu": "Hungarian", "hy": "Armenian", "id": "Indonesian",
    "it": "Italian", "ja": "Japanese", "ka": "Georgian", "kk": "Kazakh", "km": "Khmer", "kn": "Kannada",
    "ko": "Korean", "lt": "Lithuanian", "lv": "Latvian", "mk": "Macedonian", "ml": "Malayalam", "mr": "Marathi",
    "ne": "Nepali", "nl": "Dutch", "no": "Norwegian", "pa": "Punjabi", "pl": "Polish", "ps": "Pashto",
    "pt": "Portuguese", "ro": "Romanian", "ru": "Russian", "sk": "Slovak", "sl": "Slovenian", "so": "Somali",
    "sq": "Albanian", "sr": "Serbian", "sv": "Swedish", "sw": "Swahili", "ta": "Tamil", "te": "Telugu",
    "th": "Thai", "tl": "Tagalog", "tr": "Turkish", "uk": "Ukrainian", "ur": "Urdu", "vi": "Vietnamese",
    "zh": "Chinese",
}  # fmt: skip

FUNCTION_WORDS: dict[str, frozenset[str]] = {
    lang: frozenset(words.split())
    for lang, words in {
        "en": "the of to and that with for said has have had were which this from by are it he she they his her "
        "their its not but would been who after about also than there we you our when what be is was will at as "
        "or could should these those them him into over in on a an",
        "fr": "le la les des du et est une que qui dans pour pas sur au aux avec il elle ils ce cette sont été "
        "par ne se son sa ses leur plus mais nous vous selon après entre où lors été être ont de un en l d qu",
        "es": "el la de un los las del y que en una es por con para se su sus al lo como más pero fue ha han este esta según sobre entre también muy",
        "pt": "o a de os as do da dos das que em no na nos nas um uma é por com para se seu sua ao não mais foi são pelo pela também",
        "it": "il lo la le gli l dell nell all di del della dei che un una è per con non si da al alla sono ha anche più come ma questo nel nella",
        "de": "der die das den dem des und ist nicht ein eine einen zu mit von sich auf für im auch es sie er wird wurde werden bei nach aus dass oder aber",
        "nl": "de het een en van is dat op te niet zijn voor met die er ook om aan bij door maar naar werd worden wordt",
        "tr": "ve bir bu da de ile için olarak çok daha ama gibi ne olan kadar sonra değil her ya mı mi şu göre",
        "id": "yang dan di ke dari ini itu dengan untuk tidak dalam pada akan juga adalah oleh sebagai telah bahwa karena atau mereka",
        "sv": "och att det som en är på för med av till den inte har om ett var från vid också",
        "pl": "w z na się nie do że to jest od po jak dla przez ale tak za co był była jego",
        "ro": "și de la în cu pe care un din nu este să pentru mai fost ca au ce",
    }.items()
}
"""Frequent short words of some Latin-script languages, used to recognise English and to confirm other guesses."""

WORD_LANGUAGES: dict[str, tuple[str, ...]] = {
    word: tuple(lang for lang, listed in FUNCTION_WORDS.items() if word in listed) for word in set().union(*FUNCTION_WORDS.values())
}

CYRILLIC_MARKERS = (("uk", "іїєґ"), ("be", "ў"), ("kk", "әғқңөұүһ"), ("sr", "ђћџ"), ("mk", "ѓќѕ"), ("ru", "ыэё"))
ARABIC_MARKERS = (("ur", "ٹڈڑںےۓ"), ("ps", "ټډړږښځ"), ("fa", "پچژگیک"))


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


@lru_cache(maxsize=4096)
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
    ascii_letters = len(ASCII_LETTERS.findall(text))
    if ascii_letters:
        counts["Latin"] = ascii_letters
    if not text.isascii():
        for char in NON_ASCII_LETTERS.findall(text):
            script = script_of(char)
            if script is not None:
                counts[script] += 1
    return counts


def main_script(counts: Counter[str]) -> tuple[str | None, float]:
    """The script with the most letters and its share; Hiragana and Katakana count with Han as Japanese writing."""
    total = sum(counts.values())
    if not total:
        return None, 0.0
    merged = Counter(counts)
    kana = merged.pop("Hiragana", 0) + merged.pop("Katakana", 0)
    if kana:
        merged["Han"] += kana
    script, count = merged.most_common(1)[0]
    return script, count / total


def words_of(text: str) -> list[str]:
    words: list[str] = WORD.findall(text)
    return words


def word_weight(token: str) -> int:
    """How many words a run of letters counts as: one, or half its letters in a script written without spaces.

    >>> word_weight("Lavrov"), word_weight("谈判将在下周继续")
    (1, 4)
    """
    return max(1, len(token) // 2) if script_of(token[0]) in UNSPACED_SCRIPTS else 1


def word_shares(words: Iterable[str]) -> dict[str, float]:
    """The share of ``words`` that are function words of each listed language.

    >>> word_shares("the talks with the delegation".split())["en"]
    0.6
    """
    counts = dict.fromkeys(FUNCTION_WORDS, 0)
    total = 0
    for word in words:
        total += 1
        for language in WORD_LANGUAGES.get(word.casefold(), ()):
            counts[language] += 1
    return {language: count / total if total else 0.0 for language, count in counts.items()}


def _by_markers(text: str, markers: tuple[tuple[str, str], ...], default: str) -> tuple[str, bool]:
    for language, letters in markers:
        if any(letter in text for letter in letters):
            return language, True
    return default, False


def language_of_script(script: str, text: str) -> tuple[str, bool]:
    """The language a non-Latin script suggests, and whether letters only that language uses confirm it.

    >>> language_of_script("Cyrillic", "Міністр закордонних справ")
    ('uk', True)
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


def script_of_language(language: str | None) -> str | None:
    """The script ``language`` is written in (Latin unless listed otherwise)."""
    if not language:
        return None
    return LANGUAGE_SCRIPTS.get(language.split("-")[0].lower(), "Latin")


def language_name(language: str | None) -> str:
    """A reader's name for a language code, or the code itself."""
    if not language:
        return "an unknown language"
    return LANGUAGE_NAMES.get(language, language)


@lru_cache(maxsize=1)
def _factory() -> Any:
    from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

    factory = DetectorFactory()
    factory.load_profile(PROFILES_DIRECTORY)
    factory.seed = LANGDETECT_SEED
    return factory


@lru_cache(maxsize=4096)
def langdetect_language(text: str) -> tuple[str | None, float]:
    """langdetect's best guess for ``text`` (first :data:`LANGDETECT_CHARS` characters), with a fixed seed.

    Chinese variants are reported as ``zh``.
    """
    from langdetect.lang_detect_exception import LangDetectException

    detector = _factory().create()
    detector.append(text[:LANGDETECT_CHARS])
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
        return Guess(language, round(min(share, 0.99), 2), "script", script, share)
    words = [w for w in words_of(text) if script_of(w[0]) == "Latin"]
    if len(words) < min_words:
        return Guess(None, 0.0, "none", script, share)
    shares = word_shares(words)
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
    latin_only = " ".join(w for w in words_of(text) if script_of(w[0]) == "Latin")
    language, confidence = langdetect_language(latin_only)
    if language is None:
        return Guess(None, 0.0, "none", guess.script, guess.share)
    return Guess(language, confidence, "langdetect", guess.script, guess.share)


@lru_cache(maxsize=256)
def detect_language(text: str) -> tuple[str | None, float]:
    """The main language of ``text`` and a confidence in [0, 1]; ``(None, 0.0)`` when unknown.

    Reads the first :data:`SAMPLE_CHARS` characters; letters of scripts other
    than the main one (a quote left in Arabic) do not sway the answer.
    """
    guess = guess_language(text[:SAMPLE_CHARS])
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
    for cached in (cheap_guess, guess_language, detect_language, langdetect_language):
        cached.cache_clear()
