"""The bureau dashboard through the test client: the page and its tables,
the JSON of every figure, exports (CSV and XLSX, opened with openpyxl) with
the filters respected, the large-XLSX job, bad filters, who may see it."""
from __future__ import annotations

import csv
import io
import time

import pytest
from openpyxl import load_workbook
from sqlalchemy import text

from catalog.console import funnel
from catalog.console.filters import Filters
from portal.bureau.dashboard import FIGURES
from tests.conftest import sign_in
from tests.console_world import BUREAU_EMAIL, console_db, make_console_app  # noqa: F401 - fixtures

CEMENT_NEEDS = """SELECT COUNT(*) FROM need n LEFT JOIN facility f ON f.id = n.facility_id
  LEFT JOIN benchmark_product bp ON bp.key = f.product_key LEFT JOIN process_stage ps ON ps.key = n.stage_key
  WHERE COALESCE(bp.sector_key, ps.sector_key) = 'cement'"""


@pytest.fixture(scope="module")
def dash_app(make_console_app):  # noqa: F811
    return make_console_app(WTF_CSRF_ENABLED=False, EXPORT_XLSX_JOB_ROWS=200)


@pytest.fixture(scope="module")
def bureau(dash_app):
    client = dash_app.test_client()
    assert sign_in(client, BUREAU_EMAIL).status_code == 302
    return client


def count(console_db, sql: str) -> int:  # noqa: F811
    with console_db["sessions"]() as db:
        return db.execute(text(sql)).scalar()


def test_bureau_home_lands_on_the_dashboard(bureau):
    response = bureau.get("/bureau/")
    assert response.status_code == 302 and response.headers["Location"].endswith("/bureau/dashboard")


def test_the_page_shows_every_table_without_javascript(bureau):
    page = bureau.get("/bureau/dashboard").get_data(as_text=True)
    for anchor in ("table-capacity", "table-below", "table-catalogue-sector", "table-funnel-needs",
                   "table-funnel-inquiries", "list-medians", "table-funnel-by_sector", "table-results",
                   "table-models", "table-coverage", "list-exports"):
        assert f'id="{anchor}"' in page, anchor
    assert "产能与能效水平" in page or "能效" in page
    assert "vendor/echarts/echarts.min.js" in page and "//cdn" not in page


def test_every_figure_answers_json_with_the_filters(bureau, console_db):  # noqa: F811
    for name in FIGURES:
        for query in ("", "?sector=cement", "?district=jiangbei&from=2025-01-01&to=2026-12-31"):
            response = bureau.get(f"/bureau/dashboard/{name}.json{query}")
            assert response.status_code == 200, (name, query)
            assert response.is_json
    with console_db["sessions"]() as db:
        expected = funnel.totals(db, Filters(sector="cement"))
    data = bureau.get("/bureau/dashboard/funnel.json?sector=cement").get_json()
    assert {s["key"]: s["count"] for s in data["needs"]} == expected.needs
    assert data["needs"][0]["count"] == count(console_db, CEMENT_NEEDS + " AND n.status != 'draft'")


@pytest.mark.parametrize("query, message", [
    ("sector=shipbuilding", "shipbuilding"), ("district=atlantis", "atlantis"),
    ("from=2026-02-30", "2026-01-31"), ("from=2026-02-01&to=2026-01-01", "结束")])
def test_bad_filters_get_400_with_a_message(bureau, query, message):
    page = bureau.get(f"/bureau/dashboard?{query}")
    assert page.status_code == 400 and message in page.get_data(as_text=True)
    data = bureau.get(f"/bureau/dashboard/funnel.json?{query}")
    assert data.status_code == 400 and message in data.get_json()["error"]["message"]
    assert bureau.get(f"/bureau/exports/needs.csv?{query}").status_code == 400


def test_unknown_export_is_404(bureau):
    assert bureau.get("/bureau/exports/passwords.csv").status_code == 404


def test_needs_csv_respects_the_sector_filter(bureau, console_db):  # noqa: F811
    response = bureau.get("/bureau/exports/needs.csv?sector=cement")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    body = response.get_data()
    assert body.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert rows[0][:3] == ["编号", "需求标题", "企业"]
    assert len(rows) - 1 == count(console_db, CEMENT_NEEDS) > 0
    assert {r[4] for r in rows[1:]} == {"水泥"}


def test_every_dashboard_table_exports_to_xlsx_with_chinese_headers(bureau):
    from catalog.console.tables import TABLES

    for name in TABLES:
        response = bureau.get(f"/bureau/exports/{name}.xlsx?sector=cement")
        assert response.status_code == 200, name
        sheet = load_workbook(io.BytesIO(response.get_data()), read_only=True).active
        header = next(sheet.iter_rows(values_only=True))
        assert any("\u4e00" <= ch <= "\u9fff" for ch in "".join(str(h) for h in header)), name


def test_small_xlsx_comes_at_once_with_the_filtered_rows(bureau, console_db):  # noqa: F811
    response = bureau.get("/bureau/exports/inquiries.xlsx?district=jiangbei&from=2025-06-01")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.get_data()), read_only=True)
    rows = list(book.active.iter_rows(values_only=True))
    csv_rows = bureau.get("/bureau/exports/inquiries.csv?district=jiangbei&from=2025-06-01").get_data()
    assert len(rows) == len(list(csv.reader(io.StringIO(csv_rows.decode("utf-8-sig")))))


def test_large_xlsx_runs_as_a_job_with_progress_then_downloads(bureau, dash_app, console_db):  # noqa: F811
    from portal.bureau.jobs import wait

    response = bureau.get("/bureau/exports/needs.xlsx")
    assert response.status_code == 303 and "/bureau/jobs/" in response.headers["Location"]
    job_id = int(response.headers["Location"].rstrip("/").split("/")[-1])
    wait(dash_app, job_id)
    for _ in range(50):
        state = bureau.get(f"/bureau/jobs/{job_id}.json").get_json()
        if not state["running"]:
            break
        time.sleep(0.1)
    assert state["status"] == "done" and state["percent"] == 100
    file = bureau.get(f"/bureau/jobs/{job_id}/result")
    assert file.status_code == 200
    rows = list(load_workbook(io.BytesIO(file.get_data()), read_only=True).active.iter_rows(values_only=True))
    assert len(rows) - 1 == count(console_db, "SELECT COUNT(*) FROM need")
    file.close()


def test_lists_export_for_the_bureau_only(dash_app, bureau):
    for name in ("technologies", "organisations", "audit"):
        response = bureau.get(f"/bureau/exports/{name}.csv")
        assert response.status_code == 200 and response.get_data().startswith("\ufeff".encode())
    anonymous = dash_app.test_client()
    assert anonymous.get("/bureau/exports/needs.csv").status_code == 302
    assert anonymous.get("/bureau/dashboard/funnel.json").status_code == 302


def test_english_page(bureau):
    bureau.get("/lang/en")
    try:
        page = bureau.get("/bureau/dashboard").get_data(as_text=True)
        assert "Matchmaking funnel" in page and "Coverage gaps" in page
    finally:
        bureau.get("/lang/zh")


def test_score_needs_command(dash_app):
    result = dash_app.test_cli_runner().invoke(args=["console", "score-needs"])
    assert result.exit_code == 0 and "scored" in result.output
    again = dash_app.test_cli_runner().invoke(args=["console", "score-needs"])
    assert again.output.strip().endswith("scored 0 needs")


def test_a_reused_figure_follows_the_data(bureau, console_db):  # noqa: F811
    """Figures are kept while the data is unchanged; any change to the data
    they come from is seen at the next request."""
    def sent() -> int:
        steps = bureau.get("/bureau/dashboard/funnel.json").get_json()["inquiries"]
        return next(s["count"] for s in steps if s["key"] == "sent")

    before = sent()
    assert sent() == before == count(console_db, "SELECT COUNT(*) FROM inquiry")
    with console_db["sessions"]() as db:
        row = db.execute(text("SELECT * FROM inquiry ORDER BY id LIMIT 1")).mappings().one()
        copy = {k: v for k, v in row.items() if k != "id"}
        names, values = ", ".join(copy), ", ".join(":" + k for k in copy)
        db.execute(text(f"INSERT INTO inquiry ({names}) VALUES ({values})"), copy)
        db.commit()
    try:
        assert sent() == before + 1
    finally:
        with console_db["sessions"]() as db:
            db.execute(text("DELETE FROM inquiry WHERE id = (SELECT MAX(id) FROM inquiry)"))
            db.commit()
    assert sent() == before
