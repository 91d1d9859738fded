"""The README and the guides show commands and rules that work as written."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import ROOT

from cleaner.rulebook import load_rulebook
from cleaner.testing import run_examples

GUIDES = [ROOT / "README.md", ROOT / "docs" / "writing-rules.md", ROOT / "docs" / "ci.md"]


def yaml_blocks(path: Path) -> list[str]:
    return re.findall(r"```yaml\n(.*?)```", path.read_text(encoding="utf-8"), flags=re.DOTALL)


@pytest.mark.parametrize("path", GUIDES, ids=lambda p: p.name)
def test_every_install_line_names_the_distribution(path: Path) -> None:
    installs = re.findall(r"pipx? install ([\w.-]+)", path.read_text(encoding="utf-8"))
    assert installs and all(name in ("cleaner-news", "house-rules") for name in installs), installs


def test_the_readme_rule_loads_and_passes_its_examples(tmp_path: Path) -> None:
    [block] = [b for b in yaml_blocks(ROOT / "README.md") if "kind: replace" in b]
    (tmp_path / "house.yaml").write_text(block, encoding="utf-8")
    book = load_rulebook([tmp_path], default_rules=False)
    assert [r.full_id for r in book] == ["house/per-cent"]
    assert run_examples(book) == ([], 2)


def test_the_guide_rule_fails_then_passes_as_the_guide_says(tmp_path: Path) -> None:
    [first] = [b for b in yaml_blocks(ROOT / "docs" / "writing-rules.md") if "kind: replace" in b]
    (tmp_path / "house.yaml").write_text(first, encoding="utf-8")
    failures, total = run_examples(load_rulebook([tmp_path], default_rules=False))
    assert (total, [f.example.before for f in failures]) == (3, ["A large per cent of them."])
    fixed = first.replace("pattern: 'per cent'", "pattern: '(\\d) per cent\\b'").replace("replacement: 'percent'", "replacement: '\\1 percent'")
    (tmp_path / "house.yaml").write_text(fixed, encoding="utf-8")
    assert run_examples(load_rulebook([tmp_path], default_rules=False)) == ([], 3)


def test_the_readme_shows_what_check_prints_on_the_seed(cli, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    command = "$ cleaner check fixtures/articles/seed-lavrov-blinken.txt\n"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shown = readme.split(command, 1)[1].split("```", 1)[0].splitlines()
    monkeypatch.chdir(ROOT)
    run = cli("check", "fixtures/articles/seed-lavrov-blinken.txt")
    printed = run.out.splitlines()
    assert run.code == 1 and "..." in shown
    cut = shown.index("...")
    head, tail = shown[:cut], shown[cut + 1 :]
    assert printed[: len(head)] == head and printed[-len(tail) :] == tail
