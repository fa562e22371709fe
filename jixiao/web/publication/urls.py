"""The public site: published target tables, readable without an account."""

from django.urls import path

from jixiao.web.publication import views

urlpatterns = [
    path("projects/<int:pk>/publication/", views.project_publication, name="project_publication"),
    path("public/", views.public_index, name="public_index"),
    path("public/document.css", views.public_stylesheet, name="public_stylesheet"),
    path("public/departments/<int:pk>/", views.public_department, name="public_department"),
    path("public/departments/<int:pk>/download/<str:fmt>/", views.public_download, name="public_download"),
]
