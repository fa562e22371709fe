"""The JSON API under /api/: the operations (``api:<name>``) and their generated OpenAPI description."""

from django.urls import path, register_converter

from jixiao.web.api import views


class _Rest:
    """Whatever follows ``/api/``, line breaks included (Django's ``path`` converter stops at them)."""

    regex = r"[\s\S]+"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(_Rest, "api_rest")

urlpatterns = [
    path("api/openapi.json", views.openapi, name="openapi"),
    path("api/", views.api.urls),
    path("api/<api_rest:rest>", views.unknown, name="api_unknown"),  # not an operation: a JSON 404, not the HTML page
]
