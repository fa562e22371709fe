"""The self-evaluation (绩效自评) of a project and a department's list, with their exports."""

from django.urls import path

from jixiao.web.evaluation import orphans, views

app_name = "evaluation"
urlpatterns = [
    path("projects/<int:pk>/evaluation/", views.project_page, name="project"),
    path("projects/<int:pk>/evaluation/delete/", views.evaluation_delete, name="delete"),
    path("evaluation-entries/<int:pk>/relink/", orphans.evaluation_relink, name="entry_relink"),
    path("evaluation-entries/<int:pk>/delete/", orphans.evaluation_entry_delete, name="entry_delete"),
    path("projects/<int:pk>/evaluation/export/<str:fmt>/", views.project_export, name="project_export"),
    path("departments/<int:pk>/evaluation/", views.department_page, name="department"),
    path("departments/<int:pk>/evaluation/export/<str:fmt>/", views.department_export, name="department_export"),
]
