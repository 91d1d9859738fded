"""A JSON Schema of the rule-file format, built from the loader's keys and each kind's declared options, so it never drifts.

YAML language servers read it through a comment at the top of a pack,
``# yaml-language-server: $schema=rules.schema.json``, and then complete
keys, show each option's doc and flag mistakes as you type. The loader stays
the authority (it also compiles regexes and checks files exist); the schema
accepts every pack the loader accepts.

>>> schema = rule_file_schema()
>>> schema["definitions"]["rule"]["properties"]["kind"]["enum"][:3]
['replace', 'swap', 'remove']
"""

from __future__ import annotations

import argparse
import json
from typing import Any, TextIO

from .kinds import KINDS, Kind, Option
from .model import SAFETIES, SEVERITIES
from .rulebook import PACK_KEYS, PHASE_DOCS, PHASE_SEVERITY, PHASES, RULE_ID, RULE_KEYS

SCHEMA_FILE = "rules.schema.json"
"""Its name beside the shipped packs, which point to it."""
MODELINE = f"# yaml-language-server: $schema={SCHEMA_FILE}"
"""The first line of every shipped pack."""

PACK_DOCS = {
    "description": "One line: what the pack's rules repair.",
    "phase": "The step the pack's rules run in: "
    + "; ".join(f"{p}: {d}" for p, d in PHASE_DOCS.items())
    + ". Default: the pack's name, if it is a phase, else structure.",
    "languages": "Language codes (such as en); the pack's rules run only on documents in these languages.",
    "severity": "Default severity of the pack's rules in CI formats.",
    "preview": "Mark every rule of the pack as preview: it runs only with --preview or `preview = true` in the config.",
    "rules": "The pack's rules, in the order they run within its phase.",
}

RULE_DOCS = {
    "id": "Names the problem, not the cure, in lower-case words joined by hyphens; reads after 'allow' (allow comment-policy-footer). Unique in the pack.",
    "kind": "The code behind the rule (`cleaner kinds` lists them); it decides which options the rule takes.",
    "message": "A noun phrase quoting the match, no final period; {match} is the text the edit changes.",
    "why": "One or two sentences: where the glitch comes from and why the fix is right.",
    "safety": "safe: `cleaner fix` applies the edits. unsafe: only with --unsafe-fixes or when accepted in review.",
    "languages": "Language codes; the rule is skipped on documents in other languages (default: the pack's).",
    "examples": "Tests the rule carries: {before, after} must change exactly so, {unchanged} must stay. At least one before/after.",
    "severity": "How CI formats report the rule's edits (default: the pack's, else error in the unicode phase, info in whitespace, warning elsewhere).",
    "preview": "A new rule still being tried: it runs only with --preview or `preview = true` in the config.",
    "count": "For a learnt rule: how often the text was seen in the corpus it was learnt from.",
    "documents": "For a learnt rule: documents it was seen in (a list of names), or how many.",
}

_STRING_LIST = {"type": "array", "items": {"type": "string"}}


def option_schema(option: Option) -> dict[str, Any]:
    """The schema of one kind option, from its declared type, doc, default, choices and minimum.

    >>> option_schema(Option("int", "How many.", default=3, minimum=1))
    {'description': 'How many.', 'type': 'integer', 'minimum': 1, 'default': 3}
    """
    schema: dict[str, Any] = {"description": option.doc}
    if option.type in ("str", "regex", "path"):
        schema["type"] = "string"
        if option.choices:
            schema["enum"] = list(option.choices)
    elif option.type == "int":
        schema["type"] = "integer"
        if option.minimum is not None:
            schema["minimum"] = option.minimum
    elif option.type == "bool":
        schema["type"] = "boolean"
    elif option.type in ("str-list", "regex-list", "path-list"):
        schema["type"] = "array"
        schema["items"] = {"type": "string", "enum": list(option.choices)} if option.choices else {"type": "string"}
    elif option.type == "str-map":
        schema["type"] = "object"
        schema["additionalProperties"] = {"type": "string"}
    elif option.type == "list":
        schema["type"] = "array"
    else:
        raise ValueError(f"option type '{option.type}' has no schema")
    if option.default is not None:
        schema["default"] = option.default
    return schema


def _message_pattern(kind: type[Kind]) -> str:
    """A message may name only ``{match}`` and the kind's own fields; other braces are plain text."""
    names = "|".join(["match", *kind.fields])
    return rf"^(?:[^{{]|\{{(?![a-z_]+\}})|\{{(?:{names})\}})*$"


def _common_rule_keys() -> dict[str, dict[str, Any]]:
    example = {
        "type": "object",
        "oneOf": [
            {
                "required": ["before", "after"],
                "properties": {
                    "before": {"type": "string", "description": "Text the rule must change..."},
                    "after": {"type": "string", "description": "...into exactly this."},
                },
                "additionalProperties": False,
            },
            {
                "required": ["unchanged"],
                "properties": {"unchanged": {"type": "string", "description": "Text the rule must leave alone."}},
                "additionalProperties": False,
            },
        ],
    }
    schemas: dict[str, dict[str, Any]] = {
        "id": {"type": "string", "pattern": RULE_ID.pattern},
        "kind": {"enum": list(KINDS)},
        "message": {"type": "string", "minLength": 1},
        "why": {"type": "string", "pattern": r"\S"},
        "safety": {"enum": list(SAFETIES)},
        "languages": _STRING_LIST,
        "examples": {"type": "array", "minItems": 1, "items": example, "contains": {"required": ["before"]}},
        "severity": {"enum": list(SEVERITIES)},
        "preview": {"type": "boolean", "default": False},
        "count": {"type": "integer", "minimum": 0},
        "documents": {"anyOf": [_STRING_LIST, {"type": "integer", "minimum": 0}]},
    }
    if not set(schemas) == RULE_KEYS == set(RULE_DOCS):
        raise RuntimeError(f"every rule key in rulebook.RULE_KEYS needs a schema and a doc in schema.py: {sorted(RULE_KEYS ^ set(RULE_DOCS))}")
    return {key: {"description": RULE_DOCS[key], **schemas[key]} for key in sorted(RULE_KEYS, key=list(RULE_DOCS).index)}


def _kind_schema(kind: type[Kind], common: dict[str, dict[str, Any]]) -> dict[str, Any]:
    fields = "; ".join(f"{{{name}}}: {text}" for name, text in kind.fields.items())
    message = {**common["message"], "pattern": _message_pattern(kind)}
    if fields:
        message["description"] = f"{message['description']} Kind '{kind.name}' also fills in {fields}."
    shared = {key: {"$ref": f"#/definitions/rule/properties/{key}"} for key in common}
    properties = {**shared, "message": message, **{key: option_schema(option) for key, option in kind.options.items()}}
    return {
        "properties": properties,
        "required": [key for key, option in kind.options.items() if option.required],
        "additionalProperties": False,
    }


def rule_file_schema() -> dict[str, Any]:
    """The JSON Schema (draft 7) of a rule pack file."""
    common = _common_rule_keys()
    rule = {
        "type": "object",
        "required": ["id", "kind", "message", "why", "safety", "examples"],
        "properties": common,
        "allOf": [{"if": {"required": ["kind"], "properties": {"kind": {"const": name}}}, "then": {"$ref": f"#/definitions/kind-{name}"}} for name in KINDS],
    }
    pack_types: dict[str, dict[str, Any]] = {
        "description": {"type": "string"},
        "phase": {"enum": list(PHASES)},
        "languages": _STRING_LIST,
        "severity": {"enum": list(SEVERITIES)},
        "preview": {"type": "boolean", "default": False},
        "rules": {"type": "array", "items": {"$ref": "#/definitions/rule"}},
    }
    if not set(pack_types) == set(PACK_KEYS) == set(PACK_DOCS):
        raise RuntimeError(f"every pack key in rulebook.PACK_KEYS needs a schema and a doc in schema.py: {sorted(set(PACK_KEYS) ^ set(PACK_DOCS))}")
    definitions: dict[str, Any] = {"rule": rule}
    for name, kind in KINDS.items():
        definitions[f"kind-{name}"] = _kind_schema(kind, common)
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "cleaner rule pack",
        "description": (
            "A YAML rule pack for cleaner: optional pack keys and a list of rules. Its name is the file's stem; each rule's full id is pack/id. "
            f"Severity defaults by phase: {', '.join(f'{p} {s}' for p, s in PHASE_SEVERITY.items())}, warning elsewhere."
        ),
        "type": "object",
        "required": ["rules"],
        "additionalProperties": False,
        "properties": {key: {"description": PACK_DOCS[key], **pack_types[key]} for key in PACK_KEYS},
        "definitions": definitions,
    }


def schema_text() -> str:
    """The schema as the checked-in ``rules.schema.json`` holds it."""
    return json.dumps(rule_file_schema(), indent=2, ensure_ascii=False) + "\n"


def cmd_schema(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    out.write(schema_text())
    return 0


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    schema = commands.add_parser(
        "schema",
        help="print the JSON Schema of rule files, for editors",
        description=(
            "Print the JSON Schema of the rule-file format, built from the kinds' declared options. "
            f"Save it beside your packs and start each pack with '{MODELINE}' so YAML language servers complete and check it."
        ),
    )
    schema.set_defaults(func=cmd_schema)
