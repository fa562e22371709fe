from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Login, lock-out, the password policy and changes, idle sessions, API tokens."""

    name = "jixiao.web.accounts"
    label = "accounts"
    verbose_name = "账号与令牌"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from jixiao.web.accounts import signals  # noqa: F401  (the sign-in receiver)
