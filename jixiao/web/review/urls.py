"""The reviewer's document view of a department, and reviewers' comments."""

from django.urls import path

from jixiao.web.review import views

urlpatterns = [
    path("projects/<int:pk>/acknowledge/", views.acknowledge, name="acknowledge"),
    path("departments/<int:pk>/review/", views.department_review, name="department_review"),
    path("projects/<int:pk>/comments/", views.comment_add, name="comment_add"),
]
