"""The furniture kind: what it takes, what it leaves, how safe each decision is, in several languages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import ROOT

from cleaner import clean
from cleaner.document import Document
from cleaner.kinds.furniture.classify import analyse, reads_as_prose
from cleaner.kinds.furniture.features import features, units, wrapped
from cleaner.kinds.furniture.lexicon import lexicon, read_sections, stop_words, vocabulary_languages

BODY = "The minister said on Monday that the talks with the delegation would resume next week in Geneva, officials said.\n"
LANGUAGES = ("en", "fr", "de", "es", "pt", "it", "ru", "ar", "tr", "zh", "ja")


def fix(text: str, *, unsafe: bool = False, language: str | None = "en") -> str:
    return clean(text, unsafe=unsafe, select=("furniture",), language=language).text


def test_vocabulary_ships_for_eleven_languages_each_citing_its_sources() -> None:
    assert set(LANGUAGES) <= vocabulary_languages()
    for code in LANGUAGES:
        text = (ROOT / "cleaner" / "data" / "furniture" / f"{code}.txt").read_text(encoding="utf-8")
        groups = [line for line in text.splitlines() if line.startswith("# ") and any(ch.isdigit() for ch in line)]
        assert groups, f"{code}.txt names no package version"
        assert lexicon(code).interface, code


def test_bad_vocabulary_file_names_file_and_line() -> None:
    with pytest.raises(ValueError, match=r"x\.txt:2: unknown section '@nope'"):
        read_sections("@interface\n@nope\n", "x.txt")


def test_the_kind_reads_its_data_without_yaml_or_the_rulebook() -> None:
    for path in (ROOT / "cleaner" / "kinds" / "furniture").glob("*.py"):
        source = path.read_text(encoding="utf-8")
        assert "import yaml" not in source and "rulebook" not in source, path.name


def test_share_lines_in_the_tail_go_safely() -> None:
    assert fix(BODY + "\nShare on Facebook\nShare on Twitter\nEmail\n") == BODY


@pytest.mark.parametrize(
    "text",
    [
        "Share your story with us, the editors wrote in a note to readers on Monday.\n\n" + BODY,
        BODY + "\nFollow the money, she told the committee, and you will find the answer.\n",
        BODY + "\nReaders can subscribe for free, and more than a million already have.\n",
        BODY + "\nPlease comment below.\n",
    ],
    ids=["share", "follow", "subscribe", "comment"],
)
def test_prose_that_names_interface_words_stays(text: str) -> None:
    assert fix(text, unsafe=True) == text


def test_crossheads_lists_and_dialogue_stay() -> None:
    text = (
        "How to make the jam\n\n"
        "Ingredients\n\n2 pears\n1 cup of sugar\nJuice of one lemon\n\n"
        "Peel the pears, cut them into cubes and cook them with the sugar for twenty minutes.\n\n"
        "The first steps\n\n"
        "“Is it ready?”\n\n“Not yet.”\n\n"
        "Let the jam cool before you pour it into the jars, or the glass may crack.\n"
    )
    assert fix(text, unsafe=True) == text


def test_block_header_takes_the_headlines_below_it_up_to_prose() -> None:
    text = (
        BODY
        + "\nYou might also like\nGrain exports resume from Odesa\nTalks stall in Istanbul\nThe delegation will travel on Tuesday, a spokesman said later.\n"
    )
    assert fix(text) == BODY + "\nThe delegation will travel on Tuesday, a spokesman said later.\n"


def test_inline_teaser_in_german() -> None:
    text = "Die Gespräche sollen nächste Woche in Genf fortgesetzt werden, sagte der Minister am Montag.\nWeiterlesen: Getreideexporte aus Odessa laufen wieder an\nDie Delegation reist am Dienstag ab, teilte ein Sprecher mit.\n"
    assert "Weiterlesen" not in fix(text, language="de")


def test_credit_lines_are_safe_and_captions_beside_them_unsafe() -> None:
    text = (
        BODY
        + "\nFirefighters at the scene in Valencia\nPhoto: EPA / Name Surname\n\nThe fire broke out on Thursday and spread to four floors, officials said.\n"
    )
    safe = fix(text)
    assert "Photo: EPA" not in safe and "Firefighters at the scene" in safe
    assert "Firefighters at the scene" not in fix(text, unsafe=True)


def test_repeated_caption_beside_a_credit_goes_entirely_and_repeated_prose_stays() -> None:
    caption = "Rescue workers search the rubble in Antakya"
    text = f"{caption}\nGetty Images\n\n{BODY}\n{caption}\nGetty Images\n"
    assert fix(text) == BODY
    quote = "“We will rebuild,” the mayor said."
    prose = f"{quote}\n\n{BODY}\n{quote}\n"
    assert fix(prose, unsafe=True) == prose


def test_a_line_that_reads_as_prose_is_never_taken_by_the_classifier() -> None:
    line = "Sign up to our newsletter and get the best stories of the day, every day, in your inbox."
    result = analyse(BODY + "\n" + line + "\n", "en")
    assert not [d for d in result.decisions if d.detector == "lines"]
    assert reads_as_prose(features(line, lexicon("en")), 0.4)


def test_decisions_explain_themselves_and_carry_their_features() -> None:
    from cleaner.kinds import Context
    from cleaner.rulebook import load_rulebook

    rule = load_rulebook().get("furniture/interface-line")
    assert rule is not None
    edits = list(rule.kind.find(Document(BODY + "\nShare on Facebook\n", language="en"), Context(rule.full_id)))
    assert len(edits) == 1 and edits[0].safe
    assert "web-interface words" in edits[0].message and "tail block" in edits[0].message
    details = dict(edits[0].details)
    assert details["signals"].startswith("interface") and details["ends_sentence"] is False and details["interface"] > 0.5


def test_threshold_trades_precision_for_recall() -> None:
    text = BODY + "\nSponsored\n\n" + BODY
    assert [d for d in analyse(text, "en", threshold=60).decisions if d.detector == "lines"]
    assert not [d for d in analyse(text, "en", threshold=95).decisions if d.detector == "lines"]


def test_without_vocabulary_shape_and_position_still_find_a_dateline_and_links() -> None:
    text = "Nov. 20, 2019 6:02 AM EST\n\n" + BODY + "\n[1]: https://example.com/a\n[2]: https://example.com/b\n"
    found = analyse(text, "en", vocabulary=False).decisions
    taken = {text[d.start : d.end] for d in found}
    assert "Nov. 20, 2019 6:02 AM EST" in taken and "[1]: https://example.com/a" in taken


def test_language_without_a_vocabulary_file_uses_its_stop_words() -> None:
    body = "Menteri mengatakan pada hari Senin bahwa pembicaraan dengan delegasi akan dilanjutkan minggu depan di Jenewa.\n"
    text = body + "\nfacebook | twitter | whatsapp\n"
    assert lexicon("id").stop_words and not lexicon("id").has_vocabulary
    assert fix(text, language="id") == body


def test_chinese_and_japanese_measure_characters() -> None:
    body = "外交部发言人周一表示，双方将于下周在日内瓦继续举行会谈，讨论粮食出口问题。\n"
    assert fix(body + "\n分享\n评论\n", language="zh") == body
    jbody = "外務省の報道官は月曜日、交渉が来週ジュネーブで再開されると述べた。\n"
    assert fix(jbody + "\nコメント\n共有\n", language="ja") == jbody


def test_wrapped_paragraphs_are_one_unit() -> None:
    assert wrapped(["The talks in Geneva were expected to", "resume next week, officials said."])
    assert len(units(Document("The talks in Geneva were expected to\nresume next week, officials said.\n"))) == 1


def test_benchmark_articles_in_languages_without_vocabulary_keep_their_text() -> None:
    data = ROOT / "tests" / "data" / "extraction"
    truth = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    output = json.loads((data / "readability.json").read_text(encoding="utf-8"))["output"]
    checked = 0
    for key, page in truth.items():
        text = output[key].get("articleBody") or ""
        result = clean(text, select=("furniture",))
        if analyse(text).language not in ("ko", "id", "ja", "pt", "ru"):
            continue
        checked += 1
        for edit in result.edits:
            removed = " ".join(text[edit.start : edit.end].split())
            assert len(removed) < 20 or removed not in " ".join(page["articleBody"].split()), (key, removed)
    assert checked >= 4


def test_markdown_keeps_urls_and_the_fixture_sets(tmp_path: Path) -> None:
    text = BODY + "\n[Read the report](https://example.com/report)\n"
    assert clean(text, select=("furniture",), markdown=True, language="en").text == text


def test_a_bare_address_after_the_article_stays_and_a_masthead_goes_unsafely() -> None:
    text = BODY + "\nTickets\nwww.example-theatre.org\n"
    assert fix(text, unsafe=True) == text
    masthead = "example-blog.net\n\n" + BODY
    assert fix(masthead) == masthead and fix(masthead, unsafe=True) == BODY


def test_the_articles_closing_copyright_notice_stays_and_a_photo_copyright_goes() -> None:
    closing = BODY + "\n(Reporting by A. Writer; Editing by B. Editor)\n\n© Agency\n"
    assert fix(closing, unsafe=True) == closing
    assert "© Name Surname" not in fix("Firefighters at the scene in Valencia\n© Name Surname\n\n" + BODY)


def test_a_lone_byline_word_and_a_labelled_caption_go() -> None:
    text = "By\n\n" + BODY + "\nImage caption Firefighters at the scene in Valencia on Thursday\n\n" + BODY
    assert fix(text) == BODY + "\n" + BODY


def test_german_caption_ending_in_a_credit_goes() -> None:
    body = "Die Gespräche sollen nächste Woche in Genf fortgesetzt werden, sagte der Minister am Montag in Berlin.\n"
    text = body + "\nEine Sturmflut an der Küste. Bild: picture alliance/dpa | Name Surname\n\n" + body
    assert "Bild:" not in fix(text, unsafe=True, language="de")


def test_a_link_definition_wrapped_by_a_converter_goes_whole() -> None:
    definition = "[1]: https://example.com/2019/11/a-long-address-that-the-converter-cut-at-eighty-col\numns-wide\n"
    assert fix(BODY + "\n" + definition) == BODY


def test_a_caption_repeated_between_paragraphs_keeps_its_first_copy() -> None:
    caption = "2018 Theatre Tradition Series Performance [The Palace: A Tale of Three Courts] at the Festival"
    bodies = [BODY.replace("Geneva", city) for city in ("Geneva", "Vienna", "Oslo", "Rome")]
    text = "".join(f"{caption}\n\n{body}\n" for body in bodies)[:-1]
    assert fix(text, unsafe=True) == f"{caption}\n\n" + "\n".join(bodies)


def test_furniture_run_on_after_the_last_sentence_is_cut_unsafely() -> None:
    text = "The ministry said the talks would resume next week in Geneva. Officials expect a deal by June and a signing in July. We use cookies to improve your experience. Accept\n"
    assert clean(text, select=("furniture",), language="en").text == text
    assert clean(text, unsafe=True, select=("furniture",), language="en").text.endswith("signing in July.\n")


def test_stop_words_of_a_language_wordfreq_names_otherwise_log_nothing(caplog: pytest.LogCaptureFixture) -> None:
    # langdetect says "no" for Norwegian; wordfreq knows it as "nb" and, asked for "no", logs a warning users would see.
    stop_words.cache_clear()
    with caplog.at_level("WARNING"):
        norwegian, _ = stop_words("no")
        unknown, _ = stop_words("xx")
    assert "og" in norwegian and unknown == frozenset()
    assert caplog.records == []


def test_a_date_names_its_month_even_when_the_stop_word_list_holds_the_month_names() -> None:
    # jusText's Portuguese stop words include the month names; a dateline still names its month.
    portuguese = lexicon("pt")
    assert "fevereiro" in portuguese.stop_words
    assert features("27 de Fevereiro de 2012", portuguese).dateline
    assert not features("Em fevereiro de 2012 o grupo vendeu a empresa aos bancos.", portuguese).dateline
    assert not features("27 de 2012", portuguese).dateline, "no month, weekday, clock time or full date"


SECOND = "The repairs will take two years and cost the city about four million dollars, the council said in a statement.\n"
MENU = "Home\n\nLocal\n\nNews\n\nSports\n\nReal Estate\n\nBusiness\n\n"


def test_a_run_of_menu_items_above_the_article_goes_only_with_unsafe_fixes() -> None:
    text = MENU + BODY + "\n" + SECOND
    assert fix(text) == text
    assert fix(text, unsafe=True) == BODY + "\n" + SECOND
    decisions = analyse(text, "en").decisions
    assert len(decisions) == 6 and all(not d.safe and "menu-run" in d.signals for d in decisions)


def test_a_menu_after_the_article_goes_with_unsafe_fixes() -> None:
    text = BODY + "\n" + SECOND + "\nNews\nSports\nBusiness\nLiving\nJobs\nClassifieds\n"
    assert fix(text, unsafe=True) == BODY + "\n" + SECOND


@pytest.mark.parametrize(
    "text",
    [
        # A list the article introduces with a colon is the article's.
        BODY + "\n" + SECOND + "\nThe new members of the board:\n\nAnna Nowak\n\nJan Kowalski\n\nPiotr Zielinski\n\nEwa Wojcik\n\nMarek Lewandowski\n",
        # Four short lines are a headline block, not a menu.
        "World\n\nEurope\n\nBy Anna Kowalski\n\nTuesday\n\n" + BODY + "\n" + SECOND,
        # Short lines between paragraphs are the article's own (a list in the body).
        BODY + "\nApples\n\nPears\n\nPlums\n\nCherries\n\nQuinces\n\n" + SECOND,
    ],
    ids=["introduced-list", "four-lines", "between-paragraphs"],
)
def test_short_lines_that_are_no_menu_stay(text: str) -> None:
    assert fix(text, unsafe=True) == text


def test_a_labelled_date_after_the_article_goes_safely() -> None:
    assert fix(BODY + "\n" + SECOND + "\nFirst published: Tuesday, November 19, 2019 08:38 AM\n") == BODY + "\n" + SECOND
    assert fix(BODY + "\n" + SECOND + "\nUpdated: 12 March 2021, 14:05\n") == BODY + "\n" + SECOND


def test_a_date_alone_after_the_article_stays() -> None:
    text = BODY + "\n" + SECOND + "\nTuesday, November 19, 2019\n"
    assert fix(text, unsafe=True) == text
