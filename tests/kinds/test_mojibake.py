from __future__ import annotations

import json
import time
from pathlib import Path

import ftfy
import pytest

from cleaner import clean
from cleaner.document import Document
from cleaner.engine import Engine
from cleaner.kinds import Context
from cleaner.kinds.mojibake import CONFIG, changed_spans, needs_ftfy, repair
from cleaner.model import apply_edits
from cleaner.rulebook import Rule, load_rulebook

ROOT = Path(__file__).resolve().parent.parent.parent
CASES = json.loads((ROOT / "tests" / "data" / "ftfy_cases.json").read_text(encoding="utf-8"))["cases"]
PLAIN = ftfy.TextFixerConfig(**{**CONFIG._asdict(), "explain": False})


def unicode_rule(rule_id: str) -> Rule:
    book = load_rulebook([], default_rules=True)
    return next(r for r in book if r.full_id == f"unicode/{rule_id}")


MOJIBAKE = unicode_rule("mojibake")


def fix(text: str, *, markdown: bool = False) -> str:
    """One pass of the mojibake rule alone."""
    edits = list(MOJIBAKE.kind.find(Document(text, markdown=markdown), Context("t")))
    return apply_edits(text, edits)


def run(text: str) -> str:
    return Engine([MOJIBAKE]).run(text).text


@pytest.mark.parametrize("case", CASES, ids=[c["label"][:60] for c in CASES])
def test_gating_loses_no_ftfy_repair(case: dict[str, str]) -> None:
    expected = ftfy.fix_text(case["original"], PLAIN)
    assert expected == case["fixed"]
    assert fix(case["original"]) == expected
    if case["expect"] == "stay":
        assert MOJIBAKE.kind.find(Document(case["original"]), Context("t")) is not None
        assert list(MOJIBAKE.kind.find(Document(case["original"]), Context("t"))) == []


def test_the_cases_hold_both_repairs_and_negatives() -> None:
    assert sum(c["expect"] == "fix" for c in CASES) >= 80
    assert sum(c["expect"] == "stay" for c in CASES) >= 30


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("The prosecutorâ€™s office", "The prosecutor’s office"),
        ("MÃ©decins Sans FrontiÃ¨res", "Médecins Sans Frontières"),
        ("she said â€œnoâ€\x9d.", "she said “no”."),
        ("Johnson &amp; Johnson&#8217;s &quot;plan&quot;", 'Johnson & Johnson’s "plan"'),
        ("price\x85 rose", "price… rose"),
    ],
)
def test_repairs(before: str, after: str) -> None:
    assert run(before) == after


@pytest.mark.parametrize(
    "text",
    [
        "“Curly quotes” and ‘single ones’ stay curly — it’s 5 °C.",
        "Full-width ｔｅｘｔ, the ﬁrst ligature and Dutch ĳ stay.",
        "Café\u0301 decomposed and composed café stay as they are.",
        "AT&T, R&D, this&not that, and 5 < 6 &amp; more.",
        "Line one.\r\nLine two.\r\n",
        "\ufeffStarts with a byte-order mark.",
        "Tab\tseparated\fand form feed.",
    ],
)
def test_correct_text_is_never_touched(text: str) -> None:
    assert fix(text) == text


def test_entities_stay_in_markdown() -> None:
    assert fix("Fish &amp; chips", markdown=True) == "Fish &amp; chips"
    assert fix("Fish &amp; chips") == "Fish & chips"


def test_a_leading_byte_order_mark_stays_while_the_line_is_fixed() -> None:
    assert fix("\ufeffcafÃ©") == "\ufeffcafé"


def test_line_endings_stay() -> None:
    assert fix("cafÃ©\r\nnaÃ¯ve\r\n") == "café\r\nnaïve\r\n"


def test_each_damaged_span_is_one_edit_explaining_ftfy_steps() -> None:
    text = "The prosecutorâ€™s office â€” it said â€œnever againâ€\x9d."
    edits = list(MOJIBAKE.kind.find(Document(text), Context("t")))
    assert [text[e.start : e.end] for e in edits] == ["â€™", "â€”", "â€œ", "â€\x9d"]
    assert edits[0].message == "Mojibake 'â€™' (ftfy: encode 'sloppy-windows-1252', decode 'utf-8')"
    assert edits[3].message.startswith("Mojibake 'â€\\x9d'")
    assert all(e.safe and e.rule == "unicode/mojibake" for e in edits)


def test_entity_messages_name_the_entity() -> None:
    edits = list(MOJIBAKE.kind.find(Document("Fish &amp; chips"), Context("t")))
    assert [e.message for e in edits] == ["HTML entity '&amp;' (ftfy: apply 'unescape_html')"]


def test_nearby_changes_merge_and_distant_ones_do_not() -> None:
    assert changed_spans("aXbYc", "a1b2c") == [(1, 4, 1, 4)]
    assert changed_spans("aX long gap Yc", "a1 long gap 2c") == [(1, 2, 1, 2), (12, 13, 12, 13)]


def test_the_pre_check_only_skips_what_ftfy_leaves_alone() -> None:
    assert not needs_ftfy("“Plain,” she said — in Zürich, 5 °C.")
    assert needs_ftfy("Ã©")
    assert needs_ftfy("a &amp; b")
    assert not needs_ftfy("a &amp; b", CONFIG._replace(unescape_html=False))
    assert needs_ftfy("bell\x07")
    assert repair("clean text") == ("clean text", "")


def test_fixing_converges() -> None:
    for case in CASES:
        once = fix(case["original"])
        assert fix(once) == once, case["label"]


def test_clean_text_is_fast() -> None:
    paragraph = "“We have expressed our interest,” the spokesman said on Wednesday in Zürich — it’s 5 °C. "
    text = "\n\n".join([paragraph * 4] * 500)
    started = time.perf_counter()
    assert list(MOJIBAKE.kind.find(Document(text), Context("t"))) == []
    assert time.perf_counter() - started < 0.5


def test_lost_closing_quote_byte() -> None:
    rule = unicode_rule("lost-closing-quote-byte")
    engine = Engine([rule, MOJIBAKE])
    assert engine.run("had â€œnever taken a kopeckâ€ â€” and").text == "had “never taken a kopeck” — and"
    assert engine.run("calling it â€œfabricatedâ€.").text == "calling it “fabricated”."
    alone = Engine([rule])
    assert alone.run("A stray â€ with no opening quote.").text == "A stray â€ with no opening quote."
    assert alone.run("“Correct,” she said, “stays.”").text == "“Correct,” she said, “stays.”"


@pytest.mark.parametrize(
    ("rule_id", "before", "after"),
    [
        ("zero-width-space", "Tash\u200bkent", "Tashkent"),
        ("zero-width-space", "ภาษา\u200bไทย", "ภาษา\u200bไทย"),
        ("soft-hyphen", "Inter\u00adnational", "International"),
        ("soft-hyphen", "end\u00ad", "end\u00ad"),
        ("no-break-space-between-words", "Sergey\u00a0Lavrov", "Sergey Lavrov"),
        ("no-break-space-between-words", "10\u00a0000 and oui\u00a0!", "10\u00a0000 and oui\u00a0!"),
        ("replacement-character", "rose \ufffd in May", "rose in May"),
        ("replacement-character", "Fenerbah\ufffde", "Fenerbah\ufffde"),
    ],
)
def test_invisible_junk(rule_id: str, before: str, after: str) -> None:
    assert Engine([unicode_rule(rule_id)]).run(before, unsafe=True).text == after


def test_replacement_character_is_unsafe() -> None:
    result = Engine([unicode_rule("replacement-character")]).run("rose \ufffd in May")
    assert result.text == "rose \ufffd in May"
    assert len(result.pending) == 1


def test_a_line_is_repaired_around_its_code_spans_never_half_way() -> None:
    # ftfy's repair of the whole line would reach into the code span; half its edits applied grew the text on every pass.
    result = clean("0`0\x1f0`00", markdown=True)
    assert (result.text, result.warnings) == ("0`0\x1f0`00", ())
    mixed = clean("x Ã©t `Ã©` Ã© https://a.org/Ã©\n", markdown=True)
    assert mixed.text == "x ét `Ã©` é https://a.org/Ã©\n"
