"""The audit trail: a gap-free SHA-256 chain that refuses changes, records logins, and shows tampering to verify."""

from __future__ import annotations

import importlib
import io
import json
import logging
import os
import threading
from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth import get_user_model
from django.db import connection, connections, transaction
from django.db.utils import DatabaseError
from django.test import Client, RequestFactory
from django.utils import timezone
from openpyxl import load_workbook

from jixiao.cli import main
from jixiao.web.audit import chain, checkpoints
from jixiao.web.audit.context import request_context
from jixiao.web.audit.models import AuditEntry, AuditHead, AuditImmutableError
from jixiao.web.audit.services import audit_record, audit_restored, audit_verify
from jixiao.web.demo import DEMO_PASSWORD
from jixiao.web.records.models import Department, Organisation

POSTGRES = connection.vendor == "postgresql"
TRIGGERS = importlib.import_module("jixiao.web.audit.migrations.0003_no_truncate_sqlite_triggers")


def verify() -> tuple[int, str, str]:
    return run_cli("audit", "verify")


def run_cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def record_three() -> list[AuditEntry]:
    return [audit_record(action=f"jixiao.test.step{n}", params={"n": n}) for n in (1, 2, 3)]


def raw(sql: str, params: list[Any] | None = None) -> None:
    """Change the table behind the application's back, as a database administrator could: first lift the triggers
    (the test's transaction, rolled back at its end, brings them back)."""
    with connection.cursor() as cursor:
        if POSTGRES:  # the test database's user is a superuser, as such an administrator would be
            cursor.execute("ALTER TABLE audit_auditentry DISABLE TRIGGER USER")
        else:
            for drop in TRIGGERS.SQLITE_DROP:
                cursor.execute(drop)
        cursor.execute(sql, params or [])


def committed(work: Callable[[], Any], capture: Any) -> Any:
    """Run ``work`` and the on-commit hooks it left, as when its transaction commits (the test's never does)."""
    with capture(execute=True):
        return work()


# -- the chain ---------------------------------------------------------------------------------------------------


def test_the_canonical_form_and_hash_are_the_documented_ones() -> None:
    content = {
        "v": 1,
        "seq": 1,
        "prev": chain.GENESIS,
        "at": "2021-03-04T05:06:07.000008Z",
        "user_id": 7,
        "username": "unit287001",
        "ip": "10.0.0.1",
        "user_agent": "Mozilla/5.0",
        "action": "jixiao.project.saved",
        "object_type": "targets.project",
        "object_id": "12",
        "label": "老干部局关心下一代工作经费",
        "before": '{"budget":"5.00"}',
        "after": '{"budget":"6.00"}',
        "params": "{}",
    }
    text = chain.canonical(content).decode("utf-8")
    assert text.startswith('{"action":"jixiao.project.saved","after":"{\\"budget\\":\\"6.00\\"}","at":')
    assert "老干部局" in text and " " not in text.replace("Mozilla/5.0", "")
    # The same value appears in docs/security.md: changing the format breaks every existing chain.
    assert chain.entry_hash(content) == "13c537638454fddc615d51006a02ddf41c3c29602f97babb431b790db0f0b6a8"
    with pytest.raises(ValueError):
        chain.canonical({**content, "extra": 1})


@pytest.mark.django_db
def test_each_entry_carries_the_hash_of_the_one_before() -> None:
    first, second, third = record_three()
    assert [first.seq, second.seq, third.seq] == [1, 2, 3]
    assert first.prev_hash == chain.GENESIS
    assert second.prev_hash == first.hash and third.prev_hash == second.hash
    stored = AuditEntry.objects.get(seq=2)
    assert chain.entry_hash(stored.content()) == stored.hash == second.hash
    head = AuditHead.objects.get()
    assert (head.seq, head.hash) == (3, third.hash)
    assert verify()[0] == 0


@pytest.mark.django_db
def test_it_records_target_before_after_and_the_request_it_serves(demo: dict[str, Department]) -> None:
    user = get_user_model().objects.get(username="unit287001")
    request = RequestFactory().post("/x", REMOTE_ADDR="10.1.2.3", HTTP_USER_AGENT="Chromium 120")
    request.user = user
    with request_context(request):
        entry = audit_record(
            action="jixiao.department.saved",
            target=demo["seed"],
            before={"goal": "旧", "amount": __import__("decimal").Decimal("5.00")},
            after='{"goal":"新"}',
        )
    stored = AuditEntry.objects.get(seq=entry.seq)
    assert (stored.user_id, stored.username, stored.ip, stored.user_agent) == (
        user.pk,
        "unit287001",
        "10.1.2.3",
        "Chromium 120",
    )
    assert (stored.object_type, stored.object_id) == ("targets.department", str(demo["seed"].pk))
    assert stored.label == str(demo["seed"])
    assert stored.before == '{"amount":"5.00","goal":"旧"}' and stored.after == '{"goal":"新"}'
    outside = audit_record(action="jixiao.system.note", target=("targets.project", 9), label="x\x00y")
    assert (outside.username, outside.ip, outside.object_id, outside.label) == ("", "", "9", "xy")
    with pytest.raises(ValueError):
        audit_record(action="Project Saved")


@pytest.mark.django_db
def test_the_orm_refuses_to_change_or_delete_entries() -> None:
    entry = record_three()[0]
    entry.label = "改过"
    for attempt in (
        entry.save,
        entry.delete,
        AuditEntry.objects.all().delete,
        lambda: AuditEntry.objects.filter(seq=1).update(label="x"),
        lambda: AuditEntry.objects.bulk_create([AuditEntry(seq=9)]),
    ):
        with pytest.raises(AuditImmutableError, match="只能追加"):
            attempt()
    assert AuditEntry.objects.get(seq=1).label == ""


@pytest.mark.django_db
@pytest.mark.skipif(not POSTGRES, reason="the trigger exists on PostgreSQL only")
def test_postgresql_itself_refuses_update_and_delete() -> None:
    record_three()
    for sql in ("UPDATE audit_auditentry SET label = 'x' WHERE seq = 1", "DELETE FROM audit_auditentry WHERE seq = 3"):
        with pytest.raises(DatabaseError, match="只能追加"), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql)
    assert AuditEntry.objects.count() == 3


@pytest.mark.django_db
def test_the_database_itself_refuses_to_empty_the_trail() -> None:
    record_three()
    statements = ["DELETE FROM audit_auditentry", "UPDATE audit_auditentry SET label = 'x'"]
    if POSTGRES:  # TRUNCATE skips row triggers: a statement trigger of its own refuses it
        statements.append("TRUNCATE audit_auditentry")
    for sql in statements:
        with pytest.raises(DatabaseError, match="只能追加"), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql)
    assert AuditEntry.objects.count() == 3 and verify()[0] == 0


# -- signed checkpoints outside the database -------------------------------------------------------------------------


def checkpoint_lines() -> list[dict[str, Any]]:
    path = checkpoints.checkpoint_path()
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()] if path.exists() else []


@pytest.mark.django_db
def test_each_committed_append_leaves_a_signed_checkpoint_in_the_file_and_the_log(
    django_capture_on_commit_callbacks: Any,
) -> None:
    logged: list[str] = []
    handler = logging.Handler()
    handler.emit = lambda record: logged.append(record.getMessage())  # type: ignore[method-assign]
    logging.getLogger("jixiao.audit.checkpoint").addHandler(handler)
    try:
        entries = committed(record_three, django_capture_on_commit_callbacks)
    finally:
        logging.getLogger("jixiao.audit.checkpoint").removeHandler(handler)
    lines = checkpoint_lines()
    assert [(line["seq"], line["hash"], line["event"]) for line in lines] == [
        (entry.seq, entry.hash, "checkpoint") for entry in entries
    ]
    assert set(lines[0]) == {"v", "event", "db", "seq", "hash", "at", "mac"} and lines[0]["v"] == checkpoints.VERSION
    assert lines[0]["mac"] == checkpoints.sign({k: v for k, v in lines[0].items() if k != "mac"})
    assert checkpoints.checkpoint_path().stat().st_mode & 0o777 == 0o600
    assert [text.split(" ", 1)[1] for text in logged] == checkpoints.checkpoint_path().read_text().splitlines()
    code, out, _ = verify()
    assert code == 0 and "与 3 个签名检查点相符（最新的记有第 3 条" in out


@pytest.mark.django_db
@pytest.mark.parametrize(
    "wipe",
    [
        "DELETE FROM audit_auditentry",
        "TRUNCATE audit_auditentry",
        "DELETE FROM audit_auditentry; DELETE FROM audit_audithead",
    ],
)
def test_verify_finds_the_whole_trail_deleted_and_the_head_reset(
    django_capture_on_commit_callbacks: Any, wipe: str
) -> None:
    if "TRUNCATE" in wipe and not POSTGRES:
        pytest.skip("SQLite has no TRUNCATE")
    committed(record_three, django_capture_on_commit_callbacks)
    for sql in wipe.split("; "):
        raw(sql)
    raw("UPDATE audit_audithead SET seq = 0, hash = %s", [chain.GENESIS])
    assert audit_verify().count == 0  # consistent in itself: only the checkpoints tell
    code, out, err = verify()
    assert (code, out) == (1, "")
    assert "数据库中没有审计记录" in err and "记有第 3 条：审计记录被全部删除" in err


@pytest.mark.django_db
def test_verify_finds_the_last_entries_deleted_and_the_head_moved_back(django_capture_on_commit_callbacks: Any) -> None:
    first, _, _ = committed(record_three, django_capture_on_commit_callbacks)
    raw("DELETE FROM audit_auditentry WHERE seq > 1")
    raw("UPDATE audit_audithead SET seq = 1, hash = %s", [first.hash])
    code, _, err = verify()
    assert code == 1 and "审计链只连续到第 1 条" in err and "记有第 3 条：末尾的记录被删除，链头被改回" in err
    assert str(checkpoints.checkpoint_path()) in err  # where the checkpoint is


@pytest.mark.django_db
def test_verify_finds_a_deleted_tail_even_once_new_entries_took_its_numbers(
    django_capture_on_commit_callbacks: Any,
) -> None:
    first, _, _ = committed(record_three, django_capture_on_commit_callbacks)
    raw("DELETE FROM audit_auditentry WHERE seq > 1")
    raw("UPDATE audit_audithead SET seq = 1, hash = %s", [first.hash])
    later = committed(record_three, django_capture_on_commit_callbacks)  # numbers 2, 3 and 4 again
    assert [entry.seq for entry in later] == [2, 3, 4] and audit_verify().count == 4
    code, _, err = verify()
    assert code == 1 and "第 2 条记录的哈希与" in err and "审计链在这一条或更早的记录处被改写" in err


@pytest.mark.django_db
def test_verify_finds_a_chain_rewritten_after_a_checkpoint(django_capture_on_commit_callbacks: Any) -> None:
    committed(record_three, django_capture_on_commit_callbacks)
    entry = AuditEntry.objects.get(seq=3)
    entry.label = "改写"
    rewritten = chain.entry_hash(entry.content())  # a consistent rewrite: new hash, head moved along
    raw("UPDATE audit_auditentry SET label = %s, hash = %s WHERE seq = 3", ["改写", rewritten])
    raw("UPDATE audit_audithead SET hash = %s", [rewritten])
    code, _, err = verify()
    assert code == 1 and "第 3 条记录的哈希与" in err and "签名检查点" in err and "被改写" in err


@pytest.mark.django_db
def test_a_forged_checkpoint_or_a_changed_key_is_reported(
    django_capture_on_commit_callbacks: Any, settings: Any
) -> None:
    committed(record_three, django_capture_on_commit_callbacks)
    path = checkpoints.checkpoint_path()
    original = path.read_text(encoding="utf-8")
    forged = json.loads(original.splitlines()[-1]) | {"seq": 2}
    path.write_text(original + json.dumps(forged) + "\n", encoding="utf-8")
    code, _, err = verify()
    assert code == 1 and f"检查点 {path}:4 的签名不符" in err
    path.write_text(original, encoding="utf-8")
    assert verify()[0] == 0
    settings.JIXIAO_AUDIT_KEY = "another-key"
    code, _, err = verify()
    assert code == 1 and "的签名不符" in err and "另有 2 处同类问题" in err


@pytest.mark.django_db
def test_an_exported_checkpoint_file_or_log_excerpt_is_checked_too(
    django_capture_on_commit_callbacks: Any, tmp_path: Path
) -> None:
    first, _, _ = committed(record_three, django_capture_on_commit_callbacks)
    exported = tmp_path / "checkpoints.jsonl"
    code, _, err = run_cli("audit", "checkpoints", "-o", str(exported))
    assert code == 0 and "已导出 3 个审计检查点" in err and exported.stat().st_mode & 0o777 != 0
    log = tmp_path / "journal.txt"
    log.write_text(
        "".join(f"Dec 08 jixiao[1]: jixiao.audit.checkpoint {line}\n" for line in exported.read_text().splitlines())
    )
    # Someone deletes the tail, moves the head back and removes the local checkpoint file too.
    raw("DELETE FROM audit_auditentry WHERE seq > 1")
    raw("UPDATE audit_audithead SET seq = 1, hash = %s", [first.hash])
    checkpoints.checkpoint_path().unlink()
    assert verify()[0] == 0  # the database alone cannot tell
    for evidence in (exported, log):
        code, _, err = run_cli("audit", "verify", "--checkpoints", str(evidence))
        assert code == 1 and "记有第 3 条" in err and str(evidence) in err
    code, _, err = run_cli("audit", "verify", "--checkpoints", str(tmp_path / "missing.jsonl"))
    assert code == 2 and "找不到文件" in err


@pytest.mark.django_db
def test_audit_checkpoint_writes_one_for_a_verified_head_only() -> None:
    last = record_three()[-1]  # never committed: no checkpoint yet
    assert checkpoint_lines() == []
    code, out, _ = run_cli("audit", "checkpoint")
    assert code == 0 and f"已写入审计检查点：第 3 条，哈希 {last.hash}" in out
    assert [(line["seq"], line["hash"]) for line in checkpoint_lines()] == [(3, last.hash)]
    raw("UPDATE audit_auditentry SET label = 'x' WHERE seq = 2")
    code, out, err = run_cli("audit", "checkpoint")
    assert (code, out) == (1, "") and "记录被修改" in err and len(checkpoint_lines()) == 1


@pytest.mark.django_db
def test_checkpoints_of_another_database_or_from_before_a_restore_do_not_bind(
    django_capture_on_commit_callbacks: Any, settings: Any
) -> None:
    first, _, _ = committed(record_three, django_capture_on_commit_callbacks)
    other = checkpoints.Checkpoint(
        "checkpoint", "sqlite:/elsewhere.sqlite3", 99, "f" * 64, "2099-01-01T00:00:00.000000Z"
    )
    with checkpoints.checkpoint_path().open("a", encoding="utf-8") as file:
        file.write(replace(other, mac=checkpoints.sign(other.fields())).line() + "\n")
    assert verify()[0] == 0
    # A restore takes the chain back to an earlier backup: its signed "restored" checkpoint supersedes the others.
    raw("DELETE FROM audit_auditentry WHERE seq > 1")
    raw("UPDATE audit_audithead SET seq = 1, hash = %s", [first.hash])
    assert verify()[0] == 1
    assert audit_restored().event == "restored"
    code, out, _ = verify()
    assert code == 0 and "与 1 个签名检查点相符（最新的记有第 1 条" in out
    # With an interval, an append writes a checkpoint only when the last one is old enough.
    settings.JIXIAO_AUDIT_CHECKPOINT_SECONDS = 3600
    committed(lambda: audit_record(action="jixiao.test.later"), django_capture_on_commit_callbacks)
    assert [line["seq"] for line in checkpoint_lines()][-1] == 1


@pytest.mark.django_db
def test_a_checkpoint_file_that_cannot_be_written_never_undoes_the_append(
    django_capture_on_commit_callbacks: Any, settings: Any, tmp_path: Path
) -> None:
    settings.JIXIAO_AUDIT_CHECKPOINT_FILE = tmp_path  # a folder: the append goes on, the error is logged
    logged: list[str] = []
    handler = logging.Handler(logging.ERROR)
    handler.emit = lambda record: logged.append(record.getMessage())  # type: ignore[method-assign]
    logging.getLogger("jixiao.audit.checkpoint").addHandler(handler)
    try:
        entry = committed(lambda: audit_record(action="jixiao.test.kept"), django_capture_on_commit_callbacks)
    finally:
        logging.getLogger("jixiao.audit.checkpoint").removeHandler(handler)
    assert AuditEntry.objects.filter(seq=entry.seq).exists()
    assert logged and f"无法写入审计检查点文件 {tmp_path}" in logged[0]
    if os.geteuid() == 0:  # made by a command run as root: it belongs to the data directory's owner, the service
        folder = tmp_path / "data"
        folder.mkdir()
        os.chown(folder, 4321, 4321)
        settings.JIXIAO_AUDIT_CHECKPOINT_FILE = folder / "audit-checkpoints.jsonl"
        checkpoints.write(entry.seq, entry.hash)
        assert (folder / "audit-checkpoints.jsonl").stat().st_uid == 4321


# -- verify finds tampering ----------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_verify_finds_an_entry_altered_in_the_database() -> None:
    record_three()
    raw("UPDATE audit_auditentry SET username = %s WHERE seq = 2", ["someone_else"])
    code, out, err = verify()
    assert code == 1 and out == ""
    assert "第 2 条记录的内容与其哈希不符：记录被修改" in err


@pytest.mark.django_db
def test_verify_finds_a_deleted_entry() -> None:
    record_three()
    raw("DELETE FROM audit_auditentry WHERE seq = 2")
    code, _, err = verify()
    assert code == 1 and "第 2 条记录缺失（其后是第 3 条）" in err


@pytest.mark.django_db
def test_verify_finds_a_deleted_last_entry() -> None:
    record_three()
    raw("DELETE FROM audit_auditentry WHERE seq = 3")
    code, _, err = verify()
    assert code == 1 and "链头记录显示共有 3 条" in err and "只连续找到 2 条" in err


@pytest.mark.django_db
def test_verify_finds_reordered_entries() -> None:
    record_three()
    raw("UPDATE audit_auditentry SET seq = 100 WHERE seq = 2")
    raw("UPDATE audit_auditentry SET seq = 2 WHERE seq = 3")
    raw("UPDATE audit_auditentry SET seq = 3 WHERE seq = 100")
    result = audit_verify()
    assert (result.ok, result.broken_at, result.count) == (False, 2, 1)
    assert "调换了顺序" in result.reason


@pytest.mark.django_db
def test_an_intact_chain_reports_its_length_and_last_hash() -> None:
    assert verify() == (0, f"审计链完好：共 0 条记录，最后一条的哈希为 {chain.GENESIS}。\n", "")
    last = record_three()[-1]
    code, out, _ = verify()
    assert code == 0 and f"共 3 条记录，最后一条的哈希为 {last.hash}" in out


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(not POSTGRES, reason="SQLite serialises every writer itself; the head-row lock is PostgreSQL's")
def test_concurrent_appends_on_postgresql_leave_no_gap_and_no_fork() -> None:
    threads, each = 6, 8
    barrier = threading.Barrier(threads)
    failures: list[BaseException] = []

    def work(worker: int) -> None:
        try:
            barrier.wait()
            for step in range(each):
                with transaction.atomic():
                    audit_record(action="jixiao.test.concurrent", params={"worker": worker, "step": step})
        except BaseException as error:  # pragma: no cover - reported below
            failures.append(error)
        finally:
            connections.close_all()

    pool = [threading.Thread(target=work, args=(n,)) for n in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    assert failures == []
    assert list(AuditEntry.objects.order_by("seq").values_list("seq", flat=True)) == list(range(1, threads * each + 1))
    assert audit_verify().ok


# -- logins, logouts, admin changes ---------------------------------------------------------------------------------


def actions() -> list[str]:
    return list(AuditEntry.objects.order_by("seq").values_list("action", flat=True))


@pytest.mark.django_db
def test_login_logout_and_a_failed_login_are_recorded_with_where_from(demo: dict[str, Department]) -> None:
    client = Client(REMOTE_ADDR="192.0.2.7", HTTP_USER_AGENT="TestBrowser/1")
    start = AuditEntry.objects.count()
    client.post("/login/", {"username": "unit287001", "password": "wrong-password"})
    client.post("/login/", {"username": "unit287001", "password": DEMO_PASSWORD})
    client.post("/logout/")
    entries = list(AuditEntry.objects.filter(seq__gt=start).order_by("seq"))
    assert [e.action for e in entries] == ["jixiao.auth.login_failed", "jixiao.auth.login", "jixiao.auth.logout"]
    failed, login, logout = entries
    assert failed.username == "" and '"username":"unit287001"' in failed.params and "wrong" not in failed.params
    assert (login.username, login.ip, login.user_agent) == ("unit287001", "192.0.2.7", "TestBrowser/1")
    assert logout.username == "unit287001" and logout.object_type == "auth.user"


@pytest.mark.django_db
def test_a_change_in_the_django_admin_is_recorded(demo: dict[str, Department]) -> None:
    admin = get_user_model().objects.get(username="admin")
    organisation = Organisation.objects.get(code="287001")
    LogEntry.objects.log_actions(
        admin.pk, [organisation], CHANGE, [{"changed": {"fields": ["名称"]}}], single_object=True
    )
    entry = AuditEntry.objects.order_by("-seq").first()
    assert entry is not None
    assert (entry.action, entry.username, entry.object_type) == (
        "jixiao.admin.changed",
        "admin",
        "targets.organisation",
    )
    assert entry.object_id == str(organisation.pk) and "名称" in entry.params


# -- the auditor's pages -------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_only_auditors_administrators_and_superusers_read_the_trail(
    auditor: Client, editor: Client, finance: Client
) -> None:
    assert auditor.get("/audit/").status_code == 200
    assert 'href="/audit/"' in auditor.get("/").content.decode()
    admin = Client()
    admin.login(username="admin", password=DEMO_PASSWORD)
    assert admin.get("/audit/").status_code == 200
    for outsider in (editor, finance):
        assert outsider.get("/audit/").status_code == 403
        assert outsider.get("/audit/export/csv/").status_code == 403
        assert outsider.get("/audit/verify/").status_code == 403
        assert 'href="/audit/"' not in outsider.get("/").content.decode()
    assert Client().get("/audit/").status_code == 302  # to the login page


@pytest.mark.django_db
def test_the_auditor_searches_by_user_action_object_and_date(auditor: Client, demo: dict[str, Department]) -> None:
    seed = demo["seed"]
    audit_record(action="jixiao.department.submitted", target=seed, actor=get_user_model().objects.get(username="dept"))

    def seqs(**query: str) -> set[str]:
        page = auditor.get("/audit/", query).content.decode()
        return {line.split('data-action="')[1].split('"')[0] for line in page.splitlines() if "data-seq=" in line}

    # the demo's import is on the trail too (jixiao.department.imported, by no user)
    assert seqs(action="jixiao.department") == {"jixiao.department.imported", "jixiao.department.submitted"}
    assert seqs(user="dept", action="jixiao.department") == {"jixiao.department.submitted"}
    assert seqs(user="unit2", action="jixiao.department") == set()
    both = {"jixiao.department.imported", "jixiao.department.submitted"}
    assert seqs(object=f"targets.department#{seed.pk}") == both
    assert seqs(object="老干部局") == both
    today = timezone.localdate()
    assert "jixiao.department.submitted" in seqs(date_from=str(today), date_to=str(today))
    assert seqs(date_to=str(today - timedelta(days=1))) == set()
    assert (
        "起始日期不能晚于截止日期"
        in auditor.get("/audit/", {"date_from": str(today), "date_to": "2000-01-01"}).content.decode()
    )


@pytest.mark.django_db
def test_the_trail_exports_as_csv_and_xlsx_with_every_hashed_field(auditor: Client) -> None:
    audit_record(action="jixiao.project.saved", label='=HYPERLINK("http://x")', after={"值": "≥100%"})
    csv_text = b"".join(auditor.get("/audit/export/csv/", {"action": "jixiao.project"}).streaming_content).decode()
    assert csv_text.startswith("\ufeff序号,时间（北京时间）,时间（UTC，参与哈希）")
    assert csv_text.count("\r\n") == 2 and "≥100%" in csv_text
    response = auditor.get("/audit/export/xlsx/", {"action": "jixiao.project"})
    assert response["Content-Disposition"].endswith(".xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    header, row = list(sheet.iter_rows(values_only=True))
    entry = AuditEntry.objects.get(action="jixiao.project.saved")
    assert row[header.index("哈希")] == entry.hash
    assert row[header.index("时间（UTC，参与哈希）")] == chain.timestamp(entry.at)
    label_cell = sheet.cell(row=2, column=header.index("对象") + 1)
    assert label_cell.data_type == "s" and label_cell.value.startswith("=HYPERLINK")  # text, never a formula
    exported = AuditEntry.objects.filter(action="jixiao.audit.exported").order_by("seq")
    assert [e.username for e in exported] == ["auditor", "auditor"]
    assert '"format":"xlsx"' in exported.last().params  # type: ignore[union-attr]
    assert auditor.get("/audit/export/pdf/").status_code == 404


@pytest.mark.django_db
def test_the_verify_page_shows_a_broken_chain(auditor: Client) -> None:
    assert 'data-verified="true"' in auditor.get("/audit/verify/").content.decode()
    raw("UPDATE audit_auditentry SET action = 'jixiao.auth.logout' WHERE seq = 1")
    page = auditor.get("/audit/verify/").content.decode()
    assert 'data-verified="false"' in page and "第 1 条记录的内容与其哈希不符" in page


@pytest.mark.django_db
def test_the_verify_page_shows_an_emptied_trail(auditor: Client, django_capture_on_commit_callbacks: Any) -> None:
    committed(record_three, django_capture_on_commit_callbacks)
    assert "签名检查点相符" in auditor.get("/audit/verify/").content.decode()
    raw("DELETE FROM audit_auditentry")
    raw("DELETE FROM audit_audithead")
    page = auditor.get("/audit/verify/").content.decode()
    assert 'data-verified="false"' in page and "审计记录被全部删除" in page


@pytest.mark.django_db
def test_the_admin_shows_the_trail_read_only(demo: dict[str, Department]) -> None:
    record_three()
    admin = Client()
    admin.login(username="admin", password=DEMO_PASSWORD)
    assert admin.get("/admin/audit/auditentry/").status_code == 200
    assert admin.get("/admin/audit/auditentry/1/change/").status_code == 200
    assert admin.get("/admin/audit/auditentry/add/").status_code == 403
    assert admin.post("/admin/audit/auditentry/1/delete/", {"post": "yes"}).status_code == 403
    assert AuditEntry.objects.filter(seq=1).exists()
