"""Forms for editing targets. They only validate and convert to the domain model; services do the saving."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.conf import settings
from django.forms import formset_factory

from jixiao.domain import model as domain
from jixiao.domain.profiles import get_profile
from jixiao.domain.values import normalise, parse_value

if TYPE_CHECKING:
    from django.db.models import QuerySet
    from django.forms.formsets import BaseFormSet

    from jixiao.web.records.models import Organisation


def _blank_to_none(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


class AmountField(forms.CharField):
    """An amount as typed (``5.00``, ``1,200``), kept exactly as a Decimal; blank is None."""

    # [override]: CharField's to_python gives text; this field's cleaned value is the Decimal itself
    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        text = normalise(str(value or "")).replace(",", "").removesuffix("万元").removesuffix("元").strip()
        if not text:
            return None
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise forms.ValidationError(
                "“%(value)s” 不是金额，请填写数字，例如 5.00。", params={"value": value}
            ) from None
        if not number.is_finite() or number < 0:
            raise forms.ValidationError("金额不能为负数。")
        return number


class ProjectForm(forms.Form):
    code = forms.CharField(label="项目编码", required=False, max_length=64)
    name = forms.CharField(label="项目名称", max_length=300, error_messages={"required": "请填写项目名称。"})
    budget_total = AmountField(label="预算数", required=False)
    budget_fiscal = AmountField(label="其中：财政资金", required=False)
    budget_other = AmountField(label="其他资金", required=False)
    fund_use = forms.CharField(label="资金用途", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    goal = forms.CharField(label="绩效目标", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    revision = forms.IntegerField(widget=forms.HiddenInput)


class CheckpointForm(forms.Form):
    label = forms.CharField(label="时间点", max_length=40, required=False)
    month = forms.IntegerField(label="月份", min_value=1, max_value=12, required=False)
    percent = AmountField(label="累计比例（%）", required=False)

    def clean(self) -> dict[str, Any]:
        """A row with a month or a share but no 时间点 is named by its month (6 → 6月); a share with neither is
        refused, never dropped."""
        cleaned = super().clean() or {}
        if not cleaned.get("label") and not cleaned.get("DELETE"):
            if cleaned.get("month"):
                cleaned["label"] = f"{cleaned['month']}月"
            elif cleaned.get("percent") is not None:
                self.add_error("month", "请填写时间点或月份（1–12）。")
        return cleaned


def _level_choices(names: list[str], current: str | None) -> list[tuple[str, str]]:
    choices = [("", "—")] + [(name, name) for name in names]
    if current and current not in names:
        choices.append((current, f"{current}（原文）"))
    return choices


def level_choices(names: list[str], current: str | None) -> list[tuple[str, str]]:
    """The choices of a level select: the frame's names, and the current value when it is none of them."""
    return _level_choices(names, current)


def frame_names() -> tuple[list[str], list[str]]:
    """The level-1 and level-2 names of the site's locality profile, in the frame's order."""
    frame = get_profile(settings.JIXIAO_PROFILE).frame
    return [first.name for first in frame.level1], [second.name for first in frame.level1 for second in first.level2]


class IndicatorForm(forms.Form):
    level1 = forms.ChoiceField(label="一级指标", required=False)
    level2 = forms.ChoiceField(label="二级指标", required=False)
    level3 = forms.CharField(label="三级指标", max_length=300, required=False)
    description = forms.CharField(label="绩效指标描述", required=False, widget=forms.Textarea(attrs={"rows": 1}))
    value_text = forms.CharField(label="指标值", max_length=300, required=False)
    basis = forms.CharField(label="指标值确定依据", required=False, widget=forms.Textarea(attrs={"rows": 1}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        data_level1 = self._current("level1")
        data_level2 = self._current("level2")
        level1_names, level2_names = frame_names()
        cast(forms.ChoiceField, self.fields["level1"]).choices = _level_choices(level1_names, data_level1)
        cast(forms.ChoiceField, self.fields["level2"]).choices = _level_choices(level2_names, data_level2)

    def _current(self, name: str) -> str | None:
        if self.is_bound:
            value = self.data.get(self.add_prefix(name))
            return str(value) if value else None
        value = self.initial.get(name)
        return str(value) if value else None

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        filled = any(cleaned.get(name) for name in ("level3", "value_text", "description", "basis"))
        if filled and not cleaned.get("level3"):
            self.add_error("level3", "请填写三级指标名称。")
        if cleaned.get("level3") and not cleaned.get("value_text"):
            self.add_error("value_text", "请填写指标值，例如 ≥95%、50人、12月底前。")
        return cleaned


# two blank rows under the plan: a new project starts its plan there, an existing one adds a checkpoint
CheckpointFormSet = formset_factory(CheckpointForm, extra=2, can_delete=True)
IndicatorFormSet = formset_factory(IndicatorForm, extra=0, can_delete=True, can_order=True)


def project_initial(project: domain.Project, revision: int) -> dict[str, Any]:
    return {
        "code": project.code,
        "name": project.name,
        "budget_total": project.budget.total,
        "budget_fiscal": project.budget.fiscal,
        "budget_other": project.budget.other,
        "fund_use": project.fund_use,
        "goal": project.goal,
        "revision": revision,
    }


def checkpoint_initial(project: domain.Project) -> list[dict[str, Any]]:
    return [{"label": p.label, "month": p.month, "percent": p.percent} for p in project.spending_plan]


def indicator_initial(project: domain.Project) -> list[dict[str, Any]]:
    return [
        {
            "level1": i.level1,
            "level2": i.level2,
            "level3": i.level3,
            "description": i.description,
            "value_text": i.value.text,
            "basis": i.basis,
            "ORDER": index + 1,
        }
        for index, i in enumerate(project.indicators)
    ]


def project_from_forms(
    form: ProjectForm,
    checkpoints: BaseFormSet[CheckpointForm],
    indicators: BaseFormSet[IndicatorForm],
    original: domain.Project,
) -> domain.Project:
    """The edited project: header and rows from the forms; what the page does not edit is kept from ``original``."""
    data = form.cleaned_data
    plan = [
        domain.SpendingCheckpoint(label=c["label"], month=c.get("month"), percent=c.get("percent"))
        for c in (f.cleaned_data for f in checkpoints.forms)
        if c and c.get("label") and not c.get("DELETE")
    ]
    kept = {index: item for index, item in enumerate(original.indicators)}
    rows = []
    for index, row_form in enumerate(indicators.ordered_forms if indicators.can_order else indicators.forms):
        row = row_form.cleaned_data
        if not row or row.get("DELETE") or not row.get("level3"):
            continue
        previous = kept.get(int(str(row_form.prefix).rsplit("-", 1)[1]))  # a formset's form has a prefix "…-N"
        rows.append((row.get("ORDER") or index + 1, _indicator(row, previous)))
    return domain.Project(
        code=_blank_to_none(data.get("code")),
        name=_blank_to_none(data.get("name")),
        title=original.title,
        unit=original.unit,
        budget=domain.Budget(
            total=data.get("budget_total"),
            fiscal=data.get("budget_fiscal"),
            other=data.get("budget_other"),
            midterm=original.budget.midterm,  # not on the page's form: kept as imported
        ),
        fund_use=_blank_to_none(data.get("fund_use")),
        spending_plan=plan,
        goal=_blank_to_none(data.get("goal")),
        midterm_goal=original.midterm_goal,
        indicators=[indicator for _, indicator in sorted(rows, key=lambda pair: pair[0])],
    )


def _indicator(row: dict[str, Any], previous: domain.Indicator | None) -> domain.Indicator:
    text = (row.get("value_text") or "").strip()
    value = previous.value if previous is not None and previous.value.text == text else parse_value(text)
    return domain.Indicator(
        level1=_blank_to_none(row.get("level1")),
        level2=_blank_to_none(row.get("level2")),
        level3=_blank_to_none(row.get("level3")),
        value=value,
        description=_blank_to_none(row.get("description")),
        basis=_blank_to_none(row.get("basis")),
        weight=previous.weight if previous else None,
        midterm_value=previous.midterm_value if previous else None,
        core=previous.core if previous else False,  # not on the grid: kept as imported
    )


class OverallForm(forms.Form):
    goal = forms.CharField(label="总体绩效目标", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    revision = forms.IntegerField(widget=forms.HiddenInput)


class SubGoalForm(forms.Form):
    title = forms.CharField(label="分项绩效目标", max_length=500, required=False)
    description = forms.CharField(label="说明", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    refinements = forms.CharField(
        label="细化目标（每行一条）", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class SafeguardForm(forms.Form):
    title = forms.CharField(label="保障措施", max_length=500, required=False)
    description = forms.CharField(label="说明", required=False, widget=forms.Textarea(attrs={"rows": 2}))


SubGoalFormSet = formset_factory(SubGoalForm, extra=1, can_delete=True)
SafeguardFormSet = formset_factory(SafeguardForm, extra=1, can_delete=True)


def overall_from_forms(
    form: OverallForm, subgoals: BaseFormSet[SubGoalForm], safeguards: BaseFormSet[SafeguardForm]
) -> domain.Overall:
    goals = [
        domain.SubGoal(
            title=row["title"].strip(),
            description=_blank_to_none(row.get("description")),
            refinements=[line.strip() for line in (row.get("refinements") or "").splitlines() if line.strip()],
        )
        for row in (f.cleaned_data for f in subgoals.forms)
        if row and row.get("title") and not row.get("DELETE")
    ]
    measures = [
        domain.Safeguard(title=row["title"].strip(), description=_blank_to_none(row.get("description")))
        for row in (f.cleaned_data for f in safeguards.forms)
        if row and row.get("title") and not row.get("DELETE")
    ]
    return domain.Overall(goal=_blank_to_none(form.cleaned_data.get("goal")), subgoals=goals, safeguards=measures)


class ImportForm(forms.Form):
    file = forms.FileField(
        label="目标表文件", help_text="支持发布的文本（.txt）、规范 JSON，以及 Word、Excel、PDF、HTML 文件。"
    )
    organisation: forms.ModelChoiceField[Organisation] = forms.ModelChoiceField(
        queryset=None, label="导入到单位", empty_label=None
    )
    replace = forms.BooleanField(label="替换已有年度", required=False)

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast("forms.ModelChoiceField[Organisation]", self.fields["organisation"]).queryset = organisations


class NewProjectForm(forms.Form):
    """What a new project needs before it exists: a name; its code and budget if already known."""

    name = forms.CharField(label="项目名称", max_length=300, error_messages={"required": "请填写项目名称。"})
    code = forms.CharField(label="项目编码", max_length=64, required=False)
    budget_total = AmountField(label="预算数", required=False)


class CopyYearForm(forms.Form):
    year = forms.IntegerField(label="新年度", min_value=2000, max_value=2100)
