"""pdfplumber's table finder (default settings, ruling lines only), with its cell search made fast.

``TableFinder`` spends most of its time in ``intersections_to_cells``: for every intersection of ruling lines it
tries the intersections below and to the right, and each try builds two sets of edge boxes — inside a nested
function whose annotations are evaluated again on every call. :func:`cells` is the same search, in the same
order with the same answers, over sets built once per intersection. The other steps (snapping and joining the
edges, finding their intersections, grouping cells into tables) are pdfplumber's own. Both the PDFium pages and
pdfplumber's pages go through here, so the two readings keep one table finder.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

Point = tuple[float, float]
Box = tuple[float, float, float, float]


def find_tables(page: Any) -> list[Any]:
    """``page.find_tables()`` for a page with ``edges`` and ``bbox`` (pdfplumber's, or :class:`PageObjects`)."""
    from pdfplumber.table import Table, TableFinder, TableSettings, cells_to_tables, edges_to_intersections

    settings = TableSettings.resolve(None)
    finder = TableFinder.__new__(TableFinder)  # its __init__ would search the cells the slow way
    finder.page, finder.settings = page, settings
    intersections = edges_to_intersections(
        finder.get_edges(), settings.intersection_x_tolerance, settings.intersection_y_tolerance
    )
    return [Table(page, group) for group in cells_to_tables(cells(intersections))]


def cells(intersections: dict[Point, dict[str, list[dict[str, Any]]]]) -> list[Box]:
    """pdfplumber's ``intersections_to_cells``: for each intersection (sorted), the smallest cell whose four
    corners are intersections joined by common edges, tried below first, then to the right."""
    vertical = {point: {_box(edge) for edge in found["v"]} for point, found in intersections.items()}
    horizontal = {point: {_box(edge) for edge in found["h"]} for point, found in intersections.items()}
    columns: dict[float, list[Point]] = defaultdict(list)
    rows: dict[float, list[Point]] = defaultdict(list)
    for point in sorted(intersections):
        columns[point[0]].append(point)
        rows[point[1]].append(point)
    out: list[Box] = []
    for point in sorted(intersections):
        below = [other for other in columns[point[0]] if other[1] > point[1]]
        right = [other for other in rows[point[1]] if other[0] > point[0]]
        cell = _smallest_cell(point, below, right, vertical, horizontal)
        if cell is not None:
            out.append(cell)
    return out


def _smallest_cell(
    point: Point,
    below: list[Point],
    right: list[Point],
    vertical: dict[Point, set[Box]],
    horizontal: dict[Point, set[Box]],
) -> Box | None:
    for down in below:
        if vertical[point].isdisjoint(vertical[down]):
            continue
        for across in right:
            if horizontal[point].isdisjoint(horizontal[across]):
                continue
            corner = (across[0], down[1])
            if (
                corner in vertical
                and not vertical[corner].isdisjoint(vertical[across])
                and not horizontal[corner].isdisjoint(horizontal[down])
            ):
                return (point[0], point[1], corner[0], corner[1])
    return None


def _box(edge: dict[str, Any]) -> Box:
    return (edge["x0"], edge["top"], edge["x1"], edge["bottom"])
