"""The command line never reports a success that did not happen, and never changes what it was not asked to."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SEED

from cleaner.rulebook import load_rulebook
from cleaner.testing import run_example

SWAP_PACK = """\
rules:
  - id: kyiv
    kind: swap
    words: {kiev: Kyiv}
    safety: safe
    message: Old spelling '{match}'
    why: House style.
    examples:
      - before: "in kiev"
        after: "in Kyiv"
  - id: kiev-replace
    kind: replace
    pattern: '(?i)\\bkiev\\b'
    replacement: Kyiv
    unless: ['Chicken Kiev']
    safety: safe
    message: Old spelling '{match}'
    why: House style.
    examples:
      - before: "Kiev"
        after: "Kyiv"
      - unchanged: "Chicken Kiev"
"""


@pytest.fixture
def kiev_rules(tmp_path: Path) -> tuple[str, ...]:
    folder = tmp_path / "kiev-rules"
    folder.mkdir()
    (folder / "house.yaml").write_text(SWAP_PACK, encoding="utf-8")
    return ("--no-default-rules", "--rules", str(folder))


# -- data safety -------------------------------------------------------------


def test_encoding_is_a_fallback_and_a_utf8_file_stays_utf8(cli, tmp_path: Path, kiev_rules: tuple[str, ...]) -> None:
    utf8 = tmp_path / "utf8.txt"
    utf8.write_bytes("Talks in kiev, café and Zürich.\n".encode())
    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes("Talks in kiev, café and Zürich.\n".encode("cp1252"))
    run = cli("fix", *kiev_rules, "--encoding", "cp1252", str(tmp_path))
    assert run.code == 0, run.err
    assert utf8.read_bytes() == "Talks in Kyiv, café and Zürich.\n".encode()
    assert legacy.read_bytes() == "Talks in Kyiv, café and Zürich.\n".encode("cp1252")
    assert "Fixed 2 edits in 2 files." in run.err


def test_invalid_utf8_hint_names_the_fallback(cli, tmp_path: Path, kiev_rules: tuple[str, ...]) -> None:
    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes("kiev café\n".encode("cp1252"))
    run = cli("check", *kiev_rules, str(legacy))
    assert run.code == 2
    assert f"error: {legacy}: not valid UTF-8 at byte 8; if it is in another encoding, name it with --encoding (for example --encoding cp1252)" in run.err


def test_no_edit_inside_urls_addresses_or_handles(cli, tmp_path: Path, kiev_rules: tuple[str, ...]) -> None:
    text = "Read https://example.org/kiev-talks and example.org/kiev/ or write to kiev@example.org or @kiev; kiev said.\n"
    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")
    markdown = tmp_path / "b.md"
    markdown.write_text("Mail <kiev@example.org>, kiev@example.org and `kiev`; kiev said.\n", encoding="utf-8")
    assert cli("fix", *kiev_rules, str(path), str(markdown)).code == 0
    assert path.read_text(encoding="utf-8") == text.replace("kiev said", "Kyiv said")
    assert markdown.read_text(encoding="utf-8") == "Mail <kiev@example.org>, kiev@example.org and `kiev`; Kyiv said.\n"


def test_removing_a_whole_line_may_take_its_link_along(cli, tmp_path: Path) -> None:
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "share.yaml").write_text(
        "rules:\n  - id: share-line\n    kind: remove\n    scope: line\n    patterns: ['^Share: ']\n    safety: safe\n"
        "    message: Share line '{match}'\n    why: Furniture.\n    examples:\n"
        '      - before: "Body.\\nShare: https://x.example/a\\n"\n        after: "Body.\\n"\n',
        encoding="utf-8",
    )
    path = tmp_path / "a.txt"
    path.write_text("The talks ended.\nShare: https://example.org/kiev-talks\n", encoding="utf-8")
    assert cli("fix", "--no-default-rules", "--rules", str(folder), str(path)).code == 0
    assert path.read_text(encoding="utf-8") == "The talks ended.\n"


def test_unless_leaves_exceptions_alone(tmp_path: Path) -> None:
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "house.yaml").write_text(SWAP_PACK, encoding="utf-8")
    rule = load_rulebook([folder], default_rules=False).get("house/kiev-replace")
    assert rule is not None
    from cleaner.model import Example

    assert run_example(rule, Example("Chicken Kiev in Kiev", "", 1)) == "Chicken Kiev in Kyiv"


# -- never report a success that did not happen --------------------------------


def test_no_path_and_stdin_not_a_pipe_is_an_error(tmp_path: Path) -> None:
    command = [sys.executable, "-m", "cleaner", "check"]
    with open(os.devnull, "rb") as devnull:
        run = subprocess.run(command, stdin=devnull, capture_output=True, text=True, cwd=tmp_path, check=False)
    assert run.returncode == 2 and run.stderr == "error: no input: give a path, or - for stdin\n"
    piped = subprocess.run(command, input="The talks ended.\n", capture_output=True, text=True, cwd=tmp_path, check=False)
    assert piped.returncode == 0 and "All clean" in piped.stdout


@pytest.mark.parametrize(
    ("flag", "value", "hint"), [("--select", "boilerplat", "boilerplate"), ("--ignore", "quotes/misdirected-quot", "quotes/misdirected-quote")]
)
def test_unknown_selectors_exit_2_with_a_suggestion(cli, tmp_path: Path, flag: str, value: str, hint: str) -> None:
    path = tmp_path / "a.txt"
    path.write_text("The talks ended.\n", encoding="utf-8")
    run = cli("check", flag, value, str(path))
    assert run.code == 2
    assert f"error: {flag}: '{value}' matches no rule (did you mean '{hint}'?)" in run.err
    assert "All clean" not in run.out


def test_unknown_selector_in_config_names_the_file(cli, tmp_path: Path) -> None:
    (tmp_path / "cleaner.toml").write_text('ignore = ["quotse"]\n', encoding="utf-8")
    path = tmp_path / "a.txt"
    path.write_text("The talks ended.\n", encoding="utf-8")
    run = cli("check", str(path))
    assert run.code == 2 and f"{tmp_path / 'cleaner.toml'}: ignore: 'quotse' matches no rule (did you mean 'quotes'?)" in run.err


def test_summary_counts_errors_and_never_says_all_clean_next_to_one(cli, tmp_path: Path, kiev_rules: tuple[str, ...]) -> None:
    good = tmp_path / "good.txt"
    good.write_text("The talks ended.\n", encoding="utf-8")
    run = cli("check", *kiev_rules, str(tmp_path / "missing.txt"), str(good))
    assert run.code == 2
    assert "All clean" not in run.out
    assert run.out.splitlines()[-2:] == ["No edits pending in 1 file checked.", "1 error (see above)."]


def test_fix_counts_only_files_it_wrote(cli, tmp_path: Path, kiev_rules: tuple[str, ...]) -> None:
    locked = tmp_path / "locked.txt"
    locked.write_text("kiev and kiev\n", encoding="utf-8")
    locked.chmod(0o444)
    other = tmp_path / "other.txt"
    other.write_text("kiev\n", encoding="utf-8")
    try:
        run = cli("fix", *kiev_rules, str(tmp_path))
    finally:
        locked.chmod(0o644)
    assert run.code == 2
    assert f"error: {locked}: file is read-only; not rewritten" in run.err
    assert "Fixed 1 edit in 1 file. 1 error (see above)." in run.err
    assert locked.read_text(encoding="utf-8") == "kiev and kiev\n"


def test_nothing_read_says_so(cli, tmp_path: Path) -> None:
    run = cli("check", str(tmp_path / "missing.txt"))
    assert run.code == 2 and run.out.splitlines() == ["No files checked.", "1 error (see above)."]


def test_folder_without_articles_warns(cli, tmp_path: Path) -> None:
    (tmp_path / "notes.csv").write_text("a,b\n", encoding="utf-8")
    run = cli("check", str(tmp_path))
    assert run.code == 0
    assert f"warning: {tmp_path}: no *.txt or *.md files found" in run.err
    assert "All clean" not in run.out and "No files checked." in run.out


def test_check_follows_unsafe_fixes_from_the_config(cli, tmp_path: Path, pack_dir: Path) -> None:
    (tmp_path / "cleaner.toml").write_text(f'unsafe-fixes = true\nrules = ["{pack_dir}"]\nno-default-rules = true\n', encoding="utf-8")
    path = tmp_path / "a.txt"
    path.write_text("The color  red!!!\n", encoding="utf-8")
    run = cli("check", str(path))
    assert f"{path}:1:15: house/shout [*] Repeated exclamation marks" in run.out
    assert "held back" not in run.out and "[*] 2 fixable" in run.out


def test_check_lists_exactly_what_fix_applies_on_the_seed(cli, tmp_path: Path) -> None:
    for unsafe in ((), ("--unsafe-fixes",)):
        copy = tmp_path / "seed.txt"
        copy.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
        report = json.loads(cli("check", *unsafe, "--output-format", "json", str(copy)).out)
        edits = report["documents"][0]["edits"]
        text = copy.read_text(encoding="utf-8")
        chosen = sorted((e for e in edits if e["applies"]), key=lambda e: (e["start"], e["start"] != e["end"], -e["end"]))
        from cleaner.model import Edit, apply_edits

        expected = apply_edits(text, [Edit(e["start"], e["end"], e["replacement"], e["rule"], e["message"]) for e in chosen])
        assert cli("fix", *unsafe, str(copy)).code == 0
        assert copy.read_text(encoding="utf-8") == expected


def test_max_removed_block_says_so(cli, tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Hi.\n\nLeave a Comment\n\nThis site uses Akismet to reduce spam. Learn how your comment data is processed.\n", encoding="utf-8")
    run = cli("check", str(path))
    assert "blocked by --max-removed 80" in run.err
    assert "unsafe fix" not in run.out and "blocked by --max-removed" in run.out
    assert "[*]" not in "\n".join(line for line in run.out.splitlines() if line.startswith(str(path)))


def test_removal_points_at_the_first_character_removed(cli) -> None:
    lines = cli("check", str(SEED)).out.splitlines()
    footer = [line for line in lines if "comment-policy-footer" in line]
    assert footer[0].startswith(f"{SEED}:35:1: ")


@pytest.mark.parametrize("value", ["150", "-5", "0", "lots"])
def test_max_removed_must_be_a_percentage(cli, tmp_path: Path, value: str, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "a.txt"
    path.write_text("x\n", encoding="utf-8")
    with pytest.raises(SystemExit) as stopped:
        cli("check", f"--max-removed={value}", str(path))
    assert stopped.value.code == 2
    assert "--max-removed: must be" in capsys.readouterr().err


def test_config_errors_are_reported_together_with_suggestions(cli, tmp_path: Path) -> None:
    (tmp_path / "cleaner.toml").write_text('selct = ["quotes"]\nunsafe-fixes = "yes"\nmax-removed = 150\n', encoding="utf-8")
    path = tmp_path / "a.txt"
    path.write_text("x\n", encoding="utf-8")
    run = cli("check", str(path))
    assert run.code == 2
    lines = run.err.splitlines()
    assert any("unknown key 'selct' (did you mean 'select'?" in line for line in lines)
    assert any("'unsafe-fixes' must be true or false" in line for line in lines)
    assert any("'max-removed' must be a percentage" in line for line in lines)


def test_unknown_rule_key_gets_a_suggestion(cli, tmp_path: Path) -> None:
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "house.yaml").write_text(
        SWAP_PACK.replace(
            "    safety: safe\n    message: Old spelling '{match}'\n    why: House style.\n    examples:\n      - before: \"in kiev\"",
            "    safty: safe\n    message: Old spelling '{match}'\n    why: House style.\n    examples:\n      - before: \"in kiev\"",
        ),
        encoding="utf-8",
    )
    run = cli("rules", "--rules", str(folder))
    assert run.code == 2 and "unknown key 'safty' (did you mean 'safety'?" in run.err


# -- one source of truth -------------------------------------------------------


def test_kinds_documents_options_and_fields(cli) -> None:
    listing = cli("kinds")
    assert listing.code == 0 and re.search(r"^remove\s+drop matching lines", listing.out, re.MULTILINE)
    names = cli("kinds", "names").out
    assert "{canonical}" in names and "{reason}" in names
    swap = cli("kinds", "swap").out
    assert "unless (regex-list; default [])" in swap
    assert cli("kinds", "swapp").err == "error: no kind 'swapp' (did you mean 'swap'?)\n"


def test_rules_id_lists_the_rule_options(cli) -> None:
    shown = cli("rules", "boilerplate/comment-policy-footer").out
    assert "Options (kind 'remove'):" in shown and "where = 'tail'" in shown


def test_kinds_and_rules_say_their_scope(cli) -> None:
    assert "Scope: line (" in cli("kinds", "mojibake").out
    assert "Scope: document (" in cli("kinds", "furniture").out
    assert "Scope: pattern (" in cli("kinds", "replace").out
    assert "Scope: line (" in cli("rules", "whitespace/doubled-space").out
    assert "Scope: document (" in cli("rules", "whitespace/blank-line-run").out, "its pattern takes line breaks"


def test_every_shipped_message_is_the_yaml_message() -> None:
    """Every edit of every shipped rule's examples reads as its YAML message with the fields filled in."""
    book = load_rulebook()
    from cleaner.engine import Engine
    from cleaner.model import placeholders

    for rule in book:
        pattern = re.escape(rule.message)
        for name in placeholders(rule.message):
            pattern = pattern.replace(re.escape("{" + name + "}"), ".*")
        language = rule.languages[0] if rule.languages else None
        for example in rule.examples:
            result = Engine([rule]).run(example.before, unsafe=True, language=language, max_removed=None)
            for edit in result.all_edits:
                assert re.fullmatch(f"{pattern}(?:; {pattern})*", edit.message, re.DOTALL), (rule.full_id, edit.message)


def test_json_carries_the_values_behind_each_decision(cli) -> None:
    data = json.loads(cli("check", "--output-format", "json", str(SEED)).out)
    names = [e for e in data["documents"][0]["edits"] if e["rule"] == "names/name-variant"]
    assert names and all(e["details"]["canonical"] and e["details"]["reason"] for e in names)


def test_kinds_import_without_yaml_or_the_rule_loader() -> None:
    code = "import sys, cleaner.kinds; print(sorted(m for m in ('yaml', 'cleaner.rulebook', 'cleaner.yamlfile', 'cleaner.engine') if m in sys.modules))"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert run.stdout.strip() == "[]"


def test_no_type_ignore_in_kinds() -> None:
    found = [str(p) for p in (ROOT / "cleaner" / "kinds").rglob("*.py") if "type: ignore" in p.read_text(encoding="utf-8")]
    assert found == []


FRENCH = "Le gouvernement a annoncé mardi une série de mesures pour soutenir les agriculteurs touchés par la sécheresse de cet été dans le sud du pays.\n"


def test_a_warning_repeated_over_a_corpus_is_shown_three_times_then_counted(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    for number in range(5):
        (tmp_path / f"fr{number}.txt").write_text(FRENCH, encoding="utf-8")
    run = cli("check", str(tmp_path))
    shown = [line for line in run.err.splitlines() if "detected French" in line]
    assert len(shown) == 3
    assert "warning: 2 more warnings like those above not shown (-v shows every one)" in run.err
    verbose = cli("check", "-v", str(tmp_path))
    assert len([line for line in verbose.err.splitlines() if "detected French" in line]) == 5 and "not shown" not in verbose.err


def test_the_summary_of_a_jsonl_run_counts_records(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text('{"text": "They met , he said."}\n{"text": "Fine."}\n', encoding="utf-8")
    assert cli("check", str(corpus)).out.endswith("Found 1 edit in 1 record.\n[*] 1 fixable with `cleaner fix`.\n")
    assert cli("fix", str(corpus)).err.endswith("Fixed 1 edit in 1 record.\n")
    assert cli("check", str(corpus)).out == "All clean: no edits pending in 2 records.\n"


def test_a_mistyped_command_or_flag_gets_a_did_you_mean(cli, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SystemExit) as command:
        cli("chek", "a.txt")
    assert command.value.code == 2
    assert "cleaner: error: unknown command 'chek' (did you mean 'check'?) (see `cleaner --help`)" in capsys.readouterr().err
    with pytest.raises(SystemExit) as flag:
        cli("check", "--selct", "quotes", "a.txt")
    err = capsys.readouterr().err
    assert flag.value.code == 2 and err.startswith("usage: cleaner check ")
    assert "cleaner check: error: unrecognized arguments: --selct (did you mean '--select'?)" in err
