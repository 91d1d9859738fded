"""What text a pattern's matches must contain: a cheap test that lets a rule skip a document without running (or compiling) its regex.

For each pattern, :func:`needle` reads the pattern's syntax tree (Python's
own regex parser, which reads the syntax ``regex`` shares with ``re``) and
finds literal strings of which every match holds at least one: ``Share
this:?`` needs ``Share this``; ``(?:Previous|Next) post`` needs ``Previous``
or ``Next``. A document that holds none of them cannot match, so the rule
has nothing to do there. A pattern the parser cannot read (``regex``'s own
syntax, such as fuzzy matching), or one that holds no literal every match
needs, gets no needle and always runs.

The test errs only one way: it may let a document through that the pattern
then does not match, never the reverse. Case-insensitive literals are
compared with the document's ``casefold()``, which folds every character
that matches an ASCII letter regardless of case (``K``, the Kelvin sign,
and ``ſ``, the long s, included); a case-insensitive literal with letters
beyond ASCII that have case gives no needle.

>>> needle("(?i)^(?:#{1,6}\\\\s*)?Post navigation$").literals
(('Post navigation', True),)
>>> needle("^(?:Previous|Next) (?:Post|Article)$").literals
(('Next', False), ('Previous', False))
>>> needle("^\\\\d+ comments?$").literals
((' comment', False),)
>>> needle("^(?:Comments?|\\\\p{Lu}+)$") is None
True
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import import_module
from typing import Any

Literals = frozenset[tuple[str, bool]]

sre_parse: Any = import_module("re._parser")
"""Python's own regex parser (``sre_parse`` before 3.11), which has no type stubs under this name."""
sre_constants: Any = import_module("re._constants")

UNICODE_PROPERTY = re.compile(r"(\\\\)|\\[pP](?:\{[^}]*\}|[A-Za-z])")
"""A Unicode property (``\\p{L}``, ``\\pL``), which Python's parser does not read: read as any character (``.``), which needs no literal."""

POSIX_CLASS = re.compile(r"\[:\^?[A-Za-z]+:\]")
"""A POSIX class inside a set (``[[:space:]]``), which ``regex`` reads and Python's parser does not."""

FLAG_MASK = re.IGNORECASE | re.MULTILINE | re.DOTALL | re.VERBOSE


@dataclass(frozen=True)
class Needle:
    """Literals of which every match of a pattern holds at least one, each with whether it is compared ignoring case."""

    literals: tuple[tuple[str, bool], ...]
    _exact: tuple[str, ...] = field(init=False, repr=False, compare=False)
    _folded: tuple[str, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_exact", tuple(literal for literal, ignore in self.literals if not ignore))
        object.__setattr__(self, "_folded", tuple(literal.casefold() for literal, ignore in self.literals if ignore))

    def found(self, text: str, folded: str) -> bool:
        """Whether ``text`` (``folded`` is its ``casefold()``) holds one of the literals, so that the pattern may match."""
        return any(literal in text for literal in self._exact) or any(literal in folded for literal in self._folded)


def needle(pattern: str, flags: int = 0) -> Needle | None:
    """The needle of ``pattern`` compiled with ``flags``, or None when it has none (it must always run)."""
    if POSIX_CLASS.search(pattern):
        # Python's parser reads ``[[:space:]]`` as a set of its letters and a literal ``]``.
        return None
    source = UNICODE_PROPERTY.sub(lambda m: m.group(1) or ".", pattern)
    try:
        tree = sre_parse.parse(source, flags & FLAG_MASK)
    except (re.error, OverflowError, RecursionError, ValueError):
        return None
    if _has_brace(tree.data):
        # ``{`` read as a literal may be regex's fuzzy matching (``(?:talks){e<=1}``), which Python's parser does not know.
        return None
    found = _needs(tree.data, bool(tree.state.flags & re.IGNORECASE))
    return Needle(tuple(sorted(found))) if found else None


NEEDLE_FORMAT = 2
"""Raised when what :func:`needle` finds changes, so needles stored in the cache are not read."""


def rule_needle(patterns: list[str], flags: int = 0) -> Needle | None:
    """The needle of a rule's ``patterns`` joined as alternatives, kept in the cache on disk (parsing them all takes a tenth of a second)."""
    import json
    import sys

    from .. import cache
    from .base import scoped

    key = json.dumps([NEEDLE_FORMAT, sys.version_info[:2], flags, patterns]).encode()
    return cache.cached(
        "needle",
        key,
        lambda: combined(needle(scoped(p), flags) for p in patterns),
        encode=lambda found: [list(pair) for pair in found.literals] if found else [],
        decode=lambda stored: Needle(tuple((str(text), bool(ignore)) for text, ignore in stored)) if stored else None,
    )


def combined(needles: Iterable[Needle | None]) -> Needle | None:
    """The needle of patterns joined as alternatives: any of their literals; None when one of them has no needle."""
    literals: set[tuple[str, bool]] = set()
    for each in needles:
        if each is None:
            return None
        literals.update(each.literals)
    return Needle(tuple(sorted(literals))) if literals else None


def _has_brace(items: list[tuple[Any, Any]]) -> bool:
    for op, av in items:
        if op is sre_constants.LITERAL and av == ord("{"):
            return True
        if isinstance(av, sre_parse.SubPattern) and _has_brace(av.data):
            return True
        if isinstance(av, tuple | list) and any(isinstance(part, sre_parse.SubPattern) and _has_brace(part.data) for part in av):
            return True
        if op is sre_constants.BRANCH and any(_has_brace(branch.data) for branch in av[1]):
            return True
    return False


def _usable(literal: str, ignore: bool) -> bool:
    """Whether a literal can serve: not only spaces, and when case is ignored, made of ASCII and of characters without case (``’``, ``…``, kana)."""
    return bool(literal.strip()) and (not ignore or all(char.isascii() or char.lower() == char == char.upper() == char.casefold() for char in literal))


def _better(best: Literals | None, other: Literals | None) -> Literals | None:
    """The stronger of two needles: the longer shortest literal, then the fewer literals."""
    if not other:
        return best
    if not best:
        return other
    return other if _rank(other) > _rank(best) else best


def _rank(found: Literals) -> tuple[int, int]:
    return min(len(text) for text, _ in found), -len(found)


def _needs(items: list[tuple[Any, Any]], ignore: bool) -> Literals | None:
    """Literals one of which every match of the sequence ``items`` holds, or None."""
    best: Literals | None = None
    run: list[str] = []

    def close() -> None:
        nonlocal best
        if run:
            literal = "".join(run)
            if _usable(literal, ignore):
                best = _better(best, frozenset({(literal, ignore)}))
            run.clear()

    for op, av in items:
        if op is sre_constants.LITERAL:
            run.append(chr(av))
            continue
        close()
        if op is sre_constants.SUBPATTERN:
            _, add, delete, sub = av
            inner = (ignore or bool(add & re.IGNORECASE)) and not delete & re.IGNORECASE
            best = _better(best, _needs(sub.data, inner))
        elif op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT, sre_constants.POSSESSIVE_REPEAT):
            low, _, sub = av
            if low >= 1:
                best = _better(best, _needs(sub.data, ignore))
        elif op is sre_constants.ATOMIC_GROUP:
            best = _better(best, _needs(av.data, ignore))
        elif op is sre_constants.BRANCH:
            branches = [_needs(branch.data, ignore) for branch in av[1]]
            if all(branches):
                best = _better(best, frozenset(pair for branch in branches if branch for pair in branch))
    close()
    return best


NO_BREAK_CATEGORIES = frozenset({"CATEGORY_DIGIT", "CATEGORY_NOT_SPACE", "CATEGORY_WORD", "CATEGORY_NOT_LINEBREAK"})
"""The classes (``\\d``, ``\\S``, ``\\w``) that do not hold the line break; every other one is taken to."""
LINE_BREAK = ord("\n")


def line_bound(pattern: str, flags: int = 0) -> bool:
    """Whether every match of ``pattern`` lies within one line and depends on that line alone.

    True when no part of the pattern, lookarounds included, can match a line
    break, the pattern cannot match the empty string, and it anchors only to
    word boundaries and, in multi-line mode, to line starts and ends. Its
    matches in a text are then those it finds in each line shown alone, so a
    rule made of it need not look again at lines that did not change. False
    whenever that is not certain: ``regex``'s own syntax that Python's parser
    rejects or reads otherwise (fuzzy matching, POSIX classes such as
    ``[[:space:]]``), ``\\B``.

    >>> line_bound(r"(?<=\\S)[ \\t]{2,}(?=\\S)"), line_bound(r"(?m)[ \\t]+$"), line_bound(r"[ \\t]+$")
    (True, True, False)
    >>> line_bound(r"\\n(?:[ \\t]*\\n){2,}"), line_bound(r"(?<=\\p{L})\\u00AD+(?=\\p{L})"), line_bound(r"x*")
    (False, True, False)
    """
    if POSIX_CLASS.search(pattern):
        # Python's parser reads ``[[:space:]]`` as a set of its letters.
        return False
    source = UNICODE_PROPERTY.sub(_property_stand_in, pattern)
    try:
        tree = sre_parse.parse(source, flags & FLAG_MASK)
        if tree.getwidth()[0] == 0 or _has_brace(tree.data):
            return False
    except (re.error, OverflowError, RecursionError, ValueError):
        return False
    return _in_line(tree.data, tree.state.flags)


def _property_stand_in(match: re.Match[str]) -> str:
    """A character that stands for a Unicode property in :func:`line_bound`: a class with the line break when the property holds it."""
    if match.group(1):
        return match.group(1)
    import regex

    try:
        holds = regex.match(match.group(0), "\n") is not None
    except regex.error:
        holds = True
    return "\\s" if holds else "a"


def _in_line(items: list[tuple[Any, Any]], flags: int) -> bool:
    constants = sre_constants
    for op, av in items:
        if op is constants.LITERAL:
            if av == LINE_BREAK:
                return False
        elif op is constants.NOT_LITERAL:
            if av != LINE_BREAK:
                return False
        elif op is constants.ANY:
            if flags & re.DOTALL:
                return False
        elif op is constants.IN:
            if _holds_break(av):
                return False
        elif op is constants.AT:
            if av is constants.AT_BOUNDARY or (av in (constants.AT_BEGINNING, constants.AT_END) and flags & re.MULTILINE):
                continue
            return False
        elif op is constants.SUBPATTERN:
            _, add, delete, sub = av
            if not _in_line(sub.data, (flags | add) & ~delete):
                return False
        elif op in (constants.MAX_REPEAT, constants.MIN_REPEAT, constants.POSSESSIVE_REPEAT):
            if not _in_line(av[2].data, flags):
                return False
        elif op in (constants.ASSERT, constants.ASSERT_NOT):
            if not _in_line(av[1].data, flags):
                return False
        elif op is constants.ATOMIC_GROUP:
            if not _in_line(av.data, flags):
                return False
        elif op is constants.BRANCH:
            if not all(_in_line(branch.data, flags) for branch in av[1]):
                return False
        elif op is constants.GROUPREF:
            continue
        elif op is constants.GROUPREF_EXISTS:
            _, yes, no = av
            if not _in_line(yes.data, flags) or (no is not None and not _in_line(no.data, flags)):
                return False
        else:
            return False
    return True


def _holds_break(items: list[tuple[Any, Any]]) -> bool:
    """Whether a character class holds the line break."""
    negated = False
    found = False
    for op, av in items:
        if op is sre_constants.NEGATE:
            negated = True
        elif op is sre_constants.LITERAL:
            found = found or av == LINE_BREAK
        elif op is sre_constants.RANGE:
            found = found or av[0] <= LINE_BREAK <= av[1]
        elif op is sre_constants.CATEGORY:
            found = found or str(av) not in NO_BREAK_CATEGORIES
        else:
            return True
    return found != negated
