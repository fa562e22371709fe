"""Site URLs, one include per app along the lifecycle; the admin under /admin/ and the audit trail under /audit/."""

from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic.base import RedirectView

urlpatterns = [
    # browsers ask for /favicon.ico whatever the page says; the icon is the project's own drawing
    path("favicon.ico", RedirectView.as_view(url=static("jixiao/favicon.svg"), permanent=True)),
    path("admin/", admin.site.urls),
    path("audit/", include("jixiao.web.audit.urls")),
    path("", include("jixiao.web.accounts.urls")),
    path("", include("jixiao.web.targets.urls")),
    path("", include("jixiao.web.workflow.urls")),
    path("", include("jixiao.web.review.urls")),
    path("", include("jixiao.web.publication.urls")),
    path("", include("jixiao.web.monitoring.urls")),
    path("", include("jixiao.web.evaluation.urls")),
    path("", include("jixiao.web.results.urls")),
    path("", include("jixiao.web.api.urls")),
]

handler500 = "jixiao.web.failures.server_error"
