from __future__ import annotations

import os
import shutil
import unicodedata
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from factories import SEEDS

from reports.models import Metric, Report
from units.models import Official, Unit

pytestmark = pytest.mark.django_db


def _run(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("import_reports", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_it_imports_the_seeds_by_default():
    out, _ = _run()

    assert "3 files: 3 new, 0 updated, 0 unchanged, 0 failed" in out
    assert Report.objects.count() == 3
    assert Metric.objects.count() > 50
    assert Official.objects.filter(name="Tô Lâm").count() == 1
    assert Unit.objects.filter(name="Bộ Công an").count() == 1


def test_running_it_again_changes_nothing():
    _run()
    before = sorted(Metric.objects.values_list("pk", "report__source", "start", "value"))
    counts = (Unit.objects.count(), Official.objects.count())

    out, _ = _run(str(SEEDS))

    assert "0 new, 0 updated, 3 unchanged" in out
    assert sorted(Metric.objects.values_list("pk", "report__source", "start", "value")) == before
    assert (Unit.objects.count(), Official.objects.count()) == counts


def test_a_bad_file_is_reported_by_name_and_the_rest_is_imported(tmp_path):
    shutil.copy(SEEDS / "002_2dcbebff1d9fdb12.txt", tmp_path / "good.txt")
    (tmp_path / "latin.txt").write_bytes("Công an".encode("latin-1"))
    (tmp_path / "empty.txt").write_bytes(b"")

    with pytest.raises(CommandError, match="2 of 3 files failed"):
        out, err = _run(str(tmp_path))

    assert list(Report.objects.values_list("source", flat=True)) == ["good.txt"]


def test_failures_name_the_file_and_the_reason(tmp_path, capsys):
    (tmp_path / "latin.txt").write_bytes("Công an".encode("latin-1"))
    err = StringIO()

    with pytest.raises(CommandError):
        call_command("import_reports", str(tmp_path), str(tmp_path / "missing.txt"), stdout=StringIO(), stderr=err)

    assert "latin.txt: not UTF-8" in err.getvalue()
    assert "missing.txt" in err.getvalue()


def test_a_dry_run_writes_nothing():
    out, _ = _run("--dry-run")

    assert "(dry run)" in out
    assert Report.objects.count() == 0


def test_nfd_text_with_a_bom_and_crlf_is_stored_as_nfc_with_offsets_that_hold(tmp_path):
    text = (SEEDS / "002_2dcbebff1d9fdb12.txt").read_text(encoding="utf-8")
    raw = "\ufeff" + unicodedata.normalize("NFD", text).replace("\n", "\r\n")
    (tmp_path / "nfd.txt").write_bytes(raw.encode("utf-8"))

    _run(str(tmp_path))

    report = Report.objects.get()
    assert unicodedata.is_normalized("NFC", report.text)
    assert not report.text.startswith("\ufeff")
    assert "\r\n" in report.text
    for metric in report.metrics.all():
        assert report.text[metric.start : metric.end] == metric.figure
    assert report.metrics.filter(figure="22.022").exists()


def test_special_files_and_unreadable_folders_are_named_and_skipped(tmp_path, monkeypatch):
    shutil.copy(SEEDS / "003_bfd888a49fef8892.txt", tmp_path / "good.txt")
    os.mkfifo(tmp_path / "pipe.txt")  # reading it would wait for a writer forever
    locked = tmp_path / "locked"
    locked.mkdir()
    scandir = os.scandir

    def refuse(path="."):  # as chmod 000 would, for any user but root (who runs CI)
        if os.fspath(path) == os.fspath(locked):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", refuse)

    err = StringIO()
    with pytest.raises(CommandError, match="3 of 4 files failed"):
        call_command("import_reports", str(tmp_path), str(tmp_path / "missing.txt"), stdout=StringIO(), stderr=err)

    err = err.getvalue()
    assert f"FAILED {tmp_path / 'pipe.txt'}: not a regular file (a FIFO)" in err
    assert f"FAILED {locked}: cannot read the folder (Permission denied)" in err
    assert f"FAILED {tmp_path / 'missing.txt'}: No such file or directory" in err
    assert Report.objects.count() == 1


def test_a_utf16_file_from_windows_is_imported(tmp_path):
    text = (SEEDS / "003_bfd888a49fef8892.txt").read_text(encoding="utf-8")
    (tmp_path / "notepad.txt").write_bytes(text.encode("utf-16"))

    out, _ = _run(str(tmp_path))

    assert "1 new" in out
    assert Report.objects.get().text == unicodedata.normalize("NFC", text)
