from __future__ import annotations

from pathlib import Path

import pytest

from cleaner.engine import Engine
from cleaner.kinds.swap import match_case
from cleaner.rulebook import RulebookError, load_rulebook


def engine(tmp_path: Path, body: str) -> Engine:
    folder = tmp_path / "r"
    folder.mkdir(exist_ok=True)
    (folder / "p.yaml").write_text(
        "rules:\n" + body + "    safety: safe\n    message: m {match}\n    why: w\n    examples:\n      - before: 'a'\n        after: 'b'\n", encoding="utf-8"
    )
    return Engine(list(load_rulebook([folder], default_rules=False)))


def test_replace_expands_groups(tmp_path: Path) -> None:
    e = engine(tmp_path, "  - id: r\n    kind: replace\n    pattern: '(\\d+) per cent'\n    replacement: '\\1%'\n")
    assert e.run("Up 5 per cent and 10 per cent.").text == "Up 5% and 10%."


def test_replace_flags(tmp_path: Path) -> None:
    e = engine(tmp_path, "  - id: r\n    kind: replace\n    pattern: 'COLOR'\n    replacement: 'colour'\n    flags: [ignorecase]\n")
    assert e.run("color Color").text == "colour colour"


def test_replace_with_a_template_that_does_not_fit_is_refused(tmp_path: Path) -> None:
    with pytest.raises(RulebookError, match="does not fit the pattern"):
        engine(tmp_path, "  - id: r\n    kind: replace\n    pattern: 'a'\n    replacement: '\\3'\n")


def test_swap_matches_whole_words_and_keeps_case(tmp_path: Path) -> None:
    e = engine(tmp_path, "  - id: s\n    kind: swap\n    words: {'Kiev': 'Kyiv', 'per cent': 'percent'}\n")
    assert e.run("Kiev, KIEV, Kievan; 5 Per cent").text == "Kyiv, KYIV, Kievan; 5 Percent"


def test_swap_case_sensitive(tmp_path: Path) -> None:
    e = engine(tmp_path, "  - id: s\n    kind: swap\n    words: {'US': 'U.S.'}\n    ignore-case: false\n")
    assert e.run("US troops and us").text == "U.S. troops and us"


def test_match_case() -> None:
    assert match_case("kyiv", "KIEV") == "KYIV"
    assert match_case("kyiv", "Kiev") == "Kyiv"
    assert match_case("kyiv", "kiev") == "kyiv"
