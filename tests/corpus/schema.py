"""The shape of an expected reading (tests/corpus/README.md), checked without reading any document."""

from __future__ import annotations

import json
import re
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

CORPUS = Path(__file__).resolve().parent
DOCS = CORPUS / "docs"
EXPECTED = CORPUS / "expected"

KINDS = {"target", "selfeval", "dept-target", "dept-selfeval"}
FAMILIES = {"pipe", "lines", "space", "runon", "pdfcols", "prose", "html", "docx", "xlsx", "pdf"}
FEATURES = {
    "split-value", "midterm", "two-level", "weight", "core", "subrows", "yuan", "amount-in-cell", "multi-project",
    "dept-overall", "traditional", "placeholder", "truncated", "two-row-header", "ocr", "framework",
}  # fmt: skip
COMPARATORS = {">=", "<=", ">", "<", "=", None}

_TOP = {"file", "kind", "source_url", "province", "unit", "year", "family", "features", "notes", "truncated",
        "amount_unit", "projects", "evaluations"}  # fmt: skip
_PROJECT = {"name", "code", "unit", "unit_code", "department", "budget", "midterm_budget", "spending_plan", "goal",
            "midterm_goal", "indicators"}  # fmt: skip
_EVALUATION = {"name", "code", "unit", "unit_code", "department", "funds", "goal", "goal_result", "indicators",
               "total", "grade"}  # fmt: skip
_INDICATOR = {"level1", "level2", "level3", "description", "value", "comparator", "number", "unit", "midterm",
              "weight", "basis", "core", "actual", "score"}  # fmt: skip
_NUMBER_KEYS = {"number", "weight", "score", "total", "midterm_budget"}


def _number(value: Any, where: str, errors: list[str]) -> None:
    if value is None:
        return
    if not isinstance(value, str):
        errors.append(f"{where}: a number is written as a JSON string, got {value!r}")
        return
    try:
        Decimal(value)
    except InvalidOperation:
        errors.append(f"{where}: {value!r} is not a decimal number")


def _keys(obj: Any, allowed: set[str], where: str, errors: list[str]) -> dict[str, Any]:
    if not isinstance(obj, dict):
        errors.append(f"{where}: expected an object")
        return {}
    for key in obj:
        if key not in allowed:
            errors.append(f"{where}: unknown key {key!r}")
    return obj


def _indicator(item: Any, where: str, errors: list[str]) -> None:
    row = _keys(item, _INDICATOR, where, errors)
    if row.get("comparator") not in COMPARATORS:
        errors.append(f"{where}.comparator: {row.get('comparator')!r} is not one of >=, <=, >, <, =, null")
    for key in ("number", "weight", "score"):
        _number(row.get(key), f"{where}.{key}", errors)
    for key in ("level1", "level2", "level3", "description", "value", "unit", "midterm", "basis", "actual"):
        if row.get(key) is not None and not isinstance(row.get(key), str):
            errors.append(f"{where}.{key}: expected a string or null")
    if not any(row.get(key) for key in ("level1", "level2", "level3")):
        errors.append(f"{where}: an indicator names at least one level")


def _amounts(obj: Any, keys: set[str], where: str, errors: list[str]) -> None:
    for key, value in _keys(obj, keys, where, errors).items():
        _number(value, f"{where}.{key}", errors)


def check(data: Any, name: str, folder: Path = EXPECTED) -> list[str]:
    """Every problem with one expected reading, as 'where: what' lines."""
    errors: list[str] = []
    top = _keys(data, _TOP, name, errors)
    stem = name.removesuffix(".json")
    if top.get("file") != f"{stem}.txt" and not str(top.get("file", "")).startswith(stem):
        errors.append(f"{name}.file: should name the document ({stem}.txt)")
    if top.get("kind") not in KINDS:
        errors.append(f"{name}.kind: one of {sorted(KINDS)}")
    if top.get("family") not in FAMILIES:
        errors.append(f"{name}.family: one of {sorted(FAMILIES)}")
    for feature in top.get("features", []):
        if feature not in FEATURES:
            errors.append(f"{name}.features: unknown feature {feature!r}")
    if not re.match(r"^https?://", str(top.get("source_url", ""))):
        errors.append(f"{name}.source_url: the page's address is required")
    if top.get("amount_unit") not in ("万元", "元", "亿元", None):
        errors.append(f"{name}.amount_unit: 万元, 元 or null")
    tables = "projects" if top.get("kind") in ("target", "dept-target") else "evaluations"
    other = "evaluations" if tables == "projects" else "projects"
    if other in top:
        errors.append(f"{name}: a {top.get('kind')} reading has {tables}, not {other}")
    items = top.get(tables)
    if not isinstance(items, list) or not items:
        errors.append(f"{name}.{tables}: at least one")
        return errors
    for index, item in enumerate(items):
        where = f"{name}.{tables}[{index}]"
        obj = _keys(item, _PROJECT if tables == "projects" else _EVALUATION, where, errors)
        if tables == "projects":
            _amounts(obj.get("budget") or {}, {"total", "fiscal", "other"}, f"{where}.budget", errors)
            _number(obj.get("midterm_budget"), f"{where}.midterm_budget", errors)
            for point in obj.get("spending_plan") or []:
                _keys(point, {"label", "percent", "month"}, f"{where}.spending_plan", errors)
        else:
            funds = {"initial", "budget", "executed", "weight", "rate", "score"}
            _amounts(obj.get("funds") or {}, funds, f"{where}.funds", errors)
            _number(obj.get("total"), f"{where}.total", errors)
        for position, indicator in enumerate(obj.get("indicators") or []):
            _indicator(indicator, f"{where}.indicators[{position}]", errors)
    document = (DOCS if folder == EXPECTED else folder) / str(top.get("file", ""))
    if not document.is_file():
        errors.append(f"{name}: no document {document.name}")
    return errors


def load_all() -> list[tuple[Path, Any]]:
    return [(path, json.loads(path.read_text(encoding="utf-8"))) for path in sorted(EXPECTED.glob("*.json"))]
