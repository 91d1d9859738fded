"""The command line: check, fix, rules, test-rules (ruff-style exit codes and streams).

Exit codes: 0 nothing pending or done, 1 edits pending (``check``) or
changes shown (``fix --diff``), 2 any error; ``--exit-zero`` turns 1 into 0.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from . import __version__
from .config import Config, ConfigError, find_config
from .engine import MAX_REMOVED, Engine
from .files import InputError, Source, Walker, read_file, read_stdin, write_atomic
from .langid import check_language
from .model import Result
from .report import FORMATS, Report, concise, full, github, json_report, summary, unified_diff
from .rulebook import PHASE_DOCS, PHASES, Rulebook, RulebookError, load_rulebook, rule_matches
from .testing import run_examples

EXIT_OK, EXIT_PENDING, EXIT_ERROR = 0, 1, 2


class UsageError(Exception):
    """The command line asks for something impossible; the message says what."""


@dataclass
class Item:
    """One document to process, with the config that applies to it."""

    source: Source | None
    config: Config
    error: str | None = None


class Session:
    """Settings resolved from flags and config files, with engines cached per rule set."""

    def __init__(self, args: argparse.Namespace, err: TextIO) -> None:
        self.args = args
        self.err = err
        self._books: dict[tuple[tuple[str, ...], bool], Rulebook] = {}
        self._engines: dict[tuple[object, ...], Engine] = {}
        self.errors = 0
        find_config.cache_clear()

    def error(self, message: str) -> None:
        self.errors += 1
        print(f"error: {message}", file=self.err)

    def warn(self, message: str) -> None:
        print(f"warning: {message}", file=self.err)

    def rulebook(self, config: Config) -> Rulebook:
        folders = tuple(str(p) for p in (*config.rules, *(Path(r) for r in self.args.rules or ())))
        default = not (self.args.no_default_rules or config.no_default_rules)
        key = (folders, default)
        if key not in self._books:
            self._books[key] = load_rulebook([Path(f) for f in folders], default_rules=default)
        return self._books[key]

    def engine(self, config: Config, path: Path | None) -> Engine:
        book = self.rulebook(config)
        cli_select = tuple(self.args.select or ())
        select = cli_select or config.select
        explicit = set(cli_select)
        ignore = tuple(i for i in config.ignore if i not in explicit) + tuple(self.args.ignore or ()) + config.ignores_for(path)
        key = (id(book), select, ignore)
        if key not in self._engines:
            for pattern in (*select, *ignore):
                if not any(rule_matches(rule, pattern) for rule in book):
                    self.warn(f"'{pattern}' matches no rule (see `cleaner rules`)")
            self._engines[key] = Engine(book.select(select, ignore))
        return self._engines[key]

    def unsafe(self, config: Config) -> bool:
        return bool(self.args.unsafe_fixes or config.unsafe_fixes)

    def max_removed(self, config: Config) -> float | None:
        if getattr(self.args, "force", False):
            return None
        if self.args.max_removed is not None:
            return float(self.args.max_removed) / 100
        return config.max_removed if config.max_removed is not None else MAX_REMOVED

    def run(self, item: Item, *, unsafe: bool) -> Result:
        assert item.source is not None
        source = item.source
        engine = self.engine(item.config, source.path or Path(source.name))
        language = self.args.language or item.config.language
        return engine.run(
            source.text,
            path=source.name,
            unsafe=unsafe,
            markdown=source.markdown,
            language=language,
            detect=self.args.output_format == "json" if hasattr(self.args, "output_format") else False,
            max_removed=self.max_removed(item.config),
        )

    def items(self) -> Iterator[Item]:
        paths: list[str] = list(self.args.paths)
        if not paths:
            if sys.stdin is None or sys.stdin.isatty():
                raise UsageError("no path given: name files or folders, or '-' to read stdin")
            paths = ["-"]
        walker = Walker(tuple(self.args.exclude or ()))
        encoding = self.args.encoding
        if self.args.stdin_filename and "-" not in paths:
            self.warn("--stdin-filename names standard input, which is read only for the path '-'; ignored")
        for raw in paths:
            if raw == "-":
                name = self.args.stdin_filename or "-"
                named = Path(name).resolve()
                folder = (named if named.is_dir() else named.parent) if self.args.stdin_filename else Path.cwd()
                config = find_config(folder)
                try:
                    yield Item(read_stdin(name, encoding=encoding), config)
                except InputError as error:
                    yield Item(None, config, str(error))
                continue
            path = Path(raw)
            if not path.exists() and not path.is_symlink():
                yield Item(None, Config(), f"{raw}: no such file or folder")
                continue
            for file in walker.walk([path]):
                config = find_config(file.resolve().parent)
                if config.exclude and file != path and Walker(config.exclude)._excluded(file.resolve(), config.root or file.parent):
                    continue
                try:
                    yield Item(read_file(file, encoding=encoding), config)
                except InputError as error:
                    yield Item(None, config, str(error))


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (*.txt, *.md); '-' reads stdin")
    parser.add_argument("--select", action="append", metavar="RULES", help="only these rules: full ids, pack names or globs (repeatable, comma-separated)")
    parser.add_argument("--ignore", action="append", metavar="RULES", help="skip these rules (repeatable, comma-separated)")
    parser.add_argument("--rules", action="append", metavar="DIR", help="load rule packs from DIR too (repeatable)")
    parser.add_argument("--no-default-rules", action="store_true", help="do not load the shipped rule packs")
    parser.add_argument("--unsafe-fixes", action="store_true", help="also apply edits marked unsafe")
    parser.add_argument("--exclude", action="append", metavar="GLOB", help="skip files matching GLOB when walking folders (repeatable)")
    parser.add_argument("--stdin-filename", metavar="NAME", help="name to report stdin as (and to find its config by)")
    parser.add_argument("--language", metavar="CODE", type=check_language, help="treat documents as this language instead of detecting it (e.g. en)")
    parser.add_argument("--encoding", default="utf-8", help="encoding of input files (default: utf-8)")
    parser.add_argument(
        "--max-removed",
        type=float,
        metavar="PCT",
        help=f"leave a document alone if fixes would delete more than PCT%% of it (default {int(MAX_REMOVED * 100)})",
    )
    parser.add_argument("--exit-zero", action="store_true", help="exit 0 even when edits are pending (errors still exit 2)")


def _split(values: Sequence[str] | None) -> list[str] | None:
    if values is None:
        return None
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="cleaner", description="Repair scraped, machine-translated news articles.")
    parser.add_argument("--version", action="version", version=f"cleaner {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = commands.add_parser(
        "check",
        help="report the edits each document needs; exit 1 if any",
        description="Report pending edits as `path:line:col: rule-id [*] message`; [*] marks edits `cleaner fix` applies.",
    )
    _common(check)
    check.add_argument("--output-format", choices=FORMATS, default="concise", help="concise (default), full, json, github or diff")
    check.set_defaults(func=cmd_check)

    fix = commands.add_parser(
        "fix",
        help="repair documents in place ('-': stdin to stdout)",
        description="Apply safe edits (and unsafe ones with --unsafe-fixes). Files are rewritten atomically, only when they change.",
    )
    _common(fix)
    fix.add_argument("--diff", action="store_true", help="print a unified diff instead of writing; exit 1 if there are changes")
    fix.add_argument("--force", action="store_true", help="apply fixes even when they would delete most of a document")
    fix.set_defaults(func=cmd_fix, output_format="concise")

    rules = commands.add_parser(
        "rules", help="list the rules in run order, or show one", description="List every rule in run order, or show one rule with its why and examples."
    )
    rules.add_argument("rule", nargs="?", metavar="ID", help="a full rule id, e.g. boilerplate/comment-policy-footer")
    rules.add_argument("--rules", action="append", metavar="DIR", help="load rule packs from DIR too (repeatable)")
    rules.add_argument("--no-default-rules", action="store_true", help="do not load the shipped rule packs")
    rules.set_defaults(func=cmd_rules)

    test = commands.add_parser(
        "test-rules",
        help="run every rule's examples",
        description="Run the examples of the shipped packs and of the packs or folders given; exit 1 if any fails.",
    )
    test.add_argument("paths", nargs="*", metavar="PATH", help="rule pack files or folders")
    test.add_argument("--no-default-rules", action="store_true", help="test only the packs given")
    test.set_defaults(func=cmd_test_rules)
    from .namescmd import register as register_names

    register_names(commands)
    return parser


def main(argv: Sequence[str] | None = None, *, out: TextIO | None = None, err: TextIO | None = None) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(out)
        return EXIT_OK
    for name in ("select", "ignore"):
        if hasattr(args, name):
            setattr(args, name, _split(getattr(args, name)))
    try:
        code: int = args.func(args, out, err)
        return code
    except RulebookError as error:
        for problem in error.problems:
            print(problem, file=err)
        count = len(error.problems)
        print(f"error: {count} {'problem' if count == 1 else 'problems'} in rule files", file=err)
    except (ConfigError, UsageError) as error:
        print(f"error: {error}", file=err)
    except KeyboardInterrupt:
        print("error: interrupted", file=err)
    except BrokenPipeError:
        return EXIT_ERROR
    return EXIT_ERROR


def _finish(session: Session, pending: bool, args: argparse.Namespace) -> int:
    if session.errors:
        return EXIT_ERROR
    if pending and not args.exit_zero:
        return EXIT_PENDING
    return EXIT_OK


def cmd_check(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    session = Session(args, err)
    reports: list[Report] = []
    errors: list[str] = []
    for item in session.items():
        if item.error:
            session.error(item.error)
            errors.append(item.error)
            continue
        assert item.source is not None
        unsafe = session.unsafe(item.config)
        result = session.run(item, unsafe=unsafe)
        for warning in result.warnings:
            session.warn(warning)
        edits = result.all_edits if not result.skipped else result.pending
        report = Report(item.source.name, result, edits)
        reports.append(report)
        if args.output_format == "concise":
            for edit in edits:
                print(concise(report, edit), file=out)
        elif args.output_format == "full":
            for edit in edits:
                print(full(report, edit), file=out)
        elif args.output_format == "github":
            for edit in edits:
                print(github(report, edit), file=out)
        elif args.output_format == "diff" and edits:
            print(unified_diff(report.name, result.source, result.apply(edits)), end="", file=out)
    if args.output_format == "json":
        version = "+".join(sorted({session.rulebook(find_config(Path.cwd())).version}))
        print(json_report(reports, version=__version__, rules_version=version, errors=errors), file=out)
        print(summary(reports, unsafe=bool(args.unsafe_fixes)), file=err)
    else:
        stream = out if args.output_format in ("concise", "full") else err
        print(summary(reports, unsafe=bool(args.unsafe_fixes)), file=stream)
    return _finish(session, any(r.edits for r in reports), args)


def cmd_fix(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    session = Session(args, err)
    changed_files = edits_applied = held_back = 0
    any_change = False
    for item in session.items():
        if item.error:
            session.error(item.error)
            continue
        assert item.source is not None
        source = item.source
        result = session.run(item, unsafe=session.unsafe(item.config))
        for warning in result.warnings:
            session.warn(warning)
        held_back += len(result.pending)
        if result.changed:
            any_change = True
            changed_files += 1
            edits_applied += len(result.edits)
        if args.diff:
            if result.changed:
                print(unified_diff(source.name, source.text, result.text), end="", file=out)
            continue
        if source.path is None:
            out.flush()
            stream = getattr(out, "buffer", None)
            try:
                data = source.encode(result.text)
            except InputError as error:
                session.error(str(error))
                data = source.encode(source.text)
            if stream is not None:
                stream.write(data)
                stream.flush()
            else:
                out.write(data.decode(source.encoding))
            continue
        if result.changed:
            try:
                write_atomic(source.path, source.encode(result.text), stamp=source.stamp)
            except InputError as error:
                session.error(str(error))
                changed_files -= 1
    verb = "Would fix" if args.diff else "Fixed"
    noun = "edit" if edits_applied == 1 else "edits"
    message = f"{verb} {edits_applied} {noun} in {changed_files} {'file' if changed_files == 1 else 'files'}."
    if held_back:
        message += f" {held_back} unsafe {'fix' if held_back == 1 else 'fixes'} held back (enable with `--unsafe-fixes`)."
    print(message, file=err)
    if args.diff:
        return _finish(session, any_change, args)
    return EXIT_ERROR if session.errors else EXIT_OK


def cmd_rules(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    book = load_rulebook([Path(p) for p in args.rules or ()], default_rules=not args.no_default_rules)
    if args.rule:
        rule = book.get(args.rule)
        if rule is None:
            close = [r.full_id for r in book if args.rule in r.full_id][:5]
            hint = f" (did you mean {', '.join(close)}?)" if close else " (see `cleaner rules`)"
            print(f"error: no rule '{args.rule}'{hint}", file=err)
            return EXIT_ERROR
        print(f"{rule.full_id}  [{rule.kind_name}, phase {rule.phase}, {rule.safety}]", file=out)
        print(f"  {rule.message}", file=out)
        print(f"\nWhy: {rule.why}", file=out)
        if rule.languages:
            print(f"Languages: {', '.join(rule.languages)}", file=out)
        print(f"Defined in: {rule.path}:{rule.line}", file=out)
        if rule.replaces:
            print(f"Replaces the rule of the same id in: {rule.replaces}", file=out)
        print("\nExamples:", file=out)
        for example in rule.examples:
            if example.unchanged:
                print(f"  unchanged: {example.before!r}", file=out)
            else:
                print(f"  before:    {example.before!r}\n  after:     {example.after!r}", file=out)
        return EXIT_OK
    width = max((len(r.full_id) for r in book), default=10)
    phase = None
    for rule in book:
        if rule.phase != phase:
            phase = rule.phase
            print(f"# phase {PHASES.index(phase) + 1}: {phase} ({PHASE_DOCS[phase]})", file=out)
        note = "  (replaces shipped rule)" if rule.replaces else ""
        print(f"{rule.full_id:<{width}}  {rule.kind_name:<9} {rule.safety:<6}  {rule.message}{note}", file=out)
    print(f"{len(book)} rules", file=out)
    return EXIT_OK


def cmd_test_rules(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    folders = [Path(p) for p in args.paths]
    book = load_rulebook(folders, default_rules=not args.no_default_rules)
    failures, total = run_examples(book)
    for failure in failures:
        print(failure.describe(), file=out)
    print(f"{total - len(failures)} passed, {len(failures)} failed", file=out)
    return EXIT_PENDING if failures else EXIT_OK
