"""``names``: one spelling per person, from a gazetteer and the document's own mentions.

Machine translation and hurried transliteration spell one person several
ways ("Anthony Blinken" for Antony Blinken, "Britney Greiner" and a bare
"Greiner" for Brittney Griner), while outlets keep house spellings of their
own (Reuters' "Zelenskiy", the Guardian's "Zelensky", AP's "Zelenskyy").
The rule fixes misspellings and leaves house spellings alone unless a
document mixes them. The code is in four parts:

- :mod:`.keys`: transliteration keys and when two spellings may be one person;
- :mod:`.gazetteer`: the people, their accepted spellings and misspellings, with sources;
- :mod:`.mentions`: name mentions in a text, and which of them are people;
- :mod:`.resolve`: which person each mention names and how to spell it.

>>> from cleaner.kinds.names import name_key
>>> name_key("Anthony Blinken") == name_key("Antony Blinken")
True
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ...document import Document
from ...model import Edit, Rule
from ..base import Context, Kind, Option, OptionError
from .gazetteer import Gazetteer, GazetteerError, as_yaml, load_gazetteer
from .keys import compatible, different_words, fold_word, key_words, name_key, normal_text
from .mentions import Mention, find_mentions
from .resolve import MIN_SCORE, SAFE_DISTANCE, SURNAME_SCORE, Analysis, Settings, analyse

__all__ = [
    "Analysis",
    "Gazetteer",
    "GazetteerError",
    "Mention",
    "Names",
    "as_yaml",
    "compatible",
    "different_words",
    "find_mentions",
    "fold_word",
    "key_words",
    "load_gazetteer",
    "name_key",
    "normal_text",
]


class Names(Kind):
    """Give each person one spelling, from a gazetteer and the document's own full names."""

    name = "names"
    summary = "one spelling per person (gazetteer + document)"
    options = {
        "gazetteer": Option("path-list", "Gazetteer files (YAML `people:` lists), relative to the pack file.", required=True),
        "preferred": Option(
            "path-list",
            "Files of preferred spellings, one per line (`#` starts a comment): each wins over the other accepted spellings of its person.",
            default=[],
        ),
        "canonical-wins": Option(
            "bool",
            "Write every person's canonical (or preferred) spelling, even where a document keeps to another accepted one (default false).",
            default=False,
        ),
        "min-score": Option(
            "int", f"Lowest rapidfuzz ratio of folded keys for a fuzzy gazetteer match, which is unsafe (default {MIN_SCORE}).", default=MIN_SCORE, minimum=50
        ),
        "safe-distance": Option(
            "int",
            f"Edits between folded keys up to which a match counts as a transliteration, which is safe (default {SAFE_DISTANCE}).",
            default=SAFE_DISTANCE,
            minimum=0,
        ),
        "surname-score": Option(
            "int", f"Lowest ratio for a lone surname to follow a full name of the document (default {SURNAME_SCORE}).", default=SURNAME_SCORE, minimum=50
        ),
        "document": Option(
            "bool", "Also settle names the gazetteer does not know on the document's most-written spelling (unsafe; default true).", default=True
        ),
        "bare-surnames": Option(
            "bool", "Respell a lone surname from the gazetteer when the document names nobody in full with it (unsafe; default true).", default=True
        ),
    }
    fields = {
        "canonical": "The spelling the name is given",
        "reason": "Why that spelling: the gazetteer entry or the document's own majority, and whether the old one was accepted or a misspelling",
    }

    def __init__(self, rule: Rule) -> None:
        super().__init__(rule)
        paths = self.option("gazetteer")
        paths = [paths] if isinstance(paths, str) else list(paths)
        if not paths:
            raise OptionError("gazetteer must name at least one file")
        for number in ("min-score", "surname-score"):
            if not 50 <= int(self.option(number)) <= 100:
                raise OptionError(f"{number} must be between 50 and 100 (not {self.option(number)})")
        self.gazetteer = load_gazetteer(paths)
        preferred = self.option("preferred")
        self.settings = Settings(
            min_score=int(self.option("min-score")),
            safe_distance=int(self.option("safe-distance")),
            surname_score=int(self.option("surname-score")),
            document=bool(self.option("document")),
            bare_surnames=bool(self.option("bare-surnames")),
            canonical_wins=bool(self.option("canonical-wins")),
            preferred=tuple(read_preferred([preferred] if isinstance(preferred, str) else list(preferred))),
        )

    def analyse(self, doc: Document) -> Analysis:
        """The people ``doc`` names, and the respellings this rule proposes (what ``cleaner names`` lists)."""
        return analyse(self.gazetteer, doc.text, self.settings)

    def find(self, doc: Document, ctx: Context) -> Iterator[Edit]:
        for respelling in self.analyse(doc).respellings:
            mention = respelling.mention
            yield self.edit(
                mention.start,
                mention.end,
                respelling.replacement,
                match=mention.text,
                fields={"canonical": respelling.replacement, "reason": respelling.reason},
                details={"status": respelling.status},
                safe=respelling.safe,
            )


def read_preferred(paths: list[str]) -> list[str]:
    """The spellings of preferred-spellings files: one per line, ``#`` comments and blank lines skipped."""
    spellings: list[str] = []
    for path in paths:
        try:
            text = Path(path).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            raise OptionError(f"{path}: cannot read preferred spellings: {error}") from None
        spellings += [" ".join(line.split("#", 1)[0].split()) for line in text.splitlines() if line.split("#", 1)[0].strip()]
    return spellings
