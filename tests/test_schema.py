"""The rule-file JSON Schema: every shipped pack validates, it agrees with the loader, and the checked-in copy is current."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from conftest import PACK, ROOT
from test_rulebook import GOOD_RULE, MALFORMED

from cleaner.kinds import KINDS
from cleaner.rulebook import RulebookError, load_rulebook, pack_files, shipped_rules_dir
from cleaner.schema import MODELINE, SCHEMA_FILE, rule_file_schema, schema_text

RULES = ROOT / "rules"
REGENERATE = "run `make docs` to regenerate it"


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft7Validator:
    schema = rule_file_schema()
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema)


def errors(validator: jsonschema.Draft7Validator, text: str) -> list[str]:
    return [error.message for error in validator.iter_errors(yaml.safe_load(text))]


@pytest.mark.parametrize("path", pack_files(RULES), ids=lambda p: p.name)
def test_every_shipped_pack_validates_and_points_to_the_schema(validator: jsonschema.Draft7Validator, path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert errors(validator, text) == []
    assert text.splitlines()[0] == MODELINE, f"{path.name}: make its first line '{MODELINE}' (`make docs` adds it) so editors find the schema"


def test_the_checked_in_schema_is_current() -> None:
    checked_in = (RULES / SCHEMA_FILE).read_text(encoding="utf-8")
    assert checked_in == schema_text(), f"rules/{SCHEMA_FILE} is out of date with the kinds and the loader: {REGENERATE}"


def test_the_schema_sits_beside_the_packs_the_loader_reads() -> None:
    assert (shipped_rules_dir() / SCHEMA_FILE).is_file()


def test_cli_prints_the_schema(cli) -> None:
    run = cli("schema")
    assert run.code == 0 and json.loads(run.out) == rule_file_schema()


SCHEMA_SEES = [
    "unknown kind",
    "bad safety",
    "unknown key",
    "no before/after example",
    "no examples at all",
    "wrong type",
    "bad id",
    "missing message",
    "bad phase",
    "not a mapping",
    "bad within",
]


@pytest.mark.parametrize("case", SCHEMA_SEES)
def test_the_schema_rejects_what_the_loader_rejects(validator: jsonschema.Draft7Validator, case: str, tmp_path: Path) -> None:
    body, _ = MALFORMED[case]
    (tmp_path / "house.yaml").write_text(body, encoding="utf-8")
    with pytest.raises(RulebookError):
        load_rulebook([tmp_path], default_rules=False)
    assert errors(validator, body), f"the schema accepts a pack with {case}"


def test_the_schema_accepts_what_the_loader_accepts(validator: jsonschema.Draft7Validator, tmp_path: Path) -> None:
    learnt = GOOD_RULE + "    count: 12\n    documents: [a.txt, b.txt]\n    severity: error\n    preview: true\n"
    braces = GOOD_RULE.replace("message: American spelling {match}", "message: 'Spelling {match} (see {House} style)'")
    for number, body in enumerate([GOOD_RULE, PACK, learnt, "severity: info\npreview: false\nlanguages: [en]\n" + GOOD_RULE, braces]):
        folder = tmp_path / str(number)
        folder.mkdir()
        (folder / "house.yaml").write_text(body, encoding="utf-8")
        load_rulebook([folder], default_rules=False)
        assert errors(validator, body) == [], body


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("message: American spelling {match}", "message: American spelling {canonical}"), "does not match"),
        (("safety: safe", "safety: safe\n    severity: fatal"), "'fatal' is not one of"),
        (("safety: safe", "safety: safe\n    count: -1"), "-1 is less than the minimum of 0"),
        (("words: {color: colour}", "words: {color: colour}\n    ignore-case: sometimes"), "'sometimes' is not of type 'boolean'"),
    ],
)
def test_the_schema_flags_mistakes_an_editor_should_underline(validator: jsonschema.Draft7Validator, change: tuple[str, str], message: str) -> None:
    body = GOOD_RULE.replace(*change)
    assert body != GOOD_RULE
    assert any(message in found for found in errors(validator, body)), errors(validator, body)


def test_every_kind_option_is_in_the_schema_with_its_doc() -> None:
    definitions: dict[str, Any] = rule_file_schema()["definitions"]
    for name, kind in KINDS.items():
        properties = definitions[f"kind-{name}"]["properties"]
        for key, option in kind.options.items():
            assert properties[key]["description"] == option.doc
            if option.required:
                assert key in definitions[f"kind-{name}"]["required"]
