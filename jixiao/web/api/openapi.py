"""The OpenAPI 3.1 description of the JSON API, built from the canonical JSON Schema so they never disagree."""

from __future__ import annotations

from typing import Any

from jixiao.formats import canonical


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _json_body(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


_ERRORS = {
    "400": _json_body(_ref("Error"), "输入有误（说明见 error）"),
    "401": _json_body(_ref("Error"), "未登录或令牌无效"),
    "403": _json_body(_ref("Error"), "无权限"),
    "404": _json_body(_ref("Error"), "不存在或无权查看"),
}


def _operation(summary: str, responses: dict[str, Any], body: dict[str, Any] | None = None) -> dict[str, Any]:
    operation: dict[str, Any] = {"summary": summary, "responses": {**responses, **_ERRORS}}
    if body is not None:
        operation["requestBody"] = {"required": True, "content": {"application/json": {"schema": body}}}
    return operation


def _id(name: str) -> dict[str, Any]:
    return {"name": name, "in": "path", "required": True, "schema": {"type": "integer"}}


def spec() -> dict[str, Any]:
    schema = canonical.schema()
    defs = schema.pop("$defs")
    schemas: dict[str, Any] = {key.capitalize(): value for key, value in defs.items()}
    text = _ref("Text")
    schemas["Document"] = _rewrite(schema)
    schemas["DepartmentSummary"] = {
        "type": "object",
        "required": ["id", "code", "name", "year"],
        "properties": {"id": {"type": "integer"}, "code": text, "name": text, "year": {"type": ["integer", "null"]}},
    }
    schemas["StoredProject"] = {
        "allOf": [
            _ref("Project"),
            {"type": "object", "properties": {"id": {"type": "integer"}, "revision": {"type": "integer"}}},
        ]
    }
    schemas["Error"] = {
        "type": "object",
        "required": ["error", "code"],
        "properties": {"error": {"type": "string"}, "code": {"type": "string"}},
    }
    schemas = {name: _rewrite(value) for name, value in schemas.items()}
    project_path = {"parameters": [_id("id")]}
    return {
        "openapi": "3.1.0",
        "info": {"title": "Jixiao 绩效 API", "version": "1", "description": "预算绩效目标的读取与维护。"},
        "components": {
            "schemas": schemas,
            "securitySchemes": {
                "session": {"type": "apiKey", "in": "cookie", "name": "sessionid"},
                "token": {"type": "http", "scheme": "bearer", "description": "Authorization: Token <secret>"},
            },
        },
        "security": [{"session": []}, {"token": []}],
        "paths": {
            "/api/departments": {
                "get": _operation(
                    "可查看的部门（年度）",
                    {"200": _json_body({"type": "array", "items": _ref("DepartmentSummary")}, "部门列表")},
                )
            },
            "/api/departments/{id}/document": {
                "parameters": [_id("id")],
                "get": _operation("部门的规范 JSON（jixiao.targets/1）", {"200": _json_body(_ref("Document"), "文档")}),
            },
            "/api/departments/{id}/projects": {
                "parameters": [_id("id")],
                "get": _operation("部门的项目", {"200": _json_body({"type": "array"}, "项目列表")}),
                "post": _operation("新增项目", {"201": _json_body(_ref("StoredProject"), "已创建")}, _ref("Project")),
            },
            "/api/projects/{id}": {
                **project_path,
                "get": _operation("读取项目", {"200": _json_body(_ref("StoredProject"), "项目")}),
                "put": _operation(
                    "修改项目（需带 revision）",
                    {
                        "200": _json_body(_ref("StoredProject"), "已保存"),
                        "409": _json_body(_ref("Error"), "他人已修改"),
                    },
                    _ref("StoredProject"),
                ),
                "delete": _operation(
                    "删除项目（已有支付、监控或自评的项目不能删除）",
                    {
                        "204": {"description": "已删除"},
                        "409": _json_body(_ref("Error"), "项目已有本年度执行数据，未删除"),
                    },
                ),
            },
            "/api/projects/{id}/indicators": {
                **project_path,
                "get": _operation(
                    "项目的指标", {"200": _json_body({"type": "array", "items": _ref("Indicator")}, "指标")}
                ),
                "post": _operation("新增指标", {"201": _json_body(_ref("Indicator"), "已创建")}, _ref("Indicator")),
            },
            "/api/projects/{id}/indicators/{index}": {
                "parameters": [_id("id"), _id("index")],
                "get": _operation("读取指标", {"200": _json_body(_ref("Indicator"), "指标")}),
                "put": _operation("修改指标", {"200": _json_body(_ref("Indicator"), "已保存")}, _ref("Indicator")),
                "delete": _operation("删除指标", {"204": {"description": "已删除"}}),
            },
        },
    }


def _rewrite(node: Any) -> Any:
    """Point the JSON Schema's ``#/$defs/x`` references at ``#/components/schemas/X``."""
    if isinstance(node, dict):
        return {
            key: (f"#/components/schemas/{value.rsplit('/', 1)[1].capitalize()}" if key == "$ref" else _rewrite(value))
            for key, value in node.items()
            if key not in ("$schema", "$id")
        }
    if isinstance(node, list):
        return [_rewrite(item) for item in node]
    return node
