"""``cleaner learn``: the lines a site repeats in many of its articles, written as a rule pack to review.

Deduplicating crawlers (datatrove, trafilatura's ``deduplicate``) drop lines
that recur across documents without saying so; ``cleaner learn CORPUS -o
site-furniture.yaml`` finds the same lines and writes each as a ``remove``
rule with its count, example documents and examples, ready for
``cleaner test-rules`` and review. Digits are normalised first, so
"Updated 12:30 GMT" and "Updated 09:05 GMT" are one line.

Real content is guarded: a line needs more documents the longer it is, a
line that reads as prose must recur in at least half the corpus, and a
quotation is never learnt however often articles repeat it.

``cleaner check --learn`` and ``cleaner fix --learn`` learn from the folder
they are given and use what they learnt in the same run (two passes). They
refuse standard input and single files: what a document loses must not
depend on which other files happened to be in the run.

>>> stories = ["Rain fell on the harbour all night", "The mayor opened a new library", "Fishermen protested about quotas", "A bridge closed for repairs"]
>>> corpus = [(f"a{i}.txt", f"{story}, officials said.\\nFollow us on Mastodon\\n") for i, story in enumerate(stories)]
>>> [(line.text, line.count) for line in learn(corpus)]
[('Follow us on Mastodon', 4)]
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import shutil
import tempfile
import zlib
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

import regex

from .files import InputError, Walker, read_file
from .text import word_count, words

EXIT_OK, EXIT_ERROR = 0, 2
MIN_DOCUMENTS = 3
"""Fewest documents a short line must recur in to be learnt."""
WORDS_PER_STEP = 4
"""Every this many words beyond the first four add ``min_documents`` to the documents a line needs."""
PROSE_SHARE = 0.5
"""Share of the corpus a line that reads as prose must recur in."""
EXAMPLE_DOCUMENTS = 3
SHINGLE = 5
SAMPLE = 4
"""One word 5-gram in this many (by a stable hash) is compared when grouping versions of an article."""
MAX_VERSIONS = 50
"""A 5-gram in more documents than this is furniture, not a sign that they are one article."""
JSONL_FIELDS = ("text", "articleBody", "content", "body")
"""Keys of a JSONL record that may hold a document's text, tried in this order."""

DIGITS = regex.compile(r"\d+")
BULLET = regex.compile(r"^(?:[-*•·▪◦‣●]\s+|#{1,6}\s+)")
QUOTATION = regex.compile(r"^[\"“”„«‘‚‹「『]|[\"“”„«»「」『』].{12,}[\"“”„»」』]")
"""A line that opens with a quotation mark, or quotes a dozen characters or more."""
SENTENCE_END = regex.compile(r"[.!?。！？][\"'”’»)]*$")


@dataclass(frozen=True)
class Learnt:
    """A line that recurs across a corpus: as first seen, how many documents hold it, and some of them."""

    text: str
    key: str
    count: int
    documents: tuple[str, ...]

    @property
    def pattern(self) -> str:
        """A regex for the line, with any number where the line had digits.

        >>> Learnt("Updated 12:30 GMT", "updated 0:0 gmt", 5, ()).pattern
        '^Updated\\\\s+\\\\d+:\\\\d+\\\\s+GMT$'
        """
        parts = []
        position = 0
        for match in DIGITS.finditer(self.text):
            parts.append(_escaped(self.text[position : match.start()]))
            parts.append(r"\d+")
            position = match.end()
        parts.append(_escaped(self.text[position:]))
        return "^" + "".join(parts) + "$"


def _escaped(text: str) -> str:
    return r"\s+".join(regex.escape(piece) for piece in text.split(" "))


def normalise(line: str) -> str:
    """The key a line is counted under: without a bullet, white space collapsed, digits as ``0``, lower-case.

    >>> normalise("  • Updated  12:30 GMT ")
    'updated 0:0 gmt'
    """
    line = BULLET.sub("", " ".join(line.split()))
    normalised: str = DIGITS.sub("0", line).lower()
    return normalised


def needed(line: str, corpus: int, min_documents: int = MIN_DOCUMENTS) -> int:
    """How many documents a line must recur in: more the longer it is, half the corpus if it reads as prose.

    >>> needed("Advertisement", 100), needed("Sign up for our newsletter to get the day's news first", 100)
    (3, 6)
    >>> needed("The minister said the talks in Geneva would resume next week.", 100)
    50
    """
    words = word_count(line)
    required = min_documents * (1 + max(0, words - 4) // WORDS_PER_STEP)
    if SENTENCE_END.search(line) and words >= 8:
        required = max(required, math.ceil(PROSE_SHARE * corpus))
    return max(required, min_documents)


def learn(texts: Iterable[tuple[str, str]], *, min_documents: int = MIN_DOCUMENTS) -> list[Learnt]:
    """The lines that recur across ``texts`` (pairs of document name and text), most frequent first.

    Versions of one article (two extractors' outputs of a page, a story
    republished) count once: documents that share a good part of their
    long lines are grouped, and a line counts the groups it appears in.
    """
    names: list[str] = []
    lines: list[set[str]] = []
    bodies: list[str] = []
    first: dict[str, str] = {}
    for name, text in texts:
        bodies.append(text)
        keys: set[str] = set()
        for raw in text.splitlines():
            line = BULLET.sub("", " ".join(raw.split()))
            if not line or not regex.search(r"\p{L}", line) or QUOTATION.search(line):
                continue
            key = normalise(line)
            keys.add(key)
            first.setdefault(key, line)
        names.append(name)
        lines.append(keys)
    group = _versions(bodies)
    seen: dict[str, dict[int, str]] = defaultdict(dict)
    for index, keys in enumerate(lines):
        for key in keys:
            seen[key].setdefault(group[index], names[index])
    corpus = len(set(group))
    found = [
        Learnt(first[key], key, len(groups), tuple(list(groups.values())[:EXAMPLE_DOCUMENTS]))
        for key, groups in seen.items()
        if len(groups) >= needed(first[key], corpus, min_documents)
    ]
    return sorted(found, key=lambda item: (-item.count, item.key))


def _versions(texts: list[str]) -> list[int]:
    """A group number per document; documents sharing a third of their word 5-grams are versions of one article.

    Shingles rather than lines, so that outputs that wrap or join lines
    differently still group; a sample of them (by a stable hash) keeps it fast.
    """
    prints = [_shingles(text) for text in texts]
    owners: dict[int, list[int]] = defaultdict(list)
    for index, shingles in enumerate(prints):
        for shingle in shingles:
            owners[shingle].append(index)
    shared: dict[tuple[int, int], int] = defaultdict(int)
    for documents in owners.values():
        if len(documents) > MAX_VERSIONS:
            continue
        for a, b in itertools.combinations(documents, 2):
            shared[a, b] += 1
    parent = list(range(len(texts)))

    def root(index: int) -> int:
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index

    for (a, b), count in shared.items():
        if count * 3 >= min(len(prints[a]), len(prints[b])):
            parent[root(a)] = root(b)
    return [root(i) for i in range(len(texts))]


def _shingles(text: str) -> set[int]:
    tokens = [t.lower() for t in words(text)]
    found = (zlib.crc32(" ".join(tokens[i : i + SHINGLE]).encode()) for i in range(max(0, len(tokens) - SHINGLE + 1)))
    return {h for h in found if h % SAMPLE == 0}


def read_corpus(paths: Sequence[str], *, exclude: Sequence[str] = ()) -> tuple[list[tuple[str, str]], list[str]]:
    """Documents from folders, text files and JSONL files (one record a line), and one error line per problem."""
    texts: list[tuple[str, str]] = []
    errors: list[str] = []
    walker = Walker(tuple(exclude))
    for raw in paths:
        path = Path(raw)
        if path.is_file() and path.suffix == ".jsonl":
            texts.extend(_jsonl(path, errors))
            continue
        if not path.exists():
            errors.append(f"{raw}: no such file or folder")
            continue
        for file in walker.walk([path]):
            try:
                texts.append((str(file), read_file(file).text))
            except InputError as error:
                errors.append(str(error))
    return texts, errors


def _jsonl(path: Path, errors: list[str]) -> Iterable[tuple[str, str]]:
    with path.open(encoding="utf-8") as stream:
        for number, line in enumerate(stream, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                errors.append(f"{path}:{number}: not a JSON record ({error.msg})")
                continue
            text = (
                record
                if isinstance(record, str)
                else next((record[k] for k in JSONL_FIELDS if isinstance(record, dict) and isinstance(record.get(k), str)), None)
            )
            if text is None:
                errors.append(f"{path}:{number}: no text (a JSON string, or an object with one of {', '.join(JSONL_FIELDS)})")
                continue
            name = record.get("id") or record.get("url") if isinstance(record, dict) else None
            yield (str(name) if name else f"{path}:{number}", text)


def as_pack(found: Sequence[Learnt], texts: Sequence[tuple[str, str]], source: str) -> str:
    """The learnt lines as a YAML rule pack: one ``remove`` rule each, with its count, documents and examples."""
    documents = dict(texts)
    rules: list[dict[str, Any]] = []
    used: set[str] = set()
    keys = {item.key for item in found}
    for number, item in enumerate(found, 1):
        slug = "-".join(regex.findall(r"[a-z0-9]+", item.key.replace("0", "n"))[:5])[:40].strip("-") or "line"
        rule_id = f"{slug}-{number}" if slug in used or not regex.match(r"^[a-z0-9]", slug) else slug
        used.add(rule_id)
        body = _body_line(documents.get(item.documents[0], ""), keys)
        rules.append(
            {
                "id": rule_id,
                "kind": "remove",
                "scope": "line",
                "patterns": [item.pattern],
                "safety": "safe",
                "message": "Site furniture '{match}'",
                "why": f"Recurs in {item.count} of {len(texts)} documents of {source}; learnt by `cleaner learn`, to review before use.",
                "count": item.count,
                "documents": list(item.documents),
                "examples": [{"before": f"{body}\n{item.text}\n", "after": f"{body}\n"}],
            }
        )
    import yaml

    header = f"# Learnt by `cleaner learn` from {source} ({len(texts)} documents): lines that recur across them.\n# Review each rule before use; delete the ones that are real content.\n"
    pack = {"description": f"Site furniture learnt from {source}", "phase": "boilerplate", "rules": rules}
    return header + yaml.safe_dump(pack, sort_keys=False, allow_unicode=True, width=1000)


def _body_line(text: str, keys: set[str]) -> str:
    """A line of the document that was not learnt, to put beside a learnt line in its example."""
    for raw in text.splitlines():
        line = " ".join(raw.split())
        if word_count(line) >= 6 and normalise(line) not in keys:
            return line
    return "Text of the article."


def cmd_learn(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    texts, errors = read_corpus(args.corpus, exclude=args.exclude or ())
    for error in errors:
        print(f"error: {error}", file=err)
    found = learn(texts, min_documents=args.min_documents)
    pack = as_pack(found, texts, " ".join(args.corpus))
    if args.output:
        Path(args.output).write_text(pack, encoding="utf-8")
        print(f"wrote {len(found)} rules learnt from {len(texts)} documents to {args.output}", file=err)
    else:
        out.write(pack)
    return EXIT_ERROR if errors else EXIT_OK


def learning(command: Callable[[argparse.Namespace, TextIO, TextIO], int]) -> Callable[[argparse.Namespace, TextIO, TextIO], int]:
    """Wrap ``check`` or ``fix`` so that ``--learn`` first learns from the folders given and adds what it learnt to the rules."""

    def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
        if not args.learn:
            return command(args, out, err)
        single = [p for p in args.paths if p == "-" or not Path(p).is_dir()]
        if not args.paths or single:
            shown = "standard input" if not args.paths or "-" in single else f"'{single[0]}'"
            print(
                f"error: --learn learns from folders only (not {shown}): what is learnt must not depend on which files happened to be in the run",
                file=err,
            )
            return EXIT_ERROR
        texts, errors = read_corpus(args.paths, exclude=args.exclude or ())
        for error in errors:
            print(f"error: {error}", file=err)
        found = learn(texts)
        folder = tempfile.mkdtemp(prefix="cleaner-learn-")
        try:
            Path(folder, "site-furniture.yaml").write_text(as_pack(found, texts, " ".join(args.paths)), encoding="utf-8")
            print(f"learnt {len(found)} recurring lines from {len(texts)} documents", file=err)
            args.rules = [*(args.rules or ()), folder]
            return command(args, out, err)
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    return run


def register(commands: Any) -> None:
    """Add ``learn`` to the CLI's subcommands, and ``--learn`` to ``check`` and ``fix``."""
    parser = commands.add_parser(
        "learn",
        help="find lines that recur across a corpus and write them as a rule pack",
        description="Find lines that recur in many documents of a corpus (digits normalised) and write them as a reviewable rule pack, one rule each with its count, example documents and examples.",
    )
    parser.add_argument("corpus", nargs="+", metavar="CORPUS", help="folders, text files or JSONL files (one JSON record a line)")
    parser.add_argument("-o", "--output", metavar="FILE", help="write the pack to FILE (default: standard output)")
    parser.add_argument(
        "--min-documents", type=int, default=MIN_DOCUMENTS, metavar="N", help=f"fewest documents a short line must recur in (default {MIN_DOCUMENTS})"
    )
    parser.add_argument("--exclude", action="append", metavar="GLOB", help="skip files matching GLOB when walking folders (repeatable)")
    parser.set_defaults(func=cmd_learn)
    for name in ("check", "fix"):
        sub = commands.choices[name]
        sub.add_argument("--learn", action="store_true", help="first learn the lines that recur across the folders given, and remove them too")
        sub.set_defaults(func=learning(sub.get_default("func")))
