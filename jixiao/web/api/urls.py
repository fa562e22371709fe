"""The JSON API under /api/."""

from django.urls import path

from jixiao.web.api import views

urlpatterns = [
    path("api/openapi.json", views.openapi, name="openapi"),
    path("api/departments", views.departments, name="api_departments"),
    path("api/departments/<int:pk>/document", views.department_document, name="api_department_document"),
    path("api/departments/<int:pk>/projects", views.projects, name="api_projects"),
    path("api/projects/<int:pk>", views.project, name="api_project"),
    path("api/projects/<int:pk>/indicators", views.indicators, name="api_indicators"),
    path("api/projects/<int:pk>/indicators/<int:index>", views.indicator, name="api_indicator"),
]
