"""Resolution: which person each mention names, and the spelling the document should give that person.

For a person of the gazetteer, every spelling the document uses is either
*accepted* (the canonical one, one the gazetteer lists as another outlet's
house spelling, or one the user prefers) or a *misspelling* (listed as one,
or found close to a listed spelling). Misspellings are always fixed. An
accepted spelling is left alone when the document uses it throughout, and
unified when the document mixes two: to the one written most often (a lone
surname counts for every spelling with that surname), on a tie to the
canonical one, else to the one written first. With ``canonical-wins`` the
canonical spelling (or the user's preferred one) wins everywhere. Quoted
mentions of an accepted spelling are the quoted source's own and are neither
counted nor changed.

A name the gazetteer does not know is settled only among person mentions
(see :mod:`.mentions`) whose words share their transliteration keys word for
word ("Igor Saveliev" / "Igor Savelyev"), on the spelling written most often;
a tie leaves them alone. Such edits are unsafe.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from .gazetteer import Form, Gazetteer, Person
from .keys import compatible, different_words, fold_word, key_words, name_key, normal_text, split_name, unaccented
from .mentions import PARTICLES, Mention, find_mentions, titles

MIN_SCORE = 85
"""Lowest rapidfuzz ratio (0-100) of the folded keys for a fuzzy gazetteer match (unsafe)."""
SAFE_DISTANCE = 1
"""Edits between folded keys up to which a match still counts as a transliteration (safe)."""
SURNAME_SCORE = 85
"""Lowest ratio for a lone surname to follow a differently spelled full name of the document."""
MARGIN = 5
"""A fuzzy match is left alone when another person scores within this many points."""
COMMON_WORD = 4.0
"""Zipf frequency (wordfreq) from which a lone capitalised word is taken for a word, not a surname."""
SAFE_KEY_LENGTH = 8

Ident = tuple[str, str]
"""Who a mention names: ``("gazetteer", canonical name)`` or ``("document", spelling)``."""


@dataclass(frozen=True)
class Settings:
    """The rule's options that resolution depends on."""

    min_score: int = MIN_SCORE
    safe_distance: int = SAFE_DISTANCE
    surname_score: int = SURNAME_SCORE
    document: bool = True
    bare_surnames: bool = True
    canonical_wins: bool = False
    preferred: tuple[str, ...] = ()


@dataclass(frozen=True)
class Match:
    """A full mention resolved to a gazetteer person, with the listed spelling it is closest to."""

    person: int
    form: Form
    how: str
    safe: bool


@dataclass(frozen=True)
class Respelling:
    """One mention to write another way, and why."""

    mention: Mention
    replacement: str
    reason: str
    safe: bool
    status: str


@dataclass
class Named:
    """Someone the document names: every mention of them, and the spelling the document settles on."""

    ident: Ident
    known: bool
    spelling: str = ""
    full: list[Mention] = field(default_factory=list)
    alone: list[Mention] = field(default_factory=list)
    person: bool = False
    """Whether any mention of them is a person mention (or the gazetteer knows them)."""


@dataclass
class Analysis:
    """The people a text names and the respellings the rule proposes."""

    people: dict[Ident, Named] = field(default_factory=dict)
    respellings: list[Respelling] = field(default_factory=list)
    others: list[Mention] = field(default_factory=list)
    """Capitalised runs that are not person mentions (places, organisations, other words)."""


def analyse(gazetteer: Gazetteer, text: str, settings: Settings = Settings()) -> Analysis:
    """Who ``text`` names and how each name should be spelled."""
    analysis = Analysis()
    mentions = find_mentions(text)
    preferred = _preferred(gazetteer, settings.preferred)
    matched: dict[int, list[tuple[Mention, Match]]] = defaultdict(list)
    unknown: list[Mention] = []
    for mention in mentions:
        if mention.bare:
            continue
        match, core = resolve(gazetteer, mention, min_score=settings.min_score, safe_distance=settings.safe_distance)
        if match is None or core is None:
            unknown.append(mention)
        else:
            matched[match.person].append((core, match))
    by_surname: dict[str, set[Ident]] = defaultdict(set)
    given: dict[str, set[Ident]] = defaultdict(set)
    safe_surnames: set[tuple[Ident, str]] = set()
    for index, found in matched.items():
        person = gazetteer.people[index]
        ident: Ident = ("gazetteer", person.name)
        named = analysis.people.setdefault(ident, Named(ident, True, person=True))
        for core, match in found:
            named.full.append(core)
            surname = text_surname_of(core, person)
            if match.safe:
                safe_surnames.add((ident, name_key(surname)))
            by_surname[name_key(surname)].add(ident)
            given[core.keys[0]].add(ident)
        for form in gazetteer.forms_of(index):
            if form.status != "misspelling":
                by_surname[name_key(form.surname)].add(ident)
    clusters = settle(unknown) if settings.document else {}
    for mention in unknown:
        target = clusters.get(mention.text)
        ident = ("document", target[0] if target else mention.text)
        named = analysis.people.setdefault(ident, Named(ident, False, spelling=ident[1]))
        named.full.append(mention)
        named.person = named.person or mention.person
        by_surname[fold_word(mention.words[-1])].add(ident)
        given[mention.keys[0] if mention.keys else ""].add(ident)
    surname_keys = sorted(by_surname)
    near: dict[str, frozenset[Ident]] = {}
    for mention in mentions:
        if not mention.bare:
            continue
        ident_found = _referent(gazetteer, mention, analysis.people, by_surname, surname_keys, given, settings, near)
        if ident_found is None:
            analysis.others.append(mention)
            continue
        named = analysis.people.setdefault(ident_found, Named(ident_found, True, person=True))
        named.alone.append(mention)
        named.person = named.person or mention.person
    for ident, named in analysis.people.items():
        if named.known:
            person_index = gazetteer.index[ident[1]]
            analysis.respellings += _known(gazetteer, person_index, named, matched.get(person_index, []), preferred.get(person_index), safe_surnames, settings)
        else:
            analysis.respellings += _unknown(named, clusters)
    for ident, named in list(analysis.people.items()):
        if not named.person:
            analysis.others += named.full + named.alone
            del analysis.people[ident]
    return analysis


def _preferred(gazetteer: Gazetteer, spellings: Sequence[str]) -> dict[int, str]:
    """The user's preferred spelling of each gazetteer person it names (a listed spelling or its transliteration)."""
    chosen: dict[int, str] = {}
    for text in spellings:
        forms = gazetteer.listed.get(normal_text(text)) or gazetteer.keyed.get(name_key(text)) or set()
        people = {gazetteer.forms[i].person for i in forms}
        if len(people) == 1:
            chosen[people.pop()] = text
    return chosen


def _known(
    gazetteer: Gazetteer,
    index: int,
    named: Named,
    found: list[tuple[Mention, Match]],
    preferred: str | None,
    safe_surnames: set[tuple[Ident, str]],
    settings: Settings,
) -> Iterator[Respelling]:
    person = gazetteer.people[index]
    forms = {normal_text(f.text): f for f in gazetteer.forms_of(index) if f.status != "misspelling"}
    plain_forms = {unaccented(text): form for text, form in forms.items()}
    for mention, _match in found:
        written = normal_text(mention.text)
        form = plain_forms.get(unaccented(written))
        if written not in forms and form is not None and written != unaccented(written):
            forms[written] = replace(form, text=mention.text, status="accepted", surname=text_surname_of_text(mention.text, person))
    surnames: dict[str, list[str]] = defaultdict(list)
    for form in forms.values():
        surnames[form.surname].append(form.text)
    if preferred is not None and normal_text(preferred) not in forms:
        surnames[text_surname_of_text(preferred, person)].append(preferred)
    votes: Counter[str] = Counter()
    first: dict[str, int] = {}
    for mention, _match in found:
        form = forms.get(normal_text(mention.text))
        if form is not None and not mention.quoted:
            votes[form.text] += 1
            first.setdefault(form.text, mention.start)
    for mention in named.alone:
        if not mention.quoted:
            for text in surnames.get(mention.text, ()):
                votes[text] += 1
                first.setdefault(text, mention.start)
    if preferred is not None:
        target, why = preferred, "your preferred spelling"
    elif settings.canonical_wins or not votes:
        target, why = person.name, f"canonical '{person.name}'"
    else:
        top = max(votes.values())
        tied = [t for t in votes if votes[t] == top]
        target = person.name if person.name in tied else min(tied, key=lambda t: first[t])
        why = f"this document writes '{target}' most" if len(votes) > 1 else f"this document writes '{target}'"
    named.spelling = target
    target_surname = text_surname_of_text(target, person)
    after = f"; {why}" if target != person.name else ""
    for mention, match in found:
        if mention.text == target:
            continue
        form = forms.get(normal_text(mention.text))
        if form is not None:
            if mention.quoted or form.text.casefold() == target.casefold() or mention.text.casefold() == target.casefold():
                continue
            yield Respelling(mention, target, f"accepted spelling; {why}", True, "accepted")
        else:
            yield Respelling(mention, target, f"misspelling ({match.how}){after}", match.safe, "misspelling")
    ident: Ident = ("gazetteer", person.name)
    for mention in named.alone:
        word = mention.text
        if word == target_surname or word.casefold() == target_surname.casefold():
            continue
        if word in surnames or unaccented(word) == unaccented(target_surname):
            if mention.quoted:
                continue
            yield Respelling(mention, target_surname, f"accepted spelling; {why}", True, "accepted")
            continue
        if is_common_word(word):
            continue
        if named.full:
            close = Levenshtein.distance(mention.key, name_key(target_surname)) <= settings.safe_distance or (ident, mention.key) in safe_surnames
            yield Respelling(mention, target_surname, f"misspelling of the surname of '{target}', named in full in this document", close, "misspelling")
        else:
            yield Respelling(mention, target_surname, f"misspelling of the surname of '{target}' (alone)", False, "misspelling")


def _unknown(named: Named, clusters: dict[str, tuple[str, int]]) -> Iterator[Respelling]:
    """Respellings of a name the gazetteer does not know: to the document's best-attested spelling (unsafe)."""
    if not named.person:
        return
    target = named.ident[1]
    count = clusters.get(target, (target, 0))[1]
    merged_surnames: dict[str, str] = {}
    for mention in named.full:
        if mention.text != target and mention.text in clusters:
            yield Respelling(mention, target, f"this document writes '{target}' {count} times", False, "document")
            old, new = split_name(mention.text)[-1], split_name(target)[-1]
            if old != new:
                merged_surnames[old] = new
    for mention in named.alone:
        new_surname = merged_surnames.get(mention.text)
        if new_surname is not None:
            yield Respelling(mention, new_surname, f"this document writes '{target}' {count} times", False, "document")


def _referent(
    gazetteer: Gazetteer,
    mention: Mention,
    people: dict[Ident, Named],
    by_surname: dict[str, set[Ident]],
    surname_keys: list[str],
    given: dict[str, set[Ident]],
    settings: Settings,
    near: dict[str, frozenset[Ident]],
) -> Ident | None:
    """Whom a lone surname refers to: the one person of the document it can be, or one gazetteer person by its surname.

    ``near`` keeps, for each surname key of the document, the gazetteer people whose surnames come close to it,
    so that a surname named again and again is compared with the document's surnames once.
    """
    word = mention.text
    key = mention.key
    if len(key) < 4 or word.casefold().rstrip(".") in titles():
        return None
    found = set(by_surname.get(key, ()))
    if not found:
        if key not in near:
            close = process.extract(key, surname_keys, scorer=fuzz.ratio, score_cutoff=settings.surname_score, limit=None)
            near[key] = frozenset(i for other, _score, _i in close if not different_words(key, other) for i in by_surname[other] if i[0] == "gazetteer")
        found = set(near[key])
    if len(found) == 1:
        (ident,) = found
        if given.get(key, set()) - {ident}:
            return None
        return ident
    if found or not settings.bare_surnames or not (mention.titled or mention.reported) or len(key) < 5:
        return None
    candidates = [i for i in gazetteer.surnames.get(key, set()) if not gazetteer.people[i].phantom]
    # The gazetteer is asked before wordfreq, whose English list takes a third of a second to load.
    if len(gazetteer.surnames.get(key, set())) != 1 or len(candidates) != 1 or is_common_word(word):
        return None
    person = gazetteer.people[candidates[0]]
    if len(person.surname.split()) != 1:
        return None
    return ("gazetteer", person.name)


def text_surname_of(mention: Mention, person: Person) -> str:
    """The word(s) of ``mention`` that stand for the person's surname."""
    return text_surname_of_text(mention.text, person)


def text_surname_of_text(text: str, person: Person) -> str:
    from .gazetteer import text_surname

    return text_surname(text, person.surname)


def resolve(gazetteer: Gazetteer, mention: Mention, *, min_score: int = MIN_SCORE, safe_distance: int = SAFE_DISTANCE) -> tuple[Match | None, Mention | None]:
    """The gazetteer match of a full mention, or of its longest listed tail ("State Anthony Blinken"), with the part matched."""
    match = match_mention(gazetteer, mention, min_score=min_score, safe_distance=safe_distance)
    if match is not None:
        return match, mention
    for cut in range(1, len(mention.words) - 1):
        words = mention.words[cut:]
        capitals = sum(1 for w in words if w not in PARTICLES)
        if capitals < 2 or mention.words[cut] in PARTICLES:
            continue
        tail_text = " ".join(words)
        forms = gazetteer.listed.get(normal_text(tail_text)) or gazetteer.keyed.get("".join(key_words(words)))
        if not forms or tail_text not in mention.text:
            continue
        found = _only(gazetteer, forms, "listed" if gazetteer.listed.get(normal_text(tail_text)) else "transliteration")
        if found is not None:
            start = mention.start + mention.text.index(tail_text)
            core = Mention(start, mention.end, tail_text, words, capitals, key_words(words), True, mention.reported, mention.quoted)
            return found, core
    return None, None


MATCHES_KEPT = 50_000
"""How many spellings' matches a gazetteer keeps before it forgets them all."""


def match_mention(gazetteer: Gazetteer, mention: Mention, *, min_score: int = MIN_SCORE, safe_distance: int = SAFE_DISTANCE) -> Match | None:
    """The gazetteer person a full-name mention spells, or None when unknown or ambiguous.

    The answer depends on the mention's spelling alone, so the gazetteer keeps it: each version
    of a document, as the rules change it, names the same people again.
    """
    key = (mention.text, mention.words, mention.keys, min_score, safe_distance)
    try:
        found: Match | None = gazetteer.matches[key]
        return found
    except KeyError:
        pass
    if len(gazetteer.matches) >= MATCHES_KEPT:
        gazetteer.matches.clear()
    found = gazetteer.matches[key] = _match_mention(gazetteer, mention, min_score=min_score, safe_distance=safe_distance)
    return found


def _match_mention(gazetteer: Gazetteer, mention: Mention, *, min_score: int, safe_distance: int) -> Match | None:
    forms = gazetteer.listed.get(normal_text(mention.text))
    if forms:
        return _only(gazetteer, forms, "listed")
    forms = gazetteer.keyed.get(mention.key)
    if forms:
        return _only(gazetteer, forms, "transliteration")
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
    indexes = [i for person in sorted(candidates) for i in gazetteer.person_forms[person]]
    scored = process.extract(mention.key, [gazetteer.forms[i].key for i in indexes], scorer=fuzz.ratio, score_cutoff=min_score - MARGIN, limit=None)
    best: dict[int, tuple[float, Form]] = {}
    for _key, score, position in scored:
        form = gazetteer.forms[indexes[position]]
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
    return Match(
        person, form, f"{distance} letter{'s' if distance != 1 else ''} from '{form.text}'" if close else f"close to '{form.text}', score {round(score)}", close
    )


def _only(gazetteer: Gazetteer, forms: set[int], how: str) -> Match | None:
    people = {gazetteer.forms[i].person for i in forms}
    if len(people) != 1:
        return None
    (person,) = people
    if gazetteer.people[person].phantom:
        return None
    form = gazetteer.forms[min(forms)]
    return Match(person, form, "listed" if how == "listed" else f"transliteration of '{form.text}'", True)


@lru_cache(maxsize=65536)
def is_common_word(word: str) -> bool:
    """Whether a capitalised word is more likely an English word than a surname (But, Also, Price)."""
    from wordfreq import zipf_frequency

    return bool(zipf_frequency(word.casefold(), "en") >= COMMON_WORD)


def settle(mentions: Sequence[Mention]) -> dict[str, tuple[str, int]]:
    """For each spelling of an unlisted name written more than one way, the document's most-written spelling and its count.

    Only unquoted person mentions take part, and two spellings belong together
    only when their words share their transliteration keys word for word and
    they differ in more than capitals. A tie leaves the name alone.

    >>> from cleaner.kinds.names.mentions import find_mentions
    >>> settle(find_mentions("Igor Savelyev spoke. Igor Savelyev left. Igor Saveliev stayed."))
    {'Igor Savelyev': ('Igor Savelyev', 2), 'Igor Saveliev': ('Igor Savelyev', 2)}
    """
    people = [m for m in mentions if m.person and not m.quoted and len(m.keys) >= 2]
    groups: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
    first: dict[str, int] = {}
    for mention in people:
        groups[mention.keys][mention.text] += 1
        first.setdefault(mention.text, mention.start)
    settled: dict[str, tuple[str, int]] = {}
    for counts in groups.values():
        texts = sorted(counts, key=lambda t: (-counts[t], first[t]))
        if len(texts) < 2 or len({t.casefold() for t in texts}) < 2:
            continue
        if counts[texts[0]] == counts[texts[1]]:
            continue
        for text in texts:
            if text.casefold() != texts[0].casefold() or text == texts[0]:
                settled[text] = (texts[0], counts[texts[0]])
    return settled
