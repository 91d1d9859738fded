"""A document as rules see it: its text, paragraphs, lines and the spans no rule may edit."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property, lru_cache

PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n(?:[ \t\r\f\v]*\n)*")
URL = re.compile(r"\b(?:(?:https?|ftp)://|www\.)[^\s<>\"'“”‘’)\]]+", re.IGNORECASE)
"""A web address with a scheme or ``www.``."""
DOMAIN_PATH = re.compile(r"\.[a-z]{2,}/", re.IGNORECASE)
"""Where a bare domain meets its path (``example.org/kiev-talks``): found first, then grown to the whole address."""
BARE_URL = re.compile(r"[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}/[^\s<>\"'“”‘’)\]]*", re.IGNORECASE)
ADDRESS_START = re.compile(r"[a-z0-9.-]+$", re.IGNORECASE)
EMAIL = re.compile(r"(?<![\w.+-])(?:mailto:)?[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
HANDLE = re.compile(r"(?<![\w@/.])@\w{1,30}\b")
"""A social-media handle such as ``@AP`` (not the middle of an e-mail address)."""
FRONT_MATTER = re.compile(r"\A(?:\ufeff)?---[ \t]*\n.*?\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
FENCED_CODE = re.compile(r"^([ \t]{0,3})(`{3,}|~{3,})[^\n]*\n.*?(?:^\1?\2[`~]*[ \t]*$|\Z)", re.DOTALL | re.MULTILINE)
INDENTED_CODE = re.compile(r"(?:(?<=\n\n)|\A)(?:(?: {4}|\t)[^\n]*(?:\n|\Z))+")
CODE_SPAN = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)", re.DOTALL)
LINK_TARGET = re.compile(r"\]\([^)\s]*(?:\s+\"[^\"]*\")?\)|^\s{0,3}\[[^\]]+\]:\s*\S+.*$", re.MULTILINE)
AUTOLINK = re.compile(r"<(?:https?|mailto|ftp):[^>\s]+>")
HARD_BREAK = re.compile(r"(?<=\S)  +(?=\n)")
HTML_BLOCK = re.compile(r"<!--.*?-->", re.DOTALL)


def bare_urls(text: str) -> list[tuple[int, int]]:
    """Spans of addresses without a scheme, such as ``example.org/kiev-talks``, in time linear in the text.

    >>> text = "See example.org/kiev-talks and a/b."
    >>> [text[s:e] for s, e in bare_urls(text)]
    ['example.org/kiev-talks']
    """
    found: list[tuple[int, int]] = []
    for hit in DOMAIN_PATH.finditer(text):
        head = ADDRESS_START.search(text, max(0, hit.start() - 253), hit.start())
        start = head.start() if head else hit.start()
        while start < hit.start() and not text[start].isalnum():
            start += 1
        whole = BARE_URL.match(text, start)
        if whole and (not found or whole.start() >= found[-1][1]) and (start == 0 or not text[start - 1].isalnum()):
            found.append(whole.span())
    return found


def lines_at(text: str) -> Iterator[tuple[int, str]]:
    """Each line of ``text``, split at line feeds alone, with the offset it starts at.

    >>> list(lines_at("ab\\ncd"))
    [(0, 'ab'), (3, 'cd')]
    """
    position = 0
    for line in text.split("\n"):
        yield position, line
        position += len(line) + 1


@lru_cache(maxsize=32768)
def _line_addresses(line: str) -> tuple[tuple[int, int], ...]:
    """``(start, end)`` of the URLs, e-mail addresses, handles and bare addresses of one line, in the order :attr:`Document.protected` sorts them."""
    spans = [m.span() for pattern in (URL, EMAIL, HANDLE) for m in pattern.finditer(line) if m.end() > m.start()]
    if "/" in line:
        spans += bare_urls(line)
    spans.sort()
    return tuple(spans)


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    removable: bool = False
    """Whether removing whole lines that hold the span may take it along (URLs, e-mail addresses, handles)."""

    def text(self, source: str) -> str:
        return source[self.start : self.end]


class Document:
    """The text one rule is shown, with lazily computed structure.

    A paragraph is a run of lines without a blank line; its span excludes
    the separating blank lines. Offsets are code points into ``text``.
    """

    def __init__(self, text: str, *, path: str = "-", markdown: bool = False, language: str | None = None) -> None:
        self.text = text
        self.path = path
        self.markdown = markdown
        self.language = language

    @cached_property
    def paragraphs(self) -> list[Span]:
        spans: list[Span] = []
        text = self.text
        start = 0
        for match in PARAGRAPH_BREAK.finditer(text):
            if match.start() > start and text[start : match.start()].strip():
                spans.append(self._trim(start, match.start()))
            start = match.end()
        if text[start:].strip():
            spans.append(self._trim(start, len(text)))
        return spans

    def _trim(self, start: int, end: int) -> Span:
        text = self.text
        while start < end and text[start] in "\n\r":
            start += 1
        while end > start and text[end - 1] in " \t\r\n\ufeff":
            end -= 1
        return Span(start, end)

    @cached_property
    def folded(self) -> str:
        """The text case-folded, for case-insensitive tests of whether a literal occurs in it."""
        return self.text.casefold()

    @cached_property
    def lines(self) -> list[Span]:
        """Every line, without its line break."""
        spans: list[Span] = []
        start = 0
        text = self.text
        while True:
            end = text.find("\n", start)
            if end == -1:
                spans.append(Span(start, len(text)))
                return spans
            stop = end - 1 if end > start and text[end - 1] == "\r" else end
            spans.append(Span(start, stop))
            start = end + 1

    @cached_property
    def raw_lines(self) -> list[tuple[int, int]]:
        """``(start, end)`` of every line, split at line feeds alone (a carriage return stays with its line)."""
        return [(start, start + len(line)) for start, line in lines_at(self.text)]

    @cached_property
    def protected(self) -> list[Span]:
        """Spans no edit may change inside: URLs, e-mail addresses and handles; in Markdown also front matter, code and hard line breaks.

        An address never holds a line break, so in plain text the addresses are
        found line by line, and a line met before (in an earlier version of the
        document, as the rules change it) is not searched again.
        """
        text = self.text
        if self.markdown:
            return self._protected()
        if not ("/" in text or "@" in text or "www." in text):
            return []
        return [Span(position + start, position + end, True) for position, line in lines_at(text) if line for start, end in _line_addresses(line)]

    def _protected(self) -> list[Span]:
        """The protected spans found over the whole text at once, as Markdown's code blocks and front matter need."""
        text = self.text
        addresses = [URL, EMAIL, HANDLE] if ("/" in text or "@" in text or "www." in text) else []
        spans = [Span(m.start(), m.end(), True) for pattern in addresses for m in pattern.finditer(text) if m.end() > m.start()]
        if "/" in text:
            spans += [Span(s, e, True) for s, e in bare_urls(text)]
        if self.markdown:
            patterns = [FRONT_MATTER, FENCED_CODE, INDENTED_CODE, CODE_SPAN, LINK_TARGET, AUTOLINK, HARD_BREAK, HTML_BLOCK]
            spans += [Span(m.start(), m.end()) for pattern in patterns for m in pattern.finditer(text) if m.end() > m.start()]
        spans.sort(key=lambda s: (s.start, s.end))
        return spans

    @cached_property
    def _reach(self) -> list[int]:
        """For each protected span, the furthest end of it and of the spans before it (never decreasing)."""
        reach: list[int] = []
        furthest = -1
        for span in self.protected:
            furthest = max(furthest, span.end)
            reach.append(furthest)
        return reach

    def first_protected(self, offset: int) -> int:
        """Index of the first protected span that ends after ``offset`` or follows one that does: every span before it ends at or before ``offset``.

        Lets a caller that looks for the spans around one offset skip those before it
        in logarithmic time, instead of walking the list from its start for every edit
        or line of a long document.

        >>> doc = Document("see a.org/x b.org/y and c.org/z")
        >>> [doc.protected[i].text(doc.text) for i in range(doc.first_protected(13), len(doc.protected))]
        ['b.org/y', 'c.org/z']
        """
        from bisect import bisect_right

        return bisect_right(self._reach, offset)

    def whole_lines(self, start: int, end: int) -> bool:
        """Whether ``text[start:end]`` is made of whole lines (with the line break before or after them)."""
        text = self.text
        starts_line = start == 0 or text[start - 1] == "\n" or text[start] == "\n"
        ends_line = end == len(text) or text[end] == "\n" or text[end - 1] == "\n"
        return end > start and starts_line and ends_line

    def is_protected(self, start: int, end: int, *, removal: bool = False) -> bool:
        """Whether an edit of ``text[start:end]`` changes the inside of a protected span.

        A removal that takes a protected span whole (a share line with its
        links, a paragraph with an address in it) does not.
        """
        protected = self.protected
        for index in range(self.first_protected(start), len(protected)):
            span = protected[index]
            if span.start >= end and not (start == end == span.start):
                break
            if removal and span.removable and start <= span.start and span.end <= end:
                continue
            if start < span.end and end > span.start:
                return True
            if start == end and span.start < start < span.end:
                return True
        return False
