"""Monitoring in the web application: payments by hand and from a ledger, execution lights and the chart, the
month's indicator monitoring, the monitoring table's downloads, and who may do what."""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
from decimal import Decimal as D
from typing import Any

import pytest
from django.test import Client

from jixiao.domain.monitoring import Payment as DomainPayment
from jixiao.domain.monitoring import aggregate_status, spending_status
from jixiao.domain.workflow import State
from jixiao.web.audit.models import AuditEntry
from jixiao.web.monitoring import selectors
from jixiao.web.monitoring.models import LedgerSettings, MonitoringReport, Payment
from jixiao.web.records import services
from jixiao.web.records.models import Department, Project

pytestmark = pytest.mark.django_db

HELP = "130304219BN52UPM55EI7"  # 老干部局特困退休干部帮扶资金: 5.00 万元, far behind its plan in July (demo)
CARE = "130304217IZ2UBLXPFIGE"  # 老干部局关心下一代工作经费


def project(demo: dict[str, Department], code: str = HELP) -> Project:
    return demo["seed"].projects.get(code=code)


def text(response: Any) -> str:
    return response.content.decode()


def actions(prefix: str) -> list[str]:
    return list(AuditEntry.objects.filter(action__startswith=prefix).order_by("seq").values_list("action", flat=True))


# -- pure helpers -------------------------------------------------------------------------------------------------


def test_indicator_keys_tell_rows_of_the_same_name_apart() -> None:
    from jixiao.domain.model import Indicator, IndicatorValue

    rows = [Indicator("产出指标", "数量指标", name, IndicatorValue(text="1次")) for name in ("甲", "乙", "甲")]
    assert selectors.indicator_keys(rows) == ["甲#0", "乙#0", "甲#1"]


def test_amounts_convert_between_money_units_exactly() -> None:
    assert selectors.convert(D("1234.56"), "元", "万元") == D("0.123456")
    assert selectors.convert(D("1.2"), "万元", "元") == D("12000.0")


# -- pages, lights and the chart ----------------------------------------------------------------------------------


def test_a_project_far_behind_its_plan_shows_a_red_light_and_the_chart(
    editor: Client, demo: dict[str, Department]
) -> None:
    row = project(demo)
    page = text(editor.get(f"/projects/{row.pk}/monitoring/?month=7"))
    spending = page.split('data-table="spending"')[1].split("</table>")[0]
    # 0.80 of 5.00 万元 by July = 16%, against the plan's 50% at 6月底: 32% of what was planned → red
    assert "0.80" in spending and "16.00%" in spending and "50.00%（6月底）" in spending and "32.00%" in spending
    assert 'data-light="red"' in spending
    assert f'src="/projects/{row.pk}/monitoring/chart.svg?month=7"' in page
    assert "8,000.00" in page and "记-12-002" in page  # the payments, in 元
    chart = editor.get(f"/projects/{row.pk}/monitoring/chart.svg?month=7")
    assert chart["Content-Type"] == "image/svg+xml" and chart.content.startswith(b"<?xml")
    assert "script-src" not in chart["Content-Security-Policy"]


def test_the_project_light_is_the_domain_engines(editor: Client, demo: dict[str, Department]) -> None:
    row = project(demo, code="13030421LP5A2WUGC1RUX")
    content = services.project_document(row)
    payments = [DomainPayment(p.date, p.amount / 10000) for p in Payment.objects.filter(project=row)]
    status = spending_status(payments, year=2021, month=7, budget=content.budget.total, plan=content.spending_plan)
    page = text(editor.get(f"/projects/{row.pk}/monitoring/?month=7"))
    assert (
        status.light is not None and f'data-light="{status.light.value}"' in page.split("data-spending-light")[1][:80]
    )
    assert f"{status.rate}%" in page


def test_the_department_page_aggregates_its_projects(finance: Client, demo: dict[str, Department]) -> None:
    seed = demo["seed"]
    statuses = []
    for row in seed.projects.all():
        content = services.project_document(row)
        payments = [DomainPayment(p.date, p.amount / 10000) for p in Payment.objects.filter(project=row)]
        statuses.append(
            spending_status(payments, year=2021, month=7, budget=content.budget.total, plan=content.spending_plan)
        )
    total = aggregate_status(statuses)
    page = text(finance.get(f"/departments/{seed.pk}/monitoring/?month=7"))
    assert "30.94" in page and f"{total.executed}" in page and f"{total.rate}%" in page
    assert page.count('data-project="') == 4
    assert 'data-light="red"' in page and 'data-light="yellow"' in page and 'data-light="green"' in page
    assert finance.get(f"/departments/{seed.pk}/monitoring/chart.svg?month=7").content.startswith(b"<?xml")
    assert "从财务台账导入支付" not in page  # finance reads only


def test_the_period_comes_from_the_query_or_the_latest_monitored_month(
    editor: Client, demo: dict[str, Department]
) -> None:
    row = project(demo)
    assert "绩效指标监控（1-7月）" in text(editor.get(f"/projects/{row.pk}/monitoring/"))
    assert "绩效指标监控（1-3月）" in text(editor.get(f"/projects/{row.pk}/monitoring/?month=3"))
    assert "绩效指标监控（1-7月）" in text(editor.get(f"/projects/{row.pk}/monitoring/?month=13"))


# -- payments -----------------------------------------------------------------------------------------------------


def add(client: Client, row: Project, **fields: str) -> Any:
    values = {
        "date": "2021-08-05",
        "amount": "1.2",
        "unit": "万元",
        "payee": "某公司",
        "purpose": "慰问品",
        "voucher": "记-08-777",
    }
    return client.post(f"/projects/{row.pk}/payments/new/", {**values, **fields, "month": "8"})


def test_a_payment_is_added_edited_and_deleted_and_each_step_is_audited(
    editor: Client, demo: dict[str, Department]
) -> None:
    row = project(demo)
    response = add(editor, row)
    assert response.status_code == 302 and response["Location"].endswith(
        f"/projects/{row.pk}/monitoring/?month=8#payments"
    )
    payment = Payment.objects.get(project=row, voucher="记-08-777")
    assert payment.amount == D("12000.0") and payment.source == "manual"  # 1.2 万元 kept exactly, in 元
    page = text(editor.get(f"/projects/{row.pk}/monitoring/?month=8"))
    assert "2.00" in page.split('data-table="spending"')[1][:600]  # 0.80 + 1.20 万元 by August

    edit = text(editor.get(f"/payments/{payment.pk}/edit/"))
    assert 'value="12000.0"' in edit and "修改支付记录" in edit
    # the demo project is near its budget: this edit takes it past, which must be confirmed
    fields = {"date": "2021-08-06", "amount": "13,000.50", "unit": "元", "payee": "某公司", "purpose": "慰问品",
              "over_budget": "on",
              "voucher": "记-08-777", "revision": "1"}  # fmt: skip
    assert editor.post(f"/payments/{payment.pk}/edit/", fields).status_code == 302
    payment.refresh_from_db()
    assert (payment.amount, payment.date, payment.revision) == (D("13000.50"), dt.date(2021, 8, 6), 2)

    confirm = text(editor.get(f"/payments/{payment.pk}/delete/"))
    assert "删除这笔支付记录？" in confirm and "13,000.50" in confirm
    assert editor.post(f"/payments/{payment.pk}/delete/", {"revision": "2"}).status_code == 302
    assert not Payment.objects.filter(pk=payment.pk).exists()
    assert actions("jixiao.payment")[-3:] == [
        "jixiao.payment.created",
        "jixiao.payment.saved",
        "jixiao.payment.deleted",
    ]
    deleted = AuditEntry.objects.filter(action="jixiao.payment.deleted").order_by("seq").last()
    assert deleted is not None and '"amount":"13000.50"' in deleted.before.replace(" ", "")


def test_an_edit_from_a_stale_page_is_refused_and_names_who_changed_it(
    editor: Client, approver: Client, demo: dict[str, Department]
) -> None:
    payment = Payment.objects.filter(project=project(demo)).first()
    assert payment is not None
    fields = {"date": "2021-01-15", "amount": "8100", "unit": "元", "voucher": "记-01-001", "revision": "1"}
    assert approver.post(f"/payments/{payment.pk}/edit/", fields).status_code == 302
    stale = editor.post(f"/payments/{payment.pk}/edit/", {**fields, "amount": "9999"}, follow=True)
    assert "approver287001 在您打开此页后修改了这笔支付" in text(stale)
    payment.refresh_from_db()
    assert payment.amount == D("8100")
    assert editor.post(f"/payments/{payment.pk}/delete/", {"revision": "1"}).status_code == 302
    assert Payment.objects.filter(pk=payment.pk).exists()  # deleting what one has not seen is refused too


@pytest.mark.parametrize(
    ("fields", "error"),
    [
        ({"date": "2020-12-31"}, "支付日期应在 2021 年度内"),
        ({"date": "明天"}, "支付日期格式应为 2021-03-15"),
        ({"amount": "一千元"}, "“一千元” 不是金额"),
        ({"amount": "0"}, "金额不能为 0"),
        ({"amount": ""}, "请填写金额"),
    ],
)
def test_a_wrong_payment_is_refused_with_a_chinese_error_and_nothing_stored(
    editor: Client, demo: dict[str, Department], fields: dict[str, str], error: str
) -> None:
    row = project(demo)
    before = Payment.objects.count()
    response = add(editor, row, **fields)
    assert response.status_code == 400 and error in text(response)
    assert Payment.objects.count() == before


def test_approved_targets_do_not_freeze_payments_or_monitoring(editor: Client, demo: dict[str, Department]) -> None:
    seed = demo["seed"]
    Department.objects.filter(pk=seed.pk).update(state=State.FINANCE_APPROVED)
    row = project(demo)
    assert editor.post(f"/projects/{row.pk}/", {"name": "改名", "revision": 1}).status_code == 403
    assert add(editor, row).status_code == 302
    assert save_monitoring(editor, row, month=8).status_code == 302


@pytest.mark.parametrize("persona", ["finance", "auditor", "dept"])
def test_reviewers_and_auditors_read_but_do_not_enter(persona: str, demo: dict[str, Department]) -> None:
    from jixiao.web.demo import DEMO_PASSWORD

    client = Client()
    assert client.login(username=persona, password=DEMO_PASSWORD)
    row = project(demo)
    payment = Payment.objects.filter(project=row).first()
    assert payment is not None
    page = text(client.get(f"/projects/{row.pk}/monitoring/"))
    assert "添加支付" not in page and "data-save-monitoring" not in page and "disabled" in page
    before = (Payment.objects.count(), MonitoringReport.objects.get(project=row, month=7).revision)
    assert add(client, row).status_code == 403
    assert client.get(f"/payments/{payment.pk}/edit/").status_code == 403
    assert client.post(f"/payments/{payment.pk}/delete/", {"revision": "1"}).status_code == 403
    assert save_monitoring(client, row).status_code == 403
    assert client.get(f"/departments/{row.department_id}/ledger/").status_code == 403
    assert (Payment.objects.count(), MonitoringReport.objects.get(project=row, month=7).revision) == before


def test_an_outsider_finds_nothing(other_editor: Client, demo: dict[str, Department]) -> None:
    row = project(demo)
    payment = Payment.objects.filter(project=row).first()
    assert payment is not None
    seed = demo["seed"].pk
    for url in (
        f"/projects/{row.pk}/monitoring/",
        f"/projects/{row.pk}/monitoring/chart.svg",
        f"/projects/{row.pk}/monitoring/export/xlsx/",
        f"/departments/{seed}/monitoring/",
        f"/departments/{seed}/monitoring/export/pdf/",
        f"/departments/{seed}/ledger/",
        f"/payments/{payment.pk}/edit/",
        f"/payments/{payment.pk}/delete/",
    ):
        assert other_editor.get(url).status_code == 404, url
    assert add(other_editor, row).status_code == 404
    assert Client().get(f"/projects/{row.pk}/monitoring/").status_code == 302  # to the login page


def test_deleting_a_department_records_the_in_year_data_its_projects_take_along(demo: dict[str, Department]) -> None:
    row = project(demo, code=CARE)  # the demo gave it payments, July monitoring and a saved self-evaluation
    Department.objects.get(pk=row.department_id).delete()  # an administrator's cascade (a project alone is refused)
    entries = AuditEntry.objects.filter(object_type="targets.project", object_id=str(row.pk)).order_by("seq")
    recorded = [entry.action for entry in entries if '"because":"project.deleted"' in entry.params.replace(" ", "")]
    assert recorded == ["jixiao.payment.deleted", "jixiao.actual.deleted", "jixiao.evaluation.deleted"]
    assert "记-03-001" in entries.get(action="jixiao.payment.deleted").before
    assert not Payment.objects.filter(project_id=row.pk).exists()


# -- indicator monitoring -----------------------------------------------------------------------------------------


def monitoring_post(row: Project, month: int, revision: int, values: dict[int, dict[str, Any]]) -> dict[str, Any]:
    content = services.project_document(row)
    keys = selectors.indicator_keys(content.indicators)
    post: dict[str, Any] = {
        "month": month,
        "revision": revision,
        "rows-TOTAL_FORMS": len(keys),
        "rows-INITIAL_FORMS": len(keys),
    }
    for index, key in enumerate(keys):
        post[f"rows-{index}-key"] = key
        for name, value in values.get(index, {}).items():
            post[f"rows-{index}-{name}"] = value
    return post


def save_monitoring(client: Client, row: Project, month: int = 7, **extra: Any) -> Any:
    report = MonitoringReport.objects.filter(project=row, month=month).first()
    values = {0: {"current": "2人", "forecast": "10人", "likelihood": "完全不可能", "reasons": ["经费保障", "其他"],
                  "reason_text": "资金未到位"}}  # fmt: skip
    post = monitoring_post(row, month, report.revision if report else 0, values)
    return client.post(f"/projects/{row.pk}/monitoring/indicators/", {**post, **extra})


def test_the_months_indicator_monitoring_is_saved_and_lit(editor: Client, demo: dict[str, Department]) -> None:
    row = project(demo)
    response = save_monitoring(editor, row, month=9)
    assert response.status_code == 302 and response["Location"] == f"/projects/{row.pk}/monitoring/?month=9"
    report = MonitoringReport.objects.get(project=row, month=9)
    first = report.rows.order_by("position").first()
    assert first is not None and (first.current, first.likelihood, first.reasons) == (
        "2人",
        "完全不可能",
        ["经费保障", "其他"],
    )
    page = text(editor.get(f"/projects/{row.pk}/monitoring/?month=9"))
    first_row = page.split('data-indicator="保障特困老干部数量"')[1].split("</tr>")[0]
    # 2 of 10 people by September: 2 ÷ (10 × 9/12) = 26.67% → red
    assert 'data-light="red"' in first_row and "26.67%" in first_row and 'value="2人"' in first_row
    assert "monitoring.no_current" in page  # the other rows were left empty this time
    entry = AuditEntry.objects.filter(action="jixiao.actual.saved").order_by("seq").last()
    assert entry is not None and '"month":9' in entry.params.replace(" ", "")


def test_monitoring_saved_by_someone_else_meanwhile_is_not_overwritten(
    editor: Client, approver: Client, demo: dict[str, Department]
) -> None:
    row = project(demo)
    assert save_monitoring(approver, row).status_code == 302
    report = MonitoringReport.objects.get(project=row, month=7)
    stale = monitoring_post(row, 7, report.revision - 1, {0: {"current": "9人"}})
    response = editor.post(f"/projects/{row.pk}/monitoring/indicators/", stale)
    assert response.status_code == 409 and "approver287001 在您打开此页后已保存了 1-7 月的指标监控" in text(response)
    report.refresh_from_db()
    assert report.rows.order_by("position").first().current == "2人"  # type: ignore[union-attr]


def test_monitoring_of_indicators_changed_since_the_page_was_opened_is_refused(
    editor: Client, demo: dict[str, Department]
) -> None:
    row = project(demo)
    post = monitoring_post(row, 7, MonitoringReport.objects.get(project=row, month=7).revision, {})
    post["rows-0-key"] = "已删除的指标#0"
    response = editor.post(f"/projects/{row.pk}/monitoring/indicators/", post)
    assert response.status_code == 409 and "项目的绩效指标已被修改" in text(response)


# -- the ledger import --------------------------------------------------------------------------------------------


def csv_file(content: str, name: str = "台账.csv") -> io.BytesIO:
    upload = io.BytesIO(content.encode("gb18030"))
    upload.name = name
    return upload


def xlsx_file(rows: list[list[Any]], name: str = "财务台账.xlsx") -> io.BytesIO:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    for values in rows:
        sheet.append(values)
    upload = io.BytesIO()
    workbook.save(upload)
    upload.seek(0)
    upload.name = name
    return upload


MAPPING = {"date": "记账日期", "amount": "借方金额", "project": "项目编码", "payee": "", "purpose": "摘要",
           "voucher": "凭证号", "amount_unit": "元"}  # fmt: skip


def upload(client: Client, department: Department, file: io.BytesIO, **fields: Any) -> Any:
    return client.post(f"/departments/{department.pk}/ledger/", {"file": file, **MAPPING, **fields})


def test_every_ledger_error_is_listed_by_row_and_column_and_nothing_is_imported(
    editor: Client, demo: dict[str, Department]
) -> None:
    ledger = (
        "记账日期,项目编码,摘要,借方金额,凭证号\n"
        f"2021-03-01,{HELP},帮扶金,1000.00,记-1\n"
        f"2021-13-01,{HELP},帮扶金,1000.00,记-2\n"
        f"2021-04-01,NOPE,帮扶金,1000.00,记-3\n"
        f"2021-05-01,{CARE},慰问,一千,记-4\n"
        f"2020-12-31,{CARE},慰问,50.00,记-5\n"
    )
    before = Payment.objects.count()
    response = upload(editor, demo["seed"], csv_file(ledger))
    page = text(response)
    assert response.status_code == 400 and "“台账.csv”有 4 处问题，未导入任何支付" in page
    for expected in (
        "第 3 行“记账日期”列：“2021-13-01”不是日期。",
        "第 4 行“项目编码”列：没有编码为“NOPE”的项目。",
        "第 5 行“借方金额”列：“一千”不是金额。",
        "第 6 行“记账日期”列：日期 2020-12-31 不在 2021 年度内。",
    ):
        assert expected in page, expected
    assert Payment.objects.count() == before and not LedgerSettings.objects.exists()


def test_a_ledger_with_a_missing_column_says_which_one(editor: Client, demo: dict[str, Department]) -> None:
    response = upload(editor, demo["seed"], csv_file("日期,金额\n2021-03-01,1\n"))
    assert response.status_code == 400 and "台账表头中找不到列“记账日期”（列映射的“日期”）" in text(response)


def test_an_xlsx_ledger_is_previewed_confirmed_and_its_mapping_remembered(
    editor: Client, demo: dict[str, Department]
) -> None:
    seed = demo["seed"]
    rows = [
        ["北戴河区老干部局 2021年支出明细账"],
        ["记账日期", "凭证号", "摘要", "项目编码", "借方金额"],
        [dt.date(2021, 8, 3), "记-08-101", "帮扶金发放", HELP, 5000],
        ["2021/9/1", "记-09-102", "活动用车", "13030421LP5A2WUGC1RUX", "12,345.60"],
        ["合计", None, None, None, 17345.6],
    ]
    before = Payment.objects.count()
    response = upload(editor, seed, xlsx_file(rows))
    assert response.status_code == 302 and response["Location"] == f"/departments/{seed.pk}/ledger/preview/"
    preview = text(editor.get(response["Location"]))
    assert "将导入 <strong>2</strong> 笔支付" in preview and "12,345.60" in preview and "老干部活动经费" in preview
    assert Payment.objects.count() == before  # nothing until confirmed

    done = editor.post(response["Location"])
    assert done.status_code == 302 and done["Location"] == f"/departments/{seed.pk}/monitoring/"
    stored = Payment.objects.filter(voucher__in=["记-08-101", "记-09-102"]).order_by("date")
    assert [(p.project.code, p.date, p.amount, p.source, p.ledger_line) for p in stored] == [
        (HELP, dt.date(2021, 8, 3), D("5000"), "ledger", 3),
        ("13030421LP5A2WUGC1RUX", dt.date(2021, 9, 1), D("12345.60"), "ledger", 4),
    ]
    assert actions("jixiao.ledger")[-1] == "jixiao.ledger.imported" and actions("jixiao.settings") == [
        "jixiao.settings.saved"
    ]
    form = text(editor.get(f"/departments/{seed.pk}/ledger/"))
    assert 'value="借方金额"' in form and 'value="记账日期"' in form  # the mapping is offered again

    again = upload(editor, seed, xlsx_file(rows))
    preview = text(editor.get(again["Location"]))
    assert "将导入 <strong>0</strong> 笔支付；2 笔此前已导入" in preview and "确认导入</button>" not in preview
    refused = editor.post(again["Location"], follow=True)
    assert "台账中的支付均已导入过" in text(refused) and Payment.objects.count() == before + 2


def test_a_one_project_ledger_goes_to_the_chosen_project(editor: Client, demo: dict[str, Department]) -> None:
    row = project(demo, code=CARE)
    ledger = '日期,金额,摘要\n2021年10月8日,"2,000.00",慰问\n2021-10-09,(500.00),冲销\n'
    fields = {
        "date": "日期",
        "amount": "金额",
        "project": "",
        "voucher": "",
        "purpose": "摘要",
        "default_project": row.pk,
    }
    missing = upload(editor, demo["seed"], csv_file(ledger), **{**fields, "default_project": ""})
    assert missing.status_code == 400 and "请选择这些支付记入哪个项目" in text(missing)
    response = upload(editor, demo["seed"], csv_file(ledger), **fields)
    assert editor.post(response["Location"]).status_code == 302
    amounts = list(
        Payment.objects.filter(project=row, date__month=10).order_by("date").values_list("amount", flat=True)
    )
    assert amounts == [D("2000.00"), D("-500.00")]


def test_a_ledger_preview_belongs_to_its_department(editor: Client, demo: dict[str, Department]) -> None:
    response = editor.get(f"/departments/{demo['seed'].pk}/ledger/preview/", follow=True)
    assert "没有待确认的台账导入" in text(response)


# -- downloads ----------------------------------------------------------------------------------------------------


def cells(data: bytes) -> list[str]:
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(data))
    return [str(cell.value) for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row if cell.value]


def test_the_monitoring_table_downloads_as_xlsx_with_the_chart(editor: Client, demo: dict[str, Department]) -> None:
    row = project(demo)
    response = editor.get(f"/projects/{row.pk}/monitoring/export/xlsx/?month=7")
    assert response["Content-Disposition"].endswith(".xlsx") and "attachment" in response["Content-Disposition"]
    values = cells(response.content)
    for expected in (
        "项目支出绩效目标执行监控表",
        "（2021年1-7月）",
        "1-7月执行情况",
        "红灯",
        "保障特困老干部数量",
        "人员保障",
        "√",
    ):
        assert expected in values, expected
    from openpyxl import load_workbook

    assert len(load_workbook(io.BytesIO(response.content)).worksheets[0]._images) == 1


def test_the_monitoring_table_downloads_as_docx_with_the_chart(editor: Client, demo: dict[str, Department]) -> None:
    import docx

    response = editor.get(f"/departments/{demo['seed'].pk}/monitoring/export/docx/?month=7")
    document = docx.Document(io.BytesIO(response.content))
    texts = {cell.text for table in document.tables for row in table.rows for cell in row.cells}
    assert {"老干部局特困退休干部帮扶资金", "1-7月执行情况", "红灯", "黄灯", "绿灯"} <= texts
    assert len(document.inline_shapes) == 4  # one chart per project


def test_the_monitoring_table_downloads_as_pdf(editor: Client, demo: dict[str, Department]) -> None:
    response = editor.get(f"/departments/{demo['seed'].pk}/monitoring/export/pdf/?month=7")
    assert response.content.startswith(b"%PDF")
    plain = subprocess.run(["pdftotext", "-", "-"], input=response.content, capture_output=True, check=True).stdout
    words = re.sub(r"\s+", "", plain.decode())
    assert "项目支出绩效目标执行监控表" in words and "老干部局特困退休干部帮扶资金" in words and "红灯" in words


def test_an_unknown_format_is_not_found(editor: Client, demo: dict[str, Department]) -> None:
    assert editor.get(f"/projects/{project(demo).pk}/monitoring/export/json/").status_code == 404


def test_the_monitoring_pdf_carries_the_execution_chart(editor: Client, demo: dict[str, Department]) -> None:
    import pdfplumber

    seed = demo["seed"]
    project = seed.projects.get(code="130304217IZ2UBLXPFIGE")
    response = editor.get(f"/projects/{project.pk}/monitoring/export/pdf/")
    assert response.status_code == 200
    with pdfplumber.open(io.BytesIO(response.content)) as pdf:
        assert sum(len(page.images) for page in pdf.pages) >= 1


def test_payments_beyond_the_budget_are_the_over_light_with_an_error_on_the_page_the_table_and_the_overview(
    editor: Client, finance: Client, demo: dict[str, Department]
) -> None:
    import openpyxl

    from jixiao.web.monitoring import models as mdb

    seed = demo["seed"]
    project = seed.projects.order_by("position").first()
    assert project is not None and project.budget_total
    mdb.Payment.objects.create(project=project, date=dt.date(2021, 5, 1), amount=project.budget_total * 20000)
    page = editor.get(f"/projects/{project.pk}/monitoring/?month=7").content.decode()
    assert 'data-light="over"' in page and "超过预算数" in page
    table = editor.get(f"/projects/{project.pk}/monitoring/export/xlsx/?month=7").content
    cells = [c.value for sheet in openpyxl.load_workbook(io.BytesIO(table)) for row in sheet.iter_rows() for c in row]
    assert "超支" in cells
    for other in seed.projects.exclude(pk=project.pk):  # the whole unit past its budget: the overview's row too
        mdb.Payment.objects.create(project=other, date=dt.date(2021, 5, 1), amount=(other.budget_total or 0) * 20000)
    overview = finance.get("/overview/?year=2021&month=7").content.decode()
    assert f'data-unit="{seed.code}" data-light="over"' in overview


def test_a_payment_that_takes_execution_past_the_budget_asks_for_confirmation(
    editor: Client, demo: dict[str, Department]
) -> None:
    from jixiao.web.monitoring import models as mdb

    project = demo["seed"].projects.order_by("position").first()
    assert project is not None and project.budget_total
    over = {"date": "2021-05-01", "amount": str(project.budget_total + 1), "unit": "万元", "month": "7"}
    refused = editor.post(f"/projects/{project.pk}/payments/new/", over)
    assert refused.status_code == 400
    page = refused.content.decode()
    assert "将超过预算数" in page and "data-over-budget" in page
    before = mdb.Payment.objects.filter(project=project).count()
    refused = editor.post(f"/projects/{project.pk}/payments/new/", over)
    assert mdb.Payment.objects.filter(project=project).count() == before  # nothing saved
    confirmed = editor.post(f"/projects/{project.pk}/payments/new/", {**over, "over_budget": "on"})
    assert confirmed.status_code == 302
    assert mdb.Payment.objects.filter(project=project).count() == before + 1
    within = {"date": "2021-05-01", "amount": "1", "unit": "元", "month": "7"}
    other = demo["seed"].projects.order_by("position").last()
    assert other is not None
    mdb.Payment.objects.filter(project=other).delete()
    assert editor.post(f"/projects/{other.pk}/payments/new/", within).status_code == 302  # within: no question
