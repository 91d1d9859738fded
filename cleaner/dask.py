"""Runs the rules on a Dask cluster, with the same results as a local run.

:func:`clean_bag` cleans the documents of a ``dask.bag.Bag`` (strings, or
JSON records with a text field); :func:`fix_jsonl` cleans a JSONL file on a
cluster and writes the result in the input's order. Each worker process
builds its engine once per rule set, not once per document. User rule packs
travel with the tasks as file contents, so the workers need not share the
client's file system; the shipped packs come from the ``cleaner-news``
installed on each worker, which must be the client's version. Needs the
``dask`` extra (``pip install 'cleaner-news[dask]'``); see ``docs/dask.md``.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import shutil
import tempfile
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import __version__
from .corpus import RecordError, parse_record, rewrite_record
from .engine import MAX_REMOVED, Engine
from .model import Result
from .report import Report, json_document
from .rulebook import RulebookError, load_rulebook

if TYPE_CHECKING:
    import dask.bag
    import distributed

MISSING_EXTRA = "cleaner: the Dask support needs the 'dask' extra: pip install 'cleaner-news[dask]'"
BLOCKSIZE = 1 << 20
"""Bytes of JSONL lines :func:`fix_jsonl` sends to a worker as one task."""


class DaskMissingError(ImportError):
    """Dask (or distributed) is not installed: the message says which extra to install."""


def _require(*modules: str) -> None:
    import importlib

    for module in modules:
        try:
            importlib.import_module(module)
        except ImportError as error:
            raise DaskMissingError(MISSING_EXTRA) from error


@dataclass(frozen=True)
class _Pack:
    """A user's ``rules`` entry as its files' contents: a folder (all its files, data included) or one pack file."""

    given: str
    """The path as the user gave it, for error messages."""
    is_file: bool
    files: tuple[tuple[str, bytes], ...]
    """``(path relative to the folder, content)``; for a file, its name and content."""


def _read_pack(given: str | Path) -> _Pack:
    path = Path(given)
    if path.is_file():
        return _Pack(str(given), True, ((path.name, path.read_bytes()),))
    if not path.is_dir():
        raise RulebookError([f"{given}:0: no such rules folder or file"])
    files = []
    for item in sorted(path.rglob("*")):
        relative = item.relative_to(path)
        if item.is_file() and not any(part.startswith(".") or part == "__pycache__" for part in relative.parts):
            files.append((relative.as_posix(), item.read_bytes()))
    return _Pack(str(given), False, tuple(files))


@dataclass(frozen=True)
class Settings:
    """What a worker needs to clean as the client would: the rule set (user packs as contents) and the run options.

    ``max_removed`` is the share of a document that fixes may delete before
    the document is left unchanged (``None`` applies them anyway, as
    ``fix --force`` does), the engine's own protection.
    """

    packs: tuple[_Pack, ...] = ()
    default_rules: bool = True
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    preview: bool = False
    unsafe: bool = False
    language: str | None = None
    markdown: bool = False
    max_removed: float | None = MAX_REMOVED
    version: str = __version__

    @classmethod
    def of(
        cls,
        *,
        unsafe: bool = False,
        select: Sequence[str] = (),
        ignore: Sequence[str] = (),
        rules: Sequence[str | Path] = (),
        default_rules: bool = True,
        language: str | None = None,
        markdown: bool = False,
        preview: bool = False,
        force: bool = False,
        max_removed: float | None = MAX_REMOVED,
    ) -> Settings:
        """Settings from the keywords of :func:`cleaner.clean`; user rule packs are read, and checked, here on the client."""
        if isinstance(select, str) or isinstance(ignore, str) or isinstance(rules, str | Path):
            raise TypeError("select, ignore and rules take a sequence of strings, not a single string")
        if rules:
            load_rulebook(list(rules), default_rules=False)
        return cls(
            tuple(_read_pack(r) for r in rules),
            default_rules,
            tuple(select),
            tuple(ignore),
            preview,
            unsafe,
            language,
            markdown,
            None if force else max_removed,
        )

    @cached_property
    def rules_key(self) -> str:
        """A digest of the user packs' names and contents, which names their folder on a worker."""
        digest = hashlib.sha256()
        for index, pack in enumerate(self.packs):
            digest.update(f"{index}\0{pack.is_file}\0".encode())
            for name, data in pack.files:
                digest.update(f"{name}\0{len(data)}\0".encode())
                digest.update(data)
        return digest.hexdigest()[:16]


_ENGINES: dict[tuple[object, ...], Engine] = {}
"""Engines built in this process, by rule set, so that a worker loads the rules once."""


def _rules_folder(settings: Settings) -> tuple[Path, list[Path]]:
    """The user packs written out on this machine, in a temporary folder named by their digest; the folder and the paths to load.

    Each file is written whole under a temporary name and renamed into
    place, so processes that share the folder never read half a file; a
    file missing (a temporary-file cleaner took it) is written again.
    """
    root = Path(tempfile.gettempdir()).resolve() / f"cleaner-rules-{settings.rules_key}"
    for index, pack in enumerate(settings.packs):
        (root / str(index)).mkdir(parents=True, exist_ok=True)
        for name, data in pack.files:
            target = root / str(index) / name
            if target.is_file():
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            handle, temp_name = tempfile.mkstemp(prefix=".", dir=target.parent)
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(temp_name, target)
    paths = [root / str(i) / pack.files[0][0] if pack.is_file else root / str(i) for i, pack in enumerate(settings.packs)]
    return root, paths


def engine_for(settings: Settings) -> Engine:
    """This process's engine for ``settings``, built on first use.

    Raises :class:`RulebookError` when the rules do not load here (with the
    paths the client gave), and :class:`RuntimeError` when this process runs
    another version of cleaner than the client.
    """
    if settings.version != __version__:
        raise RuntimeError(f"cleaner {__version__} runs on this Dask worker, but the client runs {settings.version}: install the same version on both")
    key = (settings.rules_key if settings.packs else "", settings.default_rules, settings.select, settings.ignore, settings.preview)
    engine = _ENGINES.get(key)
    if engine is None:
        root, paths = _rules_folder(settings) if settings.packs else (None, [])
        try:
            book = load_rulebook(paths, default_rules=settings.default_rules)
        except RulebookError as error:
            problems = error.problems
            for index, pack in enumerate(settings.packs):
                written, given = (str(paths[index]), pack.given) if pack.is_file else (f"{root}/{index}/", f"{pack.given.rstrip('/')}/")
                problems = [p.replace(written, given) for p in problems]
            raise RulebookError(problems) from None
        engine = _ENGINES[key] = Engine(book.select(settings.select, settings.ignore, preview=settings.preview))
    return engine


def run(engine: Engine, settings: Settings, text: str, path: str = "-") -> Result:
    """``text`` cleaned as :func:`cleaner.clean` (and ``cleaner fix``) would with the same settings."""
    return engine.run(text, path=path, unsafe=settings.unsafe, markdown=settings.markdown, language=settings.language, max_removed=settings.max_removed)


def edits_json(result: Result) -> list[dict[str, Any]]:
    """A document's edits as ``cleaner check --output-format json`` prints them."""
    edits: list[dict[str, Any]] = json_document(Report("-", result, result.all_edits))["edits"]
    return edits


def _clean_record(engine: Engine, settings: Settings, record: Any, field: str | None, edits_field: str | None) -> Any:
    if isinstance(record, str):
        return run(engine, settings, record).text
    if isinstance(record, dict):
        name = field or "text"
        text = record.get(name)
        if not isinstance(text, str):
            raise ValueError(f"cleaner: a record has no string field {name!r} (fields: {', '.join(map(repr, record)) or 'none'})")
        result = run(engine, settings, text)
        cleaned = {**record, name: result.text}
        if edits_field:
            cleaned[edits_field] = edits_json(result)
        return cleaned
    raise TypeError(f"cleaner: a bag of documents holds strings or dicts with a text field (not {type(record).__name__})")


def _clean_partition(records: Iterable[Any], settings: Settings, field: str | None, edits_field: str | None) -> list[Any]:
    engine = engine_for(settings)
    return [_clean_record(engine, settings, record, field, edits_field) for record in records]


def clean_bag(
    bag: dask.bag.Bag,
    *,
    field: str | None = None,
    edits_field: str | None = None,
    unsafe: bool = False,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    rules: Sequence[str | Path] = (),
    default_rules: bool = True,
    language: str | None = None,
    markdown: bool = False,
    preview: bool = False,
    force: bool = False,
    max_removed: float | None = MAX_REMOVED,
) -> dask.bag.Bag:
    """A bag of ``bag``'s documents cleaned, lazily, as :func:`cleaner.clean` cleans each one.

    A string becomes the repaired string. A dict becomes a copy whose
    ``field`` (``"text"`` when not given) holds the repaired text and, with
    ``edits_field``, a list of the edits as ``--output-format json`` shows
    them. ``max_removed`` (a share, 0.8 by default) leaves alone a document
    that fixes would mostly delete, unless ``force``. User ``rules`` folders
    are read here and sent with the tasks; their errors raise
    :class:`cleaner.RulebookError` at once.

    >>> import dask.bag
    >>> bag = dask.bag.from_sequence(["They reached a deal , officials said.\\n", {"id": 7, "text": "Talks  resumed."}])
    >>> clean_bag(bag).compute(scheduler="sync")
    ['They reached a deal, officials said.\\n', {'id': 7, 'text': 'Talks resumed.'}]
    """
    _require("dask.bag")
    settings = Settings.of(
        unsafe=unsafe,
        select=select,
        ignore=ignore,
        rules=rules,
        default_rules=default_rules,
        language=language,
        markdown=markdown,
        preview=preview,
        force=force,
        max_removed=max_removed,
    )
    cleaned: dask.bag.Bag = bag.map_partitions(_clean_partition, settings, field, edits_field)
    return cleaned


MAX_MESSAGES = 1000
"""Warnings and errors :class:`JsonlCounts` keeps of each (it counts them all), so that a huge corpus does not fill the client's memory."""


@dataclass(frozen=True)
class JsonlCounts:
    """What :func:`fix_jsonl` did: records cleaned, changed and left alone, edits applied and held back, and the problems met."""

    documents: int = 0
    changed: int = 0
    edits: int = 0
    held_back: int = 0
    """Edits found but not applied: unsafe ones without ``unsafe``, and those of documents ``max_removed`` blocked."""
    blocked: int = 0
    """Documents left unchanged because fixes would have deleted more than ``max_removed`` of them."""
    warnings: tuple[str, ...] = ()
    """The first :data:`MAX_MESSAGES` warnings, as ``cleaner fix`` prints them, each naming its record as ``path:RECORD``."""
    errors: tuple[str, ...] = ()
    """The first :data:`MAX_MESSAGES` records that could not be cleaned (not JSON, no text field), each written back as it was."""
    warning_count: int = 0
    error_count: int = 0

    @classmethod
    def of(cls, *, warnings: Sequence[str] = (), errors: Sequence[str] = (), **counts: int) -> JsonlCounts:
        return cls(**counts, warnings=tuple(warnings), errors=tuple(errors), warning_count=len(warnings), error_count=len(errors))

    def __add__(self, other: JsonlCounts) -> JsonlCounts:
        return JsonlCounts(
            self.documents + other.documents,
            self.changed + other.changed,
            self.edits + other.edits,
            self.held_back + other.held_back,
            self.blocked + other.blocked,
            (self.warnings + other.warnings)[:MAX_MESSAGES],
            (self.errors + other.errors)[:MAX_MESSAGES],
            self.warning_count + other.warning_count,
            self.error_count + other.error_count,
        )


def _clean_line(engine: Engine, settings: Settings, line: bytes, source: str, number: int, field: str, edits_field: str | None) -> tuple[bytes, JsonlCounts]:
    """One JSONL line cleaned: the line to write, the same as ``cleaner fix FILE.jsonl`` writes it, and what happened.

    The record is read and written by the functions the command line uses
    (:func:`~cleaner.corpus.parse_record`, :func:`~cleaner.corpus.rewrite_record`),
    so that a cluster's output is byte for byte a local run's.
    """
    if not line.strip():
        return line, JsonlCounts()
    try:
        record = parse_record(line, source, number, field)
    except RecordError as error:
        return line, JsonlCounts.of(errors=[f"{source}:{number}: {error}; record passed through unchanged"])
    result = run(engine, settings, record.source.text, record.source.name)
    counts = JsonlCounts.of(
        documents=1, changed=int(result.changed), edits=len(result.edits), held_back=len(result.pending), blocked=int(result.skipped), warnings=result.warnings
    )
    edits = edits_json(result) if edits_field else None
    return rewrite_record(record, result.text, edits_field=edits_field, edits=edits), counts


def _clean_lines(lines: list[tuple[int, bytes]], settings: Settings, source: str, field: str, edits_field: str | None) -> tuple[list[bytes], JsonlCounts]:
    engine = engine_for(settings)
    out: list[bytes] = []
    total = JsonlCounts()
    for number, line in lines:
        written, counts = _clean_line(engine, settings, line, source, number, field, edits_field)
        out.append(written)
        total += counts
    return out, total


def _blocks(path: Path, blocksize: int) -> Iterator[list[tuple[int, bytes]]]:
    """The file's lines, numbered from 1, in blocks of about ``blocksize`` bytes; never more than one block in memory."""
    block: list[tuple[int, bytes]] = []
    size = 0
    with path.open("rb") as stream:
        for number, line in enumerate(stream, 1):
            block.append((number, line))
            size += len(line)
            if size >= blocksize:
                yield block
                block, size = [], 0
    if block:
        yield block


def fix_jsonl(
    address_or_client: str | distributed.Client,
    source_path: str | Path,
    output_path: str | Path,
    *,
    field: str = "text",
    edits_field: str | None = None,
    unsafe: bool = False,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    rules: Sequence[str | Path] = (),
    default_rules: bool = True,
    language: str | None = None,
    markdown: bool = False,
    preview: bool = False,
    force: bool = False,
    max_removed: float | None = MAX_REMOVED,
    blocksize: int = BLOCKSIZE,
) -> JsonlCounts:
    """Clean the ``field`` of each record of a JSONL file on a Dask cluster, and write the records, in order, to ``output_path``.

    ``address_or_client`` is a scheduler address (``tcp://HOST:8786``) or a
    ``distributed.Client``. The client reads the file in blocks of about
    ``blocksize`` bytes and sends them to the workers, a few at a time, so
    the workers need not see the file and memory stays flat however big it
    is. Records are read and written as ``cleaner fix FILE.jsonl`` does: a
    record whose text does not change is written back byte for byte, a
    changed one gets its new text in place of the old with every other byte
    of the line as it was, and with ``edits_field`` every record gets the
    list of its edits (empty when it has none).
    Records that cannot be read are written back as they were and listed in
    the counts' ``errors`` as ``path:RECORD`` (the 1-based line). The output
    is written to a temporary file beside it and renamed into place, so it
    is either complete or untouched. Other keywords are :func:`clean_bag`'s.
    """
    _require("dask", "distributed")
    from distributed import Client

    settings = Settings.of(
        unsafe=unsafe,
        select=select,
        ignore=ignore,
        rules=rules,
        default_rules=default_rules,
        language=language,
        markdown=markdown,
        preview=preview,
        force=force,
        max_removed=max_removed,
    )
    source, output = Path(source_path), Path(output_path)
    client = address_or_client if isinstance(address_or_client, Client) else Client(address_or_client)
    try:
        [shared] = client.scatter([settings], broadcast=True)
        window = max(2, 2 * sum(client.nthreads().values()))
        temp_name = output.parent / f".{output.name}.{secrets.token_hex(6)}.tmp"
        handle = os.open(temp_name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        total = JsonlCounts()
        try:
            with os.fdopen(handle, "wb") as out:
                pending: deque[Any] = deque()
                for block in _blocks(source, blocksize):
                    pending.append(client.submit(_clean_lines, block, shared, str(source_path), field, edits_field, pure=False))
                    if len(pending) >= window:
                        total += _write(out, pending.popleft().result())
                while pending:
                    total += _write(out, pending.popleft().result())
                out.flush()
                os.fsync(out.fileno())
            if output.exists():
                shutil.copymode(output, temp_name)
            os.replace(temp_name, output)
        except BaseException:
            temp_name.unlink(missing_ok=True)
            raise
        return total
    finally:
        if client is not address_or_client:
            client.close()


def _write(out: Any, done: tuple[list[bytes], JsonlCounts]) -> JsonlCounts:
    lines, counts = done
    out.writelines(lines)
    return counts
