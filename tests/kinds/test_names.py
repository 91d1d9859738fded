from __future__ import annotations

from pathlib import Path

import pytest

from cleaner.engine import Engine
from cleaner.kinds.names import compatible, different_words, find_mentions, fold_word, key_words, load_gazetteer, name_key
from cleaner.model import Result
from cleaner.rulebook import RulebookError, load_rulebook

ROOT = Path(__file__).resolve().parent.parent.parent
SEED = ROOT / "fixtures" / "articles" / "seed-lavrov-blinken.txt"

PEOPLE = """\
people:
  - name: Brittney Griner
    variants: [Britney Griner]
    source: AP
  - name: Sergey Lavrov
    variants: [Sergei Lavrov]
    source: AP
  - name: Volodymyr Zelenskyy
    variants: [Volodymyr Zelensky]
    source: AP
    distinct: [Olena Zelenska]
  - name: Kim Jong Un
    surname: Kim
    variants: [Kim Jong-un]
    source: AP
  - name: George W. Bush
    variants: [George Walker Bush]
    source: AP
  - name: Joe Biden
    variants: [Joseph Biden]
    source: AP
    distinct: [Hunter Biden]
  - name: Paul Whelan
    variants: []
    source: AP
  - name: Mohammed bin Salman
    variants: [Mohammad bin Salman]
    source: AP
  - name: Recep Tayyip Erdogan
    variants: [Recep Tayyip Erdoğan]
    source: AP
  - name: Viktor Bout
    variants: [Victor Bout]
    source: AP
"""


def engine(tmp_path: Path, people: str = PEOPLE, extra: str = "") -> Engine:
    folder = tmp_path / "r"
    (folder / "data").mkdir(parents=True, exist_ok=True)
    (folder / "data" / "people.yaml").write_text(people, encoding="utf-8")
    (folder / "names.yaml").write_text(
        "phase: names\nrules:\n  - id: name-variant\n    kind: names\n    gazetteer: [data/people.yaml]\n"
        + extra
        + "    safety: safe\n    message: '{match} -> {canonical}: {reason}'\n    why: w\n    examples:\n      - before: 'Sergei Lavrov'\n        after: 'Sergey Lavrov'\n",
        encoding="utf-8",
    )
    return Engine(list(load_rulebook([folder], default_rules=False)))


def fix(e: Engine, text: str, unsafe: bool = False) -> Result:
    return e.run(text, unsafe=unsafe, language="en")


# -- keys and comparisons


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Sergey", "Sergei"),
        ("Viktor", "Victor"),
        ("Zelenskyy", "Zelenskiy"),
        ("Zelenskyy", "Selenskyj"),
        ("Qaddafi", "Kaddafi"),
        ("Erdoğan", "Erdogan"),
        ("Poutine", "Putin"),
        ("al-Assad", "Assad"),
        ("Nasrallah", "Nasralla"),
        ("Gorbachev", "Gorbatschev"),
        ("Lavroff", "Lavrov"),
    ],
)
def test_transliterations_share_a_key(a: str, b: str) -> None:
    assert fold_word(a) == fold_word(b)


def test_hyphens_and_spaces_do_not_matter_in_a_name_key() -> None:
    assert name_key("Xi Jin-ping") == name_key("Xi Jinping")
    assert name_key("Kim Jong-un") == name_key("Kim Jong Un")
    assert name_key("Mohammed ibn Salman") == name_key("Mohammed bin Salman")


@pytest.mark.parametrize(("a", "b"), [("paul", "paula"), ("lavrov", "lavrova"), ("hasan", "hasani"), ("keri", "keli"), ("un", "il"), ("ioe", "hunter")])
def test_different_people_words(a: str, b: str) -> None:
    assert different_words(a, b)


def test_spelling_variants_are_not_different_words() -> None:
    assert not different_words("mohamed", "muhamad")
    assert not different_words("greiner", "griner")


def test_initials_and_word_counts_keep_people_apart() -> None:
    assert not compatible(key_words(["George", "Bush"]), key_words(["George", "W.", "Bush"]))
    assert not compatible(key_words(["Kim", "Jong", "Il"]), key_words(["Kim", "Jong", "Un"]))
    assert compatible(key_words(["Kim", "Jong-un"]), key_words(["Kim", "Jong", "Un"]))


# -- finding mentions


def test_mentions_drop_titles_demonyms_and_possessives() -> None:
    text = "Russian Foreign Minister Sergei Lavrov met Griner’s lawyer, Sheikh Mohammed bin Salman and President Joe Biden's aide."
    assert [m.text for m in find_mentions(text)] == ["Sergei Lavrov", "Griner", "Mohammed bin Salman", "Joe Biden"]


def test_mentions_keep_particles_hyphens_initials_and_diacritics() -> None:
    text = "Abdel-Fattah el-Sisi, George W. Bush, Ursula von der Leyen and Recep Tayyip Erdoğan met; von der Leyen spoke."
    found = [m.text for m in find_mentions(text)]
    assert found == ["Abdel-Fattah el-Sisi", "George W. Bush", "Ursula von der Leyen", "Recep Tayyip Erdoğan", "von der Leyen"]


def test_all_capitals_are_not_names() -> None:
    assert find_mentions("SERGEI LAVROV IN MOSCOW") == []


# -- the rule


def test_listed_variant_becomes_canonical_safely(tmp_path: Path) -> None:
    result = fix(engine(tmp_path), "Sergei Lavrov arrived.")
    assert result.text == "Sergey Lavrov arrived."
    assert result.edits[0].safe
    assert result.edits[0].message == "Sergei Lavrov -> Sergey Lavrov: gazetteer 'Sergey Lavrov' (listed)"


def test_unlisted_transliteration_is_safe(tmp_path: Path) -> None:
    result = fix(engine(tmp_path), "Sergej Lawrow and Volodymyr Zelenskiy met Recep Tayyıp Erdogan.")
    assert result.text == "Sergey Lavrov and Volodymyr Zelenskyy met Recep Tayyip Erdogan."
    assert all(e.safe for e in result.edits)


def test_looser_match_is_unsafe(tmp_path: Path) -> None:
    e = engine(tmp_path)
    held = fix(e, "Muhamed ben Selman arrived.")
    assert held.text == "Muhamed ben Selman arrived."
    assert [p.replacement for p in held.pending] == ["Mohammed bin Salman"]
    assert "score" in held.pending[0].message
    assert fix(e, "Muhamed ben Selman arrived.", unsafe=True).text == "Mohammed bin Salman arrived."


def test_listed_accents_stay_and_unlisted_ones_go(tmp_path: Path) -> None:
    e = engine(tmp_path)
    assert not fix(e, "Recep Tayyip Erdoğan spoke.").changed
    assert fix(e, "Sergéy Lavrov spoke.").text == "Sergey Lavrov spoke."


def test_lone_surname_follows_the_full_name(tmp_path: Path) -> None:
    result = fix(engine(tmp_path), "Britney Greiner was held. The player Greiner wrote; Greiner’s lawyer spoke.")
    assert result.text == "Brittney Griner was held. The player Griner wrote; Griner’s lawyer spoke."
    assert all(e.safe for e in result.edits)
    assert any(e.message == "Greiner -> Griner: gazetteer 'Brittney Griner' (surname; named in full in this document)" for e in result.edits)


def test_lone_surname_without_a_full_name_is_unsafe(tmp_path: Path) -> None:
    result = fix(engine(tmp_path), "Zelenskiy said the war would go on.")
    assert result.text == "Zelenskiy said the war would go on."
    assert [p.replacement for p in result.pending] == ["Zelenskyy"]


def test_surname_shared_by_two_people_is_left_alone(tmp_path: Path) -> None:
    text = "Paul Whelan met Kevin Whalen. Whalen said nothing."
    assert not fix(engine(tmp_path), text, unsafe=True).changed


@pytest.mark.parametrize(
    "text",
    [
        "Kim Jong Un succeeded Kim Jong Il, whose son Kim Jong Nam died.",
        "George Bush and George W. Bush are not the same man.",
        "Joe Biden defended Hunter Biden. Biden said so.",
        "Paul Whelan and Paula Whelan were not related.",
        "Olena Zelenska and Volodymyr Zelenskyy visited. Zelenska spoke.",
        "John Kerry met John Kelly; Kelly spoke.",
        "Ahmed Hassan and Ahmed Hassani were both arrested.",
        "Alexei Navalny and Yulia Navalnaya. Navalnaya spoke.",
        "But the talks went on, and Price said the Bush offer stood.",
    ],
)
def test_different_people_are_never_merged(tmp_path: Path, text: str) -> None:
    assert fix(engine(tmp_path), text, unsafe=True).text == text


def test_unlisted_name_settles_on_the_best_attested_spelling(tmp_path: Path) -> None:
    e = engine(tmp_path)
    text = "Igor Savelyev was sentenced. Igor Savelyev appealed. Igor Saveliev lost; Saveliev left."
    result = fix(e, text)
    assert not result.changed
    assert all(not p.safe for p in result.pending)
    assert fix(e, text, unsafe=True).text == "Igor Savelyev was sentenced. Igor Savelyev appealed. Igor Savelyev lost; Savelyev left."


def test_a_tie_between_spellings_is_left_alone(tmp_path: Path) -> None:
    assert not fix(engine(tmp_path), "Igor Savelyev met Igor Saveliev.", unsafe=True).changed


def test_document_option_turns_off_document_clusters(tmp_path: Path) -> None:
    e = engine(tmp_path, extra="    document: false\n")
    assert not fix(e, "Igor Savelyev, Igor Savelyev and Igor Saveliev.", unsafe=True).changed


def test_fix_is_idempotent(tmp_path: Path) -> None:
    e = engine(tmp_path)
    once = fix(e, "Britney Greiner and Sergei Lavrov; Greiner and Lavrov; Igor Savelyev, Igor Savelyev, Igor Saveliev.", unsafe=True).text
    assert fix(e, once, unsafe=True).text == once


def test_bad_gazetteer_is_reported_with_its_entry(tmp_path: Path) -> None:
    with pytest.raises(RulebookError, match=r"entry 1.*variants must be a list"):
        engine(tmp_path, people="people:\n  - name: A B\n    variants: oops\n")


def test_gazetteer_is_cached_until_the_file_changes(tmp_path: Path) -> None:
    path = tmp_path / "g.yaml"
    path.write_text("people:\n  - {name: Ann Lee, variants: [], source: x}\n", encoding="utf-8")
    first = load_gazetteer([str(path)])
    assert load_gazetteer([str(path)]) is first
    path.write_text("people:\n  - {name: Ann Lee, variants: [Anne Lee], source: x}\n  - {name: Bo Li, variants: [], source: x}\n", encoding="utf-8")
    import os

    os.utime(path, ns=(1, 10**18))
    assert len(load_gazetteer([str(path)]).people) == 2


def test_seed_with_shipped_rules() -> None:
    book = load_rulebook([])
    names = [r for r in book if r.pack == "names"]
    result = Engine(names).run(SEED.read_text(encoding="utf-8"), language="en")
    text = result.text
    assert "Sergei Lavrov" not in text and "Anthony Blinken" not in text and "Victor Bout" not in text
    assert "Greiner" not in text and text.count("Brittney Griner") == 3 and "player Griner" in text
    changed = {(e.message.split(" -> ")[0]) for e in result.edits}
    assert changed <= {"Sergei Lavrov", "Anthony Blinken", "Britney Greiner", "Greiner", "Victor Bout", "Trevor Rowdy Reed"}
