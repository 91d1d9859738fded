"""A few pinned pictures of the review app on the seed article (textual and pytest-textual-snapshot are pinned in the test extras).

After a deliberate change of the look: ``pytest tests/review/test_snapshots.py --snapshot-update``,
then look at the SVGs (``rsvg-convert -w 1400 FILE -o x.png``) and copy the main screen to
``docs/review-seed.svg``. The app's screenshots say ``xml:space="preserve"``: without it librsvg
trims the spaces that open each run of text, and words run together in the picture.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from review_helpers import app_for, article, ready

from cleaner.review.app import ReviewApp


@pytest.fixture
def seed_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> ReviewApp:
    article(tmp_path)
    monkeypatch.chdir(tmp_path)
    return app_for(Path("seed.txt"))


def test_main_screen(snap_compare, seed_app: ReviewApp) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(seed_app, terminal_size=(120, 40), run_before=ready, press=["j", "n"])


def test_stacked_layout_below_100_columns(snap_compare, seed_app: ReviewApp) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(seed_app, terminal_size=(80, 36), run_before=ready, press=["right_square_bracket"])


def test_help_screen(snap_compare, seed_app: ReviewApp) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(seed_app, terminal_size=(120, 40), run_before=ready, press=["question_mark"])


def test_confirm_dialog(snap_compare, seed_app: ReviewApp) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(seed_app, terminal_size=(120, 40), run_before=ready, press=["n", "q"])
