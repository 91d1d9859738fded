"""Corpora: JSONL records, -o outputs, --include, --jobs, --resume and progress, without losing or corrupting a byte."""

from __future__ import annotations

import io
import json
import os
import time
from pathlib import Path

import pytest
from conftest import PACK
from rich.console import Console

from cleaner import fixing, jobs, output
from cleaner.corpus import Settings, clean_document
from cleaner.progress import meter

RECORDS = [
    b'{"id": 1, "text": "The color red.", "score": 1.50}\n',
    b'{"id": 2, "text": "Nothing to change.", "tags": ["a"]}\n',
    b"not json\n",
    b'{"id": 4, "body": "no text field"}\n',
    b"\n",
    b'{"text": "Line one.\\r\\nA color here.", "id": 6}\n',
    b'{"id": 7, "text": 7}',
]


@pytest.fixture
def rules(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[str, ...]:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "house.yaml").write_text(PACK, encoding="utf-8")
    return ("--no-default-rules", "--rules", "rules")


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    path = tmp_path / "corpus.jsonl"
    path.write_bytes(b"".join(RECORDS))
    return path


def test_check_addresses_records_as_file_record_line_column(cli, rules: tuple[str, ...], corpus: Path) -> None:
    run = cli("check", *rules, "corpus.jsonl")
    assert run.code == 2
    assert run.out.splitlines()[:2] == [
        "corpus.jsonl:1:1:5: house/colour [*] American spelling color",
        "corpus.jsonl:6:2:3: house/colour [*] American spelling color",
    ]
    assert "error: corpus.jsonl:3: not valid JSON (Expecting value at column 1); record passed through unchanged" in run.err
    assert "error: corpus.jsonl:4: no 'text' field (choose the text field with --jsonl-field); record passed through unchanged" in run.err
    assert "error: corpus.jsonl:7: field 'text' is not a string (a number); record passed through unchanged" in run.err
    report = json.loads(cli("check", *rules, "--output-format", "json", "corpus.jsonl").out)
    assert [d["path"] for d in report["documents"]] == ["corpus.jsonl:1", "corpus.jsonl:2", "corpus.jsonl:6"]
    assert len(report["errors"]) == 3
    github = cli("check", *rules, "--output-format", "github", "corpus.jsonl").out.splitlines()[0]
    assert "file=corpus.jsonl,line=1::" in github and github.endswith("::corpus.jsonl:1:1:5: house/colour [*] American spelling color")


def test_fix_in_place_changes_only_the_text_field_and_passes_bad_records_through(cli, rules: tuple[str, ...], corpus: Path) -> None:
    run = cli("fix", *rules, "corpus.jsonl")
    assert run.code == 2
    lines = corpus.read_bytes().splitlines(keepends=True)
    assert lines[0] == b'{"id": 1, "text": "The colour red.", "score": 1.50}\n'
    assert lines[1:5] == RECORDS[1:5] and lines[6] == RECORDS[6]
    assert lines[5] == b'{"text": "Line one.\\r\\nA colour here.", "id": 6}\n'
    assert not [p for p in corpus.parent.iterdir() if p.name.startswith(".cleaner-")]


def test_a_jsonl_file_without_changes_is_not_rewritten(cli, rules: tuple[str, ...], tmp_path: Path) -> None:
    path = tmp_path / "clean.jsonl"
    path.write_bytes(b'{"text": "Nothing here."}\n')
    before = path.stat()
    assert cli("fix", *rules, "clean.jsonl").code == 0
    after = path.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


def test_jsonl_edits_and_field_and_stdin(cli, rules: tuple[str, ...]) -> None:
    data = b'{"body": "A color.", "n": 1}\n{"body": "Fine.", "n": 2}\n'
    run = cli("fix", *rules, "--jsonl-field", "body", "--jsonl-edits", "edits", "--stdin-format", "jsonl", "-", stdin=data)
    first, second = run.out_bytes.splitlines()
    assert first.startswith(b'{"body": "A colour.", "n": 1, "edits": [{"rule": "house/colour"')
    assert json.loads(first)["edits"][0]["applies"] is True and json.loads(second)["edits"] == []
    named = cli("check", *rules, "--jsonl-field", "body", "--stdin-filename", "crawl.jsonl", "-", stdin=data)
    assert named.out.startswith("crawl.jsonl:1:1:3: house/colour")


def test_folders_find_jsonl_only_when_included(cli, rules: tuple[str, ...], tmp_path: Path) -> None:
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.txt").write_text("A color.\n", encoding="utf-8")
    (tmp_path / "news" / "b.jsonl").write_bytes(b'{"text": "A color."}\n')
    assert cli("check", *rules, "--show-files", "news").out == "news/a.txt\n"
    run = cli("check", *rules, "--include", "*.jsonl", "news")
    assert run.out.splitlines()[0] == "news/b.jsonl:1:1:3: house/colour [*] American spelling color"
    assert "news/a.txt" not in run.out


def test_output_mirrors_a_folder_and_never_touches_the_input(cli, rules: tuple[str, ...], tmp_path: Path) -> None:
    news = tmp_path / "news"
    (news / "sub").mkdir(parents=True)
    (news / "a.txt").write_bytes(b"A color.\r\n")
    (news / "sub" / "b.md").write_bytes(b"Fine.\n")
    (news / "bad.txt").write_bytes(b"caf\xe9 color\n")
    before = {p: p.read_bytes() for p in news.rglob("*") if p.is_file()}
    run = cli("fix", *rules, "news", "-o", "clean")
    assert run.code == 2 and "news/bad.txt: not valid UTF-8" in run.err
    assert {p: p.read_bytes() for p in news.rglob("*") if p.is_file()} == before
    assert (tmp_path / "clean" / "a.txt").read_bytes() == b"A colour.\r\n"
    assert (tmp_path / "clean" / "sub" / "b.md").read_bytes() == b"Fine.\n"
    assert (tmp_path / "clean" / "bad.txt").read_bytes() == b"caf\xe9 color\n"
    assert not list(tmp_path.glob(".clean.cleaner-*"))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("news", "-o", "news/out"), "error: -o news/out: is inside the input folder news; write the cleaned corpus outside it"),
        (("news/a.txt", "-o", "news/a.txt"), "error: -o news/a.txt: is an input; write the cleaned corpus to a new path"),
        (("news/a.txt", "other/a.txt", "-o", "out"), "error: -o out: news/a.txt and other/a.txt would both be written to out/a.txt"),
        (("news", "-o", "full"), "error: -o full: folder exists and is not empty"),
        (("news", "--resume"), "error: --resume continues a run of `fix -o PATH`"),
    ],
)
def test_output_refusals(cli, rules: tuple[str, ...], tmp_path: Path, args: tuple[str, ...], message: str) -> None:
    for folder in ("news", "other", "full"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "a.txt").write_text("A color.\n", encoding="utf-8")
    run = cli("fix", *rules, *args)
    assert run.code == 2 and run.err.startswith(message), run.err
    assert (tmp_path / "news" / "a.txt").read_text(encoding="utf-8") == "A color.\n"


def _corpus_folder(root: Path, count: int) -> None:
    root.mkdir()
    for number in range(count):
        words = " ".join(["The color red."] * (1 + number * 7 % 23))
        (root / f"{number:03}.txt").write_text(f"{words}\n", encoding="utf-8")


def test_jobs_two_equals_jobs_one_byte_for_byte(cli, rules: tuple[str, ...], tmp_path: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(jobs, "CHUNK_BYTES", 200)
    _corpus_folder(tmp_path / "news", 40)
    big = tmp_path / "big.jsonl"
    big.write_bytes(b"".join(RECORDS[:6]) * 30)
    outputs = {}
    for count in ("1", "2"):
        folder = cli("fix", *rules, "--jobs", count, "news", "-o", f"news-{count}")
        records = cli("fix", *rules, "--jobs", count, "--jsonl-edits", "edits", "big.jsonl", "-o", f"big-{count}.jsonl")
        report = cli("check", *rules, "--jobs", count, "--output-format", "json", "news", "big.jsonl")
        outputs[count] = (folder.code, folder.err, records.err, report.out, (tmp_path / f"big-{count}.jsonl").read_bytes())
        outputs[count] += tuple(p.read_bytes() for p in sorted((tmp_path / f"news-{count}").iterdir()))
    assert outputs["1"] == outputs["2"]
    assert b"The colour red." in outputs["2"][-1]


def test_resume_after_an_interruption_gives_the_same_bytes(cli, rules: tuple[str, ...], tmp_path: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(output, "SHARD_SIZE", 4)
    _corpus_folder(tmp_path / "news", 15)
    big = tmp_path / "big.jsonl"
    big.write_bytes(b"".join(RECORDS[:6]) * 5)
    wholes = {source: cli("fix", *rules, source, "-o", target) for source, target in (("big.jsonl", "whole.jsonl"), ("news", "whole"))}

    def interrupt(shards: int) -> None:
        if shards == 2:
            raise KeyboardInterrupt

    for source, target, whole in (("big.jsonl", "part.jsonl", "whole.jsonl"), ("news", "part", "whole")):
        monkeypatch.setattr(fixing, "after_shard", interrupt)
        stopped = cli("fix", *rules, source, "-o", target)
        assert stopped.code == 2 and "error: interrupted" in stopped.err
        assert (tmp_path / f".{target}.cleaner-journal").exists()
        assert not (tmp_path / target).is_file()
        monkeypatch.setattr(fixing, "after_shard", lambda shards: None)
        resumed = cli("fix", *rules, "--resume", source, "-o", target)
        assert resumed.code == wholes[source].code
        if source == "big.jsonl":
            assert (tmp_path / target).read_bytes() == (tmp_path / whole).read_bytes()
            assert sorted(resumed.err.splitlines()[:-1]) == sorted(wholes[source].err.splitlines()[:-1])
        else:
            assert [p.read_bytes() for p in sorted((tmp_path / target).iterdir())] == [p.read_bytes() for p in sorted((tmp_path / whole).iterdir())]
        assert not (tmp_path / f".{target}.cleaner-journal").exists()
        assert not list(tmp_path.glob(f".{target}.cleaner-partial"))


def test_resume_refuses_other_settings(cli, rules: tuple[str, ...], corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(output, "SHARD_SIZE", 2)
    monkeypatch.setattr(fixing, "after_shard", lambda shards: (_ for _ in ()).throw(KeyboardInterrupt))
    assert cli("fix", *rules, "corpus.jsonl", "-o", "out.jsonl").code == 2
    monkeypatch.setattr(fixing, "after_shard", lambda shards: None)
    run = cli("fix", *rules, "--unsafe-fixes", "--resume", "corpus.jsonl", "-o", "out.jsonl")
    assert run.code == 2 and "written by a run with other inputs or settings" in run.err


def test_no_progress_when_not_a_terminal_or_quiet(cli, rules: tuple[str, ...], corpus: Path) -> None:
    run = cli("check", *rules, "corpus.jsonl")
    assert "documents" not in run.err and "MB/s" not in run.err
    assert type(meter(io.StringIO(), quiet=False, total=10)).__name__ == "Meter"
    assert type(meter(io.StringIO(), quiet=True, total=10, console=Console(file=io.StringIO()))).__name__ == "Meter"


def test_progress_on_a_terminal_shows_documents_megabytes_speed_and_time_left() -> None:
    screen = io.StringIO()
    console = Console(file=screen, force_terminal=True, width=100, color_system=None)
    bar = meter(screen, quiet=False, total=4_000_000, console=console)
    bar.advance(1, 1_000_000)
    time.sleep(0.05)
    bar.advance(2, 1_000_000)
    bar.close()
    text = screen.getvalue()
    assert "3 documents" in text and "2.0/4.0 MB" in text and "MB/s" in text


def test_clean_document_is_the_picklable_step() -> None:
    import pickle

    settings = pickle.loads(pickle.dumps(Settings(default_rules=False)))
    result = clean_document("Text.", settings)
    assert pickle.loads(pickle.dumps(result)).text == "Text."
    assert os.path.basename(clean_document.__module__.replace(".", "/")) == "corpus"
