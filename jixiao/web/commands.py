"""The web application's commands for ``jixiao``: serve, manage, audit, backup, restore.

Django is imported only when they run.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:  # the models are imported once Django is set up, inside the functions
    from jixiao.formats.exporters import Exporter, Output
    from jixiao.web.records.models import Department, Project


def setup_django() -> None:
    """Set Django up, or raise a :class:`JixiaoError` saying what is missing from the environment (no traceback)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jixiao.web.settings")
    import django
    from django.core.exceptions import ImproperlyConfigured

    from jixiao.domain.errors import JixiaoError
    from jixiao.outfile import reason

    try:
        django.setup()
    except (ImproperlyConfigured, ValueError) as error:  # ValueError: jixiao.web.env.SettingError
        raise JixiaoError("cli.environment", reason=_sentence(str(error))) from None
    except OSError as error:  # JIXIAO_SECRET_KEY_FILE or JIXIAO_AUDIT_KEY_FILE cannot be read
        raise JixiaoError("cli.environment", reason=_sentence(f"{error.filename}：{reason(error)}")) from None


def _sentence(text: str) -> str:
    return text if text.endswith(("。", "！", "？")) else f"{text}。"


def require_migrated() -> None:
    """Raise a :class:`JixiaoError` when the database lacks tables or migrations of this version."""
    from jixiao.domain.errors import JixiaoError

    if _unmigrated():
        raise JixiaoError("web.unmigrated")


def database_failure(error: BaseException) -> str | None:
    """A Chinese message for a database error a command ran into (unreachable server, missing table); else None."""
    import sys

    if "django.db" not in sys.modules:
        return None
    from django.db import DatabaseError

    from jixiao.domain.errors import message

    if not isinstance(error, DatabaseError):
        return None
    first = (str(error).strip().splitlines() or [type(error).__name__])[0]
    return message("cli.database", {"reason": first})


def _integer(minimum: int, maximum: int | None = None) -> Callable[[str], int]:
    """An argparse type: a whole number within bounds, refused in Chinese."""

    def parse(text: str) -> int:
        from jixiao.domain.errors import message

        try:
            value = int(text)
        except ValueError:
            value = minimum - 1
        if value < minimum or (maximum is not None and value > maximum):
            bounds = {"minimum": minimum, "maximum": maximum, "value": text}
            raise argparse.ArgumentTypeError(message("cli.integer_range" if maximum else "cli.integer", bounds))
        return value

    return parse


def port(text: str) -> int:
    from jixiao.domain.errors import message

    try:
        value = int(text)
    except ValueError:
        value = 0
    if not 1 <= value <= 65535:
        raise argparse.ArgumentTypeError(message("cli.port", {"value": text}))
    return value


def configure_serve(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default="127.0.0.1", help="监听地址（默认 127.0.0.1）")
    parser.add_argument("--port", type=port, default=8000, help="端口（1–65535，默认 8000）")
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
    """Django's own command line; a missing or unknown command name is refused in Chinese (exit 2)."""
    from jixiao.domain.errors import JixiaoError

    if not args.arguments:
        raise JixiaoError("cli.manage_missing")
    setup_django()
    from django.core.management import execute_from_command_line, get_commands

    name = args.arguments[0]
    if not name.startswith("-") and name != "help" and name not in get_commands():
        raise JixiaoError("cli.manage_unknown", name=name)
    execute_from_command_line(["jixiao manage", *args.arguments])
    return 0


def configure_audit(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="audit_command", metavar="ACTION")
    actions.required = True
    verify = actions.add_parser(
        "verify",
        help="逐条核对审计链的哈希，并与签名检查点比对：完好退出码 0，损坏退出码 1",
        description="逐条核对审计链，并与签名检查点（数据目录中的检查点文件，及 --checkpoints 给出的文件）比对",
    )
    verify.add_argument(
        "--checkpoints",
        metavar="FILE",
        action="append",
        default=[],
        help="另外比对这个检查点文件（jixiao audit checkpoints 导出的文件，或含检查点的系统日志摘录；可重复）",
    )
    actions.add_parser(
        "checkpoint",
        help="核对审计链，完好时写入一个签名检查点（可由 cron 定时运行）",
        description="核对审计链，完好时把链头写成签名检查点（检查点文件和系统日志）",
    )
    export = actions.add_parser(
        "checkpoints", help="导出本数据库的签名检查点", description="导出本数据库的签名检查点（每行一个 JSON）"
    )
    export.add_argument("-o", "--output", metavar="FILE", help="写入文件（默认输出到标准输出）")


def run_audit(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """``audit verify``: exit 0 when the chain is intact and reaches every checkpoint, 1 with what was found when
    it does not, 2 when it cannot be checked (no environment, unmigrated database, unreadable checkpoint file).
    ``audit checkpoint`` writes a checkpoint of a verified head; ``audit checkpoints`` exports them."""
    from pathlib import Path

    from jixiao.domain.errors import JixiaoError, message

    command = getattr(args, "audit_command", "verify")
    files = [Path(name) for name in getattr(args, "checkpoints", None) or []]
    for path in files:
        if not path.exists():
            raise JixiaoError("document.no_file", path=str(path))
        if not path.is_file():  # read twice: a pipe (<(journalctl …)) would be empty the second time
            raise JixiaoError("audit.checkpoint_not_file", path=str(path))
    setup_django()
    require_migrated()
    from jixiao.web.audit import checkpoints
    from jixiao.web.audit.services import audit_checkpoint, audit_verify

    if command == "checkpoints":
        return _export_checkpoints(args, out, err)
    if command == "checkpoint":
        result, point = audit_checkpoint()
    else:
        result, point = audit_verify(files), None
    if not result.ok:
        print(message("audit.broken", {"reason": result.reason}), file=err)
        return 1
    print(message("audit.intact", {"count": result.count, "hash": result.head_hash}), file=out)
    if result.anchored and result.latest is not None:
        params = {"count": result.anchored, "seq": result.latest.seq, "at": result.latest.at}
        print(message("audit.checkpoints_checked", params), file=out)
    if point is not None:
        params = {"seq": point.seq, "hash": point.hash, "path": checkpoints.checkpoint_path()}
        print(message("audit.checkpoint_written", params), file=out)
    return 0


def _export_checkpoints(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from pathlib import Path

    from jixiao import outfile
    from jixiao.domain.errors import message
    from jixiao.web.audit import checkpoints

    label = checkpoints.database_label()
    points = checkpoints.scan([checkpoints.checkpoint_path()])
    mine = [point.line() for point in points if isinstance(point, checkpoints.Checkpoint) and point.database == label]
    text = "".join(line + "\n" for line in mine)
    if not args.output or args.output == "-":
        out.write(text)
        return 0
    outfile.write(Path(args.output), text.encode("utf-8"))
    print(message("audit.checkpoints_exported", {"count": len(mine), "path": args.output}), file=err)
    return 0


def configure_backup(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="备份文件（SQLite 数据库副本或 pg_dump -Fc 归档）")


def run_backup(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from pathlib import Path

    from jixiao import outfile

    outfile.check(Path(args.file), streams=False)  # before Django: a wrong target is refused at once
    setup_django()
    require_migrated()
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
    from jixiao.web.audit.services import audit_record, audit_restored
    from jixiao.web.backup import database_restore

    database_restore(Path(args.file), force=args.force)
    print(message("backup.restored", {"path": args.file}), file=out)
    audit_restored()  # the checkpoints written before the restore no longer bind the restored chain
    audit_record(action="jixiao.system.restored", params={"file": str(Path(args.file).resolve())})
    return run_audit(argparse.Namespace(audit_command="verify"), out, err)


def configure_demo(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="demo_command", metavar="ACTION")
    actions.required = True
    generate = actions.add_parser("generate", help="生成市级或省级规模的模拟数据（可重复：同一种子得到同样的数据）")
    generate.add_argument("--units", type=_integer(1), required=True, help="预算单位数（每 15 个单位归一个主管部门）")
    generate.add_argument("--projects-per-unit", type=_integer(1), required=True, help="每个单位每年的项目数")
    generate.add_argument("--years", type=_integer(1, 50), default=1, help="年度数（默认 1；最后一年为当年）")
    generate.add_argument("--seed", type=_integer(0), default=1, help="随机种子（默认 1）")
    generate.add_argument("--first-year", type=_integer(2000, 2100), default=2025, help="第一个年度（默认 2025）")
    generate.add_argument("--month", type=_integer(1, 12), default=9, help="当年已执行到几月（1–12，默认 9）")
    generate.add_argument(
        "--indicators", type=_range, default=(8, 15), metavar="MIN-MAX", help="每个项目的绩效指标数范围（默认 8-15）"
    )
    generate.add_argument("--database-url", help="目标数据库（默认取环境变量 DATABASE_URL）")


def _range(text: str) -> tuple[int, int]:
    low, _, high = text.partition("-")
    try:
        bounds = int(low), int(high or low)
    except ValueError:
        bounds = (0, 0)
    if not 1 <= bounds[0] <= bounds[1] <= 100:
        from jixiao.domain.errors import message

        raise argparse.ArgumentTypeError(message("cli.indicators", {"value": text}))
    return bounds


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
        indicator_range=args.indicators,
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
    parser.add_argument("--batch", type=_integer(1), metavar="N", help="每个事务存入的部门目标数（默认 10）")


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
) -> Exporter:
    """``export --department``: the registered document (the same exporters as the web downloads) for a department
    of the database, or one of its projects; returns its :class:`~jixiao.formats.exporters.Exporter`. Raises JixiaoError
    with a Chinese message when the department, project or document is not found."""
    setup_django()
    require_migrated()
    from jixiao.web.records import documents
    from jixiao.web.records.documents import Scope
    from jixiao.web.records.exports import DEPARTMENT_TARGETS, PROJECT_TARGETS

    row = _department(department, year)
    scope = Scope(row, _project(row, project) if project else None, month)
    identifier = document or (PROJECT_TARGETS if project else DEPARTMENT_TARGETS).identifier
    return documents.exporter(identifier, scope)


def document_formats(document: str | None, project: bool) -> tuple[str, ...]:
    """The formats of a registered document or list (the targets' when none is named)."""
    setup_django()
    from jixiao.web.records import documents
    from jixiao.web.records.exports import DEPARTMENT_TARGETS, PROJECT_TARGETS

    listed = documents.list_document(document or "")
    if listed is not None:
        return listed.formats
    identifier = document or (PROJECT_TARGETS if project else DEPARTMENT_TARGETS).identifier
    return documents.document(identifier).formats


def is_list(document: str | None) -> bool:
    """Whether ``document`` names a list download (made for a year of everything, not for one department)."""
    if not document:
        return False
    setup_django()
    from jixiao.web.records import documents

    return documents.list_document(document) is not None


def export_list(*, document: str, year: int | None, month: int | None, fmt: str) -> Output:
    """``export --document overview|audit``: the list the web offers as CSV/XLSX, for the whole database; the audit
    trail's export is itself recorded on the trail, as the auditors' page records it."""
    setup_django()
    from jixiao.web.audit.services import audit_record
    from jixiao.web.records import documents

    listed = documents.list_document(document)
    assert listed is not None  # is_list() said so
    output = listed.build(year, month).export(fmt)
    if document == "audit":
        audit_record(action="jixiao.audit.exported", params={"format": fmt, "filters": {"year": year}, "via": "cli"})
    return output


def document_list() -> list[str]:
    """One line per registered document: identifier, name, and what it is made for."""
    setup_django()
    from jixiao.web.records import documents

    lines = [f"{kind.identifier}\t{kind.verbose_name}\t按年度\t{'、'.join(kind.formats)}" for kind in documents.lists()]
    for kind in documents.documents():
        scopes = "、".join(name for name, ok in (("部门", kind.for_department), ("项目", kind.for_project)) if ok)
        lines.append(f"{kind.identifier}\t{kind.verbose_name}\t按{scopes}\t{'、'.join(kind.formats)}")
    return lines


def _department(key: str, year: int | None) -> Department:
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


def _project(department: Department, key: str) -> Project:
    from django.db.models import Q

    from jixiao.domain.errors import JixiaoError

    found = department.projects.filter(Q(code=key) | Q(name=key)).order_by("position", "pk").first()
    if found is None:
        raise JixiaoError("export.department_project", department=department.name or department.code or "", key=key)
    return found
