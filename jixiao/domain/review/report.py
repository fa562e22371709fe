"""The readable review report: findings grouped by part and project, each with its place, message and fix."""

from __future__ import annotations

from collections import Counter
from itertools import groupby

from jixiao.domain.model import TargetDocument
from jixiao.domain.review.model import Finding, Part, Severity


def _heading(finding: Finding, document: TargetDocument) -> str:
    location = finding.location
    if location.project_index is None:
        return "部门整体绩效目标" if location.part is Part.OVERALL else "整个文件"
    project = document.projects[location.project_index]
    return f"项目 {project.code or '（无编码）'} {project.name or '（无名称）'}"


def summary(findings: list[Finding]) -> str:
    """``错误 2 条，警告 5 条，提示 1 条``."""
    counts = Counter(finding.severity for finding in findings)
    return "，".join(f"{severity.label} {counts[severity]} 条" for severity in Severity)


def render_report(document: TargetDocument, findings: list[Finding], *, source: str = "") -> str:
    """The findings as text for a terminal, grouped by project in document order."""
    department = document.department
    lines = [f"审核：{source or department.name or ''}（{department.code or ''} {department.name or ''}）"]
    if not findings:
        lines.append("  没有发现问题。")
    for heading, group in groupby(findings, key=lambda f: _heading(f, document)):
        lines.append("")
        lines.append(heading)
        for finding in group:
            where = "" if finding.location.part is Part.PROJECT else f"{finding.location.describe()}："
            lines.append(f"  [{finding.severity.label}] {finding.rule} {finding.title} — {where}{finding.message}")
            lines.append(f"      建议：{finding.suggestion}")
    lines.append("")
    lines.append(f"合计：{summary(findings)}。")
    return "\n".join(lines) + "\n"
