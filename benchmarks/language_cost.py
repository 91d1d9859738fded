"""How much of a run language detection costs on English news, and how accurate it is on the test passages.

The corpus is the fixture articles, the clean fixtures and the seed article,
in a fixed order, repeated until it reaches the requested size. Every
document runs through the full shipped rule set with language detection on
(as JSON output asks). Language detection's time is the document-level
check plus the ``language`` pack's rules; guesses are forgotten before each
document so repeated articles pay full price, while langdetect's profiles
load once per process, as in real use.

    .venv/bin/python benchmarks/language_cost.py [--megabytes 3]
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cleaner import langid  # noqa: E402
from cleaner.engine import Engine  # noqa: E402
from cleaner.rulebook import load_rulebook  # noqa: E402

SEED = Path(__file__).resolve().parent.parent.parent / "shared" / "seeds" / "000_ee6c1ebfeea44b2e.txt"
TARGET_SHARE = 0.25


def sources() -> list[Path]:
    """The corpus files, in a fixed order: inputs only, never expected outputs."""
    articles = [p for p in sorted((ROOT / "fixtures" / "articles").glob("*.txt")) if ".expected" not in p.name]
    clean = sorted((ROOT / "fixtures" / "clean").glob("*.txt"))
    seeds = [SEED] if SEED.is_file() else []
    return articles + clean + seeds


def corpus(megabytes: float) -> list[str]:
    """The source texts repeated, in order, until they hold ``megabytes`` of UTF-8."""
    texts = [p.read_text(encoding="utf-8") for p in sources()]
    wanted = int(megabytes * 1_000_000)
    documents: list[str] = []
    size = 0
    while size < wanted:
        for text in texts:
            documents.append(text)
            size += len(text.encode("utf-8"))
            if size >= wanted:
                break
    return documents


class Stopwatch:
    """Adds up the time spent inside wrapped callables."""

    def __init__(self) -> None:
        self.seconds = 0.0

    def wrap(self, function: Callable[..., Any], *, consume: bool = False) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                result = function(*args, **kwargs)
                return list(result) if consume else result
            finally:
                self.seconds += time.perf_counter() - started

        return timed


def measure(documents: Iterable[str]) -> dict[str, float]:
    rules = load_rulebook([], default_rules=True).select()
    engine = Engine(rules)
    detection, scripts = Stopwatch(), Stopwatch()
    engine.detect = detection.wrap(engine.detect)  # type: ignore[method-assign]
    for rule in rules:
        if rule.pack == "language":
            rule.kind.find = detection.wrap(rule.kind.find, consume=True)  # type: ignore[method-assign]
        elif rule.pack == "scripts":
            rule.kind.find = scripts.wrap(rule.kind.find, consume=True)  # type: ignore[method-assign]
    total = 0.0
    count = 0
    asked = 0
    for text in documents:
        asked += langid.langdetect_language.cache_info().misses
        langid.clear_caches()
        started = time.perf_counter()
        engine.run(text, detect=True)
        total += time.perf_counter() - started
        count += 1
    asked += langdetect_language_calls()
    loaded = langid._factory.cache_info().currsize > 0
    return {"total": total, "detection": detection.seconds, "scripts": scripts.seconds, "documents": count, "langdetect": asked, "loaded": loaded}


def langdetect_language_calls() -> int:
    return int(langid.langdetect_language.cache_info().misses)


def passage_accuracy() -> tuple[float, int, list[str]]:
    """Accuracy on the passages of ``tests/test_langid.py``, their number, and the misses."""
    spec = importlib.util.spec_from_file_location("passages", ROOT / "tests" / "test_langid.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    langid.clear_caches()
    cases = [(code, text) for code, text in module.PASSAGES] + [(code, text) for code, _, text in module.KNOWN_MISSES]
    misses = [f"{code} -> {langid.guess_language(text).language}" for code, text in cases if langid.guess_language(text).language != code]
    return (len(cases) - len(misses)) / len(cases), len(cases), misses


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--megabytes", type=float, default=3.0, help="corpus size (default 3)")
    args = parser.parse_args()
    documents = corpus(args.megabytes)
    size = sum(len(d.encode("utf-8")) for d in documents) / 1_000_000
    figures = measure(documents)
    share = figures["detection"] / figures["total"]
    print(f"corpus: {len(sources())} source files, {figures['documents']:.0f} documents, {size:.1f} MB")
    print(f"total run time: {figures['total']:.2f} s ({size / figures['total']:.2f} MB/s)")
    print(f"language detection: {figures['detection']:.2f} s = {100 * share:.1f}% of run time (target under {100 * TARGET_SHARE:.0f}%)")
    loaded = "loaded" if figures["loaded"] else "never loaded"
    print(f"  langdetect asked {figures['langdetect']:.0f} times; its profiles were {loaded} (about 0.5 s when they are)")
    print(f"look-alike letters (scripts pack): {figures['scripts']:.2f} s = {100 * figures['scripts'] / figures['total']:.1f}% of run time")
    accuracy, cases, misses = passage_accuracy()
    print(f"detection accuracy on test passages: {100 * accuracy:.1f}% of {cases}" + (f" (missed: {', '.join(misses)})" if misses else ""))
    return 0 if share < TARGET_SHARE else 1


if __name__ == "__main__":
    raise SystemExit(main())
