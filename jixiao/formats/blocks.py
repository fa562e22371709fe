"""A layout-independent view of a document: paragraphs and table rows, each with the line it came from.

Every reader (published text layouts, DOCX, XLSX, PDF, HTML) turns its input into this stream; one interpreter
(:mod:`jixiao.formats.interpret`) turns the stream into the model. A merged cell that a layout repeats or drops is
given as an empty cell or left out; the interpreter fills it in.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Para:
    """A line of running text outside any table."""

    text: str
    line: int
    uncertain: bool = False
    """The text was cut out of a longer run at a boundary the vocabulary only suggests (see ``interpret.tokens``)."""


@dataclass(frozen=True, slots=True)
class Row:
    """One table row: its cells' texts (stripped; "" for an empty cell) and the line where it starts.

    ``doubtful`` holds the texts of cells whose boundaries were guessed: a field read from one is flagged.
    """

    cells: tuple[str, ...]
    line: int
    doubtful: frozenset[str] = frozenset()

    @property
    def first(self) -> str:
        return self.cells[0] if self.cells else ""

    def nonempty(self) -> list[str]:
        return [cell for cell in self.cells if cell]

    def text(self) -> str:
        return " | ".join(self.cells)


Block = Para | Row


def clean_cell(text: str) -> str:
    """A cell's text without surrounding white space (incl. the ideographic space); inner blank lines dropped."""
    return "\n".join(part.strip(_SPACE) for part in text.splitlines() if part.strip(_SPACE))


_SPACE = " \t\u3000\xa0\r"
