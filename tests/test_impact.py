"""cleaner impact on a small generated corpus: one rule added, one removed, one changed; against a folder and a git revision."""

from __future__ import annotations

import json
import random
import shutil
import subprocess
from pathlib import Path

import pytest

from cleaner.impact import context, replace_packs
from cleaner.rulebook import load_rulebook

RULE = """\
  - id: {id}
    kind: swap
    words: {{{words}}}
    safety: safe
    message: Spelling {{match}}
    why: House style.
    examples:
      - before: "{before}"
        after: "{after}"
"""

COLOUR = RULE.format(id="colour", words="color: colour", before="color", after="colour")
COLOUR_WIDER = RULE.format(id="colour", words="color: colour, colors: colours", before="colors", after="colours")
CENTRE = RULE.format(id="centre", words="center: centre", before="center", after="centre")
KYIV = RULE.format(id="kyiv", words="Kiev: Kyiv", before="Kiev", after="Kyiv")

OLD = "rules:\n" + COLOUR + CENTRE
NEW = "rules:\n" + COLOUR_WIDER + KYIV

SENTENCES = [
    "The color of the flag changed.",
    "Two colors were chosen.",
    "Talks resumed in Kiev on Monday.",
    "The center of the city was closed.",
    "Nothing here needs a fix.",
]


def corpus(folder: Path, documents: int = 24) -> dict[str, int]:
    """Documents of random sentences from a fixed seed; returns how often each sentence was used."""
    rng = random.Random(14)
    used = dict.fromkeys(SENTENCES, 0)
    folder.mkdir(parents=True)
    for number in range(documents):
        chosen = [rng.choice(SENTENCES) for _ in range(rng.randint(1, 4))]
        for sentence in chosen:
            used[sentence] += 1
        (folder / f"doc-{number:02}.txt").write_text(" ".join(chosen) + "\n", encoding="utf-8")
    return used


def git(folder: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "-C", str(folder), *args], check=True, capture_output=True)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, dict[str, int]]:
    """A git repository with a configured rules folder (committed with OLD) and a generated corpus."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "house").mkdir()
    (tmp_path / "house" / "house.yaml").write_text(OLD, encoding="utf-8")
    (tmp_path / "cleaner.toml").write_text('rules = ["house"]\nno-default-rules = true\n', encoding="utf-8")
    used = corpus(tmp_path / "corpus")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "rules")
    return tmp_path, used


def check_counts(rules: dict[str, dict[str, object]], used: dict[str, int]) -> None:
    kiev, colors, center = used["Talks resumed in Kiev on Monday."], used["Two colors were chosen."], used["The center of the city was closed."]
    assert kiev and colors and center, "the generated corpus uses every sentence"
    assert rules["house/kyiv"]["status"] == "new" and (len(rules["house/kyiv"]["added"]), len(rules["house/kyiv"]["removed"])) == (kiev, 0)
    assert rules["house/centre"]["status"] == "removed" and (len(rules["house/centre"]["added"]), len(rules["house/centre"]["removed"])) == (0, center)
    assert rules["house/colour"]["status"] == "changed" and len(rules["house/colour"]["added"]) == colors
    assert rules["house/colour"]["before"] == used["The color of the flag changed."]


def test_impact_against_a_git_revision(cli, project: tuple[Path, dict[str, int]]) -> None:
    root, used = project
    (root / "house" / "house.yaml").write_text(NEW, encoding="utf-8")
    run = cli("impact", "--against", "HEAD", "--output-format", "json", "corpus")
    assert run.code == 0, run.err
    report = json.loads(run.out)
    assert report["documents"] == 24
    check_counts({r["rule"]: r for r in report["rules"]}, used)
    sample = next(c for c in report["rules"] if c["rule"] == "house/kyiv")["added"][0]
    assert sample["original"] == "Kiev" and sample["replacement"] == "Kyiv" and "[-Kiev-]{+Kyiv+}" in sample["context"]


def test_impact_of_a_new_rules_folder_in_text(cli, project: tuple[Path, dict[str, int]]) -> None:
    root, used = project
    (root / "new").mkdir()
    (root / "new" / "house.yaml").write_text(NEW, encoding="utf-8")
    run = cli("impact", "--rules", "new", "--samples", "2", "corpus")
    assert run.code == 0, run.err
    lines = run.out.splitlines()
    added = used["Talks resumed in Kiev on Monday."] + used["Two colors were chosen."]
    assert (
        lines[0]
        == f"Impact of the rules in new on 24 documents: {added} fixes added, {used['The center of the city was closed.']} removed, in "
        + lines[0].split(", in ")[1]
    )
    table = {line.split()[0]: line.split()[1:] for line in lines[3:6]}
    assert table["house/centre"][:2] == ["removed", str(used["The center of the city was closed."])]
    assert table["house/kyiv"][:3] == ["new", "0", str(used["Talks resumed in Kiev on Monday."])]
    assert "house/kyiv (new rule): " in run.out and "house/centre (removed rule): " in run.out and "house/colour (rule changed): " in run.out
    kyiv_samples = [line for line in lines if line.startswith("  + corpus/") and "[-Kiev-]{+Kyiv+}" in line]
    assert len(kyiv_samples) == 2 and "  + … and " in run.out
    json_run = cli("impact", "--rules", "new", "--output-format", "json", "corpus")
    check_counts({r["rule"]: r for r in json.loads(json_run.out)["rules"]}, used)
    selected = cli("impact", "--rules", "new", "--select", "house/kyiv", "--output-format", "json", "corpus")
    assert [r["rule"] for r in json.loads(selected.out)["rules"]] == ["house/kyiv"]


def test_impact_with_no_change_says_so(cli, project: tuple[Path, dict[str, int]]) -> None:
    run = cli("impact", "--against", "HEAD", "corpus")
    assert run.code == 0 and "0 fixes added, 0 removed, in 0 documents" in run.out and "No rule changed" in run.out


def test_impact_errors_are_one_line(cli, project: tuple[Path, dict[str, int]], tmp_path: Path) -> None:
    assert "give --rules NEW_DIR or --against REV" in cli("impact", "corpus").err
    bad_rev = cli("impact", "--against", "no-such-branch", "corpus")
    assert bad_rev.code == 2 and bad_rev.err.count("\n") == 1 and "git rev-parse" in bad_rev.err
    shutil.rmtree(tmp_path / ".git")
    outside = cli("impact", "--against", "HEAD", "corpus")
    assert outside.code == 2 and "not in a git repository" in outside.err


def test_a_pack_in_the_new_folder_replaces_its_namesake_in_place(tmp_path: Path) -> None:
    (tmp_path / "old").mkdir()
    (tmp_path / "old" / "house.yaml").write_text(OLD, encoding="utf-8")
    (tmp_path / "new").mkdir()
    (tmp_path / "new" / "house.yaml").write_text(NEW, encoding="utf-8")
    (tmp_path / "new" / "extra.yaml").write_text("rules:\n" + CENTRE, encoding="utf-8")
    book = replace_packs(load_rulebook([tmp_path / "old"], default_rules=False), tmp_path / "new")
    assert [r.full_id for r in book] == ["house/colour", "house/kyiv", "extra/centre"]


def test_context_marks_insertions_and_removals() -> None:
    from cleaner.model import Edit

    assert context("agreementHe said", Edit(9, 9, ". ", "s/glued", "m")) == "agreement{+. +}He said"
    assert context("Body.\n\nLeave a Comment", Edit(5, 22, "", "b/footer", "m"), width=3) == "…dy.[-⏎⏎Leave a Comment-]"
