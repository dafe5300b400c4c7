"""The import workbook reader and the row checks, without a database."""
from __future__ import annotations

import pytest

from catalog.console import sheets
from catalog.console.columns import FIGURES, ORGANISATIONS, TECHNOLOGIES, split_list
from catalog.console.import_technologies import Vocabulary, check_entry, check_figure
from catalog.console.problems import TEXTS, FileError, text
from catalog.console.rowcheck import as_text
from tests.import_world import row_of, workbook

VOCAB = Vocabulary(sectors={"cement": "cement", "水泥": "cement"}, stages={"熟料烧成": "clinker_burning"},
                   categories={"节能技术装备": "efficiency_equipment"},
                   maturity={"工程示范": "demonstration"},
                   carriers={"电力": "electricity", "electricity": "electricity"},
                   families={"cement_clinker": "cement_clinker"}, flags={"V-sec": "published_source"},
                   metrics={"energy_saving": "energy_saving"}, sources={"gb-t-2589-2020"})
GOOD = dict(code="CE-90", name_zh="示例技术", sector="水泥", stage="熟料烧成", category="节能技术装备",
            maturity="工程示范", trl=7, summary_zh="摘要。", energy_carriers="电力；electricity",
            keywords_zh="富氧；窑、窑", plan_refs="三(一)3")


def read(rows, sheet=TECHNOLOGIES, **kwargs):
    return sheets.read(workbook([(sheet, rows)]), sheet, **kwargs)[sheet.name]


def test_rows_come_back_by_column_key_with_excel_row_numbers():
    rows = read([row_of(TECHNOLOGIES, **GOOD), [], row_of(TECHNOLOGIES, code="CE-91")])
    assert [n for n, _ in rows.items] == [2, 4]
    assert rows.items[0][1]["name_zh"] == "示例技术" and rows.items[0][1]["trl"] == 7


def test_the_template_hint_row_is_skipped():
    hints = [c.hint_zh for c in TECHNOLOGIES.columns]
    rows = read([hints, row_of(TECHNOLOGIES, **GOOD)])
    assert [n for n, _ in rows.items] == [3]


def test_headers_may_come_in_any_order():
    headers = list(reversed(ORGANISATIONS.headers))
    data = workbook([("单位", [headers, list(reversed(row_of(ORGANISATIONS, uscc="X", name="甲")))])])
    rows = sheets.read(data, ORGANISATIONS)["单位"]
    assert rows.items[0][1]["uscc"] == "X" and rows.items[0][1]["name"] == "甲"


@pytest.mark.parametrize("data, code", [
    (b"name,code\nA,B\n", "file.not_xlsx"),
    (b"PK\x03\x04 not really a zip", "file.not_xlsx"),
    (workbook([(TECHNOLOGIES, [])]), "file.empty"),
    (workbook([("技术条目", [["编号", "名称"], ["CE-01", "x"]])]), "file.headers"),
])
def test_bad_files_are_refused_as_a_whole(data, code):
    with pytest.raises(FileError) as caught:
        sheets.read(data, TECHNOLOGIES)
    assert caught.value.code == code
    zh, en = caught.value.texts
    assert zh and en


def test_size_and_row_limits():
    data = workbook([(TECHNOLOGIES, [row_of(TECHNOLOGIES, code=f"CE-{n:02d}") for n in range(1, 6)])])
    with pytest.raises(FileError) as caught:
        sheets.read(data, TECHNOLOGIES, max_rows=4)
    assert caught.value.code == "file.too_many_rows"
    with pytest.raises(FileError) as caught:
        sheets.read(data, TECHNOLOGIES, max_bytes=len(data) - 1)
    assert caught.value.code == "file.too_large"


def test_wrong_headers_name_the_missing_and_unexpected_ones():
    headers = [h for h in TECHNOLOGIES.headers if h != "行业"] + ["备注"]
    with pytest.raises(FileError) as caught:
        sheets.read(workbook([("技术条目", [headers])]), TECHNOLOGIES)
    zh, en = caught.value.texts
    assert "行业" in zh and "备注" in zh and "备注" in en


def test_a_good_entry_is_cleaned():
    problems = []
    entry = check_entry(2, GOOD, VOCAB, problems)
    assert problems == []
    assert entry.code == "CE-90" and entry.values["sector_key"] == "cement"
    assert entry.values["energy_carriers"] == ["electricity"]
    assert entry.values["keywords_zh"] == ["富氧", "窑"]
    assert entry.values["plan_named"] is True


def test_every_problem_of_a_row_is_reported_with_its_column():
    problems = []
    bad = {**GOOD, "code": "cement 90", "name_zh": "", "sector": "玻璃", "trl": "10", "energy_carriers": "风"}
    assert check_entry(7, bad, VOCAB, problems) is None
    found = {(p.row, p.column, p.code) for p in problems}
    assert found == {(7, "技术编号", "code.format"), (7, "技术名称（中文）", "required"),
                     (7, "行业", "unknown"),
                     (7, "技术就绪度", "integer"), (7, "能源品种", "unknown")}
    assert all(p.as_dict()["problem_zh"] and p.as_dict()["problem_en"] for p in problems)


def test_figure_values_numbers_and_text():
    problems = []
    code, fig = check_figure(3, {"code": "ce-90", "metric": "energy_saving", "value": "12", "unit": "%",
                                 "basis": "", "source": "s", "flag": "v-sec"}, VOCAB, problems)
    assert (code, fig["value"], fig["flag"]) == ("CE-90", 12.0, "V-sec")
    assert check_figure(4, {"code": "CE-90", "metric": "nonsense", "value": "", "source": "",
                            "flag": "x"}, VOCAB, problems) is None
    wanted = {f"{FIGURES.name}：{h}" for h in ("指标", "数值", "来源", "可信度标记")}
    assert {p.column for p in problems} == wanted


def test_cells_as_text_and_lists():
    assert as_text(7.0) == "7" and as_text(" a\r\nb\x07 ") == "a\nb" and as_text(None) == ""
    assert split_list("a；b;c、d\na；") == ["a", "b", "c", "d"]


def test_every_message_has_both_languages():
    for code in TEXTS:
        zh, en = TEXTS[code]
        assert zh and en, code
    assert text("duplicate", first=5) == ("与第 5 行重复。", "Repeats row 5.")
