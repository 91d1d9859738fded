"""Throughput of the default rules on one core against plain ftfy, where the time goes, and start-up.

    python benchmarks/throughput.py            # 20 MB corpus, three runs each
    python benchmarks/throughput.py --quick    # 2 MB corpus, three runs each

Prints, each as the median of three runs:

- MB/s of the full default rules (safe fixes, as ``cleaner fix`` runs) on
  one core, over the corpus of ``corpus.py`` (real extractor output and the
  fixtures, no paragraph more than three times, mojibake in a fixed share of
  documents), and its ratio to ``ftfy.fix_text`` alone over the same documents;
- the share of the time of each phase, pack and of the top rules (from one
  more, instrumented run over the first 5 MB);
- start-up: ``cleaner check`` on a one-line file, whole process, against
  ``python -c pass`` (with the cache on disk warm, and with it turned off).

Each timed run is a fresh process, so no cache of an earlier run (language
guesses, the furniture classifier's measurements) carries over.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

RUNS = 3
BREAKDOWN_MB = 5.0


def time_cleaner(documents: list[str]) -> float:
    from cleaner.engine import Engine
    from cleaner.rulebook import load_rulebook

    engine = Engine(list(load_rulebook()))
    engine.run("Warm-up: the rules load their data on first use.\n")
    started = time.perf_counter()
    for text in documents:
        engine.run(text)
    return time.perf_counter() - started


def time_ftfy(documents: list[str]) -> float:
    import ftfy

    ftfy.fix_text("warm-up")
    started = time.perf_counter()
    for text in documents:
        ftfy.fix_text(text)
    return time.perf_counter() - started


def breakdown(documents: list[str]) -> dict[str, object]:
    """Seconds per rule and in language detection, with the total, from one instrumented run."""
    from cleaner.engine import Engine
    from cleaner.langid import detect_language
    from cleaner.rulebook import load_rulebook

    spent: dict[str, float] = defaultdict(float)
    detection = [0.0]
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

    def detector(text: str) -> tuple[str | None, float]:
        started = time.perf_counter()
        try:
            return detect_language(text)
        finally:
            detection[0] += time.perf_counter() - started

    engine = Engine(rules, detector=detector)
    engine.run("Warm-up: the rules load their data on first use.\n")
    spent.clear()
    detection[0] = 0.0
    started = time.perf_counter()
    for text in documents:
        engine.run(text)
    total = time.perf_counter() - started
    return {"total": total, "detection": detection[0], "rules": dict(spent), "phases": {r.full_id: r.phase for r in rules}}


def worker(task: str, corpus: str) -> None:
    documents = json.loads(Path(corpus).read_text(encoding="utf-8"))
    if task == "cleaner":
        print(json.dumps(time_cleaner(documents)))
    elif task == "ftfy":
        print(json.dumps(time_ftfy(documents)))
    else:
        print(json.dumps(breakdown(documents)))


def run_worker(task: str, corpus: Path) -> object:
    done = subprocess.run([sys.executable, __file__, "--worker", task, str(corpus)], capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def wall(command: list[str], runs: int, env: dict[str, str] | None = None) -> float:
    """Median wall time of a whole process."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, capture_output=True, env=env, check=False)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def startup(runs: int = 10) -> dict[str, float]:
    """``cleaner check`` on one small file against ``python -c pass``, with the cache on disk warm and with it off."""
    script = Path(sys.executable).with_name("cleaner")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "cleaner"]
    with tempfile.TemporaryDirectory() as folder:
        small = Path(folder) / "small.txt"
        small.write_text("Russian Foreign Minister Sergei Lavrov said on Monday that talks with Kyiv would resume.\n", encoding="utf-8")
        warm = {**os.environ, "CLEANER_CACHE_DIR": str(Path(folder) / "cache")}
        warm.pop("CLEANER_NO_CACHE", None)
        # As installed by pip: bytecode written, not compiled from source on every run.
        warm.pop("PYTHONDONTWRITEBYTECODE", None)
        subprocess.run([*command, "check", str(small)], capture_output=True, env=warm, check=False)
        cold = {**warm, "CLEANER_NO_CACHE": "1"}
        return {
            "python": wall([sys.executable, "-c", "pass"], runs),
            "warm": wall([*command, "check", str(small)], runs, warm),
            "no_cache": wall([*command, "check", str(small)], runs, cold),
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=20.0, help="corpus size in MB (default 20)")
    parser.add_argument("--quick", action="store_true", help="a 2 MB corpus, for a quick look")
    parser.add_argument("--worker", nargs=2, metavar=("TASK", "CORPUS"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(*args.worker)
        return

    import ftfy
    from corpus import GLITCH_SHARE, MOJIBAKE_SHARE, build_corpus, repeats

    megabytes_wanted = 2.0 if args.quick else args.mb
    documents = build_corpus(megabytes_wanted)
    megabytes = sum(len(d.encode("utf-8")) for d in documents) / 1e6
    garbled = sum(1 for d in documents if ftfy.badness.is_bad(d))
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}; one core used")
    print(
        f"corpus: {len(documents)} documents, {megabytes:.1f} MB; paragraphs repeated at most {repeats(documents)} times; "
        f"mojibake injected in {MOJIBAKE_SHARE:.0%} of documents (those with non-ASCII text; ftfy flags {garbled / len(documents):.1%}), "
        f"other glitches in {GLITCH_SHARE:.0%}"
    )
    with tempfile.TemporaryDirectory() as folder:
        corpus = Path(folder) / "corpus.json"
        corpus.write_text(json.dumps(documents), encoding="utf-8")
        head, size = [], 0
        for text in documents:
            if size >= BREAKDOWN_MB * 1e6:
                break
            head.append(text)
            size += len(text.encode("utf-8"))
        head_file = Path(folder) / "head.json"
        head_file.write_text(json.dumps(head), encoding="utf-8")
        cleaner_runs = [float(run_worker("cleaner", corpus)) for _ in range(RUNS)]  # type: ignore[arg-type]
        ftfy_runs = [float(run_worker("ftfy", corpus)) for _ in range(RUNS)]  # type: ignore[arg-type]
        spent = run_worker("breakdown", head_file)
    cleaner_seconds = statistics.median(cleaner_runs)
    ftfy_seconds = statistics.median(ftfy_runs)
    shown = ", ".join(f"{s:.1f}" for s in cleaner_runs)
    print(f"cleaner, default rules (safe fixes): {megabytes / cleaner_seconds:7.2f} MB/s  (median of {RUNS} runs: {shown} s)")
    shown = ", ".join(f"{s:.1f}" for s in ftfy_runs)
    print(f"ftfy.fix_text alone:                 {megabytes / ftfy_seconds:7.2f} MB/s  (median of {RUNS} runs: {shown} s)")
    ratio = ftfy_seconds / cleaner_seconds
    print(f"cleaner speed / ftfy speed:          {ratio:7.2f}x  ({'faster' if ratio >= 1 else 'slower'} than ftfy; target 3x faster)")
    report_breakdown(spent, size / 1e6)
    figures = startup()
    print(
        f"start-up, `cleaner check` on a one-line file (median of 10): {figures['warm']:.2f} s with the cache warm, "
        f"{figures['no_cache']:.2f} s with CLEANER_NO_CACHE=1; `python -c pass` {figures['python']:.2f} s; "
        f"difference {figures['warm'] - figures['python']:.2f} s (target under 0.3 s)"
    )


def report_breakdown(spent: object, megabytes: float) -> None:
    assert isinstance(spent, dict)
    total = spent["total"]
    rules: dict[str, float] = spent["rules"]
    phase_of: dict[str, str] = spent["phases"]
    by_phase: dict[str, float] = defaultdict(float)
    by_pack: dict[str, float] = defaultdict(float)
    for rule_id, seconds in rules.items():
        by_phase[phase_of[rule_id]] += seconds
        by_pack[rule_id.split("/")[0]] += seconds
    print(f"where the time goes (one instrumented run over the first {megabytes:.1f} MB, {total:.1f} s):")
    print(f"  language detection (document level)  {100 * spent['detection'] / total:5.1f}%")
    for phase, seconds in sorted(by_phase.items(), key=lambda kv: -kv[1]):
        print(f"  phase {phase:<12} {100 * seconds / total:5.1f}%")
    for pack, seconds in sorted(by_pack.items(), key=lambda kv: -kv[1]):
        print(f"  pack  {pack:<12} {100 * seconds / total:5.1f}%")
    overhead = total - sum(rules.values()) - spent["detection"]
    print(f"  engine (passes, offsets, checks)     {100 * overhead / total:5.1f}%")
    print("  top rules:")
    for rule_id, seconds in sorted(rules.items(), key=lambda kv: -kv[1])[:12]:
        print(f"    {rule_id:<44} {100 * seconds / total:5.1f}%")


if __name__ == "__main__":
    main()
