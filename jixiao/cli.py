"""The ``jixiao`` command. Each sub-command is a small function registered in ``COMMANDS``.

Exit codes: 0 success; 1 the command ran and found errors (e.g. ``check``); 2 the input could not be read or the
command line is wrong. Users see Chinese messages, never a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

from jixiao import cli_score, outfile
from jixiao.cli_messages import CLI_MESSAGES
from jixiao.domain.errors import JixiaoError, message, register_messages
from jixiao.domain.profiles import get_profile
from jixiao.domain.review import has_errors, review_document
from jixiao.domain.review.report import render_report
from jixiao.formats import ReadResult, canonical, read_path
from jixiao.formats.terminal import render_document
from jixiao.web import commands as web

if TYPE_CHECKING:
    from jixiao.formats.exporters import Exporter, Output

register_messages("cli", CLI_MESSAGES)
EXIT_OK, EXIT_FINDINGS, EXIT_INPUT = 0, 1, 2


@dataclass(frozen=True)
class Command:
    help: str
    configure: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace, TextIO, TextIO], int]


def _warn(result: ReadResult, path: str, strict: bool, err: TextIO) -> int | None:
    """Print read warnings; in strict mode they make the command fail with exit 2."""
    for warning in result.warnings:
        print(f"警告：{path}：{warning}", file=err)
    if strict and result.warnings:
        print(f"错误：{path}：{message('cli.strict', {'count': len(result.warnings)})}", file=err)
        return EXIT_INPUT
    return None


def _read(args: argparse.Namespace, err: TextIO) -> ReadResult | int:
    result = read_path(args.file)
    failed = _warn(result, args.file, args.strict, err)
    return failed if failed is not None else result


def _add_input(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "file", metavar="FILE", help="目标表文件：发布的文本、Word、Excel、PDF、网页或 jixiao.targets/1 JSON"
    )
    parser.add_argument("--strict", action="store_true", help="读取时的警告视为错误（退出码 2）")


def _configure_import(parser: argparse.ArgumentParser) -> None:
    _add_input(parser)
    parser.add_argument("-o", "--output", metavar="OUT.json", help="写入文件（默认输出到标准输出）")


def _run_import(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    result = _read(args, err)
    if isinstance(result, int):
        return result
    text = canonical.to_json(result.document)
    if args.output and args.output != "-":
        outfile.write(Path(args.output), text.encode("utf-8"))  # all or nothing, never over a device or folder
    else:
        out.write(text)
    return EXIT_OK


def _run_show(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    result = _read(args, err)
    if isinstance(result, int):
        return result
    out.write(render_document(result.document))
    return EXIT_OK


def _configure_check(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", metavar="FILE", help="目标表文件（可多个）：发布的文本或 JSON")
    parser.add_argument(
        "--json", action="store_true", help="输出 JSON 列表：rule、severity、project、indicator、message、suggestion"
    )
    parser.add_argument("--profile", metavar="NAME", help="地区配置（默认 national；另有 sichuan 等）")
    parser.add_argument("--strict", action="store_true", help="读取时的警告视为错误（退出码 2）")


def _run_check(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Review each file; exit 2 if any cannot be read, else 1 if any finding is an error, else 0."""
    try:
        profile = get_profile(args.profile)
    except JixiaoError as error:
        print(f"错误：{error}", file=err)
        return EXIT_INPUT
    unreadable, failed = False, False
    records: list[dict[str, str | None]] = []
    reports: list[str] = []
    for path in args.files:
        try:
            result = read_path(path)
        except JixiaoError as error:
            print(f"错误：{path}：{error}", file=err)
            unreadable = True
            continue
        if _warn(result, path, args.strict, err) is not None:
            unreadable = True
            continue
        findings = review_document(result.document, profile=profile)
        failed = failed or has_errors(findings)
        records.extend(finding.to_dict() for finding in findings)
        reports.append(render_report(result.document, findings, source=path))
    if args.json:
        out.write(json.dumps(records, ensure_ascii=False, indent=2) + "\n")
    else:
        out.write("\n".join(reports))
    return EXIT_INPUT if unreadable else EXIT_FINDINGS if failed else EXIT_OK


def _configure_export(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "file",
        metavar="FILE",
        nargs="?",
        help="目标表文件（文本、Word、Excel、PDF、网页或 JSON）；或用 --department",
    )
    parser.add_argument("--strict", action="store_true", help="读取时的警告视为错误（退出码 2）")
    parser.add_argument("--to", metavar="FORMAT", help="docx、xlsx、pdf、html 或 json（按文档而定）")
    parser.add_argument("-o", "--output", metavar="OUT", help="写入文件（默认按格式命名；json 默认输出到标准输出）")
    parser.add_argument("--project", metavar="CODE", help="只导出这个项目（项目编码或名称）")
    parser.add_argument("--department", metavar="KEY", help="从数据库导出这个部门（编号、编码或名称）的文档")
    parser.add_argument("--year", type=int, metavar="Y", help="与 --department 一起：部门的年度")
    parser.add_argument("--month", type=int, choices=range(1, 13), metavar="M", help="监控表的月份（1–12）")
    parser.add_argument("--document", metavar="DOC", help="要导出的文档（默认绩效目标表；--list 列出全部）")
    parser.add_argument("--list", action="store_true", help="列出可从数据库导出的文档")


def _export_format(args: argparse.Namespace, formats: Sequence[str]) -> str:
    return str(args.to or (Path(args.output).suffix.lstrip(".").lower() if args.output else ""))


def _run_export(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Write a document in the published layout: from a file (the target tables), or with --department any document
    the web application offers, made by the same exporters; the format comes from --to or -o's extension."""
    if args.list:
        out.write("\n".join(web.document_list()) + "\n")
        return EXIT_OK
    if not args.file and not args.department and web.is_list(args.document):
        return _export_list(args, out, err)
    if bool(args.file) == bool(args.department):
        print(f"错误：{message('cli.export_source', {})}", file=err)
        return EXIT_INPUT
    if args.output and args.output != "-":
        outfile.check(Path(args.output))  # a wrong target is refused before the work
    try:
        formats = web.document_formats(args.document, bool(args.project)) if args.department else EXPORT_FORMATS
        fmt = _export_format(args, formats)
        if fmt not in formats:
            print(f"错误：{message('cli.export_format', {'formats': '、'.join(formats)})}", file=err)
            return EXIT_INPUT
        exporter = _database_exporter(args) if args.department else _file_exporter(args, err)
        if isinstance(exporter, int):
            return exporter
        output = exporter.export(fmt)
    except JixiaoError as error:
        print(f"错误：{error}", file=err)
        return EXIT_INPUT
    return _write_output(output, args, fmt, out, err)


def _write_output(output: Output, args: argparse.Namespace, fmt: str, out: TextIO, err: TextIO) -> int:
    """The exported file to ``-o`` (or its own name; JSON and ``-o -`` to standard output)."""
    if (not args.output and fmt == "json") or args.output == "-":
        _write_stdout(out, output.data)
        return EXIT_OK
    target = Path(args.output or output.filename)
    outfile.write(target, output.data)  # all or nothing, as for import
    print(message("cli.exported", {"path": str(target), "size": len(output.data)}), file=err)
    return EXIT_OK


def _write_stdout(out: TextIO, data: bytes) -> None:
    """Bytes to standard output (``-o -``): through its binary buffer when it has one."""
    buffer = getattr(out, "buffer", None)
    if buffer is None:
        out.write(data.decode("utf-8", "replace"))
        return
    out.flush()
    buffer.write(data)
    buffer.flush()


def _export_list(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """``--document overview`` or ``audit``: a list of the whole database (one year, or one month of it)."""
    formats = web.document_formats(args.document, False)
    fmt = _export_format(args, formats)
    if fmt not in formats:
        print(f"错误：{message('cli.export_format', {'formats': '、'.join(formats)})}", file=err)
        return EXIT_INPUT
    output = web.export_list(document=args.document, year=args.year, month=args.month, fmt=fmt)
    return _write_output(output, args, fmt, out, err)


def _database_exporter(args: argparse.Namespace) -> Exporter:
    return web.export_from_database(
        document=args.document, department=args.department, year=args.year, project=args.project, month=args.month
    )


def _file_exporter(args: argparse.Namespace, err: TextIO) -> Exporter | int:
    from jixiao.formats.exporters import DepartmentTargetsExporter, ProjectTargetsExporter, find_project

    if args.document or args.year or args.month:
        print(f"错误：{message('cli.export_file_options', {})}", file=err)
        return EXIT_INPUT
    result = _read(args, err)
    if isinstance(result, int):
        return result
    document = result.document
    if args.project:
        return ProjectTargetsExporter(document, find_project(document, args.project))
    return DepartmentTargetsExporter(document)


EXPORT_FORMATS = ("docx", "xlsx", "pdf", "html", "json")


COMMANDS: dict[str, Command] = {
    "import": Command("读取目标表，输出规范 JSON（jixiao.targets/1）", _configure_import, _run_import),
    "show": Command("在终端中显示目标表", _add_input, _run_show),
    "check": Command("审核目标表：找出需要退回修改的问题并给出修改建议", _configure_check, _run_check),
    "export": Command(
        "按发布格式导出：目标表文件，或数据库中的目标表、监控表、自评表（--department）", _configure_export, _run_export
    ),
    "score": Command("绩效自评评分：为自评表或目标表加实际完成值打分", cli_score.configure, cli_score.run),
    "serve": Command("启动网页应用（默认 http://127.0.0.1:8000）", web.configure_serve, web.run_serve),
    "manage": Command("运行 Django 管理命令（迁移、创建管理员等）", web.configure_manage, web.run_manage),
    "audit": Command("审计日志：jixiao audit verify 核对防篡改哈希链", web.configure_audit, web.run_audit),
    "backup": Command("把整个数据库备份到一个文件（SQLite 或 PostgreSQL）", web.configure_backup, web.run_backup),
    "restore": Command("从备份文件恢复数据库（已有数据时需 --force）", web.configure_restore, web.run_restore),
    "demo": Command("演示数据：jixiao demo generate 生成市级或省级规模的模拟数据", web.configure_demo, web.run_demo),
    "review-all": Command(
        "重新审核全部部门目标：更换地区配置或升级审核规则后更新问题数和审核结果",
        web.configure_review_all,
        web.run_review_all,
    ),
}


_ARGPARSE_ZH = [
    (re.compile(r"the following arguments are required: (.*)"), "缺少参数：{0}"),
    (re.compile(r"unrecognized arguments: (.*)"), "无法识别的参数：{0}"),
    (re.compile(r"argument (\S+): invalid choice: (.*?) \(choose from (.*)\)"), "参数 {0} 的值 {1} 无效，可选：{2}"),
    (re.compile(r"argument (\S+): expected one argument"), "参数 {0} 需要一个值"),
    (re.compile(r"argument (\S+): expected at least one argument"), "参数 {0} 至少需要一个值"),
    (re.compile(r"argument (\S+): invalid int value: (.*)"), "参数 {0} 应为整数，实际是 {1}"),
    (re.compile(r"argument (\S+): invalid \S+ value: (.*)"), "参数 {0} 的值 {1} 无效"),
    (re.compile(r"argument (\S+): not allowed with argument (\S+)"), "参数 {0} 不能与 {1} 同时使用"),
    (re.compile(r"argument (\S+): ignored explicit argument (.*)"), "参数 {0} 不接受值 {1}"),
    (re.compile(r"one of the arguments (.*) is required"), "须给出以下参数之一：{0}"),
    (re.compile(r"ambiguous option: (\S+) could match (.*)"), "选项 {0} 有歧义，可能是：{1}"),
    (re.compile(r"argument (\S+): (.*[^\x00-\x7f].*)"), "参数 {0}：{1}"),  # our own types' Chinese messages
]
_HELP_ZH = [("usage:", "用法："), ("positional arguments:", "参数："), ("options:", "选项：")]


class _Parser(argparse.ArgumentParser):
    """argparse with Chinese usage, help headings and errors, and exit code 2 for a wrong command line."""

    def __init__(self, **kwargs: Any) -> None:  # argparse builds sub-command parsers with keywords only
        super().__init__(**kwargs, add_help=False)
        self.add_argument("-h", "--help", action="help", help="显示帮助并退出")

    def format_usage(self) -> str:
        return _translate_help(super().format_usage())

    def format_help(self) -> str:
        return _translate_help(super().format_help())

    def error(self, text: str) -> NoReturn:
        for pattern, template in _ARGPARSE_ZH:
            match = pattern.fullmatch(text)
            if match:
                text = template.format(*match.groups())
                break
        self.print_usage(sys.stderr)
        print(f"错误：{message('cli.usage', {'reason': text})}", file=sys.stderr)
        raise SystemExit(EXIT_INPUT)


def _translate_help(text: str) -> str:
    for english, chinese in _HELP_ZH:
        text = text.replace(english, chinese)
    return text


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="jixiao", description="绩效 — 预算绩效管理：绩效目标的读取、审核与导出。")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    commands.required = True
    for name, command in COMMANDS.items():
        sub = commands.add_parser(name, help=command.help, description=command.help)
        command.configure(sub)
    return parser


def main(argv: Sequence[str] | None = None, out: TextIO | None = None, err: TextIO | None = None) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
        args = build_parser().parse_args(argv)
    try:
        return COMMANDS[args.command].run(args, out, err)
    except JixiaoError as error:
        where = getattr(args, "file", None)
        print(f"错误：{where}：{error}" if where else f"错误：{error}", file=err)
    except KeyboardInterrupt:
        print(message("cli.interrupted", {}), file=err)
        return 130
    except Exception as error:  # never a traceback: a database or system failure, or a bug, said in one line
        if env_debug():
            raise
        print(f"错误：{_failure(error)}", file=err)
    return EXIT_INPUT


def env_debug() -> bool:
    return os.environ.get("JIXIAO_DEBUG", "").strip().lower() in ("1", "true", "yes", "on")


def _failure(error: Exception) -> str:
    known = web.database_failure(error)
    if known is not None:
        return known
    if isinstance(error, OSError):
        where = f"{error.filename}：" if error.filename else ""
        return message("cli.internal", {"kind": "系统错误", "reason": f"{where}{outfile.reason(error)}"})
    return message("cli.internal", {"kind": type(error).__name__, "reason": str(error)[:300]})


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
