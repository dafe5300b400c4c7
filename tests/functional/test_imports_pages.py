"""The import pages through the test client: template download, a small
file imported at once, a bad file and a bad row refused with 400, a large
file run as a background job with its progress page and JSON."""
from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from catalog import models as m
from catalog.console import jobs
from catalog.console.columns import TECHNOLOGIES
from portal.bureau.jobs import wait
from tests.conftest import sign_in
from tests.import_world import EMAILS, row_of, workbook

ENTRY = dict(name_zh="页面导入测试技术", sector="水泥", stage="熟料烧成", category="节能技术装备",
             maturity="工程示范", trl=5, summary_zh="页面导入测试。")


@pytest.fixture(scope="module")
def app(make_console_app):
    return make_console_app(WTF_CSRF_ENABLED=False, IMPORT_INLINE_ROWS=2)


@pytest.fixture
def bureau(app):
    client = app.test_client()
    assert sign_in(client, EMAILS["bureau"]).status_code == 302
    return client


def upload(client, data: bytes, kind="technologies", name="entries.xlsx"):
    return client.post(f"/bureau/imports/{kind}", data={"file": (io.BytesIO(data), name)},
                       content_type="multipart/form-data")


def codes(app, *wanted):
    with app.app_context():
        from portal.db import get_session

        return set(get_session().scalars(select(m.Technology.code).where(m.Technology.code.in_(wanted))))


def test_the_page_and_the_template(bureau):
    page = bureau.get("/bureau/imports").get_data(as_text=True)
    assert "/bureau/imports/technologies/template.xlsx" in page and 'enctype="multipart/form-data"' in page
    response = bureau.get("/bureau/imports/organisations/template.xlsx")
    assert response.status_code == 200 and response.mimetype.endswith("spreadsheetml.sheet")
    book = load_workbook(io.BytesIO(response.data))
    assert book.sheetnames == ["单位", "说明"] and book["单位"]["A1"].value == "统一社会信用代码"


def test_a_small_file_is_imported_at_once(app, bureau):
    response = upload(bureau, workbook([(TECHNOLOGIES, [row_of(TECHNOLOGIES, code="CE-81", **ENTRY)])]))
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "新建 1 条" in page
    assert codes(app, "CE-81") == {"CE-81"}


def test_a_bad_row_shows_the_report_and_imports_nothing(app, bureau):
    rows = [row_of(TECHNOLOGIES, code="CE-82", **ENTRY),
            row_of(TECHNOLOGIES, code="CE-83", **{**ENTRY, "sector": "木材"})]
    bureau.get("/lang/en")
    response = upload(bureau, workbook([(TECHNOLOGIES, rows)]))
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "<td>3</td>" in page and "行业" in page and "is not a known value" in page
    assert "nothing has been imported" in page
    assert codes(app, "CE-82", "CE-83") == set()
    bureau.get("/lang/zh")


@pytest.mark.parametrize("data, text", [(b"not a workbook", "不是 Excel 工作簿"),
                                        (workbook([("Sheet", [["a", "b"]])]), "表头与模板不符")])
def test_bad_files_are_refused_with_a_message(bureau, data, text):
    response = upload(bureau, data)
    assert response.status_code == 400 and text in response.get_data(as_text=True)


def test_no_file_and_unknown_kind(bureau):
    assert bureau.post("/bureau/imports/technologies", data={}).status_code == 400
    assert upload(bureau, b"x", kind="people").status_code == 400


def test_a_large_file_runs_as_a_job_with_progress(app, bureau):
    rows = [row_of(TECHNOLOGIES, code=f"CE-{n}", **ENTRY) for n in (84, 85, 86)]
    response = upload(bureau, workbook([(TECHNOLOGIES, rows)]), name="大文件.xlsx")
    assert response.status_code == 303
    job_id = int(response.headers["Location"].rsplit("/", 1)[1])
    wait(app, job_id)
    state = bureau.get(f"/bureau/jobs/{job_id}.json").get_json()
    assert state["status"] == "done" and state["percent"] == 100 and state["total"] == 6
    page = bureau.get(f"/bureau/jobs/{job_id}").get_data(as_text=True)
    assert "大文件.xlsx" in page and "新建 3 条" in page and 'http-equiv="refresh"' not in page
    assert codes(app, "CE-84", "CE-85", "CE-86") == {"CE-84", "CE-85", "CE-86"}
    assert list(jobs.folder(app.config["PORTAL_DATA_DIR"]).glob(f"job-{job_id}-*")) == []


def test_a_running_job_page_refreshes_without_javascript(app, bureau):
    with app.app_context():
        from portal.db import get_session

        job = jobs.create(get_session(), "import_technologies", {}, None, "x.xlsx")
        jobs.progress(get_session(), job.id, 3, 12)
    page = bureau.get(f"/bureau/jobs/{job.id}").get_data(as_text=True)
    assert '<noscript><meta http-equiv="refresh"' in page and 'value="25"' in page
    assert "js/jobs.js" in page
    assert bureau.get(f"/bureau/jobs/{job.id}/result").status_code == 404


def test_the_command_imports_and_refuses_bad_rows(app, tmp_path):
    good, bad = tmp_path / "good.xlsx", tmp_path / "bad.xlsx"
    good.write_bytes(workbook([(TECHNOLOGIES, [row_of(TECHNOLOGIES, code="CE-87", **ENTRY)])]))
    bad.write_bytes(workbook([(TECHNOLOGIES, [row_of(TECHNOLOGIES, code="CE-88", **{**ENTRY, "trl": "x"})])]))
    runner = app.test_cli_runner()
    result = runner.invoke(args=["console", "import-technologies", str(good)])
    assert result.exit_code == 0 and "新建 1 条" in result.output
    result = runner.invoke(args=["console", "import-technologies", str(bad)])
    assert result.exit_code == 1 and "技术就绪度" in result.output
    assert codes(app, "CE-87", "CE-88") == {"CE-87"}


def inflated(member_size: int, extra_name: str = "xl/sharedStrings.xml") -> bytes:
    """A real workbook whose ``extra_name`` member unpacks to ``member_size``
    bytes of one repeated character (written in pieces: the test never holds it)."""
    import zipfile

    plain = workbook([(TECHNOLOGIES, [row_of(TECHNOLOGIES, code="CE-83", **ENTRY)])])
    source = zipfile.ZipFile(io.BytesIO(plain))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bomb:
        for item in source.infolist():
            if item.filename != extra_name:
                bomb.writestr(item, source.read(item))
        with bomb.open(extra_name, "w") as member:
            for _ in range(member_size // (1 << 20)):
                member.write(b"a" * (1 << 20))
    return out.getvalue()


@pytest.mark.parametrize("size, zh, en", [
    (120 << 20, "文件解压后超过 100 MB", "Unpacked, the file is larger than 100 MB"),
    (8 << 20, "文件压缩比异常", "compressed far more than a workbook can be")])
def test_a_zip_bomb_is_refused_before_it_is_parsed(app, bureau, size, zh, en):
    data = inflated(size)
    assert len(data) < 400_000  # a small upload
    response = upload(bureau, data)
    assert response.status_code == 400 and zh in response.get_data(as_text=True)
    english = app.test_client()
    sign_in(english, EMAILS["bureau"])
    english.get("/?lang=en")
    response = upload(english, data)
    assert response.status_code == 400 and en in response.get_data(as_text=True)
