"""PDF: writing any layout with reportlab (:mod:`.writer`) and reading target documents (:mod:`.reader`) from the
objects PDFium gives as pdfplumber would (:mod:`.pdfium_pages`), or from pdfplumber's; :mod:`.lines` breaks lines
the way the reader joins them again."""

from __future__ import annotations

from jixiao.formats.pdf.reader import pdf_blocks, read_pdf
from jixiao.formats.pdf.writer import render_pdf

__all__ = ["pdf_blocks", "read_pdf", "render_pdf"]
