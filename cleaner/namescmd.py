"""``cleaner names``: the people a set of articles names, with every spelling and how often it appears.

An editor runs it over a folder of articles to see who is spelled several
ways, and ``--write FILE`` turns the people the gazetteer does not know yet
into a gazetteer file (``people: [{name, variants, source}]``) to review and
point a ``names`` rule at. Names the gazetteer knows are grouped under their
canonical spelling; other names are grouped when their transliteration keys
agree closely, under the spelling seen most often. Lone surnames are counted
beside the full name they belong to; nothing is changed.
"""

from __future__ import annotations

import argparse
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from .files import InputError, Walker, read_file
from .kinds.names import CLUSTER_SCORE, Gazetteer, Mention, as_yaml, find_mentions, load_gazetteer, person_like, resolve, settle, split_name
from .rulebook import shipped_rules_dir

EXIT_OK, EXIT_ERROR = 0, 2


@dataclass
class Person:
    """One person found across the files: the spelling to use and every spelling seen."""

    name: str
    known: bool
    spellings: Counter[str] = field(default_factory=Counter)
    alone: Counter[str] = field(default_factory=Counter)
    files: set[str] = field(default_factory=set)

    @property
    def mentions(self) -> int:
        return sum(self.spellings.values()) + sum(self.alone.values())


def gather(texts: Sequence[tuple[str, str]], gazetteer: Gazetteer, *, cluster_score: int = CLUSTER_SCORE) -> list[Person]:
    """People named in ``texts`` (pairs of file name and text), most mentioned first.

    >>> from cleaner.kinds.names import Gazetteer
    >>> [(p.name, dict(p.spellings)) for p in gather([("a", "Igor Savelyev met Igor Saveliev. Igor Savelyev left.")], Gazetteer())]
    [('Igor Savelyev', {'Igor Savelyev': 2, 'Igor Saveliev': 1})]
    """
    people: dict[str, Person] = {}
    unknown: list[tuple[str, Mention]] = []
    bare: list[tuple[str, Mention]] = []
    for name, text in texts:
        for mention in find_mentions(text):
            if mention.bare:
                bare.append((name, mention))
                continue
            match, core = resolve(gazetteer, mention)
            if match is None or core is None:
                if person_like(mention):
                    unknown.append((name, mention))
                continue
            canonical = gazetteer.people[match.person].name
            person = people.setdefault(canonical, Person(canonical, True))
            person.spellings[core.text] += 1
            person.files.add(name)
    alone = Counter(m.text for _n, m in bare)
    settled = settle([m for _n, m in unknown], alone, cluster_score)
    for name, mention in unknown:
        target = settled.get(mention.text, (mention.text, 0))[0]
        person = people.setdefault(target, Person(target, False))
        person.spellings[mention.text] += 1
        person.files.add(name)
    surnames: dict[str, set[str]] = defaultdict(set)
    for person in people.values():
        for spelling in person.spellings:
            surnames[split_name(spelling)[-1]].add(person.name)
    for name, mention in bare:
        owners = surnames.get(mention.text, set())
        if len(owners) == 1:
            person = people[next(iter(owners))]
            person.alone[mention.text] += 1
            person.files.add(name)
    return sorted(people.values(), key=lambda p: (-p.mentions, p.name))


def entries(people: Sequence[Person]) -> list[dict[str, Any]]:
    """Gazetteer entries for the people the gazetteer does not know."""
    found = []
    for person in people:
        if person.known:
            continue
        variants = sorted(s for s in person.spellings if s != person.name)
        found.append(
            {
                "name": person.name,
                "variants": variants,
                "source": f"cleaner names: {person.mentions} mentions in {len(person.files)} files; review before use",
            }
        )
    return found


def cmd_names(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    paths = [Path(p) for p in args.gazetteer] if args.gazetteer else [shipped_rules_dir() / "names" / "people.yaml"]
    for path in paths:
        if not path.is_file():
            print(f"error: {path}: no such gazetteer file", file=err)
            return EXIT_ERROR
    gazetteer = load_gazetteer([str(p) for p in paths])
    texts: list[tuple[str, str]] = []
    errors = 0
    walker = Walker(tuple(args.exclude or ()))
    for raw in args.paths:
        path = Path(raw)
        if not path.exists():
            print(f"error: {raw}: no such file or folder", file=err)
            errors += 1
            continue
        for file in walker.walk([path]):
            try:
                texts.append((str(file), read_file(file).text))
            except InputError as error:
                print(f"error: {error}", file=err)
                errors += 1
    people = [p for p in gather(texts, gazetteer) if p.mentions >= args.min_count]
    for person in people:
        label = "gazetteer" if person.known else "new"
        print(f"{person.name}  ({label}; {person.mentions} mentions in {len(person.files)} {'file' if len(person.files) == 1 else 'files'})", file=out)
        for spelling, count in person.spellings.most_common():
            print(f"    {count:4d}  {spelling}", file=out)
        for spelling, count in person.alone.most_common():
            print(f"    {count:4d}  {spelling}  (alone)", file=out)
    several = sum(1 for p in people if len(p.spellings) > 1)
    print(f"{len(people)} people in {len(texts)} files; {several} spelled more than one way", file=err)
    if args.write:
        new = entries(people)
        Path(args.write).write_text(as_yaml(new), encoding="utf-8")
        print(f"wrote {len(new)} people to {args.write}", file=err)
    return EXIT_ERROR if errors else EXIT_OK


def register(commands: Any) -> None:
    """Add the ``names`` command to the CLI's subcommands."""
    names = commands.add_parser(
        "names",
        help="list the people named in files, with their spellings",
        description="List the people named across files with every spelling and its count; --write FILE writes the people the gazetteer lacks as a gazetteer file to review.",
    )
    names.add_argument("paths", nargs="+", metavar="PATH", help="files or folders (*.txt, *.md)")
    names.add_argument("--write", metavar="FILE", help="write the people the gazetteer does not know as a gazetteer file")
    names.add_argument("--gazetteer", action="append", metavar="FILE", help="gazetteer to match against (repeatable; default: the shipped one)")
    names.add_argument("--min-count", type=int, default=1, metavar="N", help="list only people mentioned at least N times (default 1)")
    names.add_argument("--exclude", action="append", metavar="GLOB", help="skip files matching GLOB when walking folders (repeatable)")
    names.set_defaults(func=cmd_names)
