from django.apps import AppConfig


class ApiConfig(AppConfig):
    """The JSON API for other systems."""

    name = "jixiao.web.api"
    label = "api"
    verbose_name = "接口"
