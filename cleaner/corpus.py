"""Corpora: documents from text files, folders and JSONL files, cleaned one by one, here or in worker processes.

:func:`clean_document` is the whole per-document step: a text and the
:class:`Settings` that rebuild the engine in any process, to a
:class:`~cleaner.model.Result` (the new text and the edits). It is a plain
module-level function, so worker processes (``--jobs``) and, later, a Dask
bag can map it.

A JSONL file is read one line at a time, never whole. Each line is one
record, addressed as ``corpus.jsonl:RECORD`` where RECORD is its 1-based
line number; its text is one string field (``--jsonl-field``, default
``text``). :func:`rewrite_record` changes only that field's value (and the
``--jsonl-edits`` field) inside the original line, so every other byte of
the record stays as it was.

>>> record = parse_record(b'{"id": 7, "text": "Hi\\\\r\\\\nthere"}\\n', "c.jsonl", 3, "text")
>>> record.source.name, record.source.text
('c.jsonl:3', 'Hi\\nthere')
>>> rewrite_record(record, "Hi\\nyou")
b'{"id": 7, "text": "Hi\\\\r\\\\nyou"}\\n'
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from json.decoder import scanstring  # type: ignore[attr-defined]
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from .engine import Engine, ProgressHook
from .files import InputError, Source, _newline
from .model import Result
from .rulebook import load_rulebook

if TYPE_CHECKING:
    from .cli import Item

JSONL_SUFFIX = ".jsonl"
DEFAULT_FIELD = "text"


@dataclass(frozen=True)
class Settings:
    """Everything that decides how a document is cleaned, small and picklable: enough to rebuild the engine in another process.

    ``rule_folders`` are absolute paths (the config's ``rules`` and
    ``--rules``), so a worker started anywhere loads the same packs.
    """

    rule_folders: tuple[str, ...] = ()
    default_rules: bool = True
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    preview: bool = False
    unsafe: bool = False
    language: str | None = None
    detect: bool = False
    max_removed: float | None = 0.8

    @property
    def rule_set(self) -> tuple[object, ...]:
        """What the engine depends on (the rest only changes how it runs)."""
        return (self.rule_folders, self.default_rules, self.select, self.ignore, self.preview)


_ENGINES: dict[tuple[object, ...], Engine] = {}
"""The engines built in this process, by rule set: each worker loads the rules once."""


def remember(settings: Settings, engine: Engine) -> None:
    """Use ``engine`` (already built, e.g. by the command line's session) for documents cleaned with ``settings`` in this process."""
    _ENGINES.setdefault(settings.rule_set, engine)


def engine_for(settings: Settings) -> Engine:
    """The engine for ``settings``, built once per process."""
    engine = _ENGINES.get(settings.rule_set)
    if engine is None:
        book = load_rulebook([Path(f) for f in settings.rule_folders], default_rules=settings.default_rules)
        engine = _ENGINES[settings.rule_set] = Engine(book.select(settings.select, settings.ignore, preview=settings.preview))
    return engine


def clean_document(text: str, settings: Settings, *, name: str = "-", markdown: bool = False, progress: ProgressHook | None = None) -> Result:
    """Clean one document: ``text`` and ``settings`` to the new text and its edits (a :class:`Result`).

    Picklable and importable by name, so that it can be mapped over worker
    processes or a Dask bag; the engine is built once per process.
    """
    return engine_for(settings).run(
        text,
        path=name,
        unsafe=settings.unsafe,
        markdown=markdown,
        language=settings.language,
        detect=settings.detect,
        max_removed=settings.max_removed,
        progress=progress,
    )


Task = tuple[str, Settings, str, bool]
"""What a worker needs for one document: text, settings, name, whether it is Markdown."""


def clean_task(task: Task) -> Result:
    text, settings, name, markdown = task
    return clean_document(text, settings, name=name, markdown=markdown)


def start_worker(settings: Sequence[Settings]) -> None:
    """A worker's initializer: build the engines it will need (loading the rules once) and warm them up on a short text."""
    for each in settings:
        clean_document("Warm up.", each)


# -- JSONL records ------------------------------------------------------------

_SPACE = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()


@dataclass(frozen=True)
class Record:
    """One line of a JSONL file whose text field was found: the line as read, where the field's value lies in it, and the text."""

    line: bytes
    decoded: str
    spans: dict[str, tuple[int, int]]
    close: int
    """Where the object's closing brace is, for a field to add."""
    field: str
    source: Source


class RecordError(ValueError):
    """A JSONL line that holds no document: its message says why (without the address)."""


def _object_spans(line: str) -> tuple[dict[str, tuple[int, int]], int]:
    """Where each top-level key's value lies in ``line`` (one JSON object), and where its closing brace is."""
    spans: dict[str, tuple[int, int]] = {}
    position = _SPACE.match(line, 0).end()  # type: ignore[union-attr]
    if line[position : position + 1] != "{":
        raise ValueError
    position = _SPACE.match(line, position + 1).end()  # type: ignore[union-attr]
    if line[position : position + 1] == "}":
        return spans, position
    while True:
        if line[position : position + 1] != '"':
            raise ValueError
        key, position = scanstring(line, position + 1)
        position = _SPACE.match(line, position).end()  # type: ignore[union-attr]
        if line[position : position + 1] != ":":
            raise ValueError
        start = _SPACE.match(line, position + 1).end()  # type: ignore[union-attr]
        _, end = _DECODER.raw_decode(line, start)
        spans[key] = (start, end)
        position = _SPACE.match(line, end).end()  # type: ignore[union-attr]
        mark = line[position : position + 1]
        if mark == "}":
            return spans, position
        if mark != ",":
            raise ValueError
        position = _SPACE.match(line, position + 1).end()  # type: ignore[union-attr]


def parse_record(line: bytes, file: str, number: int, field: str) -> Record:
    """The document in one JSONL line, or :class:`RecordError` saying why there is none."""
    try:
        decoded = line.decode("utf-8")
    except UnicodeDecodeError as error:
        raise RecordError(f"not valid UTF-8 at byte {error.start}") from None
    body = decoded[1:] if number == 1 and decoded.startswith("\ufeff") else decoded
    try:
        value = json.loads(body)
    except json.JSONDecodeError as error:
        raise RecordError(f"not valid JSON ({error.msg} at column {error.colno})") from None
    if not isinstance(value, dict):
        raise RecordError(f"not a JSON object (a {type(value).__name__ if value is not None else 'null'})")
    if field not in value:
        raise RecordError(f"no '{field}' field (choose the text field with --jsonl-field)")
    text = value[field]
    if not isinstance(text, str):
        raise RecordError(f"field '{field}' is not a string (a {_json_type(text)})")
    offset = len(decoded) - len(body)
    spans, close = _object_spans(body)
    spans = {key: (start + offset, end + offset) for key, (start, end) in spans.items()}
    newline = _newline(text)
    if newline != "\n":
        text = text.replace(newline, "\n")
    return Record(line, decoded, spans, close + offset, field, Source(f"{file}:{number}", text, newline=newline))


def _json_type(value: object) -> str:
    if value is None:
        return "null"
    return {bool: "boolean", int: "number", float: "number", list: "list", dict: "object"}.get(type(value), type(value).__name__)


def rewrite_record(record: Record, text: str | None, *, edits_field: str | None = None, edits: list[dict[str, Any]] | None = None) -> bytes:
    """The record's line with its text field set to ``text`` (``None``: as it was) and, if given, ``edits`` in ``edits_field``.

    Nothing else in the line changes; a record whose text stays and that
    gets no edits field is returned byte for byte. Strings are written in
    UTF-8, or with ``\\u`` escapes when the line was pure ASCII.
    """
    changes: list[tuple[int, int, str]] = []
    ascii_only = record.decoded.isascii()
    if text is not None and text != record.source.text:
        if record.source.newline != "\n":
            text = text.replace("\n", record.source.newline)
        start, end = record.spans[record.field]
        changes.append((start, end, json.dumps(text, ensure_ascii=ascii_only)))
    if edits_field is not None and edits is not None:
        value = json.dumps(edits, ensure_ascii=ascii_only)
        if edits_field in record.spans:
            start, end = record.spans[edits_field]
            changes.append((start, end, value))
        else:
            changes.append((record.close, record.close, f", {json.dumps(edits_field, ensure_ascii=ascii_only)}: {value}"))
    if not changes:
        return record.line
    parts: list[str] = []
    position = 0
    for start, end, replacement in sorted(changes):
        parts += [record.decoded[position:start], replacement]
        position = end
    parts.append(record.decoded[position:])
    return "".join(parts).encode("utf-8")


# -- Units of work --------------------------------------------------------------


@dataclass
class Unit:
    """One step of a run, in input order: a document (a text file or a JSONL record), a line to pass through, or the end of a JSONL input.

    ``error`` is the one-line problem of a document that cannot be cleaned
    (an unreadable file, a bad record); ``line`` is a JSONL line written
    back as it was (a bad or blank record); ``size`` counts input bytes,
    ``offset`` the bytes of a JSONL input read up to the end of this line.
    """

    item: Item
    source: Source | None = None
    record: Record | None = None
    error: str | None = None
    line: bytes | None = None
    size: int = 0
    offset: int = 0
    end: bool = False


@dataclass(frozen=True)
class Start:
    """Where a resumed run starts: after ``units`` documents (records or files); in a JSONL input, at byte ``offset``."""

    units: int = 0
    offset: int = 0


def is_jsonl(name: str) -> bool:
    return name.lower().endswith(JSONL_SUFFIX)


def units(items: Iterable[Item], *, encoding: str | None, field: str, start: Start = Start()) -> Iterator[Unit]:
    """Every document the items hold, read lazily in order: JSONL inputs line by line, text files whole."""
    skip = start.units
    for item in items:
        if item.error is not None:
            yield Unit(item, error=item.error)
        elif item.jsonl:
            yield from _records(item, field, start if skip else Start())
            skip = 0
        elif skip:
            skip -= 1
        else:
            try:
                source = item.read(encoding)
            except InputError as error:
                yield Unit(item, error=str(error), size=item.size)
                continue
            yield Unit(item, source=source, size=item.size)


def _records(item: Item, field: str, start: Start) -> Iterator[Unit]:
    try:
        handle: BinaryIO = open(item.path, "rb") if item.path is not None else sys.stdin.buffer  # noqa: SIM115
    except OSError as error:
        yield Unit(item, error=f"{item.name}: cannot read: {error.strerror}")
        return
    try:
        if start.offset:
            handle.seek(start.offset)
        offset = start.offset
        for number, line in enumerate(_lines(handle, item.name), start.units + 1):
            offset += len(line)
            if not line.strip():
                yield Unit(item, line=line, size=len(line), offset=offset)
                continue
            try:
                record = parse_record(line, item.name, number, field)
            except RecordError as error:
                yield Unit(item, error=f"{item.name}:{number}: {error}; record passed through unchanged", line=line, size=len(line), offset=offset)
                continue
            yield Unit(item, source=record.source, record=record, size=len(line), offset=offset)
    except InputError as error:
        yield Unit(item, error=str(error))
    finally:
        if item.path is not None:
            handle.close()
    yield Unit(item, end=True)


def _lines(handle: BinaryIO, name: str) -> Iterator[bytes]:
    try:
        yield from handle
    except OSError as error:
        raise InputError(f"{name}: cannot read: {error.strerror}") from None


def task(unit: Unit, settings: Settings) -> Task | None:
    """What a worker needs to clean ``unit``'s document, or ``None`` when it has none."""
    if unit.source is None:
        return None
    return unit.source.text, settings, unit.source.name, unit.source.markdown and unit.record is None


def input_size(path: Path) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0
