"""One error family with stable codes and one catalogue of Chinese messages.

Views and the CLI show ``str(error)`` only; tests compare ``error.code``. A code's message is a ``str.format``
template filled from ``params``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

MESSAGES: dict[str, str] = {
    # reading documents
    "document.empty": "文件是空的，没有可读取的内容。",
    "document.binary": "这不是文本文件（第 {line} 行含有无法识别的字节），请提供绩效目标表的文本、JSON 或表格文件。",
    "document.encoding": "无法识别文件编码：请将文件保存为 UTF-8 或 GB18030 编码的文本。",
    "document.unrecognised": (
        "没有找到绩效目标表：应有“项目名称”“一级指标/二级指标/三级指标/指标值”表头，或“第一部分 部门整体绩效目标”。"
    ),
    "document.no_file": "找不到文件：{path}",
    "document.unreadable": "无法读取文件 {path}：{reason}",
    "document.corrupt": "{format} 文件已损坏或格式不正确，无法读取：{reason}",
    "document.no_text": (
        "这个 {format} 文件没有可提取的文字（可能是扫描图片），请提供含文字层的文件或 Word/Excel 原件。"
    ),
    "document.legacy_office": "不支持旧版 Office 格式（.doc/.xls），请在 Word 或 Excel 中另存为 .docx/.xlsx 后再导入。",
    "document.unknown_zip": "这个压缩文件不是 Word（.docx）或 Excel（.xlsx）文档，无法读取。",
    "document.too_large": "{format} 文件解压后过大（{size} MB），已拒绝读取。",
    "json.invalid": "JSON 格式错误（第 {line} 行第 {column} 列）：{reason}",
    "json.schema": "JSON 内容不符合 jixiao.targets/1 格式（位置 {where}）：{reason}",
    "json.wrong_schema": "JSON 的 schema 字段应为 “jixiao.targets/1”，实际是 “{found}”。",
    # warnings while reading: the part named was skipped or kept incomplete
    "project.no_code": "第 {line} 行：项目“{name}”没有项目编码。",
    "project.no_name": "第 {line} 行：项目（编码 {code}）没有项目名称。",
    "project.no_indicators": "第 {line} 行：项目“{name}”没有找到绩效指标表。",
    "project.amount": "第 {line} 行：{field}“{text}”不是金额，已留空。",
    "project.plan_percent": "第 {line} 行：资金支出计划“{label}”的比例“{text}”不是百分数，已留空。",
    "project.plan_mismatch": "第 {line} 行：资金支出计划有 {labels} 个时间点，却有 {values} 个比例，多余的已忽略。",
    "indicator.short_row": "第 {line} 行：指标行只有 {found} 个单元格，无法对应表头的 {expected} 列，已跳过：{text}",
    "indicator.long_row": "第 {line} 行：指标行有 {found} 个单元格，多于表头的 {expected} 列，已跳过：{text}",
    "indicator.no_value": "第 {line} 行：指标“{name}”没有指标值。",
    "indicator.no_level1": "第 {line} 行：指标“{name}”前没有一级指标，无法归类。",
    "overall.stray_text": "第 {line} 行：第一部分中无法归属的文字，已跳过：{text}",
    "table.stray_row": "第 {line} 行：无法识别的表格行，已跳过：{text}",
    # exporting documents
    "export.format": "不支持导出为“{format}”格式，可选：{formats}。",
    "export.no_project": "文件中没有编码或名称为“{key}”的项目。",
    "export.no_font": "生成 PDF 需要中文字体包 {package}，请先安装（pip install {package}）。",
    "export.failed": "导出 {format} 失败：{reason}",
    "cli.export_format": "请用 --to 指定导出格式（{formats}），或给 -o 一个带这些扩展名的文件名。",
    "cli.exported": "已导出：{path}（{size} 字节）",
    # web application
    "web.conflict": (
        "保存失败：{saved_by} 在您打开此页后已保存了该项目（{count} 处改动，见下方）。"
        "您的填写仍保留在表单中，请核对后再保存。"
    ),
    "web.overall_conflict": "保存失败：其他用户在您打开此页后已修改了部门整体目标，请刷新后重新填写。",
    "web.year_exists": "{name} 已有 {year} 年度的绩效目标；如需覆盖，请勾选“替换已有年度”。",
    "web.forbidden": "您没有权限执行此操作。",
    "web.not_found": "找不到该记录，或您无权查看。",
    # workflow
    "workflow.wrong_state": "当前状态为“{state}”，不能执行“{action}”。",
    "workflow.forbidden": "您的角色不能执行“{action}”。",
    "workflow.comment_required": "“{action}”需要填写意见或理由。",
    "workflow.review_errors": "审核发现 {count} 处错误（红色标记），须修改后才能提交。",
    "workflow.withhold_reason": "不公开的项目须写明理由。",
    "workflow.no_version": "没有第 {number} 版。",
    "workflow.frozen": "目标已提交审核或已批准（{state}），不能修改；如需修改，请由审核人员退回或发起调整。",
    # review (target review findings themselves are catalogued with their rules in jixiao/domain/review)
    "profile.unknown": "没有名为“{name}”的地区配置；可用的有：{known}。",
    # audit trail, login security, backup and restore (issue 7)
    "audit.immutable": "审计记录只能追加，不能修改或删除。",
    "audit.gap": "第 {seq} 条记录缺失（其后是第 {found} 条）：审计记录被删除。",
    "audit.link": "第 {seq} 条记录的“前一哈希”与第 {last} 条的哈希不符：记录被插入、替换或调换了顺序。",
    "audit.altered": "第 {seq} 条记录的内容与其哈希不符：记录被修改。",
    "audit.truncated": "链头记录显示共有 {head} 条，但从第 1 条起只连续找到 {last} 条：末尾的记录被删除或链头被改动。",
    "audit.no_head": "审计链头记录缺失：链头被删除。",
    "audit.intact": "审计链完好：共 {count} 条记录，最后一条的哈希为 {hash}。",
    "audit.broken": "审计链已损坏：{reason}",
    "auth.invalid": "用户名或密码不正确，请重新输入。",
    "auth.locked": "登录失败次数过多，该账号在此地址已被暂时锁定，请 {minutes} 分钟后再试。",
    "backup.done": "已备份到 {path}（{size} 字节）。",
    "backup.restored": "已从 {path} 恢复数据库。",
    "backup.not_empty": "目标数据库不是空的（已有 {tables} 张表）：恢复将覆盖全部现有数据，确认覆盖请加 --force。",
    "backup.unknown_file": "{path} 不是 Jixiao 的备份文件（既不是 SQLite 数据库，也不是 pg_dump -Fc 归档）。",
    "backup.wrong_kind": "{path} 是 {found} 的备份，而当前数据库是 {expected}，无法恢复。",
    "backup.engine": "不支持备份或恢复 {engine} 数据库。",
    "backup.tool_missing": "找不到 PostgreSQL 工具 {tool}：请安装与服务器版本一致的 postgresql-client。",
    "backup.tool_failed": "{tool} 运行失败：{reason}",
    # command line
    "cli.strict": "严格模式：读取时有 {count} 条警告，视为错误。",
}


def message(code: str, params: Mapping[str, Any]) -> str:
    """The Chinese message for ``code``; an unknown code is a programming error and raises ``KeyError``."""
    return MESSAGES[code].format(**params)


class JixiaoError(Exception):
    """Base of every error Jixiao reports to a user."""

    def __init__(self, code: str, **params: Any) -> None:
        self.code = code
        self.params = params
        super().__init__(message(code, params))


class DocumentError(JixiaoError):
    """Input that cannot be read as a target document; ``line`` is 1-based, or None when it concerns the whole file."""

    def __init__(self, code: str, *, line: int | None = None, column: int | None = None, **params: Any) -> None:
        self.line = line
        self.column = column
        super().__init__(code, line=line, column=column, **params)


@dataclass(frozen=True, slots=True)
class ReadWarning:
    """A part of a document that was skipped or kept incomplete while reading."""

    code: str
    line: int | None = None
    params: Mapping[str, Any] = field(default_factory=dict)

    def __str__(self) -> str:
        return message(self.code, {"line": self.line, **self.params})
