"""The on-disk cache: a changed input is never answered from an old entry, and a cache that cannot be used only costs time."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cleaner import cache
from cleaner.yamlfile import LineMapping, load_text, read_yaml_file


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CLEANER_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("CLEANER_NO_CACHE", raising=False)
    return tmp_path / "cache"


def test_the_folder_follows_xdg_and_can_be_turned_off(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("CLEANER_CACHE_DIR", raising=False)
    monkeypatch.delenv("CLEANER_NO_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache.cache_dir() == tmp_path / "cleaner"
    monkeypatch.setenv("CLEANER_NO_CACHE", "1")
    assert cache.cache_dir() is None


def test_a_stored_value_is_reused_only_for_the_same_content(folder: Path) -> None:
    calls: list[bytes] = []

    def build(content: bytes) -> list[str]:
        calls.append(content)
        return [content.decode()]

    assert cache.cached("t", b"one", lambda: build(b"one")) == ["one"]
    assert cache.cached("t", b"one", lambda: build(b"one")) == ["one"]
    assert cache.cached("t", b"two", lambda: build(b"two")) == ["two"]
    assert calls == [b"one", b"two"]


def test_an_unwritable_folder_or_a_damaged_entry_means_building_again(folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("CLEANER_CACHE_DIR", str(blocker / "cache"))
    assert cache.cached("t", b"x", lambda: [1]) == [1]
    monkeypatch.setenv("CLEANER_CACHE_DIR", str(folder))
    assert cache.cached("t", b"x", lambda: [1]) == [1]
    (entry,) = folder.iterdir()
    entry.write_bytes(b"\x00garbage")
    assert cache.cached("t", b"x", lambda: [2]) == [2]


def test_a_value_marshal_cannot_store_is_returned_uncached(folder: Path) -> None:
    assert cache.cached("t", b"x", lambda: {1, 2}, encode=lambda v: object()) == {1, 2}
    assert not folder.exists() or not any(folder.iterdir())


YAML = "rules:\n  - id: a\n    kind: swap\n    words: {kiev: Kyiv}\n    n: [1, 2.5, true, null]\n"


def test_yaml_from_the_cache_keeps_every_line_number(folder: Path, tmp_path: Path) -> None:
    path = tmp_path / "pack.yaml"
    path.write_text(YAML, encoding="utf-8")
    fresh = load_text(YAML)
    first, second = read_yaml_file(path), read_yaml_file(path)
    assert any(folder.iterdir())
    for data in (first, second):
        assert data == fresh
        assert isinstance(data, LineMapping) and isinstance(data["rules"][0], LineMapping)
        assert (data.line, data.key_lines) == (fresh.line, fresh.key_lines)
        assert (data["rules"][0].line, data["rules"][0].key_lines) == (2, {"id": 2, "kind": 3, "words": 4, "n": 5})
        assert data["rules"][0]["words"].key_lines == {"kiev": 4}


def test_an_edited_yaml_file_is_read_again(folder: Path, tmp_path: Path) -> None:
    path = tmp_path / "pack.yaml"
    path.write_text("a: 1\n", encoding="utf-8")
    assert read_yaml_file(path) == {"a": 1}
    stamp = os.stat(path)
    path.write_text("a: 2\n", encoding="utf-8")
    os.utime(path, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    assert read_yaml_file(path) == {"a": 2}


def test_invalid_yaml_is_reported_every_time(folder: Path, tmp_path: Path) -> None:
    path = tmp_path / "pack.yaml"
    path.write_text("a: [1\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(ValueError, match="invalid YAML"):
            read_yaml_file(path)


def test_a_pack_read_before_skips_checking_its_patterns_but_not_a_changed_one(folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from cleaner import rulebook

    pack = tmp_path / "house.yaml"
    body = """rules:
  - id: shout
    kind: replace
    pattern: '!{2,}'
    replacement: '!'
    safety: safe
    message: Repeated exclamation marks
    why: Wire copy does not shout.
    examples:
      - before: "Stop!!!"
        after: "Stop!"
      - unchanged: "Stop!"
"""
    pack.write_text(body, encoding="utf-8")
    checked: list[str] = []
    real = rulebook.compile_pattern

    def counting(source: str, flags: int = 0):  # type: ignore[no-untyped-def]
        checked.append(source)
        return real(source, flags)

    monkeypatch.setattr(rulebook, "compile_pattern", counting)
    assert rulebook.load_rulebook(default_rules=False, files=[pack]).get("house/shout") is not None
    assert checked == ["!{2,}"]
    rulebook.load_rulebook(default_rules=False, files=[pack])
    assert checked == ["!{2,}"]
    pack.write_text(body.replace("'!{2,}'", "'(!{2,}'"), encoding="utf-8")
    with pytest.raises(rulebook.RulebookError, match="invalid regex"):
        rulebook.load_rulebook(default_rules=False, files=[pack])
