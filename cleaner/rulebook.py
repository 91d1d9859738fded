"""Finds, loads and validates rule packs, and runs the examples every rule carries.

A pack is one YAML file; its rules' full ids are ``pack/id``. Every problem
found in any file is collected and reported together as
``path:line: rule 'pack/id': what is wrong``.
"""

from __future__ import annotations

import difflib
import fnmatch
import hashlib
import importlib.resources
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import regex

from .kinds import KINDS, OptionError
from .kinds.base import MAX_PATTERN_LENGTH, MAX_REPEAT, compile_pattern
from .model import SAFETIES, SEVERITIES, Example, Rule, Severity, placeholders
from .yamlfile import MAX_RULE_FILE_BYTES as MAX_RULE_FILE_BYTES
from .yamlfile import LineMapping as _Mapping
from .yamlfile import read_pack_file

PHASES: tuple[str, ...] = ("unicode", "boilerplate", "structure", "quotes", "names", "language", "whitespace")
"""The steps rules run in, in this order; inside a phase, packs run in load order and rules in file order."""

PHASE_DOCS = {
    "unicode": "mojibake, entities and look-alike letters, so later rules see real characters",
    "boilerplate": "page furniture copied along with the article",
    "structure": "sentences and headlines run together, stray capitals, teasers",
    "quotes": "misdirected and unbalanced quotation marks",
    "names": "one spelling per person",
    "language": "text the translator missed",
    "whitespace": "spaces and blank lines, last so it tidies what other rules leave",
}

PACK_KEYS = {"description": "str", "phase": "str", "languages": "str-list", "severity": "str", "preview": "bool", "rules": "list"}
RULE_KEYS = {"id", "kind", "message", "why", "safety", "languages", "examples", "severity", "preview", "count", "documents"}
"""Keys every rule may carry besides its kind's options; ``count`` and ``documents`` record where a learnt rule was seen."""
PHASE_SEVERITY: dict[str, Severity] = {"unicode": "error", "whitespace": "info"}
"""A rule's severity unless its pack or the rule says otherwise: damaged characters are errors, spacing is info, the rest warnings."""
EXAMPLE_KEYS = ({"before", "after"}, {"unchanged"})
RULE_ID = regex.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def shipped_rules_dir() -> Path:
    """The rule packs that come with cleaner: inside the installed package, or beside it in a checkout."""
    packaged = importlib.resources.files("cleaner") / "rules"
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parent.parent / "rules"


class RulebookError(Exception):
    """One or more rule files are invalid; ``problems`` holds one line each."""

    def __init__(self, problems: Sequence[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = list(problems)

    def __reduce__(self) -> tuple[type[RulebookError], tuple[list[str]]]:
        # Rebuilt from its problems, not its message, so that it survives pickling (a Dask worker raises it for the client).
        return type(self), (self.problems,)


def _type_name(value: object) -> str:
    return {dict: "a mapping", _Mapping: "a mapping", list: "a list", str: "a string", int: "an integer", bool: "a boolean", float: "a number"}.get(
        type(value), type(value).__name__
    )


def _check_type(expected: str, value: object) -> str | None:
    """None when ``value`` has the ``expected`` option type, else what it should be."""
    if expected in ("str", "regex", "path"):
        return None if isinstance(value, str) else "a string"
    if expected == "int":
        return None if isinstance(value, int) and not isinstance(value, bool) else "an integer"
    if expected == "bool":
        return None if isinstance(value, bool) else "true or false"
    if expected in ("str-list", "regex-list", "path-list"):
        ok = isinstance(value, list) and all(isinstance(v, str) for v in value)
        return None if ok else "a list of strings"
    if expected == "str-map":
        ok = isinstance(value, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in value.items())
        return None if ok else "a mapping of strings to strings"
    if expected == "list":
        return None if isinstance(value, list) else "a list"
    return None


def _choices(values: Iterable[str]) -> str:
    return ", ".join(f"'{v}'" for v in values)


class _Problems:
    def __init__(self) -> None:
        self.lines: list[str] = []

    def add(self, path: Path | str, line: int, message: str, rule: str | None = None) -> None:
        where = f"{path}:{line}:" if line else f"{path}:"
        self.lines.append(f"{where} rule '{rule}': {message}" if rule else f"{where} {message}")


def _load_pack(path: Path, problems: _Problems, *, shipped: bool) -> list[Rule]:
    pack = path.stem
    try:
        data = read_pack_file(path)
    except ValueError as error:
        line, _, message = str(error).partition(": ")
        problems.add(path, int(line), message)
        return []
    except OSError as error:
        problems.add(path, 0, f"cannot read: {error.strerror}")
        return []
    if not isinstance(data, dict):
        problems.add(path, 1, f"a rule pack must be a mapping with a 'rules' list (not {_type_name(data)})")
        return []
    lines = getattr(data, "key_lines", {})
    for key, value in data.items():
        if key not in PACK_KEYS:
            close = difflib.get_close_matches(key, list(PACK_KEYS), n=1, cutoff=0.6)
            hint = f"did you mean '{close[0]}'? " if close else ""
            problems.add(path, lines.get(key, 0), f"unknown pack key '{key}' ({hint}allowed: {_choices(PACK_KEYS)})")
        elif (wanted := _check_type(PACK_KEYS[key], value)) is not None:
            problems.add(path, lines.get(key, 0), f"pack key '{key}' must be {wanted} (not {_type_name(value)})")
    phase = data.get("phase", pack if pack in PHASES else "structure")
    if phase not in PHASES:
        problems.add(path, lines.get("phase", 0), f"phase must be one of {_choices(PHASES)} (not '{phase}')")
        phase = "structure"
    pack_languages = tuple(data.get("languages") or ()) if isinstance(data.get("languages"), list) else ()
    severity = data.get("severity", PHASE_SEVERITY.get(phase, "warning"))
    if severity not in SEVERITIES:
        problems.add(path, lines.get("severity", 0), f"severity must be one of {_choices(SEVERITIES)} (not '{severity}')")
        severity = "warning"
    defaults = {"severity": severity, "preview": data.get("preview") is True}
    raw_rules = data.get("rules")
    if "rules" not in data:
        problems.add(path, 1, "a rule pack needs a 'rules' list")
        return []
    if not isinstance(raw_rules, list):
        return []
    rules: list[Rule] = []
    seen: dict[str, int] = {}
    checked, content = _checked_patterns(path)
    compiled: set[str] = set()
    before = len(problems.lines)
    for raw in raw_rules:
        rule = _load_rule(
            raw,
            path,
            pack,
            phase,
            pack_languages,
            problems,
            shipped=shipped,
            default_line=lines.get("rules", 0),
            defaults=defaults,
            checked=checked,
            compiled=compiled,
        )
        if rule is None:
            continue
        if rule.id in seen:
            problems.add(path, rule.line, f"duplicate id (first defined on line {seen[rule.id]})", rule.full_id)
            continue
        seen[rule.id] = rule.line
        rules.append(rule)
    if content is not None and compiled and len(problems.lines) == before:
        from .cache import store

        store(_CHECKED, content, sorted(checked | compiled))
    return rules


_CHECKED = "patterns-checked"


def _checked_patterns(path: Path) -> tuple[frozenset[str], bytes | None]:
    """The patterns of a pack file that an earlier run found valid, from the cache on disk, and the key to store them under.

    Whether a pattern compiles depends only on the pattern and the installed
    ``regex``, so a pack read before need not compile each one again only to
    check it (its kind still compiles what it uses).
    """
    from .cache import installed, load

    try:
        content = f"{installed('regex')} {MAX_PATTERN_LENGTH} {MAX_REPEAT}\n".encode() + path.read_bytes()
    except OSError:
        return frozenset(), None
    stored = load(_CHECKED, content)
    if isinstance(stored, list) and all(isinstance(p, str) for p in stored):
        return frozenset(stored), content
    return frozenset(), content


def _load_rule(
    raw: Any,
    path: Path,
    pack: str,
    phase: str,
    pack_languages: tuple[str, ...],
    problems: _Problems,
    *,
    shipped: bool,
    default_line: int,
    defaults: dict[str, Any] | None = None,
    checked: frozenset[str] = frozenset(),
    compiled: set[str] | None = None,
) -> Rule | None:
    """One rule from its YAML, or None with its problems added; patterns in ``checked`` are known to compile, those newly compiled are added to ``compiled``."""
    if not isinstance(raw, dict):
        problems.add(path, default_line, f"each rule must be a mapping (not {_type_name(raw)})")
        return None
    line = getattr(raw, "line", default_line)
    key_lines: dict[str, int] = getattr(raw, "key_lines", {})
    rule_id = raw.get("id")
    if not isinstance(rule_id, str) or not RULE_ID.match(rule_id):
        shown = f"'{rule_id}'" if isinstance(rule_id, str) else "missing" if rule_id is None else _type_name(rule_id)
        problems.add(path, line, f"rule id must be lower-case words joined by hyphens, like 'comment-policy-footer' (id is {shown})")
        return None
    full_id = f"{pack}/{rule_id}"
    before = len(problems.lines)

    def bad(key: str, message: str) -> None:
        problems.add(path, key_lines.get(key, line), message, full_id)

    kind_name = raw.get("kind")
    kind_cls = KINDS.get(kind_name) if isinstance(kind_name, str) else None
    if kind_cls is None:
        if kind_name is None:
            bad("id", f"missing key 'kind' (one of {_choices(KINDS)})")
        else:
            bad("kind", f"unknown kind '{kind_name}' (one of {_choices(KINDS)})")
        return None
    allowed = RULE_KEYS | set(kind_cls.options)
    for key in raw:
        if key not in allowed:
            close = difflib.get_close_matches(key, sorted(allowed), n=1, cutoff=0.6)
            hint = f"did you mean '{close[0]}'? " if close else ""
            bad(key, f"unknown key '{key}' ({hint}allowed for kind '{kind_name}': {_choices(sorted(allowed))})")
    for key in ("message", "why"):
        value = raw.get(key)
        if value is None:
            bad("id", f"missing key '{key}'")
        elif not isinstance(value, str) or not value.strip():
            bad(key, f"{key} must be a non-empty string (not {_type_name(value)})")
    message = raw.get("message")
    if isinstance(message, str):
        known = ("match", *kind_cls.fields)
        for name in placeholders(message):
            if name not in known:
                bad("message", f"message uses unknown field '{{{name}}}' (kind '{kind_name}' fills in {_choices('{' + k + '}' for k in known)})")
    safety = raw.get("safety")
    if safety not in SAFETIES:
        bad(
            "safety" if "safety" in raw else "id",
            f"safety must be one of {_choices(SAFETIES)} (not '{safety}')" if safety is not None else f"missing key 'safety' (one of {_choices(SAFETIES)})",
        )
    languages = raw.get("languages", list(pack_languages))
    if _check_type("str-list", languages):
        bad("languages", f"languages must be a list of language codes such as [en] (not {_type_name(languages)})")
        languages = []
    options: dict[str, Any] = {}
    for key, spec in kind_cls.options.items():
        if key not in raw:
            if spec.required:
                bad("id", f"missing key '{key}' required by kind '{kind_name}': {spec.doc}")
            continue
        value = raw[key]
        wanted = _check_type(spec.type, value)
        if wanted is not None:
            bad(key, f"{key} must be {wanted} (not {_type_name(value)})")
            continue
        if spec.choices:
            values = value if isinstance(value, list) else [value]
            for item in values:
                if item not in spec.choices:
                    bad(key, f"{key} must be one of {_choices(spec.choices)} (not '{item}')")
        if spec.minimum is not None and isinstance(value, int) and value < spec.minimum:
            bad(key, f"{key} must be at least {spec.minimum} (not {value})")
        if spec.type in ("regex", "regex-list"):
            for pattern in value if isinstance(value, list) else [value]:
                if str(pattern) in checked:
                    continue
                try:
                    compile_pattern(str(pattern))
                except OptionError as error:
                    bad(key, str(error))
                else:
                    if compiled is not None:
                        compiled.add(str(pattern))
        if spec.type in ("path", "path-list"):
            value = _resolve_paths(value, path, key, bad)
        options[key] = value
    examples = _load_examples(raw.get("examples"), key_lines.get("examples", line), bad)
    severity, preview = _check_extras(raw, defaults or {}, bad)
    if len(problems.lines) > before:
        return None
    rule = Rule(
        pack=pack,
        id=rule_id,
        kind_name=str(kind_name),
        phase=phase,
        message=raw["message"].strip(),
        why=" ".join(raw["why"].split()),
        safe=safety == "safe",
        languages=tuple(languages),
        examples=examples,
        options=options,
        path=path,
        line=line,
        shipped=shipped,
        severity=severity,
        preview=preview,
    )
    try:
        rule.kind = kind_cls(rule)
    except OptionError as error:
        bad("kind", str(error))
        return None
    except (OSError, ValueError, TypeError, KeyError) as error:
        bad("kind", f"cannot be set up: {error}")
        return None
    return rule


def _check_extras(raw: Any, defaults: dict[str, Any], bad: Any) -> tuple[Severity, bool]:
    """The rule's severity and preview flag (its own, else its pack's); checks a learnt rule's ``count`` and ``documents``."""
    severity = raw.get("severity", defaults.get("severity", "warning"))
    if severity not in SEVERITIES:
        bad("severity", f"severity must be one of {_choices(SEVERITIES)} (not '{severity}')")
        severity = "warning"
    preview = raw.get("preview", defaults.get("preview", False))
    if not isinstance(preview, bool):
        bad("preview", f"preview must be true or false (not {_type_name(preview)})")
    count = raw.get("count", 0)
    if not isinstance(count, int) or isinstance(count, bool) or count < 0:
        bad("count", f"count must be a whole number of occurrences, 0 or more (not {count!r})")
    documents = raw.get("documents", [])
    if _check_type("str-list", documents) and not (isinstance(documents, int) and not isinstance(documents, bool) and documents >= 0):
        bad("documents", f"documents must be a list of document names or a number of documents (not {_type_name(documents)})")
    return severity, preview is True


def _resolve_paths(value: Any, pack_path: Path, key: str, bad: Any) -> Any:
    def resolve(item: str) -> str:
        target = (pack_path.parent / item).resolve()
        if not target.is_file():
            bad(key, f"{key} names a file that does not exist: '{item}' (looked for {target})")
        return str(target)

    return [resolve(v) for v in value] if isinstance(value, list) else resolve(value)


def _load_examples(raw: Any, line: int, bad: Any) -> tuple[Example, ...]:
    if raw is None:
        bad("id", "missing key 'examples': every rule needs at least one before/after example")
        return ()
    if not isinstance(raw, list):
        bad("examples", f"examples must be a list (not {_type_name(raw)})")
        return ()
    examples: list[Example] = []
    for item in raw:
        item_line = getattr(item, "line", line)
        keys = set(item) if isinstance(item, dict) else set()
        if keys not in EXAMPLE_KEYS:
            bad("examples", f"an example (line {item_line}) must have 'before' and 'after', or 'unchanged' (not {sorted(keys) if keys else _type_name(item)})")
            continue
        if not all(isinstance(item[k], str) for k in keys):
            bad("examples", f"an example (line {item_line}) must hold strings")
            continue
        if "unchanged" in keys:
            examples.append(Example(item["unchanged"], item["unchanged"], item_line))
        else:
            if item["before"] == item["after"]:
                bad("examples", f"an example (line {item_line}) has the same before and after; write it as 'unchanged'")
                continue
            examples.append(Example(item["before"], item["after"], item_line))
    if raw and not any(not e.unchanged for e in examples) and len(examples) == len(raw):
        bad("examples", "every rule needs at least one before/after example")
    return tuple(examples)


def pack_files(folder: Path) -> list[Path]:
    """The packs of a rules folder: its top-level ``*.yaml``/``*.yml`` files; subfolders hold data."""
    return sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file() and not p.name.startswith("."))


@dataclass
class Rulebook:
    """Every loaded rule, in run order."""

    rules: list[Rule]

    def __iter__(self) -> Iterator[Rule]:
        return iter(self.rules)

    def __len__(self) -> int:
        return len(self.rules)

    @property
    def version(self) -> str:
        """A short digest of every loaded rule file, so a report names the rule set it came from."""
        digest = hashlib.sha256()
        for path in sorted({r.path for r in self.rules}):
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
        return digest.hexdigest()[:12]

    def get(self, full_id: str) -> Rule | None:
        return next((r for r in self.rules if r.full_id == full_id), None)

    def select(self, select: Sequence[str] | None = None, ignore: Sequence[str] = (), *, preview: bool = False) -> list[Rule]:
        """The rules that ``select`` names (all when empty) less those ``ignore`` names; preview rules only with ``preview``."""
        chosen = [r for r in self.rules if (preview or not r.preview) and (not select or any(rule_matches(r, p) for p in select))]
        return [r for r in chosen if not any(rule_matches(r, p) for p in ignore)]


def rule_matches(rule: Rule, pattern: str) -> bool:
    """Whether ``pattern`` (a full id, a pack name or a glob) names ``rule``."""
    pattern = pattern.strip()
    return pattern in ("ALL", "*") or fnmatch.fnmatchcase(rule.full_id, pattern) or fnmatch.fnmatchcase(rule.pack, pattern.rstrip("/"))


def load_rulebook(folders: Sequence[Path | str] = (), *, default_rules: bool = True, files: Sequence[Path | str] = ()) -> Rulebook:
    """Load the shipped packs and those of installed plugins (unless ``default_rules`` is false), then each user folder and file.

    A user rule with the full id of an earlier one replaces it. Raises
    :class:`RulebookError` listing every problem in every file.
    """
    problems = _Problems()
    sets: list[tuple[list[Path], bool]] = []
    if default_rules:
        sets.append((pack_files(shipped_rules_dir()), True))
        from .plugins import plugin_rules

        for plugin in plugin_rules():
            if plugin.folder is None:
                problems.add(plugin.describe(), 0, str(plugin.problem))
            else:
                sets.append((pack_files(plugin.folder), False))
    for folder in folders:
        folder = Path(folder)
        if folder.is_dir():
            sets.append((pack_files(folder), False))
        elif folder.is_file():
            sets.append(([folder], False))
        else:
            problems.add(folder, 0, "no such rules folder or file")
    for file in files:
        sets.append(([Path(file)], False))
    ordered: dict[str, Rule] = {}
    for paths, shipped in sets:
        in_set: dict[str, Rule] = {}
        for path in paths:
            for rule in _load_pack(path, problems, shipped=shipped):
                if rule.full_id in in_set:
                    first = in_set[rule.full_id]
                    problems.add(path, rule.line, f"defined twice (also {first.path}:{first.line})", rule.full_id)
                    continue
                in_set[rule.full_id] = rule
                previous = ordered.pop(rule.full_id, None)
                if previous is not None:
                    rule.replaces = previous.path
                ordered[rule.full_id] = rule
    if problems.lines:
        raise RulebookError(problems.lines)
    rules = list(ordered.values())
    rules.sort(key=lambda r: PHASES.index(r.phase))
    return Rulebook(rules)
