"""Rate limits on search, match/diagnose and the JSON API (issue 16): the
request past the limit answers 429 in the visitor's language (a page, or
JSON under /api); limits are settings the environment can give."""
from __future__ import annotations

import pytest

from portal import config
from tests.conftest import NO_TRAFFIC_LIMITS, sign_in


@pytest.fixture(scope="module")
def limited(make_accounts_app):
    return make_accounts_app(**{**NO_TRAFFIC_LIMITS, "PUBLIC_LIMIT_PER_IP": "3 per minute",
                                "MATCH_LIMIT_PER_IP": "2 per minute", "API_LIMIT_PER_IP": "6 per minute"})


def visitor(app, address: str):
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    return client


def test_anonymous_search_page_and_api_share_a_limit_with_a_429_in_the_visitors_language(limited):
    client = visitor(limited, "10.0.0.1")
    assert [client.get(url).status_code for url in ("/search?q=余热", "/api/v1/search?q=余热",
                                                    "/search?q=窑")] == [200, 200, 200]
    page = client.get("/search?q=水泥")
    assert page.status_code == 429 and "请求过于频繁" in page.get_data(as_text=True)
    assert "Retry-After" in page.headers
    api = client.get("/api/v1/search?q=水泥")
    assert api.status_code == 429 and "请求过于频繁" in api.get_json()["error"]["message"]
    english = visitor(limited, "10.0.0.2")
    english.get("/?lang=en")
    codes = [english.get("/search?q=kiln").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    assert "Too many requests" in english.get("/search?q=kiln").get_data(as_text=True)
    other = visitor(limited, "10.0.0.3")
    assert other.get("/search?q=余热").status_code == 200  # counted per address


def test_match_and_diagnose_and_every_api_endpoint_are_limited(limited):
    client = visitor(limited, "10.0.1.1")
    need = {"text": "水泥窑余热发电效率低"}
    assert client.post("/api/v1/match", json=need).status_code == 200
    assert client.post("/api/v1/diagnose", json={"benchmark_product": "cement_clinker"}).status_code < 429
    refused = client.post("/api/v1/match", json=need)
    assert refused.status_code == 429 and refused.is_json
    codes = [client.get("/api/v1/technologies").status_code for _ in range(6)]
    assert codes[0] == 200 and codes[-1] == 429 and codes == sorted(codes)  # the shared API limit of 6
    assert client.get("/healthz").status_code == 200  # monitoring is never limited


def test_a_signed_in_user_has_a_count_of_their_own(limited):
    anonymous, member = visitor(limited, "10.0.2.1"), visitor(limited, "10.0.2.1")
    assert sign_in(member, "member-a@world.test").status_code == 302
    assert [anonymous.get("/search?q=余热").status_code for _ in range(4)][-1] == 429
    assert member.get("/search?q=余热").status_code == 200  # same address, own count


def test_the_limits_come_from_the_environment():
    settings = config.from_environment({"API_LIMIT_PER_IP": "100000 per minute",
                                        "PUBLIC_LIMIT_PER_IP": "5 per second",
                                        "MATCH_LIMIT_PER_IP": "1/minute"})
    assert settings == {"API_LIMIT_PER_IP": "100000 per minute", "PUBLIC_LIMIT_PER_IP": "5 per second",
                        "MATCH_LIMIT_PER_IP": "1/minute"}
