"""Forms of the in-year data. They validate and convert what was typed; services store it, the domain scores it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.forms import formset_factory

from jixiao.domain.errors import JixiaoError, message
from jixiao.domain.monitoring import DeviationCategory, LedgerMapping, Likelihood, parse_money
from jixiao.domain.monitoring.ledger import UNIT_FACTORS
from jixiao.domain.scoring import ProjectScore
from jixiao.domain.values import format_number
from jixiao.web.monitoring import selectors
from jixiao.web.monitoring.services import MonitoringEntry, PaymentData
from jixiao.web.targets.forms import AmountField

if TYPE_CHECKING:
    from django.db.models import QuerySet
    from django.forms.formsets import BaseFormSet

    from jixiao.web.monitoring import models as mdb
    from jixiao.web.records.models import Project

MONEY_UNITS = [("元", "元"), ("万元", "万元")]
_REQUIRED = "请填写{label}。"


def _labelled(label: str, *, area: bool = False) -> forms.Widget:
    """A grid cell's input, named for screen readers and tests by ``aria-label`` (the column header is far away)."""
    if area:
        return forms.Textarea(attrs={"rows": 1, "aria-label": label})
    return forms.TextInput(attrs={"aria-label": label})


def _text(cleaned: dict[str, Any], name: str) -> str:
    return str(cleaned.get(name) or "").strip()


class MoneyField(forms.CharField):
    """An amount as a finance ledger writes it (``1,234.50``, ``¥1234.5``, ``-200`` for a reversal); never 0."""

    # [override]: CharField's to_python gives text; this field's cleaned value is the Decimal itself
    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        text = str(value or "").strip()
        if not text:
            return None
        number = parse_money(text)
        if number is None:
            raise forms.ValidationError("“%(value)s” 不是金额，请填写数字，例如 1200.00。", params={"value": text})
        if number == 0:
            raise forms.ValidationError("金额不能为 0。")
        return number


class PaymentForm(forms.Form):
    """A payment typed by hand; the amount in 元 or 万元, stored in 元."""

    date = forms.DateField(
        label="支付日期",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": "请填写支付日期。", "invalid": "支付日期格式应为 2021-03-15。"},
    )
    amount = MoneyField(label="金额", error_messages={"required": "请填写金额。"})
    unit = forms.ChoiceField(label="金额单位", choices=MONEY_UNITS, initial="元")
    payee = forms.CharField(label="收款人", max_length=200, required=False)
    purpose = forms.CharField(label="用途（摘要）", max_length=300, required=False)
    voucher = forms.CharField(label="凭证号", max_length=64, required=False)
    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)
    over_budget = forms.BooleanField(label="确认超出预算（已办理预算调整或核对无误）", required=False)

    def __init__(self, *args: Any, year: int | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.year = year

    def refuse_over_budget(self, paid: Decimal, budget: Decimal) -> bool:
        """With this payment the project's payments (``paid``, 元, this one included) would exceed ``budget`` (元):
        unless the user ticked the confirmation, add the error that asks for it and return True."""
        if paid <= budget or self.cleaned_data.get("over_budget"):
            return False
        params = {"paid": format_number(paid), "budget": format_number(budget)}
        self.add_error("over_budget", message("payment.over_budget", params))
        return True

    def clean_date(self) -> dt.date:
        date: dt.date = self.cleaned_data["date"]
        if self.year and date.year != self.year:
            raise forms.ValidationError(f"支付日期应在 {self.year} 年度内（本项目是 {self.year} 年度的预算）。")
        return date

    def payment(self) -> PaymentData:
        cleaned = self.cleaned_data
        return PaymentData(
            date=cleaned["date"],
            amount=selectors.convert(cleaned["amount"], cleaned["unit"], selectors.YUAN),
            payee=_text(cleaned, "payee"),
            purpose=_text(cleaned, "purpose"),
            voucher=_text(cleaned, "voucher"),
        )


def payment_initial(payment: mdb.Payment) -> dict[str, Any]:
    return {
        "date": payment.date,
        "amount": payment.amount,
        "unit": "元",
        "payee": payment.payee,
        "purpose": payment.purpose,
        "voucher": payment.voucher,
        "revision": payment.revision,
    }


class ConfirmForm(forms.Form):
    revision = forms.IntegerField(widget=forms.HiddenInput)


class RelinkForm(forms.Form):
    """An orphan entry's new indicator key (checked by the service against the open indicators)."""

    revision = forms.IntegerField(widget=forms.HiddenInput)
    key = forms.CharField(max_length=320, required=False)


# -- the ledger import --------------------------------------------------------------------------------------------

DEFAULT_MAPPING = {"date": "日期", "amount": "金额", "project": "项目编码", "payee": "收款人", "purpose": "摘要",
                   "voucher": "凭证号", "amount_unit": "元", "header_line": None}  # fmt: skip


class LedgerForm(forms.Form):
    """The ledger file and its column mapping (header texts or column letters)."""

    file = forms.FileField(
        label="台账文件",
        help_text="财务系统导出的 Excel（.xlsx）或 CSV 文件。",
        error_messages={"required": "请选择台账文件。"},
    )
    date = forms.CharField(label="日期列", max_length=60, error_messages={"required": "请填写日期所在列的表头。"})
    amount = forms.CharField(label="金额列", max_length=60, error_messages={"required": "请填写金额所在列的表头。"})
    project = forms.CharField(label="项目编码列", max_length=60, required=False)
    payee = forms.CharField(label="收款人列", max_length=60, required=False)
    purpose = forms.CharField(label="用途（摘要）列", max_length=60, required=False)
    voucher = forms.CharField(label="凭证号列", max_length=60, required=False)
    amount_unit = forms.ChoiceField(label="台账金额单位", choices=[(unit, unit) for unit in UNIT_FACTORS], initial="元")
    header_line = forms.IntegerField(label="表头所在行", min_value=1, required=False, help_text="留空则自动查找。")
    default_project: forms.ModelChoiceField[Project] = forms.ModelChoiceField(
        label="没有项目编码列时记入项目", queryset=None, required=False, empty_label="（按项目编码列）"
    )

    def __init__(self, *args: Any, projects: QuerySet[Project], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast("forms.ModelChoiceField[Project]", self.fields["default_project"]).queryset = projects

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.errors:
            return cleaned
        try:
            self.mapping = LedgerMapping.from_dict(self._mapping_data(cleaned))
        except JixiaoError as error:
            raise forms.ValidationError(str(error)) from None
        if not self.mapping.project and cleaned.get("default_project") is None:
            self.add_error("default_project", str(JixiaoError("ledger.no_project")))
        return cleaned

    @staticmethod
    def _mapping_data(cleaned: dict[str, Any]) -> dict[str, Any]:
        names = ("date", "amount", "project", "payee", "purpose", "voucher")
        result: dict[str, Any] = {name: _text(cleaned, name) or None for name in names}
        return {**result, "amount_unit": cleaned.get("amount_unit") or "元", "header_line": cleaned.get("header_line")}


def ledger_initial(stored: dict[str, Any] | None) -> dict[str, Any]:
    """The saved mapping of the organisation, or common header names."""
    return {key: value for key, value in (stored or DEFAULT_MAPPING).items() if value is not None}


# -- indicator monitoring -----------------------------------------------------------------------------------------


class MonitoringForm(forms.Form):
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class MonitoringRowForm(forms.Form):
    key = forms.CharField(widget=forms.HiddenInput, max_length=320)
    current = forms.CharField(label="当前完成值", max_length=200, required=False, widget=_labelled("当前完成值"))
    forecast = forms.CharField(
        label="全年预计完成情况", max_length=200, required=False, widget=_labelled("全年预计完成情况")
    )
    likelihood = forms.ChoiceField(
        label="完成目标可能性",
        required=False,
        choices=[("", "—"), *((item.value, item.value) for item in Likelihood)],
        widget=forms.Select(attrs={"aria-label": "完成目标可能性"}),
    )
    reasons = forms.MultipleChoiceField(
        label="偏差原因类别",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[(item.value, item.value.removesuffix("保障")) for item in DeviationCategory],
    )
    reason_text = forms.CharField(label="原因说明", required=False, widget=_labelled("原因说明", area=True))
    remark = forms.CharField(label="备注", required=False, max_length=2000, widget=_labelled("备注", area=True))

    def entry(self) -> MonitoringEntry:
        cleaned = self.cleaned_data
        texts = {name: _text(cleaned, name) for name in ("current", "forecast", "likelihood", "reason_text", "remark")}
        return MonitoringEntry(key=cleaned["key"], reasons=tuple(cleaned.get("reasons") or ()), **texts)


MonitoringRowFormSet = formset_factory(MonitoringRowForm, extra=0)


def monitoring_initial(keys: Sequence[str], rows: Sequence[mdb.MonitoringRow | None]) -> list[dict[str, Any]]:
    fields = ("current", "forecast", "likelihood", "reasons", "reason_text", "remark")
    return [
        {"key": key, **({name: getattr(row, name) for name in fields} if row else {})}
        for key, row in zip(keys, rows, strict=True)
    ]


# -- the self-evaluation ------------------------------------------------------------------------------------------


class EvaluationForm(forms.Form):
    # [assignment]: the field shares its name with BaseForm.initial; the form's metaclass takes declared fields off
    # the class, so on an instance ``initial`` is still the initial data and the field is ``fields["initial"]``
    initial = AmountField(label="年初预算数", required=False)  # type: ignore[assignment]
    budget = AmountField(label="全年预算数", required=False)
    executed = AmountField(label="全年执行数", required=False)
    execution_reason = forms.CharField(
        label="预算执行偏差原因", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    goal_result = forms.CharField(label="实际完成情况", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    report = forms.CharField(label="自评报告", required=False, widget=forms.Textarea(attrs={"rows": 18}))
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class EvaluationRowForm(forms.Form):
    key = forms.CharField(widget=forms.HiddenInput, max_length=320)
    actual = forms.CharField(label="实际完成值", max_length=300, required=False, widget=_labelled("实际完成值"))
    weight = AmountField(label="分值", required=False, widget=_labelled("分值"))
    score = AmountField(label="评分人得分", required=False, widget=_labelled("评分人得分"))
    not_applicable = forms.BooleanField(
        label="不适用", required=False, widget=forms.CheckboxInput(attrs={"aria-label": "不适用"})
    )
    reason = forms.CharField(
        label="偏差原因分析及改进措施", required=False, widget=_labelled("偏差原因分析及改进措施", area=True)
    )

    def entry(self) -> selectors.EvaluationEntry:
        cleaned = self.cleaned_data
        return selectors.EvaluationEntry(
            actual=_text(cleaned, "actual"),
            weight=cleaned.get("weight"),
            score=cleaned.get("score"),
            not_applicable=bool(cleaned.get("not_applicable")),
            reason=_text(cleaned, "reason"),
        )


EvaluationRowFormSet = formset_factory(EvaluationRowForm, extra=0)


def evaluation_initial(entered: selectors.EvaluationInput, revision: int) -> dict[str, Any]:
    names = ("initial", "budget", "executed", "execution_reason", "goal_result", "report")
    return {**{name: getattr(entered, name) for name in names}, "revision": revision}


def evaluation_rows_initial(keys: Sequence[str], entered: selectors.EvaluationInput) -> list[dict[str, Any]]:
    return [{"key": key, **vars_of(entry)} for key, entry in zip(keys, entered.rows, strict=True)]


def vars_of(entry: selectors.EvaluationEntry) -> dict[str, Any]:
    return {name: getattr(entry, name) for name in ("actual", "weight", "score", "not_applicable", "reason")}


def evaluation_input(form: EvaluationForm, rows: BaseFormSet[EvaluationRowForm]) -> selectors.EvaluationInput:
    cleaned = form.cleaned_data
    return selectors.EvaluationInput(
        initial=cleaned.get("initial"),
        budget=cleaned.get("budget"),
        executed=cleaned.get("executed"),
        execution_reason=_text(cleaned, "execution_reason"),
        goal_result=_text(cleaned, "goal_result"),
        report=str(cleaned.get("report") or "").strip("\n"),
        rows=[row.entry() for row in rows.forms],
    )


# A chosen score outside its grade's band, or above the row's weight, is refused (the engine would only clamp it and
# warn): the form says which row and why.
SCORE_ERRORS = {"score.out_of_band": "evaluation.out_of_band", "score.over_weight": "evaluation.over_weight"}


def add_score_errors(rows: BaseFormSet[EvaluationRowForm], score: ProjectScore) -> bool:
    """Put the engine's findings about chosen scores on the rows' score fields; whether there were any."""
    found = False
    for finding in score.findings:
        code = SCORE_ERRORS.get(finding.code)
        if code and finding.position is not None:
            rows.forms[finding.position - 1].add_error("score", message(code, finding.params))
            found = True
    return found
