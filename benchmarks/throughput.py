"""Throughput of the default rules against plain ftfy, with each phase's share of the time.

    python benchmarks/throughput.py [--mb 10]

Prints MB/s for `cleaner` (safe fixes, as `cleaner fix` runs) and for
`ftfy.fix_text` over the same documents, their ratio, and where the time
goes (per phase, per pack, and language detection), all measured in one run.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import ftfy
from corpus import build_corpus

from cleaner.engine import Engine
from cleaner.langid import detect_language
from cleaner.rulebook import load_rulebook


def timed_rules(spent: dict[str, float]):  # type: ignore[no-untyped-def]
    rules = list(load_rulebook())
    for rule in rules:
        find = rule.kind.find

        def wrapper(doc, ctx, _find=find, _id=rule.full_id):  # type: ignore[no-untyped-def]
            started = time.perf_counter()
            try:
                return list(_find(doc, ctx))
            finally:
                spent[_id] += time.perf_counter() - started

        rule.kind.find = wrapper  # type: ignore[method-assign]
    return rules


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=10.0, help="corpus size in MB (default 10)")
    args = parser.parse_args()
    documents = build_corpus(args.mb)
    megabytes = sum(len(d.encode("utf-8")) for d in documents) / 1e6
    spent: dict[str, float] = defaultdict(float)
    detection = [0.0]

    def detector(text: str) -> tuple[str | None, float]:
        started = time.perf_counter()
        try:
            return detect_language(text)
        finally:
            detection[0] += time.perf_counter() - started

    rules = timed_rules(spent)
    engine = Engine(rules, detector=detector)
    engine.run(documents[0])
    spent.clear()
    detection[0] = 0.0

    started = time.perf_counter()
    changed = 0
    for text in documents:
        changed += engine.run(text).changed
    cleaner_seconds = time.perf_counter() - started

    started = time.perf_counter()
    for text in documents:
        ftfy.fix_text(text)
    ftfy_seconds = time.perf_counter() - started

    print(f"corpus: {len(documents)} documents, {megabytes:.1f} MB, {changed} changed by cleaner")
    print(f"cleaner fix (default rules): {megabytes / cleaner_seconds:8.2f} MB/s  ({cleaner_seconds:.1f} s)")
    print(f"ftfy.fix_text:               {megabytes / ftfy_seconds:8.2f} MB/s  ({ftfy_seconds:.1f} s)")
    print(f"ratio cleaner/ftfy time:     {cleaner_seconds / ftfy_seconds:8.2f}x")
    by_phase: dict[str, float] = defaultdict(float)
    by_pack: dict[str, float] = defaultdict(float)
    phase_of = {r.full_id: r.phase for r in rules}
    for rule_id, seconds in spent.items():
        by_phase[phase_of[rule_id]] += seconds
        by_pack[rule_id.split("/")[0]] += seconds
    print("share of cleaner's time:")
    print(f"  language detection (document level): {100 * detection[0] / cleaner_seconds:5.1f}%")
    for phase, seconds in sorted(by_phase.items(), key=lambda kv: -kv[1]):
        print(f"  phase {phase:<12} {100 * seconds / cleaner_seconds:5.1f}%")
    for pack, seconds in sorted(by_pack.items(), key=lambda kv: -kv[1]):
        print(f"  pack  {pack:<12} {100 * seconds / cleaner_seconds:5.1f}%")
    engine_overhead = cleaner_seconds - sum(spent.values()) - detection[0]
    print(f"  engine (passes, offsets)  {100 * engine_overhead / cleaner_seconds:5.1f}%")


if __name__ == "__main__":
    main()
