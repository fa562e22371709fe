"""The self-evaluation table, the monitoring table and the draft report: exported and read back."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from jixiao.domain.model import SpendingCheckpoint
from jixiao.domain.monitoring import (
    DeviationCategory,
    IndicatorReport,
    Likelihood,
    Payment,
    monitor_indicators,
    spending_status,
)
from jixiao.domain.scoring import draft_report, score_evaluation
from jixiao.formats.evaluation_export import (
    MonitoredProject,
    MonitoringExporter,
    ScoredProject,
    SelfEvaluationExporter,
)
from jixiao.formats.selfeval import document_blocks, read_selfeval, read_selfeval_bytes
from tests.conftest import FIXTURES

from .builders import D, evaluation, full_rows


def chizhou() -> ScoredProject:
    (item,) = read_selfeval(FIXTURES / "selfeval" / "chizhou_2022_weituo.txt").evaluations
    return ScoredProject(item, score_evaluation(item))


@pytest.mark.parametrize("fmt", ["xlsx", "docx", "html", "pdf"])
def test_an_exported_self_evaluation_table_reads_back_with_the_same_scores(fmt: str) -> None:
    original = chizhou()
    exporter = SelfEvaluationExporter([original], year=2022, department="池州市贵池区棠溪镇人民政府")
    output = exporter.export(fmt)
    assert output.filename == f"2022年度委托业务项目绩效自评表.{fmt}"
    read = read_selfeval_bytes(output.data)
    (again,) = read.evaluations
    assert (read.year, read.department, again.project.name) == (2022, "池州市贵池区棠溪镇人民政府", "委托业务项目")
    rescored = score_evaluation(again)
    ours = original.score
    assert [(r.level3, r.target, r.actual, r.weight) for r in rescored.indicators] == [
        (r.level3, r.target, r.actual, r.weight) for r in ours.indicators
    ]
    assert [r.published_score for r in rescored.indicators] == [r.score for r in ours.indicators]
    assert again.funds.budget == D("89.974") and again.funds.score == 10
    assert rescored.total == ours.total == again.published_total and again.published_grade == "优"
    assert again.goal_result == original.evaluation.goal_result


def test_the_exported_table_prints_level1_points_and_not_applicable_rows() -> None:
    rows = full_rows()
    rows[1] = (*rows[1][:4], "不适用", *rows[1][5:])
    item = evaluation(rows)
    layout = SelfEvaluationExporter([ScoredProject(item, score_evaluation(item))]).layout()
    texts = [cell.text for block in layout.sections[0].blocks if hasattr(block, "rows")
             for row in block.rows for cell in row.cells]  # type: ignore[attr-defined]  # fmt: skip
    assert "产出指标（50分）" in texts and "满意度指标（10分）" in texts and "不适用" in texts


def test_several_projects_export_one_sheet_each() -> None:
    first, second = chizhou(), chizhou()
    layout = SelfEvaluationExporter([first, second], year=2022, department="某镇").layout()
    assert [section.name for section in layout.sections] == ["1.委托业务项目", "2.委托业务项目"]
    assert layout.title == "2022年度某镇项目支出绩效自评表"


def monitored() -> MonitoredProject:
    item = evaluation(full_rows())
    plan = [SpendingCheckpoint(f"{m}月底", m, D(p)) for m, p in ((3, 25), (6, 50), (10, 75), (12, 100))]
    payments = [Payment(dt.date(2021, 2, 1), D(20)), Payment(dt.date(2021, 6, 20), D(15))]
    status = spending_status(payments, year=2021, month=7, budget=D(100), plan=plan)
    reports = [IndicatorReport("60场", "118场", Likelihood.CERTAIN)]
    reports.append(
        IndicatorReport("90人次", "250人次", Likelihood.POSSIBLE, (DeviationCategory.STAFF,), "培训师资不足")
    )
    rows = monitor_indicators(item.project.indicators, reports, month=7)
    return MonitoredProject(item.project, status, rows, unit="某县文化馆")


@pytest.mark.parametrize("fmt", ["xlsx", "docx", "html"])
def test_the_monitoring_table_exports_with_the_period_the_ticks_and_the_lights(fmt: str) -> None:
    exporter = MonitoringExporter([monitored()], year=2021, department="某县文化广电和旅游局")
    output = exporter.export(fmt)
    assert output.filename == f"2021年1-7月测试项目绩效目标执行监控表.{fmt}"
    blocks, _ = document_blocks(output.data)
    texts = [cell for block in blocks for cell in getattr(block, "cells", (getattr(block, "text", ""),))]
    assert "（2021年1-7月）" in texts and "1-7月执行情况" in texts and "人员保障" in texts
    assert (
        "√" in texts and "培训师资不足" in texts and "红灯" in texts and "50%（6月底）" in texts and "70.00%" in texts
    )
    assert exporter.layout().landscape


def test_the_draft_report_states_targets_actuals_reasons_and_the_conclusion() -> None:
    rows = full_rows()
    rows[0] = (*rows[0][:4], "100", *rows[0][5:])
    rows[1] = (*rows[1][:4], "250", *rows[1][5:])
    item = evaluation(rows, executed="92", reasons={1: "场馆维修停演两个月；下一步将增加流动演出场次。"})
    item.goal_result = "全年演出100场，观众3.1万人次。"
    text = draft_report(item, score_evaluation(item), year=2021, department="某县文化广电和旅游局")
    assert text.startswith("2021年度测试项目绩效自评报告（草稿）\n")
    for expected in (
        "一、项目基本情况",
        "预算执行率 92.00%，得 9.20 分（满分 10 分）",
        "一是产出指标：",
        "1. 演出场次：年度指标值 ≥120场，实际完成 100，未完全完成，得 8.33 分（满分 10 分）。",
        "演出场次：场馆维修停演两个月；下一步将增加流动演出场次。",
        "培训人次：【请说明未完成的原因】",
        "四、改进措施\n场馆维修停演两个月；下一步将增加流动演出场次。",
        "自评等级为“优”",
        "总体目标完成情况：全年演出100场，观众3.1万人次。",
    ):
        assert expected in text, expected


def test_a_draft_report_without_deviations_says_so() -> None:
    item = evaluation(full_rows())
    text = draft_report(item, score_evaluation(item))
    assert "各项绩效指标均已完成，无明显偏差。" in text and "附：需要核实的问题" not in text
    assert isinstance(Decimal(1), Decimal)
