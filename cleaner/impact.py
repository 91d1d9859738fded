"""``cleaner impact``: what a change to the rules does to the fixes across a corpus, before it is merged.

Two rule sets run over the same documents and their edits are compared,
rule by rule: fixes added, fixes removed, and a few of each in context.

- ``--rules NEW_DIR``: the packs in NEW_DIR replace the packs of the same name
  (shipped or configured) and the others are added, so a copy of a pack
  with a rule edited, removed or added shows exactly that change;
- ``--against REV``: the rule folders in use (the shipped packs in a
  checkout, the configured folders) as they were at git revision REV,
  against the working tree.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from .cli import Session
from .config import Config
from .engine import Engine
from .files import Source
from .kinds import KINDS
from .model import Edit, LineIndex, Rule
from .plugins import plugin_rules
from .rulebook import PHASES, Rulebook, load_rulebook, shipped_rules_dir

CONTEXT = 30
"""Characters of the original text shown on each side of a change."""


class ImpactError(Exception):
    """The rule sets to compare cannot be had (not a git repository, an unknown revision); the message says which."""


@dataclass(frozen=True)
class Change:
    """One fix that one rule set makes and the other does not."""

    document: str
    line: int
    column: int
    original: str
    replacement: str
    context: str

    def as_json(self) -> dict[str, Any]:
        return {
            "path": self.document,
            "line": self.line,
            "column": self.column,
            "original": self.original,
            "replacement": self.replacement,
            "context": self.context,
        }


@dataclass
class RuleImpact:
    """How one rule's fixes differ between the two rule sets."""

    rule: str
    status: str = ""
    before: int = 0
    after: int = 0
    added: list[Change] = field(default_factory=list)
    removed: list[Change] = field(default_factory=list)

    @property
    def moved(self) -> int:
        return len(self.added) + len(self.removed)


def context(source: str, edit: Edit, width: int = CONTEXT) -> str:
    """The change in its surroundings, as ``…before [-old-]{+new+} after…``, on one line.

    >>> context("Talks in Kiev today.", Edit(9, 13, "Kyiv", "house/kyiv", "m"))
    'Talks in [-Kiev-]{+Kyiv+} today.'
    """
    start = max(0, edit.start - width)
    end = min(len(source), edit.end + width)
    old = f"[-{source[edit.start : edit.end]}-]" if edit.end > edit.start else ""
    new = f"{{+{edit.replacement}+}}" if edit.replacement else ""
    text = ("…" if start else "") + source[start : edit.start] + old + new + source[edit.end : end] + ("…" if end < len(source) else "")
    return text.replace("\n", "⏎")


def _key(edit: Edit) -> tuple[int, int, str, str]:
    return edit.start, edit.end, edit.replacement, edit.rule


def _file_digest(path: str) -> str:
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return path


def _signature(rule: Rule) -> tuple[Any, ...]:
    """What makes a rule behave as it does; a data file counts by its content, wherever the two sets keep it."""
    values = dict(rule.options)
    for key, option in KINDS[rule.kind_name].options.items():
        if key in values and option.type == "path":
            values[key] = _file_digest(values[key])
        elif key in values and option.type == "path-list":
            values[key] = [_file_digest(v) for v in values[key]]
    options = json.dumps(values, sort_keys=True, default=str)
    examples = tuple((e.before, e.after) for e in rule.examples)
    return rule.kind_name, rule.phase, options, rule.message, rule.why, rule.safe, rule.languages, rule.severity, rule.preview, examples


def rule_status(old: dict[str, Rule], new: dict[str, Rule]) -> dict[str, str]:
    """For every rule id in either set: ``new``, ``removed``, ``changed`` or ``""`` (the same definition)."""
    status = {}
    for rule_id in old.keys() | new.keys():
        if rule_id not in old:
            status[rule_id] = "new"
        elif rule_id not in new:
            status[rule_id] = "removed"
        else:
            status[rule_id] = "changed" if _signature(old[rule_id]) != _signature(new[rule_id]) else ""
    return status


def replace_packs(base: Rulebook, folder: Path) -> Rulebook:
    """``base`` with each pack in ``folder`` replacing the pack of the same name (in its place) and the others added."""
    incoming = load_rulebook([folder], default_rules=False)
    by_pack: dict[str, list[Rule]] = {}
    for rule in incoming:
        by_pack.setdefault(rule.pack, []).append(rule)
    rules: list[Rule] = []
    placed: set[str] = set()
    for rule in base:
        if rule.pack not in by_pack:
            rules.append(rule)
        elif rule.pack not in placed:
            rules.extend(by_pack[rule.pack])
            placed.add(rule.pack)
    rules.extend(rule for pack, found in by_pack.items() if pack not in placed for rule in found)
    rules.sort(key=lambda r: PHASES.index(r.phase))
    return Rulebook(rules)


def _git(folder: Path, *args: str) -> str:
    try:
        run = subprocess.run(["git", "-C", str(folder), *args], capture_output=True, text=True, check=False)
    except FileNotFoundError:
        raise ImpactError("--against needs git, which is not installed") from None
    if run.returncode != 0:
        raise ImpactError(f"{folder}: git {' '.join(args[:2])}: {run.stderr.strip() or 'failed'}")
    return run.stdout


def folder_at(folder: Path, revision: str, into: Path) -> Path:
    """A copy of ``folder`` (packs and their data files) as it was at git ``revision``; empty if it did not exist then."""
    if not folder.is_dir():
        raise ImpactError(f"{folder}: no such rules folder")
    try:
        top = Path(_git(folder, "rev-parse", "--show-toplevel").strip())
    except ImpactError:
        raise ImpactError(f"{folder}: not in a git repository, so --against has no revision to compare with (use --rules NEW_DIR)") from None
    commit = _git(top, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}").strip()
    relative = folder.resolve().relative_to(top.resolve()).as_posix()
    target = into / relative
    target.mkdir(parents=True, exist_ok=True)
    if not _git(top, "ls-tree", "-d", commit, "--", relative or ".").strip() and relative:
        return target
    archive = into / "rules.tar"
    with archive.open("wb") as handle:
        run = subprocess.run(
            ["git", "-C", str(top), "archive", "--format=tar", commit, "--", relative or "."], stdout=handle, stderr=subprocess.PIPE, check=False
        )
    if run.returncode != 0:
        raise ImpactError(f"{folder}: git archive: {run.stderr.decode(errors='replace').strip()}")
    import tarfile  # with its compression modules, a tenth of cleaner's start-up; only --against needs it

    with tarfile.open(archive) as tar:
        tar.extractall(into, filter="data")
    archive.unlink()
    return target


@contextmanager
def rules_at(revision: str, config: Config, *, default_rules: bool) -> Iterator[Rulebook]:
    """The rule set in use for ``config``, each of its folders as it was at ``revision``."""
    with tempfile.TemporaryDirectory(prefix="cleaner-impact-") as temporary:
        root = Path(temporary)
        folders: list[Path] = []
        if default_rules:
            shipped = shipped_rules_dir()
            in_git = subprocess.run(["git", "-C", str(shipped), "rev-parse"], capture_output=True, check=False).returncode == 0
            folders.append(folder_at(shipped, revision, root / "shipped") if in_git else shipped)
            folders += [plugin.folder for plugin in plugin_rules() if plugin.folder is not None]
        for number, folder in enumerate(config.rules):
            folders.append(folder_at(folder, revision, root / str(number)))
        yield load_rulebook(folders, default_rules=False)


def _run(engine: Engine, source: Source, *, unsafe: bool, language: str | None, max_removed: float | None) -> tuple[Edit, ...]:
    result = engine.run(source.text, path=source.name, unsafe=unsafe, markdown=source.markdown, language=language, max_removed=max_removed)
    return result.all_edits


def compare(
    documents: Sequence[tuple[Source, Engine, Engine]], *, unsafe: bool, language: str | None, max_removed: float | None
) -> tuple[dict[str, RuleImpact], set[str]]:
    """Per rule, the fixes each set makes and those only one makes; and the documents whose fixes differ."""
    impacts: dict[str, RuleImpact] = {}
    changed: set[str] = set()
    for source, old_engine, new_engine in documents:
        old = _run(old_engine, source, unsafe=unsafe, language=language, max_removed=max_removed)
        new = _run(new_engine, source, unsafe=unsafe, language=language, max_removed=max_removed)
        lines = LineIndex(source.text)
        old_keys, new_keys = {_key(e) for e in old}, {_key(e) for e in new}
        for edits, attribute, others in ((old, "before", new_keys), (new, "after", old_keys)):
            for edit in edits:
                impact = impacts.setdefault(edit.rule, RuleImpact(edit.rule))
                setattr(impact, attribute, getattr(impact, attribute) + 1)
                if _key(edit) in others:
                    continue
                changed.add(source.name)
                line, column = lines.position(edit.start)
                change = Change(source.name, line, column, source.text[edit.start : edit.end], edit.replacement, context(source.text, edit))
                (impact.removed if attribute == "before" else impact.added).append(change)
    return impacts, changed


def _count(number: int, noun: str, plural: str | None = None) -> str:
    return f"{number} {noun if number == 1 else plural or noun + 's'}"


def impact_text(rows: Sequence[RuleImpact], *, what: str, documents: int, changed: int, samples: int) -> str:
    added = sum(len(r.added) for r in rows)
    removed = sum(len(r.removed) for r in rows)
    lines = [
        f"Impact of {what} on {_count(documents, 'document')}: {_count(added, 'fix', 'fixes')} added, {removed} removed, in {_count(changed, 'document')}.",
        "",
    ]
    if not rows:
        return lines[0] + "\nNo rule changed and no fix differs."
    width = max(len("rule"), *(len(r.rule) for r in rows))
    lines.append(f"{'rule':<{width}}  {'status':<8}  before  after  added  removed")
    for row in rows:
        lines.append(
            f"{row.rule:<{width}}  {row.status or '-':<8}  {row.before:>6}  {row.after:>5}  {'+' + str(len(row.added)):>5}  {'-' + str(len(row.removed)):>7}"
        )
    for row in rows:
        if not row.moved:
            continue
        status = f" ({row.status} rule)" if row.status in ("new", "removed") else f" (rule {row.status})" if row.status else ""
        lines += ["", f"{row.rule}{status}: {_count(len(row.added), 'fix', 'fixes')} added, {len(row.removed)} removed"]
        for sign, changes in (("+", row.added), ("-", row.removed)):
            for change in changes[:samples]:
                lines.append(f"  {sign} {change.document}:{change.line}:{change.column}: {change.context}")
            if len(changes) > samples:
                lines.append(f"  {sign} … and {len(changes) - samples} more")
    return "\n".join(lines)


def impact_json(rows: Sequence[RuleImpact], *, documents: int, changed: int) -> str:
    payload = {
        "documents": documents,
        "changed_documents": changed,
        "rules": [
            {
                "rule": r.rule,
                "status": r.status or "same",
                "before": r.before,
                "after": r.after,
                "added": [c.as_json() for c in r.added],
                "removed": [c.as_json() for c in r.removed],
            }
            for r in rows
        ],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2)


class _ImpactSession(Session):
    """A session whose ``--select`` may name rules that only one of the two sets has."""

    def check_selectors(self, config: Config) -> list[str]:
        return []


def cmd_impact(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from .cli import UsageError

    if (args.new_rules is None) == (args.against is None):
        raise UsageError("impact compares two rule sets: give --rules NEW_DIR or --against REV (one of them)")
    if args.new_rules is not None and not Path(args.new_rules).is_dir():
        raise UsageError(f"{args.new_rules}: no such rules folder")
    session = _ImpactSession(args, err)
    pairs: dict[int, tuple[Engine, Engine, dict[str, Rule], dict[str, Rule]]] = {}
    documents: list[tuple[Source, Engine, Engine]] = []
    try:
        with ExitStack() as stack:
            for item, source in session.documents():
                config = item.config
                if id(config) not in pairs:
                    current = session.rulebook(config)
                    if args.new_rules is not None:
                        old_book, new_book = current, replace_packs(current, Path(args.new_rules))
                    else:
                        default_rules = not (args.no_default_rules or config.no_default_rules)
                        old_book, new_book = stack.enter_context(rules_at(args.against, config, default_rules=default_rules)), current
                    path = item.path or Path(item.name)
                    select, ignore = session.selection(config, path)
                    preview = session.preview(config)
                    old_rules, new_rules = old_book.select(select, ignore, preview=preview), new_book.select(select, ignore, preview=preview)
                    pairs[id(config)] = (Engine(old_rules), Engine(new_rules), {r.full_id: r for r in old_rules}, {r.full_id: r for r in new_rules})
                old_engine, new_engine, _, _ = pairs[id(config)]
                documents.append((source, old_engine, new_engine))
            impacts, changed = compare(documents, unsafe=bool(args.unsafe_fixes), language=args.language, max_removed=None)
            status: dict[str, str] = {}
            for _, _, old_by_id, new_by_id in pairs.values():
                status.update({k: v for k, v in rule_status(old_by_id, new_by_id).items() if v})
    except ImpactError as error:
        raise UsageError(str(error)) from None
    for rule_id, value in status.items():
        impacts.setdefault(rule_id, RuleImpact(rule_id)).status = value
    rows = sorted((r for r in impacts.values() if r.moved or r.status), key=lambda r: (-r.moved, r.rule))
    what = f"the rules in {args.new_rules}" if args.new_rules is not None else f"the rule changes since {args.against}"
    if args.output_format == "json":
        print(impact_json(rows, documents=len(documents), changed=len(changed)), file=out)
    else:
        print(impact_text(rows, what=what, documents=len(documents), changed=len(changed), samples=args.samples), file=out)
    return 2 if session.counts.errors else 0


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    impact = commands.add_parser(
        "impact",
        help="show how a change to the rules alters the fixes across a corpus",
        description=(
            "Run two rule sets over the same documents and compare their fixes rule by rule: fixes added and removed, "
            "with a few of each in context. --rules NEW_DIR: its packs replace the packs of the same name and the others are added. "
            "--against REV: the rule folders in use as they were at git revision REV, against the working tree."
        ),
    )
    impact.add_argument("paths", nargs="*", metavar="CORPUS", help="files or folders (*.txt, *.md)")
    which = impact.add_mutually_exclusive_group()
    which.add_argument("--rules", dest="new_rules", metavar="NEW_DIR", help="the new versions of packs (and new packs) to compare with the current rules")
    which.add_argument("--against", metavar="REV", help="compare the current rules with the same rule folders at git revision REV")
    impact.add_argument("--select", action="append", metavar="RULES", help="compare only these rules (repeatable, comma-separated)")
    impact.add_argument("--ignore", action="append", metavar="RULES", help="leave these rules out (repeatable, comma-separated)")
    impact.add_argument("--no-default-rules", action="store_true", help="leave out the shipped packs and installed plugins")
    impact.add_argument("--preview", action="store_true", help="include rules marked preview")
    impact.add_argument("--unsafe-fixes", action="store_true", help="run both sets with unsafe fixes applied")
    impact.add_argument("--exclude", action="append", metavar="GLOB", help="skip files matching GLOB when walking folders (repeatable)")
    impact.add_argument("--language", metavar="CODE", help="treat documents as this language instead of detecting it")
    impact.add_argument("--encoding", metavar="NAME", help="decode files that are not valid UTF-8 with NAME")
    impact.add_argument("--samples", type=int, default=3, metavar="N", help="fixes shown in context per rule and direction (default 3)")
    impact.add_argument("--output-format", choices=("text", "json"), default="text", help="text (default) or json (every change, not just samples)")
    impact.set_defaults(func=cmd_impact, rules=None, stdin_filename=None, max_removed=None)
