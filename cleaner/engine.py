"""Applies rules to a fixpoint and keeps every change credited to the rules that made it.

Each pass runs every rule in order over the current text; a rule's edits
are applied at once, so the next rule sees them. Changes are kept as hunks
of the *original* text (merged where later edits touch earlier ones), so a
user can accept or reject what they see. Passes repeat until no rule has
anything to change; if rules keep fighting past the cap, their edits are
dropped for that document and the run starts over without them.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from .document import Document
from .kinds import Context, RuleTimeout
from .model import Edit, LineIndex, Result
from .rulebook import Rule

MAX_PASSES = 12
MAX_REMOVED = 0.8
"""Default share of a document's characters that fixes may delete before the document is left alone."""

Detector = Callable[[str], tuple[str | None, float]]


@dataclass
class _Hunk:
    """A change of ``original[ostart:oend]`` that now reads ``current[cstart:cend]``."""

    ostart: int
    oend: int
    cstart: int
    cend: int
    rules: list[str]
    messages: list[str]
    safe: bool


@dataclass
class _Log:
    """The hunks so far, sorted by position, with the current text."""

    text: str
    hunks: list[_Hunk] = field(default_factory=list)

    def to_original(self, position: int) -> int:
        """Original offset of a current position that lies outside every hunk."""
        delta = 0
        for hunk in self.hunks:
            if hunk.cend > position:
                break
            delta = hunk.cend - hunk.oend
        return position - delta

    def apply(self, edits: Sequence[Edit]) -> None:
        """Apply non-overlapping edits of the current text, right to left."""
        text = self.text
        for edit in sorted(edits, key=lambda e: e.start, reverse=True):
            text = text[: edit.start] + edit.replacement + text[edit.end :]
            self._record(edit)
        self.text = text

    def _record(self, edit: Edit) -> None:
        start, end = edit.start, edit.end
        growth = len(edit.replacement) - (end - start)
        touching = [
            i
            for i, h in enumerate(self.hunks)
            if (start < h.cend and end > h.cstart) or start == end == h.cstart == h.cend
        ]
        if touching:
            first, last = self.hunks[touching[0]], self.hunks[touching[-1]]
            cstart = min(start, first.cstart)
            cend = max(end, last.cend)
            ostart = first.ostart - (first.cstart - cstart)
            oend = last.oend + (cend - last.cend)
            rules: list[str] = []
            messages: list[str] = []
            safe = edit.safe
            for i in touching:
                hunk = self.hunks[i]
                rules.extend(r for r in hunk.rules if r not in rules)
                messages.extend(m for m in hunk.messages if m not in messages)
                safe = safe and hunk.safe
            if edit.rule not in rules:
                rules.append(edit.rule)
            if edit.message not in messages:
                messages.append(edit.message)
            merged = _Hunk(ostart, oend, cstart, cend + growth, rules, messages, safe)
            del self.hunks[touching[0] : touching[-1] + 1]
            index = touching[0]
        else:
            ostart = self.to_original(start)
            merged = _Hunk(ostart, ostart + (end - start), start, end + growth, [edit.rule], [edit.message], edit.safe)
            index = bisect.bisect_left([h.cstart for h in self.hunks], start)
        self.hunks.insert(index, merged)
        for hunk in self.hunks[index + 1 :]:
            hunk.cstart += growth
            hunk.cend += growth

    def edits(self, original: str, lines: LineIndex) -> tuple[Edit, ...]:
        found = []
        for hunk in self.hunks:
            replacement = self.text[hunk.cstart : hunk.cend]
            if replacement == original[hunk.ostart : hunk.oend]:
                continue
            line, column = lines.position(hunk.ostart)
            found.append(
                Edit(hunk.ostart, hunk.oend, replacement, hunk.rules[0], "; ".join(hunk.messages), hunk.safe, line, column, tuple(hunk.rules))
            )
        return tuple(found)


def _usable(edits: Iterable[Edit], doc: Document) -> list[Edit]:
    """Edits in bounds, outside protected spans, without overlaps (the earlier one wins)."""
    size = len(doc.text)
    kept: list[Edit] = []
    last_end = -1
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        if not (0 <= edit.start <= edit.end <= size) or doc.text[edit.start : edit.end] == edit.replacement:
            continue
        if edit.start < last_end or (edit.start == last_end and kept and kept[-1].start == kept[-1].end == edit.start):
            continue
        if doc.protected and doc.is_protected(edit.start, edit.end):
            continue
        kept.append(edit)
        last_end = edit.end
    return kept


class Engine:
    """Runs a fixed list of rules over documents."""

    def __init__(self, rules: Sequence[Rule], *, max_passes: int = MAX_PASSES, detector: Detector | None = None) -> None:
        self.rules = list(rules)
        self.max_passes = max_passes
        self._detector = detector

    def detect(self, text: str) -> tuple[str | None, float]:
        if self._detector is None:
            from .langid import detect_language

            self._detector = detect_language
        return self._detector(text)

    def run(
        self,
        text: str,
        *,
        path: str = "-",
        unsafe: bool = False,
        markdown: bool = False,
        language: str | None = None,
        detect: bool = False,
        max_removed: float | None = MAX_REMOVED,
    ) -> Result:
        """Clean ``text``: apply safe edits (and unsafe ones if ``unsafe``) to a fixpoint.

        The language is detected when a rule is limited to some languages or
        ``detect`` is true, unless ``language`` names it.
        """
        confidence: float | None = 1.0 if language else None
        if language is None and (detect or any(r.languages for r in self.rules)):
            language, confidence = self.detect(text)
        active = [r for r in self.rules if not r.languages or language is None or language in r.languages]
        warnings: list[str] = []
        disabled: set[str] = set()
        while True:
            log, pending, fighting, timed_out = self._passes(text, [r for r in active if r.full_id not in disabled], path, markdown, language, unsafe)
            for rule in timed_out:
                warnings.append(f"{path}: rule '{rule.full_id}' ({rule.path}) ran out of regex time and was skipped for this document")
                disabled.add(rule.full_id)
            if not fighting:
                break
            names = ", ".join(sorted(fighting))
            warnings.append(f"{path}: rules keep undoing each other ({names}); their edits were dropped for this document")
            disabled.update(fighting)
        lines = LineIndex(text)
        edits = log.edits(text, lines)
        result_text = log.text
        if max_removed is not None and text:
            removed = sum(e.end - e.start for e in edits) - sum(len(e.replacement) for e in edits)
            if removed > max_removed * len(text):
                share = round(100 * removed / len(text))
                warnings.append(f"{path}: fixes would remove {share}% of the document (limit {round(100 * max_removed)}%); left unchanged")
                return Result(text, text, (), edits, tuple(warnings), language, confidence, skipped=True)
        held = self._held_back(pending, log, text, lines)
        return Result(text, result_text, edits, held, tuple(warnings), language, confidence)

    def _passes(
        self, text: str, rules: list[Rule], path: str, markdown: bool, language: str | None, unsafe: bool
    ) -> tuple[_Log, list[Edit], set[str], list[Rule]]:
        log = _Log(text)
        contexts = {r.full_id: Context(r.full_id) for r in rules}
        timed_out: list[Rule] = []
        live = list(rules)
        changed_by: set[str] = set()
        pending: list[Edit] = []
        for _ in range(self.max_passes):
            changed_by = set()
            pending = []
            for rule in list(live):
                doc = Document(log.text, path=path, markdown=markdown, language=language)
                try:
                    found = list(rule.kind.find(doc, contexts[rule.full_id]))
                except RuleTimeout:
                    timed_out.append(rule)
                    live.remove(rule)
                    continue
                found = _usable(found, doc)
                if not unsafe:
                    pending.extend(e for e in found if not e.safe)
                    found = [e for e in found if e.safe]
                if found:
                    log.apply(found)
                    changed_by.add(rule.full_id)
            if not changed_by:
                if timed_out:
                    return log, [], set(), timed_out
                return log, pending, set(), timed_out
        if timed_out:
            return log, [], set(), timed_out
        return log, [], changed_by, timed_out

    @staticmethod
    def _held_back(pending: list[Edit], log: _Log, original: str, lines: LineIndex) -> tuple[Edit, ...]:
        """Unsafe edits of the final text, mapped to the original where they touch no applied change."""
        held: list[Edit] = []
        taken = -1
        for edit in sorted(pending, key=lambda e: (e.start, e.end)):
            if any(edit.start <= h.cend and edit.end >= h.cstart for h in log.hunks) or edit.start < taken:
                continue
            start, end = log.to_original(edit.start), log.to_original(edit.end)
            if end - start != edit.end - edit.start:
                continue
            line, column = lines.position(start)
            held.append(Edit(start, end, edit.replacement, edit.rule, edit.message, False, line, column, (edit.rule,)))
            taken = edit.end
        return tuple(held)
