from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    name = "jixiao.web.monitoring"
    label = "monitoring"
    verbose_name = "执行监控与绩效自评"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from jixiao.web.monitoring import figures, signals  # noqa: F401  (signal receivers: figures, deletions)
        from jixiao.web.monitoring.selectors import in_year_counts
        from jixiao.web.records.import_plan import register_counter

        register_counter(in_year_counts)

        from jixiao.web.monitoring import exports
        from jixiao.web.records import documents

        documents.register(exports.MONITORING)
