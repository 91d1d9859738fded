"""The rule reference in Markdown, generated from the packs: one page per pack, each rule in ruff's shape.

Every rule gets the same sections: what it does, why it matters, an
example before and after, what it leaves alone, how safe its fix is, and its
options. ``cleaner rules --format markdown --output-dir docs/rules`` writes
the pages; ``make docs`` regenerates the shipped reference.
"""

from __future__ import annotations

import argparse
import os
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TextIO

from .kinds import KINDS
from .model import Rule
from .rulebook import PHASE_DOCS, PHASES, Rulebook, load_rulebook

GENERATED = "<!-- Generated from the rule packs by `cleaner rules --format markdown`; do not edit: run `make docs`. -->"
INDEX = "README.md"


def _code(text: str) -> str:
    """RST literals as Markdown: ````x```` becomes ```x```."""
    return text.replace("``", "`")


def visible(text: str) -> str:
    r"""Text with its invisible characters named, so a page shows what an example holds.

    >>> visible("a\u00a0b\r\nc\u200b")
    'a<U+00A0>b␍\nc<U+200B>'
    """
    shown = []
    for char in text:
        category = unicodedata.category(char)
        if char in "\n\t" or not (category in ("Cc", "Cf", "Zl", "Zp", "Co", "Cn") or (category == "Zs" and char != " ")):
            shown.append(char)
        elif ord(char) < 0x20:
            shown.append(chr(0x2400 + ord(char)))
        else:
            shown.append(f"<U+{ord(char):04X}>")
    return "".join(shown)


def _block(text: str, language: str = "text") -> str:
    text = visible(text)
    fence = "````" if "```" in text else "```"
    return f"{fence}{language}\n{text}\n{fence}"


def _inline(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _anchor(rule: Rule) -> str:
    return rule.id


def _plain(value: Any) -> Any:
    """Loaded YAML as plain lists and dicts, which ``yaml.safe_dump`` can write."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def _show_option(value: Any, rule: Rule, option_type: str) -> Any:
    value = _plain(value)
    if option_type == "path":
        return Path(os.path.relpath(str(value), rule.path.parent)).as_posix()
    if option_type == "path-list":
        return [Path(os.path.relpath(str(v), rule.path.parent)).as_posix() for v in value]
    return value


def fix_safety(rule: Rule) -> str:
    """What the user can rely on when the rule's edits are applied."""
    if rule.safe:
        return (
            "This rule's fix is **safe**: `cleaner fix` applies it. Its kind may still mark a single edit unsafe where the case is less clear; "
            "such edits are held back unless you pass `--unsafe-fixes` or accept them in review."
        )
    return "This rule's fix is **unsafe**: `cleaner check` reports it, and `cleaner fix` applies it only with `--unsafe-fixes` (or when accepted in review)."


def rule_section(rule: Rule, *, level: int = 2) -> str:
    """One rule, documented in ruff's shape."""
    kind = KINDS[rule.kind_name]
    head = "#" * level
    sub = "#" * (level + 1)
    facts = [f"`{rule.full_id}`", f"kind `{rule.kind_name}`", f"phase `{rule.phase}`", f"fix: {rule.safety}", f"severity: {rule.severity}"]
    if rule.languages:
        facts.append("languages: " + ", ".join(rule.languages))
    if rule.preview:
        facts.append("**preview** (runs only with `--preview`)")
    parts = [f"{head} {rule.id}", " · ".join(facts)]
    summary = _code((kind.__doc__ or kind.summary).strip().splitlines()[0])
    parts += [f"{sub} What it does", f"Reports *{_inline(rule.message)}*. {summary}"]
    parts += [f"{sub} Why it matters", rule.why]
    changes = [e for e in rule.examples if not e.unchanged]
    kept = [e for e in rule.examples if e.unchanged]
    if changes:
        parts.append(f"{sub} Example")
        for example in changes:
            parts += ["Before:", _block(example.before), "After:", _block(example.after)]
    if kept:
        parts.append(f"{sub} Left alone")
        parts += [_block(example.before) for example in kept]
    parts += [f"{sub} Fix safety", fix_safety(rule)]
    if kind.options:
        import yaml

        parts.append(f"{sub} Options")
        lines = []
        for key, option in kind.options.items():
            state = "set" if key in rule.options else "default"
            value = _show_option(rule.options.get(key, option.default), rule, option.type)
            shown = "not set" if value is None else yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=10_000).strip()
            if shown.endswith("\n..."):
                shown = shown[: -len("\n...")]
            if len(shown) <= 60 and "\n" not in shown and "`" not in shown:
                lines.append(f"- `{key}` ({state}): `{shown}`. {_code(option.doc)}")
            else:
                block = yaml.safe_dump(value, allow_unicode=True, width=10_000, sort_keys=False).rstrip()
                lines.append(f"- `{key}` ({state}): {_code(option.doc)}\n\n" + "\n".join("  " + line for line in _block(block, "yaml").splitlines()))
        parts.append("\n".join(lines))
    return "\n\n".join(parts) + "\n"


def pack_page(pack: str, rules: list[Rule], folder: Path) -> str:
    """The page of one pack: its description, a table of its rules, then each rule."""
    first = rules[0]
    source = Path(os.path.relpath(first.path, folder)).as_posix()
    description = _pack_description(first.path)
    phase = first.phase
    lines = [GENERATED, "", f"# {pack}", ""]
    if description:
        lines += [description, ""]
    lines += [f"Phase {PHASES.index(phase) + 1}, `{phase}`: {PHASE_DOCS[phase]}. Source: [`{first.path.name}`]({source}).", ""]
    lines += ["| rule | fix | severity | message |", "|---|---|---|---|"]
    for rule in rules:
        lines.append(f"| [{rule.id}](#{_anchor(rule)}) | {rule.safety} | {rule.severity} | {_inline(rule.message)} |")
    body = "\n".join(lines) + "\n"
    return body + "".join("\n" + rule_section(rule) for rule in rules)


def _pack_description(path: Path) -> str:
    import yaml

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError):
        return ""
    value = data.get("description") if isinstance(data, dict) else None
    return str(value).strip() if value else ""


def _packs(book: Iterable[Rule]) -> dict[str, list[Rule]]:
    packs: dict[str, list[Rule]] = {}
    for rule in book:
        packs.setdefault(rule.pack, []).append(rule)
    return packs


def index_page(packs: dict[str, list[Rule]]) -> str:
    count = sum(len(rules) for rules in packs.values())
    lines = [
        GENERATED,
        "",
        "# Rule reference",
        "",
        f"{count} rules in {len(packs)} packs, in the order they run. Each page documents a pack's rules the same way: "
        "what the rule does, why it matters, an example before and after, what it leaves alone, how safe its fix is, and its options. "
        "`cleaner rules ID` shows the same from the command line. "
        "In examples, control characters are shown as their symbols (␍ for a carriage return) and other invisible characters as <U+XXXX>.",
        "",
        "| rule | kind | fix | severity | message |",
        "|---|---|---|---|---|",
    ]
    for pack, rules in packs.items():
        for rule in rules:
            preview = " (preview)" if rule.preview else ""
            lines.append(
                f"| [{rule.full_id}]({pack}.md#{_anchor(rule)}){preview} | {rule.kind_name} | {rule.safety} | {rule.severity} | {_inline(rule.message)} |"
            )
    return "\n".join(lines) + "\n"


def reference_pages(book: Rulebook, folder: Path) -> dict[str, str]:
    """File name to Markdown, for every page of the reference written to ``folder`` (links are relative to it)."""
    packs = _packs(book)
    pages = {INDEX: index_page(packs)}
    for pack, rules in packs.items():
        pages[f"{pack}.md"] = pack_page(pack, rules, folder)
    return pages


def write_reference(book: Rulebook, folder: Path) -> tuple[list[Path], list[Path]]:
    """Write the pages to ``folder``; remove pages it generated before that no longer have a pack. Returns (written, removed)."""
    folder.mkdir(parents=True, exist_ok=True)
    pages = reference_pages(book, folder)
    written = []
    for name, text in pages.items():
        path = folder / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            written.append(path)
    removed = []
    for path in sorted(folder.glob("*.md")):
        if path.name not in pages and path.read_text(encoding="utf-8").startswith(GENERATED):
            path.unlink()
            removed.append(path)
    return written, removed


def cmd_rules_markdown(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """``cleaner rules --format markdown [ID] [--output-dir DIR]``."""
    book = load_rulebook([Path(p) for p in args.rules or ()], default_rules=not args.no_default_rules)
    if args.rule:
        rule = book.get(args.rule)
        if rule is None:
            print(f"error: no rule '{args.rule}' (see `cleaner rules`)", file=err)
            return 2
        out.write(rule_section(rule, level=1))
        return 0
    if args.output_dir:
        folder = Path(args.output_dir)
        written, removed = write_reference(book, folder)
        print(f"{folder}: {len(written)} pages written, {len(removed)} removed, {len(book)} rules.", file=err)
        return 0
    folder = Path.cwd()
    pages = reference_pages(book, folder)
    out.write("\n".join(re.sub(r"\]\(([a-z0-9-]+)\.md#", "](#", text) for text in pages.values()))
    return 0


def register_flags(rules: argparse.ArgumentParser) -> None:
    """The reference's flags on ``cleaner rules``."""
    rules.add_argument("--format", choices=("text", "markdown"), default="text", help="text (default), or markdown: the rule reference in ruff's shape")
    rules.add_argument("--output-dir", metavar="DIR", help="with --format markdown: write one page per pack and an index to DIR")
