from __future__ import annotations

import multiprocessing
import os
from argparse import ArgumentParser
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from multiprocessing.util import Finalize
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, connections, reset_queries
from tqdm import tqdm

from reports.extraction import extract_file
from reports.importing import Lookups, save_extracted

# Below this many files, worker processes are not worth starting.
PARALLEL_FROM = 50
# Files a worker takes at a time.
CHUNK = 8
# No tqdm monitor thread: this command forks, which a running thread makes unsafe.
tqdm.monitor_interval = 0


class Command(BaseCommand):
    help = "Import report texts (files or folders of .txt files; default: seeds/). Safe to re-run."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("paths", nargs="*", type=Path, help="files or folders (default: seeds/)")
        parser.add_argument("--dry-run", action="store_true", help="extract and report, write nothing")
        parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                            help="processes importing files side by side (default: one per core)")

    def handle(self, *args: Any, paths: list[Path], dry_run: bool, jobs: int, **options: Any) -> None:
        files = _report_files(paths or [settings.SEEDS_DIR])
        counts: Counter[str] = Counter()
        failures = []
        with _imports(files, jobs, dry_run) as outcomes:
            for path, outcome in tqdm(outcomes, total=len(files), unit="file",
                                      disable=len(files) < 20 or options["verbosity"] == 0):
                if isinstance(outcome, str):  # one bad file does not stop the others
                    failures.append(f"{path}: {outcome}")
                    self.stderr.write(self.style.ERROR(f"FAILED {path}: {outcome}"))
                else:
                    counts.update(outcome)
        self.stdout.write(
            f"{len(files)} files{' (dry run)' if dry_run else ''}: {counts['new']} new, "
            f"{counts['updated']} updated, {counts['unchanged']} unchanged, {len(failures)} failed; "
            f"{counts['figures']} figures, {counts['units']} new units, {counts['officials']} new officials"
        )
        if failures:
            raise CommandError(f"{len(failures)} of {len(files)} files failed")


def _report_files(paths: list[Path]) -> list[Path]:
    files = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*.txt") if p.is_file()))
        else:
            files.append(path)  # a missing file fails on reading, with its name, like any other
    return files


@contextmanager
def _imports(files: list[Path], jobs: int, dry_run: bool) -> Iterator[Iterator[tuple[Path, Counter[str] | str]]]:
    """Each file with what importing it did, or why it failed, in order.

    With several jobs, forked worker processes each extract and save their share of the files,
    each file in its own transaction, on their own connections (PostgreSQL only; not inside a
    transaction, which the workers could not see)."""
    global _lookups
    _lookups = Lookups()
    one = partial(_import_one, dry_run=dry_run)
    in_transaction = any(conn.in_atomic_block for conn in connections.all(initialized_only=True))
    one_writer = connection.vendor == "sqlite"  # SQLite takes one writer at a time anyway
    if jobs < 2 or len(files) < PARALLEL_FROM or in_transaction or one_writer:
        yield map(one, files)
        return
    connections.close_all()  # the workers must not share this process's connection
    pool = multiprocessing.get_context("fork").Pool(jobs, initializer=_start_worker)
    try:
        yield pool.imap(one, files, chunksize=CHUNK)
    except BaseException:
        pool.terminate()
        raise
    finally:
        pool.close()
        pool.join()


# This run's units, officials and indicators; each worker process forks with a copy of its own.
_lookups: Lookups


def _start_worker() -> None:
    Finalize(None, connections.close_all, exitpriority=10)  # close the worker's connections as it ends


def _import_one(path: Path, dry_run: bool) -> tuple[Path, Counter[str] | str]:
    reset_queries()  # with DEBUG on, Django keeps the last 9,000 queries: memory would grow
    try:
        extraction = extract_file(path)
        if dry_run:
            return path, Counter(figures=len(extraction.figures), officials=len(extraction.officials))
        result = save_extracted(path.name, extraction, _lookups)
    except Exception as exc:
        return path, str(exc)
    return path, Counter({result.status: 1, "figures": result.figures, "units": result.units_created,
                          "officials": result.officials_created})
