from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand

from reports.exporting import write_export


class Command(BaseCommand):
    help = "Write the whole knowledge base as one JSON document (reports, units, officials, figures)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--output", "-o", type=Path, help="file to write (default: standard output)")

    def handle(self, *args: Any, output: Path | None = None, **options: Any) -> None:
        if output is None:
            self.stdout.ending = ""  # the export ends its own lines
            write_export(self.stdout)  # type: ignore[arg-type]  # OutputWrapper writes as a TextIO does
            return
        tmp = output.with_name(output.name + ".part")
        with tmp.open("w", encoding="utf-8") as out:
            write_export(out)
        tmp.replace(output)
        self.stderr.write(f"Wrote {output}")
