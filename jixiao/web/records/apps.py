from django.apps import AppConfig


class RecordsConfig(AppConfig):
    """The stored documents every stage works on: organisations, memberships, departments' target documents, projects,
    indicators, versions and workflow events. The app label stays ``targets`` (the tables, migrations and backups
    name it so)."""

    name = "jixiao.web.records"
    label = "targets"
    verbose_name = "绩效目标"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from jixiao.web.records import documents, exports

        documents.register(exports.DEPARTMENT_TARGETS)
        documents.register(exports.PROJECT_TARGETS)
        documents.register_list(exports.AUDIT_TRAIL)
