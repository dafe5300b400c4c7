"""The OpenAPI document at /api/v1/openapi.json and a page that reads it
(/api/v1/docs): every operation with its parameters, body fields and
answers, rendered on the server with the portal's own assets (the intranet
has no outside calls, so no Swagger UI from a CDN)."""
from __future__ import annotations

from flask import current_app, jsonify, render_template

from ..i18n import lang
from .openapi import document
from .views import bp


def cached_document() -> dict:
    """Built once per app: the URL map and the models do not change at run time."""
    ext = current_app.extensions
    if "openapi_document" not in ext:
        ext["openapi_document"] = document(current_app)
    return ext["openapi_document"]


@bp.get("/api/v1/openapi.json", endpoint="openapi")
def openapi_json():
    return jsonify(cached_document())


def type_label(prop: dict, defs: dict) -> str:
    """A property's schema in a few words: types, choices, bounds."""
    if not isinstance(prop, dict):
        return "any"
    if "$ref" in prop:
        return prop["$ref"].rsplit("/", 1)[-1]
    if "anyOf" in prop:
        return " | ".join(type_label(p, defs) for p in prop["anyOf"])
    if "enum" in prop or "const" in prop:
        values = prop.get("enum", [prop.get("const")])
        return " | ".join(f"“{v}”" for v in values)
    words = [prop.get("type", "any")]
    if prop.get("type") == "array" and "items" in prop:
        words = [f"[{type_label(prop['items'], defs)}]"]
    if prop.get("type") == "object" and "additionalProperties" in prop:
        words = [f"{{… : {type_label(prop['additionalProperties'], defs)}}}"]
    bounds = [f"{word} {prop[key]:g}" for key, word in (("minimum", "≥"), ("maximum", "≤"))
              if isinstance(prop.get(key), int | float)]
    bounds += [f"{word} {prop[key]}" for key, word in (("minLength", "len ≥"), ("maxLength", "len ≤"),
                                                         ("maxItems", "items ≤"),
                                                         ("maxProperties", "entries ≤")) if key in prop]
    return " ".join(words + bounds)


def description(prop: dict) -> str:
    """A property's description, also when it sits on one branch of ``anyOf``."""
    found = [prop.get("description")] + [b.get("description") for b in prop.get("anyOf", ())]
    return next((d for d in found if d), "")


def fields_of(name: str, defs: dict) -> list[dict]:
    model = defs[name]
    required = set(model.get("required", ()))
    return [{"name": key, "type": type_label(prop, defs), "required": key in required,
             "description": description(prop)}
            for key, prop in model.get("properties", {}).items()]


def operations(doc: dict) -> list[dict]:
    defs, out = doc["components"]["schemas"], []
    for path, methods in doc["paths"].items():
        for method, op in methods.items():
            body = op.get("requestBody", {}).get("content", {}).get("application/json")
            body_name = body["schema"]["$ref"].rsplit("/", 1)[-1] if body else None
            answer = op["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
            out.append({
                "method": method.upper(), "path": path, "id": op["operationId"],
                "summary": op["x-summary-zh"] if lang() == "zh" else op["summary"],
                "parameters": [{"name": p["name"], "in": p["in"], "required": p["required"],
                                "type": type_label(p["schema"], defs),
                                "description": p.get("description", "")} for p in op["parameters"]],
                "body": body_name, "body_fields": fields_of(body_name, defs) if body_name else [],
                "answer": answer.rsplit("/", 1)[-1], "statuses": list(op["responses"]),
                "answer_fields": fields_of(answer.rsplit("/", 1)[-1], defs),
            })
    return out


@bp.get("/api/v1/docs", endpoint="docs")
def docs_page():
    doc = cached_document()
    return render_template("api/docs.html", operations=operations(doc), info=doc["info"],
                           version=doc["openapi"])
