"""What every rule kind shares: its option schema, the compiled rule it serves, and time-limited regexes."""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, ClassVar

import regex

from ..document import Document
from ..model import Edit, Rule

if TYPE_CHECKING:
    from .prefilter import Needle

REGEX_BUDGET_SECONDS = 1.0
"""Time one rule's user-written regexes may take on one document, in total."""

MAX_PATTERN_LENGTH = 5000
MAX_REPEAT = 1000


class RuleTimeout(Exception):
    """A rule's regex ran out of its time budget on a document."""


class OptionError(ValueError):
    """A rule option has the wrong value; the message says what is allowed."""


@dataclass(frozen=True)
class Option:
    """One option of a rule kind, as YAML gives it.

    ``type`` is one of ``str``, ``int``, ``bool``, ``regex``, ``regex-list``,
    ``str-list``, ``str-map``.
    """

    type: str
    doc: str
    default: Any = None
    required: bool = False
    choices: tuple[str, ...] = ()
    minimum: int | None = None


def compile_pattern(source: str, flags: int = 0) -> regex.Pattern[str]:
    """Compile a user's regex, refusing sizes and repetition counts that invite trouble."""
    if len(source) > MAX_PATTERN_LENGTH:
        raise OptionError(f"pattern is {len(source)} characters long (at most {MAX_PATTERN_LENGTH})")
    for match in regex.finditer(r"\{(\d+)(?:,(\d*))?\}", source):
        for number in match.groups():
            if number and int(number) > MAX_REPEAT:
                raise OptionError(f"repetition count {number} in {match.group(0)!r} is too large (at most {MAX_REPEAT})")
    try:
        # As a plain int the flags are tested a third faster in regex's parser than as a RegexFlag; the pattern is the same.
        return regex.compile(source, int(flags | regex.VERSION0))
    except regex.error as error:
        raise OptionError(f"invalid regex {source!r}: {error}") from None


@dataclass
class Context:
    """Per-document services for one rule: regex calls under a shared time budget."""

    rule_id: str
    budget: float = REGEX_BUDGET_SECONDS
    spent: float = field(default=0.0)

    def _remaining(self) -> float:
        left = self.budget - self.spent
        if left <= 0:
            raise RuleTimeout(self.rule_id)
        return left

    def finditer(self, pattern: regex.Pattern[str], text: str, pos: int = 0, endpos: int | None = None) -> Iterator[regex.Match[str]]:
        started = time.perf_counter()
        try:
            matches = list(pattern.finditer(text, pos, len(text) if endpos is None else endpos, timeout=self._remaining()))
        except TimeoutError:
            self.spent = self.budget
            raise RuleTimeout(self.rule_id) from None
        finally:
            self.spent += time.perf_counter() - started
        return iter(matches)

    def search(self, pattern: regex.Pattern[str], text: str) -> regex.Match[str] | None:
        started = time.perf_counter()
        try:
            return pattern.search(text, timeout=self._remaining())
        except TimeoutError:
            self.spent = self.budget
            raise RuleTimeout(self.rule_id) from None
        finally:
            self.spent += time.perf_counter() - started


UNLESS = Option("regex-list", "Exceptions: a match that lies inside a match of any of these regexes is left alone (as Vale's exceptions).", default=[])


class Exceptions:
    """The ``unless`` option of a rule: regexes whose matches no edit of the rule may fall inside.

    >>> from cleaner.kinds.base import Context
    >>> exceptions = Exceptions(["Kiev Chicken", "(?i)kiev-\\w+"])
    >>> spans = exceptions.spans("Kiev Chicken in Kiev", Context("t"))
    >>> exceptions.covers(spans, 0, 4), exceptions.covers(spans, 16, 20)
    (True, False)
    """

    def __init__(self, patterns: list[str]) -> None:
        self.pattern = compile_pattern("|".join(f"(?:{scoped(p)})" for p in patterns)) if patterns else None

    def spans(self, text: str, ctx: Context) -> list[tuple[int, int]]:
        if self.pattern is None:
            return []
        return [m.span() for m in ctx.finditer(self.pattern, text) if m.end() > m.start()]

    @staticmethod
    def covers(spans: list[tuple[int, int]], start: int, end: int) -> bool:
        return any(s <= start and end <= e for s, e in spans)


LEADING_FLAGS = regex.compile(r"^\(\?([aiLmsux]+)\)")


def scoped(pattern: str) -> str:
    """Turn a leading global flag group into a scoped one, so patterns can be joined.

    >>> scoped("(?i)^share this:?$")
    '(?i:^share this:?$)'
    """
    match = LEADING_FLAGS.match(pattern)
    return f"(?{match.group(1)}:{pattern[match.end() :]})" if match else pattern


class Kind:
    """The code behind rules of one kind.

    A subclass names itself, declares its options, reads them in
    ``__init__`` (raising :class:`OptionError` for bad values) and yields
    edits of the document's text from :meth:`find`. Kinds do no I/O.
    """

    name: ClassVar[str]
    summary: ClassVar[str] = ""
    options: ClassVar[dict[str, Option]] = {}
    fields: ClassVar[dict[str, str]] = {}
    """Fields the kind fills in a rule's message, besides ``{match}`` (the text the edit replaces), each with what it holds."""
    scope: ClassVar[str] = "document"
    """``line`` when each edit of the kind lies within one line and depends on that line alone: its edits of a
    document are those it makes of each line shown alone (with the same path, language and Markdown flag), so
    the engine shows it again only the lines that changed. ``document`` when it reads across lines (neighbours,
    blocks, the majority spelling, the language of the whole). ``pattern`` (:class:`PatternKind`: ``replace``,
    ``swap``): ``line`` when the rule's pattern and its exceptions are line-bound
    (:func:`~cleaner.kinds.prefilter.line_bound`), else ``document``."""

    def __init__(self, rule: Rule) -> None:
        self.rule = rule

    @cached_property
    def line_scoped(self) -> bool:
        """Whether the engine may show the rule only the lines that changed since it last looked (see :attr:`scope`)."""
        return self.scope == "line"

    def option(self, key: str) -> Any:
        return self.rule.options.get(key, self.options[key].default)

    def edit(
        self,
        start: int,
        end: int,
        replacement: str,
        *,
        match: str | None = None,
        fields: Mapping[str, object] | None = None,
        details: Mapping[str, object] | None = None,
        safe: bool = True,
    ) -> Edit:
        """An edit by this rule, its message the rule's own filled from ``match`` and ``fields``.

        ``details`` (with ``fields``) are the values behind the decision, which
        JSON output carries; ``safe`` can only lower the rule's own safety.
        """
        message = self.rule.format_message(match, fields)
        values = {**(fields or {}), **(details or {})}
        return Edit(start, end, replacement, self.rule.full_id, message, self.rule.safe and safe, details=tuple(values.items()))

    def find(self, doc: Document, ctx: Context) -> Iterable[Edit]:
        raise NotImplementedError


class PatternKind(Kind):
    """A kind whose rule is one regex with exceptions (``replace``, ``swap``): its scope and its needle follow from them."""

    scope = "pattern"
    pattern: regex.Pattern[str]
    exceptions: Exceptions

    @cached_property
    def line_scoped(self) -> bool:
        from .prefilter import line_bound

        patterns = [self.pattern] + ([self.exceptions.pattern] if self.exceptions.pattern is not None else [])
        return all(line_bound(p.pattern, p.flags) for p in patterns)

    @cached_property
    def needle(self) -> Needle | None:
        """Literals of which every match of the pattern holds one: a document without any is skipped unread."""
        from .prefilter import rule_needle

        return rule_needle([self.pattern.pattern], self.pattern.flags)

    def skips(self, doc: Document) -> bool:
        """Whether ``doc`` holds none of the pattern's needle, so that the rule has nothing to do there."""
        return self.needle is not None and not self.needle.found(doc.text, doc.folded)
