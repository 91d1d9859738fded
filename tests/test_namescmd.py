from __future__ import annotations

from pathlib import Path

from cleaner.kinds.names import load_gazetteer


def articles(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text("Igor Savelyev was sentenced. Igor Savelyev appealed.\n\nSergei Lavrov spoke.\n", encoding="utf-8")
    (folder / "b.txt").write_text("Igor Saveliev lost the appeal, and Savelyev left. Lavrov spoke.\n", encoding="utf-8")
    return folder


def test_names_lists_people_with_spellings_and_counts(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    run = cli("names", str(articles(tmp_path)))
    assert run.code == 0
    lines = run.out.splitlines()
    assert lines[0] == "Igor Savelyev  (new; 4 mentions in 2 files)"
    assert lines[1:4] == ["       2  Igor Savelyev", "       1  Igor Saveliev", "       1  Savelyev  (alone)"]
    assert "Sergey Lavrov  (gazetteer; 2 mentions in 2 files)" in lines
    assert "2 people in 2 files; 1 spelled more than one way" in run.err


def test_written_gazetteer_round_trips_through_a_rule(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    rules = tmp_path / "rules"
    (rules / "names").mkdir(parents=True)
    written = rules / "names" / "found.yaml"
    run = cli("names", str(articles(tmp_path)), "--write", str(written))
    assert run.code == 0 and "wrote 1 people" in run.err
    gazetteer = load_gazetteer([str(written)])
    assert [(p.name, p.variants) for p in gazetteer.people] == [("Igor Savelyev", ("Igor Saveliev",))]
    (rules / "local-names.yaml").write_text(
        "phase: names\nrules:\n  - id: local-name-variant\n    kind: names\n    gazetteer: [names/found.yaml]\n"
        "    safety: safe\n    message: Name spelled another way\n    why: Reviewed spellings from our own articles.\n"
        "    examples:\n      - before: 'Igor Saveliev appealed.'\n        after: 'Igor Savelyev appealed.'\n"
        "      - unchanged: 'Igor Savelyev appealed.'\n",
        encoding="utf-8",
    )
    checked = cli("test-rules", "--no-default-rules", str(rules))
    assert checked.code == 0, checked.out
    assert checked.out.strip().endswith("2 passed, 0 failed")


def test_missing_path_is_an_error(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    run = cli("names", str(tmp_path / "nope"))
    assert run.code == 2 and "no such file or folder" in run.err
