from __future__ import annotations

import os
from argparse import ArgumentParser
from collections import Counter
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from reports.runs import Where, import_files, report_files

# No tqdm monitor thread: this command forks, which a running thread makes unsafe.
tqdm.monitor_interval = 0


class Command(BaseCommand):
    help = ("Import reports: .txt, .html, .pdf and .docx files, folders of them, and http(s) URLs of articles "
            "(default: seeds/). Safe to re-run.")

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("paths", nargs="*", type=_file_or_url, help="files, folders or URLs (default: seeds/)")
        parser.add_argument("--dry-run", action="store_true", help="extract and report, write nothing")
        parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                            help="processes importing files side by side (default: one per core)")

    def handle(self, *args: Any, paths: list[Where], dry_run: bool, jobs: int, **options: Any) -> None:
        files, failures = report_files(paths or [settings.SEEDS_DIR])
        total = len(files) + len(failures)  # the files found, and the paths that cannot be read
        for path, reason in failures:
            self.stderr.write(self.style.ERROR(f"FAILED {path}: {reason}"))
        counts: Counter[str] = Counter()
        for path, outcome in tqdm(import_files(files, jobs, dry_run), total=len(files), unit="file",
                                  disable=len(files) < 20 or options["verbosity"] == 0):
            if isinstance(outcome, str):  # one bad file does not stop the others
                failures.append((path, outcome))
                self.stderr.write(self.style.ERROR(f"FAILED {path}: {outcome}"))
            else:
                counts.update(outcome)
        elsewhere = f", {counts['elsewhere']} imported by another run at the same time" if counts["elsewhere"] else ""
        self.stdout.write(
            f"{len(files)} files{' (dry run)' if dry_run else ''}: {counts['new']} new, "
            f"{counts['updated']} updated, {counts['unchanged']} unchanged{elsewhere}, {len(failures)} failed; "
            f"{counts['figures']} figures, {counts['units']} new units, {counts['officials']} new officials"
        )
        if failures:
            raise CommandError(f"{len(failures)} of {total} files failed")


def _file_or_url(value: str) -> Where:
    return value if value.lower().startswith(("http://", "https://")) else Path(value)
