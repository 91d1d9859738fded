"""Start-up stays light: `cleaner check` on one small file imports neither the review app nor the libraries only some texts need."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

PROBE = """
import json, sys
from cleaner.cli import main
code = main(["check", sys.argv[1]])
print(json.dumps(sorted(m for m in sys.modules)), file=sys.stderr)
"""

NEVER = ("textual", "rich", "langdetect", "justext", "pathspec", "importlib.metadata", "multiprocessing", "concurrent.futures")
"""Not needed to check one English file at all (worker processes only serve ``--jobs`` above 1 on large inputs)."""

WHEN_CACHED = ("wordfreq", "yaml.scanner")
"""Needed only to fill the cache on disk (the parsed rule packs and gazetteer, the furniture classifier's word list)."""


def modules_after_check(path: Path, cache: Path) -> set[str]:
    env = {**os.environ, "CLEANER_CACHE_DIR": str(cache)}
    env.pop("CLEANER_NO_CACHE", None)
    done = subprocess.run([sys.executable, "-c", PROBE, str(path)], capture_output=True, text=True, env=env, check=False)
    assert done.returncode in (0, 1), done.stderr
    return set(json.loads(done.stderr.strip().splitlines()[-1]))


@pytest.mark.slow
def test_check_of_a_small_file_imports_only_what_it_needs(tmp_path: Path) -> None:
    article = tmp_path / "small.txt"
    article.write_text("Moscow said on Monday that talks with Kyiv would resume.\n", encoding="utf-8")
    first = modules_after_check(article, tmp_path / "cache")
    assert not [m for m in first if m.startswith(NEVER)]
    again = modules_after_check(article, tmp_path / "cache")
    assert not [m for m in again if m.startswith(NEVER + WHEN_CACHED)]
    assert "ftfy" not in again, "an ASCII line cannot carry mojibake, so ftfy is not imported"


def test_remove_rules_compile_their_patterns_only_for_a_text_that_may_match() -> None:
    from cleaner.document import Document
    from cleaner.kinds.base import Context
    from cleaner.kinds.remove import Remove
    from cleaner.rulebook import load_rulebook

    removals = [rule for rule in load_rulebook() if isinstance(rule.kind, Remove)]
    assert removals
    assert not [rule.full_id for rule in removals if "pattern" in vars(rule.kind)], "the rulebook checks each pattern; the joined regex waits until a rule runs"
    rule = next(r for r in removals if r.full_id == "boilerplate/comment-policy-footer")
    assert rule.kind.needle is not None
    assert not list(rule.kind.find(Document("Body text.\n"), Context(rule.full_id)))
    assert "pattern" not in vars(rule.kind), "no literal of the rule's patterns is in the text: the regex is not needed"
    found = list(rule.kind.find(Document("Body text.\n\nLeave a Comment\n"), Context(rule.full_id)))
    assert "pattern" in vars(rule.kind)
    assert [(e.start, e.replacement) for e in found] == [(10, "")]
