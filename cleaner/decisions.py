"""Review decisions: the edits a person accepted, rejected or rewrote, kept in a file that ``check``, ``fix`` and ``review`` all honour.

A decision names the rule of an edit and a fingerprint of the original
text around it (the edit's span and :data:`CONTEXT` characters either
side, not past a blank line), so it survives changes elsewhere in the file and lapses when the
text around it changes. It also keeps what the rule proposed: a rule that
now proposes something else has not been decided on.

>>> from cleaner.model import Edit, Result
>>> source = "Talks with Anthony Blinken ended.\\n"
>>> edit = Edit(11, 18, "Antony", "names/name-variant", "Anthony -> Antony", line=1, column=12)
>>> result = Result(source, "Talks with Antony Blinken ended.\\n", (edit,))
>>> decide(result, [Decision.of(edit, source, "reject")]).text
'Talks with Anthony Blinken ended.\\n'
>>> decide(result, [Decision.of(edit, source, "edit", text="Antony J.")]).text
'Talks with Antony J. Blinken ended.\\n'

The file (``.cleaner-decisions.json`` beside the nearest config unless the
config's ``decisions`` key names another) holds the decisions of every
document under that folder, by path relative to the file; see
``docs/review.md``.
"""

from __future__ import annotations

import fnmatch
import hashlib
import json
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal, cast

from .config import Config, ConfigError
from .files import InputError, Stamp, temp_beside, write_atomic
from .model import Edit, Result, apply_edits, edit_order, supersedes

DEFAULT_NAME = ".cleaner-decisions.json"
CONTEXT = 32
"""Characters of original text on each side of an edit that its fingerprint covers."""
FORMAT = 1
Verdict = Literal["accept", "reject", "edit"]
VERDICTS: tuple[Verdict, ...] = ("accept", "reject", "edit")
Origin = Literal["review", "baseline"]
ORIGINS: tuple[Origin, ...] = ("review", "baseline")
EDITED = "edited in review"
"""What an edit rewritten by a reviewer adds to its message (and, as ``True``, to its details)."""


class DecisionsError(ConfigError):
    """A decisions file cannot be read or written; the message names it."""


def fingerprint(text: str, start: int, end: int, *, context: int = CONTEXT) -> str:
    """A short hash of ``text[start:end]`` and the ``context`` characters either side of it, within its paragraph.

    >>> fingerprint("a b c", 2, 3) == fingerprint("x a b c", 4, 5)
    False
    >>> fingerprint("a" * 40 + "b", 40, 41) == fingerprint("z" + "a" * 40 + "b", 41, 42)
    True
    """
    before = text[max(0, start - context) : start]
    before = before[before.rfind("\n\n") + 1 :] if "\n\n" in before else before
    after = text[end : end + context]
    after = after[: after.find("\n\n")] if "\n\n" in after else after
    data = "\x1f".join((before, text[start:end], after)).encode("utf-8", "surrogatepass")
    return hashlib.sha256(data).hexdigest()[:16]


@dataclass(frozen=True)
class Decision:
    """What a person decided about one edit of one document."""

    rule: str
    verdict: Verdict
    original: str
    """The original text the edit replaces."""
    replacement: str
    """What the rule proposed."""
    context: tuple[str, ...]
    """Fingerprints of the text around the edit (:func:`fingerprint`), in each text it was decided in."""
    line: int = 0
    text: str | None = None
    """The reviewer's own replacement, for an ``edit`` verdict."""
    origin: Origin = "review"

    @classmethod
    def of(cls, edit: Edit, source: str, verdict: Verdict, *, text: str | None = None, origin: Origin = "review") -> Decision:
        """The decision ``verdict`` about ``edit`` of ``source``."""
        if (verdict == "edit") != (text is not None):
            raise ValueError("an 'edit' verdict, and only it, carries the reviewer's text")
        return cls(edit.rule, verdict, source[edit.start : edit.end], edit.replacement, (fingerprint(source, edit.start, edit.end),), edit.line, text, origin)

    def also_in(self, text: str, start: int, end: int) -> Decision:
        """The same decision, anchored in ``text`` as well (the text a review saved)."""
        found = fingerprint(text, start, end)
        return self if found in self.context else replace(self, context=(*self.context, found))

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"rule": self.rule, "decision": self.verdict, "line": self.line, "original": self.original, "replacement": self.replacement}
        if self.text is not None:
            data["text"] = self.text
        data["context"] = list(self.context)
        if self.origin != "review":
            data["origin"] = self.origin
        return data

    @classmethod
    def from_json(cls, data: object, where: str) -> Decision:
        """A decision from its JSON object; ``where`` names it in errors."""
        if not isinstance(data, dict):
            raise DecisionsError(f"{where}: must be an object")
        problems = []
        for key in ("rule", "original", "replacement"):
            if not isinstance(data.get(key), str):
                problems.append(f"'{key}' must be a string")
        verdict = data.get("decision")
        if verdict not in VERDICTS:
            problems.append(f"'decision' must be one of {', '.join(repr(v) for v in VERDICTS)} (not {verdict!r})")
        context = data.get("context")
        if not (isinstance(context, list) and context and all(isinstance(c, str) for c in context)):
            problems.append("'context' must be a non-empty list of fingerprints")
        text = data.get("text")
        if verdict == "edit" and not isinstance(text, str):
            problems.append("an 'edit' decision needs 'text', a string")
        origin = data.get("origin", "review")
        if origin not in ORIGINS:
            problems.append(f"'origin' must be one of {', '.join(repr(o) for o in ORIGINS)} (not {origin!r})")
        line = data.get("line", 0)
        if not isinstance(line, int) or isinstance(line, bool):
            problems.append("'line' must be a number")
        unknown = sorted(set(data) - {"rule", "decision", "line", "original", "replacement", "text", "context", "origin"})
        if unknown:
            problems.append(f"unknown key '{unknown[0]}'")
        if problems:
            raise DecisionsError(f"{where}: {'; '.join(problems)}")
        return cls(
            data["rule"], cast(Verdict, verdict), data["original"], data["replacement"], tuple(context or ()), line, text if verdict == "edit" else None, origin
        )


@dataclass(frozen=True)
class Match:
    """How the decisions bear on one edit: the decision that holds for it, or one that lapsed because the text around it changed."""

    decision: Decision | None = None
    stale: Decision | None = None


def match(source: str, edits: Sequence[Edit], decisions: Sequence[Decision], *, applied: Iterable[Edit] = ()) -> list[Match]:
    """For each of ``edits`` (of ``source``), the decision that holds for it, if any.

    A decision holds for an edit of its rule whose fingerprint it knows and
    whose replacement is the one decided on. A decision that holds for no
    edit, but whose rule still proposes to change the same original text,
    is stale: its context (or the proposal) changed, and it is matched to
    the closest such edit, which counts as pending again. A lapsed
    ``accept`` of an edit that ``fix`` applies anyway (``applied``) is
    not reported: the default does what it asked.
    """
    keyed: dict[tuple[str, str], Decision] = {}
    for decision in decisions:
        for found in decision.context:
            keyed.setdefault((decision.rule, found), decision)
    matches = [Match() for _ in edits]
    used: set[int] = set()
    unmatched: list[int] = []
    for index, edit in enumerate(edits):
        known = keyed.get((edit.rule, fingerprint(source, edit.start, edit.end)))
        if known is not None and known.replacement == edit.replacement:
            matches[index] = Match(known)
            used.add(id(known))
        else:
            unmatched.append(index)
    by_default = set(applied)
    for decision in decisions:
        if id(decision) in used:
            continue
        candidates = [
            i
            for i in unmatched
            if matches[i].stale is None
            and edits[i].rule == decision.rule
            and source[edits[i].start : edits[i].end] == decision.original
            and not (decision.verdict == "accept" and edits[i] in by_default)
        ]
        if candidates:
            closest = min(candidates, key=lambda i: abs(edits[i].line - decision.line))
            matches[closest] = Match(stale=decision)
    return matches


COMMENT = re.compile(r"<!--\s*cleaner:\s*(ignore|off|on)\b([^>]*?)\s*-->", re.IGNORECASE)
"""A Markdown inline comment: ``<!-- cleaner: ignore rule-id -->``, ``<!-- cleaner: off -->``, ``<!-- cleaner: on -->``."""


def _names(rule: str, patterns: Sequence[str]) -> bool:
    return not patterns or any(rule == p or rule.startswith(p + "/") or fnmatch.fnmatchcase(rule, p) for p in patterns)


def silenced(source: str, edits: Sequence[Edit]) -> set[int]:
    """Indices of the ``edits`` that Markdown comments in ``source`` turn off.

    ``<!-- cleaner: ignore ID ... -->`` silences the rules named (full ids,
    pack names or globs; every rule when none is named) on the first
    non-blank line after the comment; ``<!-- cleaner: off -->`` silences
    every edit up to the next ``<!-- cleaner: on -->`` (or the end).

    >>> text = "<!-- cleaner: ignore names -->\\nAnthony Blinken\\n"
    >>> silenced(text, [Edit(31, 38, "Antony", "names/name-variant", "m", line=2, column=1)])
    {0}
    """
    if "cleaner" not in source:
        return set()
    lines: dict[int, list[str]] = {}
    regions: list[tuple[int, int]] = []
    off: int | None = None
    for comment in COMMENT.finditer(source):
        verb = comment.group(1).lower()
        if verb == "ignore":
            after = source.count("\n", 0, comment.end()) + 1
            rest = source[comment.end() :].split("\n")
            offset = 1
            while offset < len(rest) and not rest[offset].strip():
                offset += 1
            lines.setdefault(after + offset, []).extend(comment.group(2).replace(",", " ").split())
        elif verb == "off" and off is None:
            off = comment.end()
        elif verb == "on" and off is not None:
            regions.append((off, comment.start()))
            off = None
    if off is not None:
        regions.append((off, len(source)))
    found = set()
    for index, edit in enumerate(edits):
        if (edit.line in lines and _names(edit.rule, lines[edit.line])) or any(
            (edit.start < end and edit.end > start) or start < edit.start == edit.end < end for start, end in regions
        ):
            found.add(index)
    return found


def edited(edit: Edit, text: str) -> Edit:
    """``edit`` with the reviewer's ``text`` for its replacement: same span and rules, marked as edited."""
    return replace(edit, replacement=text, message=f"{edit.message} ({EDITED})", details=(*edit.details, ("edited", True)))


def stale_warning(name: str, edit: Edit) -> str:
    return (
        f"{name}:{edit.line}:{edit.column}: decision on {edit.rule} is stale: the text around it changed since it was decided; "
        "the edit is pending again (review it, or record it with `cleaner check --add-baseline`)"
    )


def decide(result: Result, decisions: Sequence[Decision], *, markdown: bool = False, name: str = "-") -> Result:
    """``result`` as the decisions for its document have it.

    Rejected edits and edits silenced by Markdown comments leave the edit
    list; accepted ones are applied (unsafe ones too), rewritten ones with
    the reviewer's text; undecided ones are applied as before. An edit
    whose decision went stale is held back as pending, with a warning.
    A document that ``--max-removed`` blocked stays untouched.
    """
    edits = result.all_edits
    quiet = silenced(result.source, edits) if markdown else set()
    if not decisions and not quiet:
        return result
    matches = match(result.source, edits, decisions, applied=result.edits)
    applied = set(result.edits)
    chosen: list[Edit] = []
    pending: list[Edit] = []
    warnings = list(result.warnings)
    for index, (edit, found) in enumerate(zip(edits, matches)):
        if index in quiet:
            continue
        if found.stale is not None:
            warnings.append(stale_warning(name, edit))
            pending.append(edit)
        elif found.decision is None:
            (chosen if edit in applied else pending).append(edit)
        elif found.decision.verdict == "accept":
            chosen.append(edit)
        elif found.decision.verdict == "edit" and found.decision.text is not None:
            chosen.append(edited(edit, found.decision.text))
    if result.skipped:
        return replace(result, edits=(), pending=tuple(sorted(chosen + pending, key=edit_order)), warnings=tuple(warnings))
    text = apply_edits(result.source, chosen)
    return replace(result, text=text, edits=tuple(chosen), pending=tuple(pending), warnings=tuple(warnings))


def shifted(chosen: Sequence[Edit], start: int, end: int) -> tuple[int, int] | None:
    """Where ``source[start:end]`` lies once ``chosen`` edits are applied; None when one of them takes it along.

    >>> shifted([Edit(0, 1, "xyz", "r", "m")], 4, 6)
    (6, 8)
    """
    shift = 0
    outer: Edit | None = None
    for edit in sorted(chosen, key=edit_order):
        if outer is not None and supersedes(outer, edit):
            continue
        outer = edit
        if edit.end <= start and not (edit.start == edit.end == start and start != end):
            shift += len(edit.replacement) - (edit.end - edit.start)
        elif (edit.start < end and edit.end > start) or (edit.start == edit.end and start < edit.start < end):
            return None
    return start + shift, end + shift


def anchored_in_saved(source: str, saved: str, chosen: Sequence[Edit], decided: Sequence[tuple[Edit, Decision]]) -> list[Decision]:
    """The decisions, each rejection also anchored in ``saved`` (``source`` with ``chosen`` applied), so that checking the saved text honours it."""
    out = []
    for edit, decision in decided:
        place = shifted(chosen, edit.start, edit.end) if decision.verdict == "reject" else None
        if place is not None and saved[place[0] : place[1]] == source[edit.start : edit.end]:
            out.append(decision.also_in(saved, *place))
        else:
            out.append(decision)
    return out


def reanchored(result: Result, decisions: Sequence[Decision], written: Result) -> list[Decision] | None:
    """The decisions, with each rejection that held in ``result`` also anchored in the text ``written`` (:func:`decide` of them); None when none changed.

    Applying fixes changes the text around the edits rejected beside them;
    whoever writes that text keeps the rejections holding for it.
    """
    edits = result.all_edits
    found = match(result.source, edits, decisions, applied=result.edits)
    rejected = [(edit, m.decision) for edit, m in zip(edits, found) if m.decision is not None and m.decision.verdict == "reject"]
    renewed = {id(old): new for (_, old), new in zip(rejected, anchored_in_saved(result.source, written.text, written.edits, rejected)) if new is not old}
    if not renewed:
        return None
    return [renewed.get(id(d), d) for d in decisions]


@dataclass
class DecisionsFile:
    """The decisions of every document under one folder, by path relative to it."""

    path: Path
    documents: dict[str, list[Decision]] = field(default_factory=dict)
    stamp: Stamp | None = None

    def key(self, document: Path) -> str:
        return Path(os.path.relpath(document.resolve(), self.path.resolve().parent)).as_posix()

    def get(self, document: Path) -> list[Decision]:
        return self.documents.get(self.key(document), [])

    def to_json(self) -> str:
        documents = {key: [d.to_json() for d in sorted(found, key=lambda d: (d.line, d.rule))] for key, found in sorted(self.documents.items()) if found}
        return json.dumps({"cleaner-decisions": FORMAT, "documents": documents}, ensure_ascii=False, indent=2) + "\n"


def stamp_of(path: Path) -> Stamp | None:
    """The stamp :func:`~cleaner.files.read_file` takes, for the file as it is now (None when it is missing)."""
    try:
        info = Path(os.path.realpath(path)).stat()
    except OSError:
        return None
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns)


def load_decisions(path: Path) -> DecisionsFile:
    """The decisions in ``path``; none when it does not exist."""
    stamp = stamp_of(path)
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return DecisionsFile(path)
    except (OSError, UnicodeDecodeError) as error:
        raise DecisionsError(f"{path}: cannot read decisions: {error}") from None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as error:
        raise DecisionsError(f"{path}:{error.lineno}: invalid JSON in decisions file: {error.msg}") from None
    if not isinstance(data, dict) or data.get("cleaner-decisions") != FORMAT or not isinstance(data.get("documents", {}), dict):
        raise DecisionsError(f'{path}: not a cleaner decisions file (expected an object with "cleaner-decisions": {FORMAT} and "documents")')
    documents: dict[str, list[Decision]] = {}
    for key, items in data.get("documents", {}).items():
        if not isinstance(items, list):
            raise DecisionsError(f"{path}: documents['{key}'] must be a list of decisions")
        documents[key] = [Decision.from_json(item, f"{path}: documents['{key}'][{i}]") for i, item in enumerate(items)]
    return DecisionsFile(path, documents, stamp)


def save_decisions(path: Path, updates: Mapping[Path, Sequence[Decision]], *, merge: bool = False) -> DecisionsFile:
    """Write the decisions of the documents in ``updates`` into ``path``, keeping those of other documents as they are on disk.

    A document's decisions replace those it had, or with ``merge`` are
    added to them (a decision on the same rule and context replaces the
    old one). The file is read afresh and replaced atomically.
    """
    current = load_decisions(path)
    for document, decisions in updates.items():
        key = current.key(document)
        if merge:
            kept = current.documents.get(key, [])
            fresh = {(d.rule, c) for d in decisions for c in d.context}
            kept = [d for d in kept if not any((d.rule, c) in fresh for c in d.context)]
            current.documents[key] = [*kept, *decisions]
        else:
            current.documents[key] = list(decisions)
        if not current.documents[key]:
            del current.documents[key]
    data = current.to_json().encode("utf-8")
    try:
        if current.stamp is not None:
            write_atomic(path, data, stamp=current.stamp)
        else:
            _create(path, data)
    except InputError as error:
        raise DecisionsError(str(error)) from None
    current.stamp = stamp_of(path)
    return current


def _create(path: Path, data: bytes) -> None:
    """Create ``path`` with ``data`` in one step, refusing to replace a file that appeared meanwhile."""
    temp = temp_beside(path, data)
    try:
        os.chmod(temp, 0o644)
        os.link(temp, path)
    except FileExistsError:
        raise InputError(f"{path}: created by someone else meanwhile; not overwritten") from None
    except OSError as error:
        raise InputError(f"{path}: cannot write: {error.strerror}") from None
    finally:
        temp.unlink(missing_ok=True)


def decisions_path(config: Config, document: Path | None) -> Path:
    """Where the decisions about ``document`` live.

    The config's ``decisions`` key; else ``.cleaner-decisions.json`` beside
    the config; without a config, the closest such file above the document,
    or one in the current folder.
    """
    if config.decisions is not None:
        return config.decisions
    if config.path is not None:
        return config.path.parent / DEFAULT_NAME
    if document is not None:
        for folder in document.resolve().parents:
            candidate = folder / DEFAULT_NAME
            if candidate.is_file():
                return candidate
    return Path.cwd() / DEFAULT_NAME
