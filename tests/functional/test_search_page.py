"""The search page and the JSON search API through the test client."""
from __future__ import annotations

import pytest


def test_search_page_shows_highlighted_results_and_facets(client):
    html = client.get("/search?q=篦冷机&lang=zh").get_data(as_text=True)
    assert 'id="results"' in html and "CE-01" in html
    assert "<mark>" in html and 'data-facet="sector"' in html


def test_did_you_mean_in_both_languages(client):
    zh = client.get("/search?q=蓖冷机&lang=zh").get_data(as_text=True)
    assert 'id="did-you-mean"' in zh and "篦冷机" in zh and "以下显示的是" in zh
    en = client.get("/search?q=grate+coller&lang=en").get_data(as_text=True)
    assert "Showing results for" in en and "grate cooler" in en


def test_empty_result_offers_sectors(client):
    html = client.get("/search?q=zzqqxx&lang=zh").get_data(as_text=True)
    assert 'id="no-results"' in html and "/sectors/cement" in html


def test_facet_link_narrows_and_keeps_the_query(client):
    html = client.get("/search?q=余热&sector=cement&lang=en").get_data(as_text=True)
    assert "CE-04" in html and "ST-16" not in html
    assert "q=%E4%BD%99%E7%83%AD" in html  # facet and sort links keep the query


def test_header_search_box_goes_to_the_search_page(client):
    html = client.get("/").get_data(as_text=True)
    assert 'action="/search"' in html


@pytest.mark.parametrize("q", ['"', "(((", "AND OR NOT", "*:*", "🔥" * 50, "篦冷机 " * 300,
                               "<script>alert(1)</script>", "a" * 2000, "中文 English 混合 TRT"])
def test_any_input_gets_a_page(client, q):
    resp = client.get("/search", query_string={"q": q})
    assert resp.status_code == 200
    assert "<script>alert(1)</script>" not in resp.get_data(as_text=True)


def test_too_long_text_is_a_clear_400(client):
    resp = client.get("/search", query_string={"q": "a" * 2001, "lang": "zh"})
    assert resp.status_code == 400 and "检索词过长" in resp.get_data(as_text=True)


def test_api_shape(client):
    body = client.get("/api/v1/search?q=grate+cooler&lang=en&per_page=5").get_json()
    assert body["total"] >= 1 and body["items"][0]["code"] == "CE-01"
    item = body["items"][0]
    assert set(item) == {"type", "code", "name_zh", "name_en", "sector", "score", "snippet"}
    assert item["type"] == "technology" and item["score"] > 0 and "<mark>" in item["snippet"]
    assert body["facets"]["sector"]["cement"] >= 1


def test_api_filters_and_type(client):
    body = client.get("/api/v1/search?q=余热&sector=steel&stage=sintering&type=technology").get_json()
    assert body["items"] and all(i["sector"] == "steel" for i in body["items"])


@pytest.mark.parametrize("url", ["/api/v1/search?q=x&type=need", "/api/v1/search?sort=price",
                                 "/api/v1/search?per_page=500", "/api/v1/search?page=zero",
                                 "/api/v1/search?sector=plastics"])
def test_api_bad_parameters_are_json_400s(client, url):
    resp = client.get(url)
    assert resp.status_code == 400 and resp.get_json()["error"]["message"]
