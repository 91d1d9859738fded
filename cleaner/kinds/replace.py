"""``replace``: a regex and a replacement template, for rules that need no code."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from ..document import Document
from ..model import Edit, Rule
from .base import UNLESS, Context, Exceptions, Option, OptionError, PatternKind, compile_pattern

GROUP_REFERENCE = regex.compile(r"\\(?:(\d+)|g<(\w+)>)")
FLAGS = {"ignorecase": regex.IGNORECASE, "multiline": regex.MULTILINE, "dotall": regex.DOTALL}


class Replace(PatternKind):
    """Replace every match of ``pattern`` with ``replacement`` (``\\1`` and ``\\g<name>`` expand groups)."""

    name = "replace"
    summary = "regex to template"
    options = {
        "pattern": Option("regex", "The regex to find (Python `regex` syntax).", required=True),
        "replacement": Option("str", "The template that replaces each match.", required=True),
        "flags": Option("str-list", "Any of ignorecase, multiline, dotall.", default=[], choices=tuple(FLAGS)),
        "unless": UNLESS,
    }
    fields = {
        "replacement": "The text that replaces the match",
    }

    def __init__(self, rule: Rule) -> None:
        super().__init__(rule)
        flags = 0
        for flag in self.option("flags"):
            flags |= FLAGS[flag]
        self.pattern = compile_pattern(self.option("pattern"), flags)
        self.template = self.option("replacement")
        self.exceptions = Exceptions(self.option("unless"))
        for reference in GROUP_REFERENCE.finditer(self.template):
            group = reference.group(1) or reference.group(2)
            known = int(group) <= self.pattern.groups if group.isdigit() else group in self.pattern.groupindex
            if not known:
                raise OptionError(f"replacement {self.template!r} does not fit the pattern: no group {group!r} (the pattern has {self.pattern.groups})")

    def find(self, doc: Document, ctx: Context) -> Iterator[Edit]:
        if self.skips(doc):
            return
        exceptions = self.exceptions.spans(doc.text, ctx)
        for match in ctx.finditer(self.pattern, doc.text):
            if exceptions and self.exceptions.covers(exceptions, *match.span()):
                continue
            try:
                replacement = match.expand(self.template)
            except (regex.error, IndexError):
                continue
            if replacement != match.group(0):
                yield self.edit(match.start(), match.end(), replacement, match=match.group(0), fields={"replacement": replacement})
