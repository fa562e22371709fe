"""Reviewers' comments."""

from django.urls import path

from jixiao.web.review import views

urlpatterns = [
    path("projects/<int:pk>/comments/", views.comment_add, name="comment_add"),
]
