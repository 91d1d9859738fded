"""langdetect's profiles read from the table in the cache give every guess langdetect gives with its JSON profiles."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

from cleaner.langprofiles import ProfileTable, load_factory, table_path

ROOT = Path(__file__).resolve().parents[1]

SAMPLES = [
    "Der Minister sagte am Dienstag, dass die Gespräche fortgesetzt werden.",
    "Le ministre a déclaré mardi que les pourparlers reprendraient la semaine prochaine.",
    "El ministro dijo el martes que las conversaciones se reanudarán.",
    "Il ministro ha detto martedì che i colloqui riprenderanno.",
    "Sergei Lavrov met Anthony Blinken.The talks  ended.",
    "Переговоры продолжались весь день.",
    "O ministro disse na terça-feira que as conversas serão retomadas.",
]


def fixture_paragraphs() -> list[str]:
    found = []
    for path in sorted((ROOT / "fixtures").rglob("*.txt"))[:60]:
        found += [p.strip()[:2000] for p in path.read_text(encoding="utf-8").split("\n\n") if len(p.split()) >= 4][:5]
    return found


def ranked(factory: DetectorFactory, text: str) -> list[tuple[str, float]]:
    factory.seed = 0
    detector = factory.create()
    detector.append(text)
    return [(language.lang, language.prob) for language in detector.get_probabilities()]


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CLEANER_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("CLEANER_NO_CACHE", raising=False)
    return tmp_path


def test_guesses_from_the_table_are_langdetects_own(cache: Path) -> None:
    plain = DetectorFactory()
    plain.load_profile(PROFILES_DIRECTORY)
    building = DetectorFactory()
    load_factory(building, PROFILES_DIRECTORY)
    assert isinstance(building.word_lang_prob_map, dict), "the first run loads the JSON profiles and stores the table"
    path = table_path()
    assert path is not None and path.exists() and path.parent == cache
    stored = DetectorFactory()
    load_factory(stored, PROFILES_DIRECTORY)
    assert isinstance(stored.word_lang_prob_map, ProfileTable)
    assert stored.langlist == plain.langlist
    texts = SAMPLES + fixture_paragraphs()
    assert len(texts) > 40
    for text in texts:
        assert ranked(stored, text) == ranked(plain, text), text
    table = stored.word_lang_prob_map
    assert len(table) == len(plain.word_lang_prob_map)
    for word in ("the", "der", " ди", "zzq"):
        assert (word in table) == (word in plain.word_lang_prob_map)
        if word in table:
            assert table[word] == plain.word_lang_prob_map[word]


def test_without_a_cache_langdetect_loads_its_profiles(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLEANER_NO_CACHE", "1")
    factory = DetectorFactory()
    load_factory(factory, PROFILES_DIRECTORY)
    assert table_path() is None
    assert isinstance(factory.word_lang_prob_map, dict) and len(factory.langlist) == 55


def test_an_unreadable_table_falls_back_to_the_profiles(cache: Path) -> None:
    path = table_path()
    assert path is not None
    path.write_bytes(b"not a database")
    factory = DetectorFactory()
    load_factory(factory, PROFILES_DIRECTORY)
    assert isinstance(factory.word_lang_prob_map, dict) and len(factory.langlist) == 55


def test_the_table_serves_threads_and_a_forked_process(cache: Path) -> None:
    load_factory(DetectorFactory(), PROFILES_DIRECTORY)
    factory = DetectorFactory()
    load_factory(factory, PROFILES_DIRECTORY)
    table = factory.word_lang_prob_map
    assert isinstance(table, ProfileTable)
    found: list[bool] = []
    worker = threading.Thread(target=lambda: found.append("the" in table))
    worker.start()
    worker.join()
    assert found == [True]
    table._pid = -1  # as in a child process after a fork: it opens its own connection
    assert "die" in table and "qqqq" not in table
    assert table._pid == os.getpid()


def test_a_table_that_goes_bad_while_in_use_gives_way_to_the_profiles(cache: Path) -> None:
    plain = DetectorFactory()
    plain.load_profile(PROFILES_DIRECTORY)
    load_factory(DetectorFactory(), PROFILES_DIRECTORY)
    factory = DetectorFactory()
    load_factory(factory, PROFILES_DIRECTORY)
    table = factory.word_lang_prob_map
    assert isinstance(table, ProfileTable) and "the" in table
    path = table_path()
    assert path is not None
    path.write_bytes(b"\0" * 4096)
    table._pid = -1  # a new connection, on the damaged file
    assert table["der"] == plain.word_lang_prob_map["der"]
    assert table._fallback is not None
    assert ranked(factory, SAMPLES[0]) == ranked(plain, SAMPLES[0])
