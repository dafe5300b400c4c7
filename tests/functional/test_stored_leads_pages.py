"""Stored leads through the pages (issue 15): a need posted on the
enterprise's form is on the supplier's leads at once (the web layer gives
the service the search index), an edit that hides it removes it, and
withdrawing it takes it off at once — no scan in between."""
from __future__ import annotations

from tests.inquiry_world import LEAD_EMAILS, signed_in

NEED = {"title": "五号线篦冷机升级（页面发布）", "stage_key": "clinker_burning", "facility_id": "",
        "description": "篦冷机热回收效率低，二次风温偏低，熟料热耗偏高，希望更换第四代篦冷机。",
        "problem_type": "energy_efficiency", "financing": "any_emc", "confidentiality": "public",
        "target_saving_pct": "5", "budget_cny": "20000000", "action": "open"}


def lead_ids(client) -> set[int]:
    body = client.get("/api/v1/leads?dismissed=1").get_json()
    return {lead["need"]["id"] for lead in body["leads"]}


def test_a_need_is_a_lead_from_its_posting_to_its_withdrawal(supply_app, lead_world):
    enterprise = signed_in(supply_app, LEAD_EMAILS["lead_enterprise"])
    supplier = signed_in(supply_app, LEAD_EMAILS["lead_supplier"])
    posted = enterprise.post("/enterprise/needs/new", data=NEED)
    assert posted.status_code == 302, posted.get_data(as_text=True)[:500]
    need_id = int(posted.headers["Location"].rstrip("/").rsplit("/", 1)[1])
    try:
        assert need_id in lead_ids(supplier)
        page = supplier.get("/supplier/leads").get_data(as_text=True)
        assert f'data-need="{need_id}"' in page and NEED["title"] in page
        edit = f"/enterprise/needs/{need_id}/edit"
        hidden = enterprise.post(edit, data=NEED | {"confidentiality": "bureau_only"})
        assert hidden.status_code == 302 and need_id not in lead_ids(supplier)
        shown = enterprise.post(edit, data=NEED | {"confidentiality": "anonymous"})
        assert shown.status_code == 302 and need_id in lead_ids(supplier)
    finally:
        enterprise.post(f"/enterprise/needs/{need_id}/status", data={"status": "withdrawn"})
    assert need_id not in lead_ids(supplier)
    assert f'data-need="{need_id}"' not in supplier.get("/supplier/leads?dismissed=1").get_data(as_text=True)
