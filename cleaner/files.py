"""Reading and writing articles: discovery, decoding, line endings, BOM, and atomic in-place writes.

The engine sees text with a byte-order mark removed and CRLF line endings
turned into LF; :class:`Source` remembers both and puts them back, so a
file's bytes change only where an edit changed its text.
"""

from __future__ import annotations

import os
import stat
import sys
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pathspec

TEXT_SUFFIXES = (".txt", ".md")
SKIPPED_DIRS = {"node_modules", "__pycache__", "site-packages", "venv", "env"}
TEMP_PREFIX = ".cleaner-"
BINARY_SNIFF = 8192


class InputError(Exception):
    """A file cannot be read or written; the message names it."""


@dataclass(frozen=True)
class Source:
    """One document as read: its display name, text for the engine, and how to encode it back."""

    name: str
    text: str
    path: Path | None = None
    encoding: str = "utf-8"
    bom: bool = False
    crlf: bool = False

    @property
    def markdown(self) -> bool:
        return self.name.lower().endswith((".md", ".markdown"))

    def encode(self, text: str) -> bytes:
        if self.crlf:
            text = text.replace("\n", "\r\n")
        data = text.encode(self.encoding)
        return (b"\xef\xbb\xbf" if self.bom else b"") + data


def decode(data: bytes, name: str, *, encoding: str = "utf-8", path: Path | None = None) -> Source:
    """Turn a file's bytes into a :class:`Source`, or raise :class:`InputError` naming the problem."""
    if b"\x00" in data[:BINARY_SNIFF] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(f"{name}: binary file skipped")
    bom = encoding.lower().replace("_", "-") in ("utf-8", "utf8") and data.startswith(b"\xef\xbb\xbf")
    body = data[3:] if bom else data
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError as error:
        offset = error.start + (3 if bom else 0)
        raise InputError(f"{name}: not valid {encoding} at byte {offset} (use --encoding to choose another); file left untouched") from None
    except LookupError:
        raise InputError(f"{name}: unknown encoding '{encoding}'") from None
    crlf = "\r\n" in text and text.count("\r\n") == text.count("\n") and "\r" not in text.replace("\r\n", "")
    if crlf:
        text = text.replace("\r\n", "\n")
    return Source(name, text, path, encoding, bom, crlf)


def read_file(path: Path, *, encoding: str = "utf-8") -> Source:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a folder") from None
    except OSError as error:
        raise InputError(f"{path}: cannot read: {error.strerror}") from None
    return decode(data, str(path), encoding=encoding, path=path)


def read_stdin(name: str = "-", *, encoding: str = "utf-8") -> Source:
    return decode(sys.stdin.buffer.read(), name, encoding=encoding)


def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path``'s content with ``data``: all of it or none of it.

    The new bytes go to a hidden temporary file in the same folder, are
    flushed to disk, take the original's permissions, and are renamed over
    the original. A symlink is followed, so the link stays a link. A file
    without any write permission bit is refused, even for root. A file with
    several hard links is rewritten in place after the new content is safely
    on disk beside it, so every link sees the change.
    """
    target = Path(os.path.realpath(path))
    try:
        info = target.stat()
    except OSError as error:
        raise InputError(f"{path}: cannot write: {error.strerror}") from None
    if not info.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        raise InputError(f"{path}: file is read-only; not rewritten")
    handle, temp_name = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=".tmp", dir=target.parent)
    temp = Path(temp_name)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp, stat.S_IMODE(info.st_mode))
        _fault_point(target)
        if info.st_nlink > 1:
            with open(target, "r+b") as out:
                out.write(data)
                out.truncate()
                out.flush()
                os.fsync(out.fileno())
            temp.unlink()
        else:
            os.replace(temp, target)
    except BaseException as error:
        temp.unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise InputError(f"{path}: cannot write: {error.strerror}") from None
        raise


def _fault_point(target: Path) -> None:
    """Test hook: with CLEANER_FAULT_AFTER_WRITES=N, the process dies before renaming the Nth file."""
    limit = os.environ.get("CLEANER_FAULT_AFTER_WRITES")
    if not limit:
        return
    count = int(os.environ.get("_CLEANER_WRITES", "0")) + 1
    os.environ["_CLEANER_WRITES"] = str(count)
    if count >= int(limit):
        os._exit(137)


class Walker:
    """Finds the articles under the paths a user names."""

    def __init__(self, exclude: Sequence[str] = ()) -> None:
        self.exclude = pathspec.PathSpec.from_lines("gitwildmatch", exclude) if exclude else None

    def _excluded(self, path: Path, root: Path) -> bool:
        if self.exclude is None:
            return False
        try:
            relative = path.relative_to(root).as_posix()
        except ValueError:
            relative = path.as_posix()
        return self.exclude.match_file(relative) or self.exclude.match_file(path.name)

    def walk(self, paths: Sequence[Path]) -> Iterator[Path]:
        """Files named directly, then ``*.txt``/``*.md`` under folders, each once, sorted."""
        seen: set[Path] = set()
        for path in paths:
            if path.is_dir():
                found = self._walk_dir(path)
            else:
                found = iter([path]) if not self._excluded(path, path.parent) else iter([])
            for item in found:
                key = Path(os.path.realpath(item))
                if key not in seen:
                    seen.add(key)
                    yield item

    def _walk_dir(self, root: Path) -> Iterator[Path]:
        ignores: list[tuple[Path, pathspec.PathSpec]] = []
        for folder, dirs, files in os.walk(root):
            here = Path(folder)
            gitignore = here / ".gitignore"
            if gitignore.is_file():
                try:
                    spec = pathspec.PathSpec.from_lines("gitwildmatch", gitignore.read_text(encoding="utf-8", errors="replace").splitlines())
                    ignores.append((here, spec))
                except (OSError, ValueError):
                    pass

            def ignored(path: Path, is_dir: bool) -> bool:
                for base, spec in ignores:
                    try:
                        relative = path.relative_to(base).as_posix()
                    except ValueError:
                        continue
                    if spec.match_file(relative + ("/" if is_dir else "")):
                        return True
                return self._excluded(path, root)

            dirs[:] = sorted(
                d
                for d in dirs
                if not d.startswith(".")
                and d not in SKIPPED_DIRS
                and not (here / d / "pyvenv.cfg").exists()
                and not ignored(here / d, True)
            )
            for name in sorted(files):
                if name.startswith(".") or not name.lower().endswith(TEXT_SUFFIXES):
                    continue
                path = here / name
                if not ignored(path, False):
                    yield path
