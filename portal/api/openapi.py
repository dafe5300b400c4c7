"""The OpenAPI 3.1 document of /api/v1, generated from the app's URL map and
the pydantic models that check requests (``schema``) and describe answers
(``answers``). Pydantic writes JSON Schema 2020-12, the dialect OpenAPI 3.1
uses, so the models' schemas go into ``components`` unchanged.

``OPERATIONS`` says, per endpoint, which models apply; a test checks that
every /api/v1 route has an entry, so a new route cannot go undocumented."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from flask import Flask
from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from . import (
    answers,
    board_models,
    directory_schema,
    evidence_models,
    guide_models,
    programme_answers,
    schema,
)

ERROR_STATUSES = {400: "Bad request: the fields and their messages.", 404: "Not found.",
                  401: "Not signed in.", 403: "Not allowed for this role.",
                  413: "The body is too large.", 429: "Too many requests."}
ID_SCHEMA = {"type": "integer", "minimum": 1, "maximum": 2**31 - 1}
CODE_SCHEMA = {"type": "string", "maxLength": 64}


@dataclass(frozen=True)
class Operation:
    summary: str
    summary_zh: str
    answer: type[BaseModel]
    body: type[BaseModel] | None = None
    query: type[BaseModel] | None = None
    errors: tuple[int, ...] = (400, 429)
    links: dict[str, dict] = field(default_factory=dict)


def _link(operation: str, **parameters: str) -> dict:
    return {"operationId": operation, "parameters": parameters}


TECHNOLOGY_LINK = {"GetTechnology": _link("technology", code="$response.body#/items/0/code")}
OPERATIONS: dict[str, Operation] = {
    "api.technologies": Operation(
        "List catalogue entries, filtered and paged", "技术目录列表（筛选、分页）", answers.TechnologyPage,
        query=schema.CatalogueQuery, links=TECHNOLOGY_LINK),
    "api.technology": Operation(
        "One catalogue entry with figures, effect model, products and offers",
        "单项技术：数据、效果模型、产品与合同能源管理方案", evidence_models.Technology, errors=(404, 429),
        links={"GetProduct": _link("product", product_id="$response.body#/products/0/id"),
               "GetOffer": _link("offer", offer_id="$response.body#/offers/0/id")}),
    "api.search": Operation("Full-text search", "全文检索", answers.SearchPage, query=schema.SearchQuery),
    "api.diagnose": Operation(
        "Diagnose a production line against its benchmark", "产线能效诊断（对标标杆与基准）",
        answers.Diagnosis, body=schema.DiagnoseRequest, errors=(400, 413, 429)),
    "api.match": Operation(
        "Match a need with catalogue entries, impacts and offers", "需求匹配：技术、测算与合同能源管理方案",
        answers.MatchResult, body=schema.MatchRequest, errors=(400, 413, 429),
        links={"GetTechnology": _link("technology", code="$response.body#/matches/0/technology/code")}),
    "api.product": Operation("One published product", "单个已发布产品", answers.Product, errors=(404, 429)),
    "api.offer": Operation("One published EMC offer", "单个已发布合同能源管理方案", answers.Offer,
                           errors=(404, 429)),
    "api.suppliers": Operation(
        "The supplier directory: verified suppliers, filtered and paged", "供应商名录（已核验，筛选、分页）",
        directory_schema.DirectoryPage, query=directory_schema.DirectoryQuery,
        links={"GetSupplier": _link("supplier", supplier_id="$response.body#/items/0/id")}),
    "api.supplier": Operation(
        "One verified supplier: listings, completed projects, response time",
        "单个已核验供应商：产品方案、完成项目、响应时间", directory_schema.DirectoryProfile,
        errors=(404, 429)),
    "api.leads_json": Operation("The signed-in supplier's leads", "当前供应方的商机", answers.Leads,
                                query=schema.LeadsQuery, errors=(400, 401, 403, 429)),
    "api.programmes": Operation(
        "Support programmes and green finance", "支持政策与绿色金融", programme_answers.ProgrammeList,
        errors=(429,), links={"GetProgramme": _link("programme", slug="$response.body#/items/0/slug")}),
    "api.programme": Operation("One support programme", "单项支持政策", programme_answers.Programme,
                               errors=(404, 429)),
    # measured outcomes as evidence and the plan's what-if (issue 23), for the bureau
    "api.project_records": Operation(
        "Project records by evidence level (submitted: waiting for verification)",
        "项目记录（按证据等级；默认待核验）",
        evidence_models.ProjectRecords, query=evidence_models.RecordsQuery, errors=(400, 401, 403, 429)),
    "api.project_decision": Operation(
        "Verify or reject a submitted project record (X-CSRFToken header)", "核验或退回已提交证据的项目记录",
        evidence_models.Decided, body=evidence_models.DecisionRequest, errors=(400, 401, 403, 404, 413, 429)),
    "api.whatif": Operation(
        "The plan's what-if: share at the benchmark if each open need's top match were implemented",
        "规划推演：各开放需求的首选匹配实施后达标杆产能占比的变化", evidence_models.WhatIf,
        query=evidence_models.WhatIfQuery, errors=(400, 401, 403, 429)),
    "account.me": Operation("The signed-in user and organisation", "当前用户与单位", answers.Account,
                            errors=(401, 429)),
    # the public needs board (issue 22)
    "api.board_needs": Operation(
        "Needs listed on the public board, filtered and paged", "公开需求栏列表（筛选、分页）",
        board_models.BoardPage, query=board_models.BoardQuery,
        links={"GetBoardNeed": _link("board_need", need_id="$response.body#/needs/0/id")}),
    "api.board_need": Operation("One need listed on the public board", "公开需求栏中的单条需求",
                                board_models.BoardNeed, errors=(404, 429)),
    # the bureau's guides and promotion plans (issue 22)
    "api.guides": Operation("Every guide and promotion plan with its latest edition",
                            "供需对接指南与技术推广方案列表", guide_models.GuideList,
                            links={"GetGuide": _link("guide", kind="$response.body#/items/0/kind",
                                                     key="$response.body#/items/0/subject")}),
    "api.guide": Operation("One guide edition's frozen content (the latest, or ?edition=N)",
                           "单个指南或推广方案的一版（默认最新版）", guide_models.GuideEdition,
                           query=guide_models.GuideQuery, errors=(400, 404, 429)),
}
REQUEST_MODELS = (schema.DiagnoseRequest, schema.MatchRequest, evidence_models.DecisionRequest)


def api_rules(app: Flask) -> list:
    """The documented routes: /api/v1/… except the document and its page."""
    return sorted((r for r in app.url_map.iter_rules()
                   if r.rule.startswith("/api/v1/") and r.endpoint not in ("api.openapi", "api.docs")),
                  key=lambda r: r.rule)


def _path_and_parameters(rule) -> tuple[str, list[dict]]:
    params = [{"name": name, "in": "path", "required": True,
               "schema": ID_SCHEMA if type(conv).__name__ == "IdConverter" else CODE_SCHEMA}
              for name, conv in rule._converters.items()]
    return re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", r"{\1}", rule.rule), params


def _query_parameters(model: type[BaseModel] | None, defs: dict) -> list[dict]:
    if model is None:
        return []
    out = []
    for name, prop in defs[model.__name__]["properties"].items():
        branches = [b for b in prop.get("anyOf", [prop]) if b.get("type") != "null"]
        text = prop.get("description") or next((b["description"] for b in branches if "description" in b),
                                                None)
        branches = [{k: v for k, v in b.items() if k != "description"} for b in branches]
        param_schema = branches[0] if len(branches) == 1 else {"anyOf": branches}
        out.append({"name": name, "in": "query", "required": False, "schema": param_schema,
                    **({"description": text} if text else {})})
    return out


def _json(ref: str) -> dict:
    return {"application/json": {"schema": {"$ref": f"#/components/schemas/{ref}"}}}


def _operation(endpoint: str, op: Operation, params: list[dict], defs: dict) -> dict:
    responses = {"200": {"description": "OK", "content": _json(op.answer.__name__)}}
    if op.links:
        responses["200"]["links"] = op.links
    for status in sorted(op.errors):
        responses[str(status)] = {"description": ERROR_STATUSES[status], "content": _json("Error")}
    out = {"operationId": endpoint.split(".")[-1], "summary": op.summary, "x-summary-zh": op.summary_zh,
           "parameters": params + _query_parameters(op.query, defs), "responses": responses}
    if op.body is not None:
        out["requestBody"] = {"required": True, "content": _json(op.body.__name__)}
    return out


def components() -> dict:
    models = {*REQUEST_MODELS, answers.Error}
    for op in OPERATIONS.values():
        models |= {op.answer} | ({op.query} if op.query else set())
    _, top = models_json_schema([(m, "validation") for m in sorted(models, key=lambda m: m.__name__)],
                                ref_template="#/components/schemas/{model}")
    return top["$defs"]


def document(app: Flask) -> dict:
    defs = components()
    paths: dict[str, dict] = {}
    for rule in api_rules(app):
        op = OPERATIONS[rule.endpoint]
        path, params = _path_and_parameters(rule)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            paths.setdefault(path, {})[method.lower()] = _operation(rule.endpoint, op, params, defs)
    return {
        "openapi": "3.1.0",
        "info": {"title": "低碳技术推介与供需对接平台 API", "version": "1",
                 "description": "Chongqing low-carbon technology catalogue and matchmaking. Messages "
                                "are in Chinese; ?lang=en or Accept-Language: en for English."},
        "servers": [{"url": "/"}],
        "paths": paths,
        "components": {"schemas": defs},
    }
