"""Configuration: ``[tool.cleaner]`` in ``pyproject.toml`` or the top level of ``cleaner.toml``.

The closest config above each file applies; in one folder ``cleaner.toml``
wins over ``pyproject.toml``. Command-line flags win over both.
"""

from __future__ import annotations

import difflib
import fnmatch
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from .langid import check_language
from .report import FORMATS

KEYS = {
    "select": "list",
    "ignore": "list",
    "per-file-ignores": "table",
    "rules": "list",
    "unsafe-fixes": "bool",
    "exclude": "list",
    "no-default-rules": "bool",
    "max-removed": "number",
    "language": "str",
    "preview": "bool",
    "output-format": "str",
    "output-file": "str",
    "decisions": "str",
}


class ConfigError(Exception):
    """A config file is invalid; the message names it."""


@dataclass(frozen=True)
class Config:
    """Settings from one config file (or the defaults, with ``path`` None)."""

    path: Path | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    rules: tuple[Path, ...] = ()
    unsafe_fixes: bool = False
    exclude: tuple[str, ...] = ()
    no_default_rules: bool = False
    max_removed: float | None = None
    language: str | None = None
    preview: bool = False
    output_format: str | None = None
    output_file: Path | None = None
    decisions: Path | None = None
    """The review decisions file (``cleaner.decisions``), if the config names one."""
    raw_keys: frozenset[str] = field(default_factory=frozenset)

    @property
    def root(self) -> Path | None:
        return self.path.parent if self.path else None

    def ignores_for(self, file: Path | None) -> tuple[str, ...]:
        """Rules this config silences for ``file``."""
        if file is None or not self.per_file_ignores:
            return ()
        try:
            relative = file.resolve().relative_to(self.root.resolve()).as_posix() if self.root else file.as_posix()
        except ValueError:
            relative = file.as_posix()
        found: list[str] = []
        for pattern, ids in self.per_file_ignores:
            if fnmatch.fnmatch(relative, pattern) or fnmatch.fnmatch(file.name, pattern):
                found.extend(ids)
        return tuple(found)


def _wanted(key: str, value: Any) -> str | None:
    """What ``value`` should be for ``key``, or None when it is right."""
    expected = KEYS[key]
    ok = {
        "list": isinstance(value, list) and all(isinstance(v, str) for v in value),
        "bool": isinstance(value, bool),
        "str": isinstance(value, str),
        "number": isinstance(value, (int, float)) and not isinstance(value, bool),
        "table": isinstance(value, dict) and all(isinstance(v, list) and all(isinstance(i, str) for i in v) for v in value.values()),
    }[expected]
    if ok:
        return None
    return {"list": "a list of strings", "bool": "true or false", "str": "a string", "number": "a number", "table": "a table of glob = [rule ids]"}[expected]


def parse(path: Path, table: dict[str, Any]) -> Config:
    """The config a table describes; every problem in it is reported at once, one line each."""
    problems = []
    for key, value in table.items():
        if key not in KEYS:
            close = difflib.get_close_matches(key, list(KEYS), n=1, cutoff=0.6)
            hint = f"did you mean '{close[0]}'? " if close else ""
            problems.append(f"{path}: unknown key '{key}' ({hint}allowed: {', '.join(sorted(KEYS))})")
        elif (wanted := _wanted(key, value)) is not None:
            problems.append(f"{path}: '{key}' must be {wanted}")
    language = None
    if isinstance(table.get("language"), str):
        try:
            language = check_language(table["language"])
        except ValueError as error:
            problems.append(f"{path}: 'language': {error}")
    max_removed = table.get("max-removed")
    if isinstance(max_removed, (int, float)) and not isinstance(max_removed, bool) and not 0 < max_removed <= 100:
        problems.append(f"{path}: 'max-removed' must be a percentage above 0 and at most 100 (not {max_removed})")
    output_format = table.get("output-format")
    if isinstance(output_format, str) and output_format not in FORMATS:
        problems.append(f"{path}: 'output-format' must be one of {', '.join(FORMATS)} (not '{output_format}')")
    if problems:
        raise ConfigError("\n".join(problems))
    base = path.parent
    return Config(
        path=path,
        select=tuple(table.get("select", ())),
        ignore=tuple(table.get("ignore", ())),
        per_file_ignores=tuple((glob, tuple(ids)) for glob, ids in table.get("per-file-ignores", {}).items()),
        rules=tuple((base / p).resolve() for p in table.get("rules", ())),
        unsafe_fixes=bool(table.get("unsafe-fixes", False)),
        exclude=tuple(table.get("exclude", ())),
        no_default_rules=bool(table.get("no-default-rules", False)),
        max_removed=None if max_removed is None else max_removed / 100,
        language=language,
        preview=bool(table.get("preview", False)),
        output_format=output_format,
        output_file=base / table["output-file"] if "output-file" in table else None,
        decisions=(base / table["decisions"]).resolve() if "decisions" in table else None,
        raw_keys=frozenset(table),
    )


def read_config(path: Path) -> Config | None:
    """The config in ``path``, or None when a ``pyproject.toml`` has no ``[tool.cleaner]``."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: invalid TOML: {error}") from None
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: cannot read: {error}") from None
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("cleaner")
        if table is None:
            return None
        if not isinstance(table, dict):
            raise ConfigError(f"{path}: [tool.cleaner] must be a table")
        return parse(path, table)
    return parse(path, data)


@lru_cache(maxsize=256)
def find_config(folder: Path) -> Config:
    """The closest config at or above ``folder``; defaults if there is none."""
    for directory in (folder, *folder.parents):
        for name in ("cleaner.toml", "pyproject.toml"):
            candidate = directory / name
            if candidate.is_file():
                config = read_config(candidate)
                if config is not None:
                    return config
    return Config()
