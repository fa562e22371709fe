"""What a target document may hold: lengths, characters and number sizes, checked before anything is stored."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest

from jixiao.domain import limits
from jixiao.domain.errors import JixiaoError
from jixiao.formats import read_path
from tests.conftest import SEED


@pytest.fixture
def project():  # type: ignore[no-untyped-def]
    return read_path(SEED).document.projects[0]


def test_the_seed_is_within_every_limit() -> None:
    limits.check_document(read_path(SEED).document)


def test_a_name_past_its_column_is_refused_naming_the_field(project) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(JixiaoError) as raised:
        limits.check_project(dataclasses.replace(project, name="长" * 301))
    assert raised.value.code == "limits.too_long"
    assert "“项目名称”有 301 个字符，超过了 300 个字符的上限" in str(raised.value)


def test_a_control_character_is_refused_naming_the_row_and_field(project) -> None:  # type: ignore[no-untyped-def]
    indicator = dataclasses.replace(project.indicators[1], level3="服务\x00对象")
    with pytest.raises(JixiaoError) as raised:
        limits.check_project(dataclasses.replace(project, indicators=[project.indicators[0], indicator]))
    assert raised.value.code == "limits.control"
    assert "第 2 行指标的“三级指标”含有不可见的控制字符（U+0000）" in str(raised.value)


@pytest.mark.parametrize("number", [Decimal("9" * 200), Decimal("1E+60"), Decimal("0." + "1" * 30), Decimal("NaN")])
def test_a_number_no_budget_has_is_refused(project, number: Decimal) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(JixiaoError, match="过大或位数过多") as raised:
        limits.check_project(dataclasses.replace(project, budget=dataclasses.replace(project.budget, total=number)))
    assert raised.value.code == "limits.number"


def test_real_amounts_pass(project) -> None:  # type: ignore[no-untyped-def]
    for total in (Decimal("123456789012.34"), Decimal("0.0001"), Decimal("5.00")):
        limits.check_project(dataclasses.replace(project, budget=dataclasses.replace(project.budget, total=total)))


def test_word_line_breaks_are_cleaned_in_every_text_of_a_document() -> None:
    document = read_path(SEED).document
    first = dataclasses.replace(document.projects[0], goal="第一\x0b第二", name="名\u2028称")
    cleaned = limits.cleaned(dataclasses.replace(document, projects=[first, *document.projects[1:]]))
    assert cleaned.projects[0].goal == "第一\n第二" and cleaned.projects[0].name == "名\n称"
    assert not any("\x0b" in text or "\u2028" in text for text in limits.texts(cleaned))
    assert cleaned.projects[1:] == document.projects[1:]
