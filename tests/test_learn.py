"""``cleaner learn`` and ``--learn``: recurring lines of a corpus become a reviewable rule pack; real content is never learnt."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

from cleaner.learn import as_pack, learn, needed, normalise
from cleaner.rulebook import RulebookError, load_rulebook

DATA = ROOT / "tests" / "data" / "extraction"
EXTRACTORS = ("readability", "trafilatura", "newspaper", "goose3", "go_readability", "dom_smoothie", "justext", "news_please", "readability_js", "boilerpipe")

SUBJECTS = ["The council", "The ministry", "A spokeswoman", "The company", "Local residents", "The mayor", "Engineers", "The court"]
VERBS = ["said on Monday that", "warned that", "confirmed that", "announced that", "argued that"]
ENDINGS = [
    "the bridge would reopen in spring",
    "prices would rise again next year",
    "the budget had been cut by a tenth",
    "the new line would carry more passengers",
    "the hearing was postponed until June",
    "talks with the unions would continue",
]
PLACES = ["in the old town", "near the harbour", "across the river", "at the station", "in the northern suburbs", "by the cathedral"]
TIMES = ["this week", "after a long delay", "despite protests", "for the first time", "as expected", "without warning"]
QUOTE = "“We will not give up on this city,” the minister said."


def name(rng: random.Random) -> str:
    """An invented surname, so that every article has words of its own."""
    return "".join(rng.choice(["ka", "lo", "mir", "ven", "dra", "sel", "tu", "bor", "ni", "zet"]) for _ in range(3)).title()


def site_article(number: int, rng: random.Random) -> str:
    """One article of an imaginary news site: its furniture around a body of generated sentences."""
    body = [f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(ENDINGS)}, {rng.choice(PLACES)} {rng.choice(TIMES)}, {name(rng)} said." for _ in range(6)]
    if number % 2:
        body.insert(3, QUOTE)
    return "\n".join(
        [
            f"{rng.choice(SUBJECTS)} {rng.choice(ENDINGS).split()[1]} {rng.choice(PLACES)}",
            f"Updated {rng.randint(0, 23):02d}:{rng.randint(0, 59):02d} GMT, {rng.randint(1, 28)} May",
            "Home | City | Business | Sport",
            *body,
            "Sign up for the Riverside Courier morning briefing",
            "© Riverside Courier Media Ltd",
            "",
        ]
    )


@pytest.fixture(scope="module")
def site() -> list[tuple[str, str]]:
    rng = random.Random(9)
    return [(f"article-{n}.txt", site_article(n, rng)) for n in range(20)]


def test_a_sites_recurring_lines_are_learnt_and_its_repeated_quotation_is_not(site: list[tuple[str, str]]) -> None:
    found = {item.text: item for item in learn(site)}
    assert "Home | City | Business | Sport" in found
    assert "Sign up for the Riverside Courier morning briefing" in found
    assert "© Riverside Courier Media Ltd" in found
    assert any(text.startswith("Updated ") for text in found), "lines that differ only in their digits are one line"
    assert QUOTE not in found
    assert not any(text.endswith(tuple(f"{t}." for t in TIMES)) for text in found)
    assert found["Home | City | Business | Sport"].count >= 15
    assert len(found["Home | City | Business | Sport"].documents) == 3


def test_long_lines_need_more_documents_and_prose_needs_half_the_corpus() -> None:
    short = "Advertisement"
    long = "Sign up for our newsletter to get the news of the day first"
    prose = "The minister said the talks in Geneva would resume next week."
    assert needed(short, 100) < needed(long, 100) < needed(prose, 100) == 50
    corpus = [(f"d{i}", f"{prose}\nBody line {i} of the story goes here.\n") for i in range(10)]
    corpus += [(f"e{i}", f"{PLACES[i % 6]} {TIMES[i // 6]} the story goes on.\n") for i in range(20)]
    assert learn(corpus) == []


def test_the_pack_loads_carries_counts_and_documents_and_its_examples_pass(site: list[tuple[str, str]], tmp_path: Path) -> None:
    found = learn(site)
    path = tmp_path / "site-furniture.yaml"
    path.write_text(as_pack(found, site, "the test corpus"), encoding="utf-8")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert all(rule["count"] >= 3 and rule["documents"] for rule in data["rules"])
    book = load_rulebook([path], default_rules=False)
    assert len(book) == len(found)
    from cleaner.testing import run_examples

    failures, total = run_examples(book)
    assert total >= len(found) and failures == []


def test_learnt_rule_fields_are_validated(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(
        "rules:\n  - id: x\n    kind: remove\n    patterns: ['^X$']\n    safety: safe\n    message: m\n    why: w\n    count: many\n"
        '    examples:\n      - before: "X\\nY\\n"\n        after: "Y\\n"\n',
        encoding="utf-8",
    )
    with pytest.raises(RulebookError, match="count must be a whole number"):
        load_rulebook([path], default_rules=False)


def test_digits_are_normalised() -> None:
    assert normalise("Updated 12:30 GMT") == normalise("• Updated 09:05  GMT")


def test_nothing_learnt_from_the_benchmark_matches_a_line_of_the_truth() -> None:
    truth = json.loads((DATA / "ground-truth.json").read_text(encoding="utf-8"))
    texts = []
    for extractor in EXTRACTORS:
        output = json.loads((DATA / f"{extractor}.json").read_text(encoding="utf-8"))["output"]
        texts.extend((f"{extractor}/{key}", output[key].get("articleBody") or "") for key in sorted(output))
    found = learn(texts)
    assert found, "the outputs share some furniture lines"
    patterns = [re.compile(item.pattern) for item in found]
    for key, page in truth.items():
        for line in page["articleBody"].splitlines():
            line = " ".join(line.split())
            assert not any(p.match(line) for p in patterns), (key, line)


def test_cli_learn_writes_a_pack_from_a_folder_and_a_jsonl_file(cli, site: list[tuple[str, str]], tmp_path: Path) -> None:
    folder = tmp_path / "site"
    folder.mkdir()
    for name, text in site:
        (folder / name).write_text(text, encoding="utf-8")
    out = tmp_path / "site-furniture.yaml"
    run = cli("learn", str(folder), "-o", str(out))
    assert run.code == 0 and "rules learnt from 20 documents" in run.err
    assert cli("test-rules", "--no-default-rules", str(out)).code == 0
    jsonl = tmp_path / "site.jsonl"
    jsonl.write_text("\n".join(json.dumps({"url": name, "text": text}) for name, text in site) + "\n", encoding="utf-8")
    run = cli("learn", str(jsonl))
    assert run.code == 0 and "Riverside Courier" in run.out and "article-0.txt" in run.out


def test_fix_learn_uses_what_it_learnt_in_the_same_run(cli, site: list[tuple[str, str]], tmp_path: Path) -> None:
    for name, text in site:
        (tmp_path / name).write_text(text, encoding="utf-8")
    run = cli("fix", "--learn", "--no-default-rules", str(tmp_path))
    assert run.code == 0
    fixed = (tmp_path / "article-1.txt").read_text(encoding="utf-8")
    assert "Riverside Courier" not in fixed and "Home | City" not in fixed
    assert QUOTE in fixed and len(fixed.splitlines()) == 8


@pytest.mark.parametrize("target", ["-", "file"])
def test_learn_refuses_stdin_and_single_files(cli, tmp_path: Path, target: str) -> None:
    path = tmp_path / "one.txt"
    path.write_text("Text.\n", encoding="utf-8")
    run = cli("check", "--learn", "-" if target == "-" else str(path), stdin=b"Text.\n")
    assert run.code == 2
    assert "--learn learns from folders only" in run.err
