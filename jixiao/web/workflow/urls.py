"""The workflow: a department's actions and history, to-do and notifications."""

from django.urls import path

from jixiao.web.workflow import views

urlpatterns = [
    path("departments/<int:pk>/act/<str:action>/", views.department_act, name="department_act"),
    path("departments/<int:pk>/history/", views.department_history, name="department_history"),
    path("todo/", views.todo, name="todo"),
    path("notifications/", views.notifications, name="notifications"),
]
