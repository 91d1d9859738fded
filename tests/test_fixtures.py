"""Golden tests: every fixture article comes out exactly as its expected file says."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT

from cleaner import clean

ARTICLES = sorted(p for p in (ROOT / "fixtures" / "articles").glob("*.txt") if not p.name.endswith("expected.txt"))
CLEAN = sorted((ROOT / "fixtures" / "clean").iterdir())


def expected(path: Path, unsafe: bool) -> str:
    stem = path.name.removesuffix(".txt")
    unsafe_file = path.with_name(f"{stem}.unsafe.expected.txt")
    if unsafe and unsafe_file.exists():
        return unsafe_file.read_text(encoding="utf-8")
    return path.with_name(f"{stem}.expected.txt").read_text(encoding="utf-8")


def repaired(path: Path, unsafe: bool) -> str:
    return clean(path.read_text(encoding="utf-8"), unsafe=unsafe, markdown=path.suffix == ".md").text


@pytest.mark.parametrize("unsafe", [False, True], ids=["safe", "unsafe"])
@pytest.mark.parametrize("path", ARTICLES, ids=[p.stem for p in ARTICLES])
def test_damaged_article_is_repaired_exactly(path: Path, unsafe: bool) -> None:
    assert repaired(path, unsafe) == expected(path, unsafe)


@pytest.mark.parametrize("unsafe", [False, True], ids=["safe", "unsafe"])
@pytest.mark.parametrize("path", CLEAN, ids=[p.name for p in CLEAN])
def test_clean_article_comes_out_byte_identical(path: Path, unsafe: bool) -> None:
    text = path.read_text(encoding="utf-8")
    assert repaired(path, unsafe) == text


def test_fixture_sets_are_large_enough() -> None:
    assert len(ARTICLES) >= 10 and len(ARTICLES) + len(CLEAN) >= 25 and len(CLEAN) >= 15
