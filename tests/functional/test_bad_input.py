"""Bad input gets a clear message in the user's language and a 4xx, never a 500."""
from __future__ import annotations

import pytest

CASES = [
    ("/catalogue?sector=plastics", 400, "plastics"),
    ("/catalogue?page=abc", 400, "page"),
    ("/catalogue?page=0", 400, "page"),
    ("/catalogue?page=999", 404, None),
    ("/catalogue?sort=price", 400, "price"),
    ("/catalogue?stage=" + "x" * 500, 400, "stage"),
    ("/technologies/NOPE-1", 404, None),
    ("/sectors/plastics", 404, None),
    ("/lang/fr", 404, None),
    ("/no/such/page", 404, None),
]


@pytest.mark.parametrize("url,status,mention", CASES)
def test_bad_input_html(client, url, status, mention):
    resp = client.get(url + ("&" if "?" in url else "?") + "lang=zh")
    assert resp.status_code == status
    html = resp.get_data(as_text=True)
    assert "返回首页" in html  # the Chinese error page, not a stack trace
    if mention:
        assert mention in html


def test_error_pages_in_english(client):
    html = client.get("/no/such/page?lang=en").get_data(as_text=True)
    assert "The page you asked for does not exist." in html
    html = client.get("/catalogue?page=abc&lang=en").get_data(as_text=True)
    assert "must be a whole number" in html


@pytest.mark.parametrize("q", ['"', "(((", "AND OR NOT", "*:*", "🔥" * 50, "篦冷机 " * 400,
                               "a" * 2000, "<script>alert(1)</script>", "%00", "\\"])
def test_any_search_input_is_answered(client, q):
    resp = client.get("/catalogue", query_string={"q": q})
    assert resp.status_code == 200
    assert "<script>alert(1)</script>" not in resp.get_data(as_text=True)


def test_wrong_method_is_405_not_500(client):
    assert client.post("/catalogue").status_code in (400, 405)
    assert client.delete("/api/v1/technologies").status_code == 405


def test_catalogue_query_over_2000_characters_is_refused_clearly(client):
    resp = client.get("/catalogue", query_string={"q": "a" * 5000, "lang": "en"})
    assert resp.status_code == 400 and "too long" in resp.get_data(as_text=True)
