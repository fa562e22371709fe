"""The auditor's search form; the same filters drive the page and the exports."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone

from jixiao.web.audit.models import AuditEntry


class AuditFilterForm(forms.Form):
    user = forms.CharField(label="用户", required=False, max_length=150)
    action = forms.CharField(label="操作", required=False, max_length=100, help_text="代码或其前缀，如 jixiao.auth")
    object = forms.CharField(
        label="对象", required=False, max_length=300, help_text="类型#ID（如 targets.project#12）或名称"
    )
    date_from = forms.DateField(label="起始日期", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label="截止日期", required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            raise forms.ValidationError("起始日期不能晚于截止日期。")
        return data

    def filters(self) -> dict[str, str]:
        """The filters in use, as text (recorded with each export)."""
        return {name: str(value) for name, value in self.cleaned_data.items() if value not in (None, "")}

    def apply(self, entries: QuerySet[AuditEntry]) -> QuerySet[AuditEntry]:
        data = self.cleaned_data
        if data.get("user"):
            entries = entries.filter(username__icontains=data["user"].strip())
        if data.get("action"):
            entries = entries.filter(action__startswith=data["action"].strip())
        if data.get("object"):
            entries = entries.filter(_object_query(data["object"].strip()))
        if data.get("date_from"):
            entries = entries.filter(at__gte=_day_start(data["date_from"]))
        if data.get("date_to"):
            entries = entries.filter(at__lt=_day_start(data["date_to"]) + timedelta(days=1))
        return entries


def _object_query(text: str) -> Q:
    if "#" in text:
        object_type, _, object_id = text.partition("#")
        query = Q(object_type=object_type.strip())
        return query & Q(object_id=object_id.strip()) if object_id.strip() else query
    return Q(label__icontains=text) | Q(object_type=text) | Q(object_id=text)


def _day_start(day: date) -> datetime:
    """Midnight of ``day`` in the site's time zone (Asia/Shanghai): auditors think in local dates."""
    return timezone.make_aware(datetime.combine(day, time.min))
