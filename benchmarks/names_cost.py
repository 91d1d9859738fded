"""Cost of name matching: the `names` rule's share of a `cleaner fix` run, with the shipped and a 10,000-name gazetteer.

    python benchmarks/names_cost.py [--mb 2] [--people 10000]

Runs the default rules over the deterministic corpus of ``corpus.py`` three
times: with the shipped gazetteer; with the shipped one plus a generated
gazetteer of ``--people`` invented names (3 variants each); and the latter
again with the per-word match cache cleared before every document, as if no
two documents shared a capitalised word. Prints each run's time, the names
rule's share of it, and the ratios between the runs.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from corpus import build_corpus

from cleaner.engine import Engine
from cleaner.kinds import names
from cleaner.rulebook import Rule, load_rulebook, shipped_rules_dir

SYLLABLES = "ka lo mi ra sen tu va dri gor bek ul an os fa ze nik har tam jo lu ped ri sa mon tel vin dor ash kir".split()


def invented_name(rng: random.Random) -> str:
    def word() -> str:
        return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()

    return f"{word()} {word()}"


def misspell(name: str, rng: random.Random) -> str:
    letters = list(name)
    index = rng.randrange(1, len(letters))
    if letters[index] != " ":
        letters[index] = rng.choice("aeiouy")
    return "".join(letters)


def write_gazetteer(folder: Path, people: int, seed: int = 7) -> Path:
    """A gazetteer of ``people`` invented names, each with up to three misspellings."""
    rng = random.Random(seed)
    entries = []
    seen: set[str] = set()
    while len(entries) < people:
        name = invented_name(rng)
        if name in seen:
            continue
        seen.add(name)
        variants = sorted({misspell(name, rng) for _ in range(3)} - {name})
        entries.append({"name": name, "misspellings": dict.fromkeys(variants, "package names_cost.py: generated")})
    path = folder / "generated.yaml"
    path.write_text(names.as_yaml(entries), encoding="utf-8")
    return path


def rules_with(gazetteers: list[Path], folder: Path) -> list[Rule]:
    """The default rules, the names rule pointing at ``gazetteers``."""
    pack = folder / "names.yaml"
    shipped = (shipped_rules_dir() / "names.yaml").read_text(encoding="utf-8")
    listed = ", ".join(str(p) for p in gazetteers)
    pack.write_text(shipped.replace("gazetteer: [names/people.yaml]", f"gazetteer: [{listed}]"), encoding="utf-8")
    return list(load_rulebook([pack]))


def timed(rules: list[Rule], spent: dict[str, float]) -> list[Rule]:
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


def measure(rules: list[Rule], documents: list[str], before: Callable[[], None] = lambda: None) -> tuple[float, float]:
    """Total seconds of the run and seconds spent in the names rule."""
    spent: dict[str, float] = defaultdict(float)
    engine = Engine(timed(rules, spent))
    engine.run(documents[0], language="en")
    spent.clear()
    started = time.perf_counter()
    for text in documents:
        before()
        engine.run(text, language="en")
    total = time.perf_counter() - started
    return total, sum(s for rule, s in spent.items() if rule.startswith("names/"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=2.0, help="corpus size in MB (default 2)")
    parser.add_argument("--people", type=int, default=10_000, help="names in the generated gazetteer (default 10000)")
    args = parser.parse_args()
    documents = build_corpus(args.mb)
    megabytes = sum(len(d.encode("utf-8")) for d in documents) / 1e6
    shipped = shipped_rules_dir() / "names" / "people.yaml"
    print(f"corpus: {len(documents)} documents, {megabytes:.1f} MB (language fixed to en)")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        generated = write_gazetteer(folder, args.people)
        started = time.perf_counter()
        big = rules_with([shipped, generated], folder)
        build = time.perf_counter() - started
        runs = [
            ("shipped gazetteer", list(load_rulebook()), lambda: None),
            (f"shipped + {args.people} generated", big, lambda: None),
            (f"shipped + {args.people}, cold cache", big, lambda: [r.kind.gazetteer.blocked.clear() for r in big if r.kind_name == "names"]),
        ]
        results = []
        for label, rules, before in runs:
            gazetteer = next(r.kind.gazetteer for r in rules if r.kind_name == "names")
            total, spent = measure(rules, documents, before)
            results.append((total, spent))
            print(
                f"{label:<36} {len(gazetteer.people):6d} people  run {total:6.2f} s  names {spent:6.2f} s  share {spent / total:6.1%}  {megabytes / total:6.2f} MB/s"
            )
    print(f"loading and indexing the {args.people}-name gazetteer: {build:.2f} s (once per process)")
    base, large, cold = results
    print(f"ratio names time, {args.people}-name vs shipped gazetteer: {large[1] / base[1]:.2f}x (cold cache {cold[1] / base[1]:.2f}x)")
    print(f"ratio run time, {args.people}-name vs shipped gazetteer: {large[0] / base[0]:.2f}x (cold cache {cold[0] / base[0]:.2f}x)")


if __name__ == "__main__":
    main()
