from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Login, lockout and API tokens."""

    name = "jixiao.web.accounts"
    label = "accounts"
    verbose_name = "账号与令牌"
