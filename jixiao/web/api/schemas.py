"""The API's request and response bodies as typed schemas; ``/api/openapi.json`` is generated from them.

Responses carry the canonical JSON (``jixiao.targets/1``, ``docs/format.md``): every field is present (``null`` when
empty) except ``core`` and ``budget.midterm``, which appear only when set. Request bodies may leave any field out.

The request schemas check the shape (a string, an exact number, an object, a list, true or false); the canonical
reader then applies the document's own rules (no ``""`` …) with the same Chinese messages as an import. A schema
error is reported in the same words (:mod:`jixiao.web.api.errors`). Numbers stay exact: the body is parsed with
Decimals, a JSON number is never read as a float, and a string is no number (``"5"`` is refused, as the import
refuses it).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    Discriminator,
    Field,
    StrictBool,
    StrictStr,
    Tag,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError


def _exact_number(value: Any) -> Any:
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        raise PydanticCustomError("number_type", "应为数字")
    return value


def _whole_number(value: Any) -> Any:
    """JSON Schema's integer is any number without a fraction: ``3`` or ``3.0`` (a string or true is no number)."""
    if isinstance(value, Decimal) and value.is_finite() and value == value.to_integral_value():
        return int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        raise PydanticCustomError("int_type", "应为整数")
    return value


WholeNumber = Annotated[int, BeforeValidator(_whole_number)]

Amount = Annotated[Decimal, BeforeValidator(_exact_number), WithJsonSchema({"type": "number"})]
"""An exact JSON number (``5.00`` stays ``5.00``); never a string."""

Text = Annotated[StrictStr, WithJsonSchema({"type": "string", "minLength": 1})]
"""A text field: absent or empty is ``null``, never ``""``."""

Comparator = Literal[">=", "<=", ">", "<", "="]
Kind = Literal["quantitative", "qualitative", "deadline"]


class Schema(BaseModel):
    """Plain pydantic models (not ninja's ``Schema``, which would read any object's attributes: a list given for an
    object would pass as an empty object). Unknown fields are ignored, as the canonical reader ignores them."""


class Error(Schema):
    """Every refusal: a Chinese message for people and a stable code for programs."""

    error: str = Field(description="给人看的中文说明")
    code: str = Field(description="稳定的错误代码（如 web.not_found、json.schema、web.conflict）")
    changes: list[str] | None = Field(None, description="仅 409 冲突：他人保存的改动")


# -- responses (every field present) ----------------------------------------------------------------------------------


class Value(Schema):
    text: str
    comparator: Comparator | None
    number: Amount | None
    unit: Text | None
    kind: Kind
    upper: Amount | None
    tolerance: bool
    date: Text | None


class Indicator(Schema):
    level1: Text | None
    level2: Text | None
    level3: Text | None
    description: Text | None
    value: Value | None
    basis: Text | None
    weight: Amount | None
    midterm_value: Value | None
    core: bool = Field(False, description="核心指标；仅为 true 时出现")


class Budget(Schema):
    total: Amount | None
    fiscal: Amount | None
    other: Amount | None
    midterm: Amount | None = Field(None, description="项目期（中期）资金总额；仅文档载有时出现")


class Unit(Schema):
    code: Text | None
    name: Text | None


class SpendingPoint(Schema):
    label: str
    month: int | None
    percent: Amount | None


class StoredProject(Schema):
    """A stored project: its id, department and ``revision`` (give it back when saving), then its content."""

    id: int
    department: int
    revision: int
    code: Text | None
    name: Text | None
    title: Text | None
    unit: Unit | None
    budget: Budget
    fund_use: Text | None
    spending_plan: list[SpendingPoint]
    goal: Text | None
    midterm_goal: Text | None
    indicators: list[Indicator]


class Project(Schema):
    """A project inside a department document."""

    code: Text | None
    name: Text | None
    title: Text | None
    unit: Unit | None
    budget: Budget
    fund_use: Text | None
    spending_plan: list[SpendingPoint]
    goal: Text | None
    midterm_goal: Text | None
    indicators: list[Indicator]


class StoredIndicator(Schema):
    """An indicator of a stored project, by its position (``index``, from 0) in the project's list."""

    project: int
    index: int
    revision: int
    level1: Text | None
    level2: Text | None
    level3: Text | None
    description: Text | None
    value: Value | None
    basis: Text | None
    weight: Amount | None
    midterm_value: Value | None
    core: bool = Field(False, description="核心指标；仅为 true 时出现")


class DepartmentSummary(Schema):
    id: int
    code: Text | None
    name: Text | None
    year: int | None


class ProjectSummary(Schema):
    id: int
    code: Text | None
    name: Text | None
    revision: int


class DepartmentName(Schema):
    code: Text | None
    name: Text | None


class SubGoal(Schema):
    title: str
    description: Text | None
    refinements: list[str]


class Safeguard(Schema):
    title: str
    description: Text | None


class Overall(Schema):
    goal: Text | None
    subgoals: list[SubGoal]
    safeguards: list[Safeguard]


class Document(Schema):
    """A department's targets as canonical JSON, the same text ``jixiao convert --to json`` writes."""

    schema_id: Literal["jixiao.targets/1"] = Field(alias="schema")
    title: Text | None
    year: int | None
    amount_unit: Text | None = Field(description="金额单位：万元、元、千元或亿元")
    department: DepartmentName
    overall: Overall | None
    projects: list[Project]


# -- requests (any field may be left out; null is the same as absent) ------------------------------------------------

Number = Amount | None


class ValueIn(Schema):
    text: StrictStr | None = None
    comparator: Comparator | None = None
    number: Number = None
    unit: Text | None = None
    kind: Kind | None = Field(None, description="缺省为 qualitative")
    upper: Number = None
    tolerance: StrictBool = False
    date: Text | None = None


def _value_form(value: Any) -> str:
    return "printed" if isinstance(value, str) else "parsed"


PrintedOrParsed = Annotated[
    Annotated[StrictStr, Tag("printed")] | Annotated[ValueIn, Tag("parsed")], Discriminator(_value_form)
]


class IndicatorIn(Schema):
    """An indicator of a project sent whole."""

    level1: Text | None = None
    level2: Text | None = None
    level3: Text | None = None
    description: Text | None = None
    value: ValueIn | None = None
    basis: Text | None = None
    weight: Number = None
    midterm_value: ValueIn | None = None
    core: StrictBool = Field(False, description="核心指标")


class IndicatorChange(IndicatorIn):
    """An indicator added to or replaced in a stored project, with the project's ``revision`` if the caller has it.

    Here ``value`` may also be the printed text (``"≥95%"``), parsed as an import would parse it.
    """

    value: PrintedOrParsed | None = None  # type: ignore[assignment]
    revision: WholeNumber | None = Field(
        None, description="读取项目时得到的版本号：给出时，若项目此后被他人保存则拒绝（409）；不给出则按当前版本保存"
    )


class BudgetIn(Schema):
    total: Number = None
    fiscal: Number = None
    other: Number = None
    midterm: Number = None


class UnitIn(Schema):
    code: Text | None = None
    name: Text | None = None


class SpendingPointIn(Schema):
    label: Text
    month: WholeNumber | None = None
    percent: Number = None


class ProjectIn(Schema):
    """A new project. Other fields (``id``, ``department``, ``revision`` of a read project) are ignored."""

    code: Text | None = None
    name: Text | None = None
    title: Text | None = None
    unit: UnitIn | None = None
    budget: BudgetIn | None = None
    fund_use: Text | None = None
    spending_plan: list[SpendingPointIn] | None = None
    goal: Text | None = None
    midterm_goal: Text | None = None
    indicators: list[IndicatorIn] | None = None


class ProjectUpdate(ProjectIn):
    """The project's new content with the ``revision`` it was read at: a save over someone else's is refused (409)."""

    revision: WholeNumber = Field(description="读取项目时得到的版本号（必填），以免覆盖他人的修改")


UNION_TAGS = frozenset({"printed", "parsed"})
"""Tags pydantic puts in an error's location inside ``value``; not part of the JSON path."""
