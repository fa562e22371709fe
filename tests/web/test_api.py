"""The JSON API: same data, same validation and same permissions as the pages; session or token."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from jixiao.formats import canonical, read_path
from jixiao.web.accounts.tokens import token_create
from jixiao.web.records.models import ApiToken, Department
from tests.conftest import SEED

pytestmark = pytest.mark.django_db


def body(response: Any) -> Any:
    return json.loads(response.content, parse_float=Decimal)


def put(client: Client, url: str, data: Any, **headers: str) -> Any:
    return client.put(url, canonical.dumps(data), content_type="application/json", **headers)


def test_it_lists_only_the_departments_the_user_may_see(editor: Client, other_editor: Client) -> None:
    mine = body(editor.get("/api/departments"))
    assert [(d["code"], d["name"], d["year"]) for d in mine] == [
        ("287001", "中国共产党秦皇岛市北戴河区委员会老干部局", 2021)
    ]
    assert set(mine[0]) == {"id", "code", "name", "year"}
    theirs = body(other_editor.get("/api/departments"))
    assert all(d["code"] != "287001" for d in theirs)


def test_the_document_endpoint_returns_the_canonical_json(editor: Client, demo: dict[str, Department]) -> None:
    response = editor.get(f"/api/departments/{demo['seed'].pk}/document")
    assert response.status_code == 200
    assert response.content.decode() == canonical.to_json(read_path(SEED).document)


def test_an_outsider_gets_404_for_guessed_ids(other_editor: Client, demo: dict[str, Department]) -> None:
    seed = demo["seed"]
    project = seed.projects.first()
    assert project is not None
    assert other_editor.get(f"/api/departments/{seed.pk}/document").status_code == 404
    assert other_editor.get(f"/api/projects/{project.pk}").status_code == 404
    assert other_editor.delete(f"/api/projects/{project.pk}").status_code == 404
    assert put(other_editor, f"/api/projects/{project.pk}/indicators/0", {"value": "1人"}).status_code == 404


def test_anonymous_requests_get_401_in_chinese() -> None:
    response = Client().get("/api/departments")
    assert response.status_code == 401
    assert "登录" in body(response)["error"]


def test_a_token_authenticates_without_a_session(demo: dict[str, Department]) -> None:
    user = get_user_model().objects.get(username="unit287001")
    secret = token_create(user=user, name="脚本")
    client = Client(enforce_csrf_checks=True)
    assert body(client.get("/api/departments", HTTP_AUTHORIZATION=f"Token {secret}"))[0]["code"] == "287001"
    assert client.get("/api/departments", HTTP_AUTHORIZATION="Token wrong").status_code == 401
    project = demo["seed"].projects.create(name="令牌删除")  # no in-year data: it may be deleted
    response = client.delete(f"/api/projects/{project.pk}", HTTP_AUTHORIZATION=f"Token {secret}")
    assert response.status_code == 204


def test_projects_can_be_created_updated_and_deleted(editor: Client, demo: dict[str, Department]) -> None:
    seed = demo["seed"]
    new = {
        "code": "130304230000000000001",
        "name": "老年大学教学经费",
        "budget": {"total": Decimal("8.00"), "fiscal": Decimal("8.00"), "other": Decimal("0")},
        "indicators": [
            {
                "level1": "产出指标",
                "level2": "数量指标",
                "level3": "开设课程门数",
                "value": {"text": "≥12门", "comparator": ">=", "number": 12, "unit": "门", "kind": "quantitative"},
            }
        ],
    }
    created = editor.post(f"/api/departments/{seed.pk}/projects", canonical.dumps(new), content_type="application/json")
    assert created.status_code == 201, created.content
    data = body(created)
    assert data["budget"]["total"] == Decimal("8.00")
    assert str(data["budget"]["total"]) == "8.00"
    data["name"] = "老年大学教学经费（调整）"
    updated = put(editor, f"/api/projects/{data['id']}", data)
    assert updated.status_code == 200
    assert body(updated)["revision"] == data["revision"] + 1
    stale = put(editor, f"/api/projects/{data['id']}", data)
    assert stale.status_code == 409, stale.content.decode()
    assert body(stale)["changes"] == ["项目名称：“老年大学教学经费” → “老年大学教学经费（调整）”"]
    assert editor.delete(f"/api/projects/{data['id']}").status_code == 204
    assert editor.get(f"/api/projects/{data['id']}").status_code == 404


def test_indicators_can_be_added_changed_and_removed(editor: Client, demo: dict[str, Department]) -> None:
    project = demo["seed"].projects.get(code="13030421LP5A2WUGC1RUX")
    url = f"/api/projects/{project.pk}/indicators"
    added = editor.post(
        url,
        json.dumps({"level1": "产出指标", "level2": "数量指标", "level3": "组织参观次数", "value": "≥4次"}),
        content_type="application/json",
    )
    assert added.status_code == 201, added.content
    assert body(added)["index"] == 9
    assert body(added)["value"]["number"] == 4
    changed = put(
        editor, f"{url}/9", {"level1": "产出指标", "level2": "数量指标", "level3": "组织参观次数", "value": "≥6次"}
    )
    assert body(changed)["value"]["text"] == "≥6次"
    assert editor.delete(f"{url}/9").status_code == 204
    assert len(body(editor.get(url))) == 9


def test_bad_input_is_refused_with_the_place_named(editor: Client, demo: dict[str, Department]) -> None:
    seed = demo["seed"]
    response = editor.post(
        f"/api/departments/{seed.pk}/projects",
        '{"name": "x", "budget": {"total": "五万"}}',
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "/projects/0/budget/total" in body(response)["error"]
    broken = editor.post(f"/api/departments/{seed.pk}/projects", "{", content_type="application/json")
    assert broken.status_code == 400 and "JSON 格式错误" in body(broken)["error"]
    assert seed.projects.count() == 4


def test_the_finance_reviewer_may_read_but_not_write(finance: Client, demo: dict[str, Department]) -> None:
    project = demo["seed"].projects.first()
    assert project is not None
    assert finance.get(f"/api/projects/{project.pk}").status_code == 200
    assert finance.delete(f"/api/projects/{project.pk}").status_code == 403


def test_the_openapi_description_lists_the_endpoints(editor: Client) -> None:
    spec = body(Client().get("/api/openapi.json"))
    assert spec["openapi"].startswith("3.1")
    assert {"/api/departments", "/api/departments/{id}/document", "/api/projects/{id}"} <= set(spec["paths"])
    refs = json.dumps(spec)
    for name in ("Project", "Indicator", "Value", "Document"):
        assert f"#/components/schemas/{name}" in refs
        assert name in spec["components"]["schemas"]


def test_a_user_creates_a_token_on_the_page_uses_it_and_revokes_it(editor: Client) -> None:
    page = editor.post("/tokens/", {"name": "预算系统同步"}).content.decode()
    secret = re.search(r"data-token-secret>[^<]*<code>([^<]+)</code>", page)
    assert secret is not None
    client = Client()
    assert client.get("/api/departments", HTTP_AUTHORIZATION=f"Token {secret.group(1)}").status_code == 200
    token = ApiToken.objects.get(name="预算系统同步")
    assert token.digest != secret.group(1)  # only the digest is stored
    assert "确认吊销" in editor.get(f"/tokens/{token.pk}/revoke/").content.decode()
    editor.post(f"/tokens/{token.pk}/revoke/")
    assert client.get("/api/departments", HTTP_AUTHORIZATION=f"Token {secret.group(1)}").status_code == 401


def test_one_cannot_revoke_another_users_token(editor: Client, other_editor: Client) -> None:
    editor.post("/tokens/", {"name": "mine"})
    token = ApiToken.objects.get(name="mine")
    assert other_editor.post(f"/tokens/{token.pk}/revoke/").status_code == 404
    assert ApiToken.objects.filter(pk=token.pk).exists()


# -- the OpenAPI description is generated from the typed schemas, and says what the server does ----------------------

OPERATIONS = {
    "/api/departments": {"get"},
    "/api/departments/{id}/document": {"get"},
    "/api/departments/{id}/projects": {"get", "post"},
    "/api/projects/{id}": {"get", "put", "delete"},
    "/api/projects/{id}/indicators": {"get", "post"},
    "/api/projects/{id}/indicators/{index}": {"get", "put", "delete"},
}


def _spec() -> Any:
    response = Client().get("/api/openapi.json")
    assert response.status_code == 200
    return json.loads(response.content)


def _ref(content: Any) -> str:
    schema = content["application/json"]["schema"]
    return schema.get("$ref") or schema["items"]["$ref"]


def test_the_generated_openapi_lists_every_endpoint_with_its_schemas() -> None:
    spec = _spec()
    assert {path: set(item) for path, item in spec["paths"].items()} == OPERATIONS
    schemas = spec["components"]["schemas"]
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            success = next(code for code in operation["responses"] if code.startswith("2"))
            if success != "204":
                assert _ref(operation["responses"][success]["content"]).rsplit("/", 1)[1] in schemas, (path, method)
            for refusal in ("401", "404") if "{" in path else ("401",):
                assert _ref(operation["responses"][refusal]["content"]) == "#/components/schemas/Error"
            if method in ("post", "put"):
                assert operation["requestBody"]["required"] is True
                assert _ref(operation["requestBody"]["content"]).rsplit("/", 1)[1] in schemas
            assert {"path"} >= {parameter["in"] for parameter in operation.get("parameters", [])}
    assert set(schemas["Error"]["required"]) == {"error", "code"}
    assert schemas["Budget"]["properties"]["total"]["anyOf"][0] == {"type": "number"}  # exact numbers, not strings


def test_the_token_scheme_is_declared_as_it_works(demo: dict[str, Department]) -> None:
    spec = _spec()
    schemes = spec["components"]["securitySchemes"]
    token = schemes["TokenAuth"]
    assert "scheme" not in token  # not an HTTP "bearer" scheme: the word is Token
    assert (token["type"], token["in"], token["name"]) == ("apiKey", "header", "Authorization")
    assert "Authorization: Token <secret>" in token["description"]
    assert (schemes["SessionAuth"]["type"], schemes["SessionAuth"]["in"]) == ("apiKey", "cookie")
    for item in spec["paths"].values():
        for operation in item.values():
            assert operation["security"] == [{"TokenAuth": []}, {"SessionAuth": []}]
    # and the declaration is the truth: the header it names, written as it says, authenticates
    secret = token_create(user=get_user_model().objects.get(username="unit287001"), name="按说明")
    client = Client(enforce_csrf_checks=True)
    assert client.get("/api/departments", **{f"HTTP_{token['name'].upper()}": f"Token {secret}"}).status_code == 200
    assert client.get("/api/departments", HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 401


def test_put_declares_and_requires_the_revision(editor: Client, demo: dict[str, Department]) -> None:
    spec = _spec()
    schemas = spec["components"]["schemas"]
    put_body = _ref(spec["paths"]["/api/projects/{id}"]["put"]["requestBody"]["content"]).rsplit("/", 1)[1]
    assert "revision" in schemas[put_body]["required"]
    assert schemas[put_body]["properties"]["revision"]["type"] == "integer"
    post_body = _ref(spec["paths"]["/api/departments/{id}/projects"]["post"]["requestBody"]["content"])
    assert "revision" not in schemas[post_body.rsplit("/", 1)[1]]["properties"]
    project = demo["seed"].projects.first()
    assert project is not None
    data = body(editor.get(f"/api/projects/{project.pk}"))
    del data["revision"]
    refused = put(editor, f"/api/projects/{project.pk}", data)
    assert refused.status_code == 400
    assert body(refused)["code"] == "api.revision" and "revision" in body(refused)["error"]


def test_responses_match_the_generated_schemas(editor: Client, demo: dict[str, Department]) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    components = _spec()["components"]
    seed = demo["seed"]
    project = seed.projects.get(code="13030421LP5A2WUGC1RUX")
    for url, name in [
        ("/api/departments", "DepartmentSummary"),
        (f"/api/departments/{seed.pk}/document", "Document"),
        (f"/api/departments/{seed.pk}/projects", "ProjectSummary"),
        (f"/api/projects/{project.pk}", "StoredProject"),
        (f"/api/projects/{project.pk}/indicators", "StoredIndicator"),
        (f"/api/projects/{project.pk}/indicators/0", "StoredIndicator"),
        ("/api/projects/999999", "Error"),
    ]:
        data = body(editor.get(url))
        schema = {"$ref": f"#/components/schemas/{name}", "components": components}
        for item in data if isinstance(data, list) else [data]:
            jsonschema.Draft202012Validator(schema).validate(item)


MALFORMED = [
    ("[]", "json.schema", "应为项目对象"),
    ('"老年大学"', "json.schema", "应为项目对象"),
    ('{"name": 5}', "json.schema", "/projects/0/name）：应为文字"),
    ('{"budget": []}', "json.schema", "/projects/0/budget）：应为对象"),
    ('{"budget": {"total": "8.00"}}', "json.schema", "/projects/0/budget/total）：应为数字"),
    ('{"budget": {"total": true}}', "json.schema", "/projects/0/budget/total）：应为数字"),
    ('{"spending_plan": [{"label": "一季度", "month": "三月"}]}', "json.schema", "month）：应为整数"),
    ('{"indicators": [{"value": {"text": "≥1", "comparator": "≈"}}]}', "json.schema", "comparator）：应为 >="),
    ('{"indicators": [{"value": "≥1次"}]}', "json.schema", "/projects/0/indicators/0/value）：应为对象"),
    ('{"indicators": [{"core": "是"}]}', "json.schema", "core）：应为 true 或 false"),
    ('{"indicators": [{"core": null}]}', "json.schema", "core）：应为 true 或 false"),
    ('{"spending_plan": [{"month": 3}]}', "json.schema", "/projects/0/spending_plan/0/label）：不能为空"),
    ('{"spending_plan": [{"label": null}]}', "json.schema", "/projects/0/spending_plan/0/label）：不能为空"),
    ('{"name": ""}', "json.schema", '不能写 ""'),
    ('{"name": "x",}', "json.invalid", "JSON 格式错误"),
]


@pytest.mark.parametrize(("text", "code", "words"), MALFORMED)
def test_a_malformed_body_is_refused_in_chinese_not_with_a_500(
    editor: Client, demo: dict[str, Department], text: str, code: str, words: str
) -> None:
    seed = demo["seed"]
    response = editor.post(f"/api/departments/{seed.pk}/projects", text, content_type="application/json")
    assert response.status_code == 400, response.content.decode()
    assert body(response)["code"] == code
    assert words in body(response)["error"]
    assert seed.projects.count() == 4


def test_malformed_indicator_and_encoding_are_refused_in_chinese(editor: Client, demo: dict[str, Department]) -> None:
    project = demo["seed"].projects.get(code="13030421LP5A2WUGC1RUX")
    url = f"/api/projects/{project.pk}/indicators"
    cases = [
        (b'{"value": {"number": "4"}}', "/projects/0/indicators/0/value/number）：应为数字"),
        (b'{"value": 4}', "/projects/0/indicators/0/value）：应为对象"),
        (b'{"revision": "3", "value": "1\xe6\xac\xa1"}', "revision"),
        ("{}".encode("gb18030") + "指标".encode("gb18030"), "UTF-8"),
    ]
    for data, words in cases:
        response = editor.post(url, data, content_type="application/json")
        assert response.status_code == 400, response.content.decode(errors="replace")
        assert words in body(response)["error"]
    assert len(body(editor.get(url))) == 9


def test_a_method_a_path_lacks_is_refused_in_the_api_shape_after_login(editor: Client) -> None:
    assert Client().patch("/api/departments").status_code == 401
    refused = editor.patch("/api/departments")
    assert refused.status_code == 405
    assert body(refused) == {"error": "不支持 PATCH 请求。", "code": "api.method"}
    assert refused["Allow"] == "GET"
    assert editor.post("/api/projects/1/indicators/0")["Allow"] == "GET, PUT, DELETE"


def test_an_address_under_api_that_is_no_operation_gets_a_json_404(editor: Client) -> None:
    for path in ("/api/projects/x", "/api/nothing", "/api/projects/1/indicators/-1", "/api/projects/%0A"):
        response = editor.get(path)
        assert response.status_code == 404
        assert body(response) == {"error": "找不到该记录，或您无权查看。", "code": "web.not_found"}


def test_there_is_no_documentation_page_loading_from_a_cdn(editor: Client) -> None:
    for path in ("/api/docs", "/api/", "/api/openapi.json/"):
        assert editor.get(path).status_code == 404
    assert "cdn" not in Client().get("/api/openapi.json").content.decode().lower()
