"""Extraction speed per text: the median of repeated runs of extract() on each seed (or each file
given), in milliseconds, one process, no database. Goal: at most 5 ms per seed text.

    .venv/bin/python bench/extract_speed.py [FILE ...] [--runs 30]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reports.extraction import extract  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    files = args.files or sorted((ROOT / "seeds").glob("*.txt"))
    for path in files:
        text = path.read_text(encoding="utf-8")
        extract(text)  # warm: compiled patterns, caches
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            extracted = extract(text)
            times.append((time.perf_counter() - start) * 1000)
        print(f"{path.name}: {len(text):,} characters, {len(extracted.figures)} figures, "
              f"median {statistics.median(times):.1f} ms, min {min(times):.1f} ms")


if __name__ == "__main__":
    main()
