"""The finance bureau's overview of every unit it oversees."""

from django.urls import path

from jixiao.web.results import views

urlpatterns = [
    path("overview/", views.overview, name="overview"),
]
