"""The gazetteer: people, the spellings each accepts, the misspellings seen of them, and where each comes from.

A gazetteer file is YAML (read by the same line-numbered loader as rule
packs), a mapping with a ``people`` list::

    people:
      - name: Volodymyr Zelenskyy                 # the canonical spelling
        accepted:                                 # other outlets' house spellings: left alone
          Volodymyr Zelenskiy: https://...        #   spelling: where it is used
        misspellings:                             # errors seen in real text: always fixed
          Volodymyr Zelensky1: fixture fixtures/articles/....txt
        surname: Zelenskyy                        # the name used alone, when not the last word
        distinct: [Olena Zelenska]                # people never to be merged with this one

Every accepted spelling and misspelling carries a source that can be
checked: a public page's address, ``package NAME VERSION: path`` for a data
file a package ships, or ``fixture PATH`` for a fixture quoting a real
article. Problems are reported as ``path:line: what is wrong``.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from rapidfuzz import fuzz, process

from ..base import OptionError
from .keys import key_words, name_key, normal_text, split_name

Status = Literal["canonical", "accepted", "misspelling"]
BLOCK_SCORE = 70
"""Lowest ratio of a word to a gazetteer surname for that person to be considered at all."""
MAX_BLOCKED = 200_000
MAX_GAZETTEER_BYTES = 50_000_000
ENTRY_KEYS = ("name", "source", "accepted", "misspellings", "surname", "distinct")
SOURCE_FORMS = ("https://", "http://", "package ", "fixture ", "article ")


@dataclass(frozen=True)
class Variant:
    """A spelling of a person other than the canonical one, with where it was seen."""

    text: str
    source: str


@dataclass(frozen=True)
class Person:
    """One gazetteer entry; a *phantom* is a name given only under ``distinct``."""

    name: str
    surname: str
    source: str = ""
    accepted: tuple[Variant, ...] = ()
    misspellings: tuple[Variant, ...] = ()
    distinct: tuple[str, ...] = ()
    phantom: bool = False
    where: str = ""
    """``path:line`` of the entry."""

    @property
    def spellings(self) -> tuple[str, ...]:
        """The canonical spelling and the accepted ones."""
        return (self.name, *(v.text for v in self.accepted))


@dataclass(frozen=True)
class Form:
    """One listed spelling of a person, with its keys and status."""

    person: int
    text: str
    words: tuple[str, ...]
    key: str
    status: Status
    surname: str
    """The word(s) of ``text`` that spell the person's surname."""


@dataclass
class Gazetteer:
    """People and the indexes built once per gazetteer to match mentions quickly."""

    people: list[Person] = field(default_factory=list)
    forms: list[Form] = field(default_factory=list)
    listed: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    """Normalised spelling -> forms."""
    keyed: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    """Name key -> forms."""
    surnames: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    """Surname key -> people."""
    by_first: dict[str, list[str]] = field(default_factory=dict)
    by_ending: dict[str, list[str]] = field(default_factory=dict)
    person_forms: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))
    blocked: dict[str, tuple[int, ...]] = field(default_factory=dict)
    index: dict[str, int] = field(default_factory=dict)
    """Canonical name -> person."""
    matches: dict[tuple[object, ...], Any] = field(default_factory=dict, compare=False, repr=False)
    """What each spelling of a name was matched to (:func:`~cleaner.kinds.names.resolve.match_mention`), kept for the next version of a document."""

    def add(self, person: Person) -> None:
        index = len(self.people)
        self.people.append(person)
        self.index[person.name] = index
        surname_key = name_key(person.surname)
        if surname_key:
            self.surnames[surname_key].add(index)
        spellings: list[tuple[str, Status]] = [(person.name, "canonical")]
        spellings += [(v.text, "accepted") for v in person.accepted]
        spellings += [(v.text, "misspelling") for v in person.misspellings]
        for text, status in spellings:
            words = key_words(split_name(text))
            if not words:
                continue
            form = Form(index, text, words, "".join(words), status, text_surname(text, person.surname))
            self.person_forms[index].append(len(self.forms))
            self.listed[normal_text(text)].add(len(self.forms))
            self.keyed[form.key].add(len(self.forms))
            self.forms.append(form)
            self.surnames[name_key(form.surname)].add(index)

    def finish(self) -> list[str]:
        """Add the phantoms, build the surname buckets, and return the spellings listed for several people."""
        known = {normal_text(p.name) for p in self.people}
        for person in list(self.people):
            for other in person.distinct:
                if normal_text(other) not in known:
                    known.add(normal_text(other))
                    self.add(Person(other, surname_of(other), phantom=True))
        first: dict[str, list[str]] = defaultdict(list)
        ending: dict[str, list[str]] = defaultdict(list)
        for key in sorted(self.surnames):
            first[key[:1]].append(key)
            ending[key[-2:]].append(key)
        self.by_first, self.by_ending = dict(first), dict(ending)
        problems = []
        for text, forms in self.listed.items():
            real = sorted({self.people[self.forms[i].person].where for i in forms if not self.people[self.forms[i].person].phantom})
            if len(real) > 1:
                problems.append(f"{real[-1]}: '{text}' is listed for {len(real)} people (entries at {', '.join(real)}); list different people separately")
        return problems

    def forms_of(self, person: int) -> list[Form]:
        return [self.forms[i] for i in self.person_forms[person]]

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


def text_surname(text: str, surname: str) -> str:
    """The word(s) of ``text``, a spelling of a person, that spell the person's ``surname``.

    >>> text_surname("Kim Jong-un", "Kim"), text_surname("Sergei Lavrov", "Lavrov"), text_surname("Volodymyr Zelenskiy", "Zelenskyy")
    ('Kim', 'Lavrov', 'Zelenskiy')
    """
    words = text.split()
    count = len(surname.split())
    if not words or count >= len(words):
        return text
    surname_key = name_key(surname)
    spans = [" ".join(words[i : i + count]) for i in range(len(words) - count + 1)]
    return max(reversed(spans), key=lambda span: fuzz.ratio(name_key(span), surname_key))


def surname_of(name: str) -> str:
    words = name.split()
    return words[-1] if words else name


class GazetteerError(OptionError):
    """A gazetteer file is invalid; the message lists each problem as ``path:line: ...``."""

    def __init__(self, problems: Sequence[str]) -> None:
        shown = list(problems[:5]) + ([f"and {len(problems) - 5} more"] if len(problems) > 5 else [])
        super().__init__("; ".join(shown))
        self.problems = list(problems)


def read_people(path: str) -> list[Person]:
    """The entries of one gazetteer file; raises :class:`GazetteerError` listing every bad entry."""
    from ...yamlfile import read_yaml_file

    try:
        data = read_yaml_file(Path(path), what="gazetteers", max_bytes=MAX_GAZETTEER_BYTES)
    except ValueError as error:
        line, _, message = str(error).partition(": ")
        raise GazetteerError([f"{path}:{line}: {message}"]) from None
    except OSError as error:
        raise GazetteerError([f"{path}: cannot read: {error.strerror}"]) from None
    if not isinstance(data, dict) or not isinstance(data.get("people"), list):
        raise GazetteerError([f"{path}:1: a gazetteer must be a mapping with a 'people' list"])
    problems: list[str] = []
    people = [person for entry in data["people"] if (person := _person(entry, path, getattr(data, "key_lines", {}).get("people", 1), problems))]
    if problems:
        raise GazetteerError(problems)
    return people


def _person(entry: Any, path: str, default_line: int, problems: list[str]) -> Person | None:
    line = getattr(entry, "line", default_line)
    where = f"{path}:{line}"
    if not isinstance(entry, dict) or not isinstance(entry.get("name"), str) or not entry["name"].strip():
        problems.append(f"{where}: each person needs a 'name' string (keys: {', '.join(ENTRY_KEYS)})")
        return None
    name = " ".join(entry["name"].split())
    lines: dict[str, int] = getattr(entry, "key_lines", {})

    def bad(key: str, message: str) -> None:
        problems.append(f"{path}:{lines.get(key, line)}: '{name}': {message}")

    for key in entry:
        if key not in ENTRY_KEYS:
            hint = "; list other spellings under 'accepted' or 'misspellings', each with its source" if key == "variants" else ""
            bad(key, f"unknown key '{key}' (allowed: {', '.join(ENTRY_KEYS)}){hint}")
    variants: dict[str, tuple[Variant, ...]] = {}
    for key in ("accepted", "misspellings"):
        value = entry.get(key) or {}
        if not isinstance(value, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
            bad(key, f"{key} must map each spelling to its source (spelling: https://...)")
            value = {}
        for text, source in value.items():
            if not source.strip().startswith(SOURCE_FORMS):
                bad(key, f"the source of '{text}' must be a page's address, 'package NAME VERSION: path' or 'fixture PATH' (not '{source}')")
        variants[key] = tuple(Variant(" ".join(t.split()), s.strip()) for t, s in value.items() if t.strip())
    distinct = entry.get("distinct") or []
    if not isinstance(distinct, list) or not all(isinstance(v, str) for v in distinct):
        bad("distinct", "distinct must be a list of names")
        distinct = []
    surname = entry.get("surname")
    if surname is not None and not isinstance(surname, str):
        bad("surname", "surname must be a string")
        surname = None
    source = entry.get("source")
    if source is not None and not isinstance(source, str):
        bad("source", "source must be a string")
        source = None
    return Person(
        name,
        " ".join((surname or surname_of(name)).split()),
        (source or "").strip(),
        variants["accepted"],
        variants["misspellings"],
        tuple(" ".join(d.split()) for d in distinct if d.strip()),
        where=where,
    )


_CACHED = "gazetteer-index"


@lru_cache(maxsize=32)
def _load(files: tuple[tuple[str, int], ...]) -> Gazetteer:
    """The gazetteer of ``files``, from the cache on disk when the same files were indexed before by the same code."""
    from ...cache import cached, installed

    try:
        content = b"\0".join([installed("rapidfuzz").encode(), *(Path(source).read_bytes() for source in INDEX_CODE)])
        for path, _mtime in files:
            content += b"\0" + path.encode() + b"\0" + Path(path).read_bytes()
    except OSError:
        return _build(files)
    return cached(_CACHED, content, lambda: _build(files), encode=_encode, decode=_decode)


INDEX_CODE = (__file__, str(Path(__file__).with_name("keys.py")))
"""The modules whose code decides what the index holds, so a change to either is never answered from an old entry."""


def _encode(gazetteer: Gazetteer) -> tuple[Any, ...]:
    """The index as plain data; each set of indexes as a sorted list, the order it was filled in."""

    def person(p: Person) -> tuple[Any, ...]:
        variants = tuple((v.text, v.source) for v in p.accepted), tuple((v.text, v.source) for v in p.misspellings)
        return (p.name, p.surname, p.source, *variants, p.distinct, p.phantom, p.where)

    def sets(index: dict[str, set[int]]) -> dict[str, list[int]]:
        return {key: sorted(value) for key, value in index.items()}

    return (
        [person(p) for p in gazetteer.people],
        [(f.person, f.text, f.words, f.key, f.status, f.surname) for f in gazetteer.forms],
        sets(gazetteer.listed),
        sets(gazetteer.keyed),
        sets(gazetteer.surnames),
        gazetteer.by_first,
        gazetteer.by_ending,
        dict(gazetteer.person_forms),
        gazetteer.index,
    )


def _decode(plain: tuple[Any, ...]) -> Gazetteer:
    people, forms, listed, keyed, surnames, by_first, by_ending, person_forms, index = plain

    def sets(stored: dict[str, list[int]]) -> defaultdict[str, set[int]]:
        return defaultdict(set, {key: set(value) for key, value in stored.items()})

    return Gazetteer(
        [
            Person(name, surname, source, tuple(Variant(*v) for v in accepted), tuple(Variant(*v) for v in misspellings), tuple(distinct), phantom, where)
            for name, surname, source, accepted, misspellings, distinct, phantom, where in people
        ],
        [Form(person, text, tuple(words), key, status, surname) for person, text, words, key, status, surname in forms],
        sets(listed),
        sets(keyed),
        sets(surnames),
        dict(by_first),
        dict(by_ending),
        defaultdict(list, person_forms),
        {},
        dict(index),
    )


def _build(files: tuple[tuple[str, int], ...]) -> Gazetteer:
    gazetteer = Gazetteer()
    seen: dict[str, str] = {}
    problems: list[str] = []
    for path, _mtime in files:
        for person in read_people(path):
            first = seen.get(normal_text(person.name))
            if first is not None:
                problems.append(f"{person.where}: '{person.name}' is listed twice (first at {first})")
                continue
            seen[normal_text(person.name)] = person.where
            gazetteer.add(person)
    problems += gazetteer.finish()
    if problems:
        raise GazetteerError(problems)
    return gazetteer


def load_gazetteer(paths: Sequence[str]) -> Gazetteer:
    """The gazetteer of ``paths``, built once and cached until a file changes; raises :class:`GazetteerError`."""
    try:
        stamps = tuple((str(p), os.stat(p).st_mtime_ns) for p in paths)
    except OSError as error:
        raise GazetteerError([f"{error.filename}: cannot read: {error.strerror}"]) from None
    return _load(stamps)


def as_yaml(people: Sequence[dict[str, Any]]) -> str:
    """A gazetteer file for ``people`` (each a mapping of the entry keys)."""
    import yaml

    return yaml.safe_dump({"people": list(people)}, allow_unicode=True, sort_keys=False, width=120)
