"""Transliteration keys: how two spellings of one name are compared.

Each word folds to a key that transliterations of one name share (accents
removed, ``y/j -> i``, ``w -> v``, ``kh/ch -> h``, doubled letters single,
...), so Sergey and Sergei, Zelenskyy and Selenskyj, Qaddafi and Kaddafi
agree. :func:`compatible` then tells whether two names, as word keys, may
be one person at all: initials, word counts and words that only look alike
(Paul/Paula, Kerry/Kelly) keep different people apart.

>>> name_key("Britney Greiner") == name_key("Brittney Greiner"), name_key("Sergey Lavrov") == name_key("Sergei Lavrov")
(True, True)
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from functools import lru_cache

import regex
from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from ...text import words

SPECIAL_LETTERS = str.maketrans({"ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ß": "ss", "æ": "ae", "œ": "oe", "ı": "i", "ħ": "h"})
APOSTROPHES = regex.compile(r"[’'ʼʻʿʾ`´‘]")
ARTICLE_PREFIX = regex.compile(r"^(?:al|el|ul|ad|an|ar|as|ash|at|az|ed|en|er|es|et)-(?=\w)")
ABD_PREFIX = regex.compile(r"^abd(?:ul|el|al|ol|il|ur|ar|er|us|as|es)(?=[a-z]{3}|$)")
FOLD = regex.compile(r"tsch|dzh|tch|sch|cz|ch|kh|gh|dh|th|ph|zh|dj|ck|ou|oo|x|q|c|w|z|j|y")
FOLD_TO = {
    "tsch": "h",
    "dzh": "i",
    "tch": "h",
    "sch": "sh",
    "cz": "h",
    "ch": "h",
    "kh": "h",
    "gh": "g",
    "dh": "d",
    "th": "t",
    "ph": "f",
    "zh": "i",
    "dj": "i",
    "ck": "k",
    "ou": "u",
    "oo": "u",
    "x": "ks",
    "q": "k",
    "c": "k",
    "w": "v",
    "z": "s",
    "j": "i",
    "y": "i",
}
DOUBLE = regex.compile(r"(.)\1+")
NOT_LETTER = regex.compile(r"[^a-z-]")
ARTICLES = frozenset({"al", "el", "ul"})
EUROPEAN_PARTICLES = frozenset({"von", "van", "vom", "der", "den", "de", "da", "di", "du", "dos", "das", "del", "della", "le", "la", "ter", "ten", "zu", "y"})
INITIALS = regex.compile(r"^(?:\p{Lu}\.?){1,3}$")
PATRONYMS = frozenset({"bin", "ibn", "bint", "ben", "bn", "ibni"})
SUFFIXES = frozenset({"jr", "sr"})
ROMAN = regex.compile(r"^(?:I{1,3}|IV|VI{0,3}|IX|XI{0,3})$")
VOWELS = frozenset("aeiou")


@lru_cache(maxsize=65536)
def fold_word(word: str) -> str:
    """The transliteration key of one word: Sergey and Sergei, Viktor and Victor, Qaddafi and Kaddafi agree.

    >>> [fold_word(w) for w in ("Sergey", "Sergei", "Zelenskyy", "Selenskyj", "Poutine", "al-Assad")]
    ['sergei', 'sergei', 'selenski', 'selenski', 'putin', 'asad']
    """
    if ROMAN.match(word):
        return word.lower()
    text = unicodedata.normalize("NFKD", word.casefold().translate(SPECIAL_LETTERS))
    text = "".join(c for c in text if not unicodedata.combining(c)).translate(SPECIAL_LETTERS)
    text = NOT_LETTER.sub("", APOSTROPHES.sub("", text))
    text = ARTICLE_PREFIX.sub("", text).replace("-", "")
    text = ABD_PREFIX.sub("abd", text)
    if text.endswith("off"):
        text = text[:-3] + "ov"
    text = str(FOLD.sub(lambda m: FOLD_TO[m.group(0)], text))
    text = str(DOUBLE.sub(r"\1", text))
    if text.startswith("ie") and len(text) > 3:
        text = text[1:]
    if len(text) > 2 and text[-1] == "h" and text[-2] in VOWELS:
        text = text[:-1]
    if len(text) >= 5 and text[-1] == "e" and text[-2] not in VOWELS:
        text = text[:-1]
    return text


def key_words(words: Sequence[str]) -> tuple[str, ...]:
    """Keys of a name's words, without Arabic articles and suffixes; bin/ibn/ben become ``bn``.

    >>> key_words(["Abdel", "Fattah", "el-Sisi"]), key_words(["Mohammed", "ibn", "Salman"])
    (('abd', 'fata', 'sisi'), ('mohamed', 'bn', 'salman'))
    """
    return _key_words(tuple(words))


@lru_cache(maxsize=65536)
def _key_words(words: tuple[str, ...]) -> tuple[str, ...]:
    keys: list[str] = []
    for index, word in enumerate(words):
        lower = word.casefold().rstrip(".")
        if (lower in ARTICLES or lower in EUROPEAN_PARTICLES) and len(words) > 1:
            continue
        if INITIALS.match(word) and not ROMAN.match(word) and (len(word) == 1 or not word.isalpha() or (len(words) > 1 and index > 0)):
            keys.extend(fold_word(letter) for letter in word if letter.isalpha())
            continue
        if lower in SUFFIXES:
            keys.append(lower)
            continue
        if lower in PATRONYMS and index > 0:
            keys.append("bn")
            continue
        parts = ARTICLE_PREFIX.sub("", word.casefold()).split("-") if "-" in word else [word]
        keys.extend(key for key in map(fold_word, parts) if key)
    return tuple(keys)


def name_key(name: str) -> str:
    """The key two spellings of one name share: words folded and joined without spaces.

    >>> name_key("Xi Jin-ping") == name_key("Xi Jinping"), name_key("Kim Jong-un") == name_key("Kim Jong Un")
    (True, True)
    """
    return "".join(key_words(split_name(name)))


def split_name(name: str) -> list[str]:
    """The words of a name, by the one tokeniser (:func:`cleaner.text.words`): initials lose their full stop.

    >>> split_name("George W. Bush"), split_name("Kim Jong-un")
    (['George', 'W', 'Bush'], ['Kim', 'Jong-un'])
    """
    return words(name)


def normal_text(name: str) -> str:
    """A name as a listing compares it: case, apostrophes and spacing ignored."""
    return " ".join(APOSTROPHES.sub("'", unicodedata.normalize("NFC", name)).casefold().split())


def unaccented(text: str) -> str:
    """``text`` without its accents: two spellings that differ only there are one spelling, with or without the person's own orthography.

    >>> unaccented("Recep Tayyip Erdoğan")
    'Recep Tayyip Erdogan'
    """
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def skeleton(key: str) -> str:
    return "".join(c for c in key if c not in VOWELS)


def different_words(a: str, b: str) -> bool:
    """Whether two word keys name different people even though they look alike.

    A word that only adds letters at its end (Paul/Paula, Hassan/Hassani,
    Lavrov/Lavrova), a feminine ending against another ending (Olena
    Zelenska / Zelensky), a short word with other consonants (Kerry/Kelly,
    Un/Il), words that start with other consonants once transliteration is
    folded away (Donald/Ronald) and words too far apart all count as different.

    >>> different_words("paul", "paula"), different_words("keri", "keli"), different_words("donald", "ronald"), different_words("mohamed", "muhamad")
    (True, True, True, False)
    """
    if a == b:
        return False
    shortest = min(len(a), len(b))
    if shortest <= 3:
        return True
    common = 0
    while common < shortest and a[common] == b[common]:
        common += 1
    tail_a, tail_b = a[common:], b[common:]
    if not tail_a or not tail_b:
        extra = tail_a or tail_b
        return extra not in ("o", "e") and (extra[-1] in VOWELS or extra[-1] == "s" or len(extra) > 1)
    if len(tail_a) <= 3 and len(tail_b) <= 3 and (tail_a.endswith("a") != tail_b.endswith("a")):
        return True
    if shortest <= 5:
        return skeleton(a) != skeleton(b) or Levenshtein.distance(a, b) > 1
    return (a[0] != b[0] and a[0] not in VOWELS and b[0] not in VOWELS) or fuzz.ratio(a, b) < 70


def compatible(a: Sequence[str], b: Sequence[str]) -> bool:
    """Whether two names (as word keys) may be spellings of one person.

    Initials must agree (George Bush is not George W. Bush); with as many
    words on each side, every pair of words must be alike; otherwise only
    a different split of the same letters is allowed (Kim Jong-un, Kim Jong Un).

    >>> compatible(("kim", "iong", "un"), ("kim", "iong", "il")), compatible(("iorge", "bush"), ("iorge", "v", "bush"))
    (False, False)
    """
    if sorted(w for w in a if len(w) == 1) != sorted(w for w in b if len(w) == 1):
        return False
    if len(a) == len(b):
        return not any(different_words(x, y) for x, y in zip(a, b))
    return "".join(a) == "".join(b)
