"""The ``language`` kind: untranslated paragraphs and sentences, reported and removable only as unsafe edits."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cleaner import clean, langid
from cleaner.cli import main
from cleaner.engine import Engine
from cleaner.kinds.language import purpose
from cleaner.model import Result, apply_edits
from cleaner.rulebook import Rule, load_rulebook

BOOK = load_rulebook([], default_rules=True)
LANGUAGE_RULES = [r for r in BOOK if r.pack == "language"]

LEAD = "Russian Foreign Ministry spokeswoman Maria Zakharova said on Thursday that Moscow would consider the request of the US State Department to arrange a call between the two foreign ministers."
MIDDLE = "Blinken said he would raise the case of two Americans held in Russia, Paul Whelan and Brittney Griner, and that their release was a high priority for the administration."
LAST = "The two ministers have not spoken since February, when Moscow launched its military operation in Ukraine."
ARABIC = "وقال المتحدث باسم وزارة الخارجية الأمريكية إن الوزير يأمل في إجراء المكالمة خلال الأيام المقبلة، وإن الموعد لم يحدد بعد."
RUSSIAN_QUOTE = "«Мы рассмотрим запрос Государственного департамента, когда позволит время», — сказала Захарова."
RUSSIAN = "Мы рассмотрим запрос Государственного департамента, когда позволит время, сказала Захарова."
FRENCH = "Le secrétaire d'État a précisé qu'il aborderait la libération de deux citoyens américains détenus en Russie, selon un communiqué publié jeudi soir."
FRENCH_PARAGRAPH = FRENCH + " Il a ajouté que les discussions se poursuivraient la semaine prochaine à Genève."

FRENCH_ARTICLE = """\
La Russie examinera la demande américaine d'un entretien entre Lavrov et Blinken

La porte-parole de la diplomatie russe, Maria Zakharova, a déclaré jeudi que Moscou examinerait la demande du département d'État américain d'organiser un entretien entre Sergueï Lavrov et son homologue Antony Blinken.

« Nous avons exprimé notre intérêt et nous avons fait savoir à la Fédération de Russie que nous souhaitions une conversation entre les deux ministres », a indiqué le porte-parole Ned Price lors d'un point de presse.

Selon Zakharova, Lavrov a actuellement un agenda chargé et se prépare à participer à la réunion des ministres des Affaires étrangères de l'Organisation de coopération de Shanghai à Tachkent.

Le secrétaire d'État a précisé qu'il aborderait la libération de deux citoyens américains détenus en Russie, Paul Whelan et Brittney Griner.
"""


def article(*paragraphs: str) -> str:
    return "\n\n".join(paragraphs) + "\n"


def run(text: str, *, unsafe: bool = False, rules: list[Rule] | None = None) -> Result:
    return Engine(rules if rules is not None else LANGUAGE_RULES).run(text, unsafe=unsafe)


def found(result: Result) -> list[tuple[str, str]]:
    return [(e.rule, result.source[e.start : e.end].strip()) for e in result.all_edits]


def test_untranslated_arabic_paragraph() -> None:
    text = article(LEAD, ARABIC, MIDDLE, LAST)
    result = run(text)
    assert result.text == text
    assert found(result) == [("language/untranslated-paragraph", ARABIC)]
    edit = result.pending[0]
    assert not edit.safe
    assert edit.message.startswith("Untranslated paragraph in Arabic (ar, confidence 0.9")
    assert "'وقال المتحدث" in edit.message
    assert run(text, unsafe=True).text == article(LEAD, MIDDLE, LAST)


def test_untranslated_paragraph_at_the_end() -> None:
    assert run(article(LEAD, MIDDLE, ARABIC), unsafe=True).text == article(LEAD, MIDDLE)


def test_russian_sentence_left_in_a_paragraph() -> None:
    paragraph = f"Zakharova spoke to reporters in Moscow on Thursday. {RUSSIAN} She did not say when the call could take place."
    result = run(article(LEAD, paragraph, LAST))
    assert found(result) == [("language/untranslated-sentence", RUSSIAN)]
    assert "Russian (ru" in result.pending[0].message
    fixed = run(article(LEAD, paragraph, LAST), unsafe=True).text
    assert fixed == article(LEAD, "Zakharova spoke to reporters in Moscow on Thursday. She did not say when the call could take place.", LAST)


def test_russian_sentence_closing_a_paragraph() -> None:
    paragraph = f"Zakharova spoke to reporters in Moscow on Thursday. {RUSSIAN}"
    fixed = run(article(LEAD, paragraph), unsafe=True).text
    assert fixed == article(LEAD, "Zakharova spoke to reporters in Moscow on Thursday.")


def test_a_quotation_in_its_own_language_is_left_alone() -> None:
    paragraph = f"Zakharova spoke to reporters in Moscow on Thursday. {RUSSIAN_QUOTE} She did not say when the call could take place."
    assert run(article(LEAD, paragraph, LAST), unsafe=True).all_edits == ()


def test_paragraph_of_foreign_sentences_with_a_name_in_parentheses() -> None:
    paragraph = "Министр иностранных дел России Сергей Лавров (Sergey Lavrov) заявил, что переговоры были полезными. Он добавил, что контакты продолжатся."
    result = run(article(LEAD, paragraph, LAST), unsafe=True)
    assert result.text == article(LEAD, LAST)


def test_untranslated_latin_script_paragraph() -> None:
    result = run(article(LEAD, FRENCH_PARAGRAPH, MIDDLE, LAST))
    assert found(result) == [("language/untranslated-paragraph", FRENCH_PARAGRAPH)]
    assert "French (fr, confidence" in result.pending[0].message


def test_untranslated_latin_script_sentence() -> None:
    paragraph = f"{MIDDLE} {FRENCH} {LAST}"
    result = run(article(LEAD, paragraph))
    assert found(result) == [("language/untranslated-sentence", FRENCH)]


def test_chinese_sentence_and_paragraph_without_spaces() -> None:
    sentence = "他说，双方同意下周在北京继续举行谈判。"
    paragraph = "中国外交部发言人表示，双方同意下周继续举行会谈。"
    named = "President Xi Jinping (习近平) and Premier Li Qiang 李强 attended the ceremony in Beijing on Tuesday."
    result = run(article(LEAD, f"A spokesman said both sides had agreed to meet again. {sentence} No date was given.", named, paragraph))
    assert found(result) == [("language/untranslated-sentence", sentence), ("language/untranslated-paragraph", paragraph)]
    assert all("Chinese (zh" in e.message for e in result.pending)


@pytest.mark.parametrize(
    "paragraph",
    [
        "The protesters, who gathered outside the embassy on Sunday, chanted «Нет войне» until the police arrived.",
        "Russian Foreign Minister Sergey Lavrov (Сергей Викторович Лавров) said that the talks had been useful.",
        "Saudi Crown Prince Mohammed bin Salman (محمد بن سلمان) received the delegation in Riyadh on Monday.",
        "The newspaper's headline read «Переговоры продолжаются», above a photograph of the two ministers.",
        "Macron called the plan « une erreur historique » in a speech to parliament on Tuesday evening.",
        "Сергей Лавров",
        "محمد بن سلمان",
        "Galatasaray: Muslera; Boey, Nelsson, Abdülkerim Bardakcı, Angeliño; Torreira, Demirbay; Ziyech, Mertens, Kerem Aktürkoğlu; Icardi.",
        "Cairo court jails five men for smuggling antiquities abroad",
        "Image: AFP/Getty Images",
    ],
)
def test_left_alone(paragraph: str) -> None:
    result = run(article(LEAD, paragraph, MIDDLE, LAST), unsafe=True)
    assert result.all_edits == ()


def test_shipped_fixtures_are_left_alone() -> None:
    folder = Path(__file__).resolve().parent.parent.parent / "fixtures" / "articles"
    for path in sorted(folder.glob("*.txt")):
        assert run(path.read_text(encoding="utf-8"), unsafe=True).all_edits == (), path.name


def test_removal_is_never_safe(tmp_path: Path) -> None:
    (tmp_path / "eager.yaml").write_text(
        "phase: language\nrules:\n  - id: gone\n    kind: language\n    safety: safe\n    message: Foreign\n    why: Test.\n"
        f"    examples:\n      - before: {article(LEAD, ARABIC)!r}\n        after: {article(LEAD)!r}\n",
        encoding="utf-8",
    )
    rules = load_rulebook([tmp_path], default_rules=False).select()
    result = run(article(LEAD, ARABIC, LAST), rules=rules)
    assert result.text == article(LEAD, ARABIC, LAST)
    assert [e.safe for e in result.pending] == [False]


def test_fixing_twice_changes_nothing_more() -> None:
    paragraph = f"Zakharova spoke to reporters in Moscow on Thursday. {RUSSIAN} She did not say more."
    once = run(article(LEAD, ARABIC, paragraph, FRENCH, LAST), unsafe=True).text
    assert run(once, unsafe=True).text == once


def test_repeated_runs_give_identical_results() -> None:
    text = article(LEAD, ARABIC, f"{MIDDLE} {RUSSIAN}", FRENCH, LAST)
    first = run(text)
    for _ in range(3):
        langid.clear_caches()
        again = run(text)
        assert again.pending == first.pending
        assert (again.language, again.language_confidence) == (first.language, first.language_confidence)


def test_french_article_is_left_alone_by_english_rules() -> None:
    result = clean(FRENCH_ARTICLE)
    english_only = {r.full_id for r in BOOK if r.languages and "fr" not in r.languages}
    assert result.language == "fr"
    assert not [e for e in result.all_edits if set(e.all_rules) & english_only]
    assert not [e for e in result.all_edits if e.rule.startswith("language/")]


def test_english_only_rule_skipped_on_french_but_not_on_english(tmp_path: Path) -> None:
    (tmp_path / "house.yaml").write_text(
        "phase: structure\nlanguages: [en]\nrules:\n  - id: ministre\n    kind: swap\n    words: {Lavrov: LAVROV}\n"
        "    ignore-case: false\n    safety: safe\n    message: Name\n    why: Test.\n"
        "    examples:\n      - before: Lavrov\n        after: LAVROV\n",
        encoding="utf-8",
    )
    assert clean(FRENCH_ARTICLE, rules=[tmp_path], select=["house"]).text == FRENCH_ARTICLE
    assert (
        "LAVROV" in clean(article(LEAD, "Sergey Lavrov said the talks had been useful and would continue next week."), rules=[tmp_path], select=["house"]).text
    )
    assert "LAVROV" in clean(FRENCH_ARTICLE, rules=[tmp_path], select=["house"], language="en").text


def test_language_override_changes_what_counts_as_foreign() -> None:
    assert Engine(LANGUAGE_RULES).run(FRENCH_ARTICLE, language="fr").pending == ()
    result = Engine(LANGUAGE_RULES).run(article(LEAD, FRENCH_PARAGRAPH, MIDDLE, LAST), language="en")
    assert found(result) == [("language/untranslated-paragraph", FRENCH_PARAGRAPH)]


def test_a_wrong_language_never_flags_the_documents_own_text() -> None:
    result = Engine(LANGUAGE_RULES).run(article(LEAD, ARABIC, MIDDLE, LAST), language="ar")
    assert result.language == "ar"
    assert result.all_edits == ()


def test_french_article_with_an_english_paragraph() -> None:
    result = run(FRENCH_ARTICLE + "\n" + MIDDLE + " " + LAST + "\n")
    assert found(result) == [("language/untranslated-paragraph", MIDDLE + " " + LAST)]
    assert "English (en" in result.pending[0].message


def test_cli_reports_language_and_unsafe_removal(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "article.txt"
    path.write_text(article(LEAD, ARABIC, LAST), encoding="utf-8")
    checked = cli("check", "--select", "language", str(path))
    assert checked.code == 1
    assert f"{path}:3:1: language/untranslated-paragraph Untranslated paragraph in Arabic (ar, confidence" in checked.out
    assert cli("fix", "--select", "language", "--diff", str(path)).code == 0
    assert cli("fix", "--select", "language", "--unsafe-fixes", str(path)).code == 0
    assert path.read_text(encoding="utf-8") == article(LEAD, LAST)


EXCERPTS = json.loads((Path(__file__).resolve().parents[1] / "data" / "extraction_excerpts.json").read_text(encoding="utf-8"))["cases"]
"""Real pages from scrapinghub/article-extraction-benchmark (MIT); each case names its page and extractor."""

OWN_LANGUAGE = ["japanese-trademark", "japanese-kindle", "russian-diet", "portuguese-music", "portuguese-calendar", "indonesian-history"]


@pytest.mark.parametrize("name", OWN_LANGUAGE)
def test_real_pages_keep_their_own_text(name: str) -> None:
    # lhpat-tm.com and note100yen.com (Japanese), vse-diety.com (Russian), comoeducarseusfilhos.com.br and
    # autoracing.com.br (Portuguese), kabarislamia.com (Indonesian): no word of theirs is untranslated.
    text = EXCERPTS[name]["text"]
    result = Engine(BOOK.select()).run(text, unsafe=True, max_removed=None)
    assert [e for e in result.all_edits if set(e.all_rules) & {r.full_id for r in LANGUAGE_RULES}] == []
    assert apply_edits(text, [e for e in result.all_edits if e.safe]).split() == text.split()


@pytest.mark.parametrize(("name", "code"), [("japanese-trademark", "ja"), ("japanese-kindle", "ja"), ("russian-diet", "ru"), ("indonesian-history", "id")])
def test_real_pages_are_detected_as_what_they_are(name: str, code: str) -> None:
    assert langid.detect_language(EXCERPTS[name]["text"])[0] == code


def test_an_english_paragraph_in_a_japanese_page_is_reported_as_english() -> None:
    text = EXCERPTS["japanese-trademark"]["text"].rstrip("\n") + "\n\n" + LEAD + "\n"
    result = run(text)
    assert found(result) == [("language/untranslated-paragraph", LEAD)]
    assert "English (en" in result.pending[0].message


PUSHKIN = "Я помню чудное мгновенье:\nПередо мной явилась ты,\nКак мимолетное виденье,\nКак гений чистой красоты."
"""Alexander Pushkin, "К ***" (1825), public domain."""

GOETHE = "Meine Ruh ist hin,\nMein Herz ist schwer,\nIch finde sie nimmer\nUnd nimmermehr."
"""Johann Wolfgang von Goethe, "Gretchen am Spinnrade", Faust I (1808), public domain."""


@pytest.mark.parametrize(
    ("passage", "why"),
    [
        (PUSHKIN, "verse"),
        (GOETHE, "verse"),
        ("«Я помню чудное мгновенье: передо мной явилась ты, как мимолетное виденье, как гений чистой красоты»", "quotation"),
        ("Война и мир", "title"),
        ("Лев Толстой. Война и мир. Москва: Художественная литература, 1983. 528 с.", "bibliography"),
        ("Толстой Л. Н. Собрание сочинений в 22 томах (1978), т. 4, с. 15–17.", "bibliography"),
        ("ドラゴンクエスト、ファイナルファンタジー、ポケットモンスター、モンスターハンター、ゼルダの伝説", "list"),
        ("Nintendo Switch, PlayStation 5, Xbox Series X, Steam Deck, Meta Quest 3, ROG Ally", "list"),
    ],
)
def test_passages_foreign_on_purpose_are_left_alone(passage: str, why: str) -> None:
    text = article(LEAD, "The poem the minister quoted at the ceremony reads:", passage, MIDDLE, LAST)
    assert run(text, unsafe=True).all_edits == ()
    assert purpose(passage, 0, len(passage)) == why


def test_a_verse_inside_an_english_paragraph_is_left_alone() -> None:
    text = article(LEAD, f"He closed with the lines he learned at school:\n{PUSHKIN}\nThe hall applauded.", LAST)
    assert run(text, unsafe=True).all_edits == ()


def test_short_text_keeps_the_default_rules() -> None:
    # issue #10: this was detected as Dutch, and the English rules did not run on it
    text = "Sergei Lavrov met Anthony Blinken.The talks  ended."
    assert langid.detect_language(text) == (None, 0.0)
    result = Engine([r for r in BOOK if r.pack in ("structure", "whitespace")]).run(text)
    assert result.language == "en" and result.language_confidence is None
    assert result.text == "Sergei Lavrov met Anthony Blinken. The talks ended."
    assert result.warnings == ()


def test_a_warning_says_when_detection_changed_the_rules() -> None:
    result = Engine([r for r in BOOK if r.pack in ("structure", "language")]).run(EXCERPTS["japanese-kindle"]["text"], path="kindle.txt")
    assert result.language == "ja"
    assert len(result.warnings) == 1
    assert result.warnings[0].startswith("kindle.txt: detected Japanese (ja, confidence 0.")
    assert "rules for other languages did not run (structure/*)" in result.warnings[0]
    assert "--language en" in result.warnings[0]


@pytest.mark.parametrize(
    ("value", "meant"), [("english", "'en' (English)"), ("EN", "'en' (English)"), ("en-GB", "'en' (English)"), ("Deutsch", "'de' (German)")]
)
def test_language_flag_accepts_only_known_codes(value: str, meant: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "article.txt"
    path.write_text(article(LEAD, MIDDLE, LAST), encoding="utf-8")
    with pytest.raises(SystemExit) as stopped:
        main(["check", "--language", value, str(path)])
    assert stopped.value.code == 2
    assert f"argument --language: unknown language '{value}': did you mean {meant}?" in capsys.readouterr().err


def test_language_config_accepts_only_known_codes(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "article.txt"
    path.write_text(article(LEAD, MIDDLE, LAST), encoding="utf-8")
    assert cli("check", "--language", "en", "--select", "language", str(path)).code == 0
    (tmp_path / "cleaner.toml").write_text('language = "german"\n', encoding="utf-8")
    configured = cli("check", str(path))
    assert configured.code == 2
    assert "'language': unknown language 'german': did you mean 'de' (German)?" in configured.err


def test_english_documents_are_not_flagged_when_english_is_given() -> None:
    # issue #10: `--language english` used to be accepted and flag every English paragraph
    result = Engine(LANGUAGE_RULES).run(article(LEAD, MIDDLE, LAST), language="en", unsafe=True)
    assert result.all_edits == ()


WORD_RULE = [r for r in LANGUAGE_RULES if r.full_id == "language/untranslated-word"]


@pytest.mark.parametrize(
    ("before", "after", "safe"),
    [
        # issue #10: "officials said... Также the talks"
        ("Officials said... Также the talks would resume in Geneva next week.", "Officials said... the talks would resume in Geneva next week.", True),
        ("The ministers met for two hours. Однако the talks ended without a deal.", "The ministers met for two hours. The talks ended without a deal.", True),
        ("The delegation had вже left Kyiv by the time the talks began.", "The delegation had left Kyiv by the time the talks began.", True),
        ("The ministers met for two hours и agreed to meet again in Geneva.", "The ministers met for two hours agreed to meet again in Geneva.", False),
        ("The minister said the переговоры would resume in Geneva next week.", "The minister said the would resume in Geneva next week.", False),
    ],
)
def test_a_word_left_in_cyrillic_is_removed(before: str, after: str, safe: bool) -> None:
    result = Engine(WORD_RULE).run(before + "\n", unsafe=True)
    assert result.text == after + "\n"
    assert [e.safe for e in result.edits] == [safe]
    assert Engine(WORD_RULE).run(before + "\n").text == (after if safe else before) + "\n"


@pytest.mark.parametrize(
    "text",
    [
        "He read the newspaper Известия on the train to Moscow every day.",
        "The Russian word дача means a country house outside the city.",
        "Foreign Minister Sergey Lavrov (Лавров) said the talks would resume next week.",
        "The crowd chanted «нет» while the police watched from the square.",
        "The band Кино played its last concert in Moscow in the summer of 1990.",
        "The talks ended. Также",
        "Также, the talks would resume in Geneva next week.",
    ],
)
def test_names_quoted_and_mentioned_words_stay(text: str) -> None:
    assert Engine(WORD_RULE).run(text + "\n", unsafe=True).all_edits == ()


def test_stray_words_only_in_latin_script_documents() -> None:
    text = "Министр сказал, что переговоры также продолжатся на следующей неделе в Женеве, и делегации уже готовятся.\n"
    assert Engine(WORD_RULE).run(text, unsafe=True).all_edits == ()


def test_a_single_foreign_sentence_standing_alone_is_left_alone() -> None:
    # a lyric, a motto or a line of verse quoted without quotation marks reads like one sentence alone
    text = article(LEAD, FRENCH, MIDDLE, LAST)
    assert run(text, unsafe=True).all_edits == ()


@pytest.mark.parametrize(
    "after",
    [
        "(We will consider the State Department's request when time allows, she said.)",
        "— Maria Zakharova (@MariaVladimirovnaZakharova) July 5, 2022",
        "The phrase translates as: we will consider the request when time allows.",
    ],
)
def test_a_foreign_passage_with_its_translation_or_credit_is_left_alone(after: str) -> None:
    text = article(LEAD, "Мы рассмотрим запрос Государственного департамента, когда позволит время, сказала официальный представитель МИД.", after, LAST)
    assert run(text, unsafe=True).all_edits == ()


def _quoted_spans_by_character(text: str) -> list[tuple[int, int]]:
    """quoted_spans as it read one character at a time: the reference for the version that jumps between marks."""
    from cleaner.kinds.language import QUOTE_PAIRS

    spans: list[tuple[int, int]] = []
    position = 0
    while position < len(text):
        char = text[position]
        closers = QUOTE_PAIRS.get(char)
        if closers is None or (char == "‘" and position > 0 and text[position - 1].isalpha()):
            position += 1
            continue
        end = position + 1
        while end < len(text) and not (text[end] in closers and not (text[end] == "’" and end + 1 < len(text) and text[end + 1].isalpha())):
            end += 1
        spans.append((position, min(end + 1, len(text))))
        position = end + 1
    return spans


@given(st.text(alphabet='ab ’‘“”«»„"「」『』‹›《》〈〉\n', max_size=40))
def test_quoted_spans_agree_with_reading_one_character_at_a_time(text: str) -> None:
    from cleaner.kinds.language import quoted_spans

    assert quoted_spans(text) == _quoted_spans_by_character(text)
