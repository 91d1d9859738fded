"""The ``structure`` pack as a whole: missing spaces, teasers, headlines inside sentences, the seed and clean articles."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cleaner.engine import Engine
from cleaner.kinds.interruption import find_interruptions
from cleaner.kinds.missing_space import add_missing_spaces
from cleaner.model import Result
from cleaner.rulebook import Rule, load_rulebook

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "fixtures" / "articles" / "seed-lavrov-blinken.txt"
CLEAN = sorted((ROOT / "fixtures" / "clean").glob("*.*")) if (ROOT / "fixtures" / "clean").is_dir() else []


@lru_cache(maxsize=1)
def structure_rules() -> list[Rule]:
    return load_rulebook().select(["structure"])


def rule(full_id: str) -> Rule:
    found = next((r for r in structure_rules() if r.full_id == full_id), None)
    assert found is not None, full_id
    return found


def run(text: str, *, unsafe: bool = False, rules: list[Rule] | None = None, markdown: bool = False) -> Result:
    return Engine(rules or structure_rules()).run(text, unsafe=unsafe, language="en", markdown=markdown, max_removed=None)


def seed_text() -> str:
    path = SEED
    return path.read_text(encoding="utf-8")


def test_pack_holds_the_promised_rules_in_the_structure_phase() -> None:
    ids = {r.full_id for r in structure_rules()}
    assert {
        "structure/glued-sentence",
        "structure/missing-space-after-sentence",
        "structure/inline-teaser",
        "structure/headline-inside-sentence",
        "structure/stray-capital",
        "structure/stray-capital-before-name",
    } <= ids
    assert all(r.phase == "structure" and r.languages == ("en",) for r in structure_rules())


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("Both sides condemned terrorism.Kerry said the talks would go on.", "Both sides condemned terrorism. Kerry said the talks would go on."),
        ("He said the figure was four.”And then he left.", "He said the figure was four.” And then he left."),
        ("a battery of 5,000 mAh.It will be sold on Friday", "a battery of 5,000 mAh. It will be sold on Friday"),
        ("shipped to a port in 2021.The smuggling was found", "shipped to a port in 2021. The smuggling was found"),
        ("its website runs on Node.js.“We sold prototypes,” she said", "its website runs on Node.js. “We sold prototypes,” she said"),
        ("Who benefits from the rise of the dollar?Economic experts disagree.", "Who benefits from the rise of the dollar? Economic experts disagree."),
        ("to control the market.”In a meeting he stressed it", "to control the market.” In a meeting he stressed it"),
    ],
)
def test_missing_space_after_sentence_is_put_back(before: str, after: str) -> None:
    result = run(before, rules=[rule("structure/missing-space-after-sentence")])
    assert result.text == after
    assert all(e.safe for e in result.edits)


@pytest.mark.parametrize(
    "text",
    [
        "The U.S. envoy quoted J.R.R. Tolkien, e.g. his letters, i.e. the late ones, at 10.30am.",
        "Growth reached 3.5 percent in version 2.Beta of Windows 10.Pro, says a Ph.D. student.",
        "Visit example.com or Booking.Com, open Report.Pdf, or build with Node.js and .NET today.",
        "Mail press@example.com or see https://example.com/News.Today and www.bbc.co.uk/News.Now please.",
        "Call Math.Floor(x) or System.Console.WriteLine and tkinter.Tk, then threading.Lock objects.",
        "Open the File.Save menu, then File.Next and Edit.Undo in the editor.",
        "Both e.g.The and a.m.The stay, and so does U.S.The here.",
    ],
)
def test_abbreviations_numbers_addresses_and_code_keep_their_dots(text: str) -> None:
    assert run(text, rules=[rule("structure/missing-space-after-sentence")], unsafe=True).text == text


def test_missing_space_helper_matches_the_rule() -> None:
    assert add_missing_spaces("united against terrorism.Kerry said so") == "united against terrorism. Kerry said so"


@pytest.mark.parametrize(
    "teaser",
    [
        "ALSO: Oil prices climb as talks stall",
        "READ MORE: Five things to know about the ruling",
        "Read more: Five things to know about the ruling",
        "Related: Judge steps down after appeal",
        "Also read: Court sets date for the hearing",
        "SEE ALSO: The history of the court",
        "READ ALSO: “Nobody expected this,” says judge",
    ],
)
def test_inline_teasers_are_removed(teaser: str) -> None:
    text = f"The court ruled on Monday.\n\n{teaser}\n\nThe ruling is final.\n"
    result = run(text, rules=[rule("structure/inline-teaser")])
    assert result.text == "The court ruled on Monday.\n\nThe ruling is final.\n"
    assert all(e.safe for e in result.edits)


@pytest.mark.parametrize(
    "text",
    [
        "The court also read more documents. Related cases are pending: three in all.\n",
        "He said: also, read more carefully next time.\n\nRelated reading: none.\n",
        "Also: the minister said the deal would hold.\n",
        "Related: the minister said the deal would hold.\n",
    ],
)
def test_teaser_markers_inside_prose_stay(text: str) -> None:
    assert run(text, rules=[rule("structure/inline-teaser")]).text == text


def test_headline_inside_a_sentence_is_removed_as_unsafe() -> None:
    text = "The minister said on Monday that the talks would resume\n\nOil Prices Climb As Talks Stall\n\nnext week in Vienna, officials said.\n"
    only = [rule("structure/headline-inside-sentence")]
    safe_run = run(text, rules=only)
    assert safe_run.text == text and len(safe_run.pending) == 1
    assert run(text, rules=only, unsafe=True).text == "The minister said on Monday that the talks would resume next week in Vienna, officials said.\n"


@pytest.mark.parametrize(
    "text",
    [
        "The minister said the talks would resume.\n\nOil Prices Climb As Talks Stall\n\nTraders were calm.\n",
        "The minister said on Monday that the talks would resume\n\nOil Prices Climb As Talks Stall\n\nNext week, in Vienna.\n",
        "The minister said on Monday that these were the libraries\n\nMac OSX\n\nlibcudart.dylib and others.\n",
        "The minister said on Monday that these were the topics\n\n- Grain Exports And Prices\n\nand more to come.\n",
        "Initialize the modem using kermit with the commands\n\nAT E0 Q1 &D2 &C1\n\nto set it up now.\n",
    ],
)
def test_headings_lists_and_code_between_paragraphs_stay(text: str) -> None:
    assert list(find_interruptions(text)) == []


def test_seed_safe_fixes_touch_only_the_glue_and_stray_capitals() -> None:
    source = seed_text()
    result = run(source)
    expected = source.replace(
        "along with The recently reached grain agreementHe expressed", "along with the recently reached grain agreement. He expressed"
    ).replace("but No concrete result yet", "but no concrete result yet")
    assert result.text == expected
    assert [e.message for e in result.pending] == ["Stray capital in 'deal Former'"]


def test_seed_unsafe_fixes_add_only_the_modifier() -> None:
    source = seed_text()
    result = run(source, unsafe=True)
    expected = (
        source.replace("along with The recently reached grain agreementHe expressed", "along with the recently reached grain agreement. He expressed")
        .replace("but No concrete result yet", "but no concrete result yet")
        .replace("exchange deal Former US Marine", "exchange deal former US Marine")
    )
    assert result.text == expected


@pytest.mark.parametrize("path", CLEAN, ids=[p.name for p in CLEAN])
def test_clean_articles_get_no_structure_edits(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    result = run(text, unsafe=True, markdown=path.suffix == ".md")
    assert result.edits == (), [e.message for e in result.edits]


EXCERPTS = json.loads((ROOT / "tests" / "data" / "extraction_excerpts.json").read_text(encoding="utf-8"))["cases"]
"""Real extractor output from scrapinghub/article-extraction-benchmark (MIT); each case names its page and extractor."""


def excerpt(name: str) -> str:
    text: str = EXCERPTS[name]["text"]
    return text


@pytest.mark.parametrize(
    ("name", "before", "after"),
    [
        # cityam.com/alibaba-to-raise-up-to-12-9bn-in-landmark-hong-kong-listing, go_readability
        (
            "teaser-glued-both-sides",
            "Reuters reported.Read more: Tencent profit falls as Alibaba threat and economic woes weighHong Kong’s",
            "Reuters reported. Hong Kong’s",
        ),
        # livescience.com/most-detailed-universe-simulation.html, go_readability (a no-break space before the marker)
        (
            "teaser-after-no-break-space",
            "Society.\xa0Related: From Big Bang to Present: Snapshots of Our Universe Through TimeTNG50 is",
            "Society.\xa0TNG50 is",
        ),
        ("teaser-glued-to-both", "reality.Related: The 15 Weirdest Galaxies in Our UniverseAs their", "reality. As their"),
        # express.co.uk Hong Kong protests, goose3: the teaser ends its paragraph
        ("teaser-paragraph-end", "purposes. SEE MORE: Hong Kong protests: 800 students under siege in university\n", "purposes.\n"),
        # livescience.com/feather-duvet-lung.html, news_please: the teaser has a line of its own
        ("teaser-own-line", "\nRelated: 7 Strange Signs You're Having an Allergic Reaction\n", "\n"),
    ],
)
def test_real_teasers_are_removed_up_to_their_plain_end(name: str, before: str, after: str) -> None:
    text = excerpt(name)
    assert before in text
    result = run(text, rules=[rule("structure/inline-teaser")])
    assert result.text == text.replace(before, after)
    assert all(e.safe for e in result.edits)


@pytest.mark.parametrize(
    "text",
    [
        "Three issues remain. See also: The committee found that costs rose sharply last year.\n",
        "Prices fell. Related: Oil prices climb as talks stall. The market then steadied.\n",
        "He bought shares. Read more: apple unveils a phone\n",
        "He bought shares. Read more: Apple unveils a phone, the maker says, and a watch, a tablet and a speaker for the kitchen and the car\n",
    ],
)
def test_teasers_without_a_plain_end_stay(text: str) -> None:
    assert run(text, rules=[rule("structure/inline-teaser")]).text == text


def test_brand_names_inside_a_teaser_are_no_glue() -> None:
    text = "The court ruled. Read more: Apple unveils a new iPhone and MacBook at its YouTube event\n"
    assert run(text, rules=[rule("structure/inline-teaser")]).text == "The court ruled.\n"


@pytest.mark.parametrize(
    ("name", "crosshead", "after"),
    [
        # quantamagazine.org/tuft-cells-that-taste-danger-set-off-immune-responses-20191115, justext
        ("crosshead-title-case", "A Job for Tuft Cells", "In researchers’ assays"),
        # theantijunecleaver.com/2017/12/spiced-honey-pear-jam-recipe, justext
        ("crosshead-capitals", "USING HONEY INSTEAD OF SUGAR", "I like to use honey"),
    ],
)
def test_real_crossheads_get_a_paragraph_of_their_own(name: str, crosshead: str, after: str) -> None:
    text = excerpt(name)
    result = run(text, rules=[rule("structure/glued-crosshead")])
    assert f".\n\n{crosshead}\n\n{after}" in result.text
    assert result.text.split() == text.split()
    assert all(e.safe for e in result.edits)


@pytest.mark.parametrize("item", EXCERPTS["title-case-sentence-starts"]["items"], ids=lambda item: item["text"][:30])
def test_real_sentences_opening_with_capitalised_words_stay_whole(item: dict[str, str]) -> None:
    text = item["text"] + "\n"
    assert run(text, rules=[rule("structure/glued-crosshead")], unsafe=True).text == text


@pytest.mark.parametrize(
    "text",
    [
        "Judges in The Hague read The New York Times and The Economist every single morning.",
        "SAN FRANCISCO The mayor said the ports would reopen on Monday morning.",
        "Secretary of State Antony Blinken The talks.",
        "The Lord of the Rings The Fellowship of the Ring was filmed in New Zealand.",
        "Ports Reopen After Long Strike The union said so",
    ],
)
def test_name_runs_datelines_and_unfinished_sentences_are_no_crossheads(text: str) -> None:
    assert run(text, rules=[rule("structure/glued-crosshead")], unsafe=True).text == text


def test_issue_example_headline_glued_with_a_space() -> None:
    # issue #10: "Ports Reopen After Long Strike The union said ..."
    text = "Ports Reopen After Long Strike The union said the dockers would return to work on Monday.\n\nShipping lines welcomed the deal.\n"
    result = run(text)
    assert result.text == "Ports Reopen After Long Strike\n\nThe union said the dockers would return to work on Monday.\n\nShipping lines welcomed the deal.\n"
    assert [e.rule for e in result.edits] == ["structure/glued-crosshead"]


@given(
    st.lists(st.sampled_from(["the", "Kerry", "A", "I", "2021", ".", "!", "?", "”", "“", "’", ")", " ", "\n", "\t", "é", "É", "x"]), max_size=40).map("".join)
)
def test_run_on_matches_are_found_in_the_lines_that_hold_a_candidate(text: str) -> None:
    from cleaner.kinds.missing_space import RUN_ON, candidate_lines

    whole = [m.span() for m in RUN_ON.finditer(text)]
    assert whole == [m.span() for start, end in candidate_lines(text) for m in RUN_ON.finditer(text, start, end)]
