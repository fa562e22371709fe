"""``jixiao backup`` / ``jixiao restore``: the restored database equals the original, on SQLite and on PostgreSQL."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.db import connection

from jixiao.cli import main
from jixiao.domain.model import Project
from jixiao.formats import canonical
from jixiao.web.audit.models import AuditEntry
from jixiao.web.audit.services import audit_record, audit_verify
from jixiao.web.backup import PGDUMP_MAGIC, SQLITE_MAGIC
from jixiao.web.demo import demo_load
from jixiao.web.records import services
from jixiao.web.records.models import Department


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def documents() -> dict[str, str]:
    """Every department as canonical JSON (jixiao.targets/1): what must survive the round trip unchanged."""
    return {
        f"{d.code}/{d.year}": canonical.to_json(services.department_document(d))
        for d in Department.objects.order_by("pk")
    }


@pytest.mark.django_db(transaction=True)  # the restore replaces the database: no test transaction may hold it
def test_a_backup_restores_to_the_same_departments_and_an_intact_audit_chain(tmp_path: Path) -> None:
    demo_load()
    audit_record(action="jixiao.test.before_backup", params={"note": "备份前"})
    original, entries = documents(), AuditEntry.objects.count()
    backup = tmp_path / "jixiao.backup"

    code, out, _ = run("backup", str(backup))
    assert code == 0 and "已备份到" in out
    assert backup.read_bytes().startswith(SQLITE_MAGIC if connection.vendor == "sqlite" else PGDUMP_MAGIC)

    seed = Department.objects.get(code="287001")
    services.project_create(department=seed, content=Project(code=None, name="备份后新建"))  # a change to undo
    assert documents() != original

    code, _, err = run("restore", str(backup))
    assert code == 2 and "目标数据库不是空的" in err and "--force" in err
    code, out, err = run("restore", str(backup), "--force")
    assert (code, err) == (0, ""), err
    assert "已从" in out and "审计链完好" in out

    assert documents() == original
    restored = AuditEntry.objects.order_by("seq")
    # The backup's own entry came after the copy; the restore then appended its own to the restored chain.
    assert restored.count() == entries + 1 and restored.last().action == "jixiao.system.restored"  # type: ignore[union-attr]
    assert audit_verify().ok
    if connection.vendor == "postgresql":  # the append-only trigger came back with the schema
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM pg_trigger WHERE tgname = 'audit_entry_append_only'")
            assert cursor.fetchone() == (1,)


@pytest.mark.django_db
def test_restore_refuses_a_file_that_is_not_a_backup_or_is_for_the_other_database(tmp_path: Path) -> None:
    stray = tmp_path / "notes.txt"
    stray.write_text("不是备份", encoding="utf-8")
    code, _, err = run("restore", str(stray), "--force")
    assert code == 2 and "不是 Jixiao 的备份文件" in err
    other = tmp_path / "other.backup"
    other.write_bytes((PGDUMP_MAGIC if connection.vendor == "sqlite" else SQLITE_MAGIC) + b"\x00" * 64)
    code, _, err = run("restore", str(other), "--force")
    assert code == 2 and "无法恢复" in err
    code, _, err = run("restore", str(tmp_path / "missing.backup"))
    assert code == 2 and "找不到文件" in err
