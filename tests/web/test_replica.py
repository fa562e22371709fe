"""Reports read from a replica: the router, the context, the export views, and the fall-back to the primary.

The replica here is Django's test MIRROR of the test database (tests/settings.py): a second connection to the same
database, so the tests are transactional (a row written in one connection's open transaction would not be seen by the
other) and the replica only ever sees committed data, as a real standby does.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.db import DEFAULT_DB_ALIAS, connections, router, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from jixiao.web import routers
from jixiao.web.audit.models import AuditEntry
from jixiao.web.audit.services import audit_record
from jixiao.web.env import REPLICA_CONNECT_TIMEOUT, SettingError, parse_database_url, parse_replica_url
from jixiao.web.records.models import Department, Project
from jixiao.web.routers import REPLICA, read_from_replica, reading_from_replica

pytestmark = pytest.mark.django_db(transaction=True, databases=[DEFAULT_DB_ALIAS, REPLICA])

HELP = "130304219BN52UPM55EI7"  # a demo project of the seed department


@pytest.fixture
def replica(settings: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """Reports read from the mirror alias; no failure remembered from an earlier test."""
    settings.JIXIAO_READ_REPLICA = REPLICA
    monkeypatch.setattr(routers, "_down_until", 0.0)


@pytest.fixture
def unreachable(replica: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """The replica alias points at a server (or file) that is not there."""
    connection = connections[REPLICA]
    if connection.vendor == "postgresql":
        monkeypatch.setitem(connection.settings_dict, "HOST", "/nonexistent-jixiao-replica")
    else:
        monkeypatch.setitem(connection.settings_dict, "NAME", "file:/nonexistent-jixiao-replica/db.sqlite3?mode=ro")
    connection.close()  # after the change: Django keeps an in-memory SQLite database open otherwise


def _queries(alias: str) -> CaptureQueriesContext:
    return CaptureQueriesContext(connections[alias])


# -- the router and the context -----------------------------------------------------------------------------------


def test_it_reads_report_tables_from_the_replica_inside_the_context(replica: None) -> None:
    with _queries(REPLICA) as on_replica, _queries(DEFAULT_DB_ALIAS) as on_primary, reading_from_replica() as routed:
        Department.objects.count()
    assert routed
    assert len(on_replica) == 1 and len(on_primary) == 0


def test_it_reads_the_primary_outside_the_context(replica: None) -> None:
    with _queries(REPLICA) as on_replica:
        Department.objects.count()
    assert len(on_replica) == 0


def test_an_object_read_from_the_replica_reads_its_relations_from_the_primary_afterwards(
    replica: None, demo: dict[str, Department]
) -> None:
    with reading_from_replica():
        department = Department.objects.get(pk=demo["seed"].pk)
    assert department._state.db == REPLICA
    with _queries(REPLICA) as on_replica:
        list(department.projects.all())
    assert len(on_replica) == 0


def test_it_keeps_users_and_sessions_on_the_primary(replica: None) -> None:
    with _queries(REPLICA) as on_replica, reading_from_replica():
        get_user_model().objects.count()
    assert len(on_replica) == 0


def test_it_reads_the_primary_inside_a_transaction(replica: None) -> None:
    with _queries(REPLICA) as on_replica, reading_from_replica(), transaction.atomic():
        Department.objects.count()
    assert len(on_replica) == 0


def test_writes_and_the_reads_they_need_go_to_the_primary(replica: None) -> None:
    with _queries(REPLICA) as on_replica, reading_from_replica():
        entry = audit_record(action="jixiao.test.replica")
    assert len(on_replica) == 0
    assert router.db_for_write(AuditEntry) == DEFAULT_DB_ALIAS
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_migrations_run_on_the_primary_only() -> None:
    assert router.allow_migrate(DEFAULT_DB_ALIAS, "targets")
    assert not router.allow_migrate(REPLICA, "targets")


def test_without_a_replica_the_context_reads_the_primary() -> None:
    with _queries(REPLICA) as on_replica, reading_from_replica() as routed:
        Department.objects.count()
    assert not routed and len(on_replica) == 0


# -- lag and failure ------------------------------------------------------------------------------------------------


def test_a_row_missing_on_the_replica_is_read_from_the_primary(replica: None, caplog: pytest.LogCaptureFixture) -> None:
    def read() -> str:
        if router.db_for_read(Project) == REPLICA:  # the standby has not replayed the save yet
            raise Project.DoesNotExist
        return "primary"

    assert read_from_replica(read) == "primary"
    assert "改读主库" in caplog.text


def test_an_unreachable_replica_falls_back_to_the_primary_and_says_so(
    unreachable: None, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="jixiao.web.routers"), reading_from_replica() as routed:
        count = Department.objects.count()
    assert not routed and count == 0
    assert "只读副本 replica 无法连接" in caplog.text


def test_an_unreachable_replica_is_not_tried_again_for_half_a_minute(
    unreachable: None, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    now = [1000.0]
    monkeypatch.setattr(routers, "monotonic", lambda: now[0])
    for _ in range(3):
        with reading_from_replica():
            pass
    assert caplog.text.count("无法连接") == 1
    now[0] += routers.RETRY_AFTER_SECONDS
    with reading_from_replica():
        pass
    assert caplog.text.count("无法连接") == 2


# -- the views ------------------------------------------------------------------------------------------------------


def _exports(demo: dict[str, Department]) -> list[tuple[str, str]]:
    """(persona, url) of every download routed to the replica."""
    project = demo["seed"].projects.get(code=HELP).pk
    department = demo["seed"].pk
    return [
        ("editor", reverse("department_export", args=[department, "html"])),
        ("editor", reverse("project_export", args=[project, "docx"])),
        ("editor", reverse("monitoring:project_export", args=[project, "html"])),
        ("editor", reverse("monitoring:department_export", args=[department, "xlsx"])),
        ("editor", reverse("evaluation:project_export", args=[project, "html"])),
        ("editor", reverse("evaluation:department_export", args=[department, "xlsx"])),
        ("auditor", reverse("audit:entries") + "?action=jixiao"),
        ("auditor", reverse("audit:export", args=["csv"])),
        ("auditor", reverse("audit:export", args=["xlsx"])),
    ]


def _get(client: Client, url: str) -> bytes:
    response = client.get(url)
    assert response.status_code == 200, url
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_the_export_views_read_from_the_replica(
    replica: None, demo: dict[str, Department], editor: Client, auditor: Client
) -> None:
    clients = {"editor": editor, "auditor": auditor}
    for persona, url in _exports(demo):
        with _queries(REPLICA) as on_replica:
            _get(clients[persona], url)
        assert len(on_replica) > 0, url
        assert not any("FOR UPDATE" in q["sql"] or q["sql"].startswith("INSERT") for q in on_replica), url


def test_the_audit_export_records_itself_on_the_primary(
    replica: None, demo: dict[str, Department], auditor: Client
) -> None:
    with _queries(REPLICA) as on_replica:
        body = _get(auditor, reverse("audit:export", args=["csv"]))
    recorded = AuditEntry.objects.using(DEFAULT_DB_ALIAS).get(action="jixiao.audit.exported")
    assert not any("audit_audithead" in q["sql"] for q in on_replica)
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert json.loads(recorded.params)["count"] == len(rows) - 2  # the header and the export's own entry


def test_other_pages_read_the_primary_only(
    replica: None, demo: dict[str, Department], editor: Client, finance: Client
) -> None:
    project = demo["seed"].projects.get(code=HELP).pk
    department = demo["seed"].pk
    pages = [
        (editor, reverse("home")),
        (editor, reverse("department", args=[department])),
        (editor, reverse("project", args=[project])),
        (editor, reverse("monitoring:department", args=[department])),
        (editor, reverse("evaluation:project", args=[project])),
        (finance, reverse("overview")),
    ]
    for client, url in pages:
        with _queries(REPLICA) as on_replica:
            _get(client, url)
        assert len(on_replica) == 0, url


def test_downloads_work_when_the_replica_is_unreachable(
    unreachable: None, demo: dict[str, Department], editor: Client, auditor: Client
) -> None:
    clients = {"editor": editor, "auditor": auditor}
    for persona, url in _exports(demo):
        assert _get(clients[persona], url)


# -- settings -------------------------------------------------------------------------------------------------------


def test_the_replica_url_is_read_like_the_primary_with_a_short_connect_timeout(tmp_path: Path) -> None:
    primary = parse_database_url("postgresql://jixiao@db1/jixiao", tmp_path / "x")
    entry = parse_replica_url("postgresql://report@db2:5433/jixiao", primary, conn_max_age=0, pooler="pgbouncer")
    assert entry is not None
    assert (entry["HOST"], entry["PORT"], entry["USER"]) == ("db2", "5433", "report")
    assert (entry["CONN_MAX_AGE"], entry["DISABLE_SERVER_SIDE_CURSORS"]) == (0, True)
    assert entry["OPTIONS"] == {"connect_timeout": REPLICA_CONNECT_TIMEOUT}
    assert parse_replica_url(" ", primary) is None


@pytest.mark.parametrize(
    ("primary_url", "replica_url"),
    [("", "postgresql://report@db2/jixiao"), ("postgresql://jixiao@db1/jixiao", "sqlite:///tmp/copy.sqlite3")],
)
def test_a_replica_beside_anything_but_postgresql_is_refused(
    tmp_path: Path, primary_url: str, replica_url: str
) -> None:
    primary = parse_database_url(primary_url, tmp_path / "a.sqlite3")
    with pytest.raises(SettingError, match="DATABASE_REPLICA_URL 只适用于 PostgreSQL"):
        parse_replica_url(replica_url, primary)


def _settings(tmp_path: Path, extra: dict[str, str]) -> list[str]:
    """The replica alias's host and JIXIAO_READ_REPLICA as the site's settings read them from ``extra``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JIXIAO_", "DJANGO_", "DATABASE_"))}
    env.update({"JIXIAO_DATA_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "jixiao.web.settings"})
    env.update({"JIXIAO_SECRET_KEY": "a-real-secret-for-this-test-only-0123456789", **extra})
    code = "from django.conf import settings as s; r = s.DATABASES.get('replica', {}); "
    code += "print(r.get('HOST', '-'), r.get('CONN_MAX_AGE', '-'), s.JIXIAO_READ_REPLICA)"
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_the_settings_add_the_replica_only_when_its_url_is_set(tmp_path: Path) -> None:
    primary = {"DATABASE_URL": "postgresql://jixiao@db1/jixiao", "JIXIAO_DB_CONN_MAX_AGE": "0"}
    assert _settings(tmp_path, primary) == ["-", "-", "None"]
    both = {**primary, "DATABASE_REPLICA_URL": "postgresql://report@db2/jixiao"}
    assert _settings(tmp_path, both) == ["db2", "0", "replica"]
