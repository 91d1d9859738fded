"""Every file case of the reliability notes (docs/reliability.md), through the real command line.

A small user pack (``house``: color -> colour, safe; ``!!!`` -> ``!``,
unsafe) keeps these tests independent of the shipped rules. Cases where
the process must die run in a subprocess; the rest run in-process.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

import cleaner.cli
import cleaner.files
import cleaner.fixing
from cleaner.files import TEMP_PREFIX, Walker, decode, write_atomic

MESSY = b"The color red.\n"
FIXED = b"The colour red.\n"


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    folder = tmp_path / "docs"
    folder.mkdir()
    return folder


@pytest.fixture
def house(pack_dir: Path) -> tuple[str, ...]:
    return ("--no-default-rules", "--rules", str(pack_dir))


def put(folder: Path, name: str, data: bytes = MESSY) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def test_invalid_utf8_names_file_and_byte_and_leaves_it(cli, docs: Path, house) -> None:
    bad = put(docs, "bad.txt", b"The color red.\n\xff\xfeoops\n")
    good = put(docs, "good.txt")
    for command in ("check", "fix"):
        run = cli(command, *house, str(docs))
        assert run.code == 2
        assert (
            f"error: {bad}: not valid UTF-8 at byte 15; if it is in another encoding, name it with --encoding (for example --encoding cp1252); file left untouched"
            in run.err
        )
        assert "Traceback" not in run.err
    assert bad.read_bytes() == b"The color red.\n\xff\xfeoops\n"
    assert good.read_bytes() == FIXED


def test_invalid_utf8_after_a_bom_counts_the_bom(cli, docs: Path, house) -> None:
    bad = put(docs, "bad.txt", b"\xef\xbb\xbfab\xc3")
    run = cli("check", *house, str(bad))
    assert run.code == 2 and "at byte 5" in run.err


def test_encoding_option_reads_and_writes_that_encoding(cli, docs: Path, house) -> None:
    path = put(docs, "latin.txt", b"The color of caf\xe9s.\n")
    run = cli("fix", *house, "--encoding", "latin-1", str(path))
    assert run.code == 0
    assert path.read_bytes() == b"The colour of caf\xe9s.\n"


def test_utf16_with_bom_round_trips(cli, docs: Path, house) -> None:
    path = put(docs, "wide.txt", b"\xfe\xff" + "The color red.\r\n".encode("utf-16-be"))
    assert cli("fix", *house, "--encoding", "utf-16", str(path)).code == 0
    assert path.read_bytes() == b"\xfe\xff" + "The colour red.\r\n".encode("utf-16-be")


def test_unknown_encoding_is_an_error(cli, docs: Path, house) -> None:
    path = put(docs, "a.txt")
    run = cli("fix", *house, "--encoding", "klingon", str(path))
    assert run.code == 2 and "unknown encoding 'klingon'" in run.err
    assert path.read_bytes() == MESSY


def test_fix_the_encoding_cannot_hold_leaves_file_untouched(cli, docs: Path, tmp_path: Path) -> None:
    rules = tmp_path / "curly"
    rules.mkdir()
    (rules / "curly.yaml").write_text(
        'rules:\n  - id: straight-apostrophe\n    kind: replace\n    pattern: "\'"\n    replacement: "\u2019"\n    safety: safe\n'
        '    message: Straight apostrophe\n    why: Typography.\n    examples:\n      - before: "it\'s"\n        after: "it\u2019s"\n',
        encoding="utf-8",
    )
    path = put(docs, "a.txt", b"It's caf\xe9.\n")
    run = cli("fix", "--no-default-rules", "--rules", str(rules), "--encoding", "latin-1", str(path))
    assert run.code == 2
    assert "which latin-1 cannot encode; file left untouched" in run.err
    assert path.read_bytes() == b"It's caf\xe9.\n"
    piped = cli("fix", "--no-default-rules", "--rules", str(rules), "--encoding", "latin-1", "-", stdin=b"It's caf\xe9.\n")
    assert piped.code == 2 and piped.out_bytes == b"It's caf\xe9.\n"


def test_binary_file_is_skipped_with_a_message(cli, docs: Path, house) -> None:
    binary = put(docs, "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00color")
    put(docs, "good.txt")
    run = cli("fix", *house, str(docs))
    assert run.code == 2
    assert f"error: {binary}: binary file skipped" in run.err
    assert binary.read_bytes() == b"\x89PNG\r\n\x1a\n\x00\x00color"
    assert (docs / "good.txt").read_bytes() == FIXED


def test_empty_file(cli, docs: Path, house) -> None:
    path = put(docs, "empty.txt", b"")
    assert cli("check", *house, str(path)).code == 0
    assert cli("fix", *house, str(path)).code == 0
    assert path.read_bytes() == b""
    assert cli("fix", *house, "-", stdin=b"").out_bytes == b""


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (b"The color red.", b"The colour red."),
        (b"The color red.\r\nSecond color.\r\n", b"The colour red.\r\nSecond colour.\r\n"),
        (b"The color red.\r\nSecond color.", b"The colour red.\r\nSecond colour."),
        (b"\xef\xbb\xbfThe color red.\n", b"\xef\xbb\xbfThe colour red.\n"),
        (b"\xef\xbb\xbfcolor\r\n\r\ncolor\r\n", b"\xef\xbb\xbfcolour\r\n\r\ncolour\r\n"),
        (b"One color\r\ntwo color\nthree color\rfour\n\r", b"One colour\r\ntwo colour\nthree colour\rfour\n\r"),
        (b"Old Mac color\rline two color\r", b"Old Mac colour\rline two colour\r"),
        (b"color\n\n\n", b"colour\n\n\n"),
    ],
    ids=["no-final-newline", "crlf", "crlf-no-final-newline", "bom", "bom-crlf", "mixed-endings", "lone-cr", "trailing-blank-lines"],
)
def test_line_endings_bom_and_final_newline_are_kept_on_files_and_stdin(cli, docs: Path, house, before: bytes, after: bytes) -> None:
    path = put(docs, "a.txt", before)
    assert cli("fix", *house, str(path)).code == 0
    assert path.read_bytes() == after
    piped = cli("fix", *house, "-", stdin=before)
    assert piped.code == 0 and piped.out_bytes == after
    assert cli("fix", *house, "-", stdin=after).out_bytes == after


def test_bom_is_not_counted_in_columns(cli, docs: Path, house) -> None:
    path = put(docs, "a.txt", b"\xef\xbb\xbfThe color red.\r\n")
    run = cli("check", *house, str(path))
    assert f"{path}:1:5: house/colour" in run.out


def test_very_long_lines(cli, docs: Path, house) -> None:
    line = b"The color red, " * 70_000
    path = put(docs, "long.txt", line + b"\n")
    assert cli("fix", *house, str(path)).code == 0
    assert path.read_bytes() == b"The colour red, " * 70_000 + b"\n"


def test_read_only_file_is_not_rewritten_even_as_root(cli, docs: Path, house) -> None:
    locked = put(docs, "a-locked.txt")
    locked.chmod(0o444)
    other = put(docs, "b-other.txt")
    run = cli("fix", *house, str(docs))
    assert run.code == 2
    assert f"error: {locked}: file is read-only; not rewritten" in run.err
    assert locked.read_bytes() == MESSY
    assert stat.S_IMODE(locked.stat().st_mode) == 0o444
    assert other.read_bytes() == FIXED
    assert cli("check", *house, str(locked)).code == 1


def test_unreadable_file_is_an_error_and_others_go_on(cli, docs: Path, house, monkeypatch: pytest.MonkeyPatch) -> None:
    secret = put(docs, "a-secret.txt")
    other = put(docs, "b-other.txt")
    real_open = open

    def guarded(file, *args, **kwargs):  # type: ignore[no-untyped-def]
        if Path(file) == secret:
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(cleaner.files, "open", guarded, raising=False)
    run = cli("fix", *house, str(docs))
    assert run.code == 2
    assert f"error: {secret}: cannot read: Permission denied" in run.err
    assert secret.read_bytes() == MESSY and other.read_bytes() == FIXED


def test_file_vanishing_between_walk_and_read(cli, docs: Path, house, monkeypatch: pytest.MonkeyPatch) -> None:
    gone = put(docs, "a-gone.txt")
    other = put(docs, "b-other.txt")
    real_read = cleaner.cli.read_file

    def vanish(path: Path, **kwargs: str):  # type: ignore[no-untyped-def]
        if path == gone:
            path.unlink()
        return real_read(path, **kwargs)

    monkeypatch.setattr(cleaner.cli, "read_file", vanish)
    run = cli("fix", *house, str(docs))
    assert run.code == 2
    assert f"error: {gone}: no such file" in run.err
    assert other.read_bytes() == FIXED


def test_file_changed_between_read_and_write_is_not_overwritten(cli, docs: Path, house, monkeypatch: pytest.MonkeyPatch) -> None:
    path = put(docs, "a.txt")
    real_write = cleaner.fixing.write_atomic

    def edited_meanwhile(target: Path, data: bytes, **kwargs: object) -> None:
        with open(target, "ab") as handle:
            handle.write(b"A line typed meanwhile.\n")
        real_write(target, data, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(cleaner.fixing, "write_atomic", edited_meanwhile)
    run = cli("fix", *house, str(path))
    assert run.code == 2 and f"{path}: changed since it was read; not rewritten" in run.err
    assert path.read_bytes() == MESSY + b"A line typed meanwhile.\n"


def test_folder_that_refuses_a_temporary_file(cli, docs: Path, house, monkeypatch: pytest.MonkeyPatch) -> None:
    path = put(docs, "a.txt")

    def refuse(**kwargs: object) -> tuple[int, str]:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(cleaner.files.tempfile, "mkstemp", refuse)
    run = cli("fix", *house, str(path))
    assert run.code == 2 and f"error: {path}: cannot write: Permission denied" in run.err
    assert "Traceback" not in run.err and path.read_bytes() == MESSY


def test_permissions_and_owner_are_kept(cli, docs: Path, house) -> None:
    path = put(docs, "a.txt")
    path.chmod(0o640)
    if os.geteuid() == 0:
        os.chown(path, 4321, 4321)
    owner = (path.stat().st_uid, path.stat().st_gid)
    assert cli("fix", *house, str(path)).code == 0
    assert path.read_bytes() == FIXED
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert (path.stat().st_uid, path.stat().st_gid) == owner


def test_symlink_target_is_rewritten_and_link_stays(cli, docs: Path, house, tmp_path: Path) -> None:
    elsewhere = tmp_path / "store"
    elsewhere.mkdir()
    target = put(elsewhere, "real.txt")
    link = docs / "link.txt"
    link.symlink_to(target)
    assert cli("fix", *house, str(link)).code == 0
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_bytes() == FIXED
    assert not list(elsewhere.glob(f"{TEMP_PREFIX}*"))


def test_dangling_symlink_is_an_error(cli, docs: Path, house) -> None:
    link = docs / "dangling.txt"
    link.symlink_to(docs / "nowhere.txt")
    run = cli("fix", *house, str(docs))
    assert run.code == 2 and f"{link}: no such file" in run.err and link.is_symlink()


def test_hard_links_are_kept(cli, docs: Path, house) -> None:
    first = put(docs, "first.txt")
    second = docs / "second.txt"
    os.link(first, second)
    inode = first.stat().st_ino
    assert cli("fix", *house, str(first)).code == 0
    assert first.read_bytes() == second.read_bytes() == FIXED
    assert first.stat().st_ino == second.stat().st_ino == inode and first.stat().st_nlink == 2
    assert not list(docs.glob(f"{TEMP_PREFIX}*"))


def test_same_file_named_twice_is_processed_once(cli, docs: Path, house) -> None:
    path = put(docs, "a.txt")
    link = docs / "alias.txt"
    link.symlink_to(path)
    run = cli("check", *house, str(path), str(docs / "." / "a.txt"), str(docs), str(link))
    assert run.code == 1
    assert run.out.count("house/colour") == 1
    fixed = cli("fix", *house, str(path), str(path), str(docs))
    assert fixed.code == 0 and "Fixed 1 edit in 1 file." in fixed.err


def test_stdin_filename_with_a_folder(cli, docs: Path, house) -> None:
    path = put(docs, "a.txt")
    run = cli("fix", *house, "--stdin-filename", "piped.txt", str(docs))
    assert run.code == 0
    assert "warning: --stdin-filename names standard input" in run.err
    assert path.read_bytes() == FIXED
    named = cli("check", *house, "--stdin-filename", str(docs), "-", stdin=MESSY)
    assert named.code == 1 and f"{docs}:1:5: house/colour" in named.out


def test_pipes_in_a_walked_folder_are_skipped_not_waited_on(cli, docs: Path, house) -> None:
    os.mkfifo(docs / "pipe.txt")
    put(docs, "a.txt")
    run = cli("check", *house, str(docs))
    assert run.code == 1 and "pipe.txt" not in run.out + run.err


def test_temporary_files_are_invisible_to_the_walker(docs: Path) -> None:
    put(docs, "a.txt")
    put(docs, f"{TEMP_PREFIX}abc123.tmp")
    put(docs, f"{TEMP_PREFIX}abc123.txt")
    assert [p.name for p in Walker().walk([docs])] == ["a.txt"]


def test_write_atomic_refuses_what_is_not_a_regular_file(docs: Path) -> None:
    os.mkfifo(docs / "pipe.txt")
    with pytest.raises(cleaner.files.InputError, match="not a regular file"):
        write_atomic(docs / "pipe.txt", b"x")


def test_max_removed_guard_keeps_ordinary_footers_and_blocks_wipeouts(cli, docs: Path, tmp_path: Path) -> None:
    rules = tmp_path / "footer-rules"
    rules.mkdir()
    (rules / "footer.yaml").write_text(
        "rules:\n  - id: comment-footer\n    kind: remove\n    where: tail\n    within: 4\n    patterns: ['^Leave a Comment$', '^This site uses Akismet']\n"
        "    safety: safe\n    message: Comment footer\n    why: Page furniture.\n    examples:\n"
        '      - before: "Body.\\n\\nLeave a Comment\\n"\n        after: "Body.\\n"\n',
        encoding="utf-8",
    )
    footer = b"\n\nLeave a Comment\n\nThis site uses Akismet to reduce spam. Learn how your comment data is processed.\n"
    short = put(docs, "short.txt", b"The ministry said talks would resume in June." + footer)
    args = ("--no-default-rules", "--rules", str(rules))
    assert cli("fix", *args, str(short)).code == 0
    assert short.read_bytes() == b"The ministry said talks would resume in June.\n"
    wiped = put(docs, "wiped.txt", b"Hi." + footer)
    run = cli("fix", *args, str(wiped))
    assert run.code == 0 and "left unchanged" in run.err and wiped.read_bytes() == b"Hi." + footer
    stricter = put(docs, "stricter.txt", b"The ministry said talks would resume in June." + footer)
    assert "left unchanged" in cli("fix", *args, "--max-removed", "30", str(stricter)).err
    assert stricter.read_bytes() != b"The ministry said talks would resume in June.\n"
    assert cli("fix", *args, "--force", str(wiped)).code == 0 and wiped.read_bytes() == b"Hi.\n"


def run_cleaner(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "cleaner", *args], capture_output=True, cwd=ROOT, env={**os.environ, **(env or {})}, timeout=60, check=False)


@pytest.mark.parametrize("nth", [1, 3, 5])
def test_killed_between_write_and_rename_leaves_every_file_whole(docs: Path, house, nth: int) -> None:
    originals = {f"{i}.txt": b"Article %d. The color red.\n" % i + b"More text. " * 2000 + b"\n" for i in range(6)}
    for name, data in originals.items():
        put(docs, name, data)
    died = run_cleaner("fix", *house, str(docs), env={"CLEANER_FAULT_AFTER_WRITES": str(nth)})
    assert died.returncode == 137
    states = []
    for name, data in sorted(originals.items()):
        now = (docs / name).read_bytes()
        assert now in (data, data.replace(b"color", b"colour")), f"{name} is neither original nor repaired"
        states.append(now != data)
    assert states == [i < nth - 1 for i in range(6)]
    leftovers = [p.name for p in docs.iterdir() if p.name.startswith(TEMP_PREFIX)]
    assert len(leftovers) == 1
    check = run_cleaner("check", *house, str(docs))
    assert check.returncode == 1 and TEMP_PREFIX.encode() not in check.stdout + check.stderr
    assert run_cleaner("fix", *house, str(docs)).returncode == 0
    assert all((docs / n).read_bytes() == d.replace(b"color", b"colour") for n, d in originals.items())


def test_killed_before_an_in_place_hard_link_write_leaves_it_whole(docs: Path, house) -> None:
    first = put(docs, "first.txt")
    os.link(first, docs / "second.txt")
    died = run_cleaner("fix", *house, str(first), env={"CLEANER_FAULT_AFTER_WRITES": "1"})
    assert died.returncode == 137
    assert first.read_bytes() == (docs / "second.txt").read_bytes() == MESSY
    assert first.stat().st_nlink == 2


def test_real_process_errors_have_no_traceback(docs: Path, house) -> None:
    locked = put(docs, "locked.txt")
    locked.chmod(0o444)
    put(docs, "bad.txt", b"\xff")
    done = run_cleaner("fix", *house, str(docs))
    assert done.returncode == 2
    assert b"Traceback" not in done.stderr
    assert done.stderr.count(b"error: ") == 2


def test_decode_keeps_mixed_endings_in_the_text() -> None:
    source = decode(b"a\r\nb\nc", "m.txt")
    assert source.text == "a\r\nb\nc" and source.newline == "\n"
    assert source.encode(source.text) == b"a\r\nb\nc"
