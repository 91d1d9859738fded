"""The rule reference in docs/rules/ is generated from the packs, in ruff's shape, and the checked-in copy is current."""

from __future__ import annotations

from pathlib import Path

from conftest import ROOT

from cleaner.reference import GENERATED, INDEX, reference_pages, rule_section, visible, write_reference
from cleaner.rulebook import load_rulebook

DOCS = ROOT / "docs" / "rules"
SECTIONS = ["What it does", "Why it matters", "Example", "Left alone", "Fix safety"]


def test_the_checked_in_reference_is_current() -> None:
    book = load_rulebook([ROOT / "rules"], default_rules=False)
    expected = reference_pages(book, DOCS)
    on_disk = {path.name: path.read_text(encoding="utf-8") for path in DOCS.glob("*.md")}
    stale = sorted(name for name in expected.keys() | on_disk.keys() if expected.get(name) != on_disk.get(name))
    assert not stale, f"docs/rules/ is out of date with the rule packs ({', '.join(stale)}): run `make docs` to regenerate it"


def test_every_rule_has_every_section_and_its_facts() -> None:
    for rule in load_rulebook():
        text = rule_section(rule)
        for section in SECTIONS:
            assert f"### {section}\n" in text, (rule.full_id, section)
        assert rule.why in text and f"fix: {rule.safety}" in text and f"severity: {rule.severity}" in text
        example = next(e for e in rule.examples if not e.unchanged)
        assert visible(example.before) in text and visible(example.after) in text


def test_cli_writes_pages_and_removes_those_of_a_pack_that_is_gone(cli, tmp_path: Path, pack_dir: Path) -> None:
    out = tmp_path / "reference"
    run = cli("rules", "--format", "markdown", "--no-default-rules", "--rules", str(pack_dir), "--output-dir", str(out))
    assert run.code == 0 and sorted(p.name for p in out.iterdir()) == [INDEX, "house.md"]
    page = (out / "house.md").read_text(encoding="utf-8")
    assert page.startswith(GENERATED) and "## colour\n" in page and "## shout\n" in page
    assert "This rule's fix is **unsafe**" in page and "Source: [`house.yaml`](../house-rules/house.yaml)" in page
    assert "[house/shout](house.md#shout)" in (out / INDEX).read_text(encoding="utf-8")
    (out / "notes.md").write_text("my own notes\n", encoding="utf-8")
    (pack_dir / "house.yaml").rename(pack_dir / "home.yaml")
    cli("rules", "--format", "markdown", "--no-default-rules", "--rules", str(pack_dir), "--output-dir", str(out))
    assert sorted(p.name for p in out.iterdir()) == [INDEX, "home.md", "notes.md"]


def test_cli_prints_one_rule_or_the_whole_reference(cli, pack_dir: Path) -> None:
    one = cli("rules", "house/colour", "--format", "markdown", "--no-default-rules", "--rules", str(pack_dir))
    assert one.code == 0 and one.out.startswith("# colour\n") and "## Why it matters\n\nHouse style." in one.out
    whole = cli("rules", "--format", "markdown", "--no-default-rules", "--rules", str(pack_dir))
    assert "# Rule reference" in whole.out and "[house/colour](#colour)" in whole.out and "## shout" in whole.out


def test_write_reference_leaves_unchanged_pages_alone(tmp_path: Path, pack_dir: Path) -> None:
    book = load_rulebook([pack_dir], default_rules=False)
    assert len(write_reference(book, tmp_path)[0]) == 2
    assert write_reference(book, tmp_path) == ([], [])
