"""The database refuses to empty the audit trail: TRUNCATE on PostgreSQL; UPDATE and DELETE on SQLite too.

PostgreSQL: 0002's row triggers do not fire for ``TRUNCATE``, so a statement-level ``BEFORE TRUNCATE`` trigger calls
the same function. SQLite: two triggers raise on ``UPDATE`` and ``DELETE`` (SQLite has no ``TRUNCATE``; its
``DELETE FROM`` without ``WHERE`` fires them too). Whoever owns the tables can still drop or disable the triggers;
the signed checkpoints outside the database (``jixiao/web/audit/checkpoints.py``) are what detect that.

On SQLite, Django rebuilds a table to alter it, which drops its triggers: a later migration that alters
``audit_auditentry`` must create them again (the statements below).
"""

from collections.abc import Callable

from django.apps.registry import Apps
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

POSTGRESQL_CREATE = """
CREATE TRIGGER audit_entry_no_truncate BEFORE TRUNCATE ON audit_auditentry
    FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_append_only();
"""
POSTGRESQL_DROP = "DROP TRIGGER IF EXISTS audit_entry_no_truncate ON audit_auditentry;"

SQLITE_CREATE = [
    """
CREATE TRIGGER IF NOT EXISTS audit_entry_no_update BEFORE UPDATE ON audit_auditentry
BEGIN SELECT RAISE(ABORT, '审计记录只能追加，不能修改或删除（UPDATE）'); END;
""",
    """
CREATE TRIGGER IF NOT EXISTS audit_entry_no_delete BEFORE DELETE ON audit_auditentry
BEGIN SELECT RAISE(ABORT, '审计记录只能追加，不能修改或删除（DELETE）'); END;
""",
]
SQLITE_DROP = ["DROP TRIGGER IF EXISTS audit_entry_no_update;", "DROP TRIGGER IF EXISTS audit_entry_no_delete;"]


def _run(postgresql: list[str], sqlite: list[str]) -> Callable[[Apps, BaseDatabaseSchemaEditor], None]:
    def run(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
        vendor = schema_editor.connection.vendor
        for sql in postgresql if vendor == "postgresql" else sqlite if vendor == "sqlite" else []:
            schema_editor.execute(sql, None)

    return run


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_append_only_trigger")]

    operations = [
        migrations.RunPython(
            _run([POSTGRESQL_CREATE], SQLITE_CREATE), _run([POSTGRESQL_DROP], SQLITE_DROP), elidable=False
        )
    ]
