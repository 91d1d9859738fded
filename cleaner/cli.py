"""The command line: check, fix, rules, kinds, test-rules (ruff-style exit codes and streams).

Exit codes: 0 nothing pending or done, 1 edits pending (``check``) or
changes shown (``fix --diff``), 2 any error; ``--exit-zero`` turns 1 into 0.
Every document is read, cleaned and reported on its own: an error in one
is reported, counted in the summary, and the others are still processed.
"""

from __future__ import annotations

import argparse
import difflib
import os
import re
import stat
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from . import __version__
from .config import Config, ConfigError, find_config
from .corpus import DEFAULT_FIELD, Settings, Start, Unit, clean_document, clean_task, input_size, is_jsonl, remember, start_worker, task, units
from .decisions import Decision, DecisionsFile, decide, decisions_path, load_decisions, reanchored, save_decisions
from .engine import MAX_REMOVED, Engine, ProgressHook
from .files import InputError, Source, Walker, read_file, read_stdin
from .formats import RUN_FORMATS
from .jobs import choose_jobs, ordered_map
from .kinds import KINDS
from .langid import check_language
from .model import Result, Rule
from .options import add_flags, arrange_help, emit_run, output_stream, resolve_output, show_files, show_settings
from .progress import meter
from .report import FORMATS, Counts, Report, check_summary, concise, full, github, json_report, unified_diff
from .rulebook import PHASE_DOCS, PHASES, Rulebook, RulebookError, load_rulebook, rule_matches
from .testing import run_examples

EXIT_OK, EXIT_PENDING, EXIT_ERROR = 0, 1, 2
NO_INPUT = "no input: give a path, or - for stdin"


class UsageError(Exception):
    """The command line or a config asks for something impossible; each line of the message is one problem."""


@dataclass
class Item:
    """One input to process (a document, or a JSONL file of documents), with the config that applies to it.

    ``root`` is the path given on the command line that it was found under.
    """

    name: str
    config: Config
    path: Path | None = None
    error: str | None = None
    jsonl: bool = False
    root: Path | None = None

    @property
    def size(self) -> int:
        return input_size(self.path) if self.path is not None else 0

    def read(self, encoding: str | None) -> Source:
        if self.path is None:
            return read_stdin(self.name, encoding=encoding)
        return read_file(self.path, encoding=encoding)


def stdin_has_input() -> bool:
    """Whether standard input is a pipe or a regular file (not a terminal, ``/dev/null`` or a closed stream)."""
    stream = sys.stdin
    if stream is None:
        return False
    try:
        descriptor = stream.fileno()
    except (AttributeError, OSError, ValueError):
        return not stream.isatty()
    try:
        mode = os.fstat(descriptor).st_mode
    except OSError:
        return False
    return stat.S_ISFIFO(mode) or stat.S_ISREG(mode) or stat.S_ISSOCK(mode)


WARNINGS_SHOWN = 3
"""How many warnings of one shape a run shows (all of them with ``-v``)."""


def warning_shape(message: str) -> str:
    """What warnings about different documents have in common: the message without its leading ``path: ``, numbers and the clause before a ``;``.

    >>> warning_shape("a.txt: detected French (fr, confidence 0.99); 46 rules for other languages did not run")
    '# rules for other languages did not run'
    >>> warning_shape("b.txt: rule 'x' ran out of regex time") == warning_shape("c.txt: rule 'x' ran out of regex time")
    True
    """
    rest = message.split(": ", 1)[1] if ": " in message else message
    rest = rest.split("; ", 1)[1] if "; " in rest else rest
    return re.sub(r"\d+(?:\.\d+)?", "#", rest)


def did_you_mean(value: str, choices: Sequence[str]) -> str:
    """`` (did you mean 'x'?)`` for the closest choice, or nothing."""
    close = difflib.get_close_matches(value, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def parse(parser: argparse.ArgumentParser, argv: Sequence[str] | None) -> argparse.Namespace:
    """``parser.parse_args`` with a "did you mean" for a mistyped command or flag, and the command's own usage line for its flags."""
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    words = list(sys.argv[1:] if argv is None else argv)
    given = next((w for w in words if not w.startswith("-")), None)
    if given is not None and given not in commands.choices and not any(w in ("-h", "--help", "--version") for w in words[: words.index(given)]):
        parser.error(f"unknown command '{given}'{did_you_mean(given, list(commands.choices))} (see `cleaner --help`)")
    args, unknown = parser.parse_known_args(words)
    if unknown:
        command = commands.choices.get(args.command) if args.command else None
        owner = command or parser
        flags = [option for action in owner._actions for option in action.option_strings if option.startswith("--")]
        hints = [did_you_mean(word.split("=", 1)[0], flags) for word in unknown if word.startswith("--")]
        owner.error(f"unrecognized arguments: {' '.join(unknown)}{''.join(h for h in hints if h)}")
    return args


@dataclass
class Session:
    """Settings resolved from flags and config files, with engines cached per rule set."""

    args: argparse.Namespace
    err: TextIO
    counts: Counts = field(default_factory=Counts)
    _books: dict[tuple[tuple[str, ...], bool], Rulebook] = field(default_factory=dict)
    _engines: dict[tuple[object, ...], Engine] = field(default_factory=dict)
    _decisions: dict[Path, DecisionsFile] = field(default_factory=dict)
    _warned: dict[str, int] = field(default_factory=dict)
    """How many warnings of each shape were given (see :func:`warning_shape`)."""

    def __post_init__(self) -> None:
        find_config.cache_clear()

    def error(self, message: str) -> None:
        self.counts.error_lines.append(message)
        print(f"error: {message}", file=self.err)

    def warn(self, message: str) -> None:
        """A warning on standard error; over a corpus, only the first few of each shape unless ``-v``."""
        if getattr(self.args, "quiet", False):
            return
        shape = warning_shape(message)
        seen = self._warned[shape] = self._warned.get(shape, 0) + 1
        if seen <= WARNINGS_SHOWN or getattr(self.args, "verbose", False):
            print(f"warning: {message}", file=self.err)

    def warned_hidden(self) -> None:
        """Say how many warnings :meth:`warn` kept back, before the summary."""
        hidden = 0 if getattr(self.args, "verbose", False) else sum(max(0, n - WARNINGS_SHOWN) for n in self._warned.values())
        if hidden and not getattr(self.args, "quiet", False):
            print(f"warning: {hidden} more {'warning' if hidden == 1 else 'warnings'} like those above not shown (-v shows every one)", file=self.err)

    def note(self, message: str) -> None:
        """A line for ``-v``."""
        if getattr(self.args, "verbose", False):
            print(f"note: {message}", file=self.err)

    def preview(self, config: Config) -> bool:
        return bool(getattr(self.args, "preview", False) or config.preview)

    def severity(self, rule_id: str) -> str:
        rule = self.rules_by_id().get(rule_id)
        return rule.severity if rule is not None else "warning"

    def rules_by_id(self) -> dict[str, Rule]:
        """Every rule loaded in this run, by full id."""
        return {rule.full_id: rule for book in self._books.values() for rule in book}

    def rulebook(self, config: Config) -> Rulebook:
        folders = tuple(str(p) for p in (*config.rules, *(Path(r).resolve() for r in self.args.rules or ())))
        default = not (self.args.no_default_rules or config.no_default_rules)
        key = (folders, default)
        if key not in self._books:
            self._books[key] = load_rulebook([Path(f) for f in folders], default_rules=default)
            self.note(
                f"{len(self._books[key])} rules loaded ({'shipped packs, plugins' if default else 'no default rules'}{''.join(', ' + f for f in folders)})"
            )
        return self._books[key]

    def selection(self, config: Config, path: Path | None) -> tuple[tuple[str, ...], tuple[str, ...]]:
        cli_select = tuple(self.args.select or ())
        select = cli_select or config.select
        explicit = set(cli_select)
        ignore = tuple(i for i in config.ignore if i not in explicit) + tuple(self.args.ignore or ()) + config.ignores_for(path)
        return select, ignore

    def check_selectors(self, config: Config) -> list[str]:
        """One line for each ``--select``/``--ignore`` value (from the command line or ``config``) that names no rule."""
        book = self.rulebook(config)
        names = sorted({r.full_id for r in book} | {r.pack for r in book})
        problems = []
        sources = [("--select", self.args.select or ()), ("--ignore", self.args.ignore or ())]
        if config.path is not None:
            sources += [(f"{config.path}: select", config.select), (f"{config.path}: ignore", config.ignore)]
            sources += [(f"{config.path}: per-file-ignores", ids) for _, ids in config.per_file_ignores]
        for where, patterns in sources:
            for pattern in patterns:
                if not any(rule_matches(rule, pattern) for rule in book):
                    problems.append(f"{where}: '{pattern}' matches no rule{did_you_mean(pattern, names)} (see `cleaner rules`)")
        return problems

    def engine(self, config: Config, path: Path | None) -> Engine:
        book = self.rulebook(config)
        select, ignore = self.selection(config, path)
        key = (id(book), select, ignore)
        if key not in self._engines:
            self._engines[key] = Engine(book.select(select, ignore, preview=self.preview(config)))
            for pattern in select if not self.preview(config) else ():
                matched = [r for r in book if rule_matches(r, pattern)]
                if matched and all(r.preview for r in matched):
                    self.warn(f"'{pattern}' selects only preview rules, which run with --preview (or preview = true in the config)")
        return self._engines[key]

    def unsafe(self, config: Config) -> bool:
        return bool(self.args.unsafe_fixes or config.unsafe_fixes)

    def max_removed(self, config: Config) -> float | None:
        if getattr(self.args, "force", False):
            return None
        if self.args.max_removed is not None:
            return float(self.args.max_removed) / 100
        return config.max_removed if config.max_removed is not None else MAX_REMOVED

    def settings(self, item: Item, source: Source | None = None) -> Settings:
        """How ``source`` (a document of ``item``) is cleaned, as worker processes rebuild it; this process's engine serves it here."""
        config = item.config
        path = source.path if source is not None and source.path is not None else item.path or Path(item.name)
        select, ignore = self.selection(config, path)
        settings = Settings(
            rule_folders=tuple(str(p) for p in (*config.rules, *(Path(r).resolve() for r in self.args.rules or ()))),
            default_rules=not (self.args.no_default_rules or config.no_default_rules),
            select=select,
            ignore=ignore,
            preview=self.preview(config),
            unsafe=self.unsafe(config),
            language=self.args.language or config.language,
            detect=getattr(self.args, "output_format", None) == "json",
            max_removed=self.max_removed(config),
        )
        remember(settings, self.engine(config, path))
        return settings

    def run(self, item: Item, source: Source, progress: ProgressHook | None = None) -> Result:
        return clean_document(source.text, self.settings(item, source), name=source.name, markdown=source.markdown, progress=progress)

    # Review decisions (cleaner/decisions.py): check and fix honour them, review records them.

    def decisions_file(self, item: Item, source: Source) -> Path:
        """The decisions file for a document: ``--decisions``, else the config's (see :func:`decisions_path`)."""
        chosen = getattr(self.args, "decisions", None)
        if chosen:
            return Path(chosen).resolve()
        return decisions_path(item.config, source.path or Path(source.name))

    def decisions(self, item: Item, source: Source) -> list[Decision]:
        """The decisions recorded for one document; a missing file holds none, an explicit ``--decisions`` must exist."""
        path = self.decisions_file(item, source)
        if path not in self._decisions:
            chosen = getattr(self.args, "decisions", None)
            if chosen and not path.is_file():
                raise UsageError(f"{chosen}: no such decisions file")
            self._decisions[path] = load_decisions(path)
        return self._decisions[path].get(source.path or Path(source.name))

    def decided(self, item: Item, source: Source, raw: Result | None = None) -> tuple[Result, Result]:
        """The document cleaned (unless ``raw`` is its result already), and as its review decisions and Markdown comments have it."""
        if raw is None:
            raw = self.run(item, source)
        return raw, decide(raw, self.decisions(item, source), markdown=source.markdown, name=source.name)

    def keep_rejections(self, item: Item, source: Source, raw: Result, written: Result) -> None:
        """After ``fix`` wrote a file, anchor its rejected edits in the new text too, so that they stay rejected."""
        if source.path is None:
            return
        decisions = self.decisions(item, source)
        renewed = reanchored(raw, decisions, written) if decisions else None
        if renewed is not None:
            path = self.decisions_file(item, source)
            try:
                self._decisions[path] = save_decisions(path, {source.path: renewed})
            except ConfigError as error:
                self.error(str(error))

    def items(self) -> list[Item]:
        """Every document the command line names, each with its config; selectors are checked for every config before any is read."""
        paths: list[str] = list(self.args.paths)
        if not paths:
            if not stdin_has_input():
                raise UsageError(NO_INPUT)
            paths = ["-"]
        walker = Walker(tuple(self.args.exclude or ()), tuple(getattr(self.args, "include", None) or ()))
        if self.args.stdin_filename and "-" not in paths:
            self.warn("--stdin-filename names standard input, which is read only for the path '-'; ignored")
        found: list[Item] = []
        for raw in paths:
            if raw == "-":
                name = self.args.stdin_filename or "-"
                named = Path(name).resolve()
                folder = (named if named.is_dir() else named.parent) if self.args.stdin_filename else Path.cwd()
                jsonl = getattr(self.args, "stdin_format", None) == "jsonl" or (getattr(self.args, "stdin_format", None) is None and is_jsonl(name))
                found.append(Item(name, find_config(folder), jsonl=jsonl))
                continue
            path = Path(raw)
            if not path.exists() and not path.is_symlink():
                found.append(Item(raw, Config(), error=f"{raw}: no such file or folder"))
                continue
            before = len(found)
            for file in walker.walk([path]):
                config = find_config(file.resolve().parent)
                if config.exclude and file != path and Walker(config.exclude).excluded(file.resolve(), config.root or file.parent):
                    continue
                found.append(Item(str(file), config, file, jsonl=is_jsonl(file.name), root=path))
            if len(found) == before and path.is_dir():
                self.warn(f"{raw}: no {' or '.join(getattr(self.args, 'include', None) or ('*.txt', '*.md'))} files found")
        problems: list[str] = []
        for config in {id(i.config): i.config for i in found if i.error is None}.values():
            problems.extend(p for p in self.check_selectors(config) if p not in problems)
        if problems:
            raise UsageError("\n".join(problems))
        return found

    def documents(self) -> Iterator[tuple[Item, Source]]:
        """Each readable document, read; unreadable ones are reported and counted."""
        for item in self.items():
            if item.error is not None:
                self.error(item.error)
                continue
            try:
                source = item.read(self.args.encoding)
            except InputError as error:
                self.error(str(error))
                continue
            yield item, source

    def cleaned(self, items: Sequence[Item], start: Start | None = None) -> Iterator[tuple[Unit, Result | None]]:
        """Every unit of ``items`` (documents, lines passed through, ends of JSONL inputs) in order, each document cleaned: in
        this process, or in ``--jobs`` worker processes with the same result. Progress is drawn on a terminal."""
        args = self.args
        field = getattr(args, "jsonl_field", None) or DEFAULT_FIELD
        known = all(item.path is not None for item in items)
        total = sum(item.size for item in items) if known else None
        many = len(items) > 1 or any(item.jsonl for item in items)
        jobs = choose_jobs(getattr(args, "jobs", None), total_bytes=total, documents=2 if many else 1)
        by_config: dict[int, Settings] = {}

        def settings(unit: Unit) -> Settings:
            if unit.record is not None:  # records of one file share its settings
                key = id(unit.item)
                if key not in by_config:
                    by_config[key] = self.settings(unit.item)
                return by_config[key]
            return self.settings(unit.item, unit.source)

        warm = tuple({self.settings(item): None for item in items[:8] if item.error is None})
        work = (
            (unit, task(unit, settings(unit)) if unit.source is not None else None, unit.size)
            for unit in units(items, encoding=args.encoding, field=field, start=start or Start())
        )
        progress = meter(self.err, quiet=bool(getattr(args, "quiet", False)), total=total)
        try:
            for unit, result in ordered_map(clean_task, work, jobs=jobs, initializer=start_worker, initargs=(warm,)):
                progress.advance(1 if unit.source is not None or unit.error is not None else 0, unit.size)
                yield unit, result
        finally:
            progress.close()


def percentage(value: str) -> float:
    """An argparse type: a percentage above 0 and at most 100."""
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a number from 0 to 100 (not '{value}')") from None
    if not 0 < number <= 100:
        raise argparse.ArgumentTypeError(f"must be a percentage above 0 and at most 100 (not {value})")
    return number


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", metavar="PATH", help="files, folders (*.txt, *.md) or JSONL files (*.jsonl); '-' reads stdin")
    parser.add_argument("--select", action="append", metavar="RULES", help="only these rules: full ids, pack names or globs (repeatable, comma-separated)")
    parser.add_argument("--ignore", action="append", metavar="RULES", help="skip these rules (repeatable, comma-separated)")
    parser.add_argument("--rules", action="append", metavar="DIR", help="load rule packs from DIR too (repeatable)")
    parser.add_argument("--no-default-rules", action="store_true", help="do not load the shipped rule packs")
    parser.add_argument("--unsafe-fixes", action="store_true", help="also apply edits marked unsafe")
    parser.add_argument("--exclude", action="append", metavar="GLOB", help="skip files matching GLOB when walking folders (repeatable)")
    parser.add_argument("--stdin-filename", metavar="NAME", help="name to report stdin as (and to find its config by)")
    parser.add_argument(
        "--language", metavar="CODE", type=check_language, help="treat documents as this language (an ISO 639-1 code such as en) instead of detecting it"
    )
    parser.add_argument(
        "--encoding",
        metavar="NAME",
        help="decode files that are not valid UTF-8 with NAME (e.g. cp1252); files are written back in the encoding they were read in",
    )
    parser.add_argument(
        "--max-removed",
        type=percentage,
        metavar="PCT",
        help=f"leave a document alone if fixes would delete more than PCT%% of it (default {int(MAX_REMOVED * 100)})",
    )
    parser.add_argument("--exit-zero", action="store_true", help="exit 0 even when edits are pending (errors still exit 2)")


def _decision_flags(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--decisions",
        metavar="FILE",
        help="the review decisions to honour (default: .cleaner-decisions.json beside the nearest config, or its 'decisions' key); see docs/review.md",
    )


def _add_baseline(session: Session, item: Item, source: Source, report: Report, baseline: dict[Path, dict[Path, list[Decision]]]) -> None:
    """Note every pending edit of one document as rejected: 'keep the text as it is'."""
    session.counts.add(report)
    if not report.edits or source.path is None:
        return
    decisions = [Decision.of(edit, report.result.source, "reject", origin="baseline") for edit in report.edits]
    baseline.setdefault(session.decisions_file(item, source), {})[source.path] = decisions


def _save_baseline(session: Session, baseline: dict[Path, dict[Path, list[Decision]]], out: TextIO) -> int:
    for path, documents in baseline.items():
        try:
            save_decisions(path, documents, merge=True)
        except ConfigError as error:
            session.error(str(error))
            continue
        added, files = sum(len(d) for d in documents.values()), len(documents)
        print(f"Added {added} {'edit' if added == 1 else 'edits'} in {files} {'file' if files == 1 else 'files'} to the baseline in {path}.", file=out)
    if not baseline:
        print("Nothing to add to the baseline: no edits pending.", file=out)
    return EXIT_ERROR if session.counts.errors else EXIT_OK


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
        description="Report every pending edit as `path:line:col: rule-id [*] message`; [*] marks the edits `cleaner fix` applies with the same settings.",
    )
    _common(check)
    check.add_argument("--output-format", choices=FORMATS, help="concise (default), full, json, github, diff, sarif, junit or gitlab")
    _decision_flags(check)
    check.add_argument("--add-baseline", action="store_true", help="record every pending edit in the decisions file as 'keep the text as it is', then exit 0")
    check.set_defaults(func=cmd_check)
    add_flags(check, "check")

    fix = commands.add_parser(
        "fix",
        help="repair documents in place ('-': stdin to stdout)",
        description="Apply safe edits (and unsafe ones with --unsafe-fixes). Files are rewritten atomically, only when they change.",
    )
    _common(fix)
    fix.add_argument("--diff", action="store_true", help="print a unified diff instead of writing; exit 1 if there are changes")
    fix.add_argument("--force", action="store_true", help="apply fixes even when they would delete most of a document")
    _decision_flags(fix)
    fix.set_defaults(func=cmd_fix, output_format="concise")
    add_flags(fix, "fix")

    rules = commands.add_parser(
        "rules",
        help="list the rules in run order, or show one",
        description="List every rule in run order, or show one rule with its why, options and examples.",
    )
    rules.add_argument("rule", nargs="?", metavar="ID", help="a full rule id, e.g. boilerplate/comment-policy-footer")
    rules.add_argument("--rules", action="append", metavar="DIR", help="load rule packs from DIR too (repeatable)")
    rules.add_argument("--no-default-rules", action="store_true", help="do not load the shipped rule packs")
    rules.set_defaults(func=cmd_rules)
    from .reference import register_flags as register_reference_flags

    register_reference_flags(rules)

    kinds = commands.add_parser(
        "kinds", help="list the rule kinds, or show one with its options", description="List the rule kinds, or show one with its options and message fields."
    )
    kinds.add_argument("kind", nargs="?", metavar="KIND", help="a kind, e.g. remove")
    kinds.set_defaults(func=cmd_kinds)

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
    from .learn import register as register_learn

    register_learn(commands)
    from .schema import register as register_schema

    register_schema(commands)
    from .impact import register as register_impact

    register_impact(commands)
    from .review.command import register as register_review

    register_review(commands)
    arrange_help(parser, commands)
    return parser


def main(argv: Sequence[str] | None = None, *, out: TextIO | None = None, err: TextIO | None = None) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    parser = build_parser()
    args = parse(parser, argv)
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
        for line in str(error).splitlines():
            print(f"error: {line}", file=err)
    except KeyboardInterrupt:
        print("error: interrupted", file=err)
    except BrokenPipeError:
        return EXIT_ERROR
    return EXIT_ERROR


def _finish(session: Session, pending: bool, args: argparse.Namespace) -> int:
    if session.counts.errors:
        return EXIT_ERROR
    if pending and not args.exit_zero:
        return EXIT_PENDING
    return EXIT_OK


def cmd_check(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    resolve_output(args)
    if args.show_settings or args.show_files:
        return (show_settings if args.show_settings else show_files)(Session(args, err), out)
    with output_stream(args, out) as stream:
        return _check(args, stream, err)


def _check(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    session = Session(args, err)
    reports: list[Report] = []
    baseline: dict[Path, dict[Path, list[Decision]]] = {}
    keep = bool(args.add_baseline or args.statistics or args.output_format in (*RUN_FORMATS, "json"))
    for unit, raw in session.cleaned(session.items()):
        if unit.error is not None:
            session.error(unit.error)
        if unit.source is None or raw is None:
            continue
        item, source = unit.item, unit.source
        _, result = session.decided(item, source, raw)
        for warning in result.warnings:
            session.warn(warning)
        report = Report(source.name, result, result.all_edits, record=unit.record is not None)
        if args.add_baseline:
            _add_baseline(session, item, source, report, baseline)
            continue
        if keep:
            reports.append(report)
        session.counts.add(report)
        session.note(f"{source.name}: {len(report.edits)} edits (language {result.language or 'unknown'})")
        if args.statistics or args.output_format in RUN_FORMATS:
            continue
        if args.output_format == "concise":
            for edit in report.edits:
                print(concise(report, edit), file=out)
        elif args.output_format == "full":
            for edit in report.edits:
                print(full(report, edit), file=out)
        elif args.output_format == "github":
            for edit in report.edits:
                print(github(report, edit, severity=session.severity(edit.rule)), file=out)
        elif args.output_format == "diff" and report.edits:
            print(unified_diff(report.name, result.source, result.apply(report.edits)), end="", file=out)
    if args.add_baseline:
        return _save_baseline(session, baseline, out)
    session.warned_hidden()
    summary = check_summary(session.counts)
    if args.statistics or args.output_format in RUN_FORMATS:
        emit_run(session, reports, summary, out, err)
    elif args.output_format == "json":
        version = session.rulebook(find_config(Path.cwd())).version
        print(json_report(reports, version=__version__, rules_version=version, errors=session.counts.error_lines), file=out)
        if not args.quiet:
            print(summary, file=err)
    elif not args.quiet:
        stream = out if args.output_format in ("concise", "full") else err
        print(summary, file=stream)
    return _finish(session, session.counts.edits > 0, args)


def cmd_fix(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    session = Session(args, err)
    if args.show_settings or args.show_files:
        return (show_settings if args.show_settings else show_files)(session, out)
    if args.dask_scheduler:
        return _fix_on_dask(session, out)
    from .fixing import fix_corpus

    return fix_corpus(session, out)


def _fix_on_dask(session: Session, out: TextIO) -> int:
    """``fix --dask-scheduler ADDRESS FILE.jsonl [-o PATH]``: the same settings as a local run, the records cleaned on the cluster."""
    args = session.args
    for flag, given in (
        ("--diff", args.diff),
        ("--resume", args.resume),
        ("--learn", getattr(args, "learn", False)),
        ("--jobs", args.jobs is not None),
        ("--decisions", args.decisions),
        ("--statistics", args.statistics),
    ):
        if given:
            raise UsageError(f"--dask-scheduler cannot be combined with {flag}")
    items = session.items()
    if len(items) != 1 or items[0].path is None or not items[0].jsonl:
        raise UsageError("--dask-scheduler cleans one JSONL file: give its path (and -o PATH to write the result elsewhere)")
    [item] = items
    if item.error is not None or item.path is None:
        raise UsageError(item.error or NO_INPUT)
    path = item.path
    if session.check_selectors(item.config):
        return EXIT_ERROR
    settings = session.settings(item)
    from .dask import DaskMissingError, fix_jsonl

    address = args.dask_scheduler
    try:
        counts = fix_jsonl(
            address,
            path,
            Path(args.output) if args.output else path,
            field=args.jsonl_field,
            edits_field=args.jsonl_edits,
            unsafe=settings.unsafe,
            select=settings.select,
            ignore=settings.ignore,
            rules=settings.rule_folders,
            default_rules=settings.default_rules,
            language=settings.language,
            preview=settings.preview,
            force=settings.max_removed is None,
            max_removed=settings.max_removed,
        )
    except DaskMissingError as error:
        raise UsageError(str(error)) from None
    except (OSError, TimeoutError) as error:
        raise UsageError(f"{item.name}: cleaning on the Dask cluster at {address} failed: {error}") from None
    for warning in counts.warnings:
        session.warn(warning)
    for message in counts.errors:
        session.error(message)
    more = counts.error_count - len(counts.errors)
    if more > 0:
        session.error(f"{item.name}: {more} more records could not be read")
    if not args.quiet:
        edits = "edit" if counts.edits == 1 else "edits"
        print(f"Fixed {counts.edits} {edits} in {counts.changed} of {counts.documents} records on the Dask cluster at {address}.", file=session.err)
    return EXIT_ERROR if counts.error_count else EXIT_OK


def cmd_rules(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    if args.format == "markdown":
        from .reference import cmd_rules_markdown

        return cmd_rules_markdown(args, out, err)
    book = load_rulebook([Path(p) for p in args.rules or ()], default_rules=not args.no_default_rules)
    if args.rule:
        rule = book.get(args.rule)
        if rule is None:
            hint = did_you_mean(args.rule, [r.full_id for r in book]) or " (see `cleaner rules`)"
            print(f"error: no rule '{args.rule}'{hint}", file=err)
            return EXIT_ERROR
        print(f"{rule.full_id}  [{rule.kind_name}, phase {rule.phase}, {rule.safety}]", file=out)
        print(f"  {rule.message}", file=out)
        print(f"\nWhy: {rule.why}", file=out)
        if rule.languages:
            print(f"Languages: {', '.join(rule.languages)}", file=out)
        print(f"Severity: {rule.severity}" + ("; preview (runs only with --preview)" if rule.preview else ""), file=out)
        scope = "line" if rule.kind.line_scoped else "document"
        print(f"Scope: {scope} ({SCOPES[scope]})", file=out)
        print(f"Defined in: {rule.path}:{rule.line}", file=out)
        if rule.replaces:
            print(f"Replaces the rule of the same id in: {rule.replaces}", file=out)
        kind = KINDS[rule.kind_name]
        if kind.options:
            print(f"\nOptions (kind '{kind.name}'):", file=out)
            for key, option in kind.options.items():
                value = rule.options.get(key, option.default)
                shown = "(not set)" if value is None else _show_value(value)
                print(f"  {key} = {shown}\n      {option.doc}", file=out)
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
        note += "  (preview)" if rule.preview else ""
        print(f"{rule.full_id:<{width}}  {rule.kind_name:<9} {rule.safety:<6}  {rule.message}{note}", file=out)
    print(f"{len(book)} rules", file=out)
    return EXIT_OK


SCOPES = {
    "line": "each edit lies within one line: shown again only the lines that changed",
    "document": "reads across lines: shown the whole document each time",
    "pattern": "line when the pattern and its exceptions cannot reach across a line break, else document",
}
"""What each :attr:`~cleaner.kinds.Kind.scope` means, as `cleaner kinds` and `cleaner rules ID` say it."""


def _show_value(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 100 else text[:99] + "…"


def cmd_kinds(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    if args.kind:
        kind = KINDS.get(args.kind)
        if kind is None:
            print(f"error: no kind '{args.kind}'{did_you_mean(args.kind, list(KINDS)) or ' (see `cleaner kinds`)'}", file=err)
            return EXIT_ERROR
        print(f"{kind.name}: {kind.summary}", file=out)
        doc = (kind.__doc__ or "").strip()
        if doc:
            print(f"\n{doc}", file=out)
        print(f"\nScope: {kind.scope} ({SCOPES[kind.scope]})", file=out)
        print("\nOptions:" if kind.options else "\nOptions: none", file=out)
        for key, option in kind.options.items():
            facts = [option.type, "required" if option.required else f"default {_show_value(option.default)}"]
            if option.choices:
                facts.append("one of " + ", ".join(option.choices))
            if option.minimum is not None:
                facts.append(f"at least {option.minimum}")
            print(f"  {key} ({'; '.join(facts)})\n      {option.doc}", file=out)
        print("\nMessage fields:", file=out)
        print("  {match}\n      The text the edit changes", file=out)
        for key, text in kind.fields.items():
            print(f"  {{{key}}}\n      {text}", file=out)
        return EXIT_OK
    width = max(len(name) for name in KINDS)
    for name, kind in KINDS.items():
        print(f"{name:<{width}}  {kind.summary}", file=out)
    return EXIT_OK


def cmd_test_rules(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    folders = [Path(p) for p in args.paths]
    book = load_rulebook(folders, default_rules=not args.no_default_rules)
    failures, total = run_examples(book)
    for failure in failures:
        print(failure.describe(), file=out)
    print(f"{total - len(failures)} passed, {len(failures)} failed", file=out)
    return EXIT_PENDING if failures else EXIT_OK
