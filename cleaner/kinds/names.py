"""``names``: one spelling per person, from a gazetteer and the document's own mentions.

Machine translation and hurried transliteration spell one person several
ways, often within one article ("Sergey Lavrov" and "Sergei Lavrov",
"Britney Greiner" for Brittney Griner). The rule finds name mentions as runs
of capitalised words (no NLP model), compares them with a gazetteer through a
transliteration-aware key and rapidfuzz, and gives each person one spelling:

- a full name listed in the gazetteer, or equal to a listed one once both are
  folded to the key, becomes the canonical spelling (safe); a close fuzzy
  match of a listed name does too, but unsafe;
- a surname standing alone follows the full name the document gives that
  person ("Greiner said" -> "Griner said"), safe when the gazetteer knows him;
- a name the gazetteer does not know, written two ways in one document,
  takes the document's best-attested spelling (unsafe).

Left alone: different people with similar names (Kim Jong Un and Kim Jong
Il, George Bush and George W. Bush, Paul and Paula Whelan), a surname shared
by two people of the document, names written in capitals, common words.

>>> from cleaner.kinds.names import name_key
>>> name_key("Britney Greiner") == name_key("Brittney Greiner"), name_key("Sergey Lavrov") == name_key("Sergei Lavrov")
(True, True)
"""

from __future__ import annotations

import os
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import regex
import yaml
from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from ..document import Document
from ..model import Edit, Rule
from .base import Context, Kind, Option, OptionError

MIN_SCORE = 85
"""Lowest rapidfuzz ratio (0-100) of the folded keys for a fuzzy gazetteer match (unsafe)."""
SAFE_DISTANCE = 1
"""Edits between folded keys up to which a fuzzy match still counts as a transliteration (safe)."""
CLUSTER_SCORE = 88
"""Lowest ratio for two spellings of an unlisted name in one document to be merged (unsafe)."""
SURNAME_SCORE = 85
"""Lowest ratio for a lone surname to follow a differently spelled full name of the document."""
BLOCK_SCORE = 70
"""Lowest ratio of a word to a gazetteer surname for that person to be considered at all."""
MARGIN = 5
"""A fuzzy match is left alone when another person scores within this many points."""
COMMON_WORD = 4.0
"""Zipf frequency (wordfreq) from which a lone capitalised word is taken for a word, not a surname."""
SAFE_KEY_LENGTH = 8
MAX_BLOCKED = 200_000

# -- transliteration-aware keys -------------------------------------------------

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
    return name.split()


def plain(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def only_accents(written: str, canonical: str) -> bool:
    """Whether ``written`` is ``canonical`` with accents added.

    A gazetteer that lists such a spelling ("Recep Tayyip Erdoğan") records
    the person's own orthography, which the rule leaves alone; accents it
    does not list ("Vladímir Putin") are a translator's and are removed.

    >>> only_accents("Recep Tayyip Erdoğan", "Recep Tayyip Erdogan"), only_accents("Erdogan", "Erdoğan")
    (True, False)
    """
    return written != canonical and plain(written) == canonical


def normal_text(name: str) -> str:
    """A name as a listing compares it: case, apostrophes and spacing ignored."""
    return " ".join(APOSTROPHES.sub("'", unicodedata.normalize("NFC", name)).casefold().split())


# -- telling different people apart --------------------------------------------


def skeleton(key: str) -> str:
    return "".join(c for c in key if c not in VOWELS)


def different_words(a: str, b: str) -> bool:
    """Whether two word keys name different people even though they look alike.

    A word that only adds letters at its end (Paul/Paula, Hassan/Hassani,
    Lavrov/Lavrova), a feminine ending against another ending (Olena
    Zelenska / Zelensky), a short word with other consonants (Kerry/Kelly,
    Un/Il) and words too far apart all count as different.

    >>> different_words("paul", "paula"), different_words("keri", "keli"), different_words("mohamed", "muhamad")
    (True, True, False)
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
    return fuzz.ratio(a, b) < 70


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


# -- the gazetteer ---------------------------------------------------------------


@dataclass(frozen=True)
class Person:
    """One gazetteer entry; a *phantom* is a name given only under ``distinct``."""

    name: str
    variants: tuple[str, ...]
    source: str
    surname: str
    distinct: tuple[str, ...] = ()
    phantom: bool = False


@dataclass(frozen=True)
class Form:
    """One listed spelling of a person, with its keys."""

    person: int
    text: str
    words: tuple[str, ...]
    key: str


@dataclass
class Gazetteer:
    """People and the indexes built once per gazetteer to match mentions quickly."""

    people: list[Person] = field(default_factory=list)
    forms: list[Form] = field(default_factory=list)
    listed: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    keyed: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    surnames: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    by_first: dict[str, list[str]] = field(default_factory=dict)
    by_ending: dict[str, list[str]] = field(default_factory=dict)
    person_forms: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))
    problems: list[str] = field(default_factory=list)
    blocked: dict[str, tuple[int, ...]] = field(default_factory=dict)

    def add(self, person: Person) -> None:
        index = len(self.people)
        self.people.append(person)
        surname_key = name_key(person.surname)
        if surname_key:
            self.surnames[surname_key].add(index)
        for text in (person.name, *person.variants):
            words = key_words(split_name(text))
            form = Form(index, text, words, "".join(words))
            if not form.key:
                continue
            self.person_forms[index].append(len(self.forms))
            self.forms.append(form)
            self.listed[normal_text(text)].add(index)
            self.keyed[form.key].add(index)
            surname = form_surname(form, surname_key)
            if surname:
                self.surnames[surname].add(index)

    def finish(self) -> None:
        known = {normal_text(p.name) for p in self.people}
        for person in list(self.people):
            for other in person.distinct:
                if normal_text(other) not in known:
                    known.add(normal_text(other))
                    self.add(Person(other, (), "", surname_of(other), phantom=True))
        first: dict[str, list[str]] = defaultdict(list)
        ending: dict[str, list[str]] = defaultdict(list)
        for key in sorted(self.surnames):
            first[key[:1]].append(key)
            ending[key[-2:]].append(key)
        self.by_first, self.by_ending = dict(first), dict(ending)
        for text, people in self.listed.items():
            real = {self.people[i].name for i in people if not self.people[i].phantom}
            if len(real) > 1:
                self.problems.append(f"'{text}' is listed for {len(real)} people: {', '.join(sorted(real))}")

    def candidates(self, word_key: str) -> tuple[int, ...]:
        """People whose surname is close to ``word_key``: rapidfuzz over the surname index, by first letter and by ending.

        Results are kept per word, since the same capitalised words recur across documents.
        """
        found = self.blocked.get(word_key)
        if found is not None:
            return found
        people: set[int] = set(self.surnames.get(word_key, ()))
        if len(word_key) >= 3:
            for bucket in (self.by_first.get(word_key[:1], ()), self.by_ending.get(word_key[-2:], ())):
                for key, _score, _index in process.extract(word_key, bucket, scorer=fuzz.ratio, score_cutoff=BLOCK_SCORE, limit=None):
                    people.update(self.surnames[key])
        if len(self.blocked) >= MAX_BLOCKED:
            self.blocked.clear()
        self.blocked[word_key] = found = tuple(sorted(people))
        return found


def form_surname(form: Form, surname_key: str) -> str:
    """The key of the word(s) of ``form`` that spell the person's surname."""
    if not form.words:
        return ""
    if not surname_key or surname_key == form.words[-1] or len(form.words) == 1:
        return form.words[-1]
    joined = "".join(form.words)
    if surname_key in joined:
        return surname_key
    best = process.extractOne(surname_key, form.words, scorer=fuzz.ratio, score_cutoff=BLOCK_SCORE)
    return best[0] if best else form.words[-1]


def surname_of(name: str) -> str:
    words = split_name(name)
    return words[-1] if words else name


def read_people(path: str) -> list[Person]:
    """The entries of one gazetteer file; raises :class:`OptionError` naming the bad entry."""
    with open(path, encoding="utf-8-sig") as handle:
        try:
            data = yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        except yaml.YAMLError as error:
            raise OptionError(f"gazetteer {path}: invalid YAML: {error}") from None
    if not isinstance(data, dict) or not isinstance(data.get("people"), list):
        raise OptionError(f"gazetteer {path}: must be a mapping with a 'people' list")
    people: list[Person] = []
    for number, entry in enumerate(data["people"], 1):
        where = f"gazetteer {path}: entry {number}"
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str) or not entry["name"].strip():
            raise OptionError(f"{where}: needs a 'name' string (keys: name, variants, source, surname, distinct)")
        unknown = set(entry) - {"name", "variants", "source", "surname", "distinct"}
        if unknown:
            raise OptionError(f"{where} ('{entry['name']}'): unknown key '{sorted(unknown)[0]}' (allowed: name, variants, source, surname, distinct)")
        lists = {}
        for key in ("variants", "distinct"):
            value = entry.get(key) or []
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise OptionError(f"{where} ('{entry['name']}'): {key} must be a list of strings")
            lists[key] = tuple(v.strip() for v in value if v.strip())
        surname = entry.get("surname")
        if surname is not None and not isinstance(surname, str):
            raise OptionError(f"{where} ('{entry['name']}'): surname must be a string")
        name = entry["name"].strip()
        people.append(Person(name, lists["variants"], str(entry.get("source") or ""), (surname or surname_of(name)).strip(), lists["distinct"]))
    return people


@lru_cache(maxsize=32)
def _load(files: tuple[tuple[str, int], ...]) -> Gazetteer:
    gazetteer = Gazetteer()
    seen: dict[str, int] = {}
    for path, _mtime in files:
        for person in read_people(path):
            known = seen.get(normal_text(person.name))
            if known is not None:
                old = gazetteer.people[known]
                gazetteer.problems.append(f"'{person.name}' is listed twice")
                if set(person.variants) <= set(old.variants):
                    continue
            seen[normal_text(person.name)] = len(gazetteer.people)
            gazetteer.add(person)
    gazetteer.finish()
    return gazetteer


def load_gazetteer(paths: Sequence[str]) -> Gazetteer:
    """The gazetteer of ``paths``, built once and cached until a file changes."""
    return _load(tuple((str(p), os.stat(p).st_mtime_ns) for p in paths))


# -- finding mentions ---------------------------------------------------------------

PARTICLE_WORDS = "bin|bint|ibn|ben|al|el|ul|de|da|di|du|dos|das|del|della|van|von|der|den|ter|ten|le|la|y|ould|zu"
LEADING_PARTICLES = "von|van|de|da|di|du|del|della|dos|le|la|al|el|bin|ibn|ter|ten"
ABBREVIATIONS = "Dr|Mr|Mrs|Ms|Jr|Sr|St|Gen|Col|Lt|Sgt|Capt|Sen|Rep|Gov|Prof|Adm|Maj|Rev|Hon|Mme|Mlle|Cpl|Pvt|Cmdr|Brig|Amb"
WORD = (
    r"(?:(?:al|el|ad|an|ar|as|ash|at|az|ul|ud|ed|bin|ibn|abu|d|l)['’-])?"
    r"\p{Lu}\p{M}*(?:\p{Ll}|['’]\p{Lu})[\p{L}\p{M}]*"
    r"(?:-[\p{L}\p{M}]+|['’](?![sS](?![\p{L}]))[\p{L}\p{M}]+)*"
)
TOKEN = rf"(?:(?:{ABBREVIATIONS})\.|(?:\p{{Lu}}\.?){{1,3}}(?=[ \u00a0]\p{{Lu}})|{WORD})"
LATER_TOKEN = rf"(?:{TOKEN}|(?:I{{1,3}}|IV|VI{{0,3}}|IX|XI{{0,3}})(?![\p{{L}}\p{{N}}]))"
SPACE = r"[ \u00a0]"
RUN = regex.compile(
    rf"(?<![\p{{L}}\p{{M}}\p{{N}}'’\-.]){TOKEN}"
    rf"(?:{SPACE}(?:(?:{PARTICLE_WORDS}){SPACE})*{LATER_TOKEN})*(?![\p{{L}}\p{{M}}\p{{N}}])"
)
PIECE = regex.compile(rf"{LATER_TOKEN}|(?<![\p{{L}}])(?:{PARTICLE_WORDS})(?![\p{{L}}])")
LEADING = regex.compile(rf"(?<![\p{{L}}\p{{M}}\p{{N}}'’\-.])(?:{LEADING_PARTICLES}){SPACE}(?:(?:der|den|la|le){SPACE})?$")

PARTICLES = frozenset(PARTICLE_WORDS.split("|")) | {"Al", "El"}
TITLES = frozenset(
    """
    president presidents vice prime minister ministers foreign defense defence interior finance economy justice health
    deputy secretary secretary-general state general gen lt col colonel major maj capt captain commander admiral adm
    marshal field sergeant sgt cpl corporal pvt private dr mr mrs ms miss mme mlle sir dame lord lady prof professor
    seyyed sayyed sayyid hojatoleslam haj hajj haji king queen prince princess crown emir sheikh sheikha shaikh sultan ayatollah imam mullah grand mufti pope patriarch
    cardinal archbishop bishop rabbi rev reverend father saint st sen senator rep representative congressman
    congresswoman gov governor mayor judge chancellor premier speaker chairman chairwoman chair chief ceo director
    ambassador envoy spokesman spokeswoman spokesperson leader opposition former late ex acting interim supreme house
    senate agent officer detective inspector coach manager striker midfielder defender goalkeeper player players
    champion star actor actress singer rapper author writer journalist reporter analyst dean commissioner adviser
    advisor excellency majesty highness royal his her their our army navy air force marine marines seal seals navy
    police pilot citizen citizens national nationals activist activists lawyer attorney prosecutor hon honorable
    honourable brig amb dissident cleric militant tycoon billionaire businessman businesswoman opponent rival president-elect
    american americans russian russians ukrainian chinese iranian iraqi syrian turkish israeli palestinian egyptian
    saudi emirati qatari kuwaiti bahraini omani yemeni jordanian lebanese libyan tunisian algerian moroccan sudanese
    ethiopian somali kenyan nigerian african afghan pakistani indian bangladeshi japanese korean vietnamese thai
    indonesian malaysian filipino australian british english scottish irish welsh french german italian spanish
    portuguese dutch belgian swiss austrian polish czech hungarian romanian bulgarian serbian croatian greek cypriot
    swedish norwegian danish finnish estonian latvian lithuanian belarusian georgian armenian azerbaijani kazakh uzbek
    kyrgyz tajik turkmen mongolian canadian mexican brazilian argentine argentinian chilean colombian venezuelan
    peruvian cuban european arab western soviet kremlin white us u.s. uk un eu nato
    the a an this that these those when while after before as at in on for from with by and but or if also then
    meanwhile however today yesterday tomorrow during since under according following despite he she they it we i
    monday tuesday wednesday thursday friday saturday sunday january february march april june july august september
    october november december dear
    """.split()
)


@dataclass(frozen=True)
class Mention:
    """A name as written: its span and words (particles included), titles left out."""

    start: int
    end: int
    text: str
    words: tuple[str, ...]
    capitals: int
    keys: tuple[str, ...]

    @property
    def key(self) -> str:
        return "".join(self.keys)

    @property
    def bare(self) -> bool:
        """One capitalised word, maybe with particles: a surname standing alone."""
        return self.capitals == 1


def find_mentions(text: str) -> list[Mention]:
    """Name mentions of ``text``: runs of capitalised words with particles, titles stripped.

    >>> [m.text for m in find_mentions("Russian Foreign Minister Sergei Lavrov met Griner’s lawyer and al-Sisi.")]
    ['Sergei Lavrov', 'Griner', 'al-Sisi']
    """
    found: list[Mention] = []
    for run in RUN.finditer(text):
        start = run.start()
        word = run.group(0)
        if " " not in word and "\u00a0" not in word and not (start and text[start - 1] == " " and text[start - 2 : start - 1].islower()):
            if word.casefold().rstrip(".") not in TITLES and not word.endswith("."):
                found.append(Mention(start, run.end(), word, (word,), 1, key_words((word,))))
            continue
        lead = LEADING.search(text, max(0, start - 12), start)
        if lead is not None:
            start = lead.start()
        pieces = [(m.start() + start, m.end() + start, m.group(0)) for m in PIECE.finditer(text[start : run.end()])]
        pieces = strip_titles(pieces)
        if not pieces:
            continue
        while pieces and (pieces[-1][2] in PARTICLES or (pieces[-1][2].endswith(".") and len(pieces[-1][2]) > 2 and pieces[-1][2][:-1] not in ("Jr", "Sr"))):
            pieces.pop()
        if not pieces:
            continue
        words = tuple(p[2] for p in pieces)
        capitals = sum(1 for w in words if w not in PARTICLES and not (len(w) == 2 and w.endswith(".")) and not ROMAN.match(w))
        if capitals == 0:
            continue
        start, end = pieces[0][0], pieces[-1][1]
        found.append(Mention(start, end, text[start:end], words, capitals, key_words(words)))
    return found


def strip_titles(pieces: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Drop titles, demonyms and sentence-starting words before a name ("Russian Foreign Minister")."""
    last = -1
    for index, (_s, _e, word) in enumerate(pieces[:-1]):
        if word.casefold().rstrip(".") in TITLES and any(p[2] not in PARTICLES for p in pieces[index + 1 :]):
            last = index
    return pieces[last + 1 :]


# -- matching ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Match:
    """A mention resolved to a gazetteer person, with how sure the match is."""

    person: int
    how: str
    safe: bool
    score: float


def match_mention(gazetteer: Gazetteer, mention: Mention, *, min_score: int = MIN_SCORE, safe_distance: int = SAFE_DISTANCE) -> Match | None:
    """The gazetteer person a full-name mention spells, or None when unknown or ambiguous."""
    people = gazetteer.listed.get(normal_text(mention.text))
    if people:
        return _only(gazetteer, people, "listed", True, 100.0)
    people = gazetteer.keyed.get(mention.key)
    if people:
        return _only(gazetteer, people, "transliteration", True, 100.0)
    if len(mention.keys) < 2 or len(mention.key) < 6:
        return None
    if all(is_common_word(w) for w in mention.words if w not in PARTICLES):
        return None
    candidates: set[int] = set()
    for word in {mention.keys[0], mention.keys[-1]}:
        if len(word) >= 3:
            candidates.update(gazetteer.candidates(word))
    if not candidates:
        return None
    forms = [i for person in sorted(candidates) for i in gazetteer.person_forms[person]]
    scored = process.extract(mention.key, [gazetteer.forms[i].key for i in forms], scorer=fuzz.ratio, score_cutoff=min_score - MARGIN, limit=None)
    best: dict[int, tuple[float, Form]] = {}
    for _key, score, position in scored:
        form = gazetteer.forms[forms[position]]
        if not compatible(mention.keys, form.words):
            continue
        if form.person not in best or score > best[form.person][0]:
            best[form.person] = (score, form)
    if not best:
        return None
    ranked = sorted(best.items(), key=lambda item: -item[1][0])
    person, (score, form) = ranked[0]
    if score < min_score or gazetteer.people[person].phantom:
        return None
    distance = Levenshtein.distance(mention.key, form.key)
    for _other, (other_score, other_form) in ranked[1:]:
        if other_score >= score - MARGIN and Levenshtein.distance(mention.key, other_form.key) <= distance:
            return None
    close = distance <= safe_distance and len(mention.key) >= SAFE_KEY_LENGTH
    return Match(person, "transliteration" if close else f"close spelling of '{form.text}', score {round(score)}", close, score)


def _only(gazetteer: Gazetteer, people: set[int], how: str, safe: bool, score: float) -> Match | None:
    if len(people) != 1:
        return None
    (person,) = people
    if gazetteer.people[person].phantom:
        return None
    return Match(person, how, safe, score)


@lru_cache(maxsize=65536)
def is_common_word(word: str) -> bool:
    """Whether a capitalised word is more likely an English word than a surname (But, Also, Price)."""
    from wordfreq import zipf_frequency

    return bool(zipf_frequency(word.casefold(), "en") >= COMMON_WORD)


@dataclass
class _Referent:
    """Someone the document names in full: a gazetteer person or a spelling the document settles on."""

    ident: tuple[str, str]
    surname: str
    canonical: str
    known: bool
    text_surnames: set[str] = field(default_factory=set)


class Names(Kind):
    """Give each person one spelling, from a gazetteer and the document's own full names."""

    name = "names"
    summary = "one spelling per person (gazetteer + document)"
    options = {
        "gazetteer": Option("path-list", "Gazetteer files (YAML `people:` lists), relative to the pack file.", required=True),
        "min-score": Option(
            "int", f"Lowest rapidfuzz ratio of folded keys for a fuzzy gazetteer match, which is unsafe (default {MIN_SCORE}).", default=MIN_SCORE, minimum=50
        ),
        "safe-distance": Option(
            "int",
            f"Edits between folded keys up to which a match counts as a transliteration, which is safe (default {SAFE_DISTANCE}).",
            default=SAFE_DISTANCE,
            minimum=0,
        ),
        "cluster-score": Option(
            "int",
            f"Lowest ratio for two spellings of an unlisted name in one document to be merged, unsafe (default {CLUSTER_SCORE}).",
            default=CLUSTER_SCORE,
            minimum=50,
        ),
        "surname-score": Option(
            "int", f"Lowest ratio for a lone surname to follow a full name of the document (default {SURNAME_SCORE}).", default=SURNAME_SCORE, minimum=50
        ),
        "document": Option(
            "bool", "Also settle names the gazetteer does not know on the document's best-attested spelling (unsafe; default true).", default=True
        ),
        "bare-surnames": Option(
            "bool", "Respell a lone surname from the gazetteer when the document names nobody in full with it (unsafe; default true).", default=True
        ),
    }
    fields = {
        "canonical": "The spelling the name is given",
        "reason": "Why that spelling: the gazetteer entry or the document's own majority",
    }

    def __init__(self, rule: Rule) -> None:
        super().__init__(rule)
        paths = self.option("gazetteer")
        paths = [paths] if isinstance(paths, str) else list(paths)
        if not paths:
            raise OptionError("gazetteer must name at least one file")
        for number in ("min-score", "cluster-score", "surname-score"):
            if not 50 <= int(self.option(number)) <= 100:
                raise OptionError(f"{number} must be between 50 and 100 (not {self.option(number)})")
        self.gazetteer = load_gazetteer(paths)
        self.min_score = int(self.option("min-score"))
        self.safe_distance = int(self.option("safe-distance"))
        self.cluster_score = int(self.option("cluster-score"))
        self.surname_score = int(self.option("surname-score"))
        self.document = bool(self.option("document"))
        self.bare_surnames = bool(self.option("bare-surnames"))

    def find(self, doc: Document, ctx: Context) -> Iterator[Edit]:
        yield from find_edits(self, doc.text)


def find_edits(kind: Names, text: str) -> Iterator[Edit]:
    """Every respelling the rule proposes for ``text``."""
    gazetteer = kind.gazetteer
    mentions = find_mentions(text)
    full = [m for m in mentions if not m.bare]
    bare = [m for m in mentions if m.bare]
    referents: dict[tuple[str, str], _Referent] = {}
    by_surname: dict[str, set[tuple[str, str]]] = defaultdict(set)
    given: dict[str, set[tuple[str, str]]] = defaultdict(set)
    safe_surnames: set[tuple[tuple[str, str], str]] = set()
    unknown: list[Mention] = []
    for mention in full:
        match, core = resolve(gazetteer, mention, min_score=kind.min_score, safe_distance=kind.safe_distance)
        if match is None or core is None:
            unknown.append(mention)
            continue
        person = gazetteer.people[match.person]
        ident = ("gazetteer", person.name)
        referent = referents.setdefault(ident, _Referent(ident, person.surname, person.name, True))
        text_surname = _text_surname(core, person)
        referent.text_surnames.add(text_surname)
        if match.safe:
            safe_surnames.add((ident, name_key(text_surname)))
        by_surname[name_key(text_surname)].add(ident)
        by_surname[name_key(person.surname)].add(ident)
        given[core.keys[0]].add(ident)
        if core.text != person.name and not (only_accents(core.text, person.name) and normal_text(core.text) in gazetteer.listed):
            yield kind.edit(
                core.start,
                core.end,
                person.name,
                match=core.text,
                fields={"canonical": person.name, "reason": f"gazetteer '{person.name}' ({match.how})"},
                safe=match.safe,
            )
    clusters = settle(unknown, Counter(m.text for m in bare), kind.cluster_score) if kind.document else {}
    for mention in unknown:
        target = clusters.get(mention.text)
        ident = ("document", target[0] if target else mention.text)
        surname = split_name(ident[1])[-1]
        referent = referents.setdefault(ident, _Referent(ident, surname, ident[1], False))
        referent.text_surnames.add(mention.words[-1])
        by_surname[fold_word(mention.words[-1])].add(ident)
        given[mention.keys[0] if mention.keys else ""].add(ident)
        if target and target[0] != mention.text:
            yield kind.edit(
                mention.start,
                mention.end,
                target[0],
                match=mention.text,
                fields={"canonical": target[0], "reason": f"this document writes '{target[0]}' {target[1]} times"},
                safe=False,
            )
    surname_keys = sorted(by_surname)
    for mention in bare:
        edit = _follow(kind, mention, referents, by_surname, surname_keys, given, safe_surnames)
        if edit is not None:
            yield edit


def resolve(gazetteer: Gazetteer, mention: Mention, *, min_score: int = MIN_SCORE, safe_distance: int = SAFE_DISTANCE) -> tuple[Match | None, Mention | None]:
    """The gazetteer match of a full mention, or of its longest listed tail ("State Anthony Blinken"), with the part matched."""
    match = match_mention(gazetteer, mention, min_score=min_score, safe_distance=safe_distance)
    if match is not None:
        return match, mention
    for cut in range(1, len(mention.words) - 1):
        tail = Mention(0, 0, "", mention.words[cut:], 0, key_words(mention.words[cut:]))
        capitals = sum(1 for w in tail.words if w not in PARTICLES)
        if capitals < 2 or mention.words[cut] in PARTICLES:
            continue
        people = gazetteer.listed.get(normal_text(" ".join(tail.words))) or gazetteer.keyed.get(tail.key)
        if people:
            found = _only(gazetteer, people, "listed" if gazetteer.listed.get(normal_text(" ".join(tail.words))) else "transliteration", True, 100.0)
            if found is not None:
                start = mention.start + mention.text.index(" ".join(mention.words[cut:])) if " ".join(mention.words[cut:]) in mention.text else None
                if start is None:
                    return None, None
                core = Mention(start, mention.end, mention.text[start - mention.start :], tail.words, capitals, tail.keys)
                return found, core
    return None, None


def _text_surname(mention: Mention, person: Person) -> str:
    """The word(s) of ``mention`` that stand for the person's surname."""
    surname_key = name_key(person.surname)
    words = [w for w in mention.words if w not in PARTICLES or w in split_name(person.surname)]
    if not surname_key or surname_key == name_key(person.name.split()[-1]) or len(words) < 2:
        return mention.words[-1]
    count = len(split_name(person.surname))
    best = max(range(len(mention.words) - count + 1), key=lambda i: fuzz.ratio(name_key(" ".join(mention.words[i : i + count])), surname_key))
    return " ".join(mention.words[best : best + count])


def person_like(mention: Mention) -> bool:
    """Whether an unlisted run of capitalised words looks like a person's name (not "New York", not "Foreign Ministry")."""
    capitals = [w for w in mention.words if w not in PARTICLES and not w.endswith(".")]
    if len(capitals) < 2 or len(capitals) > 5:
        return False
    if any(w.casefold() in TITLES for w in capitals):
        return False
    return not all(is_common_word(w) for w in capitals)


def settle(mentions: Sequence[Mention], alone: Counter[str], cluster_score: int = CLUSTER_SCORE) -> dict[str, tuple[str, int]]:
    """For each spelling of an unlisted name, the document's best-attested spelling and its count.

    A spelling is attested by its full mentions, then by its surname standing
    alone; a tie leaves every spelling of that name as it is.
    """
    people = [m for m in mentions if person_like(m)]
    counts = Counter({text: 1000 * n + alone[split_name(text)[-1]] for text, n in Counter(m.text for m in people).items()})
    if len(counts) < 2:
        return {}
    words = {m.text: m.keys for m in people}
    texts = sorted(counts, key=lambda t: (-counts[t], text_order(people, t)))
    keys = ["".join(words[t]) for t in texts]
    settled: dict[str, tuple[str, int]] = {}
    for index, text in enumerate(texts):
        if text in settled:
            continue
        matches = process.extract(keys[index], keys, scorer=fuzz.ratio, score_cutoff=cluster_score, limit=None)
        group = [texts[i] for _k, _s, i in matches if texts[i] not in settled and _same_person(words[text], words[texts[i]], text, texts[i])]
        if len(group) < 2:
            continue
        top = max(counts[t] for t in group)
        leaders = [t for t in group if counts[t] == top]
        if len(leaders) > 1:
            for t in group:
                settled[t] = (t, counts[t])
            continue
        for t in group:
            settled[t] = (leaders[0], top // 1000)
    return settled


def text_order(mentions: Sequence[Mention], text: str) -> int:
    return next(m.start for m in mentions if m.text == text)


def _same_person(a: Sequence[str], b: Sequence[str], text_a: str, text_b: str) -> bool:
    if not compatible(a, b):
        return False
    changed = [w for w, v in zip(split_name(text_a), split_name(text_b)) if w != v] if len(a) == len(b) else []
    return not any(is_common_word(w) for w in changed)


def _follow(
    kind: Names,
    mention: Mention,
    referents: dict[tuple[str, str], _Referent],
    by_surname: dict[str, set[tuple[str, str]]],
    surname_keys: list[str],
    given: dict[str, set[tuple[str, str]]],
    safe_surnames: set[tuple[tuple[str, str], str]],
) -> Edit | None:
    """The respelling of a lone surname after the full name it refers to, if exactly one fits."""
    word = mention.text
    key = mention.key
    if len(key) < 4 or word.casefold().rstrip(".") in TITLES:
        return None
    found = set(by_surname.get(key, ()))
    if not found:
        for other, _score, _i in process.extract(key, surname_keys, scorer=fuzz.ratio, score_cutoff=kind.surname_score, limit=None):
            if not different_words(key, other):
                found.update(by_surname[other])
    if not found:
        return _gazetteer_surname(kind, mention) if kind.bare_surnames else None
    if len(found) != 1:
        return None
    (ident,) = found
    if given.get(key, set()) - {ident}:
        return None
    referent = referents[ident]
    target = referent.surname
    if word == target or is_common_word(word):
        return None
    close = Levenshtein.distance(key, name_key(target)) <= kind.safe_distance or (ident, key) in safe_surnames
    safe = referent.known and close
    if referent.known:
        reason = f"gazetteer '{referent.canonical}' (surname; named in full in this document)"
    else:
        reason = f"this document names '{referent.canonical}'"
    return kind.edit(mention.start, mention.end, target, match=word, fields={"canonical": target, "reason": reason}, safe=safe)


def _gazetteer_surname(kind: Names, mention: Mention) -> Edit | None:
    """A lone surname the gazetteer spells otherwise for exactly one person (unsafe: nobody is named in full)."""
    gazetteer = kind.gazetteer
    people = gazetteer.surnames.get(mention.key, set())
    real = [i for i in people if not gazetteer.people[i].phantom]
    if len(people) != 1 or len(real) != 1 or len(mention.key) < 5:
        return None
    person = gazetteer.people[real[0]]
    if mention.text == person.surname or is_common_word(mention.text) or len(split_name(person.surname)) != len(mention.words):
        return None
    return kind.edit(
        mention.start,
        mention.end,
        person.surname,
        match=mention.text,
        fields={"canonical": person.surname, "reason": f"gazetteer '{person.name}' (surname alone)"},
        safe=False,
    )


def as_yaml(people: Sequence[dict[str, Any]]) -> str:
    """A gazetteer file for ``people`` (each a mapping of name, variants, source)."""
    return yaml.safe_dump({"people": list(people)}, allow_unicode=True, sort_keys=False, width=120)
