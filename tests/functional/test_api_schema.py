"""Issue 16, points 7 and the API finding: /api/v1 is described by an
OpenAPI 3.1 document generated from the models that check it; wrong types,
missing fields, non-finite or huge numbers and deep nesting are 400s naming
the field in the caller's language; huge ids are 404 on every route."""
from __future__ import annotations

import pytest
from werkzeug.routing import IntegerConverter

from portal.api import answers
from portal.api.openapi import OPERATIONS, api_rules

DEEP = "[" * 2000 + "]" * 2000
GOOD = {"text": "篦冷机 余热发电", "benchmark_product": "cement_clinker", "unit_energy": 112,
        "annual_output": 1_500_000}


@pytest.mark.parametrize("url", ["/api/v1/match", "/api/v1/diagnose"])
@pytest.mark.parametrize("body, field", [
    ('{"text": 1}', "text"), ('{"text": "篦冷机", "sector": {"a": 1}}', "sector"),
    ('{"text": "篦冷机", "benchmark_product": ["x"]}', "benchmark_product"),
    ('{"text": "篦冷机", "unit_energy": NaN}', "unit_energy"),
    ('{"text": "篦冷机", "unit_energy": Infinity}', "unit_energy"),
    ('{"text": "篦冷机", "annual_output": 1e400}', "annual_output"),
    ('{"text": "篦冷机", "annual_output": 1' + "0" * 40 + "}", "annual_output"),
    ('{"text": "篦冷机", "coal_price": "900"}', "coal_price"),
    ('{"text": "篦冷机", "benchmark_product": "a\\u0000b"}', "benchmark_product"),
    ('{"text": "篦冷机", "fuel_shares": {"coal": [1]}}', "fuel_shares"),
    ('{"text": "篦冷机", "fuel_shares": {"a": {"b": {"c": {"d": {"e": {"f": {"g": {"h": {"i": '
     '{"j": {"k": {"l": {"m": {"n": {"o": {"p": {"q": 1}}}}}}}}}}}}}}}}}', "_"),
    (DEEP, "_"), ("[]", "_"), ("not json", "_"), ('"text"', "_"),
])
def test_bad_bodies_are_400s_naming_the_field(client, url, body, field):
    resp = client.post(url, data=body, content_type="application/json")
    assert resp.status_code == 400, resp.get_data(as_text=True)[:300]
    error = resp.get_json()["error"]
    diagnose_lacks = url.endswith("diagnose") and field in ("text", "sector")  # not its fields
    assert error["status"] == 400 and error["fields"]["benchmark_product" if diagnose_lacks else field]


def test_a_missing_field_is_named(client):
    fields = client.post("/api/v1/diagnose", json={"benchmark_product": "cement_clinker"}) \
        .get_json()["error"]["fields"]
    assert set(fields) == {"unit_energy", "annual_output"}
    assert "text" in client.post("/api/v1/match", json={}).get_json()["error"]["fields"]


def test_messages_are_chinese_first_english_on_request(client):
    url, body = "/api/v1/match", {"text": "篦冷机", "unit_energy": "a lot"}
    zh = client.post(url, json=body).get_json()["error"]
    en = client.post(url + "?lang=en", json=body).get_json()["error"]
    header = client.application.test_client().post(url, json=body, headers={"Accept-Language": "en-US,en"})
    assert zh["fields"]["unit_energy"] == "请输入数字。" and zh["message"] == "部分字段填写有误。"
    assert en["fields"]["unit_energy"] == "Enter a number." and en["message"] == "Some fields are not valid."
    assert header.get_json()["error"]["fields"]["unit_energy"] == "Enter a number."
    nan = client.application.test_client().post(url, data='{"text": "篦冷机", "capacity": NaN}',
                                                content_type="application/json")
    assert "NaN" in nan.get_json()["error"]["fields"]["capacity"]
    assert nan.get_json()["error"]["fields"]["capacity"] != "Enter a finite number (not NaN or Infinity)."


def test_a_body_over_the_cap_is_refused_before_parsing(client):
    body = '{"text": "' + "x" * 70_000 + '"}'
    resp = client.post("/api/v1/match", data=body, content_type="application/json")
    assert resp.status_code == 413 and resp.get_json()["error"]["fields"]["_"]


def test_good_bodies_still_work_and_answer_as_documented(client):
    diagnosis = client.post("/api/v1/diagnose", json=GOOD)
    assert diagnosis.status_code == 200
    answers.Diagnosis.model_validate(diagnosis.get_json())
    match = client.post("/api/v1/match", json={**GOOD, "fuel": "", "financing": "", "installed": "CE-01"})
    assert match.status_code == 200
    answers.MatchResult.model_validate(match.get_json())


@pytest.mark.parametrize("url, model", [
    ("/api/v1/technologies?per_page=100", answers.TechnologyPage),
    ("/api/v1/technologies/CE-01", answers.Technology), ("/api/v1/technologies/ST-01", answers.Technology),
    ("/api/v1/search?q=余热", answers.SearchPage), ("/api/v1/search?q=x&type=product", answers.SearchPage),
])
def test_answers_match_their_models(client, url, model):
    resp = client.get(url)
    assert resp.status_code == 200
    model.model_validate(resp.get_json())


@pytest.mark.parametrize("url, field", [("/api/v1/technologies?page=x", "page"),
                                        ("/api/v1/technologies?max_capex=nan", "max_capex"),
                                        ("/api/v1/search?per_page=1e9", "per_page"),
                                        ("/api/v1/search?type=person", "type"),
                                        ("/api/v1/search?sector=a%00b", "sector")])  # PostgreSQL: was 500
def test_bad_query_values_are_400s_naming_the_field(client, url, field):
    resp = client.get(url)
    assert resp.status_code == 400 and field in resp.get_json()["error"]["fields"]


def test_every_api_route_is_documented(app):
    assert {rule.endpoint for rule in api_rules(app)} == set(OPERATIONS)


def test_the_document_is_openapi_3_1_and_the_page_lists_every_operation(client):
    doc = client.get("/api/v1/openapi.json").get_json()
    assert doc["openapi"] == "3.1.0" and "MatchRequest" in doc["components"]["schemas"]
    match = doc["paths"]["/api/v1/match"]["post"]
    assert match["requestBody"]["content"]["application/json"]["schema"]["$ref"].endswith("/MatchRequest")
    product_id = doc["paths"]["/api/v1/products/{product_id}"]["get"]["parameters"][0]
    assert product_id["schema"] == {"type": "integer", "minimum": 1, "maximum": 2**31 - 1}
    for lang, title in (("zh", "需求匹配"), ("en", "Match a need")):
        page = client.get(f"/api/v1/docs?lang={lang}").get_data(as_text=True)
        assert title in page and "cdn" not in page.lower()
        assert all(path in page for path in doc["paths"])
    client.get("/?lang=zh")
    browser = client.application.test_client().get("/api/v1/docs", headers={"Accept-Language": "en-US,en"})
    assert "需求匹配" in browser.get_data(as_text=True)  # a page: Chinese first, whatever the browser says


def huge_id_urls(app) -> list[tuple[str, str]]:
    """Every route with an integer in its path, that integer 2⁶³ (the rest 'x')."""
    out = []
    for rule in app.url_map.iter_rules():
        ints = [n for n, c in rule._converters.items() if isinstance(c, IntegerConverter)]
        if ints:
            values = {n: ("9223372036854775808" if n in ints else "x") for n in rule.arguments}
            path = rule.rule
            for name, value in values.items():
                path = path.replace(f"<{name}>", value)
                for conv in ("int", "id", "string", "path"):
                    path = path.replace(f"<{conv}:{name}>", value)
            method = "GET" if "GET" in rule.methods else "POST"
            out.append((method, path))
    return out


def test_huge_ids_are_404_on_every_route(app):
    urls = huge_id_urls(app)
    assert len(urls) >= 30
    client = app.test_client()
    for method, path in urls:
        assert "<" not in path, path
        resp = client.open(path, method=method)
        assert resp.status_code == 404, (method, path, resp.status_code)


KEYWORDS = {"type", "properties", "required", "additionalProperties", "items", "anyOf", "enum", "const",
            "minimum", "maximum", "minLength", "maxLength", "maxItems", "maxProperties", "propertyNames",
            "pattern", "patternProperties", "$ref", "title", "description", "default"}
NAMED = ("properties", "patternProperties")  # their keys are names and patterns, not keywords


def test_the_schemas_use_json_schema_keywords_only():
    """A bound pydantic cannot express comes out as a stray key ("ge", "le"),
    which no client or validator reads."""
    from portal.api.openapi import components

    def keys(node) -> set[str]:
        if isinstance(node, list):
            return set().union(*map(keys, node)) if node else set()
        if not isinstance(node, dict):
            return set()
        inner = [v for k, v in node.items() if k not in NAMED] + [v for k in NAMED
                                                                   for v in node.get(k, {}).values()]
        return set(node) | keys(inner)

    assert keys({"anyOf": [{"type": "number"}], "ge": 0}) == {"anyOf", "type", "ge"}
    assert keys(list(components().values())) <= KEYWORDS
