from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import SEED

from cleaner import clean
from cleaner.config import Config, ConfigError, find_config
from cleaner.decisions import (
    DEFAULT_NAME,
    Decision,
    DecisionsError,
    decide,
    decisions_path,
    fingerprint,
    load_decisions,
    save_decisions,
    silenced,
)
from cleaner.model import Edit, Result, apply_edits

TEXT = "The color red.\n\nIt was a color of hope!!!\n"
"""Two paragraphs: a decision on the second survives changes to the first."""


@pytest.fixture
def result(pack_dir: Path) -> Result:
    return clean(TEXT, default_rules=False, rules=[pack_dir])


def by_rule(result: Result, rule: str) -> list[Edit]:
    return [e for e in result.all_edits if e.rule == rule]


def test_reject_keeps_the_text_and_drops_the_edit(result: Result) -> None:
    first = by_rule(result, "house/colour")[0]
    decided = decide(result, [Decision.of(first, result.source, "reject")])
    assert decided.text == "The color red.\n\nIt was a colour of hope!!!\n"
    assert first not in decided.all_edits
    assert len(decided.all_edits) == len(result.all_edits) - 1


def test_accept_applies_an_unsafe_edit_and_edit_uses_the_reviewers_text(result: Result) -> None:
    shout = by_rule(result, "house/shout")[0]
    colour = by_rule(result, "house/colour")[0]
    decisions = [Decision.of(shout, result.source, "accept"), Decision.of(colour, result.source, "edit", text="colour (sic)")]
    decided = decide(result, decisions)
    assert decided.text == "The colour (sic) red.\n\nIt was a colour of hope!\n"
    edited = next(e for e in decided.edits if e.rule == "house/colour" and e.start == colour.start)
    assert edited.message.endswith("(edited in review)") and dict(edited.details)["edited"] is True
    assert not decided.pending


def test_decision_survives_edits_elsewhere_and_lapses_when_its_context_changes(pack_dir: Path) -> None:
    before = clean(TEXT, default_rules=False, rules=[pack_dir])
    rejected = Decision.of(by_rule(before, "house/colour")[1], before.source, "reject")
    moved = "A new first paragraph, long enough to move every offset.\n\n" + TEXT
    after = clean(moved, default_rules=False, rules=[pack_dir])
    decided = decide(after, [rejected], name="a.txt")
    assert decided.text.endswith("It was a color of hope!!!\n")
    assert not decided.warnings
    changed = TEXT.replace("It was a color", "It was, they said, a color")
    later = clean(changed, default_rules=False, rules=[pack_dir])
    decided = decide(later, [rejected], name="a.txt")
    assert "colour of hope" not in decided.text and "color of hope" in decided.text
    assert len(decided.warnings) == 1
    assert decided.warnings[0].startswith("a.txt:3:") and "decision on house/colour is stale" in decided.warnings[0]
    stale = [e for e in decided.pending if e.rule == "house/colour"]
    assert len(stale) == 1 and stale[0].safe


def test_a_rule_that_now_proposes_something_else_is_undecided(result: Result) -> None:
    colour = by_rule(result, "house/colour")[0]
    other = Decision.of(colour, result.source, "reject")
    other = Decision(other.rule, "reject", other.original, "colour!", other.context, other.line)
    decided = decide(result, [other], name="a.txt")
    assert colour in decided.pending and "stale" in decided.warnings[0]


def test_a_blocked_document_stays_untouched(result: Result) -> None:
    blocked = Result(result.source, result.source, (), result.all_edits, skipped=True)
    shout = by_rule(result, "house/shout")[0]
    decided = decide(blocked, [Decision.of(shout, result.source, "reject")])
    assert decided.text == result.source and decided.skipped
    assert shout not in decided.all_edits and len(decided.pending) == len(result.all_edits) - 1


def test_outer_edit_accepted_supersedes_the_edits_inside() -> None:
    seed = SEED.read_text(encoding="utf-8")
    result = clean(seed)
    caption = next(e for e in result.all_edits if e.rule == "boilerplate/lone-bullet-caption")
    inner = [e for e in result.edits if caption.start <= e.start and e.end <= caption.end]
    assert inner, "the seed's caption holds a name repair"
    decided = decide(result, [Decision.of(caption, seed, "accept")])
    assert seed[caption.start : caption.end] not in decided.text
    assert decided.text == apply_edits(seed, [*result.edits, caption])


def test_fingerprint_covers_the_span_and_its_context_within_its_paragraph() -> None:
    text = "x" * 50 + "Anthony" + "y" * 50
    assert fingerprint(text, 50, 57) == fingerprint("z" * 10 + text, 60, 67)
    assert fingerprint(text, 50, 57) != fingerprint(text[:49] + "w" + text[50:], 50, 57), "a change just before"
    assert fingerprint(text, 50, 57) != fingerprint(text[:60] + "w" + text[61:], 50, 57), "a change just after"
    assert fingerprint(text, 50, 57) == fingerprint(text[:5] + "w" + text[6:], 50, 57), "a change out of reach"
    paragraph = "Earlier.\n\nAnthony said"
    assert fingerprint(paragraph, 10, 17) == fingerprint("Much earlier, and longer.\n\nAnthony said", 27, 34)


def test_markdown_comments_silence_a_line_or_a_block() -> None:
    text = (
        "<!-- cleaner: ignore house/colour -->\n"  # line 1
        "The color red!!!\n"  # 2
        "\n"
        "<!-- cleaner: ignore house -->\n"  # 4
        "\n"
        "A color!!!\n"  # 6
        "<!-- cleaner: off -->\n"
        "Off color.\n"  # 8
        "<!-- cleaner: on -->\n"
        "On color.\n"  # 10
    )

    def edit(line: int, word: str, rule: str) -> Edit:
        start = text.index(word, sum(len(x) + 1 for x in text.split("\n")[: line - 1]))
        return Edit(start, start + len(word), word.upper(), rule, "m", True, line, 1)

    edits = [
        edit(2, "color", "house/colour"),
        edit(2, "!!!", "house/shout"),
        edit(6, "color", "house/colour"),
        edit(6, "!!!", "house/shout"),
        edit(8, "color", "house/colour"),
        edit(10, "color", "house/colour"),
    ]
    assert silenced(text, edits) == {0, 2, 3, 4}


def test_decide_honours_markdown_comments_only_in_markdown(pack_dir: Path) -> None:
    text = "Intro.\n\n<!-- cleaner: ignore house/colour -->\nThe color red.\n"
    result = clean(text, default_rules=False, rules=[pack_dir], markdown=True)
    assert decide(result, [], markdown=True).text == text
    assert decide(result, [], markdown=False).text != text


def test_file_round_trip_merge_and_errors(tmp_path: Path, result: Result) -> None:
    path = tmp_path / DEFAULT_NAME
    article = tmp_path / "news" / "a.txt"
    colour, shout = by_rule(result, "house/colour")[0], by_rule(result, "house/shout")[0]
    saved = save_decisions(path, {article: [Decision.of(colour, result.source, "edit", text="colour")]})
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["cleaner-decisions"] == 1 and list(data["documents"]) == ["news/a.txt"]
    assert data["documents"]["news/a.txt"][0]["decision"] == "edit" and data["documents"]["news/a.txt"][0]["text"] == "colour"
    assert saved.get(article)[0].text == "colour"
    save_decisions(path, {article: [Decision.of(shout, result.source, "reject", origin="baseline")]}, merge=True)
    loaded = load_decisions(path).get(article)
    assert [(d.rule, d.verdict, d.origin) for d in loaded] == [("house/colour", "edit", "review"), ("house/shout", "reject", "baseline")]
    save_decisions(path, {article: []})
    assert load_decisions(path).documents == {}
    path.write_text('{"cleaner-decisions": 1, "documents": {"a.txt": [{"rule": "x", "decision": "maybe"}]}}', encoding="utf-8")
    with pytest.raises(DecisionsError, match=r"'decision' must be one of 'accept', 'reject', 'edit' \(not 'maybe'\)"):
        load_decisions(path)
    path.write_text("{", encoding="utf-8")
    with pytest.raises(ConfigError, match=rf"{DEFAULT_NAME}:1: invalid JSON"):
        load_decisions(path)


def test_where_the_decisions_file_lives(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "cleaner.toml").write_text('decisions = "review/decisions.json"\n', encoding="utf-8")
    config = find_config(tmp_path)
    assert decisions_path(config, tmp_path / "a.txt") == (tmp_path / "review" / "decisions.json").resolve()
    other = tmp_path / "other"
    (other / "deep").mkdir(parents=True)
    (other / "pyproject.toml").write_text("[tool.cleaner]\n", encoding="utf-8")
    assert decisions_path(find_config(other / "deep"), other / "deep" / "a.txt") == other / DEFAULT_NAME
    loose = tmp_path / "loose" / "deep"
    loose.mkdir(parents=True)
    monkeypatch.chdir(loose)
    assert decisions_path(Config(), loose / "a.txt") == loose / DEFAULT_NAME
    (tmp_path / "loose" / DEFAULT_NAME).write_text("{}", encoding="utf-8")
    assert decisions_path(Config(), loose / "a.txt") == tmp_path / "loose" / DEFAULT_NAME


# The command line: check and fix honour the decisions file; --decisions replays; --add-baseline records.

MESSY = "The color red!!!\n\nAnother color here.\n"


def article(tmp_path: Path, text: str = MESSY) -> Path:
    (tmp_path / "cleaner.toml").write_text("", encoding="utf-8")
    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")
    return path


def record(tmp_path: Path, path: Path, pack_dir: Path, verdicts: dict[str, str], decisions: Path | None = None) -> Path:
    """Write decisions for the edits of ``path`` whose original text is a key of ``verdicts``."""
    text = path.read_text(encoding="utf-8")
    result = clean(text, default_rules=False, rules=[pack_dir])
    chosen = []
    for edit in result.all_edits:
        verdict = verdicts.get(f"{text[edit.start : edit.end]}@{edit.line}")
        if verdict == "edit":
            chosen.append(Decision.of(edit, text, "edit", text="hue"))
        elif verdict is not None:
            chosen.append(Decision.of(edit, text, verdict))  # type: ignore[arg-type]
    target = decisions or tmp_path / DEFAULT_NAME
    save_decisions(target, {path: chosen})
    return target


def test_check_does_not_report_rejected_edits(cli, tmp_path: Path, pack_dir: Path) -> None:
    path = article(tmp_path)
    flags = ("--no-default-rules", "--rules", str(pack_dir))
    assert cli("check", *flags, str(path)).out.count("house/") == 3
    record(tmp_path, path, pack_dir, {"color@1": "reject", "!!!@1": "reject", "color@3": "reject"})
    run = cli("check", *flags, str(path))
    assert run.code == 0 and "All clean" in run.out, run.out


def test_fix_honours_decisions_and_check_stays_quiet_on_the_result(cli, tmp_path: Path, pack_dir: Path) -> None:
    path = article(tmp_path)
    flags = ("--no-default-rules", "--rules", str(pack_dir))
    record(tmp_path, path, pack_dir, {"color@1": "reject", "!!!@1": "accept"})
    assert cli("fix", *flags, str(path)).code == 0
    assert path.read_text(encoding="utf-8") == "The color red!\n\nAnother colour here.\n"
    run = cli("check", *flags, str(path))
    assert run.code == 0 and run.out.startswith("All clean"), run.out


def test_fix_decisions_replays_a_review_headlessly(cli, tmp_path: Path, pack_dir: Path) -> None:
    path = article(tmp_path)
    flags = ("--no-default-rules", "--rules", str(pack_dir))
    elsewhere = tmp_path / "reviews"
    elsewhere.mkdir()
    decisions = record(tmp_path, path, pack_dir, {"color@3": "edit", "!!!@1": "accept"}, elsewhere / "decisions.json")
    assert cli("fix", *flags, str(path)).code == 0
    assert path.read_text(encoding="utf-8") == "The colour red!!!\n\nAnother colour here.\n", "without --decisions the file beside the config holds none"
    path.write_text(MESSY, encoding="utf-8")
    assert cli("fix", *flags, "--decisions", str(decisions), str(path)).code == 0
    assert path.read_text(encoding="utf-8") == "The colour red!\n\nAnother hue here.\n"
    assert [d["decision"] for d in json.loads(decisions.read_text(encoding="utf-8"))["documents"]["../a.txt"]] == ["accept", "edit"]
    assert cli("fix", *flags, "--decisions", str(tmp_path / "missing.json"), str(path)).err.startswith("error: ")


def test_add_baseline_then_check_passes_until_the_text_changes(cli, tmp_path: Path, pack_dir: Path) -> None:
    path = article(tmp_path)
    flags = ("--no-default-rules", "--rules", str(pack_dir))
    run = cli("check", "--add-baseline", *flags, str(path))
    assert run.code == 0 and run.out.startswith("Added 3 edits in 1 file to the baseline in "), run.out
    entries = json.loads((tmp_path / DEFAULT_NAME).read_text(encoding="utf-8"))["documents"]["a.txt"]
    assert {e["decision"] for e in entries} == {"reject"} and {e["origin"] for e in entries} == {"baseline"}
    assert cli("check", *flags, str(path)).code == 0
    assert cli("fix", *flags, str(path)).code == 0 and path.read_text(encoding="utf-8") == MESSY
    path.write_text(MESSY.replace("Another color here", "Another color, they wrote, here"), encoding="utf-8")
    run = cli("check", *flags, str(path))
    assert run.code == 1 and "decision on house/colour is stale" in run.err
    assert f"{path}:3:9: house/colour American spelling color" in run.out
    assert "[*]" not in run.out.splitlines()[0], "a stale decision's edit is held back, never silently applied"


def test_a_broken_decisions_file_is_one_clear_error(cli, tmp_path: Path, pack_dir: Path) -> None:
    path = article(tmp_path)
    (tmp_path / DEFAULT_NAME).write_text("[]", encoding="utf-8")
    run = cli("check", "--no-default-rules", "--rules", str(pack_dir), str(path))
    assert run.code == 2 and run.err.startswith(f"error: {tmp_path / DEFAULT_NAME}: not a cleaner decisions file")


def test_review_needs_a_terminal(cli, tmp_path: Path) -> None:
    run = cli("review", str(article(tmp_path)))
    assert run.code == 2
    assert run.err == "error: cleaner review needs a terminal; in scripts use `cleaner check`, or `cleaner fix --decisions FILE` to replay a review\n"
