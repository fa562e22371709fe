from django.urls import path

from jixiao.web.audit import views

app_name = "audit"
urlpatterns = [
    path("", views.entries, name="entries"),
    path("export/<str:fmt>/", views.export, name="export"),
    path("verify/", views.verify, name="verify"),
]
