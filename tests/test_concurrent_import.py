"""Imports run as one-off jobs that may run at the same time on different files."""

from __future__ import annotations

import threading
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection, connections

from factories import SEEDS
from units.models import Official, Unit


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_imports_at_once_create_no_duplicate_units_or_officials(tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers need PostgreSQL; SQLite serialises whole-database writes")
    folders = [tmp_path / "a", tmp_path / "b"]
    for i, folder in enumerate(folders):
        folder.mkdir()
        for seed in SEEDS.glob("*.txt"):  # the same units and officials, in different files
            (folder / f"{i}_{seed.name}").write_text(f"Bản {i}.\n" + seed.read_text(encoding="utf-8"), encoding="utf-8")
    errors: list[BaseException] = []
    start = threading.Barrier(2)

    def run(folder):
        try:
            start.wait()
            call_command("import_reports", str(folder), stdout=StringIO(), stderr=StringIO())
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(folder,)) for folder in folders]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert Unit.objects.filter(name="Công an tỉnh Nghệ An").count() == 1
    assert Official.objects.filter(name="Tô Lâm").count() == 1
    assert Official.objects.get(name="Tô Lâm").positions.values("report").distinct().count() == 4
