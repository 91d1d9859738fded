"""Which units of a document are page furniture, why, and whether removing each is safe.

Four detectors share one analysis of the document:

- ``blocks``: a header such as "Related" or "Read more" takes the
  headline-shaped lines after it, up to the first line that reads as prose;
  "Read more: HEADLINE" on one line goes too.
- ``captions``: photo and video credits wherever they stand, captions that
  end in a credit, and a caption line beside a credit.
- ``repeats``: a caption-like line repeated verbatim loses its repeats, and
  every copy when it stands beside a credit; a repeated line of prose stays.
- ``lines``: the classifier. Each short line scores points for evidence of
  furniture (web-interface words, a date, a URL, glued title-case words,
  icon names, menu separators, a byline), for its shape (no sentence
  punctuation, few stop words, few words), for standing in the head block
  before the first paragraph of prose or the tail block after the last, and
  for standing between two furniture lines (jusText's context rule).

A unit that reads as prose is never taken by the classifier. A decision is
safe only when independent signals agree: for the classifier, evidence of
furniture, a furniture position (head, tail or between furniture lines) and
no sentence punctuation; a caption beside a credit, or prose-shaped
furniture, is unsafe.

>>> text = "Talks resume in Geneva\\n\\nThe minister said on Monday that the talks would resume next week in Geneva, officials said.\\n\\nShare on Facebook\\nShare on Twitter\\n"
>>> [(d.detector, text[d.start:d.end], d.safe) for d in analyse(text, "en").decisions]
[('lines', 'Share on Facebook', True), ('lines', 'Share on Twitter', True)]
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property, lru_cache

import regex

from ...document import Document
from ...text import sentence_spans, words
from .features import BULLET, END, Features, Unit, features, units
from .lexicon import Lexicon, lexicon_for

DETECTORS = ("lines", "blocks", "captions", "repeats", "run-on")
THRESHOLD = 60
"""Default score (0 to 100) from which the classifier calls a line furniture."""
MAX_REPEATS = 3
"""A line repeated more often than this is a table's or a list's, not a caption's, unless it stands beside a credit."""
MAX_BLOCK_ITEMS = 12
"""Most headline-shaped lines a block header takes."""
DEFAULT_STOP = 0.3
"""Stop-word share of running text when the document has no long paragraph to measure it on."""

STRONG = frozenset({"interface", "count", "date", "reference", "asset", "glued", "icon", "menu", "byline"})
"""Evidence that can make a classifier decision safe. A bare URL, address or handle is never enough on
its own: alone on a line it is a source, a contact or the site's signature, which articles print; only
in a short head block, above the article, is it the site's masthead (and then removing it is unsafe)."""
MASTHEAD = 6
"""Most units a head block may hold for a bare address in it to count as the site's masthead; a longer run
of lines before the first paragraph of prose is the article itself (a schedule, a list)."""
RUNS_ON = regex.compile(r"[\p{Ll}][\p{L}\p{M}’'-]*[,;:]?(?:\s|$)")
"""A line that opens with a lower-case word (not an address such as ``example.org``): the rest of a sentence."""
RUN_WORDS = 4
"""Most words a line may have to be taken for standing between furniture lines."""
MENU_ITEMS = 5
"""Short capitalised lines in a row, before the article or after it, that make a navigation menu."""
MENU_WORDS = 3
"""Most words of one menu item."""
INTERRUPTING = frozenset({"interface", "reference", "icon", "menu"})
"""Evidence strong enough to take a line that stands between two paragraphs of prose ("Advertisement", "Share this")."""


def counts(text: str, phrase: str) -> bool:
    """Whether ``text`` has a number right beside ``phrase``, as in "12 comments" or "Shares: 1.2K".

    >>> counts("12 comments", "comments"), counts("Shares: 1.2K", "shares"), counts("6. Eat more fiber", "more")
    (True, True, False)
    """
    words = regex.escape(phrase)
    pattern = rf"(?<![\p{{L}}\d])\d[\d,.]*\s*[kKmM]?\s*{words}(?![\p{{L}}])|(?<![\p{{L}}]){words}\s*[:(]?\s*\d"
    return regex.search(pattern, text, regex.IGNORECASE) is not None


DECORATION = regex.compile(r"^[\s#>*_|•·▪◦‣●\-–—=~\[(]+|[\s#*_|•·▪◦‣●\-–—=~:：.…»›>\])]+$")
HEADER_SPLIT = regex.compile(r"^(?P<head>[^:：|–—]{2,40}?)\s*(?:[:：|]|\s[–—-])\s*(?P<rest>\S.*)$")
CREDIT_OPENING = regex.compile(r"^\(?\s*(?P<word>[\p{L}]+(?:\s+[\p{L}]+)?)\s*(?:[:：/]|\s+by\b|\s+©)", regex.IGNORECASE)
CAPTION_LABEL = regex.compile(r"^\p{L}[\p{L}\s]{2,30}[:：]?\s+\S")
"""A few words, maybe a colon, then more: where a caption label would stand ("Image caption ...", "Légende : ...")."""
TRAILING_CREDIT = regex.compile(
    r"(?:[.!?)”\"]\s+|\s[|–—-]\s|\()\s*(?P<word>photo|photograph|photos|image|picture|credit|foto|фото|источник фото)(?:\s+(?:by|credit))?\s*[:/]\s*[^()]{2,80}\)?\s*$"
    r"|(?:[.!?”\"]|\s[|–—-])\s*(?:photo(?:graph)?|image|picture)\s+by\s+[^()]{2,80}$",
    regex.IGNORECASE,
)
"""A credit closing a caption: "... in 2019. (Photo: Getty Images)", "... | Photo: AFP", "... Photograph by NAME/AFP"."""
CLOSING_CREDIT = regex.compile(r"[.!?…]\s+(?P<word>\p{L}+)\s*[:：]\s*(?P<names>[^.!?:：]{2,80})$")
"""A sentence, then "WORD: NAMES" to the end of the unit; the word must be a credit word of the language ("Bild", "Foto")."""


@dataclass(frozen=True, slots=True)
class Decision:
    """One unit found to be furniture: its span, the detector that found it, and why."""

    detector: str
    start: int
    end: int
    score: int
    safe: bool
    reason: str
    signals: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Analysis:
    """A document's units, their features and the decisions about them."""

    units: tuple[Unit, ...]
    features: tuple[Features, ...]
    decisions: tuple[Decision, ...]
    language: str | None


def reads_as_prose(f: Features, running: float) -> bool:
    """Whether a unit reads as running text: long and not a bare list, or a sentence with the stop words of running text.

    ``running`` is the stop-word share of the document's own long paragraphs.
    """
    stop = f.stop if f.stop is not None else running
    if f.interface >= 0.6 and not (f.ends_sentence or f.inner_sentence):
        return False
    if f.long:
        return f.ends_sentence or f.inner_sentence or stop >= 0.35 * running
    return f.ends_sentence and f.words >= 4 and stop >= 0.6 * running


def running_stop_share(feats: list[Features]) -> float:
    """The stop-word share of the document's long units (its running text)."""
    shares = [f.stop for f in feats if f.long and f.stop is not None]
    return statistics.median(shares) if shares else DEFAULT_STOP


@lru_cache(maxsize=32768)
def _bare(text: str) -> str:
    """A unit's words in lower case without decoration, kept by text: the detectors ask for it unit by unit, pass after pass."""
    return " ".join(DECORATION.sub("", text.strip()).lower().split())


class _Document:
    """The working state of one analysis."""

    def __init__(self, text: str, lex: Lexicon, threshold: int) -> None:
        self.text = text
        self.lex = lex
        self.threshold = threshold
        self.units = units(Document(text))
        self.feats = [features(u.text, lex) for u in self.units]
        self.running = running_stop_share(self.feats)
        self.fragments = {i for i in range(len(self.units)) if self.fragment(i)}
        self.prose = [reads_as_prose(f, self.running) or i in self.fragments for i, f in enumerate(self.feats)]
        body = [i for i, p in enumerate(self.prose) if p]
        opening = [i for i in body if not self.headline(i)]
        self.first = opening[0] if opening else body[0] if body else len(self.units)
        self.last = body[-1] if body else -1
        self.found: dict[int, Decision] = {}

    def headline(self, index: int) -> bool:
        """Whether a unit is a headline in title case, its function words capitalised too ("Stock Is Falling After Its Earnings Release."): it opens no body."""
        f = self.feats[index]
        if f.title is None or f.title < 0.8 or f.words > 20:
            return False
        function = [w for w in words(self.units[index].text)[1:] if len(w) >= 3 and w.lower() in self.lex.stop_words]
        return bool(function) and sum(w[0].isupper() for w in function) >= 0.6 * len(function)

    def position(self, index: int) -> str | None:
        if self.last < 0:
            return None
        if index < self.first:
            return "head"
        if index > self.last:
            return "tail"
        return None

    def fragment(self, index: int) -> bool:
        """Whether a line is part of a sentence that runs on from the line before it or into the line after it.

        Hard-wrapped text breaks sentences anywhere ("Photos" then "which were
        released online ..."); such a line is never furniture on its own.
        """
        unit = self.units[index]
        if unit.whole:
            return False
        text = unit.text.strip()
        before = self.units[index - 1] if index > 0 and self.units[index - 1].paragraph == unit.paragraph else None
        after = self.units[index + 1] if index + 1 < len(self.units) and self.units[index + 1].paragraph == unit.paragraph else None
        if before is not None and not END.search(before.text.rstrip()) and RUNS_ON.match(text):
            return True
        return after is not None and not END.search(text) and RUNS_ON.match(after.text.lstrip()) is not None

    def add(self, index: int, detector: str, score: int, safe: bool, reason: str, signals: tuple[str, ...]) -> None:
        if index in self.found or index in self.fragments:
            return
        unit = self.units[index]
        self.found[index] = Decision(detector, unit.start, unit.end, score, safe, reason, signals)

    # -- block headers ----------------------------------------------------------------------------

    def header(self, index: int) -> str | None:
        """The header phrase a unit consists of, if it is a block header."""
        bare = _bare(self.units[index].text)
        return bare if bare in self.lex.headers else None

    def inline_header(self, index: int) -> str | None:
        """The header of a "Read more: HEADLINE" unit, when the rest is headline-shaped."""
        match = HEADER_SPLIT.match(self.units[index].text.strip())
        if not match:
            return None
        head = _bare(match.group("head"))
        rest = features(match.group("rest"), self.lex)
        if head in self.lex.headers and not rest.inner_sentence and rest.words <= 25:
            return head
        return None

    def headline_shaped(self, index: int) -> bool:
        f = self.feats[index]
        if self.prose[index] or f.inner_sentence or f.words > 20 or f.quoted:
            return False
        return not f.ends_sentence or self.units[index].text.rstrip().endswith(("?", "!", "…", "..."))

    def blocks(self) -> None:
        for index in range(len(self.units)):
            if index in self.found:
                continue
            inline = self.inline_header(index)
            if inline is not None:
                self.add(index, "blocks", 100, True, f"teaser for another article after '{inline}'", ("header",))
                continue
            head = self.header(index)
            if head is None:
                continue
            self.add(index, "blocks", 100, True, f"block header '{head}'", ("header",))
            for item in range(index + 1, min(len(self.units), index + 1 + MAX_BLOCK_ITEMS)):
                if self.header(item) is not None or not self.headline_shaped(item):
                    break
                safe = not self.feats[item].ends_sentence
                self.add(item, "blocks", 90, safe, f"headline in the block after '{head}'", ("block",))

    # -- captions and credits ---------------------------------------------------------------------

    def credit(self, index: int) -> str | None:
        """Why a unit is a photo credit line, if it is one."""
        unit, f, lex = self.units[index], self.feats[index], self.lex
        if f.long or f.inner_sentence:
            return None
        text = unit.text.strip()
        bare = _bare(text)
        opening = CREDIT_OPENING.match(text)
        if opening and opening.group("word").lower() in lex.credits and names_only(text[opening.end() :]):
            return f"credit '{opening.group('word')}'"
        if bare.split(" ", 1)[0] in ("image", "photo") and bare.split(" ", 2)[1:2] in (["copyright"], ["caption"], ["credit"], ["source"]) and names_only(text):
            return "credit line"
        names = [part.strip() for part in regex.split(r"\s*/\s*|\s+via\s+", bare) if part.strip()]
        if names and f.words <= 8 and not f.ends_sentence and names[-1] in lex.agencies and (len(names) > 1 or bare in lex.agencies):
            return "agency credit"
        if f.slash_credit and text.startswith("(") and text.endswith(")"):
            return "credit in brackets"
        if f.copyright and f.words <= 10 and self.position(index) != "tail":
            return "copyright line"
        return None

    def labelled(self, index: int) -> str | None:
        """The label of a caption the page itself labels ("Image caption Firefighters at the scene"), if the unit is one."""
        f = self.feats[index]
        if f.words > 45 or f.words < 3:
            return None
        text = self.units[index].text.strip()
        match = CAPTION_LABEL.match(text)
        if match is None:
            return None
        for label in self.lex.captions:
            if text[: len(label)].lower() == label and (
                text[len(label) : len(label) + 1] in ":：" or (" " in label and text[len(label) : len(label) + 1] == " ")
            ):
                return label
        return None

    def labelled_credit(self, text: str) -> bool:
        """Whether a caption ends in a credit opened by a credit word of the document's language ("... Bild: dpa")."""
        match = CLOSING_CREDIT.search(text)
        if match is None or match.group("word").lower() not in self.lex.credits:
            return False
        parts = regex.split(r"\s*[/|]\s*|\s+via\s+", match.group("names"))
        return names_only(" ".join(part for part in parts if part.strip().lower() not in self.lex.agencies))

    def captions(self) -> None:
        credits = {i: why for i in range(len(self.units)) if (why := self.credit(i)) is not None}
        for index in sorted(credits):
            self.add(index, "captions", 95, True, f"photo credit ({credits[index]})", ("credit",))
        for index in range(len(self.units)):
            if (label := self.labelled(index)) is not None:
                self.add(index, "captions", 90, True, f"caption labelled '{label}'", ("caption", "label"))
        for index, unit in enumerate(self.units):
            f = self.feats[index]
            if index in credits or f.words > 60:
                continue
            trailing = f.slash_credit or TRAILING_CREDIT.search(unit.text.strip()) is not None or self.labelled_credit(unit.text.strip())
            if trailing and not f.quoted:
                prose = self.prose[index]
                self.add(index, "captions", 85, not prose, "caption ending in a credit", ("caption", "credit"))
        repeated = self.repeated_groups()
        for index in sorted(credits):
            for neighbour in (index - 1, index + 1):
                if not 0 <= neighbour < len(self.units) or neighbour in credits or neighbour in self.found:
                    continue
                f = self.feats[neighbour]
                again = any(neighbour in g for g in repeated)
                if neighbour > index and not again:
                    continue
                if f.words > 45 or f.quoted or self.header(neighbour) is not None or (self.prose[neighbour] and not again):
                    continue
                if (f.ends_sentence or f.inner_sentence) and not again:
                    continue
                safe = again and not self.prose[neighbour]
                self.add(neighbour, "captions", 70, safe, "caption beside a photo credit", ("caption", "beside-credit"))
                break

    # -- repeated lines ---------------------------------------------------------------------------

    @cached_property
    def _repeated(self) -> tuple[tuple[int, ...], ...]:
        groups: dict[str, list[int]] = defaultdict(list)
        for index, unit in enumerate(self.units):
            key = " ".join(unit.text.split())
            if key:
                groups[key].append(index)
        return tuple(tuple(g) for g in groups.values() if len(g) > 1)

    def repeated_groups(self) -> tuple[tuple[int, ...], ...]:
        """The units whose text (but for white space) occurs more than once, group by group, found once per analysis."""
        return self._repeated

    def repeats(self) -> None:
        credits = {i for i, d in self.found.items() if "credit" in d.signals and d.detector == "captions"}
        repeated = {i for group in self.repeated_groups() for i in group}
        for group in self.repeated_groups():
            beside = any(i - 1 in credits or i + 1 in credits for i in group)
            f = self.feats[group[0]]
            prose = self.prose[group[0]]
            if "\n" in self.units[group[0]].text or f.words < 3 or f.table or any(self.repeated_neighbour(i, repeated) for i in group):
                continue
            if beside:
                for index in group:
                    self.add(index, "repeats", 90, not prose, f"caption repeated {len(group)} times, beside a photo credit", ("repeat", "beside-credit"))
            elif f.bullet or not self.letters(group[0]):
                continue
            elif not prose and len(group) <= MAX_REPEATS:
                safe = not f.ends_sentence
                for index in group[1:]:
                    self.add(index, "repeats", 80, safe, f"line repeated {len(group)} times", ("repeat",))
            elif f.words >= 6 and not (f.ends_sentence or f.inner_sentence):
                for index in group[1:]:
                    self.add(index, "repeats", 75, not prose, f"caption repeated {len(group)} times between paragraphs", ("repeat",))

    def repeated_neighbour(self, index: int, repeated: set[int]) -> bool:
        """Whether a repeated unit stands beside another repeated unit: a list or table printed twice, not a caption."""
        return index - 1 in repeated or index + 1 in repeated

    def letters(self, index: int) -> bool:
        """Whether a unit is mostly words, not figures (a table row is not a caption)."""
        text = self.units[index].text
        return sum(ch.isalpha() for ch in text) >= 2 * sum(ch.isdigit() for ch in text)

    # -- menus ------------------------------------------------------------------------------------

    def menu_item(self, index: int) -> bool:
        """Whether a unit could be an item of a site's menu: a capitalised line of a few words, no sentence, not prose."""
        f, text = self.feats[index], BULLET.sub("", self.units[index].text.strip(), count=1)
        return not self.prose[index] and 0 < f.words <= MENU_WORDS and not (f.ends_sentence or f.inner_sentence) and text[:1].isupper()

    def menus(self) -> None:
        """Runs of :data:`MENU_ITEMS` or more menu items wholly before the article's first paragraph or after its last.

        Extractors keep a site's navigation as one short line per section
        ("Local", "News", "Sports", "Real Estate", ...). A list that a line
        ending in a colon introduces ("The winners:") belongs to the article.
        Removing a menu is unsafe: one short line alone says little.
        """
        index = 0
        while index < len(self.units):
            end = index
            while end < len(self.units) and self.menu_item(end):
                end += 1
            place = self.position(index)
            if (
                end - index >= MENU_ITEMS
                and place is not None
                and all(self.position(i) == place for i in range(index, end))
                and not (index > 0 and self.units[index - 1].text.rstrip().endswith(":"))
            ):
                for item in range(index, end):
                    self.add(item, "lines", 70, False, f"one of {end - index} short lines in a row in the {place} block: a menu", ("menu-run", place))
            index = max(end, index + 1)

    # -- the line classifier ----------------------------------------------------------------------

    def evidence(self, index: int) -> list[tuple[str, str]]:
        """The signals of furniture a unit carries, each with the words that explain it."""
        f, text, lex = self.feats[index], self.units[index].text.strip(), self.lex
        found: list[tuple[str, str]] = []
        if f.interface >= 0.5 and f.phrases:
            shown = ", ".join(f"'{p}'" for p in f.phrases[:3])
            found.append(("interface", f"web-interface words ({shown})"))
        elif f.digits and f.phrases and f.words <= 5 and (counted := [p for p in f.phrases if counts(text, p)]):
            found.append(("count", f"a count ({', '.join(repr(p) for p in counted[:2])})"))
        place = self.position(index)
        if f.dateline and f.words <= 24 and (place == "head" or (place == "tail" and f.phrases)):
            found.append(("date", "a date or time"))
        if f.reference:
            found.append(("reference", "a link definition"))
        elif f.asset:
            found.append(("asset", "the address of an image or script"))
        elif f.links >= 0.5:
            found.append(("link", "a URL, e-mail address or handle"))
        if f.glued:
            found.append(("glued", "title-case words run together"))
        if f.icons >= 0.5:
            found.append(("icon", "icon-font names"))
        if f.separators >= 2 and not f.table and not f.ends_sentence and f.words <= 3 * (f.separators + 1):
            found.append(("menu", "menu or breadcrumb separators"))
        first, _, rest = text.partition(" ")
        if _bare(text) in lex.bylines:
            found.append(("byline", "a byline word whose name was a link"))
        elif first.lower() in lex.bylines and rest and f.digits and f.words <= 14 and not f.ends_sentence:
            names = [w for w in rest.split() if w[:1].isupper()]
            if len(names) >= 1 and (f.title is None or f.title >= 0.6):
                found.append(("byline", "a byline"))
        return found

    def score(self, index: int, evidence: list[tuple[str, str]]) -> tuple[int, list[str], list[str]]:
        f = self.feats[index]
        points = 0
        reasons = [words for _, words in evidence]
        signals = [name for name, _ in evidence]
        if evidence:
            points += 50 + 10 * (len(evidence) - 1)
        if not f.ends_sentence:
            points += 15
            signals.append("no-sentence")
            reasons.append("no sentence punctuation")
        if f.stop is not None and f.stop < 0.5 * self.running:
            points += 10
            signals.append("few-stop-words")
            reasons.append("few stop words" if f.stop else "no stop words")
        if f.words <= 4:
            points += 5
        place = self.position(index)
        if place:
            points += 20
            signals.append(place)
            reasons.append(f"in the {place} block")
        if f.quoted:
            points -= 25
        if f.bullet and not place:
            points -= 10
        return min(points, 100), signals, reasons

    def runs(self, candidates: dict[int, tuple[int, list[str], list[str], bool]], furniture: set[int]) -> list[list[int]]:
        """Runs of up to three short candidate lines with furniture on both sides (jusText's context rule, over runs).

        A line of a dozen words may be a headline; only lines of a few words,
        without sentence punctuation, count here.
        """
        found: list[list[int]] = []
        index = 1
        while index < len(self.units):
            end = index
            while (
                end in candidates
                and end not in furniture
                and self.feats[end].words <= RUN_WORDS
                and not self.feats[end].ends_sentence
                and len(self.units[end].text) >= 3
            ):
                end += 1
            if end > index and end - index <= 3 and index - 1 in furniture and end in furniture:
                found.append(list(range(index, end)))
            index = max(end, index + 1)
        return found

    def masthead(self, index: int) -> bool:
        """Whether a unit is nothing but an address, in a short head block: the site's name above the article."""
        return self.position(index) == "head" and self.first <= MASTHEAD and self.feats[index].links >= 0.9

    def between_prose(self, index: int) -> bool:
        """Whether the units on both sides of ``index`` read as prose (jusText's rule: a short line there belongs to the body)."""
        return 0 < index < len(self.units) - 1 and self.prose[index - 1] and self.prose[index + 1]

    def lines(self) -> None:
        candidates: dict[int, tuple[int, list[str], list[str], bool]] = {}
        for index in range(len(self.units)):
            if self.prose[index] or index in self.found or self.feats[index].table:
                continue
            evidence = self.evidence(index)
            if [name for name, _ in evidence] == ["link"] and not self.masthead(index):
                continue
            points, signals, reasons = self.score(index, evidence)
            candidates[index] = (points, signals, reasons, bool(evidence))
        furniture = set(self.found) | {i for i, c in candidates.items() if c[0] >= self.threshold}
        for _ in range(2):
            for run in self.runs(candidates, furniture):
                for index in run:
                    points, signals, reasons, evident = candidates[index]
                    candidates[index] = (min(100, points + 15), [*signals, "between-furniture"], [*reasons, "between furniture lines"], evident)
                    if points + 15 >= self.threshold:
                        furniture.add(index)
        for index, (points, signals, reasons, _evident) in candidates.items():
            if points < self.threshold:
                continue
            if not self.position(index) and self.between_prose(index) and not set(signals) & INTERRUPTING:
                continue
            placed = any(s in ("head", "tail", "between-furniture") for s in signals)
            strong = bool(set(signals) & STRONG)
            safe = strong and placed and not self.feats[index].ends_sentence and "between-furniture" not in signals
            self.add(index, "lines", points, safe, ", ".join(reasons), tuple(signals))


def run_on(analysis: Analysis, text: str, opens: Callable[[str], bool]) -> Decision | None:
    """Prose-shaped furniture run on at the end of the article's last paragraph, from the sentence that opens it.

    Extractors that join a page's blocks into one line (jusText's output is a
    whole article on one line) leave a cookie notice, a comment form or an
    affiliate disclosure glued after the last sentence. ``opens`` says
    whether a sentence opens such a block (the rule's precise patterns); the
    cut runs from that sentence to the end of the paragraph, and only in the
    second half of the document's last paragraph of prose.
    """
    prose = [i for i, f in enumerate(analysis.features) if f.long]
    if not prose:
        return None
    unit = analysis.units[prose[-1]]
    body = text[unit.start : unit.end]
    for start, _end in sentence_spans(body)[1:]:
        if start >= len(body) // 2 and opens(body[start:]):
            cut = unit.start + len(body[:start].rstrip())
            return Decision("run-on", cut, unit.end, 80, False, "sentences after the article's last one that open page furniture", ("run-on", "tail"))
    return None


GUESS_CHARS = 4000
"""How much of a document the classifier reads to guess its language."""


CREDIT_LINKS = frozenset("via and for of the de da del di van von der den le la y e et und".split())
"""Lower-case words a credit may hold between its names ("Photo courtesy of the family", "Getty Images via AFP")."""


def names_only(text: str) -> bool:
    """Whether what follows a credit's opening is names (of people and agencies), not a sentence run on after them.

    >>> names_only(" Robyn Beck/AFP/Getty Images"), names_only(" Robyn Beck/AFP/Getty Images Shares of construction goods giant")
    (True, False)
    """
    lower = [w for w in words(text) if w[:1].islower() and w.lower() not in CREDIT_LINKS]
    return len(lower) < 2


def _languages(text: str, language: str | None) -> tuple[str, ...]:
    """The languages whose words the classifier uses: the best guess for ``text`` itself, and ``language``.

    The document's language may be a default that applies when detection
    was not sure (a short article); the guess from the text is then the
    better clue, and keeping both only widens what counts as prose.
    """
    from ...langid import guess_language

    guessed = guess_language(text[:GUESS_CHARS]).language
    return tuple(dict.fromkeys(code for code in (guessed, language) if code and code != "und"))


@lru_cache(maxsize=16)
def analyse(text: str, language: str | None = None, *, threshold: int = THRESHOLD, vocabulary: bool = True) -> Analysis:
    """Find the furniture in ``text``; ``language`` is detected when not given."""
    codes = _languages(text, language)
    code = codes[0] if codes else None
    state = _Document(text, lexicon_for(codes, vocabulary=vocabulary), threshold)
    state.blocks()
    state.captions()
    state.repeats()
    state.lines()
    state.menus()
    decisions = tuple(sorted(state.found.values(), key=lambda d: d.start))
    return Analysis(tuple(state.units), tuple(state.feats), decisions, code)


__all__ = ["DETECTORS", "END", "THRESHOLD", "Analysis", "Decision", "analyse", "reads_as_prose", "run_on"]
