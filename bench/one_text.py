#!/usr/bin/env python3
"""Time and peak memory of importing one text, by its size and shape.

    .venv/bin/python bench/one_text.py                 # extraction and import, SQLite scratch db
    .venv/bin/python bench/one_text.py --extract-only  # extraction alone
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/chiso_benchone .venv/bin/python bench/one_text.py

Each text is made of the clause "1.234 vụ, " (one figure), either on one line with no sentence
end (what a PDF's text gives when its line breaks are lost) or as paragraphs of sentences. Each
run is a fresh process (`manage.py import_reports FILE`, or `extract()` alone), whose peak RSS is
read with os.wait4. DEBUG is off, as in production. Prints one row per text: shape, figures, size, seconds, peak MB.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLAUSE = "1.234 vụ, "
LIMIT = 5 * 1024 * 1024  # reports.extraction.text.MAX_BYTES


def make_text(figures: int, shape: str) -> str:
    if shape == "line":
        return "Báo cáo\n" + CLAUSE * figures + "\n"
    sentence = "Công an tỉnh đã điều tra " + CLAUSE * 4 + "khởi tố 12 bị can. "
    per_sentence = 5
    paragraph = sentence * 6 + "\n\n"
    return "Báo cáo\n\n" + paragraph * max(1, figures // (per_sentence * 6))


# As in production: with DEBUG on, Django also keeps the SQL of every query it ran.
PRODUCTION = {"DEBUG": "false", "SECRET_KEY": "bench", "ALLOWED_HOSTS": "localhost"}
EXTRACT = "import sys; from reports.extraction import extract; from reports.sources import read_path; " \
          "from pathlib import Path; s = read_path(Path(sys.argv[1])); print(len(extract(s.text, s.meta).figures))"


def run(path: Path, extract_only: bool, database: str) -> tuple[float, float]:
    if extract_only:
        command = [sys.executable, "-c", EXTRACT, str(path)]
    else:
        command = [sys.executable, "manage.py", "import_reports", str(path), "--verbosity", "0"]
    env = {**os.environ, **PRODUCTION, "DATABASE_URL": database}
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if status:
        print(f"  {path.name}: exit status {status}", file=sys.stderr)
    return seconds, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--extract-only", action="store_true")
    parser.add_argument("--sizes", default="1000,10000,100000,max", help="figures per text; max: up to the size limit")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="chiso-onetext-"))
    database = os.environ.get("DATABASE_URL") or f"sqlite:///{work / 'bench.sqlite3'}"
    if not args.extract_only:
        subprocess.run([sys.executable, "manage.py", "migrate", "--verbosity", "0"], cwd=ROOT, check=True,
                       env={**os.environ, "DATABASE_URL": database})
    print(f"{'shape':<10} {'figures':>8} {'size':>10} {'seconds':>8} {'peak MB':>8}")
    for shape in ["line", "paragraphs"]:
        for size in args.sizes.split(","):
            figures = int(size) if size != "max" else LIMIT // len(CLAUSE.encode()) - 10
            text = make_text(figures, shape)
            while len(text.encode()) > LIMIT:
                figures = int(figures * 0.95)
                text = make_text(figures, shape)
            path = work / f"{shape}-{size}.txt"
            path.write_text(text, encoding="utf-8")
            seconds, peak = run(path, args.extract_only, database)
            print(f"{shape:<10} {figures:>8} {len(text.encode()):>10,} {seconds:>8.1f} {peak:>8.0f}", flush=True)


if __name__ == "__main__":
    main()
