"""Setting targets: the home page, department and project pages, the editing grid's fragments, import and copy."""

from django.urls import path

from jixiao.web.targets import views

urlpatterns = [
    path("", views.home, name="home"),
    path("departments/<int:pk>/", views.department_detail, name="department"),
    path("departments/<int:pk>/overall/", views.department_overall, name="department_overall"),
    path("departments/<int:pk>/copy/", views.department_copy, name="department_copy"),
    path("departments/<int:pk>/projects/new/", views.project_new, name="project_new"),
    path("departments/<int:pk>/export/<str:fmt>/", views.department_export, name="department_export"),
    path("projects/<int:pk>/", views.project_detail, name="project"),
    path("projects/<int:pk>/delete/", views.project_delete, name="project_delete"),
    path("projects/<int:pk>/export/<str:fmt>/", views.project_export, name="project_export"),
    path("fragments/value/", views.value_preview, name="value_preview"),
    path("fragments/indicator-row/", views.indicator_row, name="indicator_row"),
    path("fragments/indicator-paste/", views.indicator_paste, name="indicator_paste"),
    path("import/", views.import_start, name="import"),
    path("import/preview/", views.import_preview, name="import_preview"),
]
