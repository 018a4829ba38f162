"""Imports run as one-off jobs that may run at the same time on different files, and one import
may write with several processes."""

from __future__ import annotations

import os
import signal
import threading
import time
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, connections, transaction
from factories import SEEDS, load_make_corpus

from reports import runs
from reports.importing import DuplicateReport, save_extracted
from reports.models import Metric, Report
from reports.runs import PARALLEL_FROM
from units.models import Official, Unit


def _knowledge_base() -> tuple[set, set, set]:
    figures = set(Metric.objects.values_list("report__source", "start", "end", "value", "kind", "unit__name_key",
                                             "indicator__slug", "event_date"))
    units = set(Unit.objects.values_list("name_key", "province__slug", "parent__name_key", "figure_count"))
    officials = set(Official.objects.values_list("name_key", "rank"))
    return figures, units, officials


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_importing_with_several_processes_builds_the_same_knowledge_base_as_one(tmp_path):
    load_make_corpus().generate(PARALLEL_FROM + 10, 5, str(tmp_path))
    (tmp_path / "broken.txt").write_bytes(b"\x81\xfe not a report")
    err = StringIO()

    with pytest.raises(CommandError, match="1 of 61 files failed"):
        call_command("import_reports", str(tmp_path), "--jobs", "2", stdout=StringIO(), stderr=err)
    parallel = _knowledge_base()
    Report.objects.all().delete()
    Unit.objects.all().delete()
    Official.objects.all().delete()
    with pytest.raises(CommandError, match="1 of 61 files failed"):
        call_command("import_reports", str(tmp_path), "--jobs", "1", stdout=StringIO(), stderr=StringIO())

    assert "broken.txt: not UTF-8" in err.getvalue()
    assert Report.objects.count() == PARALLEL_FROM + 10
    assert parallel == _knowledge_base()
    assert all(len(part) > 10 for part in parallel)


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


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_same_text_imported_twice_at_once_is_one_report(extraction):
    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers need PostgreSQL; SQLite serialises whole-database writes")
    outcomes: list[object] = []
    start = threading.Barrier(2)

    def run(source):
        try:
            start.wait()
            outcomes.append(save_extracted(source, extraction).status)
        except Exception as exc:  # noqa: BLE001 - checked below
            outcomes.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(source,)) for source in ("a.txt", "b.txt")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert Report.objects.count() == 1
    assert sorted(map(type, outcomes), key=str) == sorted([str, DuplicateReport], key=str)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_worker_that_dies_fails_its_file_alone_and_the_run_ends(tmp_path, monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("worker processes import on PostgreSQL only")
    load_make_corpus().generate(PARALLEL_FROM + 10, 5, str(tmp_path))
    files = sorted(tmp_path.glob("*.txt"))
    victim = files[7]
    import_one = runs._import_one

    def killed_on_the_victim(path, dry_run, lookups):
        if path == victim:
            os.kill(os.getpid(), signal.SIGKILL)  # as the kernel's out-of-memory killer would
        return import_one(path, dry_run, lookups)

    monkeypatch.setattr(runs, "_import_one", killed_on_the_victim)
    err = StringIO()

    with pytest.raises(CommandError, match=f"1 of {len(files)} files failed"):
        call_command("import_reports", str(tmp_path), "--jobs", "2", stdout=StringIO(), stderr=err)

    assert f"FAILED {victim}: the worker importing it died (killed by SIGKILL" in err.getvalue()
    assert Report.objects.count() == len(files) - 1
    assert not Report.objects.filter(source=victim.name).exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_file_another_import_saves_first_is_reported_as_done_there(extraction):
    """The same folder imported twice at once: each file is saved once, and the run that comes
    second says so instead of failing."""
    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers need PostgreSQL; SQLite serialises whole-database writes")
    saved, outcomes = threading.Event(), []

    def first():
        with transaction.atomic():
            save_extracted("a.txt", extraction)
            saved.set()
            time.sleep(0.5)  # the second import now waits on this report's row
        connections.close_all()

    def second():
        saved.wait()
        outcomes.append(save_extracted("a.txt", extraction).status)
        connections.close_all()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert outcomes == ["elsewhere"]
    assert Report.objects.count() == 1
    assert Metric.objects.count() == len(extraction.figures)
