"""Issue 23 through the web and the API: the enterprise sends metering
evidence for its project, the bureau verifies it in its queue (audited), the
technology page and /api/v1/technologies/<code> show the project; the plan's
what-if page and API answer with the filters; bad input is a 4xx with the
form's messages, never a 500, and nothing is half-saved."""
from __future__ import annotations

import io
import re

import pytest
from sqlalchemy import select

from catalog import models as m
from tests.conftest import app_factory, sign_in
from tests.evidence_world import EMAILS, evidence_db, implemented  # noqa: F401 - fixtures
from tests.supply_world import PDF


@pytest.fixture(scope="module")
def app(evidence_db, tmp_path_factory):  # noqa: F811
    for make in app_factory(evidence_db, tmp_path_factory, "evidence"):
        yield make(WTF_CSRF_ENABLED=False)


def client_of(app, key: str | None):
    client = app.test_client()
    if key:
        assert sign_in(client, EMAILS[key]).status_code == 302
    return client


def test_enterprise_sends_evidence_and_bureau_verifies(app, evidence_db):  # noqa: F811
    with evidence_db["sessions"]() as db:
        record = implemented(db, evidence_db["world"], 15120)
        record_id, inquiry_id = record.id, record.inquiry_id
    ent, bureau, other = client_of(app, "enterprise"), client_of(app, "bureau"), client_of(app, "other")
    thread = ent.get(f"/inquiries/{inquiry_id}").get_data(as_text=True)
    assert f"/projects/{inquiry_id}" in thread
    page = ent.get(f"/projects/{inquiry_id}").get_data(as_text=True)
    # 15,120 tce × 1000 ÷ 1,500,000 t = 10.08 kgce/t; ÷ (112 kgce/t × fuel share 1) × 100 = 9 % of the fuel
    assert "自行申报" in page and re.search(r"9 %.*10 %", page)
    assert other.get(f"/projects/{inquiry_id}").status_code == 404
    bad = ent.post(f"/projects/{inquiry_id}/evidence", content_type="multipart/form-data",
                   data={"kind": "metering", "files": [(io.BytesIO(b"not a pdf"), "report.pdf")]})
    assert bad.status_code == 400 and "invalid-feedback" in bad.get_data(as_text=True)
    no_file = ent.post(f"/projects/{inquiry_id}/evidence", data={"kind": "metering"})
    assert no_file.status_code == 400
    sent = ent.post(f"/projects/{inquiry_id}/evidence", data={"kind": "metering",
                    "files": [(io.BytesIO(PDF), "计量报告.pdf")]}, content_type="multipart/form-data")
    assert sent.status_code == 302
    queue = bureau.get("/bureau/projects").get_data(as_text=True)
    assert f"/bureau/projects/{record_id}" in queue
    review = bureau.get(f"/bureau/projects/{record_id}").get_data(as_text=True)
    file_id = re.search(r"/projects/files/(\d+)", review).group(1)
    assert bureau.get(f"/projects/files/{file_id}").data == PDF
    assert other.get(f"/projects/files/{file_id}").status_code == 404
    decide = f"/bureau/projects/{record_id}/decision"
    assert bureau.post(decide, data={"decision": "reject"}).status_code == 400
    assert bureau.post(decide, data={"decision": "verify", "verified_saving_tce": "abc"}).status_code == 400
    done = bureau.post(decide, data={"decision": "verify"})
    assert done.status_code == 302
    sheet = client_of(app, None).get("/technologies/CE-01").get_data(as_text=True)
    row = re.search(rf'<tr data-project="{record_id}" data-level="verified">.*?</tr>', sheet, re.S).group(0)
    assert '<td class="per-unit">9</td>' in row and "证据测试" not in sheet  # no enterprise named
    api = client_of(app, None).get("/api/v1/technologies/CE-01").get_json()
    project = next(p for g in api["projects"]["groups"] for p in g["projects"] if p["id"] == record_id)
    assert project["evidence_level"] == "verified" and project["measured_per_unit"] == pytest.approx(9.0)
    with evidence_db["sessions"]() as db:
        assert db.scalar(select(m.AuditEvent).where(m.AuditEvent.action == "project_record.verified",
                                                    m.AuditEvent.object_id == str(record_id))) is not None


def test_api_decision_and_queue(app, evidence_db):  # noqa: F811
    bureau, ent = client_of(app, "bureau"), client_of(app, "enterprise")
    assert ent.get("/api/v1/bureau/project-records").status_code == 403
    assert bureau.get("/api/v1/bureau/project-records?level=nonsense").status_code == 400
    maybe = bureau.post("/api/v1/bureau/project-records/1/decision", json={"decision": "maybe"})
    assert maybe.status_code == 400
    assert bureau.post("/api/v1/bureau/project-records/999999/decision",
                       json={"decision": "verify"}).status_code == 404
    with evidence_db["sessions"]() as db:
        record = implemented(db, evidence_db["world"], 13440, line="二号熟料线")
        record_id, inquiry_id = record.id, record.inquiry_id
    ent.post(f"/projects/{inquiry_id}/evidence", content_type="multipart/form-data",
             data={"kind": "m_and_v", "files": [(io.BytesIO(PDF), "mv.pdf")]})
    listed = bureau.get("/api/v1/bureau/project-records").get_json()
    assert record_id in {r["id"] for r in listed["items"]}
    refused = bureau.post(f"/api/v1/bureau/project-records/{record_id}/decision", json={"decision": "reject"})
    assert refused.status_code == 400 and "reason" in refused.get_json()["error"]["fields"]
    answer = bureau.post(f"/api/v1/bureau/project-records/{record_id}/decision",
                         json={"decision": "reject", "reason": "计量表未经检定"})
    assert answer.status_code == 200 and answer.get_json()["record"]["evidence_level"] == "rejected"


def test_whatif_page_baseline_and_api(app):
    bureau = client_of(app, "bureau")
    page = bureau.get("/bureau/whatif")
    assert page.status_code == 200 and 'id="table-whatif-products"' in page.get_data(as_text=True)
    assert bureau.get("/bureau/whatif?district=nowhere").status_code == 400
    assert "/bureau/whatif" in bureau.get("/bureau/dashboard").get_data(as_text=True)
    bad = bureau.post("/bureau/whatif/baseline", data={"value": "-1", "unit": "kWh/t", "year": "1800"})
    assert bad.status_code == 400 and bad.get_data(as_text=True).count("invalid-feedback") >= 4
    good = bureau.post("/bureau/whatif/baseline", data={
        "value": "110", "unit": "kgce/t", "year": "2020", "target_change_pct": "-3",
        "publisher": "重庆市经济和信息化委员会", "title": "重庆市建材行业碳达峰实施方案",
        "published_on": "2022-11-01"})
    assert good.status_code == 302
    shown = bureau.get("/bureau/whatif").get_data(as_text=True)
    assert "重庆市建材行业碳达峰实施方案" in shown and 'id="after-vs-baseline"' in shown
    api = bureau.get("/api/v1/bureau/whatif?sector=cement").get_json()
    clinker = next(p for p in api["products"] if p["product"] == "cement_clinker")
    assert clinker["share_today"] is not None and api["clinker_intensity"]["baseline"]["value"] == 110
    assert bureau.get("/api/v1/bureau/whatif?sector=nothing").status_code == 400
    assert client_of(app, None).get("/api/v1/bureau/whatif").status_code == 401
