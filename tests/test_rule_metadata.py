"""Severity, preview and the fields of learnt rules: optional rule and pack keys the loader checks and keeps."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaner.rulebook import PHASE_SEVERITY, RulebookError, load_rulebook

RULE = """\
  - id: {id}
    kind: swap
    words: {{color: colour}}
    safety: safe
    message: American spelling {{match}}
    why: House style.
{extra}    examples:
      - before: "color"
        after: "colour"
"""


def pack(tmp_path: Path, head: str, *rules: tuple[str, str], name: str = "house") -> Path:
    folder = tmp_path / "rules"
    folder.mkdir(parents=True, exist_ok=True)
    body = head + "rules:\n" + "".join(RULE.format(id=rule_id, extra=extra) for rule_id, extra in rules)
    (folder / f"{name}.yaml").write_text(body, encoding="utf-8")
    return folder


def test_severity_comes_from_the_rule_then_the_pack_then_the_phase(tmp_path: Path) -> None:
    folder = pack(tmp_path, "severity: info\n", ("plain", ""), ("loud", "    severity: error\n"))
    book = load_rulebook([folder], default_rules=False)
    assert [(r.id, r.severity) for r in book] == [("plain", "info"), ("loud", "error")]
    unicode = pack(tmp_path / "u", "", ("mojibake-ish", ""), name="unicode")
    assert [r.severity for r in load_rulebook([unicode], default_rules=False)] == [PHASE_SEVERITY["unicode"]] == ["error"]
    structure = pack(tmp_path / "s", "", ("glue", ""), name="structure")
    assert [r.severity for r in load_rulebook([structure], default_rules=False)] == ["warning"]


def test_shipped_whitespace_rules_are_info_and_the_rest_carry_a_known_severity() -> None:
    book = load_rulebook()
    assert {r.severity for r in book if r.pack == "whitespace"} == {"info"}
    assert {r.severity for r in book} <= {"error", "warning", "info"}


@pytest.mark.parametrize(
    ("head", "extra", "expected"),
    [
        ("", "    severity: fatal\n", "rule 'house/a': severity must be one of 'error', 'warning', 'info' (not 'fatal')"),
        ("severity: loud\n", "", "severity must be one of 'error', 'warning', 'info' (not 'loud')"),
        ("", "    preview: maybe\n", "rule 'house/a': preview must be true or false (not a string)"),
        ("preview: 1\n", "", "pack key 'preview' must be true or false (not an integer)"),
        ("", "    count: -3\n", "rule 'house/a': count must be a whole number of occurrences, 0 or more (not -3)"),
        ("", "    documents: {a: 1}\n", "rule 'house/a': documents must be a list of document names or a number of documents (not a mapping)"),
    ],
)
def test_bad_values_are_reported_with_file_line_and_rule(tmp_path: Path, head: str, extra: str, expected: str) -> None:
    folder = pack(tmp_path, head, ("a", extra))
    with pytest.raises(RulebookError) as caught:
        load_rulebook([folder], default_rules=False)
    [problem] = caught.value.problems
    assert problem.startswith(str(folder / "house.yaml") + ":") and problem.endswith(expected), problem


def test_preview_rules_load_but_are_selected_only_with_preview(tmp_path: Path) -> None:
    folder = pack(tmp_path, "", ("stable", ""), ("fresh", "    preview: true\n"))
    book = load_rulebook([folder], default_rules=False)
    assert [r.preview for r in book] == [False, True]
    assert [r.id for r in book.select()] == ["stable"]
    assert [r.id for r in book.select(preview=True)] == ["stable", "fresh"]
    assert [r.id for r in book.select(["house/fresh"])] == []


def test_a_preview_pack_marks_every_rule_unless_a_rule_opts_out(tmp_path: Path) -> None:
    folder = pack(tmp_path, "preview: true\n", ("a", ""), ("b", "    preview: false\n"))
    assert [(r.id, r.preview) for r in load_rulebook([folder], default_rules=False)] == [("a", True), ("b", False)]


def test_learnt_rules_carry_count_and_documents(tmp_path: Path) -> None:
    folder = pack(tmp_path, "", ("a", "    count: 41\n    documents: [site/2024-01-02.txt, site/2024-03-09.txt]\n"), ("b", "    count: 7\n    documents: 5\n"))
    assert [r.id for r in load_rulebook([folder], default_rules=False)] == ["a", "b"]


def test_the_library_runs_preview_rules_only_when_asked(tmp_path: Path) -> None:
    from cleaner import clean

    folder = pack(tmp_path, "preview: true\n", ("fresh", ""))
    assert clean("The color red.", rules=[folder], default_rules=False).text == "The color red."
    assert clean("The color red.", rules=[folder], default_rules=False, preview=True).text == "The colour red."
