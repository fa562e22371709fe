"""HTML: the print-friendly page every exporter can give (the PDF draws the same look), and the HTML reader.

The reader takes the tables government sites publish: ``rowspan``/``colspan`` (a covered cell reads as ``""`` so the
interpreter fills merged level cells down), ``<br>`` and block elements inside cells, unclosed ``<td>``/``<tr>``/``<p>``
tags, and pages laid out with an outer table around the real ones. It uses the standard library's parser only.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from html import escape
from html.parser import HTMLParser
from importlib import resources
from itertools import takewhile
from string import Template

from jixiao.domain.errors import DocumentError
from jixiao.formats.blocks import Block, Para, clean_cell
from jixiao.formats.grid import Grid, is_wide, tidy_blocks
from jixiao.formats.interpret import ReadResult, interpret
from jixiao.formats.layout import Align, Cell, Image, Layout, Paragraph, RowKind, Style, Table, TableRow
from jixiao.formats.limits import ReadLimits, check_rows, current_limits

# ---------------------------------------------------------------------------------------------------------------
# Writing


@cache
def template(name: str) -> str:
    """A file from ``jixiao/formats/templates`` (the page shell and its style sheet)."""
    return resources.files("jixiao.formats").joinpath("templates", name).read_text(encoding="utf-8")


_TAGS = {Style.TITLE: "h1", Style.HEADING: "h2", Style.SUBHEADING: "h3", Style.ITEM: "p", Style.BODY: "p"}
_ALIGN_CLASS = {Align.LEFT: "", Align.CENTER: "c", Align.RIGHT: "r"}


def _text(text: str) -> str:
    return "<br>".join(escape(line, quote=False) for line in text.split("\n"))


def _paragraph(paragraph: Paragraph) -> str:
    tag = _TAGS[paragraph.style]
    classes = ["item"] * (paragraph.style is Style.ITEM) + ["page-break"] * paragraph.page_break
    attribute = f' class="{" ".join(classes)}"' if classes else ""
    return f"<{tag}{attribute}>{_text(paragraph.text)}</{tag}>\n"


def _cell(cell: Cell, caption: bool) -> str:
    tag = "th" if cell.header and not caption else "td"
    attributes = ""
    if cell.rowspan > 1:
        attributes += f' rowspan="{cell.rowspan}"'
    if cell.colspan > 1:
        attributes += f' colspan="{cell.colspan}"'
    css = _ALIGN_CLASS[cell.align] if not cell.header else ""
    if css:
        attributes += f' class="{css}"'
    return f"<{tag}{attributes}>{_text(cell.text)}</{tag}>"


def _table(table: Table) -> str:
    total = sum(table.widths)
    columns = "".join(f'<col style="width:{width * 100 / total:.2f}%">' for width in table.widths)
    head = list(takewhile(lambda row: row.kind is RowKind.HEADER, table.rows))  # a header may span two rows
    parts = [f'<table class="grid"><colgroup>{columns}</colgroup>\n']
    if head:
        parts.append("<thead>" + "".join(_row(row) for row in head) + "</thead>\n")
    parts.append("<tbody>\n" + "".join(_row(row) for row in table.rows[len(head) :]) + "</tbody></table>\n")
    return "".join(parts)


def _row(row: TableRow) -> str:
    caption = row.kind is RowKind.CAPTION
    cells = "".join(_cell(cell, caption) for cell in row.cells)
    return f'<tr class="caption">{cells}</tr>\n' if caption else f"<tr>{cells}</tr>\n"


def _figure(image: Image) -> str:
    """The picture inlined as a data URI: an exported page is one file with no outside resources."""
    data = base64.b64encode(image.png).decode("ascii")
    caption = escape(image.caption or "")
    width = round(image.width / 25.4 * 96)
    text = f"<figcaption>{caption}</figcaption>" if caption else ""
    return f'<figure><img src="data:image/png;base64,{data}" width="{width}" alt="{caption}">{text}</figure>\n'


def render_body(layout: Layout) -> str:
    """The ``<body>`` content of a layout: one ``<section>`` per section; spreadsheet-only tables left out."""
    parts: list[str] = []
    for section in layout.sections:
        css = ' class="page-break"' if section.page_break else ""
        parts.append(f"<section{css}>\n")
        for block in section.blocks:
            if isinstance(block, Paragraph):
                parts.append(_paragraph(block))
            elif not block.spreadsheet_only:
                parts.append(_table(block))
        parts.extend(_figure(image) for image in section.images)
        parts.append("</section>\n")
    return "".join(parts)


def render_html(layout: Layout, *, extra_style: str = "") -> str:
    """A complete, self-contained HTML page (no external resources) for the screen and for printing."""
    style = template("document.css") + extra_style
    if layout.landscape:
        style += "@page { size: A4 landscape; }\nbody { max-width: 265mm; }\n"
    return Template(template("document.html")).substitute(
        title=escape(layout.title), style=style, body=render_body(layout)
    )


# ---------------------------------------------------------------------------------------------------------------
# Reading


@dataclass(slots=True)
class _Node:
    tag: str
    attrs: dict[str, str]
    line: int
    children: list[_Node | tuple[str, int]] = field(default_factory=list)

    def elements(self, *tags: str) -> Iterator[_Node]:
        """Descendants with one of ``tags``, not looking inside nested tables."""
        for child in self.children:
            if isinstance(child, _Node):
                if child.tag in tags:
                    yield child
                if child.tag != "table":
                    yield from child.elements(*tags)

    def has_table(self) -> bool:
        return any(isinstance(child, _Node) and (child.tag == "table" or child.has_table()) for child in self.children)


_VOID = {"br", "img", "hr", "meta", "link", "input", "col", "area", "base", "wbr", "source", "param", "embed"}
_SKIP = {"head", "script", "style", "title", "template", "noscript", "select", "option", "button", "textarea"}
_BLOCK = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "section", "article",
    "header", "footer", "main", "nav", "aside", "blockquote", "pre", "center", "form", "fieldset", "figure",
    "figcaption", "caption", "address", "body", "html", "table", "tr", "hr",
}  # fmt: skip
_TABLE_PARTS = {"td", "th", "tr", "tbody", "thead", "tfoot"}
_MAX_DEPTH = 200
_CELL_SCOPE = ("table", "td", "th")
# An open tag that a new tag implicitly closes (HTML's optional end tags, common on government sites).
_CLOSED_BY = {
    "td": {"td", "th", "tr", "tbody", "thead", "tfoot"},
    "th": {"td", "th", "tr", "tbody", "thead", "tfoot"},
    "tr": {"tr", "tbody", "thead", "tfoot"},
    "tbody": {"tbody", "thead", "tfoot"},
    "thead": {"tbody", "thead", "tfoot"},
    "tfoot": {"tbody", "thead", "tfoot"},
    "p": {"p", "div", "table", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "section"},
    "li": {"li"},
}


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Node("#root", {}, 1)
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._close_implied(tag)
        node = _Node(tag, {key: value or "" for key, value in attrs}, self.getpos()[0])
        self.stack[-1].children.append(node)
        if tag not in _VOID and len(self.stack) < _MAX_DEPTH:  # thousands of unclosed <font> stay flat
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID and self.stack[-1].tag == tag:
            self.stack.pop()

    def _close_implied(self, tag: str) -> None:
        """Close what ``tag`` implicitly ends, also through unclosed inline tags (``<td><font>a<td>b``)."""
        scope = ("table",) if tag in _TABLE_PARTS else _CELL_SCOPE
        while True:
            for index in range(len(self.stack) - 1, 0, -1):
                open_tag = self.stack[index].tag
                if tag in _CLOSED_BY.get(open_tag, ()):
                    del self.stack[index:]
                    break
                if open_tag in scope or (scope == _CELL_SCOPE and open_tag in _BLOCK and open_tag not in _CLOSED_BY):
                    return
            else:
                return

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.stack) - 1, 0, -1):
            if self.stack[index].tag == tag:
                del self.stack[index:]
                return
            if self.stack[index].tag == "table" and tag != "table":
                return  # an end tag that does not belong to the open table

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append((data.replace(_BREAK, ""), self.getpos()[0]))


_BREAK = "\x00"  # a line break the markup makes (<br>, a block element); source line breaks are white space
_SPACE_RE = re.compile(r"[ \t\r\n\f\xa0\u3000]+")


def _collapse(raw: str) -> str:
    """HTML white-space rules: a run collapses to one space, but a source line break between CJK characters
    vanishes (CSS Text segment-break rule); markup breaks become ``\\n``."""

    def space(match: re.Match[str]) -> str:
        start, end = match.start(), match.end()
        inside = "\n" in match.group(0) and start > 0 and end < len(piece)
        return "" if inside and is_wide(piece[start - 1]) and is_wide(piece[end]) else " "

    lines = []
    for piece in raw.split(_BREAK):
        lines.append(_SPACE_RE.sub(space, piece).strip())
    return clean_cell("\n".join(lines))


def _gather(node: _Node, out: list[str]) -> None:
    """A node's raw text with markup breaks marked; nested tables contribute their text."""
    for child in node.children:
        if isinstance(child, tuple):
            out.append(child[0])
        elif child.tag == "br":
            out.append(_BREAK)
        elif child.tag not in _SKIP:
            block = child.tag in _BLOCK or child.tag in ("td", "th")
            out.append(_BREAK if block else "")
            _gather(child, out)
            out.append(_BREAK if block else "")


def _cell_text(node: _Node) -> str:
    parts: list[str] = []
    _gather(node, parts)
    return _collapse("".join(parts))


def _span(node: _Node, name: str) -> int:
    match = re.match(r"\s*(\d+)", node.attrs.get(name, ""))
    return max(1, min(int(match.group(1)), 1000)) if match else 1


@dataclass(slots=True)
class _Walker:
    """Walks the tree in document order: text outside tables becomes paragraphs, data tables become rows."""

    blocks: list[Block] = field(default_factory=list)
    pending: list[str] = field(default_factory=list)
    line: int = 0

    def flush(self) -> None:
        text = _collapse("".join(self.pending))
        self.pending = []
        self.blocks.extend(Para(line, self.line) for line in text.split("\n") if line)

    def walk(self, node: _Node) -> None:
        for child in node.children:
            if isinstance(child, tuple):
                if not self.pending or not "".join(self.pending).strip():
                    self.line = child[1]
                self.pending.append(child[0])
            elif child.tag == "br":
                self.pending.append(_BREAK)
            elif child.tag == "table":
                self.flush()
                self.table(child)
            elif child.tag in _BLOCK or child.tag in ("td", "th"):
                self.flush()
                self.walk(child)
                self.flush()
            elif child.tag not in _SKIP:
                self.walk(child)

    def table(self, node: _Node) -> None:
        if any(cell.has_table() for cell in node.elements("td", "th")):
            self.walk(node)  # a table used for page layout: its cells hold paragraphs and the real tables
            return
        grid = Grid()
        for row in node.elements("tr"):
            for cell in row.elements("td", "th"):
                grid.add(_cell_text(cell), rowspan=_span(cell, "rowspan"), colspan=_span(cell, "colspan"))
            grid.end_row(row.line)
        self.blocks.extend(grid.rows())


def _spanned_cells(root: _Node) -> int:
    """How many grid cells the page's table cells cover (``rowspan`` × ``colspan`` each): what the grids will hold."""
    total, stack = 0, [root]
    while stack:
        node = stack.pop()
        if node.tag in ("td", "th"):
            total += _span(node, "rowspan") * _span(node, "colspan")
        stack.extend(child for child in node.children if isinstance(child, _Node))
    return total


def html_blocks(text: str, limits: ReadLimits | None = None) -> list[Block]:
    """The block stream of an HTML page: paragraphs outside tables, rows of every data table. The cells the tables
    cover (spans included) are counted against ``sheet_cells`` before the grids are built."""
    builder = _TreeBuilder()
    builder.feed(text)
    builder.close()
    cells = _spanned_cells(builder.root)
    if cells > current_limits(limits).sheet_cells:
        raise DocumentError("limit.table_cells", cells=cells, limit=current_limits(limits).sheet_cells)
    walker = _Walker()
    walker.walk(builder.root)
    walker.flush()
    return tidy_blocks(walker.blocks)


def read_html(text: str, limits: ReadLimits | None = None) -> ReadResult:
    """Read a target document published as an HTML page."""
    blocks = html_blocks(text, limits)
    if not blocks:
        raise DocumentError("document.empty")
    check_rows(len(blocks), limits)
    return interpret(blocks, layout="html")
