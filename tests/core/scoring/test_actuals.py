"""Actuals files (JSON and XLSX) matched to a target document, and every matching problem reported."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jixiao.domain.errors import DocumentError
from jixiao.domain.scoring import score_evaluation
from jixiao.domain.scoring.entries import build_evaluations
from jixiao.formats import read_path
from jixiao.formats.actuals import actuals_from_json, read_actuals
from tests.conftest import FIXTURES, SEED

from .builders import D, codes

ACTUALS = FIXTURES / "selfeval" / "seed_actuals.json"


def seed_score() -> object:
    evaluations, errors = build_evaluations(read_path(SEED).document, read_actuals(ACTUALS))
    assert errors == []
    return score_evaluation(evaluations[0])


def test_json_actuals_score_the_seed_project_with_the_default_split() -> None:
    score = seed_score()
    assert [row.weight for row in score.indicators] == [D("12.5")] * 4 + [D("7.5")] * 4 + [D(10)]  # type: ignore[attr-defined]
    assert [row.score for row in score.indicators] == [  # type: ignore[attr-defined]
        D("12.00"), D("12.50"), D("12.37"), D("12.50"), None, D("7.5"), D("7.50"), D("7.50"), D("10.00"),
    ]  # fmt: skip
    assert score.execution.score == D("9.20")  # type: ignore[attr-defined]
    assert score.total == D("98.45")  # type: ignore[attr-defined]  # (81.87 + 9.20) × 100 / 92.5
    assert {"weights.default", "score.not_applicable", "score.rescaled", "score.text_actual"} <= set(codes(score))


def write_xlsx(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    workbook.save(path)
    return path


def test_xlsx_actuals_give_the_same_score_as_json(tmp_path: Path) -> None:
    data = json.loads(ACTUALS.read_text(encoding="utf-8"))["projects"][0]
    indicators: list[list[object]] = [
        ["项目编码", "项目名称", "序号", "三级指标", "实际完成值", "偏差原因分析及改进措施"]
    ]
    for item in data["indicators"]:
        indicators.append([data["code"], data["name"], item.get("position"), item.get("level3"), item["actual"],
                           item.get("reason")])  # fmt: skip
    funds = [
        ["填报说明：金额单位为万元"],
        ["项目编码", "项目名称", "年初预算数", "全年预算数", "全年执行数", "原因说明"],
        [data["code"], data["name"], 5, 5, 4.6, data["funds"]["reason"]],
    ]
    path = write_xlsx(tmp_path / "actuals.xlsx", {"项目资金": funds, "绩效指标": indicators})
    evaluations, errors = build_evaluations(read_path(SEED).document, read_actuals(path))
    assert errors == [] and score_evaluation(evaluations[0]).total == D("98.45")


def test_unmatched_projects_and_indicators_are_all_reported() -> None:
    text = json.dumps({
        "schema": "jixiao.actuals/1",
        "projects": [
            {"code": "NOPE", "indicators": []},
            {"code": "130304217IZ2UBLXPFIGE", "indicators": [{"level3": "不存在的指标", "actual": "1"},
                                                             {"position": 10, "actual": "1"}]},
        ],
    }, ensure_ascii=False)  # fmt: skip
    evaluations, errors = build_evaluations(read_path(SEED).document, actuals_from_json(text))
    assert [error.code for error in errors] == ["actuals.no_project", "actuals.no_indicator", "actuals.no_indicator"]
    assert "不存在的指标" in str(errors[1]) and "第 10 行" in str(errors[2])
    assert len(evaluations) == 1


@pytest.mark.parametrize(
    ("text", "code", "where"),
    [
        ('{"schema": "jixiao.targets/1", "projects": []}', "actuals.wrong_schema", ""),
        ('{"schema": "jixiao.actuals/1", "projects": {}}', "actuals.schema", "/projects"),
        ('{"schema": "jixiao.actuals/1", "projects": [{"indicators": []}]}', "actuals.schema", "/projects/0/code"),
        ('{"schema": "jixiao.actuals/1", "projects": [{"code": "A", "funds": {"budget": "五万"}}]}', "actuals.schema",
         "/projects/0/funds/budget"),
        ('{"schema": "jixiao.actuals/1", "projects": [{"code": "A", "indicators": [{"position": 0}]}]}',
         "actuals.schema", "/projects/0/indicators/0/position"),
        ('{"schema": "jixiao.actuals/1", ', "json.invalid", ""),
    ],
)  # fmt: skip
def test_a_malformed_actuals_file_names_the_place(text: str, code: str, where: str) -> None:
    with pytest.raises(DocumentError) as raised:
        actuals_from_json(text)
    assert raised.value.code == code and where in str(raised.value)


def test_an_xlsx_without_an_actuals_table_is_refused(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "other.xlsx", {"Sheet": [["姓名", "金额"], ["张三", 1]]})
    with pytest.raises(DocumentError) as raised:
        read_actuals(path)
    assert raised.value.code == "actuals.no_sheet"


def test_a_non_number_in_an_xlsx_number_column_names_its_row(tmp_path: Path) -> None:
    rows: list[list[object]] = [["项目编码", "三级指标", "实际完成值", "分值"], ["A", "x", "1", "八分"]]
    with pytest.raises(DocumentError) as raised:
        read_actuals(write_xlsx(tmp_path / "bad.xlsx", {"绩效指标": rows}))
    assert raised.value.code == "actuals.number" and "第 2 行“分值”列" in str(raised.value)


def test_the_actuals_template_reads_back_as_an_actuals_file(tmp_path: Path) -> None:
    from jixiao.formats.evaluation_export import ActualsTemplateExporter

    document = read_path(SEED).document
    output = ActualsTemplateExporter(document).export("xlsx")
    assert output.filename == "2021年中国共产党秦皇岛市北戴河区委员会老干部局绩效自评实际完成值填报表.xlsx"
    path = tmp_path / output.filename
    path.write_bytes(output.data)
    entries = read_actuals(path)
    assert [entry.code for entry in entries] == [project.code for project in document.projects]
    first = entries[0]
    assert [item.position for item in first.indicators] == list(range(1, 10))
    assert [item.actual.weight for item in first.indicators] == [D("12.5")] * 4 + [D("7.5")] * 4 + [D(10)]
    assert first.funds.budget == D("5.00") and first.funds.executed is None
    evaluations, errors = build_evaluations(document, entries)
    assert errors == [] and len(evaluations) == 4
