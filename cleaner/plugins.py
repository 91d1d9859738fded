"""Rule packs shared as Python packages: each installed package that declares a ``cleaner.rules`` entry point.

A package ships its packs as data files and names where they are in its
``pyproject.toml``::

    [project.entry-points."cleaner.rules"]
    house = "house_rules"            # a package: its folder holds the packs

The value may also name an attribute, ``"house_rules:folder"``: a path, or a
function returning one. Those packs load with the shipped ones, after them and
before the folders given with ``--rules``; ``--no-default-rules`` drops both.
"""

from __future__ import annotations

import importlib.resources
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

ENTRY_POINT_GROUP = "cleaner.rules"


@dataclass(frozen=True)
class PluginRules:
    """One entry point's rules folder, or what is wrong with it."""

    name: str
    value: str
    distribution: str
    folder: Path | None = None
    problem: str | None = None

    def describe(self) -> str:
        return f"entry point '{self.name} = {self.value}' ({ENTRY_POINT_GROUP}, from {self.distribution})"


def _folder(loaded: object) -> Path:
    if isinstance(loaded, ModuleType):
        return Path(str(importlib.resources.files(loaded)))
    if callable(loaded):
        loaded = loaded()
    if isinstance(loaded, str | os.PathLike):
        return Path(loaded)
    raise TypeError(f"names {type(loaded).__name__}, not a package, a path, or a function returning a path")


def may_have_plugins() -> bool:
    """Whether any distribution on ``sys.path`` might declare a ``cleaner.rules`` entry point: a quick look that never says no wrongly.

    It reads the ``entry_points.txt`` files beside the installed packages and
    answers yes for anything it cannot look into (a zip file on the path), so
    that the slower :mod:`importlib.metadata` is imported only when needed.
    """
    for entry in sys.path:
        try:
            with os.scandir(entry or ".") as listing:
                names = [item.name for item in listing if item.name.endswith((".dist-info", ".egg-info"))]
        except NotADirectoryError:
            return True
        except OSError:
            continue
        for name in names:
            try:
                with open(os.path.join(entry or ".", name, "entry_points.txt"), encoding="utf-8", errors="replace") as stream:
                    if ENTRY_POINT_GROUP in stream.read():
                        return True
            except OSError:
                continue
    return False


def plugin_rules() -> list[PluginRules]:
    """Every installed ``cleaner.rules`` entry point, in name order, resolved to its folder."""
    if not may_have_plugins():
        return []
    import importlib.metadata

    found = []
    for point in sorted(importlib.metadata.entry_points(group=ENTRY_POINT_GROUP), key=lambda p: (p.name, p.value)):
        dist = point.dist
        distribution = f"{dist.metadata['Name']} {dist.version}" if dist is not None else "an unknown distribution"
        plugin = PluginRules(point.name, point.value, distribution)
        try:
            folder = _folder(point.load())
        except Exception as error:  # a third-party package can fail in any way; report it as a rule-file problem
            found.append(PluginRules(plugin.name, plugin.value, distribution, problem=f"cannot load: {type(error).__name__}: {error}"))
            continue
        if not folder.is_dir():
            found.append(PluginRules(plugin.name, plugin.value, distribution, problem=f"no rules folder at {folder}"))
            continue
        found.append(PluginRules(plugin.name, plugin.value, distribution, folder=folder))
    return found
