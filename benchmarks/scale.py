"""How cleaning scales, measured in one run: cores, document length, and memory while streaming JSONL.

Prints three figures (docs/corpus.md records them with the machine):

- ``--jobs 2`` / ``--jobs 1``: throughput ratio of ``cleaner fix FOLDER -o OUT``
  (whole processes, full default rules) on a corpus from ``corpus.build_corpus``;
- the time to clean one document 10x longer than another, as a ratio (in process, texts not
  cleaned before in the run);
- peak memory above the post-import baseline, streaming ``cleaner fix corpus.jsonl -o out.jsonl``
  over a generated JSONL file of N MB and of N/10 MB, and their ratio.

    python benchmarks/scale.py                  # 4 MB corpus, 500 MB JSONL
    python benchmarks/scale.py --jsonl-mb 50    # a smaller JSONL file
    python benchmarks/scale.py --only length    # only the 10x-longer document
    python benchmarks/scale.py --only long --long-mb 0.2,0.5,1,2   # one long document per size, with and without line breaks
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
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import build_corpus

MEMORY_PROBE = """
import sys
def peak():  # VmHWM belongs to this program (ru_maxrss keeps the parent's peak across exec)
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
import cleaner.cli
base = peak()
code = cleaner.cli.main(sys.argv[1:])
print(peak() - base)
"""


def fix_seconds(folder: Path, out: Path, jobs: int) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "cleaner", "fix", "-q", "--jobs", str(jobs), str(folder), "-o", str(out)], check=False)
    return time.perf_counter() - started


def jobs_ratio(work: Path, megabytes: float) -> tuple[float, float, float]:
    folder = work / "corpus"
    folder.mkdir()
    documents = build_corpus(megabytes)
    for number, text in enumerate(documents):
        (folder / f"{number:06}.txt").write_text(text, encoding="utf-8")
    size = sum(len(t.encode()) for t in documents) / 1e6
    one = fix_seconds(folder, work / "out-1", 1)
    two = fix_seconds(folder, work / "out-2", 2)
    return size / one, size / two, one / two


def length_ratio(repeats: int = 11) -> tuple[float, float, float]:
    """Median seconds for a short document and for one 10x longer, and the median of the per-run ratios.

    Every run cleans texts it has not seen: the short document is five
    documents of the corpus joined, the long one further documents joined
    up to ten times its length. Timing the same text again would be answered
    in part from caches keyed by text (language guesses, the furniture
    classifier's measurements), which favours the short document.
    """
    from cleaner.corpus import Settings, clean_document

    documents = build_corpus(3.0, seed=7)
    settings = Settings()
    clean_document("\n".join(documents[-5:]), settings)
    documents = documents[:-5]
    position = 0

    def take(length: int | None) -> str:
        nonlocal position
        taken = [documents[position]]
        position += 1
        while (length is None and len(taken) < 5) or (length is not None and sum(map(len, taken)) < length):
            taken.append(documents[position])
            position += 1
        return "\n".join(taken)[:length]

    def timed(text: str) -> float:
        started = time.perf_counter()
        clean_document(text, settings)
        return time.perf_counter() - started

    shorts, longs, ratios = [], [], []
    for _ in range(repeats):
        short = take(None)
        long = take(10 * len(short))
        shorts.append(timed(short))
        longs.append(timed(long))
        ratios.append(longs[-1] / shorts[-1])
    return statistics.median(shorts), statistics.median(longs), statistics.median(ratios)


def long_documents(sizes: list[float], unsafe: bool) -> None:
    """Time ``cleaner.clean`` on one document of each size in MB: ``build_corpus`` joined by blank lines, and the same with every line break a space."""
    import cleaner

    joined = "\n\n".join(build_corpus(max(sizes) * 1.2, seed=7))
    cleaner.clean("Warm up.")
    for flat in (False, True):
        for megabytes in sizes:
            text = joined[: int(megabytes * 1e6)]
            text = text.replace("\n", " ") if flat else text
            started = time.perf_counter()
            cleaner.clean(text, unsafe=unsafe)
            shape = "no line breaks" if flat else "paragraphs"
            print(f"one document of {megabytes:g} MB ({shape}, {'unsafe' if unsafe else 'safe'} fixes): {time.perf_counter() - started:.2f} s", flush=True)


def jsonl_file(path: Path, megabytes: float) -> None:
    documents = build_corpus(2.0, seed=11)
    target = int(megabytes * 1e6)
    written = 0
    with path.open("w", encoding="utf-8") as out:
        number = 0
        while written < target:
            line = json.dumps({"id": number, "text": documents[number % len(documents)]}, ensure_ascii=False) + "\n"
            out.write(line)
            written += len(line.encode())
            number += 1


def peak_memory(work: Path, megabytes: float, select: str) -> float:
    path = work / f"corpus-{megabytes:g}.jsonl"
    jsonl_file(path, megabytes)
    args = ["fix", "-q", "--jobs", "1", "--select", select, str(path), "-o", str(work / f"out-{megabytes:g}.jsonl")]
    run = subprocess.run([sys.executable, "-c", MEMORY_PROBE, *args], capture_output=True, text=True, check=False)
    path.unlink()
    return float(run.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus-mb", type=float, default=4.0, help="size of the corpus for the --jobs ratio (default 4)")
    parser.add_argument("--jsonl-mb", type=float, default=500.0, help="size of the large JSONL file (default 500; the small one is a tenth)")
    parser.add_argument(
        "--select", default="whitespace,unicode", help="rules for the memory run (default: whitespace,unicode, so 500 MB takes minutes, not hours)"
    )
    parser.add_argument(
        "--only", action="append", choices=("jobs", "length", "memory", "long"), help="run only this part (repeatable; default: jobs, length and memory)"
    )
    parser.add_argument("--long-mb", default="0.2,0.5,1,2", help="sizes in MB for --only long (default 0.2,0.5,1,2)")
    parser.add_argument("--unsafe", action="store_true", help="--only long: apply unsafe fixes too")
    args = parser.parse_args()
    parts = set(args.only or ("jobs", "length", "memory"))
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    if "long" in parts:
        long_documents([float(size) for size in args.long_mb.split(",")], args.unsafe)
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        if "jobs" in parts:
            one, two, ratio = jobs_ratio(work, args.corpus_mb)
            print(f"--jobs 1: {one:.2f} MB/s, --jobs 2: {two:.2f} MB/s, ratio {ratio:.2f} (cleaner fix FOLDER -o OUT, {args.corpus_mb:g} MB, whole process)")
        if "length" in parts:
            short, long, length = length_ratio()
            print(f"one document 10x longer: {long:.2f} s vs {short:.2f} s, ratio {length:.1f} (target at most 11)")
        if "memory" not in parts:
            return
        large = peak_memory(work, args.jsonl_mb, args.select)
        small = peak_memory(work, args.jsonl_mb / 10, args.select)
        print(
            f"peak memory above the post-import baseline, streaming JSONL: {large:.1f} MB for {args.jsonl_mb:g} MB, "
            f"{small:.1f} MB for {args.jsonl_mb / 10:g} MB, ratio {large / max(small, 0.1):.2f} (target under 1.5)"
        )


if __name__ == "__main__":
    main()
