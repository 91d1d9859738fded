"""The words the furniture classifier knows in each language: stop words, web-interface vocabulary, month names.

Stop words come from jusText's lists (the ``justext`` package ships one for
about a hundred languages) or, for languages it lacks, from ``wordfreq``'s
most frequent words; for scripts written without spaces (Chinese, Japanese,
Thai) they are the single characters among those frequent words. The
web-interface vocabulary lives in ``cleaner/data/furniture/LANG.txt``, one
file per language, each citing the translation catalogs it was taken from;
``common.txt`` holds what every language shares (social networks, picture
agencies, icon-font ligature names). Everything is read once, lazily.

>>> english = lexicon("en")
>>> "the" in english.stop_words, "share" in english.interface, "related posts" in english.headers
(True, True, True)
>>> "suivez-moi sur twitter" in lexicon("fr").interface
True
>>> lexicon("en", vocabulary=False).interface
frozenset()
"""

from __future__ import annotations

import importlib.resources
import importlib.util
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

from ...text import UNSPACED

JUSTEXT_NAMES = {
    "af": "Afrikaans", "sq": "Albanian", "ar": "Arabic", "an": "Aragonese", "hy": "Armenian", "ast": "Asturian",
    "az": "Azerbaijani", "eu": "Basque", "be": "Belarusian", "bn": "Bengali", "bs": "Bosnian", "br": "Breton",
    "bg": "Bulgarian", "ca": "Catalan", "ceb": "Cebuano", "cv": "Chuvash", "hr": "Croatian", "cs": "Czech",
    "da": "Danish", "nl": "Dutch", "en": "English", "eo": "Esperanto", "et": "Estonian", "fi": "Finnish",
    "fr": "French", "gl": "Galician", "ka": "Georgian", "de": "German", "el": "Greek", "gu": "Gujarati",
    "ht": "Haitian", "he": "Hebrew", "hi": "Hindi", "hu": "Hungarian", "is": "Icelandic", "io": "Ido", "ig": "Igbo",
    "id": "Indonesian", "ga": "Irish", "it": "Italian", "jv": "Javanese", "kn": "Kannada", "kk": "Kazakh",
    "ko": "Korean", "ku": "Kurdish", "ky": "Kyrgyz", "la": "Latin", "lv": "Latvian", "lt": "Lithuanian",
    "lmo": "Lombard", "nds": "Low_Saxon", "lb": "Luxembourgish", "mk": "Macedonian", "ms": "Malay",
    "ml": "Malayalam", "mt": "Maltese", "mr": "Marathi", "nap": "Neapolitan", "ne": "Nepali", "new": "Newar",
    "nb": "Norwegian_Bokmal", "no": "Norwegian_Bokmal", "nn": "Norwegian_Nynorsk", "oc": "Occitan",
    "fa": "Persian", "pms": "Piedmontese", "pl": "Polish", "pt": "Portuguese", "qu": "Quechua", "ro": "Romanian",
    "ru": "Russian", "sr": "Serbian", "sh": "Serbo_Croatian", "scn": "Sicilian", "sk": "Slovak", "sl": "Slovenian",
    "es": "Spanish", "su": "Sundanese", "sw": "Swahili", "sv": "Swedish", "tl": "Tagalog", "ta": "Tamil",
    "te": "Telugu", "tr": "Turkish", "tk": "Turkmen", "uk": "Ukrainian", "ur": "Urdu", "uz": "Uzbek",
    "vi": "Vietnamese", "vo": "Volapuk", "wa": "Walloon", "cy": "Welsh", "fy": "West_Frisian", "yo": "Yoruba",
}  # fmt: skip
"""ISO 639 codes of the languages jusText has a stop-word list for, and the list's file name."""

WORDFREQ_WORDS = 300
"""How many of ``wordfreq``'s most frequent words stand in for a stop-word list."""

SECTIONS = ("interface", "headers", "bylines", "dates", "credits", "captions", "networks", "agencies", "icons")


@dataclass(frozen=True)
class Lexicon:
    """What the classifier knows of one language; every entry is lower-case.

    ``interface``, ``headers``, ``bylines`` and ``credits`` hold the
    document language's vocabulary and English's (templates mix them);
    ``stop_chars`` is filled for scripts written without spaces.
    """

    language: str | None
    stop_words: frozenset[str]
    stop_chars: frozenset[str]
    interface: frozenset[str]
    headers: frozenset[str]
    bylines: frozenset[str]
    credits: frozenset[str]
    captions: frozenset[str]
    """Labels a page prints before a caption ("Image caption", "Légende")."""
    dates: frozenset[str]
    networks: frozenset[str]
    agencies: frozenset[str]
    icons: frozenset[str]

    @cached_property
    def phrases(self) -> frozenset[str]:
        """Every phrase whose letters count as web-interface text: interface words, network names and block headers."""
        return self.interface | self.networks | self.headers

    @property
    def has_vocabulary(self) -> bool:
        """Whether a vocabulary file exists for the document's own language."""
        return self.language is not None and self.language in vocabulary_languages()


def read_sections(text: str, source: str = "<text>") -> dict[str, frozenset[str]]:
    """Parse a vocabulary file: ``@section`` lines, then one entry per line; ``#`` starts a comment.

    >>> sorted(read_sections("@headers\\n# from a catalog\\nRelated posts\\nRead more  # teaser\\n")["headers"])
    ['read more', 'related posts']
    """
    sections: dict[str, set[str]] = {}
    current: set[str] | None = None
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.split("#", 1)[0].strip() if not raw.lstrip().startswith("#") else ""
        if not line:
            continue
        if line.startswith("@"):
            name = line[1:].strip()
            if name not in SECTIONS:
                raise ValueError(f"{source}:{number}: unknown section '@{name}' (one of {', '.join('@' + s for s in SECTIONS)})")
            current = sections.setdefault(name, set())
            continue
        if current is None:
            raise ValueError(f"{source}:{number}: entry before the first @section line")
        current.add(" ".join(line.lower().split()))
    return {name: frozenset(entries) for name, entries in sections.items()}


def _data() -> importlib.resources.abc.Traversable:
    return importlib.resources.files("cleaner") / "data" / "furniture"


@cache
def vocabulary_languages() -> frozenset[str]:
    """The languages with a vocabulary file."""
    return frozenset(p.name[:-4] for p in _data().iterdir() if p.name.endswith(".txt") and p.name != "common.txt")


@cache
def read_vocabulary(name: str) -> dict[str, frozenset[str]]:
    """The sections of ``cleaner/data/furniture/NAME.txt`` (empty when there is no such file)."""
    resource = _data() / f"{name}.txt"
    if not resource.is_file():
        return {}
    return read_sections(resource.read_text(encoding="utf-8"), f"cleaner/data/furniture/{name}.txt")


def _justext_stoplist(language: str) -> frozenset[str] | None:
    name = JUSTEXT_NAMES.get(language)
    spec = importlib.util.find_spec("justext") if name else None
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "stoplists" / f"{name}.txt"
    if not path.is_file():
        return None
    return frozenset(word.strip().lower() for word in path.read_text(encoding="utf-8").split() if word.strip())


WORDFREQ_NAMES = {"no": "nb"}
"""Codes langdetect gives that wordfreq knows under another name (Norwegian: Bokmål)."""


def _wordfreq_words(language: str) -> list[str]:
    """wordfreq's most frequent words of ``language``, kept in the cache on disk: importing wordfreq alone takes a fifth of a second."""
    from ...cache import cached, installed

    return cached(f"wordfreq-{installed('wordfreq')}", f"{language}:{WORDFREQ_WORDS}".encode(), lambda: _ask_wordfreq(language))


def _ask_wordfreq(language: str) -> list[str]:
    try:
        import wordfreq
    except ImportError:  # pragma: no cover - wordfreq is a dependency
        return []
    # Asked for a language it lacks, wordfreq logs a warning and guesses a near one: ask only for those it has.
    language = WORDFREQ_NAMES.get(language, language)
    if language not in wordfreq.available_languages():
        return []
    try:
        top: list[str] = wordfreq.top_n_list(language, WORDFREQ_WORDS)
    except (LookupError, ValueError):
        return []
    return top


@cache
def stop_words(language: str | None) -> tuple[frozenset[str], frozenset[str]]:
    """Stop words of ``language``, and for scripts without spaces its most frequent single characters.

    >>> words, chars = stop_words("ja")
    >>> "の" in chars, len(stop_words(None)[0])
    (True, 0)
    """
    if not language:
        return frozenset(), frozenset()
    frequent = _wordfreq_words(language)
    chars = frozenset(w for w in frequent if len(w) == 1 and UNSPACED.match(w))
    listed = _justext_stoplist(language)
    if listed is not None:
        return listed, chars
    return frozenset(w for w in frequent if not UNSPACED.search(w)), chars


@cache
def lexicon(language: str | None, *, vocabulary: bool = True) -> Lexicon:
    """Everything the classifier knows of ``language``; ``vocabulary=False`` leaves out the web-interface words."""
    words, chars = stop_words(language)
    common = read_vocabulary("common")
    own = read_vocabulary(language) if language else {}
    english = read_vocabulary("en")

    def merged(section: str) -> frozenset[str]:
        if not vocabulary:
            return frozenset()
        return own.get(section, frozenset()) | english.get(section, frozenset())

    return Lexicon(
        language=language,
        stop_words=words,
        stop_chars=chars,
        interface=merged("interface"),
        headers=merged("headers"),
        bylines=merged("bylines"),
        credits=merged("credits"),
        captions=merged("captions"),
        dates=own.get("dates", frozenset()) | english.get("dates", frozenset()) | common.get("dates", frozenset()),
        networks=common.get("networks", frozenset()) if vocabulary else frozenset(),
        agencies=common.get("agencies", frozenset()) if vocabulary else frozenset(),
        icons=common.get("icons", frozenset()),
    )


@cache
def lexicon_for(languages: tuple[str, ...], *, vocabulary: bool = True) -> Lexicon:
    """What the classifier knows of several candidate languages at once: the union of their words.

    Used when a short document's language is not certain: a line counts as
    prose if it reads as running text in any candidate, so a wrong guess can
    only make the classifier take less.

    >>> both = lexicon_for(("it", "en"))
    >>> both.language, "the" in both.stop_words, "che" in both.stop_words, "condividi" in both.interface
    ('it', True, True, True)
    """
    found = [lexicon(code, vocabulary=vocabulary) for code in languages] or [lexicon(None, vocabulary=vocabulary)]
    if len(found) == 1:
        return found[0]

    def union(name: str) -> frozenset[str]:
        merged: frozenset[str] = frozenset()
        for item in found:
            merged |= getattr(item, name)
        return merged

    return Lexicon(
        found[0].language,
        *(
            union(name)
            for name in ("stop_words", "stop_chars", "interface", "headers", "bylines", "credits", "captions", "dates", "networks", "agencies", "icons")
        ),
    )
