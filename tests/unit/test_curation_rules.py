"""Pure rules of issue 5: the review recommendation, the readable diff, file
recognition by content, and parsing form values."""
from __future__ import annotations

import pytest

from catalog.curation.diff import as_text, field_diffs, inline
from catalog.curation.review import DEFAULTS, recommend
from catalog.errors import RuleError
from catalog.models import CurationSettings
from catalog.supply import fields
from catalog.supply.files import clean_name, content_type

RULES = CurationSettings(**DEFAULTS)


def scores(*totals: tuple[int, int, int, int]) -> list[dict[str, int]]:
    return [dict(zip(("advancement", "effect", "economics", "maturity"), t, strict=True)) for t in totals]


@pytest.mark.parametrize(("given", "verdict", "total"), [
    (scores((4, 4, 4, 4), (3, 4, 3, 4)), "publish", 15.0),
    (scores((5, 5, 5, 1), (5, 5, 5, 1)), "hold", 16.0),       # one criterion below 2
    (scores((3, 3, 3, 3), (3, 3, 3, 3)), "hold", 12.0),
    (scores((2, 2, 2, 2), (3, 2, 2, 2)), "reject", 8.5),
    (scores((4, 4, 4, 4)), "incomplete", None),               # one review of two
])
def test_recommendation_follows_the_thresholds(given, verdict, total):
    outcome = recommend(given, RULES)
    assert (outcome.recommendation, outcome.total) == (verdict, total)


def test_thresholds_are_configurable():
    strict = CurationSettings(**{**DEFAULTS, "publish_min_total": 16.0, "min_reviewers": 1})
    assert recommend(scores((4, 4, 4, 3)), strict).recommendation == "hold"
    assert recommend(scores((4, 4, 4, 4)), strict).recommendation == "publish"


def test_inline_diff_reads_as_phrases():
    assert inline("节能 10%，投资 500 万元", "节能 12%，投资 500 万元") == (
        ("same", "节能 1"), ("removed", "0"), ("added", "2"), ("same", "%，投资 500 万元"))
    assert inline("完全不同的旧文本", "新写的摘要内容") == (
        ("removed", "完全不同的旧文本"), ("added", "新写的摘要内容"))
    assert inline("", "新增") == (("added", "新增"),)


def test_field_diffs_list_only_changed_fields_in_order():
    before = {"name_zh": "甲", "trl": 7, "keywords_zh": ["余热", "发电"], "figures": []}
    after = {"name_zh": "甲", "trl": 8, "keywords_zh": ["余热", "发电", "锅炉"],
             "figures": [{"metric": "energy_saving", "value": "5", "unit": "%", "basis": "",
                          "source": "报告"}]}
    diffs = field_diffs(before, after)
    assert [d.field for d in diffs] == ["trl", "keywords_zh", "figures"]
    assert diffs[1].after == "余热、发电、锅炉"
    assert as_text("figures", after["figures"]) == "energy_saving: 5 % — 报告"


@pytest.mark.parametrize(("data", "name", "expected"), [
    (b"%PDF-1.7 ...", "报告.pdf", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n....", "图.png", "image/png"),
    (b"\xff\xd8\xff\xe0....", "照片.JPG", "image/jpeg"),
])
def test_files_are_recognised_by_their_first_bytes(data, name, expected):
    assert content_type(data, name) == expected


@pytest.mark.parametrize(("data", "name", "code"), [
    (b"<svg onload=alert(1)>", "x.png", "file.type"),
    (b"MZ\x90\x00", "setup.pdf", "file.type"),
    (b"%PDF-1.7", "report.html", "file.extension"),
    (b"\x89PNG\r\n\x1a\n", "image.jpg", "file.extension"),
])
def test_other_content_or_a_wrong_ending_is_refused(data, name, code):
    with pytest.raises(RuleError) as caught:
        content_type(data, name)
    assert caught.value.code == code


def test_file_names_lose_folders_and_control_characters():
    assert clean_name("C:\\Users\\张\\检测报告.PDF") == "检测报告.pdf"
    assert clean_name("../../etc/pass\x00wd.pdf") == "passwd.pdf"
    assert len(clean_name("长" * 300 + ".pdf")) == 120
    with pytest.raises(RuleError):
        clean_name("...")


def test_numbers_from_forms():
    assert fields.number("１２３．５", "x") == 123.5
    assert fields.number("1,200", "x") == 1200
    assert fields.number("", "x", required=False) is None
    for raw, code in (("abc", "field.number"), ("nan", "field.number"), ("inf", "field.number"),
                      ("", "text.required")):
        with pytest.raises(RuleError) as caught:
            fields.number(raw, "x")
        assert caught.value.code == code
    with pytest.raises(RuleError) as caught:
        fields.integer("2.5", "term", 1, 30)
    assert caught.value.code == "field.integer"
    assert fields.split_list("20, 20，30、30 40", unique=False) == ["20", "20", "30", "30", "40"]
    assert fields.split_list("waste heat recovery, TRT", phrases=True) == ["waste heat recovery", "TRT"]
