"""From a stream of paragraphs and table rows to a :class:`TargetDocument`, whatever layout the rows came from.

The interpreter is label-driven: it recognises the printed labels of the official tables (项目编码, 预算数,
资金支出计划, 一级指标 …) and their common synonyms, and never relies on absolute positions. Parts it cannot place are
reported as :class:`ReadWarning` with their line, not dropped silently.

Modules: :mod:`.labels` (label tables and cell parsers), :mod:`.overall` (Part 1), :mod:`.project` (one project
table), :mod:`.indicators` (the indicator table), :mod:`.document` (the whole document).
"""

from __future__ import annotations

from jixiao.formats.interpret.document import ReadResult, interpret
from jixiao.formats.interpret.labels import parse_amount, parse_percent

__all__ = ["ReadResult", "interpret", "parse_amount", "parse_percent"]
