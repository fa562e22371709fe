"""One finding shape for review, scoring and monitoring (jixiao.domain.findings)."""

from __future__ import annotations

from jixiao.domain import findings
from jixiao.domain.findings import Finding, Location, Part, Severity
from jixiao.domain.model import Indicator
from jixiao.domain.monitoring import monitor_indicators
from jixiao.domain.review import RULES, review_document
from jixiao.domain.scoring import score_evaluation
from jixiao.domain.values import parse_value

from .review.builders import document, project, row
from .scoring.builders import evaluation, full_rows


def test_review_scoring_and_monitoring_return_the_same_finding_type() -> None:
    spoilt = project(indicators=[row("产出指标", "数量指标", "演出场次", "≥120场")])
    reviewed = review_document(document(spoilt))
    rows = full_rows()
    rows[0] = (*rows[0][:4], "100", "10", "10")  # a published score the rules do not give
    scored = score_evaluation(evaluation(rows)).findings
    monitored = monitor_indicators([Indicator("产出指标", "数量指标", "场次", parse_value("≥1场"))], [], month=6)
    assert reviewed and scored and monitored[0].findings
    for finding in (*reviewed, *scored, *monitored[0].findings):
        assert type(finding) is findings.Finding
        assert finding.message and finding.severity in Severity


def test_a_review_finding_takes_its_words_from_its_rule() -> None:
    rule = RULES["T4"]
    finding = Finding("T4", Severity.ERROR, {"count": 1, "minimum": 3}, Location(Part.PROJECT, "P001", 0))
    assert finding.rule == finding.code == "T4"
    assert finding.title == rule.title
    assert finding.message == rule.message.format_map(finding.params) == str(finding)
    assert finding.suggestion == rule.suggestion.format_map(finding.params)
    assert finding.to_dict()["rule"] == "T4" and finding.to_dict()["project"] == "P001"


def test_a_scoring_finding_takes_its_words_from_the_catalogue_and_names_its_row() -> None:
    params = {"position": 3, "name": "演出场次", "ours": "8", "published": "10"}
    finding = Finding("score.mismatch", Severity.WARNING, params, Location.row(3, "演出场次"))
    assert finding.message == "第 3 行指标“演出场次”：按评分规则应得 8 分，表中得分为 10 分。"
    assert (finding.position, finding.location.part, finding.location.indicator) == (3, Part.INDICATOR, "演出场次")
    assert finding.suggestion == "" and finding.title == ""
    assert Finding("weights.sum", Severity.WARNING).position is None  # about the project as a whole


def test_scoring_findings_about_a_row_carry_its_position_and_name() -> None:
    rows = full_rows()
    rows[1] = (*rows[1][:4], "320", "10", "7")
    score = score_evaluation(evaluation(rows))
    (finding,) = score.findings_for(2)
    assert finding.location == Location.row(2, "培训人次")
    assert all(f.position is None for f in score.findings_for(None))
