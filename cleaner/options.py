"""The flags of ``check`` and ``fix`` beyond the core ones, how help groups them, and what they print.

``--preview``, ``--statistics``, ``-q``/``-v``, ``--show-settings``,
``--show-files`` and (``check`` only) ``--output-file``; whole-run formats
(SARIF, JUnit, GitLab) and the statistics table are written here once every
document is checked. Help is grouped as ruff groups it, with examples and
exit codes at the end.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from . import __version__
from .config import find_config
from .formats import RunReport, render
from .report import Report
from .statistics import rule_statistics, statistics_json, statistics_table

if TYPE_CHECKING:
    from .cli import Item, Session


def add_flags(parser: argparse.ArgumentParser, command: str) -> None:
    """The flags ``command`` (``check`` or ``fix``) takes besides those of ``cli._common``."""
    parser.add_argument("--preview", action="store_true", help="also run rules marked preview (new rules still being tried)")
    parser.add_argument("--statistics", action="store_true", help="print a table of edits per rule (count, fixable, safe, unsafe) instead of each edit")
    parser.add_argument("-q", "--quiet", action="store_true", help="print the edits and nothing else: no summary, no warnings")
    parser.add_argument("-v", "--verbose", action="store_true", help="also say which config, rules and documents were used")
    parser.add_argument("--show-settings", action="store_true", help="print the settings that apply to each PATH, and the rules they enable; check nothing")
    parser.add_argument("--show-files", action="store_true", help="print the files that would be read; check nothing")
    if command == "check":
        parser.add_argument("-o", "--output-file", metavar="FILE", help="write the report to FILE instead of standard output")
    corpus_flags(parser, command)


def jobs_count(value: str) -> int:
    """An argparse type: a number of processes, at least 1."""
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a whole number of processes (not '{value}')") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1 (not {value})")
    return number


def corpus_flags(parser: argparse.ArgumentParser, command: str) -> None:
    """Folders and JSONL datasets, outputs, resuming, processes (docs/corpus.md)."""
    parser.add_argument(
        "--include",
        action="append",
        metavar="GLOB",
        help="walk folders for files matching GLOB instead of *.txt and *.md (repeatable; --include '*.jsonl' finds JSONL files)",
    )
    parser.add_argument("--jsonl-field", default="text", metavar="NAME", help="the field of each JSONL record that holds its text (default: text)")
    parser.add_argument(
        "--stdin-format", choices=("text", "jsonl"), help="read stdin as one text (default) or as JSONL records (also when --stdin-filename ends in .jsonl)"
    )
    parser.add_argument(
        "--jobs",
        "-j",
        type=jobs_count,
        metavar="N",
        help="clean in N processes (default: every core for a corpus of 1 MB or more, else one); the output is the same for any N",
    )
    if command == "fix":
        parser.add_argument(
            "--jsonl-edits", metavar="FIELD", help="store each record's edits (the objects of --output-format json) in FIELD of the record it rewrites"
        )
        parser.add_argument(
            "-o",
            "--output",
            metavar="PATH",
            help="write the cleaned corpus to PATH instead of in place: a folder into a new folder, a JSONL or text file into a file",
        )
        parser.add_argument("--resume", action="store_true", help="with -o: continue an interrupted run, skipping the shards it finished (journal beside PATH)")
        parser.add_argument(
            "--dask-scheduler",
            metavar="ADDRESS",
            help="clean one JSONL file on the Dask cluster at ADDRESS (tcp://HOST:8786), with the same output as a local run; needs the 'dask' extra",
        )


GROUPS = {
    "Rule selection": ("select", "ignore", "rules", "no_default_rules", "preview", "learn"),
    "Fix": ("unsafe_fixes", "diff", "force", "max_removed"),
    "Review decisions": ("decisions", "add_baseline"),
    "Output": ("output_format", "output_file", "statistics", "exit_zero", "show_settings", "show_files"),
    "Input": ("exclude", "stdin_filename", "language", "encoding"),
    "Corpus": ("include", "jsonl_field", "jsonl_edits", "stdin_format", "output", "resume", "jobs", "dask_scheduler"),
    "Log levels": ("quiet", "verbose"),
}

EXIT_CODES = {
    "check": [
        "0  nothing pending",
        "1  edits pending (0 with --exit-zero)",
        "2  an error: a missing file, a bad rule file or config (other files are still checked)",
    ],
    "fix": ["0  done, whether or not files changed", "1  with --diff, when something would change", "2  an error (other files are still fixed)"],
}

EXAMPLES = {
    "check": [
        ("cleaner check article.txt", "list pending edits; exit 1 if any"),
        ("cleaner check news/ --output-format github", "annotations for GitHub Actions"),
        ("cleaner check news/ --output-format gitlab -o gl-code-quality-report.json", "GitLab code quality"),
        ("cleaner check news/ --output-format sarif -o cleaner.sarif", "GitHub code scanning"),
        ("cleaner check news/ --statistics", "edits per rule"),
        ("cleaner check --select 'quotes/*' --ignore quotes/unbalanced-quotes news/", "choose rules"),
        ("cleaner check --show-settings news/a.txt", "which config and rules apply to a file"),
        ("cleaner check --include '*.jsonl' --jsonl-field body crawl/", "JSONL datasets in a folder; records read as corpus.jsonl:RECORD"),
    ],
    "fix": [
        ("cleaner fix news/", "repair in place (safe edits only)"),
        ("cleaner fix --unsafe-fixes news/", "also apply unsafe edits"),
        ("cleaner fix --diff news/", "show what would change; write nothing"),
        ("cat article.txt | cleaner fix - > repaired.txt", "stdin to stdout"),
        ("cleaner fix crawl/ -o crawl-clean/", "mirror a folder into a new, cleaned folder"),
        ("cleaner fix corpus.jsonl -o clean.jsonl --jsonl-field body --resume", "a JSONL dataset; rerun to resume"),
        ("cleaner fix --jobs 4 --jsonl-edits edits corpus.jsonl", "in place on 4 cores, each record's edits stored with it"),
        ("cleaner fix --dask-scheduler tcp://HOST:8786 corpus.jsonl -o clean.jsonl", "the same rules on a Dask cluster"),
    ],
}


class HelpFormatter(argparse.HelpFormatter):
    """Wraps one-line descriptions as usual, and keeps text of several lines (examples, exit codes) as written."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        if "\n" in text:
            return "".join(indent + line for line in text.splitlines(keepends=True))
        return super()._fill_text(text, width, indent)


def _epilog(command: str) -> str:
    lines = ["examples:"]
    for line, note in EXAMPLES[command]:
        lines += [f"  # {note}", f"  {line}"]
    return "\n".join([*lines, "", "exit codes:", *(f"  {line}" for line in EXIT_CODES[command])])


def arrange_help(parser: argparse.ArgumentParser, commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Group the flags of ``check`` and ``fix`` as ruff does, and end each help with examples and exit codes."""
    parser.formatter_class = HelpFormatter
    examples = [
        ("cleaner check article.txt", "list pending edits; exit 1 if any"),
        ("cleaner fix news/", "repair in place (safe edits only)"),
        ("cleaner review news/", "accept or reject edits side by side"),
        ("cleaner rules --format markdown", "the rule reference"),
        ("cleaner test-rules my-rules/", "run the examples of your rules"),
        ("cleaner impact --rules new-rules/ corpus/", "what a rule change does to a corpus"),
    ]
    shown = [(line, note) for line, note in examples if line.split()[1] in commands.choices]
    width = max(len(line) for line, _ in shown)
    parser.epilog = "\n".join(
        [
            "examples:",
            *(f"  {line:<{width}}  # {note}" for line, note in shown),
            "",
            "exit codes:",
            "  0  success, nothing pending",
            "  1  edits pending (check), changes shown (fix --diff), an example failed (test-rules)",
            "  2  an error",
            "",
            "`cleaner COMMAND --help` shows each command's flags, examples and exit codes.",
        ]
    )
    for name in ("check", "fix"):
        sub = commands.choices.get(name)
        if sub is None:
            continue
        sub.formatter_class = HelpFormatter
        sub.epilog = _epilog(name)
        by_dest = {action.dest: action for action in sub._actions}
        for title, dests in GROUPS.items():
            group = sub.add_argument_group(title)
            for dest in dests:
                action = by_dest.get(dest)
                if action is None:
                    continue
                for old in sub._action_groups:
                    if action in old._group_actions:
                        old._group_actions.remove(action)
                group._group_actions.append(action)


def resolve_output(args: argparse.Namespace) -> None:
    """``--output-format`` and ``--output-file`` from the command line, else from the config of the working folder."""
    config = find_config(Path.cwd())
    if getattr(args, "output_format", None) is None:
        args.output_format = config.output_format or "concise"
    if getattr(args, "output_file", None) is None and config.output_file is not None:
        args.output_file = str(config.output_file)


@contextmanager
def output_stream(args: argparse.Namespace, out: TextIO) -> Iterator[TextIO]:
    """Standard output, or the ``--output-file`` (its folder created), closed when done."""
    name = getattr(args, "output_file", None)
    if not name:
        yield out
        return
    path = Path(name)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = path.open("w", encoding="utf-8", newline="")
    except OSError as error:
        from .cli import UsageError

        raise UsageError(f"{path}: cannot write the output file: {error.strerror}") from None
    with handle:
        yield handle


def emit_run(session: Session, reports: Sequence[Report], summary: str, out: TextIO, err: TextIO) -> None:
    """After every document: the statistics table, or a whole-run format on ``out``; the summary where it belongs."""
    args = session.args
    quiet = getattr(args, "quiet", False)
    rules = session.rules_by_id()
    if getattr(args, "statistics", False):
        rows = rule_statistics(reports, rules)
        if args.output_format == "json":
            print(statistics_json(rows), file=out)
        else:
            print(statistics_table(rows), file=out)
        stream = err if args.output_format == "json" else out
    else:
        version = session.rulebook(find_config(Path.cwd())).version
        run = RunReport(reports, rules, __version__, version, tuple(session.counts.error_lines))
        print(render(args.output_format, run), file=out)
        stream = err
    if not quiet:
        print(summary, file=stream)


def _found(session: Session) -> Iterator[Item]:
    """The items the command line names; a missing one is reported as an error."""
    for item in session.items():
        if item.error is not None:
            session.error(item.error)
        else:
            yield item


def show_files(session: Session, out: TextIO) -> int:
    """``--show-files``: each file the command would read, then nothing else."""
    for item in _found(session):
        print(item.name, file=out)
    return 2 if session.counts.errors else 0


def show_settings(session: Session, out: TextIO) -> int:
    """``--show-settings``: for each file, the config that applies, the resolved settings, and the rules they enable."""
    args = session.args
    for item in _found(session):
        config = item.config
        path = item.path or Path(item.name)
        select, ignore = session.selection(config, path)
        rules = session.engine(config, path).rules
        max_removed = session.max_removed(config)
        lines = [
            f"Settings for {item.name}",
            f"  config: {config.path or 'none (defaults)'}",
            f"  rule folders: {', '.join(str(p) for p in config.rules) or 'none'}{''.join(f', {r} (--rules)' for r in args.rules or ())}",
            f"  default rules: {'no' if args.no_default_rules or config.no_default_rules else 'yes (shipped packs and installed plugins)'}",
            f"  select: {', '.join(select) or 'all'}",
            f"  ignore: {', '.join(ignore) or 'none'}",
            f"  unsafe-fixes: {'yes' if session.unsafe(config) else 'no'}",
            f"  preview: {'yes' if session.preview(config) else 'no'}",
            f"  language: {args.language or config.language or 'detected per document'}",
            f"  encoding: {args.encoding or 'utf-8'}",
            f"  max-removed: {'off (--force)' if max_removed is None else f'{max_removed * 100:g}%'}",
            f"  exclude: {', '.join((*config.exclude, *(args.exclude or ()))) or 'none'}",
            f"  output-format: {getattr(args, 'output_format', None) or 'concise'}",
            f"  rules enabled ({len(rules)}):",
            *(f"    {rule.full_id}" for rule in rules),
        ]
        print("\n".join(lines), file=out)
    return 2 if session.counts.errors else 0
