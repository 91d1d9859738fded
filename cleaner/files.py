"""Reading and writing articles: discovery, decoding, line endings, BOM, and atomic in-place writes.

The engine sees text with a byte-order mark removed and uniform CRLF (or
lone CR) line endings turned into LF; :class:`Source` remembers both and
puts them back, so a file's bytes change only where an edit changed its
text. Mixed line endings are left in the text as they are, so they too
survive byte for byte outside the edited spans.

>>> source = decode(b"\\xef\\xbb\\xbfOne\\r\\nTwo\\r\\n", "a.txt")
>>> source.text, source.bom, source.newline
('One\\nTwo\\n', True, '\\r\\n')
>>> source.encode(source.text)
b'\\xef\\xbb\\xbfOne\\r\\nTwo\\r\\n'
"""

from __future__ import annotations

import codecs
import contextlib
import os
import stat
import sys
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pathspec

TEXT_SUFFIXES = (".txt", ".md")
SKIPPED_DIRS = {"node_modules", "__pycache__", "site-packages", "venv", "env"}
TEMP_PREFIX = ".cleaner-"
"""Temporary files start with a dot and end in ``.tmp``: no folder walk ever picks them up."""
TEMP_SUFFIX = ".tmp"
BINARY_SNIFF = 8192

BOMS: dict[str, tuple[tuple[bytes, str], ...]] = {
    "utf-8": ((codecs.BOM_UTF8, "utf-8"),),
    "utf-16": ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")),
    "utf-32": ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be")),
}
"""For each Unicode encoding, the byte-order marks it may start with and the codec each one selects."""
BOM_OF = {codec: mark for marks in BOMS.values() for mark, codec in marks}
NO_BOM_CODEC = {"utf-8": "utf-8", "utf-16": "utf-16-le", "utf-32": "utf-32-le"}


class InputError(Exception):
    """A file cannot be read or written; the message names it."""


Stamp = tuple[int, int, int, int]
"""Device, inode, size and modification time (ns) of a file when it was read."""


@dataclass(frozen=True)
class Source:
    """One document as read: its display name, text for the engine, and how to encode it back.

    ``newline`` is the line ending the file used throughout (``"\\n"`` also
    when endings are mixed: then the text keeps them as they are).
    """

    name: str
    text: str
    path: Path | None = None
    encoding: str = "utf-8"
    bom: bool = False
    newline: str = "\n"
    stamp: Stamp | None = None

    @property
    def crlf(self) -> bool:
        return self.newline == "\r\n"

    @property
    def markdown(self) -> bool:
        return self.name.lower().endswith((".md", ".markdown"))

    def encode(self, text: str) -> bytes:
        """The bytes to write for ``text``: original line endings, BOM and encoding restored."""
        if self.newline != "\n":
            text = text.replace("\n", self.newline)
        try:
            data = text.encode(self.encoding)
        except UnicodeEncodeError as error:
            character = error.object[error.start : error.end]
            raise InputError(f"{self.name}: the fixed text has {character!r}, which {self.encoding} cannot encode; file left untouched") from None
        return (BOM_OF.get(self.encoding, b"") if self.bom else b"") + data


def _family(encoding: str) -> str:
    """The codec's canonical name, with ``utf-8-sig`` and the BOM-less UTF-16/32 variants folded into their family."""
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        raise InputError(f"unknown encoding '{encoding}'") from None
    return "utf-8" if name == "utf-8-sig" else name


def decode(data: bytes, name: str, *, encoding: str | None = None, path: Path | None = None, stamp: Stamp | None = None) -> Source:
    """Turn a file's bytes into a :class:`Source`, or raise :class:`InputError` naming the problem.

    A byte-order mark names the encoding. Otherwise the file is read as
    UTF-8, and ``encoding`` is only the fallback for a file that is not
    valid UTF-8 (a UTF-16 or UTF-32 ``encoding`` is taken as given, since
    such text is never meant as UTF-8). The text is written back in the
    encoding it was read in. A NUL byte near the start marks a binary file,
    unless the encoding is UTF-16 or UTF-32.

    >>> decode("café".encode(), "a.txt", encoding="cp1252").encoding
    'utf-8'
    >>> decode("café".encode("cp1252"), "a.txt", encoding="cp1252").text
    'café'
    """
    family = None
    if encoding is not None:
        try:
            family = _family(encoding)
        except InputError as error:
            raise InputError(f"{name}: {error}") from None
    codec, bom = "utf-8", b""
    for marks in (BOMS["utf-32"], BOMS["utf-8"], BOMS["utf-16"]):
        for mark, marked_codec in marks:
            if data.startswith(mark) and not bom:
                codec, bom = marked_codec, mark
    wide = family is not None and family.startswith(("utf-16", "utf-32"))
    if not bom and wide:
        codec = NO_BOM_CODEC.get(family or "", family or "utf-8")
    if not bom and not wide and b"\x00" in data[:BINARY_SNIFF]:
        raise InputError(f"{name}: binary file skipped")
    if bom == codecs.BOM_UTF32_LE and not _decodes(data[len(bom) :], codec) and _decodes(data[2:], "utf-16-le"):
        codec, bom = "utf-16-le", codecs.BOM_UTF16_LE  # a UTF-16 mark before U+0000 reads as a UTF-32 mark
    body = data[len(bom) :]
    try:
        text = body.decode(codec)
    except UnicodeDecodeError as error:
        if bom or wide or family in (None, "utf-8"):
            offset = error.start + len(bom)
            shown = "UTF-8" if codec == "utf-8" else codec
            hint = "; if it is in another encoding, name it with --encoding (for example --encoding cp1252)" if codec == "utf-8" else ""
            raise InputError(f"{name}: not valid {shown} at byte {offset}{hint}; file left untouched") from None
        codec = encoding or "utf-8"
        try:
            text = body.decode(codec)
        except UnicodeDecodeError as second:
            raise InputError(f"{name}: neither valid UTF-8 nor valid {codec} (byte {second.start}); file left untouched") from None
    newline = _newline(text)
    if newline != "\n":
        text = text.replace(newline, "\n")
    return Source(name, text, path, codec, bool(bom), newline, stamp)


def _decodes(data: bytes, codec: str) -> bool:
    try:
        data.decode(codec)
    except UnicodeDecodeError:
        return False
    return True


def _newline(text: str) -> str:
    """The line ending used throughout ``text``: CRLF, lone CR, or LF (also for mixed endings, kept verbatim)."""
    if "\r" not in text:
        return "\n"
    crlf = text.count("\r\n")
    if crlf and crlf == text.count("\n") == text.count("\r"):
        return "\r\n"
    if "\n" not in text:
        return "\r"
    return "\n"


def read_file(path: Path, *, encoding: str | None = None) -> Source:
    """Read and decode one file, remembering its stamp so a later write can tell whether it changed meanwhile."""
    try:
        with open(path, "rb") as handle:
            info = os.fstat(handle.fileno())
            data = handle.read()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file (a dangling link, or removed while cleaner ran)") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a folder") from None
    except OSError as error:
        raise InputError(f"{path}: cannot read: {error.strerror}") from None
    stamp = (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns) if stat.S_ISREG(info.st_mode) else None
    return decode(data, str(path), encoding=encoding, path=path, stamp=stamp)


def read_stdin(name: str = "-", *, encoding: str | None = None) -> Source:
    """Read all of standard input as bytes (so line endings and a BOM survive)."""
    try:
        data = sys.stdin.buffer.read()
    except IsADirectoryError:
        raise InputError(f"{name}: standard input is a folder; give the folder as a path instead") from None
    except OSError as error:
        raise InputError(f"{name}: cannot read standard input: {error.strerror}") from None
    return decode(data, name, encoding=encoding)


def write_atomic(path: Path, data: bytes, *, stamp: Stamp | None = None) -> None:
    """Replace ``path``'s content with ``data``: all of it or none of it.

    The new bytes go to a hidden temporary file in the same folder, are
    flushed to disk, take the original's permissions (and owner, where
    allowed), and are renamed over the original; the folder is flushed
    too. A symlink is followed, so the link stays a link. Refused, with
    the file left as it was: a file without any write permission bit (even
    for root), anything but a regular file, and a file whose ``stamp``
    shows it changed since it was read.

    A file with several hard links cannot be renamed over without breaking
    the links, so it is rewritten in place, but only once the complete new
    content is on disk beside it: a crash during that in-place write can
    leave the file partly written, and the hidden temporary file then
    holds the full repaired text.
    """
    target = Path(os.path.realpath(path))
    try:
        info = target.stat()
    except OSError as error:
        raise InputError(f"{path}: cannot write: {error.strerror}") from None
    if not stat.S_ISREG(info.st_mode):
        raise InputError(f"{path}: not a regular file; not rewritten")
    if not info.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        raise InputError(f"{path}: file is read-only; not rewritten")
    if stamp is not None and stamp != (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns):
        raise InputError(f"{path}: changed since it was read; not rewritten")
    temp = temp_beside(target, data, shown=path)
    try:
        os.chmod(temp, stat.S_IMODE(info.st_mode))
        _keep_owner(temp, info)
        _fault_point()
        if info.st_nlink > 1:
            with open(target, "r+b") as out:
                out.write(data)
                out.truncate()
                out.flush()
                os.fsync(out.fileno())
            temp.unlink()
        else:
            os.replace(temp, target)
            _sync_folder(target.parent)
    except BaseException as error:
        temp.unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise InputError(f"{path}: cannot write: {error.strerror}") from None
        raise


def temp_beside(path: Path, data: bytes, *, shown: Path | None = None) -> Path:
    """``data`` in a new hidden file in ``path``'s folder, flushed to disk, for the caller to rename or link into place.

    Raises :class:`InputError` naming ``shown`` (default ``path``) when the
    file cannot be made or written, and leaves nothing behind then.
    """
    name = shown or path
    try:
        handle, temp_name = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX, dir=path.parent)
    except OSError as error:
        raise InputError(f"{name}: cannot write: {error.strerror}") from None
    temp = Path(temp_name)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
    except BaseException as error:
        temp.unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise InputError(f"{name}: cannot write: {error.strerror}") from None
        raise
    return temp


def _keep_owner(temp: Path, info: os.stat_result) -> None:
    """Give the new file the original's owner and group; only root may, so failures are ignored."""
    if (info.st_uid, info.st_gid) == (os.getuid(), os.getgid()):
        return
    with contextlib.suppress(OSError):
        os.chown(temp, info.st_uid, info.st_gid)


def _sync_folder(folder: Path) -> None:
    """Flush a rename to disk; some systems cannot open a folder, and then the rename stands unflushed."""
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)


def _fault_point() -> None:
    """Test hook: with CLEANER_FAULT_AFTER_WRITES=N, the process dies between writing and renaming the Nth file."""
    limit = os.environ.get("CLEANER_FAULT_AFTER_WRITES")
    if not limit:
        return
    count = int(os.environ.get("_CLEANER_WRITES", "0")) + 1
    os.environ["_CLEANER_WRITES"] = str(count)
    if count >= int(limit):
        os._exit(137)


def _spec(lines: Sequence[str]) -> pathspec.PathSpec[Any]:
    """Git's wildcard patterns; pathspec is imported only when a run has some."""
    import pathspec

    return pathspec.PathSpec.from_lines("gitwildmatch", lines)


class Walker:
    """Finds the articles under the paths a user names, each file once per run."""

    def __init__(self, exclude: Sequence[str] = (), include: Sequence[str] = ()) -> None:
        self.exclude = _spec(exclude) if exclude else None
        self.include = _spec(include) if include else None
        """Globs that replace the default ``*.txt``/``*.md`` when walking folders (``--include``)."""
        self.seen: set[Path] = set()

    def wanted(self, path: Path, root: Path) -> bool:
        """Whether a file found walking ``root`` is a document: ``*.txt`` and ``*.md``, or what ``--include`` names instead."""
        if self.include is None:
            return path.name.lower().endswith(TEXT_SUFFIXES)
        relative = path.relative_to(root).as_posix()
        return self.include.match_file(relative) or self.include.match_file(path.name)

    def excluded(self, path: Path, root: Path) -> bool:
        if self.exclude is None:
            return False
        try:
            relative = path.relative_to(root).as_posix()
        except ValueError:
            relative = path.as_posix()
        return self.exclude.match_file(relative) or self.exclude.match_file(path.name)

    def walk(self, paths: Sequence[Path]) -> Iterator[Path]:
        """Files named directly, then ``*.txt``/``*.md`` (or the ``--include`` globs) under folders; a file already yielded (under any name or link) is skipped."""
        for path in paths:
            if path.is_dir():
                found = self._walk_dir(path)
            else:
                found = iter([path]) if not self.excluded(path, path.parent) else iter([])
            for item in found:
                key = Path(os.path.realpath(item))
                if key not in self.seen:
                    self.seen.add(key)
                    yield item

    def _walk_dir(self, root: Path) -> Iterator[Path]:
        ignores: list[tuple[Path, pathspec.PathSpec[Any]]] = []
        for folder, dirs, files in os.walk(root):
            here = Path(folder)
            gitignore = here / ".gitignore"
            if gitignore.is_file():
                try:
                    spec = _spec(gitignore.read_text(encoding="utf-8", errors="replace").splitlines())
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
                return self.excluded(path, root)

            dirs[:] = sorted(
                d for d in dirs if not d.startswith(".") and d not in SKIPPED_DIRS and not (here / d / "pyvenv.cfg").exists() and not ignored(here / d, True)
            )
            for name in sorted(files):
                path = here / name
                if name.startswith(".") or not self.wanted(path, root):
                    continue
                if not ignored(path, False) and not _special(path):
                    yield path


def _special(path: Path) -> bool:
    """Whether a walked name is a pipe, socket or device, which reading could block on; vanished files are not special (reading reports them)."""
    try:
        return not stat.S_ISREG(path.stat().st_mode)
    except OSError:
        return False
