"""The bureau's guides (issue 22) through the test client, on the console
world (60 organisations, 150 production lines): the content builder against
a direct recomputation from the lines, publishing and numbering, the diff,
the public pages, the stored PDF whose text layer carries the web page's
numbers, the JSON API, and bad input (404/400, never 500)."""
from __future__ import annotations

import io
import re
from html.parser import HTMLParser

import pytest
from pypdf import PdfReader
from sqlalchemy import select, text

from catalog import models as m
from catalog.guides import content, diff, editions, subjects
from tests.conftest import sign_in
from tests.console_world import BUREAU_EMAIL, console_db, make_console_app  # noqa: F401 - fixtures

LINES = """SELECT f.capacity, f.unit_energy, bp.key, bp.benchmark, bp.baseline, bp.lower_is_better
  FROM facility f JOIN benchmark_product bp ON bp.key = f.product_key JOIN organisation o
  ON o.id = f.organisation_id WHERE bp.sector_key = 'cement'"""


class Numbers(HTMLParser):
    """The text of every element with class "num" (the figures a guide shows)."""

    def __init__(self):
        super().__init__()
        self.depth, self.found, self.current = 0, [], ""

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        if self.depth or "num" in classes:
            self.depth += 1

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1
            if not self.depth:
                self.found.append(self.current.strip())
                self.current = ""

    def handle_data(self, data):
        if self.depth:
            self.current += data


def numbers_of(html: str) -> list[str]:
    parser = Numbers()
    parser.feed(html)
    return parser.found


def squeeze(value: str) -> str:
    return re.sub(r"\s+", "", value)


@pytest.fixture(scope="module")
def guide_app(make_console_app):  # noqa: F811
    return make_console_app(WTF_CSRF_ENABLED=False)


@pytest.fixture(scope="module")
def bureau(guide_app):
    client = guide_app.test_client()
    assert sign_in(client, BUREAU_EMAIL).status_code == 302
    return client


def publish(bureau, kind: str = "sector", key: str = "cement") -> int:
    """Publish the next edition through the page; its number."""
    response = bureau.post(f"/bureau/guides/{kind}/{key}/publish")
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    return int(re.search(r"edition=(\d+)", response.headers["Location"]).group(1))


def test_benchmark_shares_equal_a_recomputation_from_the_lines(console_db):  # noqa: F811
    """Worked example: each registered cement line is placed by hand (lower is better: ≤ benchmark
    → 标杆, > baseline → <基准, else between), capacities summed per product; the share is
    capacity at 标杆 ÷ capacity whose unit energy is known."""
    with console_db["sessions"]() as db:
        built = content.build(db, subjects.find(db, "sector", "cement"))
        rows = db.execute(text(LINES)).all()
    assert rows, "the console world has cement lines"
    expected: dict[str, dict[str, float]] = {}
    for capacity, value, key, bench, base, lower in rows:
        sums = expected.setdefault(key, {"benchmark": 0.0, "between": 0.0, "below_baseline": 0.0,
                                         "unknown": 0.0, "lines": 0})
        sums["lines"] += 1
        if value is None:
            place = "unknown"
        elif (value <= bench) if lower else (value >= bench):
            place = "benchmark"
        elif (value > base) if lower else (value < base):
            place = "below_baseline"
        else:
            place = "between"
        sums[place] += capacity or 0
    by_key = {r["key"]: r for r in built["position"]["products"]}
    for key, sums in expected.items():
        row = by_key[key]
        assert row["lines"] == sums["lines"]
        for place in ("benchmark", "between", "below_baseline", "unknown"):
            assert row["capacity"][place] == pytest.approx(sums[place])
        known = sums["benchmark"] + sums["between"] + sums["below_baseline"]
        assert row["benchmark_share"] == pytest.approx(sums["benchmark"] / known)
        assert row["meets_target"] == (sums["benchmark"] / known >= 0.30)
    assert built["position"]["target_share"] == 0.30
    assert {t["code"][:2] for t in built["technologies"]} == {"CE"}


def test_every_technology_figure_has_its_source_or_is_not_available(console_db):  # noqa: F811
    with console_db["sessions"]() as db:
        built = content.build(db, subjects.find(db, "sector", "cement"))
        ce01 = db.scalars(select(m.Technology).where(m.Technology.code == "CE-01")).first()
    for t in built["technologies"]:
        if t["capex_cny"] is not None:
            assert t["reference"]["source"] in built["sources"]
        if t["effect"]["quantified"]:
            assert t["effect"]["source"] in built["sources"]
        else:
            assert t["saving_tce"] is None and t["payback_years"] is None
    first = next(t for t in built["technologies"] if t["code"] == "CE-01")
    assert first["capex_cny"] == ce01.ref_capex_cny and first["saving_tce"] == ce01.ref_saving_tce


def test_publishing_numbers_editions_and_the_diff_shows_what_changed(bureau, console_db):  # noqa: F811
    first = publish(bureau)
    intro = {"intro_zh": "本指南面向重庆水泥企业。", "intro_en": "For cement plants."}
    assert bureau.post("/bureau/guides/sector/cement", data=intro).status_code == 302
    second = publish(bureau)
    assert second == first + 1
    page = bureau.get(f"/bureau/guides/sector/cement?edition={second}").get_data(as_text=True)
    assert f"第 {second} 版的变化" in page or f"Changes in edition {second}" in page
    assert "<ins>" in page and "本指南面向重庆水泥企业" in page
    with console_db["sessions"]() as db:
        subject = subjects.find(db, "sector", "cement")
        numbers = [e.number for e in editions.editions(db, subject)]
        assert numbers == sorted(numbers, reverse=True) and len(set(numbers)) == len(numbers)
        newest = editions.get(db, subject, second)
        assert newest.intro_zh == "本指南面向重庆水泥企业。" and newest.pdf_key and newest.pdf_size > 1000


def test_the_diff_names_changed_figures_technologies_and_suppliers():
    old = {"position": {"products": [{"key": "k", "name_zh": "熟料", "name_en": "Clinker", "lines": 2,
                                      "capacity": {"benchmark": 1.0, "between": 1.0, "below_baseline": 0.0,
                                                   "unknown": 0.0}, "benchmark_share": 0.5}]},
           "technologies": [{"code": "CE-01", "name_zh": "甲", "name_en": "A", "saving_tce": 10.0,
                             "capex_cny": 5.0, "payback_years": None, "effect": {"quantified": False},
                             "suppliers": [{"name": "甲公司"}]},
                            {"code": "CE-02", "name_zh": "乙", "name_en": "B", "suppliers": []}]}
    new = {"position": {"products": [{**old["position"]["products"][0], "lines": 3,
                                      "capacity": {"benchmark": 2.0, "between": 1.0, "below_baseline": 0.0,
                                                   "unknown": 0.0}, "benchmark_share": 2 / 3}]},
           "technologies": [{**old["technologies"][0], "saving_tce": 12.0, "suppliers": [{"name": "乙公司"}]},
                            {"code": "CE-03", "name_zh": "丙", "name_en": "C", "suppliers": []}]}
    result = diff.compare(old, new, ("旧", ""), ("新的介绍", ""))
    assert {(d["field"], d["before"], d["after"]) for d in result["position"]} == {
        ("lines", 2, 3), ("benchmark", 1.0, 2.0), ("benchmark_share", 0.5, 2 / 3)}
    assert [t["code"] for t in result["added"]] == ["CE-03"]
    assert [t["code"] for t in result["removed"]] == ["CE-02"]
    (changed,) = result["technologies"]
    assert changed["fields"] == [{"field": "saving_tce", "before": 10.0, "after": 12.0}]
    assert changed["suppliers_added"] == ["乙公司"] and changed["suppliers_removed"] == ["甲公司"]
    assert "zh" in result["intro"] and not diff.is_empty(result)
    assert diff.is_empty(diff.compare(new, new))


def test_the_public_reads_the_guide_and_downloads_a_pdf_with_the_same_numbers(bureau, guide_app):
    number = publish(bureau)
    anonymous = guide_app.test_client()
    listing = anonymous.get("/guides").get_data(as_text=True)
    assert "/guides/cement" in listing and "/guides/cross" in listing
    page = anonymous.get(f"/guides/cement?edition={number}")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "水泥" in html and "供需对接指南" in html
    figures = numbers_of(html)
    assert len(figures) > 20
    response = anonymous.get(f"/guides/cement.pdf?edition={number}")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    body = response.get_data()
    assert body.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(body))
    layer = squeeze("".join(p.extract_text() for p in reader.pages))
    assert "水泥行业低碳技术供需对接指南" in layer        # Chinese glyphs, not tofu
    missing = [f for f in figures if squeeze(f) not in layer]
    assert missing == [], missing[:10]


def test_the_pdf_is_served_from_storage_not_rendered_again(bureau, guide_app, console_db):  # noqa: F811
    number = publish(bureau)
    with console_db["sessions"]() as db:
        edition = editions.get(db, subjects.find(db, "sector", "cement"), number)
        key, size = edition.pdf_key, edition.pdf_size
    with guide_app.app_context():
        from portal.guides import pdf

        pdf.storage().save(key, b"%PDF-1.7 stored bytes")
    body = guide_app.test_client().get(f"/guides/cement.pdf?edition={number}").get_data()
    assert body == b"%PDF-1.7 stored bytes" and size > 1000


@pytest.mark.parametrize("url, status", [
    ("/guides/no-such-sector", 404), ("/guides/no-such-sector.pdf", 404), ("/guides/plans/cement", 404),
    ("/guides/plans/nothing.pdf", 404), ("/guides/cement?edition=abc", 400),
    ("/guides/cement?edition=0", 400),
    ("/guides/cement?edition=-1", 400), ("/guides/cement?edition=99999999999", 400),
    ("/guides/cement?edition=999999", 404), ("/guides/cement.pdf?edition=999999", 404),
    ("/guides/cement.pdf?edition=%00", 400), ("/guides/cross_cutting", 404), ("/guides/%E6%B0%B4", 404),
    ("/api/v1/guides/sector/nope", 404), ("/api/v1/guides/nope/cement", 404),
    ("/api/v1/guides/sector/cement?edition=abc", 400), ("/api/v1/guides/sector/cement?edition=999999", 404),
])
def test_bad_input_is_a_clear_4xx(guide_app, url, status):
    assert guide_app.test_client().get(url).status_code == status


def test_bureau_bad_input(bureau, console_db):  # noqa: F811
    assert bureau.get("/bureau/guides/sector/nope").status_code == 404
    assert bureau.get("/bureau/guides/sector/cement?edition=x").status_code == 400
    with console_db["sessions"]() as db:
        before = editions.draft(db, subjects.find(db, "sector", "glass")).intro_zh
    response = bureau.post("/bureau/guides/sector/glass", data={"intro_zh": "长" * 5001, "intro_en": ""})
    assert response.status_code == 400 and "5000" in response.get_data(as_text=True)
    with console_db["sessions"]() as db:
        assert editions.draft(db, subjects.find(db, "sector", "glass")).intro_zh == before


def test_the_api_lists_guides_and_returns_an_editions_frozen_content(bureau, guide_app):
    number = publish(bureau)
    client = guide_app.test_client()
    listing = client.get("/api/v1/guides").get_json()
    cement = next(i for i in listing["items"] if i["kind"] == "sector" and i["subject"] == "cement")
    assert cement["latest"]["number"] >= number
    assert cement["latest"]["pdf_url"].startswith("/guides/cement.pdf")
    one = client.get(f"/api/v1/guides/sector/cement?edition={number}").get_json()
    assert one["number"] == number and one["content"]["subject"] == "cement"
    assert one["content"]["position"]["target_share"] == 0.30 and number in one["editions"]
    bad = client.get("/api/v1/guides/sector/cement?edition=abc")
    assert bad.status_code == 400 and "edition" in bad.get_json()["error"]["fields"]
    spec = client.get("/api/v1/openapi.json").get_json()
    assert "/api/v1/guides/{kind}/{key}" in spec["paths"] and "/api/v1/guides" in spec["paths"]


def test_the_cross_cutting_guide_and_a_promotion_plan_publish_and_read(bureau, guide_app, console_db):  # noqa: F811
    publish(bureau, "cross", "all")
    with console_db["sessions"]() as db:
        plans = subjects.plans(db)
    assert plans, "the seed catalogue promotes technologies"
    plan = plans[0]
    number = publish(bureau, "plan", plan.key)
    client = guide_app.test_client()
    page = client.get(f"/guides/plans/{plan.key}").get_data(as_text=True)
    assert "技术推广方案" in page and "guide-uptake" in page
    assert client.get(f"/guides/plans/{plan.key}.pdf?edition={number}").status_code == 200
    cross = client.get("/guides/cross")
    assert cross.status_code == 200 and "跨行业通用" in cross.get_data(as_text=True)


def test_the_english_page_works_and_the_pdf_stays_chinese(guide_app):
    english_bureau = guide_app.test_client()
    assert sign_in(english_bureau, BUREAU_EMAIL).status_code == 302
    english_bureau.get("/lang/en")
    assert "Preview: the guide as the live data stand now" in english_bureau.get(
        "/bureau/guides/sector/cement").get_data(as_text=True)
    number = publish(english_bureau)
    body = guide_app.test_client().get(f"/guides/cement.pdf?edition={number}").get_data()
    assert "一、重庆市能效对标情况" in "".join(p.extract_text() for p in PdfReader(io.BytesIO(body)).pages)
    client = guide_app.test_client()
    client.get("/lang/en")
    html = client.get("/guides/cement").get_data(as_text=True)
    assert "Benchmark position in Chongqing" in html and "Download PDF" in html
    assert client.get("/guides").status_code == 200


def test_without_a_cjk_font_an_edition_is_published_without_pdf_and_says_so(make_console_app,  # noqa: F811
                                                                            console_db):  # noqa: F811
    app = make_console_app(WTF_CSRF_ENABLED=False, GUIDE_PDF_FONT="/nonexistent/no-font.ttc")
    client = app.test_client()
    assert sign_in(client, BUREAU_EMAIL).status_code == 302
    assert 'id="pdf-problem"' in client.get("/bureau/guides").get_data(as_text=True)
    response = client.post("/bureau/guides/sector/glass/publish", follow_redirects=True)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "中文字体" in page and "fonts-wqy-microhei" in page and "第 " in page
    with console_db["sessions"]() as db:
        edition = editions.latest(db, subjects.find(db, "sector", "glass"))
        assert edition.pdf_key is None and edition.pdf_size is None
    public = app.test_client()
    assert 'id="no-pdf"' in public.get("/guides/glass").get_data(as_text=True)
    assert public.get(f"/guides/glass.pdf?edition={edition.number}").status_code == 404


def test_the_pdf_is_kept_in_the_database_storage_every_server_reads(make_console_app):  # noqa: F811
    """FILE_STORAGE=database (the production backend): the PDF is written on its own connection
    before the edition's row, so SQLite does not lock it out, and read back by another app."""
    app = make_console_app(WTF_CSRF_ENABLED=False, FILE_STORAGE="database")
    client = app.test_client()
    assert sign_in(client, BUREAU_EMAIL).status_code == 302
    number = publish(client)
    other_server = make_console_app(FILE_STORAGE="database")
    body = other_server.test_client().get(f"/guides/cement.pdf?edition={number}").get_data()
    assert body.startswith(b"%PDF") and len(body) > 10000
