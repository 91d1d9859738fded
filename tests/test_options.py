"""The flags of check and fix beyond the core ones: statistics, log levels, output file, show-settings, show-files, preview, corpus flags, grouped help."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import PACK

from cleaner.cli import build_parser

PREVIEW_RULE = """\
  - id: fresh
    kind: swap
    preview: true
    words: {colour: hue}
    safety: safe
    message: Colour word {match}
    why: Being tried.
    examples:
      - before: "colour"
        after: "hue"
"""


@pytest.fixture
def setup(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[str, ...]:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "house.yaml").write_text(PACK + PREVIEW_RULE, encoding="utf-8")
    (tmp_path / "a.txt").write_text("The color red. Stop!!! Another color.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("A colour.\n", encoding="utf-8")
    return ("--no-default-rules", "--rules", "rules")


def test_statistics_counts_per_rule_instead_of_each_edit(cli, setup: tuple[str, ...]) -> None:
    run = cli("check", *setup, "--statistics", "a.txt")
    assert run.code == 1
    lines = run.out.splitlines()
    assert lines[:3] == [
        "count  fixable  safe  unsafe  severity  rule",
        "    2        2     2       0  warning   house/colour",
        "    1        0     0       1  warning   house/shout",
    ]
    assert lines[3] == "Found 3 edits in 1 file." and "a.txt:1:" not in run.out
    as_json = cli("check", *setup, "--statistics", "--output-format", "json", "--unsafe-fixes", "a.txt")
    assert json.loads(as_json.out)[1] == {"rule": "house/shout", "count": 1, "fixable": 1, "safe": 0, "unsafe": 1, "severity": "warning"}
    assert "Found 3 edits" in as_json.err


def test_fix_statistics_go_to_stderr(cli, setup: tuple[str, ...]) -> None:
    run = cli("fix", *setup, "--statistics", "-", stdin=b"The color red.\n")
    assert run.out == "The colour red.\n"
    assert "    1        1     1       0  warning   house/colour" in run.err


def test_quiet_prints_the_edits_and_nothing_else(cli, setup: tuple[str, ...]) -> None:
    run = cli("check", *setup, "-q", "a.txt", "missing.txt")
    assert run.code == 2 and run.out.splitlines() == [
        "a.txt:1:5: house/colour [*] American spelling color",
        "a.txt:1:20: house/shout Repeated exclamation marks",
        "a.txt:1:32: house/colour [*] American spelling color",
    ]
    assert run.err == "error: missing.txt: no such file or folder\n"
    assert cli("fix", *setup, "--quiet", "a.txt").err == ""


def test_verbose_says_which_rules_and_documents(cli, setup: tuple[str, ...]) -> None:
    run = cli("check", *setup, "-v", "a.txt", "b.txt")
    assert "note: 3 rules loaded (no default rules, " in run.err
    assert "note: a.txt: 3 edits" in run.err and "note: b.txt: 0 edits" in run.err


def test_output_file_takes_the_report_and_the_summary(cli, setup: tuple[str, ...], tmp_path: Path) -> None:
    run = cli("check", *setup, "--output-file", "reports/check.txt", "a.txt")
    assert run.code == 1 and run.out == ""
    written = (tmp_path / "reports" / "check.txt").read_text(encoding="utf-8")
    assert written.startswith("a.txt:1:5: house/colour [*]") and "Found 3 edits in 1 file." in written
    bad = cli("check", *setup, "-o", "a.txt/x.json", "a.txt")
    assert bad.code == 2 and "a.txt/x.json: cannot write the output file" in bad.err


def test_config_sets_output_format_output_file_and_preview(cli, setup: tuple[str, ...], tmp_path: Path) -> None:
    (tmp_path / "cleaner.toml").write_text('output-format = "gitlab"\noutput-file = "gl.json"\npreview = true\n', encoding="utf-8")
    run = cli("check", *setup, "b.txt")
    assert run.code == 1 and run.out == ""
    [issue] = json.loads((tmp_path / "gl.json").read_text(encoding="utf-8"))
    assert issue["check_name"] == "house/fresh"
    flags = cli("check", *setup, "--output-format", "concise", "-o", "out.txt", "b.txt")
    assert flags.code == 1 and (tmp_path / "out.txt").read_text(encoding="utf-8").startswith("b.txt:1:3: house/fresh [*]"), "flags win over the config"
    (tmp_path / "cleaner.toml").write_text('output-format = "xml"\n', encoding="utf-8")
    bad = cli("check", *setup, "b.txt")
    assert bad.code == 2 and "'output-format' must be one of concise, full, json, github, diff, sarif, junit, gitlab (not 'xml')" in bad.err


def test_preview_rules_run_only_when_asked(cli, setup: tuple[str, ...], tmp_path: Path) -> None:
    assert cli("check", *setup, "b.txt").code == 0
    run = cli("check", *setup, "--preview", "b.txt")
    assert run.code == 1 and "b.txt:1:3: house/fresh [*] Colour word colour" in run.out
    (tmp_path / "cleaner.toml").write_text("preview = true\n", encoding="utf-8")
    assert cli("check", *setup, "b.txt").code == 1
    assert "house/fresh" in cli("rules", "--no-default-rules", "--rules", "rules").out


def test_selecting_only_preview_rules_without_preview_warns(cli, setup: tuple[str, ...]) -> None:
    run = cli("check", *setup, "--select", "house/fresh", "b.txt")
    assert run.code == 0 and "warning: 'house/fresh' selects only preview rules, which run with --preview" in run.err
    listed = cli("rules", "--no-default-rules", "--rules", "rules")
    assert "Colour word {match}  (preview)" in listed.out
    assert "Severity: warning; preview (runs only with --preview)" in cli("rules", "house/fresh", "--no-default-rules", "--rules", "rules").out


def test_show_files_lists_what_would_be_read(cli, setup: tuple[str, ...], tmp_path: Path) -> None:
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "c.md").write_text("x\n", encoding="utf-8")
    run = cli("check", *setup, "--show-files", "--exclude", "b.txt", ".")
    assert run.code == 0 and sorted(run.out.splitlines()) == ["a.txt", "drafts/c.md"]
    assert cli("fix", *setup, "--show-files", "a.txt").out == "a.txt\n"
    assert (tmp_path / "a.txt").read_text(encoding="utf-8").startswith("The color"), "--show-files changes nothing"


def test_show_settings_names_the_config_and_the_rules_it_enables(cli, setup: tuple[str, ...], tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.cleaner]\nignore = ["house/shout"]\nunsafe-fixes = true\n', encoding="utf-8")
    run = cli("check", *setup, "--show-settings", "a.txt")
    assert run.code == 0
    assert f"  config: {tmp_path / 'pyproject.toml'}" in run.out
    assert "  ignore: house/shout" in run.out and "  unsafe-fixes: yes" in run.out and "  preview: no" in run.out
    assert run.out.endswith("  rules enabled (1):\n    house/colour\n")


def test_help_is_grouped_with_examples_and_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    parser = build_parser()
    for command in ("check", "fix"):
        with pytest.raises(SystemExit):
            parser.parse_args([command, "--help"])
        text = capsys.readouterr().out
        headings = [line for line in text.splitlines() if line.endswith(":") and not line.startswith(" ")]
        assert headings[-9:] == ["Rule selection:", "Fix:", "Review decisions:", "Output:", "Input:", "Corpus:", "Log levels:", "examples:", "exit codes:"], (
            headings
        )
        corpus = text.split("Corpus:")[1].split("Log levels:")[0]
        assert all(f"\n  {flag}" in corpus for flag in ("--include GLOB", "--jsonl-field NAME", "--stdin-format {text,jsonl}", "--jobs N, -j N")), corpus
        assert ("\n  -o PATH, --output PATH" in corpus and "\n  --resume " in corpus and "--jsonl-edits FIELD" in corpus) == (command == "fix")
        assert "\n  --unsafe-fixes " in text.split("Fix:")[1].split("Review decisions:")[0]
        assert "\n  --decisions FILE" in text.split("Review decisions:")[1].split("Output:")[0]
        assert "\n  --learn " in text.split("Rule selection:")[1].split("Fix:")[0]
        # No flag is left in argparse's catch-all group.
        assert "options:\n  -h, --help            show this help message and exit\n\n" in text
        assert f"  cleaner {command} " in text.split("examples:")[1] and "\n  2  an error" in text
    with pytest.raises(SystemExit):
        parser.parse_args(["--help"])
    text = capsys.readouterr().out
    assert "cleaner check article.txt" in text and "exit codes:" in text and "  1  edits pending (check)" in text
