"""Site URLs: login/logout, the admin, the audit trail (/audit/), monitoring and self-evaluation, and the targets app
(pages and /api/)."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from jixiao.web.audit.security import LoginForm

urlpatterns = [
    path(
        "login/",
        auth_views.LoginView.as_view(template_name="targets/login.html", authentication_form=LoginForm),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    path("audit/", include("jixiao.web.audit.urls")),
    path("", include("jixiao.web.monitoring.urls")),
    path("", include("jixiao.web.targets.urls")),
]
