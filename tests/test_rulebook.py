from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from cleaner.rulebook import PHASES, RulebookError, load_rulebook, shipped_rules_dir

GOOD_RULE = """\
rules:
  - id: colour
    kind: swap
    words: {color: colour}
    safety: safe
    message: American spelling {match}
    why: House style.
    examples:
      - before: "color"
        after: "colour"
"""


def problems(tmp_path: Path, body: str, name: str = "house") -> list[str]:
    folder = tmp_path / "rules"
    folder.mkdir(exist_ok=True)
    (folder / f"{name}.yaml").write_text(body, encoding="utf-8")
    with pytest.raises(RulebookError) as caught:
        load_rulebook([folder], default_rules=False)
    return [p.replace(str(folder) + "/", "") for p in caught.value.problems]


MALFORMED = {
    "unknown kind": (
        GOOD_RULE.replace("kind: swap", "kind: swapp"),
        ["house.yaml:3: rule 'house/colour': unknown kind 'swapp' (one of 'replace', 'swap', 'remove'"],
    ),
    "bad safety": (
        GOOD_RULE.replace("safety: safe", "safety: maybe"),
        ["house.yaml:5: rule 'house/colour': safety must be one of 'safe', 'unsafe' (not 'maybe')"],
    ),
    "unknown key": (
        GOOD_RULE.replace("    why:", "    colour: red\n    why:"),
        ["house.yaml:7: rule 'house/colour': unknown key 'colour' (allowed for kind 'swap':"],
    ),
    "no before/after example": (
        GOOD_RULE.replace('      - before: "color"\n        after: "colour"', '      - unchanged: "colour"'),
        ["house.yaml:8: rule 'house/colour': every rule needs at least one before/after example"],
    ),
    "no examples at all": (
        GOOD_RULE.split("    examples:")[0],
        ["house.yaml:2: rule 'house/colour': missing key 'examples': every rule needs at least one before/after example"],
    ),
    "wrong type": (
        GOOD_RULE.replace("words: {color: colour}", "words: [color, colour]"),
        ["house.yaml:4: rule 'house/colour': words must be a mapping of strings to strings (not a list)"],
    ),
    "invalid regex": (
        GOOD_RULE.replace("kind: swap\n    words: {color: colour}", "kind: replace\n    pattern: '(unclosed'\n    replacement: x"),
        ["house.yaml:4: rule 'house/colour': invalid regex '(unclosed': missing ) at position 9"],
    ),
    "duplicate id": (
        GOOD_RULE + GOOD_RULE.replace("rules:\n", ""),
        ["house.yaml:11: rule 'house/colour': duplicate id (first defined on line 2)"],
    ),
    "bad id": (
        GOOD_RULE.replace("id: colour", "id: Colour_Rule"),
        ["house.yaml:2: rule id must be lower-case words joined by hyphens, like 'comment-policy-footer' (id is 'Colour_Rule')"],
    ),
    "missing message": (
        GOOD_RULE.replace("    message: American spelling {match}\n", ""),
        ["house.yaml:2: rule 'house/colour': missing key 'message'"],
    ),
    "bad phase": (
        "phase: later\n" + GOOD_RULE,
        ["house.yaml:1: phase must be one of 'unicode', 'boilerplate', 'structure', 'quotes', 'names', 'language', 'whitespace' (not 'later')"],
    ),
    "not a mapping": ("- just\n- a list\n", ["house.yaml:1: a rule pack must be a mapping with a 'rules' list (not a list)"]),
    "broken yaml": ("rules:\n  - id: x\n   kind: [\n", ["house.yaml:3: invalid YAML:"]),
    "alias": ("base: &b {x: 1}\nrules:\n  - *b\n", ["house.yaml:3: invalid YAML: aliases are not allowed in rule files"]),
    "python tag": ("rules: !!python/object/apply:os.system ['true']\n", ["house.yaml:1: invalid YAML:"]),
    "huge repetition": (
        GOOD_RULE.replace("kind: swap\n    words: {color: colour}", "kind: replace\n    pattern: 'a{99999}'\n    replacement: x"),
        ["house.yaml:4: rule 'house/colour': repetition count 99999 in '{99999}' is too large (at most 1000)"],
    ),
    "same before and after": (
        GOOD_RULE.replace('after: "colour"', 'after: "color"'),
        ["house.yaml:8: rule 'house/colour': an example (line 9) has the same before and after; write it as 'unchanged'"],
    ),
    "bad within": (
        'rules:\n  - id: footer\n    kind: remove\n    patterns: [\'^x$\']\n    where: tail\n    within: 0\n    safety: safe\n    message: m\n    why: w\n    examples:\n      - before: "a\\n\\nx"\n        after: "a"\n',
        ["house.yaml:6: rule 'house/footer': within must be at least 1 (not 0)"],
    ),
}


@pytest.mark.parametrize("case", sorted(MALFORMED))
def test_malformed_rule_files_are_reported_with_file_and_line(tmp_path: Path, case: str) -> None:
    body, expected = MALFORMED[case]
    found = problems(tmp_path, body)
    assert len(found) == len(expected), found
    for line, prefix in zip(found, expected, strict=True):
        assert line.startswith(prefix), (line, prefix)


def test_every_bad_file_is_reported_together(tmp_path: Path) -> None:
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "a.yaml").write_text(GOOD_RULE.replace("safety: safe", "safety: maybe"), encoding="utf-8")
    (folder / "b.yaml").write_text(GOOD_RULE.replace("kind: swap", "kind: nope"), encoding="utf-8")
    with pytest.raises(RulebookError) as caught:
        load_rulebook([folder], default_rules=False)
    assert [p.split(":")[0].rsplit("/", 1)[-1] for p in caught.value.problems] == ["a.yaml", "b.yaml"]


def test_user_rule_replaces_shipped_rule_of_the_same_id(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "whitespace.yaml").write_text(GOOD_RULE.replace("id: colour", "id: doubled-space"), encoding="utf-8")
    book = load_rulebook([folder])
    rule = book.get("whitespace/doubled-space")
    assert rule is not None and rule.kind_name == "swap" and not rule.shipped
    assert rule.replaces == shipped_rules_dir() / "whitespace.yaml"
    assert sum(1 for r in book if r.full_id == "whitespace/doubled-space") == 1


def test_two_rules_with_one_id_in_the_same_set_is_an_error(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    (folder / "sub").mkdir(parents=True)
    (folder / "house.yaml").write_text(GOOD_RULE, encoding="utf-8")
    (folder / "house.yml").write_text(GOOD_RULE, encoding="utf-8")
    with pytest.raises(RulebookError) as caught:
        load_rulebook([folder], default_rules=False)
    assert "rule 'house/colour': defined twice" in caught.value.problems[0]


def test_subfolders_hold_data_not_packs(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    (folder / "names").mkdir(parents=True)
    (folder / "names" / "people.yaml").write_text("people: []\n", encoding="utf-8")
    (folder / "house.yaml").write_text(GOOD_RULE, encoding="utf-8")
    assert [r.full_id for r in load_rulebook([folder], default_rules=False)] == ["house/colour"]


def test_pack_without_phase_runs_in_the_phase_it_is_named_after_or_structure(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "quotes.yaml").write_text(GOOD_RULE, encoding="utf-8")
    (folder / "house.yaml").write_text(GOOD_RULE, encoding="utf-8")
    phases = {r.full_id: r.phase for r in load_rulebook([folder], default_rules=False)}
    assert phases == {"quotes/colour": "quotes", "house/colour": "structure"}


def test_oversized_rule_file_is_refused(tmp_path: Path) -> None:
    found = problems(tmp_path, GOOD_RULE + "#" * 2_100_000)
    assert "rule files are limited to" in found[0]


def test_shipped_rules_load_and_every_phase_is_known() -> None:
    book = load_rulebook()
    assert len(book) > 0
    assert all(rule.phase in PHASES for rule in book)
    assert [PHASES.index(r.phase) for r in book] == sorted(PHASES.index(r.phase) for r in book)


def test_message_fields_are_checked_when_the_pack_loads(tmp_path: Path) -> None:
    found = problems(tmp_path, GOOD_RULE.replace("message: American spelling {match}", "message: American spelling {match} -> {canonical}"))
    assert found == ["house.yaml:6: rule 'house/colour': message uses unknown field '{canonical}' (kind 'swap' fills in '{match}', '{replacement}')"]


def test_every_kind_builds_its_message_from_the_yaml(tmp_path: Path) -> None:
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "house.yaml").write_text(
        GOOD_RULE.replace("message: American spelling {match}", "message: Spelled '{match}', house style '{replacement}'"), encoding="utf-8"
    )
    book = load_rulebook([folder], default_rules=False)
    from cleaner.engine import Engine

    result = Engine(list(book)).run("The color red.\n")
    assert [e.message for e in result.edits] == ["Spelled 'color', house style 'colour'"]


def test_shipped_messages_are_the_ones_users_see() -> None:
    from cleaner import clean

    result = clean("Sergei Lavrov met Anthony Blinken.\n", language="en")
    messages = {e.rule: e.message for e in result.edits}
    assert messages["names/name-variant"].startswith("Anthony Blinken -> Antony Blinken: ")


def test_a_rulebook_error_survives_pickling_with_its_problems() -> None:
    error = RulebookError(["a.yaml:3: rule 'a/b': safety must be one of 'safe', 'unsafe' (not 'maybe')", "a.yaml:9: rule 'a/c': unknown kind 'swop'"])
    copy = pickle.loads(pickle.dumps(error))
    assert (type(copy), copy.problems, str(copy)) == (RulebookError, error.problems, str(error))
