"""``jixiao score``: our score beside the published one, the exact --json shape, and exit codes."""

from __future__ import annotations

import io
import json
from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.cli import main
from tests.conftest import FIXTURES, SEED

SELFEVAL = FIXTURES / "selfeval"


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        code = main(list(argv), out=out, err=err)
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    return code, out.getvalue(), err.getvalue()


PROJECT_KEYS = ["code", "name", "execution", "indicators", "total", "grade", "published_total", "warnings"]
EXECUTION_KEYS = ["budget", "executed", "rate", "weight", "score"]
INDICATOR_KEYS = ["level1", "level2", "level3", "target", "actual", "weight", "score", "published_score"]


@pytest.mark.parametrize(
    "name",
    ["chizhou_2022_weituo.txt", "chongqing_2021_department.txt", "city_2020_yuye.xlsx", "sichuan_2023_anke.docx"],
)
def test_json_output_has_exactly_the_documented_shape(name: str) -> None:
    code, out, err = run("score", str(SELFEVAL / name), "--json")
    assert code == 0, err
    data = json.loads(out, parse_float=Decimal)
    assert list(data) == ["projects"]
    for project in data["projects"]:
        assert list(project) == PROJECT_KEYS
        assert list(project["execution"]) == EXECUTION_KEYS
        assert all(list(row) == INDICATOR_KEYS for row in project["indicators"])
        assert all(isinstance(text, str) for text in project["warnings"])


def test_a_published_table_with_arithmetic_errors_is_scored_and_exits_0() -> None:
    code, out, _ = run("score", str(SELFEVAL / "chizhou_2022_weituo.txt"), "--json")
    (project,) = json.loads(out, parse_float=Decimal)["projects"]
    assert code == 0
    assert (project["total"], project["published_total"], project["grade"]) == (Decimal("100.00"), 90, "优")
    assert project["execution"] == {
        "budget": Decimal("89.974"), "executed": Decimal("89.974"), "rate": Decimal("100.00"), "weight": 10,
        "score": Decimal("10.00"),
    }  # fmt: skip
    assert [row["published_score"] for row in project["indicators"]] == [8] * 5 + [10] * 5
    assert any("表中总分为 90 分" in text for text in project["warnings"])


def test_text_output_lists_our_score_beside_the_published_one() -> None:
    code, out, _ = run("score", str(SELFEVAL / "chizhou_2022_weituo.txt"))
    assert code == 0
    assert "得分 10.00（表中 0）" in out
    assert "│ 表中得分 │" in out and "总分 100.00（优）；表中总分 90 ≠" in out
    assert "警告：按评分规则总分应为 100.00 分，表中总分为 90 分。" in out


def test_the_profile_changes_the_scheme() -> None:
    _, national, _ = run("score", str(SELFEVAL / "sichuan_2023_anke.docx"))
    _, sichuan, _ = run("score", str(SELFEVAL / "sichuan_2023_anke.docx"), "--profile", "sichuan")
    assert "没有“满意度指标”类指标" in national and "没有“满意度指标”类指标" not in sichuan
    assert "（四川省）" in sichuan


def test_a_target_document_is_scored_with_an_actuals_file() -> None:
    code, out, err = run("score", str(SEED), "--actuals", str(SELFEVAL / "seed_actuals.json"), "--json")
    assert code == 0, err
    (project,) = json.loads(out, parse_float=Decimal)["projects"]
    assert project["code"] == "130304217IZ2UBLXPFIGE" and project["total"] == Decimal("98.45")
    assert project["published_total"] is None and project["indicators"][4]["score"] is None


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["score", str(SEED)], "没有找到绩效自评表"),
        (["score", str(SELFEVAL / "missing.txt")], "找不到文件"),
        (["score", str(SELFEVAL / "chizhou_2022_weituo.txt"), "--profile", "atlantis"], "没有名为“atlantis”的地区配置"),
        (["score", str(SEED), "--actuals", str(SELFEVAL / "missing.json")], "找不到文件"),
        (["score", str(SEED), "--actuals", str(SELFEVAL / "chizhou_2022_weituo.txt")], "JSON 格式错误"),
        (["score"], "缺少参数"),
    ],
)
def test_unreadable_input_exits_2_with_a_chinese_message(argv: list[str], expected: str) -> None:
    code, out, err = run(*argv)
    assert code == 2 and out == ""
    assert expected in err and "Traceback" not in err


def test_actuals_for_unknown_projects_exit_2_and_name_each(tmp_path: Path) -> None:
    actuals = tmp_path / "a.json"
    actuals.write_text('{"schema": "jixiao.actuals/1", "projects": [{"code": "X1"}, {"code": "X2"}]}', "utf-8")
    code, _, err = run("score", str(SEED), "--actuals", str(actuals))
    assert code == 2 and "“X1”" in err and "“X2”" in err
