"""Canonical JSON: schema-valid, lossless both ways, and clear Chinese errors for bad JSON."""

from __future__ import annotations

import json
from decimal import Decimal

import jsonschema
import pytest

from jixiao.domain.errors import DocumentError
from jixiao.formats import canonical, read_path
from tests.conftest import SEED


@pytest.fixture(scope="module")
def seed_json() -> str:
    return canonical.to_json(read_path(SEED).document)


def test_the_seed_json_validates_against_the_shipped_schema(seed_json: str) -> None:
    jsonschema.Draft202012Validator.check_schema(canonical.schema())
    jsonschema.validate(json.loads(seed_json), canonical.schema())


def test_json_to_model_to_json_is_the_identity(seed_json: str) -> None:
    assert canonical.to_json(canonical.from_json(seed_json)) == seed_json


def test_model_to_json_to_model_is_the_identity() -> None:
    document = read_path(SEED).document
    assert canonical.from_json(canonical.to_json(document)) == document


def test_amounts_keep_their_printed_precision(seed_json: str) -> None:
    data = json.loads(seed_json, parse_float=Decimal)
    assert [str(p["budget"]["total"]) for p in data["projects"]] == ["5.00", "5.00", "10.50", "10.44"]
    assert '"total": 5.00' in seed_json
    assert data["projects"][0]["spending_plan"][1] == {"label": "6月底", "month": 6, "percent": Decimal("50.00")}


def test_absent_fields_are_null_never_empty_strings(seed_json: str) -> None:
    assert '""' not in seed_json
    indicator = json.loads(seed_json)["projects"][0]["indicators"][0]
    assert indicator["basis"] is None
    assert indicator["value"] == {
        "text": "50人",
        "comparator": None,
        "number": 50,
        "unit": "人",
        "kind": "quantitative",
        "upper": None,
        "tolerance": False,
        "date": None,
    }


def test_the_seed_top_level_has_the_documented_keys(seed_json: str) -> None:
    data = json.loads(seed_json)
    assert data["schema"] == "jixiao.targets/1"
    assert set(data) >= {"schema", "year", "amount_unit", "department", "overall", "projects"}
    assert data["department"] == {"code": "287001", "name": "中国共产党秦皇岛市北戴河区委员会老干部局"}
    assert set(data["overall"]) == {"goal", "subgoals", "safeguards"}


def test_it_names_line_and_column_of_a_json_syntax_error() -> None:
    with pytest.raises(DocumentError) as caught:
        canonical.from_json('{\n  "schema": "jixiao.targets/1",\n  "year": ,\n}')
    assert caught.value.code == "json.invalid"
    assert "第 3 行第 11 列" in str(caught.value)
    assert "此处应有一个值" in str(caught.value)


def test_it_refuses_another_schema() -> None:
    with pytest.raises(DocumentError) as caught:
        canonical.from_dict({"schema": "something/2"})
    assert "jixiao.targets/1" in str(caught.value)


@pytest.mark.parametrize(
    ("path", "value", "where", "reason"),
    [
        (("year",), "2021", "/year", "应为整数"),
        (("projects", 0, "budget", "total"), "五万", "/projects/0/budget/total", "应为数字"),
        (("projects", 0, "indicators", 1, "level3"), "", "/projects/0/indicators/1/level3", "null"),
        (
            ("projects", 0, "indicators", 1, "value", "comparator"),
            "≥",
            "/projects/0/indicators/1/value/comparator",
            ">=",
        ),
        (("overall", "subgoals", 0, "title"), None, "/overall/subgoals/0/title", "不能为空"),
    ],
)
def test_it_names_the_path_of_a_wrong_field(
    seed_json: str, path: tuple[object, ...], value: object, where: str, reason: str
) -> None:
    data = json.loads(seed_json, parse_float=Decimal)
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    with pytest.raises(DocumentError) as caught:
        canonical.from_dict(data)
    assert caught.value.code == "json.schema"
    assert where in str(caught.value)
    assert reason in str(caught.value)
