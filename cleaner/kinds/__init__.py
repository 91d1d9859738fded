"""The rule kinds: one module each, listed in one explicit table."""

from __future__ import annotations

from .base import Context, Kind, Option, OptionError, RuleTimeout
from .remove import Remove
from .replace import Replace
from .swap import Swap

KINDS: dict[str, type[Kind]] = {kind.name: kind for kind in (Replace, Swap, Remove)}

__all__ = ["KINDS", "Context", "Kind", "Option", "OptionError", "RuleTimeout"]
