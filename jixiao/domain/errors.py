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
    "project.period_total": "第 {line} 行：表中另有“{label}”，前面的资金总额按项目期（中期）资金总额读取，请核对。",
    "indicator.odd_cell": "第 {line} 行：“{text}”按位置推断放在这一栏，与常见写法不同，请核对。",
    "project.text_joined": "第 {line} 行起：“{field}”由几个单元格的文字连成，可能混入了表格的其他内容，请核对。",
    "document.cut_row": "第 {line} 行：文档在指标“{name}”处截断，这一行不完整，已跳过。",
    "indicator.guessed_cell": "第 {line} 行：“{text}”在原文中没有明确的单元格边界，是按内容推断的，请核对。",
    "overall.stray_text": "第 {line} 行：第一部分中无法归属的文字，已跳过：{text}",
    "table.stray_row": "第 {line} 行：无法识别的表格行，已跳过：{text}",
    # exporting documents
    "export.format": "不支持导出为“{format}”格式，可选：{formats}。",
    "export.no_project": "文件中没有编码或名称为“{key}”的项目。",
    "export.document": "没有名为“{document}”的文档，可选：{documents}。",
    "export.scope": "{document}不能按{scope}导出。",
    "export.department": "没有找到部门“{key}”{year}：请给出部门的编号、编码或名称（见 jixiao export --list）。",
    "export.department_many": "有 {count} 个部门符合“{key}”{year}：请加 --year 或改用部门编号（{ids}）。",
    "export.department_project": "部门“{department}”中没有编码或名称为“{key}”的项目。",
    "export.no_font": "生成 PDF 需要中文字体包 {package}，请先安装（pip install {package}）。",
    "export.failed": "导出 {format} 失败：{reason}",
    "cli.export_source": "请给出一个目标表文件，或用 --department 指定数据库中的部门（二者选一）。",
    "cli.export_file_options": "--document、--year、--month 只能与 --department 一起使用。",
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
    # in-year data is never lost with its project (a deletion or a re-import is refused instead)
    "web.project_has_data": (
        "不能删除项目{project}：该项目已有本年度执行数据（{data}），删除项目会同时删除这些数据。"
        "如项目不再实施，请保留项目（可在项目页设为不公开并写明理由）；"
        "如项目确属误建，请先在执行监控页删除其支付记录和各期绩效监控、在绩效自评页删除其自评，再删除项目。"
    ),
    "web.import_loses_data": (
        "未导入（没有写入任何内容）：新文件中找不到以下已有本年度执行数据的项目（按项目编码对应，一方没有编码时按项目名称），"
        "替换会删除这些数据：{projects}。请在文件中保留这些项目（项目编码不变），或先处理其执行数据后再导入。"
    ),
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
    # self-evaluation scoring (docs/domain/scoring.md); "第 {position} 行" is the indicator's row in its project's table
    "score.mismatch": "第 {position} 行指标“{name}”：按评分规则应得 {ours} 分，表中得分为 {published} 分。",
    "score.over_weight": "第 {position} 行指标“{name}”：表中得分 {published} 分超过了分值 {weight} 分。",
    "score.out_of_band": (
        "第 {position} 行指标“{name}”：完成情况为“{grade}”，得分应在 {band} 分之间，"
        "给出的是 {chosen} 分，已按 {score} 分计。"
    ),
    "score.text_actual": (
        "第 {position} 行指标“{name}”是定量指标（{target}），实际完成值却是文字“{actual}”，应填写数值。"
    ),
    "score.no_actual": "第 {position} 行指标“{name}”没有填写实际完成值，按 0 分计。",
    "score.manual": (
        "第 {position} 行指标“{name}”：实际完成值“{actual}”无法与指标值“{target}”比较，"
        "得分（{score} 分）由评分人确定，未经核对。"
    ),
    "score.unscorable": (
        "第 {position} 行指标“{name}”：实际完成值“{actual}”无法与指标值“{target}”比较，又没有给出得分，按 0 分计。"
    ),
    "score.default_band": (
        "第 {position} 行指标“{name}”：完成情况为“{grade}”，未给出得分，"
        "暂按该档最低分 {score} 分计，请在 {band} 分之间评定。"
    ),
    "score.unit_mismatch": (
        "第 {position} 行指标“{name}”：实际完成值的单位“{actual_unit}”与指标值的单位“{target_unit}”不同，未作换算。"
    ),
    "score.not_applicable": "第 {position} 行指标“{name}”不适用，不计分。",
    "score.rescaled": (
        "有 {count} 项不适用（共 {excluded} 分），总分按适用部分折算：{raw} × {possible} ÷ {applicable} = {total} 分。"
    ),
    "weights.default": "有 {count} 项指标没有分值，已按默认分配计分（{scheme}）。",
    "weights.sum": "分值合计为 {total} 分（预算执行 {execution} 分 + 指标 {indicators} 分），应为 {expected} 分。",
    "weights.level1": "“{level1}”下各指标分值合计 {found} 分，与标注的 {printed} 分不一致。",
    "weights.level1_missing": "没有“{level1}”类指标，该类的 {points} 分无处分配。",
    "execution.zero_budget": "全年预算数为 0 或未填写，无法计算预算执行率：预算执行不计分，总分按其余部分折算。",
    "execution.no_executed": "没有填写全年执行数，预算执行率按 0 计。",
    "execution.over": "全年执行数 {executed} 超过全年预算数 {budget}（执行率 {rate}%），得分以分值 {weight} 分为上限。",
    "execution.parts": "年度资金总额的全年预算数（{total}）与其中各项之和（{parts}）不一致，已按{used}计算。",
    "execution.mismatch": "预算执行应得 {ours} 分（执行率 {rate}% × {weight} 分），表中得分为 {published} 分。",
    "execution.rate_mismatch": "表中执行率 {published}% 与 全年执行数 ÷ 全年预算数 = {ours}% 不一致。",
    "execution.low": "预算执行率 {rate}% 低于 {threshold}%，资金支出进度偏慢。",
    "consistency.ahead": (
        "指标完成程度 {indicators}% 比预算执行程度 {execution}% 高出 {gap}%（超过 {margin}%），"
        "目标完成情况与资金支出不匹配，请核实。"
    ),
    "explanation.execution": "预算执行率 {rate}% 低于 {threshold}%，须说明未执行原因。",
    "explanation.overachieved": (
        "第 {position} 行指标“{name}”：实际完成值为指标值的 {percent}%（达到 {threshold}% 以上），须说明偏差原因。"
    ),
    "explanation.unmet": (
        "第 {position} 行指标“{name}”未完全完成（{score} / {weight} 分），须填写偏差原因分析及改进措施。"
    ),
    "total.mismatch": "按评分规则总分应为 {ours} 分，表中总分为 {published} 分。",
    "total.published_sum": "表中各项得分之和为 {sum} 分，与表中总分 {published} 分不一致。",
    "grade.mismatch": "总分 {total} 分应评为“{ours}”，表中等级为“{published}”。",
    # reading self-evaluation tables and actuals files
    "selfeval.unrecognised": (
        "没有找到绩效自评表：应有“全年预算数/全年执行数”或“实际完成值/完成值”等表头。"
        "如要为绩效目标表打分，请用 --actuals 提供实际完成值文件。"
    ),
    "selfeval.no_indicators": "第 {line} 行：自评表“{name}”没有找到绩效指标。",
    "selfeval.doubtful_cell": (
        "第 {line} 行指标“{name}”：表格在这一行丢失了单元格，“{column}”是按位置推断的，可能属于别的列，请核对。"
    ),
    "selfeval.fund_doubtful": (
        "第 {line} 行项目资金“{label}”：表格在这一行丢失了单元格，“{column}”是按位置推断的，可能属于别的列，请核对。"
    ),
    "selfeval.cut_row": "第 {line} 行指标“{name}”在文档结尾处被截断，可能不完整，请核对。",
    "selfeval.sign_as_digit": (
        "第 {line} 行指标“{name}”：“{text}”按印出的数读取，但可能是“{alternative}”（PDF 常把 ≥ 识别成 2），请核对。"
    ),
    "selfeval.name_assumed": "第 {line} 行：自评表没有印出项目名称，暂以主管部门“{department}”作为名称，请核对。",
    "actuals.schema": "实际完成值文件内容有误（位置 {where}）：{reason}",
    "actuals.wrong_schema": "实际完成值文件的 schema 字段应为 “jixiao.actuals/1”，实际是 “{found}”。",
    "actuals.no_project": "实际完成值中的项目“{key}”在目标表中找不到。",
    "actuals.no_indicator": "项目“{project}”中没有三级指标“{name}”（实际完成值{where}）。",
    "actuals.no_sheet": "Excel 文件中没有实际完成值表：应有“项目编码”“三级指标”“实际完成值”列。",
    "actuals.number": "第 {line} 行“{header}”列：“{text}”不是数字。",
    # monitoring (docs/domain/monitoring.md): ledger import, indicator monitoring
    "ledger.empty": "台账中没有数据行。",
    "ledger.no_column": "台账表头中找不到列“{name}”（列映射的“{field}”）。",
    "ledger.required": "第 {line} 行“{header}”列为空。",
    "ledger.date": "第 {line} 行“{header}”列：“{text}”不是日期。",
    "ledger.amount": "第 {line} 行“{header}”列：“{text}”不是金额。",
    "ledger.year": "第 {line} 行“{header}”列：日期 {date} 不在 {year} 年度内。",
    "ledger.unknown_project": "第 {line} 行“{header}”列：没有编码为“{text}”的项目。",
    "ledger.mapping": "列映射有误：{reason}",
    "monitoring.reason_required": "指标“{name}”完成目标可能性为“{likelihood}”，须选择偏差原因类别并说明原因。",
    "monitoring.no_current": "指标“{name}”没有填写当前完成值。",
    "monitoring.zero_budget": "项目预算数为 0 或未填写，无法计算执行进度。",
    # monitoring and self-evaluation in the web application
    "payment.conflict": "操作未完成：{saved_by} 在您打开此页后修改了这笔支付（{date}，{amount} 元），请核对后重试。",
    "payment.gone": "这笔支付记录已被他人删除。",
    "ledger.no_project": "台账没有映射“项目编码”列时，请选择这些支付记入哪个项目。",
    "ledger.nothing_new": "台账中的支付均已导入过，没有新的支付记录。",
    "ledger.stale": "预览后项目已有变动（有支付记入的项目已不存在），请重新上传台账。",
    "monitoring.conflict": "保存失败：{saved_by} 在您打开此页后已保存了 1-{month} 月的指标监控，请刷新后重新填写。",
    "evaluation.out_of_band": (
        "第 {position} 行指标“{name}”：完成情况为“{grade}”，评分人得分应在 {band} 分之间，填写的是 {chosen} 分。"
    ),
    "evaluation.over_weight": "第 {position} 行指标“{name}”：评分人得分 {published} 分超过了分值 {weight} 分。",
    "evaluation.conflict": "保存失败：{saved_by} 在您打开此页后已保存了本项目的绩效自评，请刷新后重新填写。",
    "web.targets_changed": "保存失败：您打开此页后项目的绩效指标已被修改（行数或名称变了），请刷新后重新填写。",
    # entries whose indicator was renamed or removed, and deleting a month's monitoring or a self-evaluation
    "monitoring.changed": "操作未完成：{saved_by} 在您打开此页后修改了 1-{month} 月的指标监控，请核对后重试。",
    "monitoring.gone": "1-{month} 月的指标监控已被他人删除。",
    "evaluation.changed": "操作未完成：{saved_by} 在您打开此页后修改了本项目的绩效自评，请核对后重试。",
    "evaluation.gone": "本项目的绩效自评已被他人删除。",
    "orphan.no_choice": "请选择要关联到的指标。",
    "orphan.not_open": "关联失败：指标“{name}”不在当前目标中或已有填报，请刷新后改选其他指标。",
    "orphan.matched": "操作未完成：记录的指标“{name}”现在又在目标中了（目标已被修改），请刷新后核对。",
    # audit trail, login security, backup and restore (docs/security.md)
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
    "generate.exists": "数据库中已有生成的数据（财政局代码 {bureau}）：请换一个空数据库再生成。",
    "backup.wrong_kind": "{path} 是 {found} 的备份，而当前数据库是 {expected}，无法恢复。",
    "backup.engine": "不支持备份或恢复 {engine} 数据库。",
    "backup.tool_missing": "找不到 PostgreSQL 工具 {tool}：请安装与服务器版本一致的 postgresql-client。",
    "backup.tool_failed": "{tool} 运行失败：{reason}",
    # command line
    "cli.strict": "严格模式：读取时有 {count} 条警告，视为错误。",
    # jixiao review-all
    "reviewall.done": (
        "重新审核完成：{reviewed} 个部门目标（地区配置 {profile}），其中 {changed} 个的问题数有变化；"
        "合计错误 {errors_before} → {errors_after}，警告 {warnings_before} → {warnings_after}，"
        "提示 {infos_before} → {infos_after}。"
    ),
    "reviewall.nothing": (
        "没有需要重新审核的{scope}部门目标：审核结果都已按地区配置 {profile} 和当前规则算好（加 --all 全部重新审核）。"
    ),
    "reviewall.empty": "没有{scope}部门目标，无需审核。",
    "reviewall.busy": "{count} 个部门目标在审核期间正被保存，未重新审核：请稍后再次运行本命令。",
    "reviewall.unmigrated": "数据库尚未迁移到当前版本：请先运行 jixiao manage migrate，再重新审核。",
    "reviewall.batch": "--batch 须为正整数。",
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
    """A part of a document that was skipped or kept incomplete while reading.

    A warning about one field the reader is not sure of names it: ``table`` (the project or evaluation, 0-based, in
    the order read), ``row`` (the indicator row, 0-based; None for the table's own fields) and ``field`` (``name``,
    ``total``, ``goal``, ``level1`` … ``value``, ``midterm``, ``weight``, ``actual``, ``score``; ``*`` for the whole
    row). The import preview highlights such fields for the user to confirm.
    """

    code: str
    line: int | None = None
    params: Mapping[str, Any] = field(default_factory=dict)
    table: int | None = None
    row: int | None = None
    field_name: str | None = None

    def __str__(self) -> str:
        return message(self.code, {"line": self.line, **self.params})
