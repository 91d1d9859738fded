from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

MESSY = "The color  red!!!\n"


def article(tmp_path: Path, name: str = "a.txt", text: str = MESSY) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_check_prints_diagnostics_and_exits_1(cli, tmp_path: Path, pack_dir: Path) -> None:
    path = article(tmp_path)
    run = cli("check", "--no-default-rules", "--rules", str(pack_dir), str(path))
    assert run.code == 1
    lines = run.out.splitlines()
    assert lines[0] == f"{path}:1:5: house/colour [*] American spelling color"
    assert lines[1] == f"{path}:1:15: house/shout Repeated exclamation marks"
    assert "Found 2 edits in 1 file." in run.out
    assert "1 unsafe fix held back (enable with `--unsafe-fixes`)." in run.out


def test_check_clean_file_exits_0(cli, tmp_path: Path, pack_dir: Path) -> None:
    path = article(tmp_path, text="The colour red.\n")
    run = cli("check", "--no-default-rules", "--rules", str(pack_dir), str(path))
    assert run.code == 0 and "All clean" in run.out


def test_exit_zero(cli, tmp_path: Path, pack_dir: Path) -> None:
    run = cli("check", "--exit-zero", "--no-default-rules", "--rules", str(pack_dir), str(article(tmp_path)))
    assert run.code == 0 and "house/colour" in run.out


def test_fix_rewrites_only_changed_files_and_holds_back_unsafe(cli, tmp_path: Path, pack_dir: Path) -> None:
    messy = article(tmp_path)
    clean = article(tmp_path, "b.txt", "The colour red.\n")
    before = clean.stat().st_mtime_ns
    os.utime(clean, ns=(before - 10**9, before - 10**9))
    stamp = clean.stat().st_mtime_ns
    run = cli("fix", "--no-default-rules", "--rules", str(pack_dir), str(tmp_path))
    assert run.code == 0
    assert messy.read_text(encoding="utf-8") == "The colour  red!!!\n"
    assert clean.stat().st_mtime_ns == stamp
    assert "Fixed 1 edit in 1 file. 1 unsafe fix held back" in run.err
    assert run.out == ""


def test_fix_unsafe(cli, tmp_path: Path, pack_dir: Path) -> None:
    path = article(tmp_path)
    assert cli("fix", "--unsafe-fixes", "--no-default-rules", "--rules", str(pack_dir), str(path)).code == 0
    assert path.read_text(encoding="utf-8") == "The colour  red!\n"


def test_fix_diff_writes_nothing_and_exits_1(cli, tmp_path: Path, pack_dir: Path) -> None:
    path = article(tmp_path)
    run = cli("fix", "--diff", "--no-default-rules", "--rules", str(pack_dir), str(path))
    assert run.code == 1
    assert path.read_text(encoding="utf-8") == MESSY
    assert "-The color  red!!!\n+The colour  red!!!\n" in run.out


def test_fix_stdin_to_stdout_only_text(cli, pack_dir: Path) -> None:
    run = cli("fix", "-", "--no-default-rules", "--rules", str(pack_dir), stdin="\ufeffcolor\r\nline two\r\n".encode())
    assert run.out_bytes == "\ufeffcolour\r\nline two\r\n".encode()
    assert "Fixed 1 edit" in run.err


def test_stdin_is_read_when_piped_and_no_path_given(cli, pack_dir: Path) -> None:
    run = cli("check", "--no-default-rules", "--rules", str(pack_dir), stdin=b"color\n")
    assert run.code == 1 and run.out.startswith("-:1:1: house/colour [*]")


def test_stdin_filename(cli, pack_dir: Path) -> None:
    run = cli("check", "--stdin-filename", "news/x.txt", "--no-default-rules", "--rules", str(pack_dir), "-", stdin=b"color\n")
    assert run.out.startswith("news/x.txt:1:1: house/colour")


def test_no_path_on_a_terminal_asks_for_one(cli) -> None:
    run = cli("check", tty=True)
    assert run.code == 2 and run.err == "error: no input: give a path, or - for stdin\n"


def test_missing_file_is_an_error_but_others_are_processed(cli, tmp_path: Path, pack_dir: Path) -> None:
    path = article(tmp_path)
    run = cli("fix", "--no-default-rules", "--rules", str(pack_dir), str(tmp_path / "nope.txt"), str(path))
    assert run.code == 2
    assert "nope.txt: no such file or folder" in run.err
    assert path.read_text(encoding="utf-8") == "The colour  red!!!\n"


def test_select_and_ignore_take_ids_packs_and_globs(cli, tmp_path: Path, pack_dir: Path) -> None:
    path = str(article(tmp_path))
    base = ("check", "--no-default-rules", "--rules", str(pack_dir))
    assert "house/shout" not in cli(*base, "--select", "house/colour", path).out
    assert "house/colour" not in cli(*base, "--ignore", "house/col*", path).out
    only_pack = cli(*base, "--select", "house", path).out
    assert "house/colour" in only_pack and "house/shout" in only_pack
    assert cli(*base, "--ignore", "house", path).code == 0


def test_output_format_json(cli, tmp_path: Path, pack_dir: Path) -> None:
    path = article(tmp_path)
    run = cli("check", "--output-format", "json", "--no-default-rules", "--rules", str(pack_dir), str(path))
    data = json.loads(run.out)
    assert data["tool"] == "cleaner" and data["version"] and data["rules_version"]
    [doc] = data["documents"]
    assert doc["path"] == str(path)
    first = doc["edits"][0]
    assert {k: first[k] for k in ("rule", "safety", "start", "end", "line", "column", "replacement", "original")} == {
        "rule": "house/colour",
        "safety": "safe",
        "start": 4,
        "end": 9,
        "line": 1,
        "column": 5,
        "replacement": "colour",
        "original": "color",
    }
    assert "Found" in run.err


def test_output_format_github(cli, tmp_path: Path, pack_dir: Path) -> None:
    path = article(tmp_path)
    run = cli("check", "--output-format", "github", "--no-default-rules", "--rules", str(pack_dir), str(path))
    assert run.out.splitlines()[0].startswith(f"::warning title=cleaner (house/colour),file={path},line=1,col=5::")
    assert "Found" not in run.out


def test_output_format_full_and_diff(cli, tmp_path: Path, pack_dir: Path) -> None:
    path = str(article(tmp_path))
    full = cli("check", "--output-format", "full", "--no-default-rules", "--rules", str(pack_dir), path).out
    assert "1 | The color  red!!!\n        ^^^^^\n  = help: Replace 'color' with 'colour'" in full
    diff = cli("check", "--output-format", "diff", "--no-default-rules", "--rules", str(pack_dir), path).out
    assert "+The colour  red!\n" in diff


def test_rules_lists_in_run_order_and_shows_one(cli, pack_dir: Path) -> None:
    run = cli("rules", "--rules", str(pack_dir))
    assert run.code == 0
    ids = [line.split()[0] for line in run.out.splitlines() if "/" in line.split()[0]]
    assert ids.index("house/colour") < ids.index("whitespace/doubled-space")
    one = cli("rules", "--rules", str(pack_dir), "house/colour")
    assert "Why: House style." in one.out and "before:    'The color red.'" in one.out


def test_rules_unknown_id_exits_2(cli) -> None:
    run = cli("rules", "nope/nothing")
    assert run.code == 2 and "no rule 'nope/nothing'" in run.err


def test_rules_shows_an_override(cli, tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "whitespace.yaml").write_text((ROOT / "rules" / "whitespace.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    run = cli("rules", "--rules", str(folder))
    assert "whitespace/doubled-space" in run.out and "(replaces shipped rule)" in run.out


def test_test_rules_passes_and_fails(cli, tmp_path: Path, pack_dir: Path) -> None:
    ok = cli("test-rules", "--no-default-rules", str(pack_dir))
    assert ok.code == 0 and "4 passed, 0 failed" in ok.out
    broken = pack_dir / "house.yaml"
    broken.write_text(broken.read_text(encoding="utf-8").replace('after: "The colour red."', 'after: "The colour blue."'), encoding="utf-8")
    bad = cli("test-rules", "--no-default-rules", str(pack_dir))
    assert bad.code == 1
    assert "FAIL house/colour" in bad.out and "expected: 'The colour blue.'" in bad.out and "actual:   'The colour red.'" in bad.out


def test_bad_rule_file_exits_2_without_traceback(cli, tmp_path: Path) -> None:
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "x.yaml").write_text("rules:\n  - id: a\n    kind: nope\n", encoding="utf-8")
    run = cli("check", "--rules", str(folder), str(article(tmp_path)))
    assert run.code == 2
    assert "x.yaml:3: rule 'x/a': unknown kind 'nope'" in run.err and "Traceback" not in run.err


def test_config_file_and_precedence(cli, tmp_path: Path, pack_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = tmp_path / "project"
    (project / "sub").mkdir(parents=True)
    (project / "pyproject.toml").write_text(f'[tool.cleaner]\nrules = ["{pack_dir}"]\nno-default-rules = true\nignore = ["house/shout"]\n', encoding="utf-8")
    path = article(project / "sub")
    run = cli("check", str(path))
    assert "house/colour" in run.out and "house/shout" not in run.out
    assert "house/shout" in cli("check", "--select", "house/shout", str(path)).out
    (project / "sub" / "cleaner.toml").write_text(f'unsafe-fixes = true\nrules = ["{pack_dir}"]\nno-default-rules = true\n', encoding="utf-8")
    assert cli("fix", str(path)).code == 0
    assert path.read_text(encoding="utf-8") == "The colour  red!\n"


def test_cleaner_toml_wins_over_pyproject_in_one_folder(cli, tmp_path: Path, pack_dir: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(f'[tool.cleaner]\nrules = ["{pack_dir}"]\nno-default-rules = true\n', encoding="utf-8")
    (tmp_path / "cleaner.toml").write_text(f'rules = ["{pack_dir}"]\nno-default-rules = true\nignore = ["house"]\n', encoding="utf-8")
    assert cli("check", str(article(tmp_path))).code == 0


def test_per_file_ignores(cli, tmp_path: Path, pack_dir: Path) -> None:
    (tmp_path / "cleaner.toml").write_text(
        f'rules = ["{pack_dir}"]\nno-default-rules = true\n[per-file-ignores]\n"quoted-*.txt" = ["house/colour"]\n', encoding="utf-8"
    )
    plain = article(tmp_path, "plain.txt")
    quoted = article(tmp_path, "quoted-1.txt")
    out = cli("check", str(tmp_path)).out
    assert f"{plain}:1:5: house/colour" in out and f"{quoted}:1:5: house/colour" not in out


def test_bad_config_exits_2(cli, tmp_path: Path) -> None:
    (tmp_path / "cleaner.toml").write_text("selec = ['x']\n", encoding="utf-8")
    run = cli("check", str(article(tmp_path)))
    assert run.code == 2 and "cleaner.toml: unknown key 'selec'" in run.err


def test_folders_skip_hidden_venvs_gitignored_and_excluded(cli, tmp_path: Path, pack_dir: Path) -> None:
    for rel in ("keep.txt", "notes.md", ".hidden/x.txt", "venv/x.txt", "env2/x.txt", "build/x.txt", "drafts/y.txt", "data.csv"):
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("color\n", encoding="utf-8")
    (tmp_path / "env2" / "pyvenv.cfg").write_text("home = /usr\n", encoding="utf-8")
    (tmp_path / ".gitignore").write_text("build/\n", encoding="utf-8")
    run = cli("check", "--no-default-rules", "--rules", str(pack_dir), "--exclude", "drafts/*", str(tmp_path))
    found = sorted({Path(line.split(":")[0]).relative_to(tmp_path).as_posix() for line in run.out.splitlines() if line.startswith(str(tmp_path))})
    assert found == ["keep.txt", "notes.md"]


def test_version_and_module_entry_point() -> None:
    run = subprocess.run([sys.executable, "-m", "cleaner", "--version"], capture_output=True, text=True, check=True)
    assert run.stdout.strip().startswith("cleaner ")


def test_real_process_streams_for_fix_stdin(tmp_path: Path, pack_dir: Path) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "cleaner", "fix", "-", "--no-default-rules", "--rules", str(pack_dir)],
        input=b"color\n",
        capture_output=True,
        check=True,
    )
    assert run.stdout == b"colour\n"
    assert b"Fixed 1 edit in 1 file." in run.stderr


def test_real_process_check_exit_code(tmp_path: Path, pack_dir: Path) -> None:
    path = article(tmp_path)
    run = subprocess.run([sys.executable, "-m", "cleaner", "check", "--no-default-rules", "--rules", str(pack_dir), str(path)], capture_output=True, text=True)
    assert run.returncode == 1 and "house/colour" in run.stdout
