"""``teaser``: a link to another article ("READ MORE: ...", "ALSO: ...") left in the text, on its own line or inside a paragraph.

News pages put headlines of other articles into the body behind a marker;
extractors keep them, as a line of their own or run into the paragraph::

    The court ruled on Monday.
    ALSO: Oil prices climb as talks stall
    ... were set aside, the court said.Read more: Judge steps down after appealThe ruling is final.

The marker, the headline and the white space they leave are removed. The
headline's end must be plain, or nothing is done: the end of its line, a
run of two or more spaces, or a word glued to the next sentence's first word
(``appealThe``, where ``appeal`` is a word and ``appealThe`` is none, see
the ``glued`` kind). A marker counts only at the start of a line or right
after a finished sentence, in the exact case listed, followed by a colon and
a capital; the headline has at most ``max-words`` words and no full stop
followed by a space (that would be a sentence, not a headline), and does not
end with a full stop.

>>> from cleaner.kinds.teaser import remove_teasers
>>> remove_teasers("The court ruled.Read more: Judge steps down after appealThe ruling is final.", ["Read more"])
'The court ruled. The ruling is final.'
>>> remove_teasers("He said: also, read more carefully.", ["ALSO", "Read more"])
'He said: also, read more carefully.'
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import regex

from ..document import Document
from ..model import Edit, Rule, apply_edits
from ..text import word_count
from .base import Context, Kind, Option, OptionError
from .glued import MIN_LEFT_ZIPF, GluedFinder, mixed_case_words, zipf

INNER_CAPITAL = regex.compile(r"(?<=\p{Ll})(?=\p{Lu})")
SPACES = regex.compile(r"[^\S\n]{2,}")
SENTENCE_BREAK = regex.compile(r"[.!?][\"”’)]*\s")
LEFT_PART = regex.compile(r"\p{L}+$")
WORD_START = regex.compile(r"\p{Lu}[\p{L}\p{N}]*")
BLANK_LINES = regex.compile(r"(?:[^\S\n]*\n)+")


def remove_teasers(text: str, markers: Sequence[str], max_words: int = 20) -> str:
    """``text`` without the teasers behind ``markers`` (for doctests)."""
    finder = TeaserFinder(markers, frozenset(), max_words=max_words)
    return apply_edits(text, [Edit(s, e, r, "teaser", t) for s, e, r, t in finder.find(text)])


class TeaserFinder:
    """The matching logic, apart from rule plumbing: yields ``(start, end, replacement, teaser)``."""

    def __init__(self, markers: Sequence[str], mixed_case: frozenset[str], *, max_words: int) -> None:
        if not markers:
            raise OptionError("markers must list at least one marker")
        alternatives = "|".join(regex.escape(m) for m in sorted(markers, key=len, reverse=True))
        self.pattern = regex.compile(
            rf"(?:^[^\S\n]*|(?<=[.!?…][\"”’)]?)[^\S\n]*)(?P<marker>{alternatives})[^\S\n]*:[^\S\n]*(?=[“\"‘]?[\p{{Lu}}\p{{N}}])", regex.MULTILINE
        )
        self.glued = GluedFinder(mixed_case, headline_words=0)
        self.max_words = max_words

    def headline_end(self, text: str, start: int, line_end: int) -> tuple[int, int, str] | None:
        """Where the headline that starts at ``start`` ends, where the removal stops, and how it ends: ``line``, ``spaces`` or ``glued``."""
        ends: list[tuple[int, int, str]] = [(line_end, line_end, "line")]
        spaces = SPACES.search(text, start, line_end)
        if spaces is not None:
            ends.append((spaces.start(), spaces.end(), "spaces"))
        for cut in INNER_CAPITAL.finditer(text, start, line_end):
            left = LEFT_PART.search(text, start, cut.start())
            right = WORD_START.match(text, cut.start(), line_end)
            if left is None or right is None or len(left.group()) < 2:
                continue
            if zipf(left.group().casefold()) >= MIN_LEFT_ZIPF and not self.glued.is_whole(left.group(), right.group()):
                ends.append((cut.start(), cut.start(), "glued"))
                break
        end, stop, how = min(ends)
        headline = text[start:end].rstrip()
        if not headline or SENTENCE_BREAK.search(headline) or headline.endswith(".") or not 2 <= word_count(headline) <= self.max_words:
            return None
        return end, stop, how

    def find(self, text: str) -> Iterator[tuple[int, int, str, str]]:
        for match in self.pattern.finditer(text):
            line_start = text.rfind("\n", 0, match.start()) + 1
            line_end = text.find("\n", match.end())
            line_end = len(text) if line_end == -1 else line_end
            found = self.headline_end(text, match.end(), line_end)
            if found is None:
                continue
            end, stop, how = found
            marker = match.start("marker")
            shown = text[marker:end].rstrip()
            alone = not text[line_start:marker].strip()
            if how == "line" and alone:
                yield *_line_removal(text, line_start, line_end), "", shown
            elif how == "line":
                yield match.start(), line_end, "", shown
            else:
                lead = " " if marker > line_start and not text[marker - 1].isspace() else ""
                yield marker, stop, lead, shown


def _line_removal(text: str, start: int, end: int) -> tuple[int, int]:
    """The span that removes the line ``text[start:end]`` with one separator, so that no blank lines pile up."""
    blank = BLANK_LINES.match(text, end)
    after = blank.end() if blank else end
    before = start
    while before > 0 and text[before - 1] in "\n\r \t":
        before -= 1
    if after >= len(text):
        return before, end
    if text[end:after].count("\n") < 2:
        return start, after
    if start == 0 or text[before:start].count("\n") >= 2:
        return start, after
    return before, end


class Teaser(Kind):
    """Remove a teaser for another article behind a marker such as "READ MORE:", on its own line or inside a paragraph."""

    name = "teaser"
    summary = "remove a teaser for another article behind a marker"
    options = {
        "markers": Option("str-list", "The markers, in the exact case they are written, without the colon.", required=True),
        "max-words": Option("int", "The longest headline after a marker, in words.", default=20, minimum=2),
        "mixed-case": Option("path", "Word-list file of mixed-case words that are no glue (iPhone, DeSantis), as the glued kind's."),
    }
    fields = {
        "teaser": "The marker and the headline removed",
    }

    def __init__(self, rule: Rule) -> None:
        super().__init__(rule)
        self.finder = TeaserFinder(list(self.option("markers")), mixed_case_words(self.option("mixed-case")), max_words=int(self.option("max-words")))

    def find(self, doc: Document, ctx: Context) -> Iterator[Edit]:
        for start, end, replacement, teaser in self.finder.find(doc.text):
            yield self.edit(start, end, replacement, match=teaser, fields={"teaser": teaser})
