"""Check that a change of the engine or the rules leaves every result as it was: the same text and the same edits.

    python benchmarks/same_output.py [REV]     # REV defaults to main

Runs the default rules of git revision REV and of the working tree over
every text of the shared extraction benchmark (what ten extractors produced
for its 83 pages, and the hand-made bodies) and over every fixture, once
with safe fixes and once with unsafe fixes too, and compares the output
texts, the edits (offsets, replacements, rules, messages, safety) and the
warnings. Prints the documents that differ and exits 1 if any does.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXTRACTION = ROOT.parent / "shared" / "benchmarks" / "extraction" / "data"


def texts() -> dict[str, str]:
    found: dict[str, str] = {}
    for path in sorted(EXTRACTION.glob("*.json")) if EXTRACTION.is_dir() else []:
        data = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(data, dict) and "output" in data and "version" in data:
            data = data["output"]
        for key, entry in sorted(data.items()):
            found[f"{path.stem}/{key}"] = (entry or {}).get("articleBody") or ""
    for path in sorted((ROOT / "fixtures").rglob("*.txt")):
        found[f"fixture/{path.relative_to(ROOT / 'fixtures')}"] = path.read_text(encoding="utf-8")
    return found


def dump(inputs: Path, output: Path) -> None:
    """Run in a child process whose ``cleaner`` is the version under test."""
    from cleaner.engine import Engine
    from cleaner.rulebook import load_rulebook

    engine = Engine(list(load_rulebook()))
    results = {}
    for key, text in json.loads(inputs.read_text(encoding="utf-8")).items():
        safe = engine.run(text, path=key)
        full = engine.run(text, path=key, unsafe=True)
        edits = [(e.start, e.end, e.replacement, e.rule, e.message, e.safe, list(e.rules)) for e in safe.all_edits]
        results[key] = [safe.text, full.text, edits, list(safe.warnings)]
    output.write_text(json.dumps(results, ensure_ascii=False), encoding="utf-8")


def run(source: Path, inputs: Path, output: Path, cache: Path) -> dict[str, object]:
    env = {**os.environ, "PYTHONPATH": str(source), "CLEANER_CACHE_DIR": str(cache)}
    subprocess.run([sys.executable, __file__, "--dump", str(inputs), str(output)], env=env, check=True)
    result: dict[str, object] = json.loads(output.read_text(encoding="utf-8"))
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rev", nargs="?", default="main", help="the git revision to compare with (default main)")
    parser.add_argument("--dump", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.dump:
        dump(Path(args.dump[0]), Path(args.dump[1]))
        return 0
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        old_tree = work / "old"
        old_tree.mkdir()
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", args.rev], capture_output=True, check=True).stdout
        (work / "old.tar").write_bytes(archive)
        with tarfile.open(work / "old.tar") as tar:
            tar.extractall(old_tree, filter="data")
        inputs = work / "inputs.json"
        inputs.write_text(json.dumps(texts(), ensure_ascii=False), encoding="utf-8")
        old = run(old_tree, inputs, work / "old.json", work / "cache-old")
        new = run(ROOT, inputs, work / "new.json", work / "cache-new")
    differ = [key for key in old if old[key] != new.get(key)]
    for key in differ:
        print(f"differs: {key}")
    print(f"{len(old)} documents, safe and unsafe fixes: {len(differ)} differ from {args.rev}")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
