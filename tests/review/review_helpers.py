"""Shared set-up for the review tests: a copy of the seed article, its engine result (computed once), and the app on it."""

from __future__ import annotations

import io
import json
from functools import lru_cache
from pathlib import Path

from cleaner import clean
from cleaner.cli import Session, build_parser
from cleaner.decisions import DEFAULT_NAME
from cleaner.model import Result
from cleaner.review.app import ReviewApp
from cleaner.review.command import open_documents
from cleaner.review.documents import ReviewDocument
from cleaner.review.state import Start

ROOT = Path(__file__).resolve().parent.parent.parent
SEED = ROOT / "fixtures" / "articles" / "seed-lavrov-blinken.txt"


@lru_cache(maxsize=16)
def cleaned(text: str, markdown: bool = False) -> Result:
    return clean(text, markdown=markdown)


def article(folder: Path, name: str = "seed.txt", data: bytes | None = None) -> Path:
    """A copy of the seed (or ``data``) in ``folder``, with an empty config beside it so the decisions file lives there."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "cleaner.toml").write_text("", encoding="utf-8")
    path = folder / name
    path.write_bytes(SEED.read_bytes() if data is None else data)
    return path


def document(path: Path) -> ReviewDocument:
    """The document as ``cleaner review`` opens it, with the engine run shared between tests."""
    session = Session(build_parser().parse_args(["review", str(path)]), io.StringIO())
    session.rulebook = lambda config: _book()  # type: ignore[method-assign]
    opened = open_documents(session)[0]
    source = opened.source
    opened.clean = lambda progress: cleaned(source.text, source.markdown)
    return opened


@lru_cache(maxsize=1)
def _book():  # type: ignore[no-untyped-def]
    from cleaner.rulebook import load_rulebook

    return load_rulebook()


def app_for(*paths: Path, start: Start = "fix") -> ReviewApp:
    return ReviewApp([document(p) for p in paths], start=start)


async def ready(pilot) -> None:  # type: ignore[no-untyped-def]
    """Wait until the engine has been over every file and the app has shown the result."""
    while not pilot.app.loaded:
        await pilot.pause(0.01)
    await pilot.pause()


def decisions_of(folder: Path, name: str = "seed.txt") -> list[dict[str, object]]:
    data = json.loads((folder / DEFAULT_NAME).read_text(encoding="utf-8"))
    found: list[dict[str, object]] = data["documents"][name]
    return found
