"""A unit's finance officer monitors and self-evaluates in a real browser: a payment turns the light, an actual
changes the score."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from jixiao.web.demo import DEMO_PASSWORD, demo_load
from jixiao.web.records.models import Department

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DEPARTMENT = "中国共产党秦皇岛市北戴河区委员会老干部局"
PROJECT = "老干部局特困退休干部帮扶资金"


@pytest.fixture
def seed(live_server: Any) -> Department:
    demo_load()
    return Department.objects.get(code="287001")


def log_in(page: Page, live_server: Any) -> None:
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("用户名").fill("unit287001")
    page.get_by_label("密码").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("heading", name="我的部门")).to_be_visible()


def open_monitoring(page: Page) -> None:
    page.get_by_role("link", name=DEPARTMENT).click()
    page.get_by_role("navigation", name="部门页面").get_by_role("link", name="执行监控").click()
    expect(page.get_by_role("heading", name=re.compile("执行监控"))).to_be_visible()
    page.get_by_role("link", name=PROJECT).click()
    expect(page.get_by_role("heading", name=re.compile(PROJECT))).to_be_visible()


def test_a_payment_on_plan_turns_the_red_light_green_and_the_chart_is_drawn(
    page: Page, live_server: Any, seed: Department
) -> None:
    log_in(page, live_server)
    open_monitoring(page)
    light = page.locator("[data-spending-light] .light")
    expect(light).to_have_attribute("data-light", "red")
    chart = page.locator("img[data-chart]")
    expect(chart).to_be_visible()
    expect(chart).to_have_js_property("complete", True)
    assert chart.evaluate("img => img.naturalWidth") > 0  # the SVG was served and drawn under the page's CSP

    form = page.locator("form.payment-form")
    form.get_by_label("支付日期").fill("2021-05-10")
    form.get_by_label("金额", exact=True).fill("1.7")
    form.get_by_label("金额单位").select_option("万元")
    form.get_by_label("收款人").fill("特困退休干部")
    form.get_by_label("凭证号").fill("记-05-033")
    form.get_by_role("button", name="添加支付").click()
    # the demo project's later payments (September, December) already use most of its budget: the year's payments
    # would pass it, which the officer must confirm; what was typed is still in the form
    form = page.locator("form.payment-form")
    expect(form.locator("[data-over-budget]")).to_contain_text("将超过预算数")
    expect(form.get_by_label("凭证号")).to_have_value("记-05-033")
    form.get_by_label("确认超出预算").check()
    form.get_by_role("button", name="添加支付").click()

    expect(page.get_by_text("已添加支付记录：2021-05-10，17000.0 元。")).to_be_visible()
    expect(page.locator("[data-executed]")).to_have_text("2.50")  # 0.80 + 1.70 万元 by July: 50% of 5.00, on plan
    expect(light).to_have_attribute("data-light", "green")
    expect(page.locator("tr[data-payment]").filter(has_text="记-05-033")).to_have_count(1)


def test_an_actual_entered_in_the_self_evaluation_changes_the_score(
    page: Page, live_server: Any, seed: Department
) -> None:
    log_in(page, live_server)
    open_monitoring(page)
    page.get_by_role("navigation", name="项目页面").get_by_role("link", name="绩效自评").click()
    row = page.locator('tr.indicator-row[data-indicator="保障特困老干部数量"]')
    expect(row.locator("[data-score]")).to_have_text("0")  # nothing entered yet
    row.get_by_label("实际完成值").fill("8人")
    row.get_by_label("偏差原因分析及改进措施").fill("2名特困老干部去世；下一步及时更新名单。")
    page.get_by_role("button", name="保存绩效自评").click()

    expect(page.get_by_text(re.compile(r"绩效自评已保存：总分 \d+\.\d\d 分"))).to_be_visible()
    expect(row.locator("[data-score]")).to_have_text("10.00")  # the default weight 12.50 × 8/10
    expect(row.get_by_label("实际完成值")).to_have_value("8人")
    expect(page.locator("[data-grade]")).to_have_text(re.compile("^[优良中差]$"))
