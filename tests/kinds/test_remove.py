from __future__ import annotations

from pathlib import Path

from cleaner.engine import Engine
from cleaner.rulebook import load_rulebook


def remover(tmp_path: Path, options: str) -> Engine:
    folder = tmp_path / "r"
    folder.mkdir(exist_ok=True)
    (folder / "bp.yaml").write_text(
        f"""rules:
  - id: furniture
    kind: remove
{options}
    safety: safe
    message: Furniture {{match}}
    why: test
    examples:
      - before: "a\\n\\nShare this:"
        after: "a"
""",
        encoding="utf-8",
    )
    return Engine(list(load_rulebook([folder], default_rules=False)))


def test_tail_paragraphs_are_peeled_and_the_final_newline_kept(tmp_path: Path) -> None:
    engine = remover(tmp_path, "    patterns: ['^Leave a Comment$', '^This site uses Akismet']\n    where: tail\n    within: 1")
    text = "Body one.\n\nBody two.\n\nLeave a Comment\n\nThis site uses Akismet to reduce spam.\n"
    result = engine.run(text)
    assert result.text == "Body one.\n\nBody two.\n"
    assert [e.message for e in result.edits] == ["Furniture Leave a Comment", "Furniture This site uses Akismet to reduce spam."]


def test_tail_window_spares_matches_higher_up(tmp_path: Path) -> None:
    engine = remover(tmp_path, "    patterns: ['^Leave a Comment$']\n    where: tail\n    within: 2")
    text = "Leave a Comment\n\nBody.\n\nMore body.\n\nEnd.\n"
    assert engine.run(text).text == text


def test_head_paragraph_takes_its_following_blank_line(tmp_path: Path) -> None:
    engine = remover(tmp_path, "    patterns: ['^Advertisement$']\n    where: head")
    assert engine.run("Advertisement\n\nBody.\n").text == "Body.\n"


def test_lines_inside_a_paragraph(tmp_path: Path) -> None:
    engine = remover(tmp_path, "    patterns: ['^Click to share on \\w+']\n    scope: line")
    text = "Body.\n\nShare this:\nClick to share on Facebook (Opens in new window)\nClick to share on X (Opens in new window)\n\nMore.\n"
    assert engine.run(text).text == "Body.\n\nShare this:\n\nMore.\n"


def test_a_paragraph_of_matching_lines_goes_whole(tmp_path: Path) -> None:
    engine = remover(tmp_path, "    patterns: ['^Click to share on \\w+']\n    scope: line")
    text = "Body.\n\nClick to share on Facebook\nClick to share on X\n\nMore.\n"
    assert engine.run(text).text == "Body.\n\nMore.\n"


def test_trailing_lines_of_a_paragraph(tmp_path: Path) -> None:
    engine = remover(tmp_path, "    patterns: ['^Tags?:']\n    scope: line")
    assert engine.run("Body line.\nTags: war, grain\n").text == "Body line.\n"


def test_unanchored_words_inside_a_sentence_stay(tmp_path: Path) -> None:
    engine = remover(tmp_path, "    patterns: ['^Share this:?$']")
    text = "Share this: the ministry said it would share this data.\n"
    assert engine.run(text).text == text
