"""The web application's messages: pages and their confirmations, the workflow, in-year data, the audit trail,
login security, backup and restore, review-all. No Django import: the command line reads them too.

Registered when :mod:`jixiao.web` is imported (owner ``web``); docs/messages.md lists every catalogue.
"""

from __future__ import annotations

WEB_MESSAGES: dict[str, str] = {
    "export.document": "没有名为“{document}”的文档，可选：{documents}。",
    "export.scope": "{document}不能按{scope}导出。",
    "export.department": "没有找到部门“{key}”{year}：请给出部门的编号、编码或名称（见 jixiao export --list）。",
    "export.department_many": "有 {count} 个部门符合“{key}”{year}：请加 --year 或改用部门编号（{ids}）。",
    "export.not_published": "部门“{department}”尚未公开绩效目标。",
    "export.department_project": "部门“{department}”中没有编码或名称为“{key}”的项目。",
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
    # the JSON API (/api/…)
    "api.unauthenticated": "需要登录或有效的 API 令牌。",
    "api.method": "不支持 {method} 请求。",
    "api.revision": "请在请求中给出 revision（读取项目时得到的版本号），以免覆盖他人的修改。",
    "api.csrf": "CSRF 校验失败：请刷新页面后重试；脚本请改用 API 令牌（Authorization: Token 令牌）。",
    # workflow
    "workflow.wrong_state": "当前状态为“{state}”，不能执行“{action}”。",
    "workflow.forbidden": "您的角色不能执行“{action}”。",
    "workflow.comment_required": "“{action}”需要填写意见或理由。",
    "workflow.review_errors": "审核发现 {count} 处错误（红色标记），须修改后才能提交。",
    "workflow.withhold_reason": "不公开的项目须写明理由。",
    "workflow.no_version": "没有第 {number} 版。",
    "workflow.frozen": "目标已提交审核或已批准（{state}），不能修改；如需修改，请由审核人员退回或发起调整。",
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
    # signed checkpoints of the chain's head, outside the database (jixiao/web/audit/checkpoints.py)
    "audit.checkpoint_beyond": (
        "审计链只连续到第 {last} 条，但 {at} 写下的签名检查点（{where}）记有第 {seq} 条：末尾的记录被删除，链头被改回。"
    ),
    "audit.checkpoint_wiped": (
        "数据库中没有审计记录，但 {at} 写下的签名检查点（{where}）记有第 {seq} 条：审计记录被全部删除。"
    ),
    "audit.checkpoint_mismatch": (
        "第 {seq} 条记录的哈希与 {at} 写下的签名检查点（{where}）不符：审计链在这一条或更早的记录处被改写。"
    ),
    "audit.checkpoint_forged": (
        "检查点 {where} 的签名不符：检查点被伪造或改动，或签名密钥（JIXIAO_AUDIT_KEY，未设置时为 SECRET_KEY）已更换。"
    ),
    "audit.more_problems": "（另有 {count} 处同类问题）",
    "audit.checkpoint_unwritable": "无法写入审计检查点文件 {path}：{reason}（检查点仍写入了系统日志）。",
    "audit.checkpoint_unreadable": "无法读取审计检查点文件 {path}：{reason}。",
    "audit.checkpoint_not_file": "{path} 不是普通文件：请先把检查点或系统日志摘录存成文件，再用 --checkpoints 给出。",
    "audit.checkpoints_checked": "与 {count} 个签名检查点相符（最新的记有第 {seq} 条，写于 {at}）。",
    "audit.checkpoint_written": "已写入审计检查点：第 {seq} 条，哈希 {hash}（{path}）。",
    "audit.checkpoints_exported": "已导出 {count} 个审计检查点到 {path}。",
    "web.unmigrated": "数据库尚未迁移到当前版本：请先运行 jixiao manage migrate（或 jixiao serve），再运行本命令。",
    "auth.invalid": "用户名或密码不正确，请重新输入。",
    "auth.locked": "登录失败次数过多，该账号在此地址已被暂时锁定，请 {minutes} 分钟后再试。",
    "backup.done": "已备份到 {path}（{size} 字节）。",
    "backup.restored": "已从 {path} 恢复数据库。",
    "backup.not_empty": "目标数据库不是空的（已有 {tables} 张表）：恢复将覆盖全部现有数据，确认覆盖请加 --force。",
    "backup.unreadable": "无法读取备份文件 {path}：{reason}。",
    "backup.unknown_file": "{path} 不是 Jixiao 的备份文件（既不是 SQLite 数据库，也不是 pg_dump -Fc 归档）。",
    "generate.exists": "数据库中已有生成的数据（财政局代码 {bureau}）：请换一个空数据库再生成。",
    "backup.wrong_kind": "{path} 是 {found} 的备份，而当前数据库是 {expected}，无法恢复。",
    "backup.engine": "不支持备份或恢复 {engine} 数据库。",
    "backup.tool_missing": "找不到 PostgreSQL 工具 {tool}：请安装与服务器版本一致的 postgresql-client。",
    "backup.tool_failed": "{tool} 运行失败：{reason}",
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
    # what a page says after an action (flash messages)
    "form.invalid": "有填写错误，请按红色提示修改后再保存。",
    "evaluation.band_invalid": "评分人得分超出了该档的分值范围，请按红色提示修改。",
    "evaluation.saved": "绩效自评已保存：总分 {total} 分，自评等级“{grade}”。",
    "evaluation.none_saved": "本项目没有已保存的绩效自评。",
    "evaluation.deleted": "已删除本项目的绩效自评。",
    "ledger.no_pending": "没有待确认的台账导入，请先上传台账。",
    "ledger.skipped": "（{count} 笔此前已导入，已跳过）",
    "ledger.imported": "已从“{name}”导入 {count} 笔支付{note}，列映射已保存供下次使用。",
    "monitoring.saved": "已保存 1-{month} 月的指标监控，预警已按最新填报更新。",
    "monitoring.none_saved": "1-{month} 月没有已保存的指标监控。",
    "monitoring.deleted": "已删除 1-{month} 月的指标监控；支付记录不受影响。",
    "payment.invalid": "支付记录有填写错误，请按红色提示修改。",
    "payment.added": "已添加支付记录：{date}，{amount} 元。",
    "payment.saved": "支付记录已保存，执行进度已按最新数据更新。",
    "payment.deleted": "已删除支付记录：{date}，{amount} 元。",
    "web.overall_saved": "部门整体绩效目标已保存。",
    "web.copied": "已复制到 {year} 年度，请按新年度预算调整目标。",
    "web.saved": "已保存。审核结果已按最新内容更新。",
    "web.project_created": "已新建项目，请填写项目信息和绩效指标。",
    "web.project_deleted": "已删除项目“{name}”。",
    "web.import_no_pending": "没有待确认的导入，请先上传文件。",
    "web.preview_too_large": (
        "文件内容过多，预览需要 {size}，超过预览大小上限 {limit}（JIXIAO_PREVIEW_MAX_KB），请拆分后分批导入。"
    ),
    "web.imported": "已导入 {count} 个项目。",
    "workflow.done": "已{action}。",
    "review.comment_added": "审核意见已添加。",
    "publication.published": "已设置为公开。",
    "publication.withheld": "已设置为不公开。",
    "auth.token_revoked": "已吊销令牌“{name}”。",
    "orphan.relinked": "已将“{old}”的记录关联到指标“{new}”，填报内容不变。",
    "orphan.rescored": "总分已按关联后的数据重新计算。",
    "orphan.monitoring_deleted": "已删除“{name}”的监控记录。",
    "orphan.evaluation_deleted": "已删除“{name}”的自评记录。",
    # the server could not answer
    "web.busy": "系统正忙（其他用户正在保存），本次操作没有保存任何内容，请 {seconds} 秒后再试。",
    "web.server_error": "服务器处理请求时出错，本次操作没有保存任何内容。请稍后再试；如果问题持续，请联系系统管理员。",
    "web.nul": "请求中含有空字符（NUL），无法处理。请检查输入内容（可能是从其他软件复制时带入的）后重试。",
    # accounts: the password policy, forced changes, idle sessions
    "password.kinds": "密码须包含大写字母、小写字母、数字、符号中的至少 {kinds} 种。",
    "password.repeats": "密码不能是重复的片段（如 Aa1!Aa1!），也不能只由少数几个字符组成。",
    "password.username": "密码不能包含用户名（正写或倒写）。",
    "password.reused": "不能使用最近 {count} 次用过的密码。",
    "password.must_change": "管理员已重置您的密码：请先设置一个新密码，再继续使用。",
    "password.changed": "密码已修改。",
    "password.reset_done": "已重置 {count} 个账号的密码，用户下次登录须修改：{passwords}",
    "auth.idle": "您已超过 {minutes} 分钟没有操作，为安全起见已退出登录，请重新登录。",
    "import.wrong_department": (
        "文件中的部门“{found}”与所选单位“{organisation}”不符：只能导入本单位的绩效目标。"
        "请选择正确的单位，或核对文件中的部门编码和名称。"
    ),
    "payment.over_budget": (
        "保存后支付合计 {paid} 元将超过预算数 {budget} 元：支付不能超过预算。请核对金额；如已办理预算调整或确认无误，"
        "请勾选“确认超出预算”后再保存。"
    ),
    # what was typed survives a lost session (jixiao/web/drafts.py)
    "auth.idle_kept": (
        "您已超过 {minutes} 分钟没有操作，为安全起见已退出登录。刚才填写的内容没有丢失：重新登录后会回到该页面并恢复。"
    ),
    "auth.session_kept": (
        "登录已失效（可能已超时或已在其他地方退出）。刚才填写的内容没有丢失：重新登录后会回到该页面并恢复。"
    ),
    "auth.session_lost": "登录已失效，请重新登录。刚才提交的内容过大，未能保留。",
    "web.draft_restored": (
        "已恢复您上次未保存的填写（尚未保存）：请核对后点击“保存”。如他人已在此期间保存过，保存时会提示差异。"
    ),
    "web.csrf_kept": (
        "页面已过期（可能在其他标签页重新登录或退出过），本次提交没有保存。"
        "您填写的内容已保留：点击下方链接回到该页面，内容会自动恢复。"
    ),
    "web.csrf_lost": "页面已过期（可能在其他标签页重新登录或退出过），本次提交没有保存。请返回该页面刷新后重新填写。",
    "paste.unplaced": "粘贴的第 {line} 行中“{cells}”不能确定属于哪一列，未填入：请核对后手工填写。",
    "review.not_acknowledgeable": "“{check}”不是本项目当前的警告或提示，不能说明原因（错误须修改后才能提交）。",
    "review.acknowledged": "已记录说明：审核人员会看到这条原因。",
    "review.acknowledgement_withdrawn": "已撤回说明。",
    "web.copied_version": "（复制的是已批准的第 {version} 版）",
    "web.copied_draft": "（复制的是当前编制中的内容）",
    "web.copied_year_texts": "以下内容写有“{year}年”，复制后仍是原文，请按新年度修改：{places}。",
}
