"""``mojibake``: text decoded in the wrong encoding, and HTML entities left as text, repaired by ftfy.

Scrapers read UTF-8 pages as Windows-1252 (``â€™`` for ``’``, ``Ã©`` for
``é``) or copy ``&amp;`` and ``&#8217;`` out of the page source. ftfy knows
how to undo that and can say which steps it took. This kind runs ftfy line
by line, exactly as ``ftfy.fix_text`` segments text, with a configuration
that repairs encodings only: curly quotes stay curly, line breaks, character
widths, ligatures and Unicode normalisation are left alone, and a leading
byte-order mark is the reader's business, never this rule's. Lines with
nothing ftfy could act on are skipped before ftfy is called.

>>> from cleaner.kinds.mojibake import repair
>>> repair("The prosecutorâ€™s office")
('The prosecutor’s office', "encode 'sloppy-windows-1252', decode 'utf-8'")
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

from ..document import Document
from ..model import Edit, Rule
from .base import Context, Kind, Option
from .matcher import Matcher

if TYPE_CHECKING:
    import ftfy


@cache
def _configs() -> tuple[ftfy.TextFixerConfig, ftfy.TextFixerConfig]:
    """``CONFIG`` and ``NO_ENTITIES``, made when first asked for: importing ftfy takes a twentieth of a second, and plain ASCII lines never need it."""
    import ftfy

    config = ftfy.TextFixerConfig(
        unescape_html="auto",
        remove_terminal_escapes=False,
        fix_encoding=True,
        restore_byte_a0=True,
        replace_lossy_sequences=True,
        decode_inconsistent_utf8=True,
        fix_c1_controls=True,
        fix_latin_ligatures=False,
        fix_character_width=False,
        uncurl_quotes=False,
        fix_line_breaks=False,
        fix_surrogates=True,
        remove_control_chars=True,
        normalization=None,
        explain=True,
    )
    return config, config._replace(unescape_html=False)


@cache
def _config(unescape: str | bool) -> ftfy.TextFixerConfig:
    return _configs()[0]._replace(unescape_html=unescape)


def __getattr__(name: str) -> Any:
    """``CONFIG``: what ftfy may do (ligatures stay because ``ĳ`` and ``ǆ`` are letters in Dutch and Serbo-Croatian); ``NO_ENTITIES``: the same for Markdown, where an entity is markup the renderer turns into its character."""
    if name == "CONFIG":
        return _configs()[0]
    if name == "NO_ENTITIES":
        return _configs()[1]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


CONTROLS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\u206a-\u206f\ufeff\ufff9-\ufffc\ud800-\udfff]")
"""Characters ftfy removes or replaces outside its encoding fix, which it only tries on text ``is_bad`` flags."""

MERGE_GAP = 3
"""Changed spans fewer than this many characters apart are reported as one edit."""

MAX_SHOWN = 40

LABELS = {
    "unescape_html": "HTML entity",
    "fix_c1_controls": "Control character",
    "remove_control_chars": "Control character",
    "fix_surrogates": "Broken surrogate pair",
}


def needs_ftfy(line: str, config: ftfy.TextFixerConfig | None = None) -> bool:
    """Whether ftfy, with ``config``, could change ``line`` at all: a cheap test that loses no repair.

    >>> needs_ftfy("“Plain,” she said."), needs_ftfy("Ã©t")
    (False, True)
    """
    return _may_change(line, (config or _configs()[0]).unescape_html)


def _may_change(line: str, unescape: str | bool) -> bool:
    if "&" in line and unescape is not False:
        return True
    if CONTROLS.search(line):
        return True
    if line.isascii():
        return False
    return _looks_bad(line)


@lru_cache(maxsize=16384)
def _looks_bad(line: str) -> bool:
    """ftfy's test for a line beyond ASCII, kept by text: each version of a document shows the rule the same lines again."""
    from ftfy.badness import is_bad

    return bool(is_bad(line))


def explain(steps: Sequence[tuple[str, str]] | None) -> str:
    """ftfy's steps as a reader sees them: ``encode 'sloppy-windows-1252', decode 'utf-8'``."""
    return ", ".join(f"{action} '{parameter}'" for action, parameter in steps or ())


def repair(line: str, config: ftfy.TextFixerConfig | None = None) -> tuple[str, str]:
    """The line as ftfy fixes it with ``config`` (``CONFIG`` by default), and its steps; unchanged lines explain nothing."""
    config = config or _configs()[0]
    if not needs_ftfy(line, config):
        return line, ""
    import ftfy

    fixed, steps = ftfy.fix_and_explain(line, config)
    return fixed, explain(steps) if fixed != line else ""


def changed_spans(before: str, after: str, gap: int = MERGE_GAP) -> list[tuple[int, int, int, int]]:
    """Spans ``(start, end, new_start, new_end)`` where ``after`` differs from ``before``.

    Nearby changes merge into one span, and a span touching an HTML entity
    grows to cover all of it, so ``&amp;`` is reported whole.

    >>> changed_spans("caf\u00c3\u00a9 and na\u00c3\u00afve &amp;", "café and naïve &")
    [(3, 5, 3, 4), (12, 14, 11, 12), (17, 22, 15, 16)]
    """
    spans: list[list[int]] = []
    matcher = Matcher(before, after)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            spans.append([i1, i2, j1, j2])
    from ftfy.chardata import HTML_ENTITY_RE

    for entity in HTML_ENTITY_RE.finditer(before):
        for span in spans:
            if span[0] <= entity.end() and entity.start() <= span[1]:
                grow_left = max(0, span[0] - entity.start())
                grow_right = max(0, entity.end() - span[1])
                span[0] -= grow_left
                span[2] -= grow_left
                span[1] += grow_right
                span[3] += grow_right
    merged: list[tuple[int, int, int, int]] = []
    for start, end, new_start, new_end in spans:
        if merged and start - merged[-1][1] < gap:
            first = merged[-1]
            merged[-1] = (first[0], max(end, first[1]), first[2], max(new_end, first[3]))
        else:
            merged.append((start, end, new_start, new_end))
    return merged


def show(text: str) -> str:
    """The damaged text as a message quotes it: invisible characters escaped, long runs shortened."""
    shown = "".join(c if c.isprintable() else f"\\u{ord(c):04x}" if ord(c) > 0xFF else f"\\x{ord(c):02x}" for c in text)
    return shown if len(shown) <= MAX_SHOWN else shown[: MAX_SHOWN - 1] + "…"


def label(steps: str) -> str:
    """What kind of damage ftfy's steps repaired."""
    if "encode " in steps or "decode_inconsistent_utf8" in steps:
        return "Mojibake"
    for step, name in LABELS.items():
        if step in steps:
            return name
    return "Unicode damage"


class Mojibake(Kind):
    """Repair mojibake, entities left as text and stray control characters with ftfy, one line at a time."""

    name = "mojibake"
    scope = "line"
    summary = "ftfy's encoding repairs, explained"
    options = {
        "entities": Option(
            "str", "Unescape HTML entities: auto (not in Markdown or in lines with '<'), always or never.", default="auto", choices=("auto", "always", "never")
        ),
    }
    fields = {
        "damage": "What kind of damage was repaired (Mojibake, HTML entity, ...)",
        "steps": "ftfy's repair steps",
    }

    def __init__(self, rule: Rule) -> None:
        super().__init__(rule)
        entities = self.option("entities")
        self.unescape: str | bool = "auto" if entities == "auto" else entities == "always"
        self.entities = entities

    def find(self, doc: Document, ctx: Context) -> Iterator[Edit]:
        """The repairs of each line, made outside its protected spans.

        A line is repaired stretch by stretch between protected spans (code
        in Markdown, URLs): the edits of one repair stand or fall together,
        and a repair that reached into a span would have half its edits
        dropped, leaving text that neither the original nor ftfy wrote.
        """
        unescape = False if doc.markdown and self.entities == "auto" else self.unescape
        text = doc.text
        for span in doc.lines:
            first = span.start + 1 if span.start == 0 and text.startswith("\ufeff") else span.start
            if not _may_change(text[first : span.end], unescape):
                continue
            for start, end in _open_stretches(doc, first, span.end):
                line = text[start:end]
                for i1, i2, replacement, steps in line_repairs(line, unescape):
                    yield self.edit(start + i1, start + i2, replacement, match=show(line[i1:i2]), fields={"damage": label(steps), "steps": steps})


@lru_cache(maxsize=8192)
def line_repairs(line: str, unescape: str | bool) -> tuple[tuple[int, int, str, str], ...]:
    """``(start, end, replacement, steps)`` of each change ftfy makes to one stretch of a line.

    Kept by text: the engine shows the rule every version of a document, and
    a line with letters beyond ASCII that ftfy leaves as it is would
    otherwise go through ftfy again on every pass.
    """
    fixed, steps = repair(line, _config(unescape))
    if fixed == line:
        return ()
    return tuple((i1, i2, fixed[j1:j2], steps) for i1, i2, j1, j2 in changed_spans(line, fixed))


def _open_stretches(doc: Document, start: int, end: int) -> list[tuple[int, int]]:
    """``text[start:end]`` without the protected spans that cross it, as ``(start, end)`` stretches.

    >>> doc = Document("a `b` c", markdown=True)
    >>> _open_stretches(doc, 0, 7)
    [(0, 2), (5, 7)]
    """
    stretches: list[tuple[int, int]] = []
    position = start
    protected = doc.protected
    for index in range(doc.first_protected(start), len(protected)):
        span = protected[index]
        if span.end <= position:
            continue
        if span.start >= end:
            break
        if span.start > position:
            stretches.append((position, span.start))
        position = max(position, span.end)
    if position < end:
        stretches.append((position, end))
    return stretches
