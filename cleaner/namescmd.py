"""``cleaner names``: the people a set of articles names, with every spelling and how often it appears.

It goes the way ``cleaner check`` goes: the config above each file, the
selected rules, the rules before the names phase (mojibake repair, page
furniture) run first, Markdown code and URLs are skipped, and each
``names`` rule finds and resolves the mentions with its own options. Only
person mentions are listed (see :mod:`cleaner.kinds.names.mentions`);
places, organisations and other capitalised words are counted apart.

``--write FILE`` writes the people the gazetteer does not know as a
gazetteer file (each with the spellings seen, under ``misspellings``) for
an editor to review; it never replaces a file unless ``--force`` is given.
"""

from __future__ import annotations

import argparse
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from .document import Document
from .engine import Engine
from .files import InputError, write_atomic
from .kinds.names import Names, as_yaml, name_key
from .kinds.names.resolve import Named
from .model import Rule

EXIT_OK, EXIT_ERROR = 0, 2
NAMES_PHASE = "names"


@dataclass
class Person:
    """One person found across the files: the spelling to use and every spelling seen."""

    name: str
    known: bool
    spellings: Counter[str] = field(default_factory=Counter)
    alone: Counter[str] = field(default_factory=Counter)
    files: dict[str, None] = field(default_factory=dict)

    @property
    def mentions(self) -> int:
        return sum(self.spellings.values()) + sum(self.alone.values())


@dataclass
class Census:
    """People found so far, and how many capitalised names were not people."""

    people: dict[tuple[str, str], Person] = field(default_factory=dict)
    others: int = 0

    def add(self, file: str, named: Named, doc: Document) -> None:
        full = [m for m in named.full if not doc.is_protected(m.start, m.end)]
        alone = [m for m in named.alone if not doc.is_protected(m.start, m.end)]
        if not full and not alone:
            return
        key = named.ident if named.known else ("document", name_key(named.ident[1]))
        person = self.people.setdefault(key, Person(named.ident[1], named.known))
        person.spellings.update(m.text for m in full)
        person.alone.update(m.text for m in alone)
        person.files[file] = None
        if not person.known:
            person.name = person.spellings.most_common(1)[0][0] if person.spellings else person.name

    def ranked(self, min_count: int = 1) -> list[Person]:
        """People mentioned at least ``min_count`` times, most mentioned first."""
        return sorted((p for p in self.people.values() if p.mentions >= min_count), key=lambda p: (-p.mentions, p.name))


def entries(people: Iterable[Person]) -> list[dict[str, Any]]:
    """Gazetteer entries for the people the gazetteer does not know, each spelling with the file it was seen in."""
    found = []
    for person in people:
        if person.known:
            continue
        first = next(iter(person.files))
        entry: dict[str, Any] = {"name": person.name, "source": f"article {first}"}
        others = {s: f"article {first}" for s in sorted(person.spellings) if s != person.name}
        if others:
            entry["misspellings"] = others
        found.append(entry)
    return found


def write_gazetteer(path: Path, text: str, *, force: bool) -> None:
    """Write ``text`` to ``path`` atomically, creating its folder; refuse to replace a file unless ``force``. Raises :class:`InputError`."""
    if path.exists() and not force:
        raise InputError(f"{path}: already exists; pass --force to replace it")
    if path.exists() and not path.is_file():
        raise InputError(f"{path}: not a regular file")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise InputError(f"{path}: cannot create its folder: {error.strerror}") from None
    created = False
    if not path.exists():
        try:
            with path.open("x", encoding="utf-8"):
                created = True
        except OSError as error:
            raise InputError(f"{path}: cannot write: {error.strerror}") from None
    try:
        write_atomic(path, text.encode("utf-8"))
    except InputError:
        if created:
            path.unlink(missing_ok=True)
        raise


def cmd_names(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from .cli import Session

    session = Session(args, err)
    census = Census()
    before_names: dict[int, Engine] = {}
    files = 0
    for item, source in session.documents():
        engine = session.engine(item.config, source.path or Path(source.name))
        rules = [r for r in engine.rules if isinstance(r.kind, Names)]
        if id(engine) not in before_names:
            before_names[id(engine)] = Engine([r for r in engine.rules if _before_names(r)])
        result = before_names[id(engine)].run(
            source.text, path=source.name, markdown=source.markdown, language=args.language or item.config.language, detect=True, max_removed=None
        )
        files += 1
        doc = Document(result.text, path=source.name, markdown=source.markdown, language=result.language)
        for rule in rules:
            if rule.languages and result.language is not None and result.language not in rule.languages:
                continue
            assert isinstance(rule.kind, Names)
            analysis = rule.kind.analyse(doc)
            for named in analysis.people.values():
                census.add(source.name, named, doc)
            census.others += len(analysis.others)
    people = census.ranked(args.min_count)
    for person in people:
        label = "gazetteer" if person.known else "new"
        count = len(person.files)
        print(f"{person.name}  ({label}; {person.mentions} mentions in {count} {'file' if count == 1 else 'files'})", file=out)
        for spelling, number in person.spellings.most_common():
            print(f"    {number:4d}  {spelling}", file=out)
        for spelling, number in person.alone.most_common():
            print(f"    {number:4d}  {spelling}  (alone)", file=out)
    several = sum(1 for p in people if len(p.spellings) + len(p.alone) > 1 and len(p.spellings) > 1)
    print(
        f"{len(people)} people in {files} {'file' if files == 1 else 'files'}; {several} spelled more than one way; "
        f"{census.others} other capitalised names (places, organisations, ...) not listed",
        file=err,
    )
    if args.write:
        new = entries(people)
        try:
            write_gazetteer(Path(args.write), as_yaml(new), force=args.force)
        except InputError as error:
            session.error(str(error))
        else:
            print(f"wrote {len(new)} people to {args.write}", file=err)
    return EXIT_ERROR if session.counts.errors else EXIT_OK


def _before_names(rule: Rule) -> bool:
    from .rulebook import PHASES

    return PHASES.index(rule.phase) < PHASES.index(NAMES_PHASE)


def register(commands: Any) -> None:
    """Add the ``names`` command to the CLI's subcommands."""
    names = commands.add_parser(
        "names",
        help="list the people named in files, with their spellings",
        description=(
            "List the people named across files with every spelling and its count, as the names rules see them; "
            "--write FILE writes the people the gazetteer lacks as a gazetteer file to review."
        ),
    )
    names.add_argument("paths", nargs="+", metavar="PATH", help="files or folders (*.txt, *.md); '-' reads stdin")
    names.add_argument("--write", metavar="FILE", help="write the people the gazetteer does not know as a gazetteer file (creates folders)")
    names.add_argument("--force", action="store_true", help="let --write replace an existing file")
    names.add_argument("--min-count", type=int, default=1, metavar="N", help="list only people mentioned at least N times (default 1)")
    names.add_argument("--select", action="append", metavar="RULES", help="only these rules (repeatable, comma-separated)")
    names.add_argument("--ignore", action="append", metavar="RULES", help="skip these rules (repeatable, comma-separated)")
    names.add_argument("--rules", action="append", metavar="DIR", help="load rule packs from DIR too (repeatable)")
    names.add_argument("--no-default-rules", action="store_true", help="do not load the shipped rule packs")
    names.add_argument("--exclude", action="append", metavar="GLOB", help="skip files matching GLOB when walking folders (repeatable)")
    names.add_argument("--language", metavar="CODE", help="treat documents as this language instead of detecting it (e.g. en)")
    names.add_argument("--encoding", metavar="NAME", help="decode files that are not valid UTF-8 with NAME (e.g. cp1252)")
    names.add_argument("--stdin-filename", metavar="NAME", help="name to report stdin as (and to find its config by)")
    names.set_defaults(func=cmd_names, unsafe_fixes=False, max_removed=None, output_format="concise")
