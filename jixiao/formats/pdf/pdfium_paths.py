"""A PDFium path object as the objects pdfplumber makes of the same path: lines, rectangles and curves.

pdfminer (under pdfplumber) splits a painted path at every ``moveto`` and sorts each part by its operators: one
straight segment is a line; four segments closing on an axis-aligned box (``re``, or ``m l l l h``) are a
rectangle; anything else (a polyline, a Bézier curve) is a curve through the end points of its segments.
pdfplumber's table finder then takes a line as one edge, a rectangle as its four sides and a curve as one edge
between each two consecutive points (so the straight, axis-aligned chords of a curve are rules too). The same rules
are applied here to the points PDFium keeps, so the table finder sees the same edges.

PDFium stores ``re`` as ``m l l l l`` with the last point closing, and a ``h`` that returns from elsewhere as one more
``l`` to the start point: pdfminer drops exactly such a redundant ``l`` before a final ``h``, so both forms meet.
"""

from __future__ import annotations

import ctypes
from collections.abc import Callable, Iterator
from typing import Any

Point = tuple[float, float]
Matrix = tuple[float, float, float, float, float, float]


def path_parts(obj: Any, transform: Callable[[float, float], Point]) -> Iterator[tuple[str, list[Point]]]:
    """The path's subpaths as pdfminer's operator strings (``m``, ``l``, ``c``, ``h``) with one point each, in page
    coordinates; ``h`` carries the subpath's start point, as pdfminer gives it."""
    import pypdfium2.raw as raw

    x, y = ctypes.c_float(), ctypes.c_float()
    ops: list[str] = []
    points: list[Point] = []
    bezier = 0
    for index in range(raw.FPDFPath_CountSegments(obj)):
        segment = raw.FPDFPath_GetPathSegment(obj, index)
        kind = raw.FPDFPathSegment_GetType(segment)
        raw.FPDFPathSegment_GetPoint(segment, x, y)
        point = transform(x.value, y.value)
        if kind == raw.FPDF_SEGMENT_MOVETO:
            if ops:
                yield "".join(ops), points
            ops, points, bezier = ["m"], [point], 0
        elif kind == raw.FPDF_SEGMENT_BEZIERTO:
            bezier = (bezier + 1) % 3  # two control points, then the end point pdfminer keeps
            if bezier:
                continue
            ops.append("c")
            points.append(point)
        else:
            ops.append("l")
            points.append(point)
        if ops and raw.FPDFPathSegment_GetClose(segment):
            ops.append("h")
            points.append(points[0])
    if ops:
        yield "".join(ops), points


def part_object(shape: str, points: list[Point], height: float) -> dict[str, Any]:
    """One subpath as the object pdfplumber makes of it: a ``line``, a ``rect`` or a ``curve`` (with its ``pts``),
    in pdfplumber's top-down coordinates."""
    if len(shape) > 3 and shape.endswith("lh") and points[-2] == points[0]:
        shape, points = shape[:-2] + "h", points[:-1]
    if shape in ("mlh", "ml"):
        return _box("line", points[:2], height)
    if shape in ("mlllh", "mllll") and _is_box(points):
        return _box("rect", [points[0], points[2]], height)
    curve = _box("curve", points, height)
    curve["pts"] = [(x, height - y) for x, y in points]
    return curve


def _is_box(points: list[Point]) -> bool:
    (x0, y0), (x1, y1), (x2, y2), (x3, y3), last = points
    square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)
    return square and last == points[0]


def _box(kind: str, points: list[Point], height: float) -> dict[str, Any]:
    """The object's bounding box as pdfminer computes it and pdfplumber turns it top-down."""
    x0, x1 = min(x for x, _ in points), max(x for x, _ in points)
    y0, y1 = min(y for _, y in points), max(y for _, y in points)
    top = height - y1
    return {
        "object_type": kind,
        "x0": x0,
        "x1": x1,
        "y0": y0,
        "y1": y1,
        "top": top,
        "doctop": top,
        "bottom": height - y0,
        "width": x1 - x0,
        "height": y1 - y0,
    }


def multiply(first: Matrix, second: Matrix) -> Matrix:
    """The matrix applying ``first``, then ``second`` (PDF matrices as six numbers)."""
    a1, b1, c1, d1, e1, f1 = first
    a2, b2, c2, d2, e2, f2 = second
    return (
        a1 * a2 + b1 * c2,
        a1 * b2 + b1 * d2,
        c1 * a2 + d1 * c2,
        c1 * b2 + d1 * d2,
        e1 * a2 + f1 * c2 + e2,
        e1 * b2 + f1 * d2 + f2,
    )
