"""Monitoring (执行监控), payments and the ledger import, under the targets' URLs."""

from django.urls import path

from jixiao.web.monitoring.views import ledger, monitoring, orphans, payments

app_name = "monitoring"
urlpatterns = [
    path("projects/<int:pk>/monitoring/", monitoring.project_page, name="project"),
    path("projects/<int:pk>/monitoring/indicators/", monitoring.indicators_save, name="indicators_save"),
    path("projects/<int:pk>/monitoring/delete/", monitoring.report_delete, name="report_delete"),
    path("monitoring-entries/<int:pk>/relink/", orphans.monitoring_relink, name="monitoring_relink"),
    path("monitoring-entries/<int:pk>/delete/", orphans.monitoring_entry_delete, name="monitoring_entry_delete"),
    path("projects/<int:pk>/monitoring/chart.svg", monitoring.project_chart, name="project_chart"),
    path("projects/<int:pk>/monitoring/export/<str:fmt>/", monitoring.project_export, name="project_export"),
    path("projects/<int:pk>/payments/new/", payments.payment_add, name="payment_add"),
    path("payments/<int:pk>/edit/", payments.payment_edit, name="payment_edit"),
    path("payments/<int:pk>/delete/", payments.payment_delete, name="payment_delete"),
    path("departments/<int:pk>/monitoring/", monitoring.department_page, name="department"),
    path("departments/<int:pk>/monitoring/chart.svg", monitoring.department_chart, name="department_chart"),
    path("departments/<int:pk>/monitoring/export/<str:fmt>/", monitoring.department_export, name="department_export"),
    path("departments/<int:pk>/ledger/", ledger.ledger_upload, name="ledger"),
    path("departments/<int:pk>/ledger/preview/", ledger.ledger_preview, name="ledger_preview"),
]
