"""Word (DOCX): the writer draws a layout with python-docx; the reader reads ``word/document.xml`` directly.

Writer: A4, 宋体 body and 黑体 headings set as East-Asian fonts (``w:eastAsia``) with Times New Roman for Latin text,
tables with fixed column widths, merged cells as ``w:gridSpan`` and ``w:vMerge``, the indicator header row marked to
repeat on each page, page numbers in the footer. The XML is built as text and parsed once per block: adding rows
through python-docx's object API is far slower for a 50-project department.

Reader: body paragraphs and tables in document order (also inside content controls); a ``w:vMerge`` continuation
or a ``w:gridSpan``-covered position reads as ``""`` (python-docx's ``row.cells`` would repeat the merged cell
instead); ``w:gridBefore`` shifts a row right; Word's automatic numbering (``1.``, ``一、``, ``（一）``) is put back
in front of the text; a paragraph whose parts are separated by tabs (``287001…局<tab>单位：万元``) is a row.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from xml.sax.saxutils import escape

from jixiao.domain.errors import DocumentError
from jixiao.formats import grid
from jixiao.formats.blocks import Block, Para, Row, clean_cell
from jixiao.formats.interpret import ReadResult, interpret
from jixiao.formats.layout import Align, Cell, Image, Layout, Paragraph, RowKind, Section, Style, Table
from jixiao.formats.limits import ReadLimits, check_rows, check_zip, current_limits
from jixiao.formats.target_layout import cn_number

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_NS = f'xmlns:w="{W}"'
Element = Any  # an lxml element (lxml ships no type information)

# ---------------------------------------------------------------------------------------------------------------
# Writing

_SERIF, _SANS, _LATIN = "宋体", "黑体", "Times New Roman"
# (East-Asian font, size in half-points, centred, first-line indent in hundredths of a character, space before)
_PARAGRAPH_STYLES: dict[Style, tuple[str, int, bool, int, int]] = {
    Style.TITLE: (_SANS, 36, True, 0, 0),  # 小二
    Style.HEADING: (_SANS, 30, True, 0, 120),  # 小三
    Style.SUBHEADING: (_SANS, 28, False, 0, 120),  # 四号
    Style.ITEM: (_SANS, 24, False, 200, 60),  # 小四
    Style.BODY: (_SERIF, 24, False, 200, 0),  # 小四
}
_TABLE_SIZE = 18  # 小五 (9 pt), as the published tables print
_CAPTION_SIZE = 21  # 五号
_PAGE_WIDTH, _PAGE_HEIGHT = 11906, 16838  # A4 in twentieths of a point
_MARGINS = {"top": 1134, "bottom": 1020, "left": 907, "right": 907}
_JC = {Align.LEFT: "left", Align.CENTER: "center", Align.RIGHT: "right"}


def _run(text: str, east_asian: str, size: int) -> str:
    fonts = f'<w:rFonts w:ascii="{_LATIN}" w:hAnsi="{_LATIN}" w:eastAsia="{east_asian}"/>'
    props = f'<w:rPr>{fonts}<w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr>'
    return f'<w:r>{props}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>' if text else ""


def _paragraph_xml(paragraph: Paragraph, page_break: bool) -> str:
    font, size, centred, indent, before = _PARAGRAPH_STYLES[paragraph.style]
    keep = "<w:keepNext/>" if paragraph.style is not Style.BODY else ""
    breaks = "<w:pageBreakBefore/>" if page_break else ""
    spacing = f'<w:spacing w:before="{before}" w:after="{60 if paragraph.style is Style.BODY else 120}"/>'
    ind = f'<w:ind w:firstLineChars="{indent}"/>' if indent else ""
    jc = '<w:jc w:val="center"/>' if centred else ('<w:jc w:val="both"/>' if paragraph.style is Style.BODY else "")
    return f"<w:p {_NS}><w:pPr>{keep}{breaks}{spacing}{ind}{jc}</w:pPr>{_run(paragraph.text, font, size)}</w:p>"


def _cell_paragraphs(cell: Cell, size: int) -> str:
    font = _SANS if cell.header else _SERIF
    jc = f'<w:jc w:val="{"center" if cell.header else _JC[cell.align]}"/>'
    spacing = '<w:spacing w:before="0" w:after="0" w:line="276" w:lineRule="auto"/>'
    lines = cell.text.split("\n") if cell.text else [""]
    return "".join(f"<w:p><w:pPr>{spacing}{jc}</w:pPr>{_run(line, font, size)}</w:p>" for line in lines)


_NO_BORDERS = (
    '<w:tcBorders><w:top w:val="nil"/><w:left w:val="nil"/><w:right w:val="nil"/><w:insideV w:val="nil"/></w:tcBorders>'
)


def _tc(cell: Cell | None, width: int, span: int, merge: str, caption: bool) -> str:
    """One ``w:tc``: a cell, or (``cell`` None) the continuation of a vertical merge."""
    props = f'<w:tcW w:w="{width}" w:type="dxa"/>'
    if span > 1:
        props += f'<w:gridSpan w:val="{span}"/>'
    if merge:
        props += f'<w:vMerge w:val="{merge}"/>' if merge == "restart" else "<w:vMerge/>"
    if caption:
        props += _NO_BORDERS
    props += f'<w:vAlign w:val="{"bottom" if caption else "center"}"/>'
    size = _CAPTION_SIZE if caption else _TABLE_SIZE
    body = _cell_paragraphs(cell, size) if cell is not None else "<w:p/>"
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{body}</w:tc>"


def _column_widths(table: Table, total: int) -> list[int]:
    weight = sum(table.widths)
    return [total * width // weight for width in table.widths]


def _table_xml(table: Table, total_width: int) -> str:
    widths = _column_widths(table, total_width)
    origins: dict[tuple[int, int], tuple[int, int, Cell]] = {}
    for top, left, cell in table.placed():
        for down in range(cell.rowspan):
            for across in range(cell.colspan):
                origins[(top + down, left + across)] = (top, left, cell)
    rows = []
    for index, row in enumerate(table.rows):
        caption = row.kind is RowKind.CAPTION
        props = "<w:cantSplit/>" + ("<w:tblHeader/>" if row.kind is RowKind.HEADER and index == 0 else "")
        cells = []
        column = 0
        while column < table.columns:
            origin = origins.get((index, column))
            if origin is None:  # a row shorter than the grid: fill it so Word keeps the grid
                cells.append(_tc(Cell(""), widths[column], 1, "", caption))
                column += 1
                continue
            top, left, cell = origin
            span = min(cell.colspan, table.columns - left)
            width = sum(widths[left : left + span])
            if left != column:  # covered from the left by a cell of this row: already written
                column += 1
                continue
            if top == index:
                cells.append(_tc(cell, width, span, "restart" if cell.rowspan > 1 else "", caption))
            else:
                cells.append(_tc(None, width, span, "continue", caption))
            column += span
        rows.append(f"<w:tr><w:trPr>{props}</w:trPr>{''.join(cells)}</w:tr>")
    borders = "".join(
        f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    grid_xml = "".join(f'<w:gridCol w:w="{width}"/>' for width in widths)
    props = (
        f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/><w:tblBorders>{borders}</w:tblBorders>'
        '<w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="57" w:type="dxa"/>'
        '<w:right w:w="57" w:type="dxa"/></w:tblCellMar>'
    )
    return f"<w:tbl {_NS}><w:tblPr>{props}</w:tblPr><w:tblGrid>{grid_xml}</w:tblGrid>{''.join(rows)}</w:tbl>"


def _footer_xml() -> str:
    def field(instruction: str) -> str:
        return f'<w:fldSimple w:instr=" {instruction} ">{_run("1", _SERIF, 18)}</w:fldSimple>'

    text = _run("第 ", _SERIF, 18) + field("PAGE") + _run(" 页 共 ", _SERIF, 18) + field("NUMPAGES")
    return f'<w:p {_NS}><w:pPr><w:jc w:val="center"/></w:pPr>{text}{_run(" 页", _SERIF, 18)}</w:p>'


def render_docx(layout: Layout) -> bytes:
    """The layout as a Word document (A4; portrait unless ``layout.landscape``)."""
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import qn
    from docx.shared import Pt, Twips

    document = docx.Document()
    _set_fonts(document, qn, Pt)
    section = document.sections[0]
    width, height = (_PAGE_HEIGHT, _PAGE_WIDTH) if layout.landscape else (_PAGE_WIDTH, _PAGE_HEIGHT)
    section.page_width, section.page_height = Twips(width), Twips(height)
    if layout.landscape:
        from docx.enum.section import WD_ORIENT

        section.orientation = WD_ORIENT.LANDSCAPE
    for side, value in _MARGINS.items():
        setattr(section, f"{side}_margin", Twips(value))
    footer = section.footer.paragraphs[0]._p
    footer.addnext(parse_xml(_footer_xml()))
    footer.getparent().remove(footer)
    content_width = width - _MARGINS["left"] - _MARGINS["right"]
    body = document.element.body
    sect_pr = body.sectPr
    for part in layout.sections:
        for block in _section_xml(part, content_width):
            sect_pr.addprevious(parse_xml(block))
        for image in part.images:
            _add_image(document, image)
    for paragraph in list(body.iterchildren(qn("w:p")))[:1]:
        if not "".join(paragraph.itertext()).strip():
            body.remove(paragraph)  # the template's empty first paragraph
    document.core_properties.title = layout.title
    document.core_properties.author = "jixiao"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _set_fonts(document: Any, qn: Any, pt: Any) -> None:
    """宋体 as the East-Asian font of the Normal style, so text typed later in Word is set correctly too."""
    style = document.styles["Normal"]
    style.font.name = _LATIN
    style.font.size = pt(12)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), _SERIF)


def _section_xml(section: Section, content_width: int) -> Iterator[str]:
    pending_break = section.page_break
    for block in section.blocks:
        if isinstance(block, Paragraph):
            yield _paragraph_xml(block, pending_break or block.page_break)
            pending_break = False
        elif not block.spreadsheet_only:
            if pending_break:
                yield f"<w:p {_NS}><w:pPr><w:pageBreakBefore/></w:pPr></w:p>"
                pending_break = False
            yield _table_xml(block, content_width)


def _add_image(document: Any, image: Image) -> None:
    """The picture centred in its own paragraph at the end of the body so far, its caption centred beneath."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm

    picture = document.add_paragraph()
    picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
    picture.add_run().add_picture(io.BytesIO(image.png), width=Mm(image.width))
    if image.caption:
        caption = document.add_paragraph()
        caption.alignment = WD_ALIGN_PARAGRAPH.CENTER
        caption.add_run(image.caption)


# ---------------------------------------------------------------------------------------------------------------
# Reading


def _q(name: str) -> str:
    return f"{{{W}}}{name}"


_P, _TBL, _TR, _TC, _T, _SDT = _q("p"), _q("tbl"), _q("tr"), _q("tc"), _q("t"), _q("sdt")
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_CHINESE_FORMATS = {"chineseCounting", "chineseCountingThousand", "chineseLegalSimplified", "ideographTraditional"}


_Level = tuple[str, str, int]  # numFmt, lvlText, start


def _val(element: Element | None, default: str = "") -> str:
    return str(element.get(_q("val"), default)) if element is not None else default


@dataclass(slots=True)
class _Numbering:
    """Word's automatic list numbers: the label (``（一）``, ``1.``) a numbered paragraph shows before its text.

    As in Word, numbering runs per abstract list: two lists sharing one continue each other's count unless a
    ``w:startOverride`` restarts it; a level's count restarts whenever a higher level advances.
    """

    levels: dict[tuple[str, int], _Level] = field(default_factory=dict)
    nums: dict[str, tuple[str, dict[int, int]]] = field(default_factory=dict)
    counters: dict[tuple[str, int], int] = field(default_factory=dict)
    started: set[str] = field(default_factory=set)

    @classmethod
    def parse(cls, xml: bytes | None) -> _Numbering:
        numbering = cls()
        if not xml:
            return numbering
        root = _parse(xml)
        for abstract in root.iter(_q("abstractNum")):
            abstract_id = abstract.get(_q("abstractNumId"), "")
            for level in abstract.iter(_q("lvl")):
                numbering.levels[(abstract_id, int(level.get(_q("ilvl"), "0")))] = (
                    _val(level.find(_q("numFmt")), "decimal"),
                    _val(level.find(_q("lvlText"))),
                    int(_val(level.find(_q("start")), "1")),
                )
        for num in root.iter(_q("num")):
            overrides = {
                int(override.get(_q("ilvl"), "0")): int(_val(override.find(_q("startOverride")), "1"))
                for override in num.iter(_q("lvlOverride"))
                if override.find(_q("startOverride")) is not None
            }
            numbering.nums[num.get(_q("numId"), "")] = (_val(num.find(_q("abstractNumId"))), overrides)
        return numbering

    def label(self, paragraph: Element) -> str:
        num_pr = paragraph.find(f"{_q('pPr')}/{_q('numPr')}")
        if num_pr is None:
            return ""
        num_id, ilvl = _val(num_pr.find(_q("numId"))), int(_val(num_pr.find(_q("ilvl")), "0"))
        if num_id not in self.nums:
            return ""
        abstract, overrides = self.nums[num_id]
        spec = self.levels.get((abstract, ilvl))
        if spec is None or spec[0] in ("bullet", "none"):
            return ""
        if num_id not in self.started:
            self.started.add(num_id)
            for level, start in overrides.items():
                self.counters[(abstract, level)] = start - 1
        key = (abstract, ilvl)
        self.counters[key] = self.counters.get(key, spec[2] - 1) + 1
        for deeper in [k for k in self.counters if k[0] == abstract and k[1] > ilvl]:
            del self.counters[deeper]
        return re.sub(r"%(\d)", lambda m: self._number(abstract, int(m.group(1)) - 1), spec[1])

    def _number(self, abstract: str, ilvl: int) -> str:
        fmt, _, start = self.levels.get((abstract, ilvl), ("decimal", "", 1))
        value = self.counters.get((abstract, ilvl), start)
        if fmt in _CHINESE_FORMATS:
            return cn_number(value) if 0 < value < 100 else str(value)
        if fmt == "decimalEnclosedCircle" and 0 < value <= 20:
            return chr(0x2460 + value - 1)
        if fmt in ("lowerLetter", "upperLetter") and 0 < value <= 26:
            letter = chr(ord("a") + value - 1)
            return letter.upper() if fmt == "upperLetter" else letter
        return str(value)


def _parse(xml: bytes) -> Element:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True)
    return etree.fromstring(xml, parser)


def _paragraph_text(paragraph: Element) -> str:
    """A paragraph's visible text: runs, tabs as ``\\t``, line breaks as ``\\n``; deleted text and fields left out."""
    parts: list[str] = []
    for element in paragraph.iter():
        tag = element.tag
        if tag == _T:
            if not any(ancestor.tag == _FALLBACK for ancestor in element.iterancestors()):
                parts.append(element.text or "")
        elif tag == _q("tab") and element.getparent().tag == _q("r"):
            parts.append("\t")
        elif tag in (_q("br"), _q("cr")) and element.get(_q("type")) != "page":
            parts.append("\n")
        elif tag == _q("noBreakHyphen"):
            parts.append("-")
    return "".join(parts)


@dataclass(slots=True)
class _Reader:
    numbering: _Numbering
    blocks: list[Block] = field(default_factory=list)
    number: int = 0

    def container(self, element: Element) -> None:
        for child in element:
            if child.tag == _P:
                self.paragraph(child)
            elif child.tag == _TBL:
                self.table(child)
            elif child.tag in (_SDT, _q("customXml"), _q("sdtContent")):
                self.container(child.find(_q("sdtContent")) if child.tag == _SDT else child)

    def paragraph(self, element: Element) -> None:
        self.number += 1
        text = self.numbering.label(element) + _paragraph_text(element)
        for line in text.split("\n"):
            segments = [clean_cell(part) for part in re.split(r"\t+", line)]
            segments = [part for part in segments if part]
            if len(segments) > 1 and "\t" in line.strip():
                self.blocks.append(Row(tuple(segments), self.number))
            elif segments:
                self.blocks.append(Para(clean_cell(line.replace("\t", " ")), self.number))

    def table(self, element: Element) -> None:
        rows = grid.Grid()
        for tr in element.iter(_TR):
            if tr.getparent() is not element and tr.getparent().tag != _q("sdtContent"):
                continue  # a row of a table nested in a cell: its text belongs to that cell
            self.number += 1
            before = tr.find(f"{_q('trPr')}/{_q('gridBefore')}")
            for _ in range(int(before.get(_q("val"), "0")) if before is not None else 0):
                rows.add("")
            for tc in tr.iter(_TC):
                if _owner_row(tc) is tr:
                    rows.add(self.cell_text(tc), colspan=_span(tc))
            rows.end_row(self.number)
        self.blocks.extend(rows.rows())

    def cell_text(self, tc: Element) -> str:
        merge = tc.find(f"{_q('tcPr')}/{_q('vMerge')}")
        if merge is not None and merge.get(_q("val"), "continue") != "restart":
            return ""
        h_merge = tc.find(f"{_q('tcPr')}/{_q('hMerge')}")
        if h_merge is not None and h_merge.get(_q("val"), "continue") != "restart":
            return ""
        lines = [self.numbering.label(p) + _paragraph_text(p).replace("\t", " ") for p in tc.iter(_P)]
        return grid.cell_text(lines)


def _owner_row(tc: Element) -> Element:
    parent = tc.getparent()
    while parent is not None and parent.tag != _TR:
        parent = parent.getparent()
    return parent


def _span(tc: Element) -> int:
    span = tc.find(f"{_q('tcPr')}/{_q('gridSpan')}")
    try:
        return max(1, min(int(span.get(_q("val"), "1")), 63)) if span is not None else 1
    except ValueError:
        return 1


def _part(archive: zipfile.ZipFile, name: str) -> bytes | None:
    try:
        info = archive.getinfo(name)
    except KeyError:
        return None
    return archive.read(info)  # its size was checked against the limits (check_zip in docx_blocks)


_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"


def _related(archive: zipfile.ZipFile, source: str, kind: str) -> str | None:
    """The part a relationship of ``kind`` (``officeDocument``, ``numbering``) points to from ``source``."""
    folder, _, name = source.rpartition("/")
    rels = _part(archive, f"{folder}/_rels/{name}.rels" if folder else f"_rels/{name}.rels")
    if rels is None:
        return None
    for relation in _parse(rels).iter(_REL):
        if str(relation.get("Type", "")).endswith(f"/{kind}"):
            target = str(relation.get("Target", ""))
            if target.startswith("/") or not folder:
                return target.lstrip("/")
            return posixpath.normpath(f"{folder}/{target}")
    return None


def docx_blocks(data: bytes, limits: ReadLimits | None = None) -> list[Block]:
    """The block stream of a Word document's body; its parts are checked against the limits before they are unpacked
    (:func:`jixiao.formats.limits.check_zip`), its paragraphs and table rows counted before they are read."""
    from lxml import etree

    check_zip(data, "Word", limits)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            main = _related(archive, "", "officeDocument") or "word/document.xml"
            document = _part(archive, main)
            numbering_name = _related(archive, main, "numbering")
            numbering = _part(archive, numbering_name) if numbering_name else None
        if document is None:
            raise DocumentError("document.corrupt", format="Word", reason=main)
        root = _parse(document)
        reader = _Reader(_Numbering.parse(numbering))
    except (zipfile.BadZipFile, etree.XMLSyntaxError, EOFError, ValueError, zlib.error, NotImplementedError,
            RuntimeError, OSError) as error:  # fmt: skip
        raise DocumentError("document.corrupt", format="Word", reason=str(error) or type(error).__name__) from None
    body = root.find(_q("body"))
    if body is None:
        raise DocumentError("document.corrupt", format="Word", reason=f"{main}: w:body")
    check_rows(sum(1 for _ in body.iter(_P, _TR)), limits)
    cells, limit = sum(1 for _ in body.iter(_TC)), current_limits(limits).sheet_cells
    if cells > limit:
        raise DocumentError("limit.table_cells", cells=cells, limit=limit)
    reader.container(body)
    return grid.tidy_blocks(reader.blocks)


def read_docx(data: bytes, limits: ReadLimits | None = None) -> ReadResult:
    """Read a target document from a Word (.docx) file."""
    blocks = docx_blocks(data, limits)
    if not blocks:
        raise DocumentError("document.empty")
    return interpret(blocks, layout="docx")
