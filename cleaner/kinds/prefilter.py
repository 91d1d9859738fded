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


NEEDLE_FORMAT = 1
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
