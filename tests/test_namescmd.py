"""``cleaner names``: through the engine and the names rule, people only, and a --write that never loses a file."""

from __future__ import annotations

from pathlib import Path

from cleaner.kinds.names import load_gazetteer


def articles(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text("Igor Savelyev was sentenced. Igor Savelyev appealed.\n\nSergei Lavrov spoke.\n", encoding="utf-8")
    (folder / "b.txt").write_text("Igor Saveliev lost the appeal, and Savelyev left. Lavrov said so.\n", encoding="utf-8")
    return folder


def test_names_lists_people_with_spellings_and_counts(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    run = cli("names", str(articles(tmp_path)))
    assert run.code == 0
    lines = run.out.splitlines()
    assert lines[0] == "Igor Savelyev  (new; 4 mentions in 2 files)"
    assert lines[1:4] == ["       2  Igor Savelyev", "       1  Igor Saveliev", "       1  Savelyev  (alone)"]
    assert "Sergey Lavrov  (gazetteer; 2 mentions in 2 files)" in lines
    assert "2 people in 2 files; 1 spelled more than one way" in run.err


def test_places_organisations_and_mojibake_are_not_people(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Protesters gathered in Tahrir Square on Friday, Tasnim News Agency reported. The Moscow City Court adjourned.\n\n"
        "President JosÃ© Ramos said the talks would resume.\n"
    )
    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")
    run = cli("names", str(path))
    assert run.code == 0
    assert run.out.splitlines() == ["José Ramos  (new; 1 mentions in 1 file)", "       1  José Ramos"]
    assert "not listed" in run.err


def test_markdown_code_is_not_read_for_names(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "a.md"
    path.write_text("Minister Anna Petrova said so.\n\n```\nMinister Boris Ivanov said so.\n```\n", encoding="utf-8")
    run = cli("names", str(path))
    assert [line for line in run.out.splitlines() if not line.startswith(" ")] == ["Anna Petrova  (new; 1 mentions in 1 file)"]


def test_config_applies(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    folder = articles(tmp_path)
    (folder / "cleaner.toml").write_text('ignore = ["names"]\n', encoding="utf-8")
    run = cli("names", str(folder))
    assert run.code == 0 and run.out == ""


def test_written_gazetteer_round_trips_through_a_rule(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    rules = tmp_path / "rules"
    written = rules / "names" / "found.yaml"
    run = cli("names", str(articles(tmp_path)), "--write", str(written))
    assert run.code == 0 and "wrote 1 people" in run.err
    gazetteer = load_gazetteer([str(written)])
    assert [(p.name, tuple(v.text for v in p.misspellings)) for p in gazetteer.people] == [("Igor Savelyev", ("Igor Saveliev",))]
    (rules / "local-names.yaml").write_text(
        "phase: names\nrules:\n  - id: local-name-variant\n    kind: names\n    gazetteer: [names/found.yaml]\n"
        "    safety: safe\n    message: '{match} -> {canonical}'\n    why: Reviewed spellings from our own articles.\n"
        "    examples:\n      - before: 'Igor Saveliev appealed.'\n        after: 'Igor Savelyev appealed.'\n"
        "      - unchanged: 'Igor Savelyev appealed.'\n",
        encoding="utf-8",
    )
    checked = cli("test-rules", "--no-default-rules", str(rules))
    assert checked.code == 0, checked.out
    assert checked.out.strip().endswith("2 passed, 0 failed")


def test_write_refuses_to_replace_a_file_without_force(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    reviewed = tmp_path / "people.yaml"
    reviewed.write_text("people:\n  - name: Ann Lee\n", encoding="utf-8")
    folder = articles(tmp_path)
    run = cli("names", str(folder), "--write", str(reviewed))
    assert run.code == 2
    assert run.err.splitlines()[-1] == f"error: {reviewed}: already exists; pass --force to replace it"
    assert reviewed.read_text(encoding="utf-8") == "people:\n  - name: Ann Lee\n"
    forced = cli("names", str(folder), "--write", str(reviewed), "--force")
    assert forced.code == 0 and "Igor Savelyev" in reviewed.read_text(encoding="utf-8")


def test_write_into_a_folder_that_cannot_exist_is_one_line(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    run = cli("names", str(articles(tmp_path)), "--write", str(blocker / "sub" / "people.yaml"))
    assert run.code == 2
    assert run.err.splitlines()[-1].startswith(f"error: {blocker / 'sub' / 'people.yaml'}: cannot create its folder")


def test_missing_path_is_an_error(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    run = cli("names", str(tmp_path / "nope"))
    assert run.code == 2 and "no such file or folder" in run.err
