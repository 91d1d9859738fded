"""A deterministic corpus of news-like documents built from the fixtures, with glitches in a realistic share."""

from __future__ import annotations

import random
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FOOTER = "\n\nLeave a Comment\n\nThis site uses Akismet to reduce spam. Learn how your comment data is processed.\n"
GLITCH_SHARE = 0.3


def _inject(text: str, rng: random.Random) -> str:
    """Damage one clean article the way scrapers and translators do."""
    paragraphs = text.rstrip("\n").split("\n\n")
    choice = rng.randrange(5)
    index = rng.randrange(len(paragraphs))
    paragraph = paragraphs[index]
    if choice == 0 and "’" in paragraph:
        paragraph = paragraph.replace("’", "’".encode().decode("cp1252"), 1)
    elif choice == 1 and ". " in paragraph:
        paragraph = paragraph.replace(". ", ".", 1)
    elif choice == 2 and " the " in paragraph:
        paragraph = paragraph.replace(" the ", " The ", 1)
    elif choice == 3:
        paragraph = paragraph.replace(" ", "  ", 2)
    paragraphs[index] = paragraph
    damaged = "\n\n".join(paragraphs)
    return damaged + (FOOTER if choice == 4 or rng.random() < 0.3 else "\n")


def build_corpus(megabytes: float = 10.0, seed: int = 20221129) -> list[str]:
    """Documents adding up to at least ``megabytes`` MB of UTF-8, the same on every run."""
    rng = random.Random(seed)
    damaged = sorted((ROOT / "fixtures" / "articles").glob("*[!d].txt"))
    damaged = [p for p in damaged if not p.name.endswith("expected.txt")]
    clean = sorted((ROOT / "fixtures" / "clean").glob("*.txt"))
    damaged_texts = [p.read_text(encoding="utf-8") for p in damaged]
    clean_texts = [p.read_text(encoding="utf-8") for p in clean]
    documents: list[str] = []
    size = 0
    target = int(megabytes * 1_000_000)
    while size < target:
        roll = rng.random()
        if roll < GLITCH_SHARE / 2 and damaged_texts:
            text = rng.choice(damaged_texts)
        elif roll < GLITCH_SHARE:
            text = _inject(rng.choice(clean_texts), rng)
        else:
            text = rng.choice(clean_texts)
        documents.append(text)
        size += len(text.encode("utf-8"))
    return documents
