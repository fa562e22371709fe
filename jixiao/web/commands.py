"""The web application's commands for ``jixiao``: serve, manage, audit, backup, restore.

Django is imported only when they run.
"""

from __future__ import annotations

import argparse
import os
from typing import Any, TextIO


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jixiao.web.settings")
    import django

    django.setup()


def configure_serve(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default="127.0.0.1", help="监听地址（默认 127.0.0.1）")
    parser.add_argument("--port", type=int, default=8000, help="端口（默认 8000）")
    parser.add_argument("--demo", action="store_true", help="演示模式：首次启动时载入示例部门和演示账号")
    parser.add_argument("--no-server", action="store_true", help="只迁移数据库并载入演示数据，不启动服务")


def run_serve(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    if args.demo:
        os.environ["JIXIAO_DEMO"] = "true"
    setup_django()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    if args.demo:
        from jixiao.web.demo import demo_load

        for line in demo_load():
            print(line, file=out)
    if args.no_server:
        return 0
    print(f"绩效 Jixiao 已启动：http://{args.host}:{args.port}/ （按 Ctrl+C 停止）", file=out, flush=True)
    call_command("runserver", f"{args.host}:{args.port}", use_reloader=False, use_threading=True)
    return 0


def configure_manage(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "arguments", nargs=argparse.REMAINDER, help="Django 管理命令及其参数，例如 migrate、createsuperuser"
    )


def run_manage(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    setup_django()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["jixiao manage", *args.arguments])
    return 0


def configure_audit(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="audit_command", metavar="ACTION")
    actions.required = True
    actions.add_parser("verify", help="逐条核对审计链的哈希：完好退出码 0，损坏退出码 1", description="逐条核对审计链")


def run_audit(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """``audit verify``: exit 0 when the chain is intact, 1 with the first bad sequence number when it is not."""
    setup_django()
    from jixiao.domain.errors import message
    from jixiao.web.audit.services import audit_verify

    result = audit_verify()
    if result.ok:
        print(message("audit.intact", {"count": result.count, "hash": result.head_hash}), file=out)
        return 0
    print(message("audit.broken", {"reason": result.reason}), file=err)
    return 1


def configure_backup(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="备份文件（SQLite 数据库副本或 pg_dump -Fc 归档）")


def run_backup(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    setup_django()
    from pathlib import Path

    from jixiao.domain.errors import message
    from jixiao.web.audit.services import audit_record
    from jixiao.web.backup import database_backup

    size = database_backup(Path(args.file))
    audit_record(action="jixiao.system.backup", params={"file": str(Path(args.file).resolve()), "size": size})
    print(message("backup.done", {"path": args.file, "size": size}), file=out)
    return 0


def configure_restore(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="jixiao backup 生成的备份文件")
    parser.add_argument("--force", action="store_true", help="目标数据库已有数据时仍然恢复（覆盖全部现有数据）")


def run_restore(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Restore, then record the restore on the restored chain and check it (exit 1 if the chain does not verify)."""
    setup_django()
    from pathlib import Path

    from jixiao.domain.errors import message
    from jixiao.web.audit.services import audit_record
    from jixiao.web.backup import database_restore

    database_restore(Path(args.file), force=args.force)
    print(message("backup.restored", {"path": args.file}), file=out)
    audit_record(action="jixiao.system.restored", params={"file": str(Path(args.file).resolve())})
    return run_audit(args, out, err)


def configure_demo(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="demo_command", metavar="ACTION")
    actions.required = True
    generate = actions.add_parser("generate", help="生成市级或省级规模的模拟数据（可重复：同一种子得到同样的数据）")
    generate.add_argument("--units", type=int, required=True, help="预算单位数（每 15 个单位归一个主管部门）")
    generate.add_argument("--projects-per-unit", type=int, required=True, help="每个单位每年的项目数")
    generate.add_argument("--years", type=int, default=1, help="年度数（默认 1；最后一年为当年）")
    generate.add_argument("--seed", type=int, default=1, help="随机种子（默认 1）")
    generate.add_argument("--first-year", type=int, default=2025, help="第一个年度（默认 2025）")
    generate.add_argument("--month", type=int, default=9, help="当年已执行到几月（默认 9）")
    generate.add_argument(
        "--indicators", default="8-15", metavar="MIN-MAX", help="每个项目的绩效指标数范围（默认 8-15）"
    )
    generate.add_argument("--database-url", help="目标数据库（默认取环境变量 DATABASE_URL）")


def _range(text: str) -> tuple[int, int]:
    low, _, high = text.partition("-")
    return int(low), int(high or low)


def run_demo(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """``demo generate``: migrate the target database, then write the synthetic city with a progress bar on stderr."""
    if args.database_url:
        os.environ["DATABASE_URL"] = args.database_url
    setup_django()
    from django.core.management import call_command

    from jixiao.web.generate import Scale, generate

    call_command("migrate", interactive=False, verbosity=0)
    scale = Scale(
        units=args.units,
        projects_per_unit=args.projects_per_unit,
        years=args.years,
        seed=args.seed,
        first_year=args.first_year,
        month=args.month,
        indicator_range=_range(args.indicators),
    )
    counts = generate(scale, stream=err)
    print("已生成：" + "，".join(f"{name} {count}" for name, count in counts.rows.items()), file=out)
    return 0


def configure_review_all(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--year", type=int, metavar="Y", help="只审核这一年度的部门目标")
    which = parser.add_mutually_exclusive_group()
    which.add_argument(
        "--stale-only",
        dest="stale_only",
        action="store_true",
        default=True,
        help="只审核审核结果缺失或按其他地区配置、旧规则算出的部门目标（默认）",
    )
    which.add_argument("--all", dest="stale_only", action="store_false", help="全部重新审核")
    parser.add_argument("--batch", type=int, metavar="N", help="每个事务存入的部门目标数（默认 10）")


def run_review_all(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """``review-all``: exit 0 when every selected department is current, 1 when saves kept some from being
    re-reviewed, 2 when the database is not migrated or the profile setting is wrong."""
    setup_django()
    from jixiao.domain.errors import JixiaoError, message
    from jixiao.web.review.review_all import BATCH, review_all

    if args.batch is not None and args.batch < 1:
        print(f"错误：{message('reviewall.batch', {})}", file=err)
        return 2
    if _unmigrated():
        print(f"错误：{message('reviewall.unmigrated', {})}", file=err)
        return 2
    try:
        summary = review_all(year=args.year, stale_only=args.stale_only, batch=args.batch or BATCH, stream=err)
    except JixiaoError as error:  # JIXIAO_PROFILE names no profile
        print(f"错误：{error}", file=err)
        return 2
    scope = f" {args.year} 年的" if args.year is not None else ""
    if not summary.selected:
        code = "reviewall.nothing" if args.stale_only else "reviewall.empty"
        print(message(code, {"scope": scope, "profile": summary.profile}), file=out)
        return 0
    print(message("reviewall.done", summary.params()), file=out)
    if summary.busy:
        print(message("reviewall.busy", {"count": len(summary.busy)}), file=err)
        return 1
    return 0


def _unmigrated() -> bool:
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    return bool(executor.migration_plan(executor.loader.graph.leaf_nodes()))


def export_from_database(
    *, document: str | None, department: str, year: int | None, project: str | None, month: int | None
) -> Any:
    """``export --department``: the registered document (the same exporters as the web downloads) for a department
    of the database, or one of its projects; returns a :class:`jixiao.formats.layout.Output`. Raises JixiaoError
    with a Chinese message when the department, project or document is not found."""
    setup_django()
    from jixiao.web.records import documents
    from jixiao.web.records.documents import Scope
    from jixiao.web.records.exports import DEPARTMENT_TARGETS, PROJECT_TARGETS

    row = _department(department, year)
    scope = Scope(row, _project(row, project) if project else None, month)
    identifier = document or (PROJECT_TARGETS if project else DEPARTMENT_TARGETS).identifier
    return documents.exporter(identifier, scope)


def document_formats(document: str | None, project: bool) -> tuple[str, ...]:
    """The formats of a registered document (the targets' when none is named)."""
    setup_django()
    from jixiao.web.records import documents
    from jixiao.web.records.exports import DEPARTMENT_TARGETS, PROJECT_TARGETS

    identifier = document or (PROJECT_TARGETS if project else DEPARTMENT_TARGETS).identifier
    return documents.document(identifier).formats


def document_list() -> list[str]:
    """One line per registered document: identifier, name, and what it is made for."""
    setup_django()
    from jixiao.web.records import documents

    lines = []
    for kind in documents.documents():
        scopes = "、".join(name for name, ok in (("部门", kind.for_department), ("项目", kind.for_project)) if ok)
        lines.append(f"{kind.identifier}\t{kind.verbose_name}\t按{scopes}\t{'、'.join(kind.formats)}")
    return lines


def _department(key: str, year: int | None) -> Any:
    from django.db.models import Q

    from jixiao.domain.errors import JixiaoError
    from jixiao.web.records.models import Department

    rows = Department.objects.filter(Q(code=key) | Q(name=key))
    if year is not None:
        rows = rows.filter(year=year)
    found = list(rows.order_by("-year", "pk")[:20])
    if not found and key.isdigit():
        found = list(Department.objects.filter(pk=int(key)))
    in_year = f"（{year} 年）" if year is not None else ""
    if not found:
        raise JixiaoError("export.department", key=key, year=in_year)
    if len(found) > 1:
        ids = "、".join(f"{row.pk}：{row.year or ''} {row.name or row.code or ''}".strip() for row in found)
        raise JixiaoError("export.department_many", key=key, year=in_year, count=len(found), ids=ids)
    return found[0]


def _project(department: Any, key: str) -> Any:
    from django.db.models import Q

    from jixiao.domain.errors import JixiaoError

    found = department.projects.filter(Q(code=key) | Q(name=key)).order_by("position", "pk").first()
    if found is None:
        raise JixiaoError("export.department_project", department=department.name or department.code or "", key=key)
    return found
