"""Canonical JSON (``jixiao.targets/1``): the lossless exchange form of a target document.

Numbers are JSON numbers written exactly as the Decimal holds them (``5.00`` stays ``5.00``); an absent field is
``null``, never ``""``. ``from_json(to_json(d))`` equals ``d`` and ``to_json(from_json(t))`` equals ``t`` for any
canonical ``t``. The JSON Schema is ``jixiao/schema/targets-1.json``; ``docs/format.md`` describes every field.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from decimal import Decimal
from importlib import resources
from typing import Any

from jixiao.domain.errors import DocumentError
from jixiao.domain.model import (
    Budget,
    Comparator,
    Department,
    Indicator,
    IndicatorValue,
    Overall,
    Project,
    Safeguard,
    SpendingCheckpoint,
    SubGoal,
    TargetDocument,
    Unit,
    ValueKind,
)
from jixiao.formats.limits import ReadLimits, current_limits

SCHEMA_ID = "jixiao.targets/1"

Json = dict[str, Any]


def schema() -> Json:
    """The JSON Schema shipped with the package."""
    text = resources.files("jixiao").joinpath("schema/targets-1.json").read_text(encoding="utf-8")
    result: Json = json.loads(text)
    return result


# ---------------------------------------------------------------------------------------------------------------
# model → dict


def value_to_dict(value: IndicatorValue) -> Json:
    return {
        "text": value.text,
        "comparator": value.comparator.value if value.comparator else None,
        "number": value.number,
        "unit": value.unit,
        "kind": value.kind.value,
        "upper": value.upper,
        "tolerance": value.tolerance,
        "date": value.date,
    }


def indicator_to_dict(indicator: Indicator) -> Json:
    data: Json = {
        "level1": indicator.level1,
        "level2": indicator.level2,
        "level3": indicator.level3,
        "description": indicator.description,
        "value": value_to_dict(indicator.value) if indicator.value.text else None,
        "basis": indicator.basis,
        "weight": indicator.weight,
        "midterm_value": value_to_dict(indicator.midterm_value) if indicator.midterm_value else None,
    }
    if indicator.core:
        data["core"] = True  # only when set: readings of tables without the mark stay as they were
    return data


def _budget_to_dict(budget: Budget) -> Json:
    """The budget; ``midterm`` only where the document prints a mid-term total (older readings have none)."""
    data: Json = {"total": budget.total, "fiscal": budget.fiscal, "other": budget.other}
    if budget.midterm is not None:
        data["midterm"] = budget.midterm
    return data


def project_to_dict(project: Project) -> Json:
    return {
        "code": project.code,
        "name": project.name,
        "title": project.title,
        "unit": {"code": project.unit.code, "name": project.unit.name} if project.unit else None,
        "budget": _budget_to_dict(project.budget),
        "fund_use": project.fund_use,
        "spending_plan": [
            {"label": point.label, "month": point.month, "percent": point.percent} for point in project.spending_plan
        ],
        "goal": project.goal,
        "midterm_goal": project.midterm_goal,
        "indicators": [indicator_to_dict(indicator) for indicator in project.indicators],
    }


def to_dict(document: TargetDocument) -> Json:
    overall = document.overall
    return {
        "schema": SCHEMA_ID,
        "title": document.title,
        "year": document.year,
        "amount_unit": document.amount_unit,
        "department": {"code": document.department.code, "name": document.department.name},
        "overall": None
        if overall is None
        else {
            "goal": overall.goal,
            "subgoals": [
                {"title": goal.title, "description": goal.description, "refinements": list(goal.refinements)}
                for goal in overall.subgoals
            ],
            "safeguards": [{"title": item.title, "description": item.description} for item in overall.safeguards],
        },
        "projects": [project_to_dict(project) for project in document.projects],
    }


def _encode(value: Any, indent: int, level: int) -> str:
    """JSON text with Decimals written as exact numbers (the standard encoder would need floats)."""
    if isinstance(value, dict):
        if not value:
            return "{}"
        pad, inner = " " * (indent * level), " " * (indent * (level + 1))
        items = [f"{inner}{_string(key)}: {_encode(val, indent, level + 1)}" for key, val in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    if isinstance(value, list):
        if not value:
            return "[]"
        pad, inner = " " * (indent * level), " " * (indent * (level + 1))
        return "[\n" + ",\n".join(f"{inner}{_encode(item, indent, level + 1)}" for item in value) + "\n" + pad + "]"
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, Decimal):
        return format(value, "f")
    return json.dumps(value, ensure_ascii=False)


_string: Callable[[str], str] = json.encoder.encode_basestring


def dumps(data: Json) -> str:
    """Canonical JSON text of a dict made by :func:`to_dict` (2-space indent, UTF-8 characters, final newline)."""
    return _encode(data, 2, 0) + "\n"


def to_json(document: TargetDocument) -> str:
    return dumps(to_dict(document))


# ---------------------------------------------------------------------------------------------------------------
# dict → model, with Chinese errors naming the place


class _Reader:
    """Typed access to a JSON object that names the path of whatever is wrong."""

    def __init__(self, data: Any, where: str) -> None:
        if not isinstance(data, dict):
            raise DocumentError("json.schema", where=where or "/", reason="应为对象（{…}）")
        self.data = data
        self.where = where

    def _fail(self, key: str, reason: str) -> DocumentError:
        return DocumentError("json.schema", where=f"{self.where}/{key}", reason=reason)

    def text(self, key: str, *, required: bool = False) -> str | None:
        value = self.data.get(key)
        if value is None:
            if required:
                raise self._fail(key, "不能为空")
            return None
        if not isinstance(value, str):
            raise self._fail(key, "应为文字")
        if value == "":
            raise self._fail(key, '空值应写 null，不能写 ""')
        return value

    def number(self, key: str) -> Decimal | None:
        value = self.data.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
            raise self._fail(key, "应为数字")
        return Decimal(value)

    def flag(self, key: str) -> bool:
        """An optional true/false (absent is false)."""
        value = self.data.get(key, False)
        if not isinstance(value, bool):
            raise self._fail(key, "应为 true 或 false")
        return value

    def integer(self, key: str) -> int | None:
        value = self.data.get(key)
        if value is None:
            return None
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        raise self._fail(key, "应为整数")

    def items(self, key: str) -> list[_Reader]:
        value = self.data.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            raise self._fail(key, "应为列表（[…]）")
        return [_Reader(item, f"{self.where}/{key}/{index}") for index, item in enumerate(value)]

    def strings(self, key: str) -> list[str]:
        value = self.data.get(key) or []
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise self._fail(key, "应为文字列表")
        return list(value)

    def child(self, key: str) -> _Reader | None:
        value = self.data.get(key)
        return None if value is None else _Reader(value, f"{self.where}/{key}")


def _value_from(reader: _Reader) -> IndicatorValue:
    comparator = reader.text("comparator")
    kind = reader.text("kind") or ValueKind.QUALITATIVE.value
    try:
        parsed_comparator = Comparator(comparator) if comparator else None
    except ValueError:
        raise reader._fail("comparator", "应为 >=、<=、>、<、= 或 null") from None
    try:
        parsed_kind = ValueKind(kind)
    except ValueError:
        raise reader._fail("kind", "应为 quantitative、qualitative 或 deadline") from None
    tolerance = reader.data.get("tolerance", False)
    if not isinstance(tolerance, bool):
        raise reader._fail("tolerance", "应为 true 或 false")
    return IndicatorValue(
        text=reader.data.get("text") or "",
        comparator=parsed_comparator,
        number=reader.number("number"),
        unit=reader.text("unit"),
        kind=parsed_kind,
        upper=reader.number("upper"),
        tolerance=tolerance,
        date=reader.text("date"),
    )


def value_from_dict(data: Any, where: str = "/value") -> IndicatorValue:
    """An indicator value from its canonical dict (numbers as Decimal or int)."""
    return _value_from(_Reader(data, where))


def _indicator_from(reader: _Reader) -> Indicator:
    value = reader.child("value")
    midterm = reader.child("midterm_value")
    return Indicator(
        level1=reader.text("level1"),
        level2=reader.text("level2"),
        level3=reader.text("level3"),
        description=reader.text("description"),
        value=_value_from(value) if value else IndicatorValue(text=""),
        basis=reader.text("basis"),
        weight=reader.number("weight"),
        midterm_value=_value_from(midterm) if midterm else None,
        core=reader.flag("core"),
    )


def _project_from(reader: _Reader) -> Project:
    unit = reader.child("unit")
    budget = reader.child("budget")
    return Project(
        code=reader.text("code"),
        name=reader.text("name"),
        title=reader.text("title"),
        unit=Unit(code=unit.text("code"), name=unit.text("name")) if unit else None,
        budget=Budget(
            total=budget.number("total"),
            fiscal=budget.number("fiscal"),
            other=budget.number("other"),
            midterm=budget.number("midterm"),
        )
        if budget
        else Budget(),
        fund_use=reader.text("fund_use"),
        spending_plan=[
            SpendingCheckpoint(
                label=point.text("label", required=True) or "",
                month=point.integer("month"),
                percent=point.number("percent"),
            )
            for point in reader.items("spending_plan")
        ],
        goal=reader.text("goal"),
        midterm_goal=reader.text("midterm_goal"),
        indicators=[_indicator_from(item) for item in reader.items("indicators")],
    )


def from_dict(data: Any) -> TargetDocument:
    """The document a canonical dict describes; :class:`DocumentError` names the path of the first wrong field."""
    root = _Reader(data, "")
    found = data.get("schema")
    if found != SCHEMA_ID:
        raise DocumentError("json.wrong_schema", found=found)
    department = root.child("department")
    overall = root.child("overall")
    return TargetDocument(
        year=root.integer("year"),
        amount_unit=root.text("amount_unit"),
        title=root.text("title"),
        department=Department(code=department.text("code"), name=department.text("name"))
        if department
        else Department(code=None, name=None),
        overall=None
        if overall is None
        else Overall(
            goal=overall.text("goal"),
            subgoals=[
                SubGoal(
                    title=item.text("title", required=True) or "",
                    description=item.text("description"),
                    refinements=item.strings("refinements"),
                )
                for item in overall.items("subgoals")
            ],
            safeguards=[
                Safeguard(title=item.text("title", required=True) or "", description=item.text("description"))
                for item in overall.items("safeguards")
            ],
        ),
        projects=[_project_from(item) for item in root.items("projects")],
    )


def loads(text: str, limits: ReadLimits | None = None) -> Any:
    """Parse JSON text keeping every number exact (Decimal); syntax errors name line and column.

    Checked first against the limits (:mod:`jixiao.formats.limits`): the text's length, its nesting (scanned before
    parsing, so ten thousand ``[`` never reach the parser's recursion), lone surrogate escapes (``"\\ud800"``, which
    no UTF-8 output can hold); while parsing, the length of every number and the size of its exponent.
    """
    limits = current_limits(limits)
    if len(text) > limits.text_chars:
        raise DocumentError("limit.text_chars", chars=len(text), limit=limits.text_chars)
    _check_depth(text, limits.json_depth)
    _check_surrogates(text)
    try:
        return json.loads(text, parse_float=_numbers(text, limits, Decimal), parse_int=_numbers(text, limits, int))
    except json.JSONDecodeError as error:
        raise DocumentError(
            "json.invalid", line=error.lineno, column=error.colno, reason=_JSON_REASONS.get(error.msg, error.msg)
        ) from None
    except RecursionError:  # a depth limit set past the interpreter's recursion limit
        raise DocumentError("limit.json_depth", line=1, limit=limits.json_depth) from None


_STRING_RE = re.compile(r'"(?:[^"\\\n]|\\.)*"')
_BRACKET_RE = re.compile(r"[\[\]{}]")
_LONE_SURROGATE_RE = re.compile(
    r"\\u[dD][89abAB][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F][0-9a-fA-F]{2})"  # a high surrogate without its low one
    r"|(?<!\\u[dD][89abAB][0-9a-fA-F]{2})\\u[dD][c-fC-F][0-9a-fA-F]{2}"  # a low surrogate without its high one
)


def _line(text: str, position: int) -> int:
    return text.count("\n", 0, max(position, 0)) + 1


def _check_depth(text: str, limit: int) -> None:
    if text.count("[") + text.count("{") <= limit:
        return
    bare = _STRING_RE.sub('""', text)  # JSON strings hold no line breaks: lines stay where they were
    depth = 0
    for match in _BRACKET_RE.finditer(bare):
        depth += 1 if match.group() in "[{" else -1
        if depth > limit:
            raise DocumentError("limit.json_depth", line=_line(bare, match.start()), limit=limit)


def _check_surrogates(text: str) -> None:
    if "\\u" not in text:
        return
    found = _LONE_SURROGATE_RE.search(text)
    if found is not None:
        raise DocumentError("json.surrogate", line=_line(text, found.start()), text=found.group())


def _numbers(text: str, limits: ReadLimits, kind: Callable[[str], Any]) -> Callable[[str], Any]:
    """A ``parse_float``/``parse_int`` refusing a number longer than ``json_number_chars`` or whose exponent is past
    it (``1e999999999`` would print as a billion digits)."""
    limit = limits.json_number_chars

    def parse(literal: str) -> Any:
        if len(literal) > limit:
            raise _number_error(text, literal, limit)
        number = kind(literal)
        if isinstance(number, Decimal) and number.is_finite() and abs(number.adjusted()) > limit:
            raise _number_error(text, literal, limit)
        return number

    return parse


def _number_error(text: str, literal: str, limit: int) -> DocumentError:
    shown = literal if len(literal) <= 24 else f"{literal[:12]}…{literal[-8:]}"
    return DocumentError("limit.json_number", line=_line(text, text.find(literal)), text=shown, limit=limit)


_JSON_REASONS = {
    "Expecting value": "此处应有一个值",
    "Expecting ',' delimiter": "缺少逗号",
    "Expecting ':' delimiter": "缺少冒号",
    "Expecting property name enclosed in double quotes": "属性名应使用双引号",
    "Unterminated string starting at": "字符串没有结束引号",
    "Extra data": "JSON 结束后还有多余内容",
    "Invalid control character at": "字符串中有非法控制字符",
}


def from_json(text: str) -> TargetDocument:
    return from_dict(loads(text))
