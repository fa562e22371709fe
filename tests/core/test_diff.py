"""What changed between two versions of a project or a document (jixiao.domain.diff), duplicated rows included."""

from __future__ import annotations

import time
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from jixiao.domain.diff import diff_documents, diff_projects
from jixiao.domain.model import Budget, Department, Indicator, IndicatorValue, Project, TargetDocument


def row(name: str | None, value: str = "≥1次") -> Indicator:
    return Indicator("产出指标", "数量指标", name, IndicatorValue(text=value))


def project(rows: list[Indicator], code: str = "P1", name: str = "项目") -> Project:
    return Project(code, name, budget=Budget(total=Decimal(10)), indicators=rows)


def where(before: list[Indicator], after: list[Indicator]) -> list[str]:
    return [change.where for change in diff_projects(project(before), project(after))]


def test_a_row_of_a_unique_name_is_named_by_its_name() -> None:
    before = [row("甲", "1次"), row("乙", "2次")]
    after = [row("甲", "1次"), row("乙", "3次")]
    changes = diff_projects(project(before), project(after))
    assert [str(change) for change in changes] == ["指标“乙”的指标值：“2次” → “3次”"]


def test_a_changed_duplicate_row_is_named_by_its_own_row_number() -> None:
    before = [row("甲", "1次"), row("甲", "1次"), row("乙")]
    assert where(before, [row("甲", "1次"), row("甲", "5次"), row("乙")]) == ["第 2 行指标“甲”的指标值"]
    assert where(before, [row("甲", "5次"), row("甲", "1次"), row("乙")]) == ["第 1 行指标“甲”的指标值"]


def test_a_removed_or_added_duplicate_row_is_named_by_its_row_number() -> None:
    before = [row("甲", "1次"), row("甲", "2次"), row("甲", "3次")]
    assert where(before, [row("甲", "1次"), row("甲", "3次")]) == ["删除第 2 行指标“甲”"]
    assert where(before, [*before[:1], row("甲", "9次"), *before[1:]]) == ["新增第 2 行指标“甲”"]


def test_unnamed_rows_are_named_by_their_row_number() -> None:
    before = [row(None, "1次"), row(None, "1次"), row(None, "1次")]
    assert where(before, [row(None, "1次"), row(None, "1次"), row(None, "2次")]) == ["第 3 行指标的指标值"]


def test_an_inserted_row_is_one_addition_not_a_change_of_every_row_below_it() -> None:
    before = [row("甲"), row("甲"), row("乙"), row("丙")]
    assert where(before, [row("丁"), *before]) == ["新增指标“丁”"]


def test_rows_in_another_order_are_one_change() -> None:
    assert where([row("甲"), row("乙")], [row("乙"), row("甲")]) == ["指标顺序"]


def test_projects_of_the_same_code_pair_in_order_and_none_is_lost() -> None:
    def document(*projects: Project) -> TargetDocument:
        return TargetDocument(2024, "万元", Department("D", "某局"), projects=list(projects))

    first, second = project([row("甲")], "P1", "一"), project([row("乙")], "P1", "二")
    changes = diff_documents(document(first, second), document(first))
    assert [change.where for change in changes] == ["删除项目“二”"]


# Names and values from small alphabets, so most documents have duplicated rows.
rows = st.lists(
    st.builds(row, st.sampled_from(["甲", "乙", "丙", None]), st.sampled_from(["1次", "2次"])), min_size=1, max_size=12
)


def name_of(rows: list[Indicator], index: int) -> str:
    name = rows[index].level3 or ""
    unique = name and sum((other.level3 or "") == name for other in rows) == 1
    if unique:
        return f"指标“{name}”"
    return f"第 {index + 1} 行指标“{name}”" if name else f"第 {index + 1} 行指标"


@given(rows, st.data())
def test_a_changed_row_is_named_by_its_own_row_whatever_rows_repeat(
    before: list[Indicator], data: st.DataObject
) -> None:
    index = data.draw(st.integers(0, len(before) - 1))
    after = [*before[:index], row(before[index].level3, "新值"), *before[index + 1 :]]
    assert where(before, after) == [f"{name_of(before, index)}的指标值"]


def same_run(rows: list[Indicator], first: int, last: int) -> bool:
    """Whether rows first..last (either order) are copies of one row: removing any of them is the same edit."""
    low, high = min(first, last), max(first, last)
    return all(rows[k] == rows[low] for k in range(low, high + 1))


@given(rows, st.data())
def test_a_removed_row_is_named_by_its_row_among_copies_of_it(before: list[Indicator], data: st.DataObject) -> None:
    index = data.draw(st.integers(0, len(before) - 1))
    after = before[:index] + before[index + 1 :]
    (change,) = diff_projects(project(before), project(after))
    named = [k for k in range(len(before)) if change.where == f"删除{name_of(before, k)}"]
    assert named and same_run(before, named[0], index)


@given(rows, st.data())
def test_an_added_row_is_named_by_its_row_among_copies_of_it(before: list[Indicator], data: st.DataObject) -> None:
    index = data.draw(st.integers(0, len(before)))
    after = [*before[:index], row("甲", "1次"), *before[index:]]
    (change,) = diff_projects(project(before), project(after))
    named = [k for k in range(len(after)) if change.where == f"新增{name_of(after, k)}"]
    assert named and same_run(after, named[0], index)


def test_the_diff_is_linear_in_the_rows() -> None:
    def seconds(n: int) -> float:
        before = [row(None, f"{k}次") for k in range(n)]  # unnamed rows: the old code searched the list for each
        after = [*before[: n // 2], row(None, "新值"), *before[n // 2 :]]
        start = time.perf_counter()
        diff_projects(project(before), project(after))
        return time.perf_counter() - start

    small, large = min(seconds(2_000) for _ in range(3)), min(seconds(20_000) for _ in range(3))
    assert large < 40 * small + 0.05  # 10× the rows: about 10× the time (quadratic would be 100×)
