"""Rule packs shared as Python packages are found through the ``cleaner.rules`` entry point group."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from cleaner.plugins import may_have_plugins, plugin_rules
from cleaner.rulebook import RulebookError, load_rulebook

PACK = """\
description: House style shared as a package
rules:
  - id: kyiv
    kind: swap
    words: {kiev: Kyiv}
    safety: safe
    message: Old spelling '{match}'
    why: The house follows the Ukrainian government's romanisation since 2019.
    examples:
      - before: "Talks in Kiev."
        after: "Talks in Kyiv."
      - unchanged: "Talks in Kyiv."
"""


def install(site: Path, entry_points: str, *, package: str = "house_rules", files: dict[str, str] | None = None) -> None:
    """A distribution as pip leaves it: the package and a ``.dist-info`` folder with its entry points."""
    folder = site / package
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in (files if files is not None else {"__init__.py": "", "house.yaml": PACK}).items():
        (folder / name).write_text(text, encoding="utf-8")
    info = site / "house_rules-1.2.dist-info"
    info.mkdir(exist_ok=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: house-rules\nVersion: 1.2\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(entry_points, encoding="utf-8")


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "site"
    folder.mkdir()
    monkeypatch.syspath_prepend(str(folder))
    yield folder
    for name in [m for m in sys.modules if m.startswith("house_rules")]:
        del sys.modules[name]


def test_an_installed_package_adds_its_packs_after_the_shipped_ones(site: Path) -> None:
    install(site, "[cleaner.rules]\nhouse = house_rules\n")
    [plugin] = plugin_rules()
    assert plugin.folder == site / "house_rules" and plugin.distribution == "house-rules 1.2"
    book = load_rulebook()
    assert book.get("house/kyiv") is not None
    assert load_rulebook(default_rules=False, files=[]).rules == []


def test_cli_runs_a_plugin_rule_and_lists_it(site: Path, cli, tmp_path: Path) -> None:
    install(site, "[cleaner.rules]\nhouse = house_rules\n")
    article = tmp_path / "a.txt"
    article.write_text("Talks in Kiev.\n", encoding="utf-8")
    run = cli("check", "--select", "house", str(article))
    assert run.code == 1 and f"{article}:1:10: house/kyiv [*] Old spelling 'Kiev'" in run.out
    assert "house/kyiv" in cli("rules").out
    empty = tmp_path / "empty"
    empty.mkdir()
    run = cli("check", "--no-default-rules", "--rules", str(empty), str(article))
    assert run.code == 0 and "house/kyiv" not in run.out


def test_an_entry_point_may_name_a_function_returning_the_folder(site: Path, tmp_path: Path) -> None:
    packs = tmp_path / "packs"
    packs.mkdir()
    (packs / "house.yaml").write_text(PACK, encoding="utf-8")
    install(site, "[cleaner.rules]\nhouse = house_rules:folder\n", files={"__init__.py": f"def folder():\n    return {str(packs)!r}\n"})
    assert load_rulebook().get("house/kyiv") is not None


def test_a_broken_plugin_is_a_rule_file_problem_naming_the_entry_point(site: Path) -> None:
    install(site, "[cleaner.rules]\nhouse = house_rules.missing\n")
    with pytest.raises(RulebookError) as caught:
        load_rulebook()
    [problem] = caught.value.problems
    assert problem.startswith("entry point 'house = house_rules.missing' (cleaner.rules, from house-rules 1.2): cannot load: ModuleNotFoundError")


def test_the_quick_look_finds_a_declared_group_and_nothing_else(site: Path) -> None:
    assert not may_have_plugins()
    install(site, "[console_scripts]\nhouse = house_rules:main\n")
    assert not may_have_plugins()
    install(site, "[cleaner.rules]\nhouse = house_rules\n")
    assert may_have_plugins()
