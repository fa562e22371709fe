"""Office files (DOCX / XLSX / PDF) built from corpus readings the way finance-bureau templates look (README.md)."""
