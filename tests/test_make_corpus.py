"""bench/make_corpus.py: the synthetic corpus and its answer key. Plain pytest, no DB."""

from __future__ import annotations

import hashlib
import json
import os
import re
import time
import unicodedata
from decimal import Decimal
from pathlib import Path

import pytest
from factories import SEEDS, load_make_corpus

# The seed answer key, in ../shared beside this checkout (as CI has it).
SEEDS_KEY = Path(__file__).resolve().parents[2] / "shared" / "gold" / "seeds.json"

make_corpus = load_make_corpus()


def _digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict, float]:
    out = tmp_path_factory.mktemp("corpus200")
    t0 = time.perf_counter()
    make_corpus.generate(200, 11, str(out))
    elapsed = time.perf_counter() - t0
    return out, json.loads((out / "gold.json").read_text(encoding="utf-8")), elapsed


def _texts(out: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(out.glob("*.txt"))}


def test_it_writes_200_reports_quickly(corpus) -> None:
    out, gold, elapsed = corpus
    assert len(list(out.glob("*.txt"))) == 200
    assert len(gold["reports"]) == 200
    assert elapsed < 10, f"200 reports took {elapsed:.1f}s"
    assert not list(out.glob(".gold.*")), "part files are removed"


def test_the_key_has_the_seed_keys_format(corpus) -> None:
    _, gold, _ = corpus
    assert list(gold) == ["reports", "units", "officials", "metrics", "traps"]
    if not SEEDS_KEY.exists():
        message = f"the seed key {SEEDS_KEY} is missing: check out ../shared beside this repository"
        pytest.fail(message) if os.environ.get("CI") else pytest.skip(message)
    seeds = json.loads(SEEDS_KEY.read_text(encoding="utf-8"))
    assert list(gold) == list(seeds)
    for key in gold:
        assert set(gold[key][0]) == set(seeds[key][0]), key


def test_file_names_are_numbered_with_a_hash(corpus) -> None:
    out, gold, _ = corpus
    names = [r["source"] for r in gold["reports"]]
    assert names == sorted(p.name for p in out.glob("*.txt"))
    assert all(re.fullmatch(r"\d{5}_[0-9a-f]{16}\.txt", n) for n in names)


def test_every_offset_of_the_key_holds(corpus) -> None:
    out, gold, _ = corpus
    texts = _texts(out)
    for m in gold["metrics"]:
        text = texts[m["report"]]
        assert text[m["start"]:m["end"]] == m["figure"], m
        assert text[m["anchor_start"]:m["anchor_end"]] == m["anchor"], m
        assert m["anchor_start"] <= m["start"] < m["end"] <= m["anchor_end"], m
    for t in gold["traps"]:
        assert texts[t["report"]][t["anchor_start"]:t["anchor_end"]] == t["anchor"], t


def test_texts_are_nfc(corpus) -> None:
    out, _, _ = corpus
    for name, text in _texts(out).items():
        assert unicodedata.is_normalized("NFC", text), name


def test_every_digit_is_in_a_figure_anchor_or_a_trap(corpus) -> None:
    out, gold, _ = corpus
    spans: dict[str, list[tuple[int, int]]] = {}
    for m in gold["metrics"]:
        spans.setdefault(m["report"], []).append((m["anchor_start"], m["anchor_end"]))
    for t in gold["traps"]:
        spans.setdefault(t["report"], []).append((t["anchor_start"], t["anchor_end"]))
    for name, text in _texts(out).items():
        covered = spans.get(name, [])
        for d in re.finditer(r"\d", text):
            assert any(a <= d.start() < b for a, b in covered), (name, text[max(0, d.start() - 40):d.start() + 20])


def test_traps_never_overlap_figures(corpus) -> None:
    _, gold, _ = corpus
    figures: dict[str, list[tuple[int, int]]] = {}
    for m in gold["metrics"]:
        figures.setdefault(m["report"], []).append((m["start"], m["end"]))
    for t in gold["traps"]:
        for a, b in figures.get(t["report"], []):
            assert not (a < t["anchor_end"] and t["anchor_start"] < b), t


def test_values_and_attributes_are_well_formed(corpus) -> None:
    _, gold, _ = corpus
    unit_names = {u["name"] for u in gold["units"]}
    for m in gold["metrics"]:
        for key in ("value", "value_max", "total", "target"):
            if m[key] is not None:
                assert re.fullmatch(r"\d+(\.\d+)?", m[key]), m
                Decimal(m[key])
        assert m["kind"] in {"count", "percent", "ratio", "money", "duration", "rank", "quantity"}
        assert m["qualifier"] in {"exact", "approx", "at_least", "at_most"}
        assert m["change"] in {None, "increase", "decrease"}
        assert m["measure"]
        assert m["unit"] in unit_names
    core_units = {m["unit"] for m in gold["metrics"]}
    assert all(u["core"] for u in gold["units"] if u["name"] in core_units)


def test_scale_words_are_applied_to_values(corpus) -> None:
    _, gold, _ = corpus
    money = [m for m in gold["metrics"] if m["kind"] == "money" and " tỷ" in m["figure"]
             and "nghìn" not in m["figure"]]
    assert money
    for m in money:
        number = m["figure"].split(" ")[0].replace(".", "").replace(",", ".")
        assert Decimal(m["value"]) == Decimal(number) * 10**9, m


def test_it_covers_every_kind_qualifier_change_and_trap(corpus) -> None:
    _, gold, _ = corpus
    mets = gold["metrics"]
    assert {m["kind"] for m in mets} == {"count", "percent", "ratio", "money", "duration", "rank", "quantity"}
    assert {m["qualifier"] for m in mets} == {"exact", "approx", "at_least", "at_most"}
    assert {m["change"] for m in mets} == {None, "increase", "decrease"}
    assert any(m["value_max"] for m in mets) and any(m["target"] for m in mets) and any(m["total"] for m in mets)
    assert any(not m["core"] for m in mets)
    anchors = " | ".join(t["anchor"] for t in gold["traps"])
    for word in ("năm 20", "quý ", "tháng đầu năm", "Đề án", "lần thứ", "/"):
        assert word in anchors, word


def test_report_metadata_is_complete(corpus) -> None:
    out, gold, _ = corpus
    texts = _texts(out)
    for r in gold["reports"]:
        text = texts[r["source"]]
        assert r["title"] and text.startswith(r["title"])
        assert r["period_start"] <= r["period_end"]
        assert r["event_date"] > r["period_start"]
        if r["url"]:
            assert r["url"] in text
        if r["author"]:
            assert r["author"] in text
    assert any(r["url"] for r in gold["reports"]) and any(r["url"] is None for r in gold["reports"])


def test_one_official_is_one_record_across_reports(corpus) -> None:
    out, gold, _ = corpus
    texts = _texts(out)
    names = [o["name"] for o in gold["officials"]]
    assert len(names) == len(set(names))
    assert any(len(o["reports"]) > 1 for o in gold["officials"])
    for o in gold["officials"]:
        for src in o["reports"]:
            assert o["name"] in texts[src]
    assert any(o["rank"] is None for o in gold["officials"])


def test_provinces_follow_the_2025_merger(corpus) -> None:
    _, gold, _ = corpus
    legacy = {s for s, _ in make_corpus.LEGACY_PROVINCES}
    current = {s for s, _ in make_corpus.CURRENT_PROVINCES}
    assert len(legacy) == 63 and len(current) == 34
    dates = {r["source"]: r["event_date"] for r in gold["reports"]}
    for m in gold["metrics"]:
        if m["kind"] == "ratio" and m["measure"] in ("địa phương", "Công an địa phương"):
            assert m["total"] == ("34" if dates[m["report"]] >= "2025-07-01" else "63")


def test_same_seed_gives_the_same_bytes_and_another_seed_does_not(tmp_path: Path) -> None:
    for name, seed in (("a", 5), ("b", 5), ("c", 6)):
        make_corpus.generate(15, seed, str(tmp_path / name))
    a, b, c = (_digest(tmp_path / n) for n in "abc")
    assert a == b
    assert a["gold.json"] != c["gold.json"]
    assert set(a) != set(c)  # file names carry the seed's hash


def test_the_command_line_writes_the_corpus(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert make_corpus.main(["--reports", "3", "--seed", "2", "--out", str(tmp_path)]) == 0
    assert len(list(tmp_path.glob("*.txt"))) == 3
    assert "3 reports" in capsys.readouterr().out


def test_every_figure_of_the_seeds_and_a_generated_corpus_is_marked_as_written(tmp_path):
    from reports.extraction import extract

    load_make_corpus().generate(40, 7, str(tmp_path))
    files = [*SEEDS.glob("*.txt"), *tmp_path.glob("*.txt")]

    figures = [f for path in files for f in extract(path.read_text(encoding="utf-8")).figures]

    assert len(figures) > 500
    wrong = [(f.figure, f.sentence) for f in figures
             if f.sentence[f.sentence_offset:f.sentence_offset + len(" ".join(f.figure.split()))]
             != " ".join(f.figure.split())]
    assert wrong == []
