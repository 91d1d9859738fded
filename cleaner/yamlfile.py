"""Safe YAML that remembers where each mapping and key was written, for files that users write (rule packs, gazetteers).

Every mapping comes back as a :class:`LineMapping`, a ``dict`` that also
knows its own line and the line of each key, so a problem can be reported
as ``path:line: what is wrong``. Aliases and duplicate keys are refused:
they make a file say something other than what it shows.

>>> data = load_text("rules:\\n  - id: a\\n    kind: swap\\n")
>>> data.line, data["rules"][0].key_lines["kind"]
(1, 3)
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

MAX_RULE_FILE_BYTES = 2_000_000


class LineMapping(dict[str, Any]):
    """A YAML mapping with the line it starts on and the line of each of its keys (1-based)."""

    line: int = 0
    key_lines: dict[str, int]


@cache
def _loader() -> Any:
    """The loader class, made when first needed: a run that finds every file in the cache on disk never imports PyYAML."""
    import yaml

    class Loader(yaml.SafeLoader):
        """Safe YAML that remembers line numbers and refuses aliases and duplicate keys."""

        what = "rule files"

        def compose_node(self, parent: Any, index: Any) -> Any:
            if self.check_event(yaml.AliasEvent):
                raise yaml.MarkedYAMLError(None, None, f"aliases are not allowed in {self.what}", self.current_event.start_mark)
            return super().compose_node(parent, index)

    def construct_mapping(loader: Loader, node: yaml.MappingNode) -> LineMapping:
        loader.flatten_mapping(node)
        mapping = LineMapping()
        mapping.line = node.start_mark.line + 1
        mapping.key_lines = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if not isinstance(key, str):
                key = str(key)
            if key in mapping:
                raise yaml.MarkedYAMLError(None, None, f"duplicate key '{key}'", key_node.start_mark)
            mapping[key] = loader.construct_object(value_node, deep=True)
            mapping.key_lines[key] = key_node.start_mark.line + 1
        return mapping

    Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, construct_mapping)
    return Loader


def load_text(text: str, *, what: str = "rule files") -> Any:
    """Parse YAML text with line numbers; raises ``ValueError`` with ``line: message`` (line 0 when unknown)."""
    import yaml

    loader: Any = None
    try:
        loader = _loader()(text)
        loader.what = what
        return loader.get_single_data()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 0
        raise ValueError(f"{line}: invalid YAML: {' '.join(str(error.problem or error.context).split())}") from None
    except yaml.YAMLError as error:
        raise ValueError(f"0: invalid YAML: {' '.join(str(error).split())}") from None
    except RecursionError:
        raise ValueError("0: invalid YAML: nesting is too deep") from None
    finally:
        if loader is not None:
            loader.dispose()


def read_yaml_file(path: Path, *, what: str = "rule files", max_bytes: int = MAX_RULE_FILE_BYTES) -> Any:
    """Parse one YAML file safely; raises ``ValueError`` with ``line: message`` and lets ``OSError`` through."""
    data = path.read_bytes()
    if len(data) > max_bytes:
        raise ValueError(f"0: file is {len(data)} bytes ({what} are limited to {max_bytes})")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValueError(f"0: not valid UTF-8 (byte {error.start})") from None
    from .cache import cached, installed

    return cached(f"yaml-{installed('yaml')}", data, lambda: load_text(text, what=what), encode=_plain, decode=_restore)


def _plain(value: Any) -> Any:
    """Parsed YAML as data :mod:`marshal` stores, each mapping a tuple ``(line, key_lines, items)``; ``TypeError`` for anything else."""
    if value is None or isinstance(value, (str, int, float)):
        return value
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if type(value) is LineMapping:
        return (value.line, value.key_lines, {key: _plain(item) for key, item in value.items()})
    raise TypeError(f"cannot cache {type(value).__name__}")


def _restore(stored: Any) -> Any:
    """The inverse of :func:`_plain`."""
    if isinstance(stored, list):
        return [_restore(item) for item in stored]
    if isinstance(stored, tuple):
        line, key_lines, items = stored
        mapping = LineMapping((key, _restore(item)) for key, item in items.items())
        mapping.line = line
        mapping.key_lines = dict(key_lines)
        return mapping
    return stored


def read_pack_file(path: Path) -> Any:
    """Parse one rule file safely; raises ``ValueError`` with ``line: message``."""
    return read_yaml_file(path)
