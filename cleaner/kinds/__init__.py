"""The rule kinds: one module each, listed in one explicit table."""

from __future__ import annotations

from .base import Context, Kind, Option, OptionError, RuleTimeout
from .capitals import Capitals
from .crosshead import Crosshead
from .foreign_word import ForeignWord
from .furniture import Furniture
from .glued import Glued
from .interruption import Interruption
from .language import Language
from .missing_space import MissingSpace
from .mojibake import Mojibake
from .names import Names
from .quotes import Quotes
from .remove import Remove
from .replace import Replace
from .scripts import Scripts
from .swap import Swap
from .teaser import Teaser

KINDS: dict[str, type[Kind]] = {
    kind.name: kind
    for kind in (
        Replace,
        Swap,
        Remove,
        Mojibake,
        Glued,
        MissingSpace,
        Interruption,
        Capitals,
        Quotes,
        Language,
        Scripts,
        Names,
        Furniture,
        Crosshead,
        Teaser,
        ForeignWord,
    )
}

__all__ = ["KINDS", "Context", "Kind", "Option", "OptionError", "RuleTimeout"]
