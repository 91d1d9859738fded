"""The review app driven key by key with ``App.run_test()`` and ``pilot.press``, asserting on verdicts, decisions and the saved text."""

from __future__ import annotations

import io
import os
import threading
from pathlib import Path

from review_helpers import SEED, app_for, article, cleaned, decisions_of, ready
from textual import events
from textual.widgets import Button, Input, ProgressBar, Static
from textual.widgets._footer import FooterKey

from cleaner.cli import Session, build_parser
from cleaner.decisions import DEFAULT_NAME
from cleaner.model import apply_edits
from cleaner.review.app import ReviewApp
from cleaner.review.command import open_documents
from cleaner.review.confirm import ConfirmScreen
from cleaner.review.editscreen import EditScreen
from cleaner.review.filesscreen import FilesScreen
from cleaner.review.fixinfo import FixInfo
from cleaner.review.fixlist import FixList
from cleaner.review.helpscreen import HelpScreen
from cleaner.review.pane import DiffPane
from cleaner.review.screen import ReviewScreen
from cleaner.review.searchscreen import SearchScreen
from cleaner.review.statusline import StatusLine

SIZE = (120, 40)
CAPTION, INNER_NAME, QUOTE, GLUED, LAST_QUOTE, FORMER = 1, 2, 6, 7, 15, 17
"""Indices of some of the seed's fixes: the unsafe caption removal holds a safe name repair; an unsafe quote holds a safe glued-sentence split."""


def seed_counts() -> tuple[int, int]:
    """How many fixes the engine finds in the seed, and how many of them are safe."""
    edits = cleaned(SEED.read_text(encoding="utf-8")).all_edits
    return len(edits), sum(1 for e in edits if e.safe)


def two_files(folder: Path, first: str = "a.txt") -> tuple[Path, Path]:
    """The seed, and b.txt with one safe fix."""
    return article(folder, first), article(folder, "b.txt", data=b"The talks ended , officials said.\n")


def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def states(app) -> list[str]:  # type: ignore[no-untyped-def]
    return [f.state for f in app.review.fixes]


async def test_safe_fixes_start_accepted_unsafe_ones_pending_and_the_status_counts_them(tmp_path: Path) -> None:
    app = app_for(article(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        review = app.review
        total, safe = seed_counts()
        assert len(review) == total
        assert [i for i, f in enumerate(review.fixes) if f.state == "pending"] == [CAPTION, QUOTE, LAST_QUOTE, FORMER]
        assert all(f.edit.safe for f in review.fixes if f.state == "accepted")
        assert review.text() == cleaned(seed_text()).text, "the repaired pane starts as `cleaner fix` has it"
        status = str(app.screen.query_one(StatusLine).query_one("#status-text").render())
        assert f"✓ {safe} accepted" in status and "✗ 0 rejected" in status and f"? {total - safe} pending" in status


async def test_start_pending_leaves_every_fix_pending(tmp_path: Path) -> None:
    app = app_for(article(tmp_path), start="pending")
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert set(states(app)) == {"pending"} and app.review.text() == seed_text()


async def test_y_n_and_space_decide_and_move_on(tmp_path: Path) -> None:
    app = app_for(article(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        screen = app.screen
        assert isinstance(screen, ReviewScreen) and screen.current == 0
        await pilot.press("n")
        assert app.review.fixes[0].state == "rejected" and screen.current == 1
        await pilot.press("y")
        assert app.review.fixes[CAPTION].state == "accepted" and screen.current == 2
        assert app.review.moot(INNER_NAME), "accepting the caption removal takes the name repair inside it along"
        await pilot.press("space")
        assert app.review.fixes[INNER_NAME].state == "rejected" and screen.current == 2
        await pilot.press("space")
        assert app.review.fixes[INNER_NAME].state == "accepted"
        text = app.review.text()
        assert "Sergey Lavrov and his US counterpart Anthony Blinken" in text
        assert "Russian Foreign Minister Sergey Lavrov and American" not in text


async def test_j_k_and_arrows_move_between_fixes(tmp_path: Path) -> None:
    app = app_for(article(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        screen = app.screen
        await pilot.press("j", "j", "down")
        assert screen.current == 3
        await pilot.press("k", "up")
        assert screen.current == 1
        await pilot.press("k", "k", "k")
        assert screen.current == 0
        assert app.screen.query_one(FixList).highlighted == 0


async def test_brackets_go_to_the_next_and_previous_pending_fix(tmp_path: Path) -> None:
    app = app_for(article(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        screen = app.screen
        await pilot.press("right_square_bracket")
        assert screen.current == CAPTION
        await pilot.press("right_square_bracket", "right_square_bracket")
        assert screen.current == LAST_QUOTE
        await pilot.press("left_square_bracket")
        assert screen.current == QUOTE


async def test_shift_a_asks_then_accepts_the_rules_pending_fixes_safe_ones_unless_unsafe_are_chosen(tmp_path: Path) -> None:
    app = app_for(article(tmp_path), start="pending")
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        names = [i for i, f in enumerate(app.review.fixes) if f.edit.rule == "names/name-variant"]
        await pilot.press("A")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")
        assert set(states(app)) == {"pending"}, "cancelled: nothing changes"
        await pilot.press("A")
        await pilot.click("#answer-safe")
        assert [i for i, f in enumerate(app.review.fixes) if f.state == "accepted"] == names
        await pilot.press("u")
        assert set(states(app)) == {"pending"}, "the bulk accept is one undo step"


async def test_shift_d_rejects_unsafe_fixes_of_a_rule_only_when_chosen(tmp_path: Path) -> None:
    app = app_for(article(tmp_path), start="pending")
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        quotes = [i for i, f in enumerate(app.review.fixes) if f.edit.rule == "quotes/unbalanced-quotes"]
        assert all(not app.review.fixes[i].edit.safe for i in quotes)
        while app.review.fixes[app.screen.current].edit.rule != "quotes/unbalanced-quotes":
            await pilot.press("j")
        await pilot.press("D")
        dialog = app.screen
        assert isinstance(dialog, ConfirmScreen) and not dialog.query("#answer-safe"), "only unsafe fixes pending: no 'safe' answer"
        await pilot.click("#answer-all")
        assert [i for i, f in enumerate(app.review.fixes) if f.state == "rejected"] == quotes


async def test_u_undoes_step_by_step(tmp_path: Path) -> None:
    app = app_for(article(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        before = states(app)
        await pilot.press("n", "n", "y")
        assert states(app)[:3] == ["rejected", "rejected", "accepted"]
        await pilot.press("u")
        assert states(app)[:3] == ["rejected", "pending", "accepted"] and app.screen.current == 1
        await pilot.press("u")
        assert states(app) == before and app.screen.current == 0
        await pilot.press("u")
        assert states(app) == before


async def test_e_edits_the_replacement_which_is_saved_and_recorded(tmp_path: Path) -> None:
    path = article(tmp_path)
    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("e")
        editor = app.screen
        assert isinstance(editor, EditScreen)
        editor.query_one("#replacement").value = ""
        await pilot.press(*"Antony J. Blinken", "enter")
        fix = app.review.fixes[0]
        assert fix.state == "accepted" and fix.text == "Antony J. Blinken" and fix.edit.rule == "names/name-variant"
        await pilot.press("s")
    assert "counterpart Antony J. Blinken." in path.read_text(encoding="utf-8")
    recorded = decisions_of(tmp_path)[0]
    assert recorded["decision"] == "edit" and recorded["text"] == "Antony J. Blinken" and recorded["rule"] == "names/name-variant"


async def test_escape_cancels_the_edit(tmp_path: Path) -> None:
    app = app_for(article(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("n", "k", "e", "x", "escape")
        assert app.review.fixes[0].state == "rejected" and app.review.fixes[0].text is None


async def test_slash_searches_fixes_then_the_text(tmp_path: Path) -> None:
    app = app_for(article(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("slash")
        assert isinstance(app.screen, SearchScreen)
        await pilot.press(*"greiner", "enter")
        assert app.screen.current == 8
        await pilot.press("slash", "enter")
        assert app.screen.current == 12, "enter on the remembered query finds the next match"
        await pilot.press("slash")
        app.screen.query_one("#query").value = "Tashkent"
        await pilot.press("enter")
        assert app.screen.current == 12, "no fix mentions it: the panes scroll to the text instead"
        assert app.screen.query_one("#original", DiffPane).scroll_offset.y > 0


async def test_s_and_ctrl_s_save_the_text_and_the_decisions(tmp_path: Path) -> None:
    path = article(tmp_path)
    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("n", "y")
        assert app.unsaved
        await pilot.press("s")
        assert not app.unsaved
        saved = path.read_text(encoding="utf-8")
        assert "counterpart Anthony Blinken." in saved and "• Russian Foreign Minister" not in saved
        await pilot.press("j", "n", "ctrl+s")
        assert not app.unsaved
    verdicts = [(d["rule"], d["decision"]) for d in decisions_of(tmp_path)]
    assert ("names/name-variant", "reject") in verdicts and ("boilerplate/lone-bullet-caption", "accept") in verdicts
    assert path.read_text(encoding="utf-8") == apply_edits(seed_text(), app.review.chosen())


async def test_saving_refuses_a_file_changed_on_disk(tmp_path: Path) -> None:
    path = article(tmp_path)
    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        path.write_text("Someone else's version.\n", encoding="utf-8")
        os.utime(path, ns=(1, 1))
        await pilot.press("s")
        await pilot.pause()
        notes = [n.message for n in app._notifications]
        assert any(m.startswith(f"{path}: changed on disk since it was opened; not saved") for m in notes), notes
    assert path.read_text(encoding="utf-8") == "Someone else's version.\n"
    assert not (tmp_path / DEFAULT_NAME).exists()


async def test_saving_keeps_encoding_bom_and_line_endings(tmp_path: Path) -> None:
    data = b"\xef\xbb\xbf" + seed_text().replace("\n", "\r\n").encode("utf-8")
    path = article(tmp_path, data=data)
    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("s")
    written = path.read_bytes()
    assert written.startswith(b"\xef\xbb\xbf") and b"\r\n" in written and b"\n" not in written.replace(b"\r\n", b"")
    assert written.decode("utf-8-sig").replace("\r\n", "\n") == cleaned(seed_text()).text


async def test_q_quits_at_once_without_unsaved_work(tmp_path: Path) -> None:
    app = app_for(article(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0 and not app.is_running


async def test_q_and_ctrl_q_ask_with_unsaved_work(tmp_path: Path) -> None:
    path = article(tmp_path)
    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("n", "q")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.click("#answer-cancel")
        assert app.is_running and isinstance(app.screen, ReviewScreen)
        await pilot.press("ctrl+q")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.click("#answer-discard")
        await pilot.pause()
    assert not app.is_running
    assert path.read_bytes() == SEED.read_bytes(), "quitting without saving writes nothing"
    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("n", "q")
        await pilot.click("#answer-save")
        await pilot.pause()
    assert "counterpart Anthony Blinken." in path.read_text(encoding="utf-8") and "Sergey Lavrov" in path.read_text(encoding="utf-8")


async def test_question_mark_shows_help_generated_from_the_bindings(tmp_path: Path) -> None:
    app = app_for(article(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("question_mark")
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        described = dict(help_screen.keys)
        for binding in ReviewScreen.BINDINGS:
            assert any(binding.tooltip == text for text in described.values()), binding
        assert described["y"] == "Accept the current fix and go to the next"
        assert described["]"] == "Next pending fix (on to the next file with one)" and described["s, ctrl+s"].startswith("Save")
        assert described["q, ctrl+q"] == "Quit; asks when there is unsaved work" and "ctrl+q" not in described
        assert help_screen.legend is not None, "and what every sign and colour of the panes means"
        legend = {str(row[0]).strip(): str(row[2]) for row in zip(*(c.cells for c in help_screen.legend.columns))}
        assert set(legend) == {"-", "+", "", "+ -", "- +", "?", "✗", "▌"}
        assert legend["✗"].startswith("a fix you rejected") and legend["▌"] == "the current fix"
        assert help_screen.query_one("VerticalScroll").region.height <= 38, "keys and legend fit a 40-row terminal"
        await pilot.press("escape")
        assert isinstance(app.screen, ReviewScreen)


async def test_clicks_on_the_fix_list_and_on_a_change_in_a_pane_choose_the_fix(tmp_path: Path) -> None:
    app = app_for(article(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        fixes = app.screen.query_one(FixList)
        await pilot.click(FixList, offset=(5, 3))
        assert app.screen.current == fixes.scroll_offset.y + 2
        await pilot.press("k")
        pane = app.screen.query_one("#original", DiffPane)
        layout = pane.diff
        row = layout.fix_row(4) - pane.scroll_offset.y
        side, (start, _) = layout.row(0, layout.fix_row(4))
        column = next(s for s, _, _, f in side.runs if f == 4) - start
        await pilot.click("#original", offset=(1 + 3 + column, 1 + row))
        assert app.screen.current == 4


async def test_the_command_palette_accepts_every_fix_of_a_rule(tmp_path: Path) -> None:
    app = app_for(article(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        commands = {c.title: c.help for c in app.get_system_commands(app.screen)}
        assert commands["Accept every fix of rule quotes/unbalanced-quotes"] == "2 fixes: 2 pending"
        assert commands["Reject every fix of rule names/name-variant"] == "10 fixes: 10 accepted"
        await pilot.press("ctrl+p")
        await pilot.press(*"accept unbalanced")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        quotes = [f for f in app.review.fixes if f.edit.rule == "quotes/unbalanced-quotes"]
        assert quotes and all(f.state == "accepted" for f in quotes)
        assert [n.message for n in app._notifications][-1] == f"Accepted {len(quotes)} fixes of quotes/unbalanced-quotes (u undoes)."
        await pilot.press("u")
        assert all(f.state == "pending" for f in quotes)


async def test_several_files_next_previous_and_overview(tmp_path: Path) -> None:
    first, second = two_files(tmp_path)
    app = app_for(first, second)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        total, safe = seed_counts()
        assert app.index == 0 and len(app.review) == total
        await pilot.press("j", "j", "j", "greater_than_sign")
        assert app.index == 1 and len(app.review) == 1 and app.screen.current == 0
        await pilot.press("n", "less_than_sign")
        assert app.index == 0 and app.screen.current == 3, "back where the reviewer left the file"
        assert app.screen.query_one(FixList).highlighted == 3
        await pilot.press("o")
        overview = app.screen
        assert isinstance(overview, FilesScreen)
        assert [line[1] for line in overview.files] == [f"{total - safe} pending, {safe} accepted, 0 rejected", "0 pending, 0 accepted, 1 rejected"]
        assert overview.files[1][2], "b.txt has unsaved decisions"
        await pilot.press("down", "enter")
        assert app.index == 1 and isinstance(app.screen, ReviewScreen)
        await pilot.press("s")
    assert second.read_bytes() == b"The talks ended , officials said.\n"
    assert [d["decision"] for d in decisions_of(tmp_path, "b.txt")] == ["reject"]


async def test_stale_decisions_show_as_pending_again(tmp_path: Path) -> None:
    path = article(tmp_path)
    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("n", "s")
    path.write_text(seed_text().replace("his US counterpart Anthony", "his American counterpart Anthony"), encoding="utf-8")
    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        fix = app.review.fixes[0]
        assert fix.stale and fix.state == "pending"
        assert any("1 stale decisions" in n.message for n in app._notifications)


async def test_panes_stack_below_100_columns(tmp_path: Path) -> None:
    app = app_for(article(tmp_path))
    async with app.run_test(size=(99, 40)) as pilot:
        await ready(pilot)
        left, right = app.screen.query_one("#original"), app.screen.query_one("#repaired")
        assert app.screen.has_class("stacked") and left.region.x == right.region.x and left.region.y < right.region.y
    app = app_for(article(tmp_path / "wide"))
    async with app.run_test(size=(100, 40)) as pilot:
        await ready(pilot)
        left, right = app.screen.query_one("#original"), app.screen.query_one("#repaired")
        assert not app.screen.has_class("stacked") and left.region.y == right.region.y and left.region.x < right.region.x


async def test_the_panes_scroll_together(tmp_path: Path) -> None:
    app = app_for(article(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        left, right = app.screen.query_one("#original", DiffPane), app.screen.query_one("#repaired", DiffPane)
        await pilot.press("pagedown")
        await pilot.pause()
        assert left.scroll_offset.y > 0 and right.scroll_offset.y == left.scroll_offset.y
        right.scroll_to(y=3, animate=False, immediate=True)
        await pilot.pause()
        assert left.scroll_offset.y == 3


async def test_review_then_save_equals_cleaner_fix_with_the_same_decisions(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    reviewed = article(tmp_path / "reviewed")
    app = app_for(reviewed)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("n", "y", "j", "j", "n")
        while app.screen.current != QUOTE:
            await pilot.press("j")
        await pilot.press("y", "j", "e")
        app.screen.query_one("#replacement").value = "Brittney Griner (WNBA)"
        await pilot.press("enter", "right_square_bracket", "n", "s")
        assert [states(app)[i] for i in (0, CAPTION, 4, QUOTE, 8, LAST_QUOTE, FORMER)] == [
            "rejected",
            "accepted",
            "rejected",
            "accepted",
            "accepted",
            "rejected",
            "pending",
        ]
    replay = article(tmp_path / "replay")
    (tmp_path / "replay" / DEFAULT_NAME).write_bytes((tmp_path / "reviewed" / DEFAULT_NAME).read_bytes())
    assert cli("fix", str(replay)).code == 0
    assert replay.read_bytes() == reviewed.read_bytes()
    assert reviewed.read_bytes() != SEED.read_bytes()
    check = cli("check", str(reviewed))
    assert "stale" not in check.err
    assert check.out.count("seed.txt:") == 1 and "structure/stray-capital-before-name" in check.out, "only the fix left pending is reported"


def pane_rows(pane: DiffPane) -> list[str]:
    """The rows a pane shows now, as text, gutter included."""
    return [pane.render_line(y).text.rstrip() for y in range(pane.scrollable_content_region.height)]


async def test_panes_show_the_text_exactly_with_a_sign_only_on_rows_that_show_a_fix(tmp_path: Path) -> None:
    app = app_for(article(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("j", "n")
        left, right = app.screen.query_one("#original", DiffPane), app.screen.query_one("#repaired", DiffPane)
        rows, repaired = pane_rows(left), pane_rows(right)
        assert " - Sergey Lavrov and his US counterpart Anthony Blinken." in rows
        assert " + Sergey Lavrov and his US counterpart Antony Blinken." in repaired
        caption = next(i for i, row in enumerate(rows) if "• Russian Foreign Minister" in row)
        assert rows[caption].startswith(" ✗ "), "the rejected caption removal"
        assert rows[caption + 1] == "▌- American Anthony Blinken", "the current fix, a name repair inside the caption"
        assert repaired[caption + 1] == "▌+ American Antony Blinken"
        assert rows[caption + 2] == rows[caption - 1] == "", "the blank rows around the caption show nothing of it: no sign"
        layout = left.diff
        for y, row in enumerate(rows):
            found = layout.row(0, left.scroll_offset.y + y)
            assert row[3:] == ("" if found is None else found[0].text[found[1][0] : found[1][1]].rstrip())


async def test_screenshots_keep_their_white_space_in_every_svg_renderer(tmp_path: Path) -> None:
    app = app_for(article(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        svg = app.export_screenshot()
    assert svg.startswith('<svg xml:space="preserve" '), "librsvg trims each run of text otherwise: 'Anthony Blinken' drew as 'AnthonyBlinken'"
    assert "counterpart&#160;" in svg and "&#160;Blinken" in svg


async def test_brackets_in_a_file_name_or_its_text_are_shown_as_they_are(tmp_path: Path) -> None:
    path = article(tmp_path, "notes[1].txt", data=b"He said [Reuters] that Anthony Blinken will come.\n\n[/] Advertisement\n")
    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert [f.original for f in app.review.fixes] == ["Anthony Blinken", "\n\n[/] Advertisement"]
        assert str(app.screen.query_one(StatusLine).query_one("#status-text").render()).startswith(f"{path}  ✓ 2 accepted")
        await pilot.press("j", "e")
        editor = app.screen
        assert isinstance(editor, EditScreen)
        shown = [str(s.render()) for s in editor.query("Static")]
        assert "Original: He said [Reuters] that Anthony Blinken will come.⏎⏎[/] Advertisement" in shown, shown
        await pilot.press("escape", "n", "s")
        await pilot.pause()
        assert app.is_running and any(n.message.startswith(f"Saved {path}: wrote 1 fix") for n in app._notifications)
        await pilot.press("slash", *"[/b]", "enter")
        await pilot.pause()
        assert any(n.message == "Not found: '[/b]'" for n in app._notifications)
    assert path.read_text(encoding="utf-8") == "He said [Reuters] that Antony Blinken will come.\n\n[/] Advertisement\n"


async def test_dialogs_answer_to_the_key_shown_on_each_button(tmp_path: Path) -> None:
    path = article(tmp_path)
    app = app_for(path, start="pending")
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        names = [i for i, f in enumerate(app.review.fixes) if f.edit.rule == "names/name-variant"]
        await pilot.press("A")
        dialog = app.screen
        assert isinstance(dialog, ConfirmScreen)
        assert [str(b.label) for b in dialog.query(Button)] == [f"s Accept {len(names)} safe", "esc Cancel"]
        await pilot.press("s")
        assert [i for i, f in enumerate(app.review.fixes) if f.state == "accepted"] == names
        await pilot.press("q")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, ReviewScreen) and app.is_running
        await pilot.press("right_square_bracket", "D")
        dialog = app.screen
        assert isinstance(dialog, ConfirmScreen)
        question, box = dialog.query_one(Static), dialog.query_one("ConfirmScreen > Vertical")
        assert str(question.render()) == "Reject the pending fix of boilerplate/lone-bullet-caption? 0 safe, 1 unsafe."
        assert question.region.right <= box.content_region.right and question.region.height == 2, "wrapped, not cut"
        await pilot.press("a")
        assert app.review.fixes[CAPTION].state == "rejected"
        await pilot.press("q", "d")
        await pilot.pause()
    assert not app.is_running and path.read_bytes() == SEED.read_bytes()


async def test_a_search_that_no_fix_answers_highlights_each_place_in_turn(tmp_path: Path) -> None:
    app = app_for(article(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        left = app.screen.query_one("#original", DiffPane)
        text = seed_text()
        for nth, offset in enumerate((162, 1034, 2232, 162)):
            if nth == 0:
                await pilot.press("slash", *"zakharova", "enter")
            else:
                await pilot.press("slash", "enter")
            await pilot.pause()
            assert app.screen.current == 0, "no fix mentions it: the current fix stays"
            number, start, end = left.found
            assert left.diff.side_pair(number)[0].text[start:end] == text[offset : offset + 9] == "Zakharova"
            row = left.diff.row_of(number, 0, start) - left.scroll_offset.y
            assert 0 <= row < left.scrollable_content_region.height, "scrolled into view"
            styles = [s.style for s in left.render_line(row) if s.text == "Zakharova"]
            assert styles and styles[0].bgcolor is not None and styles[0].bgcolor.name == "#5fafff", "drawn as found"
            line = text.count("\n", 0, offset) + 1
            assert app._notifications and list(app._notifications)[-1].message.startswith(f"'zakharova' on line {line}, {nth % 3 + 1} of 3")
        await pilot.press("j")
        assert left.found is None, "moving on clears the highlight"


async def test_the_strip_cuts_a_long_why_to_its_rows_with_an_ellipsis(tmp_path: Path) -> None:
    app = app_for(article(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        info = app.screen.query_one(FixInfo)
        assert "An outlet's own house spelling" in info.text.plain and info.text.plain.count("\n") >= 2
        shown = str(info.render()).splitlines()
        assert len(shown) == 5 and info.size.height == 5 and shown[-1].endswith("…")
        assert all(len(row) <= info.content_region.width for row in shown)
        assert shown[0] == "1/20 names/name-variant  safe  accepted  line 3, column 195"


async def test_keys_before_the_fixes_are_found_say_so_and_the_strip_tells_what_is_going_on(tmp_path: Path) -> None:
    app = app_for(article(tmp_path))
    document = app.documents[0]
    go = threading.Event()
    clean = document.clean
    document.clean = lambda progress: (go.wait(10), clean(progress))[1]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.2)
        assert document.review is None
        assert str(app.screen.query_one(FixInfo).render()).startswith(f"Looking for fixes in {document.name}")
        await pilot.press("y")
        assert any(n.message.startswith(f"Still looking for fixes in {document.name}") for n in app._notifications)
        bar = app.screen.query_one(StatusLine).query_one(ProgressBar)
        assert bar.total is None, "the engine says nothing of its progress: a bar that only shows it works"
        document.done, document.stage = 0.4, "safe fixes, pass 1"
        await pilot.pause(0.6)
        assert (
            bar.total == 1 and bar.progress == 0.4 and ", safe fixes, pass 1, 40%…" in str(app.screen.query_one(StatusLine).query_one("#status-text").render())
        )
        go.set()
        await ready(pilot)
        await pilot.press("y")
        assert app.screen.current == 1 and str(app.screen.query_one(FixInfo).render()).startswith("2/20 ")


def test_the_engine_tells_the_review_how_far_its_pass_over_the_rules_is(tmp_path: Path) -> None:
    opened = open_documents(Session(build_parser().parse_args(["review", "--unsafe-fixes", str(article(tmp_path))]), io.StringIO()))[0]
    seen: list[tuple[str, float | None]] = []
    record = opened._progress
    opened._progress = lambda progress: (record(progress), seen.append((opened.stage, opened.done)))  # type: ignore[method-assign]
    opened.load()
    stages = [stage for stage, _ in seen]
    assert stages[0] == "safe fixes, pass 1" and "unsafe fixes, pass 1" in stages, sorted(set(stages))
    shares = [done for stage, done in seen if stage == "safe fixes, pass 1"]
    assert shares == sorted(shares) and shares[-1] == 1.0 and 0 < shares[0] < 0.1
    assert (opened.stage, opened.done) == ("", None), "once loaded the status line shows counts, not progress"


async def test_deciding_the_last_pending_fix_says_that_saving_is_next(tmp_path: Path) -> None:
    app = app_for(article(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        while app.review.tally().pending:
            await pilot.press("right_square_bracket", "n")
        assert [n.message for n in app._notifications][-1] == f"No fix left pending in {app.documents[0].name}; s saves."


async def test_each_fix_takes_one_row_of_the_list_at_any_width(tmp_path: Path) -> None:
    for size in ((80, 36), (200, 50)):
        app = app_for(article(tmp_path / str(size[0])))
        async with app.run_test(size=size) as pilot:
            await ready(pilot)
            fixes = app.screen.query_one(FixList)
            prompts = [fixes.get_option_at_index(i).prompt for i in range(fixes.option_count)]
            assert all(p.cell_len <= fixes.scrollable_content_region.width for p in prompts)
            assert fixes._lines and len(fixes._lines) == len(prompts), "no fix wraps onto a second row"
            caption = str(prompts[CAPTION])
            assert "-··• Russian Foreign" in caption, "the spaces a removal takes are shown"
            assert ("American Anthony Blinken⏎⏎" in caption) == (size[0] == 200), "a wide list quotes the whole change"
            glued = str(prompts[GLUED])
            assert glued.endswith("+.·"), glued


async def test_the_current_fix_keeps_a_neighbour_in_view_in_the_list(tmp_path: Path) -> None:
    app = app_for(article(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        fixes = app.screen.query_one(FixList)
        for _ in range(8):
            await pilot.press("j")
            top, height = fixes.scroll_offset.y, fixes.scrollable_content_region.height
            assert top < app.screen.current + 1 < top + height, (app.screen.current, top)
        await pilot.press("k")
        assert fixes.scroll_offset.y <= app.screen.current - 1


async def test_the_overview_aligns_the_files_and_marks_the_current_one(tmp_path: Path) -> None:
    first, second = two_files(tmp_path, "a-long-name.txt")
    app = app_for(first, second)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("greater_than_sign", "o")
        overview = app.screen
        assert isinstance(overview, FilesScreen)
        lines = [str(overview.query_one("#files").get_option_at_index(i).prompt) for i in range(2)]
        assert lines[0].startswith(f"  {first}  ") and lines[1].startswith(f"▸ {second}{' ' * (len(str(first)) - len(str(second)))}  0 pending")
        assert str(overview.query_one("Static").render()).startswith("2 files")


async def test_the_editor_shows_the_fix_in_its_sentence_and_what_the_rule_proposes(tmp_path: Path) -> None:
    app = app_for(article(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("e")
        editor = app.screen
        assert isinstance(editor, EditScreen)
        shown = [str(s.render()) for s in editor.query("Static")]
        assert "Original: …between Sergey Lavrov and his US counterpart Anthony Blinken." in shown, shown
        assert "The rule proposes: Antony Blinken" in shown
        await pilot.press(*" Jr.", "enter")
        assert app.review.fixes[0].text == "Antony Blinken Jr.", "typing adds to the proposal (nothing is selected)"
        await pilot.press("e")
        editor = app.screen
        assert isinstance(editor, EditScreen) and editor.query_one("#replacement", Input).value == "Antony Blinken Jr."
        assert "The rule proposes: Antony Blinken" in [str(s.render()) for s in editor.query("Static")]
        await pilot.press("ctrl+u", *"Antony Blinken", "enter")
        assert app.review.fixes[0].text is None, "the rule's own text clears the edit"
        assert "Your text" not in app.screen.query_one(FixInfo).text.plain


async def test_a_file_left_out_is_told_in_the_app_and_a_clean_one_shows_its_counts(tmp_path: Path) -> None:
    article(tmp_path, "clean.txt", data=b"The talks ended on Monday, officials said.\n")
    (tmp_path / "latin1.txt").write_bytes("Café au lait , said he.\n".encode("latin-1"))
    session = Session(build_parser().parse_args(["review", str(tmp_path)]), io.StringIO())
    documents = open_documents(session)
    assert [d.name for d in documents] == [str(tmp_path / "clean.txt")]
    app = ReviewApp(documents, errors=session.counts.error_lines)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert any(n.message.startswith(f"{tmp_path / 'latin1.txt'}: not valid UTF-8") and n.message.endswith("(not under review)") for n in app._notifications)
        assert str(app.screen.query_one(FixInfo).render()) == "No fixes in this document."
        assert str(app.screen.query_one(StatusLine).query_one("#status-text").render()) == f"{tmp_path / 'clean.txt'}  ✓ 0 accepted  ✗ 0 rejected  ? 0 pending"


async def test_a_short_terminal_gives_the_panes_more_rows(tmp_path: Path) -> None:
    app = app_for(article(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        screen = app.screen
        info, fixes = screen.query_one(FixInfo), screen.query_one(FixList)
        assert screen.has_class("stacked", "short")
        assert info.region.height == 3 and str(info.render()).endswith("…") and fixes.region.height == 4
        assert all(pane.scrollable_content_region.height >= 5 for pane in screen.panes())
        current = screen.panes()[0]
        row = current.diff.fix_row(0) - current.scroll_offset.y
        assert 0 <= row < current.scrollable_content_region.height, "the current fix is in view"
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert not screen.has_class("stacked") and not screen.has_class("short") and info.region.height == 5


async def test_the_footer_offers_the_keys_of_a_review_in_order(tmp_path: Path) -> None:
    app = app_for(article(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        keys = [(k.key_display, k.description) for k in app.screen.query(FooterKey)]
        assert keys[:8] == [("y", "Accept"), ("n", "Reject"), ("j", "Next"), ("]", "Next pending"), ("u", "Undo"), ("s", "Save"), ("?", "Help"), ("q", "Quit")]


async def test_a_search_finds_the_very_characters_past_letters_that_fold_to_two(tmp_path: Path) -> None:
    path = article(tmp_path, "de.txt", data="Die Große Koalition tagte in der Straße der Republik.\n\nDie Straße war gesperrt.\n".encode())
    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        left = app.screen.query_one("#original", DiffPane)
        await pilot.press("slash", *"straße", "enter", "slash", "enter")
        number, start, end = left.found
        assert (number, left.diff.side_pair(number)[0].text[start:end]) == (1, "Straße"), "the second place, exactly"


async def test_a_burst_of_keys_lands_where_it_should_and_the_app_stays_responsive(tmp_path: Path) -> None:
    app = app_for(article(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        for _ in range(18):
            app.post_message(events.Key("j", "j"))
        await pilot.pause(0.5)
        assert app.screen.current == 18
        await pilot.pause(0.3)
        assert app.screen.current == 18, "the list's highlight never sets the current fix back"
        await pilot.press("k")
        assert app.screen.current == 17 and app.screen.query_one(FixList).highlighted == 17


async def test_brackets_go_on_to_the_pending_fixes_of_the_next_and_previous_file(tmp_path: Path) -> None:
    first, second = two_files(tmp_path)
    app = app_for(first, second)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        while app.screen.current != LAST_QUOTE:
            await pilot.press("right_square_bracket")
        await pilot.press("right_square_bracket", "right_square_bracket")
        assert app.index == 0 and app.screen.current == FORMER, "the last pending fix of a.txt"
        await pilot.press("n", "left_square_bracket", "greater_than_sign")
        assert app.index == 1 and app.review.fixes[0].state == "accepted", "b.txt has no pending fix"
        await pilot.press("left_square_bracket")
        assert app.index == 0 and app.screen.current == LAST_QUOTE, "back to the last pending fix of a.txt"
        await pilot.press("right_square_bracket")
        assert [n.message for n in app._notifications][-1] == "No pending fix after this one in any file."
    app = app_for(first, second, start="pending")
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        app.screen.current = len(app.review) - 1
        await pilot.press("right_square_bracket")
        assert app.index == 1 and app.screen.current == 0 and app.review.fixes[0].state == "pending"
        assert [n.message for n in app._notifications][-1] == f"Next pending fix: in {second}"
        await pilot.press("left_square_bracket")
        assert app.index == 0 and app.screen.current == len(app.review) - 1
