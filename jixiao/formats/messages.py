"""The messages of reading and writing documents: unreadable files, warnings while reading (each naming the cell
it is unsure of), self-evaluation tables, actuals files and exports.

Registered when :mod:`jixiao.formats` is imported (owner ``formats``); docs/messages.md lists every catalogue.
"""

from __future__ import annotations

FORMATS_MESSAGES: dict[str, str] = {
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
    # limits on what a reader takes on (jixiao.formats.limits), each message naming its limit
    "limit.upload_size": "文件大小为 {size}，超过上传文件大小上限 {limit}，已拒绝读取。",
    "limit.zip_members": "{format} 文件包含 {count} 个部件，超过部件数上限 {limit} 个，已拒绝读取。",
    "limit.zip_member_bytes": (
        "{format} 文件的部件 {member} 解压后为 {size}，超过单个部件解压大小上限 {limit}，已拒绝读取。"
    ),
    "limit.zip_total_bytes": "{format} 文件解压后超过 {size}，超过解压总大小上限 {limit}，已拒绝读取。",
    "limit.zip_ratio": (
        "{format} 文件的部件 {member} 压缩比为 {ratio}:1，超过压缩比上限 {limit}:1（可能是压缩炸弹），已拒绝读取。"
    ),
    "limit.sheet_rows": "Excel 工作表“{sheet}”用到第 {row} 行，超过工作表行数上限 {limit} 行，已拒绝读取。",
    "limit.sheet_columns": (
        "Excel 工作表“{sheet}”用到第 {column} 列（{letters} 列），超过工作表列数上限 {limit} 列，已拒绝读取。"
    ),
    "limit.sheet_cells": "Excel 工作表“{sheet}”有 {cells} 个单元格，超过工作表单元格数上限 {limit} 个，已拒绝读取。",
    "limit.table_cells": (
        "文档中的表格共有 {cells} 个单元格（含合并单元格），超过表格单元格数上限 {limit} 个，已拒绝读取。"
    ),
    "limit.pdf_pages": "PDF 文件有 {pages} 页，超过页数上限 {limit} 页，已拒绝读取。",
    "limit.pdf_objects": "PDF 文件到第 {page} 页时文字和图形对象已超过 {limit} 个，超过对象数上限，已拒绝读取。",
    "limit.pdf_stream_bytes": "PDF 文件的数据流（对象 {object}）解压后超过数据流大小上限 {limit}，已拒绝读取。",
    "limit.rows": "文档有 {rows} {unit}，超过行数上限 {limit} 行，已拒绝读取。",
    "limit.text_chars": "文档文字有 {chars} 个字符，超过文字长度上限 {limit} 个字符，已拒绝读取。",
    "limit.json_depth": "JSON 第 {line} 行嵌套超过 {limit} 层，超过嵌套层数上限，已拒绝读取。",
    "limit.json_number": "JSON 第 {line} 行的数字“{text}”过长或过大，超过数字长度上限 {limit} 个字符，已拒绝读取。",
    "limit.parse_time": "读取文件用时超过时间上限 {limit} 秒，已停止：文件可能过大或已损坏。",
    "limit.parse_memory": "读取文件所需内存超过内存上限 {limit}，已停止：文件可能过大或已损坏。",
    "document.read_failed": "读取文件时出错，已停止：{reason}",
    "json.surrogate": "JSON 第 {line} 行含有无效的 Unicode 转义“{text}”（单独的代理项），无法读取。",
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
    "indicator.guessed_name": (
        "第 {line} 行：指标“{name}”的名称与相邻文字之间没有明确边界，是按内容推断的，这一行各栏都可能错位，请核对。"
    ),
    "indicator.year_as_number": (
        "第 {line} 行：指标值“{text}”按数量读为 {number}（单位“{unit}”），它可能是一个时间而不是数量，请核对。"
    ),
    "indicator.category_as_name": (
        "第 {line} 行：三级指标“{name}”是一个指标类别的名称，可能不是这一行指标的名称，请核对。"
    ),
    "indicator.last_row": "第 {line} 行：文件在指标“{name}”这一行截止，这一行可能不完整，请核对。",
    "prose.field": "第 {line} 行起：“{field}”是从正文的句子中读出的，不是表格的单元格，请核对。",
    "prose.indicator": "第 {line} 行：这份文件没有表格，指标“{name}”是从句子中按内容拆出的，请核对各栏。",
    "project.text_cut": "第 {line} 行：文件在“{field}”的文字中截止，这段文字可能不完整，请核对。",
    "project.text_joined": "第 {line} 行起：“{field}”由几个单元格的文字连成，可能混入了表格的其他内容，请核对。",
    "document.cut_row": "第 {line} 行：文档在指标“{name}”处截断，这一行不完整，已跳过。",
    "indicator.guessed_cell": "第 {line} 行：“{text}”在原文中没有明确的单元格边界，是按内容推断的，请核对。",
    "overall.stray_text": "第 {line} 行：第一部分中无法归属的文字，已跳过：{text}",
    "table.stray_row": "第 {line} 行：无法识别的表格行，已跳过：{text}",
    # exporting documents
    "export.format": "不支持导出为“{format}”格式，可选：{formats}。",
    "export.no_project": "文件中没有编码或名称为“{key}”的项目。",
    "export.no_font": "生成 PDF 需要中文字体包 {package}，请先安装（pip install {package}）。",
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
    "selfeval.odd_name": "第 {line} 行：指标名称读作“{name}”，像是别的列的数值错位到了这里，请核对。",
    "selfeval.cut_row": "第 {line} 行指标“{name}”在文档结尾处被截断，可能不完整，请核对。",
    "selfeval.doubtful_name": (
        "第 {line} 行指标“{name}”：名称与相邻文字之间没有明确边界，是按内容推断的，这一行各栏都可能错位，请核对。"
    ),
    "selfeval.sign_as_digit": (
        "第 {line} 行指标“{name}”：“{text}”按印出的数读取，但可能是“{alternative}”（PDF 常把 ≥ 识别成 2），请核对。"
    ),
    "selfeval.name_assumed": "第 {line} 行：自评表没有印出项目名称，暂以主管部门“{department}”作为名称，请核对。",
    "actuals.schema": "实际完成值文件内容有误（位置 {where}）：{reason}",
    "actuals.wrong_schema": "实际完成值文件的 schema 字段应为 “jixiao.actuals/1”，实际是 “{found}”。",
    "actuals.no_sheet": "Excel 文件中没有实际完成值表：应有“项目编码”“三级指标”“实际完成值”列。",
    "actuals.number": "第 {line} 行“{header}”列：“{text}”不是数字。",
}
