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
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field, replace

from .document import Document
from .kinds import Context, RuleTimeout
from .langid import DEFAULT_LANGUAGE, language_name
from .model import Edit, LineIndex, Result, Rule, apply_edits, edit_order

MAX_PASSES = 12
LANGUAGE_RECHECKS = 2
"""Times the language is detected again on the cleaned text (mojibake or boilerplate can mislead the first guess) and the cleaning redone with the rules for it."""
MAX_REMOVED = 0.8
"""Default share of a document's characters that fixes may delete before the document is left alone."""

Detector = Callable[[str], tuple[str | None, float]]


@dataclass(frozen=True)
class Progress:
    """Where a cleaning stands: run 1 applies safe edits, run 2 (when needed) unsafe ones too; each repeats passes over the rules."""

    run: int
    passes: int
    rule: int
    rules: int


ProgressHook = Callable[[Progress], None]
"""Called before each rule of each pass, for a progress display on a long document."""


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
    details: dict[tuple[str, str], tuple[tuple[str, object], ...]] = field(default_factory=dict)
    """The details of each rule's message, so that a hunk can carry those of the edit it credits first."""

    def to_original(self, position: int) -> int:
        """Original offset of a current position that lies outside every hunk."""
        delta = 0
        for hunk in self.hunks:
            if hunk.cend > position:
                break
            delta = hunk.cend - hunk.oend
        return position - delta

    def apply(self, edits: Sequence[Edit]) -> None:
        """Apply non-overlapping edits of the current text in one left-to-right sweep.

        Gives the hunks that recording the edits one at a time, right to left,
        gives (:meth:`_record`), in time linear in the text and the hunks, so
        a document with thousands of edits is no slower per edit than one
        with a few.
        """
        text = self.text
        old = self.hunks
        hunks: list[_Hunk] = []
        parts: list[str] = []
        position = shift = delta = index = 0
        group: list[int] = []
        """The open merge as ``[cstart, cend, ostart, oend, shift, growth]`` in the text before this sweep."""
        group_hunk: _Hunk | None = None
        group_rules: list[str] = []
        group_messages: list[str] = []
        group_added: tuple[list[str], list[str]] = ([], [])

        def close() -> None:
            nonlocal group_hunk
            if group_hunk is not None:
                cstart, cend, ostart, oend, before, growth = group
                hunks.append(_Hunk(ostart, oend, cstart + before, cend + before + growth, group_hunk.rules, group_hunk.messages, group_hunk.safe))
                group_hunk = None

        def touches(start: int, end: int, cstart: int, cend: int) -> bool:
            return (start < cend and end > cstart) or start == end == cstart == cend

        for edit in sorted(edits, key=lambda e: (e.start, e.end)):
            start, end = edit.start, edit.end
            growth = len(edit.replacement) - (end - start)
            while index < len(old) and old[index].cend <= start and not touches(start, end, old[index].cstart, old[index].cend):
                close()
                hunk = old[index]
                hunks.append(_Hunk(hunk.ostart, hunk.oend, hunk.cstart + shift, hunk.cend + shift, hunk.rules, hunk.messages, hunk.safe))
                delta = hunk.cend - hunk.oend
                index += 1
            items: list[tuple[int, int, int, int, _Hunk]] = []
            if group_hunk is not None and touches(start, end, group[0], group[1]):
                items.append((group[0], group[1], group[2], group[3], group_hunk))
            else:
                close()
            while index < len(old) and touches(start, end, old[index].cstart, old[index].cend):
                hunk = old[index]
                items.append((hunk.cstart, hunk.cend, hunk.ostart, hunk.oend, hunk))
                delta = hunk.cend - hunk.oend
                index += 1
            if items:
                first, last = items[0], items[-1]
                cstart, cend = min(start, first[0]), max(end, last[1])
                ostart, oend = first[2] - (first[0] - cstart), last[3] + (cend - last[1])
                rules, messages = ([*group_rules], [*group_messages]) if items[0][4] is group_hunk else ([], [])
                safe = edit.safe
                for *_, hunk in items:
                    if hunk is not group_hunk:
                        rules.extend(r for r in hunk.rules if r not in rules)
                        messages.extend(m for m in hunk.messages if m not in messages)
                    safe = safe and hunk.safe
                added_rules = [*(group_added[0] if items[0][4] is group_hunk else ()), edit.rule]
                added_messages = [*(group_added[1] if items[0][4] is group_hunk else ()), edit.message]
                group_rules, group_messages, group_added = rules, messages, (added_rules, added_messages)
                rules = rules + [r for r in dict.fromkeys(added_rules) if r not in rules]
                messages = messages + [m for m in dict.fromkeys(added_messages) if m not in messages]
                merged_growth = growth + (group[5] if group_hunk is not None and items[0][4] is group_hunk else 0)
                before = group[4] if group_hunk is not None and items[0][4] is group_hunk else shift
                group = [cstart, cend, ostart, oend, before, merged_growth]
                group_hunk = _Hunk(ostart, oend, cstart, cend, rules, messages, safe)
            else:
                ostart = start - delta
                group = [start, end, ostart, ostart + (end - start), shift, growth]
                group_hunk = _Hunk(ostart, ostart + (end - start), start, end, [edit.rule], [edit.message], edit.safe)
                group_rules, group_messages, group_added = [], [], ([edit.rule], [edit.message])
            parts.append(text[position:start])
            parts.append(edit.replacement)
            position = end
            shift += growth
        close()
        for hunk in old[index:]:
            hunks.append(_Hunk(hunk.ostart, hunk.oend, hunk.cstart + shift, hunk.cend + shift, hunk.rules, hunk.messages, hunk.safe))
        parts.append(text[position:])
        self.text = "".join(parts)
        self.hunks = hunks

    def _record(self, edit: Edit) -> None:
        """Record one edit, already applied to the text; the reference that :meth:`apply` must agree with."""
        start, end = edit.start, edit.end
        growth = len(edit.replacement) - (end - start)
        touching = [i for i, h in enumerate(self.hunks) if (start < h.cend and end > h.cstart) or start == end == h.cstart == h.cend]
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
            index = bisect.bisect_right([h.cend for h in self.hunks], start)
        self.hunks.insert(index, merged)
        for hunk in self.hunks[index + 1 :]:
            hunk.cstart += growth
            hunk.cend += growth

    def copy(self) -> _Log:
        return _Log(self.text, [replace(h, rules=list(h.rules), messages=list(h.messages)) for h in self.hunks], dict(self.details))

    def note(self, edits: Iterable[Edit]) -> None:
        for edit in edits:
            if edit.details:
                self.details.setdefault((edit.rule, edit.message), edit.details)

    def edits(self, original: str, lines: LineIndex, *, safe: bool | None = None) -> list[Edit]:
        """The hunks as edits of ``original``; ``safe`` overrides their own safety."""
        found = []
        for hunk in self.hunks:
            replacement = self.text[hunk.cstart : hunk.cend]
            if replacement == original[hunk.ostart : hunk.oend]:
                continue
            found.append(_edit(original, lines, hunk.ostart, hunk.oend, replacement, hunk, self.details, hunk.safe if safe is None else safe))
        return found


def _edit(
    original: str,
    lines: LineIndex,
    start: int,
    end: int,
    replacement: str,
    hunk: _Hunk,
    details: dict[tuple[str, str], tuple[tuple[str, object], ...]],
    safe: bool,
    rules: Sequence[str] = (),
    messages: Sequence[str] = (),
) -> Edit:
    rules = list(rules or hunk.rules)
    messages = list(messages or hunk.messages)
    line, column = lines.position(anchor(original, start, end, replacement))
    found = details.get((rules[0], messages[0]), ())
    return Edit(start, end, replacement, rules[0], "; ".join(messages), safe, line, column, tuple(rules), found)


def anchor(original: str, start: int, end: int, replacement: str) -> int:
    """Where a diagnostic points for an edit: its start, or for a removal the first character it removes that is not white space.

    >>> anchor("Body.\\n\\nLeave a Comment", 5, 22, "")
    7
    """
    if replacement or not original[start:end].strip():
        return start
    position = start
    while original[position].isspace():
        position += 1
    return position


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
        if doc.protected and doc.is_protected(edit.start, edit.end, removal=not edit.replacement and doc.whole_lines(edit.start, edit.end)):
            continue
        kept.append(edit)
        last_end = edit.end
    return kept


@dataclass
class _Fixpoint:
    """One run of the rules to a fixpoint: the log of changes and, for a safe run, where an unsafe run would part from it.

    ``fork`` is the log as it stood when the pass began in which a rule
    first proposed an unsafe edit: up to there, a run that applies unsafe
    edits does exactly the same, so it can start from that copy.
    """

    log: _Log
    fork: _Log | None = None


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
        progress: ProgressHook | None = None,
    ) -> Result:
        """Clean ``text``: find every edit, and apply the safe ones (all of them if ``unsafe``).

        The language is detected when a rule is limited to some languages or
        ``detect`` is true, unless ``language`` names it. Without a confident
        detection the default language applies (its confidence is then
        ``None``); a warning says when detection changed which rules ran. A
        detected language is checked again on the text the safe edits make,
        so that cleaning the result once more chooses the same rules
        (``fix(fix(x)) == fix(x)``), whether or not unsafe edits are applied.
        """
        confidence: float | None = 1.0 if language else None
        if language is None and (detect or any(r.languages for r in self.rules)):
            language, confidence = self._choose(text)
            result = self._run(text, path, unsafe, markdown, language, confidence, max_removed, progress)
            for _ in range(LANGUAGE_RECHECKS):
                repaired = apply_edits(text, [e for e in result.all_edits if e.safe])
                settled, settled_confidence = self._choose(repaired) if repaired != text else (language, confidence)
                if self._active(settled) == self._active(language):
                    break
                language, confidence = settled, settled_confidence
                result = self._run(text, path, unsafe, markdown, language, confidence, max_removed, progress)
            running = {r.full_id for r in self._active(language)}
            skipped = [r for r in self._active(DEFAULT_LANGUAGE) if r.full_id not in running]
            if skipped:
                result = replace(result, warnings=(*result.warnings, self._switched(path, language, confidence, skipped)))
            return result
        return self._run(text, path, unsafe, markdown, language, confidence, max_removed, progress)

    def _choose(self, text: str) -> tuple[str, float | None]:
        """The detected language and its confidence, or the default language (confidence ``None``) when detection is not sure."""
        detected, confidence = self.detect(text)
        return (detected, confidence) if detected else (DEFAULT_LANGUAGE, None)

    def _switched(self, path: str, language: str, confidence: float | None, skipped: list[Rule]) -> str:
        """The warning that detecting ``language`` kept ``skipped`` rules from running."""
        left_out = {r.full_id for r in skipped}
        packs = {r.pack for r in skipped if all(o.full_id in left_out for o in self.rules if o.pack == r.pack)}
        names = [f"{pack}/*" for pack in sorted(packs)] + [r.full_id for r in skipped if r.pack not in packs]
        shown = f"{confidence:.2f}" if confidence is not None else "?"
        return (
            f"{path}: detected {language_name(language)} ({language}, confidence {shown}); {len(skipped)} "
            f"{'rule' if len(skipped) == 1 else 'rules'} for other languages did not run ({', '.join(names)}); --language {DEFAULT_LANGUAGE} runs them"
        )

    def _active(self, language: str | None) -> list[Rule]:
        return [r for r in self.rules if not r.languages or language is None or language in r.languages]

    def _run(
        self,
        text: str,
        path: str,
        unsafe: bool,
        markdown: bool,
        language: str | None,
        confidence: float | None,
        max_removed: float | None,
        progress: ProgressHook | None = None,
    ) -> Result:
        """One cleaning of ``text`` with the rules that apply to ``language``: the one edit list, and the text ``fix`` makes of it.

        The safe edits run to a fixpoint first. If any rule proposed an
        unsafe edit on the way, every rule runs again to a fixpoint, from the
        pass where the two runs part. Both runs are logged as changes of the
        original text; where they agree, the changes are safe edits, and
        where they differ, an unsafe edit gives the second run's text over
        the whole disputed span, covering the safe edits there (it supersedes
        them when both are applied, see :func:`apply_edits`). So applying the
        safe edits gives the first run's text and applying all of them the
        second's.
        """
        active = self._active(language)
        warnings: list[str] = []
        disabled: set[str] = set()
        settled: dict[tuple[str, bool], set[str]] = {}
        while True:
            rules = [r for r in active if r.full_id not in disabled]
            first = self._fixpoint(_Log(text), rules, path, markdown, language, False, warnings, disabled, progress, settled)
            if first is None:
                continue
            second = (
                self._fixpoint(first.fork, rules, path, markdown, language, True, warnings, disabled, progress, settled) if first.fork is not None else first
            )
            if second is None:
                continue
            break
        lines = LineIndex(text)
        edits = _combine(text, lines, first.log, second.log)
        chosen = [e for e in edits if e.safe or unsafe]
        result_text = apply_edits(text, chosen)
        if max_removed is not None and text and len(text) - len(result_text) > max_removed * len(text):
            share = round(100 * (len(text) - len(result_text)) / len(text))
            limit = round(100 * max_removed)
            warnings.append(f"{path}: left unchanged: fixes would remove {share}% of it (blocked by --max-removed {limit}; `fix --force` overrides)")
            return Result(text, text, (), tuple(edits), tuple(warnings), language, confidence, skipped=True)
        pending = tuple(e for e in edits if not (e.safe or unsafe))
        return Result(text, result_text, tuple(chosen), pending, tuple(warnings), language, confidence)

    def _fixpoint(
        self,
        log: _Log,
        rules: list[Rule],
        path: str,
        markdown: bool,
        language: str | None,
        unsafe: bool,
        warnings: list[str],
        disabled: set[str],
        progress: ProgressHook | None = None,
        settled: dict[tuple[str, bool], set[str]] | None = None,
    ) -> _Fixpoint | None:
        """Run ``rules`` on from ``log`` until nothing changes; None when a rule had to be disabled (``disabled`` says which), so the caller starts over.

        A rule is not asked again about a text it has already found nothing
        to change in: rules are pure functions of the text, so the answer
        would be the same. The last pass, which confirms the fixpoint, then
        costs only the rules that saw a text changed after them.

        A line-scoped rule (:attr:`~cleaner.kinds.Kind.scope`) is not shown
        again the lines it has found nothing to apply in: ``settled`` holds
        them for each rule, under ``(rule, False)`` the lines without a safe
        edit and under ``(rule, True)`` those without any edit, and is shared
        by the safe run and the run with unsafe edits. In Markdown, code and
        front matter reach across lines, so every rule sees every line.
        """
        ids = [r.full_id for r in rules]
        contexts = {rule_id: Context(rule_id) for rule_id in ids}
        changed_by: set[str] = set()
        fork: _Log | None = None
        quiet: dict[str, str] = {}
        """For each rule, the text it last found nothing to apply in."""
        settled = {} if settled is None else settled
        by_line = {rule_id for rule, rule_id in zip(rules, ids, strict=True) if rule.kind.line_scoped} if not markdown else set()
        for number in range(1, self.max_passes + 1):
            changed_by = set()
            start = log.copy() if not unsafe and fork is None else None
            doc: Document | None = None
            for index, (rule, rule_id) in enumerate(zip(rules, ids)):
                if progress is not None:
                    progress(Progress(2 if unsafe else 1, number, index, len(rules)))
                if quiet.get(rule_id) is log.text:
                    continue
                if doc is None or doc.text is not log.text:
                    doc = Document(log.text, path=path, markdown=markdown, language=language)
                # The lines the rule is not shown now: it is known what it finds there.
                skipped = settled.get((rule_id, unsafe), NO_LINES)
                try:
                    if (rule_id, unsafe) in settled:
                        found = _find_in_lines(rule, doc, contexts[rule_id], skipped)
                    else:
                        found = list(rule.kind.find(doc, contexts[rule_id]))
                except RuleTimeout:
                    warnings.append(f"{path}: rule '{rule.full_id}' ({rule.path}) ran out of regex time and was skipped for this document")
                    disabled.add(rule.full_id)
                    return None
                found = _usable(found, doc)
                untouched = _untouched_lines(doc, found) if rule_id in by_line else []
                if untouched:
                    settled.setdefault((rule_id, True), set()).update([line for line in untouched if line not in skipped] if skipped else untouched)
                if not unsafe and any(not e.safe for e in found):
                    fork = fork or start
                    found = [e for e in found if e.safe]
                    untouched = _untouched_lines(doc, found) if rule_id in by_line else []
                if untouched and not unsafe:
                    settled.setdefault((rule_id, False), set()).update(untouched)
                if found:
                    log.note(found)
                    log.apply(found)
                    changed_by.add(rule_id)
                else:
                    quiet[rule_id] = log.text
            if not changed_by:
                return _Fixpoint(log, fork)
        names = ", ".join(sorted(changed_by))
        warnings.append(f"{path}: rules keep undoing each other ({names}); their edits were dropped for this document")
        disabled.update(changed_by)
        return None


NO_LINES: frozenset[str] = frozenset()


def _find_in_lines(rule: Rule, doc: Document, ctx: Context, settled: AbstractSet[str]) -> list[Edit]:
    """The edits of a line-scoped rule in ``doc``, shown only the lines it has not found settled before.

    The lines go to the rule as one document, joined by line feeds, and its
    edits are moved back to where each line stands in ``doc``. A line that
    does not open ``doc`` is not shown first (the start of a text may mean
    something to a rule, as a byte order mark does), nor one that does not
    close it last. Should an edit reach across a line feed after all, the
    rule is shown the whole document.
    """
    text = doc.text
    lines = [(start, end) for start, end in doc.raw_lines if text[start:end] not in settled]
    if not lines:
        return []
    head = "" if lines[0][0] == 0 else "\n"
    tail = "" if lines[-1][1] == len(text) else "\n"
    starts: list[int] = []
    position = len(head)
    for start, end in lines:
        starts.append(position)
        position += end - start + 1
    shown = Document(head + "\n".join(text[start:end] for start, end in lines) + tail, path=doc.path, markdown=doc.markdown, language=doc.language)
    moved: list[Edit] = []
    for edit in rule.kind.find(shown, ctx):
        index = bisect.bisect_right(starts, edit.start) - 1
        if index < 0 or edit.end > starts[index] + lines[index][1] - lines[index][0]:
            return list(rule.kind.find(doc, ctx))
        shift = lines[index][0] - starts[index]
        moved.append(replace(edit, start=edit.start + shift, end=edit.end + shift))
    return moved


def _untouched_lines(doc: Document, edits: list[Edit]) -> list[str]:
    """The lines of ``doc`` (split at line feeds) that none of ``edits``, sorted by start, falls in or next to."""
    text = doc.text
    if not edits:
        return [text[start:end] for start, end in doc.raw_lines]
    untouched: list[str] = []
    index = 0
    for start, end in doc.raw_lines:
        touched = False
        while index < len(edits) and edits[index].start <= end:
            touched = touched or edits[index].end >= start
            index += 1
        if not touched:
            untouched.append(text[start:end])
    return untouched


def _combine(original: str, lines: LineIndex, safe_log: _Log, full_log: _Log) -> list[Edit]:
    """The one edit list from a safe run and a run with unsafe edits, both logged against ``original``.

    Changes of the two runs that overlap or touch form a cluster. Where the
    runs made the same text of a cluster, its changes are safe edits. Where
    they differ, the safe changes are safe edits and one unsafe edit gives
    the second run's text for the whole cluster, covering them.
    """
    safe_hunks = [h for h in safe_log.hunks if safe_log.text[h.cstart : h.cend] != original[h.ostart : h.oend]]
    full_hunks = [h for h in full_log.hunks if full_log.text[h.cstart : h.cend] != original[h.ostart : h.oend]] if full_log is not safe_log else []
    found = [_edit(original, lines, h.ostart, h.oend, safe_log.text[h.cstart : h.cend], h, safe_log.details, True) for h in safe_hunks]
    if not full_hunks:
        return found
    tagged = sorted([(h.ostart, h.oend, False, h) for h in safe_hunks] + [(h.ostart, h.oend, True, h) for h in full_hunks], key=lambda t: (t[0], t[1]))
    clusters: list[tuple[int, int, list[_Hunk], list[_Hunk]]] = []
    for start, end, second, hunk in tagged:
        if clusters and start <= clusters[-1][1]:
            first_start, first_end, safe, full = clusters[-1]
            clusters[-1] = (first_start, max(first_end, end), safe + ([] if second else [hunk]), full + ([hunk] if second else []))
        else:
            clusters.append((start, end, [] if second else [hunk], [hunk] if second else []))
    for start, end, safe, full in clusters:
        wanted = _rewrite(original, start, end, full, full_log.text)
        if wanted == _rewrite(original, start, end, safe, safe_log.text):
            continue
        ostart, oend, replacement = start, end, wanted
        for inner in safe:
            if inner.ostart == inner.oend:
                if inner.ostart == ostart and ostart > 0:
                    ostart -= 1
                    replacement = original[ostart] + replacement
                if inner.oend == oend and oend < len(original):
                    replacement += original[oend]
                    oend += 1
        if ostart == oend and safe:
            if ostart > 0:
                ostart -= 1
                replacement = original[ostart] + replacement
            elif oend < len(original):
                replacement += original[oend]
                oend += 1
        own = {r for h in safe for r in h.rules}
        rules = [r for h in full for r in h.rules]
        rules = [r for r in rules if r not in own] + [r for r in rules if r in own]
        own_messages = {m for h in safe for m in h.messages}
        messages = [m for h in full for m in h.messages]
        messages = [m for m in messages if m not in own_messages] + [m for m in messages if m in own_messages]
        # With no change of its own here, the second run left the text as it was (a safe change of the
        # first run did not happen once an unsafe edit elsewhere changed the context): the unsafe edit
        # then restores the original over the safe changes, credited to their rules.
        lead = next((h for h in full if not h.safe), full[0] if full else safe[0])
        if not full:
            rules = [r for h in safe for r in h.rules]
            messages = [f"stays as written once unsafe fixes apply, instead of: {m}" for h in safe for m in h.messages]
        found.append(
            _edit(original, lines, ostart, oend, replacement, lead, full_log.details, False, list(dict.fromkeys(rules)), list(dict.fromkeys(messages)))
        )
    return sorted(found, key=edit_order)


def _rewrite(original: str, start: int, end: int, hunks: list[_Hunk], text: str) -> str:
    """What ``original[start:end]`` becomes with ``hunks`` (changes of ``original`` that now read as parts of ``text``)."""
    pieces: list[str] = []
    position = start
    for hunk in hunks:
        pieces.append(original[position : hunk.ostart])
        pieces.append(text[hunk.cstart : hunk.cend])
        position = hunk.oend
    pieces.append(original[position:end])
    return "".join(pieces)
