"""The forms of accounts: naming a new API token."""

from __future__ import annotations

from django import forms


class TokenForm(forms.Form):
    name = forms.CharField(
        label="用途", max_length=100, error_messages={"required": "请写明令牌的用途，例如“预算系统同步”。"}
    )
