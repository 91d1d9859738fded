"""cleaner: repair scraped, machine-translated news articles.

>>> from cleaner import clean
>>> result = clean("They reached a deal , officials said.\\n")
>>> result.text
'They reached a deal, officials said.\\n'
>>> [(edit.rule, edit.line, edit.column) for edit in result.edits]
[('whitespace/space-before-punctuation', 1, 20)]
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .model import Edit, Result, Rule, apply_edits

if TYPE_CHECKING:
    from .engine import Engine
    from .rulebook import Rulebook, RulebookError, load_rulebook

__version__ = "0.1.0"

__all__ = ["Edit", "Engine", "Result", "Rule", "Rulebook", "RulebookError", "__version__", "apply_edits", "clean", "load_rulebook"]

_LAZY = {"Engine": "engine", "Rulebook": "rulebook", "RulebookError": "rulebook", "load_rulebook": "rulebook"}
"""Names imported on first use, so that importing a part of the package (the kinds, the model) stays light."""


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module 'cleaner' has no attribute {name!r}")


@lru_cache(maxsize=8)
def _engine(folders: tuple[str, ...], default_rules: bool, select: tuple[str, ...], ignore: tuple[str, ...], preview: bool = False) -> Engine:
    from .engine import Engine
    from .rulebook import load_rulebook

    book = load_rulebook([Path(f) for f in folders], default_rules=default_rules)
    return Engine(book.select(select, ignore, preview=preview))


def clean(
    text: str,
    *,
    unsafe: bool = False,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    rules: Sequence[str | Path] = (),
    default_rules: bool = True,
    markdown: bool = False,
    language: str | None = None,
    preview: bool = False,
) -> Result:
    """Repair ``text`` with the shipped rules (and any rule folders in ``rules``).

    Returns a :class:`Result` whose ``text`` is the repaired text and whose
    ``edits`` map each change to offsets, line and column of ``text``.
    ``apply_edits(result.source, chosen)`` applies any subset of them.
    Rules marked preview run only with ``preview=True``.
    """
    engine = _engine(tuple(str(r) for r in rules), default_rules, tuple(select), tuple(ignore), preview)
    return engine.run(text, unsafe=unsafe, markdown=markdown, language=language)
