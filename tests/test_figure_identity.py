"""A figure's address lasts: a re-import of a changed text keeps the id of every figure read again
in the same sentence at the same place ("deprecate, don't delete"), and keeps the others as
withdrawn rather than deleting them."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from factories import SEEDS

from reports.extraction import extract
from reports.importing import WITHDRAWN_READING, WITHDRAWN_SENTENCE, save_extracted
from reports.models import Metric, Report, recount_figures
from units.models import Unit

SEED = (SEEDS / "002_2dcbebff1d9fdb12.txt").read_text(encoding="utf-8")
FIRST_LINE_END = SEED.index("\n") + 1
INSERTED = "Trước hội nghị, Công an các địa phương đã gửi về 1.250 báo cáo chuyên đề.\n\n"
ROBBERY = "Trong 6 tháng đầu năm 2024, đã điều tra, làm rõ 22.022 vụ phạm tội về trật tự xã hội"


def _import(text: str) -> Report:
    save_extracted("002.txt", extract(text))
    return Report.objects.get(source="002.txt")


def _addresses() -> dict[tuple[str, str, int | None], int]:
    """Each public figure's id by what it is: figure, sentence and place in the sentence."""
    rows = Metric.objects.public().values_list("figure", "sentence", "sentence_offset", "pk")
    return {(figure, sentence, at): pk for figure, sentence, at, pk in rows}


def _assert_marks_hold(report: Report) -> None:
    for metric in report.metrics.public():
        assert report.text[metric.start:metric.end] == metric.figure
        assert metric.sentence_parts()[1] == metric.figure


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_sentence_inserted_near_the_top_keeps_every_figure_address():
    _import(SEED)
    before = _addresses()
    assert len(before) > 10

    report = _import(SEED[:FIRST_LINE_END] + INSERTED + SEED[FIRST_LINE_END:])

    after = _addresses()
    assert {key: after[key] for key in before} == before  # same ids, none lost
    assert set(after) - set(before) == {("1.250", INSERTED.strip(), INSERTED.index("1.250"))}
    _assert_marks_hold(report)
    assert not Metric.objects.exclude(status=Metric.Status.NEW).exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_edit_elsewhere_keeps_the_other_addresses_and_withdraws_the_edited_figure():
    _import(SEED)
    before = _addresses()
    edited = {pk for (_, sentence, _), pk in before.items() if "22.022" in sentence}
    assert len(edited) == 2  # "22.022 vụ" and "65 băng" of the same sentence

    report = _import(SEED.replace("22.022 vụ", "22.030 vụ"))

    after = _addresses()
    assert {key: pk for key, pk in before.items() if pk not in edited}.items() <= after.items()
    for gone in Metric.objects.filter(pk__in=edited):
        assert gone.status == Metric.Status.WITHDRAWN
        assert gone.history.first().history_change_reason == WITHDRAWN_SENTENCE
    assert report.metrics.public().filter(figure="22.030").count() == 1
    _assert_marks_hold(report)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_figure_whose_sentence_is_removed_is_withdrawn_and_comes_back_with_it():
    _import(SEED)
    sentence_end = SEED.index("tội phạm.", SEED.index(ROBBERY)) + len("tội phạm.")
    removed = Metric.objects.get(figure="22.022")
    unit = removed.unit
    count = unit.figure_count

    _import(SEED[:SEED.index(ROBBERY)] + SEED[sentence_end:].lstrip(" "))

    removed.refresh_from_db()
    assert removed.status == Metric.Status.WITHDRAWN
    assert not Metric.objects.public().filter(pk=removed.pk).exists()
    unit.refresh_from_db()
    assert unit.figure_count == count - 2 == unit.metrics.public().count()  # "22.022 vụ", "65 băng"

    report = _import(SEED)

    removed.refresh_from_db()
    assert removed.status == Metric.Status.NEW
    assert report.metrics.filter(figure="22.022").count() == 1
    unit.refresh_from_db()
    assert unit.figure_count == count
    _assert_marks_hold(report)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_figure_the_extractor_no_longer_reads_is_withdrawn_with_that_reason():
    first = extract(SEED)
    save_extracted("002.txt", first)
    dropped = first.figures[3]
    fewer = replace(first, figures=tuple(f for f in first.figures if f is not dropped))

    save_extracted("002.txt", replace(fewer, text=SEED + "\n"))

    metric = Metric.objects.get(start=dropped.start, end=dropped.end)
    assert metric.status == Metric.Status.WITHDRAWN
    assert metric.history.first().history_change_reason == WITHDRAWN_READING


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_corrections_and_rejections_survive_an_insert_and_keep_their_addresses():
    _import(SEED)
    editor = User.objects.create_user("bien-tap")
    corrected = Metric.objects.get(figure="22.022")
    corrected.value, corrected.status, corrected.reviewed_by = Decimal("22023"), Metric.Status.CORRECTED, editor
    corrected.save()
    rejected = Metric.objects.public().exclude(pk=corrected.pk).order_by("start").first()
    Metric.objects.filter(pk=rejected.pk).set_status(Metric.Status.REJECTED, editor, "không phải số liệu")

    report = _import(SEED[:FIRST_LINE_END] + INSERTED + SEED[FIRST_LINE_END:])

    corrected.refresh_from_db()
    assert (corrected.status, corrected.value, corrected.needs_review) == (Metric.Status.CORRECTED, 22023, False)
    assert report.text[corrected.start:corrected.end] == "22.022"
    rejected_now = Metric.objects.get(pk=rejected.pk)
    assert rejected_now.status == Metric.Status.REJECTED
    assert report.text[rejected_now.start:rejected_now.end] == rejected.figure
    assert rejected_now.start == rejected.start + len(INSERTED)
    assert report.metrics.filter(figure=rejected.figure, sentence=rejected.sentence).count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_stored_figure_counts_match_after_a_series_of_reimports():
    _import(SEED)
    _import(SEED[:FIRST_LINE_END] + INSERTED + SEED[FIRST_LINE_END:])
    _import(SEED.replace("22.022 vụ", "22.030 vụ"))
    _import(SEED)

    stored = dict(Unit.objects.values_list("pk", "figure_count"))
    recount_figures(Unit.objects.values_list("pk", flat=True))
    assert dict(Unit.objects.values_list("pk", "figure_count")) == stored
