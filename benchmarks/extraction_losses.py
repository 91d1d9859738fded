"""Which edits cost recall on the extraction benchmark: every edit that removes or alters words of the truth.

    python benchmarks/extraction_losses.py [--unsafe] [--extractors a,b] [--select RULES]

Reads ``../shared/benchmarks/extraction/data`` (the public benchmark's development half), runs the
engine on each extractor's output, and prints, per rule, the edits whose original text holds a
4-gram of ``\\w+`` tokens that the truth holds and the cleaned text lost: the benchmark's metric,
credited to the rules that caused each loss.
"""

from __future__ import annotations

import argparse
import collections
import json
import re
from pathlib import Path

from cleaner import clean

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "benchmarks" / "extraction" / "data"
TOKEN = re.compile(r"\w+")
EXTRACTORS = "readability,trafilatura,newspaper,goose3,go_readability,dom_smoothie,justext,news_please,readability_js,boilerpipe"


def shingles(text: str) -> collections.Counter[tuple[str, ...]]:
    tokens = TOKEN.findall(text)
    return collections.Counter(tuple(tokens[i : i + 4]) for i in range(max(1, len(tokens) - 3)) if tokens[i : i + 4])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--unsafe", action="store_true")
    parser.add_argument("--extractors", default=EXTRACTORS)
    parser.add_argument("--select", default="")
    args = parser.parse_args()
    truth = json.loads((DATA / "ground-truth.json").read_text(encoding="utf-8"))
    select = [s for s in args.select.split(",") if s]
    per_rule: dict[str, list[str]] = collections.defaultdict(list)
    for name in args.extractors.split(","):
        data = json.loads((DATA / f"{name}.json").read_text(encoding="utf-8"))
        outputs = data["output"] if isinstance(data, dict) and "output" in data else data
        for key in sorted(truth):
            before = outputs[key].get("articleBody") or ""
            result = clean(before, unsafe=args.unsafe, select=select)
            wanted = shingles(truth[key]["articleBody"])
            had, kept = shingles(before), shingles(result.text)
            lost = {g for g in wanted if min(had[g], wanted[g]) > min(kept[g], wanted[g])}
            if not lost:
                continue
            for edit in result.edits:
                start = max(0, before.rfind(" ", 0, max(0, edit.start - 40)))
                around = shingles(before[start : edit.end + 40])
                if any(g in lost for g in around):
                    shown = " ".join(before[edit.start : edit.end].split())[:140]
                    per_rule[edit.rule].append(f"{name} {key[:8]} -{shown!r} +{edit.replacement[:40]!r}")
    for rule, lines in sorted(per_rule.items(), key=lambda item: -len(item[1])):
        print(f"== {rule}: {len(lines)}")
        for line in lines:
            print("   ", line)


if __name__ == "__main__":
    main()
