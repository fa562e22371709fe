"""Demo in-year data: payments through the year, the January–July indicator monitoring and, for the seed, one saved
self-evaluation, so the demo shows lights (green, yellow and red), charts and a score.

Idempotent: a project that already has payments, a report or a self-evaluation is left as it is.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from jixiao.domain import model as domain
from jixiao.domain.model import ValueKind
from jixiao.domain.values import format_number
from jixiao.web.monitoring import models as mdb
from jixiao.web.monitoring import selectors, services
from jixiao.web.records import models as db
from jixiao.web.records import services as targets

DEMO_MONTH = 7  # the central practice monitors January–July

# Payments per project code, (month, 元): on plan, far behind (red), somewhat behind (yellow), ahead (green).
PAYMENTS: dict[str, list[tuple[int, str]]] = {
    "130304217IZ2UBLXPFIGE": [(3, "12500.00"), (6, "12500.00"), (9, "12500.00"), (12, "11500.00")],
    "130304219BN52UPM55EI7": [(1, "8000.00"), (12, "30000.00")],
    "13030421LP5A2WUGC1RUX": [(4, "20000.00"), (6, "15000.00"), (9, "30000.00"), (12, "35000.00")],
    "13030421X9KKCDI4024X6": [(month, "8700.00") for month in range(1, 13)],
}
PURPOSES = {
    "130304217IZ2UBLXPFIGE": ("关心下一代工作委员会", "困难青少年助学慰问"),
    "130304219BN52UPM55EI7": ("特困退休干部", "特困帮扶金发放"),
    "13030421LP5A2WUGC1RUX": ("活动承办单位", "老干部参观学习活动"),
    "13030421X9KKCDI4024X6": ("劳务派遣公司", "劳务派遣人员工资及社保"),
}
# Indicators that lag in July: (current, forecast, likelihood, reasons, reason text).
LAGGING: dict[str, tuple[str, str, str, tuple[str, ...], str]] = {
    "保障特困老干部数量": ("4人", "10人", "有可能", ("人员保障",), "部分特困老干部信息尚在核实，下半年集中发放。"),
    "组织有意义活动": ("3次", "8次", "有可能", ("其他",), "上半年活动场地维修，部分活动延期至下半年。"),
}
EVALUATED = "130304217IZ2UBLXPFIGE"


def _current(value: domain.IndicatorValue, month: int) -> str:
    """A plausible value for the end of ``month``: a count earned over the year pro rata, a rate as targeted."""
    if value.kind is not ValueKind.QUANTITATIVE or value.number is None:
        return "达成"
    number = value.number
    if value.unit not in ("%", "‰", None):
        number = (number * month / 12).quantize(Decimal(1))
    return f"{format_number(number)}{value.unit or ''}"


def _entries(content: domain.Project) -> list[services.MonitoringEntry]:
    entries = []
    for key, indicator in zip(selectors.indicator_keys(content.indicators), content.indicators, strict=True):
        current, forecast, likelihood, reasons, text = LAGGING.get(
            indicator.level3 or "", (_current(indicator.value, DEMO_MONTH), indicator.value.text, "确定能", (), "")
        )
        entries.append(services.MonitoringEntry(key, current, forecast, likelihood, reasons, text))
    return entries


def _schedule(project: db.Project, content: domain.Project) -> list[tuple[int, str]]:
    """The seed's payments by code; any other project pays a quarter of its budget in March, June and September."""
    if project.code in PAYMENTS:
        return PAYMENTS[project.code]
    if not content.budget.total:
        return []
    quarter = selectors.convert(content.budget.total, selectors.amount_unit(project.department), selectors.YUAN) / 4
    return [(month, format(quarter.quantize(Decimal("0.01")), "f")) for month in (3, 6, 9)]


def _payments(project: db.Project, content: domain.Project, year: int) -> None:
    payee, purpose = PURPOSES.get(project.code or "", ("", "项目支出"))
    for number, (month, amount) in enumerate(_schedule(project, content), start=1):
        voucher = f"记-{month:02d}-{number:03d}"
        payment = services.PaymentData(dt.date(year, month, 15), Decimal(amount), payee, purpose, voucher)
        services.payment_create(project=project, data=payment)


def _evaluation(project: db.Project, content: domain.Project) -> None:
    from jixiao.web.monitoring.summaries import project_evaluation

    rows = [selectors.EvaluationEntry(actual=indicator.value.text.lstrip("≥≤<>=")) for indicator in content.indicators]
    rows[0] = selectors.EvaluationEntry(actual="49人", reason="1名关心对象年中迁出本区；下一步将及时更新帮扶名单。")
    entered = selectors.EvaluationInput(goal_result="全年为49名关心下一代人员提供保障，经费按计划发放。", rows=rows)
    entered.report = project_evaluation(project, entered).draft()
    keys = selectors.indicator_keys(content.indicators)
    services.evaluation_save(project=project, entered=entered, keys=keys, base_revision=0)


def demo_monitoring(department: db.Department) -> None:
    """Give the department's projects their demo payments, July monitoring and one self-evaluation."""
    year = department.year or dt.date.today().year
    for project in department.projects.order_by("position", "id"):
        project.department = department
        content = targets.project_document(project)
        if not project.payments.exists():
            _payments(project, content, year)
        if not project.monitoring_reports.exists():
            entries = _entries(content)
            services.monitoring_save(project=project, month=DEMO_MONTH, entries=entries, base_revision=0)
        if project.code == EVALUATED and not mdb.Evaluation.objects.filter(project=project).exists():
            _evaluation(project, content)
