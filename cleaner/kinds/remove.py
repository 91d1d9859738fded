"""``remove``: drop whole lines or paragraphs matching patterns, optionally only near the head or tail."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from functools import cached_property

import regex

from ..document import Document, Span
from ..model import Edit, Rule
from .base import Context, Kind, Option, compile_pattern, scoped
from .prefilter import Needle, rule_needle


def paragraph_removals(paragraphs: Sequence[Span], doomed: Iterable[int]) -> list[tuple[int, int, int]]:
    """Spans ``(index, start, end)`` that remove the given paragraphs with their separators.

    A paragraph followed by another takes the blank lines after it; a run of
    paragraphs reaching the end of the text takes the blank lines before it, so
    the text's final line break is kept and no blank lines pile up.
    """
    doomed = sorted(set(doomed))
    last = len(paragraphs) - 1
    spans: list[tuple[int, int, int]] = []
    tail_run_start = last + 1
    while tail_run_start - 1 in doomed:
        tail_run_start -= 1
    for index in doomed:
        here = paragraphs[index]
        if index >= tail_run_start and tail_run_start > 0:
            spans.append((index, paragraphs[index - 1].end, here.end))
        elif index < last:
            spans.append((index, here.start, paragraphs[index + 1].start))
        else:
            spans.append((index, here.start, here.end))
    return spans


class Remove(Kind):
    """Remove lines or paragraphs that match any of ``patterns``."""

    name = "remove"
    summary = "drop matching lines or paragraphs"
    options = {
        "patterns": Option("regex-list", "Regexes searched in each unit, whitespace-trimmed; any match removes the unit.", required=True),
        "scope": Option("str", "Unit removed: a paragraph or a single line.", default="paragraph", choices=("paragraph", "line")),
        "where": Option("str", "Where a unit may be: anywhere, or only near the head or tail.", default="anywhere", choices=("anywhere", "head", "tail")),
        "within": Option("int", "With head or tail: how many units from that end count.", default=3, minimum=1),
    }

    def __init__(self, rule: Rule) -> None:
        super().__init__(rule)
        self.unit = self.option("scope")
        self.where = self.option("where")
        self.within = int(self.option("within"))

    @cached_property
    def pattern(self) -> regex.Pattern[str]:
        """The patterns as one regex, compiled on first use: the rulebook checked each of them when it loaded."""
        return compile_pattern("|".join(f"(?:{scoped(p)})" for p in self.option("patterns")))

    @cached_property
    def needle(self) -> Needle | None:
        """Literals of which every match of the patterns holds one: a document without any is skipped unread."""
        return rule_needle([str(p) for p in self.option("patterns")])

    def _window(self, count: int) -> range:
        if self.where == "head":
            return range(min(count, self.within))
        if self.where == "tail":
            return range(max(0, count - self.within), count)
        return range(count)

    def _matches(self, text: str, ctx: Context) -> str | None:
        unit = text.strip()
        return unit if ctx.search(self.pattern, unit) is not None else None

    def find(self, doc: Document, ctx: Context) -> Iterator[Edit]:
        if self.needle is not None and not self.needle.found(doc.text, doc.folded):
            return
        if self.unit == "paragraph":
            yield from self._paragraphs(doc, ctx)
        else:
            yield from self._lines(doc, ctx)

    def _paragraphs(self, doc: Document, ctx: Context) -> Iterator[Edit]:
        paragraphs = doc.paragraphs
        found = {i: unit for i in self._window(len(paragraphs)) if (unit := self._matches(paragraphs[i].text(doc.text), ctx))}
        for index, start, end in paragraph_removals(paragraphs, found):
            yield self.edit(start, end, "", match=found[index])

    def _lines(self, doc: Document, ctx: Context) -> Iterator[Edit]:
        text = doc.text
        filled = [i for i, line in enumerate(doc.lines) if line.text(text).strip()]
        found: dict[int, str] = {}
        for position in self._window(len(filled)):
            index = filled[position]
            if unit := self._matches(doc.lines[index].text(text), ctx):
                found[index] = unit
        if not found:
            return
        lines = doc.lines
        paragraphs = doc.paragraphs
        whole: dict[int, str] = {}
        partial: list[tuple[int, list[int]]] = []
        for p_index, paragraph in enumerate(paragraphs):
            members = [i for i in filled if paragraph.start <= lines[i].start < paragraph.end]
            hit = [i for i in members if i in found]
            if not hit:
                continue
            if len(hit) == len(members):
                whole[p_index] = found[hit[0]]
            else:
                partial.append((p_index, members))
        for p_index, start, end in paragraph_removals(paragraphs, whole):
            yield self.edit(start, end, "", match=whole[p_index])
        for _, members in partial:
            trailing = len(members)
            while trailing > 0 and members[trailing - 1] in found:
                trailing -= 1
            for position, index in enumerate(members):
                if index not in found:
                    continue
                if position >= trailing:
                    start, end = lines[members[position - 1]].end, lines[index].end
                else:
                    start, end = lines[index].start, lines[members[position + 1]].start
                yield self.edit(start, end, "", match=found[index])
