"""The ``language`` kind: untranslated paragraphs and sentences, reported and removable only as unsafe edits."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaner import clean, langid
from cleaner.engine import Engine
from cleaner.model import Result
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
    result = run(article(LEAD, FRENCH, LAST))
    assert found(result) == [("language/untranslated-paragraph", FRENCH)]
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
    result = Engine(LANGUAGE_RULES).run(article(LEAD, FRENCH, MIDDLE, LAST), language="en")
    assert found(result) == [("language/untranslated-paragraph", FRENCH)]


def test_a_wrong_language_never_flags_the_documents_own_text() -> None:
    result = Engine(LANGUAGE_RULES).run(article(LEAD, ARABIC, MIDDLE, LAST), language="ar")
    assert result.language == "ar"
    assert result.all_edits == ()


def test_french_article_with_an_english_paragraph() -> None:
    result = run(FRENCH_ARTICLE + "\n" + MIDDLE + "\n")
    assert found(result) == [("language/untranslated-paragraph", MIDDLE)]
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
