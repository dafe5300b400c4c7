"""JSON API v1 and the health check."""
from __future__ import annotations

from catalog import migrate, search


def test_healthz_reports_revision_and_index(client):
    body = client.get("/healthz").get_json()
    assert body == {"status": "ok", "schema_revision": migrate.head_revision(),
                    "search_backend": search.backend_name(client.application.config["SEARCH_INDEX_DIR"]),
                    "index_documents": 75, "index_pending": 0}


def test_list_shape_and_filter(client):
    body = client.get("/api/v1/technologies?sector=cement&page=1&per_page=5").get_json()
    assert body["total"] == 11 and len(body["items"]) == 5
    assert set(body["items"][0]) == {"code", "name_zh", "name_en", "sector", "process_stage",
                                     "category", "maturity", "trl", "plan_named"}
    assert all(item["sector"] == "cement" for item in body["items"])


def test_list_pages_through_everything(client):
    codes = []
    for page in range(1, 5):
        codes += [i["code"] for i in client.get(f"/api/v1/technologies?per_page=20&page={page}")
                  .get_json()["items"]]
    assert len(codes) == len(set(codes)) == 75


def test_search_through_the_api(client):
    body = client.get("/api/v1/technologies?q=grate+cooler").get_json()
    assert body["items"][0]["code"] == "CE-01"


def test_detail_has_figures_with_provenance(client):
    body = client.get("/api/v1/technologies/CE-01").get_json()
    assert body["code"] == "CE-01" and body["plan_named"] is True
    fig = body["figures"][0]
    assert set(fig) >= {"value", "unit", "basis_zh", "basis_en", "source", "evidence_level"}
    assert set(fig["source"]) >= {"publisher", "title", "date", "url"} and fig["source"]["title"]
    assert body["effect"]["mechanism"] and body["effect"]["source"]["title"]
    assert body["benchmarks"][0]["benchmark"] == 100
    st01 = client.get("/api/v1/technologies/ST-01").get_json()
    assert any(f["evidence_level"] == "standard_consistent" and f["verified"] is False
               for f in st01["figures"])


def test_unknown_code_is_a_json_404(client):
    resp = client.get("/api/v1/technologies/XX-99")
    assert resp.status_code == 404 and resp.is_json
    assert resp.get_json()["error"]["status"] == 404


def test_bad_parameters_are_json_400s(client):
    for url in ["/api/v1/technologies?per_page=1000", "/api/v1/technologies?page=x",
                "/api/v1/technologies?sector=nope"]:
        resp = client.get(url)
        assert resp.status_code == 400 and resp.is_json, url
        assert resp.get_json()["error"]["message"]
