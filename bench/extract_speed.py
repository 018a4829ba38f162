"""Extraction speed per text: the median of repeated runs of extract() on each seed (or each file
given), in milliseconds, one process, no database. Goal: at most 5 ms per seed text.

With --hostile, how time grows with the size of texts made to be hard (one phrase repeated in one
paragraph, as a PDF whose line breaks were lost gives it): each at two sizes, four times apart, and
the ratio of their times. Goal: about 4 (time in proportion to size), never much more.

    .venv/bin/python bench/extract_speed.py [FILE ...] [--runs 30]
    .venv/bin/python bench/extract_speed.py --hostile
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

# Phrases whose every repetition makes a rule look back over the ones before it, if it can.
HOSTILE = {
    "bare provincial police": "Công an tỉnh ",
    "bare party committee": "Bí thư Tỉnh ủy ",
    "district police, no province": "Công an huyện Nam Đàn ",
    "members of an unnamed provincial police": "cán bộ Phòng Cảnh sát kinh tế Công an tỉnh ",
    "rank, name and title": "Đại tá Nguyễn Văn An, Giám đốc Công an tỉnh Nghệ An, ",
    "name cue and title": "đồng chí Nguyễn Văn An, Chủ tịch UBND tỉnh Nghệ An; ",
    "title before rank and name": "Giám đốc Công an tỉnh Nghệ An Đại tá Nguyễn Văn An, ",
    "rates and comparisons": "giảm 5% so với ",
    "counts": "5 vụ, ",
    "a table row's values": "Số vụ: 1; 2%; ",
    "dates": "ngày 1/2/2024 ",
}


def seeds(files: list[Path], runs: int) -> None:
    for path in files:
        extract(path.read_text(encoding="utf-8"))  # warm: compiled patterns, caches
        times = []
        for _ in range(runs):
            text = path.read_text(encoding="utf-8")  # a new text each run, as an import reads each once
            start = time.perf_counter()
            extracted = extract(text)
            times.append((time.perf_counter() - start) * 1000)
        print(f"{path.name}: {len(text):,} characters, {len(extracted.figures)} figures, "
              f"median {statistics.median(times):.1f} ms, min {min(times):.1f} ms")


def hostile(size: int = 16_000) -> None:
    for name, phrase in HOSTILE.items():
        took = []
        for chars in (size, 4 * size):
            text = phrase * (chars // len(phrase))
            start = time.perf_counter()
            extract(text)
            took.append(time.perf_counter() - start)
        print(f"{name}: {size:,} characters {took[0] * 1000:.0f} ms, {4 * size:,} characters "
              f"{took[1] * 1000:.0f} ms, ratio {took[1] / took[0]:.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--hostile", action="store_true")
    args = parser.parse_args()
    if args.hostile:
        hostile()
    else:
        seeds(args.files or sorted((ROOT / "seeds").glob("*.txt")), args.runs)


if __name__ == "__main__":
    main()
