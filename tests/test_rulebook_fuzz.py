"""Hostile and broken rule files: every one ends in a clear ``RulebookError``, never another exception.

Valid packs (the small test pack and the shipped ones) are mutated at
random: values swapped for wrong types, keys dropped, regexes broken,
structures nested deeply, values blown up, bytes garbled. Whatever comes
out either loads (and then runs without raising) or is refused with
one-line problems that name the file. Through the command line, a refused
file means exit 2 and no traceback.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import PACK
from hypothesis import given
from hypothesis import strategies as st

from cleaner.engine import Engine
from cleaner.rulebook import MAX_RULE_FILE_BYTES, RulebookError, load_rulebook, shipped_rules_dir

SAMPLE = "The color red!!! He said , however.\n\nLeave a Comment\n\nThis site uses Akismet to reduce spam.\n"
SHIPPED = {path.name: path.read_text(encoding="utf-8") for path in sorted(shipped_rules_dir().glob("*.yaml"))}
SOURCES = {"house.yaml": PACK, **SHIPPED}

HOSTILE_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**30), 10**30),
    st.floats(allow_nan=True),
    st.text(max_size=20),
    st.sampled_from(
        [
            "(",
            "[a-",
            "a{99999}",
            "x{2,100000}",
            "(?P<name",
            "\\",
            "(a+)+$",
            "x" * 6000,
            "{match}" * 50,
            "",
            "   ",
            "../../../../etc/passwd",
            "/dev/zero",
            "maybe",
            "nonesuch",
            "unicode",
            "\x00",
        ]
    ),
    st.lists(st.text(max_size=5), max_size=3),
    st.dictionaries(st.text(max_size=5), st.text(max_size=5), max_size=3),
    st.recursive(st.integers(), lambda inner: st.lists(inner, max_size=2) | st.dictionaries(st.text(max_size=3), inner, max_size=2), max_leaves=30),
)


def nodes(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path into a parsed pack, root included."""
    found = [path]
    if isinstance(data, dict):
        for key, value in data.items():
            found.extend(nodes(value, (*path, key)))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found.extend(nodes(value, (*path, index)))
    return found


def mutate(data: Any, path: tuple[Any, ...], action: str, value: Any, key: str) -> Any:
    """Replace, delete or add at ``path``; the root itself can be replaced."""
    if not path:
        return value if action == "replace" else data
    parent = data
    for step in path[:-1]:
        parent = parent[step]
    last = path[-1]
    if action == "replace":
        parent[last] = value
    elif action == "delete":
        del parent[last]
    elif isinstance(parent[last], dict):
        parent[last][key] = value
    else:
        parent[last] = [parent[last], value]
    return data


def write(folder: Path, name: str, data: bytes | str) -> Path:
    folder.mkdir(exist_ok=True)
    for old in folder.iterdir():
        old.unlink()
    path = folder / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def load_or_refuse(folder: Path, pack: Path) -> None:
    """Either the pack loads and its rules run, or every problem is one line naming the file."""
    try:
        book = load_rulebook([folder], default_rules=False)
    except RulebookError as error:
        assert error.problems
        for problem in error.problems:
            assert "\n" not in problem, problem
            assert problem.startswith(f"{pack}:"), problem
        return
    Engine(list(book)).run(SAMPLE, language="en")


@given(
    st.sampled_from(sorted(SOURCES)),
    st.data(),
    st.sampled_from(["replace", "replace", "delete", "add"]),
    HOSTILE_VALUES,
    st.sampled_from(["id", "kind", "pattern", "patterns", "examples", "safety", "rules", "phase", "surprise", "words", "scope", "where", "within"]),
)
def test_mutated_packs_load_or_fail_cleanly(
    tmp_path_factory: pytest.TempPathFactory, name: str, data: st.DataObject, action: str, value: Any, key: str
) -> None:
    parsed = yaml.safe_load(SOURCES[name])
    paths = nodes(parsed)
    for _ in range(data.draw(st.integers(1, 3))):
        path = data.draw(st.sampled_from(paths))
        parsed = mutate(copy.deepcopy(parsed), path, action, value, key)
        paths = nodes(parsed)
    folder = tmp_path_factory.mktemp("rules")
    text = yaml.safe_dump(parsed, allow_unicode=True, sort_keys=False)
    load_or_refuse(folder, write(folder, name, text))


@given(st.sampled_from(sorted(SOURCES)), st.integers(0, 10**6), st.integers(0, 40), st.binary(max_size=40))
def test_garbled_bytes_load_or_fail_cleanly(tmp_path_factory: pytest.TempPathFactory, name: str, at: int, cut: int, noise: bytes) -> None:
    raw = SOURCES[name].encode("utf-8")
    at %= len(raw) + 1
    folder = tmp_path_factory.mktemp("rules")
    load_or_refuse(folder, write(folder, name, raw[:at] + noise + raw[at + cut :]))


@given(st.binary(max_size=200))
def test_random_bytes_fail_cleanly(tmp_path_factory: pytest.TempPathFactory, noise: bytes) -> None:
    folder = tmp_path_factory.mktemp("rules")
    load_or_refuse(folder, write(folder, "noise.yaml", noise))


BILLION_LAUGHS = """\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
rules: [*g]
"""
RULE = """\
rules:
  - id: probe
    kind: replace
    pattern: '{pattern}'
    replacement: 'x'
    safety: safe
    message: Probe
    why: Probe.
    examples:
      - before: "a"
        after: "x"
"""
HOSTILE_FILES = {
    "billion-laughs": (BILLION_LAUGHS, "aliases are not allowed"),
    "merge-key-alias": ("base: &b {kind: replace}\nrules:\n  - <<: *b\n    id: x\n", "aliases are not allowed"),
    "python-object": ("rules: !!python/object/apply:os.system ['echo owned']\n", "invalid YAML"),
    "python-name": ("rules:\n  - id: !!python/name:os.system\n", "invalid YAML"),
    "custom-tag": ("rules: !include /etc/passwd\n", "invalid YAML"),
    "deep-lists": ("rules: " + "[" * 20000 + "]" * 20000 + "\n", "invalid YAML"),
    "deep-mappings": ("rules:\n" + "".join("  " * i + f"k{i}:\n" for i in range(1, 3000)) + "  " * 3000 + "v\n", ""),
    "huge-file": ("# " + "x" * (MAX_RULE_FILE_BYTES + 10) + "\nrules: []\n", "rule files are limited to"),
    "huge-repeat": (RULE.format(pattern="a{100000}"), "repetition count 100000"),
    "huge-pattern": (RULE.format(pattern="a" * 6000), "at most 5000"),
    "broken-regex": (RULE.format(pattern="(unclosed"), "invalid regex"),
    "duplicate-key": ("rules: []\nrules: []\n", "duplicate key 'rules'"),
    "not-a-mapping": ("- just\n- a list\n", "a rule pack must be a mapping"),
    "empty-file": ("", "a rule pack must be a mapping"),
    "latin-1-bytes": ("rules: [caf\xe9]\n".encode("latin-1"), "not valid UTF-8"),
    "nul-bytes": (b"rules: []\x00\n", "invalid YAML"),
    "rule-is-a-string": ("rules: [hello]\n", "each rule must be a mapping"),
    "rules-is-a-number": ("rules: 12\n", "pack key 'rules' must be a list"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE_FILES))
def test_hostile_files_are_refused_with_a_clear_message(tmp_path: Path, case: str) -> None:
    body, expected = HOSTILE_FILES[case]
    pack = write(tmp_path / "rules", "hostile.yaml", body)
    with pytest.raises(RulebookError) as caught:
        load_rulebook([tmp_path / "rules"], default_rules=False)
    problems = caught.value.problems
    assert all(p.startswith(f"{pack}:") and "\n" not in p for p in problems), problems
    assert any(expected in p for p in problems), problems


@pytest.mark.parametrize("case", ["billion-laughs", "python-object", "deep-lists", "huge-repeat", "broken-regex", "latin-1-bytes"])
def test_hostile_files_through_the_cli_exit_2_without_traceback(cli, tmp_path: Path, case: str) -> None:
    body, _ = HOSTILE_FILES[case]
    pack = write(tmp_path / "rules", "hostile.yaml", body)
    article = tmp_path / "a.txt"
    article.write_text("The color red.\n", encoding="utf-8")
    for command in (("check", str(article)), ("fix", str(article)), ("rules",), ("test-rules", str(pack))):
        run = cli(*command, "--no-default-rules", *(("--rules", str(tmp_path / "rules")) if command[0] != "test-rules" else ()))
        assert run.code == 2, (command, run.err)
        assert "Traceback" not in run.err
        assert run.err.splitlines()[0].startswith(f"{pack}:")
        assert run.err.splitlines()[-1].startswith("error: ") and "in rule files" in run.err
    assert article.read_text(encoding="utf-8") == "The color red.\n"


def test_catastrophic_regex_is_stopped_by_its_time_limit(cli, tmp_path: Path) -> None:
    write(tmp_path / "rules", "slow.yaml", RULE.format(pattern="(a|aa)+$"))
    article = tmp_path / "a.txt"
    article.write_text("a" * 60 + "!\n", encoding="utf-8")
    run = cli("fix", "--no-default-rules", "--rules", str(tmp_path / "rules"), str(article))
    assert run.code == 0
    assert "ran out of regex time" in run.err
    assert article.read_text(encoding="utf-8") == "a" * 60 + "!\n"
