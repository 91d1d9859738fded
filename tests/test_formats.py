"""SARIF, JUnit XML and GitLab code quality: each read back by a real parser (or checked field by field against GitLab's documentation)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from junitparser import Error, Failure, JUnitXml
from pydantic_sarif.model import StaticAnalysisResultsFormatSarifVersion210JsonSchema as SarifLog

PACK = """\
rules:
  - id: colour
    kind: swap
    words: {color: colour}
    safety: safe
    severity: error
    message: American spelling {match}
    why: House style.
    examples:
      - before: "The color red."
        after: "The colour red."
  - id: shout
    kind: replace
    pattern: '!{2,}'
    replacement: '!'
    safety: unsafe
    message: Repeated exclamation marks
    why: Wire copy does not shout.
    examples:
      - before: "Stop!!!"
        after: "Stop!"
  - id: double-space
    kind: replace
    pattern: '(?<=\\S)  +(?=\\S)'
    replacement: ' '
    safety: safe
    severity: info
    message: Doubled space
    why: Tidy spacing.
    examples:
      - before: "a  b"
        after: "a b"
"""

DAMAGED = "Café  color on line one!!!\nAnd a second color, “quoted”.\n"


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[str, ...]:
    """A working folder with a rules folder, one damaged and one clean article; paths relative to it, as CI gives them."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "house.yaml").write_text(PACK, encoding="utf-8")
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "damaged article.txt").write_text(DAMAGED, encoding="utf-8")
    (tmp_path / "news" / "clean.txt").write_text("Nothing to see.\n", encoding="utf-8")
    return ("--no-default-rules", "--rules", "rules")


def offsets(text: str, line: int, column: int) -> int:
    starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
    return starts[line - 1] + column - 1


def test_sarif_is_a_valid_log_whose_fixes_give_the_fixed_text(cli, corpus: tuple[str, ...], tmp_path: Path) -> None:
    run = cli("check", *corpus, "--output-format", "sarif", "news")
    assert run.code == 1 and "Found 4 edits in 1 file." in run.err
    log = SarifLog.model_validate_json(run.out)
    assert log.version.value == "2.1.0"
    data = json.loads(run.out)
    [sarif_run] = data["runs"]
    assert sarif_run["tool"]["driver"]["name"] == "cleaner" and sarif_run["columnKind"] == "unicodeCodePoints"
    rules = sarif_run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == ["house/colour", "house/double-space", "house/shout"]
    assert [r["defaultConfiguration"]["level"] for r in rules] == ["error", "note", "warning"]
    results = sarif_run["results"]
    assert [(r["ruleId"], r["level"]) for r in results] == [
        ("house/double-space", "note"),
        ("house/colour", "error"),
        ("house/shout", "warning"),
        ("house/colour", "error"),
    ]
    for result in results:
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"] == "news/damaged%20article.txt"
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert location["region"]["startLine"] >= 1 and result["message"]["text"]
    text = DAMAGED
    replacements = [r["fixes"][0]["artifactChanges"][0]["replacements"][0] for r in results]
    for change in sorted(replacements, key=lambda c: (c["deletedRegion"]["startLine"], c["deletedRegion"]["startColumn"]), reverse=True):
        region = change["deletedRegion"]
        start = offsets(text, region["startLine"], region["startColumn"])
        end = offsets(text, region["endLine"], region["endColumn"])
        text = text[:start] + change["insertedContent"]["text"] + text[end:]
    cli("fix", *corpus, "--unsafe-fixes", "news")
    assert text == (tmp_path / "news" / "damaged article.txt").read_text(encoding="utf-8")


def test_sarif_reports_unreadable_files_as_failed_execution(cli, corpus: tuple[str, ...]) -> None:
    run = cli("check", *corpus, "--output-format", "sarif", "news/clean.txt", "news/missing.txt")
    assert run.code == 2
    invocation = json.loads(run.out)["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert invocation["toolExecutionNotifications"][0]["message"]["text"] == "news/missing.txt: no such file or folder"
    SarifLog.model_validate_json(run.out)


def test_junit_has_a_suite_per_document_and_a_failure_per_edit(cli, corpus: tuple[str, ...]) -> None:
    run = cli("check", *corpus, "--output-format", "junit", "news", "news/missing.txt")
    assert run.code == 2
    xml = JUnitXml.fromstring(run.out_bytes)
    suites = {suite.name: suite for suite in xml}
    assert set(suites) == {"news/clean.txt", "news/damaged article.txt", "cleaner"}
    damaged = suites["news/damaged article.txt"]
    assert (damaged.tests, damaged.failures, damaged.errors) == (4, 4, 0)
    failures = [(case.name, case.result[0].type, case.result[0].message) for case in damaged]
    assert failures[0] == ("house/double-space at 1:5", "info", "Doubled space")
    assert failures[1] == ("house/colour at 1:7", "error", "American spelling color")
    assert all(isinstance(case.result[0], Failure) for case in damaged)
    assert "news/damaged article.txt:1:7: house/colour [*] American spelling color" in damaged_text(damaged)
    [clean_case] = list(suites["news/clean.txt"])
    assert clean_case.is_passed and suites["news/clean.txt"].failures == 0
    [error_case] = list(suites["cleaner"])
    assert isinstance(error_case.result[0], Error) and "no such file" in error_case.result[0].message
    assert (xml.tests, xml.failures, xml.errors) == (6, 4, 1)


def damaged_text(suite) -> str:  # type: ignore[no-untyped-def]
    return "\n".join(case.result[0].text for case in suite)


# The fields GitLab reads, as https://docs.gitlab.com/ci/testing/code_quality/#code-quality-report-format lists them.
GITLAB_SEVERITIES = {"info", "minor", "major", "critical", "blocker"}


def test_gitlab_code_quality_has_exactly_the_documented_fields(cli, corpus: tuple[str, ...], tmp_path: Path) -> None:
    run = cli("check", *corpus, "--output-format", "gitlab", "-o", "gl-code-quality-report.json", str(tmp_path / "news"))
    assert run.code == 1 and run.out == "" and "Found 4 edits" in run.err
    raw = (tmp_path / "gl-code-quality-report.json").read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf"), "GitLab's parser refuses a byte-order mark"
    issues = json.loads(raw)
    assert isinstance(issues, list) and len(issues) == 4
    for issue in issues:
        assert set(issue) == {"description", "check_name", "fingerprint", "severity", "location"}
        assert isinstance(issue["description"], str) and issue["description"]
        assert issue["check_name"].startswith("house/")
        assert issue["severity"] in GITLAB_SEVERITIES
        assert issue["location"]["path"] == "news/damaged article.txt", "relative to the project, not absolute"
        assert isinstance(issue["location"]["lines"]["begin"], int) and issue["location"]["lines"]["begin"] >= 1
    assert len({issue["fingerprint"] for issue in issues}) == 4
    assert {(i["check_name"], i["severity"]) for i in issues} == {("house/colour", "major"), ("house/shout", "minor"), ("house/double-space", "info")}


def test_gitlab_fingerprints_survive_lines_added_above(cli, corpus: tuple[str, ...], tmp_path: Path) -> None:
    before = json.loads(cli("check", *corpus, "--output-format", "gitlab", "news").out)
    path = tmp_path / "news" / "damaged article.txt"
    path.write_text("A new first paragraph.\n\n" + DAMAGED, encoding="utf-8")
    after = json.loads(cli("check", *corpus, "--output-format", "gitlab", "news").out)
    assert [i["fingerprint"] for i in before] == [i["fingerprint"] for i in after]
    assert [i["location"]["lines"]["begin"] + 2 for i in before] == [i["location"]["lines"]["begin"] for i in after]


def test_github_annotations_carry_the_severity(cli, corpus: tuple[str, ...]) -> None:
    lines = cli("check", *corpus, "--output-format", "github", "news").out.splitlines()
    assert [line.split(" ", 1)[0] for line in lines] == ["::notice", "::error", "::warning", "::error"]


def test_sarif_columns_count_code_points(cli, corpus: tuple[str, ...], tmp_path: Path) -> None:
    (tmp_path / "news" / "damaged article.txt").write_text("Ünïcödé color\n", encoding="utf-8")
    result = json.loads(cli("check", *corpus, "--output-format", "sarif", "news").out)["runs"][0]["results"][0]
    region = result["locations"][0]["physicalLocation"]["region"]
    assert (region["startColumn"], region["endColumn"]) == (9, 14)
