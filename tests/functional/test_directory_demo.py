"""The demo world fills the supplier directory (issue 22): its suppliers are
listed, the ESCO's profile names the cement enterprise whose follow-up agreed
to it (data/demo/world.yaml), counts the other completed project without a
name, and has a response time over its five answered inquiries."""
from __future__ import annotations

import re

import pytest

from tests.demo_app import demo_app, id_of, m


@pytest.fixture(scope="module")
def app(make_database, tmp_path_factory):
    app, _output = demo_app(make_database, tmp_path_factory, "directory-demo")
    yield app
    app.extensions["db_engine"].dispose()


def test_the_demo_directory_is_populated(app):
    client = app.test_client()
    listing = client.get("/suppliers").get_data(as_text=True)
    assert "示例·两江节能服务有限公司" in listing and "共 0 家供应商" not in listing
    esco = id_of(app, m.Organisation, name="示例·两江节能服务有限公司")
    profile = client.get(f"/suppliers/{esco}").get_data(as_text=True)
    assert "示例·涪陵江岸水泥有限公司" in profile and "3900" in profile       # named with consent
    assert "示例·綦江铝业有限公司" not in profile                              # implemented, no consent
    median = re.search(r'id="response-median">([^<]*)<', profile).group(1)
    assert "小时" in median and "暂不可用" not in median
    body = client.get(f"/api/v1/suppliers/{esco}").get_json()
    assert body["completed_projects"]["total"] == 2 and body["completed_projects"]["unnamed"] == 1
    assert body["response_time"]["answered"] == 5
