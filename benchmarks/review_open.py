"""How fast `cleaner review` opens a big article, and how it responds once the fixes are in.

    python benchmarks/review_open.py [--mb 5] [--full]

Builds one article of about MB megabytes from the benchmark corpus, opens
it in the review app (headless, 120x40) and prints:

- first screen: from starting the app (reading the file included) to the
  last row of the first screen drawn with the text; the engine then works
  in its own thread, and the rest of a long text is wrapped in the
  background;
- with ``--full``: how long the engine took, and the mean time of a key
  press (``j``, then ``n``) with every fix in place, counting the key's
  action and a full repaint of the screen (rendered to SVG, so an upper
  bound).

The engine's own time grows faster than the text (see
``benchmarks/throughput.py``); the app shows the text at once and a
progress line until the fixes arrive.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import build_corpus

from cleaner.cli import Session, build_parser
from cleaner.review.app import ReviewApp
from cleaner.review.command import open_documents
from cleaner.review.pane import DiffPane


def big_article(megabytes: float, folder: Path) -> Path:
    text = "\n\n".join(d.strip() for d in build_corpus(megabytes)) + "\n"
    path = folder / "big.txt"
    path.write_text(text, encoding="utf-8")
    (folder / "cleaner.toml").write_text("", encoding="utf-8")
    return path


async def measure(path: Path, full: bool) -> None:
    import io

    session = Session(build_parser().parse_args(["review", str(path)]), io.StringIO())
    session.rulebook(session.items()[0].config)
    painted: list[float] = []
    render_line = DiffPane.render_line

    def timed(pane: DiffPane, y: int):  # type: ignore[no-untyped-def]
        strip = render_line(pane, y)
        if not painted and pane.diff is not None and pane.diff.total and y == pane.scrollable_content_region.height - 1:
            painted.append(time.perf_counter())
        return strip

    DiffPane.render_line = timed  # type: ignore[method-assign]
    started = time.perf_counter()
    app = ReviewApp(open_documents(session))
    async with app.run_test(size=(120, 40)) as pilot:
        pane = app.main.query_one("#original", DiffPane)
        while not painted:
            await pilot.pause(0.005)
        first = painted[0] - started
        assert pane.diff is not None
        size = len(path.read_bytes()) / 1e6
        print(f"{size:.1f} MB article: first screen in {first:.2f} s ({pane.diff.total} rows, laid out {app.main.layouts} times)")
        if not full:
            os._exit(0)
        engine_started = time.perf_counter()
        while not app.loaded:
            await pilot.pause(0.2)
        print(f"engine (in its thread): {time.perf_counter() - engine_started:.1f} s; {len(app.review or ())} fixes")
        screen = app.main
        for name, action, count in (("j (next fix)", lambda: screen.action_move(1), 100), ("n (reject, next)", lambda: screen.action_decide("rejected"), 50)):
            started = time.perf_counter()
            for _ in range(count):
                action()
                app.export_screenshot()
            print(f"key {name}: {1000 * (time.perf_counter() - started) / count:.1f} ms per press, a full repaint included")
    os._exit(0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=5.0, help="article size in MB (default 5)")
    parser.add_argument("--full", action="store_true", help="also wait for the engine and time key presses")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = big_article(args.mb, Path(folder))
        asyncio.run(measure(path, args.full))


if __name__ == "__main__":
    main()
