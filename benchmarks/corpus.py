"""A deterministic corpus of real scraped articles for the benchmarks, as large as asked, with no paragraph repeated more than a few times.

Sources: the fixture articles and clean fixtures, and, when the shared
extraction benchmark is beside the project (``../shared/benchmarks/extraction``),
what ten real article extractors produced for its 83 pages, with the
hand-made article bodies: real captions, share lines, bylines and page
furniture, in English and a few other languages.

A document is one source page's paragraphs, each rewritten as a variant:
its sentences rotated by a seeded offset and, for longer paragraphs, one
left out. A paragraph text already used ``MAX_REPEATS`` times is dropped
from later documents, so no cache keyed by paragraph can inflate a speed
figure. Damage is then injected in fixed shares of documents:

- ``MOJIBAKE_SHARE`` (10%): one paragraph with non-ASCII characters read as
  Windows-1252 (``’`` becomes ``â€™``), which ftfy repairs;
- ``GLITCH_SHARE`` (20%): a lost space after a full stop, doubled spaces, or
  a stray capital (the real extractor outputs carry their own furniture).
"""

from __future__ import annotations

import json
import random
from collections import Counter
from pathlib import Path

import ftfy.bad_codecs  # noqa: F401 - registers the sloppy-windows-1252 codec
import regex

ROOT = Path(__file__).resolve().parent.parent
EXTRACTION = ROOT.parent / "shared" / "benchmarks" / "extraction" / "data"
MOJIBAKE_SHARE = 0.10
GLITCH_SHARE = 0.20
MAX_REPEATS = 3
"""The most times one paragraph text may appear in the whole corpus."""

SENTENCE_END = regex.compile(r"(?<=[.!?…][”’\"')»]?)\s+(?=[\p{Lu}\p{N}“\"‘«(])")


def source_pages() -> list[list[str]]:
    """Every source text as its list of paragraphs, in a fixed order."""
    texts: list[str] = []
    for folder in ("articles", "clean"):
        for path in sorted((ROOT / "fixtures" / folder).glob("*.txt")):
            if not path.name.endswith(".expected.txt"):
                texts.append(path.read_text(encoding="utf-8"))
    if EXTRACTION.is_dir():
        for path in sorted(EXTRACTION.glob("*.json")):
            data = json.loads(path.read_text(encoding="utf-8"))
            if isinstance(data, dict) and "output" in data and "version" in data:
                data = data["output"]
            texts += [(entry or {}).get("articleBody") or "" for _, entry in sorted(data.items())]
    pages = []
    for text in texts:
        paragraphs = [p.strip() for p in regex.split(r"\n\s*\n", text.replace("\r\n", "\n")) if p.strip()]
        if paragraphs:
            pages.append(paragraphs)
    return pages


def variant(paragraph: str, rng: random.Random) -> str:
    """The paragraph with its sentences rotated and, when it has four or more, one left out."""
    sentences = SENTENCE_END.split(paragraph)
    if len(sentences) < 2:
        return paragraph
    turn = rng.randrange(len(sentences))
    sentences = sentences[turn:] + sentences[:turn]
    if len(sentences) >= 4:
        del sentences[rng.randrange(len(sentences))]
    return " ".join(sentences)


def mojibake(paragraphs: list[str], rng: random.Random) -> bool:
    """Garble one paragraph that has non-ASCII characters, as a page read in the wrong encoding; False if none has."""
    candidates = [i for i, p in enumerate(paragraphs) if not p.isascii()]
    if not candidates:
        return False
    index = rng.choice(candidates)
    try:
        paragraphs[index] = paragraphs[index].encode("utf-8").decode("sloppy-windows-1252")
    except UnicodeError:
        return False
    return True


def glitch(paragraphs: list[str], rng: random.Random) -> None:
    """Damage one paragraph the way scrapers and translators do."""
    index = rng.randrange(len(paragraphs))
    paragraph = paragraphs[index]
    choice = rng.randrange(3)
    if choice == 0 and ". " in paragraph:
        paragraph = paragraph.replace(". ", ".", 1)
    elif choice == 1 or " the " not in paragraph:
        paragraph = paragraph.replace(" ", "  ", 2)
    else:
        paragraph = paragraph.replace(" the ", " The ", 1)
    paragraphs[index] = paragraph


def build_corpus(megabytes: float = 10.0, seed: int = 20221129) -> list[str]:
    """Documents adding up to at least ``megabytes`` MB of UTF-8, the same on every run."""
    rng = random.Random(seed)
    pages = source_pages()
    used: Counter[str] = Counter()
    documents: list[str] = []
    size = 0
    target = int(megabytes * 1_000_000)
    order: list[int] = []
    while size < target:
        if not order:
            order = list(range(len(pages)))
            rng.shuffle(order)
        page = pages[order.pop()]
        paragraphs = []
        for paragraph in page:
            text = variant(paragraph, rng)
            if used[text] < MAX_REPEATS:
                used[text] += 1
                paragraphs.append(text)
        if not paragraphs:
            if all(used[p] >= MAX_REPEATS for page in pages for p in page) and not documents:
                raise ValueError("the sources are too small for a corpus without repeats")
            continue
        roll = rng.random()
        if roll < MOJIBAKE_SHARE:
            mojibake(paragraphs, rng)
        elif roll < MOJIBAKE_SHARE + GLITCH_SHARE:
            glitch(paragraphs, rng)
        text = "\n\n".join(paragraphs) + "\n"
        documents.append(text)
        size += len(text.encode("utf-8"))
    return documents


def repeats(documents: list[str]) -> int:
    """How many times the most repeated paragraph appears."""
    counts = Counter(p for d in documents for p in d.split("\n\n") if p.strip())
    return max(counts.values(), default=0)
