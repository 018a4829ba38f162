from __future__ import annotations

from argparse import ArgumentParser
from collections import Counter
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from reports.extraction import extract
from reports.extraction.text import decode
from reports.importing import save_extracted


class Command(BaseCommand):
    help = "Import report texts (files or folders of .txt files; default: seeds/). Safe to re-run."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("paths", nargs="*", type=Path, help="files or folders (default: seeds/)")
        parser.add_argument("--dry-run", action="store_true", help="extract and report, write nothing")

    def handle(self, *args: Any, paths: list[Path], dry_run: bool, **options: Any) -> None:
        files = _report_files(paths or [settings.SEEDS_DIR])
        counts: Counter[str] = Counter()
        failures = []
        for path in tqdm(files, unit="file", disable=len(files) < 20 or options["verbosity"] == 0):
            try:
                extraction = extract(decode(path.read_bytes()))
                if dry_run:
                    counts.update(figures=len(extraction.figures), officials=len(extraction.officials))
                    continue
                result = save_extracted(path.name, extraction)
            except Exception as exc:  # one bad file must not stop the others
                failures.append(f"{path}: {exc}")
                self.stderr.write(self.style.ERROR(f"FAILED {path}: {exc}"))
                continue
            counts.update({result.status: 1, "figures": result.figures, "units": result.units_created,
                           "officials": result.officials_created})
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
