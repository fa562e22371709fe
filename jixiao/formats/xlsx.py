"""Excel (XLSX): the writer puts each section on a sheet (a summary sheet, then one per project); the reader reads
every visible sheet in order.

Writer: 宋体/黑体 fonts, thin borders, merged cells, amounts and percentages stored as numbers with a number format
that prints them exactly as the document does (``5.00`` → ``0.00``; ``25.00%`` → ``0.00%``), A4 print setup fitted to
the page width with the indicator header row repeated on each printed page.

Reader: a cell covered by a merged range reads as ``""``; a number is printed the way its number format shows it
(``5`` with ``0.00`` → ``5.00``, ``0.25`` with ``0%`` → ``25%``, ``1234.5`` with ``#,##0.00`` → ``1,234.50``, literal
text such as ``0"人"`` kept), so a number stored as a number reads the same as one stored as text; a date becomes
``2021年12月31日``. A row whose only text is in the sheet's first column is a paragraph.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Sequence
from copy import copy
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from jixiao.domain.errors import DocumentError
from jixiao.formats import grid
from jixiao.formats.blocks import Block, Para, Row, clean_cell
from jixiao.formats.interpret import ReadResult, interpret
from jixiao.formats.interpret.labels import AMOUNT_UNIT_RE, COLUMN_LABELS, HEADER_LABELS, label_key, section_of
from jixiao.formats.layout import Align, Image, Layout, Paragraph, RowKind, Style, Table
from jixiao.formats.limits import ReadLimits, check_rows, check_sheet, check_zip

# ---------------------------------------------------------------------------------------------------------------
# Writing

_SHEET_WIDTH = 100  # characters across a portrait A4 sheet at the table's font size
_PARAGRAPH_FONTS: dict[Style, tuple[str, int]] = {
    Style.TITLE: ("黑体", 18),
    Style.HEADING: ("黑体", 15),
    Style.SUBHEADING: ("黑体", 14),
    Style.ITEM: ("黑体", 12),
    Style.BODY: ("宋体", 12),
}
_INVALID_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


def number_format(number: Decimal, percent: bool) -> str:
    """The Excel number format that prints ``number`` with the decimals it carries (``5.00`` → ``0.00``)."""
    exponent = number.as_tuple().exponent
    decimals = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return ("0." + "0" * decimals if decimals else "0") + ("%" if percent else "")


def _sheet_title(name: str, taken: set[str]) -> str:
    base = _INVALID_SHEET_CHARS.sub("_", name).strip("'") or "Sheet"
    title = base[:31]
    counter = 2
    while title.lower() in taken:
        suffix = f"({counter})"
        title = base[: 31 - len(suffix)] + suffix
        counter += 1
    taken.add(title.lower())
    return title


class _Styles:
    """openpyxl style objects, made once per workbook (every cell shares them).

    Setting ``cell.font``/``cell.border``/``cell.alignment`` hashes the style object on every call, which made a
    50-project workbook take seconds; :meth:`apply` computes each combination's style record once and copies it.
    """

    def __init__(self, workbook: Any) -> None:
        from openpyxl.styles import Alignment, Border, Font, Side

        self.scratch = workbook.create_sheet("_styles").cell(row=1, column=1)
        self.records: dict[tuple[int, int, int, str], Any] = {}

        thin = Side(style="thin", color="000000")
        self.border = Border(left=thin, right=thin, top=thin, bottom=thin)
        self.none = Border()
        self.body = Font(name="宋体", size=9)
        self.header = Font(name="黑体", size=9)
        self.caption = Font(name="宋体", size=10.5)
        self.paragraph = {style: Font(name=name, size=size) for style, (name, size) in _PARAGRAPH_FONTS.items()}
        self.align = {
            (align, vertical): Alignment(horizontal=align.value, vertical=vertical, wrap_text=True)
            for align in Align
            for vertical in ("center", "bottom")
        }
        self.paragraph_align = {
            style: Alignment(
                horizontal="center" if style in (Style.TITLE, Style.HEADING) else "left",
                vertical="center",
                wrap_text=True,
                indent=2 if style is Style.BODY else 0,
            )
            for style in Style
        }

    def apply(self, cell: Any, font: Any, border: Any, alignment: Any, number_format: str = "General") -> None:
        key = (id(font), id(border), id(alignment), number_format)
        record = self.records.get(key)
        if record is None:
            scratch = self.scratch
            scratch.font, scratch.border, scratch.alignment = font, border, alignment
            scratch.number_format = number_format
            record = self.records[key] = copy(scratch._style)
        cell._style = copy(record)


def _merge(ws: Any, top: int, left: int, bottom: int, right: int) -> None:
    """Merge a range whose cells are already written and styled (openpyxl's merge_cells would rebuild every
    covered cell and its borders again)."""
    from openpyxl.worksheet.cell_range import CellRange

    ws.merged_cells.add(CellRange(min_row=top, min_col=left, max_row=bottom, max_col=right))


def _estimate_lines(text: str, width: float) -> int:
    """How many lines a wrapped cell needs (CJK characters count double), for a row height Excel will not compute
    for merged cells."""
    lines = 0
    for part in text.split("\n") or [""]:
        units = sum(2 if grid.is_wide(char) else 1 for char in part)
        lines += max(1, -(-units // max(int(width), 1)))
    return lines


def _write_paragraph(ws: Any, row: int, paragraph: Paragraph, columns: int, styles: _Styles) -> None:
    cell = ws.cell(row=row, column=1, value=paragraph.text)
    cell.data_type = "s"
    styles.apply(cell, styles.paragraph[paragraph.style], styles.none, styles.paragraph_align[paragraph.style])
    if columns > 1:
        _merge(ws, row, 1, row, columns)
    size = _PARAGRAPH_FONTS[paragraph.style][1]
    lines = _estimate_lines(paragraph.text, _SHEET_WIDTH * 9 / size - 4)
    ws.row_dimensions[row].height = max(1, lines) * size * 1.45 + 4


def _write_table(ws: Any, top: int, table: Table, widths: list[float], styles: _Styles) -> int:
    """Write a table with its first row at ``top``; the number of rows written."""
    heights = [1] * len(table.rows)
    for row, column, cell in table.placed():
        caption = table.rows[row].kind is RowKind.CAPTION
        font = styles.caption if caption else styles.header if cell.header else styles.body
        border = styles.none if caption else styles.border
        alignment = styles.align[(Align.CENTER if cell.header and not caption else cell.align,
                                  "bottom" if caption else "center")]  # fmt: skip
        for down in range(cell.rowspan):
            for across in range(cell.colspan):
                covered = ws.cell(row=top + row + down, column=column + across + 1)
                styles.apply(covered, font, border, alignment)  # the merged range's borders are its cells'
        target = ws.cell(row=top + row, column=column + 1)
        if cell.number is not None:
            target.value = cell.number / 100 if cell.percent else cell.number
            styles.apply(target, font, border, alignment, number_format(cell.number, cell.percent))
        elif cell.text:
            target.value = cell.text
            target.data_type = "s"  # "=100%" is a value to print, not a formula
        if cell.rowspan > 1 or cell.colspan > 1:
            _merge(ws, top + row, column + 1, top + row + cell.rowspan - 1, column + cell.colspan)
        width = sum(widths[column : column + cell.colspan])
        lines = _estimate_lines(cell.text, width - 1)
        heights[row] = max(heights[row], -(-lines // cell.rowspan))
    for index, lines in enumerate(heights):
        ws.row_dimensions[top + index].height = lines * 12.5 + 5
    return len(table.rows)


def _column_widths(tables: list[Table]) -> list[float]:
    widest = max(tables, key=lambda table: table.columns)
    total = sum(widest.widths)
    return [_SHEET_WIDTH * width / total for width in widest.widths]


def _write_image(ws: Any, row: int, image: Image, styles: _Styles) -> int:
    """Anchor the picture at column A of ``row``, ``image.width`` mm wide, its caption in the row below it; the
    next free row."""
    from openpyxl.drawing.image import Image as Picture

    picture = Picture(io.BytesIO(image.png))
    scale = image.width / 25.4 * 96 / picture.width  # Excel measures pictures in pixels at 96 per inch
    picture.width, picture.height = round(picture.width * scale), round(picture.height * scale)
    ws.add_image(picture, f"A{row}")
    row += -(-picture.height // 20)  # rows of the default height, 15 pt = 20 px
    if image.caption:
        cell = ws.cell(row=row, column=1, value=image.caption)
        cell.data_type = "s"
        styles.apply(cell, styles.body, styles.none, styles.align[(Align.LEFT, "center")])
        row += 1
    return row


def _write_section(ws: Any, blocks: list[Paragraph | Table], styles: _Styles, images: Sequence[Image] = ()) -> None:
    from openpyxl.utils import get_column_letter

    tables = [block for block in blocks if isinstance(block, Table)]
    widths = _column_widths(tables) if tables else [float(_SHEET_WIDTH)]
    for index, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(index)].width = round(width, 1)
    row = 1
    header_row: int | None = None
    for block in blocks:
        if isinstance(block, Paragraph):
            _write_paragraph(ws, row, block, len(widths), styles)
            row += 1
            continue
        if block.rows and block.rows[0].kind is RowKind.HEADER:
            header_row = row
        row += _write_table(ws, row, block, _column_widths([block]), styles)
    for image in images:
        row = _write_image(ws, row + 1, image, styles)
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    if header_row is not None:
        ws.print_title_rows = f"{header_row}:{header_row}"
    ws.oddFooter.center.text = "第 &P 页 共 &N 页"


def render_xlsx(layout: Layout) -> bytes:
    """The layout as an Excel workbook: one sheet per section."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    styles = _Styles(workbook)
    taken: set[str] = set()
    for section in layout.sections:
        ws = workbook.create_sheet(_sheet_title(section.name, taken))
        if layout.landscape:
            ws.page_setup.orientation = "landscape"
        _write_section(ws, section.blocks, styles, section.images)
    workbook.remove(styles.scratch.parent)
    workbook.properties.title = layout.title
    workbook.properties.creator = "jixiao"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


# ---------------------------------------------------------------------------------------------------------------
# Reading

_BRACKET_RE = re.compile(r"\[[^\]]*\]")  # [Red], [$-804], [>=100]


def _tokens(section: str) -> list[tuple[str, str]]:
    """A number-format section as ("lit", text) / ("num", placeholders) / ("pct", "%") tokens."""
    tokens: list[tuple[str, str]] = []
    index = 0
    while index < len(section):
        char = section[index]
        if char == '"':
            end = section.find('"', index + 1)
            end = len(section) if end < 0 else end
            tokens.append(("lit", section[index + 1 : end]))
            index = end + 1
        elif char == "\\":
            tokens.append(("lit", section[index + 1 : index + 2]))
            index += 2
        elif char in "_*":
            index += 2  # _x pads with the width of x; *x repeats x: layout, not text
        elif char in "0#?" or (char == "." and section[index + 1 : index + 2] in ("0", "#", "?")):
            end = index
            while end < len(section) and section[end] in "0#?,.":
                end += 1
            tokens.append(("num", section[index:end]))
            index = end
        elif char == "%":
            tokens.append(("pct", "%"))
            index += 1
        else:
            tokens.append(("lit", char))
            index += 1
    return tokens


def format_number(value: int | float | Decimal, fmt: str | None) -> str:
    """A number as Excel shows it under ``fmt``: decimals, percent, thousands separators and literal text
    (``0.00`` → ``5.00``, ``0%`` → ``25%``, ``#,##0.00`` → ``1,234.50``, ``0"人"`` → ``50人``)."""
    number = _exact(value)
    sections = _BRACKET_RE.sub("", fmt or "General").split(";")
    section = sections[0]
    if number < 0 and len(sections) > 1:
        section, number = sections[1], -number
    if section.strip().lower() in ("general", "", "@") or "E+" in section.upper() or "/" in section:
        return _general(number)
    tokens = _tokens(section)
    patterns = [text for kind, text in tokens if kind == "num"]
    if len(patterns) != 1:
        return _general(number)
    number *= Decimal(100) ** sum(1 for kind, _ in tokens if kind == "pct")
    decimals = len(patterns[0].split(".")[1]) if "." in patterns[0] else 0
    rounded = number.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    body = f"{rounded:,f}" if "," in patterns[0].rstrip(",").split(".")[0] else f"{rounded:f}"
    return "".join(body if kind == "num" else text for kind, text in tokens).strip()


def _exact(value: int | float | Decimal) -> Decimal:
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int):
        return Decimal(value)
    return Decimal(f"{value:.15g}")  # Excel keeps 15 significant digits


def _general(number: Decimal) -> str:
    if number == number.to_integral_value():
        return str(number.quantize(Decimal(1)))
    return f"{number.normalize():f}"


def _cell_text(value: Any, fmt: str | None) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, int | float | Decimal):
        try:
            return format_number(value, fmt)
        except (InvalidOperation, ValueError):
            return str(value)
    if isinstance(value, dt.datetime | dt.date):
        return f"{value.year}年{value.month}月{value.day}日"
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    return clean_cell(str(value))


def _is_label(text: str) -> bool:
    key = label_key(text)
    return (
        key in HEADER_LABELS or key in COLUMN_LABELS or section_of(text) is not None or bool(AMOUNT_UNIT_RE.match(key))
    )


def sheet_blocks(ws: Any, limits: ReadLimits | None = None) -> list[Block]:
    """One worksheet as blocks; covered cells of merged ranges read as ``""``. A used rectangle past the limits
    (:func:`jixiao.formats.limits.check_sheet`) is refused before it is walked.

    Only the cells the sheet holds are visited, row by row, each row spread over columns 1 to the sheet's last (what
    ``iter_rows`` gives, without making a cell object for every empty position of the rectangle: a 11 KB sheet with
    cells in A1 and ALL1000 took 10 s and 400 MB that way). Rows without text are skipped.
    """
    from openpyxl.cell.cell import MergedCell

    check_sheet(ws, limits)
    width = ws.max_column
    first_column = ws.min_column
    by_row: dict[int, list[tuple[int, Any]]] = {}
    for (row, column), cell in ws._cells.items():  # openpyxl keeps a sheet's cells only there
        if row >= 1 and column >= 1:  # iter_rows starts at A1
            by_row.setdefault(row, []).append((column, cell))
    blocks: list[Block] = []
    for line in sorted(by_row):
        texts = [""] * width
        for column, cell in by_row[line]:
            if not isinstance(cell, MergedCell):  # a covered cell of a merged range (its value is None)
                texts[column - 1] = _cell_text(cell.value, cell.number_format)
        filled = [index for index, text in enumerate(texts) if text]
        if not filled:
            continue
        if filled == [0] and first_column == 1 and not _is_label(texts[0]):
            blocks.extend(Para(text, line) for text in texts[0].split("\n") if text)
        else:
            blocks.append(Row(tuple(texts), line))
    return blocks


def open_workbook(data: bytes, limits: ReadLimits | None = None) -> Any:
    """The openpyxl workbook of ``data`` (values, not formulas), its parts and worksheets checked against the limits
    first (:func:`jixiao.formats.limits.check_zip`).

    Anything openpyxl raises on a damaged file (XML syntax errors, missing parts, bad attribute values — a fuzzer
    finds dozens of kinds) is ``document.corrupt``.
    """
    from openpyxl import load_workbook

    check_zip(data, "Excel", limits)
    try:
        return load_workbook(io.BytesIO(data), data_only=True)
    except MemoryError:
        raise
    except Exception as error:
        reason = str(error).splitlines()[0][:200] if str(error) else type(error).__name__
        raise DocumentError("document.corrupt", format="Excel", reason=reason) from None


def xlsx_blocks(data: bytes, limits: ReadLimits | None = None) -> list[Block]:
    """The block stream of a workbook: its visible worksheets in order."""
    workbook = open_workbook(data, limits)
    blocks: list[Block] = []
    for ws in workbook.worksheets:
        if ws.sheet_state == "visible":
            blocks.extend(grid.tidy_blocks(sheet_blocks(ws, limits)))
    return blocks


def read_xlsx(data: bytes, limits: ReadLimits | None = None) -> ReadResult:
    """Read a target document from an Excel (.xlsx) workbook."""
    blocks = xlsx_blocks(data, limits)
    if not blocks:
        raise DocumentError("document.empty")
    check_rows(len(blocks), limits)
    return interpret(blocks, layout="xlsx")
