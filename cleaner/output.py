"""Where ``fix`` writes a corpus: JSONL streamed into a temporary file and put in place atomically, ``-o`` targets, and the resume journal.

In place, a JSONL file is streamed into a hidden temporary file in its own
folder and renamed over the original only when a record changed (and only
if the original did not change meanwhile), as :func:`cleaner.files.write_atomic`
does for text files. With ``-o PATH`` the inputs are never written: a folder
is mirrored into the new folder PATH, a JSONL file streamed into
``.PATH.cleaner-partial`` and renamed to PATH when complete, a text file
written to PATH. A journal beside PATH (``.PATH.cleaner-journal``) records
each finished shard, so that ``--resume`` continues an interrupted run and
ends with the same bytes as a run that was never interrupted.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from .corpus import Start
from .files import TEMP_PREFIX, TEMP_SUFFIX, InputError, Stamp, _keep_owner, _sync_folder, temp_beside

SHARD_SIZE = 500
"""Documents (files, or JSONL lines) per shard: the journal records progress shard by shard."""
JOURNAL_FORMAT = 1


def partial_path(target: Path) -> Path:
    """Where a JSONL output is streamed until it is complete."""
    return target.with_name(f".{target.name}.cleaner-partial")


def journal_path(target: Path) -> Path:
    return target.with_name(f".{target.name}.cleaner-journal")


def write_new(path: Path, data: bytes) -> None:
    """Write ``path`` (an output, never an input) whole or not at all: a temporary file beside it, flushed, then renamed."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise InputError(f"{path}: cannot write: {error.strerror}") from None
    temp = temp_beside(path, data)
    try:
        os.chmod(temp, 0o666 & ~_umask())
        os.replace(temp, path)
    except BaseException as error:
        temp.unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise InputError(f"{path}: cannot write: {error.strerror}") from None
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


class InPlace:
    """A JSONL file rewritten in place: lines stream into a hidden temporary file beside it, which replaces it at the end if anything changed."""

    def __init__(self, path: Path, stamp: Stamp | None) -> None:
        self.path = path
        self.target = Path(os.path.realpath(path))
        self.stamp = stamp
        self.changed = False
        try:
            handle, name = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX, dir=self.target.parent)
        except OSError as error:
            raise InputError(f"{path}: cannot write: {error.strerror}") from None
        self.temp = Path(name)
        self.handle: BinaryIO = os.fdopen(handle, "wb")

    def write(self, line: bytes, *, changed: bool) -> None:
        self.handle.write(line)
        self.changed = self.changed or changed

    def discard(self) -> None:
        self.handle.close()
        self.temp.unlink(missing_ok=True)

    def commit(self) -> bool:
        """Put the new file in place if a line changed; whether it did. The original is refused if it changed while it was read."""
        if not self.changed:
            self.discard()
            return False
        try:
            self.handle.flush()
            os.fsync(self.handle.fileno())
            self.handle.close()
            info = self.target.stat()
            if not stat.S_ISREG(info.st_mode):
                raise InputError(f"{self.path}: not a regular file; not rewritten")
            if not info.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
                raise InputError(f"{self.path}: file is read-only; not rewritten")
            if self.stamp is not None and self.stamp != (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns):
                raise InputError(f"{self.path}: changed since it was read; not rewritten")
            os.chmod(self.temp, stat.S_IMODE(info.st_mode))
            _keep_owner(self.temp, info)
            if info.st_nlink > 1:
                with open(self.temp, "rb") as source, open(self.target, "r+b") as out:
                    while block := source.read(1 << 20):
                        out.write(block)
                    out.truncate()
                    out.flush()
                    os.fsync(out.fileno())
                self.temp.unlink()
            else:
                os.replace(self.temp, self.target)
                _sync_folder(self.target.parent)
        except BaseException as error:
            self.discard()
            if isinstance(error, OSError):
                raise InputError(f"{self.path}: cannot write: {error.strerror}") from None
            raise
        return True


class Streamed:
    """A JSONL output of ``-o``: lines stream into ``.NAME.cleaner-partial`` beside the target, renamed to it when complete.

    ``resume_at`` continues a partial file from that byte (what the journal
    recorded), dropping anything written after it.
    """

    def __init__(self, target: Path, *, resume_at: int | None = None) -> None:
        self.target = target
        self.partial = partial_path(target)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            if resume_at is None:
                self.handle: BinaryIO = open(self.partial, "wb")  # noqa: SIM115
            else:
                self.handle = open(self.partial, "r+b")  # noqa: SIM115
                self.handle.truncate(resume_at)
                self.handle.seek(resume_at)
        except OSError as error:
            raise InputError(f"{self.partial}: cannot write: {error.strerror}") from None

    def write(self, line: bytes, *, changed: bool) -> None:
        self.handle.write(line)

    def sync(self) -> int:
        """Flush what is written to disk; its length."""
        self.handle.flush()
        os.fsync(self.handle.fileno())
        return self.handle.tell()

    def discard(self) -> None:
        self.handle.close()

    def commit(self) -> bool:
        try:
            self.sync()
            self.handle.close()
            os.replace(self.partial, self.target)
            _sync_folder(self.target.parent)
        except OSError as error:
            raise InputError(f"{self.target}: cannot write: {error.strerror}") from None
        return True


class ToStream:
    """A JSONL output on standard output."""

    def __init__(self, stream: BinaryIO) -> None:
        self.stream = stream

    def write(self, line: bytes, *, changed: bool) -> None:
        self.stream.write(line)

    def discard(self) -> None:
        self.stream.flush()

    def commit(self) -> bool:
        self.stream.flush()
        return False


Sink = InPlace | Streamed | ToStream


# -- -o: where each input goes ---------------------------------------------------


@dataclass(frozen=True)
class Target:
    """``fix -o PATH``: the inputs as given, and PATH."""

    path: Path
    inputs: tuple[Path, ...]

    @property
    def mirrors(self) -> bool:
        """Whether PATH is a folder (a folder input, or several inputs), rather than one file."""
        return len(self.inputs) > 1 or (len(self.inputs) == 1 and self.inputs[0].is_dir())

    def destination(self, root: Path | None, file: Path | None) -> Path:
        """Where the document read from ``file``, found under the input ``root``, is written (stdin: ``root`` and ``file`` are ``None``)."""
        if root is None or file is None:
            return self.path
        base = self.path if len(self.inputs) == 1 else self.path / root.name
        if root.is_dir():
            return base / file.relative_to(root)
        return base


def plan(output: str, paths: Sequence[str], *, resume: bool) -> Target:
    """Check ``-o``; raise ``ValueError`` with one line per problem."""
    target = Path(output)
    inputs = tuple(Path(p) for p in paths if p != "-")
    if "-" in paths and len(paths) > 1:
        raise ValueError(f"-o {output}: standard input and other inputs cannot go into one output; give one input")
    if not inputs:
        return Target(target, ())
    resolved = target.resolve()
    problems = []
    for given in inputs:
        source = given.resolve()
        if resolved == source:
            problems.append(f"-o {output}: is an input; write the cleaned corpus to a new path")
        elif source.is_dir() and resolved.is_relative_to(source):
            problems.append(f"-o {output}: is inside the input folder {given}; write the cleaned corpus outside it")
        elif resolved.is_dir() and source.is_relative_to(resolved):
            problems.append(f"-o {output}: holds the input {given}; write the cleaned corpus to a new path")
    names: dict[str, Path] = {}
    if len(inputs) > 1:
        for given in inputs:
            if given.name in names:
                problems.append(f"-o {output}: {names[given.name]} and {given} would both be written to {target / given.name}; give them one at a time")
            names[given.name] = given
    if problems:
        raise ValueError("\n".join(problems))
    plan = Target(target, inputs)
    if plan.mirrors and target.exists():
        if not target.is_dir():
            raise ValueError(f"-o {output}: is a file, but the output of a folder (or of several inputs) is a folder; choose a new path")
        if any(target.iterdir()) and not (resume and journal_path(target).exists()):
            raise ValueError(f"-o {output}: folder exists and is not empty; choose a new folder (or --resume an interrupted run into it)")
    elif not plan.mirrors and target.is_dir():
        raise ValueError(f"-o {output}: is a folder, but the output of one file is a file; name the file")
    return plan


# -- The resume journal -------------------------------------------------------------


@dataclass
class Journal:
    """Progress of a ``fix -o`` run, shard by shard, in ``.PATH.cleaner-journal`` beside the output."""

    path: Path
    fingerprint: str
    shard_size: int = SHARD_SIZE

    @classmethod
    def beside(cls, target: Path, identity: object) -> Journal:
        digest = hashlib.sha256(json.dumps(identity, sort_keys=True, default=str).encode()).hexdigest()[:16]
        return cls(journal_path(target), digest, SHARD_SIZE)

    def load(self) -> tuple[Start, int, list[str]] | None:
        """Where to start again, the length of the partial output then, and the errors the finished shards had; ``None`` with no journal."""
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as error:
            raise InputError(f"{self.path}: cannot read the resume journal ({error}); remove it and the output to start again") from None
        if data.get("fingerprint") != self.fingerprint:
            raise InputError(f"{self.path}: written by a run with other inputs or settings; rerun with those, or remove it and the output to start again")
        self.shard_size = int(data["shard_size"])
        return Start(int(data["units"]), int(data["offset"])), int(data["output_offset"]), list(data["errors"])

    def record(self, start: Start, output_offset: int, errors: Sequence[str]) -> None:
        data = {
            "format": JOURNAL_FORMAT,
            "fingerprint": self.fingerprint,
            "shard_size": self.shard_size,
            "units": start.units,
            "offset": start.offset,
            "output_offset": output_offset,
            "errors": list(errors),
        }
        write_new(self.path, json.dumps(data).encode())

    def remove(self) -> None:
        with contextlib.suppress(FileNotFoundError):
            self.path.unlink()
