"""The command line's own messages (``jixiao …``).

Registered when :mod:`jixiao.cli` is imported (owner ``cli``); docs/messages.md lists every catalogue.
"""

from __future__ import annotations

CLI_MESSAGES: dict[str, str] = {
    "cli.export_source": "请给出一个目标表文件，或用 --department 指定数据库中的部门（二者选一）。",
    "cli.export_file_options": "--document、--year、--month 只能与 --department 一起使用。",
    "cli.export_format": "请用 --to 指定导出格式（{formats}），或给 -o 一个带这些扩展名的文件名。",
    "cli.exported": "已导出：{path}（{size} 字节）",
    # command line
    "cli.strict": "严格模式：读取时有 {count} 条警告，视为错误。",
    "cli.usage": "命令行参数有误：{reason}",
    "cli.environment": (
        "运行环境未配置好：{reason}请设置 JIXIAO_SECRET_KEY 等环境变量（见 .env.example），"
        "或在运行过 jixiao serve --demo（make run）的目录中运行。"
    ),
    "cli.database": "无法使用数据库：{reason}",
    "cli.internal": "意外的内部错误（{kind}：{reason}）。设置环境变量 JIXIAO_DEBUG=true 再运行可看到详细信息。",
    "cli.interrupted": "已中断。",
    "cli.port": "端口应为 1–65535 之间的整数，实际是“{value}”。",
    "cli.integer": "应为不小于 {minimum} 的整数，实际是“{value}”。",
    "cli.integer_range": "应为 {minimum}–{maximum} 之间的整数，实际是“{value}”。",
    "cli.indicators": "指标数范围应写作“最少-最多”（如 8-15，1 ≤ 最少 ≤ 最多），实际是“{value}”。",
    "cli.manage_missing": "请给出 Django 管理命令，例如 jixiao manage migrate 或 jixiao manage createsuperuser。",
    "cli.manage_unknown": "没有名为“{name}”的 Django 管理命令（jixiao manage help 列出全部）。",
    # output files (jixiao/outfile.py)
    "output.directory": "无法写入 {path}：这是一个目录，请给出文件名。",
    "output.not_regular": "无法写入 {path}：它既不是普通文件，也不是设备或管道。",
    "output.not_regular_backup": "无法写入 {path}：备份只能写入普通文件。",
    "output.no_directory": "无法写入 {path}：目录 {directory} 不存在。",
    "output.unwritable": "无法写入 {path}：{reason}。",
}
