"""Pure parts of the bureau console: conversion rates, queue ages, capacity
shares against the target, CSV chunks with a BOM, XLSX round trip."""
from __future__ import annotations

import csv
import io

from openpyxl import load_workbook

from catalog.console.capacity import ProductCapacity
from catalog.console.catalogue_stats import Waiting, ages
from catalog.console.exports import CHUNK, Sheet, csv_chunks, write_xlsx
from catalog.console.funnel import Funnel


def test_rates_are_each_step_over_the_one_before():
    rates = Funnel.rates({"posted": 200, "matched": 150, "inquiry": 0, "site_survey": 0})
    assert rates == {"posted": None, "matched": 0.75, "inquiry": 0.0, "site_survey": None}


def test_queue_ages_fall_in_buckets():
    waiting = [Waiting(n, "x", "o", "submitted", None, None, days)
               for n, days in enumerate((0, 29, 30, 89, 90, 400))]
    assert ages(waiting) == [("0–30", 2), ("30–60", 1), ("60–90", 1), ("90+", 2)]


def test_share_at_benchmark_counts_only_known_levels():
    row = ProductCapacity("cement_clinker", "水泥熟料", "Cement clinker", "cement", "t")
    row.capacity.update(benchmark=30.0, between=50.0, below_baseline=20.0, unknown=900.0)
    assert row.benchmark_share == 0.3 and row.meets_target is True
    row.capacity["benchmark"] = 29.0
    assert row.meets_target is False
    empty = ProductCapacity("x", "x", "x", "cement", "t")
    assert empty.benchmark_share is None and empty.meets_target is None


def sheet(rows: int) -> Sheet:
    return Sheet("needs", "改造需求", ["编号", "需求标题"], ((n, f"需求{n}") for n in range(rows)), rows)


def test_csv_streams_in_chunks_with_a_bom_and_chinese_headers():
    chunks = list(csv_chunks(sheet(CHUNK * 2 + 3)))
    assert len(chunks) == 3 and chunks[0].startswith("\ufeff编号,需求标题")
    rows = list(csv.reader(io.StringIO("".join(chunks).lstrip("\ufeff"))))
    assert len(rows) == CHUNK * 2 + 4 and rows[-1] == [str(CHUNK * 2 + 2), f"需求{CHUNK * 2 + 2}"]


def test_xlsx_round_trips_and_reports_progress():
    seen, buffer = [], io.BytesIO()
    assert write_xlsx(sheet(CHUNK + 1), buffer, lambda done, total: seen.append((done, total))) == CHUNK + 1
    book = load_workbook(io.BytesIO(buffer.getvalue()), read_only=True)
    rows = list(book.active.iter_rows(values_only=True))
    assert rows[0] == ("编号", "需求标题") and rows[-1] == (CHUNK, f"需求{CHUNK}") and len(rows) == CHUNK + 2
    assert seen == [(CHUNK, CHUNK + 1), (CHUNK + 1, CHUNK + 1)]
