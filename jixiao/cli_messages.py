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
}
