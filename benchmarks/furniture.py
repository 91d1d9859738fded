"""How the furniture rules do on the extraction benchmark, and proof that they are not a phrase list.

Run from the project root (needs ../shared/benchmarks/extraction/, or pass --data):

    .venv/bin/python benchmarks/furniture.py

Prints, for the rules of the furniture and boilerplate packs alone (unsafe edits applied):
1. the score at each threshold on half A of the pages (split by site), the threshold chosen there,
   and its score on half B;
2. the score with the web-interface vocabulary switched off;
3. furniture recall on the articles in languages that have no vocabulary file: the share of lines
   absent from the truth that were removed, and the share of truth lines kept.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import tempfile
import time
import zlib
from pathlib import Path
from urllib.parse import urlparse

from cleaner import clean
from cleaner.kinds.furniture.classify import analyse
from cleaner.kinds.furniture.lexicon import vocabulary_languages

RULES = ("related-block", "photo-credit", "repeated-caption", "interface-line")
SELECT = ("furniture", "boilerplate")
TOKEN = re.compile(r"\w+")


def scorer(data: Path):  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("score", data.parent / "score.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def override(folder: Path, **options: object) -> None:
    """A pack replacing the shipped furniture rules with the same rules and other options."""
    shipped = (Path(__file__).resolve().parent.parent / "rules" / "furniture.yaml").read_text(encoding="utf-8")
    import yaml

    pack = yaml.safe_load(shipped)
    for rule in pack["rules"]:
        rule.update(options)
    (folder / "furniture.yaml").write_text(yaml.safe_dump(pack, allow_unicode=True, sort_keys=False), encoding="utf-8")


def mean_gain(score, truth, outputs, keys, rules: tuple[str, ...] = ()) -> float:  # type: ignore[no-untyped-def]
    gains = []
    for output in outputs.values():
        before = [score.tp_fp_fn(truth[k]["articleBody"], output[k]) for k in keys]
        after = [score.tp_fp_fn(truth[k]["articleBody"], clean(output[k], unsafe=True, select=SELECT, rules=rules).text) for k in keys]
        gains.append(score.prf(after)[2] - score.prf(before)[2])
    return sum(gains) / len(gains)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/benchmarks/extraction/data"))
    args = parser.parse_args()
    score = scorer(args.data)
    truth = json.loads((args.data / "ground-truth.json").read_text(encoding="utf-8"))
    outputs = {}
    for name in score.DEFAULT.split(","):
        raw = json.loads((args.data / f"{name}.json").read_text(encoding="utf-8"))["output"]
        outputs[name] = {k: raw[k].get("articleBody") or "" for k in truth}
    keys = sorted(truth)
    half = {k: zlib.crc32(urlparse(truth[k]["url"]).netloc.removeprefix("www.").encode()) % 2 for k in keys}
    a = [k for k in keys if half[k] == 0]
    b = [k for k in keys if half[k] == 1]
    started = time.perf_counter()
    print(f"pages: {len(a)} in half A, {len(b)} in half B (split by site)")
    best = (float("-inf"), 0)
    with tempfile.TemporaryDirectory() as tmp:
        for threshold in (50, 60, 70, 80, 90):
            folder = Path(tmp, f"t{threshold}")
            folder.mkdir()
            override(folder, threshold=threshold)
            gain = mean_gain(score, truth, outputs, a, (str(folder),))
            print(f"threshold {threshold}: half A mean dF1 {gain:+.4f}")
            best = max(best, (gain, threshold))
        chosen = Path(tmp, f"t{best[1]}")
        print(f"chosen on A: {best[1]}; half B mean dF1 {mean_gain(score, truth, outputs, b, (str(chosen),)):+.4f}")
        print(f"shipped rules, all pages: mean dF1 {mean_gain(score, truth, outputs, keys):+.4f}")
        off = Path(tmp, "off")
        off.mkdir()
        override(off, vocabulary=False)
        print(f"vocabulary off, all pages: mean dF1 {mean_gain(score, truth, outputs, keys, (str(off),)):+.4f}")
    furniture_recall(truth, outputs)
    print(f"run time {time.perf_counter() - started:.0f} s")


def furniture_recall(truth, outputs) -> None:  # type: ignore[no-untyped-def]
    """Share of furniture lines removed, and of article lines kept, in languages without a vocabulary file."""
    removed = furniture = kept = article = 0
    languages = set()
    for key, page in truth.items():
        body = " ".join(TOKEN.findall(page["articleBody"]))
        for output in outputs.values():
            text = output[key]
            language = analyse(text).language
            if not text or language in vocabulary_languages() or language is None:
                continue
            languages.add(language)
            after = clean(text, unsafe=True, select=("furniture",)).text
            remaining = {" ".join(line.split()) for line in after.splitlines()}
            for line in text.splitlines():
                tokens = " ".join(TOKEN.findall(line))
                if not tokens:
                    continue
                gone = " ".join(line.split()) not in remaining
                if tokens in body:
                    article += 1
                    kept += not gone
                else:
                    furniture += 1
                    removed += gone
    print(f"languages without a vocabulary file: {', '.join(sorted(languages))}")
    print(f"  furniture lines removed: {removed}/{furniture}; article lines kept: {kept}/{article}")


if __name__ == "__main__":
    main()
