"""The name matcher against an evaluation set written independently of it (``tests/data/names_eval.yaml``).

Each variant entry becomes one document, its sentence with the variant in
place of ``{name}``; it counts as recalled when the rule (unsafe fixes
applied) writes the canonical spelling there. Each distinct pair becomes
one document naming both people; a false merge is any pair where either
name is respelled as, or towards, the other.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from cleaner.engine import Engine
from cleaner.kinds.names import load_gazetteer, normal_text
from cleaner.rulebook import load_rulebook

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT / "tests" / "data" / "names_eval.yaml"
GAZETTEER = ROOT / "rules" / "names" / "people.yaml"


def load() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(EVAL.read_text(encoding="utf-8"))
    return data


def names_engine() -> Engine:
    return Engine([r for r in load_rulebook([]) if r.pack == "names"])


def recall(engine: Engine, variants: list[dict[str, str]], *, titles_kept: bool = False) -> tuple[float, list[str]]:
    """Share of variants written as the canonical name; with ``titles_kept``, a title before it may stay ("Sheikh")."""
    misses = []
    for item in variants:
        text = item["sentence"].replace("{name}", item["variant"])
        expected = {item["sentence"].replace("{name}", item["canonical"])}
        if titles_kept and item["kind"] == "honorific":
            expected.add(item["sentence"].replace("{name}", item["variant"].split()[0] + " " + item["canonical"]))
        result = engine.run(text, unsafe=True, language="en").text
        if result not in expected:
            misses.append(f"{item['variant']!r} -> {item['canonical']!r}: got {result!r}")
    return 1 - len(misses) / len(variants), misses


def alone(engine: Engine, name: str) -> str:
    """What the rule makes of a name written by itself."""
    return engine.run(f"They met {name} today.", unsafe=True, language="en").text[len("They met ") : -len(" today.")]


def false_merges(engine: Engine, pairs: list[dict[str, str]]) -> list[str]:
    """Pairs where one person was respelled as the other, or both the same way.

    Each name may stay as written or take the spelling the rule gives it on
    its own (its own canonical form); anything else in the pair's document
    counts as a merge.
    """
    merges = []
    for pair in pairs:
        a, b = pair["a"], pair["b"]
        own_a, own_b = alone(engine, a), alone(engine, b)
        text = pair["sentence"].replace("{a}", a).replace("{b}", b)
        allowed = {pair["sentence"].replace("{a}", x).replace("{b}", y) for x in {a, own_a} for y in {b, own_b}}
        result = engine.run(text, unsafe=True, language="en")
        if result.text not in allowed or normal_text(own_a) in (normal_text(b), normal_text(own_b)) or normal_text(own_b) == normal_text(a):
            merges.append(f"{a!r} / {b!r}: {[e.message for e in result.edits]}")
    return merges


def test_eval_set_has_the_required_size() -> None:
    data = load()
    variants, pairs = data["variants"], data["distinct"]
    assert len(variants) >= 150
    assert len({v["canonical"] for v in variants}) >= 50
    assert len(pairs) >= 80


def test_most_eval_variants_are_not_listed_in_the_gazetteer() -> None:
    listed = {normal_text(t) for p in load_gazetteer([str(GAZETTEER)]).people for t in (p.name, *p.variants)}
    variants = load()["variants"]
    unlisted = [v for v in variants if normal_text(v["variant"]) not in listed]
    assert len(unlisted) * 2 >= len(variants)


def test_variant_recall_and_false_merges() -> None:
    data = load()
    engine = names_engine()
    score, misses = recall(engine, data["variants"])
    kept, _ = recall(engine, data["variants"], titles_kept=True)
    merges = false_merges(engine, data["distinct"])
    print(
        f"\nnames eval: recall {score:.3f} on {len(data['variants'])} variants ({len(misses)} missed; {kept:.3f} when a title may stay); "
        f"false merges {len(merges)} of {len(data['distinct'])} pairs"
    )
    for line in misses + merges:
        print("  ", line)
    assert not merges
    assert score >= 0.90
