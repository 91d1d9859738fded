"""``furniture``: page furniture on sites no rule has seen, found by what it looks like rather than by its wording.

Share lines, sign-up boxes, related-article lists, captions and credits,
bylines and datelines are short, lack sentence structure and the stop words
of running text, carry web-interface words, dates, URLs or names run
together, and gather before the article's first paragraph or after its last.
The classifier (:mod:`.classify`) measures those features on every line in
the document's own language (:mod:`.features`, :mod:`.lexicon`); each rule
of this kind reports what one of its detectors finds:

- ``find: lines``: lines the classifier scores at or above ``threshold``;
- ``find: blocks``: a "Related" or "Read more" header and the headlines under it;
- ``find: captions``: photo credits, captions ending in a credit, a caption beside a credit;
- ``find: repeats``: caption lines repeated in the document.

A line that reads as prose is never taken by the classifier, and a decision
is safe only when independent signals agree (see :mod:`.classify`). Whole
lines go with their line break; a paragraph whose lines all go takes its
blank line with it.

>>> from cleaner.model import Rule
>>> from pathlib import Path
>>> rule = Rule("furniture", "interface-line", "furniture", "boilerplate", "Furniture '{match}': {reason}", "", True, (), (), {}, Path("f.yaml"), 1)
>>> kind = Furniture(rule)
>>> doc = Document("The minister said the talks would resume next week in Geneva, officials said on Monday.\\n\\nShare on Facebook\\nShare on Twitter\\n", language="en")
>>> [e.message for e in kind.find(doc, Context("furniture/interface-line"))]
["Furniture 'Share on Facebook Share on Twitter': web-interface words ('share on', 'facebook'), no sentence punctuation, in the tail block"]
"""

from __future__ import annotations

from collections.abc import Iterator

from ...document import Document, Span
from ...model import Edit, Rule
from ..base import Context, Kind, Option, OptionError, compile_pattern, scoped
from ..remove import paragraph_removals
from .classify import DETECTORS, THRESHOLD, Analysis, Decision, analyse, run_on


class Furniture(Kind):
    """Remove lines that the furniture classifier or one of its detectors finds."""

    name = "furniture"
    summary = "page furniture found by features of each line"
    options = {
        "find": Option("str", "Which detector the rule reports: lines (the classifier), blocks, captions or repeats.", default="lines", choices=DETECTORS),
        "threshold": Option(
            "int",
            "Score from 0 to 100 at which the classifier calls a line furniture: lower finds more (recall), higher removes less (precision).",
            default=THRESHOLD,
            minimum=0,
        ),
        "vocabulary": Option("bool", "Use the web-interface vocabulary files; off, only the shape, position and neighbours of lines count.", default=True),
        "openers": Option(
            "regex-list",
            "With find: run-on, regexes matched at the start of a sentence that opens prose-shaped furniture (a cookie notice, a comment form).",
            default=[],
        ),
    }
    fields = {
        "reason": "why the line was taken, in words",
        "score": "the classifier's score, 0 to 100",
        "detector": "the detector that found it",
    }

    def __init__(self, rule: Rule) -> None:
        super().__init__(rule)
        self.detector = str(self.option("find"))
        self.threshold = int(self.option("threshold"))
        if self.threshold > 100:
            raise OptionError(f"threshold must be at most 100 (not {self.threshold})")
        self.vocabulary = bool(self.option("vocabulary"))
        openers = list(self.option("openers"))
        self.openers = compile_pattern("|".join(f"(?:{scoped(p)})" for p in openers)) if openers else None

    def analysis(self, doc: Document) -> Analysis:
        return analyse(doc.text, doc.language, threshold=self.threshold, vocabulary=self.vocabulary)

    def find(self, doc: Document, ctx: Context) -> Iterator[Edit]:
        analysis = self.analysis(doc)
        if self.detector == "run-on":
            yield from self.run_on(doc, ctx, analysis)
            return
        mine = [d for d in analysis.decisions if d.detector == self.detector]
        if not mine:
            return
        for start, end, group in removals(doc, mine):
            first = group[0]
            shown = "\n".join(doc.text[d.start : d.end] for d in group)
            details: dict[str, object] = {"signals": ",".join(first.signals), "language": analysis.language or ""}
            index = next(i for i, u in enumerate(analysis.units) if u.start == first.start)
            feature = analysis.features[index]
            details.update(
                words=feature.words,
                stop=None if feature.stop is None else round(feature.stop, 2),
                interface=round(feature.interface, 2),
                ends_sentence=feature.ends_sentence,
            )
            yield self.edit(
                start,
                end,
                "",
                match=shown,
                fields={"reason": first.reason, "score": first.score, "detector": first.detector},
                details=details,
                safe=all(d.safe for d in group),
            )

    def run_on(self, doc: Document, ctx: Context, analysis: Analysis) -> Iterator[Edit]:
        pattern = self.openers
        if pattern is None:
            return
        decision = run_on(analysis, doc.text, lambda sentence: ctx.search(pattern, sentence[:200]) is not None)
        if decision is None:
            return
        shown = " ".join(doc.text[decision.start : decision.end].split())
        shown = shown if len(shown) <= 80 else shown[:79] + "…"
        fields = {"reason": decision.reason, "score": decision.score, "detector": decision.detector}
        yield self.edit(decision.start, decision.end, "", match=shown, fields=fields, details={"language": analysis.language or ""}, safe=decision.safe)


def removals(doc: Document, decisions: list[Decision]) -> Iterator[tuple[int, int, list[Decision]]]:
    """Spans that remove the decided units with their line breaks, merging adjacent units of equal safety.

    A paragraph whose every line goes (all safely, or all not) is removed
    with its separator, as :func:`~cleaner.kinds.remove.paragraph_removals`
    does; a line inside a paragraph takes its own line break, and a run of
    lines ending the paragraph takes the line break before it.
    """
    text = doc.text
    paragraphs = doc.paragraphs
    by_paragraph: dict[int, list[Decision]] = {}
    for decision in decisions:
        by_paragraph.setdefault(_paragraph_of(paragraphs, decision.start), []).append(decision)
    whole: dict[int, list[Decision]] = {}
    partial: list[tuple[list[Span], dict[int, Decision]]] = []
    for index, found in by_paragraph.items():
        paragraph = paragraphs[index]
        lines = [line for line in doc.lines if paragraph.start <= line.start < paragraph.end and line.text(text).strip()]
        doomed = {position: d for d in found for position, line in enumerate(lines) if line.start < d.end and line.end > d.start}
        if len(doomed) == len(lines) and len({d.safe for d in found}) == 1:
            whole[index] = found
        else:
            partial.append((lines, doomed))
    spans: list[tuple[int, int, list[Decision]]] = [(start, end, whole[index]) for index, start, end in paragraph_removals(paragraphs, whole)]
    for lines, doomed in partial:
        trailing = len(lines)
        while trailing - 1 in doomed:
            trailing -= 1
        for position, decision in sorted(doomed.items()):
            if trailing == 0 and position == len(lines) - 1:
                spans.append((lines[position].start, lines[position].end, [decision]))
            elif trailing == 0:
                spans.append((lines[position].start, lines[position + 1].start, [decision]))
            elif position >= trailing:
                spans.append((lines[position - 1].end, lines[position].end, [decision]))
            else:
                spans.append((lines[position].start, lines[position + 1].start, [decision]))
    spans.sort(key=lambda s: s[0])
    yield from _merged(spans)


def _merged(spans: list[tuple[int, int, list[Decision]]]) -> Iterator[tuple[int, int, list[Decision]]]:
    current: tuple[int, int, list[Decision]] | None = None
    for start, end, group in spans:
        if current and start == current[1] and all(d.safe for d in group) == all(d.safe for d in current[2]):
            current = (current[0], end, current[2] + [d for d in group if d not in current[2]])
            continue
        if current:
            yield current
        current = (start, end, group)
    if current:
        yield current


def _paragraph_of(paragraphs: list[Span], offset: int) -> int:
    for index, paragraph in enumerate(paragraphs):
        if paragraph.start <= offset < paragraph.end or offset == paragraph.start:
            return index
    raise ValueError(f"offset {offset} lies in no paragraph")


__all__ = ["Furniture", "removals"]
